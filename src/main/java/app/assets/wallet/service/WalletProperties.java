package app.assets.wallet.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of wallets ({@code assets.wallet.*}; the demo funds are read where the demo wallets are
 * made).
 *
 * @param adjustmentApprovalAbove manual adjustments above this many Rials wait for a second ADMIN
 * @param transferPause           when a user's transfers pause after tries to addresses without an account
 */
@ConfigurationProperties("assets.wallet")
public record WalletProperties(
        @DefaultValue("10000000") long adjustmentApprovalAbove,
        @DefaultValue TransferPause transferPause) {

    public WalletProperties {
        if (adjustmentApprovalAbove < 0) {
            throw new IllegalArgumentException(
                    "assets.wallet.adjustment-approval-above must not be negative, not " + adjustmentApprovalAbove);
        }
    }

    /**
     * After {@code unknownRecipients} distinct addresses without an account within {@code window},
     * a user's transfers pause until the oldest of them is older than the window (see
     * docs/security.md, "Account enumeration").
     *
     * @param unknownRecipients distinct unknown addresses that pause transfers (1 to 1000)
     * @param window            how far back they count (whole hours, 1 hour to 30 days)
     */
    public record TransferPause(
            @DefaultValue("5") int unknownRecipients,
            @DefaultValue("24h") Duration window) {

        public TransferPause {
            // Beyond 1000 a pause would no longer stop anyone from surveying who has an account.
            if (unknownRecipients < 1 || unknownRecipients > 1000) {
                throw new IllegalArgumentException(
                        "assets.wallet.transfer-pause.unknown-recipients must be between 1 and 1000, not "
                                + unknownRecipients);
            }
            // Whole hours, as the paused sender is told how long it lasts at most.
            if (window.compareTo(Duration.ofHours(1)) < 0
                    || window.compareTo(Duration.ofDays(30)) > 0
                    || window.toSecondsPart() != 0
                    || window.toMinutesPart() != 0) {
                throw new IllegalArgumentException(
                        "assets.wallet.transfer-pause.window must be whole hours between 1h and 30d, not " + window);
            }
        }
    }
}
