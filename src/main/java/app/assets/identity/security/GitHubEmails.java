package app.assets.identity.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The email GitHub vouches for: the account's primary address, and only if GitHub verified it,
 * from {@code GET <user-info-uri>/emails} (https://api.github.com/user/emails; needs the
 * {@code user:email} scope, which {@link #authorizationRequests} adds). The profile's public
 * email is never used: anyone may type any address there. The address is asked for at the user-info
 * URI plus {@code /emails}, so pointing {@code spring.security.oauth2.client.provider.github.user-info-uri}
 * elsewhere (a test's WireMock, GitHub Enterprise's {@code /api/v3/user}) moves both.
 */
class GitHubEmails {

    /** The registration id Spring Boot knows GitHub by (its built-in provider defaults). */
    static final String REGISTRATION = "github";

    /** The scope {@code /user/emails} needs. */
    static final String EMAIL_SCOPE = "user:email";

    private static final Logger log = LoggerFactory.getLogger(GitHubEmails.class);

    record Entry(String email, Boolean primary, Boolean verified) {}

    private final RestClient rest;

    GitHubEmails() {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.rest = RestClient.builder().requestFactory(requests).build();
    }

    /**
     * Spring's GitHub registration asks only for {@code read:user}, without which {@code /user/emails}
     * answers 404: GitHub's authorization requests also ask for {@code user:email}, whatever scopes
     * the registration names.
     */
    static OAuth2AuthorizationRequestResolver authorizationRequests(ClientRegistrationRepository registrations) {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(request -> request.attributes(attributes -> {
            if (REGISTRATION.equals(attributes.get(OAuth2ParameterNames.REGISTRATION_ID))) {
                var scopes = new LinkedHashSet<String>(
                        registrations.findByRegistrationId(REGISTRATION).getScopes());
                scopes.add(EMAIL_SCOPE);
                request.scopes(scopes);
            }
        }));
        return resolver;
    }

    /** Whether this registration is GitHub, whose profile email is not a verified one. */
    static boolean handles(OAuth2UserRequest request) {
        return REGISTRATION.equals(request.getClientRegistration().getRegistrationId());
    }

    /** The verified primary email of the signed-in GitHub account, if GitHub has one. */
    Optional<String> verifiedPrimary(OAuth2UserRequest request) {
        String userInfo = request.getClientRegistration()
                .getProviderDetails()
                .getUserInfoEndpoint()
                .getUri();
        String uri = (userInfo.endsWith("/") ? userInfo.substring(0, userInfo.length() - 1) : userInfo) + "/emails";
        try {
            List<Entry> entries = rest.get()
                    .uri(uri)
                    .header(
                            "Authorization",
                            "Bearer " + request.getAccessToken().getTokenValue())
                    .header("Accept", "application/vnd.github+json")
                    .retrieve()
                    .body(new ParameterizedTypeReference<List<Entry>>() {});
            return entries == null
                    ? Optional.empty()
                    : entries.stream()
                            .filter(e -> Boolean.TRUE.equals(e.primary()) && Boolean.TRUE.equals(e.verified()))
                            .map(Entry::email)
                            .filter(e -> e != null && !e.isBlank())
                            .findFirst();
        } catch (RestClientException e) {
            // No answer is no verified email: the sign-in is refused rather than trusting the profile.
            log.warn("GitHub's email list at {} could not be read: {}", uri, e.toString());
            return Optional.empty();
        }
    }
}
