package app.assets.base.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

    // 2026-03-21 00:30 in Tehran (UTC+3:30) is the second day of Farvardin 1405.
    private static final Instant NOWRUZ_1405 = Instant.parse("2026-03-20T21:00:00Z");

    @Test
    void persianUsesPersianDigitsAndTheJalaliCalendar() {
        assertThat(Formats.number(1_250_000, Languages.PERSIAN)).isEqualTo("۱٬۲۵۰٬۰۰۰");
        assertThat(Formats.date(NOWRUZ_1405, Languages.PERSIAN))
                .contains("۱۴۰۵")
                .contains("فروردین");
        assertThat(Formats.money(5_000, Languages.PERSIAN)).isEqualTo("۵٬۰۰۰ ریال");
        assertThat(Formats.digits("+989121234567", Languages.PERSIAN)).isEqualTo("+۹۸۹۱۲۱۲۳۴۵۶۷");
    }

    @Test
    void englishUsesLatinDigitsAndTheGregorianCalendar() {
        assertThat(Formats.number(1_250_000, Languages.ENGLISH)).isEqualTo("1,250,000");
        assertThat(Formats.date(NOWRUZ_1405, Languages.ENGLISH))
                .contains("2026")
                .contains("Mar");
        assertThat(Formats.money(-5_000, Languages.ENGLISH)).isEqualTo("-5,000 IRR");
    }

    @Test
    void averagesHaveOneDecimalInThePagesDigits() {
        assertThat(Formats.oneDecimal(4.5, Languages.ENGLISH)).isEqualTo("4.5");
        assertThat(Formats.oneDecimal(4, Languages.ENGLISH)).isEqualTo("4.0");
        assertThat(Formats.oneDecimal(4.5, Languages.PERSIAN)).isEqualTo("۴٫۵");
    }

    @Test
    void onlyPersianIsWrittenRightToLeftAndUnknownLanguagesFallBackToEnglish() {
        assertThat(Languages.isRightToLeft(Languages.PERSIAN)).isTrue();
        assertThat(Languages.isRightToLeft(Languages.ENGLISH)).isFalse();
        assertThat(Languages.of("fa-IR")).isEqualTo(Languages.PERSIAN);
        assertThat(Languages.of("de")).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void typedPersianAndArabicIndicDigitsAreReadAsLatinDigits() {
        assertThat(Formats.latinDigits("۰۹۱۲ ٣٤٥ 67-x")).isEqualTo("0912 345 67-x");
        assertThat(Formats.latinDigits(null)).isNull();
    }
}
