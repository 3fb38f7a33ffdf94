package mpjnumerics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** An MPJ daemon on this host for one test class, with a state folder and a machines file of its own. */
public final class LoopbackDaemon {
    private final String script;
    private final String port;
    private final Path machines;
    private final Path state;

    private LoopbackDaemon(String script, String port, Path machines, Path state) {
        this.script = script;
        this.port = port;
        this.machines = machines;
        this.state = state;
    }

    /**
     * Starts mpjdaemon.sh on a port the kernel hands out now, not a fixed one another run may
     * hold; taken by something else before the daemon binds it, the start fails and another is tried.
     */
    public static LoopbackDaemon start(Path root) throws IOException {
        String script = root.resolve("mpj/bin/mpjdaemon.sh").toString();
        Path machines = Files.createTempFile("machines", "");
        Files.writeString(machines, "localhost\n");
        Path state = Files.createTempDirectory("mpjdaemon");
        Run r = null;
        String port = null;
        for (int attempt = 0; attempt < 3 && (r == null || r.exit() != 0); attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = Integer.toString(s.getLocalPort());
            }
            r = Run.command(List.of(script, "start", port), null, Map.of("MPJ_DAEMON_STATE", state.toString()));
        }
        assertEquals(0, r.exit(), r.toString());
        return new LoopbackDaemon(script, port, machines, state);
    }

    public String port() {
        return port;
    }

    public Path machines() {
        return machines;
    }

    public void stop() throws IOException {
        Run.command(List.of(script, "stop", port), null, Map.of("MPJ_DAEMON_STATE", state.toString()));
        Files.deleteIfExists(machines);
        try (var files = Files.walk(state)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
