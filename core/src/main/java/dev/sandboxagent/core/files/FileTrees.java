package dev.sandboxagent.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directory trees: deleting one with what it holds. Links inside are removed, never followed. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes a tree without following symbolic links (a linked target stays intact); absent is fine. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes {@code dir} and its contents; the first failure stops it and is thrown. */
    static void delete(Path dir) throws IOException {
        walkDeleting(dir, false);
    }

    /** Deletes what it can of {@code dir}; failures are ignored (a leftover harms nothing). */
    static void deleteQuietly(Path dir) {
        try {
            walkDeleting(dir, true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void walkDeleting(Path dir, boolean quietly) throws IOException {
        // walkFileTree does not follow links: a link inside the tree is removed, not its target
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (quietly) {
                    Files.deleteIfExists(file);
                } else {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (quietly) {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
