package app.assets.ticket.domain;

import app.assets.listing.RentalTerms;

/**
 * What a request for dates costs, computed once here and shown before requesting, then stored on
 * the ticket: the days, the price, the rate that applied, the deposit held on payment and the
 * platform's fee (taken from the lender's payout, not added to the borrower's bill). The borrower
 * pays {@link #total()} = price + deposit; the deposit comes back unless a claim takes part of it.
 *
 * <p>The price is the cheapest way to cover the days with months (30 days at the monthly price),
 * weeks (7 days at the weekly price) and single days (the daily price). A block may cover more days
 * than are left when that is cheaper (6 days cost no more than the weekly price), so a longer stay
 * never costs more than a shorter one. {@link #rateKind()} is the longest unit used.
 */
public record Quote(
        int days,
        RateKind rateKind,
        long rate,
        int months,
        int weeks,
        int singleDays,
        long price,
        long deposit,
        long fee) {

    /** Which of the listing's prices set the quote. */
    public enum RateKind {
        DAILY,
        WEEKLY,
        MONTHLY
    }

    public long total() {
        return Math.addExact(price, deposit);
    }

    /** The quote for {@code days} days under these terms, with the platform's fee in basis points. */
    public static Quote of(int days, RentalTerms terms, int feeBasisPoints) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be positive: " + days);
        }
        long daily = terms.dailyPrice();
        Long weekly = terms.weeklyPrice();
        Long monthly = terms.monthlyPrice();
        // cost[n]: the cheapest price covering at least n days; unit[n]: the block that starts it.
        long[] cost = new long[days + 1];
        int[] unit = new int[days + 1];
        for (int n = 1; n <= days; n++) {
            cost[n] = Math.addExact(cost[n - 1], daily);
            unit[n] = 1;
            if (weekly != null && Math.addExact(cost[Math.max(0, n - RentalTerms.WEEK)], weekly) < cost[n]) {
                cost[n] = cost[Math.max(0, n - RentalTerms.WEEK)] + weekly;
                unit[n] = RentalTerms.WEEK;
            }
            if (monthly != null && Math.addExact(cost[Math.max(0, n - RentalTerms.MONTH)], monthly) < cost[n]) {
                cost[n] = cost[Math.max(0, n - RentalTerms.MONTH)] + monthly;
                unit[n] = RentalTerms.MONTH;
            }
        }
        int months = 0;
        int weeks = 0;
        int singles = 0;
        for (int n = days; n > 0; n = Math.max(0, n - unit[n])) {
            switch (unit[n]) {
                case RentalTerms.MONTH -> months++;
                case RentalTerms.WEEK -> weeks++;
                default -> singles++;
            }
        }
        RateKind kind = months > 0 ? RateKind.MONTHLY : weeks > 0 ? RateKind.WEEKLY : RateKind.DAILY;
        long rate = switch (kind) {
            case MONTHLY -> monthly;
            case WEEKLY -> weekly;
            case DAILY -> daily;
        };
        long price = cost[days];
        return new Quote(
                days, kind, rate, months, weeks, singles, price, terms.deposit(), Ticket.feeOf(price, feeBasisPoints));
    }
}
