package app.assets.base.infra;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether this node runs the scheduled jobs, and how they share them with other nodes (see
 * docs/architecture.md, "Several nodes").
 *
 * @param enabled         false on web-only nodes: no job is scheduled here (worker nodes, or a single node, keep true)
 * @param lockAtLeastFor  every cron job's lock is held at least this long, so a node whose clock runs behind cannot
 *                        run a tick another node has just finished; must stay below the shortest cron period (5 min)
 */
@ConfigurationProperties("assets.scheduling")
public record SchedulingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration lockAtLeastFor) {

    /** The shortest lockAtMostFor of a cron job (report-aggregates-today); a longer lockAtLeastFor would break it. */
    static final Duration SHORTEST_CRON_LOCK = Duration.ofMinutes(4);

    public SchedulingProperties {
        if (lockAtLeastFor.isNegative() || lockAtLeastFor.compareTo(SHORTEST_CRON_LOCK) >= 0) {
            throw new IllegalArgumentException("assets.scheduling.lock-at-least-for must be between 0 and "
                    + SHORTEST_CRON_LOCK + ", not " + lockAtLeastFor);
        }
    }
}
