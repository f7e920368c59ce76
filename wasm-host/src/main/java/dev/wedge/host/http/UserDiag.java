package dev.wedge.host.http;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.Status;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The diagnostic text an app sets for its request ({@code set_user_diag}), made fit for one log line. */
final class UserDiag {

    private UserDiag() {}

    /**
     * @param bytes the text, already cut to the most a request keeps
     * @param cut whether it was cut: a character it split is dropped whole
     */
    static String text(byte[] bytes, boolean cut) {
        int end = bytes.length;
        if (cut) {
            int start = end;
            while (start > 0 && (bytes[start - 1] & 0xC0) == 0x80) {
                start--; // continuation bytes of the last character
            }
            if (start > 0 && (bytes[start - 1] & 0x80) != 0) {
                int lead = bytes[start - 1] & 0xFF;
                int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                if (end - (start - 1) < length) {
                    end = start - 1; // the last character was cut: drop it whole
                }
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AbiException(Status.BAD_ARGUMENT, "text is not valid UTF-8");
        }
        var line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }
}
