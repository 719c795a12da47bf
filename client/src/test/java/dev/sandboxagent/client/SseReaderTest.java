package dev.sandboxagent.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    @Test
    void framesWithIdsCommentsMultiLineDataAndCrlf() throws IOException {
        List<SseReader.Frame> frames = read(":keep-alive\n\nid:1\ndata:{\"a\":1}\n\nid: 2\r\nevent: x\r\ndata: one\r\n"
                + "data:two\r\n\r\ndata:ünïcödé 😀\nretry: 5\n\n\n\nid:9\ndata:cut at the end\n");
        assertThat(frames).containsExactly(new SseReader.Frame("1", "{\"a\":1}"), new SseReader.Frame("2", "one\ntwo"),
                new SseReader.Frame(null, "ünïcödé 😀"));
    }

    @Test
    void aLineLongerThanTheBufferAndOneByteReads() throws IOException {
        String big = "x".repeat(200_000);
        byte[] bytes = ("id:7\ndata:" + big + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertThat(read(new ByteArrayInputStream(bytes))).containsExactly(new SseReader.Frame("7", big));
        InputStream trickle = new ByteArrayInputStream("id:1\ndata:a\n\nid:2\ndata:b\n\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(read(trickle)).extracting(SseReader.Frame::data).containsExactly("a", "b");
    }

    private static List<SseReader.Frame> read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SseReader.Frame> read(InputStream in) throws IOException {
        SseReader r = new SseReader(in);
        List<SseReader.Frame> out = new ArrayList<>();
        for (SseReader.Frame f = r.next(); f != null; f = r.next()) {
            out.add(f);
        }
        return out;
    }
}
