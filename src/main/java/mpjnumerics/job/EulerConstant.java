package mpjnumerics.job;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.cli.UsageException;
import mpjnumerics.kernel.digits.EDigits;
import mpjnumerics.kernel.montecarlo.BlockPlan;
import mpjnumerics.kernel.montecarlo.EulerMonteCarlo;
import mpjnumerics.kernel.digits.GammaDigits;
import mpjnumerics.kernel.series.Neumaier;
import mpjnumerics.kernel.series.Vacca;
import mpjnumerics.report.AtomicFile;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Euler's number e and the Euler-Mascheroni constant gamma, without exp or log: by Monte
 * Carlo, by Vacca's series (gamma), or to many digits (binary splitting for e, Brent-McMillan
 * for gamma).
 */
public final class EulerConstant implements Job {
    /** Reference values, for the reported error of the floating-point methods. */
    static final double E = 2.718281828459045;
    static final double GAMMA = 0.5772156649015329;

    @Override
    public Options options() {
        return new Options("EulerConstant", "Euler's number e or the Euler-Mascheroni constant gamma, without exp or log")
                .choice("constant", "e", List.of("e", "gamma"), "which constant")
                .choice("method", "montecarlo", List.of("montecarlo", "series"),
                        "montecarlo (e or gamma) or series (Vacca's, gamma); --digits overrides")
                .integer("samples", "1e8", 1, Long.MAX_VALUE, "Monte Carlo samples")
                .seed()
                .integer("terms", "1e9", 2, Long.MAX_VALUE / 4, "terms of Vacca's series")
                .integer("digits", null, 1, 100_000_000, "compute this many decimal digits exactly")
                .output("out", "with --digits: write the digits to this file")
                .checkpoint()
                .example("mpj/bin/mpjrun.sh -np 4 EulerConstant --constant e --method montecarlo --samples 1e8")
                .example("mpj/bin/mpjrun.sh -np 4 EulerConstant --constant gamma --method series --terms 1e9")
                .example("mpj/bin/mpjrun.sh -np 4 EulerConstant --constant e --digits 1e6 --out e.txt");
    }

    @Override
    public void validate(Parsed options, int ranks) throws UsageException {
        if (options.has("digits")) {
            if (options.has("checkpoint")) {
                throw new UsageException("--checkpoint goes with --method montecarlo or series, not --digits");
            }
            return;
        }
        if (options.has("out")) {
            throw new UsageException("--out goes with --digits");
        }
        if (options.text("method").equals("series") && !options.text("constant").equals("gamma")) {
            throw new UsageException("--method series is Vacca's series for gamma: use --constant gamma, "
                    + "or --digits for e");
        }
    }

    /** The constant, the method this run used (digits when --digits is given), and its options. */
    @Override
    public Map<String, Object> params(Parsed options) {
        Map<String, Object> all = options.params();
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("constant", all.get("constant"));
        String method = options.has("digits") ? "digits" : options.text("method");
        used.put("method", method);
        List<String> own = switch (method) {
            case "digits" -> List.of("digits", "out");
            case "series" -> List.of("terms");
            default -> List.of("samples", "seed");
        };
        for (String name : own) {
            if (all.containsKey(name)) {
                used.put(name, all.get(name));
            }
        }
        return used;
    }

    @Override
    public Outcome run(Context ctx) {
        boolean gamma = ctx.options().text("constant").equals("gamma");
        if (ctx.options().has("digits")) {
            int digits = (int) ctx.options().integer("digits");
            return gamma ? gammaDigits(ctx, digits) : eDigits(ctx, digits);
        }
        return ctx.options().text("method").equals("series") ? vacca(ctx) : monteCarlo(ctx, gamma);
    }

    /** Monte Carlo e without a checkpoint, from 2^27 samples a rank: one block a vector lane. */
    @Override
    public VectorUse vectorUse() {
        return new VectorUse("samples", EulerMonteCarlo.VECTOR_MIN_SAMPLES_E, "", "0",
                List.of("!digits", "!method=series", "!checkpoint", "!constant=gamma"));
    }

    /** Monte Carlo without a checkpoint on enough samples a rank (gamma's vector kernel needs more). */
    @Override
    public boolean usesVector(Parsed options, int ranks) {
        boolean gamma = options.text("constant").equals("gamma");
        return !options.has("digits") && options.text("method").equals("montecarlo") && !options.has("checkpoint")
                && EulerMonteCarlo.vectorPays(gamma, options.integer("samples") / ranks);
    }

    /** The vector kernels' warm-up allocates hundreds of megabytes of short-lived boxes (see PiMonteCarlo). */
    @Override
    public List<String> vectorJvmOptions() {
        return List.of("-Xmn8m");
    }

    /** Blocks per vector kernel call: a few calls' worth of lanes, so progress moves on. */
    private static final int VECTOR_CHUNK = 4;
    private static final AtomicBoolean WARMING = new AtomicBoolean();
    /** After this long without compiled vector kernels, ranks stay on the plain ones. */
    private static final long WARM_UP_LIMIT_NANOS = 20_000_000_000L;

    /**
     * Once per JVM, a thread that runs the vector kernels until the JIT has compiled them,
     * while the ranks count with the plain ones (see PiMonteCarlo).
     */
    private static void warmUpVectorKernels() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> EulerMonteCarlo.warmUpVector(WARM_UP_LIMIT_NANOS), "euler-vector-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private Outcome monteCarlo(Context ctx, boolean gamma) {
        Spmd spmd = ctx.spmd();
        long[][] all;
        long samples = ctx.options().integer("samples");
        if (ctx.options().has("checkpoint")) {
            long seed = ctx.options().integer("seed");
            BlockPlan plan = BlockPlan.of(samples);
            all = checkpointed(ctx, plan, 2, (b, out, i) -> EulerMonteCarlo.blocks(gamma, seed, plan, b, b, false, out, i));
        } else {
            Sampling work = Sampling.of(ctx);
            Range mine = work.mine();
            boolean vector = EulerMonteCarlo.vectorFor(gamma, mine.size() * work.plan().blockSize());
            if (vector) {
                warmUpVectorKernels();
            }
            // Per block: two sums, gathered in block order.
            long[] local = ctx.compute(() -> {
                long[] out = new long[(int) (2 * mine.size())];
                long b = mine.first();
                while (b <= mine.last()) {
                    // Plain block by block until the vector kernels are compiled, then in chunks.
                    boolean v = vector && EulerMonteCarlo.vectorWarm();
                    long end = Math.min(mine.last(), b + (v ? VECTOR_CHUNK * EulerMonteCarlo.vectorBlocks() - 1 : 0));
                    EulerMonteCarlo.blocks(gamma, work.seed(), work.plan(), b, end, v, out, (int) (2 * (b - mine.first())));
                    ctx.progress().update(end - mine.first() + 1);
                    b = end + 1;
                }
                return out;
            });
            all = spmd.gather(local);
        }
        if (!spmd.isRoot()) {
            return null;
        }
        double mean;
        double meanSq;
        if (gamma) {
            Neumaier s = new Neumaier();
            Neumaier s2 = new Neumaier();
            for (long[] a : all) {
                for (int i = 0; i < a.length; i += 2) {
                    s.add(Double.longBitsToDouble(a[i]));
                    s2.add(Double.longBitsToDouble(a[i + 1]));
                }
            }
            mean = s.value() / samples;
            meanSq = s2.value() / samples;
        } else {
            long k = 0;
            long k2 = 0;
            for (long[] a : all) {
                for (int i = 0; i < a.length; i += 2) {
                    k = Math.addExact(k, a[i]);
                    k2 = Math.addExact(k2, a[i + 1]);
                }
            }
            mean = (double) k / samples;
            meanSq = (double) k2 / samples;
        }
        double estimate = gamma ? 1 - mean : mean;
        double stdError = Math.sqrt(Math.max(0, meanSq - mean * mean) / samples);
        double truth = gamma ? GAMMA : E;
        double absError = Math.abs(estimate - truth);
        String name = gamma ? "gamma" : "e";
        return new Outcome()
                .put("constant", name)
                .put("method", "montecarlo")
                .put("samples", samples)
                .put("estimate", estimate)
                .put("stdError", stdError)
                .put("absError", absError)
                .human(String.format(Locale.ROOT, "  %s ~ %.10f +- %.2g (one standard error) from %d samples%n"
                        + "  |estimate - %s| = %.3g (%.2f standard errors)", name, estimate, stdError, samples,
                        name, absError, stdError > 0 ? absError / stdError : 0.0));
    }

    private Outcome vacca(Context ctx) {
        Spmd spmd = ctx.spmd();
        long terms = ctx.options().integer("terms");
        long pairs = Vacca.pairsIn(terms);
        long blocks = (pairs + Vacca.BLOCK - 1) / Vacca.BLOCK;
        BlockFill fill = (b, out, i) -> out[i] = Double.doubleToRawLongBits(
                Vacca.pairs(b * Vacca.BLOCK + 1, Math.min(pairs, (b + 1) * Vacca.BLOCK)));
        long[][] all;
        if (ctx.options().has("checkpoint")) {
            all = checkpointed(ctx, new BlockPlan(pairs, (int) Vacca.BLOCK), 1, fill);
        } else {
            Range mine = ctx.myBlocks(blocks);
            long[] local = ctx.compute(() -> {
                long[] out = new long[(int) mine.size()];
                for (long b = mine.first(); b <= mine.last(); b++) {
                    fill.fill(b, out, (int) (b - mine.first()));
                    ctx.progress().update(b - mine.first() + 1);
                }
                return out;
            });
            all = spmd.gather(local);
        }
        if (!spmd.isRoot()) {
            return null;
        }
        Neumaier sum = new Neumaier(); // block sums in block order: the same for any rank count
        for (long[] a : all) {
            for (long bits : a) {
                sum.add(Double.longBitsToDouble(bits));
            }
        }
        sum.add(Vacca.loneTerm(terms));
        double estimate = sum.value();
        return new Outcome()
                .put("constant", "gamma")
                .put("method", "series")
                .put("terms", terms)
                .put("estimate", estimate)
                .put("errorBound", Vacca.errorBound(terms))
                .put("absError", Math.abs(estimate - GAMMA))
                .human(String.format(Locale.ROOT, "  gamma ~ %.16f from %d terms of Vacca's series%n"
                        + "  |error| = %.3g, a priori bound %.3g", estimate, terms, Math.abs(estimate - GAMMA),
                        Vacca.errorBound(terms)));
    }

    /** Writes block b's {@code width} values into out from index i. */
    interface BlockFill {
        void fill(long b, long[] out, int i);
    }

    /**
     * With --checkpoint: units of whole blocks, dealt one at a time; rank 0 keeps every block's
     * values in block order (the sums are then taken in the order the uninterrupted run takes
     * them, so floating-point results are the same to the bit). Returns, on rank 0, one array
     * of every block's values (null elsewhere), as the gather would.
     */
    private static long[][] checkpointed(Context ctx, BlockPlan plan, int width, BlockFill fill) {
        long blocks = plan.blocks();
        long per = Journal.perUnit(blocks, 1);
        long[][] values = {new long[Math.toIntExact(width * blocks)]};
        Journal journal = Journal.open(ctx);
        journal.run("blocks", Journal.units(blocks, per), u -> ctx.compute(() -> {
            long first = u * per;
            long last = Math.min(blocks, first + per) - 1;
            long[] out = new long[(int) (width * (last - first + 1))];
            for (long b = first; b <= last; b++) {
                fill.fill(b, out, (int) (width * (b - first)));
            }
            return out;
        }), new Journal.Tally() {
            @Override
            public void add(long unit, long[] result) {
                System.arraycopy(result, 0, values[0], (int) (width * unit * per), result.length);
            }

            @Override
            public long[] save() {
                return values[0].clone();
            }

            @Override
            public void load(long[] saved) {
                values[0] = saved.clone();
            }
        });
        if (!ctx.spmd().isRoot()) {
            return null;
        }
        journal.finish();
        return new long[][] {values[0]};
    }

    private Outcome eDigits(Context ctx, int digits) {
        Spmd spmd = ctx.spmd();
        long n = EDigits.termsFor(digits);
        Range mine = spmd.piece(new Range(1, n));
        byte[] part = ctx.compute(() -> {
            if (mine.isEmpty()) {
                return new byte[0];
            }
            EDigits.Split s = EDigits.split(mine.first() - 1, mine.last());
            return pack(s);
        });
        byte[][] parts = spmd.gatherBytes(part);
        if (!spmd.isRoot()) {
            return null;
        }
        String text = ctx.compute(() -> {
            List<EDigits.Split> splits = new ArrayList<>();
            for (byte[] b : parts) {
                if (b.length > 0) {
                    splits.add(unpack(b));
                }
            }
            return EDigits.digits(EDigits.combine(splits), digits);
        });
        return digitsOutcome(ctx, "e", text, digits, "binary splitting of the series of 1/k!, " + n + " terms");
    }

    private Outcome gammaDigits(Context ctx, int digits) {
        if (!ctx.spmd().isRoot()) {
            return null; // Brent-McMillan runs on rank 0
        }
        int p = GammaDigits.defaultPower(digits);
        String text = ctx.compute(() -> GammaDigits.digits(digits, p));
        return digitsOutcome(ctx, "gamma", text, digits, "Brent-McMillan with n = 2^" + p);
    }

    private static Outcome digitsOutcome(Context ctx, String name, String text, int digits, String how) {
        String out = ctx.options().text("out");
        if (out != null) {
            AtomicFile.write(Path.of(out), text + "\n");
        }
        String after = text.substring(2);
        String head = after.substring(0, Math.min(50, after.length()));
        String tail = after.substring(Math.max(0, after.length() - 50));
        return new Outcome()
                .put("constant", name)
                .put("method", "digits")
                .put("digits", digits)
                .put("first50", head)
                .put("last50", tail)
                .put("sha256", sha256(text))
                .put("out", out)
                .human(String.format(Locale.ROOT, "  %s = %s...%n  ... %s (digits %d)%n  %s%s", name,
                        text.substring(0, 2) + head, tail, digits, how, out == null ? "" : "\n  written to " + out));
    }

    static byte[] pack(EDigits.Split s) {
        byte[] p = s.p().toByteArray();
        byte[] q = s.q().toByteArray();
        byte[] out = new byte[8 + p.length + q.length];
        java.nio.ByteBuffer.wrap(out).putInt(p.length).putInt(q.length).put(p).put(q);
        return out;
    }

    static EDigits.Split unpack(byte[] b) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        byte[] p = new byte[buf.getInt()];
        byte[] q = new byte[buf.getInt()];
        buf.get(p).get(q);
        return new EDigits.Split(new BigInteger(p), new BigInteger(q));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
