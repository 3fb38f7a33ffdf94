package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No compiled class of the project calls exp, log or pow: EulerConstant must do without them. */
class NoExpOrLogTest {
    static final Set<String> OWNERS = Set.of("java/lang/Math", "java/lang/StrictMath");
    static final Set<String> FORBIDDEN = Set.of("exp", "log", "log10", "log1p", "expm1", "pow");

    /** Methods a class file refers to, as owner.name, read from its constant pool. */
    static List<String> methodRefs(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        d.readInt();
        d.readUnsignedShort();
        d.readUnsignedShort();
        int n = d.readUnsignedShort();
        String[] utf = new String[n];
        int[] classNames = new int[n];
        int[][] refs = new int[n][];
        int[][] nameTypes = new int[n][];
        for (int i = 1; i < n; i++) {
            int tag = d.readUnsignedByte();
            switch (tag) {
                case 1 -> utf[i] = d.readUTF();
                case 7, 8, 16, 19, 20 -> classNames[i] = d.readUnsignedShort();
                case 3, 4 -> d.readInt();
                case 5, 6 -> {
                    d.readLong();
                    i++;
                }
                case 9, 10, 11 -> refs[i] = new int[] {tag, d.readUnsignedShort(), d.readUnsignedShort()};
                case 12 -> nameTypes[i] = new int[] {d.readUnsignedShort(), d.readUnsignedShort()};
                case 15 -> {
                    d.readUnsignedByte();
                    d.readUnsignedShort();
                }
                case 17, 18 -> {
                    d.readUnsignedShort();
                    d.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<>();
        for (int[] r : refs) {
            if (r != null && r[0] != 9) {
                out.add(utf[classNames[r[1]]] + "." + utf[nameTypes[r[2]][0]]);
            }
        }
        return out;
    }

    @Test
    void theParserSeesMathCallsWhereThereAreSome() throws IOException {
        try (InputStream in = Math.class.getResourceAsStream("/java/lang/StrictMath.class")) {
            assertTrue(methodRefs(in).stream().anyMatch(m -> m.startsWith("java/lang/FdLibm")), "parser works");
        }
        try (InputStream in = Files.newInputStream(Path.of("target/test-classes/mpjnumerics/job/NoExpOrLogTest$Probe.class"))) {
            assertTrue(methodRefs(in).contains("java/lang/Math.log"), "a call to Math.log is found");
        }
    }

    @Test
    void noProjectClassCallsExpLogOrPow() throws IOException {
        List<String> offences = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.walk(Path.of("target/classes"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                classes++;
                try (InputStream in = Files.newInputStream(f)) {
                    for (String m : methodRefs(in)) {
                        String owner = m.substring(0, m.lastIndexOf('.'));
                        String name = m.substring(m.lastIndexOf('.') + 1);
                        if (OWNERS.contains(owner) && FORBIDDEN.contains(name)) {
                            offences.add(f + ": " + m);
                        }
                    }
                }
            }
        }
        assertTrue(classes > 20, "classes were read: " + classes);
        assertEquals(List.of(), offences);
    }

    /** A deliberate offender, to show that the scan finds one. */
    static final class Probe {
        static double f(double x) {
            return Math.log(x);
        }
    }
}
