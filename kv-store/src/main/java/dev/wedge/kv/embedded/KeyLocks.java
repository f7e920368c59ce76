package dev.wedge.kv.embedded;

import java.util.concurrent.locks.ReentrantLock;

/** Striped locks that make read-modify-write operations on one key atomic. */
final class KeyLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[64];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
