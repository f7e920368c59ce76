package dev.wedge.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** Reason phrases, including FastEdge's 53x codes that HTTP does not name. */
public final class StatusText {

    private static final Map<Integer, String> WEDGE = Map.of(530, "App Load Failed", 531, "App Out Of Memory",
            532, "App Timeout", 533, "App Crashed");

    private StatusText() {}

    public static String of(int status) {
        String wedge = WEDGE.get(status);
        return wedge != null ? wedge : HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
