package app.assets.ticket;

import static app.assets.ticket.TicketFixtures.ADMIN;
import static app.assets.ticket.TicketFixtures.BORROWER;
import static app.assets.ticket.TicketFixtures.LENDER;
import static app.assets.ticket.TicketFixtures.MODERATOR;
import static app.assets.ticket.TicketFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.files.FileKind;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.support.IntegrationTest;
import app.assets.ticket.service.TicketDisputes;
import app.assets.ticket.service.TicketLifecycle;
import app.assets.ticket.service.TicketQueries;
import app.assets.ticket.service.TicketThread;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

class TicketRacesAndAttachmentsTest extends IntegrationTest {

    @Autowired
    TicketQueries tickets;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    TicketDisputes disputes;

    @Autowired
    TicketThread thread;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountUserDetailsService users;

    TicketFixtures f;

    @BeforeEach
    void fixtures() {
        f = new TicketFixtures(jdbc, ledger, users);
        f.drain(BORROWER);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    // ---- races ---------------------------------------------------------------------------------

    @Test
    void racingAcceptAndWithdrawEndInOneConsistentOutcome() throws Exception {
        long listing = f.listing(7_000);
        var pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 8; round++) {
                f.fund(BORROWER, 7_000);
                long before = f.posted(BORROWER);
                f.as(BORROWER);
                long id = lifecycle.request(UUID.randomUUID(), listing, 1, null);
                SecurityContextHolder.clearContext();
                var barrier = new CyclicBarrier(4);
                Future<?> accept1 = pool.submit(() -> attempt(barrier, LENDER, () -> lifecycle.accept(id)));
                Future<?> accept2 = pool.submit(() -> attempt(barrier, LENDER, () -> lifecycle.accept(id)));
                Future<?> withdraw1 = pool.submit(() -> attempt(barrier, BORROWER, () -> lifecycle.withdraw(id)));
                Future<?> withdraw2 = pool.submit(() -> attempt(barrier, BORROWER, () -> lifecycle.withdraw(id)));
                for (var future : new Future<?>[] {accept1, accept2, withdraw1, withdraw2}) {
                    future.get(30, TimeUnit.SECONDS);
                }
                f.as(BORROWER);
                var status = tickets.find(id).orElseThrow().status();
                assertThat(status).isIn(TicketStatus.ACTIVE, TicketStatus.CANCELLED);
                if (status == TicketStatus.ACTIVE) {
                    assertThat(f.escrow(id)).isEqualTo(7_000);
                    assertThat(before - f.posted(BORROWER)).isEqualTo(7_000);
                } else {
                    assertThat(f.escrow(id)).isZero();
                    assertThat(f.posted(BORROWER)).isEqualTo(before);
                    f.drain(BORROWER);
                }
                assertThat(f.available(BORROWER)).isGreaterThanOrEqualTo(0);
                assertThat(jdbc.sql("select count(*) from ledger_holds where idempotency_key = ?")
                                .param("ticket:" + id + ":hold")
                                .query(Integer.class)
                                .single())
                        .isLessThanOrEqualTo(1);
                assertThat(ledgerCheck.check().ok()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs one side of a race as a user; a refusal (the other side won) is an expected outcome. */
    private void attempt(CyclicBarrier barrier, String email, Runnable action) {
        f.as(email);
        try {
            barrier.await(10, TimeUnit.SECONDS);
            action.run();
        } catch (app.assets.base.error.UserInputException refused) {
            assertThat(refused.messageKey()).startsWith("ticket.transition.");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    // ---- attachments ---------------------------------------------------------------------------

    long ticket() {
        long listing = f.listing(1_000);
        f.as(BORROWER);
        return lifecycle.request(UUID.randomUUID(), listing, 1, null);
    }

    long attachmentOf(long commentId) {
        return jdbc.sql("select id from ticket_attachments where comment_id = ?")
                .param(commentId)
                .query(Long.class)
                .single();
    }

    @Test
    void imagesAndPdfsAreKeptAsTheirRecognisedTypeAndNothingElseIsAccepted() throws Exception {
        long id = ticket();
        f.as(BORROWER);
        long pngComment = thread.comment(id, "The scratch", png());
        long pdfComment =
                thread.comment(id, "", "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII));
        assertThat(thread.attachment(attachmentOf(pngComment)))
                .get()
                .extracting(TicketThread.Attachment::kind)
                .isEqualTo(FileKind.PNG);
        assertThat(thread.attachment(attachmentOf(pdfComment)))
                .get()
                .extracting(TicketThread.Attachment::kind)
                .isEqualTo(FileKind.PDF);

        int before = jdbc.sql("select count(*) from ticket_comments")
                .query(Integer.class)
                .single();
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8);
        byte[] exe = new byte[64];
        exe[0] = 'M';
        exe[1] = 'Z';
        byte[] fakePng = Arrays.copyOf(png(), 40); // a PNG header on garbage
        byte[] tooBig = new byte[5 * 1024 * 1024 + 1];
        tooBig[0] = '%';
        tooBig[1] = 'P';
        tooBig[2] = 'D';
        tooBig[3] = 'F';
        tooBig[4] = '-';
        for (byte[] hostile : new byte[][] {html, svg, exe, fakePng, new byte[3]}) {
            assertThatThrownBy(() -> thread.comment(id, "look", hostile)).hasMessageContaining("ticket.attachmentType");
        }
        assertThatThrownBy(() -> thread.comment(id, "big", tooBig)).hasMessageContaining("ticket.attachmentTooLarge");
        assertThatThrownBy(() -> thread.comment(id, "  ", null)).hasMessageContaining("ticket.commentEmpty");
        assertThatThrownBy(() -> thread.comment(id, "x".repeat(2001), null))
                .hasMessageContaining("ticket.commentTooLong");
        assertThat(jdbc.sql("select count(*) from ticket_comments")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
        // No column could even hold an uploaded file name.
        assertThat(jdbc.sql(
                                "select count(*) from information_schema.columns where table_name = 'ticket_attachments' and column_name like '%name%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void attachmentsAreServedOnlyToTheTwoSidesAndToTicketReadersOnceDisputed() throws Exception {
        long listing = f.listing(2_000);
        f.fund(BORROWER, 2_000);
        f.as(BORROWER);
        long id = lifecycle.request(UUID.randomUUID(), listing, 1, null);
        long comment = thread.comment(id, "Before photo", png());
        long attachment = attachmentOf(comment);
        f.as(LENDER);
        assertThat(thread.attachment(attachment)).isPresent();
        for (String other : new String[] {MODERATOR, SUPPORT, ADMIN}) {
            f.as(other);
            assertThat(thread.attachment(attachment))
                    .as(other + " before a dispute")
                    .isEmpty();
        }
        f.as(LENDER);
        lifecycle.accept(id);
        disputes.openDispute(id, "Came back broken");
        f.as(SUPPORT);
        assertThat(thread.attachment(attachment)).as("support once disputed").isPresent();
        f.as(ADMIN);
        assertThat(thread.attachment(attachment))
                .as("admin reads any ticket once disputed")
                .isPresent();
        f.as(MODERATOR);
        assertThat(thread.attachment(attachment)).as("a moderator never").isEmpty();
        assertThat(thread.attachment(-5)).isEmpty();
    }

    static byte[] png() throws Exception {
        var image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF0000);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
