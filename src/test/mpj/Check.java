/** The test programs' one assertion: an exception on the rank that saw a wrong result. */
final class Check {
    private Check() {}

    static void that(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
