package dev.wedge.host.auto;

/** Which engine an app's next run uses, told how its runs went. Thread-safe: workers run an app in parallel. */
public interface EngineChoice {

    /** The engine the next run uses. */
    EngineBinding current();

    /**
     * One run that instantiated on {@code engine}: how long the fresh instance took and how long the guest ran
     * after it (a run that hit its deadline counts, with the time it got).
     */
    void observe(String engine, long instantiateNanos, long runNanos);

    /** An app pinned to one engine: observations change nothing. */
    static EngineChoice fixed(EngineBinding binding) {
        return new EngineChoice() {
            @Override
            public EngineBinding current() {
                return binding;
            }

            @Override
            public void observe(String engine, long instantiateNanos, long runNanos) {}
        };
    }
}
