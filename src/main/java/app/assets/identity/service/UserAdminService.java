package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff use cases on users: search, lock and unlock, grant and revoke roles. */
@Service
@Transactional
public class UserAdminService {

    private final SessionRevocation sessions;

    /** A row of the users grid. */
    public record UserRow(
            long id,
            String email,
            String displayName,
            boolean emailVerified,
            boolean locked,
            Set<String> roles,
            Instant createdAt) {}

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    private final LoginThrottle throttle;

    public UserAdminService(
            UserRepository users, JdbcClient jdbc, AuditLog audit, SessionRevocation sessions, LoginThrottle throttle) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyAuthority('" + Permissions.USER_MANAGE + "', '" + Permissions.USER_READ + "')")
    public List<UserRow> search(String text, Pageable page) {
        return users.search(text, (int) page.getOffset(), page.getPageSize()).stream()
                .map(UserAdminService::row)
                .toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyAuthority('" + Permissions.USER_MANAGE + "', '" + Permissions.USER_READ + "')")
    public long count(String text) {
        return users.countSearch(text);
    }

    @PreAuthorize("hasAuthority('" + Permissions.USER_MANAGE + "')")
    public void setLocked(long userId, boolean locked) {
        var user = users.findById(userId).orElseThrow(() -> new UserInputException("user.notFound"));
        user.setLocked(locked);
        users.save(user);
        if (!locked) {
            throttle.clearAccount(user.getEmail());
        } else {
            sessions.endSessionsOf(userId);
        }
        audit.success(locked ? "user.lock" : "user.unlock", "user", userId, user.getEmail());
    }

    @PreAuthorize("hasAuthority('" + Permissions.USER_MANAGE + "')")
    public void grantRole(long userId, String role) {
        requireRole(role);
        var user = users.findById(userId).orElseThrow(() -> new UserInputException("user.notFound"));
        if (user.getRoles().add(role)) {
            users.save(user);
            audit.success("role.grant", "user", userId, role + " to " + user.getEmail());
        }
    }

    @PreAuthorize("hasAuthority('" + Permissions.USER_MANAGE + "')")
    public void revokeRole(long userId, String role) {
        requireRole(role);
        if (Roles.USER.equals(role)) {
            throw new UserInputException("role.userRequired");
        }
        var user = users.findById(userId).orElseThrow(() -> new UserInputException("user.notFound"));
        if (Roles.ADMIN.equals(role)
                && user.getRoles().contains(Roles.ADMIN)
                && jdbc.sql("select count(*) from user_roles where role_code = 'ADMIN'")
                                .query(Integer.class)
                                .single()
                        <= 1) {
            throw new UserInputException("role.lastAdmin");
        }
        if (user.getRoles().remove(role)) {
            users.save(user);
            sessions.endSessionsOf(userId);
            audit.success("role.revoke", "user", userId, role + " from " + user.getEmail());
        }
    }

    private static void requireRole(String role) {
        if (!Roles.ALL.contains(role)) {
            throw new UserInputException("role.unknown");
        }
    }

    private static UserRow row(User u) {
        return new UserRow(
                u.getId(),
                u.getEmail(),
                u.getDisplayName(),
                u.isEmailVerified(),
                u.isLocked(),
                Set.copyOf(u.getRoles()),
                u.getCreatedAt());
    }
}
