package mpjnumerics.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.spmd.Spmd;
import mpjnumerics.spmd.Tags;

/**
 * Rank 0 bounces messages off every other rank: one-way latency (half the round trip) and
 * bandwidth by message size. Every echoed payload is checked byte for byte, outside the
 * timed window.
 */
public final class PingPong implements Job {
    private static final int WARMUP = 3;
    /** Above this size, fewer round trips: a few hundred MB per size is plenty. */
    private static final long BYTES_PER_SIZE = 256L << 20;

    @Override
    public Options options() {
        return new Options("PingPong", "latency and bandwidth between rank 0 and every other rank")
                .integer("max-bytes", "8388608", 1, 1L << 30, "largest message, in bytes (sizes double from 1)")
                .integer("iterations", "200", 1, 1_000_000, "round trips per size (fewer for large sizes)")
                .example("mpj/bin/mpjrun.sh -np 2 PingPong --max-bytes 1048576");
    }

    @Override
    public void validate(Parsed options, int ranks) throws UsageException {
        if (ranks < 2) {
            throw new UsageException("PingPong needs at least 2 ranks (use -np 2 or more)");
        }
    }

    @Override
    public Outcome run(Context ctx) {
        Spmd spmd = ctx.spmd();
        int maxBytes = (int) ctx.options().integer("max-bytes");
        int iterations = (int) ctx.options().integer("iterations");
        List<Integer> sizes = sizes(maxBytes);
        byte[] out = new byte[maxBytes];
        byte[] in = new byte[maxBytes];
        ctx.progress().total((long) sizes.size() * (spmd.size() - 1));
        List<Map<String, Object>> rows = new ArrayList<>();
        long step = 0;
        for (int peer = 1; peer < spmd.size(); peer++) {
            for (int size : sizes) {
                int n = iterations(size, iterations);
                if (spmd.rank() == peer) {
                    for (int i = 0; i < WARMUP + n; i++) {
                        spmd.recv(in, size, 0, Tags.PING_PONG);
                        spmd.send(in, size, 0, Tags.PING_PONG);
                    }
                } else if (spmd.isRoot()) {
                    long nanos = 0;
                    for (int i = 0; i < WARMUP + n; i++) {
                        fill(out, size, peer, i);
                        long t0 = System.nanoTime();
                        spmd.send(out, size, peer, Tags.PING_PONG);
                        spmd.recv(in, size, peer, Tags.PING_PONG);
                        long dt = System.nanoTime() - t0;
                        if (i >= WARMUP) {
                            nanos += dt;
                        }
                        check(out, in, size, peer);
                    }
                    double oneWay = nanos / (2.0 * n);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("peer", peer);
                    row.put("bytes", size);
                    row.put("iterations", n);
                    row.put("latencyMicros", oneWay / 1e3);
                    row.put("bandwidthMBps", size / oneWay * 1e3); // bytes/ns = 1e3 MB/s
                    rows.add(row);
                    ctx.progress().update(++step);
                }
            }
        }
        if (!spmd.isRoot()) {
            return null;
        }
        return new Outcome().put("maxBytes", maxBytes).put("verified", true).put("rows", rows).human(table(rows));
    }

    static List<Integer> sizes(int maxBytes) {
        List<Integer> s = new ArrayList<>();
        for (long b = 1; b < maxBytes; b *= 2) {
            s.add((int) b);
        }
        s.add(maxBytes);
        return s;
    }

    static int iterations(int size, int iterations) {
        return (int) Math.max(3, Math.min(iterations, BYTES_PER_SIZE / size));
    }

    /** A payload that differs by size, peer and iteration, so a stale or shifted echo shows. */
    static void fill(byte[] b, int size, int peer, int iteration) {
        int x = size * 31 + peer * 17 + iteration * 7;
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (x + i * 13 + (i >>> 8));
        }
    }

    static void check(byte[] sent, byte[] got, int size, int peer) {
        for (int i = 0; i < size; i++) {
            if (sent[i] != got[i]) {
                throw new IllegalStateException("payload of " + size + " bytes from rank " + peer
                        + " corrupted at byte " + i);
            }
        }
    }

    private static String table(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %4s %10s %6s %14s %14s%n",
                "peer", "bytes", "iters", "latency (us)", "bandwidth MB/s"));
        for (Map<String, Object> r : rows) {
            b.append(String.format(Locale.ROOT, "  %4d %10d %6d %14.2f %14.1f%n", r.get("peer"), r.get("bytes"),
                    r.get("iterations"), (Double) r.get("latencyMicros"), (Double) r.get("bandwidthMBps")));
        }
        b.append("  every payload verified");
        return b.toString();
    }
}
