package dev.sandboxagent.client;

import java.time.Instant;

/**
 * A file or directory on the daemon's machine, as {@code /v1/fs/entries} and {@code /v1/fs/stat}
 * describe it (a symbolic link is described by its target).
 *
 * @param name      the last part of the path
 * @param path      the absolute path on the daemon's machine
 * @param directory whether it is a directory
 * @param size      its size in bytes (0 for a directory)
 * @param modified  when it was last modified
 */
public record FileEntry(String name, String path, boolean directory, long size, Instant modified) {
}
