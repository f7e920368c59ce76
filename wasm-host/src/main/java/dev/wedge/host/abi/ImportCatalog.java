package dev.wedge.host.abi;

import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every host import a module may use, gathered from the capabilities. Checked against a module once, when it is
 * loaded, so that a module with an unknown or mistyped import is refused with a clear reason instead of failing
 * on its first request; bound to a fresh scope for every instance.
 */
public final class ImportCatalog<S> {

    /** By module and name: a lookup per import of every instance, so no key string is built for it. */
    private final Map<Name, AbiFunction<S>> functions = new HashMap<>();
    private final Map<String, Function<FunctionImport, AbiFunction<S>>> fallbacks = new HashMap<>();

    public ImportCatalog<S> add(List<AbiFunction<S>> more) {
        for (AbiFunction<S> function : more) {
            if (functions.putIfAbsent(new Name(function.module(), function.name()), function) != null) {
                throw new IllegalArgumentException("import defined twice: " + function.module() + "." + function.name());
            }
        }
        return this;
    }

    /** Supplies imports of a whole module that have no definition of their own (e.g. ENOSYS stubs for WASI). */
    public ImportCatalog<S> fallback(String module, Function<FunctionImport, AbiFunction<S>> supplier) {
        if (fallbacks.putIfAbsent(module, supplier) != null) {
            throw new IllegalArgumentException("fallback defined twice for module " + module);
        }
        return this;
    }

    /** @throws ModuleLoadException naming every import the module needs that the host cannot satisfy */
    public void check(ModuleInfo info) throws ModuleLoadException {
        List<String> problems = new ArrayList<>();
        for (FunctionImport wanted : info.imports()) {
            AbiFunction<S> found = find(wanted);
            if (found == null) {
                problems.add("unknown import " + wanted.qualifiedName());
            } else if (!found.signature().equals(wanted.signature())) {
                problems.add("import " + wanted.qualifiedName() + " has type " + wanted.signature()
                        + ", expected " + found.signature());
            }
        }
        if (!problems.isEmpty()) {
            throw new ModuleLoadException(Problem.BAD_IMPORT, String.join("; ", problems));
        }
    }

    public ImportResolver bind(S scope) {
        return wanted -> {
            AbiFunction<S> found = find(wanted);
            if (found == null) {
                throw new IllegalArgumentException("unknown import " + wanted.qualifiedName());
            }
            return found.bind(scope);
        };
    }

    private record Name(String module, String name) {}

    private AbiFunction<S> find(FunctionImport wanted) {
        AbiFunction<S> found = functions.get(new Name(wanted.module(), wanted.name()));
        if (found != null) {
            return found;
        }
        var fallback = fallbacks.get(wanted.module());
        return fallback == null ? null : fallback.apply(wanted);
    }
}
