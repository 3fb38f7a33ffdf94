package mpjnumerics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two ranks in one JVM open the abort channel while strangers connect to rank 0's port first:
 * a silent one, one sending what a rank would send without the secret, one with another
 * secret. None may end the job (a failure would halt this JVM) or delay it; each is dropped.
 */
class AbortChannelTest {
    /** MPI's broadcast from rank 0, between two threads: rank 0 fills slots, rank 1 reads them in order. */
    static final class Bus {
        final List<CompletableFuture<Object>> slots = new CopyOnWriteArrayList<>();

        synchronized CompletableFuture<Object> slot(int i) {
            while (slots.size() <= i) {
                slots.add(new CompletableFuture<>());
            }
            return slots.get(i);
        }
    }

    static AbortChannel.Exchange root(Bus bus) {
        return new AbortChannel.Exchange() {
            int next;

            @Override
            public long broadcast(long value) {
                bus.slot(next++).complete(value);
                return value;
            }

            @Override
            public void broadcastBytes(byte[] buf) {
                bus.slot(next++).complete(buf.clone());
            }
        };
    }

    static AbortChannel.Exchange other(Bus bus, CountDownLatch beforeConnecting) {
        return new AbortChannel.Exchange() {
            int next;

            @Override
            public long broadcast(long value) {
                return (Long) take(next++);
            }

            @Override
            public void broadcastBytes(byte[] buf) {
                byte[] b = (byte[]) take(next++);
                System.arraycopy(b, 0, buf, 0, buf.length);
                try {
                    beforeConnecting.await(20, TimeUnit.SECONDS); // the host comes last: then it connects
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            private Object take(int i) {
                try {
                    return bus.slot(i).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @AfterEach
    void forgetHooks() {
        Failure.onAbort(null);
        Failure.beforeHalt(null);
        System.clearProperty(JobSecret.FILE_PROPERTY);
        System.clearProperty("mpjnumerics.abortPort");
    }

    @Test
    void strangersAtRankZerosPortChangeNothing() throws Exception {
        Path secretFile = Files.createTempFile("secret", "");
        Files.writeString(secretFile, HexFormat.of().formatHex(JobSecret.random().bytes()));
        System.setProperty(JobSecret.FILE_PROPERTY, secretFile.toString());
        try {
            Bus bus = new Bus();
            CountDownLatch strangersIn = new CountDownLatch(1);
            var r0 = CompletableFuture.supplyAsync(() -> AbortChannel.open(0, 2, "localhost", root(bus)));
            var r1 = CompletableFuture.supplyAsync(() -> AbortChannel.open(1, 2, "localhost", other(bus, strangersIn)));
            int port = (int) (long) (Long) bus.slot(1).get(10, TimeUnit.SECONDS);
            String host = InetAddress.getLoopbackAddress().getHostAddress();
            try (Socket silent = new Socket(host, port); Socket noProof = new Socket(host, port);
                    Socket wrongSecret = new Socket(host, port)) {
                DataOutputStream out = new DataOutputStream(noProof.getOutputStream());
                out.writeInt(1);
                out.writeByte('F');
                out.writeUTF("error: rank 1 failed: a stranger says so");
                out.flush();
                CompletableFuture<Boolean> refused = CompletableFuture.supplyAsync(() -> {
                    try {
                        JobSecret.random().prove(wrongSecret, "abort channel", 5_000, false);
                        return false;
                    } catch (java.io.IOException e) {
                        return true;
                    }
                });
                long t0 = System.nanoTime();
                strangersIn.countDown();
                AbortChannel ch0 = r0.get(10, TimeUnit.SECONDS);
                AbortChannel ch1 = r1.get(10, TimeUnit.SECONDS);
                assertTrue(refused.get(10, TimeUnit.SECONDS), "another secret is refused");
                ch1.finish();
                ch0.finish();
                assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "the strangers delayed the job");
                assertTrue(!Failure.failed(), "no stranger ended the job");
                silent.setSoTimeout(5_000);
                assertEquals(16, silent.getInputStream().readNBytes(16).length, "a challenge, nothing else");
                assertEquals(-1, silent.getInputStream().read(), "the silent one is dropped");
            }
        } finally {
            Files.delete(secretFile);
        }
    }

    @Test
    void rankZeroListensOnlyOnTheAddressTowardsTheLauncher() throws Exception {
        InetAddress a = AbortChannel.addressTowards("localhost");
        assertTrue(a.isLoopbackAddress(), a.toString());
        try (ServerSocket s = new ServerSocket(0, 1, a)) {
            assertEquals(a, s.getInetAddress());
        }
        assertEquals("node7", AbortChannel.launcherHost(new String[] {"0",
            "#Number of Processes;2;#Server Name;node7;#Server Port;4000", "niodev"}));
    }
}
