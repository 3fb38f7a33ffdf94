package mpjnumerics.job;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The project's jobs, found by short name (any case) or fully qualified class name. */
public final class Jobs {
    private static final List<Supplier<Job>> ALL = List.of(
            PiMonteCarlo::new, PrimeCount::new, PrimeList::new, CollatzSteps::new, EulerConstant::new, PingPong::new, Hello::new);

    private Jobs() {}

    public static Optional<Job> find(String name) {
        for (Supplier<Job> s : ALL) {
            Job j = s.get();
            if (j.options().job().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                    || j.getClass().getName().equals(name)) {
                return Optional.of(j);
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        return ALL.stream().map(s -> s.get().options().job()).toList();
    }
}
