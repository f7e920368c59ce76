package dev.wedge.cache;

import io.vertx.core.MultiMap;

/**
 * For a site whose response apps run before the cache stores ({@code response-apps: before-store}, docs/cache.md):
 * an answer from the cache is {@link #settled} (the apps ran before it was stored, and do not run again); a miss
 * waits to be told what the apps made of the origin's response, and stores that. The first call counts.
 */
public interface Deferred {

    /** Whether this answer is what the response apps made already. */
    boolean settled();

    /** The response as the response apps left it, to store; {@code body} null: the body still streaming. */
    void keep(int status, MultiMap headers, byte[] body);

    /** Nothing to store: the request ended otherwise (a local response, a failure). */
    void drop();

    /** An answer from a stored entry. */
    Deferred SETTLED = new Deferred() {
        @Override
        public boolean settled() {
            return true;
        }

        @Override
        public void keep(int status, MultiMap headers, byte[] body) {}

        @Override
        public void drop() {}
    };
}
