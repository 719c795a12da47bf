package dev.sandboxagent.bench;

import java.io.IOException;

/**
 * Samples a daemon's resident set size every {@link #PERIOD_MS} ms on a thread of its own, for
 * issue #14's memory figures: the peak during a load, and the RSS a while after the load's
 * sessions are gone (the collector and glibc giving memory back).
 */
final class RssSampler implements AutoCloseable {

    static final long PERIOD_MS = 100;

    private final DaemonProcess daemon;
    private final Thread thread;
    private volatile boolean stop;
    private volatile double peak;
    private volatile double last;

    private RssSampler(DaemonProcess daemon) {
        this.daemon = daemon;
        this.thread = Thread.ofPlatform().daemon().name("rss-" + daemon.pid()).unstarted(this::run);
    }

    static RssSampler start(DaemonProcess daemon) {
        RssSampler s = new RssSampler(daemon);
        s.sample();
        s.thread.start();
        return s;
    }

    private void run() {
        while (!stop) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        try {
            double rss = daemon.rssMiB();
            last = rss;
            if (rss > peak) {
                peak = rss;
            }
        } catch (IOException e) {
            // the process ended; the last figures stay
        }
    }

    /** The highest RSS seen so far, in MiB. */
    double peakMiB() {
        sample();
        return peak;
    }

    /** Waits {@code seconds}, still sampling, and returns the RSS then, in MiB. */
    double afterMiB(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        sample();
        return last;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join(5_000);
    }
}
