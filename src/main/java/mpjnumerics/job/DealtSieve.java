package mpjnumerics.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import mpjnumerics.kernel.primes.PrimeSieve;
import mpjnumerics.spmd.Dealer;
import mpjnumerics.spmd.Range;
import mpjnumerics.spmd.Spmd;

/**
 * Sieve work over [from, to] in items of whole sieve bytes (30 numbers each), dealt to the
 * ranks as they ask in blocks that shrink as the items run out ({@link Dealer}); each block is
 * one sieve window, set up once. A rank slowed by anything else on its core takes less, where
 * fixed pieces wait for the slowest: PrimeCount 1e11 on 2 ranks took 15.5-16 s instead of
 * 9.6 s in two of three runs with fixed pieces, and 9.6-9.8 s in every run dealt.
 */
final class DealtSieve {
    /** A block's work: its result, reporting each sieved segment's length to {@code segmentDone}. */
    interface Work {
        long[] run(Range block, LongConsumer segmentDone);
    }

    /**
     * A range of this many windows of {@link PrimeSieve#VECTOR_NUMBERS} per rank has a window
     * that wide ({@link #usesVector}) whatever its place and the number of ranks, as a test
     * checks: the rule mpjrun.sh applies for the sieve jobs.
     */
    static final VectorUse VECTOR_USE = new VectorUse("to", 8 * PrimeSieve.VECTOR_NUMBERS, "from", "0", List.of());

    /**
     * Whether a block dealt over [from, to] to {@code ranks} ranks, or a rank's fixed piece
     * when it is not dealt, is wide enough for the Vector API pre-sieve. The first block dealt
     * is {@link Dealer#blockLength} items, all whole but perhaps the range's last.
     */
    static boolean usesVector(Range all, int ranks) {
        if (all.isEmpty()) {
            return false;
        }
        long bytes = all.last() / 30 - all.first() / 30 + 1;
        if (!worthDealing(all, ranks)) {
            return PrimeSieve.wideBytes(bytes / ranks);
        }
        long per = itemBytes(all);
        return PrimeSieve.wideBytes(per * Math.max(1, Dealer.blockLength(items(all, per), ranks) - 1));
    }

    /** Items per rank from which a range is dealt rather than split in fixed pieces. */
    static final long MIN_ITEMS_PER_RANK = 4;

    private DealtSieve() {}

    /**
     * Sieve bytes in an item: 8 segments, and at least 8 times the bytes of the sieve that
     * finds the sieving primes, which each block repeats.
     */
    static long itemBytes(Range all) {
        long root = (long) Math.sqrt((double) all.last());
        return Math.max(1L << 22, 8 * (root / 30 + 1));
    }

    /** Whether [from, to] has enough items for {@code ranks} ranks to be dealt. */
    static boolean worthDealing(Range all, int ranks) {
        return !all.isEmpty() && items(all, itemBytes(all)) >= MIN_ITEMS_PER_RANK * ranks;
    }

    static long items(Range all, long per) {
        return Journal.units(all.last() / 30 - all.first() / 30 + 1, per);
    }

    /** Item i of [from, to] split in items of {@code per} sieve bytes, cut at multiples of 30 (the last may be shorter). */
    static Range item(Range all, long per, long i) {
        long firstByte = all.first() / 30;
        long lastByte = all.last() / 30;
        long b0 = firstByte + i * per;
        long b1 = Math.min(lastByte, b0 + per - 1);
        long first = Math.max(all.first(), 30 * b0);
        long last = b1 == lastByte ? all.last() : 30 * b1 + 29; // no overflow near 2^63
        return new Range(first, last);
    }

    /**
     * Every rank calls this; rank 0 gets every block's result in the order of the range
     * (the others an empty list). Progress on rank 0: the share of its own blocks done,
     * applied to all the items dealt so far.
     */
    static List<long[]> run(Context ctx, Range all, Work work) {
        Spmd spmd = ctx.spmd();
        long per = itemBytes(all);
        long items = items(all, per);
        Dealer dealer = new Dealer(spmd, items);
        ctx.progress().total(items * per);
        List<long[]> mine = new ArrayList<>(); // per block: {first item, result...}
        ctx.compute(() -> {
            long[] own = {0, 0}; // rank 0's bytes taken and done
            for (long[] block; (block = dealer.takeBlock()) != null;) {
                Range r = new Range(item(all, per, block[1]).first(), item(all, per, block[0]).last());
                own[0] += (block[0] - block[1] + 1) * per;
                long[] result = work.run(r, len -> {
                    dealer.serve();
                    own[1] += len;
                    ctx.progress().update((long) ((double) dealer.dealt() * per * own[1] / own[0]));
                });
                long[] tagged = new long[result.length + 1];
                tagged[0] = block[1];
                System.arraycopy(result, 0, tagged, 1, result.length);
                mine.add(tagged);
            }
            return null;
        });
        long[][] everyone = spmd.gather(flatten(mine));
        if (!spmd.isRoot()) {
            return List.of();
        }
        List<long[]> blocks = new ArrayList<>();
        for (long[] rank : everyone) {
            for (int i = 0; i < rank.length; i += 1 + (int) rank[i]) {
                blocks.add(Arrays.copyOfRange(rank, i + 1, i + 1 + (int) rank[i]));
            }
        }
        blocks.sort(Comparator.comparingLong(b -> b[0]));
        List<long[]> results = new ArrayList<>();
        for (long[] b : blocks) {
            results.add(Arrays.copyOfRange(b, 1, b.length));
        }
        return results;
    }

    /** Each block as its length and then itself. */
    private static long[] flatten(List<long[]> blocks) {
        int n = 0;
        for (long[] b : blocks) {
            n += 1 + b.length;
        }
        long[] out = new long[n];
        int at = 0;
        for (long[] b : blocks) {
            out[at++] = b.length;
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }
}
