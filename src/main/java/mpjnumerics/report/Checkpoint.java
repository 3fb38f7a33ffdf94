package mpjnumerics.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's journal of finished work, for a later run of the same command to resume from: the
 * job, its parameters in canonical form, the program's version, and for each phase of the
 * work (most jobs have one) the units finished and the job's tally of their results.
 *
 * <p>On disk: a text line naming the format, the length of the whole file, the header fields,
 * the phases (bit set of finished units, tally), then the SHA-256 of everything before it. A
 * file cut short or changed anywhere is refused, never read as "nothing done". Written
 * under a temporary name beside the target, forced to disk, and renamed over it.
 */
public final class Checkpoint {
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = "mpj-numerics checkpoint\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;

    /** One phase of the work: units 0 .. units-1, which are done, and the job's tally. */
    public static final class Phase {
        private final long units;
        private final long[] done;
        private long doneCount;
        private long[] tally;

        public Phase(long units) {
            if (units < 0 || units > Integer.MAX_VALUE * 64L) {
                throw new IllegalArgumentException("units " + units);
            }
            this.units = units;
            this.done = new long[(int) ((units + 63) / 64)];
            this.tally = new long[0];
        }

        public long units() {
            return units;
        }

        public boolean isDone(long unit) {
            return (done[(int) (unit >>> 6)] & 1L << unit) != 0;
        }

        public void markDone(long unit) {
            if (!isDone(unit)) {
                done[(int) (unit >>> 6)] |= 1L << unit;
                doneCount++;
            }
        }

        public long doneCount() {
            return doneCount;
        }

        public boolean complete() {
            return doneCount == units;
        }

        public long[] tally() {
            return tally;
        }

        public void tally(long[] t) {
            this.tally = t.clone();
        }

        Phase copy() {
            Phase p = new Phase(units);
            System.arraycopy(done, 0, p.done, 0, done.length);
            p.doneCount = doneCount;
            p.tally = tally.clone();
            return p;
        }
    }

    /** A checkpoint file this run cannot use: the message says which and why, in one line. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private final String job;
    private final String program;
    private final String params;
    private final Map<String, Phase> phases = new LinkedHashMap<>();

    public Checkpoint(String job, String program, String params) {
        this.job = job;
        this.program = program;
        this.params = params;
    }

    public String job() {
        return job;
    }

    public String program() {
        return program;
    }

    public String params() {
        return params;
    }

    /** The phase of that name, created with {@code units} units if new; its size must agree. */
    public Phase phase(String name, long units) {
        Phase p = phases.computeIfAbsent(name, n -> new Phase(units));
        if (p.units() != units) {
            throw new IllegalStateException("phase " + name + " has " + p.units() + " units, not " + units);
        }
        return p;
    }

    public boolean hasPhase(String name) {
        return phases.containsKey(name);
    }

    /** A deep copy, to write while the original goes on changing. */
    public Checkpoint copy() {
        Checkpoint c = new Checkpoint(job, program, params);
        phases.forEach((n, p) -> c.phases.put(n, p.copy()));
        return c;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(0); // the file's length, filled in below
            out.writeUTF(program);
            out.writeUTF(job);
            out.writeUTF(params);
            out.writeInt(phases.size());
            for (Map.Entry<String, Phase> e : phases.entrySet()) {
                Phase p = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(p.units);
                for (long w : p.done) {
                    out.writeLong(w);
                }
                out.writeInt(p.tally.length);
                for (long t : p.tally) {
                    out.writeLong(t);
                }
            }
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] file = Arrays.copyOf(body, body.length + DIGEST);
            ByteBuffer.wrap(file, MAGIC.length + 4, 8).putLong(file.length);
            System.arraycopy(sha256(file, body.length), 0, file, body.length, DIGEST);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
    }

    /** Parses a checkpoint; {@code name} is how the messages call the file. */
    public static Checkpoint fromBytes(byte[] file, String name) throws Refused {
        int head = MAGIC.length + 4 + 8;
        if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
            throw new Refused("checkpoint " + name + " is not an mpj-numerics checkpoint");
        }
        if (file.length < head) {
            throw new Refused("checkpoint " + name + " is truncated (" + file.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int format = b.getInt(MAGIC.length);
        long length = b.getLong(MAGIC.length + 4);
        if (format != FORMAT) {
            throw new Refused("checkpoint " + name + " has format " + format + ", this program reads format " + FORMAT);
        }
        if (file.length < length) {
            throw new Refused("checkpoint " + name + " is truncated (" + file.length + " of " + length + " bytes)");
        }
        if (file.length != length || length < head + DIGEST
                || !Arrays.equals(sha256(file, file.length - DIGEST), Arrays.copyOfRange(file, file.length - DIGEST, file.length))) {
            throw new Refused("checkpoint " + name + " is damaged (its checksum does not match its contents)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, head, file.length - DIGEST - head));
            String program = in.readUTF();
            String job = in.readUTF();
            Checkpoint c = new Checkpoint(job, program, in.readUTF());
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String phase = in.readUTF();
                Phase p = new Phase(in.readLong());
                for (int w = 0; w < p.done.length; w++) {
                    p.done[w] = in.readLong();
                    p.doneCount += Long.bitCount(p.done[w]);
                }
                long[] tally = new long[in.readInt()];
                for (int t = 0; t < tally.length; t++) {
                    tally[t] = in.readLong();
                }
                p.tally = tally;
                c.phases.put(phase, p);
            }
            if (in.available() != 0) {
                throw new Refused("checkpoint " + name + " is damaged (bytes left over)");
            }
            return c;
        } catch (EOFException | IllegalArgumentException e) {
            throw new Refused("checkpoint " + name + " is damaged (its contents end early)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checkpoint in {@code file}, or empty when there is none. */
    public static java.util.Optional<Checkpoint> read(Path file) throws Refused {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new Refused("cannot read checkpoint " + file + ": " + e.getMessage());
        }
        return java.util.Optional.of(fromBytes(bytes, file.toString()));
    }

    /**
     * Refuses a checkpoint made by another job, program version or parameters, naming the first
     * difference.
     */
    public void requireSame(String job, String program, String params, String name) throws Refused {
        if (!this.job.equals(job)) {
            throw new Refused("checkpoint " + name + " is of job " + this.job + ", not " + job);
        }
        if (!this.program.equals(program)) {
            throw new Refused("checkpoint " + name + " was written by mpj-numerics " + this.program
                    + ", this is " + program);
        }
        if (!this.params.equals(params)) {
            throw new Refused("checkpoint " + name + " is of other parameters: " + difference(this.params, params));
        }
    }

    /** The first parameter that differs, as "--to 1000 there, 2000 here". */
    static String difference(String there, String here) {
        Map<String, String> a = split(there);
        Map<String, String> b = split(here);
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }
        for (String k : keys) {
            String x = a.getOrDefault(k, "(none)");
            String y = b.getOrDefault(k, "(none)");
            if (!x.equals(y)) {
                return "--" + k + " " + x + " in the checkpoint, " + y + " in this run";
            }
        }
        return "'" + there + "' in the checkpoint, '" + here + "' in this run";
    }

    private static Map<String, String> split(String params) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : params.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return m;
    }

    /**
     * Writes the checkpoint: to a temporary file beside {@code file}, forced to disk, renamed
     * over it, and the folder forced too, so that after a crash either the old or the new one is there.
     */
    public void write(Path file) throws IOException {
        byte[] bytes = toBytes();
        Path tmp = AtomicFile.createTemp(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            AtomicFile.commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
            TempFiles.release(tmp);
        }
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot force a folder; the rename is still atomic
        }
    }

    private static byte[] sha256(byte[] b, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, 0, len);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
