package app.assets.base.i18n;

import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dates and numbers as each language writes them: Persian gets the Jalali calendar and Persian
 * digits (ICU4J), English the Gregorian calendar and Latin digits.
 */
public final class Formats {

    /** Id of {@link #ZONE}, for annotations that need a constant (scheduled crons). */
    public static final String ZONE_ID = "Asia/Tehran";

    /** Iran's time zone: the product's audience lives there. Every calendar day shown or counted is one of this zone. */
    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    /**
     * ICU date and number formats cost more to create than to use, and are not thread-safe: each
     * thread keeps those it made, by kind and language (reports format tens of thousands of cells).
     */
    private static final ThreadLocal<Map<String, Object>> FORMATS = ThreadLocal.withInitial(HashMap::new);

    private Formats() {}

    private static DateFormat dateFormat(String kind, Locale locale) {
        boolean rtl = Languages.isRightToLeft(locale);
        return (DateFormat) FORMATS.get().computeIfAbsent(kind + rtl, k -> {
            var format = kind.equals("dateTime")
                    ? DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.SHORT, icuLocale(locale))
                    : DateFormat.getDateInstance(DateFormat.MEDIUM, icuLocale(locale));
            format.setTimeZone(com.ibm.icu.util.TimeZone.getTimeZone(ZONE.getId()));
            return format;
        });
    }

    private static ULocale icuLocale(Locale locale) {
        return Languages.isRightToLeft(locale) ? new ULocale("fa_IR@calendar=persian") : new ULocale("en_GB");
    }

    public static String dateTime(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return dateFormat("dateTime", locale).format(Date.from(instant));
    }

    public static String date(Instant instant, Locale locale) {
        if (instant == null) {
            return "";
        }
        return dateFormat("date", locale).format(Date.from(instant));
    }

    /** A calendar day (a Tehran day) as {@link #date(Instant, Locale)} writes it: Jalali in Persian, Gregorian in English. */
    public static String date(LocalDate day, Locale locale) {
        if (day == null) {
            return "";
        }
        return date(day.atTime(12, 0).atZone(ZONE).toInstant(), locale);
    }

    /**
     * Someone's own words inside one of our sentences, set apart for the bidirectional algorithm
     * (Unicode first-strong isolate): English text in a Persian sentence, or the reverse, keeps its
     * own direction and punctuation instead of taking the sentence's.
     */
    public static String isolated(String text) {
        return text == null || text.isEmpty() ? "" : "\u2068" + text + "\u2069";
    }

    /** A calendar day in short form for chart axes, e.g. "25 Nov" or "۴ آذر". */
    public static String dayMonth(LocalDate day, Locale locale) {
        return skeleton("MMMd", day, locale);
    }

    /** A calendar month, e.g. "Nov 2026" or "آذر ۱۴۰۵". */
    public static String month(LocalDate day, Locale locale) {
        return skeleton("yMMM", day, locale);
    }

    private static String skeleton(String skeleton, LocalDate day, Locale locale) {
        if (day == null) {
            return "";
        }
        var format = DateFormat.getInstanceForSkeleton(skeleton, icuLocale(locale));
        format.setTimeZone(com.ibm.icu.util.TimeZone.getTimeZone(ZONE.getId()));
        return format.format(Date.from(day.atTime(12, 0).atZone(ZONE).toInstant()));
    }

    public static String number(long value, Locale locale) {
        boolean rtl = Languages.isRightToLeft(locale);
        return ((NumberFormat)
                        FORMATS.get().computeIfAbsent("number" + rtl, k -> NumberFormat.getInstance(icuLocale(locale))))
                .format(value);
    }

    /** A number with one decimal, e.g. an average rating: "4.5" or "۴٫۵". */
    public static String oneDecimal(double value, Locale locale) {
        return NumberFormatter.withLocale(icuLocale(locale))
                .precision(com.ibm.icu.number.Precision.fixedFraction(1))
                .format(value)
                .toString();
    }

    /** An amount of Rials with its currency, e.g. "1,250,000 IRR" or "۱٬۲۵۰٬۰۰۰ ریال"; negative amounts keep their sign. */
    public static String money(long rials, Locale locale) {
        return number(rials, locale) + (Languages.isRightToLeft(locale) ? " ریال" : " IRR");
    }

    /**
     * A movement of Rials with its sign always shown, e.g. "+1,250,000 IRR" or "‎+۱٬۲۵۰٬۰۰۰ ریال". ICU
     * marks Persian signs left-to-right, so the text needs no direction override in a right-to-left page.
     */
    public static String signedMoney(long rials, Locale locale) {
        return NumberFormatter.withLocale(icuLocale(locale))
                        .sign(NumberFormatter.SignDisplay.EXCEPT_ZERO)
                        .format(rials)
                + (Languages.isRightToLeft(locale) ? " ریال" : " IRR");
    }

    /**
     * Latin digits for the Persian (۰-۹) and Arabic-Indic (٠-٩) digits a person may type, every other
     * character unchanged: the one place typed digits are read, whatever the keyboard.
     */
    public static String latinDigits(String text) {
        if (text == null) {
            return null;
        }
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + (c - '۰')));
            } else if (c >= '٠' && c <= '٩') {
                out.append((char) ('0' + (c - '٠')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Persian digits for any Latin digits in a text (phone numbers, codes), unchanged in English. */
    public static String digits(String text, Locale locale) {
        if (text == null || !Languages.isRightToLeft(locale)) {
            return text;
        }
        var out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : (char) c));
        return out.toString();
    }
}
