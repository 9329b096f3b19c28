package app.assets.identity.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HMAC keys that sign and verify API access tokens, by key id: every configured key verifies,
 * the active one signs. HMAC because only this application issues and reads the tokens; every
 * node shares the same configured keys.
 */
@Component
class ApiSigningKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger log = LoggerFactory.getLogger(ApiSigningKeys.class);
    private static final int MIN_BYTES = 32;

    private final JWKSet all;
    private final JWKSet active;
    private final String activeKeyId;

    ApiSigningKeys(ApiTokenProperties properties) {
        List<JWK> keys = new ArrayList<>();
        properties.keys().forEach((kid, secret) -> {
            byte[] bytes = Base64.getDecoder().decode(secret.trim());
            if (bytes.length < MIN_BYTES) {
                throw new IllegalStateException(
                        "assets.api.tokens.keys." + kid + " must be at least " + MIN_BYTES + " bytes");
            }
            keys.add(key(kid, bytes));
        });
        if (keys.isEmpty()) {
            byte[] bytes = new byte[MIN_BYTES];
            RANDOM.nextBytes(bytes);
            keys.add(key("dev-" + UUID.randomUUID().toString().substring(0, 8), bytes));
            log.warn("No assets.api.tokens.keys configured: API tokens are signed with a random key made now and stop "
                    + "working at restart and on other nodes. Configure keys in production (docs/api.md).");
        }
        this.activeKeyId =
                properties.activeKey() != null && !properties.activeKey().isBlank()
                        ? properties.activeKey()
                        : keys.getFirst().getKeyID();
        var signing = keys.stream()
                .filter(k -> k.getKeyID().equals(activeKeyId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "assets.api.tokens.active-key " + activeKeyId + " is not configured"));
        this.all = new JWKSet(keys);
        this.active = new JWKSet(signing);
    }

    private static JWK key(String kid, byte[] secret) {
        return new OctetSequenceKey.Builder(secret)
                .keyID(kid)
                .algorithm(JWSAlgorithm.HS256)
                .keyUse(KeyUse.SIGNATURE)
                .build();
    }

    JWKSet verifying() {
        return all;
    }

    JWKSet signing() {
        return active;
    }

    String activeKeyId() {
        return activeKeyId;
    }
}
