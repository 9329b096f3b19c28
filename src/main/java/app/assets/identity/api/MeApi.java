package app.assets.identity.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiException;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.IfMatch;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.identity.service.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * {@code /api/v1/users/me}: who the token belongs to, with the roles and permissions it carries,
 * and the profile the user edits. The answer's {@code ETag} is the account's version; a change
 * must send it back as {@code If-Match} (428 without, 412 when the account changed meanwhile), so
 * two devices cannot silently overwrite each other's edits.
 */
@ApiController
@Tag(name = "users")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class MeApi {

    record Me(
            long id,
            String email,
            String displayName,
            String phone,
            String language,
            List<String> roles,
            List<String> permissions) {}

    /** The fields to change; a field left out (or null) stays as it is. */
    record MeChange(String displayName, String phone, String language) {}

    private final CurrentUser currentUser;
    private final AccountService accounts;

    MeApi(CurrentUser currentUser, AccountService accounts) {
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @GetMapping("/users/me")
    @Operation(
            summary = "The signed-in user",
            description =
                    "Permissions are those of the access token "
                            + "(fixed when it was issued; a refresh reads them again). The ETag is needed to change the profile.")
    ResponseEntity<Me> me(JwtAuthenticationToken authentication) {
        var profile = accounts.profile(currentUser.require().id());
        return reply(profile, authentication);
    }

    @PatchMapping("/users/me")
    @Operation(
            summary = "Change the profile",
            description =
                    "Display name, phone (E.164, empty to remove) and language (fa or en); fields left out stay."
                            + " Requires If-Match with the ETag of the last read: 412 when the profile changed since, 428 without it.")
    ResponseEntity<Me> change(
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody MeChange change,
            JwtAuthenticationToken authentication) {
        long expected = IfMatch.version(ifMatch, "api.profileChanged");
        long id = currentUser.require().id();
        try {
            var profile = accounts.changeProfile(id, expected, change.displayName(), change.phone(), change.language());
            return reply(profile, authentication);
        } catch (AccountService.StaleProfileException | OptimisticLockingFailureException e) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "api.profileChanged");
        } catch (UserInputException e) {
            String key = e.messageKey();
            throw new InvalidField(
                    key.startsWith("phone") ? "phone" : key.startsWith("language") ? "language" : "displayName", e);
        }
    }

    private ResponseEntity<Me> reply(AccountService.Profile profile, JwtAuthenticationToken authentication) {
        var roles = accounts.findByEmail(profile.email()).orElseThrow().getRoles().stream()
                .sorted()
                .toList();
        // The claim, not the authorities: Spring Security adds factor authorities (FACTOR_BEARER) beside them.
        List<String> permissions = authentication.getToken().getClaimAsStringList("permissions");
        return ResponseEntity.ok()
                .eTag(Long.toString(profile.version()))
                .body(new Me(
                        profile.id(),
                        profile.email(),
                        profile.displayName(),
                        profile.phone(),
                        profile.language(),
                        roles,
                        permissions));
    }
}
