/*
 * queue_probe: a test guest for the queue and message imports, with both an http and a message handler.
 *
 * HTTP side: the request body is a script, one command per line, arguments separated by single spaces. Each
 * command writes one line "STATUS RESULT" (STATUS the decimal status of the import's final call; RESULT possibly
 * empty, the space is always there); "hostile" writes one "import.arg=STATUS" line per case instead; an unknown
 * command writes "? COMMAND". Empty lines are skipped. The response is 200 text/plain.
 *
 *   publish QUEUE TOPIC KEY PAYLOAD [NAME=VALUE ...]  -> (KEY "-": no key, key_len 0xFFFFFFFF; PAYLOAD "-": empty;
 *                                                        each NAME=VALUE becomes a header, in order)
 *   lastid                      -> the id of the last publish (raw queue_last_id with a 4-byte buffer, retried with
 *                                  the needed size)
 *   big QUEUE TOPIC BYTES       -> publishes BYTES bytes of 'x' without a key
 *   msg                         -> the status of message_topic (UNSUPPORTED, 6, outside a message handler)
 *   hostile [QUEUE [TOPIC]]     -> every pointer argument of queue_publish, queue_last_id, every message_* and
 *                                  request_* import out of range (0xFFFFFFF0, length 100), in turn; expects 3
 *                                  everywhere, pointers being checked before the context. QUEUE defaults to
 *                                  "bus", TOPIC to "hostile".
 *
 * Message side: reads the topic, key, id, attempt, all headers and the payload, then writes one info log line
 *   msg topic=T key=K|(none) attempt=N payload=P h.x-test=V|(none)
 * and returns 0, except: payload "fail" returns 1; "trap" traps; "fail-once" returns 1 on attempt 1; "hostile"
 * calls every message_* and request_* import with one pointer out of range and logs instead "hostile S1 S2 ..."
 * (statuses in the order of those cases of the http "hostile" command). A message whose topic, id, attempt, headers or
 * payload cannot be read returns 2 after logging "msg read failed: WHAT".
 */
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

#include "probe_commands.h"

#define BAD_PTR ((void *)(uintptr_t)0xFFFFFFF0u) /* with length 100: past the end of any 32-bit memory */
#define BAD_OUT ((void *)(uintptr_t)0xFFFFFFF0u)

static const char *arg(char **argv, int argc, int i) { return i < argc ? argv[i] : ""; }
static uint32_t len32(const char *s) { return (uint32_t)strlen(s); }

/* One case of the hostile list: its name and status. */
typedef void (*report_fn)(void *ctx, const char *name, int status);

/*
 * Calls every message_* and request_* import (each available in only one of the two handlers) with each pointer
 * argument out of range in turn, the others valid.
 */
static void hostile_context(report_fn report, void *ctx) {
    static const char name[] = "x-test";
    char buf[256];
    uint32_t len = 0;
#define N name, sizeof name - 1
#define CASE(NAME, CALL) report(ctx, NAME, (int)(CALL))
    CASE("message_topic.buf", wedge_raw_message_topic(BAD_PTR, 100, &len));
    CASE("message_topic.out_len", wedge_raw_message_topic(buf, sizeof buf, BAD_OUT));
    CASE("message_key.buf", wedge_raw_message_key(BAD_PTR, 100, &len));
    CASE("message_key.out_len", wedge_raw_message_key(buf, sizeof buf, BAD_OUT));
    CASE("message_id.buf", wedge_raw_message_id(BAD_PTR, 100, &len));
    CASE("message_id.out_len", wedge_raw_message_id(buf, sizeof buf, BAD_OUT));
    CASE("message_attempt.out_value", wedge_raw_message_attempt(BAD_OUT));
    CASE("message_header.name", wedge_raw_message_header(BAD_PTR, 100, buf, sizeof buf, &len));
    CASE("message_header.buf", wedge_raw_message_header(N, BAD_PTR, 100, &len));
    CASE("message_header.out_len", wedge_raw_message_header(N, buf, sizeof buf, BAD_OUT));
    CASE("message_headers.buf", wedge_raw_message_headers(BAD_PTR, 100, &len));
    CASE("message_headers.out_len", wedge_raw_message_headers(buf, sizeof buf, BAD_OUT));
    CASE("message_payload_size.out_len", wedge_raw_message_payload_size(BAD_OUT));
    CASE("message_payload_read.buf", wedge_raw_message_payload_read(0, BAD_PTR, 100, &len));
    CASE("message_payload_read.out_len", wedge_raw_message_payload_read(0, buf, sizeof buf, BAD_OUT));
    CASE("request_header.name", wedge_raw_request_header(BAD_PTR, 100, buf, sizeof buf, &len));
    CASE("request_header.buf", wedge_raw_request_header(N, BAD_PTR, 100, &len));
    CASE("request_header.out_len", wedge_raw_request_header(N, buf, sizeof buf, BAD_OUT));
    CASE("request_headers.buf", wedge_raw_request_headers(BAD_PTR, 100, &len));
    CASE("request_headers.out_len", wedge_raw_request_headers(buf, sizeof buf, BAD_OUT));
    CASE("request_body_size.out_len", wedge_raw_request_body_size(BAD_OUT));
    CASE("request_body_read.buf", wedge_raw_request_body_read(0, BAD_PTR, 100, &len));
    CASE("request_body_read.out_len", wedge_raw_request_body_read(0, buf, sizeof buf, BAD_OUT));
#undef CASE
#undef N
}

static void report_line(void *ctx, const char *name, int status) { wedge_buf_printf(ctx, "%s=%d\n", name, status); }
static void report_word(void *ctx, const char *name, int status) {
    (void)name;
    wedge_buf_printf(ctx, " %d", status);
}

/* Calls queue_publish and queue_last_id with each pointer argument out of range in turn, then the message_*
 * imports. A valid publish would go to QUEUE/TOPIC with key "k", payload "p" and one header. */
static void cmd_hostile(const char *queue, const char *topic, wedge_buf *out) {
    static const char key[] = "k", payload[] = "p", headers[] = "x-h\0v"; /* the map is sizeof headers bytes */
    char buf[256];
    uint32_t len = 0;
#define Q queue, len32(queue)
#define T topic, len32(topic)
#define CASE(NAME, CALL) report_line(out, NAME, (int)(CALL))
    CASE("queue_publish.queue", wedge_raw_queue_publish(BAD_PTR, 100, T, key, 1, payload, 1, headers, sizeof headers));
    CASE("queue_publish.topic", wedge_raw_queue_publish(Q, BAD_PTR, 100, key, 1, payload, 1, headers, sizeof headers));
    CASE("queue_publish.key", wedge_raw_queue_publish(Q, T, BAD_PTR, 100, payload, 1, headers, sizeof headers));
    CASE("queue_publish.payload", wedge_raw_queue_publish(Q, T, key, 1, BAD_PTR, 100, headers, sizeof headers));
    CASE("queue_publish.headers", wedge_raw_queue_publish(Q, T, key, 1, payload, 1, BAD_PTR, 100));
    CASE("queue_last_id.buf", wedge_raw_queue_last_id(BAD_PTR, 100, &len));
    CASE("queue_last_id.out_len", wedge_raw_queue_last_id(buf, sizeof buf, BAD_OUT));
#undef CASE
#undef T
#undef Q
    hostile_context(report_line, out);
}

static int cmd_lastid(wedge_buf *r) {
    uint32_t cap = 4, n = 0;
    char *buf = malloc(cap);
    int s = wedge_raw_queue_last_id(buf, cap, &n);
    if (s == WEDGE_BUFFER_TOO_SMALL) {
        free(buf);
        cap = n;
        buf = malloc(cap ? cap : 1);
        n = 0;
        s = wedge_raw_queue_last_id(buf, cap, &n);
    }
    if (s == WEDGE_OK) wedge_buf_append(r, buf, n <= cap ? n : cap);
    free(buf);
    return s;
}

/* publish QUEUE TOPIC KEY PAYLOAD [NAME=VALUE ...] */
static int cmd_publish(char **argv, int argc) {
    const char *key = arg(argv, argc, 3), *payload = arg(argv, argc, 4);
    wedge_buf headers = WEDGE_BUF_INIT;
    for (int i = 5; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (eq) *eq = '\0';
        wedge_buf_header(&headers, argv[i], eq ? eq + 1 : "");
    }
    if (!strcmp(payload, "-")) payload = "";
    int s = wedge_queue_publish(arg(argv, argc, 1), arg(argv, argc, 2), strcmp(key, "-") ? key : NULL, payload,
                                strlen(payload), headers.data, headers.len);
    wedge_buf_free(&headers);
    return s;
}

static int cmd_big(const char *queue, const char *topic, uint32_t size) {
    char *big = malloc(size ? size : 1);
    if (!big) abort();
    memset(big, 'x', size);
    int s = wedge_queue_publish(queue, topic, NULL, big, size, NULL, 0);
    free(big);
    return s;
}

/* Runs one command line (argv split on single spaces) and appends its output line to out. */
static void run(char **argv, int argc, wedge_buf *out) {
    const char *cmd = argv[0];
    wedge_buf r = WEDGE_BUF_INIT;
    int s;
    if (!strcmp(cmd, "publish")) {
        s = cmd_publish(argv, argc);
    } else if (!strcmp(cmd, "lastid")) {
        s = cmd_lastid(&r);
    } else if (!strcmp(cmd, "big")) {
        s = cmd_big(arg(argv, argc, 1), arg(argv, argc, 2), (uint32_t)strtoul(arg(argv, argc, 3), NULL, 10));
    } else if (!strcmp(cmd, "msg")) {
        char buf[256];
        uint32_t n = 0;
        s = wedge_raw_message_topic(buf, sizeof buf, &n);
        if (s == WEDGE_OK && n <= sizeof buf) wedge_buf_append(&r, buf, n);
    } else if (!strcmp(cmd, "hostile")) {
        cmd_hostile(argc > 1 ? argv[1] : "bus", argc > 2 ? argv[2] : "hostile", out);
        return;
    } else {
        wedge_buf_printf(out, "? %s\n", cmd);
        return;
    }
    wedge_buf_printf(out, "%d ", s);
    wedge_buf_append(out, r.data, r.len);
    wedge_buf_append_str(out, "\n");
    wedge_buf_free(&r);
}

WEDGE_HANDLER { return probe_commands(run); }

static int read_failed(const char *what) {
    wedge_log(WEDGE_LOG_ERROR, "msg read failed: %s", what);
    return 2;
}

WEDGE_MESSAGE_HANDLER {
    size_t len = 0, map_len = 0;
    char *payload = wedge_message_payload(&len);
    if (!payload) return read_failed("payload");
    if (len == 7 && !memcmp(payload, "hostile", 7)) {
        wedge_buf line = WEDGE_BUF_INIT;
        wedge_buf_append_str(&line, "hostile");
        hostile_context(report_word, &line);
        wedge_log(WEDGE_LOG_INFO, "%s", line.data);
        wedge_buf_free(&line);
        return 0;
    }
    char *topic = wedge_message_topic(), *key = wedge_message_key(), *id = wedge_message_id();
    char *headers = wedge_message_headers(&map_len), *x_test = wedge_message_header("x-test");
    int attempt = wedge_message_attempt();
    if (!topic) return read_failed("topic");
    if (!id) return read_failed("id");
    if (!headers) return read_failed("headers");
    if (attempt < 1) return read_failed("attempt");
    wedge_log(WEDGE_LOG_INFO, "msg topic=%s key=%s attempt=%d payload=%.*s h.x-test=%s", topic, key ? key : "(none)",
              attempt, (int)len, payload, x_test ? x_test : "(none)");
    if (len == 4 && !memcmp(payload, "fail", 4)) return 1;
    if (len == 4 && !memcmp(payload, "trap", 4)) __builtin_trap();
    if (len == 9 && !memcmp(payload, "fail-once", 9) && attempt == 1) return 1;
    return 0;
}
