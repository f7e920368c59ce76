package dev.wedge.host.auto;

import dev.wedge.host.module.ModuleCache;

/** An app's module on one engine: the cache key of its compiled code and how to compile it. */
public record EngineBinding(String engine, ModuleCache.Key key, ModuleCache.Compiler compiler) {}
