package mpjnumerics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import mpjnumerics.job.Job;
import org.junit.jupiter.api.Test;

/**
 * The layers (doc/ARCHITECTURE.md), read from the compiled classes (fully qualified uses
 * included, which an import scan would miss): launch on top, then job, then spmd, runtime,
 * the kernels, report and cli; a layer uses only those below it.
 */
class LayersTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("mpjnumerics");

    @Test
    void importsPointDownOnly() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("mpjnumerics..")
                .layer("launch").definedBy("mpjnumerics.launch..")
                .layer("job").definedBy("mpjnumerics.job..")
                .layer("spmd").definedBy("mpjnumerics.spmd..")
                .layer("runtime").definedBy("mpjnumerics.runtime..")
                .layer("kernel").definedBy("mpjnumerics.kernel..")
                .layer("report").definedBy("mpjnumerics.report..")
                .layer("cli").definedBy("mpjnumerics.cli..")
                .whereLayer("launch").mayNotBeAccessedByAnyLayer()
                .whereLayer("job").mayOnlyBeAccessedByLayers("launch")
                .whereLayer("spmd").mayOnlyBeAccessedByLayers("launch", "job")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("launch", "job", "spmd")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("launch", "job")
                .whereLayer("report").mayOnlyBeAccessedByLayers("launch", "job", "spmd", "runtime")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("launch", "job", "spmd", "runtime", "report")
                .check(MAIN);
    }

    @Test
    void onlyTheMpiFacadeTouchesMpj() {
        noClasses().that().resideOutsideOfPackages("mpjnumerics.spmd..")
                .should().dependOnClassesThat().resideInAnyPackage("mpi..", "mpjdev..", "mpjbuf..", "xdev..")
                .check(MAIN);
    }

    @Test
    void kernelsDoNoIoAndNoLogging() {
        noClasses().that().resideInAPackage("mpjnumerics.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "java.net..",
                        "org.slf4j..")
                .check(MAIN);
    }

    @Test
    void kernelSubjectsHaveNoCycles() {
        slices().matching("mpjnumerics.kernel.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noJobUsesAnotherJob() {
        JavaClass job = MAIN.get(Job.class);
        for (JavaClass c : MAIN) {
            if (!c.isAssignableTo(Job.class) || c.equals(job)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.isAssignableTo(Job.class) && !target.equals(job)
                        && !target.getName().startsWith(c.getName())) {
                    throw new AssertionError(d.getDescription());
                }
            }
        }
    }

    @Test
    void onlyTheLauncherAndTheRankEntryHaveAMain() {
        for (JavaClass c : MAIN) {
            boolean main = c.getMethods().stream().anyMatch(m -> m.getName().equals("main")
                    && m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC));
            boolean allowed = c.getName().equals("mpjnumerics.launch.Main")
                    || c.getName().equals("mpjnumerics.launch.RankEntry")
                    || c.getName().equals("mpjnumerics.runtime.Rendezvous") // a server, not a rank
                    || c.getName().equals("mpjnumerics.runtime.RankOutput"); // the launcher's output collector
            if (main && !allowed) {
                throw new AssertionError(c.getName() + " has a main");
            }
        }
    }

    @Test
    void theLaunchScriptNamesNoJob() throws java.io.IOException {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("mpj/bin/mpjrun.sh"));
        for (String name : mpjnumerics.job.Jobs.names()) {
            if (script.toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new AssertionError("mpjrun.sh names the job " + name + ": jobs declare what they need (Job)");
            }
        }
    }
}
