/*
 * probe_commands.h - the http side shared by the script-driven test guests (kv_probe, queue_probe). Included, not
 * built on its own (scripts/build-guests.sh builds each .c of this folder as a module).
 *
 * probe_commands(run) reads the request body as a script: one command per line ("\n", an optional "\r" before it
 * is dropped), arguments separated by single spaces (so "get " passes an empty argument). Empty lines are skipped;
 * each other line is passed to run as argv[0..argc), argc >= 1, and run appends its output to out. The response
 * is 200 text/plain with everything run appended. Returns what the handler returns: 0, or 1 when the body cannot
 * be read.
 */
#ifndef PROBE_COMMANDS_H
#define PROBE_COMMANDS_H

#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static int probe_commands(void (*run)(char **argv, int argc, wedge_buf *out)) {
    size_t len = 0;
    char *body = wedge_request_body(&len);
    if (!body) return 1;
    wedge_buf out = WEDGE_BUF_INIT;
    for (char *line = body; line < body + len;) {
        char *nl = memchr(line, '\n', (size_t)(body + len - line));
        char *end = nl ? nl : body + len;
        *end = '\0';
        if (end > line && end[-1] == '\r') end[-1] = '\0';
        if (line[0] != '\0') {
            int argc = 1;
            for (char *p = line; *p; p++) argc += *p == ' ';
            char **argv = malloc((size_t)argc * sizeof *argv);
            argc = 0;
            for (char *p = line;;) {
                argv[argc++] = p;
                char *sp = strchr(p, ' ');
                if (!sp) break;
                *sp = '\0';
                p = sp + 1;
            }
            run(argv, argc, &out);
            free(argv);
        }
        line = end + 1;
    }
    free(body);
    wedge_set_status(200);
    wedge_set_header("Content-Type", "text/plain");
    wedge_write(out.data, out.len);
    wedge_buf_free(&out);
    return 0;
}

#endif /* PROBE_COMMANDS_H */
