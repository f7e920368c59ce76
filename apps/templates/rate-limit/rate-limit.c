/*
 * rate-limit: allows each client address LIMIT requests per WINDOW seconds (env vars; defaults 10 and 60) and
 * answers the rest 429 with Retry-After. The count lives in the PoP's cache, so every node of the PoP counts
 * together: one counter per client and window ("rl:ADDRESS:WINDOW_NUMBER"), added to atomically (cache_incr)
 * and given a TTL to the window's end by its first request (cache_expire), so old windows clean themselves up.
 * Windows are aligned to multiples of WINDOW since the epoch, which makes Retry-After exact. A cache that cannot
 * be reached lets the request through (and says so in the log): the limiter must not take the site down.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "wedge.h"

static long env_number(const char *name, long fallback) {
    char *text = wedge_env(name);
    long value = text ? strtol(text, NULL, 10) : 0;
    free(text);
    return value > 0 ? value : fallback;
}

WEDGE_HANDLER {
    long limit = env_number("LIMIT", 10);
    long window = env_number("WINDOW", 60);
    char *client = wedge_client_info("x-real-ip");
    int64_t now = (int64_t)time(NULL);
    int64_t number = now / window, left = (number + 1) * window - now; /* seconds to the window's end, >= 1 */
    char key[128], text[96];
    snprintf(key, sizeof key, "rl:%s:%" PRId64, client ? client : "unknown", number);
    free(client);

    int64_t count = 0;
    int s = wedge_cache_incr(key, 1, &count);
    if (s == WEDGE_OK && count == 1) s = wedge_cache_expire(key, left * 1000);
    wedge_set_header("Content-Type", "text/plain");
    if (s != WEDGE_OK) {
        wedge_log(WEDGE_LOG_WARN, "rate-limit: cache %s, request let through", wedge_status_name(s));
        wedge_write_str("ok (not counted)\n");
        return 0;
    }
    snprintf(text, sizeof text, "%ld", limit);
    wedge_set_header("X-RateLimit-Limit", text);
    snprintf(text, sizeof text, "%" PRId64, count >= limit ? 0 : limit - count);
    wedge_set_header("X-RateLimit-Remaining", text);
    if (count > limit) {
        snprintf(text, sizeof text, "%" PRId64, left);
        wedge_set_status(429);
        wedge_set_header("Retry-After", text);
        wedge_write_str("too many requests\n");
        wedge_set_user_diag("rate limited");
        return 0;
    }
    snprintf(text, sizeof text, "ok %" PRId64 "/%ld\n", count, limit);
    wedge_write_str(text);
    return 0;
}
