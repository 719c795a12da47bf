package dev.sandboxagent.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sandboxagent.core.testing.JsonToolkitRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** core is the hexagon: JDK plus the JSON-B/JSON-P APIs, nothing else — no framework, no implementation. */
class CoreArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sandboxagent.core");

    @Test
    void coreImportsOnlyTheJdkAndTheJsonApis() {
        noClasses().that().resideInAPackage("dev.sandboxagent.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "java..", "javax.annotation..", "jakarta.json..", "dev.sandboxagent.core..")
                .because("core must stay free of frameworks and implementations (DESIGN.md, hexagon)")
                .check(core);
    }

    @Test
    void coreKnowsNothingOfTheOuterModules() {
        noClasses().that().resideInAPackage("dev.sandboxagent.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.sandboxagent.http..", "dev.sandboxagent.daemon..", "dev.sandboxagent.adapters..",
                        "io.helidon..", "org.eclipse.yasson..", "org.eclipse.parsson..", "picocli..")
                .check(core);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.sandboxagent.core.(*)..")
                .should().beFreeOfCycles()
                .because("each core package builds on the ones below it, never back (issue 13)")
                .check(core);
    }

    @Test
    void portsKnowNothingOfTheEngine() {
        noClasses().that().resideInAPackage("dev.sandboxagent.core.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.sandboxagent.core.engine..")
                .because("the ports are the contract; the engine is one implementation of them (issue 13)")
                .check(core);
    }

    @Test
    void onlyTheJsonToolkitCallsJsonCreate() {
        JsonToolkitRule.NO_JSON_CREATE_OUTSIDE_THE_TOOLKIT.check(core);
    }

    @Test
    void theJsonRuleWouldCatchAJsonCreateCall() {
        JavaClasses offender = new ClassFileImporter().importClasses(CallsJsonCreate.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JsonToolkitRule.NO_JSON_CREATE_OUTSIDE_THE_TOOLKIT.check(offender))
                .isInstanceOf(AssertionError.class).hasMessageContaining("createObjectBuilder");
    }

    /** What the rule forbids. */
    static final class CallsJsonCreate {
        Object build() {
            return jakarta.json.Json.createObjectBuilder().build();
        }
    }

    @Test
    void theRuleWouldCatchAFrameworkImport() {
        // Guard against a rule that can never fail: this test class itself imports ArchUnit and JUnit.
        JavaClasses self = new ClassFileImporter().importClasses(CoreArchitectureTest.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses()
                        .should().dependOnClassesThat().resideOutsideOfPackages(
                                "java..", "javax.annotation..", "jakarta.json..", "dev.sandboxagent.core..")
                        .check(self))
                .isInstanceOf(AssertionError.class);
    }
}
