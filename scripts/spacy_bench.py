#!/usr/bin/env python3
"""Times one spaCy pipeline (all its components) over a JSON-lines corpus written by
`dossier bench --write-corpus`; prints one line with words/s, counting words as Dossier's
bench does (whitespace-separated), so the two numbers compare. Used by scripts/compare-spacy."""
import json
import sys
import time

import spacy


def main() -> None:
    model, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(model)
    for _ in nlp.pipe(texts[:5]):  # warm-up: lazy initialisation is not throughput
        pass
    start = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=64):
        entities += len(doc.ents)
    elapsed = time.perf_counter() - start
    print(f"spacy    {model}: {len(texts)} documents, {words} words, {entities} entities, "
          f"{elapsed:.1f} s, {words / elapsed:.0f} words/s  (pipeline {'+'.join(nlp.pipe_names)})")


if __name__ == "__main__":
    main()
