package app.assets.listing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Days [start, end) in Tehran: {@code start} is the first day, {@code end} the first day after
 * (for a booking, the return day), so back-to-back ranges share no day and {@link #days()} is
 * {@code end - start}. Matches PostgreSQL's {@code daterange(start, end, '[)')}.
 */
public record DateRange(LocalDate start, LocalDate end) {

    public DateRange {
        if (start == null || end == null || !end.isAfter(start)) {
            throw new IllegalArgumentException("a date range ends after it starts: " + start + ".." + end);
        }
    }

    public int days() {
        return Math.toIntExact(ChronoUnit.DAYS.between(start, end));
    }

    public boolean overlaps(DateRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The range from its first to its last day, both included (as a person picks them). */
    public static DateRange ofDays(LocalDate first, LocalDate last) {
        return new DateRange(first, last.plusDays(1));
    }

    /** The last day inside the range. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }
}
