package app.assets.report.domain;

import app.assets.base.error.UserInputException;
import app.assets.listing.ListingCategory;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What the admin dashboard shows: the days from {@code from} to {@code to} (both included, calendar
 * days of Tehran, base.i18n.Formats.ZONE), optionally only the tickets of one listing category and one borrower
 * segment ({@code null} for all). It is the cache key of the dashboard, hence a record.
 */
public record DashboardFilter(LocalDate from, LocalDate to, ListingCategory category, Segment segment)
        implements Serializable {

    /** Longest range the dashboard reads at once, about three years of daily rows. */
    public static final int MAX_DAYS = 1100;

    public DashboardFilter {
        if (from == null || to == null) {
            throw new UserInputException("adminDashboard.rangeMissing");
        }
        if (from.isAfter(to)) {
            throw new UserInputException("adminDashboard.rangeReversed");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new UserInputException("adminDashboard.rangeTooLong", MAX_DAYS);
        }
    }

    /** The last {@code days} days up to and including {@code today}, all categories and segments. */
    public static DashboardFilter lastDays(LocalDate today, int days) {
        return new DashboardFilter(today.minusDays(days - 1L), today, null, null);
    }

    public long days() {
        return days(from, to);
    }

    public boolean filtersTickets() {
        return category != null || segment != null;
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
