/* mlp.h: image-classify's network (model.h's weights), on its own so that the compute benchmark
 * (benchmarks/src/main/guests/mlp.c) runs exactly the template's inference. Include model.h first. */
#ifndef MLP_H
#define MLP_H

#include <stdint.h>

#define SIDE 28
#define PIXELS (SIDE * SIDE)

/* The model, as train.py's infer() computes it: integer sums over raw pixels, then the per-unit float scales. */
static void classify(const unsigned char *pixels, float *scores) {
    int32_t acc[MODEL_HIDDEN] = {0};
    for (int i = 0; i < PIXELS; i++) {
        int32_t p = pixels[i];
        if (!p) continue;
        const signed char *row = MODEL_W1 + i * MODEL_HIDDEN;
        for (int j = 0; j < MODEL_HIDDEN; j++) acc[j] += p * row[j];
    }
    float hidden[MODEL_HIDDEN];
    for (int j = 0; j < MODEL_HIDDEN; j++) {
        float v = (float)acc[j] * (MODEL_S1[j] / 255.0f) + MODEL_B1[j];
        hidden[j] = v > 0 ? v : 0;
    }
    float top = -1e30f, total = 0;
    for (int k = 0; k < MODEL_CLASSES; k++) {
        float z = 0;
        for (int j = 0; j < MODEL_HIDDEN; j++) z += hidden[j] * MODEL_W2[j * MODEL_CLASSES + k];
        scores[k] = z * MODEL_S2[k] + MODEL_B2[k];
        if (scores[k] > top) top = scores[k];
    }
    for (int k = 0; k < MODEL_CLASSES; k++) total += scores[k] = __builtin_expf(scores[k] - top);
    for (int k = 0; k < MODEL_CLASSES; k++) scores[k] /= total;
}

#endif
