package app.assets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.data.repository.Repository;

/** The layering rules of STYLE.md, checked on the compiled main code. */
@AnalyzeClasses(packages = "app.assets", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNeitherServiceNorUi = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..service..", "..ui..");

    @ArchTest
    static final ArchRule servicesDoNotDependOnUi = noClasses()
            .that()
            .resideInAPackage("..service..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..ui..");

    @ArchTest
    static final ArchRule repositoriesAreUsedOnlyByDomainAndServiceCode = noClasses()
            .that()
            .resideOutsideOfPackages("..domain..", "..service..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(Repository.class);

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles =
            slices().matching("app.assets.(*)..").should().beFreeOfCycles();
}
