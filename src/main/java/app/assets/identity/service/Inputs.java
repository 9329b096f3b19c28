package app.assets.identity.service;

import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.identity.domain.User;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and normalises what people type into identity forms. */
public final class Inputs {

    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    private Inputs() {}

    public static String email(String raw) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            throw new UserInputException("email.required");
        }
        if (email.length() > User.EMAIL_MAX
                || UserText.hasControl(email)
                || !EMAIL.matcher(email).matches()) {
            throw new UserInputException("email.invalid");
        }
        return email;
    }

    public static String displayName(String raw) {
        String name = UserText.line(raw);
        if (name.isEmpty()) {
            throw new UserInputException("displayName.required");
        }
        if (name.length() > User.DISPLAY_NAME_MAX) {
            throw new UserInputException("displayName.tooLong", User.DISPLAY_NAME_MAX);
        }
        return name;
    }

    /** An optional phone number in E.164 form; blank means none. Persian digits are accepted. */
    public static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var sb = new StringBuilder();
        for (char c : Formats.latinDigits(raw.strip()).toCharArray()) {
            if (c != ' ' && c != '-') {
                sb.append(c);
            }
        }
        String phone = sb.toString();
        if (!E164.matcher(phone).matches()) {
            throw new UserInputException("phone.invalid");
        }
        return phone;
    }
}
