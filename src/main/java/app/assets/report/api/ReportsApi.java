package app.assets.report.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiParams;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.service.DashboardService;
import app.assets.report.service.MyDashboard;
import app.assets.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /api/v1/reports/overview}: the caller's own figures (the dashboard's), and, for
 * holders of {@code report.read.all}, the platform's totals over a range of Tehran days (the
 * admin dashboard's, read from the daily aggregates), through the same services as the views.
 */
@ApiController
@Tag(name = "reports")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class ReportsApi {

    /** The platform range when none is asked: the last 30 days up to today. */
    static final int DEFAULT_DAYS = 30;

    record Own(
            long posted,
            long held,
            long available,
            Map<TicketStatus, Long> ticketsAsBorrower,
            Map<TicketStatus, Long> ticketsAsLender,
            long activeLoans,
            List<MyDashboard.DailyFlow> flows) {}

    record Platform(
            LocalDate from,
            LocalDate to,
            LocalDate latestDay,
            Instant computedAt,
            int missingDays,
            long totalUsers,
            long newUsers,
            long totalTickets,
            long activeLoans,
            long volume,
            long revenue,
            long walletBalanceSum,
            long activated,
            long completed,
            long cancelled,
            AdminDashboard.Payments payments) {}

    record Overview(Own own, Platform platform) {}

    private final MyDashboard mine;
    private final DashboardService dashboards;

    ReportsApi(MyDashboard mine, DashboardService dashboards) {
        this.mine = mine;
        this.dashboards = dashboards;
    }

    @GetMapping("/reports/overview")
    @Operation(
            summary = "Your figures, and the platform's for report.read.all",
            description = "own: wallet balance, your tickets by status as borrower and lender, active loans and the"
                    + " last 30 days' money in and out. platform (null without report.read.all): totals over"
                    + " [from, to], Tehran days, default the last 30; definitions in docs/reports.md.")
    Overview overview(
            @Parameter(description = "first day, ISO (2026-11-01); platform figures only")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "last day, ISO; platform figures only") @RequestParam(required = false) String to,
            Authentication authentication) {
        var my = mine.overview(Formats.ZONE);
        var own = new Own(
                my.balance().posted(),
                my.balance().held(),
                my.balance().available(),
                my.asBorrower(),
                my.asLender(),
                my.activeLoanCount(),
                my.flows());
        boolean readsAll = authentication.getAuthorities().stream()
                .anyMatch(a -> Permissions.REPORT_READ_ALL.equals(a.getAuthority()));
        if (!readsAll) {
            return new Overview(own, null);
        }
        LocalDate today = dashboards.today();
        LocalDate last = ApiParams.day("to", to, today);
        LocalDate first = ApiParams.day("from", from, last.minusDays(DEFAULT_DAYS - 1L));
        DashboardFilter filter;
        try {
            filter = new DashboardFilter(first, last, null, null);
        } catch (UserInputException e) {
            throw new InvalidField("from", e);
        }
        var d = dashboards.adminDashboard(filter);
        return new Overview(
                own,
                new Platform(
                        first,
                        last,
                        d.latestDay(),
                        d.computedAt(),
                        d.missingDays(),
                        d.totalUsers(),
                        d.newUsers(),
                        d.totalTickets(),
                        d.activeLoans(),
                        d.volume(),
                        d.revenue(),
                        d.walletBalanceSum(),
                        d.activated(),
                        d.completed(),
                        d.cancelled(),
                        d.payments()));
    }
}
