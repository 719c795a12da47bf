package dev.sandboxagent.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What {@code install-agent} shows while npm works: a live status line on a terminal
 * ({@link TerminalProgress}), plain lines otherwise ({@link PlainProgress}, for logs and CI).
 */
interface InstallProgress {

    /** npm is about to install {@code what} (package@version) for {@code agent} into {@code dir}. */
    void started(String agent, String what, Path dir);

    /** A line npm printed. */
    void npmLine(String line);

    /** The install is over (successfully or not): stop any live display. */
    void stopped();

    static InstallProgress forOutput(PrintWriter out) {
        return Terminal.isInteractive() ? new TerminalProgress(out, columns()) : new PlainProgress(out);
    }

    private static int columns() {
        try {
            int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
            return c >= 20 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
