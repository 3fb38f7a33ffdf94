package mpjnumerics.cli;

/** A problem with the command line: reported as one line on stderr, exit status 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
