package com.waqup.common.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** common-lib is plumbing: no entity, no persistence, no business rule, no knowledge of any service. */
class CommonLibArchitectureTest {

    static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.waqup.common");

    @Test
    void shouldImportTheProductionClasses() {
        assertThat(COMMON.size()).isGreaterThan(10);
    }

    @Test
    void shouldContainNoEntity() {
        noClasses().should().beAnnotatedWith("jakarta.persistence.Entity")
                .orShould().beAnnotatedWith("jakarta.persistence.Embeddable")
                .orShould().beAnnotatedWith("jakarta.persistence.MappedSuperclass")
                .because("entities belong to the service that owns their schema")
                .check(COMMON);
    }

    /** Repositories and mapping belong to services; the one Redis read common-lib does is the revocation marker. */
    @Test
    void shouldNotTouchPersistenceOrRepositories() {
        noClasses().should().dependOnClassesThat(JavaClass.Predicates
                        .resideInAnyPackage("jakarta.persistence..", "org.springframework.data..")
                        .and(DescribedPredicate.not(JavaClass.Predicates
                                .resideInAPackage("org.springframework.data.redis.core.."))))
                .check(COMMON);
    }

    @Test
    void shouldNotKnowAnyService() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
                        "a waQup service", (JavaClass c) ->
                                c.getPackageName().startsWith("com.waqup.") && !c.getPackageName().startsWith("com.waqup.common")))
                .check(COMMON);
    }
}
