package app.assets.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.notification.domain.Channel;
import app.assets.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Captured mail keeps single-use links redacted, except in a local development run, where it is the
 * only mailbox a new user has (capture-links, on in application.properties; production mode refuses
 * captured mail altogether).
 */
class CapturingSenderTest extends IntegrationTest {

    private static final String LINK = "http://localhost:8080/reset-password?token=Zk3q9TmWcY2Lx8Rb";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void capturedMailKeepsTheLinkRedactedUnlessTheRunKeepsLinksForLocalUse() {
        String redacted = bodyCapturedBy(new CapturingSender(Channel.EMAIL, jdbc, false));
        assertThat(redacted).doesNotContain("Zk3q9TmWcY2Lx8Rb").contains("token=••••");

        String kept = bodyCapturedBy(new CapturingSender(Channel.EMAIL, jdbc, true));
        assertThat(kept).contains(LINK);
    }

    private String bodyCapturedBy(CapturingSender sender) {
        String providerId = sender.send(new ChannelSender.Message(
                java.util.UUID.randomUUID().toString(),
                Channel.EMAIL,
                "someone@assets.test",
                "Reset your password",
                "Open " + LINK + " within 30 minutes."));
        long id = Long.parseLong(providerId.substring("captured:".length()));
        return jdbc.sql("select body from captured_mail where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
