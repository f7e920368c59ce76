package dev.wedge.host.engine;

import java.util.Collections;
import java.util.List;

/** A function type: parameter and result types. */
public record Signature(List<ValueType> params, List<ValueType> results) {

    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** {@code n} i32 parameters returning one i32: the shape of almost every ABI call. */
    public static Signature i32s(int n) {
        return new Signature(Collections.nCopies(n, ValueType.I32), List.of(ValueType.I32));
    }

    public static Signature of(List<ValueType> params, List<ValueType> results) {
        return new Signature(params, results);
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
