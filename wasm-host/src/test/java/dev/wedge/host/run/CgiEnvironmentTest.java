package dev.wedge.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiEnvironmentTest {

    @Test
    void percentDecodingIsLenient() {
        assertEquals("/a b/é", CgiEnvironment.percentDecode("/a%20b/%C3%A9", false));
        assertEquals("a+b", CgiEnvironment.percentDecode("a+b", false));
        assertEquals("a b", CgiEnvironment.percentDecode("a+b", true));
        assertEquals("100%", CgiEnvironment.percentDecode("100%", false));
        assertEquals("%zz%4", CgiEnvironment.percentDecode("%zz%4", false));
    }

    @Test
    void pathInfoIsDecodedAndAppEnvCannotOverrideCgiVariables() {
        var request = new AppRequest("GET", "http://h/app/a%20b", "/app/a%20b", "", Headers.of(), new byte[0],
                "127.0.0.1", "h", 80, "/app");
        List<String> vars = CgiEnvironment.variables(request, Map.of("REQUEST_METHOD", "FAKE", "MINE", "1")).strings();
        assertTrue(vars.contains("PATH_INFO=/a b"), vars::toString);
        assertTrue(vars.contains("REQUEST_METHOD=GET"), vars::toString);
        assertTrue(vars.contains("MINE=1"), vars::toString);
        assertTrue(vars.stream().noneMatch(v -> v.startsWith("CONTENT_LENGTH")), "no body, no CONTENT_LENGTH");
    }
}
