package app.assets.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.WebIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A UI keeps no copy of its last answer (UidlWithoutKeptResponse), so a client that sends its
 * last message again, as Flow's client does when an answer was lost, gets the whole UI back with
 * the resynchronise flag instead of an error, and the UI goes on working. Over real HTTP, as a
 * browser does it: the demo borrower signs in, Flow's init request, then the UIDL messages.
 */
class ResentUidlTest extends WebIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void aResentMessageIsAnsweredWithTheWholeUiAndTheUiGoesOnWorking() throws Exception {
        signIn("borrower@assets.local", "demo-assets-2026");
        JsonNode init = JSON.readTree(get("/?v-r=init&location=&query=&v-sw=1280&v-sh=900&v-wn=test&v-tzo=-210"
                + "&v-dstd=0&v-rtzo=-210&v-dston=false&v-tzid=Asia%2FTehran&v-td=false&v-curdate="
                + System.currentTimeMillis()));
        int ui = init.at("/appConfig/v-uiId").asInt();
        String key = init.at("/appConfig/uidl/Vaadin-Security-Key").asString();
        int syncId = init.at("/appConfig/uidl/syncId").asInt();

        String showDashboard = message(key, syncId, 0, "");
        JsonNode first = uidl(ui, showDashboard);
        assertThat(first.toString()).contains("dashboard-greeting");
        assertThat(first.has("resynchronize")).isFalse();
        assertThat(first.get("clientId").asInt()).isEqualTo(1);

        // The answer is lost on the way: the client sends the same message again.
        JsonNode again = uidl(ui, showDashboard);
        assertThat(again.path("resynchronize").asBoolean())
                .as("the whole state with the resynchronise flag, not an error: " + again)
                .isTrue();
        assertThat(again.has("meta"))
                .as("no critical notification (sync error, session expired)")
                .isFalse();
        assertThat(again.toString()).as("the view built once, sent whole").contains("dashboard-greeting");
        assertThat(again.get("syncId").asInt())
                .isGreaterThan(first.get("syncId").asInt());
        assertThat(again.get("clientId").asInt())
                .as("the message is not handled twice: the next one expected is still the second")
                .isEqualTo(1);

        JsonNode next = uidl(ui, message(key, again.get("syncId").asInt(), 1, "profile"));
        assertThat(next.has("meta")).isFalse();
        assertThat(next.has("resynchronize")).isFalse();
        assertThat(next.get("clientId").asInt()).isEqualTo(2);
        assertThat(next.toString()).as("the profile view is shown").contains("display-name");
    }

    /** Flow's client asking the UI to show a route (Flow.js: the ui-navigate event on the root node). */
    private static String message(String key, int syncId, int clientId, String route) {
        var message = JSON.createObjectNode()
                .put("csrfToken", key)
                .put("syncId", syncId)
                .put("clientId", clientId);
        var event = message.putArray("rpc").addObject();
        event.put("type", "event").put("node", 1).put("event", "ui-navigate");
        event.putObject("data")
                .put("route", route)
                .put("query", "")
                .put("appShellTitle", "")
                .putNull("historyState")
                .put("trigger", "");
        return message.toString();
    }

    private JsonNode uidl(int ui, String message) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/?v-r=uidl&v-uiId=" + ui))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(message))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        // Flow prefixes UIDL with for(;;); and wraps it in an array, so it cannot be run as a script.
        if (body.startsWith("for(;;);")) {
            body = body.substring("for(;;);".length());
        }
        JsonNode json = JSON.readTree(body);
        return json.isArray() ? json.get(0) : json;
    }

    private void signIn(String email, String password) throws Exception {
        var token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(get("/login"));
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (token.find() ? "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) : "");
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private String get(String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
