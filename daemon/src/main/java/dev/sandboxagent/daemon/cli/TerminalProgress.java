package dev.sandboxagent.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Install progress on a terminal: one status line, redrawn in place ten times a second, with a
 * spinner, the elapsed time and npm's latest line; cleared when the install is over.
 */
final class TerminalProgress implements InstallProgress {

    private static final String SPINNER = "|/-\\";
    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintWriter out;
    private final int columns;
    private final ReentrantLock lock = new ReentrantLock();
    private String label = "";
    private String lastLine = "";
    private long startNanos;
    private Thread ticker;

    TerminalProgress(PrintWriter out, int columns) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void started(String agent, String what, Path dir) {
        lock.lock();
        try {
            label = "installing " + agent + " (" + what + ")";
            lastLine = "";
            startNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
        ticker = Thread.ofVirtual().name("install-progress").start(this::tick);
    }

    private void tick() {
        int frame = 0;
        while (!Thread.currentThread().isInterrupted()) {
            draw(frame++);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void draw(int frame) {
        lock.lock();
        try {
            long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
            String line = SPINNER.charAt(frame % SPINNER.length()) + " " + label + " " + seconds + "s"
                    + (lastLine.isEmpty() ? "" : "  " + lastLine);
            if (line.length() > columns - 1) {
                line = line.substring(0, columns - 4) + "...";
            }
            out.print(CLEAR_LINE + line);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void npmLine(String line) {
        String clean = line.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").strip();
        if (clean.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            lastLine = clean;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stopped() {
        Thread t = ticker;
        if (t == null) {
            return;
        }
        ticker = null;
        t.interrupt();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            out.print(CLEAR_LINE);
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
