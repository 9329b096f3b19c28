package app.assets.audit;

import app.assets.base.ui.RouteRefused;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes refused navigation attempts, published by the UI, to the audit log. */
@Component
class RefusalAuditing {

    private final AuditLog audit;

    RefusalAuditing(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void routeRefused(RouteRefused event) {
        audit.denied("navigation.refused", "route", null, event.path());
    }
}
