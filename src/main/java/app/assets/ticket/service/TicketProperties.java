package app.assets.ticket.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of lending tickets (see README.md and docs/lending.md).
 *
 * @param feeBasisPoints platform fee on what a lender receives, in 1/100 of a percent (500 = 5%)
 * @param pendingTtl     how long a request waits for the lender's answer before it expires
 * @param paymentTtl     how long an accepted ticket waits for the borrower's payment before it expires
 * @param dueSoonBefore  how long before the end of a loan the due-soon reminder goes out
 * @param timerDelay     pause between runs of the expiry and reminder timers
 */
@ConfigurationProperties("assets.ticket")
public record TicketProperties(
        @DefaultValue("500") int feeBasisPoints,
        @DefaultValue("48h") Duration pendingTtl,
        @DefaultValue("24h") Duration paymentTtl,
        @DefaultValue("24h") Duration dueSoonBefore,
        @DefaultValue("1m") Duration timerDelay) {

    public TicketProperties {
        if (feeBasisPoints < 0 || feeBasisPoints > 10_000) {
            throw new IllegalArgumentException(
                    "assets.ticket.fee-basis-points must be between 0 and 10000, not " + feeBasisPoints);
        }
    }
}
