package app.assets.identity.security;

/**
 * Sign-in refused for a moment because the account failed many times from addresses it never
 * signed in from; its own familiar addresses are not held back (LoginThrottle).
 */
public class AccountHeldBackException extends LoginThrottledException {
    public AccountHeldBackException(String message) {
        super(message);
    }
}
