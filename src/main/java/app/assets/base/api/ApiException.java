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

    /** 404 with the generic "there is no such resource" text, for what the caller may not see or that does not exist. */
    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "api.status.404");
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }
}
