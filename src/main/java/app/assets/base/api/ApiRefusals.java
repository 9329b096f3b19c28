package app.assets.base.api;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status of a service's refusal ({@link app.assets.base.error.UserInputException}), by its
 * message key, in one place for every API class: what the caller may not see or that does not
 * exist is 404, the other side's step 403, a clash with the current state that retrying cannot
 * fix 409. Every other refusal is input to correct, 422 (the exception handler's default). An API
 * class still decides which request field a 422 concerns ({@link InvalidField}).
 */
public final class ApiRefusals {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("listing.notFound", HttpStatus.NOT_FOUND),
            Map.entry("photo.notFound", HttpStatus.NOT_FOUND),
            Map.entry("calendar.notFound", HttpStatus.NOT_FOUND),
            Map.entry("ticket.notFound", HttpStatus.NOT_FOUND),
            Map.entry("review.notFound", HttpStatus.NOT_FOUND),
            Map.entry("ticket.lenderOnly", HttpStatus.FORBIDDEN),
            Map.entry("ticket.borrowerOnly", HttpStatus.FORBIDDEN),
            Map.entry("calendar.datesTaken", HttpStatus.CONFLICT),
            Map.entry("calendar.bookedStays", HttpStatus.CONFLICT),
            Map.entry("review.alreadyReported", HttpStatus.CONFLICT));

    private ApiRefusals() {}

    /** The status of a refusal that is not plain input to correct; empty for a 422. */
    public static Optional<HttpStatus> statusOf(String messageKey) {
        return Optional.ofNullable(STATUS.get(messageKey));
    }
}
