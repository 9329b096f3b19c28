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
        if (key == null || key.isBlank() || key.length() > KEY_MAX) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "api.idempotencyKeyRequired");
        }
        String fingerprint = Digests.sha256Hex(operation + "\n" + String.join("\n", nullsAsEmpty(content)));
        jdbc.sql("""
                        insert into api_idempotency_keys (user_id, idempotency_key, operation, request_hash)
                        values (?, ?, ?, ?) on conflict do nothing""").params(userId, key, operation, fingerprint).update();
        String first = jdbc.sql(
                        "select request_hash from api_idempotency_keys where user_id = ? and idempotency_key = ?")
                .params(userId, key)
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
