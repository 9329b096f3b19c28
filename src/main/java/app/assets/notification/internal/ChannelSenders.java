package app.assets.notification.internal;

import app.assets.notification.domain.Channel;
import java.util.Map;

/** The sender chosen for each channel. */
public record ChannelSenders(Map<Channel, ChannelSender> byChannel) {

    public ChannelSender of(Channel channel) {
        return byChannel.get(channel);
    }
}
