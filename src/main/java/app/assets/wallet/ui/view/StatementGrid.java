package app.assets.wallet.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.wallet.service.WalletService;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A wallet statement: date-range and type filters over a lazily loaded grid with the running balance. */
class StatementGrid extends VerticalLayout {

    /** Where the lines come from: one user's own wallet, or any wallet for staff. */
    interface Source {
        List<StatementLine> fetch(StatementFilter filter, int offset, int limit);

        int count(StatementFilter filter);
    }

    final DateField from = new DateField();
    final DateField to = new DateField();
    final ComboBox<String> type = new ComboBox<>();
    final Grid<StatementLine> grid = new Grid<>();

    StatementGrid(Source source) {
        setPadding(false);
        from.setLabel(getTranslation("statement.from"));
        to.setLabel(getTranslation("statement.to"));
        type.setLabel(getTranslation("statement.type"));
        // narrow enough that both dates share a row on a phone
        from.setWidth("10rem");
        to.setWidth("10rem");
        type.setItems(WalletService.TYPES);
        type.setItemLabelGenerator(t -> getTranslation("txType." + t));
        type.setClearButtonVisible(true);
        var filters = new HorizontalLayout(from, to, type);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.setId("statement-grid");
        // Amount and balance come right after the date so a phone shows them without scrolling sideways.
        grid.addColumn(l -> Formats.dateTime(l.at(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(l -> {
                    var amount = new Span(Formats.signedMoney(l.amount(), getLocale()));
                    amount.getStyle()
                            .set(
                                    "color",
                                    l.amount() > 0 ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
                    return amount;
                }))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        grid.addColumn(l -> Formats.money(l.balanceAfter(), getLocale()))
                .setHeader(getTranslation("statement.balance"))
                .setAutoWidth(true);
        grid.addColumn(l -> getTranslation("txType." + l.type()))
                .setHeader(getTranslation("statement.type"))
                .setAutoWidth(true);
        grid.addColumn(StatementLine::counterparty)
                .setHeader(getTranslation("statement.counterparty"))
                .setAutoWidth(true);
        grid.addColumn(l -> l.description() == null ? "" : l.description())
                .setHeader(getTranslation("statement.note"))
                .setFlexGrow(1)
                .setWidth("12rem");
        // Notes are free text of up to NOTE_MAX characters: wrap them rather than cut them off.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(q -> source.fetch(filter(), q.getOffset(), q.getLimit()).stream(), q -> source.count(filter()));
        grid.setEmptyStateText(getTranslation("statement.empty"));
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        type.addValueChangeListener(e -> refresh());
        add(filters, grid);
        setFlexGrow(1, grid);
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    StatementFilter filter() {
        return new StatementFilter(
                start(from.getValue()),
                start(to.getValue() == null ? null : to.getValue().plusDays(1)),
                type.getValue());
    }

    private static Instant start(LocalDate date) {
        return date == null ? null : date.atStartOfDay(Formats.ZONE).toInstant();
    }
}
