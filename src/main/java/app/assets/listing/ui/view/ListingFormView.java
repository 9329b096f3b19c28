package app.assets.listing.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.base.ui.component.Uploads;
import app.assets.identity.IdentityProperties;
import app.assets.listing.ListingCalendar;
import app.assets.listing.ListingCategory;
import app.assets.listing.domain.Listing;
import app.assets.listing.service.ListingService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;

/** Creating a listing, or editing one's own: text, location, rental terms, photos and the calendar of blocked days. */
@Route("listings/new")
@RouteAlias("listings/:id(\\d+)/edit")
@PageTitle("Assets")
@PermitAll
public class ListingFormView extends VerticalLayout implements BeforeEnterObserver {

    private final ListingService listings;
    private final ListingCalendar calendar;
    private final IdentityProperties identity;
    final TextField title = new TextField();
    final Select<ListingCategory> category = new Select<>();
    final TextArea description = new TextArea();
    final MoneyField dailyPrice;
    final TextField city = new TextField();
    final TextField area = new TextField();
    final TextField address = new TextField();
    final TextField minDays = dayCount("listing-min-days");
    final TextField maxDays = dayCount("listing-max-days");
    final TextField leadDays = dayCount("listing-lead-days");
    final MoneyField weeklyPrice;
    final MoneyField monthlyPrice;
    final MoneyField deposit;
    final Button save = new Button();
    private final Paragraph message = new Paragraph();
    private final Div photoArea = new Div();
    private Long listingId;

    public ListingFormView(ListingService listings, ListingCalendar calendar, IdentityProperties identity) {
        this.listings = listings;
        this.calendar = calendar;
        this.identity = identity;
        addClassName("page");
        setMaxWidth("48rem");
        title.setLabel(getTranslation("listing.title"));
        title.setId("listing-title");
        title.setMaxLength(Listing.TITLE_MAX);
        title.setRequiredIndicatorVisible(true);
        title.setWidthFull();
        category.setLabel(getTranslation("listing.category"));
        category.setId("listing-category");
        category.setItems(ListingCategory.values());
        category.setItemLabelGenerator(c -> c == null ? "" : getTranslation("category." + c));
        category.setRequiredIndicatorVisible(true);
        description.setLabel(getTranslation("listing.description"));
        description.setId("listing-description");
        description.setMaxLength(Listing.DESCRIPTION_MAX);
        description.setWidthFull();
        description.setMinHeight("8rem");
        dailyPrice = new MoneyField(getTranslation("listing.dailyPrice"));
        dailyPrice.setId("listing-price");
        dailyPrice.setRequiredIndicatorVisible(true);
        city.setLabel(getTranslation("listing.city"));
        city.setId("listing-city");
        city.setMaxLength(Listing.CITY_MAX);
        area.setLabel(getTranslation("listing.area"));
        area.setId("listing-area");
        area.setMaxLength(Listing.AREA_MAX);
        address.setLabel(getTranslation("listing.address"));
        address.setId("listing-address");
        address.setMaxLength(Listing.ADDRESS_MAX);
        address.setHelperText(getTranslation("listing.addressHelp"));
        address.setWidthFull();
        minDays.setLabel(getTranslation("listing.minDays"));
        minDays.setValue(Formats.digits("1", getLocale()));
        maxDays.setLabel(getTranslation("listing.maxDays"));
        maxDays.setValue(Formats.digits("30", getLocale()));
        leadDays.setLabel(getTranslation("listing.leadDays"));
        leadDays.setValue(Formats.digits("0", getLocale()));
        weeklyPrice = new MoneyField(getTranslation("listing.weeklyPrice"));
        weeklyPrice.setId("listing-weekly-price");
        monthlyPrice = new MoneyField(getTranslation("listing.monthlyPrice"));
        monthlyPrice.setId("listing-monthly-price");
        deposit = new MoneyField(getTranslation("listing.deposit"));
        deposit.setId("listing-deposit");
        deposit.setHelperText(getTranslation("listing.depositHelp"));
        save.setText(getTranslation("profile.save"));
        save.setId("save-listing");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        message.setVisible(false);
        save.addClickListener(e -> save());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        listingId = event.getRouteParameters().getLong("id").orElse(null);
        if (listingId != null) {
            var listing = listings.findOwn(listingId);
            if (listing.isEmpty()) {
                event.rerouteToError(NotFoundException.class);
                return;
            }
            var l = listing.get();
            title.setValue(l.title());
            category.setValue(l.category());
            description.setValue(l.description());
            dailyPrice.setAmount(l.dailyPrice());
            city.setValue(l.city());
            area.setValue(l.area());
            address.setValue(l.address());
            var terms = l.terms();
            minDays.setValue(Formats.digits(String.valueOf(terms.minDays()), getLocale()));
            maxDays.setValue(Formats.digits(String.valueOf(terms.maxDays()), getLocale()));
            leadDays.setValue(Formats.digits(String.valueOf(terms.leadDays()), getLocale()));
            if (terms.weeklyPrice() != null) {
                weeklyPrice.setAmount(terms.weeklyPrice());
            }
            if (terms.monthlyPrice() != null) {
                monthlyPrice.setAmount(terms.monthlyPrice());
            }
            deposit.setAmount(terms.deposit());
        }
        var location = new FlexLayout(city, area);
        location.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        location.getStyle().set("gap", "var(--lumo-space-m)");
        var lengths = new FlexLayout(minDays, maxDays, leadDays);
        lengths.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        lengths.getStyle().set("gap", "var(--lumo-space-m)");
        var rates = new FlexLayout(dailyPrice, weeklyPrice, monthlyPrice, deposit);
        rates.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        rates.getStyle().set("gap", "var(--lumo-space-m)");
        add(
                new H2(getTranslation(listingId == null ? "listing.new" : "listing.edit")),
                title,
                category,
                description,
                new H3(getTranslation("listing.location")),
                location,
                address,
                new H3(getTranslation("listing.rentalTerms")),
                lengths,
                rates,
                message,
                save);
        if (listingId != null) {
            add(
                    new H3(getTranslation("listing.photos")),
                    new Paragraph(getTranslation(
                            "listing.photosHelp", Listing.PHOTOS_MAX, Listing.PHOTO_BYTES_MAX / (1024 * 1024))),
                    photoArea,
                    upload());
            showPhotos();
            add(new CalendarSection(calendar, listingId, identity.baseUrl()));
        } else {
            add(new Paragraph(getTranslation("listing.photosAfterSave")));
        }
    }

    private void save() {
        for (HasValidation f : new HasValidation[] {
            title,
            category,
            description,
            dailyPrice,
            city,
            area,
            address,
            minDays,
            maxDays,
            leadDays,
            weeklyPrice,
            monthlyPrice,
            deposit
        }) {
            f.setInvalid(false);
        }
        message.setVisible(false);
        try {
            Long price = dailyPrice.optionalAmount();
            var form = new ListingService.ListingForm(
                    title.getValue(),
                    category.getValue(),
                    description.getValue(),
                    price,
                    city.getValue(),
                    area.getValue(),
                    address.getValue(),
                    number(minDays),
                    number(maxDays),
                    number(leadDays),
                    weeklyPrice.optionalAmount(),
                    monthlyPrice.optionalAmount(),
                    deposit.optionalAmount());
            long id;
            if (listingId == null) {
                id = listings.create(form);
            } else {
                listings.update(listingId, form);
                id = listingId;
            }
            Toasts.success(getTranslation("listing.saved"));
            UI.getCurrent().navigate(listingId == null ? "listings/" + id + "/edit" : "listings/" + id);
        } catch (UserInputException ex) {
            String key = ex.messageKey();
            HasValidation field = fieldFor(key);
            String text = getTranslation(key, ex.arguments());
            if (field != null) {
                field.setErrorMessage(text);
                field.setInvalid(true);
            } else {
                message.setText(text);
                message.setVisible(true);
            }
        }
    }

    /** The field a refusal is about, by its message key; null shows it under the form. */
    private HasValidation fieldFor(String key) {
        var fields = new LinkedHashMap<String, HasValidation>();
        fields.put("listing.title", title);
        fields.put("listing.category", category);
        fields.put("listing.description", description);
        fields.put("listing.price", dailyPrice);
        fields.put("money.", dailyPrice);
        fields.put("listing.city", city);
        fields.put("listing.area", area);
        fields.put("listing.address", address);
        fields.put("listing.minDays", minDays);
        fields.put("listing.maxDays", maxDays);
        fields.put("listing.leadDays", leadDays);
        fields.put("listing.weeklyPrice", weeklyPrice);
        fields.put("listing.monthlyPrice", monthlyPrice);
        fields.put("listing.deposit", deposit);
        return fields.entrySet().stream()
                .filter(e -> key.startsWith(e.getKey()))
                .map(java.util.Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** A whole number of days, typed in Latin or Persian digits (a TextField reads both; an IntegerField does not). */
    private static TextField dayCount(String id) {
        var field = new TextField();
        field.setId(id);
        field.setAllowedCharPattern("[0-9۰-۹٠-٩]");
        field.setMaxLength(3);
        field.setWidth("10rem");
        return field;
    }

    /** The number in a day-count field; null when empty (the service's default applies). */
    static Integer number(TextField field) {
        String value = Formats.latinDigits(field.getValue()).strip();
        return value.matches("[0-9]{1,3}") ? Integer.valueOf(value) : null;
    }

    private Upload upload() {
        var upload = new Upload(Uploads.inMemory(
                Listing.PHOTO_BYTES_MAX,
                (metadata, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
                    try {
                        listings.addPhoto(listingId, bytes);
                        showPhotos();
                    } catch (UserInputException ex) {
                        Toasts.error(this, ex);
                    }
                }))));
        Uploads.translated(upload);
        upload.setId("photo-upload");
        upload.setAcceptedFileTypes("image/png", "image/jpeg", "image/webp", ".png", ".jpg", ".jpeg", ".webp");
        upload.setMaxFileSize(Listing.PHOTO_BYTES_MAX);
        upload.setMaxFiles(Listing.PHOTOS_MAX);
        return upload;
    }

    private void showPhotos() {
        photoArea.removeAll();
        photoArea.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-s)");
        for (long photo : listings.photoIds(listingId)) {
            var remove = new Button(VaadinIcon.TRASH.create(), e -> {
                listings.removePhoto(listingId, photo);
                showPhotos();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel(getTranslation("listing.removePhoto"));
            var cell = new Div(ListingBadges.thumbnail(this, photo, "120px"), remove);
            cell.getStyle()
                    .set("display", "flex")
                    .set("flex-direction", "column")
                    .set("align-items", "center");
            photoArea.add(cell);
        }
    }
}
