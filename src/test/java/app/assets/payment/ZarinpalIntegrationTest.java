package app.assets.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.payment.domain.Payment;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.PaymentReconciliation;
import app.assets.payment.service.PaymentSettlement;
import app.assets.payment.service.TopUps;
import app.assets.support.IntegrationTest;
import app.assets.support.ZarinpalStub;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment tests' shared set-up: WireMock standing in for Zarinpal (sandbox mode, the real v4
 * wire format, a 2 s read timeout, no grace period, no scheduled runs), users, helpers, and the
 * checks after every test: the ledger check passes, no payment is credited more than once, and
 * every refund either holds the amount (pending) or took it out of the wallet (refunded).
 */
abstract class ZarinpalIntegrationTest extends IntegrationTest {

    static final ZarinpalStub ZARINPAL = ZarinpalStub.started();
    static final String MERCHANT = ZarinpalStub.MERCHANT;
    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String ADMIN = "admin@assets.local";
    static final AtomicInteger AUTHORITIES = new AtomicInteger();

    static {
        // Shared by every subclass (one Spring context knows its address), so stopped only with the JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(ZARINPAL::stop));
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        ZARINPAL.register(registry);
        registry.add("assets.payment.read-timeout", () -> "2s");
        registry.add("assets.payment.grace-period", () -> "0s");
        registry.add("assets.payment.pending-cron", () -> "-");
        registry.add("assets.payment.daily-cron", () -> "-");
    }

    @Autowired
    PaymentQueries payments;

    @Autowired
    TopUps topUps;

    @Autowired
    PaymentSettlement settlement;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApplicationContext context;

    String authority;

    @BeforeEach
    void freshGateway() {
        ZARINPAL.resetAll();
        authority = "A" + "0".repeat(30) + String.format("%05d", AUTHORITIES.incrementAndGet());
        ZARINPAL.requestGives(authority, 1000);
        signIn(LENDER);
    }

    @AfterEach
    void ledgerStaysConsistentAndNothingIsCreditedTwice() {
        SecurityContextHolder.clearContext();
        var check = ledgerCheck.check();
        assertThat(check.problems()).isEmpty();
        assertThat(check.ok()).isTrue();
        int topUps = jdbc.sql("select count(*) from ledger_transactions where type = 'TOP_UP'")
                .query(Integer.class)
                .single();
        int credited = jdbc.sql(
                        "select count(*) from payments where status in ('VERIFIED', 'REFUND_PENDING', 'REFUNDED')")
                .query(Integer.class)
                .single();
        assertThat(topUps).as("one TOP_UP per credited payment").isEqualTo(credited);
        int doubles = jdbc.sql("""
                select count(*) from ledger_transactions t where t.type = 'TOP_UP' and not exists
                (select 1 from payments p where 'topup:' || p.id = t.idempotency_key and p.ledger_transaction_id = t.id)""").query(Integer.class).single();
        assertThat(doubles).isZero();
        int strayHolds = jdbc.sql("""
                select count(*) from ledger_holds h where h.purpose = 'refund' and h.status = 'ACTIVE' and not exists
                (select 1 from payments p where p.refund_hold_id = h.id and p.status = 'REFUND_PENDING')""").query(Integer.class).single();
        assertThat(strayHolds)
                .as("an active refund hold belongs to a pending refund")
                .isZero();
        int refundedWithoutDebit = jdbc.sql("""
                select count(*) from payments p where p.status = 'REFUNDED' and not exists
                (select 1 from ledger_transactions t where t.idempotency_key = 'refund:' || p.id)""").query(Integer.class).single();
        assertThat(refundedWithoutDebit)
                .as("a refunded payment left the wallet")
                .isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    int mismatchAlerts() {
        return jdbc.sql(
                        "select count(*) from notifications where event = 'RECONCILIATION_MISMATCH' and recipient = 'admin@assets.local'")
                .query(Integer.class)
                .single();
    }

    void signIn(String email) {
        var user = users.loadUserByUsername(email);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    long walletOf(String email) {
        long id = jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        return ledger.balance(ledger.walletOf(id)).available();
    }

    /** Starts a top-up as the signed-in user and returns the callback state Zarinpal was given. */
    String start(long amount) {
        String startPay = topUps.startTopUp(amount, TopUpPurpose.WALLET_TOP_UP, null);
        assertThat(startPay).isEqualTo(ZARINPAL.baseUrl() + "/pg/StartPay/" + authority);
        var body = ZARINPAL.lastRequest();
        assertThat(body.path("merchant_id").asString()).isEqualTo(MERCHANT);
        assertThat(body.path("amount").asLong()).isEqualTo(amount);
        assertThat(body.path("metadata").path("email").asString()).isNotBlank();
        String callback = body.path("callback_url").asString();
        assertThat(callback).startsWith("http://localhost:8080/payment/callback?state=");
        return ZarinpalStub.stateIn(callback);
    }

    long paymentId() {
        return jdbc.sql("select id from payments where authority = ?")
                .param(authority)
                .query(Long.class)
                .single();
    }

    Payment payment() {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        signIn(ADMIN);
        try {
            return payments.payments(PaymentQueries.Filter.NONE, 0, 1000).stream()
                    .filter(p -> authority.equals(p.authority()))
                    .findFirst()
                    .orElseThrow();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    void verifyAnswers(String body) {
        ZARINPAL.verifyAnswersFor(authority, body);
    }

    int verifyCalls() {
        return ZARINPAL.verifyCalls();
    }
}
