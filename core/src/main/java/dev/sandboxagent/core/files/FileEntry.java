package dev.sandboxagent.core.files;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file or directory as the workspace describes it; a symbolic link is described by its
 * target (a broken one by itself). {@code size} is 0 for a directory.
 */
public record FileEntry(String name, Path path, boolean directory, long size, Instant modified) {
}
