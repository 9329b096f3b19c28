package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.service.PermissionMatrix.PermissionInfo;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class PermissionMatrixViewTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    private PermissionMatrixView view;

    @BeforeEach
    void adminOpensTheMatrix() {
        signIn("admin@assets.local");
        navigate("admin/permissions");
        view = _get(PermissionMatrixView.class);
    }

    @Test
    void tickingABoxGrantsThePermissionAndUntickingRevokesIt() {
        var box = box(Roles.MODERATOR, Permissions.REPORT_EXPORT);
        assertThat(box.getId()).hasValue("grant-MODERATOR-report-export");
        assertThat(box.getValue()).isFalse();

        _setValue(box, true);
        assertThat(granted(Roles.MODERATOR, Permissions.REPORT_EXPORT)).isTrue();
        expectNotifications("Saved");

        _setValue(box, false);
        assertThat(granted(Roles.MODERATOR, Permissions.REPORT_EXPORT)).isFalse();
    }

    @Test
    void adminCannotLoseRoleManageTheBoxRevertsAndTheUserIsTold() {
        var box = box(Roles.ADMIN, Permissions.ROLE_MANAGE);
        assertThat(box.getValue()).isTrue();

        // Karibu hands a listener's exception to the test; in a browser it goes to the session's error handler.
        Throwable refused = catchThrowable(() -> _setValue(box, false));
        Throwable cause = refused;
        while (cause != null && !(cause instanceof UserInputException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("cause of %s", refused).isInstanceOf(UserInputException.class);
        assertThat(((UserInputException) cause).messageKey()).isEqualTo("matrix.adminLockout");
        assertThat(box.getValue()).isTrue();
        assertThat(granted(Roles.ADMIN, Permissions.ROLE_MANAGE)).isTrue();

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(refused));
        MockVaadin.runUIQueue();
        expectNotifications("ADMIN must keep user.manage and role.manage, or nobody could repair the matrix.");
    }

    private Checkbox box(String role, String permission) {
        PermissionInfo item = GridKt._findAll(view.grid).stream()
                .filter(p -> p.code().equals(permission))
                .findFirst()
                .orElseThrow();
        return (Checkbox) cell(view.grid, 1 + Roles.ALL.indexOf(role), item);
    }

    private boolean granted(String role, String permission) {
        return jdbc.sql("select count(*) from role_permissions where role_code = ? and permission_code = ?")
                        .params(role, permission)
                        .query(Integer.class)
                        .single()
                == 1;
    }
}
