package app.assets.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WireMock standing in for Zarinpal's v4 REST API (the real wire format): the settings that point
 * the application at it in sandbox mode, the request.json and verify.json answers the payment tests
 * give, and what the application sent it (the callback state, the verify calls). Being a
 * {@link WireMockServer}, anything else a test needs is stubbed and checked on it directly.
 */
public class ZarinpalStub extends WireMockServer {

    public static final String MERCHANT = "11111111-2222-3333-4444-555555555555";
    public static final String REQUEST = "/pg/v4/payment/request.json";
    public static final String VERIFY = "/pg/v4/payment/verify.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ZarinpalStub() {
        super(WireMockConfiguration.options().dynamicPort());
    }

    /** A stub on a free port, started; the caller stops it. */
    public static ZarinpalStub started() {
        var stub = new ZarinpalStub();
        stub.start();
        return stub;
    }

    /** Points the application at this stub: sandbox mode, the test merchant, this address. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("assets.payment.mode", () -> "sandbox");
        registry.add("assets.payment.merchant-id", () -> MERCHANT);
        registry.add("assets.payment.base-url", this::baseUrl);
    }

    /** request.json opens every payment under this authority (code 100), the merchant bearing {@code fee}. */
    public StubMapping requestGives(String authority, long fee) {
        return stubFor(post(urlEqualTo(REQUEST)).willReturn(okJson("""
                {"data": {"code": 100, "message": "Success", "authority": "%s", "fee_type": "Merchant", "fee": %d},
                 "errors": []}""".formatted(authority, fee))));
    }

    /** verify.json answers every payment with this body. */
    public StubMapping verifyAnswers(String body) {
        return stubFor(post(urlEqualTo(VERIFY)).willReturn(okJson(body)));
    }

    /** verify.json answers every payment with this body, {@code delay} late. */
    public StubMapping verifyAnswers(String body, Duration delay) {
        return stubFor(post(urlEqualTo(VERIFY)).willReturn(okJson(body).withFixedDelay((int) delay.toMillis())));
    }

    /** verify.json answers the payment of this authority with this body. */
    public StubMapping verifyAnswersFor(String authority, String body) {
        return stubFor(post(urlEqualTo(VERIFY))
                .withRequestBody(matchingJsonPath("$.authority", equalTo(authority)))
                .willReturn(okJson(body)));
    }

    /** verify.json's answer for a paid payment: {@code code} 100 (or 101, verified before), its ref id and fee. */
    public static String verified(int code, long refId, long fee) {
        return """
                {"data": {"code": %d, "message": "Verified", "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
                  "card_pan": "502229******5995", "ref_id": %d, "fee_type": "Merchant", "fee": %d}, "errors": []}""".formatted(code, refId, fee);
    }

    /** Zarinpal's refusal: a negative code and its message. */
    public static String refused(int code, String message) {
        return """
                {"data": [], "errors": {"code": %d, "message": "%s", "validations": []}}""".formatted(code, message);
    }

    /** The body of the last request.json the application sent. */
    public JsonNode lastRequest() {
        return JSON.readTree(
                findAll(postRequestedFor(urlEqualTo(REQUEST))).getLast().getBodyAsString());
    }

    /** The signed state in the callback address of the last request.json, as Zarinpal brings it back. */
    public String lastCallbackState() {
        return stateIn(lastRequest().path("callback_url").asString());
    }

    /** The signed state in a callback address. */
    public static String stateIn(String callbackUrl) {
        return URLDecoder.decode(
                URI.create(callbackUrl).getRawQuery().substring("state=".length()), StandardCharsets.UTF_8);
    }

    /** How many verify.json calls the application made since the last reset. */
    public int verifyCalls() {
        return findAll(postRequestedFor(urlEqualTo(VERIFY))).size();
    }
}
