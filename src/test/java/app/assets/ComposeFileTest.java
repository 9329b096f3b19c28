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
 * docker-compose.yml as an operator would use it: two web nodes and a worker of the Jib image in
 * production mode behind nginx, no secret with a public default (compose stops until each is set),
 * nothing published but nginx and Grafana (on loopback), the mail catcher only under the dev profile,
 * and the nodes working as a database role apart from the one that migrates the schema.
 * (.ci/run also has docker-compose check that the file is valid and refuses to render without secrets.)
 */
class ComposeFileTest {

    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
    private static final List<String> NODES = List.of("web1", "web2", "worker");

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
        var environment = (Map<String, Object>) service(name).get("environment");
        return environment == null ? Map.of() : environment;
    }

    @Test
    void everyNodeRunsTheImageInProductionModeWithoutDemoAccountsFundsOrSimulator() throws IOException {
        for (var node : NODES) {
            assertThat(String.valueOf(service(node).get("image"))).as(node).contains("assets:");
            assertThat(service(node)).as(node).doesNotContainKey("build");
            assertThat(environment(node))
                    .as(node)
                    .containsEntry("ASSETS_ENVIRONMENT", "production")
                    .containsEntry("ASSETS_IDENTITY_DEMO_ACCOUNTS", "false")
                    .containsEntry("ASSETS_WALLET_DEMO_FUNDS", "0")
                    .containsEntry("ASSETS_PAYMENT_MODE", "production")
                    .containsEntry("ASSETS_FORWARD_HEADERS", "native");
        }
    }

    @Test
    void webNodesServeAndTheWorkerConsumesAndSchedules() throws IOException {
        for (var web : List.of("web1", "web2")) {
            assertThat(environment(web))
                    .as(web)
                    .containsEntry("ASSETS_NOTIFICATIONS_CONSUMERS", "false")
                    .containsEntry("ASSETS_SCHEDULING_ENABLED", "false");
        }
        assertThat(environment("worker"))
                .containsEntry("ASSETS_NOTIFICATIONS_CONSUMERS", "true")
                .containsEntry("ASSETS_SCHEDULING_ENABLED", "true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void metricsAreScrapedOnTheManagementPortWhichNginxNeverProxies() throws IOException {
        for (var node : NODES) {
            assertThat(environment(node)).as(node).containsEntry("MANAGEMENT_SERVER_PORT", "8081");
        }
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("ops/prometheus/prometheus.yml")));
        var job = ((List<Map<String, Object>>) prometheus.get("scrape_configs"))
                .stream()
                        .filter(j -> "assets".equals(j.get("job_name")))
                        .findFirst()
                        .orElseThrow();
        assertThat(String.valueOf(job.get("static_configs")))
                .contains("web-1:8081", "web-2:8081", "worker-1:8081")
                .doesNotContain(":8080");
        assertThat(Files.readString(Path.of("ops/nginx/assets.conf"))).doesNotContain(":8081");
    }

    @Test
    void theNodesWorkAsTheApplicationRoleAndMigrateAsTheOwner() throws IOException {
        for (var node : NODES) {
            assertThat(environment(node))
                    .as(node)
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "assets_app")
                    .containsEntry("SPRING_FLYWAY_USER", "assets_owner");
        }
        assertThat(service("postgres").get("volumes"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .anySatisfy(volume -> assertThat(String.valueOf(volume))
                        .startsWith("./ops/postgres/init-roles.sh:/docker-entrypoint-initdb.d/"));
    }

    @Test
    void everySecretComesFromTheEnvironmentWithNoDefault() throws IOException {
        for (var service : services().keySet()) {
            environment(service).forEach((name, value) -> {
                if (name.matches(
                        ".*(PASSWORD|PASS|KEY|KEYS_V\\d+|TOKEN|SECRET|ACCOUNT_SID|MERCHANT_ID|BASE_URL|MAIL_HOST)$")) {
                    assertThat(String.valueOf(value)).as(service + " " + name).matches(REQUIRED);
                }
            });
        }
    }

    @Test
    void onlyNginxAndGrafanaArePublishedAndTheMailCatcherOnlyInTheDevProfile() throws IOException {
        for (var name : services().keySet()) {
            if (!List.of("nginx", "grafana", "mailpit").contains(name)) {
                assertThat(service(name)).as(name).doesNotContainKey("ports");
            }
        }
        assertThat(service("nginx").get("ports")).isEqualTo(List.of("80:80", "443:443"));
        assertThat(service("grafana").get("ports")).isEqualTo(List.of("127.0.0.1:3000:3000"));
        assertThat(service("mailpit").get("profiles")).isEqualTo(List.of("dev"));
        for (var node : NODES) {
            assertThat(service(node).get("depends_on"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKeys("postgres", "rabbitmq", "redis")
                    .doesNotContainKey("mailpit");
        }
    }
}
