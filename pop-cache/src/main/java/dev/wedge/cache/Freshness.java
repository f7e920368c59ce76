package dev.wedge.cache;

/**
 * How long a stored response may be served, from its headers at the time it was stored (RFC 9111, 4.2).
 *
 * @param lifetimeMillis fresh for this long after it was received, less the age it came with
 * @param staleWhileRevalidateMillis past that, served stale for this long while one refresh runs (RFC 5861)
 * @param staleIfErrorMillis past that, served stale for this long when the origin fails or answers 5xx
 * @param mustRevalidate never served stale (must-revalidate, proxy-revalidate, or s-maxage)
 * @param authorized may answer requests that carry Authorization (public, must-revalidate or s-maxage)
 */
public record Freshness(long lifetimeMillis, long staleWhileRevalidateMillis, long staleIfErrorMillis,
        boolean mustRevalidate, boolean authorized) {}
