package app.assets.base.api;

import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the API's RFC 9457 problem details: the status, a {@code code} (the message key, stable
 * for clients) and a {@code detail} in the caller's language (Accept-Language, fa or en). Also
 * writes them from filters (sign-in required, access denied), where no controller runs.
 */
@Component
public class ApiProblems {

    private final Messages messages;
    private final JsonMapper json;

    public ApiProblems(Messages messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** The caller's language: the best of ours their Accept-Language names, else English. */
    public static Locale languageOf(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (header == null || header.isBlank()) {
            return Languages.ENGLISH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(header), Languages.SUPPORTED);
            return match == null ? Languages.ENGLISH : match;
        } catch (IllegalArgumentException e) {
            return Languages.ENGLISH;
        }
    }

    public String text(HttpServletRequest request, String key, Object... arguments) {
        return messages.getTranslation(key, languageOf(request), arguments);
    }

    public ProblemDetail problem(HttpServletRequest request, HttpStatus status, String key, Object... arguments) {
        var problem = ProblemDetail.forStatusAndDetail(status, text(request, key, arguments));
        problem.setProperty("code", key);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    /** Writes a problem straight to the response, for the security filters. */
    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String key,
            Object... arguments)
            throws IOException {
        var problem = problem(request, status, key, arguments);
        Map<String, Object> body = new LinkedHashMap<>();
        // The same members, in the same order, as Spring MVC writes a ProblemDetail from a controller.
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_LANGUAGE, languageOf(request).toLanguageTag());
        json.writeValue(response.getOutputStream(), body);
    }
}
