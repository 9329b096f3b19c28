package app.assets.ticket;

import static app.assets.ticket.TicketFixtures.ADMIN;
import static app.assets.ticket.TicketFixtures.LENDER;
import static app.assets.ticket.TicketFixtures.MODERATOR;
import static app.assets.ticket.TicketFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.report.export.Dataset;
import app.assets.report.export.ExportFormat;
import app.assets.report.export.ReportExports;
import app.assets.report.export.ReportFilter;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.ticket.domain.ConditionReport.Stage;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.DepositTimers;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketEscrow;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The deposit's life: held on payment, then released, claimed, accepted, disputed and decided, or released by the timer. */
class DepositServiceTest extends IntegrationTest {

    @Autowired
    TicketQueries tickets;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    TicketDisputes disputes;

    @Autowired
    TicketEscrow escrow;

    @Autowired
    DepositService deposits;

    @Autowired
    ConditionReportService reports;

    @Autowired
    DepositTimers timers;

    @Autowired
    ReportExports exports;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountUserDetailsService users;

    @Autowired
    AccountService accounts;

    TicketFixtures f;
    DepositFixtures d;
    String borrower;

    @BeforeEach
    void fixtures() {
        f = new TicketFixtures(jdbc, ledger, users);
        borrower = TestUsers.uniqueEmail("deposit-borrower");
        new TestUsers(accounts, jdbc).verified(borrower);
        d = new DepositFixtures(borrower, f, jdbc, ledger, lifecycle, deposits, reports);
    }

    @AfterEach
    void ledgerIsConsistent() {
        SecurityContextHolder.clearContext();
        var result = ledgerCheck.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void payingNeedsPricePlusDepositAndHoldsTheDepositWithoutPayingIt() {
        long listing = f.listing(DepositFixtures.PRICE);
        f.fund(borrower, DepositFixtures.PRICE + 50_000 - 1);
        f.as(borrower);
        long id = lifecycle.request(UUID.randomUUID(), listing, 1, null);
        jdbc.sql("update tickets set deposit = 50000 where id = ?").param(id).update();
        int heldBefore = d.notifications("DEPOSIT_HELD", borrower);

        f.as(LENDER);
        lifecycle.accept(id);
        f.as(borrower);
        var t = tickets.find(id).orElseThrow();
        assertThat(t.status()).as("one Rial short of price + deposit").isEqualTo(TicketStatus.ACCEPTED);
        assertThat(escrow.shortfall(t)).isEqualTo(1);
        assertThat(deposits.find(id)).isEmpty();
        assertThat(f.escrow(id)).isZero();

        f.fund(borrower, 1);
        long postedBefore = f.posted(borrower);
        assertThat(lifecycle.pay(id)).isEqualTo(TicketPayments.Outcome.ACTIVATED);
        assertThat(f.escrow(id)).isEqualTo(DepositFixtures.PRICE);
        assertThat(postedBefore - f.posted(borrower))
                .as("only the price left the wallet")
                .isEqualTo(DepositFixtures.PRICE);
        assertThat(f.available(borrower)).as("the deposit is held").isZero();
        var deposit = d.deposit(id);
        assertThat(deposit.status()).isEqualTo(Deposit.Status.HELD);
        assertThat(deposit.amount()).isEqualTo(50_000);
        assertThat(d.hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
        assertThat(d.hold(id).amount()).isEqualTo(50_000);
        assertThat(d.notifications("DEPOSIT_HELD", borrower)).isEqualTo(heldBefore + 1);
    }

    @Test
    void aTicketWithoutDepositHoldsNothing() {
        long id = d.active(0);
        f.as(borrower);
        assertThat(deposits.find(id)).isEmpty();
        assertThat(jdbc.sql("select deposit_hold_id from tickets where id = ?")
                        .param(id)
                        .query(Long.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void theReturnPutsTheDepositBeforeTheLenderWhoReleasesIt() {
        long id = d.returned(40_000);
        var deposit = d.deposit(id);
        assertThat(deposit.status()).isEqualTo(Deposit.Status.AWAITING);
        assertThat(deposit.decideBy()).isAfter(Instant.now().plus(Duration.ofHours(71)));
        long available = f.available(borrower);
        int releasedBefore = d.notifications("DEPOSIT_RELEASED", borrower);

        f.as(borrower);
        assertThatThrownBy(() -> deposits.release(id))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ticket.lenderOnly");
        f.as(LENDER);
        deposits.release(id);
        deposits.release(id); // a double click
        assertThat(d.deposit(id).status()).isEqualTo(Deposit.Status.RELEASED);
        assertThat(d.deposit(id).resolution()).isEqualTo(Deposit.Resolution.RELEASED);
        assertThat(d.hold(id).status()).isEqualTo(Hold.Status.RELEASED);
        assertThat(f.available(borrower) - available).isEqualTo(40_000);
        assertThat(d.notifications("DEPOSIT_RELEASED", borrower)).isEqualTo(releasedBefore + 1);
        long report = d.returnReport(id);
        f.as(LENDER);
        assertThatThrownBy(() -> deposits.claim(id, 1L, "late", List.of(report)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("deposit.notAwaiting");
    }

    @Test
    void anAcceptedClaimPaysTheLenderTheClaimAndReleasesTheRest() {
        long id = d.returned(50_000);
        long report = d.returnReport(id);
        long lenderBefore = f.posted(LENDER);
        long borrowerAvailable = f.available(borrower);
        int filedBefore = d.notifications("CLAIM_FILED", borrower);
        int decidedBefore = d.notifications("CLAIM_DECIDED", LENDER);

        f.as(LENDER);
        deposits.claim(id, 30_000L, "The lens is scratched", List.of(report));
        assertThatThrownBy(() -> deposits.claim(id, 30_000L, "again", List.of(report)))
                .as("one claim per deposit")
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("deposit.notAwaiting");
        var claimed = d.deposit(id);
        assertThat(claimed.status()).isEqualTo(Deposit.Status.CLAIMED);
        assertThat(claimed.claimAmount()).isEqualTo(30_000);
        assertThat(claimed.evidence()).containsExactly(report);
        assertThat(d.notifications("CLAIM_FILED", borrower)).isEqualTo(filedBefore + 1);

        f.as(LENDER);
        assertThatThrownBy(() -> deposits.accept(id))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ticket.borrowerOnly");
        f.as(borrower);
        deposits.accept(id);
        deposits.accept(id);
        var settled = d.deposit(id);
        assertThat(settled.status()).isEqualTo(Deposit.Status.SETTLED);
        assertThat(settled.resolution()).isEqualTo(Deposit.Resolution.ACCEPTED);
        assertThat(settled.capturedAmount()).isEqualTo(30_000);
        assertThat(d.hold(id).status()).isEqualTo(Hold.Status.CAPTURED);
        assertThat(d.capturedOf(id)).isEqualTo(30_000);
        assertThat(f.posted(LENDER) - lenderBefore).isEqualTo(30_000);
        assertThat(f.available(borrower) - borrowerAvailable).isEqualTo(20_000);
        assertThat(d.notifications("CLAIM_DECIDED", LENDER)).isEqualTo(decidedBefore + 1);
    }

    @Test
    void aClaimNeedsAnAmountWithinTheDepositATextEvidenceOfThisTicketAndTime() {
        long id = d.returned(20_000);
        long report = d.returnReport(id);
        long other = d.returned(20_000);
        long otherReport = d.returnReport(other);
        f.as(LENDER);
        assertThatThrownBy(() -> deposits.claim(id, 20_001L, "x", List.of(report)))
                .hasMessageContaining("deposit.claimRange");
        assertThatThrownBy(() -> deposits.claim(id, 0L, "x", List.of(report)))
                .hasMessageContaining("deposit.claimRange");
        assertThatThrownBy(() -> deposits.claim(id, 1L, "  ", List.of(report)))
                .hasMessageContaining("deposit.claimTextRequired");
        assertThatThrownBy(() -> deposits.claim(id, 1L, "x", List.of()))
                .hasMessageContaining("deposit.evidenceRequired");
        assertThatThrownBy(() -> deposits.claim(id, 1L, "x", List.of(otherReport)))
                .hasMessageContaining("deposit.evidenceNotOfTicket");
        f.as(borrower);
        assertThatThrownBy(() -> deposits.claim(id, 1L, "x", List.of(report)))
                .hasMessageContaining("ticket.lenderOnly");
        f.as(MODERATOR);
        assertThatThrownBy(() -> deposits.claim(id, 1L, "x", List.of(report))).hasMessageContaining("ticket.notFound");
        assertThat(deposits.find(id)).as("others do not see it").isEmpty();

        jdbc.sql("update ticket_deposits set decide_by = now() - interval '1 minute' where ticket_id = ?")
                .param(id)
                .update();
        f.as(LENDER);
        assertThatThrownBy(() -> deposits.claim(id, 1L, "x", List.of(report)))
                .hasMessageContaining("deposit.deadlinePassed");
        assertThat(d.deposit(id).status()).isEqualTo(Deposit.Status.AWAITING);
        assertThat(d.hold(id).status()).isEqualTo(Hold.Status.ACTIVE);

        long during = d.active(5_000);
        f.as(LENDER);
        assertThatThrownBy(() -> deposits.claim(during, 1L, "x", List.of(report)))
                .as("not while the loan runs")
                .hasMessageContaining("deposit.notAwaiting");
    }

    @Test
    void supportDecidesADisputedClaimWithAReasonButNeverOnItsOwnTicket() {
        long id = d.disputed(50_000, 40_000);
        assertThat(d.deposit(id).status()).isEqualTo(Deposit.Status.DISPUTED);
        assertThat(d.deposit(id).disputeReason()).isEqualTo("It was scratched before");
        long lenderBefore = f.posted(LENDER);
        long borrowerAvailable = f.available(borrower);

        f.as(LENDER);
        assertThatThrownBy(() -> deposits.decide(id, 1L, "mine")).isInstanceOf(AccessDeniedException.class);
        f.as(SUPPORT);
        assertThat(deposits.disputed(0, 500))
                .anySatisfy(c -> assertThat(c.ticketId()).isEqualTo(id));
        assertThatThrownBy(() -> deposits.decide(id, 40_001L, "too much")).hasMessageContaining("deposit.decideRange");
        assertThatThrownBy(() -> deposits.decide(id, 1L, " ")).hasMessageContaining("reason.required");
        deposits.decide(id, 15_000L, "Scratch visible in the handover photos too; half of it");
        assertThatThrownBy(() -> deposits.decide(id, 15_000L, "again")).hasMessageContaining("deposit.notDisputed");
        assertThat(deposits.disputed(0, 500))
                .noneSatisfy(c -> assertThat(c.ticketId()).isEqualTo(id));
        var decided = d.deposit(id);
        assertThat(decided.status()).isEqualTo(Deposit.Status.SETTLED);
        assertThat(decided.resolution()).isEqualTo(Deposit.Resolution.DECIDED);
        assertThat(decided.capturedAmount()).isEqualTo(15_000);
        assertThat(decided.decisionReason()).contains("half of it");
        assertThat(f.posted(LENDER) - lenderBefore).isEqualTo(15_000);
        assertThat(f.available(borrower) - borrowerAvailable).isEqualTo(35_000);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'deposit.decide' and entity_id = ?")
                        .param(String.valueOf(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // Four eyes: SUPPORT borrowing from the lender may not decide that ticket's claim.
        f.drain(SUPPORT);
        long own = d.returned(SUPPORT, 10_000);
        long report = d.returnReport(own);
        f.as(LENDER);
        deposits.claim(own, 10_000L, "broken", List.of(report));
        f.as(SUPPORT);
        deposits.dispute(own, "not me");
        assertThatThrownBy(() -> deposits.decide(own, 0L, "my own")).hasMessageContaining("deposit.decideOwn");
        f.as(ADMIN);
        deposits.decide(own, 0L, "No evidence of damage");
        assertThat(d.deposit(own).capturedAmount()).isZero();
        assertThat(d.hold(own).status()).as("nothing captured: released").isEqualTo(Hold.Status.RELEASED);
        f.drain(SUPPORT);
    }

    @Test
    void theTimersReleaseUndecidedDepositsAndSendUnansweredClaimsToSupport() {
        long undecided = d.returned(30_000);
        long unanswered = d.claimed(30_000, 10_000);
        long available = f.available(borrower);
        var later = Instant.now().plus(Duration.ofHours(73));

        timers.releaseUndecided(later);
        timers.escalateUnanswered(later);

        var released = d.deposit(undecided);
        assertThat(released.status()).isEqualTo(Deposit.Status.RELEASED);
        assertThat(released.resolution()).isEqualTo(Deposit.Resolution.AUTO_RELEASED);
        assertThat(d.hold(undecided).status()).isEqualTo(Hold.Status.RELEASED);
        assertThat(f.available(borrower) - available).isEqualTo(30_000);
        var escalated = d.deposit(unanswered);
        assertThat(escalated.status()).isEqualTo(Deposit.Status.DISPUTED);
        assertThat(escalated.disputeReason()).isNull();
        assertThat(d.hold(unanswered).status()).isEqualTo(Hold.Status.ACTIVE);
        assertThat(timers.releaseUndecided(later)).as("nothing twice").isZero();
    }

    @Test
    void theDepositsReportListsEachDepositWithItsClaimForItsSidesAndStaff() {
        long id = d.claimed(30_000, 12_000);
        for (String reader : List.of(borrower, ADMIN)) {
            f.as(reader);
            var started = exports.export(Dataset.DEPOSITS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH);
            assertThat(started).isInstanceOf(ReportExports.Ready.class);
            String csv = new String(((ReportExports.Ready) started).file().content(), StandardCharsets.UTF_8);
            assertThat(csv)
                    .as(reader)
                    .contains("Deposit", "Claimed", "To the lender")
                    .containsPattern("(?m)^" + id + ",[^\\n]*Test camera[^\\n]*,30000,Claimed,12000,");
        }
        f.as(MODERATOR);
        var started = exports.export(Dataset.DEPOSITS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH);
        String csv = new String(((ReportExports.Ready) started).file().content(), StandardCharsets.UTF_8);
        assertThat(csv).as("not a side: none of theirs").doesNotContain("\n" + id + ",");
    }

    @Test
    void aSettledTicketDisputePutsTheDepositBeforeTheLender() {
        long id = d.active(25_000);
        f.as(borrower);
        disputes.openDispute(id, "It does not work");
        assertThat(d.deposit(id).status()).isEqualTo(Deposit.Status.HELD);
        f.as(SUPPORT);
        disputes.settle(id, 5_000L, "Half the loan was fine");
        assertThat(d.deposit(id).status()).isEqualTo(Deposit.Status.AWAITING);
    }

    @Test
    void theBorrowerMayAcceptAClaimTheyDisputedUntilSupportDecides() {
        long id = d.disputed(20_000, 8_000);
        f.as(borrower);
        deposits.accept(id);
        assertThat(d.deposit(id).resolution()).isEqualTo(Deposit.Resolution.ACCEPTED);
        assertThat(d.capturedOf(id)).isEqualTo(8_000);
    }

    @Test
    void conditionReportsAreWrittenByOneSideAndConfirmedByTheOther() {
        long id = d.active(0);
        f.as(MODERATOR);
        assertThatThrownBy(() -> reports.submit(id, Stage.HANDOVER, "x", List.of()))
                .hasMessageContaining("ticket.notFound");
        f.as(LENDER);
        assertThatThrownBy(() -> reports.submit(id, Stage.HANDOVER, "", List.of()))
                .hasMessageContaining("condition.empty");
        assertThatThrownBy(() -> reports.submit(id, Stage.HANDOVER, "x", List.of("%PDF-1.4 not a photo".getBytes())))
                .hasMessageContaining("condition.photoType");
        assertThat(reports.canSubmit(id, Stage.HANDOVER)).isTrue();
        long report =
                reports.submit(id, Stage.HANDOVER, "Like new, one scuff on the strap", List.of(DepositFixtures.png()));
        assertThat(reports.canSubmit(id, Stage.HANDOVER)).isFalse();
        assertThatThrownBy(() -> reports.submit(id, Stage.HANDOVER, "again", List.of()))
                .hasMessageContaining("condition.exists");
        assertThatThrownBy(() -> reports.confirm(report)).hasMessageContaining("condition.confirmOwn");

        f.as(borrower);
        var listed = reports.reports(id);
        assertThat(listed).hasSize(1);
        assertThat(listed.getFirst().photoIds()).hasSize(1);
        assertThat(reports.photo(listed.getFirst().photoIds().getFirst())).isPresent();
        reports.confirm(report);
        reports.confirm(report);
        var confirmed = reports.reports(id).getFirst();
        assertThat(confirmed.confirmed()).isTrue();
        assertThat(confirmed.confirmedByUserId()).isEqualTo(f.userId(borrower));
        f.as(MODERATOR);
        assertThat(reports.reports(id)).isEmpty();
        assertThat(reports.photo(confirmed.photoIds().getFirst())).isEmpty();

        f.as(LENDER);
        lifecycle.confirmReturn(id);
        assertThatThrownBy(() -> reports.submit(id, Stage.HANDOVER, "late", List.of()))
                .hasMessageContaining("condition.notNow.HANDOVER")
                .isInstanceOf(UserInputException.class);
    }

    @Test
    void aConfirmedReportAndItsPhotosNeverChangeEvenInSql() {
        long id = d.returned(0);
        long report = d.returnReport(id);
        long photo = jdbc.sql("select id from ticket_condition_photos where report_id = ?")
                .param(report)
                .query(Long.class)
                .single();
        // While unconfirmed the database lets it change (the service never does, but nothing is frozen yet).
        jdbc.sql("update ticket_condition_reports set notes = notes where id = ?")
                .param(report)
                .update();

        timers.confirmReports(Instant.now().plus(Duration.ofHours(49)));
        f.as(borrower);
        var confirmed = reports.reports(id).getFirst();
        assertThat(confirmed.confirmed()).isTrue();
        assertThat(confirmed.confirmedAutomatically()).isTrue();

        for (String sql : List.of(
                "update ticket_condition_reports set notes = 'changed' where id = " + report,
                "delete from ticket_condition_reports where id = " + report,
                "update ticket_condition_photos set bytes = '\\x00' where id = " + photo,
                "delete from ticket_condition_photos where id = " + photo,
                "insert into ticket_condition_photos (report_id, ticket_id, content_type, bytes, size_bytes, sha256)"
                        + " select report_id, ticket_id, content_type, bytes, size_bytes, sha256 from ticket_condition_photos where id = "
                        + photo)) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).rootCause().hasMessageContaining("is confirmed");
        }
        assertThat(reports.reports(id).getFirst().notes()).isEqualTo("Scratched lens");
    }
}
