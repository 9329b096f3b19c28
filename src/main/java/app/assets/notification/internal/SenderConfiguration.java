package app.assets.notification.internal;

import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import com.twilio.http.TwilioRestClient;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** Chooses a sender per channel: SMTP and Twilio when configured, the capture table otherwise. */
@Configuration(proxyBeanMethods = false)
class SenderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SenderConfiguration.class);

    @Bean
    ChannelSenders channelSenders(
            NotificationProperties properties,
            Environment environment,
            JdbcClient jdbc,
            ObjectProvider<JavaMailSender> mail,
            @Value("${assets.mail.from:Assets <no-reply@assets.local>}") String from) {
        Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
        if (environment.containsProperty("spring.mail.host") && mail.getIfAvailable() != null) {
            senders.put(Channel.EMAIL, new SmtpEmailSender(mail.getObject(), from));
        } else {
            senders.put(Channel.EMAIL, new CapturingSender(Channel.EMAIL, jdbc, properties.captureLinks()));
        }
        var twilio = properties.twilio();
        if (twilio.configured()) {
            var client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                    .httpClient(new RedirectingTwilioHttpClient(twilio.apiBaseUrl()))
                    .build();
            senders.put(Channel.SMS, new TwilioSender(Channel.SMS, client, twilio));
            senders.put(Channel.WHATSAPP, new TwilioSender(Channel.WHATSAPP, client, twilio));
        } else {
            senders.put(Channel.SMS, new CapturingSender(Channel.SMS, jdbc, properties.captureLinks()));
            senders.put(Channel.WHATSAPP, new CapturingSender(Channel.WHATSAPP, jdbc, properties.captureLinks()));
        }
        senders.forEach((channel, sender) -> log.info(
                "Notification channel {}: {}", channel, sender.getClass().getSimpleName()));
        return new ChannelSenders(senders);
    }
}
