package app.assets.payment.gateway;

import app.assets.payment.PaymentProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zarinpal's v4 REST API over HTTP (Spring's {@link RestClient} on the JDK's client): request,
 * verify, unVerified and reverse, each with a connect and a response timeout. Only verify and
 * unVerified are retried (once, after a short pause, by Spring's {@link RetryTemplate}):
 * verify is idempotent at Zarinpal (a repeat answers 101), unVerified only reads; request would
 * open a second session and reverse would be asked twice, so neither is repeated. Never throws:
 * every failure becomes a {@link GatewayReply}.
 */
@Component
public class ZarinpalClient {

    private static final Logger log = LoggerFactory.getLogger(ZarinpalClient.class);
    private static final String API = "/pg/v4/payment/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PaymentProperties properties;
    private final RestClient rest;
    // verify and unVerified: once more after a short pause when the first call went unanswered
    private final RetryTemplate retryOnce = new RetryTemplate(RetryPolicy.builder()
            .includes(Unavailable.class)
            .maxRetries(1)
            .delay(Duration.ofMillis(200))
            .build());
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
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(properties.readTimeout());
        this.rest = RestClient.builder()
                .baseUrl(properties.gatewayUrl())
                .requestFactory(requests)
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
        if (!retryable) {
            return counted(method, once(method, body));
        }
        try {
            return retryOnce.invoke(() -> {
                var reply = counted(method, once(method, body));
                if (reply.outcome() == GatewayReply.Outcome.UNAVAILABLE) {
                    throw new Unavailable(reply);
                }
                return reply;
            });
        } catch (Unavailable e) {
            return e.reply;
        }
    }

    /** An unanswered call, thrown only so that {@link #retryOnce} repeats it. */
    private static final class Unavailable extends RuntimeException {
        private final transient GatewayReply reply;

        Unavailable(GatewayReply reply) {
            super(reply.message(), null, false, false);
            this.reply = reply;
        }
    }

    /** Counts each call by method and outcome ({@code payment_gateway_calls_total}): the "gateway down" alert reads it. */
    private GatewayReply counted(String method, GatewayReply reply) {
        calls.get(method + " " + reply.outcome()).increment();
        return reply;
    }

    private GatewayReply once(String method, Map<String, Object> body) {
        try {
            return rest.post()
                    .uri(API + method)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsString(body))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                        return reply(method, status, text);
                    });
        } catch (ResourceAccessException e) {
            var cause = NestedExceptionUtils.getMostSpecificCause(e);
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                log.warn("Zarinpal {} timed out", method);
                return GatewayReply.unavailable("timeout");
            }
            log.warn("Zarinpal {} failed: {}", method, cause.toString());
            return GatewayReply.unavailable("connection: " + cause.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            log.warn("Zarinpal {} failed: {}", method, e.toString());
            return GatewayReply.unavailable("connection: " + e.getClass().getSimpleName());
        }
    }

    private static GatewayReply reply(String method, int status, String text) {
        if (status >= 500) {
            log.warn("Zarinpal {} answered HTTP {}", method, status);
            return GatewayReply.unavailable("HTTP " + status);
        }
        try {
            return parse(JSON.readTree(text), status);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("Zarinpal {} answered what is not its JSON (HTTP {}): {}", method, status, e.getMessage());
            return GatewayReply.unavailable("malformed reply (HTTP " + status + ")");
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
