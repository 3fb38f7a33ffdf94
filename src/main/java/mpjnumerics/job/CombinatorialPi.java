package mpjnumerics.job;

import java.util.LinkedHashMap;
import java.util.Map;
import mpjnumerics.kernel.primecount.DelegliseRivat;
import mpjnumerics.report.Report;
import mpjnumerics.spmd.Dealer;
import mpjnumerics.spmd.Spmd;

/**
 * pi(x) by Deleglise-Rivat over all ranks: the blocks of every part (ordinary leaves, easy
 * leaves, P2, hard leaves) are dealt as the ranks ask ({@link Dealer}), the hard leaves' first
 * blocks first (they are the longest); rank 0 gathers every block's result and combines them
 * in block order. The result is exact, so it is the same for every np and device.
 */
final class CombinatorialPi {
    /** One computation's outcome on rank 0: pi(x), the parts, and each part's seconds summed over the ranks. */
    record Counted(long x, long pi, DelegliseRivat.Result parts, double[] partSeconds) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("x", x);
            m.put("pi", pi);
            if (parts != null) {
                m.put("s1", parts.s1());
                m.put("s2Easy", parts.s2Easy());
                m.put("s2Hard", parts.s2Hard());
                m.put("p2", parts.p2());
                Map<String, Object> t = new LinkedHashMap<>();
                for (int i = 0; i < PARTS.length; i++) {
                    t.put(PARTS[i], Double.parseDouble(Report.fixed(partSeconds[i], 3)));
                }
                m.put("partSeconds", t);
            }
            return m;
        }
    }

    /**
     * The JVM's first heap: by default 1/64 of the machine's memory (376 MiB on 24 GiB), and
     * the old generation is not collected before that is full, while the blocks' short-lived
     * arrays outlive the small young generation and pile up there: pi(1e17) on 2 ranks peaked
     * at 300 MiB RSS with some 40 MiB live, and at 136 MiB with this, in the same time.
     */
    static final String INITIAL_HEAP_OPTION = "-Xms24m";

    static final String[] PARTS = {"p2", "s1", "s2Easy", "s2Hard"};
    private static final int P2 = 0;
    private static final int S1 = 1;
    private static final int EASY = 2;
    private static final int HARD = 3;

    /** The tables of the last x, shared by the ranks of one JVM (multicore): built once, read only. */
    private static DelegliseRivat shared;

    private CombinatorialPi() {}

    private static synchronized DelegliseRivat plan(long x) {
        if (shared == null || shared.x() != x) {
            shared = null; // the old tables may go before the new ones are built
            shared = new DelegliseRivat(x);
        }
        return shared;
    }

    /** pi(x) on rank 0 (null elsewhere); every rank must call it with the same x. */
    static Counted pi(Context ctx, long x) {
        return pi(ctx, x, null, null);
    }

    /**
     * pi(x) on rank 0 (null elsewhere), its blocks journaled as phase {@code phase} of
     * {@code journal} (with --checkpoint; null: dealt without one). Every rank must call it
     * with the same arguments.
     */
    static Counted pi(Context ctx, long x, Journal journal, String phase) {
        Spmd spmd = ctx.spmd();
        if (x < DelegliseRivat.SMALL) {
            long v = spmd.isRoot() ? ctx.compute(() -> DelegliseRivat.pi(x)) : 0;
            return spmd.isRoot() ? new Counted(x, v, null, null) : null;
        }
        DelegliseRivat d = ctx.compute(() -> plan(x));
        long items = items(d);
        long[][] results = spmd.isRoot() ? new long[(int) items][] : null;
        if (journal != null) {
            journal.run(phase, items, (i, serve) -> ctx.compute(() -> item(d, i, serve)), new Journal.Tally() {
                @Override
                public void add(long unit, long[] result) {
                    results[(int) unit] = result;
                }

                @Override
                public long[] save() {
                    return flatten(results);
                }

                @Override
                public void load(long[] saved) {
                    unflatten(saved, results);
                }
            });
        } else {
            ctx.progress().total(items);
            LongList out = new LongList();
            Dealer dealer = new Dealer(spmd, items);
            ctx.compute(() -> {
                for (long i; (i = dealer.take()) >= 0;) {
                    append(out, i, item(d, i, dealer::serve));
                    ctx.progress().update(dealer.dealt());
                }
                return null;
            });
            long[][] all = spmd.gather(out.toArray());
            if (spmd.isRoot()) {
                for (long[] a : all) {
                    unflatten(a, results);
                }
            }
        }
        if (!spmd.isRoot()) {
            return null;
        }
        return finish(x, d, results);
    }

    private static long items(DelegliseRivat d) {
        return (long) d.s1Blocks() + d.easyBlocks() + d.p2Blocks() + d.hardBlocks();
    }

    /**
     * Item i's result, its part's nanoseconds appended. Items count from the top down in the
     * dealers' order: the hard blocks (0 first: the longest), P2, the easy leaves, S1.
     */
    private static long[] item(DelegliseRivat d, long i, Runnable serve) {
        long t0 = System.nanoTime();
        long[] r = switch (part(d, i)) {
            case HARD -> d.hard((int) (items(d) - 1 - i), serve);
            case P2 -> d.p2((int) (i - d.s1Blocks() - d.easyBlocks()));
            case EASY -> new long[] {d.easy((int) (i - d.s1Blocks()))};
            default -> new long[] {d.s1((int) i)};
        };
        long[] out = java.util.Arrays.copyOf(r, r.length + 1);
        out[r.length] = System.nanoTime() - t0;
        return out;
    }

    private static int part(DelegliseRivat d, long i) {
        if (i >= (long) d.s1Blocks() + d.easyBlocks() + d.p2Blocks()) {
            return HARD;
        } else if (i >= (long) d.s1Blocks() + d.easyBlocks()) {
            return P2;
        } else if (i >= d.s1Blocks()) {
            return EASY;
        }
        return S1;
    }

    /** Rank 0: pi(x) from every item's result. */
    private static Counted finish(long x, DelegliseRivat d, long[][] results) {
        int s1 = d.s1Blocks();
        int easy = d.easyBlocks();
        int p2 = d.p2Blocks();
        long items = items(d);
        long[] rs1 = new long[s1];
        long[] reasy = new long[easy];
        long[][] rp2 = new long[p2][];
        long[][] rhard = new long[d.hardBlocks()][];
        double[] seconds = new double[4];
        for (int i = 0; i < items; i++) {
            long[] r = results[i]; // the parts read their fields by index: the nanoseconds at the end stay
            int part = part(d, i);
            seconds[part] += r[r.length - 1] / 1e9;
            switch (part) {
                case HARD -> rhard[(int) (items - 1 - i)] = r;
                case P2 -> rp2[i - s1 - easy] = r;
                case EASY -> reasy[i - s1] = r[0];
                default -> rs1[i] = r[0];
            }
        }
        DelegliseRivat.Result r = d.finish(rs1, reasy, rp2, rhard);
        return new Counted(x, r.pi(), r, seconds);
    }

    /** The results there are, each as {item, length, result...}. */
    private static long[] flatten(long[][] results) {
        LongList out = new LongList();
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null) {
                append(out, i, results[i]);
            }
        }
        return out.toArray();
    }

    /** Item i's result r, as {@link #flatten} and {@link #unflatten} lay it out. */
    private static void append(LongList out, long i, long[] r) {
        out.add(i);
        out.add(r.length);
        out.addAll(r);
    }

    private static void unflatten(long[] flat, long[][] results) {
        for (int at = 0; at < flat.length; at += 2 + (int) flat[at + 1]) {
            results[(int) flat[at]] = java.util.Arrays.copyOfRange(flat, at + 2, at + 2 + (int) flat[at + 1]);
        }
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] a = new long[64];
        private int n;

        void add(long v) {
            ensure(1);
            a[n++] = v;
        }

        void addAll(long[] vs) {
            ensure(vs.length);
            System.arraycopy(vs, 0, a, n, vs.length);
            n += vs.length;
        }

        private void ensure(int more) {
            if (n + more > a.length) {
                a = java.util.Arrays.copyOf(a, Math.max(2 * a.length, n + more));
            }
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
