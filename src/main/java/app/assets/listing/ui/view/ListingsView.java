package app.assets.listing.ui.view;

import app.assets.base.ui.component.MoneyField;
import app.assets.listing.ListingCategory;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Browse approved listings: search text, category and daily price range, lazily loaded. */
@Route("listings")
@PageTitle("Assets")
@Menu(order = 5, icon = "vaadin:cubes", title = "nav.listings")
@PermitAll
public class ListingsView extends VerticalLayout {

    final TextField text = new TextField();
    final ComboBox<ListingCategory> category = new ComboBox<>();
    final MoneyField minPrice;
    final MoneyField maxPrice;
    final Grid<Listing> grid = new Grid<>();

    public ListingsView(ListingService listings) {
        addClassName("page");
        setSizeFull();
        text.setPlaceholder(getTranslation("listing.search"));
        text.setId("listing-search");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        category.setPlaceholder(getTranslation("listing.category"));
        category.setItems(ListingCategory.values());
        category.setItemLabelGenerator(c -> getTranslation("category." + c));
        category.setClearButtonVisible(true);
        minPrice = new MoneyField(null);
        minPrice.setPlaceholder(getTranslation("listing.minPrice"));
        minPrice.setValueChangeMode(ValueChangeMode.LAZY);
        maxPrice = new MoneyField(null);
        maxPrice.setPlaceholder(getTranslation("listing.maxPrice"));
        maxPrice.setValueChangeMode(ValueChangeMode.LAZY);
        var create = new Button(
                getTranslation("listing.new"),
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ListingFormView.class)));
        create.setId("new-listing");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var filters = new HorizontalLayout(text, category, minPrice, maxPrice, create);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        filters.setWidthFull();

        grid.setId("listings-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(new ComponentRenderer<>(l -> ListingBadges.summary(this, l)))
                .setHeader(getTranslation("nav.listings"));
        grid.setItems(
                q -> listings.search(search(), q.getOffset(), q.getLimit()).stream(), q -> listings.count(search()));
        grid.setEmptyStateText(getTranslation("listing.noneFound"));
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("listings/" + e.getItem().id())));
        text.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        category.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        minPrice.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        maxPrice.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        add(new H2(getTranslation("nav.listings")), filters, grid);
        setFlexGrow(1, grid);
    }

    ListingService.Search search() {
        return new ListingService.Search(text.getValue(), category.getValue(), minPrice.amount(), maxPrice.amount());
    }
}
