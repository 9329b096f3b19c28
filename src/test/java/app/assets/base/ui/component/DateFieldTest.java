package app.assets.base.ui.component;

import static com.github.mvysny.kaributesting.v10.BasicUtilsKt._fireDomEvent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import java.time.LocalDate;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The shared date field: Jalali text and calendar in Persian, Vaadin's DatePicker in English, one value type. */
class DateFieldTest extends KaribuTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27); // 1405/09/06

    private static DateField field() {
        var field = new DateField("Date");
        UI.getCurrent().add(field);
        return field;
    }

    @Test
    void persianFieldReadsTypedJalaliDaysInAnyDigitsAndWritesThemInPersianDigits() {
        useLanguage(Languages.PERSIAN);
        var field = field();
        var values = new ArrayList<LocalDate>();
        field.addValueChangeListener(e -> values.add(e.getValue()));

        assertThat(field.isJalali()).isTrue();
        assertThat(field.getCalendar()).isPresent();
        _setValue(_get(field, TextField.class), "1405/09/06");
        assertThat(field.getValue()).isEqualTo(DAY);
        assertThat(field.getText()).isEqualTo("۱۴۰۵/۰۹/۰۶");
        assertThat(values).containsExactly(DAY);

        field.setText("۱۴۰۵/۱۲/۲۹");
        assertThat(field.getValue()).isEqualTo(LocalDate.of(2027, 3, 20));
        assertThat(field.isInvalid()).isFalse();
    }

    @Test
    void persianFieldWritesEveryDayAsJalaliTextThatReadsBackAsTheSameDay() {
        useLanguage(Languages.PERSIAN);
        var field = field();
        for (var day = LocalDate.of(2026, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
            field.setValue(day);
            String text = field.getText();
            field.clear();
            field.setText(text);
            assertThat(field.getValue()).as(text).isEqualTo(day);
        }
        field.setValue(DAY);
        assertThat(field.getText()).isEqualTo("۱۴۰۵/۰۹/۰۶");
        assertThat(field.getCalendar().orElseThrow().getSelectedStart()).isEqualTo(DAY);
    }

    @Test
    void persianFieldMarksTextThatIsNoDayOrOutOfRangeAsInvalid() {
        useLanguage(Languages.PERSIAN);
        var field = field();
        field.setText("1405/07/31");
        assertThat(field.getValue()).isNull();
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).startsWith("تاریخ درست نیست");

        field.setMax(DAY);
        field.setText("1405/09/07");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).isEqualTo("این تاریخ بیرون از بازهٔ مجاز است.");
        assertThat(field.getCalendar().orElseThrow().getMax()).isEqualTo(DAY);

        field.setText("1405/09/06");
        assertThat(field.isInvalid()).isFalse();
        assertThat(field.getValue()).isEqualTo(DAY);
    }

    @Test
    void persianFieldTakesTheDayPickedOnItsCalendar() {
        useLanguage(Languages.PERSIAN);
        var field = field();
        var calendar = field.getCalendar().orElseThrow();
        assertThat(calendar.getSelection()).isEqualTo(MonthCalendar.Selection.SINGLE);
        var detail = JsonMapper.builder().build().createObjectNode();
        detail.put("event.detail.start", "2026-11-27");
        detail.put("event.detail.end", "2026-11-28");
        _fireDomEvent(calendar, "assets-select", detail);
        assertThat(field.getValue()).isEqualTo(DAY);
        assertThat(field.getText()).isEqualTo("۱۴۰۵/۰۹/۰۶");
    }

    @Test
    void englishFieldIsVaadinsDatePickerWithTheSameValue() {
        var field = field();
        assertThat(field.isJalali()).isFalse();
        assertThat(field.getCalendar()).isEmpty();
        var picker = _get(field, DatePicker.class);
        _setValue(picker, DAY);
        assertThat(field.getValue()).isEqualTo(DAY);
        assertThat(field.getText()).isEqualTo("2026-11-27");

        field.setValue(DAY.plusDays(1));
        assertThat(picker.getValue()).isEqualTo(DAY.plusDays(1));
        field.setText("27/11/2026");
        assertThat(field.getValue()).isEqualTo(DAY);
        field.setMin(DAY);
        assertThat(picker.getMin()).isEqualTo(DAY);
        field.setText("not a date");
        assertThat(field.getValue()).isNull();
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).startsWith("Not a date");
    }

    @Test
    void worksWithBinderInBothLanguages() {
        for (var language : new java.util.Locale[] {Languages.ENGLISH, Languages.PERSIAN}) {
            useLanguage(language);
            var field = field();
            var binder = new Binder<Holder>();
            binder.forField(field).asRequired("required").bind(Holder::getDay, Holder::setDay);
            var holder = new Holder();
            holder.setDay(DAY);
            binder.readBean(holder);
            assertThat(field.getValue()).isEqualTo(DAY);
            field.setText(language == Languages.PERSIAN ? "1405/09/07" : "2026-11-28");
            assertThat(binder.writeBeanIfValid(holder)).isTrue();
            assertThat(holder.getDay()).isEqualTo(DAY.plusDays(1));
            field.clear();
            assertThat(binder.writeBeanIfValid(holder)).isFalse();
        }
    }

    @Test
    void takesTheSettersOfDatePicker() {
        useLanguage(Languages.PERSIAN);
        var field = field();
        field.setPlaceholder("روز");
        field.setClearButtonVisible(true);
        field.setRequiredIndicatorVisible(true);
        field.setHelperText("کمک");
        field.setWidth("10rem");
        assertThat(field.getPlaceholder()).isEqualTo("روز");
        assertThat(field.isClearButtonVisible()).isTrue();
        assertThat(field.isRequiredIndicatorVisible()).isTrue();
        assertThat(field.getLabel()).isEqualTo("Date");
        assertThat(field.getHelperText()).isEqualTo("کمک");
    }

    static class Holder {
        private LocalDate day;

        LocalDate getDay() {
            return day;
        }

        void setDay(LocalDate day) {
            this.day = day;
        }
    }
}
