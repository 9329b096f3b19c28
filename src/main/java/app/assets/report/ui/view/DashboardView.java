package app.assets.report.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Chart;
import app.assets.identity.CurrentUser;
import app.assets.report.service.MyDashboard;
import app.assets.report.service.MyDashboard.Activity;
import app.assets.report.service.MyDashboard.DailyFlow;
import app.assets.report.service.MyDashboard.Loan;
import app.assets.ticket.TicketStatus;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;

/**
 * The first page after sign-in: the user's balance, money in and out over the last 30 days, their
 * tickets as borrower and as lender, loans running now with their due dates, and recent activity.
 */
@Route("")
@RouteAlias("dashboard")
@PageTitle("Assets")
@Menu(order = 0, icon = "vaadin:dashboard", title = "nav.dashboard")
@PermitAll
public class DashboardView extends VerticalLayout {

    final Chart flowChart = new Chart(Chart.Kind.BAR);
    final Chart ticketChart = new Chart(Chart.Kind.BAR);

    public DashboardView(MyDashboard dashboard, CurrentUser currentUser, Clock clock) {
        addClassNames("page", "dashboard");
        Locale locale = getLocale();
        var overview = dashboard.overview(Formats.ZONE);
        var greeting =
                new H2(getTranslation("dashboard.welcome", currentUser.require().displayName()));
        greeting.setId("dashboard-greeting");

        var balance = overview.balance();
        var cards = new Div(
                card("dashboard.available", Formats.money(balance.available(), locale), "dashboard-available", true),
                card("dashboard.posted", Formats.money(balance.posted(), locale), "dashboard-posted", false),
                card("dashboard.held", Formats.money(balance.held(), locale), "dashboard-held", false),
                card(
                        "dashboard.activeLoans",
                        Formats.number(overview.activeLoanCount(), locale),
                        "dashboard-loans",
                        false));
        cards.addClassName("kpi-cards");
        var actions = new Div(
                link("wallet/top-up", "dashboard.topUp"),
                link("listings", "dashboard.browse"),
                link("wallet", "dashboard.statement"));
        actions.addClassName("dashboard-actions");

        flowChart.setTitle(getTranslation("dashboard.flows"));
        flowChart.setCategories(overview.flows().stream()
                .map(f -> Formats.dayMonth(f.day(), locale))
                .toList());
        flowChart.setValueFormat(v -> Formats.money(v.longValue(), locale));
        flowChart.addSeries(
                getTranslation("dashboard.moneyIn"),
                overview.flows().stream().map(DailyFlow::in).toList());
        flowChart.addSeries(
                getTranslation("dashboard.moneyOut"),
                overview.flows().stream().map(DailyFlow::out).toList());
        flowChart.setId("dashboard-flows");

        var statuses = Arrays.asList(TicketStatus.values());
        ticketChart.setTitle(getTranslation("dashboard.tickets"));
        ticketChart.setCategories(statuses.stream()
                .map(s -> getTranslation("dashboard.status." + s))
                .toList());
        ticketChart.addSeries(
                getTranslation("dashboard.asBorrower"),
                statuses.stream().map(overview.asBorrower()::get).toList());
        ticketChart.addSeries(
                getTranslation("dashboard.asLender"),
                statuses.stream().map(overview.asLender()::get).toList());
        ticketChart.setStacked(true);
        ticketChart.setHorizontal(true);
        ticketChart.setId("dashboard-tickets");

        var grid = new Div(
                panel("dashboard.flows", flowChart),
                panel("dashboard.tickets", ticketChart, link("tickets", "dashboard.allTickets")),
                panel("dashboard.loans", loans(overview.activeLoans(), clock, locale)),
                panel("dashboard.recent", recent(overview.recent(), locale)));
        grid.addClassName("dashboard-grid");
        add(greeting, cards, actions, grid);
    }

    private Component loans(List<Loan> loans, Clock clock, Locale locale) {
        var list = new Div();
        list.setId("dashboard-loan-list");
        list.addClassName("dashboard-list");
        if (loans.isEmpty()) {
            list.add(muted(getTranslation("dashboard.noLoans")));
        }
        for (var loan : loans) {
            var line = line();
            line.appendElement("a")
                    .attr("href", "tickets/" + loan.ticketId())
                    .text(getTranslation("ticket.number", loan.ticketId()) + " · " + loan.title());
            line.appendElement("span")
                    .addClass("muted")
                    .text(getTranslation(loan.asBorrower() ? "ticket.lenderIs" : "ticket.borrowerIs", loan.otherParty())
                            + " · " + Formats.money(loan.price(), locale));
            boolean late = loan.dueAt() != null && loan.dueAt().isBefore(clock.instant());
            line.appendElement("span")
                    .attr("theme", late ? "badge error" : "badge")
                    .text(dueText(loan, clock, locale));
            list.add(new Html(line.outerHtml()));
        }
        return list;
    }

    private String dueText(Loan loan, Clock clock, Locale locale) {
        if (loan.dueAt() == null) {
            return "";
        }
        // whole calendar days in Iran, as a person counts them
        long days = ChronoUnit.DAYS.between(
                LocalDate.now(clock.withZone(Formats.ZONE)),
                loan.dueAt().atZone(Formats.ZONE).toLocalDate());
        String date = Formats.date(loan.dueAt(), locale);
        if (loan.dueAt().isBefore(clock.instant())) {
            return getTranslation("dashboard.overdue", date);
        }
        if (days <= 0) {
            return getTranslation("dashboard.dueToday", date);
        }
        if (days == 1) {
            return getTranslation("dashboard.dueTomorrow", date);
        }
        return getTranslation("dashboard.dueIn", date, Formats.number(days, locale));
    }

    private Component recent(List<Activity> activity, Locale locale) {
        var list = new Div();
        list.setId("dashboard-recent");
        list.addClassName("dashboard-list");
        if (activity.isEmpty()) {
            list.add(muted(getTranslation("dashboard.noActivity")));
        }
        for (var a : activity) {
            var line = line();
            if (a.ticketId() != null) {
                line.appendElement("a")
                        .attr("href", "tickets/" + a.ticketId())
                        .text(getTranslation("ticket.event." + a.kind()) + " · " + a.title());
            } else {
                // Only notes people wrote (a transfer's note, an adjustment's reason) follow the type:
                // the system's own descriptions are English bookkeeping, not meant for readers.
                boolean written = a.kind().equals("TRANSFER") || a.kind().equals("ADJUSTMENT");
                var what = line.appendElement("div").addClass("activity-line");
                what.appendElement("span")
                        .text(getTranslation("txType." + a.kind())
                                + (written && !a.title().isBlank() ? " · " + a.title() : ""));
                what.appendElement("span")
                        .addClass(a.amount() < 0 ? "amount-out" : "amount-in")
                        .text(Formats.signedMoney(a.amount(), locale));
            }
            line.appendElement("span").addClass("muted").text(Formats.dateTime(a.at(), locale));
            list.add(new Html(line.outerHtml()));
        }
        return list;
    }

    /**
     * One line of a list, written as HTML (jsoup escapes the text) and sent as one {@link Html}
     * component: the lines are only read, and a component per link and text would be five to
     * eight state nodes per line kept in every session instead of one (issue 11).
     */
    private static org.jsoup.nodes.Element line() {
        var page = Document.createShell("");
        page.outputSettings().prettyPrint(false);
        return page.body().appendElement("div");
    }

    private Div card(String labelKey, String value, String id, boolean main) {
        var label = muted(getTranslation(labelKey));
        var figure = new Span(value);
        figure.setId(id);
        figure.addClassName(main ? "kpi-main" : "kpi-value");
        var card = new Div(label, figure);
        card.addClassName("kpi-card");
        return card;
    }

    private Div panel(String titleKey, Component... content) {
        var panel = new Div(new H3(getTranslation(titleKey)));
        panel.add(content);
        panel.addClassName("dashboard-panel");
        return panel;
    }

    private Anchor link(String path, String key) {
        var anchor = new Anchor(path, getTranslation(key));
        anchor.addClassName("dashboard-link");
        return anchor;
    }

    private static Span muted(String text) {
        var span = new Span(text);
        span.addClassName("muted");
        return span;
    }
}
