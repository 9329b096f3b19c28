package app.assets.payment.domain;

import app.assets.payment.TopUpPurpose;
import java.time.Instant;

/** One payment attempt as stored: who pays how much for what, and what the gateway said. */
public record Payment(
        long id,
        long userId,
        String email,
        long amount,
        TopUpPurpose purpose,
        String purposeReference,
        PaymentStatus status,
        String authority,
        String refId,
        String cardPan,
        Long fee,
        String feeType,
        Integer lastCode,
        String lastError,
        Long ledgerTransactionId,
        Instant createdAt,
        Instant updatedAt,
        Instant redirectedAt) {

    /** Longest purpose reference (a ticket id). */
    public static final int REFERENCE_MAX = 64;

    /** The same payment with the payer's email (looked up from identity). */
    public Payment withEmail(String payerEmail) {
        return new Payment(
                id,
                userId,
                payerEmail,
                amount,
                purpose,
                purposeReference,
                status,
                authority,
                refId,
                cardPan,
                fee,
                feeType,
                lastCode,
                lastError,
                ledgerTransactionId,
                createdAt,
                updatedAt,
                redirectedAt);
    }

    /** A step in a payment's timeline. */
    public record Event(Instant at, PaymentStatus status, String note, String actor) {}
}
