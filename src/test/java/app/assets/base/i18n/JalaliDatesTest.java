package app.assets.base.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.i18n.JalaliDates.JalaliDate;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Jalali days to and from Gregorian ones, and the text a person types and reads in each language. */
class JalaliDatesTest {

    @Test
    void convertsKnownDaysBothWays() {
        assertThat(JalaliDates.toJalali(LocalDate.of(2026, 11, 27))).isEqualTo(new JalaliDate(1405, 9, 6));
        // Nowruz: 1 Farvardin
        assertThat(JalaliDates.toJalali(LocalDate.of(2026, 3, 21))).isEqualTo(new JalaliDate(1405, 1, 1));
        assertThat(JalaliDates.toJalali(LocalDate.of(2025, 3, 21))).isEqualTo(new JalaliDate(1404, 1, 1));
        assertThat(JalaliDates.toGregorian(1405, 9, 6)).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(JalaliDates.toGregorian(1403, 12, 30)).isEqualTo(LocalDate.of(2025, 3, 20));
    }

    @Test
    void everyDayOfSeveralYearsComesBackUnchanged() {
        for (var day = LocalDate.of(2015, 1, 1); day.isBefore(LocalDate.of(2035, 1, 1)); day = day.plusDays(1)) {
            var jalali = JalaliDates.toJalali(day);
            assertThat(JalaliDates.toGregorian(jalali.year(), jalali.month(), jalali.day()))
                    .isEqualTo(day);
        }
    }

    @Test
    void knowsTheLengthOfEachMonth() {
        assertThat(JalaliDates.lengthOfMonth(1405, 1)).isEqualTo(31);
        assertThat(JalaliDates.lengthOfMonth(1405, 7)).isEqualTo(30);
        assertThat(JalaliDates.lengthOfMonth(1403, 12)).isEqualTo(30); // leap year
        assertThat(JalaliDates.lengthOfMonth(1404, 12)).isEqualTo(29);
    }

    @Test
    void refusesDaysThatDoNotExist() {
        assertThatThrownBy(() -> JalaliDates.toGregorian(1405, 7, 31)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> JalaliDates.toGregorian(1404, 12, 30)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> JalaliDates.toGregorian(1405, 13, 1)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> JalaliDates.toGregorian(1405, 0, 1)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void writesPersianDaysInJalaliWithPersianDigitsAndEnglishOnesAsIso() {
        var day = LocalDate.of(2026, 11, 27);
        assertThat(JalaliDates.text(day, Languages.PERSIAN)).isEqualTo("۱۴۰۵/۰۹/۰۶");
        assertThat(JalaliDates.text(day, Languages.ENGLISH)).isEqualTo("2026-11-27");
        assertThat(JalaliDates.text(null, Languages.PERSIAN)).isEmpty();
    }

    @Test
    void readsPersianDaysTypedWithAnyDigitsAndSeparator() {
        var day = LocalDate.of(2026, 11, 27);
        for (var typed :
                new String[] {"1405/09/06", "۱۴۰۵/۰۹/۰۶", "١٤٠٥/٠٩/٠٦", "1405-9-6", " ۱۴۰۵.۹.۶ ", "1405 9 6"}) {
            assertThat(JalaliDates.parse(typed, Languages.PERSIAN)).as(typed).contains(day);
        }
    }

    @Test
    void readsNothingFromTextThatIsNoDay() {
        for (var typed :
                new String[] {"", "  ", "tomorrow", "1405/07/31", "1405/13/01", "06/09/1405", "14050906", "1405/09"}) {
            assertThat(JalaliDates.parse(typed, Languages.PERSIAN)).as(typed).isEmpty();
        }
        assertThat(JalaliDates.parse(null, Languages.PERSIAN)).isEmpty();
    }

    @Test
    void readsEnglishDaysAsIsoOrDayMonthYear() {
        var day = LocalDate.of(2026, 11, 27);
        assertThat(JalaliDates.parse("2026-11-27", Languages.ENGLISH)).contains(day);
        assertThat(JalaliDates.parse("27/11/2026", Languages.ENGLISH)).contains(day);
        assertThat(JalaliDates.parse("2026-02-30", Languages.ENGLISH)).isEmpty();
        assertThat(JalaliDates.parse("1405/09/06", Languages.ENGLISH)).contains(LocalDate.of(1405, 9, 6));
    }
}
