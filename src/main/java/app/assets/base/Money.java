package app.assets.base;

import app.assets.base.error.UserInputException;

/**
 * An amount of money in whole Iranian Rials: never negative, never fractional. Signed movements
 * (ledger entries) are plain {@code long}s; what people type and see is a Money.
 */
public record Money(long rials) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public Money {
        if (rials < 0) {
            throw new IllegalArgumentException("Money cannot be negative: " + rials);
        }
    }

    public static Money rials(long rials) {
        return new Money(rials);
    }

    /** An amount a person entered: must be a whole, positive number of Rials. */
    public static Money positive(Long rials) {
        if (rials == null) {
            throw new UserInputException("money.required");
        }
        if (rials <= 0) {
            throw new UserInputException("money.positive");
        }
        return new Money(rials);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(rials, other.rials));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(rials, other.rials));
    }

    public boolean isZero() {
        return rials == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(rials, other.rials);
    }
}
