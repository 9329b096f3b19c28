package app.assets.base.i18n;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.PersianCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.JulianFields;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Calendar days as a person types and reads them: Jalali (Solar Hijri) year/month/day with Persian
 * digits in Persian, ISO year-month-day in English. The conversion is ICU4J's Persian calendar, the
 * same ICU data the browser's {@code Intl} uses for the month view, so both sides name a day alike.
 */
public final class JalaliDates {

    /** A day of the Jalali calendar; month 1 is Farvardin. */
    public record JalaliDate(int year, int month, int day) {}

    /** Three numbers (year first, or in English also year last), split by a slash, dash, dot or spaces (after {@link Formats#latinDigits}). */
    private static final Pattern YMD =
            Pattern.compile("\\s*(\\d{1,4})\\s*[/\\-.\\s]\\s*(\\d{1,2})\\s*[/\\-.\\s]\\s*(\\d{1,4})\\s*");

    private JalaliDates() {}

    private static PersianCalendar calendar() {
        return new PersianCalendar(TimeZone.GMT_ZONE, ULocale.ROOT);
    }

    /** The Jalali day of a Gregorian one, e.g. 2026-11-27 is 1405/9/6. */
    public static JalaliDate toJalali(LocalDate date) {
        var calendar = calendar();
        calendar.set(Calendar.JULIAN_DAY, (int) date.getLong(JulianFields.JULIAN_DAY));
        return new JalaliDate(
                calendar.get(Calendar.EXTENDED_YEAR),
                calendar.get(Calendar.MONTH) + 1,
                calendar.get(Calendar.DAY_OF_MONTH));
    }

    /**
     * The Gregorian day of a Jalali one.
     *
     * @throws DateTimeException when there is no such day (month 13, 31 Mehr, 30 Esfand of a common year)
     */
    public static LocalDate toGregorian(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) {
            throw new DateTimeException("No Jalali day " + year + "/" + month + "/" + day);
        }
        var calendar = calendar();
        calendar.clear();
        calendar.set(Calendar.EXTENDED_YEAR, year);
        calendar.set(Calendar.MONTH, month - 1);
        calendar.set(Calendar.DAY_OF_MONTH, day);
        var date = LocalDate.MIN.with(JulianFields.JULIAN_DAY, calendar.get(Calendar.JULIAN_DAY));
        // ICU rolls 31 Mehr over to 1 Aban: a day that does not come back unchanged does not exist.
        if (!toJalali(date).equals(new JalaliDate(year, month, day))) {
            throw new DateTimeException("No Jalali day " + year + "/" + month + "/" + day);
        }
        return date;
    }

    /** Days in a Jalali month: 31 for the first six, 30 for the next five, 29 or 30 for Esfand. */
    public static int lengthOfMonth(int year, int month) {
        var calendar = calendar();
        calendar.clear();
        calendar.set(Calendar.EXTENDED_YEAR, year);
        calendar.set(Calendar.MONTH, month - 1);
        calendar.set(Calendar.DAY_OF_MONTH, 1);
        return calendar.getActualMaximum(Calendar.DAY_OF_MONTH);
    }

    /**
     * A day as a date field shows it: "۱۴۰۵/۰۹/۰۶" (Jalali, Persian digits) in Persian, "2026-11-27"
     * in English; empty for no day.
     */
    public static String text(LocalDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        if (!Languages.isRightToLeft(locale)) {
            return date.toString();
        }
        var jalali = toJalali(date);
        return Formats.digits(
                String.format(Locale.ROOT, "%04d/%02d/%02d", jalali.year(), jalali.month(), jalali.day()), locale);
    }

    /**
     * Reads a typed day: in Persian a Jalali year/month/day in Persian, Arabic-Indic or Latin digits
     * ("1405/09/06", "۱۴۰۵/۹/۶", "1405-9-6"); in English an ISO day ("2026-11-27") or day/month/year
     * ("27/11/2026"). Empty for blank text or a day that does not exist.
     */
    public static Optional<LocalDate> parse(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var matcher = YMD.matcher(Formats.latinDigits(text));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int a = Integer.parseInt(matcher.group(1));
        int b = Integer.parseInt(matcher.group(2));
        int c = Integer.parseInt(matcher.group(3));
        try {
            boolean yearFirst =
                    matcher.group(1).length() == 4 && matcher.group(3).length() <= 2;
            boolean yearLast =
                    matcher.group(3).length() == 4 && matcher.group(1).length() <= 2;
            if (Languages.isRightToLeft(locale)) {
                return yearFirst ? Optional.of(toGregorian(a, b, c)) : Optional.empty();
            }
            if (yearFirst) {
                return Optional.of(LocalDate.of(a, b, c));
            }
            return yearLast ? Optional.of(LocalDate.of(c, b, a)) : Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
