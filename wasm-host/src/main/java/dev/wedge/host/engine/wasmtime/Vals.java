package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.ValueType;
import io.github.kawamuray.wasmtime.Val;
import java.util.List;

/** Wasmtime values to and from the raw bits host functions work on. */
final class Vals {

    private Vals() {}

    static long raw(Val value) {
        return switch (value.getType()) {
            case I32 -> value.i32();
            case I64 -> value.i64();
            case F32 -> Float.floatToRawIntBits(value.f32());
            case F64 -> Double.doubleToRawLongBits(value.f64());
            default -> throw new IllegalArgumentException("unsupported value type " + value.getType());
        };
    }

    static Val val(ValueType type, long raw) {
        return switch (type) {
            case I32 -> Val.fromI32((int) raw);
            case I64 -> Val.fromI64(raw);
            case F32 -> Val.fromF32(Float.intBitsToFloat((int) raw));
            case F64 -> Val.fromF64(Double.longBitsToDouble(raw));
        };
    }

    static Val.Type[] types(List<ValueType> types) {
        return types.stream().map(type -> switch (type) {
            case I32 -> Val.Type.I32;
            case I64 -> Val.Type.I64;
            case F32 -> Val.Type.F32;
            case F64 -> Val.Type.F64;
        }).toArray(Val.Type[]::new);
    }
}
