package app.assets.listing.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The iCalendar feed, public by design: a calendar app fetches it with no session, and the
 * secret token in its path is the key. A chain of its own ahead of the application's, stateless
 * (no session is made, no request is saved); CSRF does not apply to a GET that changes nothing.
 */
@Configuration
class CalendarFeedSecurity {

    @Bean
    @Order(11)
    SecurityFilterChain calendarFeed(HttpSecurity http) throws Exception {
        return http.securityMatcher("/calendar/*.ics")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable())
                .build();
    }
}
