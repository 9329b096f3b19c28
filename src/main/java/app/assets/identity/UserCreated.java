package app.assets.identity;

/** Published inside the transaction that creates a user, so other modules can set up what a user needs (a wallet). */
public record UserCreated(long userId, String email) {}
