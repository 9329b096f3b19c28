package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.ui.view.AccessDeniedView;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.UserAdminService.UserRow;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class UsersViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminFindsAUserAndLocksThem() {
        String email = "users.lockme@example.com";
        long id = accounts.signUp(
                new AccountService.SignUp(email, "a-long-unusual-passphrase", "Lock Me", null, Locale.ENGLISH));
        signIn("admin@assets.local");
        navigate("admin/users");
        var view = _get(UsersView.class);
        assertThat(GridKt._size(view.grid)).isGreaterThanOrEqualTo(7);

        _setValue(view.search, "lockme");
        assertThat(GridKt._size(view.grid)).isOne();
        UserRow row = GridKt._get(view.grid, 0);
        assertThat(row.email()).isEqualTo(email);
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains("Not verified");

        var actions = (HorizontalLayout) cell(view.grid, view.grid.getColumns().size() - 1, row);
        var lock = (Button) actions.getComponentAt(0);
        assertThat(lock.getText()).isEqualTo("Lock");
        _click(lock);

        assertThat(jdbc.sql("select locked from users where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains("Locked");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'user.lock' and entity_id = ? and actor = 'admin@assets.local'")
                        .param(String.valueOf(id))
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void supportSeesUsersButCannotLockOrChangeRoles() {
        signIn("support@assets.local");
        navigate("admin/users");
        var view = _get(UsersView.class);
        _setValue(view.search, "borrower@assets.local");
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(view.grid.getColumns()).noneMatch(c -> c.getRenderer() instanceof ComponentRenderer<?, ?>);
        assertThat(view.grid.getColumns()).hasSize(5);
    }

    @Test
    void auditorCannotOpenTheUsersView() {
        signIn("auditor@assets.local");
        navigate("admin/users");
        assertThat(NavigatorKt.getCurrentView()).isEqualTo(AccessDeniedView.class);
    }
}
