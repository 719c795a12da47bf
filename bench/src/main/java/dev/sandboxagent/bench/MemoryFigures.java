package dev.sandboxagent.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import static dev.sandboxagent.bench.Bench.metric;

/** Issue #14's memory figures: RSS through a load round and after it, and (8) the long session's peak. */
final class MemoryFigures {

    private MemoryFigures() {
    }

    /**
     * The peak RSS during a load round, the RSS at its end, and the RSS
     * {@link Options#settleSeconds()} after its sessions are deleted (the workloads delete theirs;
     * any left are deleted here).
     */
    static void afterLoad(DaemonProcess d, RssSampler rss, Map<String, Metric> into, Options options)
            throws Exception {
        double peak = rss.peakMiB();
        double after = d.rssMiB();
        int deleted = DaemonCalls.deleteAllSessions(d);
        double settled = rss.afterMiB(options.settleSeconds());
        metric(into, "peakrss", "(2) RSS peak during the load (sampled every 100 ms)", "MiB", 256.0, false)
                .samples.add(peak);
        Bench.loadRss(into).samples.add(after);
        metric(into, "settledrss", String.format(Locale.ROOT, "(2) RSS %.0f s after the load's sessions are deleted",
                options.settleSeconds()), "MiB", options.settleSeconds() <= 30 ? 100.0 : null, false).samples.add(settled);
        System.out.printf(Locale.ROOT, "  RSS: peak %.1f MiB, after the load %.1f MiB, %.0f s after deleting its sessions"
                + " (%d left) %.1f MiB%n", peak, after, options.settleSeconds(), deleted, settled);
    }

    /** ", RSS n MiB" of the daemon now, or nothing when it cannot be read (it ended). */
    static String rssNow(DaemonProcess d) {
        try {
            return String.format(Locale.ROOT, ", RSS %.1f MiB", d.rssMiB());
        } catch (IOException e) {
            return "";
        }
    }

    /** (8): one claude session of {@link Options#bigSessionEvents()} events followed live by 10 SSE clients. */
    static void bigSession(DaemonProcess d, ClaudeStub stub, Map<String, Metric> into, Options options,
                           Problems problems) throws Exception {
        BigSession.Result b = BigSession.run(d, stub, options.bigSessionEvents(), 10, problems);
        metric(into, "bigrss", "(8) peak RSS: one claude session of " + options.bigSessionEvents()
                + " events followed live by 10 SSE clients from offset 0", "MiB", 200.0, false).samples.add(b.peakMiB());
        System.out.printf(Locale.ROOT, "  (8) %d events, 10 followers from offset 0: %.1f s (%.0f events/s),"
                + " peak RSS %.1f MiB   (load %s)%n", b.events(), b.seconds(), b.events() / b.seconds(), b.peakMiB(),
                Machine.loadAverage());
    }
}
