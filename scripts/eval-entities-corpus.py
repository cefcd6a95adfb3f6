#!/usr/bin/env python3
"""Score the entity recogniser on an IOB2 corpus (e.g. ../shared/corpora/*-dev.*.iob2.gz).

Each sentence's tokens are joined into a one-sentence document (see below; or
--group N sentences per document, so in-document resolution has context), sent through
`dossier extract --format jsonl -`, and PER/ORG/LOC spans are compared exactly (MISC
gold and NORP predictions are ignored). Prints P/R/F1 per type and, with --errors, the
false positives and misses. A development check, not a test: old OCR newspapers and
tweets differ from the news the recogniser is written for.

--mode rules|tagger|combined picks the recogniser's sources (DOSSIER_ENTITY_SOURCES);
--threshold sets the tagger confidence kept in combined mode (DOSSIER_TAGGER_THRESHOLD).
Several corpora may be given: they are scored together.

The corpora are pre-tokenised; by default the text is rebuilt as it is printed (an elided
"l" + "'" is "l'", "Terre - Neuve" is "Terre-Neuve", as `NERCorpus.conform` does for
training; "M ." is "M."), since news text never reads "l ' armée"; --spaced joins every token with a
space instead (the figures in docs/tagger.md before round 4).

--convention dossier measures against Dossier's span conventions where a corpus differs
by convention rather than by judgement: a person's title or honorific is not part of the
name ("M. Ernest Billiet" → "Ernest Billiet"; NewsEye includes it; the titles are the
one-word PER cues of Resources/<lang>/entity-cues.tsv), and a tweet's "@" is not part of
the handle, nor "#" of a hashtag (BTC has "@" alone as a PER before each handle, an artefact of its
conversion; it is dropped). The default, corpus, scores against the corpus as it is.

Usage: python3 scripts/eval-entities-corpus.py CORPUS.iob2.gz [...] --lang fr [--limit 500]
       [--group 10] [--errors 40] [--bin .build/debug/dossier] [--mode combined]
       [--threshold 0.5] [--convention corpus|dossier] [--spaced]
"""
import argparse, gzip, json, os, subprocess, collections

# French elided forms written "l'" (the text layer's default elisions, for rebuilding text).
ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"}


def titles(lang):
    """One-word person cues ("M.", "Mme", "président", "Mr") from the language's cue file."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "DossierExtract",
                        "Resources", lang, "entity-cues.tsv")
    out = set()
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 3 or f[1] != "PER" or f[2] != "before" or " " in f[0]:
            continue
        out.add(f[0].lower().rstrip("."))
    return out


def glue(prev, tok, nxt):
    """Is `tok` written without a space before it? Elisions and hyphens between words."""
    if prev is None:
        return False
    if tok in ("'", "’") and prev.lower() in ELISIONS and nxt is not None:
        return True
    if prev in ("'", "’"):
        return True  # only reached after a glued elision apostrophe (see caller)
    if tok == "." and 1 <= len(prev) <= 3 and prev[:1].isupper() and prev.isalpha():
        return True  # "M .", "MM .", "J ." are printed "M.", "MM.", "J."
    if tok == "-" and prev[:1].isalpha() and nxt is not None and nxt[:1].isalpha():
        return True
    return prev == "-" and tok[:1].isalpha()


def sentences(path):
    sent = []
    for line in gzip.open(path, "rt", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if sent:
                yield sent
            sent = []
            continue
        tok, tag = line.split("\t")
        sent.append((tok, tag))
    if sent:
        yield sent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--lang", required=True)
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--group", type=int, default=10)
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--bin", default=".build/debug/dossier")
    ap.add_argument("--mode", choices=("rules", "tagger", "combined"), default="combined")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--convention", choices=("corpus", "dossier"), default="corpus")
    ap.add_argument("--spaced", action="store_true")
    a = ap.parse_args()
    person_titles = titles(a.lang) if a.convention == "dossier" else set()
    docs, golds = [], []
    sents = [s for c in a.corpus for s in list(sentences(c))[: a.limit]]
    for g in range(0, len(sents), a.group):
        text, gold, pos = "", set(), 0
        for sent in sents[g:g + a.group]:
            starts, glued = [], False
            for k, (tok, _) in enumerate(sent):
                prev = sent[k - 1][0] if k else None
                nxt = sent[k + 1][0] if k + 1 < len(sent) else None
                g = not a.spaced and glue(prev, tok, nxt) and (prev not in ("'", "’") or glued)
                glued = g and tok in ("'", "’")
                if text and not g:
                    text += " "
                starts.append(len(text))
                text += tok
            cur = None
            for k, (tok, tag) in enumerate(sent + [("", "O")]):
                if cur and not tag.startswith("I-"):
                    first, end = cur[0], starts[k - 1] + len(sent[k - 1][0])
                    # Dossier's conventions: no "@" before a handle, no title before a name.
                    while first < k - 1 and (sent[first][0] in ("@", "#") or (cur[1] == "PER" and (
                            sent[first][0].lower().rstrip(".") in person_titles or
                            (sent[first][0] == "." and first > cur[0])))):
                        first += 1
                    if a.convention == "corpus":
                        first = cur[0]
                    # BTC's conversion split "@handle" into two names, "@" and "handle".
                    if not (a.convention == "dossier" and sent[first][0] in ("@", "#")):
                        gold.add((starts[first], end, cur[1]))
                    cur = None
                if tag.startswith("B-"):
                    cur = (k, tag[2:])
            text += "\n"
        docs.append(text)
        golds.append({g for g in gold if g[2] != "MISC"})
    inp = "\n".join(json.dumps({"id": str(i), "text": t, "lang": a.lang}) for i, t in enumerate(docs))
    env = dict(os.environ, DOSSIER_ENTITY_SOURCES=a.mode)
    if a.threshold is not None:
        env["DOSSIER_TAGGER_THRESHOLD"] = str(a.threshold)
    out = subprocess.run([a.bin, "extract", "--format", "jsonl", "-"], input=inp, capture_output=True,
                         text=True, check=True, env=env).stdout
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    fps, fns = [], []
    for i, line in enumerate(out.splitlines()):
        ex = json.loads(line)
        pred = {(e["start"], e["end"], e["type"]) for e in ex["entities"] if e["type"] in ("PER", "ORG", "LOC")}
        gold, text = golds[i], docs[i]
        for p in pred:
            (tp if p in gold else fp)[p[2]] += 1
            if p not in gold:
                fps.append(f"FP {p[2]} {text[p[0]:p[1]]!r} | {text[max(0, p[0]-40):p[1]+30]!r}")
        for g in gold - pred:
            fn[g[2]] += 1
            fns.append(f"FN {g[2]} {text[g[0]:g[1]]!r} | {text[max(0, g[0]-40):g[1]+30]!r}")
    for t in ("PER", "ORG", "LOC", "ALL"):
        T = sum(tp.values()) if t == "ALL" else tp[t]
        P = sum(fp.values()) if t == "ALL" else fp[t]
        N = sum(fn.values()) if t == "ALL" else fn[t]
        p = T / (T + P) if T + P else 0
        r = T / (T + N) if T + N else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"{t:4} P={p:.2f} R={r:.2f} F1={f:.2f}  (tp={T} fp={P} fn={N})")
    for e in (fps[: a.errors] + fns[: a.errors]):
        print(e)


if __name__ == "__main__":
    main()
