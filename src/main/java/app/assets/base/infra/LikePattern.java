package app.assets.base.infra;

import java.util.Locale;

/**
 * The one way a search text becomes a SQL LIKE pattern: the text is matched literally (its own
 * {@code %}, {@code _} and {@code \} escaped with PostgreSQL's default escape character), trimmed,
 * lower-cased (compare with {@code lower(column) like ?} or {@code ilike}), and found anywhere in
 * the column ({@link #containing}) or at its start ({@link #startingWith}).
 */
public final class LikePattern {

    private LikePattern() {}

    /** "%text%" with the text taken literally; null or blank text gives "%", which matches everything. */
    public static String containing(String text) {
        if (text == null || text.isBlank()) {
            return "%";
        }
        return "%" + literal(text) + "%";
    }

    /** "text%" with the text taken literally: what starts with it. */
    public static String startingWith(String text) {
        return (text == null ? "" : literal(text)) + "%";
    }

    private static String literal(String text) {
        return text.strip()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
    }
}
