package oidcprovider;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID Connect provider (Spring Authorization Server) for tests, started in its own
 * Spring context on its own port, with one user and one client registered for Assets.
 * It lives outside {@code app.assets} so the application never scans it.
 */
@SpringBootConfiguration
public class TestOidcProvider {

    public static final String USERNAME = "oidc-user";
    public static final String PASSWORD = "oidc-password-123";
    public static final String EMAIL = "oidc.person@example.com";
    public static final String CLIENT_ID = "assets";
    public static final String CLIENT_SECRET = "assets-secret";

    /** Adds the email claims Assets links accounts by to the ID token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> emailClaims() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims()
                        .claim("email", EMAIL)
                        .claim("email_verified", true)
                        .claim("name", "Olga Oidc");
            }
        };
    }

    /**
     * Runs the provider in its own JVM: {@code port appPort registrationId}. A separate process,
     * because Vaadin replaces Spring Security's static context-holder strategy in the test JVM.
     */
    public static void main(String[] args) {
        start(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[2]);
    }

    /** Starts the provider on {@code port}, accepting the redirect to Assets at {@code appPort}. */
    public static ConfigurableApplicationContext start(int port, int appPort, String registrationId) {
        String client = "spring.security.oauth2.authorizationserver.client.assets.";
        return new SpringApplicationBuilder(TestOidcProvider.class)
                .sources(AutoConfig.class)
                .properties(Map.ofEntries(
                        Map.entry("server.port", port),
                        Map.entry("spring.config.name", "test-oidc-provider"),
                        Map.entry("spring.main.banner-mode", "off"),
                        Map.entry("spring.security.user.name", USERNAME),
                        Map.entry("spring.security.user.password", PASSWORD),
                        Map.entry("spring.security.oauth2.authorizationserver.issuer", "http://127.0.0.1:" + port),
                        Map.entry(client + "registration.client-id", CLIENT_ID),
                        Map.entry(client + "registration.client-secret", "{noop}" + CLIENT_SECRET),
                        Map.entry(client + "registration.client-authentication-methods", "client_secret_basic"),
                        Map.entry(client + "registration.authorization-grant-types", "authorization_code"),
                        Map.entry(
                                client + "registration.redirect-uris",
                                "http://localhost:" + appPort + "/login/oauth2/code/" + registrationId),
                        Map.entry(client + "registration.scopes", "openid,email,profile"),
                        Map.entry(client + "require-authorization-consent", "false")))
                .run();
    }

    /** Only what an authorization server needs: no database, broker or Vaadin from the classpath. */
    @ImportAutoConfiguration({
        org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
        org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration.class,
        org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration.class,
        org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet
                .OAuth2AuthorizationServerAutoConfiguration.class,
        org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet
                .OAuth2AuthorizationServerJwtAutoConfiguration.class
    })
    static class AutoConfig {}
}
