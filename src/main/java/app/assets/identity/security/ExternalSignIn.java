package app.assets.identity.security;

import app.assets.base.error.UserInputException;
import app.assets.identity.domain.User;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.identity.service.ExternalAccounts;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;

/**
 * Turns a successful sign-in at an external provider into a signed-in Assets user: the principal's
 * name is the user's email and its authorities are the user's permissions, exactly as with a
 * password sign-in. An email links or creates an account only when the provider vouches for it:
 * OIDC's {@code email_verified} claim, GitHub's verified primary address ({@link GitHubEmails});
 * other plain OAuth2 providers sign in only accounts already linked to them.
 */
@Component
class ExternalSignIn {

    private final ExternalAccounts accounts;
    private final AccountUserDetailsService userDetails;
    private final Clock clock;
    private final GitHubEmails gitHubEmails = new GitHubEmails();

    ExternalSignIn(ExternalAccounts accounts, AccountUserDetailsService userDetails, Clock clock) {
        this.accounts = accounts;
        this.userDetails = userDetails;
        this.clock = clock;
    }

    OAuth2UserService<OidcUserRequest, OidcUser> oidc() {
        var delegate = new OidcUserService();
        return request -> {
            OidcUser external = delegate.loadUser(request);
            String provider = request.getClientRegistration().getRegistrationId();
            User user = link(
                    provider,
                    external.getSubject(),
                    external.getEmail(),
                    Boolean.TRUE.equals(external.getEmailVerified()),
                    external.getFullName());
            var claims = new HashMap<>(external.getClaims());
            claims.put("email", user.getEmail());
            var userInfo = new org.springframework.security.oauth2.core.oidc.OidcUserInfo(claims);
            return new DefaultOidcUser(userDetails.authoritiesOf(user), external.getIdToken(), userInfo, "email");
        };
    }

    OAuth2UserService<OAuth2UserRequest, OAuth2User> oauth2() {
        var delegate = new DefaultOAuth2UserService();
        return request -> {
            OAuth2User external = delegate.loadUser(request);
            String provider = request.getClientRegistration().getRegistrationId();
            Object id = external.getAttributes().getOrDefault("id", external.getName());
            Object name = external.getAttributes()
                    .getOrDefault("name", external.getAttributes().get("login"));
            // The profile's email is whatever its owner typed: only the provider's own word that the
            // address is verified may link or create an account (GitHub: the verified primary one).
            String email = GitHubEmails.handles(request)
                    ? gitHubEmails.verifiedPrimary(request).orElse(null)
                    : null;
            User user = link(provider, String.valueOf(id), email, email != null, name == null ? null : name.toString());
            Map<String, Object> attributes = new HashMap<>(external.getAttributes());
            attributes.put("email", user.getEmail());
            return new DefaultOAuth2User(userDetails.authoritiesOf(user), attributes, "email");
        };
    }

    private User link(String provider, String subject, String email, boolean verified, String name) {
        try {
            User user = accounts.signIn(provider, subject, email, verified, name);
            if (user.isLocked()) {
                throw new OAuth2AuthenticationException(
                        new OAuth2Error("account_locked", "login.error.locked", null), "Account locked");
            }
            return user;
        } catch (ExternalAccounts.LinkNeedsPassword e) {
            throw new LinkConfirmationRequired(
                    new PendingLink(provider, subject, e.userId(), e.email(), clock.instant()));
        } catch (UserInputException e) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error("account_not_linked", e.messageKey(), null), e.messageKey());
        }
    }
}
