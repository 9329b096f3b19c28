package app.assets.notification.domain;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications link only to Assets itself (assets.identity.base-url): a template naming another
 * host, in an {@code <a href>} or as a bare address, is refused when an ADMIN saves it, and any such
 * link that still reaches a rendered text (from a value filled into it) is replaced by a notice.
 */
public final class TemplateLinks {

    /**
     * An address: with a scheme or protocol-relative ({@code https://x}, {@code //x}), starting with
     * {@code www.}, or a bare domain followed by a path ({@code evil.example/login}); not the domain of
     * an email address.
     */
    private static final Pattern ADDRESS = Pattern.compile("(?i)(?:[a-z][a-z0-9+.-]*:)?//[^\\s\"'<>()]+"
            + "|(?<![@\\w.])www\\.[^\\s\"'<>()]+"
            + "|(?<![@\\w./])(?:[a-z0-9-]+\\.)+[a-z]{2,}/[^\\s\"'<>()]*");

    private TemplateLinks() {}

    /** The hosts other than the base URL's that the text links to, in order. */
    public static Set<String> foreignHosts(String text, String baseUrl) {
        var found = new LinkedHashSet<String>();
        if (text == null) {
            return found;
        }
        String own = host(baseUrl);
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String host = host(m.group());
            if (!host.equals(own)) {
                found.add(host.isEmpty() ? m.group() : host);
            }
        }
        return found;
    }

    /** The text with every link to another host replaced by {@code notice}. */
    public static String neutralise(String text, String baseUrl, String notice) {
        if (text == null) {
            return null;
        }
        String own = host(baseUrl);
        return ADDRESS.matcher(text)
                .replaceAll(r -> host(r.group()).equals(own)
                        ? Matcher.quoteReplacement(r.group())
                        : Matcher.quoteReplacement(notice));
    }

    /** The lower-case host of an address as written in a text ("" when it names none). */
    static String host(String address) {
        String a = address.trim();
        int scheme = a.indexOf("//");
        if (scheme >= 0) {
            a = a.substring(scheme + 2);
        } else if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
            return "";
        }
        int at = a.indexOf('@');
        int end = firstOf(a, "/?#");
        if (at >= 0 && at < end) {
            a = a.substring(at + 1); // user info is not the host: https://assets.example@evil.example
            end = firstOf(a, "/?#");
        }
        a = a.substring(0, end);
        int port = a.lastIndexOf(':');
        if (port >= 0 && !a.endsWith("]")) {
            a = a.substring(0, port);
        }
        a = a.replaceAll("[.,;:!]+$", "");
        return a.toLowerCase(Locale.ROOT);
    }

    private static int firstOf(String s, String chars) {
        int end = s.length();
        for (char c : chars.toCharArray()) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return end;
    }
}
