/*
 * orders: an http app that accepts orders and publishes them to a queue.
 *   POST /  with a JSON object body, e.g. {"id":"o-1","customer":"c-9","amount":42.5}
 *     id and customer must be non-empty strings, amount a number > 0 (other members are allowed); otherwise 400
 *     with a one-line text/plain reason.
 *     The body is published unchanged to topic "orders" of the queue named by env var QUEUE (default "bus"), with
 *     key = customer and header content-type: application/json. Then 202 application/json
 *     {"accepted":"<id>","message":"<the queue's message id>"}, or 503 "queue error: S" (S the ABI status).
 *   any other method: 405
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static int answer(int code, const char *text) {
    wedge_set_status(code);
    wedge_set_header("Content-Type", "text/plain");
    wedge_write_str(text);
    return 0;
}

/* The reason the order in body (len bytes) is refused, or NULL when it is valid; sets *id and *customer. */
static const char *validate(const char *body, size_t len, char **id, char **customer) {
    *id = *customer = NULL;
    if (strlen(body) != len || wedge_json_type_of(body, "id") == WEDGE_JSON_INVALID)
        return "body must be a JSON object\n";
    *id = wedge_json_string(body, "id");
    if (!*id || !**id) return "id must be a non-empty string\n";
    *customer = wedge_json_string(body, "customer");
    if (!*customer || !**customer) return "customer must be a non-empty string\n";
    double amount;
    if (!wedge_json_number(body, "amount", &amount) || !isfinite(amount) || amount <= 0)
        return "amount must be a number > 0\n";
    return NULL;
}

static int accept(const char *body, size_t len) {
    char *id, *customer;
    const char *reason = validate(body, len, &id, &customer);
    if (reason) {
        free(id);
        free(customer);
        return answer(400, reason);
    }

    char *queue = wedge_env("QUEUE");
    wedge_buf headers = WEDGE_BUF_INIT;
    wedge_buf_header(&headers, "content-type", "application/json");
    int s = wedge_queue_publish(queue ? queue : "bus", "orders", customer, body, len, headers.data, headers.len);
    wedge_buf_free(&headers);
    free(queue);
    free(customer);
    if (s != WEDGE_OK) {
        free(id);
        char text[32];
        snprintf(text, sizeof text, "queue error: %d\n", s);
        return answer(503, text);
    }

    char *message = wedge_queue_last_id();
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_append_str(&out, "{\"accepted\":");
    wedge_buf_json_string(&out, id, strlen(id));
    wedge_buf_append_str(&out, ",\"message\":");
    if (message) wedge_buf_json_string(&out, message, strlen(message));
    else wedge_buf_append_str(&out, "null"); /* published, but the id could not be read */
    wedge_buf_append_str(&out, "}");
    wedge_set_status(202);
    wedge_set_header("Content-Type", "application/json");
    wedge_write(out.data, out.len);
    wedge_buf_free(&out);
    free(message);
    free(id);
    return 0;
}

WEDGE_HANDLER {
    char *method = wedge_request_method();
    if (!method) return 1;
    int post = !strcmp(method, "POST");
    free(method);
    if (!post) {
        wedge_set_header("Allow", "POST");
        return answer(405, "method not allowed\n");
    }
    size_t len = 0;
    char *body = wedge_request_body(&len);
    if (!body) return 1;
    int rc = accept(body, len);
    free(body);
    return rc;
}
