package app.assets.support;

import app.assets.base.crypto.CryptoProperties;
import app.assets.base.crypto.FieldEncryptor;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The single-use link of the latest email to a recipient, read as the sender reads it: the stored
 * text shows it redacted, so the link is opened from its sealed column with the field keys the tests
 * run with (the default key of application.properties, and the second key of the rotation tests).
 */
public final class SentLinks {

    /** The development key of application.properties (not a secret). */
    public static final String KEY_V1 = "bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=";

    /** A second test key, active in the key rotation tests. */
    public static final String KEY_V2 = "cm90YXRpb24tdGVzdC1rZXktdjItMzItYnl0ZXMhISE=";

    private static final FieldEncryptor TEST_KEYS =
            new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1, "v2", KEY_V2), "v1"));

    private SentLinks() {}

    /** The real link (…/verify-email?token=…) of the newest email to {@code email} whose link goes to {@code path}. */
    public static String latest(JdbcClient jdbc, String email, String path) {
        var row = jdbc.sql("""
                        select delivery_id, secret_encrypted from notifications
                        where recipient = ? and channel = 'EMAIL' and carries_secret and body like ?
                        order by id desc limit 1""")
                .params(email.toLowerCase(Locale.ROOT), "%" + path + "?token=%")
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})
                .optional()
                .orElseThrow(() -> new IllegalStateException("No " + path + " link mailed to " + email));
        if (row[1] == null) {
            throw new IllegalStateException("The " + path + " link mailed to " + email + " was wiped (expired)");
        }
        return TEST_KEYS.decrypt((String) row[1], FieldEncryptor.context("notifications", "secret_encrypted", row[0]));
    }
}
