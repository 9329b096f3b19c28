package app.assets.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.assets.support.WebIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Twilio's status callbacks: a valid signature updates the notification, a bad one is refused. */
@TestPropertySource(
        properties = {
            "assets.notifications.twilio.account-sid=AC00000000000000000000000000000002",
            "assets.notifications.twilio.auth-token=callback-secret",
            "assets.notifications.twilio.sms-from=+15550003333",
            "assets.notifications.twilio.status-callback-url=https://assets.example/webhooks/twilio/status",
            "assets.notifications.consumers=false"
        })
class TwilioStatusCallbackTest extends WebIntegrationTest {

    static final String URL = "https://assets.example/webhooks/twilio/status";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCorrectlySignedCallbackRecordsTheDeliveryStatus() throws Exception {
        String sid = notification();
        var params = Map.of(
                "MessageSid", sid, "MessageStatus", "delivered", "AccountSid", "AC00000000000000000000000000000002");
        mvc.perform(post("/webhooks/twilio/status")
                        .header("X-Twilio-Signature", sign(params, "callback-secret"))
                        .param("MessageSid", sid)
                        .param("MessageStatus", "delivered")
                        .param("AccountSid", "AC00000000000000000000000000000002"))
                .andExpect(status().isNoContent());
        assertThat(providerStatus(sid)).isEqualTo("delivered");
    }

    @Test
    void anInvalidSignatureIsRefusedAndChangesNothing() throws Exception {
        String sid = notification();
        var params = Map.of("MessageSid", sid, "MessageStatus", "failed");
        mvc.perform(post("/webhooks/twilio/status")
                        .header("X-Twilio-Signature", sign(params, "not-the-secret"))
                        .param("MessageSid", sid)
                        .param("MessageStatus", "failed"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/webhooks/twilio/status").param("MessageSid", sid).param("MessageStatus", "failed"))
                .andExpect(status().isForbidden());
        assertThat(providerStatus(sid)).isNull();
        assertThat(jdbc.sql("select status from notifications where provider_id = ?")
                        .param(sid)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");
    }

    @Test
    void aSignedUndeliveredStatusMarksTheNotificationFailed() throws Exception {
        String sid = notification();
        var params = Map.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "30003");
        mvc.perform(post("/webhooks/twilio/status")
                        .header("X-Twilio-Signature", sign(params, "callback-secret"))
                        .param("MessageSid", sid)
                        .param("MessageStatus", "undelivered")
                        .param("ErrorCode", "30003"))
                .andExpect(status().isNoContent());
        assertThat(jdbc.sql("select status || ' ' || error_log from notifications where provider_id = ?")
                        .param(sid)
                        .query(String.class)
                        .single())
                .startsWith("FAILED")
                .contains("30003");
    }

    /** Twilio's scheme, written out independently of the SDK: HMAC-SHA1 over the URL and the sorted name+value pairs. */
    static String sign(Map<String, String> params, String token) throws Exception {
        var data = new StringBuilder(URL);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private String notification() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                        insert into notifications (delivery_id, event, category, channel, recipient, language, body, status,
                                                   provider_id, sent_at)
                        values (?, 'TOPUP_SUCCEEDED', 'MONEY', 'SMS', '+989120000000', 'en', 'x', 'SENT', ?, now())""").params(UUID.randomUUID(), sid).update();
        return sid;
    }

    private String providerStatus(String sid) {
        return jdbc.sql("select provider_status from notifications where provider_id = ?")
                .param(sid)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                .single()
                .orElse(null);
    }
}
