package com.waqup.common.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The one package shape of a waQup service (docs/contributing.md), checked by every service's tests
 * ({@link ServiceContractIT}, and the gateway's own architecture test). A service's root package holds its
 * application class; below it, one package per capability ({@code ledger}, {@code job}, {@code voice}…) with that
 * capability's HTTP and messaging edges inside it, plus {@code config} (wiring and properties no single capability
 * owns) and {@code privacy} (the service's part of the account export and erasure).
 * <ol>
 * <li>No cycles between the packages directly below the root.</li>
 * <li>A controller calls its own capability only: what it is given to call (its fields and constructor parameters)
 * comes from its own capability, {@code config}, common-lib or a library. It may read the values its own services
 * return, whichever capability defines them; a use case of another capability is reached through its own service.</li>
 * <li>No class uses another capability's internals: its edges (controllers, message listeners) and its wiring
 * (configuration classes). What a capability offers others is its public types: services, values, events, and
 * where one capability owns the aggregate others work on (user-service's {@code account}) its entity and
 * repository. Everything else is package-private, which the compiler enforces; this rule covers the classes
 * Spring needs to see.</li>
 * </ol>
 */
public final class ServiceArchitecture {

    /** Packages every capability may use: the service-wide wiring and settings. */
    public static final Set<String> SHARED = Set.of("config");

    private static final List<String> CONTROLLERS = List.of("org.springframework.web.bind.annotation.RestController",
            "org.springframework.stereotype.Controller");
    private static final List<String> INTERNAL_ANNOTATIONS = List.of("org.springframework.web.bind.annotation.RestController",
            "org.springframework.stereotype.Controller", "org.springframework.context.annotation.Configuration",
            "org.springframework.boot.autoconfigure.AutoConfiguration");
    private static final String RABBIT_LISTENER = "org.springframework.amqp.rabbit.annotation.RabbitListener";

    private ServiceArchitecture() {
    }

    /** Checks the production classes of the service whose root package is {@code root} ({@code com.waqup.credit}). */
    public static void check(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        check(classes, root);
    }

    /** Checks {@code classes}, the classes of the service whose root package is {@code root}. */
    public static void check(JavaClasses classes, String root) {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + root);
        }
        rules(root).check(classes);
    }

    /** The three rules, as one: a failure lists every violation of every rule. */
    public static ArchRule rules(String root) {
        return CompositeArchRule.of(noCycles(root)).and(controllersStayInTheirCapability(root))
                .and(noCapabilityUsesAnothersInternals(root));
    }

    public static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("capability $1")
                .should().beFreeOfCycles()
                .allowEmptyShould(true);
    }

    public static ArchRule controllersStayInTheirCapability(String root) {
        return classes().that(areControllers()).and().resideInAPackage(root + ".*..")
                .should(new ArchCondition<JavaClass>("be given collaborators of their own capability only") {
                    @Override
                    public void check(JavaClass controller, ConditionEvents events) {
                        Optional<String> own = capability(root, controller);
                        Set<JavaClass> collaborators = new LinkedHashSet<>();
                        controller.getFields().forEach(f -> collaborators.add(f.getRawType()));
                        controller.getConstructors().forEach(c -> collaborators.addAll(c.getRawParameterTypes()));
                        boolean crossed = false;
                        for (JavaClass collaborator : collaborators) {
                            Optional<String> theirs = capability(root, collaborator);
                            if (theirs.isPresent() && !theirs.equals(own) && !SHARED.contains(theirs.get())) {
                                events.add(SimpleConditionEvent.violated(controller, controller.getName() + " is given "
                                        + collaborator.getName() + " of capability " + theirs.get()));
                                crossed = true;
                            }
                        }
                        if (!crossed) {
                            events.add(SimpleConditionEvent.satisfied(controller, controller.getName() + " calls its own capability"));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    public static ArchRule noCapabilityUsesAnothersInternals(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(useOnly(root, "the public types of other capabilities, never their controllers, listeners "
                        + "or configuration", ServiceArchitecture::isInternal))
                .allowEmptyShould(true);
    }

    /** A condition met when the class uses no other capability's class for which {@code forbidden} holds. */
    private static ArchCondition<JavaClass> useOnly(String root, String description,
            Predicate<JavaClass> forbidden) {
        return new ArchCondition<>("use only " + description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                reportCrossings(root, origin, events, forbidden);
            }
        };
    }

    /** Reports each dependency of {@code origin} on a class of another capability for which {@code forbidden} holds. */
    private static void reportCrossings(String root, JavaClass origin, ConditionEvents events,
            Predicate<JavaClass> forbidden) {
        Optional<String> own = capability(root, origin);
        boolean crossed = false;
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
            JavaClass target = dependency.getTargetClass();
            Optional<String> theirs = capability(root, target);
            if (theirs.isEmpty() || theirs.equals(own) || SHARED.contains(theirs.get()) || !forbidden.test(target)) {
                continue;
            }
            events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
            crossed = true;
        }
        if (!crossed) {
            events.add(SimpleConditionEvent.satisfied(origin, origin.getName() + " stays inside its capability"));
        }
    }

    /** The capability a class belongs to: the package directly below the root, or empty for the root itself. */
    static Optional<String> capability(String root, JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static DescribedPredicate<JavaClass> areControllers() {
        return DescribedPredicate.describe("are controllers",
                c -> CONTROLLERS.stream().anyMatch(c::isAnnotatedWith));
    }

    /** A capability's internals, nested types included (a controller's request record is the controller's). */
    static boolean isInternal(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            JavaClass type = k;
            if (INTERNAL_ANNOTATIONS.stream().anyMatch(type::isAnnotatedWith)
                    || type.isAnnotatedWith(RABBIT_LISTENER)
                    || type.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(RABBIT_LISTENER))) {
                return true;
            }
        }
        return false;
    }
}
