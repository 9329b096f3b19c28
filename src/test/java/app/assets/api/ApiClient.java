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
        return exchange(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Reply exchange(HttpRequest request, HttpResponse.BodyHandler<String> handler) {
        try {
            var response = http.send(request, handler);
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

    /** Uploads one file as the multipart part {@code part}, with the file name and type the client claims. */
    Reply upload(String path, String part, String fileName, String contentType, byte[] bytes, String... headers) {
        String boundary = "----assets-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var all = new ArrayList<>(List.of(headers));
        all.add("Content-Type");
        all.add("multipart/form-data; boundary=" + boundary);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .headers(all.toArray(String[]::new))
                .build();
        return exchange(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose answer is bytes (a photo); the body is not read as JSON. */
    HttpResponse<byte[]> getBytes(String path, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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

    /** A verified account signed in over the API. */
    record Person(long id, String email, String token) {}

    /** A new verified account holding these roles besides USER, signed in. */
    Person newPerson(app.assets.support.TestUsers users, String who, String... roles) {
        String email = app.assets.support.TestUsers.uniqueEmail(who);
        long id = users.verified(email);
        for (String role : roles) {
            users.jdbc()
                    .sql("insert into user_roles (user_id, role_code) values (?, ?)")
                    .params(id, role)
                    .update();
        }
        return new Person(id, email, accessToken(email));
    }

    /** A new verified account holding these roles besides USER, signed in: its access token. */
    String newUser(app.assets.support.TestUsers users, String who, String... roles) {
        return newPerson(users, who, roles).token();
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
