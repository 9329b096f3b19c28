package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import app.assets.support.WebIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The alert rules (ops/prometheus/alerts.yml) and the Grafana dashboard (ops/grafana/dashboards/assets.json) query
 * only metrics a running node really exposes: a rule on a misspelt name would never fire.
 */
class MonitoringMetricsTest extends WebIntegrationTest {

    /** A metric selector in PromQL: a name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{");
    /** Not the application's: Prometheus's own, and what ops/backup.sh writes for node_exporter. */
    private static final Set<String> NOT_FROM_THE_APPLICATION =
            Set.of("up", "assets_backup_last_success_timestamp_seconds");

    @Autowired
    MockMvc mvc;

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsExposed() throws Exception {
        mvc.perform(get("/actuator/health").with(from("127.0.0.1")));
        String scrape = mvc.perform(get("/actuator/prometheus").with(from("127.0.0.1")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var exposed = new TreeSet<String>();
        scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> exposed.add(l.split("[{ ]", 2)[0]));

        var queried = new TreeSet<String>();
        for (String file : new String[] {"ops/prometheus/alerts.yml", "ops/grafana/dashboards/assets.json"}) {
            var matcher = SELECTOR.matcher(Files.readString(Path.of(file)).replace("{{", ""));
            while (matcher.find()) {
                queried.add(matcher.group(1));
            }
        }
        queried.removeAll(NOT_FROM_THE_APPLICATION);

        assertThat(queried)
                .contains(
                        "http_server_requests_seconds_bucket",
                        "ledger_check_ok",
                        "payment_gateway_calls_total",
                        "notifications_dead_letters",
                        "hikaricp_connections_timeout_total");
        assertThat(exposed).containsAll(queried);
    }
}
