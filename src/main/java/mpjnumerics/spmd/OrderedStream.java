package mpjnumerics.spmd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * One output stream for the whole job, in rank order: rank 0 writes its own bytes to the sink
 * as they come, then every other rank's, rank by rank, as {@link #close} receives them. Every
 * rank writes through {@link #write} and calls {@link #close} once, collectively.
 */
public final class OrderedStream {
    private final Spmd spmd;
    private final OutputStream sink;
    private final byte[] header = new byte[8];

    /** {@code sink} is used on rank 0 only (it may be null elsewhere). */
    public OrderedStream(Spmd spmd, OutputStream sink) {
        this.spmd = spmd;
        this.sink = sink;
    }

    /** This rank's next {@code len} bytes of {@code buf}. */
    public void write(byte[] buf, int len) {
        if (len == 0) {
            return;
        }
        if (spmd.isRoot()) {
            put(buf, len);
        } else {
            spmd.send(ByteBuffer.allocate(8).putLong(len).array(), 8, 0, Tags.STREAM);
            spmd.send(buf, len, 0, Tags.STREAM);
        }
    }

    /** Ends this rank's part; rank 0 then writes every other rank's and flushes the sink. */
    public void close() {
        if (!spmd.isRoot()) {
            spmd.send(new byte[8], 8, 0, Tags.STREAM); // length 0: this rank is done
            return;
        }
        byte[] chunk = new byte[0];
        for (int r = 1; r < spmd.size(); r++) {
            while (true) {
                spmd.recv(header, 8, r, Tags.STREAM);
                long len = ByteBuffer.wrap(header).getLong();
                if (len == 0) {
                    break;
                }
                if (len > chunk.length) {
                    chunk = new byte[(int) len];
                }
                spmd.recv(chunk, (int) len, r, Tags.STREAM);
                put(chunk, (int) len);
            }
        }
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(byte[] buf, int len) {
        try {
            sink.write(buf, 0, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
