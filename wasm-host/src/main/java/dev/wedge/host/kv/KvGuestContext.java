package dev.wedge.host.kv;

import dev.wedge.host.abi.ResultMemo;

/** What the key-value imports need from the request they serve. */
public interface KvGuestContext {

    KvAccess kv();

    ResultMemo memo();
}
