package app.assets.ticket.api;

import app.assets.base.api.ApiController;
import app.assets.base.api.ApiPaths;
import app.assets.base.api.InvalidField;
import app.assets.base.error.UserInputException;
import app.assets.ticket.api.TicketResources.TicketResource;
import app.assets.ticket.domain.ConditionReport;
import app.assets.ticket.domain.ConditionReport.Stage;
import app.assets.ticket.service.ConditionReportService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The handover and return condition reports over the API, as the ticket page's report panel
 * (docs/deposits.md): a side writes the report of a stage (notes here; photos are added in the
 * app) and the other side confirms it. The ticket's {@code conditionReports} lists them.
 */
@ApiController
@Tag(name = "tickets")
@SecurityRequirement(name = ApiPaths.BEARER)
@SecurityRequirement(name = ApiPaths.COOKIE)
class TicketConditionReportsApi {

    /** HANDOVER (while the loan runs) or RETURN (once it started), with the item's condition in words. */
    record ReportRequest(String stage, String notes) {}

    private final ConditionReportService reports;
    private final TicketResources resources;

    TicketConditionReportsApi(ConditionReportService reports, TicketResources resources) {
        this.reports = reports;
        this.resources = resources;
    }

    @PostMapping("/tickets/{id}/condition-reports")
    @Operation(
            summary = "Write the handover or return report (either side)",
            description = "One report per stage, notes of 1 to 2000 characters; the other side confirms it.")
    @ApiResponse(responseCode = "201", description = "Written; the ticket with its reports")
    @ApiResponse(responseCode = "404", description = "No such ticket, or not yours")
    @ApiResponse(
            responseCode = "422",
            description = "A field to change, not the time for this stage, or already written")
    ResponseEntity<TicketResource> writeConditionReport(@PathVariable long id, @RequestBody ReportRequest request) {
        Stage stage = stage(request.stage());
        try {
            reports.submit(id, stage, request.notes(), List.of());
        } catch (UserInputException e) {
            if (e.messageKey().equals("condition.empty") || e.messageKey().equals("condition.notesTooLong")) {
                throw new InvalidField("notes", e);
            }
            throw e;
        }
        return ResponseEntity.created(URI.create(ApiPaths.BASE + "/tickets/" + id))
                .body(resources.resource(id));
    }

    @PostMapping("/tickets/{id}/condition-reports/{reportId}/confirm")
    @Operation(
            summary = "Confirm the other side's report",
            description = "A confirmed report never changes; confirming twice is harmless.")
    @ApiResponse(responseCode = "200", description = "The ticket as it stands after this")
    @ApiResponse(responseCode = "404", description = "No such ticket or report, or not yours")
    @ApiResponse(responseCode = "422", description = "Your own report")
    TicketResource confirmConditionReport(@PathVariable long id, @PathVariable long reportId) {
        var ticket = resources.visible(id);
        if (reports.reports(ticket.id()).stream().map(ConditionReport::id).noneMatch(r -> r == reportId)) {
            throw TicketResources.notFound();
        }
        return resources.step(id, null, () -> {
            try {
                reports.confirm(reportId);
            } catch (UserInputException e) {
                throw e.messageKey().equals("condition.notFound") ? TicketResources.notFound() : e;
            }
        });
    }

    private static Stage stage(String stage) {
        try {
            return Stage.valueOf(String.valueOf(stage).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String all = Arrays.stream(Stage.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidField("stage", new UserInputException("api.type.unknown", all));
        }
    }
}
