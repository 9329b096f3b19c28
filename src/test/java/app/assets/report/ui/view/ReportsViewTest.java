package app.assets.report.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.report.ReportSeed;
import app.assets.report.export.Dataset;
import app.assets.report.export.ReportFilter;
import app.assets.report.export.ReportQueries;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.tabs.Tab;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ReportsViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    ReportQueries queries;

    @Test
    void staffSeeEveryDatasetFilterByUserAndDownloadASmallExportAtOnce() {
        var seed = new ReportSeed(accounts, jdbc, ledger);
        var alice = seed.person("alice");
        for (int i = 0; i < 3; i++) {
            seed.fund(alice.id(), 1_000 + i, "ADJUSTMENT", "view test " + i);
        }
        seed.fund(alice.id(), 500, "TOP_UP", "view test top-up");
        signIn("admin@assets.local");
        navigate("reports");

        var view = _get(ReportsView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("Reports");
        assertThat(_find(Tab.class).stream().map(Tab::getLabel).toList())
                .containsExactly(
                        "Transactions", "Payments", "Tickets", "Deposits and claims", "Notifications", "Audit log");
        var transactions = view.panels.getFirst();
        assertThat(transactions.user.isVisible()).isTrue();
        assertThat(GridKt._size(transactions.grid)).isEqualTo(queries.count(Dataset.TRANSACTIONS, ReportFilter.none()));

        _setValue(transactions.user, alice.email());
        _setValue(transactions.status, "ADJUSTMENT");

        assertThat(GridKt._size(transactions.grid)).isEqualTo(3);
        assertThat(transactions.rows.getText()).isEqualTo("3 rows");
        assertThat(GridKt._getFormattedRow(transactions.grid, 0))
                .contains(alice.email(), "Adjustment", "view test 2", "Adjustments", "+1,002 IRR");

        _click(transactions.csv);

        assertThat(transactions.download.isVisible()).isTrue();
        assertThat(transactions.download.getHref()).isNotBlank();
        assertThat(transactions.download.getText())
                .startsWith("Download transactions-")
                .endsWith(".csv");
    }

    @Test
    void aUserSeesTheirOwnDataInPersianWithoutTheAuditLog() {
        long lender = jdbc.sql("select id from users where email = 'lender@assets.local'")
                .query(Long.class)
                .single();
        new ReportSeed(accounts, jdbc, ledger).fund(lender, 1_250_000, "ADJUSTMENT", "شارژ آزمایشی");
        signIn("lender@assets.local");
        useLanguage(Languages.PERSIAN);
        navigate("reports");

        var view = _get(ReportsView.class);
        assertThat(_get(H2.class).getText()).isEqualTo("گزارش‌ها");
        assertThat(_find(Tab.class).stream().map(Tab::getLabel).toList())
                .containsExactly("تراکنش‌ها", "پرداخت‌ها", "درخواست‌ها", "ودیعه‌ها و ادعاها", "اعلان‌ها");
        var transactions = view.panels.getFirst();
        assertThat(transactions.user.isVisible())
                .as("no user filter for one's own data")
                .isFalse();
        assertThat(transactions.grid.getColumns())
                .hasSize(Dataset.TRANSACTIONS.columns(false).size());
        assertThat(transactions.grid.getColumns().get(5).getHeaderText()).isEqualTo("مبلغ");
        assertThat(GridKt._getFormattedRow(transactions.grid, 0)).contains("شارژ آزمایشی", "اصلاح", "۱٬۲۵۰٬۰۰۰ ریال");
        int own = jdbc.sql("""
                        select count(*) from ledger_entries e join ledger_accounts a on a.id = e.account_id
                        where a.owner_user_id = ?""").param(lender).query(Integer.class).single();
        assertThat(GridKt._size(transactions.grid)).isEqualTo(own);
        assertThat(transactions.rows.getText())
                .isEqualTo(app.assets.base.i18n.Formats.number(own, Languages.PERSIAN) + " ردیف");
    }

    @Test
    void aRunningBackgroundExportShowsItsProgressAndTheViewPolls() {
        long borrower = jdbc.sql("select id from users where email = 'borrower@assets.local'")
                .query(Long.class)
                .single();
        long id = jdbc.sql("""
                        insert into report_exports (user_id, dataset, format, language, filters, rows_total, rows_done)
                        values (?, 'TRANSACTIONS', 'CSV', 'en', '', 4000, 1000) returning id""").param(borrower).query(Long.class).single();
        signIn("borrower@assets.local");
        navigate("reports");

        var view = _get(ReportsView.class);
        assertThat(view.exportsGrid.isVisible()).isTrue();
        var bar = (ProgressBar) cell(view.exportsGrid, 4, GridKt._get(view.exportsGrid, 0));
        assertThat(bar.getValue()).isEqualTo(0.25);
        assertThat(ui().getPollInterval()).isEqualTo(1000);

        jdbc.sql(
                        "update report_exports set status = 'DONE', rows_done = 4000, content = ?, file_name = 'transactions.csv', finished_at = now() where id = ?")
                .params(new byte[] {1}, id)
                .update();
        view.refreshExports();

        assertThat(ui().getPollInterval()).isEqualTo(-1);
        var link = (com.vaadin.flow.component.html.Anchor) cell(view.exportsGrid, 5, GridKt._get(view.exportsGrid, 0));
        assertThat(link.getText()).isEqualTo("transactions.csv");
        assertThat(link.getHref()).isNotBlank();
    }

    @Test
    void aFailedExportSaysWhyInTheReadersLanguageWithoutTechnicalDetails() {
        long borrower = jdbc.sql("select id from users where email = 'borrower@assets.local'")
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into report_exports (user_id, dataset, format, language, filters, status, error, finished_at)
                        values (?, 'PAYMENTS', 'PDF', 'en', '', 'FAILED', 'QUEUE_FULL', now()),
                               (?, 'PAYMENTS', 'CSV', 'en', '', 'FAILED', 'TOO_MANY_ROWS', now())""").params(borrower, borrower).update();
        signIn("borrower@assets.local");
        navigate("reports");

        var view = _get(ReportsView.class);
        var newest = GridKt._get(view.exportsGrid, 0);
        assertThat(((Span) cell(view.exportsGrid, 5, newest)).getText())
                .isEqualTo("Too many rows by the time it ran. Narrow the filters and export again.");

        useLanguage(Languages.PERSIAN);
        navigate("reports");
        view = _get(ReportsView.class);
        var older = GridKt._get(view.exportsGrid, 1);
        assertThat(((Span) cell(view.exportsGrid, 5, older)).getText())
                .isEqualTo("شروع نشد: خروجی‌های زیادی در صف بودند. چند دقیقه دیگر دوباره تلاش کنید.");
    }

    @Test
    void aReaderOfEverybodysRowsWithoutReportExportIsToldHowToExportTheirOwn() {
        var reader = new ReportSeed(accounts, jdbc, ledger).person("reader");
        jdbc.sql("insert into roles (code) values ('REPORT_READER') on conflict do nothing")
                .update();
        jdbc.sql("""
                insert into role_permissions (role_code, permission_code) values ('REPORT_READER', 'report.read.all')
                on conflict do nothing""").update();
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'REPORT_READER')")
                .param(reader.id())
                .update();
        signIn(reader.email());
        navigate("reports");

        var transactions = _get(ReportsView.class).panels.getFirst();
        assertThat(transactions.user.isVisible()).isTrue();
        assertThat(transactions.exportHint.isVisible()).isTrue();
        assertThat(transactions.exportHint.getText())
                .isEqualTo("Exporting everybody's rows needs the report.export permission. "
                        + "You can export your own rows: put your own email (" + reader.email()
                        + ") in the user filter.");

        signIn("auditor@assets.local");
        navigate("reports");
        assertThat(_get(ReportsView.class).panels)
                .allSatisfy(panel -> assertThat(panel.exportHint.isVisible()).isFalse());
    }
}
