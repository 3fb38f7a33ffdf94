package mpjnumerics.kernel.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class WheelCrossingSourceTest {
    @Test
    void checkedInSourceIsWhatTheGeneratorWrites() throws IOException {
        assertEquals(WheelCrossingSource.generate(),
            Files.readString(WheelCrossingSource.TARGET, StandardCharsets.UTF_8),
            "WheelCrossing.java is stale: run make wheel-crossing");
    }
}
