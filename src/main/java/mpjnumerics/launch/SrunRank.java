package mpjnumerics.launch;

import mpjnumerics.runtime.Rendezvous;

/**
 * One rank of a daemon-free niodev job, as {@code srun} starts it: the rank and the number of
 * ranks come from SLURM's environment (SLURM_PROCID, SLURM_NTASKS), the meeting point from the
 * arguments. Hands the job the arguments MPJ's daemon wrapper would: rank, the niodev
 * configuration pointing at the {@link Rendezvous}, the device, then the job and its options.
 *
 * <pre>srun java -cp mpj-numerics.jar mpjnumerics.launch.SrunRank HOST PORT JOB [options]</pre>
 */
public final class SrunRank {
    private SrunRank() {}

    public static void main(String[] args) {
        String rank = System.getenv("SLURM_PROCID");
        String size = System.getenv("SLURM_NTASKS");
        if (size == null) {
            size = System.getenv("SLURM_NPROCS");
        }
        if (args.length < 3 || rank == null || size == null || !rank.matches("\\d+") || !size.matches("[1-9]\\d*")
                || !args[1].matches("\\d{1,5}")) {
            System.err.println("error: SrunRank runs under srun (SLURM_PROCID and SLURM_NTASKS set): "
                + "SrunRank HOST PORT JOB [options]");
            System.exit(2);
        }
        String[] mpj = new String[args.length + 1];
        mpj[0] = rank;
        mpj[1] = Rendezvous.niodevConf(Integer.parseInt(size), args[0], Integer.parseInt(args[1]));
        mpj[2] = "niodev";
        System.arraycopy(args, 2, mpj, 3, args.length - 2);
        Main.main(mpj);
    }
}
