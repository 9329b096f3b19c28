package app.assets.ticket.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.ledger.LedgerCheck;
import app.assets.support.IntegrationTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The living demo as the run command makes it: a context of its own (a fresh database) with the
 * demo funds, catalogue, loans and reviews on, seeded at start-up through the services. The demo
 * borrower then has tickets in every state, a deposit claim the borrower disputed in SUPPORT's
 * queue, published reviews on both sides, and the ledger check passes; a restart adds nothing.
 */
@TestPropertySource(
        properties = {
            "assets.wallet.demo-funds=20000000",
            "assets.listing.demo-catalogue=true",
            "assets.ticket.demo-loans=true"
        })
class DemoLoansTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    DemoLoans loans;

    @Test
    void theDemoBorrowerHasLoansInEveryStateWithADepositClaimAndReviews() throws Exception {
        assertThat(statuses()).containsKeys("PENDING", "ACCEPTED", "ACTIVE", "COMPLETED", "CANCELLED", "DISPUTED");
        assertThat(statuses().get("COMPLETED")).isEqualTo(2);
        assertThat(count("select count(*) from ticket_deposits where status = 'DISPUTED'"))
                .as("a disputed damage claim waits for SUPPORT")
                .isEqualTo(1);
        assertThat(count("select count(*) from ticket_condition_reports")).isEqualTo(2);
        assertThat(
                        count(
                                "select count(*) from reviews r join review_rounds rr on rr.ticket_id = r.ticket_id where rr.published_at is not null"))
                .as("both sides reviewed both completed loans")
                .isEqualTo(4);
        assertThat(count("select count(*) from listings where rating_count > 0"))
                .isEqualTo(2);
        assertThat(ledgerCheck.check().problems()).isEmpty();

        int tickets = count("select count(*) from tickets");
        loans.run(new DefaultApplicationArguments());
        assertThat(count("select count(*) from tickets"))
                .as("a restart adds nothing")
                .isEqualTo(tickets);
    }

    private Map<String, Integer> statuses() {
        return jdbc
                .sql("select status, count(*) from tickets group by status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
