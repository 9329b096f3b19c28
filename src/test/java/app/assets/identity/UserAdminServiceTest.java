package app.assets.identity;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.security.Roles;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.LoginThrottle;
import app.assets.identity.service.UserAdminService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithMockUser;

@WithMockUser(username = "staff@assets.local", authorities = "user.manage")
class UserAdminServiceTest extends IntegrationTest {

    @Autowired
    UserAdminService admin;

    @Autowired
    AccountService accounts;

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    JdbcClient jdbc;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
    }

    @Test
    void lockingRefusesSignInUntilUnlockedAndBothAreAudited() {
        String email = uniqueEmail("lockable");
        long id = users.verified(email);

        admin.setLocked(id, true);
        assertThat(userDetails.loadUserByUsername(email).isAccountNonLocked()).isFalse();
        assertThat(audited("user.lock", id)).isEqualTo(1);

        admin.setLocked(id, false);
        assertThat(userDetails.loadUserByUsername(email).isAccountNonLocked()).isTrue();
        assertThat(audited("user.unlock", id)).isEqualTo(1);
    }

    @Test
    void lockingEndsRememberedSessionsAndUnlockingClearsFailedSignIns() {
        String email = uniqueEmail("remembered");
        long id = users.verified(email);
        jdbc.sql("insert into persistent_logins (username, series, token, last_used) values (?, ?, 'token', now())")
                .params(email, "series-" + id)
                .update();
        jdbc.sql(
                        "insert into login_throttle (throttle_key, failures, window_started, blocked_until) values (?, 0, now(), ?)")
                .params(
                        LoginThrottle.accountKey(email),
                        Timestamp.from(Instant.now().plusSeconds(600)))
                .update();

        admin.setLocked(id, true);
        assertThat(jdbc.sql("select count(*) from persistent_logins where username = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();

        admin.setLocked(id, false);
        assertThat(jdbc.sql("select count(*) from login_throttle where throttle_key = ?")
                        .param(LoginThrottle.accountKey(email))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void grantedAndRevokedRolesAreAuditedAndChangeTheNextSignIn() {
        String email = uniqueEmail("moderator");
        long id = users.verified(email);

        admin.grantRole(id, Roles.MODERATOR);
        assertThat(roles(id)).contains(Roles.MODERATOR);
        assertThat(authorities(email)).contains("listing.moderate");
        assertThat(audited("role.grant", id)).isEqualTo(1);

        admin.revokeRole(id, Roles.MODERATOR);
        assertThat(roles(id)).doesNotContain(Roles.MODERATOR);
        assertThat(authorities(email)).doesNotContain("listing.moderate");
        assertThat(audited("role.revoke", id)).isEqualTo(1);
    }

    @Test
    void theUserRoleCannotBeRevoked() {
        long id = users.verified(uniqueEmail("plain"));
        assertThatThrownBy(() -> admin.revokeRole(id, Roles.USER))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("role.userRequired");
        assertThat(roles(id)).contains(Roles.USER);
    }

    @Test
    void anUnknownRoleIsRefused() {
        long id = users.verified(uniqueEmail("unknown"));
        assertThatThrownBy(() -> admin.grantRole(id, "OWNER"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("role.unknown");
    }

    @Test
    void theLastAdminCannotBeRevoked() {
        List<Long> admins = jdbc.sql("select user_id from user_roles where role_code = 'ADMIN' order by user_id")
                .query(Long.class)
                .list();
        List<Long> revoked = new ArrayList<>();
        try {
            for (Long other : admins.subList(0, admins.size() - 1)) {
                admin.revokeRole(other, Roles.ADMIN);
                revoked.add(other);
            }
            long last = admins.getLast();

            assertThatThrownBy(() -> admin.revokeRole(last, Roles.ADMIN))
                    .isInstanceOf(UserInputException.class)
                    .extracting(e -> ((UserInputException) e).messageKey())
                    .isEqualTo("role.lastAdmin");
            assertThat(roles(last)).contains(Roles.ADMIN);
        } finally {
            revoked.forEach(id -> admin.grantRole(id, Roles.ADMIN));
        }
    }

    @Test
    @WithMockUser(username = "support@assets.local", authorities = "user.read")
    void changesNeedUserManage() {
        long id = jdbc.sql("select id from users where email = 'lender@assets.local'")
                .query(Long.class)
                .single();

        assertThatThrownBy(() -> admin.setLocked(id, true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.grantRole(id, Roles.ADMIN)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.revokeRole(id, Roles.USER)).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql("select locked from users where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(roles(id)).containsExactly(Roles.USER);
        // Reading is what user.read allows.
        assertThat(admin.search("lender@assets.local", PageRequest.of(0, 10))).hasSize(1);
    }

    @Test
    @WithMockUser(username = "nobody@assets.local", authorities = "audit.read")
    void searchingNeedsUserReadOrUserManage() {
        assertThatThrownBy(() -> admin.search("", PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> admin.count("")).isInstanceOf(AccessDeniedException.class);
    }

    private List<String> roles(long id) {
        return jdbc.sql("select role_code from user_roles where user_id = ?")
                .param(id)
                .query(String.class)
                .list();
    }

    private List<String> authorities(String email) {
        return userDetails.loadUserByUsername(email).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }

    private int audited(String action, long userId) {
        return jdbc.sql(
                        "select count(*) from audit_log where action = ? and entity_id = ? and actor = 'staff@assets.local' and outcome = 'SUCCESS'")
                .params(action, String.valueOf(userId))
                .query(Integer.class)
                .single();
    }
}
