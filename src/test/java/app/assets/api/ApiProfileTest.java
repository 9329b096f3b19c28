package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code PATCH /api/v1/users/me} with ETag and If-Match, and the notification choices under
 * {@code /users/me/notifications}, as a mobile client calls them over HTTP.
 */
class ApiProfileTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String token;
    String email;

    @BeforeEach
    void signIn() {
        api = ApiClient.on(port);
        email = uniqueEmail("api-profile");
        new TestUsers(accounts, jdbc).verified(email);
        token = api.accessToken(email);
    }

    @Test
    void aChangeNeedsTheETagOfTheLastReadAndLeavesOutFieldsAlone() {
        Reply me = api.get("/api/v1/users/me", bearer(token));
        String etag = me.header("ETag");
        assertThat(etag).matches("\"\\d+\"");
        String name = me.body().get("displayName").asString();

        Reply without = api.send("PATCH", "/api/v1/users/me", Map.of("language", "fa"), bearer(token));
        assertThat(without.status()).isEqualTo(428);
        assertThat(without.body().get("code").asString()).isEqualTo("api.ifMatchRequired");

        Reply changed = api.send(
                "PATCH",
                "/api/v1/users/me",
                Map.of("language", "fa", "phone", "+989121234567"),
                bearer(token, "If-Match", etag));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.body().get("language").asString()).isEqualTo("fa");
        assertThat(changed.body().get("phone").asString()).isEqualTo("+989121234567");
        assertThat(changed.body().get("displayName").asString())
                .as("a field left out stays")
                .isEqualTo(name);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        Reply stale = api.send(
                "PATCH",
                "/api/v1/users/me",
                Map.of("displayName", "Someone else"),
                bearer(token, "If-Match", etag, "Accept-Language", "fa"));
        assertThat(stale.status()).as("based on an old read").isEqualTo(412);
        assertThat(stale.body().get("detail").asString()).contains("نمایه");
        assertThat(api.get("/api/v1/users/me", bearer(token))
                        .body()
                        .get("displayName")
                        .asString())
                .isEqualTo(name);

        Reply again = api.send(
                "PATCH",
                "/api/v1/users/me",
                Map.of("displayName", "Nour"),
                bearer(token, "If-Match", "W/" + changed.header("ETag")));
        assertThat(again.status())
                .as("a weak tag of the current version is fine")
                .isEqualTo(200);
        assertThat(again.body().get("displayName").asString()).isEqualTo("Nour");
    }

    @Test
    void badFieldsAre422ForThatFieldAndChangeNothing() {
        String etag = api.get("/api/v1/users/me", bearer(token)).header("ETag");
        Reply blank = api.send(
                "PATCH",
                "/api/v1/users/me",
                Map.of("displayName", "  ", "language", "fa"),
                bearer(token, "If-Match", etag));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.body().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
        Reply phone = api.send("PATCH", "/api/v1/users/me", Map.of("phone", "0912"), bearer(token, "If-Match", etag));
        assertThat(phone.status()).isEqualTo(422);
        assertThat(phone.body().get("errors").get(0).get("field").asString()).isEqualTo("phone");
        Reply me = api.get("/api/v1/users/me", bearer(token));
        assertThat(me.header("ETag")).as("nothing was written").isEqualTo(etag);
        assertThat(me.body().get("language").asString()).isEqualTo("en");
    }

    @Test
    void twoDevicesChangingTheSameVersionAtOnceOneWinsOneIsTold() throws Exception {
        String etag = api.get("/api/v1/users/me", bearer(token)).header("ETag");
        var start = new CountDownLatch(1);
        Callable<Integer> first = () -> {
            start.await();
            return api.send(
                            "PATCH",
                            "/api/v1/users/me",
                            Map.of("displayName", "Phone"),
                            bearer(token, "If-Match", etag))
                    .status();
        };
        Callable<Integer> second = () -> {
            start.await();
            return api.send(
                            "PATCH",
                            "/api/v1/users/me",
                            Map.of("displayName", "Laptop"),
                            bearer(token, "If-Match", etag))
                    .status();
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(first);
            var b = pool.submit(second);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 412);
        }
    }

    @Test
    void notificationChoicesAreReadAndChangedAllOrNothing() {
        Reply mine = api.get("/api/v1/users/me/notifications", bearer(token));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("MONEY").get("EMAIL").asBoolean()).isTrue();
        assertThat(mine.body().has("SECURITY"))
                .as("security notices are not a choice")
                .isFalse();

        Reply off = api.send(
                "PATCH", "/api/v1/users/me/notifications", Map.of("MONEY", Map.of("EMAIL", false)), bearer(token));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().get("MONEY").get("EMAIL").asBoolean()).isFalse();

        Reply needsPhone = api.send(
                "PATCH",
                "/api/v1/users/me/notifications",
                Map.of("ANNOUNCEMENTS", Map.of("EMAIL", false), "SUPPORT", Map.of("SMS", true)),
                bearer(token));
        assertThat(needsPhone.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/users/me/notifications", bearer(token))
                        .body()
                        .get("ANNOUNCEMENTS")
                        .get("EMAIL")
                        .asBoolean())
                .as("nothing half-written")
                .isTrue();

        assertThat(api.send(
                                "PATCH",
                                "/api/v1/users/me/notifications",
                                Map.of("SECURITY", Map.of("EMAIL", false)),
                                bearer(token))
                        .status())
                .isEqualTo(422);
        Reply unknown = api.send(
                "PATCH", "/api/v1/users/me/notifications", Map.of("MONEY", Map.of("PIGEON", true)), bearer(token));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("MONEY.PIGEON");
    }

    @Test
    void withoutATokenBothAre401() {
        assertThat(api.send("PATCH", "/api/v1/users/me", Map.of("displayName", "x"), "If-Match", "\"1\"")
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/users/me/notifications").status()).isEqualTo(401);
    }
}
