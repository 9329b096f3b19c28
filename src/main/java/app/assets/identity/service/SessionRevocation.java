package app.assets.identity.service;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends sessions when rights end. Each user has a session epoch; a session keeps the epoch its user
 * had when it signed in ({@link #stamp}), and {@code SessionEpochFilter} ends any session whose
 * epoch is behind on its next request. Raising the epoch also deletes the user's remember-me
 * tokens, so no cookie signs them back in with the old rights.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class SessionRevocation {

    /** The session attribute holding the epoch the session was signed in with. */
    public static final String SESSION_EPOCH = "assets.session-epoch";

    private final JdbcClient jdbc;

    public SessionRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Ends every session and remember-me token of the user (in the caller's transaction). */
    public void endSessionsOf(long userId) {
        jdbc.sql("update users set session_epoch = session_epoch + 1 where id = ?")
                .param(userId)
                .update();
        jdbc.sql("delete from persistent_logins where username = (select email from users where id = ?)")
                .param(userId)
                .update();
    }

    /**
     * Ends the user's other sessions and tokens, keeping the session of the current request (a person
     * changing their own password stays signed in where they did it).
     */
    public void endOtherSessionsOf(long userId) {
        endSessionsOf(userId);
        currentSession().ifPresent(session -> session.setAttribute(SESSION_EPOCH, epochOf(userId)));
    }

    /** Ends the sessions of everybody holding the role (its permissions changed). */
    public void endSessionsOfRole(String role) {
        jdbc.sql(
                        "update users set session_epoch = session_epoch + 1 where id in (select user_id from user_roles where role_code = ?)")
                .param(role)
                .update();
        jdbc.sql("delete from persistent_logins where username in "
                        + "(select u.email from users u join user_roles r on r.user_id = u.id where r.role_code = ?)")
                .param(role)
                .update();
    }

    /** The user's current epoch, by email (the name a session's authentication carries); empty for an unknown user. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<Long> epochOf(String email) {
        return jdbc.sql("select session_epoch from users where email = ?")
                .param(email)
                .query(Long.class)
                .optional();
    }

    /** Marks the current request's session as signed in now, with the user's current epoch. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public void stamp(HttpSession session, String email) {
        epochOf(email).ifPresent(epoch -> session.setAttribute(SESSION_EPOCH, epoch));
    }

    private long epochOf(long userId) {
        return jdbc.sql("select session_epoch from users where id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private static Optional<HttpSession> currentSession() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.ofNullable(attributes.getRequest().getSession(false))
                : Optional.empty();
    }
}
