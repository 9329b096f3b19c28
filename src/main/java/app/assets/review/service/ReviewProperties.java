package app.assets.review.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of reviews (see docs/reviews.md).
 *
 * @param window   how long after a ticket completes its two sides may review each other; when it
 *                 closes, whatever was written is published and nothing more can be written
 * @param jobDelay pause between runs of the job that publishes the rounds whose window closed
 */
@ConfigurationProperties("assets.review")
public record ReviewProperties(
        @DefaultValue("14d") Duration window,
        @DefaultValue("5m") Duration jobDelay) {

    public ReviewProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("assets.review.window must be positive, not " + window);
        }
    }
}
