package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.api.ApiController;
import app.assets.base.api.RequiresPermission;
import app.assets.base.security.Roles;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every operation of the API against every role of the permission table, and against a caller
 * with no token. The operations are read from the application's own request mappings and the
 * grants from the database's role_permissions, so a new endpoint or a changed grant is covered
 * without editing this test: a staff operation ({@link RequiresPermission}) answers 403 to each
 * role the table does not grant its permission and lets the others through; every other operation
 * lets every signed-in role through; without a token everything but sign-in and the documents is
 * 401. "Through" means the request passed authorisation: a list answers 200, and an operation on a
 * made-up id or with an empty body answers what its input deserves (404, 409, 412, 415, 422, 428),
 * never 401 or 403. The expected matrix is written to target/api-role-matrix.md and must equal
 * docs/api/role-matrix.md, the published one.
 */
class ApiRoleMatrixTest extends WebIntegrationTest {

    static final Path PUBLISHED = Path.of("docs/api/role-matrix.md");
    static final Path GENERATED = Path.of("target/api-role-matrix.md");

    /** Operations open to callers without a token (the API security chain's permitAll list). */
    static final Set<String> PUBLIC_PREFIXES = Set.of("POST /api/v1/auth/", "GET /api/v1/health");

    /** A made-up id in place of every path variable: nobody's resource. */
    static final String NOBODY = "987654321";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    record Operation(String method, String pattern, String permission) {
        String key() {
            return method + " " + pattern;
        }

        boolean isPublic() {
            return PUBLIC_PREFIXES.stream().anyMatch(key()::startsWith);
        }

        String path() {
            return pattern.replaceAll("\\{[^}]+}", NOBODY);
        }

        boolean isList() {
            return method.equals("GET") && !pattern.contains("{");
        }
    }

    @Test
    void everyRoleMeetsExactlyThePermissionsTheTableGrantsIt() throws IOException {
        var operations = operations();
        assertThat(operations).as("the API's operations").hasSizeGreaterThan(10);
        Map<String, Set<String>> grants = grants();
        assertThat(grants.keySet()).containsExactlyInAnyOrderElementsOf(Roles.ALL);

        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, matrix(operations, grants), StandardCharsets.UTF_8);

        var api = ApiClient.on(port);
        var failures = new ArrayList<String>();
        for (var operation : operations) {
            if (operation.isPublic()) {
                continue;
            }
            int status = call(api, operation, null);
            if (status != 401) {
                failures.add("anonymous " + operation.key() + ": " + status + ", expected 401");
            }
        }
        for (String role : Roles.ALL) {
            String token = api.accessToken(userWithOnly(role));
            for (var operation : operations) {
                if (operation.isPublic()) {
                    continue;
                }
                boolean granted =
                        operation.permission() == null || grants.get(role).contains(operation.permission());
                int status = call(api, operation, token);
                if (!granted && status != 403) {
                    failures.add(role + " " + operation.key() + ": " + status + ", expected 403");
                } else if (granted && operation.isList() && status != 200) {
                    failures.add(role + " " + operation.key() + ": " + status + ", expected 200");
                } else if (granted && (status == 401 || status == 403 || status >= 500)) {
                    failures.add(role + " " + operation.key() + ": " + status + ", expected to pass authorisation");
                }
            }
        }
        assertThat(failures).as("endpoint x role").isEmpty();
        assertThat(Files.exists(PUBLISHED) ? Files.readString(PUBLISHED, StandardCharsets.UTF_8) : "")
                .as(
                        "docs/api/role-matrix.md is the generated matrix (cp target/api-role-matrix.md docs/api/role-matrix.md)")
                .isEqualTo(Files.readString(GENERATED, StandardCharsets.UTF_8));
    }

    /** Every operation of an {@link ApiController}, by path then method. */
    private List<Operation> operations() {
        var result =
                new TreeSet<Operation>(Comparator.comparing(Operation::pattern).thenComparing(Operation::method));
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ApiController.class)) {
                return;
            }
            var required = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (var method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    result.add(new Operation(method.name(), pattern, required == null ? null : required.value()));
                }
            }
        });
        return List.copyOf(result);
    }

    private Map<String, Set<String>> grants() {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        Roles.ALL.forEach(role -> grants.put(role, new TreeSet<>()));
        jdbc.sql("select role_code, permission_code from role_permissions")
                .query((rs, n) -> grants.computeIfAbsent(rs.getString(1), r -> new TreeSet<>())
                        .add(rs.getString(2)))
                .list();
        return grants;
    }

    /** A verified account holding {@code role} and no other. */
    private String userWithOnly(String role) {
        String email = uniqueEmail("matrix-" + role.toLowerCase(java.util.Locale.ROOT));
        long id = new TestUsers(accounts, jdbc).verified(email);
        jdbc.sql("delete from user_roles where user_id = ?").param(id).update();
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, ?)")
                .params(id, role)
                .update();
        return email;
    }

    /** The status of the operation called with an empty body, a fresh Idempotency-Key and no If-Match. */
    private static int call(ApiClient api, Operation operation, String token) {
        var headers = new ArrayList<>(List.of(
                "Accept-Language", "en", "Idempotency-Key", UUID.randomUUID().toString()));
        if (token != null) {
            headers.addAll(List.of(bearer(token)));
        }
        Object body = operation.method().equals("GET") || operation.method().equals("DELETE") ? null : Map.of();
        return api.send(operation.method(), operation.path(), body, headers.toArray(String[]::new))
                .status();
    }

    /** The expected matrix, as published in docs/api/role-matrix.md. */
    private static String matrix(List<Operation> operations, Map<String, Set<String>> grants) {
        var out = new StringBuilder();
        out.append("# API operations by role\n\n")
                .append("Generated by ApiRoleMatrixTest from the application's request mappings and the\n")
                .append("role_permissions table as installed (do not edit; `cp target/api-role-matrix.md\n")
                .append("docs/api/role-matrix.md` after a change). ✓ the role may call it; 403 refused. Without a\n")
                .append("token every operation but sign-in and health answers 401.\n\n")
                .append("| operation | permission | ")
                .append(String.join(" | ", Roles.ALL))
                .append(" |\n| --- | --- |")
                .append(" --- |".repeat(Roles.ALL.size()))
                .append('\n');
        for (var operation : operations) {
            out.append("| `").append(operation.key()).append("` | ");
            if (operation.isPublic()) {
                out.append("anyone, no token |")
                        .append(" ✓ |".repeat(Roles.ALL.size()))
                        .append('\n');
                continue;
            }
            out.append(operation.permission() == null ? "signed in" : "`" + operation.permission() + "`")
                    .append(" |");
            out.append(Roles.ALL.stream()
                            .map(role -> operation.permission() == null
                                            || grants.get(role).contains(operation.permission())
                                    ? " ✓ |"
                                    : " 403 |")
                            .collect(Collectors.joining()))
                    .append('\n');
        }
        return out.toString();
    }
}
