package app.assets.identity.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The provider's verified email belongs to a staff account: instead of signing in, the browser is
 * sent to the password step ({@code /link-account}) with the link pending in its session.
 */
class LinkConfirmationRequired extends OAuth2AuthenticationException {

    static final String ERROR_CODE = "link_confirmation_required";

    private final PendingLink link;

    LinkConfirmationRequired(PendingLink link) {
        super(new OAuth2Error(ERROR_CODE), "Confirm the link with the account's password");
        this.link = link;
    }

    PendingLink link() {
        return link;
    }
}
