package dev.wedge.bench.graal;

import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/** A module's function imports as the import object GraalWasm instantiates with: host functions on raw bits. */
final class GraalImports {

    private final List<FunctionImport> wanted;

    GraalImports(List<FunctionImport> wanted) {
        this.wanted = wanted;
    }

    /** The import object for one instance: {@code {module: {name: function}}}, bodies from this run's resolver. */
    ProxyObject bind(ImportResolver resolver, GraalMemory.Holder memory) {
        Map<String, Map<String, Object>> modules = new HashMap<>();
        for (FunctionImport functionImport : wanted) {
            HostFunction function = resolver.resolve(functionImport);
            if (!function.signature().equals(functionImport.signature())) {
                throw new IllegalArgumentException("import " + functionImport.qualifiedName() + " resolved to "
                        + function.signature() + ", wanted " + functionImport.signature());
            }
            modules.computeIfAbsent(functionImport.module(), name -> new HashMap<>())
                    .put(functionImport.name(), executable(function, memory));
        }
        Map<String, Object> object = new HashMap<>();
        modules.forEach((module, functions) -> object.put(module, ProxyObject.fromMap(functions)));
        return ProxyObject.fromMap(object);
    }

    private static ProxyExecutable executable(HostFunction function, GraalMemory.Holder memory) {
        Signature signature = function.signature();
        ValueType[] params = signature.params().toArray(ValueType[]::new);
        ValueType result = switch (signature.results().size()) {
            case 0 -> null;
            case 1 -> signature.results().get(0);
            default -> throw new IllegalArgumentException("import " + function.module() + "." + function.name()
                    + " returns several values, which engine graal does not link");
        };
        HostFunction.Body body = function.body();
        return args -> {
            long[] raw = new long[params.length];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = toRaw(params[i], args[i]);
            }
            long[] results = body.call(memory.get(), raw);
            return result == null ? null : fromRaw(result, results[0]);
        };
    }

    static long toRaw(ValueType type, Value value) {
        return switch (type) {
            case I32 -> value.asInt();
            case I64 -> value.asLong();
            case F32 -> Float.floatToRawIntBits(value.asFloat());
            case F64 -> Double.doubleToRawLongBits(value.asDouble());
        };
    }

    static Object fromRaw(ValueType type, long raw) {
        return switch (type) {
            case I32 -> (int) raw;
            case I64 -> raw;
            case F32 -> Float.intBitsToFloat((int) raw);
            case F64 -> Double.longBitsToDouble(raw);
        };
    }
}
