package app.assets.notification.domain;

import java.util.List;

/** What a notification is about; users choose channels per category, except for security. */
public enum Category {
    SECURITY,
    ACCOUNT,
    MONEY,
    SUPPORT,
    ANNOUNCEMENTS;

    /** The categories a user may switch channels off for. */
    public static final List<Category> CHOOSABLE = List.of(ACCOUNT, MONEY, SUPPORT, ANNOUNCEMENTS);

    public boolean isChoosable() {
        return this != SECURITY;
    }
}
