package app.assets.api;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.assets.api.client.ApiClient;
import app.assets.api.client.ApiException;
import app.assets.api.client.api.AuthApi;
import app.assets.api.client.api.UsersApi;
import app.assets.api.client.api.WalletApi;
import app.assets.api.client.model.Login;
import app.assets.api.client.model.Problem;
import app.assets.api.client.model.Register;
import app.assets.api.client.model.StatementLine;
import app.assets.api.client.model.TransferRequest;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.wallet.service.WalletService;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The published document (docs/api/openapi.json) is usable by a client nobody here wrote: the
 * Java client that openapi-generator makes from it during the build (package
 * {@code app.assets.api.client}, in target/) signs up, signs in, reads and moves money over real
 * HTTP, and gets refusals as its own {@link ApiException}. The test side only verifies the email
 * and funds the wallet, as the emailed link and staff would.
 */
class GeneratedClientTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WalletService wallet;

    @Autowired
    ApplicationContext context;

    @Test
    void theGeneratedClientSignsUpSignsInAndMovesMoney() throws Exception {
        String sender = uniqueEmail("client-sender");
        new AuthApi(client(null))
                .register(new Register()
                        .email(sender)
                        .password(PASSWORD)
                        .displayName("Generated Client")
                        .language("en"));
        var users = new TestUsers(accounts, jdbc);
        accounts.verifyEmail(users.lastToken(sender, "/verify-email"));
        String recipient = uniqueEmail("client-recipient");
        users.verified(recipient);

        String token = signIn(sender);
        var me = new UsersApi(client(token)).me();
        assertThat(me.getEmail()).isEqualTo(sender);
        assertThat(me.getRoles()).containsExactly("USER");
        fund(me.getId(), 10_000);

        var senderWallet = new WalletApi(client(token));
        assertThat(senderWallet.balance().getAvailable()).isEqualTo(10_000);
        var recipientWallet = new WalletApi(client(signIn(recipient)));
        long before = recipientWallet.balance().getPosted();

        String key = UUID.randomUUID().toString();
        var request =
                new TransferRequest().recipientEmail(recipient).amount(2_500L).note("rent");
        var sent = senderWallet.transferWithHttpInfo(key, request);
        var retried = senderWallet.transfer(key, request);

        assertThat(sent.getStatusCode()).isEqualTo(201);
        assertThat(retried.getTransactionId())
                .as("the same Idempotency-Key answers the first result")
                .isEqualTo(sent.getData().getTransactionId());
        assertThat(recipientWallet.balance().getPosted()).isEqualTo(before + 2_500);
        assertThat(senderWallet.balance().getPosted()).isEqualTo(7_500);

        var page = senderWallet.transactions(0, 1, null);
        assertThat(page.getTotal()).as("the funding and the transfer").isEqualTo(2);
        assertThat(page.getItems()).hasSize(1);
        StatementLine newest = page.getItems().getFirst();
        assertThat(newest.getAmount()).isEqualTo(-2_500);
        assertThat(newest.getCounterparty()).isEqualTo(recipient);
        assertThat(newest.getAt()).isNotNull();
        assertThat(senderWallet.transactions(1, 1, null).getItems().getFirst().getType())
                .isEqualTo("ADJUSTMENT");
    }

    @Test
    void refusalsArriveAsTheGeneratedApiExceptionWithTheProblem() throws Exception {
        String email = uniqueEmail("client-refused");
        new TestUsers(accounts, jdbc).verified(email);
        var client = client(signIn(email));

        ApiException broke = catchThrowableOfType(
                ApiException.class,
                () -> new WalletApi(client)
                        .transfer(
                                UUID.randomUUID().toString(),
                                new TransferRequest()
                                        .recipientEmail("auditor@assets.local")
                                        .amount(10L)));
        ApiException anonymous = catchThrowableOfType(ApiException.class, () -> new WalletApi(client(null)).balance());
        ApiException wrongPassword = catchThrowableOfType(
                ApiException.class,
                () -> new AuthApi(client(null)).login(new Login().email(email).password("not-the-password")));

        assertThat(broke.getCode()).isEqualTo(422);
        Problem problem = client.getObjectMapper().readValue(broke.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo("api.invalid");
        assertThat(problem.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getField()).isEqualTo("amount");
            assertThat(error.getCode()).isEqualTo("money.insufficient");
        });
        assertThat(broke.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(anonymous.getCode()).isEqualTo(401);
        assertThat(wrongPassword.getCode()).isEqualTo(401);
        assertThat(client.getObjectMapper()
                        .readValue(wrongPassword.getResponseBody(), Problem.class)
                        .getCode())
                .isEqualTo("api.auth.failed");
    }

    @Test
    void theClientsJackson2LeavesTheApplicationOnJackson3() {
        // The generated client needs com.fasterxml (Jackson 2) on the test classpath; Spring Boot 4's
        // Jackson 2 support is a module of its own (spring-boot-jackson2) that stays out, so the
        // application's JSON is still written by Jackson 3 alone.
        assertThat(context.getBeanNamesForType(com.fasterxml.jackson.databind.ObjectMapper.class))
                .isEmpty();
        assertThat(context.getBeanNamesForType(tools.jackson.databind.json.JsonMapper.class))
                .isNotEmpty();
    }

    /** A generated client of this server; with a token, every request carries it as a bearer token. */
    private ApiClient client(String accessToken) {
        var client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (accessToken != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        }
        return client;
    }

    private String signIn(String email) throws ApiException {
        var tokens = new AuthApi(client(null)).login(new Login().email(email).password(PASSWORD));
        assertThat(tokens.getTokenType()).isEqualTo("Bearer");
        return tokens.getAccessToken();
    }

    private void fund(long userId, long rials) {
        actAs("admin@assets.local");
        try {
            wallet.adjust(UUID.randomUUID(), userId, rials, "test funds");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
