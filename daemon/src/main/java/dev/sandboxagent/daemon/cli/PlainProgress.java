package dev.sandboxagent.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Install progress as plain lines: what is installed where, then npm's own lines, indented. */
final class PlainProgress implements InstallProgress {

    private final PrintWriter out;

    PlainProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(String agent, String what, Path dir) {
        out.println("installing " + agent + ": npm install " + what + " into " + dir);
        out.flush();
    }

    @Override
    public void npmLine(String line) {
        if (!line.isBlank()) {
            out.println("  npm: " + line.strip());
            out.flush();
        }
    }

    @Override
    public void stopped() {
        // nothing is live
    }
}
