package mpjnumerics.spmd;

/**
 * Every message tag the project uses, in one place, so that no two protocols can meet on a
 * tag: a message is matched by source and tag, and a stray match would be a silent wrong
 * result, not an error.
 */
public final class Tags {
    /** {@link Dealer}: a rank asks rank 0 for its next block. */
    static final int DEALER_ASK = 0x4445_0001;
    /** {@link Dealer}: rank 0's answer, a block or none. */
    static final int DEALER_DEAL = 0x4445_0002;
    /** {@link UnitDealer}: a rank's ask for a unit, with the unit it finished (or none) and its result's length. */
    static final int UNIT_ASK = 0x554E_0001;
    /** {@link UnitDealer}: rank 0's answer, a unit or none. */
    static final int UNIT_DEAL = 0x554E_0002;
    /** {@link UnitDealer}: a finished unit's result, after its ask. */
    static final int UNIT_RESULT = 0x554E_0003;
    /** {@link OrderedStream}: a chunk of a rank's output (its length first, then the bytes). */
    static final int STREAM = 0x5354_0001;
    /** {@link Spmd#exclusiveScan}: rank 0 sends each rank its prefix. */
    static final int SCAN = 0x5343_0001;
    /** PingPong's messages (a job's own protocol: its tags live here too). */
    public static final int PING_PONG = 0x5050_0001;

    private Tags() {}
}
