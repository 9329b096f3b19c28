package app.assets.payment;

import app.assets.base.DevelopmentSecrets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Zarinpal top-up settings ({@code assets.payment.*}). The defaults run locally against the
 * built-in simulator; {@code mode=sandbox} or {@code mode=production} need a merchant id, and
 * production refuses to start with the public development state key. See docs/payments.md.
 *
 * @param mode            simulator (built-in, offline), sandbox (Zarinpal's sandbox) or production
 * @param merchantId      Zarinpal's 36-character merchant id
 * @param baseUrl         the gateway's address; empty means the mode's default
 * @param publicUrl       this application's public address, for the callback URL
 * @param stateKey        HMAC-SHA256 key that signs the callback state
 * @param stateTtl        how long a callback state stays valid
 * @param callbackAllowList addresses or CIDR ranges (203.0.113.0/24, 2001:db8::/32) a callback may come from; empty allows any
 * @param minAmount       smallest top-up in Rials
 * @param maxAmount       largest top-up in Rials
 * @param presets         amounts offered as buttons, in Rials
 * @param connectTimeout  connect timeout of every gateway call
 * @param readTimeout     response timeout of every gateway call
 * @param gracePeriod     how long a redirected payment waits before reconciliation verifies it
 * @param expireAfter     a redirected payment the gateway still reports unpaid after this is expired
 * @param alertEmail      who is mailed when reconciliation finds mismatches
 */
@ConfigurationProperties("assets.payment")
public record PaymentProperties(
        @DefaultValue("simulator") Mode mode,
        @DefaultValue("") String merchantId,
        @DefaultValue("") String baseUrl,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue(DEVELOPMENT_STATE_KEY) String stateKey,
        @DefaultValue("2h") Duration stateTtl,
        @DefaultValue("") List<String> callbackAllowList,
        @DefaultValue("10000") long minAmount,
        @DefaultValue("1000000000") long maxAmount,

        @DefaultValue({"100000", "500000", "1000000", "5000000"})
        List<Long> presets,

        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout,
        @DefaultValue("15m") Duration gracePeriod,
        @DefaultValue("1h") Duration expireAfter,
        @DefaultValue("admin@assets.local") String alertEmail) {

    /** Public, so never a secret: production refuses to start with it. */
    public static final String DEVELOPMENT_STATE_KEY = DevelopmentSecrets.PAYMENT_STATE_KEY;

    /** The simulator's merchant id (any 36 characters pass its validation). */
    public static final String SIMULATOR_MERCHANT = "00000000-0000-0000-0000-000000000000";

    /** Where payments go. */
    public enum Mode {
        SIMULATOR,
        SANDBOX,
        PRODUCTION
    }

    /** Whether a callback from this client address is let through the allow-list. */
    public boolean callbackAllowedFrom(String address) {
        if (callbackAllowList.isEmpty()) {
            return true;
        }
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return callbackAllowList.stream().anyMatch(entry -> new IpAddressMatcher(entry).matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    public PaymentProperties {
        callbackAllowList = callbackAllowList == null
                ? List.of()
                : callbackAllowList.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        presets = presets == null ? List.of() : List.copyOf(presets);
        for (String entry : callbackAllowList) {
            try {
                new IpAddressMatcher(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "assets.payment.callback-allow-list: not an address or range: " + entry, e);
            }
        }
        if (mode != Mode.SIMULATOR && (merchantId == null || merchantId.isBlank())) {
            throw new IllegalStateException("assets.payment.merchant-id is required when assets.payment.mode=" + mode);
        }
        if (mode == Mode.PRODUCTION && DEVELOPMENT_STATE_KEY.equals(stateKey)) {
            throw new IllegalStateException("Set assets.payment.state-key (ASSETS_PAYMENT_STATE_KEY) in production");
        }
        if (stateKey == null || stateKey.length() < 16) {
            throw new IllegalStateException("assets.payment.state-key must have at least 16 characters");
        }
        if (minAmount <= 0 || maxAmount < minAmount) {
            throw new IllegalStateException("assets.payment.min-amount and max-amount must satisfy 0 < min <= max");
        }
    }

    /** The merchant id sent to the gateway. */
    public String merchant() {
        return mode == Mode.SIMULATOR && (merchantId == null || merchantId.isBlank()) ? SIMULATOR_MERCHANT : merchantId;
    }

    /** The gateway's address without a trailing slash: configured, or the mode's default. */
    public String gatewayUrl() {
        String url = baseUrl != null && !baseUrl.isBlank()
                ? baseUrl
                : switch (mode) {
                    case PRODUCTION -> "https://payment.zarinpal.com";
                    case SANDBOX -> "https://sandbox.zarinpal.com";
                    case SIMULATOR -> publicUrl + SIMULATOR_PATH;
                };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Where the built-in simulator answers (only in simulator mode). */
    public static final String SIMULATOR_PATH = "/simulator/zarinpal";

    /** The callback endpoint's path. */
    public static final String CALLBACK_PATH = "/payment/callback";
}
