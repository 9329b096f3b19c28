package app.assets.notification.internal;

import app.assets.notification.Mailer;
import app.assets.notification.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps outgoing email in the captured_mail table instead of sending it (local runs). */
class CapturingMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(CapturingMailer.class);

    private final JdbcClient jdbc;

    CapturingMailer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(OutgoingMail mail) {
        jdbc.sql("insert into captured_mail (recipient, subject, body) values (?, ?, ?)")
                .params(mail.recipient(), mail.subject(), mail.body()).update();
        log.info("Captured email to {}: {} (read it as ADMIN under /admin/mailbox)", mail.recipient(), mail.subject());
    }
}
