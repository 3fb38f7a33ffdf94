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
        Spmd spmd = ctx.spmd();
        if (x < DelegliseRivat.SMALL) {
            long v = spmd.isRoot() ? ctx.compute(() -> DelegliseRivat.pi(x)) : 0;
            return spmd.isRoot() ? new Counted(x, v, null, null) : null;
        }
        long[] nanos = new long[4];
        long[] local = ctx.compute(() -> {
            DelegliseRivat d = plan(x);
            int s1 = d.s1Blocks();
            int easy = d.easyBlocks();
            int p2 = d.p2Blocks();
            int hard = d.hardBlocks();
            long items = (long) s1 + easy + p2 + hard;
            ctx.progress().total(items);
            LongList out = new LongList();
            Dealer dealer = new Dealer(spmd, items);
            for (long i; (i = dealer.take()) >= 0;) {
                long t0 = System.nanoTime();
                int part;
                long[] r;
                if (i >= s1 + easy + p2) { // the dealer starts from the top: hard block 0 first
                    part = HARD;
                    int k = (int) (items - 1 - i);
                    r = d.hard(k, dealer::serve);
                } else if (i >= s1 + easy) {
                    part = P2;
                    r = d.p2((int) (i - s1 - easy));
                } else if (i >= s1) {
                    part = EASY;
                    r = new long[] {d.easy((int) (i - s1))};
                } else {
                    part = S1;
                    r = new long[] {d.s1((int) i)};
                }
                nanos[part] += System.nanoTime() - t0;
                out.add(i);
                out.add(r.length);
                out.addAll(r);
                ctx.progress().update(dealer.dealt());
            }
            out.addAll(nanos);
            return out.toArray();
        });
        long[][] all = spmd.gather(local);
        if (!spmd.isRoot()) {
            return null;
        }
        DelegliseRivat d = plan(x);
        int s1 = d.s1Blocks();
        int easy = d.easyBlocks();
        int p2 = d.p2Blocks();
        int hard = d.hardBlocks();
        long items = (long) s1 + easy + p2 + hard;
        long[] rs1 = new long[s1];
        long[] reasy = new long[easy];
        long[][] rp2 = new long[p2][];
        long[][] rhard = new long[hard][];
        double[] seconds = new double[4];
        for (long[] a : all) {
            int at = 0;
            while (at < a.length - 4) {
                long i = a[at];
                int len = (int) a[at + 1];
                long[] r = java.util.Arrays.copyOfRange(a, at + 2, at + 2 + len);
                at += 2 + len;
                if (i >= s1 + easy + p2) {
                    rhard[(int) (items - 1 - i)] = r;
                } else if (i >= s1 + easy) {
                    rp2[(int) (i - s1 - easy)] = r;
                } else if (i >= s1) {
                    reasy[(int) (i - s1)] = r[0];
                } else {
                    rs1[(int) i] = r[0];
                }
            }
            for (int k = 0; k < 4; k++) {
                seconds[k] += a[a.length - 4 + k] / 1e9;
            }
        }
        DelegliseRivat.Result r = d.finish(rs1, reasy, rp2, rhard);
        return new Counted(x, r.pi(), r, seconds);
    }

    /** A growable array of longs. */
    private static final class LongList {
        private long[] a = new long[64];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        void addAll(long[] vs) {
            for (long v : vs) {
                add(v);
            }
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
