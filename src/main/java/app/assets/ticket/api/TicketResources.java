package app.assets.ticket.api;

import app.assets.base.api.ApiException;
import app.assets.base.api.InvalidField;
import app.assets.base.crypto.Digests;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.listing.DateRange;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.domain.TicketAction;
import app.assets.ticket.service.Bookings;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.TicketQueries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket as the API shows it, read through the same services as the detail view (so the same
 * people see it), and the API's reading of the services' refusals: a ticket the caller may not see
 * is 404, the wrong side of a visible ticket 403, a wrong state stays the service's 422.
 */
@Component
class TicketResources {

    record Party(long id, String name) {}

    /** The dates and the stored quote; null for tickets made before bookings by date. */
    record Booking(
            LocalDate start,
            LocalDate end,
            int days,
            String rateKind,
            long price,
            long fee,
            long deposit,
            long total) {}

    record Claim(
            long amount, String text, Instant claimedAt, Instant answerBy, String disputeReason, List<Long> evidence) {}

    /** The deposit once held on payment; before that the booking's {@code deposit} says what will be held. */
    record DepositView(
            long ticketId,
            long amount,
            String status,
            Instant decideBy,
            Claim claim,
            Long capturedAmount,
            Long releasedAmount,
            String resolution,
            String decisionReason,
            Instant resolvedAt) {
        static DepositView of(Deposit d) {
            var claim = d.claimAmount() == null
                    ? null
                    : new Claim(
                            d.claimAmount(),
                            d.claimText(),
                            d.claimedAt(),
                            d.answerBy(),
                            d.disputeReason(),
                            d.evidence());
            return new DepositView(
                    d.ticketId(),
                    d.amount(),
                    d.status().name(),
                    d.decideBy(),
                    claim,
                    d.capturedAmount(),
                    d.status().isFinal() ? d.releasedAmount() : null,
                    d.resolution() == null ? null : d.resolution().name(),
                    d.decisionReason(),
                    d.resolvedAt());
        }
    }

    /** A condition report; {@code confirmable} says whether the caller may confirm it now. Photos are in the app. */
    record ConditionReportSummary(
            long id,
            String stage,
            long authorUserId,
            String notes,
            boolean confirmed,
            Instant createdAt,
            Instant confirmedAt,
            int photos,
            boolean confirmable) {
        static ConditionReportSummary of(ConditionReport r, Ticket t, long me) {
            return new ConditionReportSummary(
                    r.id(),
                    r.stage().name(),
                    r.authorUserId(),
                    r.notes(),
                    r.confirmed(),
                    r.createdAt(),
                    r.confirmedAt(),
                    r.photoIds().size(),
                    r.confirmableBy(me, t.isParty(me)));
        }
    }

    /** How the escrow was paid out, once the loan completed or its dispute was settled. */
    record Outcome(Long lenderPayout, Long platformFee, Long borrowerRefund, String settlementNote) {}

    /** One ticket with everything its detail view shows, and the actions the caller may take now. */
    record TicketResource(
            long id,
            long listingId,
            String listingTitle,
            String side,
            Party borrower,
            Party lender,
            String status,
            String cancelReason,
            int days,
            long price,
            Booking booking,
            String address,
            Instant createdAt,
            Instant acceptedAt,
            Instant activatedAt,
            Instant dueAt,
            Instant endedAt,
            Instant disputedAt,
            String disputeReason,
            Outcome outcome,
            DepositView deposit,
            List<ConditionReportSummary> conditionReports,
            List<TicketAction> actions) {}

    /** A ticket in a list; its detail ({@code GET /tickets/{id}}) has the rest and the actions. */
    record TicketItem(
            long id,
            long listingId,
            String listingTitle,
            String side,
            Party borrower,
            Party lender,
            String status,
            LocalDate start,
            LocalDate end,
            int days,
            long price,
            Instant createdAt,
            Instant dueAt,
            Instant disputedAt,
            String disputeReason) {}

    private final TicketQueries tickets;
    private final Bookings bookings;
    private final DepositService deposits;
    private final ConditionReportService reports;
    private final CurrentUser currentUser;
    private final JsonMapper json;

    TicketResources(
            TicketQueries tickets,
            Bookings bookings,
            DepositService deposits,
            ConditionReportService reports,
            CurrentUser currentUser,
            JsonMapper json) {
        this.tickets = tickets;
        this.bookings = bookings;
        this.deposits = deposits;
        this.reports = reports;
        this.currentUser = currentUser;
        this.json = json;
    }

    /** The ticket if the caller may read it (as in the detail view), else 404. */
    Ticket visible(long ticketId) {
        return tickets.find(ticketId).orElseThrow(TicketResources::notFound);
    }

    TicketResource resource(long ticketId) {
        return resource(visible(ticketId));
    }

    TicketResource resource(Ticket t) {
        var booking = bookings.of(t);
        var deposit = deposits.find(t.id());
        return new TicketResource(
                t.id(),
                t.listingId(),
                t.listingTitle(),
                side(t).name(),
                new Party(t.borrowerUserId(), t.borrowerName()),
                new Party(t.lenderUserId(), t.lenderName()),
                t.status().name(),
                t.cancelReason() == null ? null : t.cancelReason().name(),
                t.days(),
                t.price(),
                booking.map(b -> new Booking(
                                b.dates().start(),
                                b.dates().end(),
                                b.dates().days(),
                                b.rateKind().name(),
                                b.price(),
                                b.fee(),
                                b.deposit(),
                                Math.addExact(b.price(), b.deposit())))
                        .orElse(null),
                booking.flatMap(Bookings.Booking::address).orElse(null),
                t.createdAt(),
                t.acceptedAt(),
                t.activatedAt(),
                t.dueAt(),
                t.endedAt(),
                t.disputedAt(),
                t.disputeReason(),
                t.lenderPayout() == null
                        ? null
                        : new Outcome(t.lenderPayout(), t.platformFee(), t.borrowerRefund(), t.settlementNote()),
                deposit.map(DepositView::of).orElse(null),
                reports.reports(t.id()).stream()
                        .map(r -> ConditionReportSummary.of(r, t, currentUser.requireId()))
                        .toList(),
                tickets.actions(t));
    }

    /** Runs a step of the ticket and answers with the ticket as it is now; refusals as {@link #refusal}. */
    TicketResource step(long ticketId, String reasonField, Runnable step) {
        try {
            step.run();
        } catch (UserInputException e) {
            throw refusal(e, reasonField);
        }
        return resource(ticketId);
    }

    /** A page of a list: the tickets' dates are read in one query, the caller's id once. */
    List<TicketItem> items(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        long me = currentUser.requireId();
        var dates = bookings.datesOf(tickets);
        return tickets.stream().map(t -> item(t, me, dates.get(t.id()))).toList();
    }

    private static TicketItem item(Ticket t, long me, DateRange dates) {
        return new TicketItem(
                t.id(),
                t.listingId(),
                t.listingTitle(),
                t.sideOf(me).name(),
                new Party(t.borrowerUserId(), t.borrowerName()),
                new Party(t.lenderUserId(), t.lenderName()),
                t.status().name(),
                dates == null ? null : dates.start(),
                dates == null ? null : dates.end(),
                t.days(),
                t.price(),
                t.createdAt(),
                t.dueAt(),
                t.disputedAt(),
                t.disputeReason());
    }

    /** A strong ETag of the representation: it changes with anything the caller sees, actions included. */
    String etag(Object representation) {
        return "\"" + Digests.sha256Hex(json.writeValueAsString(representation)).substring(0, 32) + "\"";
    }

    private Ticket.Side side(Ticket t) {
        return t.sideOf(currentUser.requireId());
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "ticket.notFound");
    }

    /**
     * A service's refusal as the API answers it: a reason to fix 422 on {@code reasonField}; anything
     * else as {@link app.assets.base.api.ApiRefusals} says (not visible 404, the other side's step 403, a wrong state 422).
     */
    static RuntimeException refusal(UserInputException e, String reasonField) {
        String key = e.messageKey();
        if (reasonField != null && key.startsWith("reason.")) {
            return new InvalidField(reasonField, e);
        }
        return e;
    }
}
