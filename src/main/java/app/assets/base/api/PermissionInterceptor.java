package app.assets.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a staff operation ({@link RequiresPermission}) to a caller without its permission before
 * Spring reads the request's parameters and body, so the answer is {@code 403} whatever was sent.
 * The security chain has already required a signed-in caller for every operation but sign-in and
 * the documents.
 */
final class PermissionInterceptor implements HandlerInterceptor {

    /** The permission {@code handler} needs, or null when any signed-in caller may call it. */
    static String requiredPermission(HandlerMethod handler) {
        var required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
        return required == null ? null : required.value();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String permission = requiredPermission(method);
        if (permission == null) {
            return true;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean granted = authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(permission::equals);
        if (!granted) {
            throw new AccessDeniedException("needs " + permission);
        }
        return true;
    }
}
