package app.assets.notification.service;

import app.assets.base.crypto.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification module's encrypted columns, for the key rotation. */
@Configuration(proxyBeanMethods = false)
class NotificationSealedColumns {

    /** Single-use links until they expire, sealed for {@link NotificationOutbox#secretContext}. */
    @Bean
    SealedColumn notificationSecrets() {
        return new SealedColumn("notifications", "delivery_id", "secret_encrypted");
    }
}
