package app.assets.identity.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.SignedIn;
import app.assets.identity.security.AccountHeldBackException;
import app.assets.identity.security.ApiSignIn;
import app.assets.identity.security.ApiTokens;
import app.assets.identity.security.LoginThrottledException;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.RefreshTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * {@code /api/v1/auth}: sign-in with email and password, refresh, sign-out and sign-up. Tokens
 * come back in the body (for mobile and partner clients) and as HttpOnly, Secure, SameSite=Lax
 * cookies (for browsers); the refresh cookie is sent only to these endpoints.
 */
@ApiController
@Tag(name = "auth")
@SecurityRequirements
class AuthApi {

    record Login(String email, String password) {}

    /** The refresh token, when it does not travel as the {@code refresh_token} cookie. */
    record Refresh(String refreshToken) {}

    record Register(String email, String password, String displayName, String language) {}

    /** Only the address: the answer is the same whether or not it already had an account. */
    record Registered(String email) {}

    /** A token pair; lifetimes in seconds. */
    record Tokens(
            String accessToken,
            String tokenType,
            long expiresIn,
            Instant expiresAt,
            String refreshToken,
            long refreshExpiresIn) {}

    private final ApiSignIn signIn;
    private final ApiTokens tokens;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AuthApi(
            ApiSignIn signIn,
            ApiTokens tokens,
            AccountService accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @PostMapping("/auth/login")
    @Operation(
            summary = "Sign in with email and password",
            description = "The same throttling and lockout as the web sign-in: 401 for wrong credentials or an "
                    + "unverified account, 423 while the account is locked (by staff, or at this address after repeated failures), "
                    + "429 while the client address is throttled or, after many failures from elsewhere, the account is held "
                    + "back for addresses it never signed in from (api.auth.heldBack).")
    @ApiResponse(responseCode = "200", description = "Signed in; the tokens also come as cookies")
    @ApiResponse(responseCode = "401", description = "Wrong email or password")
    ResponseEntity<Tokens> login(@RequestBody Login login, HttpServletRequest request, HttpServletResponse response) {
        Authentication signedIn;
        try {
            signedIn = signIn.signIn(login.email(), login.password(), request);
        } catch (LockedException e) {
            throw new ApiException(HttpStatus.LOCKED, "api.auth.locked");
        } catch (AccountHeldBackException e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "api.auth.heldBack");
        } catch (LoginThrottledException e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "api.auth.throttled");
        } catch (AuthenticationException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "api.auth.failed");
        }
        var user = accounts.findByEmail(signedIn.getName()).orElseThrow();
        events.publishEvent(new SignedIn(user.getId(), clock.instant(), request.getRemoteAddr()));
        return issued(
                tokens.signedIn(user.getId(), request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr()),
                request,
                response);
    }

    @PostMapping("/auth/refresh")
    @Operation(
            summary = "Exchange a refresh token for a new pair",
            description = "The refresh token (body or refresh_token cookie) is used up. Presenting a used one again "
                    + "revokes its whole family. A locked account, a changed password or removed roles show here.")
    @ApiResponse(responseCode = "200", description = "A new token pair")
    @ApiResponse(responseCode = "401", description = "Unknown, used, revoked or expired refresh token")
    ResponseEntity<Tokens> refresh(
            @RequestBody(required = false) Refresh body, HttpServletRequest request, HttpServletResponse response) {
        String token = refreshToken(body, request);
        if (token == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "api.auth.refreshInvalid");
        }
        try {
            return issued(
                    tokens.refresh(token, request.getHeader(HttpHeaders.USER_AGENT), request.getRemoteAddr()),
                    request,
                    response);
        } catch (RefreshTokens.Refused e) {
            clearCookies(response);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "api.auth.refreshInvalid");
        }
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Sign out",
            description = "Revokes the refresh token's family and clears the cookies. "
                    + "An access token stays valid until it expires (at most 15 minutes).")
    @ApiResponse(responseCode = "204", description = "Signed out")
    void logout(@RequestBody(required = false) Refresh body, HttpServletRequest request, HttpServletResponse response) {
        String token = refreshToken(body, request);
        if (token != null) {
            tokens.signOut(token);
        }
        clearCookies(response);
    }

    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Sign up",
            description = "Creates an unverified account and emails a verification link; "
                    + "the account signs in once the link is opened.")
    @ApiResponse(
            responseCode = "201",
            description = "Verification email sent (an address that already has an account gets "
                    + "the same answer, and its owner a reset link)")
    @ApiResponse(responseCode = "422", description = "A field is invalid")
    Registered register(@RequestBody Register form) {
        var language = form.language() == null ? null : Locale.forLanguageTag(form.language());
        try {
            accounts.signUp(
                    new AccountService.SignUp(form.email(), form.password(), form.displayName(), null, language));
            return new Registered(form.email().trim().toLowerCase(Locale.ROOT));
        } catch (UserInputException e) {
            String key = e.messageKey();
            String field = key.startsWith("password")
                    ? "password"
                    : key.startsWith("displayName") ? "displayName" : key.startsWith("language") ? "language" : "email";
            throw new InvalidField(field, e);
        }
    }

    private ResponseEntity<Tokens> issued(
            ApiTokens.Pair pair, HttpServletRequest request, HttpServletResponse response) {
        Instant now = clock.instant();
        long accessSeconds = Duration.between(now, pair.accessExpiresAt()).toSeconds();
        long refreshSeconds = Duration.between(now, pair.refreshExpiresAt()).toSeconds();
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(ApiTokens.ACCESS_COOKIE, pair.accessToken(), ApiPaths.BASE, accessSeconds));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(ApiTokens.REFRESH_COOKIE, pair.refreshToken(), ApiPaths.BASE + "/auth", refreshSeconds));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Tokens(
                        pair.accessToken(),
                        "Bearer",
                        accessSeconds,
                        pair.accessExpiresAt(),
                        pair.refreshToken(),
                        refreshSeconds));
    }

    private static void clearCookies(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(ApiTokens.ACCESS_COOKIE, "", ApiPaths.BASE, 0));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(ApiTokens.REFRESH_COOKIE, "", ApiPaths.BASE + "/auth", 0));
    }

    private static String cookie(String name, String value, String path, long maxAgeSeconds) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(true)
                .sameSite("Lax")
                .path(path)
                .maxAge(maxAgeSeconds)
                .build()
                .toString();
    }

    private static String refreshToken(Refresh body, HttpServletRequest request) {
        if (body != null && body.refreshToken() != null && !body.refreshToken().isBlank()) {
            return body.refreshToken().trim();
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (ApiTokens.REFRESH_COOKIE.equals(cookie.getName())
                        && !cookie.getValue().isBlank()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
