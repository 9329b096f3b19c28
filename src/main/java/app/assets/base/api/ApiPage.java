package app.assets.base.api;

import app.assets.base.error.UserInputException;
import java.util.List;

/**
 * One page of a list the API returns: the items, the page number (from 0), its size and how many
 * items the whole list holds.
 */
public record ApiPage<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    /** Refuses a page number below 0 or a page size outside 1 to 100, naming the field (422). */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidField("page", new UserInputException("api.page.invalid"));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", new UserInputException("api.page.size", 1, MAX_SIZE));
        }
    }
}
