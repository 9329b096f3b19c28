package app.assets.notification.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.component.Toasts;
import app.assets.notification.domain.Category;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.PreferenceService;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Each user picks the channels for each kind of news; security messages are not listed because they always go out. */
@Route("notification-settings")
@PageTitle("Assets")
@Menu(order = 89, icon = "vaadin:bell-o", title = "nav.preferences")
@PermitAll
public class PreferencesView extends VerticalLayout {

    final Map<Category, Map<Channel, Checkbox>> boxes = new EnumMap<>(Category.class);

    public PreferencesView(PreferenceService preferences) {
        addClassName("page");
        add(new H2(getTranslation("nav.preferences")), new Paragraph(getTranslation("preferences.intro")));
        boolean phone = preferences.iHaveAPhone();
        if (!phone) {
            add(new Paragraph(getTranslation("preferences.noPhone")));
        }
        var chosen = preferences.mine();
        for (Category category : Category.CHOOSABLE) {
            var label = new Span(getTranslation("category." + category.name()));
            label.setMinWidth("12rem");
            var row = new HorizontalLayout(label);
            row.setAlignItems(Alignment.CENTER);
            var byChannel = new EnumMap<Channel, Checkbox>(Channel.class);
            for (Channel channel : Channel.values()) {
                var box = new Checkbox(getTranslation("channel." + channel.name()));
                box.setId("pref-" + category.name() + "-" + channel.name());
                box.setValue(chosen.get(category).contains(channel) && (phone || !channel.needsPhone()));
                box.setEnabled(phone || !channel.needsPhone());
                box.addValueChangeListener(e -> {
                    if (!e.isFromClient()) {
                        return;
                    }
                    try {
                        preferences.set(category, channel, e.getValue());
                    } catch (UserInputException ex) {
                        box.setValue(e.getOldValue());
                        Toasts.error(this, ex);
                    }
                });
                byChannel.put(channel, box);
                row.add(box);
            }
            boxes.put(category, byChannel);
            add(row);
        }
    }

    /** For tests: the current state of the boxes. */
    Map<String, Boolean> state() {
        var result = new HashMap<String, Boolean>();
        boxes.forEach((cat, m) -> m.forEach((ch, box) -> result.put(cat + "/" + ch, box.getValue())));
        return result;
    }
}
