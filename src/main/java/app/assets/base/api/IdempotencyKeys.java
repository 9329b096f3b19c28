package app.assets.base.api;

import app.assets.base.crypto.Digests;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API's {@code Idempotency-Key}: the first request with a key fixes its fingerprint
 * (table {@code api_idempotency_keys}); a later request with the key and the same fingerprint is
 * a retry, with another fingerprint a conflict (409). The key also names the request id the use
 * case is idempotent by (the ledger's idempotency key), so retries, racing ones included, are
 * answered by the first result and move money once.
 */
@Service
public class IdempotencyKeys {

    public static final int KEY_MAX = 100;

    private final JdbcClient jdbc;

    public IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for this user, operation and request content, and returns the request id
     * to run the use case with; refuses a missing or overlong key (400) and a key already used for
     * other content (409). Committed at once, so a racing retry sees the claim.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public UUID claim(long userId, String key, String operation, String... content) {
        checkKey(key);
        // The claim's commit need not wait for the disk: the use case's own commit comes later in
        // the same write-ahead log, so once the money moved durably the claim is durable too, and
        // a claim lost in a crash before that only lets the retry claim the key afresh.
        jdbc.sql("select set_config('synchronous_commit', 'off', true)")
                .query(String.class)
                .single();
        return insert(userId, key, operation, content);
    }

    /**
     * Like {@link #claim}, in the use case's own transaction (which must be running and must not
     * have changed anything yet), so the claim commits or rolls back with what the use case does,
     * at no commit of its own. A racing retry's claim waits on the first one's uncommitted row (the
     * unique key) until that transaction ends: if it committed, the retry sees the claim and runs
     * the use case again with the same request id, which the use case recognises as done and
     * answers with the first result; if it rolled back (a refusal, nothing moved), the key is free
     * again and the retry claims it afresh.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID claimWithin(long userId, String key, String operation, String... content) {
        checkKey(key);
        return insert(userId, key, operation, content);
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > KEY_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "api.idempotencyKeyRequired");
        }
    }

    private UUID insert(long userId, String key, String operation, String... content) {
        String fingerprint = Digests.sha256Hex(operation + "\n" + String.join("\n", nullsAsEmpty(content)));
        // One statement: a new key is inserted; a known one is "updated" to itself, which returns
        // the first request's fingerprint even when that request committed after this statement
        // began (a plain select in the same statement would not see it).
        String first = jdbc.sql("""
                        insert into api_idempotency_keys (user_id, idempotency_key, operation, request_hash)
                        values (?, ?, ?, ?)
                        on conflict (user_id, idempotency_key)
                        do update set request_hash = api_idempotency_keys.request_hash
                        returning request_hash""")
                .params(userId, key, operation, fingerprint)
                .query(String.class)
                .single();
        if (!first.equals(fingerprint)) {
            throw new ApiException(HttpStatus.CONFLICT, "api.idempotencyConflict");
        }
        return UUID.nameUUIDFromBytes((userId + "\n" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] nullsAsEmpty(String[] content) {
        var copy = content.clone();
        for (int i = 0; i < copy.length; i++) {
            // A length prefix keeps ("a\nb", "c") and ("a", "b\nc") apart.
            copy[i] = copy[i] == null ? "-" : copy[i].length() + ":" + copy[i];
        }
        return copy;
    }
}
