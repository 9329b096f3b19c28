package app.assets.base.error;

import java.util.Arrays;

/**
 * A request the user can correct: carries a message key (and arguments) that views translate
 * into the user's language. Thrown before anything is written, or inside a transaction that it
 * rolls back.
 */
public class UserInputException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public UserInputException(String messageKey, Object... arguments) {
        super(messageKey + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.messageKey = messageKey;
        this.arguments = arguments;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
