package app.assets.ledger.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.ledger.LedgerCheckResult;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LedgerCheckViewTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void runningTheCheckShowsTheLedgerIsConsistentAndRecordsTheRun() {
        signIn("auditor@assets.local");
        navigate("admin/ledger");
        var view = _get(LedgerCheckView.class);
        int runsBefore = GridKt._size(view.runs);

        _click(_get(Button.class, spec -> spec.withId("run-check")));

        assertThat(view.result.getText())
                .matches("The ledger is consistent: \\d+ accounts and \\d+ transactions checked\\.");
        assertThat(GridKt._size(view.runs)).isEqualTo(runsBefore + 1);
        LedgerCheckResult latest = GridKt._get(view.runs, 0);
        assertThat(latest.ok()).isTrue();
        assertThat(GridKt._getFormattedRow(view.runs, 0)).contains("Consistent");
        assertThat(jdbc.sql("select triggered_by from ledger_check_runs order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("auditor@assets.local");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'ledger.check' and actor = 'auditor@assets.local'")
                        .query(Integer.class)
                        .single())
                .isOne();
    }
}
