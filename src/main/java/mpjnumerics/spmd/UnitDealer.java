package mpjnumerics.spmd;

/**
 * Deals units of work one at a time and brings each finished unit's result to rank 0, for a
 * job that keeps a journal of what is done (a checkpoint): rank 0 decides which unit goes next
 * (skipping those a earlier run finished) and hears of every result as soon as the rank that
 * computed it asks for more. Each other rank keeps one ask ahead, so that the answer is there
 * when it finishes a unit; rank 0 answers between units of its own.
 *
 * <p>Once {@link Root#next} has said -1 it must keep saying so: every rank then finishes the
 * units it holds, and {@link #run} returns on every rank once rank 0 has every result (a rank's
 * last message says it is done, so no message outlives the call).
 */
public final class UnitDealer {
    /** A unit's work, on any rank: its result, at least one long. */
    public interface Work {
        long[] run(long unit);
    }

    /**
     * A unit's work that may run long: on rank 0, {@code serve} answers the other ranks' asks
     * that have arrived (a no-op elsewhere); call it now and then, or they wait for the unit.
     */
    public interface ServedWork {
        long[] run(long unit, Runnable serve);
    }

    /** Rank 0's side: which unit next, and what to do with a result (its own or another rank's). */
    public interface Root {
        /** The next unit to deal, or -1 for none (from then on always -1). */
        long next();

        void finished(long unit, long[] result);
    }

    private static final long NONE = -1;
    private static final long DONE = -2;

    private UnitDealer() {}

    /** Every rank calls this; {@code root} is used on rank 0 only (null elsewhere). */
    public static void run(Spmd spmd, Work work, Root root) {
        run(spmd, (ServedWork) (unit, serve) -> work.run(unit), root);
    }

    /** As {@link #run(Spmd, Work, Root)}, for units that call {@code serve} as they go. */
    public static void run(Spmd spmd, ServedWork work, Root root) {
        if (spmd.isRoot()) {
            serve(spmd, work, root);
        } else {
            take(spmd, work);
        }
    }

    /**
     * Rank 0. Each other rank's asks are received by a receive of that rank's own (niodev now
     * and then loses a message to a receive from any source); once rank 0 has no unit left for
     * itself, it waits on the ranks in turn, since every answer is "none" from then on.
     */
    private static void serve(Spmd spmd, ServedWork work, Root root) {
        Asked asked = new Asked(spmd, root);
        boolean mine = true;
        while (asked.active > 0 || mine) {
            asked.answerArrived();
            if (mine) {
                long u = root.next();
                if (u >= 0) {
                    root.finished(u, work.run(u, asked::answerArrived));
                } else {
                    mine = false;
                }
            } else {
                asked.answerFirstActive();
            }
        }
    }

    /** Rank 0: the receives of the other ranks' asks, one per rank until the rank is done. */
    private static final class Asked {
        private final Spmd spmd;
        private final Root root;
        private final Spmd.Posted[] posted;
        private final long[][] asks; // per rank: rank, unit finished (or NONE, or DONE), the result's length
        int active;

        Asked(Spmd spmd, Root root) {
            this.spmd = spmd;
            this.root = root;
            posted = new Spmd.Posted[spmd.size()];
            asks = new long[spmd.size()][3];
            for (int r = 1; r < posted.length; r++) {
                posted[r] = spmd.post(asks[r], r, Tags.UNIT_ASK);
            }
            active = posted.length - 1;
        }

        void answerArrived() {
            for (int r = 1; r < posted.length; r++) {
                if (posted[r] != null && posted[r].arrived()) {
                    answer(r);
                }
            }
        }

        void answerFirstActive() {
            for (int r = 1; r < posted.length; r++) {
                if (posted[r] != null) {
                    posted[r].await();
                    answer(r);
                    return;
                }
            }
        }

        /** Takes in rank r's ask (and its result), answers it, and waits for its next unless it is done. */
        private void answer(int r) {
            long unit = asks[r][1];
            if (unit == DONE) {
                posted[r] = null;
                active--;
                return;
            }
            if (unit >= 0) {
                long[] result = new long[(int) asks[r][2]];
                spmd.recv(result, r, Tags.UNIT_RESULT);
                root.finished(unit, result);
            }
            spmd.send(new long[] {root.next()}, r, Tags.UNIT_DEAL);
            posted[r] = spmd.post(asks[r], r, Tags.UNIT_ASK);
        }
    }

    /**
     * Another rank: every ask has its answer's receive posted first (in the multicore device a
     * send waits for its receive, and rank 0 must never wait on a rank that is computing), and
     * goes out without waiting for rank 0, which may be busy with a unit of its own.
     */
    private static void take(Spmd spmd, ServedWork work) {
        Asks asks = new Asks(spmd);
        asks.ask(NONE, null);
        asks.ask(NONE, null); // one ahead
        long unit;
        while ((unit = asks.answer()) >= 0) {
            long[] result = work.run(unit, () -> { });
            if (result.length == 0) {
                throw new IllegalArgumentException("unit " + unit + " gave an empty result");
            }
            asks.ask(unit, result);
        }
        asks.finish();
    }

    /** A rank's asks in flight (at most two) and the receives of their answers, in order. */
    private static final class Asks {
        private final Spmd spmd;
        private final long[][] answers = new long[2][1];
        private final Spmd.Posted[] posted = new Spmd.Posted[2];
        private int oldest;
        private int waiting;
        private Spmd.Posted[] sending = new Spmd.Posted[0];

        Asks(Spmd spmd) {
            this.spmd = spmd;
        }

        void ask(long unit, long[] result) {
            for (Spmd.Posted s : sending) {
                s.await(); // the previous ask's buffers are free again
            }
            int slot = (oldest + waiting) % 2;
            posted[slot] = spmd.post(answers[slot], 0, Tags.UNIT_DEAL);
            waiting++;
            long[] head = {spmd.rank(), unit, result == null ? 0 : result.length};
            sending = result == null ? new Spmd.Posted[] {spmd.start(head, 0, Tags.UNIT_ASK)}
                    : new Spmd.Posted[] {spmd.start(head, 0, Tags.UNIT_ASK), spmd.start(result, 0, Tags.UNIT_RESULT)};
        }

        long answer() {
            posted[oldest].await();
            long unit = answers[oldest][0];
            oldest = (oldest + 1) % 2;
            waiting--;
            return unit;
        }

        /** Takes the answers still due (all "none") and says this rank is done. */
        void finish() {
            while (waiting > 0) {
                answer();
            }
            for (Spmd.Posted s : sending) {
                s.await();
            }
            spmd.send(new long[] {spmd.rank(), DONE, 0}, 0, Tags.UNIT_ASK);
        }
    }
}
