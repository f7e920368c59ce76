package dev.wedge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One scenario of {@code wedge test} (docs/templates.md, "Fixtures"): the shape of FastEdge's
 * {@code fastedge-config.test.json} plus what to expect. {@link FixtureReader} fills it in, defaults applied.
 *
 * @param file the fixture file, for messages
 * @param index the position in a file holding an array, else -1
 * @param http {@code appType: http-wasm}: the app answers itself, no origin
 * @param wasm the module, resolved against the fixture file's directory
 * @param origin what the loopback origin answers (proxy-wasm)
 * @param properties as if the node had set them: geo ones locate the client, the others are custom properties
 * @param dotEnv the dotenv file to read (FastEdge's {@code dotenv}), or null
 * @param expect what to check, or null: the run is only printed
 */
record Fixture(Path file, int index, String description, boolean http, Path wasm, Request request,
        OriginAnswer origin, Map<String, String> properties, Path dotEnv, Map<String, String> env,
        Map<String, String> secrets, Expect expect) {

    /** The client's request: {@code url} for proxy-wasm (scheme, authority, path, query), {@code path} for http. */
    record Request(String method, String url, String path, Map<String, String> headers, String body) {}

    /** The origin's answer. */
    record OriginAnswer(int status, Map<String, String> headers, String body) {}

    /**
     * @param checkOrigin whether {@code expect.origin} was given; when given as null, {@code origin} is null: the
     *     origin must not be called
     */
    record Expect(boolean checkOrigin, Message origin, Message response) {}

    /**
     * What a request or response must look like; a null field is not checked. A header whose expected value is
     * null must be absent.
     */
    record Message(String method, String path, Integer status, Map<String, String> headers, String body,
            List<String> bodyContains) {}

    /** How messages name it: the description, else the file (and position). */
    String title() {
        return description != null ? description : file.getFileName() + (index < 0 ? "" : "[" + index + "]");
    }

    /** Where it is: the file, and its position in an array. */
    String where() {
        return file + (index < 0 ? "" : "[" + index + "]");
    }
}
