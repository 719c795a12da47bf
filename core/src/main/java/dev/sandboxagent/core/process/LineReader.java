package dev.sandboxagent.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Splits a UTF-8 stream into lines on {@code '\n'} only (a trailing {@code '\r'} is dropped), so
 * a lone carriage return inside agent output does not split a line as BufferedReader would.
 * Characters beyond {@code maxLineChars} are discarded while reading, which bounds the memory a
 * single endless line can take; a cut line ends with {@value #CUT_MARK}.
 */
final class LineReader {

    static final String CUT_MARK = "…";

    private final Reader reader;
    private final int maxLineChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineChars) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.maxLineChars = maxLineChars;
    }

    /** The next line without its terminator, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean sawAny = false;
        boolean cut = false;
        while (true) {
            if (position >= limit) {
                int n = reader.read(buffer);
                if (n < 0) {
                    return sawAny ? finish(line, cut) : null;
                }
                position = 0;
                limit = n;
            }
            sawAny = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int room = maxLineChars - line.length();
            int take = Math.min(end - position, Math.max(room, 0));
            line.append(buffer, position, take);
            cut |= take < end - position;
            if (end < limit) {
                position = end + 1;
                return finish(line, cut);
            }
            position = limit;
        }
    }

    private static String finish(StringBuilder line, boolean cut) {
        if (cut) {
            return line.append(CUT_MARK).toString();
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
        }
        return line.toString();
    }
}
