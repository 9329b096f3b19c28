package app.assets.base.infra;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the {@code @Scheduled} jobs in this node unless {@code assets.scheduling.enabled=false} (web-only nodes), and
 * makes every job marked {@code @SchedulerLock} run once per tick across all nodes: ShedLock's JDBC provider keeps a
 * row per job in the {@code shedlock} table, timed by the database's clock. ShedLock rather than code of our own: it
 * is maintained, and its lock outlives a crashed node only until the job's lockAtMostFor.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "assets.scheduling.enabled", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    LockProvider lockProvider(DataSource dataSource, SchedulingProperties properties) {
        log.info(
                "Scheduled jobs run in this node, each tick on one node only (cron locks held at least {})",
                properties.lockAtLeastFor());
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
