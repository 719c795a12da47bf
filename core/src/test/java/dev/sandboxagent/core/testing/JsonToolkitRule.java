package dev.sandboxagent.core.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * {@code jakarta.json.Json.createX} looks the JSON-P provider up through the ServiceLoader on
 * every call; only the toolkit ({@code core.json.Jsons}) may call it. Each module checks its own
 * main classes with this rule.
 */
public final class JsonToolkitRule {

    public static final ArchRule NO_JSON_CREATE_OUTSIDE_THE_TOOLKIT = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.sandboxagent.core.json.Jsons")
            .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "jakarta.json.Json.create*",
                    call -> call.getTarget().getOwner().isEquivalentTo(jakarta.json.Json.class)
                            && call.getTarget().getName().startsWith("create")))
            .orShould().callMethod(jakarta.json.spi.JsonProvider.class, "provider")
            .because("each call scans the class path for the provider; use dev.sandboxagent.core.json.Jsons");

    private JsonToolkitRule() {
    }

    /** The main (non-test) classes of the packages. */
    public static JavaClasses mainClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }
}
