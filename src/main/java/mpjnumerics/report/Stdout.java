package mpjnumerics.report;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The job's stdout as bytes, without System.out's PrintStream, which swallows write errors: a
 * full disk or a closed pipe must end the job, never let it finish with exit 0 and missing
 * output. Results and data go through here; logs go to stderr.
 */
public final class Stdout {
    /**
     * A file the job's stdout goes to instead of fd 1 (a rank JVM whose launcher collects its
     * output apart from MPJ's merged stream). A property, not a field: in hybdev each rank
     * thread has its own copy of this class.
     */
    public static final String FILE = "mpjnumerics.stdoutFile";
    private static volatile OutputStream fd;

    /** An unbuffered stream to fd 1 whose write errors are {@link Failed} (callers buffer). */
    public static final OutputStream STREAM = new OutputStream() {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            put(b, off, len);
        }
    };

    private Stdout() {}

    private static OutputStream fd() throws IOException {
        OutputStream out = fd;
        if (out == null) {
            String file = System.getProperty(FILE);
            out = file == null ? new FileOutputStream(FileDescriptor.out) : new FileOutputStream(file, true);
            fd = out;
        }
        return out;
    }

    public static void print(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        put(b, 0, b.length);
    }

    private static void put(byte[] b, int off, int len) {
        System.out.flush(); // anything printed the usual way goes first
        try {
            fd().write(b, off, len);
        } catch (IOException e) {
            throw new Failed(e);
        }
    }

    /** stdout cannot be written: the reader has gone (a closed pipe), or the file system failed. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(IOException cause) {
            super("cannot write to stdout: " + cause.getMessage(), cause);
        }

        /** The reader closed the pipe (as `| head` does): not an error of the job's. */
        public boolean readerGone() {
            String m = getCause().getMessage();
            return m != null && m.contains("Broken pipe");
        }
    }
}
