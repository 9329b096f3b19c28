package app.assets.base.ui.component;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import com.vaadin.flow.component.textfield.TextField;

/**
 * A field for an amount of Rials. Accepts Latin or Persian digits with or without thousands
 * separators; {@link #amount()} is null when the text is not a whole number.
 */
public class MoneyField extends TextField {

    public MoneyField(String label) {
        super(label);
        setSuffixComponent(new com.vaadin.flow.component.html.Span(getTranslation("money.currency")));
        setAllowedCharPattern("[0-9۰-۹٠-٩,٬ ]");
        setMaxLength(24);
        addBlurListener(e -> {
            Long value = amount();
            if (value != null) {
                setValue(Formats.number(value, getLocale()));
            }
        });
    }

    /** The amount typed, or null when empty or not a whole number that fits. */
    public Long amount() {
        var digits = new StringBuilder();
        for (char c : Formats.latinDigits(getValue()).toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ',' && c != '٬' && c != ' ') {
                return null;
            }
        }
        if (digits.isEmpty() || digits.length() > 18) {
            return null;
        }
        return Long.parseLong(digits.toString());
    }

    /** The amount typed: refused as "money.required" when empty, "money.invalid" when not a whole number. */
    public long requiredAmount() {
        if (getValue().isBlank()) {
            throw new UserInputException("money.required");
        }
        return optionalAmount();
    }

    /** The amount typed, null when empty; refused as "money.invalid" when not a whole number. */
    public Long optionalAmount() {
        if (getValue().isBlank()) {
            return null;
        }
        Long value = amount();
        if (value == null) {
            throw new UserInputException("money.invalid");
        }
        return value;
    }

    public void setAmount(long rials) {
        setValue(Formats.number(rials, getLocale()));
    }
}
