package app.assets.notification.internal;

import app.assets.notification.domain.Channel;

/** Hands one rendered notification to a provider (or the capture table); returns the provider's id for it. */
public interface ChannelSender {

    /** One message as the consumer hands it over. */
    record Message(String deliveryId, Channel channel, String recipient, String subject, String body) {}

    Channel channel();

    String send(Message message) throws Exception;
}
