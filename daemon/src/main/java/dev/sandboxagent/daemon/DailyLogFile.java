package dev.sandboxagent.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code server --log-to-file}: the log also goes to {@code <dir>/sandbox-daemon-YYYY-MM-DD.log},
 * a new file each day (the seed CLI's option; JUL's FileHandler rotates by size, not by date).
 */
final class DailyLogFile extends Handler {

    private final Path dir;
    private LocalDate day;
    private Writer out;

    private DailyLogFile(Path dir) {
        this.dir = dir;
        setFormatter(new SimpleFormatter());
    }

    /** Adds the handler to the root logger; returns today's file. */
    static Path install(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + dir, e);
        }
        DailyLogFile handler = new DailyLogFile(dir);
        Logger.getLogger("").addHandler(handler);
        return handler.file(LocalDate.now());
    }

    Path file(LocalDate date) {
        return dir.resolve("sandbox-daemon-" + date + ".log");
    }

    /** A line written as is (the "listening on" line, which goes to stdout rather than the log). */
    static void line(String text) {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof DailyLogFile f && f.getFormatter() instanceof JsonLogFormatter) {
                f.write(JsonLogFormatter.info(Server.class.getName(), text));
            } else if (h instanceof DailyLogFile f) {
                f.write(text + System.lineSeparator());
            }
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            write(getFormatter().format(record));
        }
    }

    private synchronized void write(String text) {
        try {
            LocalDate today = LocalDate.now();
            if (!today.equals(day)) {
                close();
                out = Files.newBufferedWriter(file(today), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                day = today;
            }
            out.write(text);
            out.flush();
        } catch (IOException e) {
            reportError("cannot write the log file", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                reportError("cannot close the log file", e, ErrorManager.CLOSE_FAILURE);
            }
            out = null;
        }
    }
}
