package mpjnumerics.runtime;

/**
 * Recognises the arguments an MPJ launcher hands a rank's main: rank, conf (or size), device,
 * then the user's. Free of MPJ classes so the launcher can use it before MPJ is on the path.
 */
public final class LaunchArgs {
    private LaunchArgs() {}

    public static boolean isMpjLaunch(String[] args) {
        return args.length >= 3 && isRankNumber(args[0]) && userOffset(args[2]) > 0;
    }

    /** 1 to 9 decimal digits. No regex: every JVM of a job starts here, and a regex's first use costs some 5 ms. */
    public static boolean isRankNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of this JVM's host among the job's machines: under hybdev the first argument
     * is the rank thread's index on its host, and the host's own index (MPJ's "starting rank"
     * of the host's ticket) comes third among the five arguments hybdev adds; "?" without them.
     */
    public static String hybdevHost(String[] args) {
        return args.length > 5 && isRankNumber(args[5]) ? args[5] : "?";
    }

    /** Index of the first user argument for an MPJ device name, or -1 if it is not one. */
    public static int userOffset(String device) {
        return switch (device) {
            case "smpdev", "niodev", "mxdev", "native" -> 3;
            case "hybdev" -> 8; // hybdev hands ranks five more runtime arguments
            default -> -1;
        };
    }
}
