package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobsTest {
    @Test
    void everyNameFindsTheJobOfThatName() {
        Set<String> implemented = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(Job.class.getPackageName()).stream()
                .filter(c -> c.isAssignableTo(Job.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(c -> c.getSimpleName()).collect(Collectors.toSet());
        assertEquals(implemented, Set.copyOf(Jobs.names()), "every Job class has a name, and no name lacks a class");
        for (String name : Jobs.names()) {
            Job job = Jobs.find(name).orElseThrow();
            assertEquals(name, job.options().job());
            assertEquals(name, job.getClass().getSimpleName());
            assertEquals(job.getClass(), Jobs.find(name.toUpperCase(Locale.ROOT)).orElseThrow().getClass());
            assertEquals(job.getClass(), Jobs.find(job.getClass().getName()).orElseThrow().getClass());
        }
        assertTrue(Jobs.find("Nope").isEmpty());
        assertTrue(Jobs.find("mpjnumerics.job.Jobs").isEmpty());
    }
}
