package app.assets.listing.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Formats;
import app.assets.base.i18n.Languages;
import app.assets.listing.ListingCategory;
import app.assets.listing.ListingSearch;
import app.assets.listing.service.ListingService;
import app.assets.listing.service.ListingService.ListingForm;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The listings view keeps its filters in the URL: a shared link restores them, and each change replaces the URL. */
class ListingsViewSearchTest extends KaribuTest {

    @Autowired
    ListingService listings;

    @Autowired
    JdbcClient jdbc;

    String tag;
    long shirazTent;
    long tehranTent;

    @BeforeEach
    void twoTents() {
        var letters = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        tag = letters.toString();
        shirazTent = listing("چادر چهار نفره " + tag, "شیراز", 300_000L);
        tehranTent = listing("Tent for two " + tag, "تهران", 900_000L);
        jdbc.sql("update listings set rating_count = 2, rating_sum = 9 where id = ?")
                .param(shirazTent)
                .update();
    }

    @Test
    void aSharedUrlRestoresEveryFilter() {
        signIn("borrower@assets.local");
        LocalDate from = LocalDate.now(Formats.ZONE).plusDays(5);
        navigate("listings?q=" + tag + "&category=TENT&city=شیراز&min=100000&max=500000&from=" + from + "&to="
                + from.plusDays(3) + "&rating=4&sort=PRICE_DESC");
        var view = _get(ListingsView.class);

        assertThat(view.text.getValue()).isEqualTo(tag);
        assertThat(view.category.getValue()).isEqualTo(ListingCategory.TENT);
        assertThat(view.city.getValue()).isEqualTo("شیراز");
        assertThat(view.minPrice.amount()).isEqualTo(100_000L);
        assertThat(view.maxPrice.amount()).isEqualTo(500_000L);
        assertThat(view.from.getValue()).isEqualTo(from);
        assertThat(view.to.getValue()).isEqualTo(from.plusDays(3));
        assertThat(view.minRating.getValue()).isEqualTo(4);
        assertThat(view.sort.getValue()).isEqualTo(ListingSearch.Sort.PRICE_DESC);
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(GridKt._get(view.grid, 0).id()).isEqualTo(shirazTent);
        assertThat(view.found.getText()).isEqualTo("1 found");
    }

    @Test
    void aMangledUrlStillOpensWithTheFiltersItCouldRead() {
        signIn("borrower@assets.local");
        navigate("listings?q=" + tag + "&category=SPACESHIP&min=lots&from=yesterday&rating=9&sort=RANDOM");
        var view = _get(ListingsView.class);

        assertThat(view.text.getValue()).isEqualTo(tag);
        assertThat(view.category.getValue()).isNull();
        assertThat(view.minPrice.getValue()).isEmpty();
        assertThat(view.from.getValue()).isNull();
        assertThat(view.minRating.getValue()).isNull();
        assertThat(view.sort.getValue()).isEqualTo(ListingSearch.Sort.RELEVANCE);
        assertThat(GridKt._size(view.grid)).isEqualTo(2);
    }

    @Test
    void changingAFilterReplacesTheUrl() {
        signIn("borrower@assets.local");
        navigate("listings");
        var view = _get(ListingsView.class);
        replacedUrls();

        _setValue(view.text, tag);
        assertThat(replacedUrls()).containsExactly("listings?q=" + tag);
        assertThat(GridKt._size(view.grid)).isEqualTo(2);

        view.city.setValue("تهران");
        view.sort.setValue(ListingSearch.Sort.PRICE_ASC);
        assertThat(replacedUrls()).last().isEqualTo("listings?q=" + tag + "&city=تهران&sort=PRICE_ASC");
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(GridKt._get(view.grid, 0).id()).isEqualTo(tehranTent);

        view.city.clear();
        _setValue(view.maxPrice, "500,000");
        assertThat(replacedUrls()).last().isEqualTo("listings?q=" + tag + "&max=500000&sort=PRICE_ASC");
        assertThat(GridKt._get(view.grid, 0).id()).isEqualTo(shirazTent);

        // The URL a change wrote opens the same search.
        navigate(view.location().getPathWithQueryParameters());
        var reopened = _get(ListingsView.class);
        assertThat(reopened.maxPrice.amount()).isEqualTo(500_000L);
        assertThat(GridKt._size(reopened.grid)).isOne();
    }

    @Test
    void persianFiltersReadPersianDigitsAndShowTheirLabelsInPersian() {
        signIn("borrower@assets.local");
        useLanguage(Languages.PERSIAN);
        navigate("listings?q=" + tag + "&max=500000&rating=4");
        var view = _get(ListingsView.class);

        assertThat(view.maxPrice.getValue()).isEqualTo("۵۰۰٬۰۰۰");
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(view.found.getText()).isEqualTo("۱ آگهی");
        assertThat(view.minRating.getItemLabelGenerator().apply(4)).isEqualTo("۴ ستاره و بیشتر");
        _setValue(view.text, "چادر " + tag.toUpperCase());
        assertThat(GridKt._size(view.grid)).isOne();
    }

    @Test
    void theCityListOffersEachCityOnceAndFindsItTypedWithOtherLetterForms() {
        String karaj = "کرج " + tag; // the Persian kaf, as most of these listings spell it
        long first = listing("Bike " + tag, karaj, 100_000L);
        long second = listing("Bike " + tag, karaj, 200_000L);
        long arabic = listing("Bike " + tag, "كرج " + tag.toUpperCase(), 300_000L); // the Arabic kaf
        signIn("borrower@assets.local");
        navigate("listings?q=" + tag);
        var view = _get(ListingsView.class);

        ComboBoxKt.setUserInput(view.city, "كرج " + tag);
        assertThat(ComboBoxKt.getSuggestionItems(view.city)).containsExactly(karaj);
        ComboBoxKt.selectByLabel(view.city, karaj);
        assertThat(GridKt._size(view.grid)).isEqualTo(3);
        assertThat(java.util.stream.IntStream.range(0, 3)
                        .mapToObj(i -> GridKt._get(view.grid, i).id()))
                .containsExactlyInAnyOrder(first, second, arabic);

        // A link written with the other letter form opens the same city.
        navigate("listings?q=" + tag + "&city=" + "كرج " + tag);
        var linked = _get(ListingsView.class);
        assertThat(linked.city.getValue()).isEqualTo(karaj);
        assertThat(GridKt._size(linked.grid)).isEqualTo(3);

        // A city no listing has (any more) stays as the link has it and finds nothing.
        navigate("listings?q=" + tag + "&city=Atlantis");
        var gone = _get(ListingsView.class);
        assertThat(gone.city.getValue()).isEqualTo("Atlantis");
        assertThat(GridKt._size(gone.grid)).isZero();
    }

    @Test
    void pastAThousandResultsTheCountSaysSoInBothLanguages() {
        listing("Lamp " + tag, "", 100_000L);
        jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation)
                        select owner_user_id, title, category, daily_price, moderation from listings, generate_series(1, ?)
                        where title = ?""").params(ListingSearch.COUNT_MAX, "Lamp " + tag).update();
        try {
            signIn("borrower@assets.local");
            navigate("listings?q=" + tag);
            var view = _get(ListingsView.class);
            assertThat(view.found.getText()).isEqualTo("1,000+ found");
            assertThat(GridKt._size(view.grid)).isEqualTo(ListingSearch.COUNT_MAX);

            useLanguage(Languages.PERSIAN);
            navigate("listings?q=" + tag);
            assertThat(_get(ListingsView.class).found.getText()).isEqualTo("بیش از ۱٬۰۰۰ آگهی");
        } finally {
            jdbc.sql("delete from listings where title = ?")
                    .param("Lamp " + tag)
                    .update();
        }
    }

    private long listing(String title, String city, long price) {
        actAs("lender@assets.local");
        long id = listings.create(new ListingForm(title, ListingCategory.TENT, "", price));
        actAs("moderator@assets.local");
        listings.approve(id);
        jdbc.sql("update listings set city = ? where id = ?").params(city, id).update();
        return id;
    }

    /** The URLs the view asked the browser to put in place of the current one, since the last call. */
    private static List<String> replacedUrls() {
        var urls = new ArrayList<String>();
        for (var pending : UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations()) {
            var invocation = pending.getInvocation();
            if (invocation.getExpression().contains("replaceState")
                    || invocation.getExpression().contains("replace: true")) {
                for (var parameter : invocation.getParameters()) {
                    if (parameter instanceof String url && url.startsWith("listings")) {
                        urls.add(URLDecoder.decode(url, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return urls;
    }
}
