package mpjnumerics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.UsageException;
import mpjnumerics.report.DecimalWriter;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the primes in [from, to] in increasing order, one per line. With --out every rank
 * writes its own block of the file at its own offset: the byte count of each block comes
 * first (primes counted per number of digits), then an exclusive prefix sum. The file is
 * written under a temporary name and renamed when complete. Without --out the primes go to
 * stdout through rank 0, rank by rank.
 */
public final class PrimeList implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(PrimeList.class);
    private static final int BUFFER = 1 << 20;
    private static final int TAG = 11;

    public static void main(String[] args) {
        mpjnumerics.launch.Main.main(args, new PrimeList());
    }

    @Override
    public Options options() {
        return new Options("PrimeList", "list the primes in a range, in order, one per line")
                .integer("from", "0", 0, Long.MAX_VALUE, "first number of the range")
                .integer("to", "1000", 0, Long.MAX_VALUE, "last number of the range (inclusive, up to 2^63-1)")
                .text("out", null, "write the primes to this file (else to stdout)")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeList --to 1e9 --out primes.txt")
                .example("mpj/bin/mpjrun.sh -np 2 PrimeList --from 100 --to 200");
    }

    @Override
    public Outcome run(Context ctx) throws Exception {
        Spmd spmd = ctx.spmd();
        Range all = PrimeCount.range(ctx);
        String out = ctx.options().text("out");
        if (out == null && (ctx.options().flag("json") || ctx.options().flag("csv"))) {
            throw new UsageException("--json and --csv need --out: without it the primes themselves go to stdout");
        }
        Range mine = spmd.piece(all, PrimeSieve::costDensity); // higher numbers cost more
        long[] stats = out == null ? toStdout(ctx, mine) : toFile(ctx, mine, Path.of(out));
        // stats: count, first, last of this rank (first/last -1 when it has none)
        long[][] everyone = spmd.gather(stats);
        if (!spmd.isRoot()) {
            return null;
        }
        long count = 0;
        long first = -1;
        long last = -1;
        for (long[] s : everyone) {
            count += s[0];
            if (s[0] > 0) {
                first = first < 0 ? s[1] : first;
                last = s[2];
            }
        }
        Outcome o = new Outcome().put("count", count).put("first", first < 0 ? null : first)
                .put("last", last < 0 ? null : last).put("out", out);
        if (out == null) {
            LOG.info("{} primes in [{}, {}]", count, all.first(), all.last());
            return Outcome.silent(); // stdout holds the primes only
        }
        return o.human("  " + count + " primes in [" + all.first() + ", " + all.last() + "], first "
                + (first < 0 ? "-" : first) + ", last " + (last < 0 ? "-" : last) + "\n  written to " + out);
    }

    /** Counts the bytes of this rank's lines: primes counted per number of digits. */
    static long bytesOf(Range r) {
        long bytes = 0;
        long lo = r.first();
        for (int d = 1; d <= 19 && lo <= r.last(); d++) {
            long top = d == 19 ? Long.MAX_VALUE : pow10(d) - 1;
            if (top < lo) {
                continue;
            }
            long hi = Math.min(top, r.last());
            bytes += PrimeSieve.count(lo, hi) * (d + 1); // d digits and a newline
            lo = hi + 1;
            if (hi == Long.MAX_VALUE) {
                break;
            }
        }
        return bytes;
    }

    private static long pow10(int d) {
        long p = 1;
        for (int i = 0; i < d; i++) {
            p *= 10;
        }
        return p;
    }

    private long[] toFile(Context ctx, Range mine, Path target) throws IOException {
        Spmd spmd = ctx.spmd();
        long myBytes = mine.isEmpty() ? 0 : ctx.compute(() -> bytesOf(mine));
        long[][] sizes = spmd.gather(new long[] {myBytes});
        // Rank 0 fixes every rank's offset and names the temporary file.
        final long token = spmd.broadcast(spmd.isRoot() ? System.nanoTime() ^ ProcessHandle.current().pid() << 32 : 0);
        long offset = 0;
        if (spmd.isRoot()) {
            long total = 0;
            long[] offsets = new long[spmd.size()];
            for (int r = 0; r < spmd.size(); r++) {
                offsets[r] = total;
                total += sizes[r][0];
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            FileChannel.open(temp(target, token), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            for (int r = 1; r < spmd.size(); r++) {
                byte[] b = ByteBuffer.allocate(8).putLong(offsets[r]).array();
                spmd.send(b, 8, r, TAG);
            }
        } else {
            byte[] b = new byte[8];
            spmd.recv(b, 8, 0, TAG);
            offset = ByteBuffer.wrap(b).getLong();
        }
        long[] stats = {0, -1, -1};
        if (!mine.isEmpty()) {
            final long start = offset;
            ctx.compute(() -> {
                write(temp(target, token), start, mine, stats, ctx);
                return null;
            });
        }
        spmd.barrier(); // every block is written
        if (spmd.isRoot()) {
            Files.move(temp(target, token), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return stats;
    }

    private static Path temp(Path target, long token) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(token) + ".partial");
    }

    private static void write(Path file, long offset, Range mine, long[] stats, Context ctx) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DecimalWriter w = new DecimalWriter(BUFFER);
            long[] at = {offset};
            ctx.progress().total(mine.last() / 30 - mine.first() / 30 + 1);
            long[] done = {0};
            PrimeSieve.forEach(mine.first(), mine.last(), p -> {
                tally(stats, p);
                w.line(p);
                if (!w.hasRoom()) {
                    at[0] += flush(ch, w, at[0]);
                    done[0] = (p - mine.first()) / 30;
                    ctx.progress().update(done[0]);
                }
            });
            flush(ch, w, at[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts a prime into {count, first, last}. */
    private static void tally(long[] stats, long p) {
        if (stats[0]++ == 0) {
            stats[1] = p;
        }
        stats[2] = p;
    }

    private static int flush(FileChannel ch, DecimalWriter w, long position) {
        ByteBuffer b = ByteBuffer.wrap(w.buffer(), 0, w.length());
        int n = w.length();
        try {
            long pos = position;
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        w.clear();
        return n;
    }

    /** Rank 0 prints its own primes, then every other rank's, in rank order. */
    private long[] toStdout(Context ctx, Range mine) {
        Spmd spmd = ctx.spmd();
        long[] stats = {0, -1, -1};
        DecimalWriter w = new DecimalWriter(BUFFER);
        byte[] header = new byte[8];
        java.util.function.IntConsumer ship = len -> {
            if (spmd.isRoot()) {
                System.out.write(w.buffer(), 0, len);
            } else {
                spmd.send(ByteBuffer.allocate(8).putLong(len).array(), 8, 0, TAG);
                spmd.send(w.buffer(), len, 0, TAG);
            }
            w.clear();
        };
        if (!mine.isEmpty()) {
            ctx.compute(() -> {
                PrimeSieve.forEach(mine.first(), mine.last(), p -> {
                    tally(stats, p);
                    w.line(p);
                    if (!w.hasRoom()) {
                        ship.accept(w.length());
                    }
                });
                return null;
            });
        }
        if (w.length() > 0) {
            ship.accept(w.length());
        }
        if (!spmd.isRoot()) {
            spmd.send(new byte[8], 8, 0, TAG); // length 0: done
        } else {
            byte[] chunk = new byte[BUFFER];
            for (int r = 1; r < spmd.size(); r++) {
                while (true) {
                    spmd.recv(header, 8, r, TAG);
                    int len = (int) ByteBuffer.wrap(header).getLong();
                    if (len == 0) {
                        break;
                    }
                    spmd.recv(chunk, len, r, TAG);
                    System.out.write(chunk, 0, len);
                }
            }
            System.out.flush();
        }
        return stats;
    }
}
