package app.assets.report.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.base.security.Permissions;
import app.assets.identity.CurrentUser;
import app.assets.listing.ListingCategory;
import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.domain.Segment;
import app.assets.report.service.DashboardService;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.ULocale;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin dashboard: headline figures, tickets, revenue, payments and notification delivery over
 * a time range, optionally only for one asset category and one borrower segment. Everything comes
 * from the daily aggregates through {@link DashboardService} (cached); ADMIN can recompute.
 */
@Route("admin")
@PageTitle("Assets")
@Menu(order = 20, icon = "vaadin:dashboard", title = "nav.adminDashboard")
@RolesAllowed(Permissions.REPORT_READ_ALL)
public class AdminDashboardView extends Div {

    /** Preset ranges in days; 0 stands for a custom range. */
    static final List<Integer> PRESETS = List.of(7, 30, 90, 0);

    private final DashboardService dashboards;
    final Select<Integer> range = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Select<ListingCategory> category = new Select<>();
    final Select<Segment> segment = new Select<>();
    final Span computed = new Span();
    final Button recompute = new Button();
    final Div cards = new Div();
    final Div charts = new Div();
    AdminDashboard shown;

    public AdminDashboardView(DashboardService dashboards, CurrentUser currentUser) {
        this.dashboards = dashboards;
        addClassNames("page", "admin-dashboard");
        LocalDate today = dashboards.today();

        range.setId("range");
        range.setLabel(getTranslation("dashboard.range"));
        range.setItems(PRESETS);
        range.setItemLabelGenerator(days -> days == 0 ? getTranslation("dashboard.custom")
                : getTranslation("dashboard.lastDays", Formats.number(days, getLocale())));
        range.setValue(30);
        from.setId("from");
        from.setLabel(getTranslation("dashboard.from"));
        to.setId("to");
        to.setLabel(getTranslation("dashboard.to"));
        for (DatePicker picker : List.of(from, to)) {
            picker.setLocale(getLocale());
            picker.setMax(today);
            picker.setVisible(false);
        }
        from.setValue(today.minusDays(29));
        to.setValue(today);
        category.setId("category");
        category.setLabel(getTranslation("dashboard.category"));
        category.setItems(ListingCategory.values());
        category.setEmptySelectionAllowed(true);
        category.setEmptySelectionCaption(getTranslation("dashboard.allCategories"));
        category.setItemLabelGenerator(c -> c == null ? getTranslation("dashboard.allCategories") : getTranslation("category." + c.name()));
        segment.setId("segment");
        segment.setLabel(getTranslation("dashboard.segment"));
        segment.setItems(Segment.values());
        segment.setEmptySelectionAllowed(true);
        segment.setEmptySelectionCaption(getTranslation("dashboard.allSegments"));
        segment.setItemLabelGenerator(s -> s == null ? getTranslation("dashboard.allSegments") : getTranslation("segment." + s.name()));

        range.addValueChangeListener(e -> {
            boolean custom = e.getValue() != null && e.getValue() == 0;
            from.setVisible(custom);
            to.setVisible(custom);
            refresh();
        });
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        category.addValueChangeListener(e -> refresh());
        segment.addValueChangeListener(e -> refresh());

        var filters = new FlexLayout(range, from, to, category, segment);
        filters.addClassName("dashboard-filters");
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        computed.setId("computed-at");
        computed.addClassName("muted");
        recompute.setId("recompute");
        recompute.setText(getTranslation("dashboard.recompute"));
        recompute.setIcon(VaadinIcon.REFRESH.create());
        recompute.setVisible(currentUser.has(Permissions.REPORT_RECOMPUTE));
        recompute.addClickListener(e -> recompute());
        var status = new FlexLayout(computed, recompute);
        status.addClassName("dashboard-status");
        status.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        status.setAlignItems(FlexComponent.Alignment.CENTER);

        cards.setId("kpis");
        cards.addClassName("kpi-cards");
        charts.addClassName("dashboard-charts");
        add(new H2(getTranslation("nav.adminDashboard")), filters, status, cards, charts);
        refresh();
    }

    DashboardFilter filter() {
        LocalDate today = dashboards.today();
        Integer days = range.getValue();
        if (days == null || days == 0) {
            return new DashboardFilter(from.getValue(), to.getValue(), category.getValue(), segment.getValue());
        }
        return new DashboardFilter(today.minusDays(days - 1L), today, category.getValue(), segment.getValue());
    }

    void refresh() {
        DashboardFilter filter;
        try {
            filter = filter();
        } catch (UserInputException e) {
            computed.setText(getTranslation(e.messageKey(), e.arguments()));
            return;
        }
        show(dashboards.adminDashboard(filter));
    }

    private void recompute() {
        try {
            var filter = filter();
            // The range's last day and any day of the range never computed; older days stay as they are.
            var days = new ArrayList<LocalDate>();
            var computedDays = shown == null ? List.<LocalDate>of() : shown.days().stream().map(AdminDashboard.Day::date).toList();
            for (var d = filter.from(); !d.isAfter(filter.to()); d = d.plusDays(1)) {
                if (!computedDays.contains(d) || d.equals(filter.to())) {
                    days.add(d);
                }
            }
            days.forEach(dashboards::recompute);
            Notification.show(getTranslation("dashboard.recomputed", Formats.number(days.size(), getLocale())), 3000,
                    Notification.Position.TOP_CENTER).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (UserInputException e) {
            Notification.show(getTranslation(e.messageKey(), e.arguments()), 4000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void show(AdminDashboard d) {
        shown = d;
        Locale locale = getLocale();
        if (d.latestDay() == null) {
            computed.setText(getTranslation("dashboard.notComputed"));
        } else {
            String text = getTranslation("dashboard.computedAt", Formats.dateTime(d.computedAt(), locale), day(d.latestDay(), locale));
            if (d.missingDays() > 0) {
                text += " " + getTranslation("dashboard.missingDays", Formats.number(d.missingDays(), locale));
            }
            computed.setText(text);
        }
        cards.removeAll();
        cards.add(card("kpi-users", "dashboard.totalUsers", Formats.number(d.totalUsers(), locale),
                        getTranslation("dashboard.newInRange", Formats.number(d.newUsers(), locale))),
                card("kpi-active-loans", "dashboard.activeLoans", Formats.number(d.activeLoans(), locale), null),
                card("kpi-tickets", "dashboard.totalTickets", Formats.number(d.totalTickets(), locale), null),
                card("kpi-volume", "dashboard.volume", Formats.money(d.volume(), locale), null),
                walletCard(d, locale),
                card("kpi-revenue", "dashboard.revenue", Formats.money(d.revenue(), locale), null));

        charts.removeAll();
        List<String> dayLabels = d.days().stream().map(p -> day(p.date(), locale)).toList();

        var tickets = new ChartPlaceholder(ChartPlaceholder.Kind.LINE);
        tickets.setId("chart-tickets");
        tickets.setTitle(getTranslation("dashboard.activeVsCompleted"));
        tickets.setCategories(dayLabels);
        tickets.addSeries(getTranslation("dashboard.activeAtEnd"), d.days().stream().map(AdminDashboard.Day::activeAtEnd).toList());
        tickets.addSeries(getTranslation("dashboard.completed"), d.days().stream().map(AdminDashboard.Day::completed).toList());

        var revenueByDay = new ChartPlaceholder(ChartPlaceholder.Kind.BAR);
        revenueByDay.setId("chart-revenue-day");
        revenueByDay.setTitle(getTranslation("dashboard.revenueByDay"));
        revenueByDay.setCategories(dayLabels);
        revenueByDay.addSeries(getTranslation("dashboard.revenue"), d.days().stream().map(AdminDashboard.Day::fees).toList());

        Map<String, Long> months = revenueByMonth(d.days(), locale);
        var revenueByMonth = new ChartPlaceholder(ChartPlaceholder.Kind.BAR);
        revenueByMonth.setId("chart-revenue-month");
        revenueByMonth.setTitle(getTranslation("dashboard.revenueByMonth"));
        revenueByMonth.setCategories(List.copyOf(months.keySet()));
        revenueByMonth.addSeries(getTranslation("dashboard.revenue"), List.copyOf(months.values()));

        var payments = new ChartPlaceholder(ChartPlaceholder.Kind.DONUT);
        payments.setId("chart-payments");
        payments.setTitle(getTranslation("dashboard.payments"));
        payments.setCategories(List.of(getTranslation("dashboard.paymentsVerified"), getTranslation("dashboard.paymentsFailed"),
                getTranslation("dashboard.paymentsPending")));
        payments.addSeries(getTranslation("dashboard.payments"),
                List.of(d.payments().verified(), d.payments().failed(), d.payments().pending()));

        var delivery = new ChartPlaceholder(ChartPlaceholder.Kind.BAR);
        delivery.setId("chart-delivery");
        delivery.setTitle(getTranslation("dashboard.deliveryRate"));
        delivery.setCategories(d.channels().stream().map(c -> getTranslation("channel." + c.channel())).toList());
        delivery.addSeries(getTranslation("dashboard.sent"), d.channels().stream().map(AdminDashboard.ChannelDelivery::sent).toList());
        delivery.addSeries(getTranslation("dashboard.failed"), d.channels().stream().map(AdminDashboard.ChannelDelivery::failed).toList());
        delivery.setStacked(true);

        charts.add(section(tickets, getTranslation("dashboard.ticketCounts", Formats.number(d.activated(), locale),
                        Formats.number(d.completed(), locale), Formats.number(d.cancelled(), locale))),
                section(revenueByDay, null),
                section(revenueByMonth, null),
                section(payments, getTranslation("dashboard.paymentCounts", Formats.number(d.payments().verified(), locale),
                        Formats.number(d.payments().failed(), locale), Formats.number(d.payments().pending(), locale),
                        Formats.money(d.payments().topUpVolume(), locale))),
                section(delivery, String.join(" · ", d.channels().stream().map(c -> getTranslation("channel." + c.channel()) + ": "
                        + (c.deliveryRate() == null ? "—" : Formats.digits(String.format(Locale.ROOT, "%.1f%%", c.deliveryRate()), locale)))
                        .toList())));
    }

    private Div card(String id, String labelKey, String value, String note) {
        var label = new Span(getTranslation(labelKey));
        label.addClassName("muted");
        var number = new Span(value);
        number.addClassName("kpi-value");
        number.setId(id);
        var card = new Div(label, number);
        card.addClassName("kpi-card");
        if (note != null) {
            var small = new Span(note);
            small.addClassName("muted");
            card.add(small);
        }
        return card;
    }

    private Div walletCard(AdminDashboard d, Locale locale) {
        var card = card("kpi-wallets", "dashboard.walletSum", Formats.money(d.walletBalanceSum(), locale), null);
        var check = new Span();
        check.setId("wallet-check");
        if (!d.walletCheckedAgainstLedger()) {
            check.setText(getTranslation("dashboard.walletNotChecked"));
            check.addClassName("muted");
        } else if (d.walletMatchesLedger()) {
            check.setText("✓ " + getTranslation("dashboard.walletMatches"));
            check.addClassName("check-ok");
        } else {
            check.setText("✗ " + getTranslation("dashboard.walletDiffers", Formats.money(d.ledgerWalletSum(), locale)));
            check.addClassName("check-failed");
        }
        card.add(check);
        return card;
    }

    private Div section(Component chart, String note) {
        var box = new Div(chart);
        box.addClassName("dashboard-section");
        if (note != null) {
            var text = new Span(note);
            text.addClassName("muted");
            box.add(text);
        }
        return box;
    }

    /** A day as the reader's calendar writes it, short: "25 Nov" or "۴ آذر". */
    static String day(LocalDate date, Locale locale) {
        return icu("d MMM", date, locale);
    }

    /** Revenue summed per month of the reader's calendar (Jalali in Persian), oldest first. */
    static Map<String, Long> revenueByMonth(List<AdminDashboard.Day> days, Locale locale) {
        var months = new LinkedHashMap<String, Long>();
        days.forEach(p -> months.merge(icu("MMM y", p.date(), locale), p.fees(), Long::sum));
        return months;
    }

    private static String icu(String pattern, LocalDate date, Locale locale) {
        var uLocale = Languages.isRightToLeft(locale) ? new ULocale("fa_IR@calendar=persian") : new ULocale("en_GB");
        var format = new SimpleDateFormat(pattern, uLocale);
        format.setTimeZone(com.ibm.icu.util.TimeZone.GMT_ZONE);
        return format.format(Date.from(date.atStartOfDay().toInstant(ZoneOffset.UTC)));
    }
}
