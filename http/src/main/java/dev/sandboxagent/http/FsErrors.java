package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * File system failures as problems: a missing file is 404, a denied access 403
 * (permission_denied), something in the way 409, a file where a directory is needed 400, a
 * malformed archive 400; anything else (disk full, read-only file system, I/O error) is 500
 * with the system's reason. All but permission_denied and the 500 are typed invalid_request.
 */
final class FsErrors {

    private FsErrors() {
    }

    static SandboxException notFound(Path p) {
        return SandboxException.notFound("no such file or directory: " + p, null);
    }

    static SandboxException of(IOException e, Path p) {
        String where = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : String.valueOf(p);
        return switch (e) {
            case NoSuchFileException n -> SandboxException.notFound("no such file or directory: " + where, e);
            case AccessDeniedException a -> new SandboxException(ErrorType.PERMISSION_DENIED, "access denied: " + where, e);
            case FileAlreadyExistsException x -> SandboxException.conflict("already exists: " + where, e);
            case DirectoryNotEmptyException d -> SandboxException.conflict("directory not empty: " + where, e);
            case NotDirectoryException d -> new SandboxException(ErrorType.INVALID_REQUEST, "not a directory: " + where, e);
            case FileSystemLoopException l -> new SandboxException(ErrorType.INVALID_REQUEST, "symbolic link loop at " + where, e);
            case TarReader.TarFormatException t -> new SandboxException(ErrorType.INVALID_REQUEST, "the body is not a valid tar archive: " + t.getMessage(), e);
            case java.util.zip.ZipException z -> new SandboxException(ErrorType.INVALID_REQUEST, "the body is not valid gzip data: " + z.getMessage(), e);
            case java.io.EOFException eof -> new SandboxException(ErrorType.INVALID_REQUEST, "the body ended early", e);
            case FileSystemException f when f.getReason() != null && f.getReason().contains("Not a directory") ->
                    new SandboxException(ErrorType.INVALID_REQUEST, "not a directory: " + where, e);
            default -> new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.INTERNAL, "file system error on " + where + ": "
                    + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "")), e);
        };
    }
}
