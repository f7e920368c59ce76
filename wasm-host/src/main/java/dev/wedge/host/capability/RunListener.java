package dev.wedge.host.capability;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** What a node learns about every run of a guest, for its metrics. Called on the worker thread; must be quick. */
public interface RunListener {

    /**
     * @param kind {@code http}, {@code wagi} or {@code message}
     * @param engine the engine it ran on
     * @param error the failure reason ({@code timeout}, {@code trap}, ...) or null
     * @param memoryBytes the guest's linear memory at the end (0 when it was never instantiated)
     * @param userDiag whether the app set a diagnostic text ({@code set_user_diag}; its text is only logged)
     */
    record Run(String app, String kind, String engine, int status, String error, long durationNanos,
            long instantiateNanos, long memoryBytes, boolean userDiag) {}

    void finished(Run run);

    /** One call to a capability backend: {@code kv} or {@code queue}, the operation, its time and outcome. */
    default void hostCall(String app, String capability, String operation, long nanos, boolean ok) {}

    /**
     * One outbound HTTP call: the host it named ({@code -} when its URL was invalid), its outcome ({@code ok} when
     * a response came, else the status's name, e.g. {@code destination-not-allowed}), and its time, redirects
     * included.
     */
    default void outboundCall(String app, String host, String outcome, long nanos) {}

    /** Runs a capability call and reports its time and whether it returned normally. */
    default <T> T timed(String app, String capability, String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            T result = call.get();
            ok = true;
            return result;
        } finally {
            hostCall(app, capability, operation, System.nanoTime() - start, ok);
        }
    }

    /** One phase of a CDN app's request: its label ({@code request-headers}, ...), time and outcome. */
    default void phase(String app, String phase, long nanos, String outcome) {}

    /**
     * A counter or gauge a proxy-wasm filter defined, read at each scrape ({@code type} is {@code counter} or
     * {@code gauge}); the same name is defined once per app.
     */
    default void guestMetric(String app, String type, String name, DoubleSupplier value) {}

    /** A value a proxy-wasm filter recorded into its histogram {@code name}. */
    default void guestSample(String app, String name, double value) {}

    RunListener NONE = run -> { };
}
