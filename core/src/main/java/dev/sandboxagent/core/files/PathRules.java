package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.SandboxException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How a path a client sends (fs routes, message attachments) becomes a file: an absolute path
 * is used as given (normalised); a relative one resolves against a base directory (the
 * session's directory, else the daemon's home) and may not contain a {@code ..} segment, so it
 * always lands inside the base. Symbolic links inside the base are followed like any other
 * file: a client that may name absolute paths gains nothing by them.
 * <p>
 * Archive entries follow the stricter {@link #entry} rule: relative only, no {@code ..}.
 * Every refusal is a {@link SandboxException} of type invalid_request naming the path.
 */
public final class PathRules {

    private PathRules() {
    }

    /**
     * The file a client's path names.
     *
     * @param raw  the path as sent; null or blank is refused (use {@link #resolveOrBase} where it is optional)
     * @param base absolute directory that relative paths resolve against
     * @param what what the path is, for messages (e.g. "path", "from", "attachment")
     */
    public static Path resolve(String raw, Path base, String what) {
        if (raw == null || raw.isBlank()) {
            throw SandboxException.invalid("'" + what + "' is required");
        }
        if (raw.indexOf('\0') >= 0) {
            throw SandboxException.invalid(what + " must not contain a NUL character");
        }
        Path p;
        try {
            p = Path.of(raw);
        } catch (InvalidPathException e) {
            throw SandboxException.invalid(what + " '" + raw + "' is not a valid path");
        }
        if (p.isAbsolute()) {
            return p.normalize();
        }
        if (hasDotDot(raw)) {
            throw SandboxException.invalid(what + " '" + raw + "' is relative and contains '..'; relative paths may not "
                    + "leave their base directory (" + base + "); use an absolute path instead");
        }
        Path root = base.toAbsolutePath().normalize();
        Path resolved = root.resolve(p).normalize();
        if (!resolved.startsWith(root)) { // cannot happen without '..', kept as a guard
            throw SandboxException.invalid(what + " '" + raw + "' leaves its base directory " + root);
        }
        return resolved;
    }

    /** As {@link #resolve}, but null or blank means the base directory itself. */
    public static Path resolveOrBase(String raw, Path base, String what) {
        if (raw == null || raw.isBlank()) {
            return base.toAbsolutePath().normalize();
        }
        return resolve(raw, base, what);
    }

    /**
     * Where an archive entry goes below {@code target}: the name must be relative, without
     * {@code ..} segments or NUL characters; {@code ./} prefixes and empty segments are ignored.
     * Returns null for a name that names the target itself ({@code ./}).
     */
    public static Path entry(String name, Path target) {
        if (name.indexOf('\0') >= 0) {
            throw SandboxException.invalid("archive entry '" + name.replace('\0', '?') + "' contains a NUL character");
        }
        if (name.startsWith("/")) {
            throw SandboxException.invalid("archive entry '" + name + "' is an absolute path; entries must be relative");
        }
        if (hasDotDot(name)) {
            throw SandboxException.invalid("archive entry '" + name + "' contains '..' and would escape the target directory");
        }
        StringBuilder clean = new StringBuilder();
        for (String seg : name.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (!clean.isEmpty()) {
                clean.append('/');
            }
            clean.append(seg);
        }
        if (clean.isEmpty()) {
            return null;
        }
        Path root = target.toAbsolutePath().normalize();
        Path resolved;
        try {
            resolved = root.resolve(clean.toString()).normalize();
        } catch (InvalidPathException e) {
            throw SandboxException.invalid("archive entry '" + name + "' is not a valid path");
        }
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw SandboxException.invalid("archive entry '" + name + "' escapes the target directory");
        }
        return resolved;
    }

    private static boolean hasDotDot(String path) {
        for (String seg : path.split("[/\\\\]")) {
            if (seg.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
