package app.assets.notification.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.notification.domain.Category;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.PreferenceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code /api/v1/users/me/notifications}: which channels (EMAIL, SMS, WHATSAPP) the signed-in user
 * wants for each category they may choose (ACCOUNT, MONEY, SUPPORT, ANNOUNCEMENTS; security
 * notices always go everywhere), the same choices as the Notifications view.
 */
@ApiController
@Tag(name = "users")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class NotificationPreferencesApi {

    private final PreferenceService preferences;

    NotificationPreferencesApi(PreferenceService preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/users/me/notifications")
    @Operation(operationId = "myNotificationChoices", summary = "Notification channels by category")
    Map<String, Map<String, Boolean>> mine() {
        var result = new LinkedHashMap<String, Map<String, Boolean>>();
        preferences.mine().forEach((category, on) -> {
            var channels = new LinkedHashMap<String, Boolean>();
            for (Channel channel : Channel.values()) {
                channels.put(channel.name(), on.contains(channel));
            }
            result.put(category.name(), channels);
        });
        return result;
    }

    @PatchMapping("/users/me/notifications")
    @Operation(
            operationId = "changeNotificationChoices",
            summary = "Switch channels on or off",
            description = "For example {\"MONEY\": {\"SMS\": false}}; what is left out stays. All or nothing:"
                    + " SMS and WhatsApp need a phone number on the profile, SECURITY cannot be changed (422).")
    Map<String, Map<String, Boolean>> change(@RequestBody Map<String, Map<String, Boolean>> change) {
        var choices = new EnumMap<Category, Map<Channel, Boolean>>(Category.class);
        change.forEach((categoryName, channels) -> {
            Category category = parse(Category.class, categoryName, categoryName);
            var byChannel = new EnumMap<Channel, Boolean>(Channel.class);
            (channels == null ? Map.<String, Boolean>of() : channels).forEach((channelName, on) -> {
                String field = categoryName + "." + channelName;
                Channel channel = parse(Channel.class, channelName, field);
                if (on == null) {
                    throw new InvalidField(field, new UserInputException("api.preferences.onOrOff"));
                }
                byChannel.put(channel, on);
            });
            choices.put(category, byChannel);
        });
        try {
            preferences.setAll(choices);
        } catch (UserInputException e) {
            throw new InvalidField("notifications", e);
        }
        return mine();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String field) {
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidField(field, new UserInputException("api.preferences.unknown", name));
        }
    }
}
