package dev.wedge.observe;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** What the node's scheduler tells its metrics about each app's load: gauges it reads, and events. */
public interface LoadMetrics {

    /** The app's gauges from now on: guests running, requests waiting, and whether it is in the penalty box. */
    void watch(String app, IntSupplier running, IntSupplier waiting, BooleanSupplier penalized);

    /** The app was put in the penalty box. */
    void penalized(String app);

    /**
     * A request whose client went away was given up: {@code queued}, dropped before it ran, or {@code running},
     * its guest stopped.
     */
    void abandoned(String app, String stage);

    LoadMetrics NONE = new LoadMetrics() {
        @Override
        public void watch(String app, IntSupplier running, IntSupplier waiting, BooleanSupplier penalized) {}

        @Override
        public void penalized(String app) {}

        @Override
        public void abandoned(String app, String stage) {}
    };
}
