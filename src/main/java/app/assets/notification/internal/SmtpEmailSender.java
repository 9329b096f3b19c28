package app.assets.notification.internal;

import app.assets.notification.domain.Channel;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/** Sends email through SMTP (Spring's JavaMailSender over Jakarta Mail): an HTML part and its plain-text twin. */
class SmtpEmailSender implements ChannelSender {

    static final String DELIVERY_HEADER = "X-Assets-Delivery";

    private final JavaMailSender sender;
    private final String from;

    SmtpEmailSender(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String send(Message message) throws Exception {
        MimeMessage mime = sender.createMimeMessage();
        var helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        helper.setText(message.body(), html(message.body()));
        mime.setHeader(DELIVERY_HEADER, message.deliveryId());
        sender.send(mime);
        return mime.getMessageID();
    }

    /** The plain text as HTML: escaped, paragraphs kept, links clickable, right to left where the text is Persian. */
    static String html(String text) {
        String escaped = HtmlUtils.htmlEscape(text);
        String linked = escaped.replaceAll("(https?://[^\\s<]+)", "<a href=\"$1\">$1</a>");
        boolean rtl = text.codePoints().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC);
        return "<!doctype html><html dir=\"" + (rtl ? "rtl" : "ltr")
                + "\"><body style=\"font-family:Vazirmatn,sans-serif\">" + linked.replace("\n", "<br>\n")
                + "</body></html>";
    }
}
