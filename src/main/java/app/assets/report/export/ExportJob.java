package app.assets.report.export;

import java.time.Instant;

/**
 * A background export as its owner sees it in the list of recent exports.
 *
 * @param failure why it failed (null unless {@link Status#FAILED}); the details are only in the log
 */
public record ExportJob(
        long id,
        Dataset dataset,
        ExportFormat format,
        String filters,
        Status status,
        int rowsTotal,
        int rowsDone,
        Instant createdAt,
        Instant finishedAt,
        String fileName,
        Failure failure) {

    /** Where a background export stands. */
    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /** Why a background export failed, as stored in {@code report_exports.error}; the view translates it. */
    public enum Failure {
        /** Too many exports were waiting for a worker. */
        QUEUE_FULL,
        /** Its worker stopped (the application shut down or restarted) before it finished. */
        INTERRUPTED,
        /** More rows than an export may hold were selected by the time it ran. */
        TOO_MANY_ROWS,
        /** Anything else; the log has the details. */
        FAILED;

        static Failure of(String stored) {
            if (stored == null) {
                return null;
            }
            for (var failure : values()) {
                if (failure.name().equals(stored)) {
                    return failure;
                }
            }
            return FAILED;
        }
    }

    /** From 0 to 1. */
    public double progress() {
        if (status == Status.DONE) {
            return 1;
        }
        return rowsTotal == 0 ? 0 : Math.min(1, (double) rowsDone / rowsTotal);
    }
}
