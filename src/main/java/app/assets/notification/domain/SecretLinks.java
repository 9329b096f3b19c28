package app.assets.notification.domain;

import java.util.regex.Pattern;

/**
 * Single-use links (email verification, password reset) in notification texts. What staff can read
 * (the notification row, captured mail, logs) shows such a link with its token redacted; only the
 * sender puts the real link back, for the one delivery.
 */
public final class SecretLinks {

    /** What replaces a token. */
    public static final String MASK = "••••";

    private static final Pattern TOKEN = Pattern.compile("([?&]token=)[A-Za-z0-9_-]+");

    private SecretLinks() {}

    /** The text with the value of every {@code token=} parameter replaced by {@link #MASK}. */
    public static String redact(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("$1" + MASK);
    }

    /** The redacted text with the real link put back wherever its redacted form stands. */
    public static String reveal(String redactedText, String link) {
        return redactedText == null ? null : redactedText.replace(redact(link), link);
    }
}
