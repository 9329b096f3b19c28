package app.assets.report.export;

import java.time.LocalDate;

/**
 * What a report lists: days from and to (both inclusive, Tehran time), a status (or transaction type,
 * or audit outcome), a text searched in the dataset's text columns, and for those who see
 * everybody's data a user's email; null or blank means "any". The user filter is ignored for anyone
 * who sees only their own rows: it can never widen what they see.
 */
public record ReportFilter(LocalDate from, LocalDate to, String status, String text, String user) {

    public static ReportFilter none() {
        return new ReportFilter(null, null, null, null, null);
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
