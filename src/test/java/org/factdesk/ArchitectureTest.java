package org.factdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import jakarta.persistence.Entity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** Package-by-feature rules: thin web layers, entities kept inside their feature, no one depends on web code. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.factdesk");

    @Test
    void nothingOutsideAWebPackageDependsOnAWebPackage() {
        noClasses().that().resideOutsideOfPackage("org.factdesk..web..")
                .should().dependOnClassesThat().resideInAPackage("org.factdesk..web..")
                .check(CLASSES);
    }

    @Test
    void webPackagesDoNotDependOnOtherFeaturesWebPackages() {
        classes().that().resideInAPackage("..web..").should(new ArchCondition<>("depend only on their own web package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = item.getPackageName();
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    String target = d.getTargetClass().getPackageName();
                    if (target.startsWith("org.factdesk") && target.endsWith(".web") && !target.equals(own)
                            && !target.equals("org.factdesk.common.web")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        }).check(CLASSES);
    }

    @Test
    void resourcesLiveInWebPackages() {
        classes().that().areAnnotatedWith(Path.class).should().resideInAPackage("..web..").check(CLASSES);
    }

    @Test
    void resourcesDoNotOpenTransactions() {
        noClasses().that().resideInAPackage("..web..").should().beAnnotatedWith(Transactional.class).check(CLASSES);
        classes().that().resideInAPackage("..web..").should(new ArchCondition<>("have no @Transactional methods") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getMethods().stream().filter(m -> m.isAnnotatedWith(Transactional.class))
                        .forEach(m -> events.add(SimpleConditionEvent.violated(m, m.getFullName())));
            }
        }).check(CLASSES);
    }

    @Test
    void entitiesLiveAtTheRootOfTheirFeature() {
        classes().that().areAnnotatedWith(Entity.class).should().resideOutsideOfPackage("..web..")
                .andShould().resideInAPackage("org.factdesk.*")
                .check(CLASSES);
    }

    /**
     * The features in layers, bottom up; a feature may use its own layer's shared packages and anything below, never
     * above. Features not named here are new capabilities: they sit on top and may use every layer named here, but
     * not each other unless they are added to {@link #SIBLINGS_ALLOWED}.
     */
    static final Map<String, Integer> LAYER = Map.of("common", 0, "identity", 1, "audit", 2, "claim", 3,
            "evidence", 4, "comment", 4, "ruling", 5);
    static final int TOP = 6;
    /** Pairs of top-layer features where the first may use the second. */
    static final java.util.Set<String> SIBLINGS_ALLOWED = java.util.Set.of();

    static String feature(String pkg) {
        if (!pkg.startsWith("org.factdesk.")) {
            return null;
        }
        String rest = pkg.substring("org.factdesk.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void featuresDependOnlyOnTheirOwnLayerAndBelow() {
        classes().should(new ArchCondition<>("depend only on features of lower layers") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String from = feature(item.getPackageName());
                if (from == null) {
                    return;
                }
                int fromLayer = LAYER.getOrDefault(from, TOP);
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    String to = feature(d.getTargetClass().getPackageName());
                    if (to == null || to.equals(from)) {
                        return;
                    }
                    int toLayer = LAYER.getOrDefault(to, TOP);
                    boolean ok = toLayer < fromLayer || SIBLINGS_ALLOWED.contains(from + "->" + to);
                    if (!ok) {
                        events.add(SimpleConditionEvent.violated(d, from + " (layer " + fromLayer + ") must not use "
                                + to + " (layer " + toLayer + "): " + d.getDescription()));
                    }
                });
            }
        }).check(CLASSES);
    }

    @Test
    void webRecordsNeverExposeEntities() {
        classes().that().resideInAPackage("..web..").and().areRecords()
                .should(new ArchCondition<>("have no entity-typed components") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        item.getFields().stream()
                                .filter(f -> f.getRawType().isAnnotatedWith(Entity.class))
                                .forEach(f -> events.add(SimpleConditionEvent.violated(f, f.getFullName())));
                    }
                }).check(CLASSES);
    }

    @Test
    void everyPackageHasAPackageInfo() {
        classes().should(new ArchCondition<>("live in a package with package-info") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean documented = CLASSES.containPackage(item.getPackageName())
                        && CLASSES.getPackage(item.getPackageName()).tryGetPackageInfo().isPresent();
                if (!documented) {
                    events.add(SimpleConditionEvent.violated(item, item.getPackageName() + " has no package-info"));
                }
            }
        }).check(CLASSES);
    }

}
