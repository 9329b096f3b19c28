/**
 * Templates, the transactional outbox, the relay to RabbitMQ, the email/SMS/WhatsApp consumers,
 * preferences, broadcasts and their views. It listens to the other modules' events.
 * Its allowed dependencies are those docs/architecture.md draws; ModularityTest enforces them.
 */
@ApplicationModule(
        allowedDependencies = {"base", "audit", "identity", "ledger", "listing", "payment", "review", "ticket", "wallet"
        })
package app.assets.notification;

import org.springframework.modulith.ApplicationModule;
