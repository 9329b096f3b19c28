package app.assets.listing.domain;

import app.assets.base.i18n.Formats;

/**
 * Search text as both sides compare it: what a person types and the stored title and description
 * (the SQL function {@code listing_search_normalise} of V24 writes the same rule, and
 * SearchNormalisationTest proves they agree). A-Z lower-cased (ASCII only, so no locale decides),
 * Persian and Arabic-Indic digits made Latin, the Arabic letter forms a keyboard may produce made
 * the Persian ones (ي ى to ی, ك to ک, ة ۀ to ه, أ إ ٱ to ا), tatweel, zero-width (non-)joiners,
 * direction marks and diacritics removed, runs of white space made one space, the ends trimmed.
 */
public final class SearchText {

    /** The longest search text accepted, in characters. */
    public static final int QUERY_MAX = 100;

    /** Letters replaced, each by the letter at the same place in {@link #TO}. */
    static final String FROM = "\u064A\u0649\u0643\u0629\u06C0\u0623\u0625\u0671";

    static final String TO = "\u06CC\u06CC\u06A9\u0647\u0647\u0627\u0627\u0627";

    /** Characters removed: tatweel, ZWNJ, ZWJ, LRM, RLM, superscript alef and the diacritics U+064B-U+065F. */
    static final String DROPPED = "\u0640\u200C\u200D\u200E\u200F\u0670" + range('\u064B', '\u065F');

    /** White space: runs of these become one space. */
    static final String SPACES = " \t\n\u000B\f\r\u00A0";

    private SearchText() {}

    /** The normal form of a text; null gives "". */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String text = Formats.latinDigits(raw);
        var out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPACES.indexOf(c) >= 0) {
                space = true;
                continue;
            }
            if (DROPPED.indexOf(c) >= 0) {
                continue;
            }
            int replaced = FROM.indexOf(c);
            if (replaced >= 0) {
                c = TO.charAt(replaced);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    private static String range(char first, char last) {
        var out = new StringBuilder();
        for (char c = first; c <= last; c++) {
            out.append(c);
        }
        return out.toString();
    }
}
