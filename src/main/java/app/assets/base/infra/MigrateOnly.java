package app.assets.base.infra;

import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Applies the Flyway migrations to {@code spring.datasource.url} and exits: what the Kubernetes migration Job runs
 * (deploy/k8s/base/migrate-job.yaml) from the application's own image, so the schema moves before any new node starts
 * and with the migration role's credentials, while nodes run with {@code spring.flyway.enabled=false}. It is Spring
 * Boot's own Flyway set-up with the same {@code spring.flyway.*} settings as a node, and nothing else: no web server,
 * no broker, no schedules, no embedded PostgreSQL. Not a {@code @Configuration}, so the application's component scan
 * leaves it alone. Run it from the packaged jar with
 * {@code java -cp assets.jar -Dloader.main=app.assets.base.infra.MigrateOnly org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public final class MigrateOnly {

    private MigrateOnly() {}

    public static void main(String[] args) {
        run(args).close();
    }

    static ConfigurableApplicationContext run(String... args) {
        // A command-line argument outranks SPRING_FLYWAY_ENABLED=false from the nodes' shared ConfigMap.
        String[] withFlyway = Stream.concat(
                        Stream.of(args).filter(arg -> !arg.startsWith("--spring.flyway.enabled=")),
                        Stream.of("--spring.flyway.enabled=true"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MigrateOnly.class)
                .web(WebApplicationType.NONE)
                .run(withFlyway);
    }
}
