package app.assets;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.audit.ui.view.AuditLogView;
import app.assets.base.ui.view.AccessDeniedView;
import app.assets.base.ui.view.NotFoundView;
import app.assets.identity.ui.view.ForgotPasswordView;
import app.assets.identity.ui.view.KeyRotationView;
import app.assets.identity.ui.view.LinkAccountView;
import app.assets.identity.ui.view.LoginView;
import app.assets.identity.ui.view.PermissionMatrixView;
import app.assets.identity.ui.view.ProfileView;
import app.assets.identity.ui.view.ResetPasswordView;
import app.assets.identity.ui.view.SignupView;
import app.assets.identity.ui.view.UsersView;
import app.assets.identity.ui.view.VerifyEmailView;
import app.assets.ledger.ui.view.LedgerCheckView;
import app.assets.listing.ui.view.ListingDetailView;
import app.assets.listing.ui.view.ListingFormView;
import app.assets.listing.ui.view.ListingsView;
import app.assets.listing.ui.view.ModerationView;
import app.assets.listing.ui.view.MyListingsView;
import app.assets.notification.ui.view.BroadcastsView;
import app.assets.notification.ui.view.MailboxView;
import app.assets.notification.ui.view.NotificationsView;
import app.assets.notification.ui.view.PreferencesView;
import app.assets.notification.ui.view.TemplatesView;
import app.assets.payment.ui.view.PaymentResultView;
import app.assets.payment.ui.view.PaymentsView;
import app.assets.payment.ui.view.TopUpView;
import app.assets.report.ui.view.AdminDashboardView;
import app.assets.report.ui.view.DashboardView;
import app.assets.report.ui.view.ReportsView;
import app.assets.review.ui.view.PublicProfileView;
import app.assets.review.ui.view.ReviewModerationView;
import app.assets.review.ui.view.ReviewsToWriteView;
import app.assets.review.ui.view.TicketReviewView;
import app.assets.support.KaribuTest;
import app.assets.ticket.ui.view.ClaimsView;
import app.assets.ticket.ui.view.TicketDetailView;
import app.assets.ticket.ui.view.TicketsView;
import app.assets.wallet.ui.view.AdjustmentsView;
import app.assets.wallet.ui.view.WalletView;
import app.assets.wallet.ui.view.WalletsView;
import app.assets.wallet.ui.view.WithdrawalsView;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may open which view. The matrix below is the specification: a route path, its view, and
 * the demo accounts that may open it ({@link #ANONYMOUS} for a visitor who is not signed in).
 * Anonymous visitors are sent to sign-in for anything else; signed-in users get the "page not
 * found" page for views they may not open, so those views do not reveal that they exist.
 */
class RouteAccessTest extends KaribuTest {

    static final String ANONYMOUS = "anonymous";
    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String MODERATOR = "moderator@assets.local";
    static final String SUPPORT = "support@assets.local";
    static final String AUDITOR = "auditor@assets.local";
    static final String ADMIN = "admin@assets.local";

    static final Set<String> SIGNED_IN = Set.of(LENDER, BORROWER, MODERATOR, SUPPORT, AUDITOR, ADMIN);
    static final Set<String> EVERYONE = union(SIGNED_IN, Set.of(ANONYMOUS));

    record Access(Class<? extends Component> view, Set<String> allowed, Class<? extends Component> refusal) {
        Access(Class<? extends Component> view, Set<String> allowed) {
            this(view, allowed, AccessDeniedView.class);
        }
    }

    /**
     * Routes with parameters are opened at an example address; {id} is a listing the lender owns,
     * {ticket} the borrower's ticket on it.
     */
    static final Map<String, String> EXAMPLES = Map.of(
            "listings/:id(\\d+)", "listings/{id}",
            "listings/:id(\\d+)/edit", "listings/{id}/edit",
            "tickets/:id(\\d+)", "tickets/{ticket}",
            "tickets/:id(\\d+)/review", "tickets/{ticket}/review",
            "people/:id(\\d+)", "people/{lender}");

    /** Route path to its view and who may open it. Every discovered route must appear here. */
    static final Map<String, Access> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("", new Access(DashboardView.class, SIGNED_IN));
        MATRIX.put("dashboard", new Access(DashboardView.class, SIGNED_IN));
        MATRIX.put("profile", new Access(ProfileView.class, SIGNED_IN));
        MATRIX.put("login", new Access(LoginView.class, EVERYONE));
        MATRIX.put("signup", new Access(SignupView.class, EVERYONE));
        MATRIX.put("verify-email", new Access(VerifyEmailView.class, EVERYONE));
        MATRIX.put("forgot-password", new Access(ForgotPasswordView.class, EVERYONE));
        MATRIX.put("reset-password", new Access(ResetPasswordView.class, EVERYONE));
        // Anyone may open it; it acts only on a provider sign-in pending in the visitor's own session.
        MATRIX.put("link-account", new Access(LinkAccountView.class, EVERYONE));
        MATRIX.put("admin/users", new Access(UsersView.class, Set.of(ADMIN, SUPPORT)));
        MATRIX.put("admin/permissions", new Access(PermissionMatrixView.class, Set.of(ADMIN)));
        MATRIX.put("admin/encryption", new Access(KeyRotationView.class, Set.of(ADMIN)));
        MATRIX.put("admin/audit", new Access(AuditLogView.class, Set.of(ADMIN, AUDITOR)));
        MATRIX.put("admin/mailbox", new Access(MailboxView.class, Set.of(ADMIN)));
        MATRIX.put("wallet", new Access(WalletView.class, SIGNED_IN));
        MATRIX.put("admin/withdrawals", new Access(WithdrawalsView.class, Set.of(ADMIN)));
        MATRIX.put("admin/wallets", new Access(WalletsView.class, Set.of(ADMIN, AUDITOR)));
        MATRIX.put("admin/adjustments", new Access(AdjustmentsView.class, Set.of(ADMIN)));
        MATRIX.put("admin/ledger", new Access(LedgerCheckView.class, Set.of(ADMIN, AUDITOR)));
        MATRIX.put("listings", new Access(ListingsView.class, SIGNED_IN));
        MATRIX.put("listings/new", new Access(ListingFormView.class, SIGNED_IN));
        MATRIX.put("listings/:id(\\d+)", new Access(ListingDetailView.class, SIGNED_IN));
        // Only the owner edits a listing; to anyone else it does not exist.
        MATRIX.put("listings/:id(\\d+)/edit", new Access(ListingFormView.class, Set.of(LENDER), NotFoundView.class));
        MATRIX.put("my-listings", new Access(MyListingsView.class, SIGNED_IN));
        MATRIX.put("admin/moderation", new Access(ModerationView.class, Set.of(ADMIN, MODERATOR)));
        MATRIX.put("tickets", new Access(TicketsView.class, SIGNED_IN));
        // A ticket exists for its two sides and for ticket.read.any holders; to anyone else it does not.
        MATRIX.put(
                "tickets/:id(\\d+)",
                new Access(TicketDetailView.class, Set.of(LENDER, BORROWER, SUPPORT, ADMIN), NotFoundView.class));
    }

    @Autowired
    JdbcClient jdbc;

    long listingId;
    long ticketId;
    long lenderId;

    @BeforeEach
    void anApprovedListingOfTheLender() {
        lenderId = jdbc.sql("select id from users where email = ?")
                .param(LENDER)
                .query(Long.class)
                .single();
        listingId = jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                select id, 'Route test listing', 'OTHER', 1000, 'APPROVED' from users where email = ? returning id""").param(LENDER).query(Long.class).single();
        ticketId = jdbc.sql("""
                insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price)
                select gen_random_uuid()::text, ?, 'Route test listing', b.id, l.id, 1, 1000
                from users b, users l where b.email = ? and l.email = ? returning id""")
                .params(listingId, BORROWER, LENDER)
                .query(Long.class)
                .single();
    }

    String address(String path) {
        return EXAMPLES.getOrDefault(path, path)
                .replace("{id}", String.valueOf(listingId))
                .replace("{ticket}", String.valueOf(ticketId))
                .replace("{lender}", String.valueOf(lenderId));
    }

    // ---- payments (issue 4) ----
    static {
        MATRIX.put("wallet/top-up", new Access(TopUpView.class, SIGNED_IN));
        MATRIX.put("payment/result", new Access(PaymentResultView.class, SIGNED_IN));
        MATRIX.put("admin/payments", new Access(PaymentsView.class, Set.of(ADMIN, AUDITOR)));
        // notifications (issue 5)
        MATRIX.put("admin/notifications", new Access(NotificationsView.class, Set.of(ADMIN)));
        MATRIX.put("admin/notification-templates", new Access(TemplatesView.class, Set.of(ADMIN)));
        MATRIX.put("admin/broadcasts", new Access(BroadcastsView.class, Set.of(ADMIN)));
        MATRIX.put("notification-settings", new Access(PreferencesView.class, SIGNED_IN));
        // reports (issue 7): everyone, each sees their own rows unless report.read.all
        MATRIX.put("reports", new Access(ReportsView.class, SIGNED_IN));
        // dashboards and reports (issue 7)
        MATRIX.put("admin", new Access(AdminDashboardView.class, Set.of(ADMIN, AUDITOR)));
        // reviews and public profiles (issue 15): a ticket's review page exists for its two sides only
        MATRIX.put(
                "tickets/:id(\\d+)/review",
                new Access(TicketReviewView.class, Set.of(LENDER, BORROWER), NotFoundView.class));
        MATRIX.put("people/:id(\\d+)", new Access(PublicProfileView.class, SIGNED_IN));
        MATRIX.put("reviews", new Access(ReviewsToWriteView.class, SIGNED_IN));
        MATRIX.put("admin/review-reports", new Access(ReviewModerationView.class, Set.of(ADMIN, MODERATOR)));
        // deposits and damage claims (issue 15): SUPPORT decides disputed claims
        MATRIX.put("admin/claims", new Access(ClaimsView.class, Set.of(ADMIN, SUPPORT)));
    }

    /** The side navigation each signed-in account sees, by item label (English). */
    static final Map<String, List<String>> MENU = Map.of(
            LENDER,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Notification settings",
                            "Profile"),
            BORROWER,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Notification settings",
                            "Profile"),
            MODERATOR,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Moderation",
                            "Reported reviews",
                            "Notification settings",
                            "Profile"),
            SUPPORT,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Damage claims",
                            "Users",
                            "Notification settings",
                            "Profile"),
            AUDITOR,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Admin dashboard",
                            "Wallets",
                            "Ledger check",
                            "Payments",
                            "Audit log",
                            "Notification settings",
                            "Profile"),
            ADMIN,
                    List.of(
                            "Dashboard",
                            "Listings",
                            "My listings",
                            "Tickets",
                            "Reviews",
                            "Wallet",
                            "Top up",
                            "Reports",
                            "Admin dashboard",
                            "Moderation",
                            "Reported reviews",
                            "Damage claims",
                            "Withdrawals",
                            "Wallets",
                            "Adjustments to approve",
                            "Ledger check",
                            "Payments",
                            "Users",
                            "Permissions",
                            "Encryption keys",
                            "Audit log",
                            "Captured email",
                            "Notifications",
                            "Templates",
                            "Broadcasts",
                            "Notification settings",
                            "Profile"));

    @Test
    void everyRouteCarriesAnAccessAnnotation() {
        var unannotated = new ArrayList<String>();
        Stream.concat(ROUTES.getRoutes().stream(), layouts().stream())
                .filter(c -> c.getPackageName().startsWith("app.assets"))
                .filter(c -> accessAnnotations(c).isEmpty())
                .forEach(c -> unannotated.add(c.getName()));
        assertThat(unannotated)
                .as("routes and layouts without an access annotation")
                .isEmpty();
        ROUTES.getRoutes().stream()
                .filter(c -> c.getPackageName().startsWith("app.assets"))
                .forEach(c -> assertThat(accessAnnotations(c))
                        .as("access annotations on " + c.getName())
                        .hasSize(1));
    }

    @Test
    void theMatrixNamesEveryRouteTheApplicationHas() {
        Set<String> discovered = ROUTES.getRoutes().stream()
                .filter(c -> c.isAnnotationPresent(Route.class))
                .flatMap(c -> templates(c).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(discovered).isEqualTo(new TreeSet<>(MATRIX.keySet()));
        MATRIX.forEach((path, access) -> assertThat(NavigatorKt.resolveRoute(address(path)))
                .as("view of /" + path)
                .isEqualTo(access.view()));
    }

    @Test
    void anonymousVisitorsOpenOnlyPublicViewsAndAreSentToSignInForTheRest() {
        MATRIX.forEach((path, access) -> {
            navigate(address(path));
            Class<?> expected = access.allowed().contains(ANONYMOUS) ? access.view() : LoginView.class;
            assertThat(NavigatorKt.getCurrentView()).as("anonymous at /" + path).isEqualTo(expected);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {LENDER, BORROWER, MODERATOR, SUPPORT, AUDITOR, ADMIN})
    void signedInUsersOpenExactlyTheViewsTheirPermissionsAllow(String email) {
        signIn(email);
        MATRIX.forEach((path, access) -> {
            navigate(address(path));
            Class<?> expected;
            if (!access.allowed().contains(email)) {
                expected = access.refusal();
            } else if (access.view() == LoginView.class) {
                expected = DashboardView.class; // a signed-in user has no business on the sign-in page
            } else {
                expected = access.view();
            }
            assertThat(NavigatorKt.getCurrentView()).as(email + " at /" + path).isEqualTo(expected);
            if (expected == AccessDeniedView.class || expected == NotFoundView.class) {
                // the same page as an unknown address, so a hidden view does not reveal it exists
                assertThat(_get(H2.class, spec -> spec.withId("not-found")).getText())
                        .isEqualTo("Page not found");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {LENDER, BORROWER, MODERATOR, SUPPORT, AUDITOR, ADMIN})
    void theSideNavigationListsExactlyThePermittedViews(String email) {
        signIn(email);
        navigate("");
        var nav = _get(SideNav.class, spec -> spec.withId("main-nav"));
        var labels = nav.getItems().stream().map(SideNavItem::getLabel).toList();
        assertThat(labels).isEqualTo(MENU.get(email));
        var paths = nav.getItems().stream()
                .map(SideNavItem::getPath)
                .map(p -> p == null ? "" : p)
                .toList();
        assertThat(paths)
                .allSatisfy(p -> assertThat(MATRIX.get(p).allowed())
                        .as("menu path /" + p)
                        .contains(email));
    }

    /** The route template of a view and those of its aliases. */
    private static List<String> templates(Class<? extends Component> view) {
        var result = new ArrayList<String>();
        result.add(view.getAnnotation(Route.class).value());
        for (var alias : view.getAnnotationsByType(com.vaadin.flow.router.RouteAlias.class)) {
            result.add(alias.value());
        }
        return result;
    }

    private static List<Class<?>> layouts() {
        var result = new ArrayList<Class<?>>();
        for (Class<?> route : ROUTES.getRoutes()) {
            var annotation = route.getAnnotation(Route.class);
            if (annotation != null && annotation.layout() != com.vaadin.flow.component.UI.class) {
                result.add(annotation.layout());
            }
        }
        result.add(app.assets.base.ui.view.MainLayout.class);
        assertThat(app.assets.base.ui.view.MainLayout.class.isAnnotationPresent(Layout.class))
                .isTrue();
        return result;
    }

    private static List<Annotation> accessAnnotations(Class<?> type) {
        return Stream.of(AnonymousAllowed.class, PermitAll.class, RolesAllowed.class, DenyAll.class)
                .<Annotation>map(type::getAnnotation)
                .filter(a -> a != null)
                .toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
