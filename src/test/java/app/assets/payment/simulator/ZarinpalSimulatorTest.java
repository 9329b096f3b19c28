package app.assets.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.payment.PaymentProperties;
import app.assets.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The built-in simulator cannot be turned into an open redirect, nor filled without bound. */
class ZarinpalSimulatorTest extends IntegrationTest {

    static final String MERCHANT = "11111111-2222-3333-4444-555555555555";

    @Autowired
    ZarinpalSimulator simulator;

    @Autowired
    PaymentProperties properties;

    @Test
    void itOnlyTakesThisApplicationsOwnCallback() {
        String own = properties.publicUrl() + PaymentProperties.CALLBACK_PATH + "?state=abc";
        assertThat(code(simulator.request(request(own)).getBody())).isEqualTo(100);
        for (String foreign : new String[] {
            "https://evil.example/pay",
            properties.publicUrl() + ".evil.example" + PaymentProperties.CALLBACK_PATH,
            properties.publicUrl() + PaymentProperties.CALLBACK_PATH + "/../../elsewhere",
            "//evil.example" + PaymentProperties.CALLBACK_PATH
        }) {
            assertThat(code(simulator.request(request(foreign)).getBody()))
                    .as(foreign)
                    .isEqualTo(-9);
        }
    }

    @Test
    void itKeepsABoundedNumberOfSessions() {
        var small = new ZarinpalSimulator(properties, 5);
        String own = properties.publicUrl() + PaymentProperties.CALLBACK_PATH + "?state=abc";
        for (int i = 0; i < 50; i++) {
            assertThat(code(small.request(request(own)).getBody())).isEqualTo(100);
        }
        assertThat(small.sessionCount()).isLessThanOrEqualTo(5);
    }

    private static Map<String, Object> request(String callback) {
        return Map.of("merchant_id", MERCHANT, "amount", 10_000, "callback_url", callback, "description", "Top-up");
    }

    /** Zarinpal's result code: in "data" on success, in "errors" otherwise. */
    private static int code(Map<String, Object> body) {
        Object part = body.get("data") instanceof Map<?, ?> data ? data : body.get("errors");
        return ((Number) ((Map<?, ?>) part).get("code")).intValue();
    }
}
