package app.assets.identity.service;

import app.assets.base.error.UserInputException;
import app.assets.identity.domain.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** What a password must be: long enough, not too long, not a common one, not the email. */
@Component
public class PasswordPolicy {

    private final Set<String> common;

    public PasswordPolicy() {
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            common = reader.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws a {@link UserInputException} naming the first rule the password breaks. */
    public void check(String password, String email) {
        if (password == null || password.isBlank()) {
            throw new UserInputException("password.required");
        }
        if (password.length() < User.PASSWORD_MIN) {
            throw new UserInputException("password.tooShort", User.PASSWORD_MIN);
        }
        if (password.length() > User.PASSWORD_MAX) {
            throw new UserInputException("password.tooLong", User.PASSWORD_MAX);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new UserInputException("password.common");
        }
        if (email != null
                && (lower.equals(email.toLowerCase(Locale.ROOT))
                        || lower.equals(email.toLowerCase(Locale.ROOT).split("@")[0]))) {
            throw new UserInputException("password.likeEmail");
        }
    }
}
