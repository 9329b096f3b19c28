package app.assets.listing;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.listing.domain.SearchText;
import app.assets.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Java normaliser and the SQL function of V24 write one rule: they agree on every text. */
class SearchNormalisationTest extends IntegrationTest {

    /** Every character either side treats specially, and ordinary ones around them. */
    private static final String POOL = "AZaz09Mm ،.,;:%_\\'\"-!&|()<>*"
            + "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"
            + "يىكةۀأإٱؤئء"
            + "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
            + "\u0640\u200C\u200D\u200E\u200F\u0670\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0653\u0654\u0655\u065F"
            + " \t\n\r\f\u000B\u00A0\u2009"
            + "ÉéÅİıßΣσ";

    @Autowired
    JdbcClient jdbc;

    @Test
    void javaAndSqlNormaliseEveryTextAlike() {
        var texts = new ArrayList<>(List.of(
                "",
                "   ",
                "دوربين كانن ۱۲۳",
                "مي‌خواهم  عكاسيِ\tخوب ـــ",
                "  Canon EOS R6\n\nFULL Frame  ",
                "ة ۀ أ إ ٱ ي ى ك",
                String.valueOf(POOL)));
        var random = new Random(15);
        for (int i = 0; i < 400; i++) {
            var text = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                text.append(POOL.charAt(random.nextInt(POOL.length())));
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            String sql = jdbc.sql("select listing_search_normalise(?)")
                    .param(text)
                    .query(String.class)
                    .single();
            assertThat(SearchText.normalise(text)).as("[%s]", text).isEqualTo(sql);
        }
    }

    @Test
    void lettersDigitsAndMarksBecomeTheirSearchForm() {
        assertThat(SearchText.normalise("  كتاب  فارسي\u200cها ۱۴۰۲ ٣ ةۀ ـعلی‌ CAMERA  "))
                .isEqualTo("کتاب فارسیها 1402 3 هه علی camera");
        assertThat(SearchText.normalise("عَكّاسِي")).isEqualTo("عکاسی");
        assertThat(SearchText.normalise(null)).isEmpty();
    }

    @Test
    void theStoredSearchColumnsHoldTheNormalForm() {
        String stored = jdbc.sql("""
                        select listing_search_normalise(title || ' ' || description) from
                        (values ('دوربين كانن', 'لنز ۵۰ ميلي‌متري')) as t (title, description)""").query(String.class).single();
        assertThat(stored).isEqualTo(SearchText.normalise("دوربين كانن لنز ۵۰ ميلي‌متري"));
        assertThat(jdbc.sql("select generation_expression from information_schema.columns"
                                + " where table_name = 'listings' and column_name = 'search_text'")
                        .query(String.class)
                        .single())
                .contains("listing_search_normalise");
    }
}
