package app.assets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The seeder's settings: demo accounts with their published password never go into a named database. */
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class SeedDatabaseSettingsTest {

    @AfterEach
    void forgetTheUrl() {
        System.clearProperty("seed.url");
    }

    @Test
    void seedingANamedDatabaseLeavesDemoAccountsOff() {
        System.setProperty("seed.url", "jdbc:postgresql://127.0.0.1:5432/assets_demo");
        assertThat(settings())
                .containsEntry("assets.identity.demo-accounts", "false")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/assets_demo");
    }

    @Test
    void aThrowAwayTestDatabaseMayHaveThem() {
        assertThat(settings()).containsEntry("assets.identity.demo-accounts", "true");
    }

    private static Map<String, Object> settings() {
        var settings = new HashMap<String, Object>();
        SeedDatabase.target((name, value) -> settings.put(name, value.get()));
        return settings;
    }
}
