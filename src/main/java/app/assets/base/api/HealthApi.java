package app.assets.base.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /api/v1/health}: the application's overall health, as Spring Boot's health endpoint computes it. */
@ApiController
@Tag(name = "health")
class HealthApi {

    /** The overall status only: the components' details are for operators ({@code /actuator/health}). */
    record Health(String status) {}

    private final HealthEndpoint health;

    HealthApi(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/health")
    @Operation(summary = "Is the service up", description = "UP with 200, anything else with 503.")
    @SecurityRequirements
    ResponseEntity<Health> health() {
        var status = health.health().getStatus();
        boolean up = "UP".equals(status.getCode());
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(status.getCode()));
    }
}
