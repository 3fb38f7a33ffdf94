package mpjnumerics.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import mpjnumerics.testing.Run;
import org.junit.jupiter.api.Test;

class HelloAndPingPongJobTest {
    @Test
    void helloListsEveryRankInOrder() {
        Run r = Run.job(4, "Hello", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode ranks = r.json().get("result").get("ranks");
        assertEquals(4, ranks.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, ranks.get(i).get("rank").asInt());
            // multicore ranks are threads of the one JVM the test started, with the test's java
            assertEquals(r.pid(), ranks.get(i).get("pid").asLong(), "rank " + i);
            assertEquals(Runtime.version().toString(), ranks.get(i).get("java").asText(), "rank " + i);
            assertTrue(!ranks.get(i).get("host").asText().isEmpty());
        }
    }

    @Test
    void manyRanksOnOneMachineFinish() {
        // Through MPJ's smpdev as shipped, np 160 never finished (launch.SmpdevLoader); a
        // prime count checks the ranks did their share, against pi(10^7) (OEIS A006880).
        Run hello = Run.job(256, "Hello", "--json");
        assertEquals(0, hello.exit(), hello.toString());
        JsonNode ranks = hello.json().get("result").get("ranks");
        assertEquals(256, ranks.size());
        for (int i = 0; i < 256; i++) {
            assertEquals(i, ranks.get(i).get("rank").asInt());
        }
        Run count = Run.job(200, "PrimeCount", "--to", "1e7", "--method", "sieve", "--json");
        assertEquals(664579, count.json().get("result").get("count").asLong(), count.toString());
    }

    @Test
    void pingPongMeasuresEveryPeerAndSizeAndVerifiesPayloads() {
        Run r = Run.job(3, "PingPong", "--max-bytes", "1000", "--iterations", "5", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode res = r.json().get("result");
        assertTrue(res.get("verified").asBoolean());
        JsonNode rows = res.get("rows");
        assertEquals(2 * 11, rows.size()); // peers 1, 2 x sizes 1, 2, 4, ..., 512, 1000
        assertEquals(1000, rows.get(10).get("bytes").asInt());
        assertEquals(2, rows.get(11).get("peer").asInt());
        for (JsonNode row : rows) {
            assertTrue(row.get("latencyMicros").asDouble() > 0, row.toString());
            assertTrue(row.get("bandwidthMBps").asDouble() > 0, row.toString());
        }
    }

    @Test
    void payloadCheckCatchesCorruption() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        PingPong.fill(a, 64, 1, 0);
        PingPong.fill(b, 64, 1, 0);
        PingPong.check(a, b, 64, 1);
        b[63] ^= 1;
        try {
            PingPong.check(a, b, 64, 1);
            throw new AssertionError("corruption not detected");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("byte 63"));
        }
        PingPong.fill(b, 64, 1, 1);
        assertTrue(a[0] != b[0], "each iteration's payload differs");
    }
}
