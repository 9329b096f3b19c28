package app.assets.base.ui.component;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.JalaliDates;
import app.assets.base.i18n.Languages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The one date input of the application: a field whose value is a {@link LocalDate} (a Tehran
 * day), usable with {@code Binder}. In English it is Vaadin's {@link DatePicker} (Gregorian). In
 * Persian it is a text field that reads and writes Jalali days ("۱۴۰۵/۰۹/۰۶"; Latin or Arabic-Indic
 * digits and "-" or "." are read too) with a {@link MonthCalendar} beside it: Persian month and
 * weekday names, Saturday first, Persian digits, right to left. The language is the UI's when the
 * field is made; switching language reloads the page, so every field is made again.
 *
 * <p>The methods are DatePicker's, so swapping one for the other is a change of type: {@code
 * setLabel}, {@code setValue}/{@code getValue}, {@code addValueChangeListener}, {@code setMin}/{@code
 * setMax} (inclusive), {@code setPlaceholder}, {@code setClearButtonVisible}, {@code setHelperText},
 * {@code setRequiredIndicatorVisible}, {@code setInvalid}/{@code setErrorMessage}, {@code setWidth}.
 * Typed text that is no day, or a day outside min and max, leaves the value empty and the field
 * invalid with a message, as DatePicker does.
 */
public class DateField extends CustomField<LocalDate> {

    private final boolean jalali;
    private final DatePicker picker;
    private final TextField text;
    private final Popover popover;
    private final MonthCalendar calendar;
    private LocalDate min;
    private LocalDate max;

    public DateField() {
        this(null);
    }

    public DateField(String label) {
        Locale locale = Optional.ofNullable(UI.getCurrent()).map(UI::getLocale).orElse(Locale.ENGLISH);
        this.jalali = Languages.isRightToLeft(locale);
        if (jalali) {
            picker = null;
            text = new TextField();
            text.setWidthFull();
            text.setPlaceholder(getTranslation(locale, "date.placeholder"));
            text.getElement().setAttribute("dir", "rtl");
            var open = new Button(VaadinIcon.CALENDAR.create());
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
            open.setAriaLabel(getTranslation(locale, "date.openCalendar"));
            open.addClassName("date-field-open");
            text.setSuffixComponent(open);
            calendar = new MonthCalendar();
            calendar.setSelection(MonthCalendar.Selection.SINGLE);
            popover = new Popover(calendar);
            popover.setTarget(open);
            popover.setPosition(PopoverPosition.BOTTOM_END);
            popover.addOpenedChangeListener(e -> {
                if (e.isOpened()) {
                    calendar.showMonth(getValue());
                }
            });
            calendar.addSelectionListener(e -> {
                text.setValue(JalaliDates.text(e.getStart(), locale));
                popover.close();
                updateValue();
            });
            text.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    updateValue();
                }
            });
            add(text, popover);
        } else {
            text = null;
            popover = null;
            calendar = null;
            picker = new DatePicker();
            picker.setWidthFull();
            picker.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    updateValue();
                }
            });
            add(picker);
        }
        if (label != null) {
            setLabel(label);
        }
    }

    /** Whether this field shows the Jalali calendar (the UI was in Persian when it was made). */
    public boolean isJalali() {
        return jalali;
    }

    /** The text the field shows, as a person would type it: "۱۴۰۵/۰۹/۰۶" in Persian. */
    public String getText() {
        return jalali ? text.getValue() : JalaliDates.text(picker.getValue(), Locale.ENGLISH);
    }

    /**
     * Types a text as a person would and leaves the field (Persian); in English the text is read as
     * an ISO or day/month/year day. For tests and for pre-filling from a typed source.
     */
    public void setText(String typed) {
        if (jalali) {
            text.setValue(typed == null ? "" : typed);
            updateValue();
        } else {
            var day = JalaliDates.parse(typed, Locale.ENGLISH).orElse(null);
            picker.setValue(day);
            updateValue();
            if (day == null && typed != null && !typed.isBlank()) {
                showError("date.invalid");
            }
        }
    }

    @Override
    protected LocalDate generateModelValue() {
        if (!jalali) {
            LocalDate day = picker.getValue();
            validate(day, false);
            return day;
        }
        String typed = text.getValue();
        Optional<LocalDate> day = JalaliDates.parse(typed, locale());
        boolean badInput = typed != null && !typed.isBlank() && day.isEmpty();
        validate(day.orElse(null), badInput);
        if (day.isPresent()) {
            // writes what was typed the way the field writes days, e.g. "1405-9-6" as "۱۴۰۵/۰۹/۰۶"
            text.setValue(JalaliDates.text(day.get(), locale()));
        }
        return day.orElse(null);
    }

    @Override
    protected void setPresentationValue(LocalDate value) {
        if (jalali) {
            text.setValue(JalaliDates.text(value, locale()));
            if (value == null) {
                calendar.setSelected(null, null);
            } else {
                calendar.setSelected(value, value.plusDays(1));
            }
        } else {
            picker.setValue(value);
        }
        validate(value, false);
    }

    private void validate(LocalDate day, boolean badInput) {
        if (badInput) {
            showError("date.invalid");
        } else if (day != null && ((min != null && day.isBefore(min)) || (max != null && day.isAfter(max)))) {
            showError("date.outOfRange");
        } else if (isInvalid()) {
            setInvalid(false);
        }
    }

    private void showError(String key) {
        // today's date as the example of how to write one
        setErrorMessage(getTranslation(locale(), key, JalaliDates.text(LocalDate.now(Formats.ZONE), locale())));
        setInvalid(true);
    }

    /** The earliest day allowed (inclusive), or null. */
    public void setMin(LocalDate min) {
        this.min = min;
        if (jalali) {
            calendar.setMin(min);
        } else {
            picker.setMin(min);
        }
    }

    public LocalDate getMin() {
        return min;
    }

    /** The latest day allowed (inclusive), or null. */
    public void setMax(LocalDate max) {
        this.max = max;
        if (jalali) {
            calendar.setMax(max);
        } else {
            picker.setMax(max);
        }
    }

    public LocalDate getMax() {
        return max;
    }

    public void setPlaceholder(String placeholder) {
        if (jalali) {
            text.setPlaceholder(placeholder);
        } else {
            picker.setPlaceholder(placeholder);
        }
    }

    public String getPlaceholder() {
        return jalali ? text.getPlaceholder() : picker.getPlaceholder();
    }

    public void setClearButtonVisible(boolean visible) {
        if (jalali) {
            text.setClearButtonVisible(visible);
        } else {
            picker.setClearButtonVisible(visible);
        }
    }

    public boolean isClearButtonVisible() {
        return jalali ? text.isClearButtonVisible() : picker.isClearButtonVisible();
    }

    /** Opens the calendar: Persian's month view, or DatePicker's overlay in English. */
    public void open() {
        if (jalali) {
            popover.open();
        } else {
            picker.open();
        }
    }

    /** The month view behind the field in Persian, or empty in English. */
    public Optional<MonthCalendar> getCalendar() {
        return Optional.ofNullable(calendar);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        super.setReadOnly(readOnly);
        if (jalali) {
            text.setReadOnly(readOnly);
            text.getSuffixComponent().setVisible(!readOnly);
        } else {
            picker.setReadOnly(readOnly);
        }
    }

    private Locale locale() {
        return jalali ? Languages.PERSIAN : Locale.ENGLISH;
    }
}
