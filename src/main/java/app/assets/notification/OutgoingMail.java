package app.assets.notification;

import java.time.Instant;

/** A plain-text email to one recipient. */
public record OutgoingMail(String recipient, String subject, String body) {

    /** An email kept in the captured mailbox. */
    public record Captured(long id, String recipient, String subject, String body, Instant createdAt) {
    }
}
