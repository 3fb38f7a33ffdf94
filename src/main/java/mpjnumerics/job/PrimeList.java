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
import mpjnumerics.cli.UsageException;
import mpjnumerics.report.DecimalWriter;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.kernel.primes.Tuplets;
import mpjnumerics.spmd.Range;
import mpjnumerics.report.AtomicFile;
import mpjnumerics.report.Stdout;
import mpjnumerics.report.TempFiles;
import mpjnumerics.spmd.OrderedStream;
import mpjnumerics.spmd.Partition;
import mpjnumerics.spmd.Spmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the primes in [from, to] in increasing order, one per line, or with --tuplets K the
 * prime k-tuplets, one per line as primesieve prints them: "(11, 13, 17, 19)". A tuplet belongs
 * to the rank whose piece holds its first member; that rank sieves up to the tuplet's span past
 * its piece to see the other members. With --out every rank
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
        return new Options("PrimeList", "list the primes, or prime k-tuplets, in a range, in order, one per line")
                .range("0", "1000", 0, "number")
                .integer("tuplets", "1", 1, Tuplets.MAX_K,
                        "list k-tuplets instead, as (p, p+2, ...): 2 twins, 3 triplets, ... 6 sextuplets")
                .output("out", "write the primes to this file (else to stdout)")
                .checkpoint()
                .example("mpj/bin/mpjrun.sh -np 4 PrimeList --to 1e9 --out primes.txt")
                .example("mpj/bin/mpjrun.sh -np 2 PrimeList --from 100 --to 200")
                .example("mpj/bin/mpjrun.sh -np 2 PrimeList --to 1000 --tuplets 4");
    }

    @Override
    public void validate(Parsed options, int ranks) throws UsageException {
        if (!options.has("out") && (options.flag("json") || options.flag("csv"))) {
            throw new UsageException("--json and --csv need --out: without it the primes themselves go to stdout");
        }
        if (!options.has("out") && options.has("checkpoint")) {
            throw new UsageException("--checkpoint needs --out: a resumed run adds to the file");
        }
    }

    @Override
    public List<String> jvmOptions() {
        return List.of(PrimeSieve.YOUNG_GEN_OPTION); // the sieve's pre-sieve
    }

    /** Fixed pieces, one a rank; a checkpointed list's units are narrower. */
    @Override
    public VectorUse vectorUse() {
        VectorUse sieve = DealtSieve.VECTOR_USE;
        return new VectorUse(sieve.option(), sieve.perRank(), sieve.minus(), sieve.minusDefault(), List.of("!checkpoint"));
    }

    @Override
    public boolean usesVector(Parsed options, int ranks) {
        long span = options.integer("to") - options.integer("from");
        long pieces = options.has("checkpoint") ? Math.min(Journal.MAX_UNITS, span / MIN_UNIT + 1) : ranks;
        return PrimeSieve.wideBytes(span / 30 / pieces);
    }

    @Override
    public Outcome run(Context ctx) throws Exception {
        Spmd spmd = ctx.spmd();
        Range all = new Range(ctx.options().integer("from"), ctx.options().integer("to"));
        String out = ctx.options().text("out");
        int k = (int) ctx.options().integer("tuplets");
        long[][] everyone;
        if (ctx.options().has("checkpoint")) {
            everyone = checkpointed(ctx, all, k, Path.of(out));
        } else {
            Lines lines = new Lines(all, spmd.piece(all, PrimeSieve::costDensity), k); // higher numbers cost more
            long[] stats = out == null ? toStdout(ctx, lines) : toFile(ctx, lines, Path.of(out));
            // stats: count, first, last of this rank (first/last -1 when it has none; a tuplet's first member)
            everyone = spmd.gather(stats);
        }
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
        String what = Tuplets.name(k);
        if (out == null) {
            LOG.info("{} {} in [{}, {}]", count, what, all.first(), all.last());
            return Outcome.silent(); // stdout holds the primes only
        }
        return o.human("  " + count + " " + what + " in [" + all.first() + ", " + all.last() + "], first "
                + (first < 0 ? "-" : first) + ", last " + (last < 0 ? "-" : last) + "\n  written to " + out);
    }

    /**
     * One rank's lines: its primes, or the k-tuplets whose first member is in its piece (their
     * other members may lie past it, up to the range's end).
     */
    static final class Lines {
        final Range mine;
        final int k;
        /** The end of the window this rank sieves: its piece, and a tuplet's span past it. */
        final long reach;

        Lines(Range all, Range mine, int k) {
            this.mine = mine;
            this.k = k;
            int span = Tuplets.span(k);
            this.reach = mine.isEmpty() ? mine.last() : mine.last() > all.last() - span ? all.last() : mine.last() + span;
        }

        /** Calls the sink with each line's first number, after writing the line; stats as in run. */
        void write(DecimalWriter w, long[] stats, java.util.function.LongConsumer afterLine) {
            if (mine.isEmpty()) {
                return;
            }
            if (k == 1) {
                PrimeSieve.forEach(mine.first(), mine.last(), p -> {
                    tally(stats, p);
                    w.line(p);
                    afterLine.accept(p);
                });
            } else {
                Tuplets.forEach(k, mine.first(), reach, mine.last(), (p, offsets) -> {
                    tally(stats, p);
                    w.tuple(p, offsets);
                    afterLine.accept(p);
                });
            }
        }

        /** The bytes of this rank's lines, without writing them. */
        long bytes() {
            if (mine.isEmpty()) {
                return 0;
            }
            if (k == 1) {
                return bytesOf(mine);
            }
            long[] n = {0};
            Tuplets.forEach(k, mine.first(), reach, mine.last(), (p, offsets) -> n[0] += DecimalWriter.tupleBytes(p, offsets));
            return n[0];
        }
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

    private long[] toFile(Context ctx, Lines lines, Path target) throws IOException {
        Spmd spmd = ctx.spmd();
        Range mine = lines.mine;
        long myBytes = mine.isEmpty() ? 0 : ctx.compute(lines::bytes);
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
                write(temp(target, name), start, lines, stats, ctx);
                return null;
            });
        }
        spmd.barrier(); // every block is written
        if (spmd.isRoot()) {
            AtomicFile.commit(temp(target, name), target);
        }
        return stats;
    }

    /** Numbers in a unit of a checkpointed list: at least this many. */
    static final long MIN_UNIT = 1L << 22;

    /**
     * With --checkpoint: [from, to] in units fixed by the range alone, in two phases: the bytes
     * of each unit's lines, then each unit's lines written at its offset into a partial file
     * beside the target (kept across runs; forced to disk before the unit counts as done), which
     * becomes the target once every unit is written. The file is the uninterrupted run's, byte
     * for byte, whatever ranks wrote it in however many runs. On rank 0: one row of
     * {count, first, last}, as the gather of every rank's would give; null elsewhere.
     */
    private static long[][] checkpointed(Context ctx, Range all, int k, Path target) throws IOException {
        Spmd spmd = ctx.spmd();
        long span = all.last() - all.first(); // + 1 may not fit
        int units = (int) Math.min(Journal.MAX_UNITS, span / MIN_UNIT + 1);
        Journal journal = Journal.open(ctx);
        long[][] tally = {new long[units], new long[3 * units]};
        journal.run("bytes", units, u -> ctx.compute(() -> new long[] {new Lines(all, Partition.block(all, units, (int) u), k).bytes()}),
                rows(tally, 0, 1));
        Path partial = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".checkpoint.partial");
        byte[] offsets = new byte[8 * units];
        if (spmd.isRoot()) {
            long at = 0;
            for (int u = 0; u < units; u++) {
                java.nio.ByteBuffer.wrap(offsets).putLong(8 * u, at);
                at = Math.addExact(at, tally[0][u]);
            }
            if (!journal.resumes("lines")) {
                Files.createDirectories(partial.getParent());
                FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING).close();
            } else if (!Files.exists(partial)) {
                mpjnumerics.runtime.Failure.usage(0, "checkpoint " + ctx.options().text("checkpoint")
                        + " goes with the partial output " + partial + ", which is gone: remove the checkpoint to start again");
            }
        }
        spmd.broadcastBytes(offsets); // also: the partial file exists
        journal.run("lines", units, u -> ctx.compute(() -> {
            long[] stats = {0, -1, -1};
            write(partial, java.nio.ByteBuffer.wrap(offsets).getLong(8 * (int) u),
                    new Lines(all, Partition.block(all, units, (int) u), k), stats, null);
            try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(false); // on disk before the journal says the unit is done
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + partial + ": " + e.getMessage(), e);
            }
            return stats;
        }), rows(tally, 1, 3));
        if (!spmd.isRoot()) {
            return null;
        }
        journal.finish(); // first: a signal from here on no longer stops the job, whose output is about to appear
        AtomicFile.commit(partial, target);
        long[] stats = {0, -1, -1};
        for (int u = 0; u < units; u++) {
            long[] s = java.util.Arrays.copyOfRange(tally[1], 3 * u, 3 * u + 3);
            stats[0] += s[0];
            if (s[0] > 0) {
                stats[1] = stats[1] < 0 ? s[1] : stats[1];
                stats[2] = s[2];
            }
        }
        return new long[][] {stats};
    }

    /** A tally that keeps each unit's result, {@code width} longs, in row {@code row} of {@code t}. */
    private static Journal.Tally rows(long[][] t, int row, int width) {
        return new Journal.Tally() {
            @Override
            public void add(long unit, long[] result) {
                System.arraycopy(result, 0, t[row], (int) (width * unit), width);
            }

            @Override
            public long[] save() {
                return t[row].clone();
            }

            @Override
            public void load(long[] saved) {
                t[row] = saved.clone();
            }
        };
    }

    private static Path temp(Path target, long token) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(token) + ".partial");
    }

    private static void write(Path file, long offset, Lines lines, long[] stats, Context ctx) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            DecimalWriter w = new DecimalWriter(BUFFER);
            long[] at = {offset};
            Range mine = lines.mine;
            if (ctx != null) {
                ctx.progress().total(mine.last() / 30 - mine.first() / 30 + 1);
            }
            lines.write(w, stats, p -> {
                if (!w.hasRoomForTuple()) {
                    at[0] += flush(ch, w, at[0]);
                    if (ctx != null) {
                        ctx.progress().update((p - mine.first()) / 30);
                    }
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
    private long[] toStdout(Context ctx, Lines lines) {
        long[] stats = {0, -1, -1};
        DecimalWriter w = new DecimalWriter(BUFFER);
        OrderedStream out = new OrderedStream(ctx.spmd(), Stdout.STREAM);
        if (!lines.mine.isEmpty()) {
            ctx.compute(() -> {
                lines.write(w, stats, p -> {
                    if (!w.hasRoomForTuple()) {
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
