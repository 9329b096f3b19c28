package app.assets.ticket.service;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.identity.RunAs;
import app.assets.identity.UserDirectory;
import app.assets.listing.ListingLookup;
import app.assets.ticket.TicketPayments;
import app.assets.ticket.domain.ConditionReport.Stage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loans for the living demo: on the demo lender's catalogue (seeded before, order 20), the demo
 * borrower's tickets in every state, made through the same services and rules as the UI, each
 * acting as the side that would click: one pending request, one accepted and waiting for the
 * borrower's top-up (the dearest listing for ten days), one running
 * with its handover report, one returned with the deposit released, one returned with a damage
 * claim the borrower disputed (in SUPPORT's queue), one withdrawn and one disputed loan. Once
 * (the first request's key marks it), only with the demo accounts on (never in production) and
 * {@code assets.ticket.demo-loans} (off in tests). A scenario the catalogue's terms or the
 * borrower's funds do not allow is skipped with a log line, never half made up.
 */
@Component
@Order(40)
class DemoLoans implements ApplicationRunner {

    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final List<String> SCENARIOS =
            List.of("running", "returned", "claimed", "disputed", "accepted", "pending", "withdrawn");

    private static final Logger log = LoggerFactory.getLogger(DemoLoans.class);

    private final boolean enabled;
    private final UserDirectory directory;
    private final ListingLookup listings;
    private final Bookings bookings;
    private final TicketLifecycle lifecycle;
    private final TicketDisputes disputes;
    private final DepositService deposits;
    private final ConditionReportService reports;
    private final RunAs runAs;

    DemoLoans(
            @Value("${assets.identity.demo-accounts:false}") boolean demoAccounts,
            @Value("${assets.ticket.demo-loans:true}") boolean demoLoans,
            UserDirectory directory,
            ListingLookup listings,
            Bookings bookings,
            TicketLifecycle lifecycle,
            TicketDisputes disputes,
            DepositService deposits,
            ConditionReportService reports,
            RunAs runAs) {
        this.enabled = demoAccounts && demoLoans;
        this.directory = directory;
        this.listings = listings;
        this.bookings = bookings;
        this.lifecycle = lifecycle;
        this.disputes = disputes;
        this.deposits = deposits;
        this.reports = reports;
        this.runAs = runAs;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        var lender = directory.byEmail(LENDER);
        if (lender.isEmpty() || directory.byEmail(BORROWER).isEmpty()) {
            return;
        }
        var catalogue = new ArrayList<>(listings.borrowableOf(lender.get().id()));
        if (catalogue.size() < 7) {
            log.info("Demo loans skipped: the demo lender has {} borrowable listings", catalogue.size());
            return;
        }
        if (SCENARIOS.stream().anyMatch(name -> bookings.existsRequest(key(name)))) {
            return;
        }
        LocalDate today = LocalDate.now(Formats.ZONE);
        // Paid loans first, on the cheapest listings, while the borrower's demo funds last.
        scenario("running", catalogue, today.plusDays(1), 3, id -> {
            accept(id);
            pay(id);
            as(
                    LENDER,
                    () -> reports.submit(
                            id,
                            Stage.HANDOVER,
                            "Handed over clean, with its case and charger.",
                            List.of(photo(0x2e7d32))));
        });
        scenario("returned", catalogue, today.plusDays(1), 2, id -> {
            accept(id);
            pay(id);
            act(LENDER, () -> lifecycle.confirmReturn(id));
            act(LENDER, () -> deposits.release(id));
        });
        scenario("claimed", catalogue, today.plusDays(1), 2, id -> {
            accept(id);
            pay(id);
            long report = as(
                    LENDER,
                    () -> reports.submit(
                            id, Stage.RETURN, "Came back with a cracked corner.", List.of(photo(0xc62828))));
            act(LENDER, () -> lifecycle.confirmReturn(id));
            long deposit =
                    as(LENDER, () -> deposits.find(id).map(d -> d.amount()).orElse(0L));
            if (deposit > 0) {
                act(
                        LENDER,
                        () -> deposits.claim(
                                id, Math.max(1, deposit / 2), "Repair of the cracked corner.", List.of(report)));
                act(BORROWER, () -> deposits.dispute(id, "It was cracked when I got it."));
            }
        });
        scenario("disputed", catalogue, today.plusDays(2), 3, id -> {
            accept(id);
            pay(id);
            act(BORROWER, () -> disputes.openDispute(id, "Arrived without its battery."));
        });
        // Accepted and waiting for payment: the dearest listing for a long stay, more than the wallet holds.
        java.util.Collections.reverse(catalogue);
        scenario("accepted", catalogue, today.plusDays(5), 10, this::accept);
        java.util.Collections.reverse(catalogue);
        scenario("pending", catalogue, today.plusDays(8), 3, id -> {});
        scenario("withdrawn", catalogue, today.plusDays(12), 2, id -> act(BORROWER, () -> lifecycle.withdraw(id)));
    }

    interface Steps {
        void after(long ticketId);
    }

    /** Requests the first listing left that takes these dates, then plays the steps; the listing is used up. */
    private void scenario(String name, List<Long> catalogue, LocalDate start, int days, Steps steps) {
        for (var it = catalogue.iterator(); it.hasNext(); ) {
            long listing = it.next();
            Optional<Long> ticket;
            try {
                ticket = Optional.of(
                        as(BORROWER, () -> bookings.request(key(name), listing, start, start.plusDays(days))));
            } catch (UserInputException e) {
                continue;
            }
            it.remove();
            try {
                steps.after(ticket.get());
            } catch (UserInputException e) {
                log.info("Demo loan '{}' stopped at ticket {}: {}", name, ticket.get(), e.messageKey());
            }
            return;
        }
        log.info("Demo loan '{}' skipped: no listing takes {} for {} days", name, start, days);
    }

    private void accept(long id) {
        act(LENDER, () -> lifecycle.accept(id));
    }

    private void pay(long id) {
        // Accepting already pays when the borrower's wallet covers price and deposit.
        var outcome = as(BORROWER, () -> lifecycle.pay(id));
        if (outcome != TicketPayments.Outcome.ACTIVATED && outcome != TicketPayments.Outcome.ALREADY_PAID) {
            throw new UserInputException("demo.notPaid", outcome);
        }
    }

    static UUID key(String scenario) {
        return UUID.nameUUIDFromBytes(("assets-demo-loan:" + scenario).getBytes(StandardCharsets.UTF_8));
    }

    private <T> T as(String email, Supplier<T> work) {
        return runAs.as(email, work);
    }

    private void act(String email, Runnable work) {
        runAs.act(email, work);
    }

    /** A small plain picture standing for a condition photo (a real PNG, as uploads must be). */
    static byte[] photo(int rgb) {
        var image = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, 96, 72);
        g.setColor(Color.WHITE);
        g.fillOval(28, 16, 40, 40);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
