package dev.sandboxagent.core.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks up executables the way a shell does: the first regular, executable file of that name in
 * the directories of a {@code PATH} value. The {@code PATH} is passed in rather than read from
 * the JVM so that callers (and tests) can search an environment other than the daemon's own.
 */
public final class Executables {

    private Executables() {
    }

    /**
     * The first executable called {@code name} in {@code pathValue} ({@link File#pathSeparator}
     * separated; empty entries are skipped rather than meaning "current directory").
     *
     * @throws IllegalArgumentException if {@code name} contains a path separator
     */
    public static Optional<Path> findOnPath(String name, String pathValue) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf(File.separatorChar) >= 0) {
            throw new IllegalArgumentException("not a bare program name: '" + name + "'");
        }
        if (pathValue == null) {
            return Optional.empty();
        }
        for (String dir : pathValue.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException ignored) {
                // a malformed PATH entry cannot contain the program
            }
        }
        return Optional.empty();
    }

    /** Whether {@code file} is a regular file (following links) that we may execute. */
    public static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
