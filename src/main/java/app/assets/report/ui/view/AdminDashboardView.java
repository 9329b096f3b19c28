package app.assets.report.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.Chart;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.CurrentUser;
import app.assets.listing.ListingCategory;
import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.domain.Segment;
import app.assets.report.service.DashboardService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
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
@Menu(order = 20, icon = "vaadin:chart", title = "nav.adminDashboard")
@RolesAllowed(Permissions.REPORT_READ_ALL)
public class AdminDashboardView extends Div {

    /** Preset ranges in days; 0 stands for a custom range. */
    static final List<Integer> PRESETS = List.of(7, 30, 90, 0);

    private final DashboardService dashboards;
    final Select<Integer> range = new Select<>();
    final DateField from = new DateField();
    final DateField to = new DateField();
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
        range.setLabel(getTranslation("adminDashboard.range"));
        range.setItems(PRESETS);
        range.setItemLabelGenerator(days -> days == 0
                ? getTranslation("adminDashboard.custom")
                : getTranslation("adminDashboard.lastDays", Formats.number(days, getLocale())));
        range.setValue(30);
        from.setId("from");
        from.setLabel(getTranslation("adminDashboard.from"));
        to.setId("to");
        to.setLabel(getTranslation("adminDashboard.to"));
        for (DateField picker : List.of(from, to)) {
            picker.setMax(today);
            picker.setVisible(false);
        }
        from.setValue(today.minusDays(29));
        to.setValue(today);
        category.setId("category");
        category.setLabel(getTranslation("adminDashboard.category"));
        category.setItems(ListingCategory.values());
        category.setEmptySelectionAllowed(true);
        category.setEmptySelectionCaption(getTranslation("adminDashboard.allCategories"));
        category.setItemLabelGenerator(c ->
                c == null ? getTranslation("adminDashboard.allCategories") : getTranslation("category." + c.name()));
        segment.setId("segment");
        segment.setLabel(getTranslation("adminDashboard.segment"));
        segment.setItems(Segment.values());
        segment.setEmptySelectionAllowed(true);
        segment.setEmptySelectionCaption(getTranslation("adminDashboard.allSegments"));
        segment.setItemLabelGenerator(
                s -> s == null ? getTranslation("adminDashboard.allSegments") : getTranslation("segment." + s.name()));

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
        recompute.setText(getTranslation("adminDashboard.recompute"));
        recompute.setIcon(VaadinIcon.REFRESH.create());
        recompute.setVisible(currentUser.has(Permissions.REPORT_RECOMPUTE));
        recompute.addClickListener(e -> recompute());
        var status = new FlexLayout(computed, recompute);
        status.addClassName("dashboard-status");
        status.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        status.setAlignItems(FlexComponent.Alignment.CENTER);

        cards.setId("kpis");
        cards.addClassName("kpi-cards");
        charts.addClassName("dashboard-grid");
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
            // The range's last day and any day of the range never computed (at most 31); older days stay as they are.
            int days = dashboards.recompute(filter());
            Toasts.success(getTranslation("adminDashboard.recomputed", Formats.number(days, getLocale())));
            refresh();
        } catch (UserInputException e) {
            Toasts.error(this, e);
        }
    }

    private void show(AdminDashboard d) {
        shown = d;
        Locale locale = getLocale();
        if (d.latestDay() == null) {
            computed.setText(getTranslation("adminDashboard.notComputed"));
        } else {
            String text = getTranslation(
                    "adminDashboard.computedAt", Formats.dateTime(d.computedAt(), locale), day(d.latestDay(), locale));
            if (d.missingDays() > 0) {
                text += " " + getTranslation("adminDashboard.missingDays", Formats.number(d.missingDays(), locale));
            }
            computed.setText(text);
        }
        cards.removeAll();
        cards.add(
                card(
                        "kpi-users",
                        "adminDashboard.totalUsers",
                        Formats.number(d.totalUsers(), locale),
                        getTranslation("adminDashboard.newInRange", Formats.number(d.newUsers(), locale))),
                card("kpi-active-loans", "adminDashboard.activeLoans", Formats.number(d.activeLoans(), locale), null),
                card("kpi-tickets", "adminDashboard.totalTickets", Formats.number(d.totalTickets(), locale), null),
                card("kpi-volume", "adminDashboard.volume", Formats.money(d.volume(), locale), null),
                walletCard(d, locale),
                card("kpi-revenue", "adminDashboard.revenue", Formats.money(d.revenue(), locale), null),
                depositCard(locale));

        charts.removeAll();
        List<String> dayLabels =
                d.days().stream().map(p -> day(p.date(), locale)).toList();

        var tickets = new Chart(Chart.Kind.LINE);
        tickets.setId("chart-tickets");
        tickets.setTitle(getTranslation("adminDashboard.activeVsCompleted"));
        tickets.setCategories(dayLabels);
        tickets.addSeries(
                getTranslation("adminDashboard.activeAtEnd"),
                d.days().stream().map(AdminDashboard.Day::activeAtEnd).toList());
        tickets.addSeries(
                getTranslation("adminDashboard.completed"),
                d.days().stream().map(AdminDashboard.Day::completed).toList());

        var revenueByDay = new Chart(Chart.Kind.BAR);
        revenueByDay.setId("chart-revenue-day");
        revenueByDay.setTitle(getTranslation("adminDashboard.revenueByDay"));
        revenueByDay.setCategories(dayLabels);
        revenueByDay.setValueFormat(v -> Formats.money(v.longValue(), locale));
        revenueByDay.addSeries(
                getTranslation("adminDashboard.revenue"),
                d.days().stream().map(AdminDashboard.Day::fees).toList());

        Map<String, Long> months = revenueByMonth(d.days(), locale);
        var revenueByMonth = new Chart(Chart.Kind.BAR);
        revenueByMonth.setId("chart-revenue-month");
        revenueByMonth.setTitle(getTranslation("adminDashboard.revenueByMonth"));
        revenueByMonth.setCategories(List.copyOf(months.keySet()));
        revenueByMonth.setValueFormat(v -> Formats.money(v.longValue(), locale));
        revenueByMonth.addSeries(getTranslation("adminDashboard.revenue"), List.copyOf(months.values()));

        var payments = new Chart(Chart.Kind.DONUT);
        payments.setId("chart-payments");
        payments.setTitle(getTranslation("adminDashboard.payments"));
        payments.setCategories(List.of(
                getTranslation("adminDashboard.paymentsVerified"),
                getTranslation("adminDashboard.paymentsFailed"),
                getTranslation("adminDashboard.paymentsPending")));
        payments.addSeries(
                getTranslation("adminDashboard.payments"),
                List.of(
                        d.payments().verified(),
                        d.payments().failed(),
                        d.payments().pending()));

        var delivery = new Chart(Chart.Kind.BAR);
        delivery.setId("chart-delivery");
        delivery.setTitle(getTranslation("adminDashboard.deliveryRate"));
        delivery.setCategories(d.channels().stream()
                .map(c -> getTranslation("channel." + c.channel()))
                .toList());
        delivery.addSeries(
                getTranslation("adminDashboard.sent"),
                d.channels().stream().map(AdminDashboard.ChannelDelivery::sent).toList());
        delivery.addSeries(
                getTranslation("adminDashboard.failed"),
                d.channels().stream()
                        .map(AdminDashboard.ChannelDelivery::failed)
                        .toList());
        delivery.setStacked(true);

        charts.add(
                section(
                        tickets,
                        "adminDashboard.activeVsCompleted",
                        getTranslation(
                                "adminDashboard.ticketCounts",
                                Formats.number(d.activated(), locale),
                                Formats.number(d.completed(), locale),
                                Formats.number(d.cancelled(), locale))),
                section(revenueByDay, "adminDashboard.revenueByDay", null),
                section(revenueByMonth, "adminDashboard.revenueByMonth", null),
                section(
                        payments,
                        "adminDashboard.payments",
                        getTranslation(
                                "adminDashboard.paymentCounts",
                                Formats.number(d.payments().verified(), locale),
                                Formats.number(d.payments().failed(), locale),
                                Formats.number(d.payments().pending(), locale),
                                Formats.money(d.payments().topUpVolume(), locale),
                                Formats.money(d.payments().gatewayFees(), locale))),
                section(
                        delivery,
                        "adminDashboard.deliveryRate",
                        String.join(
                                " · ",
                                d.channels().stream()
                                        .map(c -> getTranslation("channel." + c.channel()) + ": "
                                                + (c.deliveryRate() == null
                                                        ? "—"
                                                        : Formats.digits(
                                                                String.format(Locale.ROOT, "%.1f%%", c.deliveryRate()),
                                                                locale)))
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

    /** Deposits are shown as they are now, whatever the range (docs/deposits.md). */
    private Div depositCard(Locale locale) {
        var deposits = dashboards.deposits();
        return card(
                "kpi-deposits",
                "adminDashboard.depositsHeld",
                Formats.money(deposits.heldAmount(), locale),
                getTranslation(
                        "adminDashboard.depositsNote",
                        Formats.number(deposits.held(), locale),
                        Formats.number(deposits.openClaims(), locale),
                        Formats.number(deposits.disputedClaims(), locale)));
    }

    private Div walletCard(AdminDashboard d, Locale locale) {
        var card = card("kpi-wallets", "adminDashboard.walletSum", Formats.money(d.walletBalanceSum(), locale), null);
        var check = new Span();
        check.setId("wallet-check");
        if (!d.walletCheckedAgainstLedger()) {
            check.setText(getTranslation("adminDashboard.walletNotChecked"));
            check.addClassName("muted");
        } else if (d.walletMatchesLedger()) {
            check.setText("✓ " + getTranslation("adminDashboard.walletMatches"));
            check.addClassName("check-ok");
        } else {
            check.setText(
                    "✗ " + getTranslation("adminDashboard.walletDiffers", Formats.money(d.ledgerWalletSum(), locale)));
            check.addClassName("check-failed");
        }
        card.add(check);
        return card;
    }

    private Div section(Chart chart, String titleKey, String note) {
        chart.setWidthFull();
        chart.setHeight("16rem");
        var box = new Div(new H3(getTranslation(titleKey)), chart);
        box.addClassName("dashboard-panel");
        if (note != null) {
            var text = new Span(note);
            text.addClassName("muted");
            box.add(text);
        }
        return box;
    }

    /** A day as the reader's calendar writes it, short: "25 Nov" or "۴ آذر". */
    static String day(LocalDate date, Locale locale) {
        return Formats.dayMonth(date, locale);
    }

    /** Revenue summed per month of the reader's calendar (Jalali in Persian), oldest first. */
    static Map<String, Long> revenueByMonth(List<AdminDashboard.Day> days, Locale locale) {
        var months = new LinkedHashMap<String, Long>();
        days.forEach(p -> months.merge(Formats.month(p.date(), locale), p.fees(), Long::sum));
        return months;
    }
}
