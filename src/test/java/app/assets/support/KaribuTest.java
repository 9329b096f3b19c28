package app.assets.support;

import app.assets.base.i18n.Languages;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Base of browserless UI tests: the whole application context plus a mocked Vaadin session
 * (Karibu-Testing) on which views are navigated and driven. Each test starts anonymous and in
 * English; {@link #signIn(String)} signs in as a real account (authorities loaded from the
 * database) and {@link #useLanguage(Locale)} reloads the UI in another language the way the
 * language cookie does in a browser.
 */
public abstract class KaribuTest extends IntegrationTest {

    /** Every route, layout and error view of the application, found once per JVM. */
    protected static final Routes ROUTES = new Routes().autoDiscoverViews("app.assets");

    /** The password of every demo account (see DemoAccounts). */
    protected static final String DEMO_PASSWORD = "demo-assets-2026";

    private static final String DIRECTION_KEY = "test.document.dir";

    @Autowired
    protected ApplicationContext applicationContext;

    @Autowired
    private UserDetailsService userDetailsService;

    @BeforeEach
    void setUpVaadin() {
        SecurityContextHolder.clearContext();
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, applicationContext, UI::new));
        // Runs after the application's own UI init listener: Karibu executes no JavaScript, so
        // note which direction the application queued for document.dir on each new UI.
        VaadinService.getCurrent().addUIInitListener(e -> {
            for (var invocation : e.getUI().getInternals().dumpPendingJavaScriptInvocations()) {
                if (invocation.getInvocation().getExpression().contains("document.dir")) {
                    ComponentUtil.setData(
                            e.getUI(),
                            DIRECTION_KEY,
                            String.valueOf(
                                    invocation.getInvocation().getParameters().getFirst()));
                }
            }
        });
        useLanguageCookie(Languages.ENGLISH);
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /**
     * Signs in as the account with this email, with the authorities the application itself would
     * grant (permission codes from the database), and makes the mocked request carry that user so
     * Vaadin's navigation access control sees it. Then reloads the UI, as a browser does after sign-in.
     */
    protected Authentication signIn(String email) {
        var user = userDetailsService.loadUserByUsername(email);
        var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(auth);
        var request = fakeRequest();
        request.setUserPrincipalInt(auth);
        // Authorities are permission codes without a prefix (GrantedAuthorityDefaults("")).
        request.setUserInRole((principal, role) ->
                auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role)));
        reload();
        return auth;
    }

    /** Back to an anonymous visitor; the UI is reloaded. */
    protected void signOut() {
        SecurityContextHolder.clearContext();
        var request = fakeRequest();
        request.setUserPrincipalInt(null);
        request.setUserInRole((principal, role) -> false);
        reload();
    }

    /**
     * Switches the UI to a language as a returning browser would: the language cookie is set and
     * the page reloaded, so the application's own UI setup picks locale and text direction.
     */
    protected void useLanguage(Locale locale) {
        useLanguageCookie(locale);
        reload();
    }

    /** Opens a location such as "admin/users" or "verify-email?token=abc". */
    protected void navigate(String location) {
        int query = location.indexOf('?');
        if (query < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent()
                    .navigate(location.substring(0, query), QueryParameters.fromString(location.substring(query + 1)));
        }
    }

    protected static UI ui() {
        return UI.getCurrent();
    }

    /**
     * The text direction the application's UI setup asked the browser for ("ltr" or "rtl") when
     * the current UI was created, or null before any reload.
     */
    protected static String documentDirection() {
        return ComponentUtil.getData(UI.getCurrent(), DIRECTION_KEY) instanceof String d ? d : null;
    }

    /** The component a grid's component column renders for an item (Karibu does not walk into cells). */
    protected static <T> Component cell(Grid<T> grid, int columnIndex, T item) {
        var renderer = grid.getColumns().get(columnIndex).getRenderer();
        if (!(renderer instanceof ComponentRenderer<?, ?>)) {
            throw new AssertionError("column " + columnIndex + " renders no components");
        }
        @SuppressWarnings("unchecked")
        var components = (ComponentRenderer<? extends Component, T>) renderer;
        return components.createComponent(item);
    }

    private static void reload() {
        UI.getCurrent().getPage().reload();
    }

    private static void useLanguageCookie(Locale locale) {
        var request = fakeRequest();
        var cookies = new ArrayList<Cookie>();
        if (request.getCookiesInt() != null) {
            Arrays.stream(request.getCookiesInt())
                    .filter(c -> !Languages.COOKIE.equals(c.getName()))
                    .forEach(cookies::add);
        }
        cookies.add(new Cookie(Languages.COOKIE, locale.getLanguage()));
        request.setCookiesInt(cookies.toArray(Cookie[]::new));
    }

    private static FakeRequest fakeRequest() {
        return (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
    }
}
