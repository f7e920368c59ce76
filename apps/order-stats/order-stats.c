/*
 * order-stats: a message app (it has no http handler) that counts the orders published by apps/orders.
 * Each message's payload is a JSON object with "customer" (a non-empty string) and "amount" (a number).
 *   - When env var STORE names a key-value store, adds to it: orders:CUSTOMER += 1, cents:CUSTOMER +=
 *     round(amount * 100), orders:total += 1. Without STORE it only logs one line per order.
 *   - Returns 0 (consumed) when done; 3 when the payload is unusable (the host retries, then dead-letters it);
 *     4 when a key-value call fails (retried); 5 when the message has header x-fail: always (to exercise the
 *     dead-letter topic).
 * Delivery is at least once and the three increments are not one transaction: a retry after a partial failure
 * or a node crash can count an order twice.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

#define MAX_CUSTOMER 1000      /* bytes; keeps "orders:CUSTOMER" inside the 1024-byte key limit */
#define MAX_AMOUNT 1e13        /* so that the cents fit easily in an int64 */

static int incr(wedge_kv kv, const char *prefix, const char *customer, int64_t delta) {
    size_t n = strlen(prefix) + strlen(customer) + 1;
    char *key = malloc(n);
    if (!key) return WEDGE_LIMIT_EXCEEDED;
    strcpy(key, prefix);
    strcat(key, customer);
    int s = wedge_kv_incr(kv, key, delta, NULL);
    if (s != WEDGE_OK) wedge_log(WEDGE_LOG_WARN, "kv_incr %s failed: status %d", key, s);
    free(key);
    return s;
}

static int count(const char *customer, int64_t cents) {
    char *store = wedge_env("STORE");
    char *id = wedge_message_id();
    if (!store) {
        wedge_log(WEDGE_LOG_INFO, "order customer=%s cents=%" PRId64 " message=%s", customer, cents, id ? id : "?");
        free(id);
        return 0;
    }
    wedge_kv kv;
    int s = wedge_kv_open(store, &kv);
    if (s != WEDGE_OK) wedge_log(WEDGE_LOG_WARN, "kv_open %s failed: status %d", store, s);
    if (s == WEDGE_OK) s = incr(kv, "orders:", customer, 1);
    if (s == WEDGE_OK) s = incr(kv, "cents:", customer, cents);
    if (s == WEDGE_OK) s = incr(kv, "orders:", "total", 1);
    if (s == WEDGE_OK)
        wedge_log(WEDGE_LOG_DEBUG, "counted customer=%s cents=%" PRId64 " message=%s", customer, cents, id ? id : "?");
    free(store);
    free(id);
    return s == WEDGE_OK ? 0 : 4;
}

WEDGE_MESSAGE_HANDLER {
    char *fail = wedge_message_header("x-fail");
    int always = fail && !strcmp(fail, "always");
    free(fail);
    if (always) {
        wedge_log(WEDGE_LOG_WARN, "x-fail: always, failing on purpose");
        return 5;
    }

    size_t len = 0;
    char *payload = wedge_message_payload(&len);
    if (!payload) {
        wedge_log(WEDGE_LOG_ERROR, "cannot read the message payload");
        return 4; /* a host problem, not a bad message: retry */
    }
    char *customer = NULL;
    double amount = 0;
    int valid = strlen(payload) == len && (customer = wedge_json_string(payload, "customer")) && customer[0] != '\0'
                && strlen(customer) <= MAX_CUSTOMER && wedge_json_number(payload, "amount", &amount)
                && fabs(amount) <= MAX_AMOUNT;
    free(payload);
    if (!valid) {
        wedge_log(WEDGE_LOG_ERROR, "bad order: the payload must be a JSON object with \"customer\" (a non-empty "
                                   "string of at most %d bytes) and \"amount\" (a number)", MAX_CUSTOMER);
        free(customer);
        return 3;
    }
    int rc = count(customer, llround(amount * 100));
    free(customer);
    return rc;
}
