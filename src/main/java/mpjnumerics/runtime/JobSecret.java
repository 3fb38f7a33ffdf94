package mpjnumerics.runtime;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The job's secret, and the proof of it that every connection between the job's own processes
 * (rendezvous, abort channel) gives before anything else is read from it.
 *
 * <p>mpjrun.sh makes a fresh random secret for each job and hands it to the ranks out of sight
 * of {@code ps}: in the environment ({@value #ENV}, which srun passes on to the ranks) or in a
 * file only the user can read, named by {@code -D}{@value #FILE_PROPERTY} (niodev, hybdev: MPJ's
 * daemons pass JVM options on, not the environment). The handshake is mutual: each side sends
 * a random challenge and answers the other's with HMAC-SHA256 under the secret, compared in
 * constant time. A peer that does not answer correctly within the deadline is refused and
 * learns nothing but the challenge.
 */
public final class JobSecret {
    public static final String ENV = "MPJ_NUMERICS_SECRET";
    public static final String FILE_PROPERTY = "mpjnumerics.secretFile";
    /** At least 128 bits; mpjrun.sh makes 256. */
    static final int MIN_BYTES = 16;
    private static final int CHALLENGE_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private JobSecret(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a job secret needs at least " + MIN_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    public static JobSecret of(byte[] key) {
        return new JobSecret(key);
    }

    /** A fresh random secret (for a job started without one). */
    public static JobSecret random() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new JobSecret(k);
    }

    /** The bytes, to hand to the other ranks over MPI when the launcher gave none. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The launcher's secret: from {@value #ENV}, else from the file -D{@value #FILE_PROPERTY} names. */
    public static Optional<JobSecret> fromLauncher() {
        String hex = System.getenv(ENV);
        if (hex == null || hex.isBlank()) {
            String file = System.getProperty(FILE_PROPERTY);
            return file == null ? Optional.empty() : Optional.of(read(Path.of(file)));
        }
        return Optional.of(parse(hex));
    }

    /** The secret in {@code file}, as mpjrun.sh writes it in the job's MPJ home. */
    static JobSecret read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the job's secret from " + file + ": " + e.getMessage());
        }
    }

    private static JobSecret parse(String hex) {
        try {
            return new JobSecret(HexFormat.of().parseHex(hex.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the job's secret is not " + MIN_BYTES + "+ bytes in hexadecimal");
        }
    }

    /**
     * One side of the handshake ({@code accepting}: the server's), within {@code timeoutMillis};
     * throws when the peer does not know the secret, or says nothing in time. {@code purpose}
     * keeps a proof for one server from being replayed to another. The socket's read timeout
     * is left as it was.
     */
    public void prove(Socket s, String purpose, int timeoutMillis, boolean accepting) throws IOException {
        int before = s.getSoTimeout();
        s.setSoTimeout(timeoutMillis);
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] mine = new byte[CHALLENGE_BYTES];
            RANDOM.nextBytes(mine);
            byte[] theirs = new byte[CHALLENGE_BYTES];
            byte[] answer = new byte[MAC_BYTES];
            if (accepting) {
                out.write(mine);
                out.flush();
                in.readFully(theirs);
                in.readFully(answer);
                check(answer, mac(purpose, "connecting", mine, theirs));
                out.write(mac(purpose, "accepting", theirs, mine));
                out.flush();
            } else {
                in.readFully(theirs);
                out.write(mine);
                out.write(mac(purpose, "connecting", theirs, mine));
                out.flush();
                in.readFully(answer);
                check(answer, mac(purpose, "accepting", mine, theirs));
            }
        } catch (SocketTimeoutException e) {
            throw new AuthenticationException("no answer within " + timeoutMillis + " ms");
        } finally {
            if (!s.isClosed()) {
                s.setSoTimeout(before);
            }
        }
    }

    private static void check(byte[] got, byte[] want) throws AuthenticationException {
        if (!MessageDigest.isEqual(got, want)) {
            throw new AuthenticationException("the peer does not know the job's secret");
        }
    }

    private byte[] mac(String purpose, String side, byte[] first, byte[] second) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            m.update(("mpj-numerics " + purpose + " " + side + "\0").getBytes(StandardCharsets.UTF_8));
            m.update(first);
            m.update(second);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A peer that could not prove it belongs to the job. */
    public static final class AuthenticationException extends IOException {
        private static final long serialVersionUID = 1L;

        AuthenticationException(String message) {
            super(message);
        }
    }
}
