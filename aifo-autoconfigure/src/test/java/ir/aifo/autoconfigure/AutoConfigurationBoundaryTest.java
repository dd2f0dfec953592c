package ir.aifo.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The auto-configuration is built on the library's public API alone, as an application would be:
 * what it needs of the library is a promise to every user too. A type it has to use from
 * {@code ir.aifo.internal} would be named here, with the reason.
 */
class AutoConfigurationBoundaryTest {

    private static final JavaClasses AUTO_CONFIGURATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ir.aifo.autoconfigure");

    @Test
    void usesNoInternalTypeOfTheLibrary() {
        // A rule over no classes would pass whatever the code: the auto-configuration must be there to check.
        assertThat(AUTO_CONFIGURATION.contain(AifoChatAutoConfiguration.class)).isTrue();
        noClasses()
                .that()
                .resideInAPackage("ir.aifo.autoconfigure..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ir.aifo.internal..")
                .check(AUTO_CONFIGURATION);
    }
}
