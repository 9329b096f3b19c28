package app.assets.payment.simulator;

import app.assets.payment.PaymentProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A stand-in for Zarinpal that speaks its v4 wire format (request, verify, unVerified, reverse)
 * and serves a StartPay page where the payer chooses to pay or cancel, so a top-up works offline.
 * Sessions live in memory. It exists only when {@code assets.payment.mode=simulator}: in sandbox
 * and production this bean, its routes and their security exemption are absent.
 */
@RestController
@RequestMapping(PaymentProperties.SIMULATOR_PATH)
@ConditionalOnProperty(prefix = "assets.payment", name = "mode", havingValue = "simulator", matchIfMissing = true)
public class ZarinpalSimulator {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State {
        OPEN,
        PAID,
        CANCELLED,
        VERIFIED,
        REVERSED
    }

    private static final class Session {
        final String authority;
        final long amount;
        final String callbackUrl;
        final String description;
        volatile State state = State.OPEN;
        volatile long refId;

        Session(String authority, long amount, String callbackUrl, String description) {
            this.authority = authority;
            this.amount = amount;
            this.callbackUrl = callbackUrl;
            this.description = description;
        }
    }

    /** Sessions kept at most, and for a day at most: a local tool, not a store (Caffeine evicts beyond). */
    static final int MAX_SESSIONS = 10_000;

    private final Cache<String, Session> cache;
    private final Map<String, Session> sessions;
    private final AtomicLong refIds = new AtomicLong(100_000_000L);
    private final String ownCallback;

    @Autowired
    public ZarinpalSimulator(PaymentProperties properties) {
        this(properties, MAX_SESSIONS);
    }

    ZarinpalSimulator(PaymentProperties properties, int maxSessions) {
        this.ownCallback = properties.publicUrl() + PaymentProperties.CALLBACK_PATH;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .expireAfterWrite(Duration.ofDays(1))
                .build();
        this.sessions = cache.asMap();
    }

    @PostMapping(path = "/pg/v4/payment/request.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> request(@RequestBody Map<String, Object> body) {
        long amount = number(body.get("amount"));
        String callback = body.get("callback_url") instanceof String s ? s : "";
        String description = body.get("description") instanceof String s ? s : "";
        if (!(body.get("merchant_id") instanceof String m)
                || m.length() != 36
                || amount < 1000
                || !isOwnCallback(callback)
                || description.isBlank()) {
            return error(-9, "The input params invalid, validation error.");
        }
        var authority = new StringBuilder("S");
        for (int i = 0; i < 35; i++) {
            authority.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        sessions.put(authority.toString(), new Session(authority.toString(), amount, callback, description));
        var data = new LinkedHashMap<String, Object>();
        data.put("code", 100);
        data.put("message", "Success");
        data.put("authority", authority.toString());
        data.put("fee_type", "Merchant");
        data.put("fee", 0);
        return ok(data);
    }

    @PostMapping(path = "/pg/v4/payment/verify.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Map<String, Object>> verify(@RequestBody Map<String, Object> body) {
        var session = sessions.get(String.valueOf(body.get("authority")));
        if (session == null) {
            return error(-54, "Invalid authority.");
        }
        if (number(body.get("amount")) != session.amount) {
            return error(-50, "Session is not valid, amounts values is not the same.");
        }
        if (session.state == State.OPEN || session.state == State.CANCELLED || session.state == State.REVERSED) {
            return error(-51, "Session is not valid, session is not active paid try.");
        }
        int code = session.state == State.VERIFIED ? 101 : 100;
        if (session.state == State.PAID) {
            session.state = State.VERIFIED;
            session.refId = refIds.incrementAndGet();
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("code", code);
        data.put("message", code == 100 ? "Paid" : "Verified");
        data.put("card_hash", "0000000000000000000000000000000000000000000000000000000000000000");
        data.put("card_pan", "502229******5995");
        data.put("ref_id", session.refId);
        data.put("fee_type", "Merchant");
        data.put("fee", 0);
        return ok(data);
    }

    @PostMapping(path = "/pg/v4/payment/unVerified.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> unverified(@RequestBody Map<String, Object> body) {
        List<Map<String, Object>> list = new ArrayList<>();
        sessions.values().stream()
                .filter(s -> s.state == State.PAID)
                .forEach(s -> list.add(Map.of(
                        "authority",
                        s.authority,
                        "amount",
                        s.amount,
                        "callback_url",
                        s.callbackUrl,
                        "referer",
                        "",
                        "date",
                        "")));
        return ok(new LinkedHashMap<>(Map.of("code", 100, "message", "Success", "authorities", list)));
    }

    @PostMapping(path = "/pg/v4/payment/reverse.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public synchronized ResponseEntity<Map<String, Object>> reverse(@RequestBody Map<String, Object> body) {
        var session = sessions.get(String.valueOf(body.get("authority")));
        if (session == null) {
            return error(-54, "Invalid authority.");
        }
        if (session.state != State.VERIFIED) {
            return error(-61, "Session is not in success status.");
        }
        session.state = State.REVERSED;
        return ok(new LinkedHashMap<>(Map.of("code", 100, "message", "Reversed")));
    }

    /** The payer's page: the amount, and a choice to pay or cancel. */
    @GetMapping(path = "/pg/StartPay/{authority}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> startPay(@PathVariable String authority) {
        var session = sessions.get(authority);
        if (session == null || session.state != State.OPEN) {
            return ResponseEntity.status(404)
                    .contentType(MediaType.TEXT_HTML)
                    .body(
                            "<!doctype html><meta charset=utf-8><title>Zarinpal simulator</title><p>Invalid authority.</p>");
        }
        String base = PaymentProperties.SIMULATOR_PATH + "/pg/finish/" + HtmlUtils.htmlEscape(authority);
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Zarinpal simulator</title>
                <style>
                  body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
                  main{background:#fff;border-radius:12px;padding:2rem;max-width:26rem;width:90%%;box-shadow:0 2px 12px rgba(0,0,0,.1)}
                  .amount{font-size:1.6rem;font-weight:600;margin:.5rem 0 1.5rem}
                  .note{color:#666;font-size:.9rem}
                  a{display:inline-block;padding:.7rem 1.4rem;border-radius:8px;text-decoration:none;margin-inline-end:.6rem}
                  #pay{background:#1a7f37;color:#fff} #cancel{background:#eee;color:#333}
                </style></head>
                <body><main>
                  <p class="note">Zarinpal simulator (local runs only): no real money moves.</p>
                  <h1>%s</h1>
                  <p class="amount" id="amount">%,d IRR</p>
                  <a id="pay" href="%s/OK">Pay</a><a id="cancel" href="%s/NOK">Cancel</a>
                  <p class="note">Authority <code>%s</code></p>
                </main></body></html>
                """.formatted(
                HtmlUtils.htmlEscape(session.description), session.amount, base, base, HtmlUtils.htmlEscape(authority));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }

    /** The payer chose: back to the merchant's callback with Authority and Status, as Zarinpal does. */
    @GetMapping("/pg/finish/{authority}/{status}")
    public ResponseEntity<Void> finish(@PathVariable String authority, @PathVariable String status) {
        var session = sessions.get(authority);
        if (session == null) {
            return ResponseEntity.notFound().build();
        }
        boolean paid = "OK".equals(status);
        synchronized (this) {
            if (session.state == State.OPEN) {
                session.state = paid ? State.PAID : State.CANCELLED;
            }
        }
        String target = UriComponentsBuilder.fromUriString(session.callbackUrl)
                .queryParam("Authority", authority)
                .queryParam("Status", paid ? "OK" : "NOK")
                .build()
                .toUriString();
        return ResponseEntity.status(302).header("Location", target).build();
    }

    /**
     * Only this application's own callback: the simulator's payer page redirects there, so any
     * other address would make it an open redirect.
     */
    private boolean isOwnCallback(String callback) {
        return callback.equals(ownCallback) || callback.startsWith(ownCallback + "?");
    }

    /** How many sessions are kept, after pending evictions. */
    long sessionCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> data) {
        var body = new LinkedHashMap<String, Object>();
        body.put("data", data);
        body.put("errors", List.of());
        return ResponseEntity.ok(body);
    }

    private static ResponseEntity<Map<String, Object>> error(int code, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("data", List.of());
        body.put("errors", Map.of("code", code, "message", message, "validations", List.of()));
        return ResponseEntity.ok(body);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? -1 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
