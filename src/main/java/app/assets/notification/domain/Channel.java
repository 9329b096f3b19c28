package app.assets.notification.domain;

/** Where a notification goes: an email address, or a phone number by SMS or WhatsApp. */
public enum Channel {
    EMAIL,
    SMS,
    WHATSAPP;

    /** Whether this channel needs the user's phone number. */
    public boolean needsPhone() {
        return this != EMAIL;
    }

    /** RabbitMQ routing key and queue suffix. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
