package mpjnumerics.spmd;

import mpjnumerics.runtime.AbortChannel;
import mpjnumerics.runtime.Failure;
import mpjnumerics.runtime.LauncherWatch;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import mpi.MPI;
import mpi.MPIException;

/**
 * The one place that talks to MPJ Express: rank, size, device, and the few collectives the
 * jobs need. Everything is gathered to rank 0 and combined there in rank order, so results
 * never depend on the order in which messages arrive.
 */
public final class Spmd {
    private static final int ROOT = 0;

    private final int rank;
    private final int size;
    private final String device;
    private final String[] args;
    private AbortChannel abortChannel;

    private Spmd(int rank, int size, String device, String[] args) {
        this.rank = rank;
        this.size = size;
        this.device = device;
        this.args = args;
    }

    /** Whether MPI.Init ran in this JVM (MPJ sets COMM_WORLD there, and leaves it after Finalize). */
    public static boolean everInitialized() {
        try {
            return MPI.COMM_WORLD != null;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Joins the job: MPI.Init with the launcher's arguments. */
    public static Spmd init(String[] mpjArgs) {
        skipLog4jConfigSearch();
        try {
            String[] user = MPI.Init(mpjArgs);
            String dev = mpjArgs[2].equals("smpdev") ? "multicore" : mpjArgs[2];
            Spmd spmd = new Spmd(MPI.COMM_WORLD.Rank(), MPI.COMM_WORLD.Size(), dev, user);
            if (!dev.equals("multicore")) {
                // Ranks in JVMs of their own: a failing rank must take the others down itself.
                Thread.currentThread().setName("rank-" + spmd.rank()); // for Failure's exit watch
                Failure.watchExits();
                if (spmd.size() > 1) {
                    spmd.abortChannel = AbortChannel.open(spmd.rank(), spmd.size(),
                            AbortChannel.launcherHost(mpjArgs), new AbortChannel.Exchange() {
                        @Override
                        public long broadcast(long value) {
                            return spmd.broadcast(value);
                        }

                        @Override
                        public void broadcastBytes(byte[] buf) {
                            spmd.broadcastBytes(buf);
                        }
                    });
                }
                LauncherWatch.joined();
            }
            return spmd;
        } catch (MPIException e) {
            throw new SpmdException("MPI.Init failed", e);
        }
    }

    /**
     * MPI.Init starts log4j 1.2, which looks for log4j.xml and log4j.properties on the class
     * path and in the JDK's modules, through a reflective call whose first use parses
     * annotations and spins a proxy class: some 20 ms of CPU per JVM, to find nothing (neither
     * MPJ's home nor this project has such a file). Skipped unless the user names a
     * configuration (-Dlog4j.configuration=...) or asks for the search (-Dlog4j.defaultInitOverride=false).
     */
    private static void skipLog4jConfigSearch() {
        if (System.getProperty("log4j.configuration") == null && System.getProperty("log4j.defaultInitOverride") == null) {
            System.setProperty("log4j.defaultInitOverride", "true");
        }
    }

    public void finish() {
        try {
            MPI.Finalize();
        } catch (MPIException e) {
            throw new SpmdException("MPI.Finalize failed", e);
        }
        if (abortChannel != null) {
            abortChannel.finish();
        }
        if (Thread.currentThread().getName().equals("rank-" + rank)) {
            Thread.currentThread().setName("rank-" + rank + "-done"); // exits from here on are not failures
        }
        if (!device.equals("multicore")) {
            Failure.ranksFinished(); // the JVM's one rank (in multicore, the launcher says so once all have)
        }
    }

    public int rank() {
        return rank;
    }

    public int size() {
        return size;
    }

    public boolean isRoot() {
        return rank == ROOT;
    }

    /** The device as users name it: multicore, niodev or hybdev. */
    public String device() {
        return device;
    }

    /** The user's arguments, after the launcher's. */
    public String[] args() {
        return args.clone();
    }

    /** This rank's contiguous piece of {@code all}. */
    public Range piece(Range all) {
        return Partition.block(all, size, rank);
    }

    /** This rank's contiguous piece of {@code all}, of about equal cost: see {@link Partition#weighted}. */
    public Range piece(Range all, DoubleUnaryOperator cost) {
        return Partition.weighted(all, size, rank, cost);
    }

    public void barrier() {
        try {
            MPI.COMM_WORLD.Barrier();
        } catch (MPIException e) {
            throw new SpmdException("Barrier failed", e);
        }
    }

    /**
     * Every rank's array, at rank 0 indexed by rank (null elsewhere). Arrays may differ in
     * length, including empty ones.
     */
    public long[][] gather(long[] mine) {
        try {
            int[] lens = new int[size];
            MPI.COMM_WORLD.Gather(new int[] {mine.length}, 0, 1, MPI.INT, lens, 0, 1, MPI.INT, ROOT);
            // Every rank sends at least one element: MPJ mishandles zero-length pieces.
            long[] send = mine.length == 0 ? new long[1] : mine;
            int[] counts = new int[size];
            int[] displs = new int[size];
            int total = 0;
            if (isRoot()) {
                for (int r = 0; r < size; r++) {
                    counts[r] = Math.max(1, lens[r]);
                    displs[r] = total;
                    total = Math.addExact(total, counts[r]);
                }
            }
            long[] all = new long[Math.max(total, 1)];
            MPI.COMM_WORLD.Gatherv(send, 0, send.length, MPI.LONG, all, 0, counts, displs, MPI.LONG, ROOT);
            if (!isRoot()) {
                return null;
            }
            long[][] out = new long[size][];
            for (int r = 0; r < size; r++) {
                out[r] = Arrays.copyOfRange(all, displs[r], displs[r] + lens[r]);
            }
            return out;
        } catch (MPIException e) {
            throw new SpmdException("Gather failed", e);
        }
    }

    /** Every rank's bytes at rank 0, by rank (null elsewhere). */
    public byte[][] gatherBytes(byte[] mine) {
        long[] packed = new long[(mine.length + 7) / 8 + 1];
        packed[0] = mine.length;
        for (int i = 0; i < mine.length; i++) {
            packed[1 + i / 8] |= (mine[i] & 0xFFL) << (8 * (i % 8));
        }
        long[][] all = gather(packed);
        if (all == null) {
            return null;
        }
        byte[][] out = new byte[size][];
        for (int r = 0; r < size; r++) {
            byte[] b = new byte[(int) all[r][0]];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (all[r][1 + i / 8] >>> (8 * (i % 8)));
            }
            out[r] = b;
        }
        return out;
    }

    /** Sum over ranks at rank 0 (0 elsewhere); overflow is an error, never a wrapped total. */
    public long sum(long mine) {
        long[][] all = gather(new long[] {mine});
        if (all == null) {
            return 0;
        }
        long s = 0;
        for (long[] a : all) {
            s = Math.addExact(s, a[0]);
        }
        return s;
    }

    /**
     * The sum of {@code mine} over the ranks below this one (0 on rank 0): where this rank's
     * part starts when every rank's part follows the previous rank's. Overflow is an error.
     */
    public long exclusiveScan(long mine) {
        long[][] all = gather(new long[] {mine});
        long[] prefix = new long[1];
        if (isRoot()) {
            long total = 0;
            for (int r = 0; r < size; r++) {
                if (r > 0) {
                    send(new long[] {total}, r, Tags.SCAN);
                }
                total = Math.addExact(total, all[r][0]);
            }
        } else {
            recv(prefix, ROOT, Tags.SCAN);
        }
        return prefix[0];
    }

    /** Rank 0's value, on every rank. */
    public long broadcast(long value) {
        long[] buf = {value};
        try {
            MPI.COMM_WORLD.Bcast(buf, 0, 1, MPI.LONG, ROOT);
        } catch (MPIException e) {
            throw new SpmdException("Bcast failed", e);
        }
        return buf[0];
    }

    /** Rank 0's bytes, into buf on every rank. */
    public void broadcastBytes(byte[] buf) {
        try {
            MPI.COMM_WORLD.Bcast(buf, 0, buf.length, MPI.BYTE, ROOT);
        } catch (MPIException e) {
            throw new SpmdException("Bcast failed", e);
        }
    }

    /** Sends longs to one rank. */
    public void send(long[] buf, int dest, int tag) {
        try {
            MPI.COMM_WORLD.Send(buf, 0, buf.length, MPI.LONG, dest, tag);
        } catch (MPIException e) {
            throw new SpmdException("Send to rank " + dest + " failed", e);
        }
    }

    /** Receives longs from one rank. */
    public void recv(long[] buf, int source, int tag) {
        try {
            MPI.COMM_WORLD.Recv(buf, 0, buf.length, MPI.LONG, source, tag);
        } catch (MPIException e) {
            throw new SpmdException("Recv from rank " + source + " failed", e);
        }
    }

    /**
     * Posts a receive of longs from source that completes later, for a rank that must notice
     * messages between its own work. Always from one rank: MPJ Express 0.44's niodev fails
     * Iprobe from any source and now and then loses a message to a receive from any source.
     */
    public Posted post(long[] buf, int source, int tag) {
        try {
            return new Posted(MPI.COMM_WORLD.Irecv(buf, 0, buf.length, MPI.LONG,
                    source, tag));
        } catch (MPIException e) {
            throw new SpmdException("Irecv failed", e);
        }
    }

    /**
     * Starts a send of longs that completes later ({@link Posted#await}); the buffer must stay
     * untouched until then. For a rank that must not wait while the receiver is busy (in the
     * multicore device a send waits for its receive).
     */
    public Posted start(long[] buf, int dest, int tag) {
        try {
            return new Posted(MPI.COMM_WORLD.Isend(buf, 0, buf.length, MPI.LONG, dest, tag));
        } catch (MPIException e) {
            throw new SpmdException("Isend to rank " + dest + " failed", e);
        }
    }

    /** A receive (or a send, see {@link #start}) in progress: see {@link #post}. */
    public static final class Posted {
        private final mpi.Request request;

        private Posted(mpi.Request request) {
            this.request = request;
        }

        /** Whether the message has arrived (into the buffer posted); never blocks. */
        public boolean arrived() {
            try {
                return request.Test() != null;
            } catch (MPIException e) {
                throw new SpmdException("Test of a receive failed", e);
            }
        }

        /** Waits until the message has arrived. */
        public void await() {
            try {
                request.Wait();
            } catch (MPIException e) {
                throw new SpmdException("Wait for a receive failed", e);
            }
        }
    }

    public void send(byte[] buf, int count, int dest, int tag) {
        try {
            MPI.COMM_WORLD.Send(buf, 0, count, MPI.BYTE, dest, tag);
        } catch (MPIException e) {
            throw new SpmdException("Send to rank " + dest + " failed", e);
        }
    }

    public void recv(byte[] buf, int count, int source, int tag) {
        try {
            MPI.COMM_WORLD.Recv(buf, 0, count, MPI.BYTE, source, tag);
        } catch (MPIException e) {
            throw new SpmdException("Recv from rank " + source + " failed", e);
        }
    }
}
