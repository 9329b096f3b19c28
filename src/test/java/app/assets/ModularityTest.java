package app.assets;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules keep to their boundaries, and docs/modules holds their current diagrams. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        MODULES.verify();
    }

    @Test
    void theExpectedModulesAreFound() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("base", "identity", "audit", "notification");
    }

    @Test
    void writesTheModuleDocumentationIntoDocs() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeDocumentation();
        assertThat(new java.io.File("docs/modules/components.puml")).isFile();
    }
}
