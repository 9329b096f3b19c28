package app.assets.notification.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.notification.service.TemplateService;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

class NotificationViewsTest extends KaribuTest {

    @Autowired
    TemplateService templates;

    @Value("${assets.identity.base-url}")
    String baseUrl;

    @Test
    void aTemplateNamingAnUnknownVariableShowsWhyAndCannotBeSaved() {
        signIn("admin@assets.local");
        navigate("admin/notification-templates");
        var view = _get(TemplatesView.class);
        var template = GridKt._get(view.grid, 0);
        view.grid.select(template);
        assertThat(view.preview.getText()).contains("Sara Ahmadi");

        _setValue(view.body, "Hello {name}, your {secret} is ready");
        assertThat(view.problem.getText()).contains("secret");
        assertThat(view.save.isEnabled()).isFalse();

        _setValue(view.body, "Hello {name}!");
        assertThat(view.preview.getText()).contains("Hello Sara Ahmadi!");
        assertThat(view.save.isEnabled()).isTrue();
    }

    @Test
    void aTemplateLinkingToAnotherHostIsRefusedInBothLanguages() {
        signIn("admin@assets.local");
        navigate("admin/notification-templates");
        var view = _get(TemplatesView.class);
        var template = GridKt._get(view.grid, 0);
        view.grid.select(template);

        _setValue(view.body, "Hello {name}, <a href=\"https://evil.example/login\">sign in</a>");
        assertThat(view.problem.getText()).contains("evil.example").contains("Links may only lead to");
        assertThat(view.save.isEnabled()).isFalse();
        view.save();
        assertThat(templates.list().stream()
                        .filter(t -> t.event() == template.event()
                                && t.channel() == template.channel()
                                && t.language().equals(template.language()))
                        .findFirst()
                        .orElseThrow()
                        .body())
                .doesNotContain("evil.example");

        _setValue(view.body, "Hello {name}, see www.evil.example or evil.example/reset now");
        assertThat(view.problem.getText()).contains("www.evil.example", "evil.example");

        _setValue(view.body, "Hello {name}, open {link} or https://user@evil.example/x");
        assertThat(view.problem.getText()).contains("evil.example");

        _setValue(view.body, "Hello {name}, open {link}; support@example.org answers. " + baseUrl + "/wallet");
        assertThat(view.problem.getText()).isEmpty();
        assertThat(view.save.isEnabled()).isTrue();

        useLanguage(java.util.Locale.forLanguageTag("fa"));
        navigate("admin/notification-templates");
        var persian = _get(TemplatesView.class);
        persian.grid.select(GridKt._get(persian.grid, 0));
        _setValue(persian.body, "سلام {name}، https://evil.example");
        assertThat(persian.problem.getText()).contains("پیوندها فقط می‌توانند", "evil.example");
    }

    @Test
    void withoutAPhoneSmsAndWhatsAppCannotBeChosen() {
        signIn("borrower@assets.local");
        navigate("notification-settings");
        var view = _get(PreferencesView.class);
        var money = view.boxes.get(app.assets.notification.domain.Category.MONEY);
        assertThat(money.get(app.assets.notification.domain.Channel.EMAIL).getValue())
                .isTrue();
        assertThat(money.get(app.assets.notification.domain.Channel.WHATSAPP).isEnabled())
                .isFalse();
    }
}
