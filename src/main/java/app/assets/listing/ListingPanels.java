package app.assets.listing;

import com.vaadin.flow.component.Component;
import java.util.Optional;

/**
 * Lets another module add a panel to a listing's page (the ticket module's "Request to borrow"
 * form) without the listing module depending on it. Implementations are Spring beans; each call
 * builds a fresh component for the current UI.
 */
public interface ListingPanels {

    Optional<Component> panelFor(ListingSummary listing, long viewerUserId);
}
