package app.assets.listing.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.listing.ListingCategory;
import app.assets.listing.service.ListingService;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A listing's way through the views: written by its lender, approved by a moderator, found by a borrower. */
class ListingViewsTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ListingService listings;

    /** The moderation queue is the whole platform's: a moderator first decides what other tests left waiting in it. */
    @BeforeEach
    void anEmptyModerationQueue() {
        actAs("moderator@assets.local");
        for (var waiting : listings.pending(0, 1000)) {
            listings.reject(waiting.id(), "Cleared before this test.");
        }
        assertThat(listings.pendingCount()).isZero();
    }

    @Test
    void aLenderListsAModeratorApprovesAndABorrowerFindsIt() {
        signIn("lender@assets.local");
        navigate("listings/new");
        var form = _get(ListingFormView.class);
        _click(form.save);
        assertThat(form.title.isInvalid()).as("a title is required").isTrue();

        _setValue(form.title, "Snow tent for four");
        form.category.setValue(ListingCategory.TENT);
        _setValue(form.description, "Four seasons, 3.2 kg");
        _setValue(form.dailyPrice, "۱۲۰,۰۰۰");
        _click(form.save);
        long id = jdbc.sql("select id from listings where title = 'Snow tent for four'")
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select daily_price || ' ' || moderation from listings where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("120000 PENDING");
        assertThat(NavigatorKt.getCurrentView()).as("photos come next").isEqualTo(ListingFormView.class);

        signIn("borrower@assets.local");
        navigate("listings/" + id);
        assertThat(NavigatorKt.getCurrentView())
                .as("not visible before approval")
                .isNotEqualTo(ListingDetailView.class);

        signIn("moderator@assets.local");
        navigate("admin/moderation");
        var queue = _get(ModerationView.class);
        assertThat(GridKt._size(queue.grid)).isOne();
        var actions = (HorizontalLayout) GridKt._getCellComponent(queue.grid, 0, "actions");
        _click((Button) actions.getComponentAt(1));
        assertThat(GridKt._size(queue.grid)).isZero();

        signIn("borrower@assets.local");
        navigate("listings");
        var browse = _get(ListingsView.class);
        _setValue(browse.text, "snow");
        assertThat(GridKt._size(browse.grid)).isOne();
        browse.category.setValue(ListingCategory.CAMERA);
        assertThat(GridKt._size(browse.grid)).isZero();
        browse.category.clear();
        _setValue(browse.maxPrice, "100000");
        assertThat(GridKt._size(browse.grid)).as("above the price range").isZero();

        navigate("listings/" + id);
        assertThat(_get(H2.class, spec -> spec.withId("listing-title")).getText())
                .isEqualTo("Snow tent for four");
        navigate("listings/" + id + "/edit");
        assertThat(NavigatorKt.getCurrentView()).as("only the owner edits").isNotEqualTo(ListingFormView.class);
    }

    @Test
    void aModeratorRejectsOnlyWithAReasonTheOwnerSees() {
        long owner = jdbc.sql("select id from users where email = 'lender@assets.local'")
                .query(Long.class)
                .single();
        long id = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price) values (?, 'Blurry drone', 'OTHER', 90000)
                returning id""").param(owner).query(Long.class).single();
        signIn("moderator@assets.local");
        navigate("admin/moderation");
        var queue = _get(ModerationView.class);
        var actions = (HorizontalLayout) GridKt._getCellComponent(queue.grid, 0, "actions");
        _click((Button) actions.getComponentAt(2));

        var reason = _get(TextArea.class, spec -> spec.withId("moderation-reason"));
        _click(_get(Button.class, spec -> spec.withId("moderation-confirm")));
        assertThat(reason.isInvalid()).as("a reason is required").isTrue();
        assertThat(GridKt._size(queue.grid)).isOne();

        _setValue(reason, "Photos are too blurry to judge the condition");
        _click(_get(Button.class, spec -> spec.withId("moderation-confirm")));
        assertThat(GridKt._size(queue.grid)).isZero();
        assertThat(jdbc.sql("select moderation || ': ' || moderation_note from listings where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("REJECTED: Photos are too blurry to judge the condition");
    }
}
