package mpjnumerics.kernel.series;

/**
 * Compensated summation (Neumaier's improvement of Kahan's): the rounding error of each
 * addition is kept and added back at the end, so long sums lose almost nothing.
 */
public final class Neumaier {
    private double sum;
    private double compensation;

    public Neumaier() {}

    /** A sum carried on from another's {@link #sum} and {@link #compensation}. */
    public Neumaier(double sum, double compensation) {
        this.sum = sum;
        this.compensation = compensation;
    }

    public double sum() {
        return sum;
    }

    public double compensation() {
        return compensation;
    }

    public void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    public double value() {
        return sum + compensation;
    }
}
