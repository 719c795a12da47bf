package dev.sandboxagent.daemon;

import java.lang.ref.WeakReference;

/**
 * Gives the heap back once the daemon is idle (issue #14): the Serial collector shrinks the heap
 * only after a full collection, and an idle daemon allocates too little to ever need one, so the
 * heap a load grew stayed committed (RSS) for good. Every {@code periodMillis}, if no collection at
 * all ran since the last check (a weakly held canary object is still there: any young collection
 * clears it) and the committed heap is over {@link #MIN_COMMITTED_BYTES} and grew since the last
 * time, this asks for one full collection, after which Serial gives the free part back (keeping at
 * most {@code MaxHeapFreeRatio}, 70 %, free). Under load, collections run all the time and this
 * never fires; it is G1's periodic collection ({@code G1PeriodicGCInterval}) for the collector the
 * launcher uses.
 */
final class IdleHeapShrinker {

    /** Not worth a collection below this much committed heap. */
    static final long MIN_COMMITTED_BYTES = 64L << 20;

    /** Full collections per shrink: see {@link #loop()}. */
    static final int SHRINK_COLLECTIONS = 4;

    private final long periodMillis;
    private WeakReference<Object> canary = new WeakReference<>(new Object());
    private long committedAfterLastShrink = 0;

    IdleHeapShrinker(long periodMillis) {
        this.periodMillis = periodMillis;
    }

    /** Runs the checks on a daemon thread of their own until the JVM exits. */
    static void start(long periodMillis) {
        IdleHeapShrinker s = new IdleHeapShrinker(periodMillis);
        Thread.ofPlatform().daemon().name("idle-heap-shrinker").start(s::loop);
    }

    private void loop() {
        Runtime runtime = Runtime.getRuntime();
        while (true) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (shouldCollect(runtime.totalMemory())) {
                // Serial damps shrinking on purpose (0 %, 10 %, 40 %, then 100 % of the excess on
                // consecutive full collections), so it takes up to four to give the heap back.
                for (int i = 0; i < SHRINK_COLLECTIONS; i++) {
                    System.gc();
                }
                collected(runtime.totalMemory());
            }
        }
    }

    /**
     * Whether to collect now, given the heap's committed bytes: no collection ran since the last
     * check, and the heap is over {@link #MIN_COMMITTED_BYTES} and larger than after the last
     * shrink (after one that could not give much back, a large live set, it waits for growth).
     * Free bytes do not tell: until a collection, dead objects count as used.
     */
    boolean shouldCollect(long committed) {
        boolean quiet = canary.get() != null;
        canary = new WeakReference<>(new Object());
        return quiet && committed >= MIN_COMMITTED_BYTES && committed > committedAfterLastShrink;
    }

    /** After the collection {@link #shouldCollect} asked for: the heap's committed bytes then. */
    void collected(long committed) {
        committedAfterLastShrink = committed;
        canary = new WeakReference<>(new Object());
    }
}
