package app.assets.identity.service;

import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a user for sign-in. Authorities are the permission codes the user's roles grant (read
 * from the database on every sign-in), so checks name permissions and never roles.
 */
@Service
@Transactional(readOnly = true)
public class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final PermissionMatrix matrix;
    /** Stands in for accounts without a password (external sign-in only): nothing matches it. */
    private final String unusablePassword;

    AccountUserDetailsService(UserRepository users, PermissionMatrix matrix, PasswordEncoder encoder) {
        this.users = users;
        this.matrix = matrix;
        this.unusablePassword = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        User user = users.findByEmail(username == null ? "" : username.trim())
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return org.springframework.security.core.userdetails.User.withUsername(user.getEmail())
                .password(user.getPasswordHash() == null ? unusablePassword : user.getPasswordHash())
                .authorities(authoritiesOf(user))
                .disabled(!user.isEmailVerified())
                .accountLocked(user.isLocked())
                .build();
    }

    /** The user's permissions as authorities (also for external sign-in). */
    public Collection<GrantedAuthority> authoritiesOf(User user) {
        return matrix.permissionsOf(user.getRoles()).stream()
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }
}
