package app.assets.ledger.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.LedgerCheckResult;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** Runs the ledger check on demand and lists recent runs (scheduled ones included). */
@Route("admin/ledger")
@PageTitle("Assets")
@Menu(order = 42, icon = "vaadin:scale", title = "nav.ledger")
@RolesAllowed(Permissions.LEDGER_CHECK)
public class LedgerCheckView extends VerticalLayout {

    final Paragraph result = new Paragraph();
    final Grid<LedgerCheckResult> runs = new Grid<>();

    public LedgerCheckView(LedgerCheck check) {
        addClassName("page");
        result.setId("check-result");
        var run = new Button(getTranslation("ledger.runCheck"), VaadinIcon.CHECK_CIRCLE.create(), e -> {
            var outcome = check.runNow();
            result.setText(
                    outcome.ok()
                            ? getTranslation(
                                    "ledger.checkOk",
                                    Formats.number(outcome.accounts(), getLocale()),
                                    Formats.number(outcome.transactions(), getLocale()))
                            : getTranslation("ledger.checkFailed", String.join("; ", outcome.problems())));
            result.getStyle()
                    .set("color", outcome.ok() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
            runs.setItems(check.recentRuns(20));
        });
        run.setId("run-check");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runs.setId("check-runs");
        runs.addColumn(r -> Formats.dateTime(r.ranAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        runs.addColumn(r -> getTranslation(r.ok() ? "ledger.ok" : "ledger.problems"))
                .setHeader(getTranslation("audit.outcome"))
                .setAutoWidth(true);
        runs.addColumn(r -> Formats.number(r.accounts(), getLocale()))
                .setHeader(getTranslation("ledger.accounts"))
                .setAutoWidth(true);
        runs.addColumn(r -> Formats.number(r.transactions(), getLocale()))
                .setHeader(getTranslation("ledger.transactions"))
                .setAutoWidth(true);
        runs.addColumn(r -> String.join("; ", r.problems()))
                .setHeader(getTranslation("audit.details"))
                .setFlexGrow(1);
        runs.setItems(check.recentRuns(20));
        add(new H2(getTranslation("nav.ledger")), new Paragraph(getTranslation("ledger.intro")), run, result, runs);
    }
}
