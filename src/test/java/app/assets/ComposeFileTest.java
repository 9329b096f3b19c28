package app.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as an operator would use it: the app runs in production mode, no secret has a
 * public default (compose stops until each is set), and nothing but the app is published: the mail
 * catcher exists only under the dev profile, RabbitMQ's management UI stays inside the network.
 * (.ci/run also has docker-compose check that the file is valid and refuses to render without secrets.)
 */
class ComposeFileTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) services().get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(String name) throws IOException {
        return (Map<String, Object>) service(name).get("environment");
    }

    @Test
    void theAppRunsInProductionModeWithoutDemoAccountsFundsOrSimulator() throws IOException {
        var app = environment("app");
        assertThat(app)
                .containsEntry("ASSETS_ENVIRONMENT", "production")
                .containsEntry("ASSETS_IDENTITY_DEMO_ACCOUNTS", "false")
                .containsEntry("ASSETS_WALLET_DEMO_FUNDS", "0")
                .containsEntry("ASSETS_PAYMENT_MODE", "production");
    }

    @Test
    void everySecretComesFromTheEnvironmentWithNoDefault() throws IOException {
        for (var service : List.of("app", "postgres", "rabbitmq")) {
            environment(service).forEach((name, value) -> {
                if (name.matches(
                        ".*(PASSWORD|PASS|KEY|KEYS_V\\d+|TOKEN|SECRET|ACCOUNT_SID|MERCHANT_ID|BASE_URL|MAIL_HOST)$")) {
                    assertThat(String.valueOf(value)).as(service + " " + name).matches(REQUIRED);
                }
            });
        }
    }

    @Test
    void onlyTheAppIsPublishedAndTheMailCatcherOnlyInTheDevProfile() throws IOException {
        assertThat(service("rabbitmq")).doesNotContainKey("ports");
        assertThat(service("postgres")).doesNotContainKey("ports");
        assertThat(service("mailpit").get("profiles")).isEqualTo(List.of("dev"));
        assertThat(service("app").get("depends_on"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("mailpit");
        assertThat(service("app").get("ports")).isEqualTo(List.of("8080:8080"));
    }
}
