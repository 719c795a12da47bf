package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * File system failures as refusals the caller can act on: a missing file is not found, a
 * denied access is permission_denied, something in the way a conflict, a file where a
 * directory is needed or a malformed archive an invalid request; anything else (disk full,
 * read-only file system, I/O error) is an internal stream_error with the system's reason.
 */
public final class FileFailures {

    private FileFailures() {
    }

    public static SandboxException notFound(Path p) {
        return SandboxException.notFound("no such file or directory: " + p, null);
    }

    public static SandboxException of(IOException e, Path p) {
        String where = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : String.valueOf(p);
        return switch (e) {
            case NoSuchFileException n -> SandboxException.notFound("no such file or directory: " + where, e);
            case AccessDeniedException a ->
                    new SandboxException(ErrorType.PERMISSION_DENIED, "access denied: " + where, e);
            case FileAlreadyExistsException x -> SandboxException.conflict("already exists: " + where, e);
            case DirectoryNotEmptyException d -> SandboxException.conflict("directory not empty: " + where, e);
            case NotDirectoryException d -> invalid("not a directory: " + where, e);
            case FileSystemLoopException l -> invalid("symbolic link loop at " + where, e);
            case TarReader.TarFormatException t -> invalid("the body is not a valid tar archive: " + t.getMessage(), e);
            case ZipException z -> invalid("the body is not valid gzip data: " + z.getMessage(), e);
            case EOFException eof -> invalid("the body ended early", e);
            case FileSystemException f when f.getReason() != null && f.getReason().contains("Not a directory") ->
                    invalid("not a directory: " + where, e);
            default -> new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.INTERNAL, "file system error on " + where
                    + ": " + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "")), e);
        };
    }

    private static SandboxException invalid(String detail, IOException cause) {
        return new SandboxException(ErrorType.INVALID_REQUEST, detail, cause);
    }
}
