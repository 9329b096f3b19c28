package app.assets.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.WebIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published API document: docs/api/openapi.json is what the code generates, every operation
 * states its security, and Swagger UI is served.
 */
class OpenApiDocumentTest extends WebIntegrationTest {

    static final Path PUBLISHED = Path.of("docs/api/openapi.json");
    static final Path GENERATED = Path.of("target/openapi.json");
    static final Set<String> PUBLIC = Set.of(
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout",
            "POST /api/v1/auth/register",
            "GET /api/v1/health");

    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void thePublishedDocumentIsTheOneTheCodeGenerates() throws Exception {
        String generated = get("/api/v1/openapi.json").body();
        Files.writeString(GENERATED, generated);

        assertThat(json.readTree(generated).get("openapi").asString()).startsWith("3.1");
        assertThat(Files.exists(PUBLISHED))
                .as("docs/api/openapi.json is missing: cp target/openapi.json docs/api/")
                .isTrue();
        assertThat(json.readTree(generated))
                .as("docs/api/openapi.json is out of date: cp target/openapi.json docs/api/openapi.json")
                .isEqualTo(json.readTree(Files.readString(PUBLISHED)));
    }

    @Test
    void everyOperationStatesItsSecurity() throws Exception {
        JsonNode paths = json.readTree(get("/api/v1/openapi.json").body()).get("paths");
        List<String> operations = new ArrayList<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode security = operation.getValue().get("security");
                assertThat(security).as(name + " states its security").isNotNull();
                if (PUBLIC.contains(name)) {
                    assertThat(security).as(name + " is public").isEmpty();
                } else {
                    assertThat(security.toString()).as(name).contains("\"bearer\"", "\"cookie\"");
                }
            }
        }
        assertThat(operations)
                .contains("GET /api/v1/wallet", "POST /api/v1/wallet/transfer", "GET /api/v1/users/me")
                .containsAll(PUBLIC);
    }

    @Test
    void everyOperationDeclaresWhatItAnswersOnSuccess() throws Exception {
        // springdoc leaves the success response out when a method lists only error @ApiResponses; a
        // generated client (GeneratedClientTest) then returns void for it.
        JsonNode paths = json.readTree(get("/api/v1/openapi.json").body()).get("paths");
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                assertThat(operation.getValue().get("responses").propertyNames())
                        .as(name + " declares a 2xx response: add @ApiResponse(responseCode = \"200\", ...)")
                        .anyMatch(code -> code.startsWith("2"));
            }
        }
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        var client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        var page = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }
}
