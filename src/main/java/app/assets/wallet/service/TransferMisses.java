package app.assets.wallet.service;

import app.assets.base.crypto.Digests;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Distinct addresses without an account that a user tried to transfer to in the last {@code
 * assets.wallet.transfer-pause.window} (24 hours). From {@code
 * assets.wallet.transfer-pause.unknown-recipients} (5) on, the user's transfers pause (to any address, so the pause says
 * nothing about the next address either): a transfer is the one answer that must differ between a
 * registered address and an unregistered one, and this keeps anyone from asking it at scale.
 * Recorded in a transaction of its own, so the refused transfer's rollback keeps the record.
 */
@Service
@Transactional(propagation = Propagation.REQUIRES_NEW)
class TransferMisses {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WalletProperties.TransferPause pause;

    TransferMisses(JdbcClient jdbc, Clock clock, WalletProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pause = properties.transferPause();
    }

    /** Whether the user's transfers are paused now. */
    @Transactional(readOnly = true)
    public boolean paused(long userId) {
        return recent(userId) >= pause.unknownRecipients();
    }

    /** How long a pause lasts at most, in hours (for the paused sender's message). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public long pauseHours() {
        return pause.window().toHours();
    }

    /** Records a transfer the user tried to this address without an account. */
    public void record(long userId, String email) {
        jdbc.sql("""
                        insert into transfer_misses (user_id, recipient_hash, missed_at) values (?, ?, ?)
                        on conflict (user_id, recipient_hash) do update set missed_at = excluded.missed_at""")
                .params(userId, Digests.sha256Hex(email), Timestamp.from(clock.instant()))
                .update();
    }

    private int recent(long userId) {
        Instant since = clock.instant().minus(pause.window());
        return jdbc.sql("select count(*) from transfer_misses where user_id = ? and missed_at > ?")
                .params(userId, Timestamp.from(since))
                .query(Integer.class)
                .single();
    }
}
