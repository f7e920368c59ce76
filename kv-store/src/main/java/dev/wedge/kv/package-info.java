/**
 * Key-value capability: one asynchronous interface, one class per backend.
 *
 * <p>The module exists so the dependency direction (verticles -&gt; wasm-host -&gt; kv-store -&gt; backends) is fixed
 * from the start; its interface and backends arrive with their own issue.
 */
package dev.wedge.kv;
