package mpjnumerics.spmd;

/** A failed MPJ call, unchecked: a rank that sees one ends the whole job. */
public final class SpmdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpmdException(String message, Throwable cause) {
        super(message, cause);
    }
}
