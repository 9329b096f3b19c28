package app.assets.payment.ui.view;

/**
 * Message keys built from values (every value has its key in both bundles; I18nBundlesTest checks
 * literal keys only, so the enumerations are listed in the bundles next to each other).
 */
final class Keys {

    static String of(String prefix, Object value) {
        return prefix + value;
    }

    private Keys() {}
}
