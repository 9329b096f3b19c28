package app.assets.base.infra;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Decides whether an embedded service must start: only when no external one is configured. */
final class ExternalServiceConditions {

    private ExternalServiceConditions() {}

    /** True when no external PostgreSQL is configured (no {@code spring.datasource.url}). */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }

    /** True when no external RabbitMQ is configured (no host or addresses). */
    static final class NoExternalBroker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            return !env.containsProperty("spring.rabbitmq.host") && !env.containsProperty("spring.rabbitmq.addresses");
        }
    }
}
