package dev.sandboxagent.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the files a session log writes (segments and index) for reading and writing. The one
 * seam through which tests put in channels that fail like a full disk does.
 */
@FunctionalInterface
interface LogFiles {

    LogFiles DEFAULT = path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);

    FileChannel open(Path path) throws IOException;
}
