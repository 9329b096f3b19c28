package app.assets.base.i18n;

import java.util.List;
import java.util.Locale;

/** The two languages Assets speaks, and the facts that follow from each. */
public final class Languages {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale PERSIAN = Locale.forLanguageTag("fa");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, PERSIAN);
    /** Cookie that remembers a visitor's language before (and besides) their profile. */
    public static final String COOKIE = "assets-lang";

    private Languages() {}

    public static boolean isRightToLeft(Locale locale) {
        return locale != null && PERSIAN.getLanguage().equals(locale.getLanguage());
    }

    /** The supported locale for a language tag such as "fa" or "en-GB", English when unknown. */
    public static Locale of(String tag) {
        if (tag == null || tag.isBlank()) {
            return ENGLISH;
        }
        var language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream()
                .filter(l -> l.getLanguage().equals(language))
                .findFirst()
                .orElse(ENGLISH);
    }

    public static boolean isSupported(String tag) {
        if (tag == null || tag.isBlank()) {
            return false;
        }
        var language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().anyMatch(l -> l.getLanguage().equals(language));
    }
}
