package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.function.Consumer;

/**
 * An origin's body on its way to the client, copied for the cache as it passes: the client never waits for the
 * whole object. A body that passes {@code maxBytes}, fails, or is given up is not stored; a whole one is handed to
 * {@code whole}, anything else ends in {@code abandoned}.
 */
final class Tee implements BodyStream {

    private final BodyStream source;
    private final long maxBytes;
    private final Consumer<byte[]> whole;
    private final Runnable abandoned;

    Tee(BodyStream source, long maxBytes, Consumer<byte[]> whole, Runnable abandoned) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.whole = whole;
        this.abandoned = abandoned;
    }

    @Override
    public Future<Void> pipeTo(WriteStream<Buffer> out) {
        return pipe(new Copy(out, maxBytes, () -> { }));
    }

    private Future<Void> pipe(Copy copy) {
        return source.pipeTo(copy).andThen(piped -> {
            if (piped.succeeded() && copy.body != null) {
                whole.accept(copy.body.getBytes());
            } else {
                abandoned.run();
            }
        });
    }

    @Override
    public void discard() {
        source.discard();
        abandoned.run();
    }

    /**
     * Fills the cache alone (a refresh nobody waits on): the body goes nowhere but the copy, and a body past the
     * limit is given up at once rather than read to its end for nothing.
     */
    Future<Void> drain() {
        return pipe(new Copy(null, maxBytes, source::discard));
    }

    /** Writes through to {@code out} (none: a sink), keeping a copy until it passes the limit. */
    private static final class Copy implements WriteStream<Buffer> {
        private final WriteStream<Buffer> out;
        private final long limit;
        private final Runnable tooLarge;
        private Buffer body = Buffer.buffer();

        Copy(WriteStream<Buffer> out, long limit, Runnable tooLarge) {
            this.out = out;
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (body != null && body.length() + data.length() > limit) {
                body = null;
                tooLarge.run();
            } else if (body != null) {
                body.appendBuffer(data);
            }
            return out == null ? Future.succeededFuture() : out.write(data);
        }

        @Override
        public Future<Void> end() {
            return out == null ? Future.succeededFuture() : out.end();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            if (out != null) {
                out.exceptionHandler(handler);
            }
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            if (out != null) {
                out.setWriteQueueMaxSize(maxSize);
            }
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return out != null && out.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            if (out != null) {
                out.drainHandler(handler);
            }
            return this;
        }
    }
}
