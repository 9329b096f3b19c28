package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /api/v1/reports/overview}: own figures for everyone, platform totals only with report.read.all. */
class ApiReportsTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
    }

    @Test
    void aUserGetsOwnFiguresOnly() {
        String email = uniqueEmail("api-report-user");
        new TestUsers(accounts, jdbc).verified(email);
        Reply overview = api.get("/api/v1/reports/overview", bearer(token(email)));
        assertThat(overview.status()).as(overview.text()).isEqualTo(200);
        assertThat(overview.body().get("own").get("available").asLong()).isZero();
        assertThat(overview.body().get("own").get("flows")).hasSize(30);
        assertThat(overview.body().get("platform").isNull())
                .as("no platform figures without report.read.all")
                .isTrue();
        assertThat(api.get("/api/v1/reports/overview").status()).isEqualTo(401);
    }

    @Test
    void anAdminGetsThePlatformTotalsForTheRangeAsked() {
        String admin = uniqueEmail("api-report-admin");
        long id = new TestUsers(accounts, jdbc).verified(admin);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'ADMIN')")
                .param(id)
                .update();
        Reply overview = api.get("/api/v1/reports/overview?from=2026-01-01&to=2026-01-31", bearer(token(admin)));
        assertThat(overview.status()).as(overview.text()).isEqualTo(200);
        var platform = overview.body().get("platform");
        assertThat(platform.get("from").asString()).isEqualTo("2026-01-01");
        assertThat(platform.get("to").asString()).isEqualTo("2026-01-31");
        assertThat(platform.has("totalUsers")).isTrue();
        assertThat(platform.get("payments").has("verified")).isTrue();

        Reply reversed = api.get("/api/v1/reports/overview?from=2026-02-01&to=2026-01-01", bearer(token(admin)));
        assertThat(reversed.status()).isEqualTo(422);
        Reply garbage = api.get("/api/v1/reports/overview?to=yesterday", bearer(token(admin), "Accept-Language", "fa"));
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.body().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    private String token(String email) {
        return api.accessToken(email);
    }
}
