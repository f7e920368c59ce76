/*
 * wagi_probe: a WAGI (CGI over WASI) test guest for the host's tests. A plain WASI command that dispatches on
 * PATH_INFO; each case produces one kind of CGI output. /import also calls the wedge imports, which wagi apps
 * may use (only the raw declarations of wedge.h are used; the SDK's wedge.c is not linked).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wedge.h"

extern char **environ;

static int wagi_env(int argc, char **argv) {
    printf("Content-Type: text/plain\n\n");
    for (char **e = environ; *e; e++) printf("%s\n", *e);
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    printf("stdin=");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
    return 0;
}

static int wagi_flood(void) {
    printf("Content-Type: application/octet-stream\n\n");
    fflush(stdout);
    size_t size = 1 << 20;
    char *block = malloc(size);
    if (!block) exit(1);
    memset(block, 'z', size);
    for (;;) {
        if (write(1, block, size) <= 0) exit(1); /* the host refuses output past the limit */
    }
}

/* Reads a value through an out-buffer import; "(none)" when it is absent or the call fails. */
static void print_import(const char *key, int32_t status, const char *buf, uint32_t len) {
    if (status == WEDGE_OK) printf("%s=%.*s\n", key, (int)len, buf);
    else printf("%s=(none)\n", key);
}

static int wagi_import(void) {
    char buf[256];
    uint32_t len = 0;
    printf("Content-Type: text/plain\n\n");
    print_import("method", wedge_raw_request_method(buf, sizeof buf, &len), buf, len);
    print_import("env.FOO", wedge_raw_env_get("FOO", 3, buf, sizeof buf, &len), buf, len);
    return 0;
}

int main(int argc, char **argv) {
    const char *path = getenv("PATH_INFO");
    if (!path) path = "";

    if (!strcmp(path, "/env")) return wagi_env(argc, argv);
    if (!strcmp(path, "/status")) {
        printf("Status: 404 Not Found\nContent-Type: text/plain\nX-Custom: yes\n\nnot here\n");
    } else if (!strcmp(path, "/redirect")) {
        printf("Location: /elsewhere\n\n");
    } else if (!strcmp(path, "/crlf")) {
        printf("Content-Type: text/html\r\n\r\n<p>hi</p>");
    } else if (!strcmp(path, "/raw")) {
        printf("just text, no headers\n");
    } else if (!strcmp(path, "/badstatus")) {
        printf("Status: abc\n\nx");
    } else if (!strcmp(path, "/exit")) {
        printf("Content-Type: text/plain\n\nbye\n");
        exit(2); /* exit flushes stdout */
    } else if (!strcmp(path, "/flood")) {
        return wagi_flood();
    } else if (!strcmp(path, "/import")) {
        return wagi_import();
    } else if (!strcmp(path, "/trap")) {
        __builtin_trap();
    } else {
        printf("Status: 404 Not Found\nContent-Type: text/plain\n\nno such probe\n");
    }
    return 0;
}
