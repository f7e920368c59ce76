/*
 * kv_probe: an http test guest for the key-value imports. The request body is a script, one command per line,
 * arguments separated by single spaces (so "get " passes an empty key). Each command writes one line
 * "STATUS RESULT" (STATUS the decimal status of the import's final call; RESULT possibly empty, the space is
 * always there); "hostile" writes one "import.arg=STATUS" line per case instead; an unknown command writes
 * "? COMMAND". Empty lines are skipped. The response is 200 text/plain.
 *
 *   open NAME                 -> handle number; the current handle (initially 0xFFFFFFFF) becomes it
 *   use HANDLE                -> (status 0) the current handle becomes the number HANDLE
 *   get KEY                   -> value (raw kv_get with a 16-byte buffer, retried with the needed size)
 *   small KEY                 -> "needed=N" (raw kv_get with a 1-byte buffer)
 *   mget K1,K2,...            -> values joined by ",", "<absent>" for an absent key
 *   set KEY VALUE [TTL_MS]    -> ("-" VALUE: empty value)
 *   setbig KEY BYTES          -> sets BYTES bytes of 'x'
 *   del KEY / exists KEY
 *   incr KEY DELTA            -> the new value
 *   cas KEY EXPECTED VALUE    -> ("-" EXPECTED: the key must be absent; "-" VALUE: empty value)
 *   scan PATTERN LIMIT        -> every page; all keys sorted, joined by ","
 *   scan1 PATTERN LIMIT       -> one page from cursor "": "cursor=NEXT keys=K1,K2,..." in returned order
 *   zadd KEY SCORE MEMBER     -> (SCORE read by strtod: 1.5, inf, -inf)
 *   zrange KEY MIN MAX LIMIT  -> "member:score" pairs (%g) joined by ","
 *   zscan KEY PATTERN LIMIT   -> every page; "member:score" pairs sorted by member, joined by ","
 *   hostile                   -> every pointer argument of every kv import out of range, in turn (expects 3);
 *                                uses the current handle, or opens "default" when there is none
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

#include "probe_commands.h"

#define BAD_PTR ((void *)(uintptr_t)0xFFFFFFF0u) /* with length 100: past the end of any 32-bit memory */
#define BAD_OUT ((void *)(uintptr_t)0xFFFFFFF0u)

static uint32_t current = WEDGE_KV_NONE;

static const char *arg(char **argv, int argc, int i) { return i < argc ? argv[i] : ""; }
static uint32_t len32(const char *s) { return (uint32_t)strlen(s); }

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

typedef struct {
    char *member; /* NUL-terminated copy */
    size_t len;
    double score;
} zitem;

static int cmp_zitem(const void *a, const void *b) {
    const zitem *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->member, y->member, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void put_zentry(wedge_buf *r, const char *member, size_t len, double score) {
    if (r->len) wedge_buf_append_str(r, ",");
    wedge_buf_append(r, member, len);
    wedge_buf_printf(r, ":%g", score);
}

static int cmd_get(const char *key, wedge_buf *r) {
    uint32_t cap = 16, n = 0;
    char *buf = malloc(cap);
    int s = wedge_raw_kv_get(current, key, len32(key), buf, cap, &n);
    if (s == WEDGE_BUFFER_TOO_SMALL) {
        free(buf);
        cap = n;
        buf = malloc(cap ? cap : 1);
        n = 0;
        s = wedge_raw_kv_get(current, key, len32(key), buf, cap, &n);
    }
    if (s == WEDGE_OK) wedge_buf_append(r, buf, n <= cap ? n : cap);
    free(buf);
    return s;
}

static int cmd_mget(const char *list, wedge_buf *r) {
    char *copy = strdup(list);
    size_t nkeys = 0;
    const char **keys = malloc((strlen(list) + 2) * sizeof *keys);
    if (copy[0] != '\0') {
        for (char *p = copy;;) {
            keys[nkeys++] = p;
            char *comma = strchr(p, ',');
            if (!comma) break;
            *comma = '\0';
            p = comma + 1;
        }
    }
    wedge_kv_values v;
    int s = wedge_kv_get_many(current, keys, nkeys, &v);
    for (size_t i = 0; s == WEDGE_OK && i < v.count; i++) {
        if (i) wedge_buf_append_str(r, ",");
        if (v.values[i]) wedge_buf_append(r, v.values[i], v.lens[i]);
        else wedge_buf_append_str(r, "<absent>");
    }
    wedge_kv_values_free(&v);
    free(keys);
    free(copy);
    return s;
}

static int cmd_scan(const char *pattern, uint32_t limit, wedge_buf *r) {
    char **keys = NULL;
    size_t count = 0;
    char *cursor = strdup("");
    int s;
    for (;;) {
        wedge_kv_keys page;
        s = wedge_kv_scan_page(current, pattern, cursor, limit, &page);
        free(cursor);
        if (s != WEDGE_OK) break;
        keys = realloc(keys, (count + page.count + 1) * sizeof *keys);
        for (size_t i = 0; i < page.count; i++) keys[count++] = strdup(page.keys[i]);
        cursor = strdup(page.cursor);
        wedge_kv_keys_free(&page);
        if (cursor[0] == '\0') { free(cursor); break; }
    }
    if (s == WEDGE_OK) {
        if (count) qsort(keys, count, sizeof *keys, cmp_str);
        for (size_t i = 0; i < count; i++) {
            if (i) wedge_buf_append_str(r, ",");
            wedge_buf_append_str(r, keys[i]);
        }
    }
    for (size_t i = 0; i < count; i++) free(keys[i]);
    free(keys);
    return s;
}

static int cmd_scan1(const char *pattern, uint32_t limit, wedge_buf *r) {
    wedge_kv_keys page;
    int s = wedge_kv_scan_page(current, pattern, "", limit, &page);
    if (s == WEDGE_OK) {
        wedge_buf_append_str(r, "cursor=");
        wedge_buf_append_str(r, page.cursor);
        wedge_buf_append_str(r, " keys=");
        for (size_t i = 0; i < page.count; i++) {
            if (i) wedge_buf_append_str(r, ",");
            wedge_buf_append_str(r, page.keys[i]);
        }
    }
    wedge_kv_keys_free(&page);
    return s;
}

static int cmd_zrange(const char *key, double min, double max, uint32_t limit, wedge_buf *r) {
    wedge_kv_zpage page;
    int s = wedge_kv_zrange_by_score(current, key, min, max, limit, &page);
    for (size_t i = 0; s == WEDGE_OK && i < page.count; i++)
        put_zentry(r, page.entries[i].member, page.entries[i].len, page.entries[i].score);
    wedge_kv_zpage_free(&page);
    return s;
}

static int cmd_zscan(const char *key, const char *pattern, uint32_t limit, wedge_buf *r) {
    zitem *items = NULL;
    size_t count = 0;
    char *cursor = strdup("");
    int s;
    for (;;) {
        wedge_kv_zpage page;
        s = wedge_kv_zscan_page(current, key, pattern, cursor, limit, &page);
        free(cursor);
        if (s != WEDGE_OK) break;
        items = realloc(items, (count + page.count + 1) * sizeof *items);
        for (size_t i = 0; i < page.count; i++) {
            items[count].member = malloc(page.entries[i].len + 1);
            memcpy(items[count].member, page.entries[i].member, page.entries[i].len + 1);
            items[count].len = page.entries[i].len;
            items[count].score = page.entries[i].score;
            count++;
        }
        cursor = strdup(page.cursor);
        wedge_kv_zpage_free(&page);
        if (cursor[0] == '\0') { free(cursor); break; }
    }
    if (s == WEDGE_OK) {
        if (count) qsort(items, count, sizeof *items, cmp_zitem);
        for (size_t i = 0; i < count; i++) put_zentry(r, items[i].member, items[i].len, items[i].score);
    }
    for (size_t i = 0; i < count; i++) free(items[i].member);
    free(items);
    return s;
}

/* Calls every kv import with each pointer argument out of range in turn; the others valid. */
static void cmd_hostile(wedge_buf *out) {
    static const char store[] = "default", key[] = "hostile", val[] = "v", pat[] = "*", keys[] = "hostile";
    char buf[256];
    uint32_t len = 0, h = current, h2 = 0;
    int64_t i64 = 0;
    if (h == WEDGE_KV_NONE) wedge_raw_kv_open(store, sizeof store - 1, &h);
#define K key, sizeof key - 1
#define CASE(NAME, CALL) wedge_buf_printf(out, "%s=%d\n", NAME, (int)(CALL))
    CASE("kv_open.name", wedge_raw_kv_open(BAD_PTR, 100, &h2));
    CASE("kv_open.out_handle", wedge_raw_kv_open(store, sizeof store - 1, BAD_OUT));
    CASE("kv_get.key", wedge_raw_kv_get(h, BAD_PTR, 100, buf, sizeof buf, &len));
    CASE("kv_get.buf", wedge_raw_kv_get(h, K, BAD_PTR, 100, &len));
    CASE("kv_get.out_len", wedge_raw_kv_get(h, K, buf, sizeof buf, BAD_OUT));
    CASE("kv_get_many.keys", wedge_raw_kv_get_many(h, BAD_PTR, 100, buf, sizeof buf, &len));
    CASE("kv_get_many.buf", wedge_raw_kv_get_many(h, keys, sizeof keys, BAD_PTR, 100, &len));
    CASE("kv_get_many.out_len", wedge_raw_kv_get_many(h, keys, sizeof keys, buf, sizeof buf, BAD_OUT));
    CASE("kv_set.key", wedge_raw_kv_set(h, BAD_PTR, 100, val, 1, 0));
    CASE("kv_set.value", wedge_raw_kv_set(h, K, BAD_PTR, 100, 0));
    CASE("kv_delete.key", wedge_raw_kv_delete(h, BAD_PTR, 100));
    CASE("kv_exists.key", wedge_raw_kv_exists(h, BAD_PTR, 100));
    CASE("kv_incr.key", wedge_raw_kv_incr(h, BAD_PTR, 100, 1, &i64));
    CASE("kv_incr.out_value", wedge_raw_kv_incr(h, K, 1, BAD_OUT));
    CASE("kv_cas.key", wedge_raw_kv_cas(h, BAD_PTR, 100, NULL, 0xFFFFFFFFu, val, 1));
    CASE("kv_cas.expected", wedge_raw_kv_cas(h, K, BAD_PTR, 100, val, 1));
    CASE("kv_cas.value", wedge_raw_kv_cas(h, K, NULL, 0xFFFFFFFFu, BAD_PTR, 100));
    CASE("kv_scan.pattern", wedge_raw_kv_scan(h, BAD_PTR, 100, "", 0, 10, buf, sizeof buf, &len));
    CASE("kv_scan.cursor", wedge_raw_kv_scan(h, pat, 1, BAD_PTR, 100, 10, buf, sizeof buf, &len));
    CASE("kv_scan.buf", wedge_raw_kv_scan(h, pat, 1, "", 0, 10, BAD_PTR, 100, &len));
    CASE("kv_scan.out_len", wedge_raw_kv_scan(h, pat, 1, "", 0, 10, buf, sizeof buf, BAD_OUT));
    CASE("kv_zadd.key", wedge_raw_kv_zadd(h, BAD_PTR, 100, 1.0, val, 1));
    CASE("kv_zadd.member", wedge_raw_kv_zadd(h, K, 1.0, BAD_PTR, 100));
    CASE("kv_zrange_by_score.key", wedge_raw_kv_zrange_by_score(h, BAD_PTR, 100, 0, 1, 10, buf, sizeof buf, &len));
    CASE("kv_zrange_by_score.buf", wedge_raw_kv_zrange_by_score(h, K, 0, 1, 10, BAD_PTR, 100, &len));
    CASE("kv_zrange_by_score.out_len", wedge_raw_kv_zrange_by_score(h, K, 0, 1, 10, buf, sizeof buf, BAD_OUT));
    CASE("kv_zscan.key", wedge_raw_kv_zscan(h, BAD_PTR, 100, pat, 1, "", 0, 10, buf, sizeof buf, &len));
    CASE("kv_zscan.pattern", wedge_raw_kv_zscan(h, K, BAD_PTR, 100, "", 0, 10, buf, sizeof buf, &len));
    CASE("kv_zscan.cursor", wedge_raw_kv_zscan(h, K, pat, 1, BAD_PTR, 100, 10, buf, sizeof buf, &len));
    CASE("kv_zscan.buf", wedge_raw_kv_zscan(h, K, pat, 1, "", 0, 10, BAD_PTR, 100, &len));
    CASE("kv_zscan.out_len", wedge_raw_kv_zscan(h, K, pat, 1, "", 0, 10, buf, sizeof buf, BAD_OUT));
#undef CASE
#undef K
}

/* Runs one command line (argv split on single spaces) and appends its output line to out. */
static void run(char **argv, int argc, wedge_buf *out) {
    const char *cmd = argv[0], *a1 = arg(argv, argc, 1), *a2 = arg(argv, argc, 2), *a3 = arg(argv, argc, 3);
    const char *a4 = arg(argv, argc, 4);
    wedge_buf r = WEDGE_BUF_INIT;
    int s;
    if (!strcmp(cmd, "open")) {
        uint32_t h = WEDGE_KV_NONE;
        s = wedge_raw_kv_open(a1, len32(a1), &h);
        if (s == WEDGE_OK) {
            current = h;
            wedge_buf_printf(&r, "%u", (unsigned)h);
        }
    } else if (!strcmp(cmd, "use")) {
        current = (uint32_t)strtoul(a1, NULL, 0);
        s = WEDGE_OK;
    } else if (!strcmp(cmd, "get")) {
        s = cmd_get(a1, &r);
    } else if (!strcmp(cmd, "small")) {
        char one[1];
        uint32_t n = 0;
        s = wedge_raw_kv_get(current, a1, len32(a1), one, sizeof one, &n);
        wedge_buf_printf(&r, "needed=%u", (unsigned)n);
    } else if (!strcmp(cmd, "mget")) {
        s = cmd_mget(a1, &r);
    } else if (!strcmp(cmd, "set")) {
        const char *value = strcmp(a2, "-") ? a2 : "";
        int64_t ttl = argc > 3 ? strtoll(a3, NULL, 10) : 0;
        s = wedge_raw_kv_set(current, a1, len32(a1), value, len32(value), ttl);
    } else if (!strcmp(cmd, "setbig")) {
        uint32_t size = (uint32_t)strtoul(a2, NULL, 10);
        char *big = malloc(size ? size : 1);
        if (!big) abort();
        memset(big, 'x', size);
        s = wedge_raw_kv_set(current, a1, len32(a1), big, size, 0);
        free(big);
    } else if (!strcmp(cmd, "del")) {
        s = wedge_raw_kv_delete(current, a1, len32(a1));
    } else if (!strcmp(cmd, "exists")) {
        s = wedge_raw_kv_exists(current, a1, len32(a1));
    } else if (!strcmp(cmd, "incr")) {
        int64_t v = 0;
        s = wedge_raw_kv_incr(current, a1, len32(a1), strtoll(a2, NULL, 10), &v);
        if (s == WEDGE_OK) wedge_buf_printf(&r, "%" PRId64, v);
    } else if (!strcmp(cmd, "cas")) {
        int absent = !strcmp(a2, "-");
        const char *value = strcmp(a3, "-") ? a3 : "";
        s = wedge_raw_kv_cas(current, a1, len32(a1), absent ? NULL : a2, absent ? 0xFFFFFFFFu : len32(a2), value,
                             len32(value));
    } else if (!strcmp(cmd, "scan")) {
        s = cmd_scan(a1, (uint32_t)strtoul(a2, NULL, 10), &r);
    } else if (!strcmp(cmd, "scan1")) {
        s = cmd_scan1(a1, (uint32_t)strtoul(a2, NULL, 10), &r);
    } else if (!strcmp(cmd, "zadd")) {
        s = wedge_raw_kv_zadd(current, a1, len32(a1), strtod(a2, NULL), a3, len32(a3));
    } else if (!strcmp(cmd, "zrange")) {
        s = cmd_zrange(a1, strtod(a2, NULL), strtod(a3, NULL), (uint32_t)strtoul(a4, NULL, 10), &r);
    } else if (!strcmp(cmd, "zscan")) {
        s = cmd_zscan(a1, a2, (uint32_t)strtoul(a3, NULL, 10), &r);
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
