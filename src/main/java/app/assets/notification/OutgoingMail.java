package app.assets.notification;

import java.time.Instant;

/** Messages kept by the capture senders instead of being sent (local runs without SMTP or Twilio). */
public final class OutgoingMail {

    private OutgoingMail() {}

    /** A captured message: an email, or an SMS or WhatsApp text (subject empty). */
    public record Captured(long id, String channel, String recipient, String subject, String body, Instant createdAt) {}
}
