/* wagi-hello: a plain WASI command answering through CGI (WAGI): headers, blank line, body on stdout. */
#include <stdio.h>
#include <stdlib.h>

static const char *env_or_empty(const char *name) {
    const char *v = getenv(name);
    return v ? v : "";
}

int main(void) {
    printf("Content-Type: text/plain\n\n");
    printf("Hello from a WAGI app! You asked for PATH_INFO=%s QUERY_STRING=%s\n",
           env_or_empty("PATH_INFO"), env_or_empty("QUERY_STRING"));
    return 0;
}
