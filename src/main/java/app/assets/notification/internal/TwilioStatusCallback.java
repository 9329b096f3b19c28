package app.assets.notification.internal;

import app.assets.audit.AuditLog;
import app.assets.notification.NotificationProperties;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives Twilio's message status callbacks and records the provider's status on the
 * notification. The {@code X-Twilio-Signature} is checked with the SDK's validator over the
 * configured callback URL and the posted parameters; anything else is refused with 403.
 */
@RestController
class TwilioStatusCallback {

    static final String PATH = "/webhooks/twilio/status";
    private static final Set<String> FAILED = Set.of("failed", "undelivered");

    private final NotificationProperties properties;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    TwilioStatusCallback(NotificationProperties properties, JdbcClient jdbc, AuditLog audit) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @PostMapping(PATH)
    @Transactional
    public ResponseEntity<Void> status(
            HttpServletRequest request,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
        var twilio = properties.twilio();
        if (!twilio.configured()) {
            return ResponseEntity.notFound().build();
        }
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        if (signature == null
                || !new RequestValidator(twilio.authToken()).validate(twilio.statusCallbackUrl(), params, signature)) {
            audit.failure("twilio.callback", "notification", null, "bad signature for " + params.get("MessageSid"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        String sid = params.get("MessageSid");
        String status = params.getOrDefault("MessageStatus", "");
        if (sid == null || status.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        if (FAILED.contains(status)) {
            jdbc.sql("""
                            update notifications set provider_status = ?, status = 'FAILED',
                                   error_log = coalesce(error_log || chr(10), '') || ? where provider_id = ?""")
                    .params(
                            status,
                            "Twilio reports " + status + " (error " + params.getOrDefault("ErrorCode", "?") + ")",
                            sid)
                    .update();
        } else {
            jdbc.sql("update notifications set provider_status = ? where provider_id = ?")
                    .params(status, sid)
                    .update();
        }
        return ResponseEntity.noContent().build();
    }
}
