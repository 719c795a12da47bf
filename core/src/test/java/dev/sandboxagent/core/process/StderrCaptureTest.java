package dev.sandboxagent.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StderrCaptureTest {

    private static StderrCapture filled(StderrCapture capture, int lines) {
        IntStream.rangeClosed(1, lines).forEach(i -> capture.add("l" + i));
        return capture;
    }

    private static String join(int from, int to) {
        return String.join("\n", IntStream.rangeClosed(from, to).mapToObj(i -> "l" + i).toList());
    }

    @Test
    void emptyCaptureHasAnEmptyHead() {
        assertThat(new StderrCapture().snapshot()).isEqualTo(StderrSnapshot.EMPTY);
    }

    @Test
    void keepsEverythingWhileHeadAndTailHoldAllLines() {
        StderrSnapshot snapshot = filled(new StderrCapture(3, 2), 5).snapshot();
        assertThat(snapshot).isEqualTo(new StderrSnapshot(join(1, 5), null, 5, false));
        assertThat(snapshot.text()).isEqualTo(join(1, 5));
    }

    @Test
    void dropsTheMiddleOnceThereAreMoreLines() {
        StderrSnapshot snapshot = filled(new StderrCapture(3, 2), 6).snapshot();
        assertThat(snapshot).isEqualTo(new StderrSnapshot(join(1, 3), join(5, 6), 6, true));
        assertThat(snapshot.text()).contains("l3\n[... stderr truncated, 6 lines in total ...]\nl5");
    }

    @Test
    void defaultsAreFiftyAndFifty() {
        assertThat(filled(new StderrCapture(), 100).snapshot().truncated()).isFalse();
        StderrSnapshot snapshot = filled(new StderrCapture(), 1_000).snapshot();
        assertThat(snapshot.head()).isEqualTo(join(1, 50));
        assertThat(snapshot.tail()).isEqualTo(join(951, 1_000));
        assertThat(snapshot.totalLines()).isEqualTo(1_000);
    }

    @Test
    void cutsLongLines() {
        StderrCapture capture = new StderrCapture();
        capture.add("y".repeat(5_000));
        assertThat(capture.snapshot().head()).isEqualTo("y".repeat(StderrCapture.MAX_LINE_CHARS) + "…");
    }
}
