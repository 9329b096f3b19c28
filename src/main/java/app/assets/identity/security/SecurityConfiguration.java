package app.assets.identity.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import app.assets.audit.AuditLog;
import app.assets.identity.IdentityProperties;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.identity.service.LoginThrottle;
import app.assets.identity.service.SessionRevocation;
import app.assets.identity.ui.view.LoginView;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;

/**
 * The web security of Assets: Vaadin's configurer (CSRF as Vaadin sets it, navigation access
 * control by route annotations, the login view), password sign-in with throttling, rotating
 * persistent remember-me tokens, and OAuth2/OIDC sign-in when providers are configured.
 * Authorities are permission codes with no prefix, so {@code @RolesAllowed("user.manage")} on a
 * route and {@code hasAuthority('user.manage')} on a method name the same permission.
 * Method security is {@code @PreAuthorize} only: with JSR-250 enabled Spring would wrap every
 * {@code @RolesAllowed}/{@code @PermitAll} view in a CGLIB security proxy (Vaadin's navigation
 * access control already guards routes).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    /** Cookie set by the login view's "remember me" box (the login form itself posts only credentials). */
    static final String REMEMBER_COOKIE = "assets-remember";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            PersistentTokenBasedRememberMeServices rememberMe,
            AccountUserDetailsService users,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            IdentityProperties properties,
            AuditLog audit,
            ObjectProvider<ClientRegistrationRepository> oauthClients,
            ExternalSignIn externalSignIn,
            SessionRevocation revocation)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                        "/actuator/health", "/actuator/health/**", "/livez", "/readyz", "/images/**", "/icons/**")
                .permitAll()
                // Listing photos: any signed-in user; PhotoController serves only those of
                // listings the user may see. Vaadin's configurer refuses every other request.
                .requestMatchers("/listing-photos/**")
                .authenticated());
        // Not a bean: a provider bean would also become the global AuthenticationManager's provider.
        var dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(encoder);
        http.authenticationProvider(new ThrottlingAuthenticationProvider(dao, throttle, properties, audit));
        // No parent manager: ProviderManager asks its parent again after a local failure, and the
        // global one (built from the UserDetailsService bean) would then sign in a throttled or
        // locked account, and count every wrong password twice.
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        http.rememberMe(r -> r.rememberMeServices(rememberMe));
        // After remember-me, which may sign a request in: a session whose user's rights ended is ended.
        http.addFilterAfter(new SessionEpochFilter(revocation), RememberMeAuthenticationFilter.class);
        if (oauthClients.getIfAvailable() instanceof ClientRegistrationRepository registrations) {
            var toLoginPage = new SimpleUrlAuthenticationFailureHandler("/login?error");
            http.oauth2Login(o -> o.loginPage("/login")
                    .authorizationEndpoint(
                            a -> a.authorizationRequestResolver(GitHubEmails.authorizationRequests(registrations)))
                    .userInfoEndpoint(
                            u -> u.oidcUserService(externalSignIn.oidc()).userService(externalSignIn.oauth2()))
                    .failureHandler((request, response, failure) -> {
                        if (failure instanceof LinkConfirmationRequired pending) {
                            // A staff account's email: the link waits in this session for the password.
                            request.getSession().setAttribute(PendingLink.SESSION_KEY, pending.link());
                            response.sendRedirect(request.getContextPath() + "/" + PendingLink.ROUTE);
                        } else {
                            toLoginPage.onAuthenticationFailure(request, response, failure);
                        }
                    }));
        }
        return http.with(vaadin(), v -> v.loginView(LoginView.class, "/")).build();
    }

    @Bean
    static GrantedAuthorityDefaults grantedAuthorityDefaults() {
        return new GrantedAuthorityDefaults("");
    }

    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationContext context) {
        return new SpringAuthorizationEventPublisher(context);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    PersistentTokenRepository persistentTokenRepository(DataSource dataSource) {
        var repository = new JdbcTokenRepositoryImpl();
        repository.setDataSource(dataSource);
        return repository;
    }

    @Bean
    PersistentTokenBasedRememberMeServices rememberMeServices(
            IdentityProperties properties, AccountUserDetailsService users, PersistentTokenRepository tokens) {
        var services = new PersistentTokenBasedRememberMeServices(properties.rememberMeKey(), users, tokens) {
            @Override
            protected boolean rememberMeRequested(HttpServletRequest request, String parameter) {
                Cookie[] cookies = request.getCookies();
                return super.rememberMeRequested(request, parameter)
                        || (cookies != null
                                && Arrays.stream(cookies)
                                        .anyMatch(
                                                c -> REMEMBER_COOKIE.equals(c.getName()) && "1".equals(c.getValue())));
            }
        };
        services.setTokenValiditySeconds((int) properties.rememberMeValidity().toSeconds());
        return services;
    }
}
