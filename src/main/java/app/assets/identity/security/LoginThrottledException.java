package app.assets.identity.security;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused because too many attempts failed from this client address. */
public class LoginThrottledException extends AuthenticationException {
    public LoginThrottledException(String message) {
        super(message);
    }
}
