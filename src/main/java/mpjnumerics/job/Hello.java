package mpjnumerics.job;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mpjnumerics.cli.Options;
import mpjnumerics.cli.Parsed;
import mpjnumerics.spmd.Spmd;

/**
 * Every rank says who and where it is; rank 0 prints them in rank order. With --fail-rank it
 * also checks that a failing rank brings the whole job down.
 */
public final class Hello implements Job {
    @Override
    public Options options() {
        return new Options("Hello", "every rank reports rank, size, host, pid, device and Java version")
                .integer("fail-rank", null, 0, Integer.MAX_VALUE,
                        "make this rank fail, to test that a failure ends the whole job")
                .choice("fail-mode", "throw", List.of("throw", "exit"),
                        "how --fail-rank fails: an exception, or System.exit(3)")
                .example("mpj/bin/mpjrun.sh -np 4 Hello")
                .example("mpj/bin/mpjrun.sh -np 4 Hello --fail-rank 2   # must end with exit status 1");
    }

    /** --fail-mode only with --fail-rank, which it qualifies. */
    @Override
    public Map<String, Object> params(Parsed options) {
        Map<String, Object> used = new LinkedHashMap<>(options.params());
        if (!options.has("fail-rank")) {
            used.remove("failMode");
        }
        return used;
    }

    @Override
    public Outcome run(Context ctx) throws Exception {
        Spmd spmd = ctx.spmd();
        String mode = ctx.options().text("fail-mode");
        if (ctx.options().has("fail-rank") && ctx.options().integer("fail-rank") == spmd.rank()) {
            spmd.barrier(); // fail while the other ranks wait in a collective
            if (mode.equals("exit")) {
                System.exit(3);
            }
            throw new IllegalStateException("failure requested by --fail-rank " + spmd.rank());
        }
        String me = String.join("\t", Integer.toString(spmd.rank()), hostName(),
                Long.toString(ProcessHandle.current().pid()), Runtime.version().toString());
        if (ctx.options().has("fail-rank")) {
            spmd.barrier();
        }
        byte[][] all = spmd.gatherBytes(me.getBytes(StandardCharsets.UTF_8));
        if (!spmd.isRoot()) {
            return null;
        }
        List<Map<String, Object>> ranks = new ArrayList<>();
        StringBuilder human = new StringBuilder();
        for (byte[] b : all) {
            String[] f = new String(b, StandardCharsets.UTF_8).split("\t");
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rank", Integer.parseInt(f[0]));
            r.put("host", f[1]);
            r.put("pid", Long.parseLong(f[2]));
            r.put("java", f[3]);
            ranks.add(r);
            human.append(String.format("  rank %s of %d on %s, pid %s, %s, Java %s%n",
                    f[0], spmd.size(), f[1], f[2], spmd.device(), f[3]));
        }
        return new Outcome().put("size", spmd.size()).put("ranks", ranks).human(human.toString());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
