package mpjnumerics.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpjnumerics.job.Job;
import mpjnumerics.kernel.VectorApi;

/**
 * The JVM options a job's JVMs are started with: those the job declares, with the Vector API
 * module left out or added by MPJ_NUMERICS_VECTOR=0 or 1 (to compare the kernels' two paths).
 */
final class JvmOptions {
    private JvmOptions() {}

    static List<String> of(Job job) {
        List<String> out = new ArrayList<>(job == null ? List.of() : job.jvmOptions());
        String vector = System.getenv("MPJ_NUMERICS_VECTOR");
        if ("0".equals(vector)) {
            out.remove(VectorApi.JVM_OPTION);
        } else if ("1".equals(vector) && !out.contains(VectorApi.JVM_OPTION)) {
            out.add(VectorApi.JVM_OPTION);
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
