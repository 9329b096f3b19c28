package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** What the Kubernetes migration Job runs: every migration applied to an empty database, and nothing else started. */
class MigrateOnlyTest {

    @Test
    void migratesAnEmptyDatabaseEvenWhenFlywayIsSwitchedOffForNodesAndStartsNothingElse() throws Exception {
        String url = TestServices.newDatabase();

        try (var context = MigrateOnly.run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                // what nodes are told (deploy/k8s ConfigMap); the migration runs regardless
                "--spring.flyway.enabled=false")) {
            assertThat(context.getBeanNamesForType(org.springframework.amqp.rabbit.connection.ConnectionFactory.class))
                    .isEmpty();
            assertThat(context.containsBean("lockProvider")).isFalse();
        }

        var jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", ""));
        var migrations = new java.io.File("src/main/resources/db/migration").list((dir, name) -> name.endsWith(".sql"));
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                        .query(Integer.class)
                        .single())
                .isEqualTo(migrations.length);
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_name = 'ledger_entries'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
