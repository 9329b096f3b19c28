package app.assets.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running application's API, as a mobile or partner client would call it. */
record ApiClient(int port, HttpClient http, JsonMapper json) {

    /** A response: status, headers and the body as JSON (null when empty). */
    record Reply(int status, Map<String, List<String>> headers, JsonNode body, String text) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        List<String> cookies() {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
                    .flatMap(e -> e.getValue().stream())
                    .toList();
        }
    }

    static ApiClient on(int port) {
        return new ApiClient(
                port, HttpClient.newHttpClient(), JsonMapper.builder().build());
    }

    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Reply send(String method, String path, Object body, String... headers) {
        var all = new ArrayList<>(List.of(headers));
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (body != null) {
            all.add("Content-Type");
            all.add("application/json");
            builder.method(
                    method,
                    HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (!all.isEmpty()) {
            builder.headers(all.toArray(String[]::new));
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode node = text == null || text.isBlank() || !text.trim().startsWith("{") ? null : json.readTree(text);
            return new Reply(response.statusCode(), response.headers().map(), node, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] bearer(String token, String... more) {
        var all = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Signs in with the test users' password and returns the access token (the sign-in must succeed). */
    String accessToken(String email) {
        Reply login =
                post("/api/v1/auth/login", Map.of("email", email, "password", app.assets.support.TestUsers.PASSWORD));
        org.assertj.core.api.Assertions.assertThat(login.status())
                .as(login.text())
                .isEqualTo(200);
        return login.body().get("accessToken").asString();
    }
}
