package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.SandboxException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The file operations clients may perform on the machine, with their rules: paths follow
 * {@link PathRules} (relative ones resolve against a session's directory, else the home); a
 * write streams into a temporary file beside the target that replaces it only when complete; a
 * move never replaces unless asked and never a non-empty directory; a delete never removes
 * the root nor follows links; a tar archive is extracted all or nothing ({@link TarUpload});
 * uploads stop as soon as they pass {@code maxUploadBytes}. Bodies stream and are never held
 * in memory. Every refusal is a {@link dev.sandboxagent.core.error.SandboxException}.
 * Thread-safe (it holds no state of its own); the web adapter's /v1/fs routes call it, and an
 * embedder may too.
 */
public final class Workspace {

    private final Path home;
    private final Function<String, Path> sessionDirectories;
    private final long maxUploadBytes;

    /**
     * @param sessionDirectories a session's working directory by id, throwing when there is no
     *                           such session (e.g. {@code id -> Path.of(sessions.getSession(id).directory())})
     */
    public Workspace(Path home, Function<String, Path> sessionDirectories, long maxUploadBytes) {
        this.home = home.toAbsolutePath().normalize();
        this.sessionDirectories = sessionDirectories;
        this.maxUploadBytes = maxUploadBytes;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    // ---- paths ------------------------------------------------------------------------------

    /** Where relative paths resolve: the session's directory ({@code sessionId} not blank), else the home. */
    public Path base(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return home;
        }
        return sessionDirectories.apply(sessionId).toAbsolutePath().normalize();
    }

    /** {@link PathRules#resolve} against {@link #base}: the path is required. */
    public Path resolve(String raw, String sessionId, String what) {
        return PathRules.resolve(raw, base(sessionId), what);
    }

    /** {@link PathRules#resolveOrBase} against {@link #base}: no path means the base itself. */
    public Path resolveOrBase(String raw, String sessionId, String what) {
        return PathRules.resolveOrBase(raw, base(sessionId), what);
    }

    // ---- reading ----------------------------------------------------------------------------

    /** The directory's entries, by name. */
    public List<FileEntry> list(Path dir) {
        if (!attributes(dir).isDirectory()) {
            throw SandboxException.invalid("'" + dir + "' is a file, not a directory");
        }
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                entries.add(entry(child));
            }
        } catch (IOException e) {
            throw FileFailures.of(e, dir);
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    /** The file or directory at {@code p}; not found when there is none. */
    public FileEntry stat(Path p) {
        attributes(p);
        return entry(p);
    }

    /** A regular file, opened for reading; the caller closes it. */
    public OpenFile open(Path p) {
        BasicFileAttributes attrs = attributes(p);
        if (attrs.isDirectory()) {
            throw SandboxException.invalid("'" + p + "' is a directory; list it with GET /v1/fs/entries");
        }
        if (!attrs.isRegularFile()) {
            throw SandboxException.invalid("'" + p + "' is not a regular file");
        }
        try {
            return new OpenFile(p, attrs.size(), MimeTypes.of(p), Files.newInputStream(p));
        } catch (IOException e) {
            throw FileFailures.of(e, p);
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /** Refuses an upload whose declared length ({@code -1}: none) is over the limit, before reading it. */
    public void checkDeclaredSize(long declaredBytes) {
        if (declaredBytes > maxUploadBytes) {
            throw SizeLimitedInputStream.tooLarge(maxUploadBytes);
        }
    }

    /**
     * Writes {@code body} to the file {@code p} (through a symbolic link, as a shell redirection
     * would), creating its parents: into a new file beside the target, moved into place when the
     * body is complete, so a failed or refused upload leaves the old file (or none) and no
     * partial one. An overwritten file keeps its permissions. Returns the bytes written.
     */
    public long write(Path p, InputStream body) {
        if (Files.isDirectory(p)) {
            throw SandboxException.invalid("'" + p + "' is a directory; a file cannot replace it");
        }
        Path target = p;
        if (Files.isSymbolicLink(p) && Files.exists(p)) {
            try {
                target = p.toRealPath();
            } catch (IOException e) {
                throw FileFailures.of(e, p);
            }
        }
        return writeAtomically(target, body);
    }

    /** Creates the directory and its parents; a file in its place is a conflict. */
    public void mkdir(Path p) {
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw SandboxException.conflict("'" + p + "' exists and is not a directory", null);
        }
        createDirectories(p);
    }

    /**
     * Moves {@code from} to {@code to}, creating {@code to}'s parents. An existing {@code to} is
     * replaced only with {@code overwrite}, and only if it is a file or an empty directory.
     */
    public void move(Path from, Path to, boolean overwrite) {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw FileFailures.notFound(from);
        }
        if (from.equals(to)) {
            throw SandboxException.invalid("'from' and 'to' are the same path: " + from);
        }
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS) && to.startsWith(from)) {
            throw SandboxException.invalid("cannot move directory '" + from + "' into itself ('" + to + "')");
        }
        boolean exists = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        if (exists && !overwrite) {
            throw SandboxException.conflict("'" + to + "' already exists; pass \"overwrite\": true to replace it", null);
        }
        if (to.getParent() != null) {
            createDirectories(to.getParent());
        }
        try {
            if (exists) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        } catch (DirectoryNotEmptyException e) {
            throw SandboxException.conflict("'" + to
                    + "' is a directory that is not empty; overwrite replaces only files and empty directories", e);
        } catch (IOException e) {
            throw FileFailures.of(e, from);
        }
    }

    /** Deletes a file, a link (never what it points to), or a directory (with its contents only if {@code recursive}). */
    public void delete(Path p, boolean recursive) {
        if (p.getParent() == null) {
            throw SandboxException.invalid("refusing to delete the root directory '" + p + "'");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw FileFailures.notFound(p);
        }
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && recursive) {
                FileTrees.delete(p);
            } else {
                Files.delete(p);
            }
        } catch (DirectoryNotEmptyException e) {
            throw SandboxException.conflict("directory '" + p
                    + "' is not empty; pass recursive=true to delete it with its contents", e);
        } catch (IOException e) {
            throw FileFailures.of(e, p);
        }
    }

    /** Extracts a tar archive (gzip-compressed or not) into the directory {@code target}, all or nothing. */
    public TarUpload.Result extract(Path target, InputStream body) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw SandboxException.invalid("'" + target + "' is a file, not a directory to extract into");
        }
        createDirectories(target);
        try (InputStream in = new SizeLimitedInputStream(body, maxUploadBytes)) {
            return TarUpload.extract(in, target, maxUploadBytes);
        } catch (IOException e) {
            throw FileFailures.of(e, target);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private long writeAtomically(Path target, InputStream body) {
        Path parent = target.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        Path temp = (parent != null ? parent : target).resolve("." + target.getFileName() + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".upload");
        long written;
        try {
            try (InputStream in = new SizeLimitedInputStream(body, maxUploadBytes);
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                written = OpenFile.copy(in, out, Long.MAX_VALUE);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return written;
        } catch (IOException e) {
            throw FileFailures.of(e, target);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** An overwritten file keeps its permissions (an executable script stays executable). */
    private static void keepPermissions(Path target, Path temp) {
        try {
            var view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view != null && Files.exists(target)) {
                Files.setPosixFilePermissions(temp, view.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // the new file keeps default permissions
        }
    }

    /** Creates a directory and its parents; a file in the way (the path or an ancestor) is invalid. */
    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw SandboxException.invalid("'" + (e.getFile() != null ? e.getFile() : dir)
                    + "' is a file, not a directory, so '" + dir + "' cannot be created");
        } catch (IOException e) {
            throw FileFailures.of(e, dir);
        }
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw FileFailures.of(e, p);
        }
    }

    /** A symbolic link is described by its target; a broken one by itself. */
    private static FileEntry entry(Path p) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException again) {
                throw FileFailures.of(again, p);
            }
        }
        return new FileEntry(String.valueOf(p.getFileName()), p, a.isDirectory(), a.isDirectory() ? 0 : a.size(),
                a.lastModifiedTime().toInstant());
    }
}
