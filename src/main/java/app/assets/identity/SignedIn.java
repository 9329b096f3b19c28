package app.assets.identity;

import java.time.Instant;

/** Published when someone signs in interactively (password, remember-me or an external provider). */
public record SignedIn(long userId, Instant at, String clientAddress) {}
