package app.assets.base;

/**
 * The secrets a local run falls back to when none is configured. They are published (in this
 * source and in application.properties), so they protect nothing: with
 * {@code assets.environment=production} the application refuses to start while any of them is in
 * use (see {@code base/infra/ProductionSettings}).
 */
public final class DevelopmentSecrets {

    /** Default of {@code assets.identity.remember-me-key}. */
    public static final String REMEMBER_ME_KEY = "change-me-in-production";

    /** Default of {@code assets.payment.state-key}. */
    public static final String PAYMENT_STATE_KEY = "local-development-callback-key-not-secret";

    /** {@code assets.crypto.keys.v1} in application.properties: base64 of "local-development-key-not-secret". */
    public static final String FIELD_ENCRYPTION_KEY = "bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=";

    private DevelopmentSecrets() {}
}
