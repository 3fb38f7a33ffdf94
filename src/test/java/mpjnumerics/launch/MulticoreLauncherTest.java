package mpjnumerics.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MulticoreLauncherTest {
    @Test
    void versionedMpjJarsAreRecognised() {
        assertTrue(MulticoreLauncher.isVersionedMpjJar("mpj-0.44.jar"));
        assertTrue(MulticoreLauncher.isVersionedMpjJar("mpj-1.jar"));
        assertFalse(MulticoreLauncher.isVersionedMpjJar("mpj-.jar"));
        assertFalse(MulticoreLauncher.isVersionedMpjJar("mpj.jar"));
        assertFalse(MulticoreLauncher.isVersionedMpjJar("mpj-numerics.jar"));
        assertFalse(MulticoreLauncher.isVersionedMpjJar("mpj-0.44.jar.bak"));
        assertFalse(MulticoreLauncher.isVersionedMpjJar("xmpj-0.44.jar"));
    }
}
