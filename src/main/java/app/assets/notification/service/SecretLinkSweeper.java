package app.assets.notification.service;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wipes the sealed single-use link of every notification whose link has expired: past its expiry it
 * opens nothing, so there is no reason to keep even its ciphertext. Idempotent, so every node may run it.
 */
@Component
public class SecretLinkSweeper {

    private final JdbcClient jdbc;
    private final Clock clock;

    SecretLinkSweeper(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns how many links were wiped. */
    @Scheduled(fixedDelayString = "${assets.notifications.secret-sweep:PT5M}", initialDelayString = "PT1M")
    public int wipeExpired() {
        return jdbc.sql("""
                        update notifications set secret_encrypted = null
                        where secret_encrypted is not null and secret_expires_at <= ?""").param(Timestamp.from(clock.instant())).update();
    }
}
