package app.assets.notification.internal;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SDK's own HTTP client, but sending each request to another base address (a test stand-in
 * or an egress proxy) instead of https://*.twilio.com, since the SDK builds its URLs itself.
 * It also makes exactly one attempt: the notification pipeline owns retries and their log.
 */
class RedirectingTwilioHttpClient extends NetworkHttpClient {

    private static final Pattern ORIGIN = Pattern.compile("^https?://[^/]+");

    private final String baseUrl;

    RedirectingTwilioHttpClient(String baseUrl) {
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        if (baseUrl == null) {
            return super.makeRequest(request);
        }
        String original = request.constructURL().toString();
        String path = ORIGIN.matcher(original).replaceFirst("");
        var copy = new Request(request.getMethod(), baseUrl + path);
        copy(request.getPostParams(), copy::addPostParam);
        copy(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        if (request.getContentType() != null) {
            copy.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        return super.makeRequest(copy);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> into) {
        params.forEach((name, values) -> values.forEach(v -> into.accept(name, v)));
    }
}
