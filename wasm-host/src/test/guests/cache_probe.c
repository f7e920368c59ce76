/*
 * cache_probe: an http test guest for the cache imports. The request body is a script, one command per line,
 * arguments separated by single spaces (so "get " passes an empty key). Each command writes one line
 * "STATUS RESULT" (STATUS the decimal status of the import's final call; RESULT possibly empty, the space is
 * always there); "hostile" writes one "import.arg=STATUS" line per case instead; an unknown command writes
 * "? COMMAND". The response is 200 text/plain.
 *
 *   get KEY                   -> value (through wedge_cache_get: a 256-byte buffer, retried with the needed size)
 *   small KEY                 -> "needed=N" (raw cache_get with a 1-byte buffer)
 *   set KEY VALUE [TTL_MS]    -> ("-" VALUE: empty value; TTL may be negative)
 *   setbig KEY BYTES          -> sets BYTES bytes of 'x'
 *   del KEY / exists KEY
 *   incr KEY DELTA            -> the new value
 *   expire KEY TTL_MS
 *   purge                     -> the number of keys removed
 *   purgep PREFIX             -> the number of keys removed
 *   hostile                   -> every pointer argument of every cache import out of range, in turn (expects 3)
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

#include "probe_commands.h"

#define BAD_PTR ((void *)(uintptr_t)0xFFFFFFF0u) /* with length 100: past the end of any 32-bit memory */

static const char *arg(char **argv, int argc, int i) { return i < argc ? argv[i] : ""; }
static uint32_t len32(const char *s) { return (uint32_t)strlen(s); }

/* Calls every cache import with each pointer argument out of range in turn; the others valid. */
static void cmd_hostile(wedge_buf *out) {
    static const char key[] = "hostile", val[] = "v";
    char buf[64];
    uint32_t len = 0;
    int64_t i64 = 0;
    uint64_t u64 = 0;
#define K key, sizeof key - 1
#define CASE(NAME, CALL) wedge_buf_printf(out, "%s=%d\n", NAME, (int)(CALL))
    CASE("cache_get.key", wedge_raw_cache_get(BAD_PTR, 100, buf, sizeof buf, &len));
    CASE("cache_get.buf", wedge_raw_cache_get(K, BAD_PTR, 100, &len));
    CASE("cache_get.out_len", wedge_raw_cache_get(K, buf, sizeof buf, BAD_PTR));
    CASE("cache_set.key", wedge_raw_cache_set(BAD_PTR, 100, val, 1, 0));
    CASE("cache_set.value", wedge_raw_cache_set(K, BAD_PTR, 100, 0));
    CASE("cache_delete.key", wedge_raw_cache_delete(BAD_PTR, 100));
    CASE("cache_exists.key", wedge_raw_cache_exists(BAD_PTR, 100));
    CASE("cache_incr.key", wedge_raw_cache_incr(BAD_PTR, 100, 1, &i64));
    CASE("cache_incr.out_value", wedge_raw_cache_incr(K, 1, BAD_PTR));
    CASE("cache_expire.key", wedge_raw_cache_expire(BAD_PTR, 100, 1000));
    CASE("cache_purge.out_count", wedge_raw_cache_purge(BAD_PTR));
    CASE("cache_purge_prefix.prefix", wedge_raw_cache_purge_prefix(BAD_PTR, 100, &u64));
    CASE("cache_purge_prefix.out_count", wedge_raw_cache_purge_prefix(K, BAD_PTR));
#undef CASE
#undef K
}

/* Runs one command line (argv split on single spaces) and appends its output line to out. */
static void run(char **argv, int argc, wedge_buf *out) {
    const char *cmd = argv[0], *a1 = arg(argv, argc, 1), *a2 = arg(argv, argc, 2), *a3 = arg(argv, argc, 3);
    wedge_buf r = WEDGE_BUF_INIT;
    int s;
    if (!strcmp(cmd, "get")) {
        size_t n = 0;
        char *value = wedge_cache_get(a1, &n, &s);
        if (value) wedge_buf_append(&r, value, n);
        free(value);
    } else if (!strcmp(cmd, "small")) {
        char one[1];
        uint32_t n = 0;
        s = wedge_raw_cache_get(a1, len32(a1), one, sizeof one, &n);
        wedge_buf_printf(&r, "needed=%u", (unsigned)n);
    } else if (!strcmp(cmd, "set")) {
        const char *value = strcmp(a2, "-") ? a2 : "";
        int64_t ttl = argc > 3 ? strtoll(a3, NULL, 10) : 0;
        s = wedge_raw_cache_set(a1, len32(a1), value, len32(value), ttl);
    } else if (!strcmp(cmd, "setbig")) {
        uint32_t size = (uint32_t)strtoul(a2, NULL, 10);
        char *big = malloc(size ? size : 1);
        if (!big) abort();
        memset(big, 'x', size);
        s = wedge_cache_set(a1, big, size, 0);
        free(big);
    } else if (!strcmp(cmd, "del")) {
        s = wedge_cache_delete(a1);
    } else if (!strcmp(cmd, "exists")) {
        s = wedge_cache_exists(a1);
    } else if (!strcmp(cmd, "incr")) {
        int64_t v = 0;
        s = wedge_cache_incr(a1, strtoll(a2, NULL, 10), &v);
        if (s == WEDGE_OK) wedge_buf_printf(&r, "%" PRId64, v);
    } else if (!strcmp(cmd, "expire")) {
        s = wedge_cache_expire(a1, strtoll(a2, NULL, 10));
    } else if (!strcmp(cmd, "purge")) {
        uint64_t n = 0;
        s = wedge_cache_purge(&n);
        if (s == WEDGE_OK) wedge_buf_printf(&r, "%" PRIu64, n);
    } else if (!strcmp(cmd, "purgep")) {
        uint64_t n = 0;
        s = wedge_cache_purge_prefix(a1, &n);
        if (s == WEDGE_OK) wedge_buf_printf(&r, "%" PRIu64, n);
    } else if (!strcmp(cmd, "hostile")) {
        cmd_hostile(out);
        return;
    } else {
        wedge_buf_append_str(out, "? ");
        wedge_buf_append_str(out, cmd);
        wedge_buf_append_str(out, "\n");
        return;
    }
    wedge_buf_printf(out, "%d ", s);
    if (r.len) wedge_buf_append(out, r.data, r.len);
    wedge_buf_append_str(out, "\n");
    wedge_buf_free(&r);
}

WEDGE_HANDLER { return probe_commands(run); }
