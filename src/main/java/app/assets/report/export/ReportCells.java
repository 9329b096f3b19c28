package app.assets.report.export;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Messages;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a report value is written: for people (the grid and PDFs: the reader's calendar, digits and
 * words) and for spreadsheets (CSV: ISO dates in Tehran time and plain numbers that sort and sum,
 * with codes translated).
 */
public final class ReportCells {

    private static final DateTimeFormatter CSV_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(Formats.ZONE);

    private ReportCells() {}

    public static String display(Column column, Object value, Locale locale, Messages messages) {
        if (value == null) {
            return "";
        }
        return switch (column.kind()) {
            case DATE_TIME -> Formats.dateTime((Instant) value, locale);
            case MONEY -> Formats.money((Long) value, locale);
            case SIGNED_MONEY -> Formats.signedMoney((Long) value, locale);
            case ID, NUMBER -> Formats.digits(value.toString(), locale);
            case CODE -> code(column, value.toString(), locale, messages);
            case PARTIES -> parties(value.toString(), locale, messages);
            case TEXT -> value.toString();
        };
    }

    /**
     * A value as a CSV cell. Numbers stay plain numbers (a debit stays -1234, so it sums); any text
     * that a spreadsheet would run as a formula is written as text (see {@link #spreadsheetText}).
     */
    public static String csv(Column column, Object value, Locale locale, Messages messages) {
        if (value == null) {
            return "";
        }
        if (column.kind().numeric() && value instanceof Number) {
            return value.toString();
        }
        return spreadsheetText(
                switch (column.kind()) {
                    case DATE_TIME -> CSV_TIME.format((Instant) value);
                    case CODE -> code(column, value.toString(), locale, messages);
                    case PARTIES -> parties(value.toString(), locale, messages);
                    default -> value.toString();
                });
    }

    /**
     * Text a spreadsheet opens as text, never as a formula (CSV injection, OWASP): a cell starting
     * with {@code = + - @}, a tab or a carriage return (or the full-width {@code ＝ ＋ － ＠}, which some
     * spreadsheets also accept) gets a leading apostrophe, the mark spreadsheets read as "this is text".
     */
    static String spreadsheetText(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> "'" + text;
            default -> text;
        };
    }

    /** "a@x.org, #ESCROW" as "a@x.org, Escrow": system accounts by their name in the reader's language. */
    static String parties(String parties, Locale locale, Messages messages) {
        return java.util.Arrays.stream(parties.split(", "))
                .map(p -> p.startsWith("#") ? messages.getTranslation("report.account." + p.substring(1), locale) : p)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A stored code in the reader's words; the code itself when no text exists for it. */
    public static String code(Column column, String code, Locale locale, Messages messages) {
        String key = column.codePrefix() + code;
        return messages.has(key, locale) ? messages.getTranslation(key, locale) : code;
    }
}
