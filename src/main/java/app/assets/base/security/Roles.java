package app.assets.base.security;

import java.util.List;

/** The roles Assets ships with; what each may do is data (role_permissions), not code. */
public final class Roles {

    public static final String USER = "USER";
    public static final String MODERATOR = "MODERATOR";
    public static final String SUPPORT = "SUPPORT";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";

    public static final List<String> ALL = List.of(USER, MODERATOR, SUPPORT, AUDITOR, ADMIN);

    private Roles() {}
}
