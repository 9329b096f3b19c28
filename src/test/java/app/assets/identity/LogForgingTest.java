package app.assets.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import app.assets.support.WebIntegrationTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A visitor cannot forge log lines or audit rows with what they type: a login name carrying CR LF
 * and a made-up log line reaches the log escaped on the real line, and the audit log without its
 * line break. The application's own multi-line messages keep their lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingTest extends WebIntegrationTest {

    static final String FORGED =
            "2026-01-01T00:00:00.000Z  INFO 1 --- [assets] [main] app.assets.Audit : admin@assets.local granted ADMIN";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLoginNameWithALineBreakCannotForgeALogLineOrAnAuditRow(CapturedOutput output) throws Exception {
        String name = "forger-" + System.nanoTime() + "@example.com";

        mvc.perform(post("/login")
                        .param("username", name + "\r\n" + FORGED)
                        .param("password", "whatever")
                        .with(csrf())
                        .with(from(freshAddress())))
                .andExpect(redirectedUrl("/login?error"));

        assertThat(output.getOut()).contains("Sign-in failed for " + name + "\\r\\n" + FORGED);
        assertThat(Arrays.stream(output.getOut().split("\n")).filter(line -> line.startsWith(FORGED.substring(0, 24))))
                .isEmpty();
        var actors = jdbc.sql(
                        "select actor from audit_log where action = 'signin' and outcome = 'FAILURE' and actor like ?")
                .param(name + "%")
                .query(String.class)
                .list();
        assertThat(actors).containsExactly(name + " " + FORGED);
    }

    @Test
    void anExceptionMessageQuotingTypedTextStaysOnOneLine(CapturedOutput output) {
        Logger log = LoggerFactory.getLogger(LogForgingTest.class);
        var typed = new NumberFormatException("For input string: \"12\r\n" + FORGED + "\"");

        log.warn("Could not read the amount", new IllegalStateException("wrapped", typed));

        assertThat(output.getOut())
                .contains("For input string: \"12\\r\\n" + FORGED + "\"")
                .contains("\tat app.assets.");
        assertThat(Arrays.stream(output.getOut().split("\n")).filter(line -> line.startsWith(FORGED.substring(0, 24))))
                .isEmpty();
    }

    @Test
    void argumentsAreKeptOnOneLineWhileTheMessagesOwnLinesStay(CapturedOutput output) {
        Logger log = LoggerFactory.getLogger(LogForgingTest.class);

        log.info("Report:\n - first {}\n - second {}", "a\rb", "c\nd\u0000e\u2028f");

        assertThat(output.getOut()).contains("Report:\n - first a\\rb\n - second c\\nd\\u0000e\\u2028f");
    }
}
