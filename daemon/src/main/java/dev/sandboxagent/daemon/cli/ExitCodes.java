package dev.sandboxagent.daemon.cli;

/**
 * The exit codes of every {@code sandbox-daemon} command, and their lines for picocli's
 * {@code exitCodeList} (so each command's {@code --help} documents the ones it uses).
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command ran and failed: its cause is one line on stderr. */
    public static final int FAILED = 1;
    /** The command line was invalid (picocli's usage error). */
    public static final int USAGE = 2;
    /** No daemon is running ({@code daemon status}) or none answers at the endpoint ({@code api}). */
    public static final int NOT_RUNNING = 3;

    public static final String HEADING = "%nExit codes:%n";
    public static final String OK_LINE = "0:Success.";
    public static final String FAILED_LINE = "1:The command failed; the cause is one line on stderr.";
    public static final String USAGE_LINE = "2:Invalid command line; the usage is printed on stderr.";
    public static final String UNREACHABLE_LINE = "3:No daemon answers at the endpoint (not running, wrong URL).";
    public static final String NOT_RUNNING_LINE = "3:No daemon is running (a stale pid file is removed).";

    private ExitCodes() {
    }
}
