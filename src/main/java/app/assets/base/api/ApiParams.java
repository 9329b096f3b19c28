package app.assets.base.api;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Query and body values the API reads as text so that a bad one gets a 422 naming its field in
 * the caller's language (Spring's own conversion would answer a bare 400).
 */
public final class ApiParams {

    private ApiParams() {}

    /** An ISO day ({@code 2026-11-27}, Persian digits too), or {@code otherwise} when blank. */
    public static LocalDate day(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(Formats.latinDigits(value.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, new UserInputException("api.date.invalid"));
        }
    }

    /** A whole number ({@code 250000}, Persian digits too), or null when blank. */
    public static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(Formats.latinDigits(value.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidField(field, new UserInputException("api.number.invalid"));
        }
    }

    /** One of an enum's constants by name, any case; null when blank; else 422 listing the names. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidField(field, new UserInputException("api.oneOf", names));
        }
    }
}
