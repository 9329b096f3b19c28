package app.assets.listing.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.listing.ListingCategory;
import app.assets.listing.ListingSearch;
import app.assets.listing.domain.SearchText;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import tools.jackson.databind.node.BaseJsonNode;

/**
 * Browse approved listings: search text, category, city, daily price range, free dates, minimum
 * rating and order, lazily loaded. The filters live in the URL (listings?q=...&city=...), so a
 * search can be shared: opening such a URL restores them, and each change replaces the URL.
 */
@Route("listings")
@PageTitle("Assets")
@Menu(order = 5, icon = "vaadin:cubes", title = "nav.listings")
@PermitAll
public class ListingsView extends VerticalLayout implements BeforeEnterObserver {

    final TextField text = new TextField();
    final ComboBox<ListingCategory> category = new ComboBox<>();
    final ComboBox<String> city = new ComboBox<>();
    final MoneyField minPrice;
    final MoneyField maxPrice;
    final DateField from = new DateField();
    final DateField to = new DateField();
    final ComboBox<Integer> minRating = new ComboBox<>();
    final Select<ListingSearch.Sort> sort = new Select<>();
    final Span found = new Span();
    final Grid<ListingSearch.Hit> grid = new Grid<>();

    /** The city filter's choices, read once when the view opens. */
    private final List<String> cities;

    /** While the URL's filters are put into the fields, their changes must not write the URL back. */
    private boolean restoring;

    public ListingsView(ListingSearch search, Clock clock) {
        addClassName("page");
        setSizeFull();
        LocalDate today = LocalDate.now(clock.withZone(Formats.ZONE));

        text.setPlaceholder(getTranslation("listing.search"));
        text.setId("listing-search");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setClearButtonVisible(true);
        text.setMaxLength(SearchText.QUERY_MAX);
        text.setMinWidth("16em");
        category.setPlaceholder(getTranslation("listing.category"));
        category.setItems(ListingCategory.values());
        category.setItemLabelGenerator(c -> getTranslation("category." + c));
        category.setClearButtonVisible(true);
        city.setPlaceholder(getTranslation("search.city"));
        // The cities that have listings; what is typed narrows them in search's normal form, so "كرج"
        // typed with the Arabic kaf finds "کرج".
        cities = search.cities();
        city.setItems((item, typed) -> SearchText.normalise(item).contains(SearchText.normalise(typed)), cities);
        city.setClearButtonVisible(true);
        city.setId("search-city");
        minPrice = new MoneyField(null);
        minPrice.setPlaceholder(getTranslation("listing.minPrice"));
        minPrice.setValueChangeMode(ValueChangeMode.LAZY);
        maxPrice = new MoneyField(null);
        maxPrice.setPlaceholder(getTranslation("listing.maxPrice"));
        maxPrice.setValueChangeMode(ValueChangeMode.LAZY);
        from.setPlaceholder(getTranslation("search.from"));
        from.setMin(today);
        from.setClearButtonVisible(true);
        to.setPlaceholder(getTranslation("search.to"));
        to.setMin(today.plusDays(1));
        to.setClearButtonVisible(true);
        from.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                to.setMin(e.getValue().plusDays(1));
            }
        });
        minRating.setPlaceholder(getTranslation("search.minRating"));
        minRating.setItems(4, 3, 2, 1);
        minRating.setItemLabelGenerator(n -> getTranslation("search.ratingAtLeast", Formats.number(n, getLocale())));
        minRating.setClearButtonVisible(true);
        sort.setItems(ListingSearch.Sort.values());
        sort.setItemLabelGenerator(s -> getTranslation("search.sort." + s));
        sort.setValue(ListingSearch.Sort.RELEVANCE);
        sort.setId("search-sort");
        for (var field : List.of(category, city, minRating)) {
            field.setWidth("11em");
        }
        for (var field : List.of(minPrice, maxPrice)) {
            field.setWidth("9em");
        }
        for (var field : List.of(from, to)) {
            field.setWidth("10em");
        }
        sort.setWidth("12em");

        var create = new Button(
                getTranslation("listing.new"),
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ListingFormView.class)));
        create.setId("new-listing");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var filters = new HorizontalLayout(text, category, city, minPrice, maxPrice, from, to, minRating, sort);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        filters.setWidthFull();
        filters.setSpacing(true);
        var title = new H2(getTranslation("nav.listings"));
        var header = new HorizontalLayout(title, create);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setFlexGrow(1, title);

        found.setId("search-found");
        found.addClassName("muted");
        grid.setId("listings-grid");
        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(new ComponentRenderer<>(hit -> SearchHitRow.of(this, hit)))
                .setHeader(getTranslation("nav.listings"));
        grid.setItems(
                q -> {
                    try {
                        return search.find(filter(), q.getOffset(), q.getLimit()).stream();
                    } catch (UserInputException refused) {
                        return Stream.empty();
                    }
                },
                q -> {
                    try {
                        // Counted up to COUNT_MAX: "1,000+ found", and the grid scrolls through those 1,000.
                        var total = search.total(filter());
                        String number = Formats.number(total.count(), getLocale());
                        found.setText(
                                total.more()
                                        ? getTranslation("search.foundMore", number)
                                        : getTranslation("search.found", number));
                        return total.count();
                    } catch (UserInputException refused) {
                        found.setText("");
                        Toasts.error(this, refused);
                        return 0;
                    }
                });
        grid.setEmptyStateText(getTranslation("listing.noneFound"));
        grid.addItemClickListener(e ->
                getUI().ifPresent(ui -> ui.navigate("listings/" + e.getItem().id())));
        for (AbstractField<?, ?> field :
                List.<AbstractField<?, ?>>of(text, category, city, minPrice, maxPrice, from, to, minRating, sort)) {
            field.addValueChangeListener(e -> filtersChanged());
        }
        add(header, filters, found, grid);
        setFlexGrow(1, grid);
    }

    /** The filters as the fields hold them. */
    ListingSearch.Filter filter() {
        return new ListingSearch.Filter(
                text.getValue(),
                category.getValue(),
                city.getValue(),
                minPrice.amount(),
                maxPrice.amount(),
                from.getValue(),
                to.getValue(),
                minRating.getValue(),
                sort.getValue());
    }

    /** The URL of the current filters: only those set, so a plain visit stays "listings". */
    Location location() {
        var params = new LinkedHashMap<String, String>();
        put(params, "q", text.getValue().strip());
        put(
                params,
                "category",
                category.getValue() == null ? "" : category.getValue().name());
        put(params, "city", city.getValue());
        put(params, "min", minPrice.amount() == null ? "" : minPrice.amount().toString());
        put(params, "max", maxPrice.amount() == null ? "" : maxPrice.amount().toString());
        put(params, "from", from.getValue() == null ? "" : from.getValue().toString());
        put(params, "to", to.getValue() == null ? "" : to.getValue().toString());
        put(
                params,
                "rating",
                minRating.getValue() == null ? "" : minRating.getValue().toString());
        var order = sort.getValue();
        put(params, "sort", order == null || order == ListingSearch.Sort.RELEVANCE ? "" : order.name());
        return new Location("listings", QueryParameters.simple(params));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params =
                event.getLocation().getQueryParameters().getParameters();
        restoring = true;
        try {
            text.setValue(first(
                            params,
                            "q",
                            s -> s.length() > SearchText.QUERY_MAX ? s.substring(0, SearchText.QUERY_MAX) : s)
                    .orElse(""));
            category.setValue(
                    first(params, "category", s -> ListingCategory.valueOf(s)).orElse(null));
            city.setValue(first(params, "city", this::knownCity).orElse(null));
            minPrice.setValue(first(params, "min", Long::parseLong)
                    .map(n -> Formats.number(n, getLocale()))
                    .orElse(""));
            maxPrice.setValue(first(params, "max", Long::parseLong)
                    .map(n -> Formats.number(n, getLocale()))
                    .orElse(""));
            from.setValue(first(params, "from", LocalDate::parse).orElse(null));
            to.setValue(first(params, "to", LocalDate::parse).orElse(null));
            minRating.setValue(first(params, "rating", Integer::valueOf)
                    .filter(n -> n >= 1 && n <= 4)
                    .orElse(null));
            sort.setValue(first(params, "sort", ListingSearch.Sort::valueOf).orElse(ListingSearch.Sort.RELEVANCE));
        } finally {
            restoring = false;
        }
        grid.getDataProvider().refreshAll();
    }

    /** The city of the list a shared link means, in any spelling search treats as the same; else the link's own. */
    private String knownCity(String linked) {
        String wanted = SearchText.normalise(linked);
        return cities.stream()
                .filter(c -> SearchText.normalise(c).equals(wanted))
                .findFirst()
                .orElse(linked);
    }

    private void filtersChanged() {
        if (restoring) {
            return;
        }
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState((BaseJsonNode) null, location()));
        grid.getDataProvider().refreshAll();
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.put(name, value);
        }
    }

    /** A URL parameter read with a parser; a value the parser refuses counts as absent (a mangled shared link still opens). */
    private static <T> Optional<T> first(Map<String, List<String>> params, String name, Function<String, T> parse) {
        var values = params.getOrDefault(name, List.of());
        if (values.isEmpty() || values.getFirst().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(parse.apply(values.getFirst().strip()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
