package app.assets.payment.service;

import app.assets.payment.PaymentProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The signed state in a callback URL: payment id, the payment's nonce and the time it was issued,
 * with an HMAC-SHA256 over them ({@code <id>.<nonce>.<epoch seconds>.<base64url mac>}). Binding
 * the callback to one payment this way means a forged, altered or expired callback is recognised
 * before the gateway is asked anything.
 */
@Component
class CallbackState {

    /** Why a state was refused. */
    enum Problem {
        MALFORMED,
        BAD_SIGNATURE,
        EXPIRED
    }

    /** A state whose signature checked out. */
    record Claims(long paymentId, String nonce, Instant issuedAt) {}

    /** Either claims or the problem with the state. */
    record Checked(Claims claims, Problem problem) {}

    private final PaymentProperties properties;
    private final Clock clock;

    CallbackState(PaymentProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    String sign(long paymentId, String nonce) {
        String payload = paymentId + "." + nonce + "." + clock.instant().getEpochSecond();
        return payload + "." + mac(payload);
    }

    Checked check(String state) {
        if (state == null || state.length() > 300) {
            return new Checked(null, Problem.MALFORMED);
        }
        String[] parts = state.split("\\.", -1);
        if (parts.length != 4) {
            return new Checked(null, Problem.MALFORMED);
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(
                mac(payload).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return new Checked(null, Problem.BAD_SIGNATURE);
        }
        long id;
        Instant issued;
        try {
            id = Long.parseLong(parts[0]);
            issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return new Checked(null, Problem.MALFORMED);
        }
        if (issued.plus(properties.stateTtl()).isBefore(clock.instant())) {
            return new Checked(null, Problem.EXPIRED);
        }
        return new Checked(new Claims(id, parts[1], issued), null);
    }

    private String mac(String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.stateKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
