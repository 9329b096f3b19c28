package app.assets.payment.gateway;

import app.assets.payment.PaymentProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zarinpal's v4 REST API over HTTP: request, verify, unVerified and reverse, each with a connect
 * and a response timeout. Only verify and unVerified are retried (once, after a short pause):
 * verify is idempotent at Zarinpal (a repeat answers 101), unVerified only reads; request would
 * open a second session and reverse would be asked twice, so neither is repeated. Never throws:
 * every failure becomes a {@link GatewayReply}.
 */
@Component
public class ZarinpalClient {

    private static final Logger log = LoggerFactory.getLogger(ZarinpalClient.class);
    private static final String API = "/pg/v4/payment/";

    private final PaymentProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Counter> calls = new HashMap<>();

    public ZarinpalClient(PaymentProperties properties, MeterRegistry meters) {
        this.properties = properties;
        // every series from the start, so a rate over the first failure is not lost to a series that did not exist
        for (String method : List.of("request", "verify", "unVerified", "reverse")) {
            for (GatewayReply.Outcome outcome : GatewayReply.Outcome.values()) {
                String name = outcome.name().toLowerCase(Locale.ROOT);
                calls.put(
                        method + ".json " + outcome,
                        Counter.builder("payment.gateway.calls")
                                .description("Calls to Zarinpal by method and outcome")
                                .tag("method", method)
                                .tag("outcome", name)
                                .register(meters));
            }
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Opens a payment session; on success the reply carries the authority for StartPay. */
    public GatewayReply request(long amount, String callbackUrl, String description, String email, String mobile) {
        var body = new LinkedHashMap<String, Object>();
        body.put("merchant_id", properties.merchant());
        body.put("amount", amount);
        body.put("currency", "IRR");
        body.put("callback_url", callbackUrl);
        body.put("description", description);
        var metadata = new LinkedHashMap<String, Object>();
        if (email != null) {
            metadata.put("email", email);
        }
        if (mobile != null) {
            metadata.put("mobile", mobile);
        }
        body.put("metadata", metadata);
        return call("request.json", body, false);
    }

    /** Confirms a payment for the amount we stored (never one taken from a request). */
    public GatewayReply verify(String authority, long amount) {
        var body = new LinkedHashMap<String, Object>();
        body.put("merchant_id", properties.merchant());
        body.put("amount", amount);
        body.put("authority", authority);
        return call("verify.json", body, true);
    }

    /** Payments the gateway took that were never verified. */
    public GatewayReply unverified() {
        return call("unVerified.json", Map.of("merchant_id", properties.merchant()), true);
    }

    /** Gives a verified payment back to the payer's card (Zarinpal allows it for a short time). */
    public GatewayReply reverse(String authority) {
        var body = new LinkedHashMap<String, Object>();
        body.put("merchant_id", properties.merchant());
        body.put("authority", authority);
        return call("reverse.json", body, false);
    }

    /** The page the payer's browser is sent to. */
    public String startPayUrl(String authority) {
        return properties.gatewayUrl() + "/pg/StartPay/" + authority;
    }

    private GatewayReply call(String method, Map<String, Object> body, boolean retryable) {
        var reply = counted(method, once(method, body));
        if (retryable && reply.outcome() == GatewayReply.Outcome.UNAVAILABLE) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
            reply = counted(method, once(method, body));
        }
        return reply;
    }

    /** Counts each call by method and outcome ({@code payment_gateway_calls_total}): the "gateway down" alert reads it. */
    private GatewayReply counted(String method, GatewayReply reply) {
        calls.get(method + " " + reply.outcome()).increment();
        return reply;
    }

    private GatewayReply once(String method, Map<String, Object> body) {
        HttpResponse<String> response;
        try {
            var request = HttpRequest.newBuilder(URI.create(properties.gatewayUrl() + API + method))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            log.warn("Zarinpal {} timed out", method);
            return GatewayReply.unavailable("timeout");
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Zarinpal {} failed: {}", method, e.toString());
            return GatewayReply.unavailable("connection: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayReply.unavailable("interrupted");
        }
        if (response.statusCode() >= 500) {
            log.warn("Zarinpal {} answered HTTP {}", method, response.statusCode());
            return GatewayReply.unavailable("HTTP " + response.statusCode());
        }
        try {
            return parse(json.readTree(response.body()), response.statusCode());
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn(
                    "Zarinpal {} answered what is not its JSON (HTTP {}): {}",
                    method,
                    response.statusCode(),
                    e.getMessage());
            return GatewayReply.unavailable("malformed reply (HTTP " + response.statusCode() + ")");
        }
    }

    /** Reads {"data": {...}, "errors": []} or {"data": [], "errors": {"code": -n, "message": ...}}. */
    private static GatewayReply parse(JsonNode root, int httpStatus) {
        if (root == null || !root.isObject()) {
            return GatewayReply.unavailable("malformed reply (HTTP " + httpStatus + ")");
        }
        JsonNode errors = root.path("errors");
        if (errors.isObject() && errors.path("code").isNumber()) {
            return GatewayReply.refused(errors.path("code").asInt(), text(errors.path("message")));
        }
        JsonNode data = root.path("data");
        if (!data.isObject() || !data.path("code").isNumber()) {
            return GatewayReply.unavailable("malformed reply (HTTP " + httpStatus + ")");
        }
        int code = data.path("code").asInt();
        if (code != ZarinpalCodes.SUCCESS && code != ZarinpalCodes.ALREADY_VERIFIED) {
            return code < 0
                    ? GatewayReply.refused(code, text(data.path("message")))
                    : GatewayReply.unavailable("unexpected code " + code);
        }
        var unverified = new ArrayList<GatewayReply.Unverified>();
        for (JsonNode a : data.path("authorities")) {
            if (!a.path("authority").isString() || !a.path("amount").canConvertToLong()) {
                return GatewayReply.unavailable("malformed unVerified entry");
            }
            unverified.add(new GatewayReply.Unverified(
                    a.path("authority").asString(),
                    a.path("amount").asLong(),
                    text(a.path("callback_url")),
                    text(a.path("date"))));
        }
        Long fee = data.path("fee").canConvertToLong() ? data.path("fee").asLong() : null;
        String refId =
                data.path("ref_id").isMissingNode() || data.path("ref_id").isNull()
                        ? null
                        : data.path("ref_id").asString();
        return new GatewayReply(
                GatewayReply.Outcome.OK,
                code,
                text(data.path("message")),
                text(data.path("authority")),
                refId,
                text(data.path("card_pan")),
                fee,
                text(data.path("fee_type")),
                unverified);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
