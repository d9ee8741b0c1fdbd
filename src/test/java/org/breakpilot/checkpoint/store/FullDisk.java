package org.breakpilot.checkpoint.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A disk with a settable amount of free space, played over real files: writes take from the space
 * left, a write larger than it writes what fits and returns that count (as Linux does), and the next
 * write fails with {@code No space left on device}. Unlimited until {@link #fill} is called.
 */
final class FullDisk implements JournalDirectory.ChannelOpener {

    private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong failedWrites = new AtomicLong();

    /** Leaves {@code bytes} free; later writes fail once they are used. */
    void fill(long bytes) {
        free.set(bytes);
    }

    /** Frees the disk: every write succeeds again. */
    void free() {
        free.set(Long.MAX_VALUE);
    }

    /** Writes refused for want of space so far. */
    long failedWrites() {
        return failedWrites.get();
    }

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        return new Channel(FileChannel.open(file, options, attributes));
    }

    /** Takes up to {@code wanted} bytes of the free space; throws when none is left. */
    private int take(int wanted) throws IOException {
        while (true) {
            long left = free.get();
            if (left == 0 && wanted > 0) {
                failedWrites.incrementAndGet();
                throw new IOException("No space left on device");
            }
            int granted = (int) Math.min(left, wanted);
            if (left == Long.MAX_VALUE || free.compareAndSet(left, left - granted)) {
                return granted;
            }
        }
    }

    /** The real channel, with every write held to the free space. */
    private final class Channel extends FileChannel {
        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            int granted = take(source.remaining());
            ByteBuffer part = source.slice().limit(granted);
            int written = file.write(part, position);
            source.position(source.position() + written);
            return written;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int written = write(source, file.position());
            file.position(file.position() + written);
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += write(sources[i]);
            }
            return written;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return file.read(target);
        }

        @Override
        public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
            return file.read(targets, offset, length);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return file.read(target, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            file.position(position);
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
        public long transferFrom(ReadableByteChannel source, long position, long count) {
            throw new UnsupportedOperationException("the journal never transfers into its files");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("the journal never maps its files");
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
