package app.assets.notification.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import org.junit.jupiter.api.Test;

class NotificationViewsTest extends KaribuTest {

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
