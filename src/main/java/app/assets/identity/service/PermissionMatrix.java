package app.assets.identity.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The role x permission matrix stored in the database; reading and editing it. */
@Service
@Transactional
public class PermissionMatrix {

    private final SessionRevocation sessions;

    /** A permission with its description. */
    public record PermissionInfo(String code, String description) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public PermissionMatrix(JdbcClient jdbc, AuditLog audit, SessionRevocation sessions) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAuthority('" + Permissions.ROLE_MANAGE + "')")
    public List<PermissionInfo> permissions() {
        return jdbc.sql("select code, description from permissions order by code")
                .query((rs, n) -> new PermissionInfo(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Role code to the permission codes granted to it. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAuthority('" + Permissions.ROLE_MANAGE + "')")
    public Map<String, Set<String>> grants() {
        Map<String, Set<String>> result = new TreeMap<>();
        Roles.ALL.forEach(r -> result.put(r, new TreeSet<>()));
        jdbc.sql("select role_code, permission_code from role_permissions")
                .query((rs, n) -> {
                    result.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2));
                    return null;
                })
                .list();
        return result;
    }

    /** The permissions a user holds through their roles. */
    @Transactional(readOnly = true)
    public Set<String> permissionsOf(Set<String> roles) {
        if (roles.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select distinct permission_code from role_permissions where role_code in (:roles)")
                .param("roles", roles)
                .query(String.class)
                .list());
    }

    @PreAuthorize("hasAuthority('" + Permissions.ROLE_MANAGE + "')")
    public void set(String role, String permission, boolean granted) {
        if (!Roles.ALL.contains(role) || !Permissions.ALL.contains(permission)) {
            throw new UserInputException("matrix.unknown");
        }
        if (!granted
                && Roles.ADMIN.equals(role)
                && (Permissions.ROLE_MANAGE.equals(permission) || Permissions.USER_MANAGE.equals(permission))) {
            // Without these nobody could ever repair the matrix again from the UI.
            throw new UserInputException("matrix.adminLockout");
        }
        int changed = granted
                ? jdbc.sql(
                                "insert into role_permissions (role_code, permission_code) values (?, ?) on conflict do nothing")
                        .params(role, permission)
                        .update()
                : jdbc.sql("delete from role_permissions where role_code = ? and permission_code = ?")
                        .params(role, permission)
                        .update();
        if (changed > 0) {
            // Sessions hold their permissions from sign-in: everybody with the role signs in again.
            sessions.endSessionsOfRole(role);
            audit.success(granted ? "permission.grant" : "permission.revoke", "role", role, permission);
        }
    }
}
