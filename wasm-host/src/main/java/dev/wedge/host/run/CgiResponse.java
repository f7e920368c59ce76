package dev.wedge.host.run;

import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.HeaderRules;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.ResponseBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Parses a WAGI app's stdout as a CGI response (RFC 3875 section 6; rules in docs/abi.md). */
final class CgiResponse {

    /** Headers beyond this are not a header block but a runaway app. */
    static final int MAX_HEADER_BLOCK = 64 * 1024;

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private CgiResponse() {}

    static AppResponse parse(byte[] output) throws Malformed {
        var headers = new Headers();
        int position = 0;
        boolean first = true;
        boolean blankLine = false;
        while (position < output.length) {
            int end = indexOf(output, (byte) '\n', position);
            int lineEnd = end < 0 ? output.length : end;
            String line = new String(output, position, trimCr(output, position, lineEnd) - position,
                    StandardCharsets.UTF_8);
            int next = end < 0 ? output.length : end + 1;
            if (line.isEmpty()) {
                position = next;
                blankLine = true;
                break;
            }
            int colon = line.indexOf(':');
            boolean header = colon > 0 && HeaderRules.validName(line.substring(0, colon));
            if (!header) {
                if (first) {
                    return plainText(output);
                }
                throw new Malformed("CGI header line without a name and colon: " + abbreviate(line));
            }
            if (next > MAX_HEADER_BLOCK) {
                throw new Malformed("CGI header block larger than " + MAX_HEADER_BLOCK + " bytes");
            }
            String value = line.substring(colon + 1).strip();
            if (!HeaderRules.validValue(value)) {
                throw new Malformed("CGI header value with a control character: " + abbreviate(line));
            }
            if (headers.size() >= ResponseBuilder.MAX_HEADERS) {
                throw new Malformed("more than " + ResponseBuilder.MAX_HEADERS + " CGI headers");
            }
            headers.add(line.substring(0, colon), value);
            first = false;
            position = next;
        }
        if (first) { // an empty header block: the body follows the blank line
            return plainText(blankLine ? Arrays.copyOfRange(output, position, output.length) : output);
        }
        return build(headers, Arrays.copyOfRange(output, Math.min(position, output.length), output.length));
    }

    private static AppResponse build(Headers headers, byte[] body) throws Malformed {
        int status = 200;
        String statusLine = headers.get("status");
        if (statusLine != null) {
            status = statusCode(statusLine);
            headers.remove("status");
        } else if (headers.contains("location")) {
            status = 302;
        }
        return new AppResponse(status, headers, body, null);
    }

    private static int statusCode(String statusLine) throws Malformed {
        String code = statusLine.split(" ", 2)[0];
        if (code.length() == 3 && code.chars().allMatch(Character::isDigit)) {
            int status = Integer.parseInt(code);
            if (status >= 200 && status <= 599) {
                return status;
            }
        }
        throw new Malformed("CGI Status is not a code 200..599: " + abbreviate(statusLine));
    }

    private static AppResponse plainText(byte[] output) {
        return new AppResponse(200, Headers.of("content-type", "text/plain; charset=utf-8"), output, null);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        int limit = Math.min(bytes.length, from + MAX_HEADER_BLOCK + 1);
        for (int i = from; i < limit; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int trimCr(byte[] bytes, int start, int end) {
        return end > start && bytes[end - 1] == '\r' ? end - 1 : end;
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 80 ? flat.substring(0, 80) + "..." : flat;
    }
}
