package app.assets.notification.internal;

import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import com.twilio.http.TwilioRestClient;
import com.twilio.type.PhoneNumber;

/**
 * Sends SMS or WhatsApp through Twilio's Messages API with the Twilio Java SDK; WhatsApp uses
 * {@code whatsapp:} addresses on both ends. Asks Twilio to post delivery statuses back to us.
 */
class TwilioSender implements ChannelSender {

    private final Channel channel;
    private final TwilioRestClient client;
    private final NotificationProperties.Twilio settings;

    TwilioSender(Channel channel, TwilioRestClient client, NotificationProperties.Twilio settings) {
        this.channel = channel;
        this.client = client;
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String send(ChannelSender.Message message) {
        String to = message.recipient();
        String from = channel == Channel.WHATSAPP ? settings.whatsappFrom() : settings.smsFrom();
        if (channel == Channel.WHATSAPP) {
            to = whatsapp(to);
            from = whatsapp(from);
        }
        var creator = com.twilio.rest.api.v2010.account.Message.creator(
                new PhoneNumber(to), new PhoneNumber(from), message.body());
        if (settings.statusCallbackUrl() != null
                && !settings.statusCallbackUrl().isBlank()) {
            creator.setStatusCallback(settings.statusCallbackUrl());
        }
        try {
            return creator.create(client).getSid();
        } catch (com.twilio.exception.ApiException e) {
            // keep what Twilio said in the notification's error log: HTTP status, Twilio error code, message
            throw new IllegalStateException(
                    "Twilio answered HTTP " + e.getStatusCode() + " (code " + e.getCode() + "): " + e.getMessage(), e);
        }
    }

    private static String whatsapp(String number) {
        return number.startsWith("whatsapp:") ? number : "whatsapp:" + number;
    }
}
