package app.assets.base.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Versioned AES-256 keys (base64) for field encryption, and the version new values use. */
@ConfigurationProperties("assets.crypto")
public record CryptoProperties(Map<String, String> keys, String activeVersion) {
    public CryptoProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
