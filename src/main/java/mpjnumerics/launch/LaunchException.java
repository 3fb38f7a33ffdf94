package mpjnumerics.launch;

/** The launcher cannot start the job (not the user's arguments: those are usage errors). */
final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }
}
