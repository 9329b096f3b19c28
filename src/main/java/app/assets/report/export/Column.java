package app.assets.report.export;

/**
 * One column of a report: its header text key, how its values are written, and its share of the
 * page width in a PDF.
 *
 * @param key        message key of the header ({@code report.col.*})
 * @param kind       how values are formatted
 * @param width      relative width in a PDF table
 * @param codePrefix for {@link Kind#CODE}: the message key prefix that translates a stored code
 * @param everybodyOnly shown only to those who see everybody's data (e.g. whose wallet an entry is)
 */
public record Column(String key, Kind kind, float width, String codePrefix, boolean everybodyOnly) {

    /** How a column's values are written. */
    public enum Kind {
        ID,
        DATE_TIME,
        TEXT,
        CODE,
        MONEY,
        SIGNED_MONEY,
        NUMBER,
        /** Who was on the other side: emails, and system accounts written as "#KIND" (translated). */
        PARTIES;

        /** Numbers line up at their end in a table. */
        public boolean numeric() {
            return this == ID || this == MONEY || this == SIGNED_MONEY || this == NUMBER;
        }
    }

    static Column of(String key, Kind kind, float width) {
        return new Column(key, kind, width, null, false);
    }

    static Column code(String key, String prefix, float width) {
        return new Column(key, Kind.CODE, width, prefix, false);
    }

    Column forEverybodyOnly() {
        return new Column(key, kind, width, codePrefix, true);
    }
}
