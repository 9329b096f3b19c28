package app.assets.report;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.ledger.AccountKind;
import app.assets.report.export.Dataset;
import app.assets.report.export.ExportJob;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Every header, status, type, account name and export failure a report writes has a text in both languages. */
class ReportTextsTest {

    private final Messages messages = new Messages();

    @Test
    void everyReportTextExistsInEnglishAndPersian() {
        var keys = new ArrayList<String>();
        for (var dataset : Dataset.values()) {
            keys.add(dataset.titleKey());
            dataset.columns().forEach(c -> keys.add("report.col." + c.key()));
            dataset.statuses().forEach(s -> keys.add(dataset.statusColumn().codePrefix() + s));
        }
        for (var failure : ExportJob.Failure.values()) {
            keys.add("report.export.error." + failure.name());
        }
        for (var kind : AccountKind.values()) {
            keys.add("report.account." + kind.name());
        }
        assertThat(keys).allSatisfy(key -> {
            assertThat(messages.has(key, Languages.ENGLISH))
                    .as(key + " in English")
                    .isTrue();
            assertThat(messages.has(key, Languages.PERSIAN))
                    .as(key + " in Persian")
                    .isTrue();
        });
    }
}
