package mpjnumerics.spmd;

/**
 * Deals the items count-1 .. 0 (from the last down) to the ranks as they ask, in blocks that
 * shrink as items run out (guided self-scheduling: a block is 1 / (2 size) of what is left).
 * A rank slowed by whatever else runs on its core (the JIT's compiler threads, another job)
 * simply takes fewer items, and the ranks finish together, where a fixed split waits for the
 * slowest. Each rank's first block is fixed in advance, so nobody waits at the start; after
 * that rank 0 deals, between items of its own, and the others ask it by message. Rank 0
 * answers only between two items of its own, so the others ask one block ahead: as soon as a
 * block arrives, the ask for the next goes out, and its answer waits in a posted receive
 * while the block is worked on (asking only at a block's last item left a rank waiting up to
 * one of rank 0's items per block: 1.3 s of 8 at pi(10^16) on 2 ranks).
 *
 * <p>Every rank calls {@link #take} until it returns -1; rank 0 returns -1 only once every
 * other rank has been told that nothing is left, so no message outlives the dealing.
 */
public final class Dealer {
    private final Spmd spmd;
    private final long count;
    private final long[] message = new long[2];
    /**
     * Rank 0: per other rank, the receive waiting for its next ask (null once it was told that
     * none are left). One receive per rank, not one from any rank: niodev now and then loses
     * a message to a receive from any source, and the rank that sent it would wait forever.
     */
    private Spmd.Posted[] asks;
    /** This rank's block, taken from hi down to lo. */
    private long hi;
    private long lo;
    /** Rank 0: the highest item not yet dealt (-1: none). */
    private long next;
    /** Other ranks: rank 0 said none are left. */
    private boolean over;
    /** Other ranks: the answer to the one ask on its way (null once none are left), into {@link #dealt}. */
    private Spmd.Posted deal;
    private final long[] dealt = new long[2];

    public Dealer(Spmd spmd, long count) {
        this.spmd = spmd;
        this.count = count;
        // The first blocks, rank by rank, as rank 0 would deal them: every rank computes them alike.
        long top = count - 1;
        hi = -1;
        lo = 0;
        for (int r = 0; r < spmd.size(); r++) {
            long len = blockLength(top + 1, spmd.size());
            if (r == spmd.rank()) {
                hi = top;
                lo = top - len + 1;
            }
            top -= len;
        }
        next = top;
        if (spmd.isRoot()) {
            asks = new Spmd.Posted[spmd.size()];
            for (int r = 1; r < asks.length; r++) {
                asks[r] = spmd.post(new long[1], r, Tags.DEALER_ASK);
            }
        } else if (!spmd.isRoot()) {
            askAhead();
        }
    }

    /** Guided: half of an equal share of what is left, at least one item (zero if none). */
    public static long blockLength(long left, int ranks) {
        return Math.min(left, Math.max(1, left / (2L * ranks)));
    }

    /** This rank's next item, or -1 when every item has been dealt. */
    public long take() {
        if (spmd.isRoot()) {
            serve();
            if (hi < lo && next >= 0) {
                long len = blockLength(next + 1, spmd.size());
                hi = next;
                lo = next - len + 1;
                next -= len;
            }
            if (hi >= lo) {
                return hi--;
            }
            for (int r = 1; r < asks.length; r++) { // the last asks, in any order: all get "none"
                if (asks[r] != null) {
                    asks[r].await();
                    answer(r);
                }
            }
            return -1;
        }
        if (hi < lo) {
            if (over) {
                return -1;
            }
            deal.await();
            hi = dealt[0];
            lo = dealt[1];
            over = hi < lo;
            if (over) {
                deal = null;
                return -1;
            }
            askAhead();
        }
        return hi--;
    }

    /**
     * This rank's next block, whole, as {highest item, lowest item}, or null when every item
     * has been dealt: for work whose items cost less together than one by one (a sieve window
     * set up once for the block).
     */
    public long[] takeBlock() {
        long top = take();
        if (top < 0) {
            return null;
        }
        long[] block = {top, lo};
        hi = lo - 1;
        return block;
    }

    /** Other ranks: asks for the next block, whose answer is received while this one is worked on. */
    private void askAhead() {
        deal = spmd.post(dealt, 0, Tags.DEALER_DEAL);
        spmd.send(new long[] {spmd.rank()}, 0, Tags.DEALER_ASK);
    }

    /** Rank 0: the items handed out so far (its own counted as it takes them), for progress; 0 elsewhere. */
    public long dealt() {
        return spmd.isRoot() ? count - 1 - next - Math.max(0, hi - lo + 1) : 0;
    }

    /**
     * Rank 0: answers the asks already waiting (nothing elsewhere). {@link #take} does it;
     * an item that runs long should call it now and then, or the others wait for it.
     */
    public void serve() {
        if (!spmd.isRoot()) {
            return;
        }
        for (int r = 1; r < asks.length; r++) {
            if (asks[r] != null && asks[r].arrived()) {
                answer(r);
            }
        }
    }

    /** Rank 0: deals a block to a rank whose ask has arrived, and waits for its next ask unless it was told none are left. */
    private void answer(int rank) {
        long len = blockLength(next + 1, spmd.size());
        message[0] = next;
        message[1] = next - len + 1; // hi < lo when none are left
        next -= len;
        spmd.send(message, rank, Tags.DEALER_DEAL);
        asks[rank] = len == 0 ? null : spmd.post(new long[1], rank, Tags.DEALER_ASK);
    }
}
