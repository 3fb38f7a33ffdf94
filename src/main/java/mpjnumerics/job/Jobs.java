package mpjnumerics.job;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registry of the project's jobs, found by short name (any case) or fully qualified class name. */
public final class Jobs {
    /** The short names, as each job's options give them (a test holds them to it). */
    private static final List<String> NAMES =
            List.of("PiMonteCarlo", "PrimeCount", "NthPrime", "PrimeList", "PrimeGaps", "CollatzSteps", "EulerConstant", "PingPong", "Hello");
    private static final String PACKAGE = Jobs.class.getPackageName() + ".";

    private Jobs() {}

    /**
     * The job of that name. Only that job's class is loaded: each job class loaded costs
     * start-up time.
     */
    public static Optional<Job> find(String name) {
        String simple = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
        Job job = switch (simple.toLowerCase(Locale.ROOT)) {
            case "pimontecarlo" -> new PiMonteCarlo();
            case "primecount" -> new PrimeCount();
            case "nthprime" -> new NthPrime();
            case "primelist" -> new PrimeList();
            case "primegaps" -> new PrimeGaps();
            case "collatzsteps" -> new CollatzSteps();
            case "eulerconstant" -> new EulerConstant();
            case "pingpong" -> new PingPong();
            case "hello" -> new Hello();
            default -> null;
        };
        return Optional.ofNullable(job);
    }

    public static List<String> names() {
        return NAMES;
    }
}
