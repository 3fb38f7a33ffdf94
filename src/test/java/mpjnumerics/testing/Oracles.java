package mpjnumerics.testing;

/** Oracles shared by tests of several packages: independent of the code under test. */
public final class Oracles {
    private Oracles() {}

    /**
     * Euler's constant gamma to 1500 decimals, truncated: the published digits (OEIS A001620;
     * T. Papanikolaou's table), which mpmath's euler at 1620 digits reproduces as well.
     */
    public static final String GAMMA_1500 = "0."
            + "5772156649015328606065120900824024310421593359399235988057672348848677267776646709369470632917467495"
            + "1463144724980708248096050401448654283622417399764492353625350033374293733773767394279259525824709491"
            + "6008735203948165670853233151776611528621199501507984793745085705740029921354786146694029604325421519"
            + "0587755352673313992540129674205137541395491116851028079842348775872050384310939973613725530608893312"
            + "6760017247953783675927135157722610273492913940798430103417771778088154957066107501016191663340152278"
            + "9358679654972520362128792265559536696281763887927268013243101047650596370394739495763890657296792960"
            + "1009015125195950922243501409349871228247949747195646976318506676129063811051824197444867836380861749"
            + "4551698927923018773910729457815543160050021828440960537724342032854783670151773943987003023703395183"
            + "2869000155819398804270741154222781971652301107356583396734871765049194181230004065469314299929777956"
            + "9303100503086303418569803231083691640025892970890985486825777364288253954925873629596133298574739302"
            + "3734388470703702844129201664178502487333790805627549984345907616431671031467107223700218107450444186"
            + "6475913480366902553245862544222534518138791243457350136129778227828814894590986384600629316947188714"
            + "9587525492366493520473243641097268276160877595088095126208404544477992299157248292516251278427659657"
            + "0832146102982146179519579590959227042089896279712553632179488737642106606070659825619901028807561251"
            + "9913751167821764361905705844078357350158005607745793421314498850078641517161519456570617043245075008";

    /** Primality by trial division: slow, and too plain to share a sieve's bugs. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

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

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function (Steele, Lea and Flood; Vigna's splitmix64.c). */
    public static long splitMix64Mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Draw i (from 0) of SplitMix64 seeded with x: its state gains the golden gamma before each output. */
    public static long splitMix64(long x, int i) {
        return splitMix64Mix(x + (i + 1) * GOLDEN);
    }

    /** One xoshiro256++ output (Blackman and Vigna) from the state s, which it advances. */
    public static long xoshiro256pp(long[] s) {
        long out = Long.rotateLeft(s[0] + s[3], 23) + s[0];
        long t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Long.rotateLeft(s[3], 45);
        return out;
    }

    /**
     * Whether the point of the 64 random bits r lies inside the quarter disc, exactly: its
     * coordinates are the cell centres (a + 1/2) / 2^32 and (b + 1/2) / 2^32 of the low and high
     * halves a, b, and (a + 1/2)^2 + (b + 1/2)^2 < 2^64 holds iff a(a+1) + b(b+1) < 2^64, i.e. iff
     * the unsigned 64-bit sum of the two products (each below 2^64) does not carry.
     */
    public static boolean piInside(long r) {
        long a = r & 0xFFFFFFFFL;
        long b = r >>> 32;
        long pa = a * (a + 1);
        long sum = pa + b * (b + 1);
        return Long.compareUnsigned(sum, pa) >= 0;
    }

    /**
     * Points inside the quarter disc among the first {@code count} samples of one block of
     * PiMonteCarlo, sample by sample from the generator scheme the kernel documents: sample j is
     * the next xoshiro256++ draw of stream j mod 8; stream k starts from the first four SplitMix64
     * draws seeded with mix(mix(mix(seed) + block golden) + k 0xD1B54A32D192ED03).
     */
    public static long piHits(long seed, long block, int count) {
        long[][] streams = new long[8][4];
        for (int k = 0; k < 8; k++) {
            long x = splitMix64Mix(splitMix64Mix(splitMix64Mix(seed) + block * GOLDEN) + k * 0xD1B54A32D192ED03L);
            for (int w = 0; w < 4; w++) {
                streams[k][w] = splitMix64(x, w);
            }
        }
        long hits = 0;
        for (int j = 0; j < count; j++) {
            if (piInside(xoshiro256pp(streams[j % 8]))) {
                hits++;
            }
        }
        return hits;
    }

    /** PiMonteCarlo's hits for all its samples: blocks of 2^20 samples, the last one short. */
    public static long piHitsOfJob(long seed, long samples) {
        long hits = 0;
        for (long b = 0; b * (1 << 20) < samples; b++) {
            hits += piHits(seed, b, (int) Math.min(1 << 20, samples - b * (1 << 20)));
        }
        return hits;
    }
}
