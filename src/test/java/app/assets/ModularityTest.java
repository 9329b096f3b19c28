package app.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

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
                .containsExactlyInAnyOrder(
                        "base",
                        "identity",
                        "audit",
                        "notification",
                        "ledger",
                        "wallet",
                        "payment",
                        "listing",
                        "ticket",
                        "review",
                        "report");
    }

    @Test
    void everyModuleDeclaresItsAllowedDependencies() {
        assertThat(MODULES.stream().filter(m -> !m.getIdentifier().toString().equals("base")))
                .allSatisfy(m -> {
                    var declaration = Class.forName(m.getBasePackage().getName() + ".package-info")
                            .getAnnotation(ApplicationModule.class);
                    assertThat(declaration)
                            .as("@ApplicationModule on %s's package-info", m.getIdentifier())
                            .isNotNull();
                    assertThat(declaration.allowedDependencies())
                            .as("%s's allowed dependencies", m.getIdentifier())
                            .isNotEmpty();
                });
    }

    /**
     * The diagrams and pages in docs/modules are the ones the current code produces: they are
     * generated into target/ and compared file by file. After a change of the modules, copy the
     * generated files over (the failure message names the command).
     */
    @Test
    void docsModulesHoldTheCurrentModuleDocumentation() throws IOException {
        Path generated = Path.of("target/modules-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeDocumentation();
        // The Documenter lists relations in no fixed order: sort each run of lines of the same kind
        // so the files change only when the modules do.
        List<Path> files;
        try (Stream<Path> listing = Files.list(generated)) {
            files = listing.filter(
                            f -> f.toString().endsWith(".puml") || f.toString().endsWith(".adoc"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            Files.write(file, sortRuns(Files.readAllLines(file)));
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("components.puml");
        try (Stream<Path> listing = Files.list(DOCS)) {
            assertThat(listing.map(f -> f.getFileName().toString()).sorted())
                    .as("files in docs/modules")
                    .containsExactlyElementsOf(
                            files.stream().map(f -> f.getFileName().toString()).toList());
        }
        for (Path file : files) {
            assertThat(Files.readAllLines(DOCS.resolve(file.getFileName())))
                    .as("docs/modules/%s is out of date: cp target/modules-docs/* docs/modules/", file.getFileName())
                    .isEqualTo(Files.readAllLines(file));
        }
    }

    private static List<String> sortRuns(List<String> lines) {
        var out = new ArrayList<String>(lines.size());
        var run = new ArrayList<String>();
        String kind = null;
        for (String line : lines) {
            String lineKind = kindOf(line);
            if (lineKind == null || !lineKind.equals(kind) || line.startsWith("|")) {
                flush(run, out);
            }
            kind = lineKind;
            if (lineKind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        flush(run, out);
        return out;
    }

    /**
     * Sorts a run of lines into out. A list in an AsciiDoc table cell starts with "|* ": the cell
     * mark stays on the first line whichever item comes first.
     */
    private static void flush(List<String> run, List<String> out) {
        boolean cell = !run.isEmpty() && run.getFirst().startsWith("|");
        var sorted = new ArrayList<String>(run.stream()
                .map(l -> l.startsWith("|") ? l.substring(1) : l)
                .sorted()
                .toList());
        if (cell) {
            sorted.set(0, "|" + sorted.getFirst());
        }
        out.addAll(sorted);
        run.clear();
    }

    /** Relation lines of the PlantUML diagrams and list items of the AsciiDoc pages are sortable. */
    private static String kindOf(String line) {
        if (line.startsWith("Rel(")) {
            return "rel";
        }
        if (line.startsWith("* ") || line.startsWith("|* ")) {
            return "item";
        }
        return null;
    }
}
