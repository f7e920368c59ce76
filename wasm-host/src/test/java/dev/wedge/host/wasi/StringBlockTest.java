package dev.wedge.host.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block a guest's args_get and environ_get copy: UTF-8, each string NUL-ended, offsets to each. */
class StringBlockTest {

    @Test
    void stringsAreLaidEndToEndEachEndedByANul() {
        StringBlock block = StringBlock.of(List.of("/path", "", "é=ü"));
        assertArrayEquals("/path\0\0é=ü\0".getBytes(StandardCharsets.UTF_8), block.bytes());
        assertEquals(3, block.count());
        assertEquals(0, block.offset(0));
        assertEquals(6, block.offset(1));
        assertEquals(7, block.offset(2));
        assertEquals(List.of("/path", "", "é=ü"), block.strings());
    }

    @Test
    void environEntriesKeepTheMapsOrderAndSurviveGrowth() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) { // past the builder's first buffer
            vars.put("NAME_" + i, i % 2 == 0 ? "value-" + i : "välue-" + i);
        }
        StringBlock block = StringBlock.environ(vars);
        List<String> expected = vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        assertEquals(expected, block.strings());
        assertEquals(expected.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length + 1).sum(),
                block.bytes().length);
    }
}
