package dev.sandboxagent.http.faults;

import java.lang.management.ManagementFactory;

/** The heap in use, as the fault tests compare it before and after a load. */
final class Heap {

    private Heap() {
    }

    /** The least heap in use over three collections 100 ms apart: what is really retained. */
    static long usedAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
