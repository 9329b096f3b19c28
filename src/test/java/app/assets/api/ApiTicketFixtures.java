package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Person;
import app.assets.api.ApiClient.Reply;
import app.assets.base.i18n.Formats;
import app.assets.ledger.Ledger;
import app.assets.support.TestFunds;
import app.assets.support.TestUsers;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the ticket API tests share: fresh people signed in over the API, an approved listing of the
 * lender's at {@code daily} a day with a {@code deposit}, tickets requested and accepted over the
 * API as a mobile client does, and wallets funded and read behind the API's back.
 */
record ApiTicketFixtures(ApiClient api, TestUsers users, Ledger ledger, LocalDate today, long daily, long deposit) {

    static ApiTicketFixtures of(ApiClient api, TestUsers users, Ledger ledger, long daily, long deposit) {
        return new ApiTicketFixtures(api, users, ledger, LocalDate.now(Formats.ZONE), daily, deposit);
    }

    /** A new verified account holding these roles besides USER, signed in over the API. */
    Person person(String who, String... roles) {
        return api.newPerson(users, who, roles);
    }

    /** An approved listing of this owner's, any length up to 30 days, no notice, its address "Secret street 7". */
    long listing(long ownerId) {
        return users.jdbc()
                .sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation, city, area, address,
                                              min_days, max_days, lead_days, deposit)
                        values (?, 'API camera', 'CAMERA', ?, 'APPROVED', 'Tehran', 'Tajrish', 'Secret street 7', 1, 30, 0, ?)
                        returning id""")
                .params(ownerId, daily, deposit)
                .query(Long.class)
                .single();
    }

    /** The body of a ticket request for these days counted from today. */
    Map<String, Object> request(long listing, int fromToday, int toToday, String message) {
        var body = new HashMap<String, Object>();
        body.put("listingId", listing);
        body.put("start", today.plusDays(fromToday).toString());
        body.put("end", today.plusDays(toToday).toString());
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }

    /** A pending ticket for two days from tomorrow. */
    long requested(Person borrower, long listing) {
        Reply created = api.post("/api/v1/tickets", request(listing, 1, 3, null), bearer(borrower.token()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    /**
     * An active loan of a new listing of the lender's: requested for two days from tomorrow and
     * accepted, paid from the borrower's wallet (funded beforehand).
     */
    long active(Person lender, Person borrower) {
        long id = requested(borrower, listing(lender.id()));
        Reply accepted = api.post("/api/v1/tickets/" + id + "/accept", null, bearer(lender.token()));
        assertThat(accepted.body().get("status").asString()).as(accepted.text()).isEqualTo("ACTIVE");
        return id;
    }

    /** The actions a ticket offers its reader. */
    static List<String> actions(JsonNode ticket) {
        return ticket.get("actions").valueStream().map(JsonNode::asString).toList();
    }

    void fund(long userId, long amount) {
        TestFunds.fund(ledger, userId, amount);
    }

    long available(long userId) {
        return ledger.balance(ledger.walletOf(userId)).available();
    }
}
