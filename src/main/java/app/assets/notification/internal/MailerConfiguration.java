package app.assets.notification.internal;

import app.assets.notification.Mailer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** Chooses the mailer: SMTP when configured, the captured mailbox otherwise. */
@Configuration(proxyBeanMethods = false)
class MailerConfiguration {

    @Bean
    @ConditionalOnProperty("spring.mail.host")
    Mailer smtpMailer(JavaMailSender sender, @Value("${assets.mail.from:Assets <no-reply@assets.local>}") String from) {
        return new SmtpMailer(sender, from);
    }

    @Bean
    @ConditionalOnMissingBean(Mailer.class)
    Mailer capturingMailer(JdbcClient jdbc) {
        return new CapturingMailer(jdbc);
    }
}
