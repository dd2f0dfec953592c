package ir.aifo.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users may depend on is small and separate: the public packages hold only the types an
 * application touches, nothing in them names an internal type, and no package depends on itself
 * through others. Once 0.1 is published every public type is a promise; a new one fails here until it
 * is added to the list below, and to the list in {@code ARCHITECTURE.md}, on purpose.
 */
class PublicApiTest {

    private static final String INTERNAL = "ir.aifo.internal";

    /** Every public top-level type outside {@code ir.aifo.internal}, as listed in ARCHITECTURE.md. */
    private static final Set<String> PUBLIC_TYPES = Set.of(
            "ir.aifo.chat.AifoChatModel",
            "ir.aifo.chat.AifoChatOptions",
            "ir.aifo.chat.AifoConnection",
            "ir.aifo.chat.AifoMetadata",
            "ir.aifo.chat.AifoProtocol",
            "ir.aifo.chat.AifoResponseFormat",
            "ir.aifo.chat.InvalidApiKeyException",
            "ir.aifo.chat.error.AifoAuthenticationException",
            "ir.aifo.chat.error.AifoBadRequestException",
            "ir.aifo.chat.error.AifoConnectionException",
            "ir.aifo.chat.error.AifoException",
            "ir.aifo.chat.error.AifoModelNotInPlanException",
            "ir.aifo.chat.error.AifoQuotaExceededException",
            "ir.aifo.chat.error.AifoRateLimitException",
            "ir.aifo.chat.error.AifoServerException",
            "ir.aifo.chat.error.HubError",
            "ir.aifo.quota.HubQuota",
            "ir.aifo.quota.QuotaBucket",
            "ir.aifo.quota.QuotaListener",
            "ir.aifo.quota.QuotaTracker",
            "ir.aifo.routing.AifoRouteUnavailableException",
            "ir.aifo.routing.AifoRouter",
            "ir.aifo.routing.RouteListener",
            "ir.aifo.routing.RouteTarget",
            "ir.aifo.routing.TargetUnavailable");

    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ir.aifo");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("ir.aifo.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void thePublicTypesOutsideInternalAreTheListedOnesAndAtMostTwentyFive() {
        Set<String> found = new TreeSet<>();
        for (JavaClass type : LIBRARY) {
            if (type.isTopLevelClass()
                    && type.getModifiers().contains(JavaModifier.PUBLIC)
                    && !type.getPackageName().startsWith(INTERNAL)) {
                found.add(type.getName());
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
        assertThat(found).hasSizeLessThanOrEqualTo(25);
    }

    @Test
    void noPublicSignatureOutsideInternalNamesAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass type : LIBRARY) {
            if (type.getPackageName().startsWith(INTERNAL) || !isVisible(type)) {
                continue;
            }
            Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream())
                    .filter(PublicApiTest::isInternal)
                    .forEach(supertype -> leaks.add(type.getName() + " extends " + supertype.getName()));
            for (JavaMember member : type.getMembers()) {
                if (!isVisible(member)) {
                    continue;
                }
                for (JavaClass used : signatureOf(member)) {
                    if (isInternal(used)) {
                        leaks.add(member.getFullName() + " names " + used.getName());
                    }
                }
            }
        }
        assertThat(leaks).as("internal types in public signatures").isEmpty();
    }

    private static boolean isVisible(JavaClass type) {
        // Public, and (for a nested type) reachable: every enclosing type public too.
        for (JavaClass current = type;
                current != null;
                current = current.getEnclosingClass().orElse(null)) {
            if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(JavaMember member) {
        return member.getModifiers().contains(JavaModifier.PUBLIC)
                || member.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static List<JavaClass> signatureOf(JavaMember member) {
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit code) {
            types.addAll(code.getReturnType().getAllInvolvedRawTypes());
            for (JavaType parameter : code.getParameterTypes()) {
                types.addAll(parameter.getAllInvolvedRawTypes());
            }
            types.addAll(code.getThrowsClause().getTypes());
        }
        return types;
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith(INTERNAL);
    }
}
