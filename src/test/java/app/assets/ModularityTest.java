package app.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules keep to their boundaries, and docs/modules holds their current diagrams. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);
    static final Path DOCS = Path.of("docs/modules");

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void theExpectedModulesAreFound() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("base", "identity", "audit", "notification", "ledger", "wallet", "payment", "listing",
                        "ticket", "report");
    }

    @Test
    void writesTheModuleDocumentationIntoDocs() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeDocumentation();
        assertThat(DOCS.resolve("components.puml")).isRegularFile();
        // The Documenter lists relations in no fixed order: sort each run of lines of the same kind
        // so the files change only when the modules do.
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc")).toList()) {
                Files.write(file, sortRuns(Files.readAllLines(file)));
            }
        }
    }

    private static List<String> sortRuns(List<String> lines) {
        var out = new ArrayList<String>(lines.size());
        var run = new ArrayList<String>();
        String kind = null;
        for (String line : lines) {
            String lineKind = kindOf(line);
            if (lineKind == null || !lineKind.equals(kind)) {
                run.sort(null);
                out.addAll(run);
                run.clear();
            }
            kind = lineKind;
            if (lineKind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        run.sort(null);
        out.addAll(run);
        return out;
    }

    /** Relation lines of the PlantUML diagrams and list items of the AsciiDoc pages are sortable. */
    private static String kindOf(String line) {
        if (line.startsWith("Rel(")) {
            return "rel";
        }
        if (line.startsWith("* ")) {
            return "item";
        }
        return null;
    }
}
