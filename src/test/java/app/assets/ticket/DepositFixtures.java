package app.assets.ticket;

import static app.assets.ticket.TicketFixtures.LENDER;

import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ticket.domain.ConditionReport.Stage;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.TicketLifecycle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Tickets with a deposit at each step of its life, for the deposit and claim tests. The borrower is
 * an account of the test's own: deposits left held on it never show in other tests' balances.
 */
record DepositFixtures(
        String borrower,
        TicketFixtures f,
        JdbcClient jdbc,
        Ledger ledger,
        TicketLifecycle lifecycle,
        DepositService deposits,
        ConditionReportService reports) {

    static final long PRICE = 10_000;

    /** An active loan of the lender's listing by {@code borrower} with this deposit held. */
    long active(String borrower, long deposit) {
        long listing = f.listing(PRICE);
        f.fund(borrower, PRICE + deposit);
        f.as(borrower);
        long id = lifecycle.request(UUID.randomUUID(), listing, 1, null);
        // The bookings work copies listings.deposit into the request; until then the quote is set here.
        jdbc.sql("update tickets set deposit = ? where id = ?")
                .params(deposit, id)
                .update();
        f.as(LENDER);
        lifecycle.accept(id);
        SecurityContextHolder.clearContext();
        return id;
    }

    long active(long deposit) {
        return active(borrower, deposit);
    }

    /** The loan is over: the lender confirmed the return; the deposit awaits the lender's decision. */
    long returned(String borrower, long deposit) {
        long id = active(borrower, deposit);
        f.as(LENDER);
        lifecycle.confirmReturn(id);
        SecurityContextHolder.clearContext();
        return id;
    }

    long returned(long deposit) {
        return returned(borrower, deposit);
    }

    /** The lender's return report with one photo; its id. */
    long returnReport(long ticketId) {
        f.as(LENDER);
        try {
            return reports.submit(ticketId, Stage.RETURN, "Scratched lens", List.of(png()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Returned, with a claim of {@code claim} filed by the lender on the return report. */
    long claimed(long deposit, long claim) {
        long id = returned(deposit);
        long report = returnReport(id);
        f.as(LENDER);
        deposits.claim(id, claim, "The lens is scratched", List.of(report));
        SecurityContextHolder.clearContext();
        return id;
    }

    /** Claimed and disputed by the borrower. */
    long disputed(long deposit, long claim) {
        long id = claimed(deposit, claim);
        f.as(borrower);
        deposits.dispute(id, "It was scratched before");
        SecurityContextHolder.clearContext();
        return id;
    }

    Deposit deposit(long ticketId) {
        var before = SecurityContextHolder.getContext().getAuthentication();
        f.as(LENDER);
        try {
            return deposits.find(ticketId).orElseThrow();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(before);
        }
    }

    Hold hold(long ticketId) {
        long holdId = jdbc.sql("select deposit_hold_id from tickets where id = ?")
                .param(ticketId)
                .query(Long.class)
                .single();
        return ledger.hold(holdId);
    }

    long capturedOf(long ticketId) {
        return jdbc.sql(
                        "select coalesce(h.captured_amount, 0) from ledger_holds h join tickets t on t.deposit_hold_id = h.id where t.id = ?")
                .param(ticketId)
                .query(Long.class)
                .single();
    }

    int notifications(String event, String email) {
        return jdbc.sql(
                        "select count(distinct n.id) from notifications n join users u on u.id = n.user_id where n.event = ? and u.email = ? and n.channel = 'EMAIL'")
                .params(event, email)
                .query(Integer.class)
                .single();
    }

    static byte[] png() {
        var image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
