package app.assets.report.domain;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The admin dashboard's figures for one {@link DashboardFilter}, read from the daily aggregates
 * only. Serializable so a shared Redis cache can hold it. "At end" figures are those of the last
 * computed day of the range; "in range" figures add up the days of the range. Definitions:
 * docs/reports.md.
 *
 * @param latestDay          the last day of the range that has aggregates, {@code null} when none has
 * @param computedAt         when the aggregates of {@code latestDay} were computed
 * @param oldestComputedAt   the earliest computation time among the range's days
 * @param missingDays        days of the range without aggregates (not computed yet)
 * @param totalUsers         users at end (never filtered by category or segment)
 * @param newUsers           users who signed up in range
 * @param totalTickets       tickets at end (filtered)
 * @param activeLoans        loans active at end (filtered)
 * @param volume             price of tickets paid into escrow in range (filtered)
 * @param revenue            lending revenue in range: the platform fees of ticket payouts and dispute
 *                           settlements (with a ticket filter, of the matching tickets); the gateway's
 *                           fees on top-ups are not in it but in {@link Payments#gatewayFees()}
 * @param walletBalanceSum   sum of wallet balances at end, from the ledger entries
 * @param ledgerWalletSum    sum of the wallet accounts' maintained balances when {@code latestDay} is
 *                           today, {@code null} otherwise (it is only known at compute time)
 * @param activated          tickets paid into escrow in range (filtered)
 * @param completed          tickets completed in range (filtered)
 * @param cancelled          tickets cancelled in range (filtered)
 * @param payments           payment counts: verified and failed in range, pending at end
 * @param channels           notification delivery per channel in range
 * @param days               one point per day of the range that has aggregates, oldest first
 */
public record AdminDashboard(
        DashboardFilter filter,
        LocalDate latestDay,
        Instant computedAt,
        Instant oldestComputedAt,
        int missingDays,
        long totalUsers,
        long newUsers,
        long totalTickets,
        long activeLoans,
        long volume,
        long revenue,
        long walletBalanceSum,
        Long ledgerWalletSum,
        long activated,
        long completed,
        long cancelled,
        Payments payments,
        List<ChannelDelivery> channels,
        List<Day> days)
        implements Serializable {

    /** Whether the wallet sum was checked against the ledger's maintained balances (today only). */
    public boolean walletCheckedAgainstLedger() {
        return ledgerWalletSum != null;
    }

    public boolean walletMatchesLedger() {
        return ledgerWalletSum != null && ledgerWalletSum == walletBalanceSum;
    }

    /**
     * Verified and failed in range, pending (created and neither verified nor closed) at the end of
     * the range; the amount topped up and the fees the gateway kept on top-ups (net of refunds) in range.
     */
    public record Payments(long verified, long failed, long pending, long topUpVolume, long gatewayFees)
            implements Serializable {}

    /** Notifications created in range on one channel, by their status when the day was computed. */
    public record ChannelDelivery(String channel, long sent, long failed) implements Serializable {

        /** Sent among those that finished (sent or failed), in percent; {@code null} when none finished. */
        public Double deliveryRate() {
            long finished = sent + failed;
            return finished == 0 ? null : 100.0 * sent / finished;
        }
    }

    /** One day's ticket and revenue figures (filtered like the dashboard). */
    public record Day(
            LocalDate date, long newTickets, long activated, long completed, long activeAtEnd, long volume, long fees)
            implements Serializable {}
}
