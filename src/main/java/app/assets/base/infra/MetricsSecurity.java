package app.assets.base.infra;

import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who may scrape /actuator/prometheus: only clients from {@code assets.metrics.scrape-from}
 * (addresses or CIDR ranges, comma separated; by default this machine only). Prometheus runs
 * beside the nodes on the internal network; the public reverse proxy does not forward this path. In
 * production actuator answers only on its own port (MANAGEMENT_SERVER_PORT, required by
 * {@link ProductionSettings}); this chain applies there too, as a second line.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain prometheusScrapeChain(
            HttpSecurity http, @Value("${assets.metrics.scrape-from:127.0.0.1/32,::1/128}") String scrapeFrom)
            throws Exception {
        var matchers = Arrays.stream(scrapeFrom.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
        return http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(a -> a.anyRequest()
                        .access((auth, context) -> new AuthorizationDecision(
                                matchers.stream().anyMatch(m -> m.matches(context.getRequest())))))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
