package app.assets.identity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs every API call with its caller and outcome (method, path, status, user, time taken), the
 * refused ones included: it sits right inside the security chain's context handling, so it sees
 * the caller the token named and the status the chain or the controller answered. Sensitive
 * operations also write the audit log, in the services, as from the UI.
 */
class ApiCallLog extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiCallLog.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            String user = auth == null || auth instanceof AnonymousAuthenticationToken ? "-" : auth.getName();
            log.info(
                    "API {} {} -> {} user={} {} ms",
                    request.getMethod(),
                    request.getRequestURI(),
                    response.getStatus(),
                    user,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
