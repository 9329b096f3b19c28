package app.assets.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.ZarinpalCodes;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every Zarinpal code and every value the payment views name has a message in English and Persian. */
class PaymentMessagesTest {

    @Test
    void everyGatewayCodeAndPaymentValueIsTranslated() throws IOException {
        var keys = new ArrayList<String>();
        ZarinpalCodes.ALL.forEach(code -> keys.add(ZarinpalCodes.messageKey(code)));
        keys.add(ZarinpalCodes.messageKey(12345));
        for (var status : PaymentStatus.values()) {
            keys.add("payment.status." + status);
            keys.add("payment.outcome." + status);
        }
        for (var purpose : TopUpPurpose.values()) {
            keys.add("payment.purpose." + purpose);
        }
        keys.addAll(List.of("reconciliation.kind.PENDING", "reconciliation.kind.DAILY", "txType.TOP_UP"));
        for (String bundle : List.of("messages.properties", "messages_fa.properties")) {
            var properties = new Properties();
            try (var in = new InputStreamReader(getClass().getResourceAsStream("/" + bundle), StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            assertThat(properties.stringPropertyNames()).as(bundle).containsAll(keys);
        }
        assertThat(ZarinpalCodes.messageKey(-54)).isEqualTo("zarinpal.code.-54");
        assertThat(ZarinpalCodes.messageKey(12345)).isEqualTo("zarinpal.code.unknown");
    }
}
