package dev.wedge.bench.graal;

import org.graalvm.polyglot.Engine;

/** Whether Truffle compiles guest code in this JVM, and what to say when it does not. */
public final class GraalRuntime {

    static final String INTERPRETED_WARNING = "engine graal: this JVM runs GraalWasm interpreted, many times slower"
            + " than compiled: start it with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the Graal compiler"
            + " jars of benchmarks/target/graal on --upgrade-module-path (benchmarks/README.md, GraalWasm)";

    private GraalRuntime() {}

    /** False on the fallback runtime Truffle uses without JVMCI and the Graal compiler (named "Interpreted"). */
    public static boolean compiles(Engine engine) {
        return !engine.getImplementationName().contains("Interpreted");
    }
}
