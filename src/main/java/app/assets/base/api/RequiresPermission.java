package app.assets.base.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The permission a staff operation of the API needs (a code of {@link
 * app.assets.base.security.Permissions}). It is enforced: the annotation is a {@code @PreAuthorize}
 * template ({@code AnnotationTemplateExpressionDefaults} in the security configuration fills in
 * the value), so a caller without the permission gets {@code 403}. It is also what the OpenAPI
 * document and the endpoint-by-role test read, so the three cannot disagree. The service behind
 * the operation keeps its own check; this one declares the route.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAuthority('{value}')")
public @interface RequiresPermission {

    /** The permission code, for example {@code withdrawal.approve}. */
    String value();
}
