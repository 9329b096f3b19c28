package app.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries in the data too: a module's SQL names only its own tables. Other modules' data
 * comes through the owning module's API. Only {@code report}, the read model over the system of
 * record, may read every table. Today's exceptions are listed below as debt to pay (issue 11): the
 * test fails on any new one, and on a listed one that is gone (so the list only shrinks).
 */
class ModuleTablesTest {

    /** Which module owns each table the migrations create. */
    static final Map<String, String> OWNER = byTable(
            Map.of(
                    "identity",
                            List.of(
                                    "roles",
                                    "permissions",
                                    "role_permissions",
                                    "users",
                                    "known_sign_in_addresses",
                                    "user_roles",
                                    "user_tokens",
                                    "persistent_logins",
                                    "oauth_identities",
                                    "login_throttle",
                                    "api_refresh_tokens",
                                    "crypto_rotation_jobs"),
                    "audit", List.of("audit_log"),
                    "notification",
                            List.of(
                                    "captured_mail",
                                    "notification_templates",
                                    "broadcasts",
                                    "notifications",
                                    "notification_preferences"),
                    "ledger",
                            List.of(
                                    "ledger_accounts",
                                    "ledger_transactions",
                                    "ledger_entries",
                                    "ledger_holds",
                                    "ledger_check_runs"),
                    "wallet", List.of("withdrawals", "adjustment_requests", "transfer_misses"),
                    "payment",
                            List.of("payments", "payment_events", "payment_reconciliation_runs", "payment_mismatches"),
                    "listing", List.of("listings", "listing_photos", "listing_calendar"),
                    "ticket",
                            List.of(
                                    "tickets",
                                    "ticket_events",
                                    "ticket_comments",
                                    "ticket_attachments",
                                    "ticket_condition_reports",
                                    "ticket_condition_photos",
                                    "ticket_deposits",
                                    "ticket_claim_evidence"),
                    "report", List.of("daily_aggregates", "daily_ticket_aggregates", "report_exports"),
                    "base", List.of("shedlock", "api_idempotency_keys")),
            // Map.of takes at most ten modules: later ones follow in maps of their own.
            Map.of("review", List.of("review_rounds", "reviews", "review_reports")));

    /** Source file and foreign table of the queries still to move onto the owner's API (none left). */
    static final Set<String> KNOWN_DEBT = Set.of();

    static final Path MAIN = Path.of("src/main/java/app/assets");
    static final Pattern TABLE_REFERENCE =
            Pattern.compile("\\b(?:from|join|into|update)\\s+([a-z_]+)\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern CREATE_TABLE = Pattern.compile("create table\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableTheMigrationsCreateHasAnOwningModule() throws IOException {
        var created = new TreeSet<String>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                var matcher = CREATE_TABLE.matcher(Files.readString(file));
                while (matcher.find()) {
                    created.add(matcher.group(1).toLowerCase());
                }
            }
        }
        assertThat(OWNER.keySet()).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void noModuleButReportNamesAnotherModulesTableInItsSql() throws IOException {
        var found = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = MAIN.relativize(file).toString().replace('\\', '/');
                String module = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
                if (module.isEmpty() || module.equals("report")) {
                    continue;
                }
                var matcher = TABLE_REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String owner = OWNER.get(matcher.group(1).toLowerCase());
                    if (owner != null && !owner.equals(module) && !owner.equals("base")) {
                        found.add(relative + " -> " + matcher.group(1).toLowerCase());
                    }
                }
            }
        }
        assertThat(found.stream().filter(f -> !KNOWN_DEBT.contains(f)).collect(Collectors.toList()))
                .as("SQL naming another module's table: use that module's API")
                .isEmpty();
        assertThat(KNOWN_DEBT.stream().filter(d -> !found.contains(d)).collect(Collectors.toList()))
                .as("paid debt: remove it from KNOWN_DEBT")
                .isEmpty();
    }

    @SafeVarargs
    private static Map<String, String> byTable(Map<String, List<String>>... tablesByModule) {
        var owners = new HashMap<String, String>();
        for (var map : tablesByModule) {
            map.forEach((module, tables) -> tables.forEach(table -> owners.put(table, module)));
        }
        return Map.copyOf(owners);
    }
}
