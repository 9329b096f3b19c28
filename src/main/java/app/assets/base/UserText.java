package app.assets.base;

import app.assets.base.error.UserInputException;

/**
 * What people type, made safe to store and to log: no control characters, and line breaks only
 * where a field is meant to have several lines. Services pass every free text through here before
 * keeping it; the log encoder escapes whatever still reaches a log line (see
 * {@code base/infra/OneLineArguments}).
 */
public final class UserText {

    private UserText() {}

    /**
     * A one-line field (login name, display name, title, note, subject): tabs and line breaks
     * (CR, LF, NEL, U+2028, U+2029) become spaces, other control characters are dropped, the ends
     * stripped. Null becomes "".
     */
    public static String line(String raw) {
        return clean(raw, false);
    }

    /**
     * A multi-line field (description, comment, reason, message): line breaks become a plain LF,
     * tabs stay, other control characters are dropped, the ends stripped. Null becomes "".
     */
    public static String lines(String raw) {
        return clean(raw, true);
    }

    /**
     * A reason someone must give (a rejection, a refund, a dispute, an adjustment): cleaned as
     * {@link #lines}, refused as "reason.required" when empty and "reason.tooLong" past {@code max}.
     * The one place this rule is written.
     */
    public static String reason(String raw, int max) {
        String why = lines(raw);
        if (why.isEmpty()) {
            throw new UserInputException("reason.required");
        }
        if (why.length() > max) {
            throw new UserInputException("reason.tooLong", max);
        }
        return why;
    }

    /** Whether the text holds a character that {@link #line} would change or drop (besides the ends). */
    public static boolean hasControl(String text) {
        return text != null
                && text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
    }

    private static String clean(String raw, boolean multiLine) {
        if (raw == null) {
            return "";
        }
        var out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++; // CR LF is one line break
                }
                out.append(multiLine ? '\n' : ' ');
            } else if (c == '\t') {
                out.append(multiLine ? '\t' : ' ');
            } else if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
