package dev.wedge.bench;

import dev.wedge.bench.graal.GraalEngine;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.engine.WasmEngine;

/**
 * The engines a benchmark takes by name: the node's (and its {@code auto}), plus GraalWasm, which is evaluated
 * here and not an engine of the node (docs/architecture.md, "Decisions").
 */
public final class BenchEngines {

    private BenchEngines() {}

    public static WasmEngine create(String name) {
        return name.equals(GraalEngine.NAME) ? new GraalEngine() : WasmHost.engine(name);
    }

    public static WasmHost host(String name, HostServices services) {
        return name.equals(GraalEngine.NAME) ? new WasmHost(new GraalEngine(), services)
                : WasmHost.create(name, services);
    }
}
