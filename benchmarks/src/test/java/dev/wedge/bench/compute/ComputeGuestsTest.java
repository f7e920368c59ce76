package dev.wedge.bench.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ComputeBenchmark compares equal work: every guest, on every engine, answers what its Java floor answers. */
class ComputeGuestsTest {

    static Stream<Arguments> everyWorkOnEveryEngine() {
        return Stream.of("chicory", "wasmtime")
                .flatMap(engine -> Stream.of(Work.values()).map(work -> Arguments.of(engine, work)));
    }

    @ParameterizedTest
    @MethodSource("everyWorkOnEveryEngine")
    void theGuestDoesTheFloorsWork(String engine, Work work) {
        byte[] input = work.input();
        byte[] expected = work.floor(input);
        try (ComputeGuest guest = ComputeGuest.load(engine, work.guest());
                ComputeGuest.Session session = guest.open()) {
            byte[] first = session.call(work.entry(), input);
            assertNull(work.mismatch(first, expected), work + " on " + engine);
            assertArrayEquals(first, session.run(work.entry(), input.length), "a second run on the live instance");
        }
    }

    @Test
    void theGuestsSha256MatchesTheStandardsVectors() {
        String[][] vectors = {
            {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
            {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
            {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", // 56 bytes: the padding takes a block more
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        };
        try (ComputeGuest guest = ComputeGuest.load("chicory", "sha256");
                ComputeGuest.Session session = guest.open()) {
            for (String[] vector : vectors) {
                byte[] digest = session.call("run", vector[0].getBytes(StandardCharsets.US_ASCII));
                assertEquals(vector[1], HexFormat.of().formatHex(digest), "sha256 of '" + vector[0] + "'");
            }
        }
    }

    @Test
    void theMarkdownInputIsTenKilobytesOfTheAbiSpec() {
        byte[] document = Inputs.document();
        assertEquals(true, document.length > 9 * 1024 && document.length <= Inputs.DOCUMENT_BYTES,
                document.length + " bytes");
        assertEquals(true, new String(document, StandardCharsets.UTF_8).contains("|"), "a table, GitHub's dialect");
    }
}
