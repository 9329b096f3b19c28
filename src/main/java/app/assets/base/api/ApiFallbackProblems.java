package app.assets.base.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Problem details for API requests that no controller took: an unknown path (404), a method the
 * path does not offer (405), a body of a type the path does not take (415) or an upload too large
 * to parse (413). Spring raises these before choosing a controller, so
 * {@link ApiExceptionHandler} never sees them; outside {@code /api/v1} they go on to Spring's
 * usual handling untouched.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiFallbackProblems {

    private final ApiProblems problems;

    ApiFallbackProblems(ApiProblems problems) {
        this.problems = problems;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        return respond(e, request, HttpStatus.NOT_FOUND, null);
    }

    /** An upload over {@code spring.servlet.multipart.max-file-size}: refused while parsing, before any controller. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request)
            throws Exception {
        return respond(e, request, HttpStatus.CONTENT_TOO_LARGE, null);
    }

    /** JSON sent where a photo upload (multipart) is expected, or the reverse. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> wrongType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        return respond(e, request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        var allowed = e.getSupportedHttpMethods();
        return respond(
                e,
                request,
                HttpStatus.METHOD_NOT_ALLOWED,
                allowed == null
                        ? null
                        : String.join(
                                ", ", allowed.stream().map(Object::toString).toList()));
    }

    private ResponseEntity<ProblemDetail> respond(
            Exception e, HttpServletRequest request, HttpStatus status, String allow) throws Exception {
        if (!request.getRequestURI().startsWith(ApiPaths.BASE + "/")) {
            throw e;
        }
        var response = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(
                        HttpHeaders.CONTENT_LANGUAGE,
                        ApiProblems.languageOf(request).toLanguageTag());
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.body(problems.problem(request, status, "api.status." + status.value()));
    }
}
