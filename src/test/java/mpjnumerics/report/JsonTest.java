package mpjnumerics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesWhatAJsonParserReadsBack() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        m.put("long", Long.MAX_VALUE);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("double", 0.1);
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, "two", Map.of("three", true)));
        m.put("null", null);
        JsonNode n = new ObjectMapper().readTree(Json.write(m));
        assertEquals(m.get("text"), n.get("text").asText());
        assertEquals(Long.MAX_VALUE, n.get("long").asLong());
        assertEquals(new BigInteger("123456789012345678901234567890"), n.get("big").bigIntegerValue());
        assertEquals(0.1, n.get("double").asDouble());
        assertEquals(true, n.get("nan").isNull());
        assertEquals("two", n.get("list").get(1).asText());
        assertEquals(true, n.get("list").get(2).get("three").asBoolean());
    }
}
