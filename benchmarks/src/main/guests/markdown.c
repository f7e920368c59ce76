/* Markdown to HTML with md4c 0.4.8 (MIT, github.com/mity/md4c), GitHub's dialect, for ComputeBenchmark:
 * run(len) answers the HTML. md4c is not kept in this repo: scripts/build-guests.sh fetches Debian's source
 * package and links its src/md4c.c, md4c-html.c and entity.c into any guest including md4c-html.h. */
#include "compute.h"

#include "md4c-html.h"

static int failed;

static void append(const MD_CHAR *text, MD_SIZE size, void *unused) {
    (void)unused;
    if (!out_append(text, size)) failed = 1;
}

EXPORT("run") int32_t run(uint32_t len) {
    out_len = 0;
    failed = 0;
    if (md_html((const MD_CHAR *)in_buf, len, append, NULL, MD_DIALECT_GITHUB, 0) != 0 || failed) return -1;
    return (int32_t)out_len;
}
