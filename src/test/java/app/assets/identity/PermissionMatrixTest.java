package app.assets.identity;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.PermissionMatrix;
import app.assets.identity.service.UserAdminService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(
        username = "admin@assets.local",
        authorities = {"role.manage", "user.manage"})
class PermissionMatrixTest extends IntegrationTest {

    @Autowired
    PermissionMatrix matrix;

    @Autowired
    UserAdminService admin;

    @Autowired
    AccountService accounts;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aGrantTakesEffectAtTheNextSignIn() {
        String email = uniqueEmail("support");
        long id = new TestUsers(accounts, jdbc).verified(email);
        admin.grantRole(id, Roles.SUPPORT);
        UserDetails signedInBefore = userDetails.loadUserByUsername(email);
        try {
            matrix.set(Roles.SUPPORT, Permissions.MAILBOX_READ, true);

            assertThat(authorities(userDetails.loadUserByUsername(email))).contains(Permissions.MAILBOX_READ);
            assertThat(authorities(signedInBefore)).doesNotContain(Permissions.MAILBOX_READ);
            assertThat(matrix.grants().get(Roles.SUPPORT)).contains(Permissions.MAILBOX_READ);
            assertThat(jdbc.sql(
                                    "select count(*) from audit_log where action = 'permission.grant' and entity_id = ? and details = ?")
                            .params(Roles.SUPPORT, Permissions.MAILBOX_READ)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            matrix.set(Roles.SUPPORT, Permissions.MAILBOX_READ, false);
        }
        assertThat(authorities(userDetails.loadUserByUsername(email)))
                .doesNotContain(Permissions.MAILBOX_READ)
                .contains(Permissions.TICKET_READ_ANY);
    }

    @Test
    void adminKeepsTheRightToRepairTheMatrixAndManageUsers() {
        for (String permission : List.of(Permissions.ROLE_MANAGE, Permissions.USER_MANAGE)) {
            assertThatThrownBy(() -> matrix.set(Roles.ADMIN, permission, false))
                    .isInstanceOf(UserInputException.class)
                    .extracting(e -> ((UserInputException) e).messageKey())
                    .isEqualTo("matrix.adminLockout");
            assertThat(matrix.grants().get(Roles.ADMIN)).contains(permission);
        }
    }

    @Test
    void unknownRolesAndPermissionsAreRefused() {
        assertThatThrownBy(() -> matrix.set("OWNER", Permissions.AUDIT_READ, true))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("matrix.unknown");
        assertThatThrownBy(() -> matrix.set(Roles.USER, "everything", true))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("matrix.unknown");
    }

    @Test
    void everyPermissionIsListedWithADescription() {
        assertThat(matrix.permissions())
                .extracting(PermissionMatrix.PermissionInfo::code)
                .containsExactlyInAnyOrderElementsOf(Permissions.ALL);
        assertThat(matrix.permissions())
                .allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    @WithMockUser(username = "staff@assets.local", authorities = "user.manage")
    void readingAndEditingTheMatrixNeedRoleManage() {
        assertThatThrownBy(() -> matrix.set(Roles.USER, Permissions.AUDIT_READ, true))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> matrix.grants()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> matrix.permissions()).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql(
                                "select count(*) from role_permissions where role_code = 'USER' and permission_code = 'audit.read'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static List<String> authorities(UserDetails user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
