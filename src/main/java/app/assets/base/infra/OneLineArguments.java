package app.assets.base.infra;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message} in logback-spring.xml) with every
 * argument on one line: CR, LF and the other control characters of an argument are written as
 * escapes ({@code \r}, {@code \n}, {@code \u0000}), so text a visitor typed (a login name, a title,
 * a URL path) can never start a forged log line. The message pattern itself, written by a
 * developer, keeps its own line breaks (the demo accounts table, Spring Boot's failure report).
 * This is why values must go into a log line as {@code {}} arguments, never by concatenation.
 */
public class OneLineArguments extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null || arguments.length == 0) {
            return event.getFormattedMessage();
        }
        Object[] safe = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            safe[i] = argument == null || argument.getClass().isArray() ? argument : escape(argument.toString());
        }
        return MessageFormatter.basicArrayFormat(event.getMessage(), safe);
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                default ->
                    Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                            ? String.format("\\u%04x", (int) c)
                            : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
