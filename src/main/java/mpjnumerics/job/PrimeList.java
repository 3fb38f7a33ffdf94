package mpjnumerics.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.kernel.VectorApi;
import mpjnumerics.cli.UsageException;
import mpjnumerics.report.DecimalWriter;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Range;
import mpjnumerics.report.AtomicFile;
import mpjnumerics.report.Stdout;
import mpjnumerics.report.TempFiles;
import mpjnumerics.spmd.OrderedStream;
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

    @Override
    public Options options() {
        return new Options("PrimeList", "list the primes in a range, in order, one per line")
                .range("0", "1000", 0, "number")
                .output("out", "write the primes to this file (else to stdout)")
                .example("mpj/bin/mpjrun.sh -np 4 PrimeList --to 1e9 --out primes.txt")
                .example("mpj/bin/mpjrun.sh -np 2 PrimeList --from 100 --to 200");
    }

    @Override
    public void validate(Parsed options, int ranks) throws UsageException {
        if (!options.has("out") && (options.flag("json") || options.flag("csv"))) {
            throw new UsageException("--json and --csv need --out: without it the primes themselves go to stdout");
        }
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(VectorApi.JVM_OPTION); // the sieve's pre-sieve
    }

    @Override
    public Outcome run(Context ctx) throws Exception {
        Spmd spmd = ctx.spmd();
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        String out = ctx.options().text("out");
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
        long offset = spmd.exclusiveScan(myBytes);
        // Rank 0 names the temporary file and creates it before anyone writes.
        final long token = spmd.isRoot() ? System.nanoTime() ^ ProcessHandle.current().pid() << 32 : 0;
        if (spmd.isRoot()) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            TempFiles.register(temp(target, token)); // every rank writes it; rank 0 removes it if the job fails
            FileChannel.open(temp(target, token), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        }
        final long name = spmd.broadcast(token);
        long[] stats = {0, -1, -1};
        if (!mine.isEmpty()) {
            final long start = offset;
            ctx.compute(() -> {
                write(temp(target, name), start, mine, stats, ctx);
                return null;
            });
        }
        spmd.barrier(); // every block is written
        if (spmd.isRoot()) {
            AtomicFile.commit(temp(target, name), target);
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

    /** The primes on stdout, in order: through rank 0, rank by rank. */
    private long[] toStdout(Context ctx, Range mine) {
        long[] stats = {0, -1, -1};
        DecimalWriter w = new DecimalWriter(BUFFER);
        OrderedStream out = new OrderedStream(ctx.spmd(), Stdout.STREAM);
        if (!mine.isEmpty()) {
            ctx.compute(() -> {
                PrimeSieve.forEach(mine.first(), mine.last(), p -> {
                    tally(stats, p);
                    w.line(p);
                    if (!w.hasRoom()) {
                        out.write(w.buffer(), w.length());
                        w.clear();
                    }
                });
                return null;
            });
        }
        out.write(w.buffer(), w.length());
        out.close();
        return stats;
    }
}
