/* hello: the smallest wedge http app. */
#include "wedge.h"

WEDGE_HANDLER {
    wedge_set_status(200);
    wedge_set_header("Content-Type", "text/plain; charset=utf-8");
    wedge_write_str("Hello from wedge!\n");
    return 0;
}
