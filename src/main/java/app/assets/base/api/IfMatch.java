package app.assets.base.api;

import org.springframework.http.HttpStatus;

/**
 * The API's optimistic locking: a resource's {@code ETag} is its version ({@code "7"}), and a
 * change must name the version it was based on in {@code If-Match}: without one the answer is
 * 428, with a tag that is not a version we gave (or a stale one, which the service detects) 412.
 */
public final class IfMatch {

    private IfMatch() {}

    /**
     * The version an If-Match names ({@code "7"} or weak {@code W/"7"}); refuses a missing header
     * (428) and anything else with {@code staleKey} (412), the message telling to read again.
     */
    public static long version(String ifMatch, String staleKey) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "api.ifMatchRequired");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, staleKey);
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, staleKey);
        }
    }
}
