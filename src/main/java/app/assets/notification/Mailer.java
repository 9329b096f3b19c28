package app.assets.notification;

/**
 * The one way other modules send email. SMTP when {@code spring.mail.host} is configured,
 * otherwise the captured mailbox that ADMIN reads in the UI. The notification pipeline will move
 * these messages onto templates and RabbitMQ behind this same port.
 */
public interface Mailer {

    void send(OutgoingMail mail);
}
