package mpjnumerics.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpjnumerics.cli.Parsed;
import mpjnumerics.job.Job;
import mpjnumerics.kernel.VectorApi;

/**
 * The JVM options a job's JVMs are started with: those the job declares, and the Vector API's
 * module where this run's kernels use it ({@link Job#usesVector}), or as MPJ_NUMERICS_VECTOR=0
 * or 1 says (to compare the kernels' two paths).
 */
final class JvmOptions {
    private JvmOptions() {}

    /** For {@code job} (null: a program of the user's own) run with {@code options} on {@code ranks} ranks. */
    static List<String> of(Job job, Parsed options, int ranks) {
        List<String> out = new ArrayList<>(job == null ? List.of() : job.jvmOptions());
        String vector = System.getenv("MPJ_NUMERICS_VECTOR");
        boolean module = "0".equals(vector) ? false
                : "1".equals(vector) || (job != null && options != null && job.usesVector(options, ranks));
        if (module) {
            out.add(VectorApi.JVM_OPTION);
            if (job != null) {
                out.addAll(job.vectorJvmOptions());
            }
        }
        return out;
    }

    /** Those of {@code wanted} this JVM was not started with. */
    static List<String> missing(List<String> wanted) {
        List<String> out = new ArrayList<>();
        List<String> args = null;
        for (String o : wanted) {
            if (o.startsWith("--add-modules=")) {
                for (String m : o.substring("--add-modules=".length()).split(",")) {
                    if (ModuleLayer.boot().findModule(m).isEmpty()) {
                        out.add(o);
                        break;
                    }
                }
                continue;
            }
            if (args == null) {
                args = ProcessHandle.current().info().arguments().map(Arrays::asList).orElse(null);
            }
            if (args != null && !args.contains(o)) { // unknown arguments: assume present, never loop
                out.add(o);
            }
        }
        return out;
    }
}
