package app.assets.base.api;

import app.assets.base.api.ApiRateLimiter.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts each API call against its caller's budget once the token has been read: a signed-in user
 * by their account (wherever they call from), anyone else by their address (the proxy's
 * forwarded address when {@code server.forward-headers-strategy} trusts it). Over budget, the call
 * is answered 429 with {@code Retry-After} and a problem in the caller's language; the health
 * check is never counted. Every counted answer says what is left ({@code X-RateLimit-Remaining}).
 * Built by the API's security chain, not registered as a servlet filter of its own.
 */
public final class ApiRateLimitFilter extends OncePerRequestFilter {

    public static final String REMAINING = "X-RateLimit-Remaining";
    public static final String LIMIT = "X-RateLimit-Limit";

    private final ApiRateLimiter limiter;
    private final ApiProblems problems;

    public ApiRateLimitFilter(ApiRateLimiter limiter, ApiProblems problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limiter.enabled() || ApiPaths.HEALTH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        Caller caller = signedIn ? Caller.SIGNED_IN : Caller.ANONYMOUS;
        var probe = limiter.take(caller, signedIn ? auth.getName() : request.getRemoteAddr());
        response.setHeader(LIMIT, Integer.toString(limiter.budget(caller)));
        response.setHeader(REMAINING, Long.toString(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "api.tooManyRequests");
    }
}
