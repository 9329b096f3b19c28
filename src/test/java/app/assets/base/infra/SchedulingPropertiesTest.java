package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulingPropertiesTest {

    @Test
    void aLockHeldAtLeastAsLongAsTheShortestCronLockIsRefusedAtStartUp() {
        assertThat(new SchedulingProperties(true, Duration.ofSeconds(30)).lockAtLeastFor())
                .hasSeconds(30);
        assertThatThrownBy(() -> new SchedulingProperties(true, Duration.ofMinutes(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("assets.scheduling.lock-at-least-for");
        assertThatThrownBy(() -> new SchedulingProperties(true, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
