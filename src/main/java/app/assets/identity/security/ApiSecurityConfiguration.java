package app.assets.identity.security;

import app.assets.base.api.ApiBodyLimitFilter;
import app.assets.base.api.ApiLimitProperties;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.ApiProblems;
import app.assets.base.api.ApiRateLimitFilter;
import app.assets.base.api.ApiRateLimiter;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The REST API's security (docs/security.md, "REST API"): a stateless chain for {@code /api/v1/**}
 * ahead of Vaadin's. Requests carry a signed JWT access token as {@code Authorization: Bearer} or
 * as the {@code access_token} cookie; no session is created or read, so there is no CSRF token
 * either (the cookies are SameSite=Lax and nothing else authenticates a request). Refusals are
 * problem details: 401 without a valid token, 403 without the permission, 429 over the caller's
 * rate limit; cross-origin calls only from the configured origins (base/api/ApiLimitProperties).
 */
@Configuration
class ApiSecurityConfiguration {

    @Bean
    @Order(5)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            JwtDecoder decoder,
            ApiProblems problems,
            ApiRateLimiter limiter,
            ApiLimitProperties limits,
            CorsConfigurationSource apiCors)
            throws Exception {
        var jwtProvider = new JwtAuthenticationProvider(decoder);
        jwtProvider.setJwtAuthenticationConverter(authenticationConverter());
        return http.securityMatcher(ApiPaths.ALL)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, ApiPaths.BASE + "/auth/**")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                ApiPaths.HEALTH,
                                ApiPaths.OPENAPI,
                                ApiPaths.OPENAPI + "/**",
                                ApiPaths.DOCS,
                                ApiPaths.DOCS + "/**",
                                ApiPaths.BASE + "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterAfter(new ApiCallLog(), SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiBodyLimitFilter(problems, limits), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new ApiRateLimitFilter(limiter, problems), BearerTokenAuthenticationFilter.class)
                .cors(c -> c.configurationSource(apiCors))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .oauth2ResourceServer(o -> o.bearerTokenResolver(tokenResolver())
                        .jwt(j -> j.authenticationManager(new ProviderManager(jwtProvider)))
                        .authenticationEntryPoint((request, response, e) -> {
                            boolean badToken = e instanceof OAuth2AuthenticationException;
                            response.setHeader(
                                    "WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
                            problems.write(
                                    request,
                                    response,
                                    HttpStatus.UNAUTHORIZED,
                                    badToken ? "api.tokenInvalid" : "api.unauthorized");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "api.forbidden")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "api.unauthorized");
                        })
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "api.forbidden")))
                .build();
    }

    /** Authorities are the token's permission codes (no prefix); the principal's name is the email, as after a web sign-in. */
    private static JwtAuthenticationConverter authenticationConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("permissions");
        authorities.setAuthorityPrefix("");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName("email");
        return converter;
    }

    /**
     * The bearer header, else the {@code access_token} cookie. The sign-in endpoints read no access
     * token: a stale cookie must not stand in the way of signing in or refreshing.
     */
    private static BearerTokenResolver tokenResolver() {
        var header = new DefaultBearerTokenResolver();
        RequestMatcher auth = PathPatternRequestMatcher.withDefaults().matcher(ApiPaths.BASE + "/auth/**");
        return request -> {
            if (auth.matches(request)) {
                return null;
            }
            String token = header.resolve(request);
            return token != null ? token : cookie(request);
        };
    }

    private static String cookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (ApiTokens.ACCESS_COOKIE.equals(cookie.getName())
                    && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    @Bean
    JwtEncoder apiJwtEncoder(ApiSigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.signing()));
    }

    @Bean
    JwtDecoder apiJwtDecoder(ApiSigningKeys keys, ApiTokenProperties properties) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableJWKSet<>(keys.verifying())));
        // Spring's validators below decide about times and issuer (Nimbus's own check would run twice).
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        var decoder = new NimbusJwtDecoder(processor);
        // The issuer is a name ("assets"), not a URL: Spring's default claim conversion tries URI.toURL on it first and
        // catches the IllegalArgumentException, an exception with a deep stack on every call made with a token.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }
}
