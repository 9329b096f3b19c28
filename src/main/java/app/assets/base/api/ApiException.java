package app.assets.base.api;

import org.springframework.http.HttpStatus;

/** A refusal of the API itself (a missing header, a reused idempotency key, a failed sign-in), with a message key. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;

    public ApiException(HttpStatus status, String messageKey) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }
}
