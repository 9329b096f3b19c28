package app.assets.audit.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.audit.AuditEntry;
import app.assets.audit.AuditLog;
import app.assets.audit.AuditOutcome;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AuditLogViewTest extends KaribuTest {

    @Autowired
    AuditLog audit;

    @Test
    void filtersNarrowTheGrid() {
        audit.recordAs("filter.probe@example.com", "test.probe", AuditOutcome.SUCCESS, "first");
        audit.recordAs("filter.probe@example.com", "test.probe", AuditOutcome.FAILURE, "second");
        audit.recordAs("filter.probe@example.com", "test.other", AuditOutcome.DENIED, "third");
        audit.recordAs("someone.else@example.com", "test.probe", AuditOutcome.SUCCESS, "fourth");

        signIn("auditor@assets.local");
        navigate("admin/audit");
        var view = _get(AuditLogView.class);
        int all = GridKt._size(view.grid);
        assertThat(all).isGreaterThanOrEqualTo(4);

        _setValue(view.actor, "FILTER.PROBE");
        assertThat(GridKt._size(view.grid)).isEqualTo(3);
        assertThat(GridKt._findAll(view.grid)).extracting(AuditEntry::actor).containsOnly("filter.probe@example.com");

        _setValue(view.action, "test.probe");
        assertThat(GridKt._size(view.grid)).isEqualTo(2);

        _setValue(view.outcome, AuditOutcome.FAILURE);
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(GridKt._get(view.grid, 0).details()).isEqualTo("second");

        _setValue(view.outcome, null);
        _setValue(view.to, LocalDate.now().minusDays(2));
        assertThat(GridKt._size(view.grid)).isZero();
        _setValue(view.to, null);
        _setValue(view.from, LocalDate.now().minusDays(1));
        assertThat(GridKt._size(view.grid)).isEqualTo(2);
    }
}
