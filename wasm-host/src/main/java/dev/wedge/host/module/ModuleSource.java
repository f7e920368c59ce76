package dev.wedge.host.module;

import java.io.IOException;

/**
 * Where a loaded app's module bytes come from whenever they must be compiled again: an app keeps only this, not
 * its compiled module, which the node's cache may let go of between requests (a file, or bytes kept in memory).
 */
@FunctionalInterface
public interface ModuleSource {

    byte[] read() throws IOException;
}
