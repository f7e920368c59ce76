/* The image-classify template's network (its model.h weights and mlp.h inference) on a 28x28 grey picture, for
 * ComputeBenchmark: run(784) answers the ten class scores as little-endian floats (softmax). */
#include "compute.h"

#include "../../../../apps/templates/image-classify/model.h"
#include "../../../../apps/templates/image-classify/mlp.h"

EXPORT("run") int32_t run(uint32_t len) {
    if (len != PIXELS) return -1;
    float scores[MODEL_CLASSES];
    classify(in_buf, scores);
    out_len = 0;
    return out_append(scores, sizeof scores) ? (int32_t)out_len : -1;
}
