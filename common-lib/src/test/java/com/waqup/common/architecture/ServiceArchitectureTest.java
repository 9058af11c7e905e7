package com.waqup.common.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.waqup.common.test.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The package-shape rule every service's tests run ({@link ServiceArchitecture}), shown passing on a service that
 * keeps the shape and failing, rule by rule, on one that breaks it on purpose (fixtures in
 * {@code com.waqup.archfixture}).
 */
class ServiceArchitectureTest {

    static final String CLEAN = "com.waqup.archfixture.clean";
    static final String BROKEN = "com.waqup.archfixture.broken";

    static JavaClasses classesOf(String root) {
        return new ClassFileImporter().importPackages(root);
    }

    @Test
    void shouldAcceptAServiceThatKeepsTheShape() {
        assertThatCode(() -> ServiceArchitecture.check(classesOf(CLEAN), CLEAN)).doesNotThrowAnyException();
    }

    @Test
    void shouldFailOnACycleBetweenCapabilities() {
        assertThatThrownBy(() -> ServiceArchitecture.noCycles(BROKEN).check(classesOf(BROKEN)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("capability orders")
                .hasMessageContaining("capability billing");
    }

    @Test
    void shouldFailWhenAControllerIsGivenAnotherCapabilitysService() {
        assertThatThrownBy(() -> ServiceArchitecture.controllersStayInTheirCapability(BROKEN).check(classesOf(BROKEN)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(BROKEN + ".orders.OrderController is given " + BROKEN + ".billing.Invoices of capability billing");
    }

    @Test
    void shouldFailWhenAClassUsesAnotherCapabilitysListener() {
        assertThatThrownBy(() -> ServiceArchitecture.noCapabilityUsesAnothersInternals(BROKEN).check(classesOf(BROKEN)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(BROKEN + ".orders.Orders")
                .hasMessageContaining(BROKEN + ".billing.PaymentListener");
    }

    @Test
    void shouldLetTheCleanServicesControllerUseItsOwnCapabilityAndConfig() {
        assertThatCode(() -> ServiceArchitecture.controllersStayInTheirCapability(CLEAN).check(classesOf(CLEAN)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldFailTheWholeCheckOfTheBrokenService() {
        assertThatThrownBy(() -> ServiceArchitecture.check(classesOf(BROKEN), BROKEN)).isInstanceOf(AssertionError.class);
    }
}
