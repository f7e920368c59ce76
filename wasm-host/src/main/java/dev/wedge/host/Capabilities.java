package dev.wedge.host;

import dev.wedge.host.cache.CacheCapability;
import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.client.ClientCapability;
import dev.wedge.host.dictionary.DictionaryCapability;
import dev.wedge.host.http.HttpCapability;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.host.secrets.SecretsCapability;
import dev.wedge.host.wasi.WasiCapability;
import java.util.List;

/** The registration list: every capability apps have, one line each (docs/architecture.md, "Capabilities"). */
public final class Capabilities {

    private Capabilities() {}

    public static CapabilitySet all() {
        return new CapabilitySet(List.of(
                new HttpCapability(),
                new WasiCapability(),
                new KvCapability(),
                new QueueCapability(),
                new DictionaryCapability(),
                new SecretsCapability(),
                new ClientCapability(),
                new OutboundCapability(),
                new CacheCapability(),
                new ProxyWasmCapability()));
    }
}
