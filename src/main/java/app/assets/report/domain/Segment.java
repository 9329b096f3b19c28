package app.assets.report.domain;

import java.time.Duration;

/**
 * A borrower's segment on a ticket: how old their account was when they created the ticket. The
 * admin dashboard filters ticket figures by it.
 */
public enum Segment {
    /** The account was younger than {@link #NEW_ACCOUNT_AGE}. */
    NEW,
    /** The account was at least {@link #NEW_ACCOUNT_AGE} old. */
    ESTABLISHED;

    public static final Duration NEW_ACCOUNT_AGE = Duration.ofDays(30);
}
