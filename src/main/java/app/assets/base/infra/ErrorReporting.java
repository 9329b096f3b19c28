package app.assets.base.infra;

import io.sentry.Sentry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Sends unexpected errors of web requests to Sentry when {@code sentry.dsn} (SENTRY_DSN) is set.
 * Without a DSN this configuration does not exist: the SDK is never initialised, so nothing is sent
 * and nothing is logged. Uses Sentry's core SDK, because its Spring Boot 4 starter is not available
 * here; a resolver placed before every other one sees each exception a handler throws, reports it
 * unless it is a client error (a 4xx {@link ErrorResponse}), and leaves the response to the others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${sentry.dsn:}'.isBlank()")
class ErrorReporting implements DisposableBean {

    ErrorReporting(
            @Value("${sentry.dsn}") String dsn,
            @Value("${sentry.environment:${assets.environment:development}}") String environment) {
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setEnvironment(environment);
            options.setRelease("assets@" + getClass().getPackage().getImplementationVersion());
            options.setSendDefaultPii(false);
        });
    }

    @Bean
    HandlerExceptionResolver sentryReportingResolver() {
        return new ReportingResolver();
    }

    @Override
    public void destroy() {
        Sentry.close();
    }

    /** Reports and declines, so the application's own resolvers still answer the request. */
    static final class ReportingResolver implements HandlerExceptionResolver, Ordered {

        @Override
        public ModelAndView resolveException(
                HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
            if (!(exception instanceof ErrorResponse error
                    && error.getStatusCode().is4xxClientError())) {
                Sentry.captureException(exception);
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
