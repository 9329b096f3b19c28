package app.assets.base.api;

import app.assets.base.error.UserInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of an {@link ApiController} into a problem detail in the caller's language:
 * 422 with one message per field for input a person can correct, a service's refusal with the
 * status {@link ApiRefusals} gives its key (404, 403, 409; else 422), 403 for a refused permission,
 * Spring MVC's own statuses for malformed requests, and a plain 500 (logged, never a stack trace)
 * for anything else.
 */
@RestControllerAdvice(annotations = ApiController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiProblems problems;

    ApiExceptionHandler(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    ResponseEntity<Object> apiRefusal(ApiException e, HttpServletRequest request) {
        return respond(problems.problem(request, e.status(), e.messageKey()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> userInput(UserInputException e, HttpServletRequest request) {
        var status = ApiRefusals.statusOf(e.messageKey()).orElse(HttpStatus.UNPROCESSABLE_CONTENT);
        var problem = problems.problem(request, status, e.messageKey(), e.arguments());
        return respond(problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> invalidField(InvalidField e, HttpServletRequest request) {
        var input = e.userInput();
        String message = problems.text(request, input.messageKey(), input.arguments());
        var problem = problems.problem(request, HttpStatus.UNPROCESSABLE_CONTENT, "api.invalid");
        problem.setProperty(
                "errors", List.of(Map.of("field", e.field(), "code", input.messageKey(), "message", message)));
        return respond(problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(problems.problem(request, HttpStatus.FORBIDDEN, "api.forbidden"), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("API request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.problem(request, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var servletRequest = servletRequest(request);
        var errors = new ArrayList<Map<String, String>>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            if (errors.stream().noneMatch(m -> m.get("field").equals(error.getField()))) {
                String key = error.getDefaultMessage() == null ? "api.invalid" : error.getDefaultMessage();
                errors.add(
                        Map.of("field", error.getField(), "code", key, "message", problems.text(servletRequest, key)));
            }
        }
        var problem = problems.problem(servletRequest, HttpStatus.UNPROCESSABLE_CONTENT, "api.invalid");
        problem.setProperty("errors", errors);
        return respond(problem, servletRequest);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var servletRequest = servletRequest(request);
        var errors = new ArrayList<Map<String, String>>();
        e.getParameterValidationResults().forEach(result -> {
            String field = result.getMethodParameter().getParameterName();
            String key = result.getResolvableErrors().isEmpty()
                    ? "api.invalid"
                    : result.getResolvableErrors().getFirst().getDefaultMessage();
            errors.add(Map.of(
                    "field",
                    String.valueOf(field),
                    "code",
                    String.valueOf(key),
                    "message",
                    problems.text(servletRequest, String.valueOf(key))));
        });
        var problem = problems.problem(servletRequest, HttpStatus.UNPROCESSABLE_CONTENT, "api.invalid");
        problem.setProperty("errors", errors);
        return respond(problem, servletRequest);
    }

    /** Spring MVC's own refusals (unreadable body, wrong method or media type, missing header...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var servletRequest = servletRequest(request);
        HttpStatus known = HttpStatus.resolve(status.value());
        String key = "api.status." + status.value();
        if (known == null || problems.text(servletRequest, key).startsWith("!")) {
            key = "api.status.400";
        }
        var problem = problems.problem(servletRequest, known == null ? HttpStatus.BAD_REQUEST : known, key);
        var response = respond(problem, servletRequest);
        return ResponseEntity.status(response.getStatusCode())
                .headers(headers)
                .headers(response.getHeaders())
                .body(response.getBody());
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(
                        HttpHeaders.CONTENT_LANGUAGE,
                        ApiProblems.languageOf(request).toLanguageTag())
                .body(problem);
    }
}
