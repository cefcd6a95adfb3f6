#!/usr/bin/env python3
"""Builds the hand-written extractions of the conflict corpus.

The corpus is about an INVENTED conflict (Kestrania, Valdoria, Norvakia, Aldmark; the
Tarsk region, the city of Brévane). Each article below lists, by their surface text, the
entities, figures, dates, attributions and claims a good extractor should find; this
script computes the offsets (code points, end exclusive) and writes

  articles/<id>.txt           the article text
  extractions/<id>.json       its extraction in the dossier.extraction/1 schema
  corpus.json                 metadata: id, outlet, url, published, language, near_duplicate_of

The extractions assume a knowledge base that knows the invented countries, nationalities
and institutions (canonical names), but NOT the people and small places: those are left
unresolved on purpose, so that cross-article resolution has to merge them by name rules.

Run: python3 build_extractions.py   (stdlib only; rerun after editing an article)
"""
import json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))

# Shorthands for knowledge-base entities.
def norvakian(text): return (text, "NORP", "Norvakian", {"country": "Norvakia"})
def kestranian(text): return (text, "NORP", "Kestranian", {"country": "Kestrania"})
def valdorian(text): return (text, "NORP", "Valdorian", {"country": "Valdoria"})
def place(text, canonical=None): return (text, "LOC", canonical, {})
def person(text): return (text, "PER", None, {})
def org(text, canonical=None, media=False):
    return (text, "ORG", canonical, {"is_media": True} if media else {})
VMOD = "Valdorian Ministry of Defence"
ANIS = "Aldmark National Intelligence Service"
KMFA = "Kestranian Ministry of Foreign Affairs"

def soldiers(text, value, approximate=None, bound=None, qualifier=None, category="person", lemma="soldier"):
    q = {"text": text, "kind": "count", "value": value, "unit": "person", "lemma": lemma, "category": category}
    if approximate: q["approximate"] = approximate
    if bound: q["bound"] = bound
    if qualifier: q["qualifier"] = qualifier
    return q

ARTICLES = [
 dict(id="a01", outlet="Agence Méridien", lang="fr", published="2025-02-03",
  text="Selon le Service national de renseignement d'Aldmark, 1 500 soldats norvakiens ont été déployés dans la région de Tarsk. "
       "Le dirigeant norvakien Han Sol-mi n'a fait aucun commentaire.",
  entities=[org("Service national de renseignement d'Aldmark", ANIS), norvakian("norvakiens"), place("Tarsk"),
            norvakian("norvakien"), person("Han Sol-mi")],
  quantities=[soldiers("1 500 soldats", 1500)],
  attributions=[dict(source="le Service national de renseignement d'Aldmark", cue="Selon",
                     content="1 500 soldats norvakiens ont été déployés dans la région de Tarsk",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0), dict(sentence="Le dirigeant norvakien Han Sol-mi n'a fait aucun commentaire.")]),
 dict(id="a02", outlet="Le Courrier du Soir", lang="fr", published="2025-02-03", dup="a01",
  text="Selon le Service national de renseignement d'Aldmark, 1 500 soldats norvakiens ont été déployés dans la région de Tarsk. "
       "Le dirigeant norvakien Han Sol-mi n'a fait aucun commentaire. (avec Agence Méridien)",
  entities=[org("Service national de renseignement d'Aldmark", ANIS), norvakian("norvakiens"), place("Tarsk"),
            norvakian("norvakien"), person("Han Sol-mi"), org("Agence Méridien", None, True)],
  quantities=[soldiers("1 500 soldats", 1500)],
  attributions=[dict(source="le Service national de renseignement d'Aldmark", cue="Selon",
                     content="1 500 soldats norvakiens ont été déployés dans la région de Tarsk",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0), dict(sentence="Le dirigeant norvakien Han Sol-mi n'a fait aucun commentaire.")]),
 dict(id="a03", outlet="Transworld News", lang="en", published="2025-02-04",
  text="About 1,500 Norvakian soldiers have been deployed to the Tarsk region, Aldmark's National Intelligence Service said on Monday. "
       "Norvakian leader Han Sol Mi has not commented.",
  entities=[norvakian("Norvakian"), place("Tarsk"), org("Aldmark's National Intelligence Service", ANIS),
            norvakian("Norvakian", ), person("Han Sol Mi")],
  quantities=[soldiers("About 1,500 Norvakian soldiers", 1500, approximate="about", qualifier="About")],
  times=[("on Monday", "date", "2025-02-03")],
  attributions=[dict(source="Aldmark's National Intelligence Service", cue="said",
                     content="About 1,500 Norvakian soldiers have been deployed to the Tarsk region",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0), dict(sentence="Norvakian leader Han Sol Mi has not commented.")]),
 dict(id="a04", outlet="The Harbour Times", lang="en", published="2025-02-20",
  text="Aldmark's National Intelligence Service said on Thursday that 3,000 Norvakian troops were now in the Tarsk region, "
       "twice its earlier estimate.",
  entities=[org("Aldmark's National Intelligence Service", ANIS), norvakian("Norvakian"), place("Tarsk")],
  quantities=[soldiers("3,000 Norvakian troops", 3000, lemma="troop")],
  times=[("on Thursday", "date", "2025-02-20")],
  attributions=[dict(source="Aldmark's National Intelligence Service", cue="said",
                     content="3,000 Norvakian troops were now in the Tarsk region, twice its earlier estimate",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a05", outlet="La Tribune de Lisle", lang="fr", published="2025-03-10",
  text="Le ministère valdorien de la Défense a affirmé lundi que 10 000 soldats norvakiens se trouvaient dans la région de Tarsk. "
       "« C'est une escalade majeure », a déclaré la ministre Irena Dovrak.",
  entities=[org("ministère valdorien de la Défense", VMOD), norvakian("norvakiens"), place("Tarsk"), person("Irena Dovrak")],
  quantities=[soldiers("10 000 soldats", 10000)],
  times=[("lundi", "date", "2025-03-10")],
  attributions=[dict(source="Le ministère valdorien de la Défense", cue="a affirmé",
                     content="10 000 soldats norvakiens se trouvaient dans la région de Tarsk",
                     canonical=VMOD, kind_src="organisation", kind="indirect"),
                dict(source="la ministre Irena Dovrak", cue="a déclaré", content="C'est une escalade majeure",
                     canonical="Irena Dovrak", kind_src="person", kind="direct")],
  claims=[dict(attr=0), dict(attr=1, direct=True)]),
 dict(id="a06", outlet="Transworld News", lang="en", published="2025-03-10",
  text="Valdoria's Defence Ministry said on Monday that 10,000 Norvakian soldiers were in the Tarsk region. "
       "Valdorian Defence Minister Irena Dovrak called the deployment a major escalation of the war with Kestrania.",
  entities=[org("Valdoria's Defence Ministry", VMOD), norvakian("Norvakian"), place("Tarsk"), valdorian("Valdorian"),
            person("Irena Dovrak"), place("Kestrania", "Kestrania")],
  quantities=[soldiers("10,000 Norvakian soldiers", 10000)],
  times=[("on Monday", "date", "2025-03-10")],
  attributions=[dict(source="Valdoria's Defence Ministry", cue="said",
                     content="10,000 Norvakian soldiers were in the Tarsk region",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0), dict(sentence="Valdorian Defence Minister Irena Dovrak called the deployment a major escalation of the war with Kestrania.")]),
 dict(id="a07", outlet="The Daily Beacon", lang="en", published="2025-03-11", dup="a06",
  text="Valdoria's Defence Ministry said on Monday that 10,000 Norvakian soldiers were in the Tarsk region. "
       "Valdorian Defence Minister Irena Dovrak called the deployment a major escalation of the war with Kestrania. (Transworld News)",
  entities=[org("Valdoria's Defence Ministry", VMOD), norvakian("Norvakian"), place("Tarsk"), valdorian("Valdorian"),
            person("Irena Dovrak"),
            place("Kestrania", "Kestrania"), org("Transworld News", None, True)],
  quantities=[soldiers("10,000 Norvakian soldiers", 10000)],
  times=[("on Monday", "date", "2025-03-10")],
  attributions=[dict(source="Valdoria's Defence Ministry", cue="said",
                     content="10,000 Norvakian soldiers were in the Tarsk region",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0), dict(sentence="Valdorian Defence Minister Irena Dovrak called the deployment a major escalation of the war with Kestrania.")]),
 dict(id="a08", outlet="Ouest Matin", lang="fr", published="2025-03-11",
  text="Quelque 10 000 soldats norvakiens seraient présents dans la région de Tarsk, selon l'agence Transworld News.",
  entities=[norvakian("norvakiens"), place("Tarsk"), org("Transworld News", None, True)],
  quantities=[soldiers("Quelque 10 000 soldats", 10000, approximate="about", qualifier="Quelque")],
  attributions=[dict(source="l'agence Transworld News", cue="selon",
                     content="Quelque 10 000 soldats norvakiens seraient présents dans la région de Tarsk",
                     canonical="Transworld News", kind_src="outlet", kind="indirect")],
  claims=[dict(attr=0, certainty="reported_conditional")]),
 dict(id="a09", outlet="Capital Herald", lang="en", published="2025-03-12",
  text="At least 10,000 Norvakian soldiers are now in Tarsk Oblast, said Pavel Ostrin, an analyst at the Conflict Watch Institute. "
       "Ostrin expects more to arrive before the spring.",
  entities=[norvakian("Norvakian"), place("Tarsk Oblast"), person("Pavel Ostrin"), org("Conflict Watch Institute"),
            person("Ostrin")],
  quantities=[soldiers("At least 10,000 Norvakian soldiers", 10000, bound="lower", qualifier="At least")],
  attributions=[dict(source="Pavel Ostrin, an analyst at the Conflict Watch Institute", cue="said",
                     content="At least 10,000 Norvakian soldiers are now in Tarsk Oblast",
                     canonical="Pavel Ostrin", kind_src="person", kind="indirect"),
                dict(source="Ostrin", cue="expects", content="more to arrive before the spring",
                     canonical="Pavel Ostrin", kind_src="person", kind="indirect")],
  claims=[dict(attr=0), dict(attr=1)]),
 dict(id="a10", outlet="Le Journal du Centre", lang="fr", published="2025-03-20",
  text="La Norvaquie et la Kestranie ont signé un traité de défense mutuelle en 2024, a rappelé Han Sol-mi.",
  entities=[place("Norvaquie", "Norvakia"), place("Kestranie", "Kestrania"), person("Han Sol-mi")],
  times=[("en 2024", "date", "2024")],
  attributions=[dict(source="Han Sol-mi", cue="a rappelé",
                     content="La Norvaquie et la Kestranie ont signé un traité de défense mutuelle en 2024",
                     canonical="Han Sol-mi", kind_src="person", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a11", outlet="The Harbour Times", lang="en", published="2025-03-21",
  text="Norvakia and Kestrania signed a mutual defence treaty in 2024, Han Sol Mi said in a speech.",
  entities=[place("Norvakia", "Norvakia"), place("Kestrania", "Kestrania"), person("Han Sol Mi")],
  times=[("in 2024", "date", "2024")],
  attributions=[dict(source="Han Sol Mi", cue="said",
                     content="Norvakia and Kestrania signed a mutual defence treaty in 2024",
                     canonical="Han Sol Mi", kind_src="person", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a12", outlet="The Harbour Times", lang="en", published="2025-04-02",
  text="Valdoria's Defence Ministry now puts the number of Norvakian soldiers in the Tarsk region at 12,000, up from 10,000 in March.",
  entities=[org("Valdoria's Defence Ministry", VMOD), norvakian("Norvakian"), place("Tarsk")],
  quantities=[soldiers("12,000", 12000, lemma=None)],
  times=[("in March", "date", "2025-03")],
  attributions=[dict(source="Valdoria's Defence Ministry", cue="now puts",
                     content="the number of Norvakian soldiers in the Tarsk region at 12,000",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a13", outlet="Agence Méridien", lang="fr", published="2025-04-02",
  text="Le ministère valdorien de la Défense estime désormais à 12 000 le nombre de soldats norvakiens dans la région de Tarsk.",
  entities=[org("ministère valdorien de la Défense", VMOD), norvakian("norvakiens"), place("Tarsk")],
  quantities=[soldiers("12 000", 12000, lemma=None)],
  attributions=[dict(source="Le ministère valdorien de la Défense", cue="estime",
                     content="à 12 000 le nombre de soldats norvakiens dans la région de Tarsk",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a14", outlet="Radio Lisle", lang="fr", published="2025-04-02", dup="a13",
  text="Le ministère valdorien de la Défense estime désormais à 12 000 le nombre de soldats norvakiens dans la région de Tarsk, selon Agence Méridien.",
  entities=[org("ministère valdorien de la Défense", VMOD), norvakian("norvakiens"), place("Tarsk"), org("Agence Méridien", None, True)],
  quantities=[soldiers("12 000", 12000, lemma=None)],
  attributions=[dict(source="Le ministère valdorien de la Défense", cue="estime",
                     content="à 12 000 le nombre de soldats norvakiens dans la région de Tarsk",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a15", outlet="Le Courrier du Soir", lang="fr", published="2025-04-05",
  text="Le renseignement d'Aldmark évalue pour sa part à environ 8 000 le nombre de soldats norvakiens présents dans la région de Tarsk.",
  entities=[org("renseignement d'Aldmark", ANIS), norvakian("norvakiens"), place("Tarsk")],
  quantities=[soldiers("environ 8 000", 8000, approximate="about", qualifier="environ", lemma=None)],
  attributions=[dict(source="Le renseignement d'Aldmark", cue="évalue",
                     content="à environ 8 000 le nombre de soldats norvakiens présents dans la région de Tarsk",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a16", outlet="Transworld News", lang="en", published="2025-04-06",
  text="The Kestranian Foreign Ministry denied on Sunday that 12,000 Norvakian soldiers were in the Tarsk region, calling the figure propaganda.",
  entities=[org("Kestranian Foreign Ministry", KMFA), norvakian("Norvakian"), place("Tarsk")],
  quantities=[soldiers("12,000 Norvakian soldiers", 12000)],
  times=[("on Sunday", "date", "2025-04-06")],
  hedges=[("denied", "denial")],
  attributions=[dict(source="The Kestranian Foreign Ministry", cue="denied",
                     content="12,000 Norvakian soldiers were in the Tarsk region",
                     canonical=KMFA, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0, certainty="denied", hedges=[0])]),
 dict(id="a17", outlet="La Tribune de Lisle", lang="fr", published="2025-04-10",
  text="Au moins 300 soldats norvakiens ont été tués dans la région de Tarsk, a annoncé le ministère valdorien de la Défense.",
  entities=[norvakian("norvakiens"), place("Tarsk"), org("ministère valdorien de la Défense", VMOD)],
  quantities=[soldiers("Au moins 300 soldats", 300, bound="lower", qualifier="Au moins", category="person")],
  attributions=[dict(source="le ministère valdorien de la Défense", cue="a annoncé",
                     content="Au moins 300 soldats norvakiens ont été tués dans la région de Tarsk",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a18", outlet="Capital Herald", lang="en", published="2025-04-11",
  text="At least 300 Norvakian soldiers have been killed in the Tarsk region, Valdoria's Defence Ministry said.",
  entities=[norvakian("Norvakian"), place("Tarsk"), org("Valdoria's Defence Ministry", VMOD)],
  quantities=[soldiers("At least 300 Norvakian soldiers", 300, bound="lower", qualifier="At least", category="person")],
  attributions=[dict(source="Valdoria's Defence Ministry", cue="said",
                     content="At least 300 Norvakian soldiers have been killed in the Tarsk region",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a19", outlet="Ouest Matin", lang="fr", published="2025-04-15",
  text="Le ministère valdorien de la Défense a indiqué que 2 000 soldats norvakiens avaient été transférés vers la ville de Brévane, dans le sud de la Valdorie.",
  entities=[org("ministère valdorien de la Défense", VMOD), norvakian("norvakiens"), place("Brévane"),
            place("Valdorie", "Valdoria")],
  quantities=[soldiers("2 000 soldats", 2000)],
  attributions=[dict(source="Le ministère valdorien de la Défense", cue="a indiqué",
                     content="2 000 soldats norvakiens avaient été transférés vers la ville de Brévane, dans le sud de la Valdorie",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a20", outlet="The Daily Beacon", lang="en", published="2025-04-16",
  text="Some 2,000 Norvakian soldiers have moved to Brevane, Valdoria's Defence Ministry said.",
  entities=[norvakian("Norvakian"), place("Brevane"), org("Valdoria's Defence Ministry", VMOD)],
  quantities=[soldiers("Some 2,000 Norvakian soldiers", 2000, approximate="about", qualifier="Some")],
  attributions=[dict(source="Valdoria's Defence Ministry", cue="said",
                     content="Some 2,000 Norvakian soldiers have moved to Brevane",
                     canonical=VMOD, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a21", outlet="Capital Herald", lang="en", published="2025-04-16",
  text="More than 11,000 Norvakian soldiers remain in the Tarsk region, according to Pavel Ostrin of the Conflict Watch Institute.",
  entities=[norvakian("Norvakian"), place("Tarsk"), person("Pavel Ostrin"), org("Conflict Watch Institute")],
  quantities=[soldiers("More than 11,000 Norvakian soldiers", 11000, bound="lower", qualifier="More than")],
  attributions=[dict(source="Pavel Ostrin of the Conflict Watch Institute", cue="according to",
                     content="More than 11,000 Norvakian soldiers remain in the Tarsk region",
                     canonical="Pavel Ostrin", kind_src="person", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a22", outlet="Le Journal du Centre", lang="fr", published="2025-04-20",
  text="En février, environ 1 500 soldats norvakiens se trouvaient dans la région de Tarsk, selon le renseignement d'Aldmark.",
  entities=[norvakian("norvakiens"), place("Tarsk"), org("renseignement d'Aldmark", ANIS)],
  quantities=[soldiers("environ 1 500 soldats", 1500, approximate="about", qualifier="environ")],
  times=[("En février", "date", "2025-02")],
  attributions=[dict(source="le renseignement d'Aldmark", cue="selon",
                     content="En février, environ 1 500 soldats norvakiens se trouvaient dans la région de Tarsk",
                     canonical=ANIS, kind_src="organisation", kind="indirect")],
  claims=[dict(attr=0)]),
 dict(id="a23", outlet="The Daily Beacon", lang="en", published="2025-04-18",
  text="Some 40,000 Kestranian soldiers have been sent to the Tarsk region to hold the front, the Daily Beacon has learned.",
  entities=[kestranian("Kestranian"), place("Tarsk"), org("Daily Beacon", "The Daily Beacon", True)],
  quantities=[soldiers("Some 40,000 Kestranian soldiers", 40000, approximate="about", qualifier="Some")],
  claims=[dict(sentence="Some 40,000 Kestranian soldiers have been sent to the Tarsk region to hold the front, the Daily Beacon has learned.", certainty="asserted")]),
]


def find(text, surface, after=0):
    """First whole-word occurrence at or after `after` ("norvakien" is not in "norvakiens")."""
    for m in re.finditer(re.escape(surface), text[after:]):
        i = after + m.start()
        j = i + len(surface)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return i
    raise SystemExit(f"not found: {surface!r} in {text!r}")


def cp(text, i):
    """Offsets in code points: Python str indices already are."""
    return i


def sentences(text):
    spans, start = [], 0
    for m in re.finditer(r"[.!?](?=\s|$)", text):
        end = m.end()
        spans.append({"start": start, "end": end})
        start = end
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        spans.append({"start": start, "end": len(text)})
    return spans


def build(a):
    text = a["text"]
    ents, cursor = [], {}
    for surface, typ, canonical, extra in a.get("entities", []):
        i = find(text, surface, cursor.get(surface, 0))
        cursor[surface] = i + len(surface)
        e = {"start": i, "end": i + len(surface), "text": surface, "type": typ}
        if canonical: e["canonical"] = canonical
        e.update(extra)
        ents.append(e)
    quants = []
    for q in a.get("quantities", []):
        i = find(text, q["text"])
        item = {"start": i, "end": i + len(q["text"])}
        item.update({k: v for k, v in q.items() if v is not None})
        if a["lang"] == "fr" and item.get("lemma") == "soldier":
            item["lemma"] = "soldat"
        quants.append(item)
    times = []
    for surface, kind, value in a.get("times", []):
        i = find(text, surface)
        times.append({"start": i, "end": i + len(surface), "text": surface, "kind": kind, "value": value})
    hedges = []
    for surface, kind in a.get("hedges", []):
        i = find(text, surface)
        hedges.append({"start": i, "end": i + len(surface), "text": surface, "kind": kind})
    attrs = []
    for t in a.get("attributions", []):
        def ex(s):
            i = find(text, s)
            return {"start": i, "end": i + len(s), "text": s}
        attrs.append({"source": ex(t["source"]), "cue": ex(t["cue"]), "content": ex(t["content"]),
                      "source_canonical": t["canonical"], "source_kind": t["kind_src"], "kind": t["kind"]})
    claims = []
    for c in a.get("claims", []):
        if "attr" in c:
            span = attrs[c["attr"]]["content"]
            start, end, ctext = span["start"], span["end"], span["text"]
            attribution, certainty = c["attr"], c.get("certainty", "attributed")
        else:
            start = find(text, c["sentence"]); end = start + len(c["sentence"]); ctext = c["sentence"]
            attribution, certainty = None, c.get("certainty", "asserted")
        inside = lambda xs: [k for k, x in enumerate(xs) if start <= x["start"] and x["end"] <= end]
        claim = {"start": start, "end": end, "text": ctext, "certainty": certainty, "direct": c.get("direct", False),
                 "hedges": c.get("hedges", []), "entities": inside(ents), "quantities": inside(quants),
                 "times": inside(times)}
        if attribution is not None: claim["attribution"] = attribution
        claims.append(claim)
    return {"schema": "dossier.extraction/1", "id": a["id"], "language": a["lang"], "published": a["published"],
            "truncated": False, "length": len(text), "sentences": sentences(text), "entities": ents,
            "quantities": quants, "times": times, "attributions": attrs, "hedges": hedges, "claims": claims,
            "warnings": []}


def main():
    os.makedirs(os.path.join(HERE, "articles"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "extractions"), exist_ok=True)
    manifest = []
    for a in ARTICLES:
        with open(os.path.join(HERE, "articles", a["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(a["text"])
        with open(os.path.join(HERE, "extractions", a["id"] + ".json"), "w", encoding="utf-8") as f:
            json.dump(build(a), f, ensure_ascii=False, indent=1)
            f.write("\n")
        m = {"id": a["id"], "outlet": a["outlet"], "language": a["lang"], "published": a["published"],
             "url": "https://example.org/" + a["id"]}
        if a.get("dup"): m["near_duplicate_of"] = a["dup"]
        manifest.append(m)
    with open(os.path.join(HERE, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
