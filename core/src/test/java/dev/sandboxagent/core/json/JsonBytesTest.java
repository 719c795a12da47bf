package dev.sandboxagent.core.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBytesTest {

    private static final Random RANDOM = new Random(14);

    @Test
    void writesExactlyWhatParssonPrints() {
        for (int i = 0; i < 2_000; i++) {
            JsonValue v = randomValue(3);
            assertThat(JsonBytes.utf8(v)).as("value %s: %s", i, v)
                    .isEqualTo(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void escapesEveryControlCharacterQuoteAndBackslashLikeParsson() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        all.append("é€😀\u2028\ud800x\udc00"); // non-ASCII, a pair, and lone surrogates (UTF-8 makes them '?')
        JsonValue v = Jsons.JSON.createObjectBuilder().add(all.toString(), all.toString()).build();
        assertThat(JsonBytes.utf8(v)).isEqualTo(v.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aParsedLineIsWrittenAsTheLineItselfAndReadsLikeTheParsedObject() {
        String line = "  {\"type\": \"stream_event\", \"n\": 1.50, \"s\": \"\\u00e9\"}  ";
        JsonObject o = Jsons.parseLine(line);
        assertThat(o).isInstanceOf(SourcedObject.class).isEqualTo(Jsons.parseObject(line));
        assertThat(Jsons.parseObject(line)).isEqualTo(o);
        assertThat(o.hashCode()).isEqualTo(Jsons.parseObject(line).hashCode());
        assertThat(o.getString("type")).isEqualTo("stream_event");
        assertThat(o.toString()).isEqualTo(line.strip());
        assertThat(new String(JsonBytes.utf8(o), StandardCharsets.UTF_8)).isEqualTo(line.strip());
        JsonObject outer = Jsons.JSON.createObjectBuilder().add("raw", o).build();
        assertThat(Jsons.parse(new String(JsonBytes.utf8(outer), StandardCharsets.UTF_8)))
                .isEqualTo(Jsons.parse("{\"raw\":" + line.strip() + "}"));
    }

    @Test
    void aLineThatIsNotExactlyOneObjectIsNotParsed() {
        assertThat(Jsons.parseLine("{\"a\":1} trailing")).isNull();
        assertThat(Jsons.parseLine("{\"a\":1}{\"b\":2}")).isNull();
        assertThat(Jsons.parseLine("[1]")).isNull();
        assertThat(Jsons.parseLine("not json")).isNull();
    }

    private static JsonValue randomValue(int depth) {
        int kind = RANDOM.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> JsonValue.TRUE;
            case 1 -> JsonValue.FALSE;
            case 2 -> JsonValue.NULL;
            case 3 -> Jsons.JSON.createValue(RANDOM.nextInt());
            case 4 -> Jsons.JSON.createValue(RANDOM.nextLong());
            case 5 -> Jsons.JSON.createValue(BigDecimal.valueOf(RANDOM.nextGaussian() * 1e6)
                    .setScale(RANDOM.nextInt(8), RoundingMode.HALF_UP));
            case 6 -> Jsons.JSON.createValue(randomString());
            case 7 -> {
                JsonArrayBuilder a = Jsons.JSON.createArrayBuilder();
                for (int i = RANDOM.nextInt(5); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                yield a.build();
            }
            default -> {
                JsonObjectBuilder o = Jsons.JSON.createObjectBuilder();
                for (int i = RANDOM.nextInt(5); i > 0; i--) {
                    o.add(randomString(), randomValue(depth - 1));
                }
                yield o.build();
            }
        };
    }

    private static String randomString() {
        StringBuilder s = new StringBuilder();
        for (int i = RANDOM.nextInt(20); i > 0; i--) {
            s.append(switch (RANDOM.nextInt(10)) {
                case 0 -> (char) RANDOM.nextInt(0x20);
                case 1 -> '"';
                case 2 -> '\\';
                case 3 -> (char) (0x80 + RANDOM.nextInt(0x780));
                case 4 -> (char) RANDOM.nextInt(0x10000);
                default -> (char) (0x20 + RANDOM.nextInt(0x5f));
            });
        }
        return s.toString();
    }
}
