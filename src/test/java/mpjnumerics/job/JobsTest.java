package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class JobsTest {
    @Test
    void everyNameFindsTheJobOfThatName() {
        assertEquals(9, Jobs.names().size());
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
