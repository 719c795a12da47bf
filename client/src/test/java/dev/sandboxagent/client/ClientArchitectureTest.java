package dev.sandboxagent.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The client is core plus the JDK (java.net.http): no Helidon, no engine, no other HTTP library. */
class ClientArchitectureTest {

    private final JavaClasses client = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sandboxagent.client");

    @Test
    void theClientUsesOnlyTheJdkTheJsonApisAndCoresContract() {
        noClasses().that().resideInAPackage("dev.sandboxagent.client..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "jakarta.json..",
                        "dev.sandboxagent.client..", "dev.sandboxagent.core.port..", "dev.sandboxagent.core.schema..",
                        "dev.sandboxagent.core.error..", "dev.sandboxagent.core.spi..")
                .because("the client is a second implementation of core's ports, over the JDK's HTTP client only")
                .check(client);
    }
}
