package app.assets.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Base of tests that drive the application over HTTP: MockMvc through the whole filter chain, and
 * a real server on a random port for what only a servlet container does (session cookies).
 * Vaadin runs in production mode so no frontend dev server is started; these tests only exercise
 * security and plain HTTP endpoints. API rate limits are sized for the tests' calls from one
 * address, and one partner origin may call the API cross-origin (ApiLimitsTest).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vaadin.productionMode=true",
            // Tests over real HTTP all call from 127.0.0.1: budgets that all their sign-ins fit in,
            // refilled so slowly that ApiLimitsTest (from addresses of its own) can count exactly.
            "assets.api.limits.anonymous=1000",
            "assets.api.limits.signed-in=300",
            "assets.api.limits.period=10h",
            "assets.api.limits.allowed-origins=https://partner.example"
        })
@AutoConfigureMockMvc
public abstract class WebIntegrationTest extends IntegrationTest {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    /** A client address no other test has used, so per-address throttling in one test leaves others alone. */
    protected static String freshAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    /** Sends the request as if from {@code address}. */
    protected static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
