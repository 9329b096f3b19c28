package app.assets.identity.ui.view;

import static app.assets.support.TestUsers.uniqueEmail;
import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectInvalid;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.identity.security.PendingLink;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.LoginThrottle;
import app.assets.support.KaribuTest;
import app.assets.support.TestUsers;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.server.VaadinSession;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.WebAttributes;

/**
 * The password step before a provider account is linked to a staff account (the provider's part
 * is GitHubSignInTest's): the right password stores the link, a wrong one stores nothing and counts
 * as a failed sign-in; without a pending link the view only says so. Also how the login page words
 * a refused provider sign-in.
 */
class LinkAccountViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Messages messages;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
    }

    @Test
    void theStaffAccountsPasswordStoresTheLink() {
        var link = pendingStaffLink();
        navigate("link-account");
        assertThat(_get(Paragraph.class, spec -> spec.withId("link-intro")).getText())
                .startsWith(link.email() + " is a staff account");

        confirm(TestUsers.PASSWORD);

        assertThat(linkedUser(link)).isEqualTo(link.userId());
        assertThat(VaadinSession.getCurrent().getSession().getAttribute(PendingLink.SESSION_KEY))
                .isNull();
    }

    @Test
    void aWrongPasswordStoresNothingAndCountsAsAFailedSignIn() {
        var link = pendingStaffLink();
        navigate("link-account");

        confirm("not-the-password");

        _expectInvalid(
                _get(PasswordField.class, spec -> spec.withId("link-password")),
                messages.getTranslation("login.error.credentials", Languages.ENGLISH));
        assertThat(linkedUser(link)).isNull();
        assertThat(jdbc.sql("select failures from login_throttle where throttle_key = ?")
                        .param(LoginThrottle.accountKey(link.email()))
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'oauth.link' and actor = ? and outcome = 'DENIED'")
                        .param(link.email())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void withoutAPendingLinkOrAfterItExpiredThereIsNothingToConfirm() {
        navigate("link-account");
        assertThat(_get(Paragraph.class, spec -> spec.withId("link-expired")).getText())
                .isEqualTo(messages.getTranslation("link.expired", Languages.ENGLISH));
        _assertNone(PasswordField.class);

        var link = pendingStaffLink();
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(
                        PendingLink.SESSION_KEY,
                        new PendingLink(
                                link.provider(),
                                link.subject(),
                                link.userId(),
                                link.email(),
                                Instant.now().minus(PendingLink.TTL).minusSeconds(1)));
        navigate("link-account");
        _get(Paragraph.class, spec -> spec.withId("link-expired"));
        _assertNone(PasswordField.class);
    }

    @Test
    void aProviderSignInRefusedForWantOfAVerifiedEmailIsExplainedInBothLanguages() {
        for (var language : java.util.List.of(Languages.ENGLISH, Languages.PERSIAN)) {
            useLanguage(language);
            VaadinSession.getCurrent()
                    .getSession()
                    .setAttribute(
                            WebAttributes.AUTHENTICATION_EXCEPTION,
                            new OAuth2AuthenticationException(
                                    new OAuth2Error("account_not_linked", "oauth.emailUnverified", null)));
            navigate("login?error");
            var form = _get(LoginForm.class);
            assertThat(form.isError()).isTrue();
            assertThat(form.getElement().getPropertyRaw("i18n").toString())
                    .contains(messages.getTranslation("oauth.emailUnverified", language));
        }
    }

    /** A staff (SUPPORT) account with a GitHub sign-in pending in this session. */
    private PendingLink pendingStaffLink() {
        String email = uniqueEmail("link-staff");
        long userId = users.verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'SUPPORT')")
                .param(userId)
                .update();
        var link = new PendingLink("github", UUID.randomUUID().toString(), userId, email, Instant.now());
        VaadinSession.getCurrent().getSession().setAttribute(PendingLink.SESSION_KEY, link);
        return link;
    }

    private static void confirm(String password) {
        _setValue(_get(PasswordField.class, spec -> spec.withId("link-password")), password);
        _click(_get(Button.class, spec -> spec.withId("link-confirm")));
    }

    private Long linkedUser(PendingLink link) {
        return jdbc.sql("select user_id from oauth_identities where provider = ? and subject = ?")
                .params(link.provider(), link.subject())
                .query(Long.class)
                .optional()
                .orElse(null);
    }
}
