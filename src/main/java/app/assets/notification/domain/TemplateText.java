package app.assets.notification.domain;

import app.assets.base.error.UserInputException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {variable}} syntax of templates: which variables a text uses, and filling them in. */
public final class TemplateText {

    public static final int SUBJECT_MAX = 200;
    public static final int BODY_MAX = 4000;

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private TemplateText() {}

    public static Set<String> variablesIn(String text) {
        var found = new LinkedHashSet<String>();
        Matcher m = VARIABLE.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /**
     * Refuses a subject or body that is empty, too long, names a variable the event does not have, or
     * links to a host other than {@code baseUrl}'s.
     */
    public static void check(NotificationEvent event, Channel channel, String subject, String body, String baseUrl) {
        if (body == null || body.isBlank()) {
            throw new UserInputException("template.bodyRequired");
        }
        if (body.length() > BODY_MAX) {
            throw new UserInputException("template.bodyTooLong", BODY_MAX);
        }
        if (channel == Channel.EMAIL && (subject == null || subject.isBlank())) {
            throw new UserInputException("template.subjectRequired");
        }
        if (subject != null && subject.length() > SUBJECT_MAX) {
            throw new UserInputException("template.subjectTooLong", SUBJECT_MAX);
        }
        var unknown = new LinkedHashSet<String>(variablesIn(subject));
        unknown.addAll(variablesIn(body));
        unknown.removeAll(event.variables());
        if (!unknown.isEmpty()) {
            throw new UserInputException(
                    "template.unknownVariables", String.join(", ", unknown), String.join(", ", event.variables()));
        }
        var foreign = new LinkedHashSet<String>(TemplateLinks.foreignHosts(subject, baseUrl));
        foreign.addAll(TemplateLinks.foreignHosts(body, baseUrl));
        if (!foreign.isEmpty()) {
            throw new UserInputException("template.foreignLink", String.join(", ", foreign), baseUrl);
        }
    }

    /** Replaces each known variable by its value; a missing value leaves an empty string. */
    public static String render(String text, Map<String, String> values) {
        if (text == null) {
            return "";
        }
        Matcher m = VARIABLE.matcher(text);
        var sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
