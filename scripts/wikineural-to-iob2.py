#!/usr/bin/env python3
"""Converts a WikiNEuRal CoNLL-U-like file (index<TAB>token<TAB>IOB2 tag) to the
token<TAB>tag IOB2 format of ../shared/corpora, gzipped, for evaluation with
scripts/eval-entities-corpus.py or `dossier train-ner --extra`/held-out scoring.

Why: WikiNEuRal (Tedeschi et al., Findings of EMNLP 2021; github.com/Babelscape/wikineural,
data/wikineural/fr/{val,test}.conllu) is the only modern French NER data found reachable
here. Its licence is CC BY-NC-SA 4.0 (non-commercial): it is used for measuring only,
never committed and never in a shipped model (docs/tagger.md, "Round 5").

Elided words are written "l'", "jusqu'" as one token there; they are split into "l" + "'"
(tag O) so that the evaluation script rebuilds "l'armée" as printed text.

Usage: scripts/wikineural-to-iob2.py IN.conllu OUT.iob2.gz
"""
import gzip, sys


def main(src, dst):
    with open(src, encoding="utf-8") as f, gzip.open(dst, "wt", encoding="utf-8") as out:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                out.write("\n")
                continue
            tok, tag = fields[1], fields[2]
            if len(tok) > 1 and tok.endswith("'") and tag == "O":
                out.write(f"{tok[:-1]}\tO\n'\tO\n")
            else:
                out.write(f"{tok}\t{tag}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
