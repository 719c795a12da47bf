package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapShrinkerTest {

    private static final long MIB = 1 << 20;

    @Test
    void collectsOnceWhenNoCollectionRanAndTheHeapGrew() {
        IdleHeapShrinker s = new IdleHeapShrinker(10_000);
        assertThat(s.shouldCollect(400 * MIB)).isTrue();
        s.collected(80 * MIB);
        assertThat(s.shouldCollect(80 * MIB)).as("not grown since the shrink").isFalse();
        assertThat(s.shouldCollect(200 * MIB)).as("it grew again").isTrue();
    }

    @Test
    void leavesASmallOrBusyHeapAlone() {
        IdleHeapShrinker s = new IdleHeapShrinker(10_000);
        assertThat(s.shouldCollect(40 * MIB)).as("too small to be worth it").isFalse();
        System.gc(); // a collection since the last check clears the weakly held canary: the daemon is busy
        assertThat(s.shouldCollect(400 * MIB)).isFalse();
        assertThat(s.shouldCollect(400 * MIB)).as("quiet since the last check").isTrue();
    }
}
