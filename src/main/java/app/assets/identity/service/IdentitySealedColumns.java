package app.assets.identity.service;

import app.assets.base.crypto.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity module's encrypted columns, for the key rotation. */
@Configuration(proxyBeanMethods = false)
class IdentitySealedColumns {

    /** Phone numbers, sealed for {@link AccountService#phoneContext}. */
    @Bean
    SealedColumn userPhones() {
        return new SealedColumn("users", "id", "phone_encrypted");
    }
}
