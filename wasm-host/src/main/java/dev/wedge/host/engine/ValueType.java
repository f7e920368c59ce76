package dev.wedge.host.engine;

/** The numeric value types a host function may take or return. */
public enum ValueType {
    I32,
    I64,
    F32,
    F64
}
