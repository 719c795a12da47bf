package dev.sandboxagent.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One open SSE connection read line by line, where every read has a deadline that fails the
 * test (a blocking read runs on a thread of its own). For tests of what a stream does after its
 * events: stay open, send comments, carry more events, end.
 */
public final class SseLines implements AutoCloseable {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(60);

    private final InputStream body;
    private final BufferedReader reader;
    private final ExecutorService readerThread = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());

    private SseLines(InputStream body) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    public static SseLines open(TestServer t, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> res = t.client.send(t.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) {
            throw new AssertionError(path + " answered " + res.statusCode());
        }
        return new SseLines(res.body());
    }

    /** The next line (an empty one is a frame's end); null when the server ended the stream. */
    public String nextLine(Duration within) throws Exception {
        try {
            return readerThread.submit(reader::readLine).get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no line from the stream within " + within);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the stream failed", e.getCause());
        }
    }

    /** The next line that is not a frame's end (blank); null when the server ended the stream. */
    public String nextNonBlankLine(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String line;
        do {
            line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        } while (line != null && line.isEmpty());
        return line;
    }

    /** The {@code data:} of the next {@code count} events (comments skipped); fails if the stream ends first. */
    public List<String> nextData(long count) throws Exception {
        List<String> data = new ArrayList<>();
        while (data.size() < count) {
            String line = nextLine(EVENT_WAIT);
            if (line == null) {
                throw new AssertionError("the stream ended after " + data.size() + " of " + count + " events");
            }
            if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }
        return data;
    }

    /** Whether the server ends the stream within the time given, with no further event on it. */
    public boolean endsWithin(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            String line;
            try {
                line = nextLine(Duration.ofNanos(left));
            } catch (AssertionError timedOut) {
                return false;
            }
            if (line == null) {
                return true;
            }
            if (line.startsWith("data:")) {
                throw new AssertionError("an event after the end: " + line);
            }
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
        readerThread.shutdownNow();
    }
}
