package app.assets.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which client addresses the Zarinpal callback accepts: exact addresses and CIDR ranges, IPv4 and IPv6. */
class CallbackAllowListTest {

    static PaymentProperties allowing(String... entries) {
        return new PaymentProperties(
                PaymentProperties.Mode.SIMULATOR,
                "",
                "",
                "http://localhost:8080",
                PaymentProperties.DEVELOPMENT_STATE_KEY,
                Duration.ofHours(2),
                List.of(entries),
                10_000,
                1_000_000_000,
                List.of(100_000L),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                "admin@assets.local");
    }

    @Test
    void anEmptyListLetsEveryAddressThrough() {
        assertThat(allowing().callbackAllowedFrom("198.51.100.7")).isTrue();
    }

    @Test
    void exactAddressesAndRangesAreMatched() {
        var properties = allowing(" 203.0.113.0/24 ", "198.51.100.7", "2001:db8::/32");
        assertThat(properties.callbackAllowedFrom("203.0.113.250")).isTrue();
        assertThat(properties.callbackAllowedFrom("198.51.100.7")).isTrue();
        assertThat(properties.callbackAllowedFrom("2001:db8:0:1::5")).isTrue();
        assertThat(properties.callbackAllowedFrom("203.0.114.1")).isFalse();
        assertThat(properties.callbackAllowedFrom("198.51.100.8")).isFalse();
        assertThat(properties.callbackAllowedFrom("2001:db9::1")).isFalse();
        assertThat(properties.callbackAllowedFrom("")).isFalse();
        assertThat(properties.callbackAllowedFrom(null)).isFalse();
    }

    @Test
    void aMistypedEntryStopsTheApplicationFromStarting() {
        assertThatThrownBy(() -> allowing("203.0.113.0/33"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("203.0.113.0/33");
    }
}
