package app.assets.payment.ui;

import app.assets.payment.PaymentProperties;
import java.util.ArrayList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The payment endpoints outside Vaadin: the callback, which a payer whose session has lapsed must
 * still reach (its state is HMAC-signed, so it needs no sign-in), and in simulator mode only the
 * simulator's gateway API and StartPay page. A chain of its own, ahead of the application's, so
 * that identity's security configuration need not know about payments; every other path stays
 * with that chain. CSRF does not apply: the callback is a GET, and the simulator's JSON API is
 * called server to server as Zarinpal's is.
 */
@Configuration
class PaymentWebSecurity {

    @Bean
    @Order(10)
    SecurityFilterChain paymentEndpoints(HttpSecurity http, PaymentProperties properties) throws Exception {
        var paths = new ArrayList<String>();
        paths.add(PaymentProperties.CALLBACK_PATH);
        if (properties.mode() == PaymentProperties.Mode.SIMULATOR) {
            paths.add(PaymentProperties.SIMULATOR_PATH + "/**");
        }
        return http.securityMatcher(paths.toArray(String[]::new))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable())
                .build();
    }
}
