package app.assets.identity.service;

import app.assets.base.i18n.LanguageChosen;
import app.assets.identity.domain.UserRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Remembers the language a signed-in user picks in the UI on their profile. */
@Component
class LanguagePreference {

    private final UserRepository users;

    LanguagePreference(UserRepository users) {
        this.users = users;
    }

    @EventListener
    @Transactional
    void chosen(LanguageChosen event) {
        users.findByEmail(event.principalName()).ifPresent(u -> {
            u.setLanguage(event.locale().getLanguage());
            users.save(u);
        });
    }
}
