package dev.wedge.host.engine.graal;

import org.graalvm.polyglot.Engine;

/** Whether Truffle compiles guest code in this JVM, and what to say when it does not. */
public final class GraalRuntime {

    static final String INTERPRETED_WARNING = "engine graal: this JVM runs GraalWasm interpreted, many times slower"
            + " than compiled: start it with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and the Graal compiler"
            + " on --upgrade-module-path, as ./wedge does (docs/config.md, Engines)";

    private GraalRuntime() {}

    /** False on the fallback runtime Truffle uses without JVMCI and the Graal compiler (named "Interpreted"). */
    public static boolean compiles(Engine engine) {
        return !engine.getImplementationName().contains("Interpreted");
    }
}
