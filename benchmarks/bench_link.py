"""Linking: story similarity on SemEval-2022 Task 8, copies in ANT, throughput on 73k articles.

`python -m benchmarks link` (the whole run takes a few minutes; one core).

Sections:
1. story_similarity vs the SemEval-2022 Task 8 Arabic dev pairs (Pearson r with -Overall,
   ROC AUC for Overall <= 2), next to a character n-gram TF-IDF cosine baseline, with a 2-fold
   check of the two parameters.
2. ANT multi-source: recall of repeated URLs and exact repeated bodies; precision and recall
   of near_duplicate_of on 200 pairs labeled by reading (benchmarks/data/); a sample of pairs
   listed for reading.
3. Throughput: SaudiNewsNet + ANT multi-source + ANT JawharaFM (~73k) stored and linked from an
   empty store through `marsad.pipeline.store_article`; time inside `link_article` measured
   apart; peak RSS; MinHash speed of rensa vs datasketch.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import random
import re
import resource
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"


# -- corpus readers --------------------------------------------------------------------------


def semeval_pairs() -> list[dict]:
    with gzip.open(CORPORA / "semeval2022-ar" / "dev.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _rfc2822(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def ant_articles(files: list[Path] | None = None, limit: int | None = None) -> Iterator:
    """ANT records (multi-source by default) as Articles: url, src, title, time, text."""
    from marsad.model import Article

    files = files or sorted((CORPORA / "ant-multisource").glob("*.jsonl.gz"))
    n = 0
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                a = Article.from_text(r.get("title") or "", r.get("text") or "", published=_rfc2822(r.get("time")),
                                      url=r.get("url") or None, source=(r.get("src") or "").lower() or None)  # fmt: skip
                yield a
                n += 1
                if limit is not None and n >= limit:
                    return


def saudinewsnet_articles(limit: int | None = None) -> Iterator:
    """SaudiNewsNet records as Articles. `date_extracted` is a crawl time: it becomes first_seen
    and the article stays undated (published None), as the corpus README advises."""
    from marsad.model import Article

    n = 0
    for path in sorted((CORPORA / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for r in json.loads(z.read(name)):
                    a = Article.from_text(r.get("title") or "", r.get("content") or "", url=r.get("url") or None,
                                          source=r.get("source") or None)  # fmt: skip
                    try:
                        a.first_seen = datetime.fromisoformat(r["date_extracted"]).replace(tzinfo=None)

                        a.first_seen = a.first_seen.replace(tzinfo=UTC)
                    except (KeyError, ValueError, TypeError):
                        pass
                    yield a
                    n += 1
                    if limit is not None and n >= limit:
                        return


# -- 1. story similarity on SemEval ------------------------------------------------------------


def _pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _auc(scores: list[float], positive: list[bool]) -> float:
    pos = [s for s, p in zip(scores, positive) if p]
    neg = [s for s, p in zip(scores, positive) if not p]
    wins = sum((1.0 if a > b else 0.5 if a == b else 0.0) for a in pos for b in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else 0.0


def char_tfidf_baseline(pairs: list[dict], n_min: int = 2, n_max: int = 5) -> list[float]:
    """Cosine of character n-gram TF-IDF vectors (sublinear tf, smoothed idf fitted on the 240
    texts), the usual lexical baseline; sklearn's TfidfVectorizer(analyzer="char_wb") if present."""
    docs = [f"{p['title1']} {p['text1']}" for p in pairs] + [f"{p['title2']} {p['text2']}" for p in pairs]
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]

        m = TfidfVectorizer(analyzer="char_wb", ngram_range=(n_min, n_max), sublinear_tf=True).fit_transform(docs)
        k = len(pairs)
        return [float(m[i].multiply(m[k + i]).sum()) for i in range(k)]
    except ImportError:
        pass

    def grams(text: str) -> Counter:
        c: Counter = Counter()
        for w in re.findall(r"\w+", text.lower()):
            w = f" {w} "
            for n in range(n_min, n_max + 1):
                for i in range(len(w) - n + 1):
                    c[w[i : i + n]] += 1
        return c

    vecs = [grams(d) for d in docs]
    df: Counter = Counter()
    for v in vecs:
        df.update(v.keys())
    n_docs = len(vecs)
    weighted = []
    for v in vecs:
        w = {g: (1 + math.log(c)) * (math.log((1 + n_docs) / (1 + df[g])) + 1) for g, c in v.items()}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        weighted.append({g: x / norm for g, x in w.items()})
    k = len(pairs)
    return [sum(x * weighted[k + i].get(g, 0.0) for g, x in weighted[i].items()) for i in range(k)]


def semeval_section() -> tuple[str, dict]:
    from marsad.link import similarity
    from marsad.link.similarity import story_similarity
    from marsad.model import Article

    pairs = semeval_pairs()
    gold = [-p["scores"]["Overall"] for p in pairs]
    positive = [p["scores"]["Overall"] <= 2 for p in pairs]
    arts = [(Article.from_text(p["title1"], p["text1"]), Article.from_text(p["title2"], p["text2"])) for p in pairs]
    t = time.perf_counter()
    ours = [story_similarity(a, b) for a, b in arts]
    per_pair_ms = (time.perf_counter() - t) / len(arts) * 1000
    base = char_tfidf_baseline(pairs)
    rows = {
        "story_similarity": (_pearson(ours, gold), _auc(ours, positive)),
        "baseline: char 2-5-gram TF-IDF cosine": (_pearson(base, gold), _auc(base, positive)),
    }
    # ablations: what each design choice brings (same data, shown for honesty, not tuned on)
    saved = (similarity.PREFIX, similarity.TITLE_WEIGHT)
    grid = [(p, w) for p in (3, 4, 5, 99) for w in (1, 2, 3)]
    table: dict[tuple[int, int], list[float]] = {}
    try:
        for p, w in grid:
            similarity.PREFIX, similarity.TITLE_WEIGHT = p, w
            table[(p, w)] = [story_similarity(a, b) for a, b in arts]
    finally:
        similarity.PREFIX, similarity.TITLE_WEIGHT = saved
    rows["ablation: no prefix cut (whole stems), title x2"] = (_pearson(table[(99, 2)], gold), _auc(table[(99, 2)], positive))
    rows["ablation: prefix 4, title x1"] = (_pearson(table[(4, 1)], gold), _auc(table[(4, 1)], positive))
    # 2-fold check: pick (prefix, title weight) on one half, score the other half; 10 random splits
    held = []
    for seed in range(10):
        idx = list(range(len(pairs)))
        random.Random(seed).shuffle(idx)
        halves = (idx[: len(idx) // 2], idx[len(idx) // 2 :])
        for train, test in (halves, halves[::-1]):
            best = max(grid, key=lambda k: _pearson([table[k][i] for i in train], [gold[i] for i in train]))
            held.append(_pearson([table[best][i] for i in test], [gold[i] for i in test]))
    mean_held = sum(held) / len(held)
    sd_held = math.sqrt(sum((h - mean_held) ** 2 for h in held) / len(held))
    lines = [
        "### story_similarity on SemEval-2022 Task 8 (Arabic dev, 120 pairs)",
        "",
        "| method | Pearson r vs -Overall | ROC AUC (Overall <= 2) |",
        "|---|---|---|",
    ]
    for name, (r, a) in rows.items():
        lines.append(f"| {name} | {r:.3f} | {a:.3f} |")
    lines += [
        "",
        (f"2-fold check of the two parameters (prefix length in 3/4/5/none x title weight 1/2/3, chosen on "
         f"one half, scored on the other, 10 splits): held-out r = {mean_held:.3f} ± {sd_held:.3f}."),
        f"story_similarity costs {per_pair_ms:.2f} ms per pair (both texts analyzed).",
    ]
    return "\n".join(lines), {"r": rows["story_similarity"][0], "auc": rows["story_similarity"][1],
                              "baseline_r": rows["baseline: char 2-5-gram TF-IDF cosine"][0], "held_r": mean_held}  # fmt: skip


# -- 2 + 3. copies and throughput over a real store ----------------------------------------------


class _Timer:
    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu = 0.0
        self.calls = 0


def ingest(store, articles, timer: _Timer | None = None, seen: list | None = None) -> int:
    """Store and link articles through the pipeline, timing link_article apart. With `seen`,
    (stored id, url) of every input record is appended (a record the store already holds maps
    to the existing id)."""
    import marsad.link as link_pkg
    from marsad.pipeline import store_article

    original = link_pkg.link_article
    if timer is not None:

        def timed(store_, article_):
            t, c = time.perf_counter(), time.process_time()
            try:
                return original(store_, article_)
            finally:
                timer.seconds += time.perf_counter() - t
                timer.cpu += time.process_time() - c
                timer.calls += 1

        link_pkg.link_article = timed
    n = 0
    try:
        for a in articles:
            store_article(store, a)
            if seen is not None:
                seen.append((a.id, a.url))
            n += 1
    finally:
        link_pkg.link_article = original
    return n


def copy_recall(store, seen: list[tuple[int, str | None]]) -> dict:
    """Recall of repeated URLs and exact repeated bodies over input records.

    seen: (stored id, url) per input record. Records are grouped by URL and by body hash
    (bodies of 5+ terms); a group is found when all its stored ids lie in one copy group (a
    record stored once because the store already held it counts as found, and is counted).
    Returns name -> (groups, later copies, stored once by identity, found)."""
    from marsad.link import copy_group

    ids = sorted({i for i, _ in seen})
    info: dict[int, tuple[str | None, int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(f"SELECT a.id, a.body_hash, f.body FROM articles a JOIN articles_fts f ON f.rowid = a.id "
                             f"WHERE a.id IN ({marks})", chunk):  # fmt: skip
            info[r[0]] = (r[1], len((r[2] or "").split()))
    by_url: dict[str, list[int]] = defaultdict(list)
    by_body: dict[str, list[int]] = defaultdict(list)
    for aid, url in seen:
        if url:
            by_url[url].append(aid)
        bh, n_terms = info.get(aid, (None, 0))
        if bh and n_terms >= 5:
            by_body[bh].append(aid)
    out = {}
    for name, groups in (("url", by_url), ("body", by_body)):
        n_groups = later = same_row = found = 0
        for members in groups.values():
            if len(members) < 2:
                continue
            n_groups += 1
            later += len(members) - 1
            uniq = sorted(set(members))
            same_row += len(members) - len(uniq)
            linked = set(copy_group(store, uniq[0])[0]) if len(uniq) > 1 else set(uniq)
            found += (len(members) - len(uniq)) + sum(1 for i in uniq[1:] if i in linked)
        out[name] = (n_groups, later, same_row, found)
    return out


LABELS = REPO / "benchmarks" / "data" / "ant_near_duplicates.jsonl"


def labeled_pairs(path: Path = LABELS) -> list[dict]:
    """marsad's own reading of 200 near_duplicate_of pairs of ANT multi-source (identifiers,
    label 'same'/'different', reason; no corpus text). See docs/linking.md."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labeled_urls(pairs: list[dict] | None = None) -> set[str]:
    pairs = pairs if pairs is not None else labeled_pairs()
    return {p[k] for p in pairs for k in ("src_url", "dst_url")}


def labeled_scores(store, pairs: list[dict] | None = None) -> dict:
    """Precision and recall of near_duplicate_of on the labeled pairs, in a store holding (at
    least) their ANT articles. A pair counts as linked when a near_duplicate_of relation joins
    an article of one URL to an article of the other (either direction); `copy` also counts
    duplicate_of/contains. The sample was drawn from the links of the rule it was labeled
    under, so "precision" is the share of those pairs still linked that are 'same'."""
    pairs = pairs if pairs is not None else labeled_pairs()
    urls = sorted(labeled_urls(pairs))
    ids: dict[str, set[int]] = defaultdict(set)
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(f"SELECT id, url FROM articles WHERE url IN ({marks})", chunk):
            ids[r[1]].add(r[0])
    every = sorted({i for v in ids.values() for i in v})
    kinds: dict[frozenset, set[str]] = defaultdict(set)
    for start in range(0, len(every), 500):
        chunk = every[start : start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(f"SELECT src, dst, kind FROM relations WHERE dst IS NOT NULL AND "
                             f"(src IN ({marks}) OR dst IN ({marks}))", chunk + chunk):  # fmt: skip
            kinds[frozenset((r[0], r[1]))].add(r[2])
    out = {"pairs": len(pairs), "same": 0, "different": 0, "linked_same": 0, "linked_different": 0,
           "copy_same": 0, "copy_different": 0, "missing": 0, "false": []}  # fmt: skip
    for p in pairs:
        a, b = ids.get(p["src_url"], set()), ids.get(p["dst_url"], set())
        if not a or not b:
            out["missing"] += 1
            continue
        found = set().union(*(kinds.get(frozenset((x, y)), set()) for x in a for y in b))
        label = p["label"]
        out[label] += 1
        out[f"linked_{label}"] += "near_duplicate_of" in found
        out[f"copy_{label}"] += bool(found & {"near_duplicate_of", "duplicate_of", "contains"})
        if label == "different" and "near_duplicate_of" in found:
            out["false"].append(p)
    linked = out["linked_same"] + out["linked_different"]
    out["precision"] = out["linked_same"] / linked if linked else 1.0
    out["recall_same"] = out["linked_same"] / out["same"] if out["same"] else 1.0
    return out


def near_sample(store, k: int = 30, seed: int = 1) -> list[dict]:
    """A random sample of near_duplicate_of pairs (different body hashes), for reading."""
    rows = store.query("SELECT src, dst, score FROM relations WHERE kind = 'near_duplicate_of'")
    rng = random.Random(seed)
    picked = rng.sample(list(rows), min(k, len(rows)))
    out = []
    for r in picked:
        a, b = store.get_articles([r["src"], r["dst"]])
        out.append({"score": r["score"], "a": a, "b": b})
    return out


def minhash_speed(texts: list[list[str]]) -> dict[str, float]:
    from marsad.link import minhash

    sets = [minhash.shingles(t) for t in texts]
    out = {}
    for backend in ("rensa", "datasketch"):
        t = time.perf_counter()
        for s in sets:
            minhash.signature(s, backend=backend)
        out[backend] = (time.perf_counter() - t) / len(sets) * 1000
    return out


def run(limit: int | None = None) -> str:
    from marsad.arabic import analyze
    from marsad.store import SqliteStore

    sem_md, _ = semeval_section()
    parts = ["## Linking (`marsad.link`)", "", sem_md, ""]

    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "link.db")
        timer = _Timer()
        t0 = time.perf_counter()
        sources = [
            ("SaudiNewsNet", saudinewsnet_articles(limit)),
            ("ANT multi-source", ant_articles(limit=limit)),
            ("ANT JawharaFM", ant_articles([CORPORA / "ant-jawhara" / "jawharafm.jsonl.gz"], limit=limit)),
        ]
        counts = {}
        seen: dict[str, list] = {}
        c0 = time.process_time()
        for name, it in sources:
            seen[name] = []
            counts[name] = ingest(store, it, timer, seen[name])
        total_s = time.perf_counter() - t0
        total_cpu = time.process_time() - c0
        load = os.getloadavg()[0]
        n = sum(counts.values())
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        stats = store.stats()
        kinds = dict(store.query("SELECT kind, COUNT(*) FROM relations GROUP BY kind"))
        sizes = [r[0] for r in store.query("SELECT article_count FROM stories")]
        multi = sum(1 for s in sizes if s > 1)
        biggest = max(sizes) if sizes else 0
        in_story = store.query("SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL")[0][0]

        recall = {"ANT multi-source": copy_recall(store, seen["ANT multi-source"]),
                  "whole store": copy_recall(store, [x for v in seen.values() for x in v])}  # fmt: skip
        labeled = labeled_scores(store)
        sample = near_sample(store, 12)
        texts = [analyze(a.title + "\n" + a.text) for a in ant_articles(limit=2000)]
        mh = minhash_speed(texts)
        store.close()

    parts += [
        "### Copies: repeated URLs and exact repeated bodies",
        "",
        "| input | check | groups | later copies | of which the same record (stored once) | found | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for scope, rec in recall.items():
        for name, label in (("url", "same URL seen again"), ("body", "exact repeated body (5+ terms)")):
            g, p, same, f = rec[name]
            parts.append(f"| {scope} | {label} | {g:,} | {p:,} | {same:,} | {f:,} | {f / p if p else 1.0:.3f} |")
    parts += [
        "",
        "Relations: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())) + ".",
        "",
        "### Near-duplicate precision on 200 labeled ANT pairs (benchmarks/data/ant_near_duplicates.jsonl)",
        "",
        ("marsad's own labels: 200 near_duplicate_of pairs drawn (seed 2026) from ANT multi-source linked "
         "under the Jaccard-only rule, each read and labeled 'same' (copy, republication, light rewrite) or "
         "'different' (another event or development, a template filled twice); see docs/linking.md."),
        "",
        "| labels | same | different | linked near (same / different) | precision | recall of 'same' | 'same' in any copy relation |",
        "|---|---|---|---|---|---|---|",
        (f"| {labeled['pairs'] - labeled['missing']} found in this store | {labeled['same']} | {labeled['different']} | "
         f"{labeled['linked_same']} / {labeled['linked_different']} | **{labeled['precision']:.3f}** | "
         f"{labeled['recall_same']:.3f} | {labeled['copy_same']} |"),
        "",
        "Different pairs still linked as near copies: " + ("; ".join(p["reason"] for p in labeled["false"]) or "none") + ".",
        "",
        "A random sample of near_duplicate_of pairs in the whole store, for reading:",
        "",
        "| Jaccard | A (source: title) | B (source: title) |",
        "|---|---|---|",
    ]
    for s in sample:
        a, b = s["a"], s["b"]
        parts.append(f"| {s['score']:.2f} | {a.source}: {a.title[:60]} | {b.source}: {b.title[:60]} |")
    parts += [
        "",
        "### Throughput (one process, one core, empty store; pipeline.store_article with linking)",
        "",
        "| corpus | input records |",
        "|---|---|",
        *[f"| {k} | {v:,} |" for k, v in counts.items()],
        "",
        (f"- stored and linked {n:,} articles in {total_s:.1f} s wall, {total_cpu:.1f} s CPU: "
         f"**{n / total_s:,.0f} articles/s wall, {n / total_cpu:,.0f} articles/s CPU** end to end "
         f"(pipeline: analyze + store + index + link)"),
        (f"- inside link_article: {timer.seconds:.1f} s wall / {timer.cpu:.1f} s CPU, "
         f"{timer.seconds / max(timer.calls, 1) * 1000:.2f} ms wall / {timer.cpu / max(timer.calls, 1) * 1000:.2f} ms CPU "
         f"per article: **{timer.calls / timer.seconds if timer.seconds else 0:,.0f} articles/s wall, "
         f"{timer.calls / timer.cpu if timer.cpu else 0:,.0f} articles/s CPU** for linking alone"),
        (f"- machine load during the run: 1-minute load average {load:.1f} on {os.cpu_count()} cores "
         "(wall times include waiting for the CPU when other jobs run)"),
        f"- peak RSS of the process: **{peak_mb:,.0f} MB**",
        (f"- stories: {stats['stories']:,} ({multi:,} with 2+ articles, largest {biggest:,}); "
         f"{in_story:,} of {stats['articles']:,} stored articles in a story"),
        (f"- MinHash of one article's word 3-gram set (64 permutations, 2,000 ANT articles): "
         f"rensa {mh['rensa']:.3f} ms, datasketch {mh['datasketch']:.3f} ms "
         f"({mh['datasketch'] / mh['rensa']:.0f}x)"),
    ]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover
    import sys

    print(run(int(sys.argv[1]) if len(sys.argv) > 1 else None))
