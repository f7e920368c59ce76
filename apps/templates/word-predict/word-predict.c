/* word-predict (template): next-word prediction at the edge. GET ?q=the+united answers the three likeliest next
 * words as JSON, with scores; ?prefix=st keeps only words starting with "st" (completing a word being typed).
 * Without q it answers a demo page that suggests as you type.
 *
 * The model (model.h, made offline by train/train.py from the Brown corpus) is embedded in the module: a trigram
 * model with bigram, then unigram back-off ("stupid back-off": a lower level's frequency times MODEL_BACKOFF per
 * level). Words are looked up by binary search, contexts too; nothing is allocated per word. */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "page.h"
#include "wedge.h"
#include "wedge_util.h"

#define NONE 0xFFFF

typedef struct {
    uint16_t word;
    double score;
} guess;

typedef struct {
    guess guesses[MODEL_TOP];
    int count;
    const char *prefix;
    size_t prefix_len;
} guesses;

static const char *word_text(uint16_t id) { return model_text + model_offsets[id]; }

/* The id of the len bytes at w, or MODEL_UNKNOWN. */
static uint16_t word_id(const char *w, size_t len) {
    int lo = 0, hi = MODEL_WORDS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *m = word_text(mid);
        int c = strncmp(m, w, len);
        if (c == 0) c = m[len] ? 1 : 0; /* m is longer than w */
        if (c == 0) return (uint16_t)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return MODEL_UNKNOWN;
}

/* Adds word with score unless it is chosen already, does not fit the prefix, or the list is full. */
static void offer(guesses *g, uint16_t word, double score) {
    if (word == NONE || g->count == MODEL_TOP) return;
    for (int i = 0; i < g->count; i++)
        if (g->guesses[i].word == word) return;
    if (strncmp(word_text(word), g->prefix, g->prefix_len) != 0) return;
    g->guesses[g->count++] = (guess){word, score};
}

/* Offers a context's MODEL_TOP stored (word, score) pairs, the score scaled by weight. */
static void offer_slots(guesses *g, const uint16_t *slots, double weight) {
    for (int i = 0; i < MODEL_TOP; i++) offer(g, slots[2 * i], weight * slots[2 * i + 1] / MODEL_SCALE);
}

static const uint16_t *find_bigram(uint16_t w) {
    int lo = 0, hi = MODEL_BIGRAMS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (model_bigram_keys[mid] == w) return model_bigrams + mid * 2 * MODEL_TOP;
        if (model_bigram_keys[mid] < w) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

static const uint16_t *find_trigram(uint16_t w1, uint16_t w2) {
    uint32_t key = ((uint32_t)w1 << 16) | w2;
    int lo = 0, hi = MODEL_TRIGRAMS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (model_trigram_keys[mid] == key) return model_trigrams + mid * 2 * MODEL_TOP;
        if (model_trigram_keys[mid] < key) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

/* The same lookup as train.py's Model.merge: trigram, bigram, then every word by frequency. */
static void predict(guesses *g, uint16_t w1, uint16_t w2) {
    const uint16_t *tri = find_trigram(w1, w2), *bi = find_bigram(w2);
    if (tri) offer_slots(g, tri, 1.0);
    if (bi) offer_slots(g, bi, MODEL_BACKOFF);
    for (int i = 0; i < MODEL_WORDS && g->count < MODEL_TOP; i++)
        offer(g, model_ranked[i], MODEL_BACKOFF * MODEL_BACKOFF * model_ranked_counts[i] / MODEL_TOTAL);
}

/* Word bytes, as train.py's tokenizer: letters, digits, ' and -, and any non-ASCII byte. */
static int is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '-' || c >= 0x80;
}

static int is_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

static void lower(char *s) {
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s += 'a' - 'A';
}

typedef struct {
    uint16_t ids[2];               /* the last two words (MODEL_START before the first) */
    const char *text[2];           /* where they are in q, for the answer */
    size_t len[2];
} context;

/* Reads the last two words of q (lower-cased in place). A '.', '!' or '?' followed by a space or the end starts a
 * new sentence, as each of the corpus's lines is one. */
static context read_context(char *q) {
    context c = {{MODEL_START, MODEL_START}, {NULL, NULL}, {0, 0}};
    lower(q);
    for (char *p = q; *p;) {
        unsigned char ch = (unsigned char)*p;
        if (is_word_byte(ch)) {
            char *start = p;
            int alnum = 0;
            while (*p && is_word_byte((unsigned char)*p)) alnum |= is_alnum((unsigned char)*p++);
            if (!alnum) continue;
            c.ids[0] = c.ids[1], c.text[0] = c.text[1], c.len[0] = c.len[1];
            c.ids[1] = word_id(start, p - start), c.text[1] = start, c.len[1] = p - start;
        } else {
            p++;
            if ((ch == '.' || ch == '!' || ch == '?') && (*p == '\0' || *p == ' ' || *p == '+' || *p == '\t'
                                                           || *p == '\n' || *p == '\r'))
                c = (context){{MODEL_START, MODEL_START}, {NULL, NULL}, {0, 0}};
        }
    }
    return c;
}

static void answer_json(int status, wedge_buf *b) {
    wedge_set_status(status);
    wedge_set_header("Content-Type", "application/json");
    wedge_set_header("Cache-Control", "public, max-age=3600");
    wedge_write(b->data, b->len);
}

static void answer_error(int status, const char *message) {
    wedge_buf b = WEDGE_BUF_INIT;
    wedge_buf_append_str(&b, "{\"error\":");
    wedge_buf_json_string(&b, message, strlen(message));
    wedge_buf_append_str(&b, "}\n");
    answer_json(status, &b);
    wedge_buf_free(&b);
}

static void answer_predictions(char *q, char *prefix) {
    lower(prefix);
    for (char *p = prefix; *p; p++)
        if (!is_word_byte((unsigned char)*p)) {
            answer_error(400, "prefix must be the start of one word (letters, digits, ' or -)");
            return;
        }
    context c = read_context(q);
    guesses g = {.count = 0, .prefix = prefix, .prefix_len = strlen(prefix)};
    predict(&g, c.ids[0], c.ids[1]);
    wedge_buf b = WEDGE_BUF_INIT;
    wedge_buf_append_str(&b, "{\"context\":[");
    for (int i = 0, first = 1; i < 2; i++) {
        if (!c.text[i]) continue;
        if (!first) wedge_buf_append_str(&b, ",");
        wedge_buf_json_string(&b, c.text[i], c.len[i]);
        first = 0;
    }
    wedge_buf_append_str(&b, "],\"prefix\":");
    wedge_buf_json_string(&b, prefix, strlen(prefix));
    wedge_buf_append_str(&b, ",\"predictions\":[");
    for (int i = 0; i < g.count; i++) {
        const char *w = word_text(g.guesses[i].word);
        wedge_buf_append_str(&b, i ? ",{\"word\":" : "{\"word\":");
        wedge_buf_json_string(&b, w, strlen(w));
        wedge_buf_printf(&b, ",\"score\":%.6f}", g.guesses[i].score);
    }
    wedge_buf_append_str(&b, "]}\n");
    answer_json(200, &b);
    wedge_buf_free(&b);
}

WEDGE_HANDLER {
    char *method = wedge_request_method();
    char *query = wedge_request_query();
    if (!method || !query) {
        answer_error(500, "out of memory");
    } else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        wedge_set_header("Allow", "GET, HEAD");
        answer_error(405, "only GET and HEAD");
    } else {
        char *q = wedge_query_param(query, "q");
        char *prefix = wedge_query_param(query, "prefix");
        if (q) {
            answer_predictions(q, prefix ? prefix : (char[]){""});
        } else {
            wedge_set_status(200);
            wedge_set_header("Content-Type", "text/html; charset=utf-8");
            wedge_write(demo_page, sizeof demo_page - 1);
        }
        free(q);
        free(prefix);
    }
    free(method);
    free(query);
    return 0;
}
