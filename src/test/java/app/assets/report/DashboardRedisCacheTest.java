package app.assets.report;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.service.DashboardService;
import app.assets.support.IntegrationTest;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With spring.cache.type=redis (the machine's Redis at 127.0.0.1:6379, keys under a prefix of this
 * run only) the dashboard is stored in Redis, read back from it, and removed when a day is computed.
 */
@WithUserDetails("admin@assets.local")
class DashboardRedisCacheTest extends IntegrationTest {

    static final String PREFIX = "assets-test-" + UUID.randomUUID() + ":";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.cache.type", () -> "redis");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> "6379");
        registry.add("spring.cache.redis.key-prefix", () -> PREFIX);
    }

    @Autowired
    DashboardService dashboards;

    @Autowired
    CacheManager caches;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeThisRunsKeys() {
        Set<String> keys = redis.keys(PREFIX + "*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }

    @Test
    void theDashboardIsStoredInRedisAndRemovedWhenADayIsComputed() {
        assertThat(caches).isInstanceOf(RedisCacheManager.class);
        var today = dashboards.today();
        dashboards.recompute(today);
        var filter = DashboardFilter.lastDays(today, 7);

        AdminDashboard first = dashboards.adminDashboard(filter);
        assertThat(redis.keys(PREFIX + "*"))
                .singleElement()
                .asString()
                .contains(DashboardService.ADMIN_DASHBOARD_CACHE);

        // served from Redis: a copy read back, equal to what was computed, while the table changed underneath
        jdbc.sql("update daily_aggregates set total_users = total_users + 1000 where report_date = ?")
                .param(today)
                .update();
        AdminDashboard second = dashboards.adminDashboard(filter);
        assertThat(second).isEqualTo(first).isNotSameAs(first);

        dashboards.recompute(today);
        assertThat(redis.keys(PREFIX + "*")).isEmpty();
        jdbc.sql("update daily_aggregates set total_users = total_users + 1000 where report_date = ?")
                .param(today)
                .update();
        assertThat(dashboards.adminDashboard(filter).totalUsers())
                .as("read afresh")
                .isEqualTo(first.totalUsers() + 1000);
        assertThat(redis.keys(PREFIX + "*")).hasSize(1);
    }
}
