package org.breakpilot.checkpoint;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the packages, as each package-info states it: a dependency against it fails the
 * build here, naming the classes, instead of being noticed in review. The shaded libraries are
 * matched by their original names, as the tests see the classes before shading.
 */
class ArchitectureTest {

    private static final String OURS = "org.breakpilot.checkpoint..";
    private static final String CORE = "org.breakpilot.checkpoint";
    private static final String INTERNAL = "org.breakpilot.checkpoint.internal..";
    private static final String CONSOLE = "org.breakpilot.checkpoint.console..";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.breakpilot.checkpoint");
    }

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage(OURS);
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void theApiDependsOnTheJdkAlone() {
        check(classes().that().resideInAPackage("org.breakpilot.checkpoint.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.breakpilot.checkpoint.api..", "java.."));
    }

    @Test
    void theBootstrapDispatcherUsesJdkTypesOnly() {
        // Loaded by the bootstrap class loader, it can see nothing else.
        check(classes().that().resideInAPackage("org.breakpilot.checkpoint.agent.bootstrap..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.breakpilot.checkpoint.agent.bootstrap..", "java.."));
    }

    @Test
    void theCoreDependsOnNothingOfOursAboveIt() {
        check(noClasses().that().resideInAPackage(CORE).should()
                .dependOnClassesThat(ours().and(resideOutsideOfPackages(CORE, INTERNAL))));
    }

    @Test
    void internalHelpersDependOnNothingOfOurs() {
        check(noClasses().that().resideInAPackage(INTERNAL).should()
                .dependOnClassesThat(ours().and(resideOutsideOfPackage(INTERNAL))));
    }

    @Test
    void captureDependsOnTheCoreAlone() {
        check(noClasses().that().resideInAPackage("org.breakpilot.checkpoint.capture..").should()
                .dependOnClassesThat().resideInAnyPackage("org.breakpilot.checkpoint.api..",
                        "org.breakpilot.checkpoint.store..", "org.breakpilot.checkpoint.agent..",
                        "org.breakpilot.checkpoint.jmx..", "org.breakpilot.checkpoint.cli.."));
    }

    @Test
    void storesNeverReachTheAgentJmxOrCli() {
        check(noClasses().that().resideInAPackage("org.breakpilot.checkpoint.store..").should()
                .dependOnClassesThat().resideInAnyPackage("org.breakpilot.checkpoint.agent..",
                        "org.breakpilot.checkpoint.jmx..", "org.breakpilot.checkpoint.cli..",
                        "org.breakpilot.checkpoint.capture.."));
    }

    @Test
    void jmxKnowsTheManagersNotTheAgent() {
        check(noClasses().that().resideInAPackage("org.breakpilot.checkpoint.jmx..").should()
                .dependOnClassesThat().resideInAnyPackage("org.breakpilot.checkpoint.agent..",
                        "org.breakpilot.checkpoint.cli.."));
    }

    @Test
    void theCliReachesALiveJvmOnlyThroughJmx() {
        // It may name the agent's entry point and state (to load it, to read what it published), but never
        // call into what records, weaves or dispatches: that runs in the other JVM.
        check(noClasses().that().resideInAPackage("org.breakpilot.checkpoint.cli..").should()
                .dependOnClassesThat().resideInAnyPackage("org.breakpilot.checkpoint.agent.recording..",
                        "org.breakpilot.checkpoint.agent.weaving..", "org.breakpilot.checkpoint.agent.bootstrap..",
                        "org.breakpilot.checkpoint.agent.options.."));
    }

    @Test
    void onlyTheJConsoleTabUsesSwingAndItReachesTheAgentOnlyThroughJmx() {
        // An application under the agent must never load Swing or AWT on our account: only JConsole loads
        // the tab, and the tab sees the agent's MBeans, never its insides.
        check(noClasses().that().resideOutsideOfPackage(CONSOLE).should().dependOnClassesThat()
                .resideInAnyPackage("javax.swing..", "java.awt..", "com.sun.tools.jconsole.."));
        check(noClasses().that().resideInAPackage(CONSOLE).should()
                .dependOnClassesThat(ours().and(resideOutsideOfPackages(CONSOLE, "org.breakpilot.checkpoint.jmx..", INTERNAL))));
        check(noClasses().that().resideOutsideOfPackage(CONSOLE).should().dependOnClassesThat().resideInAPackage(CONSOLE));
    }

    @Test
    void weavingDoesNotCallTheRecorderExceptThroughTheDispatcher() {
        check(noClasses().that().resideInAPackage("org.breakpilot.checkpoint.agent.weaving..").should()
                .dependOnClassesThat().resideInAPackage("org.breakpilot.checkpoint.agent.recording.."));
    }

    @Test
    void nothingBelowTheAgentReachesUpIntoIt() {
        check(noClasses().that().resideInAnyPackage("org.breakpilot.checkpoint.agent.options..",
                        "org.breakpilot.checkpoint.agent.weaving..", "org.breakpilot.checkpoint.agent.recording..")
                .should().dependOnClassesThat().resideInAPackage("org.breakpilot.checkpoint.agent"));
    }

    @Test
    void packagesFormNoCycles() {
        check(slices().matching("org.breakpilot.checkpoint.(*)..").should().beFreeOfCycles());
        check(slices().matching("org.breakpilot.checkpoint.agent.(*)..").should().beFreeOfCycles());
    }
}
