package app.assets.base.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.sentry.Sentry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Errors go to Sentry only when a DSN is set: a local stand-in for Sentry's ingest receives the
 * envelope of an unexpected exception in a request, a client error is not reported, and without a
 * DSN there is no reporting configuration and the SDK stays off.
 */
class ErrorReportingTest {

    private final WireMockServer sentry = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeEach
    void startStandIn() {
        sentry.start();
        sentry.stubFor(post(urlPathEqualTo("/api/1/envelope/"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void stop() {
        Sentry.close();
        sentry.stop();
    }

    private final WebApplicationContextRunner context =
            new WebApplicationContextRunner().withUserConfiguration(ErrorReporting.class);

    @Test
    void anUnexpectedExceptionInARequestIsSentAsAnEnvelopeWhenADsnIsSet() {
        context.withPropertyValues("sentry.dsn=http://public@127.0.0.1:" + sentry.port() + "/1")
                .run(app -> {
                    var resolver = app.getBean(HandlerExceptionResolver.class);
                    var notHandled = resolver.resolveException(
                            new MockHttpServletRequest("GET", "/boom"),
                            new MockHttpServletResponse(),
                            null,
                            new IllegalStateException("the unexpected"));
                    assertThat(notHandled)
                            .as("the app's own resolvers still answer")
                            .isNull();
                    Sentry.flush(5000);
                    sentry.verify(1, postRequestedFor(urlPathEqualTo("/api/1/envelope/")));
                    assertThat(sentry.getAllServeEvents()
                                    .getFirst()
                                    .getRequest()
                                    .getBodyAsString())
                            .contains("the unexpected");

                    resolver.resolveException(
                            new MockHttpServletRequest("GET", "/missing"),
                            new MockHttpServletResponse(),
                            null,
                            new ResponseStatusException(HttpStatus.NOT_FOUND));
                    Sentry.flush(2000);
                    sentry.verify(1, postRequestedFor(urlPathEqualTo("/api/1/envelope/")));
                });
    }

    @Test
    void withoutADsnNothingIsConfiguredAndNothingIsSent() {
        context.run(app -> {
            assertThat(app).doesNotHaveBean(ErrorReporting.class);
            assertThat(app).doesNotHaveBean(HandlerExceptionResolver.class);
            assertThat(Sentry.isEnabled()).isFalse();
        });
        context.withPropertyValues("sentry.dsn=").run(app -> assertThat(app).doesNotHaveBean(ErrorReporting.class));
        assertThat(sentry.getAllServeEvents()).isEmpty();
    }
}
