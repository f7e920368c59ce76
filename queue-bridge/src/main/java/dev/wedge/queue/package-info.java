/**
 * Queue capability: publish and subscribe, one class per backend.
 *
 * <p>The module exists so the dependency direction (verticles -&gt; wasm-host -&gt; queue-bridge -&gt; backends)
 * is fixed from the start; its interface and backends arrive with their own issue.
 */
package dev.wedge.queue;
