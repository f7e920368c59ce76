package dev.wedge.host.engine;

/** A host function as an engine links it: a name, a type and a body working on raw values. */
public record HostFunction(String module, String name, Signature signature, Body body) {

    @FunctionalInterface
    public interface Body {
        /** Arguments and results as raw bits (i32 in the low 32 bits of a long). */
        long[] call(GuestMemory memory, long[] args);
    }
}
