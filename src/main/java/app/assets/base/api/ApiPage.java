package app.assets.base.api;

import app.assets.base.error.UserInputException;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One page of a list the API returns: the items, the page number (from 0), its size and how many
 * items the whole list holds.
 */
public record ApiPage<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 100;

    /** Reads the rows from {@code offset}, at most {@code limit} of them (a service's paged query). */
    @FunctionalInterface
    public interface Rows<R> {
        List<R> read(int offset, int limit);
    }

    /** Refuses a page number below 0 or a page size outside 1 to 100, naming the field (422). */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidField("page", new UserInputException("api.page.invalid"));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidField("size", new UserInputException("api.page.size", 1, MAX_SIZE));
        }
    }

    /** Checks page and size, reads that page's rows, shows each as {@code view}, and asks for the total. */
    public static <R, T> ApiPage<T> of(int page, int size, Rows<R> rows, Function<R, T> view, LongSupplier total) {
        check(page, size);
        var items = rows.read(page * size, size).stream().map(view).toList();
        return new ApiPage<>(items, page, size, total.getAsLong());
    }

    /** The same for rows the service already returns as the API shows them. */
    public static <T> ApiPage<T> of(int page, int size, Rows<T> rows, LongSupplier total) {
        return of(page, size, rows, Function.identity(), total);
    }

    /** A page of a list read whole (a ticket's thread). */
    public static <R, T> ApiPage<T> slice(int page, int size, List<R> all, Function<R, T> view) {
        check(page, size);
        int from = (int) Math.min((long) page * size, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return new ApiPage<>(all.subList(from, to).stream().map(view).toList(), page, size, all.size());
    }
}
