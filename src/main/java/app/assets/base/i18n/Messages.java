package app.assets.base.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * Every user-facing text, in English and Persian, from the {@code messages} bundles. Vaadin finds
 * this bean as the application's I18NProvider; services use it for texts outside views (emails).
 */
@Component
public class Messages implements I18NProvider {

    private static final String BUNDLE = "messages";

    @Override
    public List<Locale> getProvidedLocales() {
        return Languages.SUPPORTED;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        var bundle = ResourceBundle.getBundle(
                BUNDLE,
                Languages.of(locale == null ? null : locale.toLanguageTag()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key;
        }
        if (params.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(params);
    }

    /** True when the English bundle knows this key (used by tests that check both bundles agree). */
    public boolean has(String key, Locale locale) {
        return !getTranslation(key, locale).startsWith("!");
    }
}
