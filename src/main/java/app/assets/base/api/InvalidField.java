package app.assets.base.api;

import app.assets.base.error.UserInputException;

/** A service's {@link UserInputException} that the API knows to concern one field of the request. */
public class InvalidField extends RuntimeException {

    private final String field;
    private final UserInputException cause;

    public InvalidField(String field, UserInputException cause) {
        super(field + ": " + cause.getMessage(), cause);
        this.field = field;
        this.cause = cause;
    }

    public String field() {
        return field;
    }

    public UserInputException userInput() {
        return cause;
    }
}
