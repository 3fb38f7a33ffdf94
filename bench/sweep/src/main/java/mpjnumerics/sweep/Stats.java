package mpjnumerics.sweep;

import java.util.Arrays;
import java.util.List;

/** Median, min and max of repeated runs. */
record Stats(int n, double median, double min, double max) {

    static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int m = v.length / 2;
        double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
        return new Stats(v.length, median, v[0], v[v.length - 1]);
    }

    static double median(double... values) {
        return of(Arrays.stream(values).boxed().toList()).median;
    }
}
