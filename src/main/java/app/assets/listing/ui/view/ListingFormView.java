package app.assets.listing.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.base.ui.component.Uploads;
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
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.PermitAll;

/** Creating a listing, or editing one's own (with its photos). */
@Route("listings/new")
@RouteAlias("listings/:id(\\d+)/edit")
@PageTitle("Assets")
@PermitAll
public class ListingFormView extends VerticalLayout implements BeforeEnterObserver {

    private final ListingService listings;
    final TextField title = new TextField();
    final Select<ListingCategory> category = new Select<>();
    final TextArea description = new TextArea();
    final MoneyField dailyPrice;
    final Button save = new Button();
    private final Paragraph message = new Paragraph();
    private final Div photoArea = new Div();
    private Long listingId;

    public ListingFormView(ListingService listings) {
        this.listings = listings;
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
        }
        add(
                new H2(getTranslation(listingId == null ? "listing.new" : "listing.edit")),
                title,
                category,
                description,
                dailyPrice,
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
        } else {
            add(new Paragraph(getTranslation("listing.photosAfterSave")));
        }
    }

    private void save() {
        for (HasValidation f : new HasValidation[] {title, category, description, dailyPrice}) {
            f.setInvalid(false);
        }
        message.setVisible(false);
        try {
            Long price = dailyPrice.optionalAmount();
            var form = new ListingService.ListingForm(
                    title.getValue(), category.getValue(), description.getValue(), price);
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
            HasValidation field = key.startsWith("listing.title")
                    ? title
                    : key.startsWith("listing.category")
                            ? category
                            : key.startsWith("listing.description")
                                    ? description
                                    : key.startsWith("money.") || key.startsWith("listing.price") ? dailyPrice : null;
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

    private Upload upload() {
        var upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> getUI().ifPresent(ui -> ui.access(() -> {
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
