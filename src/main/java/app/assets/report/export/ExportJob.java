package app.assets.report.export;

import java.time.Instant;

/** A background export as its owner sees it in the list of recent exports. */
public record ExportJob(long id, Dataset dataset, ExportFormat format, String filters, Status status, int rowsTotal,
                        int rowsDone, Instant createdAt, Instant finishedAt, String fileName, String error) {

    /** Where a background export stands. */
    public enum Status {
        RUNNING, DONE, FAILED
    }

    /** From 0 to 1. */
    public double progress() {
        if (status == Status.DONE) {
            return 1;
        }
        return rowsTotal == 0 ? 0 : Math.min(1, (double) rowsDone / rowsTotal);
    }
}
