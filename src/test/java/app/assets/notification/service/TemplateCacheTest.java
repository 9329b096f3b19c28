package app.assets.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.support.IntegrationTest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node's copy of the templates never outlives a template saved on it: a read of the table that
 * saw the rows before the save committed is not kept once the save dropped the copy, whether it
 * was still running when the save committed or ran in a transaction older than the save.
 */
class TemplateCacheTest extends IntegrationTest {

    static final String EDITED = "Edited: {amount}, {reason}";

    @Autowired
    TemplateCache cache;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Clock clock;

    @Autowired
    NotificationProperties properties;

    String original;

    @BeforeEach
    void rememberTheTemplate() {
        original = jdbc.sql("select body from notification_templates"
                        + " where event = 'TOPUP_FAILED' and channel = 'SMS' and language = 'en'")
                .query(String.class)
                .single();
    }

    @AfterEach
    void restoreTheTemplate() {
        save(original);
    }

    @Test
    void aReadStillRunningWhenASaveCommitsIsNotKept() throws Exception {
        var rowsRead = new CountDownLatch(1);
        var goOn = new CountDownLatch(1);
        // The real cache over a JdbcTemplate whose queries, once they have read their rows, wait for the test.
        var pausing = new JdbcTemplate(dataSource) {
            @Override
            public void query(PreparedStatementCreator statement, RowCallbackHandler rows) {
                super.query(statement, rows);
                rowsRead.countDown();
                try {
                    goOn.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        var node = new TemplateCache(JdbcClient.create(pausing), clock, properties);

        var notification = CompletableFuture.supplyAsync(node::current);
        assertThat(rowsRead.await(30, TimeUnit.SECONDS))
                .as("the read has its rows")
                .isTrue();
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> {
            save(EDITED);
            node.dropAfterCommit();
        });
        goOn.countDown();

        assertThat(smsBody(notification.get(30, TimeUnit.SECONDS)))
                .as("the read began before the save")
                .isEqualTo(original);
        assertThat(smsBody(node.current()))
                .as("the next notification on this node")
                .isEqualTo(EDITED);
    }

    @Test
    void aReadInATransactionOlderThanASaveIsNotKept() {
        var repeatableRead = new TransactionTemplate(transactionManager);
        repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        String seen = repeatableRead.execute(s -> {
            // The transaction's snapshot is taken by its first statement, before the save commits.
            jdbc.sql("select count(*) from notification_templates")
                    .query(Integer.class)
                    .single();
            CompletableFuture.runAsync(() -> save(EDITED)).join();
            return smsBody(cache.current());
        });

        assertThat(seen).as("the transaction sees the table as it began").isEqualTo(original);
        assertThat(smsBody(cache.current()))
                .as("the next notification on this node")
                .isEqualTo(EDITED);
    }

    private void save(String body) {
        actAs("admin@assets.local");
        try {
            templates.save(NotificationEvent.TOPUP_FAILED, Channel.SMS, "en", "", body);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String smsBody(Map<String, Map<String, TemplateCache.Template>> byEvent) {
        return TemplateCache.pick(byEvent, NotificationEvent.TOPUP_FAILED, Channel.SMS, "en")
                .body();
    }
}
