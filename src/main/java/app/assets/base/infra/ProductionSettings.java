package app.assets.base.infra;

import app.assets.base.DevelopmentSecrets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The production switch: with {@code assets.environment=production} (ASSETS_ENVIRONMENT) the
 * application refuses to start while any setting is unsafe, and names every problem at once, one
 * line each (see {@link UnsafeSettingsException}). It runs once the configuration is read and
 * before any bean exists, so nothing (no embedded database, no demo account) starts first.
 * Without the switch (development) nothing is checked: one command runs everything with the
 * embedded services and demo accounts.
 */
public final class ProductionSettings implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "assets.environment";
    public static final String PRODUCTION = "production";
    public static final String DEVELOPMENT = "development";

    /** Shortest secret (in bytes) accepted for the remember-me and payment state keys: as long as an AES-256 key. */
    public static final int MIN_SECRET_BYTES = 32;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new UnsafeSettingsException(problems);
        }
    }

    /** After the configuration files and environment variables are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** What is unsafe in this environment: nothing outside production; one line per problem in it. */
    public static List<String> problems(Environment environment) {
        var binder = Binder.get(environment);
        String mode =
                binder.bind(PROPERTY, String.class).orElse(DEVELOPMENT).strip().toLowerCase(Locale.ROOT);
        if (mode.equals(DEVELOPMENT)) {
            return List.of();
        }
        if (!mode.equals(PRODUCTION)) {
            return List.of(named(PROPERTY) + " is '" + mode + "': use '" + PRODUCTION + "' or '" + DEVELOPMENT + "'");
        }
        var problems = new ArrayList<String>();
        if (binder.bind("assets.identity.demo-accounts", Boolean.class).orElse(false)) {
            problems.add(named("assets.identity.demo-accounts")
                    + " is true: demo accounts with a published password would be" + " created; set it to false");
        }
        long demoFunds = binder.bind("assets.wallet.demo-funds", Long.class).orElse(0L);
        if (demoFunds > 0) {
            problems.add(named("assets.wallet.demo-funds") + " is " + demoFunds
                    + ": money would be created from nothing; set it to 0");
        }
        if (binder.bind("assets.payment.mode", String.class)
                .orElse("simulator")
                .strip()
                .equalsIgnoreCase("simulator")) {
            problems.add(
                    named("assets.payment.mode") + " is simulator: anyone could top up without paying; set production"
                            + " (with ASSETS_PAYMENT_MERCHANT_ID)");
        }
        Map<String, String> keys =
                new TreeMap<>(binder.bind("assets.crypto.keys", Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of()));
        keys.forEach((version, key) -> {
            String name = named("assets.crypto.keys." + version);
            if (DevelopmentSecrets.FIELD_ENCRYPTION_KEY.equals(key.strip())) {
                problems.add(name + " is the published development key: set a random one (openssl rand -base64 32)");
            } else if (decodedLength(key) < MIN_SECRET_BYTES) {
                problems.add(name + " is not the base64 of 32 random bytes: set one (openssl rand -base64 32)");
            }
        });
        secret(binder, "assets.identity.remember-me-key", DevelopmentSecrets.REMEMBER_ME_KEY, problems);
        secret(binder, "assets.payment.state-key", DevelopmentSecrets.PAYMENT_STATE_KEY, problems);
        String baseUrl = binder.bind("assets.identity.base-url", String.class)
                .orElse("http://localhost:8080")
                .strip();
        if (!baseUrl.toLowerCase(Locale.ROOT).startsWith("https://")) {
            problems.add(named("assets.identity.base-url") + " is " + baseUrl
                    + ": the public address must start with https://" + " (emailed links and cookies depend on it)");
        }
        binder.bind("assets.api.limits.allowed-origins", String[].class).ifBound(origins -> {
            for (String origin : origins) {
                if (!origin.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
                    problems.add(named("assets.api.limits.allowed-origins") + " names " + origin.strip()
                            + ": only https:// origins may call the API with a user's cookies");
                }
            }
        });
        metricsOnTheirOwnPort(binder, problems);
        if (blank(environment.getProperty("spring.mail.host"))) {
            problems.add(named("spring.mail.host")
                    + " is not set: email (verification and reset links) would be captured in the"
                    + " database instead of sent; configure an SMTP server");
        }
        if (blank(binder.bind("assets.notifications.twilio.account-sid", String.class)
                .orElse(null))) {
            problems.add(named("assets.notifications.twilio.account-sid")
                    + " is not set: SMS and WhatsApp would be captured" + " instead of sent; configure Twilio");
        }
        return List.copyOf(problems);
    }

    /**
     * Prometheus's scrape (every user's request counts, payment and queue figures) must not be on the port the
     * public proxy forwards to: actuator gets a port of its own (management.server.port) that only Prometheus
     * and the orchestrator's probes reach. The address allow-list on the scrape (MetricsSecurity) stays as a
     * second line.
     */
    private static void metricsOnTheirOwnPort(Binder binder, List<String> problems) {
        boolean metricsExposed = binder
                .bind("management.endpoints.web.exposure.include", String[].class)
                .map(List::of)
                .orElse(List.of())
                .stream()
                .map(String::strip)
                .anyMatch(endpoint -> endpoint.equals("prometheus") || endpoint.equals("*"));
        if (!metricsExposed) {
            return;
        }
        Integer managementPort =
                binder.bind("management.server.port", Integer.class).orElse(null);
        int serverPort = binder.bind("server.port", Integer.class).orElse(8080);
        if (managementPort == null) {
            problems.add(named("management.server.port")
                    + " is not set: /actuator/prometheus would answer on the public port; set a port of its own"
                    + " that only Prometheus and the probes reach (e.g. 8081)");
        } else if (managementPort == serverPort) {
            problems.add(
                    named("management.server.port") + " is " + managementPort
                            + ", the public port (server.port): set a port of its own that only Prometheus and the probes reach");
        }
    }

    private static void secret(Binder binder, String property, String published, List<String> problems) {
        String value = binder.bind(property, String.class).orElse(published);
        if (value.equals(published)) {
            problems.add(named(property) + " is the published development value: set a random secret of at least "
                    + MIN_SECRET_BYTES + " bytes");
        } else if (value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            problems.add(
                    named(property) + " is shorter than " + MIN_SECRET_BYTES + " bytes: set a longer random secret");
        }
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip()).length;
        } catch (IllegalArgumentException notBase64) {
            return 0;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** "assets.identity.base-url (ASSETS_IDENTITY_BASE_URL)": the property and its environment variable. */
    static String named(String property) {
        return property + " ("
                + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
