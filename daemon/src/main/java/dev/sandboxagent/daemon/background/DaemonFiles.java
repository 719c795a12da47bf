package dev.sandboxagent.daemon.background;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One background daemon's files in the data directory, kept per endpoint (the host and port it
 * was started with) so that several daemons run and stop independently:
 * {@code daemon-<host>-<port>.pid}, {@code .version}, {@code .url} (written by {@code daemon start},
 * removed by {@code daemon stop}) and {@code .log} (its stdout and stderr; the previous one is
 * kept as {@code .log.1}).
 *
 * @param dir      the data directory
 * @param endpoint the file-name form of the endpoint, e.g. {@code 127.0.0.1-2468}
 */
record DaemonFiles(Path dir, String endpoint) {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");
    private static final String PREFIX = "daemon-";
    private static final String PID = ".pid";

    /** The files of the daemon started with {@code --host host --port port}. */
    static DaemonFiles of(Path dir, String host, int port) {
        return new DaemonFiles(dir, host.replaceAll("[^A-Za-z0-9.]", "_") + "-" + port);
    }

    /** The files of every daemon that has a pid file in {@code dir}. */
    static List<DaemonFiles> all(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(PID))
                    .sorted()
                    .map(n -> new DaemonFiles(dir, n.substring(PREFIX.length(), n.length() - PID.length())))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private Path file(String suffix) {
        return dir.resolve(PREFIX + endpoint + suffix);
    }

    Path pidFile() {
        return file(PID);
    }

    Path versionFile() {
        return file(".version");
    }

    Path urlFile() {
        return file(".url");
    }

    Path log() {
        return file(".log");
    }

    /** The recorded pid; empty when there is no (readable) pid file. */
    Optional<Long> pid() {
        return read(pidFile()).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    Optional<String> version() {
        return read(versionFile());
    }

    Optional<String> url() {
        return read(urlFile());
    }

    boolean hasPidFile() {
        return Files.exists(pidFile());
    }

    void writePid(long pid) {
        write(pidFile(), Long.toString(pid));
    }

    void writeStarted(String version, String url) {
        write(versionFile(), version);
        write(urlFile(), url);
    }

    /** Removes pid, version and url files (the log stays). */
    void clear() {
        for (Path p : List.of(urlFile(), versionFile(), pidFile())) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + p, e);
            }
        }
    }

    /** Keeps the last run's log as {@code .log.1} so a new start begins with an empty log. */
    void rotateLog() throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(log())) {
            Files.move(log(), file(".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The URL the server announced in the log ("... listening on URL ..."), if it did. */
    Optional<String> listeningUrl() {
        try {
            Matcher m = LISTENING.matcher(Files.readString(log(), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code n} lines of the log. */
    List<String> logTail(int n) {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
