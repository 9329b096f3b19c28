package app.assets.base.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a staff operation of the API needs (a code of {@link
 * app.assets.base.security.Permissions}). {@link ApiWebConfiguration} enforces it before the
 * request's parameters and body are read (a caller without the permission gets {@code 403} and
 * learns nothing about their input), writes it into the OpenAPI document, and the endpoint-by-role
 * test reads it, so the three cannot disagree. The service behind the operation keeps its own
 * check; this one declares the route.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {

    /** The permission code, for example {@code withdrawal.approve}. */
    String value();
}
