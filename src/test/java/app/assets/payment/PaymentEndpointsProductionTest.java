package app.assets.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.assets.payment.simulator.ZarinpalSimulator;
import app.assets.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * In production configuration the simulator does not exist: no bean, no routes, no security
 * exemption. The callback stays reachable without sign-in and without a CSRF token.
 */
@TestPropertySource(
        properties = {
            "assets.payment.mode=production",
            "assets.payment.merchant-id=11111111-2222-3333-4444-555555555555",
            "assets.payment.state-key=a-production-secret-for-this-test-only"
        })
class PaymentEndpointsProductionTest extends WebIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Test
    void theSimulatorHasNoBeanAndItsAddressesServeNothing() throws Exception {
        assertThat(context.getBeanNamesForType(ZarinpalSimulator.class)).isEmpty();
        var startPay = mvc.perform(get("/simulator/zarinpal/pg/StartPay/A0000000000000000000000000000000001"))
                .andReturn();
        assertThat(startPay.getResponse().getStatus()).as("StartPay").isNotEqualTo(200);
        var api = mvc.perform(post("/simulator/zarinpal/pg/v4/payment/request.json")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"merchant_id\": \"x\", \"amount\": 10000}"))
                .andReturn();
        assertThat(api.getResponse().getStatus()).as("request.json").isIn(302, 401, 403, 404);
        assertThat(api.getResponse().getContentAsString()).doesNotContain("authority");
    }

    @Test
    void theCallbackIsReachableAnonymouslyAndRefusesAForgedState() throws Exception {
        mvc.perform(get("/payment/callback")
                        .param("state", "1.abc.0.forged")
                        .param("Authority", "A1")
                        .param("Status", "OK"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/payment/result?refused=payment.callback.refused"));
    }
}
