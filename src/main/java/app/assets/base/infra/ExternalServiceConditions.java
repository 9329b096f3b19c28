package app.assets.base.infra;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Decides whether an embedded service must start: only when no external one is configured. */
final class ExternalServiceConditions {

    private ExternalServiceConditions() {}

    static boolean noExternalDatabase(Environment env) {
        return !env.containsProperty("spring.datasource.url");
    }

    static boolean noExternalBroker(Environment env) {
        return !env.containsProperty("spring.rabbitmq.host") && !env.containsProperty("spring.rabbitmq.addresses");
    }

    /** True when no external PostgreSQL is configured (no {@code spring.datasource.url}). */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return noExternalDatabase(context.getEnvironment());
        }
    }

    /** True when no external RabbitMQ is configured (no host or addresses). */
    static final class NoExternalBroker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return noExternalBroker(context.getEnvironment());
        }
    }
}
