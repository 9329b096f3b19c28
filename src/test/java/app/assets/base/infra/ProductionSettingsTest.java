package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The production switch as an operator meets it: a Spring application started with the real
 * configuration files (application.properties with its published development defaults) and the
 * settings an operator would put in the environment. The application here has no beans of its
 * own, so a start-up that is (wrongly) allowed costs nothing; the check itself runs for every
 * Spring application of this code base.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsTest {

    /** Nothing but the configuration: what start-up does before any bean of Assets exists. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}

    /** A production configuration with nothing unsafe in it. */
    static Map<String, Object> safeProduction() {
        var settings = new HashMap<String, Object>();
        settings.put("assets.environment", "production");
        settings.put("assets.identity.demo-accounts", "false");
        settings.put("assets.wallet.demo-funds", "0");
        settings.put("assets.payment.mode", "production");
        settings.put("assets.payment.merchant-id", "11111111-2222-3333-4444-555555555555");
        settings.put("assets.crypto.keys.v1", "q5Ea3B3mTfV0Xy9dM2c1wO8rKj7hLp4nZs6uYe0iAgU=");
        settings.put("assets.identity.remember-me-key", "0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6");
        settings.put("assets.payment.state-key", "7c1e5a9b3d8f2a6c4e0b9d7f1a3c5e8b2d4f6a0c");
        settings.put("assets.identity.base-url", "https://assets.example.org");
        settings.put("spring.mail.host", "smtp.example.org");
        settings.put("assets.notifications.twilio.account-sid", "AC0123456789abcdef0123456789abcdef");
        settings.put("management.server.port", "8081");
        return settings;
    }

    static ConfigurableApplicationContext start(Map<String, Object> settings) {
        var application = new SpringApplication(NoBeans.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of());
        return application.run(settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    static UnsafeSettingsException refusal(Map<String, Object> settings) {
        var refused = catchThrowableOfType(
                UnsafeSettingsException.class, () -> start(settings).close());
        assertThat(refused).as("start-up refused").isNotNull();
        return refused;
    }

    @Test
    void productionWithTheDevelopmentDefaultsRefusesToStartAndNamesEveryProblemOnItsOwnLine(CapturedOutput output) {
        var refused = refusal(Map.of("assets.environment", "production"));

        assertThat(refused.problems()).hasSize(10);
        assertThat(refused.problems())
                .anySatisfy(p -> assertThat(p)
                        .startsWith("assets.identity.demo-accounts (ASSETS_IDENTITY_DEMO_ACCOUNTS) is true"))
                .anySatisfy(p ->
                        assertThat(p).startsWith("assets.wallet.demo-funds (ASSETS_WALLET_DEMO_FUNDS) is 20000000"))
                .anySatisfy(p -> assertThat(p).startsWith("assets.payment.mode (ASSETS_PAYMENT_MODE) is simulator"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("assets.crypto.keys.v1 (ASSETS_CRYPTO_KEYS_V1) is the published development key"))
                .anySatisfy(
                        p -> assertThat(p)
                                .startsWith(
                                        "assets.identity.remember-me-key (ASSETS_IDENTITY_REMEMBER_ME_KEY) is the published development value"))
                .anySatisfy(
                        p -> assertThat(p)
                                .startsWith(
                                        "assets.payment.state-key (ASSETS_PAYMENT_STATE_KEY) is the published development value"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("assets.identity.base-url (ASSETS_IDENTITY_BASE_URL) is http://localhost:8080"))
                .anySatisfy(p -> assertThat(p).startsWith("spring.mail.host (SPRING_MAIL_HOST) is not set"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("management.server.port (MANAGEMENT_SERVER_PORT) is not set:"
                                + " /actuator/prometheus would answer on the public port"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("assets.notifications.twilio.account-sid"
                                + " (ASSETS_NOTIFICATIONS_TWILIO_ACCOUNT_SID) is not set"));
        assertThat(refused.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        // The operator reads Spring Boot's failure report: every problem on a line of its own, no stack trace needed.
        assertThat(output).contains("APPLICATION FAILED TO START");
        refused.problems().forEach(p -> assertThat(output).contains(" - " + p + System.lineSeparator()));
        assertThat(output).doesNotContain(app.assets.base.DevelopmentSecrets.FIELD_ENCRYPTION_KEY);
    }

    @Test
    void productionWithRealSecretsAndServicesStarts() {
        try (var context = start(safeProduction())) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void metricsOnThePublicPortAreRefusedUnlessNotExposedAtAll() {
        var settings = safeProduction();
        settings.remove("management.server.port");
        assertThat(refusal(settings).problems())
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("management.server.port (MANAGEMENT_SERVER_PORT) is not set"));
        settings.put("management.endpoints.web.exposure.include", "health");
        try (var context = start(settings)) {
            assertThat(context.isActive())
                    .as("no metrics exposed: nothing to refuse")
                    .isTrue();
        }
    }

    @Test
    void developmentIsUncheckedAndStartsWithTheEmbeddedDefaults() {
        try (var context = start(Map.of())) {
            assertThat(context.getEnvironment().getProperty("assets.identity.demo-accounts"))
                    .isEqualTo("true");
        }
        try (var context = start(Map.of("assets.environment", "development"))) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void anUnknownEnvironmentIsRefusedRatherThanTreatedAsDevelopment() {
        assertThat(refusal(Map.of("assets.environment", "prod")).problems())
                .containsExactly(
                        "assets.environment (ASSETS_ENVIRONMENT) is 'prod': use 'production' or 'development'");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            assets.identity.demo-accounts           | true                                         | is true
            assets.wallet.demo-funds                | 1                                            | is 1:
            assets.payment.mode                     | SIMULATOR                                    | is simulator
            assets.crypto.keys.v1                   | bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ= | is the published development key
            assets.crypto.keys.v2                   | c2hvcnQta2V5                                 | is not the base64 of 32 random bytes
            assets.identity.remember-me-key         | change-me-in-production                      | is the published development value
            assets.identity.remember-me-key         | change-me                                    | is shorter than 32 bytes
            assets.payment.state-key                | local-development-callback-key-not-secret    | is the published development value
            assets.payment.state-key                | a-secret-of-31-bytes-0123456789                | is shorter than 32 bytes
            assets.identity.base-url                | http://assets.example.org                    | is http://assets.example.org
            spring.mail.host                        | ' '                                          | is not set
            assets.notifications.twilio.account-sid | ''                                           | is not set
            assets.api.limits.allowed-origins       | http://partner.example                       | names http://partner.example
            management.server.port                  | 8080                                         | is 8080, the public port
            """)
    void eachUnsafeSettingAloneIsRefusedWithItsOwnLine(String property, String value, String problem) {
        var settings = safeProduction();
        settings.put(property, value);

        var problems = refusal(settings).problems();

        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst()).startsWith(ProductionSettings.named(property) + " " + problem);
    }
}
