package dev.wedge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.wedge.host.capability.Capability;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure, checked on every build: no package cycles, and the layering of docs/architecture.md.
 * Only production classes count; tests may reach across packages to set things up.
 */
class ArchitectureTest {

    /** The other modules' test jars (fixtures) are on this classpath too; DoNotIncludeTests only knows folders. */
    private static final ImportOption NO_TEST_JARS = location -> !location.contains("-tests.jar");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(NO_TEST_JARS)
            .importPackages("dev.wedge");

    private static final String[] MODULES = {"wasm-host", "pop-cache", "kv-store", "queue-bridge", "settings"};

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.wedge.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void wasmHostPackagesHaveNoCycles() {
        slices().assignedFrom(new HostPackages()).should().beFreeOfCycles().check(CLASSES);
    }

    /** Each package may depend only on those below it; admin and cluster sit side by side. */
    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.wedge.cli..")
                .layer("node").definedBy("dev.wedge.node..")
                .layer("admin").definedBy("dev.wedge.admin..")
                .layer("cluster").definedBy("dev.wedge.cluster..")
                .layer("deploy").definedBy("dev.wedge.deploy..")
                .layer("server").definedBy("dev.wedge.server..")
                .layer("config").definedBy("dev.wedge.config..")
                .layer("observe").definedBy("dev.wedge.observe..")
                .layer("wasm-host").definedBy("dev.wedge.host..")
                .layer("pop-cache").definedBy("dev.wedge.cache..")
                .layer("kv-store").definedBy("dev.wedge.kv..")
                .layer("queue-bridge").definedBy("dev.wedge.queue..")
                .layer("settings").definedBy("dev.wedge.settings..")
                .whereLayer("cli").mayOnlyAccessLayers(
                        andModules("node", "admin", "cluster", "deploy", "server", "config", "observe"))
                .whereLayer("node").mayOnlyAccessLayers(
                        andModules("admin", "cluster", "deploy", "server", "config", "observe"))
                .whereLayer("admin").mayOnlyAccessLayers(andModules("deploy", "server", "config", "observe"))
                .whereLayer("cluster").mayOnlyAccessLayers(andModules("deploy", "server", "config", "observe"))
                .whereLayer("deploy").mayOnlyAccessLayers(andModules("server", "config", "observe"))
                .whereLayer("server").mayOnlyAccessLayers(andModules("config", "observe"))
                .whereLayer("config").mayOnlyAccessLayers(andModules("observe"))
                .whereLayer("observe").mayOnlyAccessLayers(MODULES)
                .whereLayer("wasm-host").mayOnlyAccessLayers("kv-store", "queue-bridge", "settings")
                .whereLayer("pop-cache").mayOnlyAccessLayers("settings") // HTTP and storage, never apps
                .whereLayer("kv-store").mayOnlyAccessLayers("settings")
                .whereLayer("queue-bridge").mayOnlyAccessLayers("settings")
                .whereLayer("settings").mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    /**
     * A capability knows the seam and the marshalling, never the runner or the registration list: that is what
     * lets one be added by adding its package and one line. Its package is wherever a {@link Capability} is.
     */
    @Test
    void capabilitiesDoNotKnowTheRunnerOrTheList() {
        String[] capabilities = Stream.concat(Stream.of(Capability.class.getPackageName()), CLASSES.stream()
                        .filter(type -> type.isAssignableTo(Capability.class) && !type.isInterface())
                        .map(JavaClass::getPackageName))
                .distinct().toArray(String[]::new);
        assertTrue(capabilities.length > 5, "the capability packages were found: " + String.join(", ", capabilities));
        noClasses().that().resideInAnyPackage(capabilities)
                .should().dependOnClassesThat().resideInAnyPackage("dev.wedge.host.run..", "dev.wedge.host")
                .check(CLASSES);
    }

    private static String[] andModules(String... layers) {
        return Stream.concat(Stream.of(layers), Stream.of(MODULES)).toArray(String[]::new);
    }

    /**
     * One slice per package right under dev.wedge.host (with its subpackages), and one for dev.wedge.host
     * itself: the pattern dev.wedge.host.(*).. would leave the root package out, hiding cycles through it.
     */
    private static final class HostPackages implements SliceAssignment {

        private static final String HOST = "dev.wedge.host";

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            String slice;
            if (pkg.equals(HOST)) {
                slice = "(root)";
            } else if (pkg.startsWith(HOST + ".")) {
                slice = pkg.substring(HOST.length() + 1).split("\\.")[0];
            } else {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(slice);
        }

        @Override
        public String getDescription() {
            return "packages of " + HOST;
        }
    }
}
