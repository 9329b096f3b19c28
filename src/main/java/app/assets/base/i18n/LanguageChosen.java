package app.assets.base.i18n;

import java.util.Locale;

/** Published when someone picks a language in the UI, so their profile can remember it. */
public record LanguageChosen(String principalName, Locale locale) {}
