package app.assets.base.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.listing.ListingCategory;
import app.assets.listing.domain.Listing;
import app.assets.wallet.service.WalletService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value the views translate by name (categories, states, transaction types) has a text in both languages. */
class EnumTextsTest {

    private final Messages messages = new Messages();

    @Test
    void everyNamedValueHasATextInBothLanguages() {
        var keys = new ArrayList<String>();
        for (var c : ListingCategory.values()) {
            keys.add("category." + c);
        }
        for (var m : Listing.Moderation.values()) {
            keys.add("listing.moderation." + m);
        }
        for (String t : WalletService.TYPES) {
            keys.add("txType." + t);
        }
        for (String s : List.of("PENDING", "APPROVED", "REJECTED")) {
            keys.add("withdrawal.status." + s);
        }
        for (var e : app.assets.notification.domain.NotificationEvent.values()) {
            keys.add("event." + e.name());
        }
        for (var s : app.assets.ticket.TicketStatus.values()) {
            keys.add("ticket.status." + s);
            keys.add("dashboard.status." + s);
        }
        keys.add("wallets.credit");
        keys.add("wallets.debit");
        for (String key : keys) {
            assertThat(messages.has(key, Languages.ENGLISH))
                    .as(key + " in English")
                    .isTrue();
            assertThat(messages.has(key, Languages.PERSIAN))
                    .as(key + " in Persian")
                    .isTrue();
        }
    }
}
