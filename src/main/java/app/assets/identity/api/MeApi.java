package app.assets.identity.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPaths;
import app.assets.identity.CurrentUser;
import app.assets.identity.service.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /api/v1/users/me}: who the token belongs to, with the roles and permissions it carries. */
@ApiController
@Tag(name = "users")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class MeApi {

    record Me(
            long id, String email, String displayName, String language, List<String> roles, List<String> permissions) {}

    private final CurrentUser currentUser;
    private final AccountService accounts;

    MeApi(CurrentUser currentUser, AccountService accounts) {
        this.currentUser = currentUser;
        this.accounts = accounts;
    }

    @GetMapping("/users/me")
    @Operation(
            summary = "The signed-in user",
            description = "Permissions are those of the access token "
                    + "(fixed when it was issued; a refresh reads them again).")
    Me me(JwtAuthenticationToken authentication) {
        var me = currentUser.require();
        var roles = accounts.findByEmail(me.email()).orElseThrow().getRoles().stream()
                .sorted()
                .toList();
        // The claim, not the authorities: Spring Security adds factor authorities (FACTOR_BEARER) beside them.
        List<String> permissions = authentication.getToken().getClaimAsStringList("permissions");
        return new Me(me.id(), me.email(), me.displayName(), me.language(), roles, permissions);
    }
}
