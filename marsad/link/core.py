"""Linking one stored article: copies (exact, near, contained), agency credits, its story.

`link_article` runs right after the article is inserted (marsad.pipeline.store_article). It
reads the article's analyzed terms back from the search index instead of analyzing again,
asks the store for copy candidates with a handful of indexed queries (same body hash or URL,
shared LSH bands, shared paragraph prints), verifies the few candidates exactly, finds its
story through the in-memory index of active stories (stories.py), and writes everything it
found in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import Any

from marsad.link import minhash, stories
from marsad.link.agencies import agency_sources, credited_agencies
from marsad.link.similarity import vector
from marsad.model import Article, Relation
from marsad.store.rows import parse_iso

COPY_KINDS = ("duplicate_of", "near_duplicate_of", "contains")

# Thresholds (see docs/linking.md).
MIN_EXACT_TERMS = 5  # a body hash of fewer terms ("تابعونا", empty) links nothing
MIN_NEAR_TERMS = 20  # shorter texts are matched exactly only
NEAR = 0.5  # word-3-gram Jaccard for near_duplicate_of
LEAD_TERMS = 30  # the lead: an article's first distinct body terms (the first sentence or two)
LEAD_SHARED = 0.6  # ... of which this share (distinct terms) must occur in the other text
SPELLING = 0.7  # character similarity at which two terms are spellings of one name (ترامب/ترمب)
CONTAIN = 0.7  # share of the smaller text found inside the larger one for contains
MIN_CONTAIN_TERMS = 30  # the contained text must say something
PARA_MIN_WORDS = 8  # paragraphs shorter than this get no fingerprint
COMMON_PRINT = 30  # a paragraph held by more articles is boilerplate/stock text
FULL_CONTAIN = 0.95  # ... or for a near copy, the whole smaller text
MAX_CANDIDATES = 40
MAX_NEAR_EDGES = 5  # near copies linked per article (the best ones)

MIN_STORY_TERMS = 15  # distinct body terms an article needs to found or join a story by topic


@dataclass
class LinkResult:
    """What linking one article found."""

    article_id: int | None
    relations: list[Relation] = field(default_factory=list)
    story_id: int | None = None
    new_story: bool = False
    original_id: int | None = None  # the first publisher of its copy group (None: it is the first)
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Doc:
    """An article as linking sees it."""

    id: int
    title: str
    body: list[str]
    title_terms: list[str]
    body_terms: list[str]
    when: datetime | None
    undated: bool
    source: str | None
    story_id: int | None
    body_hash: str | None
    urls: list[str]

    _shingles: set[str] | None = None
    _paras: dict[str, int] | None = None

    @property
    def shingles(self) -> set[str]:
        if self._shingles is None:
            self._shingles = minhash.shingles(self.body_terms)
        return self._shingles

    @property
    def paras(self) -> dict[str, int]:
        if self._paras is None:
            self._paras = paragraph_prints(self.body)
        return self._paras


def paragraph_prints(paragraphs: list[str]) -> dict[str, int]:
    """Fingerprint -> word count of each paragraph of PARA_MIN_WORDS+ words.

    Paragraphs are compared as written (whitespace collapsed): a republished paragraph is a
    copy-paste, and this runs on every stored article, so it skips normalization; copies
    with re-spelled words are the near-duplicate check's job.
    """
    out: dict[str, int] = {}
    for p in paragraphs:
        words = p.split()
        if len(words) >= PARA_MIN_WORDS:
            key = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()
            out[key] = out.get(key, 0) + len(words)
    return out


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _doc_from_row(row: dict[str, Any]) -> _Doc:
    published = parse_iso(row.get("published_utc"))
    first_seen = parse_iso(row.get("first_seen"))
    if row.get("title_terms") is None:
        from marsad.arabic import analyze

        title_terms, body_terms = analyze(row["title"] or ""), analyze("\n".join(row["body"]))
    else:
        title_terms, body_terms = row["title_terms"].split(), row["body_terms"].split()
    return _Doc(
        id=row["id"], title=row["title"] or "", body=row["body"], title_terms=title_terms,
        body_terms=body_terms, when=_aware(published or first_seen), undated=published is None,
        source=row.get("source"), story_id=row.get("story_id"), body_hash=row.get("body_hash"),
        urls=[u for u in (row.get("url"), row.get("canonical_url")) if u],
    )  # fmt: skip


def _order_key(d: _Doc) -> tuple[datetime, int]:
    return (d.when or datetime.max.replace(tzinfo=UTC), d.id)


def _lead(terms: list[str]) -> set[str]:
    """The first LEAD_TERMS distinct terms (an abstract repeating the first sentence, as ANT's
    records have, then does not shrink the lead)."""
    lead: set[str] = set()
    for t in terms:
        if len(lead) >= LEAD_TERMS:
            break
        lead.add(t)
    return lead


def lead_shared(a_terms: list[str], b_terms: list[str]) -> float:
    """How much of each text's lead the other one says: the smaller, over the two texts, of the
    share of its first LEAD_TERMS distinct body terms that occur anywhere in the other text.

    A copy or rewrite of a report keeps its lead facts (who, what, where, numbers) even when
    reworded, so its lead terms are found in the other text. A follow-up that puts a new
    development on top of reused background, or a template filled for someone else, has a lead
    whose terms the other text lacks, however much background the two share.
    """
    out = 1.0
    for x, y in ((a_terms, b_terms), (b_terms, a_terms)):
        lead = _lead(x)
        if lead:
            other = set(y)
            out = min(out, sum(1 for t in lead if t in other) / len(lead))
    return out


def _own_subject(title: list[str], body: list[str], other_title: list[str], other_body: list[str]) -> set[str]:
    """Headline terms that are in the article's own lead but nowhere in the other article."""
    other, lead = set(other_title) | set(other_body), _lead(body)
    return {t for t in title if t not in other and t in lead}


def headline_swap(a_title: list[str], a_body: list[str], b_title: list[str], b_body: list[str]) -> tuple[set[str], set[str]]:
    """The subjects two texts swap, if they are one template filled twice.

    Each headline names, and its lead repeats, terms the other article never mentions (a
    country, a person, an occasion: "تهنئ رئيس فرنسا" / "تهنئ رئيس الأرجنتين"). Terms with a
    similar spelling on the other side (ترامب/ترمب, بوتن/بوتين, العبدالعالي/العبد العالي) are
    not a swap. Both sets non-empty means a swap; copies of one report name the same subject,
    however the headline is rewritten.
    """
    ta = _own_subject(a_title, a_body, b_title, b_body)
    tb = _own_subject(b_title, b_body, a_title, a_body)

    def spelled(x: str, ys: set[str]) -> bool:  # a variant spelling, or one word written as two
        return any(x in y or y in x or SequenceMatcher(None, x, y).ratio() >= SPELLING for y in ys)

    return {x for x in ta if not spelled(x, tb)}, {y for y in tb if not spelled(y, ta)}


def _gap_seconds(a: _Doc, b: _Doc) -> float | None:
    if a.when is None or b.when is None:
        return None
    return abs((a.when - b.when).total_seconds())


# -- copies ------------------------------------------------------------------------------------


def _compare(new: _Doc, other: _Doc, exact_reason: str | None, shared_prints: list[str]) -> list[Relation]:
    """The copy relation between two articles, if any (direction: copy -> earlier original)."""
    later, earlier = (new, other) if _order_key(other) <= _order_key(new) else (other, new)
    undated = new.undated or other.undated
    evidence: dict[str, Any] = {"gap_s": _gap_seconds(new, other)}
    if undated:
        evidence["undated"] = True
    sa, sb = new.shingles, other.shingles
    inter = len(sa & sb) if sa and sb else 0
    jaccard = inter / len(sa | sb) if inter else 0.0
    evidence["jaccard"] = round(jaccard, 4)
    if exact_reason == "body_hash":
        evidence["same_body"] = True
        return [Relation(later.id, "duplicate_of", earlier.id, score=1.0, evidence=evidence)]
    out: list[Relation] = []
    if exact_reason == "url":
        evidence["same_url"] = True
        out.append(Relation(later.id, "duplicate_of", earlier.id, score=round(jaccard, 4), evidence=dict(evidence)))
    elif (
        jaccard >= NEAR
        and len(new.body_terms) >= MIN_NEAR_TERMS
        and len(other.body_terms) >= MIN_NEAR_TERMS
        and _lead_ok(new, other, evidence)
    ):
        out.append(Relation(later.id, "near_duplicate_of", earlier.id, score=round(jaccard, 4), evidence=dict(evidence)))
    # containment: the smaller text (by terms) found inside the larger one
    big, small = (new, other) if len(new.body_terms) >= len(other.body_terms) else (other, new)
    if len(small.body_terms) < MIN_CONTAIN_TERMS or len(big.shingles) - inter < 0.05 * len(big.shingles):
        return out  # too short to matter, or the larger text adds (almost) nothing
    shingle_cover = inter / len(small.shingles) if small.shingles else 0.0
    para_cover = 0.0
    if shared_prints:
        total = sum(small.paras.values())
        shared = sum(small.paras.get(p, 0) for p in shared_prints)
        para_cover = shared / total if total else 0.0
    cover = max(shingle_cover, para_cover)
    # a near copy "contains" the other only when it carries all of it plus 10% more (an
    # aggregator's disclaimer), not when a few words were edited
    if out and (cover < FULL_CONTAIN or len(big.body_terms) < 1.1 * len(small.body_terms)):
        return out
    if cover >= CONTAIN:
        evidence.update(shared=round(cover, 4), shared_paragraphs=len(shared_prints))
        out.append(Relation(big.id, "contains", small.id, score=round(cover, 4), evidence=evidence))
    return out


def _lead_ok(new: _Doc, other: _Doc, evidence: dict[str, Any]) -> bool:
    """near_duplicate_of also needs the leads shared (lead_shared) and no swapped headline
    subject (headline_swap); the evidence records both."""
    share = lead_shared(new.body_terms, other.body_terms)
    evidence["lead_shared"] = round(share, 4)
    if share < LEAD_SHARED:
        return False
    a, b = headline_swap(new.title_terms, new.body_terms, other.title_terms, other.body_terms)
    if a and b:
        evidence["swapped"] = sorted(a | b)
        return False
    return True


def _find_copies(store: Any, doc: _Doc, prints: dict[str, int], bands: list[str]) -> tuple[list[Relation], dict[int, _Doc], dict[str, int]]:
    exact: dict[int, str] = {}
    nontrivial = len(doc.body_terms) >= MIN_EXACT_TERMS
    for other, reason in store.exact_copies(doc.id, doc.body_hash if nontrivial else None, doc.urls):
        if exact.get(other) != "body_hash":
            exact[other] = reason
    band_ids = store.band_candidates(bands, exclude=doc.id) if bands else []
    holders = store.paragraph_holders(list(prints)) if prints else {}
    print_counts = {p: len(ids) for p, ids in holders.items()}
    shared_by: dict[int, list[str]] = {}
    for p, ids in holders.items():
        if len(ids) <= COMMON_PRINT:  # more holders: boilerplate or stock text
            for a in ids:
                if a != doc.id:
                    shared_by.setdefault(a, []).append(p)
    ranked = list(exact)
    ranked += sorted((a for a in shared_by if a not in exact), key=lambda a: -sum(prints[p] for p in shared_by[a]))
    ranked += [a for a in band_ids if a not in exact and a not in shared_by]
    ranked = ranked[:MAX_CANDIDATES]
    others = {r["id"]: _doc_from_row(r) for r in store.link_rows(ranked)} if ranked else {}
    found: list[tuple[Relation, _Doc]] = []
    for a in ranked:
        if a not in others:
            continue
        for rel in _compare(doc, others[a], exact.get(a), shared_by.get(a, [])):
            found.append((rel, others[a]))
    return _prune(doc, found), others, print_counts


def _prune(doc: _Doc, found: list[tuple[Relation, _Doc]]) -> list[Relation]:
    """Keep the informative edges: one per identical text (its earliest holder), the best few
    near copies, every containment. A wire story copied 40 times then costs 40 edges, not 800."""
    keep: list[Relation] = []
    by_text: dict[tuple[str, str], tuple[Relation, _Doc]] = {}
    near: list[tuple[Relation, _Doc]] = []
    for rel, other in found:
        if rel.evidence.get("same_url"):
            keep.append(rel)
        elif rel.kind in ("duplicate_of", "contains"):
            key = (rel.kind + (">" if rel.src == doc.id else "<"), other.body_hash or str(other.id))
            if key not in by_text or _order_key(other) < _order_key(by_text[key][1]):
                by_text[key] = (rel, other)
        else:
            near.append((rel, other))
    keep += [r for r, _ in by_text.values()]
    seen_text = {o.body_hash for r, o in by_text.values() if r.kind == "duplicate_of"}
    near.sort(key=lambda ro: (-ro[0].score, _order_key(ro[1])))
    kept_hashes: set[str | None] = set()
    for rel, other in near:
        if other.body_hash in seen_text or (other.body_hash in kept_hashes and other.body_hash):
            continue  # an identical text is already linked
        if len(kept_hashes) >= MAX_NEAR_EDGES:
            break
        kept_hashes.add(other.body_hash or str(other.id))
        keep.append(rel)
    return keep



def _attributions(article: Article, doc: _Doc, others: dict[int, _Doc], rels: list[Relation]) -> list[Relation]:
    out = []
    ends = [r.dst if r.src == doc.id else r.src for r in rels]
    group_sources = {doc.source} | {others[e].source for e in ends if e is not None and e in others}
    for key, where in credited_agencies(article).items():
        if group_sources & set(agency_sources(key)):
            continue  # the agency's own copy is in the store: the copy relation says it
        evidence: dict[str, Any] = {"where": where}
        if doc.undated:
            evidence["undated"] = True
        out.append(Relation(doc.id, "attributed_to", agency=key, score=1.0, evidence=evidence))
    return out


# -- stories -----------------------------------------------------------------------------------


def _copy_story(copies: list[tuple[Relation, _Doc]]) -> tuple[int | None, dict[str, Any]]:
    """The story of the article's original (the earliest exact, else near, else containing copy)."""
    order = {"duplicate_of": 0, "near_duplicate_of": 1, "contains": 2}
    for rel, other in sorted(copies, key=lambda ro: (order[ro[0].kind], _order_key(ro[1]))):
        if other.story_id is not None:
            return other.story_id, {"via": rel.kind, "article": other.id}
    return None, {}


# -- the entry point ---------------------------------------------------------------------------


def link_article(store: Any, article: Article) -> LinkResult:
    """Link a stored article (article.id set) to its copies, agencies and story."""
    result = LinkResult(article.id)
    if article.id is None:
        return result
    with store.lock:  # one article at a time per store: the story index is shared state
        return _link(store, article, result)


def _link(store: Any, article: Article, result: LinkResult) -> LinkResult:
    rows = store.link_rows([article.id], body=False)
    if not rows:
        return result
    row = rows[0]
    relinked = bool(row["has_bands"] or row["has_prints"] or row["story_id"] is not None)
    row["body"] = list(article.body)
    doc = _doc_from_row(row)
    if doc.undated:
        result.evidence["undated"] = True

    prints = paragraph_prints(doc.body)
    doc._paras = prints
    bands: list[str] = []
    if len(doc.body_terms) >= MIN_NEAR_TERMS:
        bands = minhash.bands(minhash.signature(doc.shingles))
    rels, others, print_counts = _find_copies(store, doc, prints, bands)
    rels += _attributions(article, doc, others, rels)
    result.relations = rels

    copies = []
    for r in rels:
        end = r.dst if r.src == doc.id else r.src
        if r.kind in COPY_KINDS and end is not None:
            copies.append((r, others[end]))
    earlier = [o for _, o in copies if _order_key(o) < _order_key(doc)]
    if earlier:
        result.original_id = min(earlier, key=_order_key).id
    # prints already held by more than COMMON_PRINT articles are not stored again
    keep_prints = [p for p in prints if print_counts.get(p, 0) <= COMMON_PRINT]

    index = stories.index_for(store)
    vec = vector(doc.title_terms, doc.body_terms)
    story_id, how = _copy_story(copies)
    topical = story_id is None
    storyable = len(set(doc.body_terms)) >= MIN_STORY_TERMS and bool(doc.title.strip())
    if relinked and row["story_id"] is not None:
        story_id, how, topical = None, {"story": row["story_id"], "already_linked": True}, False
    elif topical:
        if storyable:
            story_id, how = index.match(vec, doc.when)
        else:
            how = {"no_story": "too little text"}
    story = terms = None
    new_story = False
    if story_id is not None or (topical and storyable):
        story, terms, new_story = index.add(
            store, story_id, vec, title=doc.title, source=doc.source, when=doc.when, undated=doc.undated,
            topical=topical, similarity=float(how.get("similarity", 0.0)),
        )  # fmt: skip
    if relinked:  # linked before (e.g. called twice): keep its bands, prints and story
        bands = [] if row["has_bands"] else bands
        keep_prints = [] if row["has_prints"] else keep_prints
    result.story_id = store.save_links(
        doc.id, bands=bands, prints=keep_prints, relations=rels, story=story, story_terms=terms, new_story=new_story
    )
    if result.story_id is None and row["story_id"] is not None:
        result.story_id = row["story_id"]
    if story is not None:
        index.saved(story, terms, doc.source)
    result.new_story = new_story
    result.evidence.update(how)
    article.story_id = result.story_id
    return result
