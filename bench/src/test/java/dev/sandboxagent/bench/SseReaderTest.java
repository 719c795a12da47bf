package dev.sandboxagent.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's own HTTP and SSE reading: a broken client would report broken daemons. */
class SseReaderTest {

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEventsAndSkipsComments() throws Exception {
        String body = ": keep-alive\n\nid: 1\ndata: {\"sequence\":1,\"time\":\"2026-01-01T00:00:00.000001Z\","
                + "\"type\":\"session.started\",\"data\":{\"type\":\"x\"}}\n\nid:2\r\ndata:{\"type\":\"turn.ended\"}\r\n\r\n";
        SseReader r = new SseReader(bytes(body));
        assertThat(r.next()).isTrue();
        assertThat(r.id()).isEqualTo(1);
        assertThat(SseReader.type(r.data())).isEqualTo("session.started");
        assertThat(SseReader.timeMicros(r.data())).isEqualTo(1_767_225_600_000_001L);
        assertThat(r.next()).isTrue();
        assertThat(r.id()).isEqualTo(2);
        assertThat(SseReader.type(r.data())).isEqualTo("turn.ended");
        assertThat(r.next()).isFalse();
    }

    @Test
    void readsEventsLongerThanItsBuffer() throws Exception {
        String big = "x".repeat(200_000);
        SseReader r = new SseReader(bytes("id: 7\ndata: {\"type\":\"" + big + "\"}\n\n"));
        assertThat(r.next()).isTrue();
        assertThat(r.id()).isEqualTo(7);
        assertThat(SseReader.type(r.data())).hasSize(200_000);
    }

    @Test
    void decodesChunkedBodies() throws Exception {
        String chunked = "5\r\nid: 1\r\n9;ext=1\r\n\ndata: {}\r\n2\r\n\n\n\r\n0\r\nTrailer: x\r\n\r\nNEXT";
        InputStream raw = bytes(chunked);
        InputStream body = new HttpConnection.ChunkedInputStream(raw);
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id: 1\ndata: {}\n\n");
        assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("NEXT");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] v = {5, 1, 4, 2, 3};
        assertThat(Stats.percentile(v, 5, 50)).isEqualTo(3);
        assertThat(Stats.percentile(v, 5, 99)).isEqualTo(5);
        assertThat(Stats.summary(java.util.List.of(3.0, 1.0, 2.0, 10.0)).median()).isEqualTo(2.5);
    }
}
