package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.service.AccountService;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.html.Paragraph;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class VerifyEmailViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMadeUpTokenIsRefused() {
        navigate("verify-email?token=not-a-real-token");
        assertThat(result()).isEqualTo("This link is not valid. Check that you copied all of it.");
    }

    @Test
    void theEmailedLinkVerifiesTheAccountOnce() {
        String email = "verify.flow@example.com";
        long id = accounts.signUp(
                new AccountService.SignUp(email, "a-long-unusual-passphrase", "Verify Flow", null, Locale.ENGLISH));
        String link = TokenLinks.latestLink(jdbc, email, "verify-email");

        navigate(link);
        assertThat(result()).isEqualTo("Your email is verified. You can sign in now.");
        assertThat(jdbc.sql("select email_verified from users where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        navigate("login");
        navigate(link);
        assertThat(result()).isEqualTo("This link was already used.");
    }

    private static String result() {
        return _get(Paragraph.class, spec -> spec.withId("verify-result")).getText();
    }
}
