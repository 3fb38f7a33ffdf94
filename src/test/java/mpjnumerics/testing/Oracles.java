package mpjnumerics.testing;

/** Oracles shared by tests of several packages: independent of the code under test. */
public final class Oracles {
    private Oracles() {}

    /** e to {@code digits} decimals by Sale's spigot, digit by digit with small integers. */
    public static String spigotE(int digits) {
        int n = digits + 10;
        int[] a = new int[n];
        java.util.Arrays.fill(a, 1);
        StringBuilder s = new StringBuilder("2.");
        for (int d = 0; d < digits; d++) {
            int carry = 0;
            for (int i = n - 1; i >= 0; i--) {
                int x = a[i] * 10 + carry;
                a[i] = x % (i + 2);
                carry = x / (i + 2);
            }
            s.append(carry);
        }
        return s.toString();
    }
}
