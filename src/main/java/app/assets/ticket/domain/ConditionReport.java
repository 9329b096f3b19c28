package app.assets.ticket.domain;

import java.time.Instant;
import java.util.List;

/**
 * The item's condition at handover or return: notes and photos by one side, confirmed by the other
 * side (or automatically after a while). A confirmed report never changes; PostgreSQL refuses it too.
 */
public record ConditionReport(
        long id,
        long ticketId,
        Stage stage,
        long authorUserId,
        String notes,
        boolean confirmed,
        Long confirmedByUserId,
        Instant createdAt,
        Instant confirmedAt,
        List<Long> photoIds) {

    public static final int NOTES_MAX = 2000;
    public static final int PHOTOS_MAX = 8;
    public static final int PHOTO_BYTES_MAX = 5 * 1024 * 1024;

    /** When the report is written: as the loan starts, or as the item comes back. */
    public enum Stage {
        HANDOVER,
        RETURN
    }

    public ConditionReport {
        photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
    }

    /** Whether this user, a side of the ticket or not, may confirm the report now: the other side, while unconfirmed. */
    public boolean confirmableBy(long userId, boolean party) {
        return !confirmed && party && authorUserId != userId;
    }

    /** Confirmed without the other side, after the confirmation time passed. */
    public boolean confirmedAutomatically() {
        return confirmed && confirmedByUserId == null;
    }
}
