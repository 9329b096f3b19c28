package app.assets.notification.service;

import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.notification.domain.Category;
import app.assets.notification.domain.Channel;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which channels each user wants per category. Until a user chooses, email and SMS are on and
 * WhatsApp is off; security messages go out on every channel the event uses, whatever the choice.
 */
@Service
@Transactional
public class PreferenceService {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final UserDirectory directory;

    public PreferenceService(JdbcClient jdbc, CurrentUser currentUser, UserDirectory directory) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.directory = directory;
    }

    public static boolean defaultFor(Channel channel) {
        return channel != Channel.WHATSAPP;
    }

    /** The channels the user allows for a category (all of them for security). */
    @Transactional(readOnly = true)
    public Set<Channel> channelsFor(long userId, Category category) {
        if (!category.isChoosable()) {
            return EnumSet.allOf(Channel.class);
        }
        var result = EnumSet.noneOf(Channel.class);
        var stored = stored(userId).getOrDefault(category, Map.of());
        for (Channel c : Channel.values()) {
            if (stored.getOrDefault(c, defaultFor(c))) {
                result.add(c);
            }
        }
        return result;
    }

    /** The signed-in user's choices, category by category. */
    @Transactional(readOnly = true)
    public Map<Category, Set<Channel>> mine() {
        long me = currentUser.require().id();
        var result = new EnumMap<Category, Set<Channel>>(Category.class);
        for (Category category : Category.CHOOSABLE) {
            result.put(category, channelsFor(me, category));
        }
        return result;
    }

    /** Whether the signed-in user has a phone number (SMS and WhatsApp need one). */
    @Transactional(readOnly = true)
    public boolean iHaveAPhone() {
        return directory
                .contact(currentUser.require().id())
                .map(c -> c.phone() != null)
                .orElse(false);
    }

    /** Switches a channel on or off for one of the signed-in user's categories. */
    public void set(Category category, Channel channel, boolean enabled) {
        if (!category.isChoosable()) {
            throw new UserInputException("preferences.securityFixed");
        }
        if (enabled && channel.needsPhone() && !iHaveAPhone()) {
            throw new UserInputException("preferences.phoneNeeded");
        }
        jdbc.sql("""
                        insert into notification_preferences (user_id, category, channel, enabled) values (?, ?, ?, ?)
                        on conflict (user_id, category, channel) do update set enabled = excluded.enabled""")
                .params(currentUser.require().id(), category.name(), channel.name(), enabled)
                .update();
    }

    /** Several switches at once, all or none (one transaction): a refused one leaves every choice as it was. */
    public void setAll(Map<Category, Map<Channel, Boolean>> choices) {
        choices.forEach((category, channels) -> channels.forEach((channel, on) -> set(category, channel, on)));
    }

    private Map<Category, Map<Channel, Boolean>> stored(long userId) {
        var result = new EnumMap<Category, Map<Channel, Boolean>>(Category.class);
        jdbc.sql("select category, channel, enabled from notification_preferences where user_id = ?")
                .param(userId)
                .query(rs -> {
                    result.computeIfAbsent(Category.valueOf(rs.getString(1)), k -> new EnumMap<>(Channel.class))
                            .put(Channel.valueOf(rs.getString(2)), rs.getBoolean(3));
                });
        return result;
    }
}
