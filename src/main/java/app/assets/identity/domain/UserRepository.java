package app.assets.identity.domain;

import app.assets.base.infra.LikePattern;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users by id, email (case-insensitive) and free-text search, with their roles, through JdbcClient
 * like every other table (no JPA: see docs/architecture.md, "One persistence approach"). A user
 * is written only by {@link #save}: changes to a {@link User} are not written on their own.
 * Saving a changed user raises its version, and fails with {@link
 * OptimisticLockingFailureException} if the row's version moved since it was read.
 */
@Repository
public class UserRepository {

    private static final String SELECT = """
            select u.id, u.version, u.created_at, u.email, u.password_hash, u.display_name, u.phone_encrypted,
                   u.language, u.email_verified, u.locked,
                   array(select r.role_code from user_roles r where r.user_id = u.id) as roles
            from users u""";
    private static final String SEARCH = " where lower(u.email) like ? or lower(u.display_name) like ?";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(long id) {
        return jdbc.sql(SELECT + " where u.id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql(SELECT + " where lower(u.email) = lower(?)")
                .param(email)
                .query(UserRepository::map)
                .optional();
    }

    /** Several users in one query; ids not found are left out. */
    public List<User> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where u.id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query(UserRepository::map)
                .list();
    }

    public List<User> findAll() {
        return jdbc.sql(SELECT + " order by u.id").query(UserRepository::map).list();
    }

    /** Users whose email or name contains the text (any case, taken literally), by email. */
    public List<User> search(String text, int offset, int limit) {
        String pattern = LikePattern.containing(text);
        return jdbc.sql(SELECT + SEARCH + " order by u.email, u.id limit ? offset ?")
                .params(pattern, pattern, limit, offset)
                .query(UserRepository::map)
                .list();
    }

    public long countSearch(String text) {
        String pattern = LikePattern.containing(text);
        return jdbc.sql("select count(*) from users u" + SEARCH)
                .params(pattern, pattern)
                .query(Long.class)
                .single();
    }

    /**
     * Inserts a new user (giving it its id) or writes a read one's changes and roles, raising its
     * version; an unchanged user is not written.
     */
    public User save(User user) {
        var state = user.state();
        if (user.getId() == null) {
            long id = jdbc.sql("""
                            insert into users (email, password_hash, display_name, phone_encrypted, language,
                                               email_verified, locked, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            state.email(),
                            state.passwordHash(),
                            state.displayName(),
                            state.phoneEncrypted(),
                            state.language(),
                            state.emailVerified(),
                            state.locked(),
                            Timestamp.from(user.getCreatedAt()))
                    .query(Long.class)
                    .single();
            writeRoles(id, state.roles(), Set.of());
            user.saved(id, 0, state);
            return user;
        }
        if (state.equals(user.saved())) {
            return user;
        }
        int updated = jdbc.sql("""
                        update users set email = ?, password_hash = ?, display_name = ?, phone_encrypted = ?,
                                         language = ?, email_verified = ?, locked = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        state.email(),
                        state.passwordHash(),
                        state.displayName(),
                        state.phoneEncrypted(),
                        state.language(),
                        state.emailVerified(),
                        state.locked(),
                        user.getId(),
                        user.getVersion())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("user " + user.getId() + " changed since it was read");
        }
        var before = user.saved() == null ? Set.<String>of() : user.saved().roles();
        writeRoles(user.getId(), state.roles(), before);
        user.saved(user.getId(), user.getVersion() + 1, state);
        return user;
    }

    private void writeRoles(long userId, Set<String> roles, Set<String> before) {
        if (roles.equals(before)) {
            return;
        }
        jdbc.sql("delete from user_roles where user_id = ? and not (role_code = any(?))")
                .params(userId, roles.toArray(String[]::new))
                .update();
        jdbc.sql("insert into user_roles (user_id, role_code) select ?, unnest(?::varchar[]) on conflict do nothing")
                .params(userId, roles.toArray(String[]::new))
                .update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                new User.State(
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        rs.getString("display_name"),
                        rs.getString("phone_encrypted"),
                        rs.getString("language"),
                        rs.getBoolean("email_verified"),
                        rs.getBoolean("locked"),
                        roles(rs.getArray("roles"))));
    }

    private static Set<String> roles(Array array) throws SQLException {
        return array == null
                ? Set.of()
                : Set.copyOf(Arrays.stream((Object[]) array.getArray())
                        .map(Objects::toString)
                        .toList());
    }
}
