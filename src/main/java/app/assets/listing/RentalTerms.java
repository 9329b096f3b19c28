package app.assets.listing;

/**
 * How a listing may be rented, for quoting and checking a request: length in days, lead time (whole
 * days between today in Tehran and the earliest start), the daily price with its optional weekly
 * (7 days) and monthly (30 days) prices, and the deposit held on the borrower's wallet on payment.
 */
public record RentalTerms(
        long listingId,
        int minDays,
        int maxDays,
        int leadDays,
        long dailyPrice,
        Long weeklyPrice,
        Long monthlyPrice,
        long deposit) {

    public static final int DAYS_MIN = 1;
    public static final int DAYS_MAX = 365;
    public static final int LEAD_DAYS_MAX = 90;
    public static final int WEEK = 7;
    public static final int MONTH = 30;
}
