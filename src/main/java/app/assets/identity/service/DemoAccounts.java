package app.assets.identity.service;

import app.assets.base.security.Roles;
import app.assets.identity.IdentityProperties;
import app.assets.identity.UserCreated;
import app.assets.identity.domain.User;
import app.assets.identity.domain.UserRepository;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates one verified demo account per role (two plain users: a lender and a borrower) when
 * {@code assets.identity.demo-accounts} is on, and prints how to sign in with them.
 */
@Component
@org.springframework.core.annotation.Order(1)
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD = "demo-assets-2026";

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    record Demo(String email, String name, String language, List<String> roles) {}

    static final List<Demo> ACCOUNTS = List.of(
            new Demo("lender@assets.local", "Leila Lender", "fa", List.of(Roles.USER)),
            new Demo("borrower@assets.local", "Bijan Borrower", "en", List.of(Roles.USER)),
            new Demo("moderator@assets.local", "Mina Moderator", "en", List.of(Roles.USER, Roles.MODERATOR)),
            new Demo("support@assets.local", "Sara Support", "en", List.of(Roles.USER, Roles.SUPPORT)),
            new Demo("auditor@assets.local", "Arash Auditor", "en", List.of(Roles.USER, Roles.AUDITOR)),
            new Demo("admin@assets.local", "Azadeh Admin", "en", List.of(Roles.USER, Roles.ADMIN)));

    private final IdentityProperties properties;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DemoAccounts(
            IdentityProperties properties,
            UserRepository users,
            PasswordEncoder encoder,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.properties = properties;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!properties.demoAccounts()) {
            return;
        }
        var lines = new StringBuilder("\n\n  Assets demo accounts (password for all: ")
                .append(PASSWORD)
                .append(")\n");
        for (Demo demo : ACCOUNTS) {
            if (users.findByEmail(demo.email()).isEmpty()) {
                var user = new User(demo.email(), demo.name(), demo.language(), clock.instant());
                user.setPasswordHash(encoder.encode(PASSWORD));
                user.setEmailVerified(true);
                user.getRoles().addAll(demo.roles());
                users.save(user);
                events.publishEvent(new UserCreated(user.getId(), user.getEmail()));
            }
            lines.append(String.format("    %-24s %s%n", demo.email(), String.join(", ", demo.roles())));
        }
        lines.append("  Open ").append(properties.baseUrl()).append(" and sign in.\n");
        log.info(lines.toString());
    }
}
