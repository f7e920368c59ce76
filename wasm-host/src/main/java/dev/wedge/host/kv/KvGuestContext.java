package dev.wedge.host.kv;

import dev.wedge.host.abi.ResultMemo;

/** What the key-value imports need from the request they serve. */
public interface KvGuestContext {

    KvAccess kv();

    ResultMemo memo();

    /** Guest memory for a result (proxy-wasm's convention), 0 when the run has no allocator. */
    int allocate(int size);
}
