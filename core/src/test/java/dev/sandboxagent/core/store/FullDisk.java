package dev.sandboxagent.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Log files that fail like a full disk once told to: every write to a file the predicate
 * matches throws "No space left on device" (a partial write first, as a real full disk may
 * leave). Reads and everything else work on the real files.
 */
final class FullDisk implements LogFiles {

    static final String ENOSPC = "No space left on device";

    private volatile Predicate<Path> full = p -> false;

    /** From now on, writes to files under {@code dir} fail. */
    void fill(Path dir) {
        full = p -> p.startsWith(dir);
    }

    @Override
    public FileChannel open(Path path) throws IOException {
        return new Channel(DEFAULT.open(path), path);
    }

    private final class Channel extends FileChannel {
        private final FileChannel file;
        private final Path path;

        Channel(FileChannel file, Path path) {
            this.file = file;
            this.path = path;
        }

        private int written(ByteBuffer src, long position) throws IOException {
            if (full.test(path)) {
                if (src.remaining() > 1) { // a torn write: some bytes made it
                    ByteBuffer half = src.duplicate().limit(src.position() + src.remaining() / 2);
                    int n = position < 0 ? file.write(half) : file.write(half, position);
                    src.position(src.position() + n);
                }
                throw new IOException(ENOSPC);
            }
            return position < 0 ? file.write(src) : file.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return written(src, -1);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return written(src, position);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new IOException("not used by the store");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
