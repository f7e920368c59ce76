package dev.wedge.host.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wedge.host.http.AppResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CGI output edge cases, without an engine. */
class CgiResponseTest {

    private static AppResponse parse(String output) throws CgiResponse.Malformed {
        return CgiResponse.parse(output.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(AppResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void headersThenBody() throws Exception {
        AppResponse response = parse("Content-Type: text/html\nX-A:  spaced  \n\n<b>x</b>\n\nmore");
        assertEquals(200, response.status());
        assertEquals("text/html", response.headers().get("content-type"));
        assertEquals("spaced", response.headers().get("x-a"));
        assertEquals("<b>x</b>\n\nmore", body(response));
    }

    @Test
    void statusWithAndWithoutReasonPhrase() throws Exception {
        assertEquals(201, parse("Status: 201 Created\n\n").status());
        assertEquals(503, parse("Status: 503\n\n").status());
    }

    @Test
    void statusWinsOverLocation() throws Exception {
        AppResponse response = parse("Location: /x\nStatus: 301 Moved\n\n");
        assertEquals(301, response.status());
        assertEquals("/x", response.headers().get("location"));
    }

    @Test
    void headerBlockWithoutBlankLineHasAnEmptyBody() throws Exception {
        AppResponse response = parse("Location: /next");
        assertEquals(302, response.status());
        assertEquals("", body(response));
    }

    @Test
    void emptyOutputIsAnEmptyPlainTextResponse() throws Exception {
        AppResponse response = parse("");
        assertEquals(200, response.status());
        assertEquals("", body(response));
    }

    @Test
    void outputNotStartingWithAHeaderIsSentWhole() throws Exception {
        assertEquals("<html>: not a header</html>", body(parse("<html>: not a header</html>")));
        assertEquals("hello\n\nworld", body(parse("hello\n\nworld")));
    }

    @Test
    void blankFirstLineMeansNoHeaders() throws Exception {
        AppResponse response = parse("\nbody only");
        assertEquals(200, response.status());
        assertEquals("body only", body(response));
    }

    @Test
    void malformedLinesInsideTheHeaderBlockAreRejected() {
        assertThrows(CgiResponse.Malformed.class, () -> parse("Content-Type: text/plain\nnot a header\n\nx"));
        assertThrows(CgiResponse.Malformed.class, () -> parse("Status: 99 Too low\n\n"));
        assertThrows(CgiResponse.Malformed.class, () -> parse("Status: 2000\n\n"));
        assertThrows(CgiResponse.Malformed.class, () -> parse("Status: abc\n\n"));
    }

    @Test
    void controlCharactersInValuesAndHeaderFloodsAreRejected() {
        assertThrows(CgiResponse.Malformed.class, () -> parse("X-A: a\rb\n\nx"));
        assertThrows(CgiResponse.Malformed.class, () -> parse("X-A: a\u0000b\n\nx"));
        assertThrows(CgiResponse.Malformed.class, () -> parse("X-A: 1\n".repeat(101) + "\nx"));
        assertEquals(100, assertDoesNotThrow(() -> parse("X-A: 1\n".repeat(100) + "\nx")).headers().size());
        assertThrows(CgiResponse.Malformed.class, () -> parse("Status: 101 Switching\n\n"));
    }

    @Test
    void oversizedHeaderBlockIsRejected() {
        String huge = "X-Big: " + "a".repeat(CgiResponse.MAX_HEADER_BLOCK + 10) + "\n\nbody";
        assertThrows(CgiResponse.Malformed.class, () -> parse("Content-Type: a\n" + huge));
    }
}
