package app.assets.ticket.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timers of deposits and condition reports (docs/deposits.md). The job that applies them runs at
 * {@code assets.ticket.timer-delay}, like the other ticket timers.
 *
 * @param conditionConfirmAfter a condition report the other side has not confirmed is confirmed automatically after this
 * @param decideWithin          after the return, the lender releases the deposit or files a claim within this; then it is released
 * @param answerWithin          the borrower accepts or disputes a claim within this; then it goes to SUPPORT
 */
@ConfigurationProperties("assets.ticket.deposit")
public record DepositProperties(
        @DefaultValue("48h") Duration conditionConfirmAfter,
        @DefaultValue("72h") Duration decideWithin,
        @DefaultValue("72h") Duration answerWithin) {

    public DepositProperties {
        for (var d : new Duration[] {conditionConfirmAfter, decideWithin, answerWithin}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("assets.ticket.deposit durations must be positive, not " + d);
            }
        }
    }
}
