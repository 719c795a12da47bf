package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads JSON request bodies: at most {@link #MAX_BYTES} (refused from Content-Length before
 * reading, or as soon as the stream passes the limit), valid UTF-8, one JSON object.
 */
final class JsonBodies {

    /** Largest JSON body accepted: 1 MiB. */
    static final int MAX_BYTES = 1 << 20;
    /** Made once: each {@code Jsons.JSON.createParser} call scans the class path for the JSON-P provider. */
    private static final JsonParserFactory PARSERS = Jsons.JSON.createParserFactory(null);

    private JsonBodies() {
    }

    /** The body as a JSON object; an empty body is an empty object when {@code optional}. */
    static JsonObject object(ServerRequest req, boolean optional) {
        String text = text(req);
        if (text.isBlank()) {
            if (optional) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            throw SandboxException.invalid("a JSON object body is required");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw SandboxException.invalid("the body is not valid JSON");
            }
            parser.next();
            JsonValue v = parser.getValue();
            if (parser.hasNext()) {
                throw SandboxException.invalid("the body has more after its JSON value");
            }
            if (!(v instanceof JsonObject o)) {
                throw SandboxException.invalid("the body must be a JSON object");
            }
            return o;
        } catch (JsonParsingException e) {
            throw SandboxException.invalid("the body is not valid JSON: " + firstLine(e.getMessage()));
        } catch (SandboxException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException, and the parser's own limits (e.g. nesting depth) as plain runtime exceptions
            throw SandboxException.invalid("the body is not valid JSON" + (e.getMessage() == null ? ""
                    : ": " + firstLine(e.getMessage())));
        }
    }

    private static String text(ServerRequest req) {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(JsonBodies::parseLength).orElse(-1L);
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        if (!req.content().hasEntity()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = req.content().inputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_BYTES) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw SandboxException.invalid("the body is not valid UTF-8");
        }
    }

    private static long parseLength(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SandboxException tooLarge() {
        return SandboxException.tooLarge("the JSON body is larger than " + MAX_BYTES + " bytes");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
