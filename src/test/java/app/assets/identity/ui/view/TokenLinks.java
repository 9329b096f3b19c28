package app.assets.identity.ui.view;

import app.assets.support.SentLinks;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the single-use link of the latest captured email to a recipient, as its reader would click it. */
final class TokenLinks {

    private static final Pattern TOKEN = Pattern.compile("/(verify-email|reset-password)\\?token=([A-Za-z0-9_-]+)");

    private TokenLinks() {}

    /** The location ("verify-email?token=...") of the link in the newest email to this recipient. */
    static String latestLink(JdbcClient jdbc, String recipient, String path) {
        String body = SentLinks.latest(jdbc, recipient, "/" + path);
        var matcher = TOKEN.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no " + path + " link in: " + body);
        }
        return matcher.group(1) + "?token=" + matcher.group(2);
    }
}
