package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.SandboxException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Extracts an uploaded tar archive (plain, or gzip-compressed: recognised by its magic bytes)
 * into a target directory, all or nothing:
 * <ol>
 * <li>every entry is extracted into a fresh staging directory inside the target; entries that
 * would leave the target ({@code ../}, absolute names), links (symbolic and hard), devices and
 * FIFOs refuse the whole upload, as do more than {@link #MAX_ENTRIES} entries or more than the
 * byte limit of extracted data (a small gzip body can expand enormously);</li>
 * <li>the staged tree is checked against what is already in the target: a file where the
 * archive has a directory (or the reverse) is a conflict, and an existing symbolic link to a
 * directory outside the target is never written through;</li>
 * <li>only then are the staged files moved into place (replacing files of the same name).</li>
 * </ol>
 * The staging directory is removed in every case.
 */
public final class TarUpload {

    /** Most entries one archive may hold. */
    public static final int MAX_ENTRIES = 100_000;
    /** Most paths listed in the response; more set {@code truncated}. */
    public static final int MAX_LISTED = 1024;

    /** The files written, in archive order, at most {@link #MAX_LISTED} of them ({@code truncated}: more were). */
    public record Result(List<Path> paths, boolean truncated) {
    }

    private TarUpload() {
    }

    /**
     * Extracts the archive in {@code body} into {@code target} (a directory), at most
     * {@code maxBytes} of file data. Refusals are {@link SandboxException}s;
     * an I/O failure or a malformed archive is an {@link IOException} ({@link FileFailures} types it).
     */
    public static Result extract(InputStream body, Path target, long maxBytes) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Path staging = root.resolve(".sandbox-upload-" + UUID.randomUUID());
        Files.createDirectory(staging);
        try {
            List<Path> files = stage(archive(body), root, staging, maxBytes);
            checkMerge(staging, root);
            merge(staging, root);
            List<Path> listed = files.size() > MAX_LISTED ? files.subList(0, MAX_LISTED) : files;
            return new Result(List.copyOf(listed), files.size() > MAX_LISTED);
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }

    /** The tar stream: gunzipped when the body starts with gzip's magic bytes. */
    private static InputStream archive(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        return in;
    }

    /** Extracts into {@code staging}; returns the final paths of the files, in archive order (distinct). */
    private static List<Path> stage(InputStream tar, Path root, Path staging, long maxBytes) throws IOException {
        TarReader reader = new TarReader(tar);
        var files = new java.util.LinkedHashSet<Path>();
        long total = 0;
        TarReader.Entry e;
        while ((e = reader.next()) != null) {
            if (reader.entries() > MAX_ENTRIES) {
                throw SandboxException.invalid("the archive has more than " + MAX_ENTRIES + " entries");
            }
            Path dest = PathRules.entry(e.name(), root);
            switch (e.type()) {
                case '1', '2' -> throw SandboxException.invalid("archive entry '" + e.name() + "' is a "
                        + (e.type() == '2' ? "symbolic" : "hard") + " link (to '" + e.linkName()
                        + "'); links are refused because they can point outside the target directory");
                case '3', '4', '6' -> throw SandboxException.invalid("archive entry '" + e.name()
                        + "' is a device or FIFO; only files and directories can be uploaded");
                case 'V' -> {
                    continue; // a volume label names nothing
                }
                default -> {
                    if (!e.isFile() && !e.isDirectory()) {
                        throw SandboxException.invalid("archive entry '" + e.name() + "' has the unsupported type '"
                                + e.type() + "'; only files and directories can be uploaded");
                    }
                }
            }
            if (dest == null) {
                continue; // "./": the target itself
            }
            Path staged = staging.resolve(root.relativize(dest).toString());
            if (e.isDirectory()) {
                Files.createDirectories(staged);
                continue;
            }
            total += e.size();
            if (total > maxBytes) {
                throw SandboxException.tooLarge("the archive holds more than the limit of "
                        + maxBytes + " bytes");
            }
            Files.createDirectories(staged.getParent());
            if (Files.isDirectory(staged, LinkOption.NOFOLLOW_LINKS)) {
                throw conflict("archive entry '" + e.name() + "' is a file where an earlier entry made a directory");
            }
            try (OutputStream out = Files.newOutputStream(staged, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                long n = OpenFile.copy(reader.content(), out, e.size());
                if (n < e.size()) {
                    throw new TarReader.TarFormatException("the archive ends inside '" + e.name() + "'");
                }
            }
            permissions(staged, e.mode());
            files.remove(dest);
            files.add(dest);
        }
        return new ArrayList<>(files);
    }

    /** Nothing is moved unless every staged path fits what the target already holds. */
    private static void checkMerge(Path staging, Path root) throws IOException {
        Path realRoot = root.toRealPath();
        Files.walkFileTree(staging, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(staging)) {
                    return FileVisitResult.CONTINUE;
                }
                Path dest = root.resolve(staging.relativize(dir).toString());
                if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(dest)) {
                        throw conflict("'" + dest + "' exists and is not a directory; the archive has a directory there");
                    }
                    if (Files.isSymbolicLink(dest) && !dest.toRealPath().startsWith(realRoot)) {
                        throw SandboxException.invalid("'" + dest + "' is a symbolic link to '" + dest.toRealPath()
                                + "', outside the target directory; the archive's entries below it are refused");
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Path dest = root.resolve(staging.relativize(file).toString());
                if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                    throw conflict("'" + dest + "' is a directory; the archive has a file there");
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void merge(Path staging, Path root) throws IOException {
        Files.walkFileTree(staging, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(staging)) {
                    Files.createDirectories(root.resolve(staging.relativize(dir).toString()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // replaces a file, or a symbolic link itself: never writes through a link
                Files.move(file, root.resolve(staging.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The archive's permission bits of a file (as tar does for root), when it has any. */
    private static void permissions(Path file, int mode) {
        if ((mode & 0777) == 0) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(order[i]);
            }
        }
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.OWNER_WRITE);
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (IOException | UnsupportedOperationException ignored) {
            // default permissions then
        }
    }

    private static SandboxException conflict(String detail) {
        return SandboxException.conflict(detail, null);
    }
}
