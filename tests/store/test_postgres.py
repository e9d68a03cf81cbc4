"""The PostgreSQL store: the behaviours of test_store.py, search, crawl and linking, on PostgreSQL.

A throwaway server starts once per session (tests/pg_server.py); every test gets a new database.
Without the PostgreSQL binaries these tests fail (never skip).
"""

from __future__ import annotations

import inspect
import re
from datetime import UTC, datetime

import psycopg
import pytest

from marsad.arabic import analyze
from marsad.errors import QueryError, StoreError
from marsad.model import Article, Capture, Relation, Source, Story
from marsad.pipeline import store_article
from marsad.search import attention, search
from marsad.search.query import parse_query
from marsad.store import SqliteStore, open_store, pg_migrations
from marsad.store import migrations as sqlite_migrations
from marsad.store.pg_dialect import _row_class, fts_to_tsquery, translate
from marsad.store.postgres import PostgresStore, open_postgres, redact_dsn

# -- sample articles written for these tests (not real news) -----------------------------------

FLOOD = (
    "فيضانات تضرب مدينة البصرة وتغمر الأحياء السكنية",
    "غمرت مياه الفيضانات أحياء واسعة في مدينة البصرة جنوب العراق بعد أمطار غزيرة استمرت ثلاثة أيام متواصلة.\n"
    "وقالت مديرية الدفاع المدني إن فرق الإنقاذ أجلت مئات العائلات من المنازل المتضررة ونقلتها إلى مدارس حكومية.\n"
    "وأعلنت المحافظة تعطيل الدوام الرسمي في الدوائر الحكومية والجامعات حتى إشعار آخر بسبب ارتفاع منسوب المياه.",
)
SAMPLES = [
    ("a.example", 1, *FLOOD),
    ("b.example", 1, "البصرة تغرق تحت مياه الأمطار الغزيرة وإجلاء مئات العائلات",
     "أجلت فرق الدفاع المدني مئات العائلات من أحياء سكنية غمرتها مياه الفيضانات في مدينة البصرة بعد أمطار غزيرة "
     "استمرت أياما.\nوقررت المحافظة تعطيل الدوام الرسمي في الدوائر الحكومية والجامعات بسبب ارتفاع منسوب المياه في "
     "الشوارع والأحياء.\nونقلت العائلات المتضررة إلى مدارس حكومية خصصت لإيوائها مؤقتا."),
    ("c.example", 2, "وزير الطاقة يعلن خطة لتوسيع شبكة الكهرباء في الأردن",
     "أعلن وزير الطاقة والثروة المعدنية في الأردن خطة جديدة لتوسيع شبكة الكهرباء الوطنية خلال السنوات الخمس المقبلة.\n"
     "وتشمل الخطة بناء محطات للطاقة الشمسية في محافظات الجنوب وربطها بالشبكة عبر خطوط نقل حديثة بكلفة تقارب 500 "
     "مليون دينار.\nوقال الوزير في مؤتمر صحفي في عمّان إن المشروع سيوفر آلاف فرص العمل للشباب."),
    ("d.example", 3, "المنتخب المغربي يفوز على نظيره التونسي في مباراة ودية",
     "فاز المنتخب المغربي لكرة القدم على نظيره التونسي بهدفين مقابل هدف واحد في مباراة ودية أقيمت على ملعب الرباط.\n"
     "وسجل المهاجم هدف الفوز في الدقائق الأخيرة من المباراة وسط حضور جماهيري كبير في المدرجات.\n"
     "ويستعد المنتخب للمشاركة في بطولة كأس الأمم الأفريقية المقبلة."),
    ("e.example", 4, "الحكومة تقر موازنة العام المقبل وسط انتقادات المعارضة",
     "أقرت الحكومة مشروع قانون الموازنة العامة للعام المقبل بعجز متوقع يبلغ 3.5 مليار دولار وسط انتقادات حادة من "
     "نواب المعارضة.\nوقال وزير المالية إن الموازنة تركز على دعم الرواتب والمشاريع الاستثمارية في المحافظات وتقليص "
     "النفقات التشغيلية.\nوطالب نواب بإعادة النظر في بنود الإنفاق قبل التصويت النهائي في البرلمان."),
]  # fmt: skip
QUERIES = ["البصرة", "الفيضانات", '"الدفاع المدني"', '"المدني الدفاع"', "الكهرباء OR المنتخب", "المياه -الجامعات",
           "(موازنة OR كهرباء) الحكومة", "3.5", "500", "العراق source:b.example",
           "البصرة after:2024-03-02", "مياه NOT (الشوارع OR وزير)"]  # fmt: skip


def sample_articles() -> list[Article]:
    """The samples plus an exact copy of the first, republished by an aggregator the next day."""
    out = [
        Article.from_text(title, body, url=f"https://{src}/{day}", source=src,
                          published=datetime(2024, 3, day, 8 + i, tzinfo=UTC))
        for i, (src, day, title, body) in enumerate(SAMPLES)
    ]  # fmt: skip
    out.append(Article.from_text(*FLOOD, url="https://agg.example/9", source="agg.example",
                                 published=datetime(2024, 3, 2, 9, tzinfo=UTC)))  # fmt: skip
    return out


def sample(title: str = "عنوان تجريبي", body: str = "فقرة أولى\nفقرة ثانية", **kw) -> Article:
    """A sample article written for the tests."""
    return Article.from_text(title, body, url=kw.pop("url", "https://a.example/1"), source="a.example", **kw)


@pytest.fixture
def store(pg_dsn):
    s = open_postgres(pg_dsn)
    yield s
    s.close()


@pytest.fixture
def loaded(store):
    for article in sample_articles():
        store_article(store, article)
    return store


# -- schema and migrations ----------------------------------------------------------------------


def test_new_store_is_fully_migrated(store):
    assert isinstance(store, PostgresStore) and store.backend == "postgresql"
    versions = [r[0] for r in store.query("SELECT version FROM migrations ORDER BY version")]
    assert versions == list(range(1, len(pg_migrations.MIGRATIONS) + 1))
    tables = {r[0] for r in store.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    assert {"sources", "captures", "articles", "relations", "stories", "articles_fts", "frontier"} <= tables
    assert store.applied_migrations == [m.__name__ for m in pg_migrations.MIGRATIONS]


def test_same_migrations_tables_and_columns_as_sqlite(store, tmp_path):
    """PostgreSQL migrations mirror the SQLite ones: same names, tables and columns."""
    assert [m.__name__ for m in pg_migrations.MIGRATIONS] == [m.__name__ for m in sqlite_migrations.MIGRATIONS], (
        "a SQLite migration was added: add the same one to marsad/store/pg_migrations.py"
    )
    lite = SqliteStore(tmp_path / "s.db")
    lite_tables = {
        r[0] for r in lite.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'")
    }
    for table in sorted(lite_tables):
        want = {r["name"] for r in lite.query(f"PRAGMA table_info({table})")}
        got = {
            r[0]
            for r in store.query(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ?",
                (table,),
            )
        }
        assert got == want, f"table {table}: PostgreSQL has {sorted(got ^ want)} differently"
    fts = {r[0] for r in store.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'articles_fts'")}
    assert fts == {"rowid", "title", "body", "tsv"}


def test_store_made_by_older_version_is_migrated_keeping_its_data(pg_dsn):
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        pg_migrations.migrate(conn, upto=1)  # what the first release created
        conn.execute(
            "INSERT INTO articles (ident, title, body, first_seen) VALUES ('x', 'قديم', '[\"نص\"]', '2024-01-01T00:00:00')"
        )
    store = open_postgres(pg_dsn)
    assert store.applied_migrations == [m.__name__ for m in pg_migrations.MIGRATIONS[1:]]
    article = store.get_article(1)
    assert article is not None and article.title == "قديم" and article.story_id is None
    store.set_article_story(1, store.create_story(Story(None, "قصة")))
    assert store.get_article(1).story_id == 1
    store.close()
    again = open_postgres(pg_dsn)
    assert again.applied_migrations == [] and again.get_article(1).story_id == 1
    again.close()


def test_open_store_gives_postgres_for_a_dsn(pg_dsn):
    """Needs the one-line change in marsad/store/__init__.py described in docs/postgres.md."""
    store = open_store(pg_dsn)
    assert isinstance(store, PostgresStore)
    store.close()


def test_bad_dsn_is_a_store_error_and_password_is_hidden(pg_server):
    dsn = f"postgresql://marsad:secret@127.0.0.1:{pg_server.port}/no_such_db"
    with pytest.raises(StoreError) as err:
        open_postgres(dsn)
    assert "secret" not in str(err.value) and "no_such_db" in str(err.value)
    assert redact_dsn(dsn) == f"postgresql://marsad:***@127.0.0.1:{pg_server.port}/no_such_db"
    assert redact_dsn("host=h dbname=d password=x") == "host=h dbname=d password=***"


def test_readonly_store_reads_but_does_not_write(store, pg_dsn):
    store.add_article(sample(), title_terms=["عنوان"], body_terms=[])
    ro = open_postgres(pg_dsn, readonly=True)
    assert ro.count_articles() == 1
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        ro.add_article(sample(url="https://a.example/2", title="آخر"), title_terms=[], body_terms=[])
    ro.close()


def test_reconnects_after_the_server_dropped_the_connection(store, pg_server):
    store.add_article(sample(), title_terms=["عنوان"], body_terms=[])
    with psycopg.connect(pg_server.dsn(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (store.conn.info.backend_pid,))
    with pytest.raises(psycopg.OperationalError):
        store.count_articles()  # the call that finds the connection gone fails
    assert store.count_articles() == 1  # the next one reconnects
    assert store.fts_search('"عنوان"')[0] == 1


# -- the behaviours of test_store.py ------------------------------------------------------------


def test_add_article_roundtrip_and_idempotent(store):
    art = sample(published=datetime(2024, 3, 12, 10, 0, tzinfo=UTC))
    art.tags = ["العراق", "واشنطن"]
    capture = Capture(url=art.url, content=b"<html></html>", headers={"content-type": "text/html"})
    first = store.add_article(art, capture=capture, title_terms=["عنوان"], body_terms=["فقر"])
    again = store.add_article(sample(published=art.published), title_terms=["عنوان"], body_terms=["فقر"])
    assert first[1] is True and again == (first[0], False)
    got = store.get_article(first[0])
    assert got.title == art.title and got.body == art.body and got.tags == art.tags
    assert got.published == art.published and got.capture_id is not None
    assert store.count_articles() == 1
    total, rows = store.fts_search('"عنوان"')
    assert total == 1 and rows[0][0] == first[0]
    cap = store.get_capture(got.capture_id)
    assert cap.url == art.url and cap.headers == {"content-type": "text/html"} and cap.fetched_at == capture.fetched_at


def test_failed_write_leaves_no_half_article(store):
    art = sample()
    art.capture_id = 999  # no such capture: the foreign key fails inside the transaction
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        store.add_article(art, title_terms=["عنوان"], body_terms=[])
    assert store.count_articles() == 0
    assert store.query("SELECT COUNT(*) FROM articles_fts")[0][0] == 0
    # inside a batch the failed article is a rolled-back savepoint; the others commit
    with store.batch():
        store.add_article(sample(url="https://a.example/2", title="أول"), title_terms=["أول"], body_terms=[])
        bad = sample(url="https://a.example/3", title="ثان")
        bad.capture_id = 999
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            store.add_article(bad, title_terms=["ثان"], body_terms=[])
        store.add_article(sample(url="https://a.example/4", title="ثالث"), title_terms=["ثالث"], body_terms=[])
    assert [a.title for a in store.iter_articles()] == ["أول", "ثالث"]
    assert store.query("SELECT COUNT(*) FROM articles_fts")[0][0] == 2


def test_filters_and_sorting(store):
    for i, (src, day) in enumerate([("a.example", 1), ("b.example", 5), ("a.example", 9)]):
        art = Article.from_text(f"خبر {i}", "نص", url=f"https://{src}/{i}", source=src,
                                published=datetime(2024, 3, day, tzinfo=UTC))  # fmt: skip
        art.language = "ar" if i else "other"
        store.add_article(art, title_terms=["خبر"], body_terms=["نص"])
    total, rows = store.fts_search('"خبر"', where=[("source", "a.example")], order="date")
    assert total == 2 and [store.get_article(i).title for i, _ in rows] == ["خبر 2", "خبر 0"]
    total, rows = store.fts_search('"خبر"', order="date_asc", limit=2, offset=1)
    assert total == 3 and [store.get_article(i).title for i, _ in rows] == ["خبر 1", "خبر 2"]
    total, _ = store.fts_search('"خبر"', where=[("after", "2024-03-02"), ("before", "2024-03-09")])
    assert total == 1
    assert store.fts_search('"خبر"', where=[("ids", [1, 3])])[0] == 2
    assert store.fts_search('"خبر"', where=[("lang", "ar")])[0] == 2
    assert store.fts_search(None, where=[("source", "b.example")]) == (1, [(2, 0.0)])
    store.set_article_story(3, store.create_story(Story(None, "قصة")))
    assert store.fts_search('"نص"', where=[("story", 1)])[1] == [(3, pytest.approx(store.fts_search('"نص"')[1][0][1]))]
    facets = store.fts_facets('"خبر"')
    assert dict(facets["source"]) == {"a.example": 2, "b.example": 1}
    assert [d for d, _ in facets["day"]] == ["2024-03-01", "2024-03-05", "2024-03-09"]
    with pytest.raises(ValueError):
        store.fts_search('"خبر"', where=[("color", "red")])


def test_title_terms_outrank_body_terms(store):
    store.add_article(sample(url="https://a.example/b", title="ب"), title_terms=["ب"], body_terms=["نفط", "سعر"])
    store.add_article(sample(url="https://a.example/t", title="ت"), title_terms=["نفط"], body_terms=["سعر", "ب"])
    total, rows = store.fts_search('"نفط"')
    assert total == 2 and [store.get_article(i).title for i, _ in rows] == ["ت", "ب"]
    assert rows[0][1] > rows[1][1] > 0


def test_sources_and_profiles(store):
    store.upsert_source(Source(key="a.example", name="أ", feeds=["https://a.example/feed"]))
    store.upsert_source(Source(key="a.example", name="أ ب", feeds=["https://a.example/rss"], enabled=False))
    (src,) = store.list_sources()
    assert src.name == "أ ب" and src.feeds == ["https://a.example/rss"] and src.enabled is False
    store.save_profile("a.example", {"lines": {"x": 3}})
    assert store.get_profile("a.example") == {"lines": {"x": 3}}
    assert store.get_source("a.example").name == "أ ب"
    store.save_profile("z.example", {"lines": {}})  # creates a bare source
    assert [s.key for s in store.list_sources()] == ["a.example", "z.example"]
    assert store.remove_source("a.example") and not store.remove_source("a.example")
    assert [s.key for s in store.list_sources()] == ["z.example"]


def test_article_reads_and_stats(loaded):
    store = loaded
    assert store.count_articles() == 6 and store.max_article_id() == 6
    assert [a.id for a in store.get_articles([3, 1, 99, 2])] == [3, 1, 2]
    assert [a.id for a in store.iter_articles(batch=2)] == [1, 2, 3, 4, 5, 6]
    assert [a.id for a in store.iter_articles(source="a.example")] == [1]
    assert store.articles_by_url("https://agg.example/9") == [6]
    assert store.articles_by_body_hash(store.get_article(1).body_hash()) == [1, 6]
    assert [a.id for a in store.latest_articles(3)] == [5, 4, 3]
    assert store.article_ids_by_time() == [1, 2, 6, 3, 4, 5]
    assert store.article_ids(after_id=4, limit=5) == [5, 6]
    stats = store.stats()
    assert stats["backend"] == "postgresql" and stats["articles"] == 6 and stats["sources"] == 6
    assert stats["first_published"] == "2024-03-01T08:00:00" and stats["last_published"] == "2024-03-04T12:00:00"
    assert stats["stories"] == 4 and stats["store"] == store.location


# -- search and linking on PostgreSQL -------------------------------------------------------------


def test_arabic_search(loaded):
    titles = lambda result: [h.article.title for h in result.hits]  # noqa: E731
    assert set(titles(search(loaded, "فيضانات"))) == {FLOOD[0], SAMPLES[1][2]}  # clitics, copies collapsed
    hit = next(h for h in search(loaded, "الفيضانات").hits if h.article.title == FLOOD[0])
    assert hit.copies == 2 and sorted(hit.copy_ids) == [1, 6]
    assert titles(search(loaded, "عمان")) == [SAMPLES[2][2]]  # عمّان with shadda in the document
    assert titles(search(loaded, "اعلنت", collapse=False)).count(FLOOD[0]) == 2  # أعلنت without hamza
    assert titles(search(loaded, '"الدفاع المدني"')) and not titles(search(loaded, '"المدني الدفاع"'))
    assert titles(search(loaded, "المنتخب OR الكهرباء", sort="date")) == [SAMPLES[3][2], SAMPLES[2][2]]
    assert titles(search(loaded, "مياه -الشوارع")) == [FLOOD[0]]
    assert titles(search(loaded, "(موازنة OR كهرباء) الحكومة")) == [SAMPLES[4][2]]
    assert titles(search(loaded, "3.5")) == [SAMPLES[4][2]]
    assert titles(search(loaded, "البصرة source:b.example")) == [SAMPLES[1][2]]
    result = search(loaded, "البصرة", facets=True, collapse=False)
    assert result.total == 3 and dict(result.facets["source"]) == {"a.example": 1, "b.example": 1, "agg.example": 1}
    assert attention(loaded, "البصرة") == {"البصرة": [("2024-03-01", 2), ("2024-03-02", 1)]}
    marked = [text for text, on in result.hits[0].snippet_parts if on]
    assert any("البصرة" in m for m in marked)
    with pytest.raises(QueryError):
        search(loaded, "-البصرة")


def test_same_analysis_as_sqlite(loaded, tmp_path):
    """The same articles through store_article give the same links, stories and search hits."""
    lite = open_store(tmp_path / "s.db")
    for article in sample_articles():
        store_article(lite, article)

    def links(s):
        rels = sorted((r.src, r.kind, r.dst, r.agency) for i in range(1, 7) for r in s.relations_of(i))
        return rels, [(a.id, a.story_id) for a in s.iter_articles()], [(t.id, t.title, t.article_count, t.outlet_count)
                                                                      for t in s.list_stories()]  # fmt: skip

    assert links(loaded) == links(lite)
    assert max(t.article_count for t in loaded.list_stories()) == 3  # the flood story: two outlets and a copy
    for q in QUERIES:
        pg, sq = search(loaded, q, collapse=False, facets=True), search(lite, q, collapse=False, facets=True)
        assert (pg.total, sorted(h.article.id for h in pg.hits)) == (sq.total, sorted(h.article.id for h in sq.hits)), q
        assert dict(pg.facets["source"]) == dict(sq.facets["source"]) and pg.facets["day"] == sq.facets["day"], q
        parsed = parse_query(q)
        for order in ("date", "date_asc"):
            got = loaded.fts_search(parsed.match, where=parsed.filters, order=order)
            want = lite.fts_search(parsed.match, where=parsed.filters, order=order)
            assert (got[0], [i for i, _ in got[1]]) == (want[0], [i for i, _ in want[1]]), (q, order)
    terms = [*analyze("البصرة الفيضانات الكهرباء"), "absent-term"]
    assert loaded.term_doc_counts(terms) == lite.term_doc_counts(terms)
    lt = loaded.link_rows([1, 2])
    assert [(r["id"], r["title_terms"], r["body_terms"]) for r in lt] == [
        (r["id"], r["title_terms"], r["body_terms"]) for r in lite.link_rows([1, 2])
    ]


def test_story_and_link_methods(loaded):
    store = loaded
    (flood,) = [s for s in store.list_stories() if s.article_count == 3]
    assert store.story_article_ids(flood.id) == [1, 2, 6]
    assert sorted(store.story_sources(flood.id)) == ["a.example", "agg.example", "b.example"]
    assert store.story_has_source(flood.id, "b.example") and not store.story_has_source(flood.id, "b.example", exclude=2)
    assert not store.story_has_source(flood.id, None)
    (got, terms), = store.stories_with_terms([flood.id])  # fmt: skip
    assert got.title == flood.title and terms == store.story_terms(flood.id) and terms
    assert store.max_story_id() == 4 and store.latest_story_time() is not None
    assert {s.id for s, _ in store.active_stories("2024-03-03")} == {3, 4}
    assert [s.id for s, _ in store.stories_after_id(2)] == [3, 4]
    dup = store.relations_among([1, 6], kinds=["duplicate_of"])
    assert [(r.src, r.kind, r.dst) for r in dup] == [(6, "duplicate_of", 1)]
    assert store.exact_copies(1, store.get_article(1).body_hash(), ["https://b.example/1"]) == [(6, "body_hash"), (2, "url")]
    story = Story(None, "قصة جديدة", first_time=datetime(2024, 3, 9, tzinfo=UTC))
    sid = store.create_story(story, {"نفط": 0.5})
    story.article_count, story.title = 2, "قصة معدلة"
    store.update_story(story)
    assert store.get_story(sid).title == "قصة معدلة" and store.story_terms(sid) == {"نفط": 0.5}
    assert store.get_story(sid).first_time == datetime(2024, 3, 9, tzinfo=UTC)
    assert [s.id for s in store.list_stories(min_articles=2)] == [flood.id, sid]  # no time: last, as in SQLite
    store.clear_links()
    assert store.list_stories() == [] and store.relations_of(1) == [] and store.get_article(1).story_id is None


def test_relations_bands_and_prints(store):
    ids = [store.add_article(sample(url=f"https://a.example/{i}", title=f"خبر {i}"), title_terms=[], body_terms=[])[0]
           for i in range(3)]  # fmt: skip
    rels = [Relation(ids[1], "duplicate_of", ids[0]), Relation(ids[2], "attributed_to", None, agency="واع"),
            Relation(ids[2], "attributed_to", None, agency="واع", score=0.5, evidence={"x": "ص"})]  # fmt: skip
    assert store.add_relations(rels) == 2  # the repeat (NULL dst) is ignored like in SQLite
    assert store.add_relations(rels[:1]) == 0
    assert [(r.kind, r.agency, r.evidence) for r in store.relations_of(ids[2])] == [("attributed_to", "واع", {})]
    store.add_bands(ids[0], ["h0", "h1"])
    store.save_links(ids[1], bands=["x0", "h1"], prints=["p", "q", "p"])
    assert store.band_candidates(["zz", "h1"]) == [ids[0], ids[1]]
    assert store.band_candidates(["h0", "h1"], exclude=ids[0]) == [ids[1]]
    store.add_paragraph_prints(ids[0], ["p", "r"])
    assert store.paragraph_print_counts(["p", "q", "none"]) == {"p": 2, "q": 1}
    assert store.paragraph_matches(["p", "q"], exclude=ids[0]) == {"p": [ids[1]], "q": [ids[1]]}
    assert store.paragraph_candidates(["p", "q", "r"], common=1) == {ids[1]: 1, ids[0]: 1}
    sid = store.save_links(ids[2], story=Story(None, "قصة"), story_terms={"أ": 1.0}, new_story=True)
    assert sid and store.get_article(ids[2]).story_id == sid and store.story_terms(sid) == {"أ": 1.0}
    indexes = {r[0] for r in store.query("SELECT indexname FROM pg_indexes")}
    assert {"articles_canonical", "lsh_article", "paragraph_prints_article"} <= indexes  # migration m004


def test_frontier_and_health(store):
    assert store.enqueue(["https://a.example/1", "https://a.example/2", "https://a.example/1"], source="a.example") == 2
    store.enqueue(["https://a.example/feed"], source="a.example", kind="feed", priority=5)
    assert next(r["url"] for r in store.due_urls()) == "https://a.example/feed"
    assert [r["url"] for r in store.due_urls(kind="article", source="a.example")] == ["https://a.example/1",
                                                                                      "https://a.example/2"]  # fmt: skip
    with store.transaction() as db:
        store.mark_url("https://a.example/1", "done", etag='"e1"', db=db)
    store.mark_url("https://a.example/2", "pending", error="timeout", next_at="2999-01-01T00:00:00+00:00")
    row = store.frontier_row("https://a.example/1")
    assert row["state"] == "done" and row["attempts"] == 1 and row["etag"] == '"e1"' and dict(row)["source"] == "a.example"
    assert [r["url"] for r in store.due_urls(kind="article")] == []
    assert store.next_due_at(["a.example"]) <= datetime.now(UTC).isoformat()  # the feed is due now
    assert store.next_due_at([]) is None and store.next_due_at(["none.example"]) is None
    store.mark_seen("https://a.example/moved", source="a.example")
    store.requeue("https://a.example/1", next_at="2030-01-01T00:00:00+00:00")
    assert store.frontier_counts() == {"done": 1, "pending": 3}
    assert store.frontier_summary() == {"a.example": {"done": 1, "pending": 3}}
    assert len(store.frontier_rows(source="a.example", state="pending")) == 3
    store.record_health("a.example", ok=True, latency=1.5)
    store.record_health("a.example", ok=False, error="503")
    art = sample()
    art.first_seen = datetime(2024, 3, 1, tzinfo=UTC)
    later = sample(url="https://a.example/x", title="ب")
    later.first_seen = datetime(2024, 3, 4, tzinfo=UTC)
    store.add_article(art, capture=Capture(url=art.url, content=b"x", warc_path="w1.warc.gz", warc_offset=10),
                      title_terms=[], body_terms=[])  # fmt: skip
    store.add_article(later, title_terms=[], body_terms=[])
    health = store.source_health("a.example")
    assert (health["fetched"], health["failed"], health["last_error"], health["feed_latency"]) == (1, 1, "503", 1.5)
    assert health["articles_per_day"] == 0.5  # 2 articles over 4 days, as julianday() counts them in SQLite
    assert store.has_article_url("https://a.example/1") and not store.has_article_url("https://a.example/2")
    assert store.warc_paths() == ["w1.warc.gz"] and store.captures_in_warcs()[0].warc_offset == 10
    assert store.drop_frontier("a.example") == 4 and store.frontier_counts() == {}


# -- the dialect ----------------------------------------------------------------------------------


def test_translate_the_store_dialect():
    assert translate("INSERT OR IGNORE INTO frontier (url) VALUES (?)") == (
        "INSERT INTO frontier (url) VALUES (%s) ON CONFLICT DO NOTHING", "frontier")
    assert translate("SELECT IFNULL(a, '?%') FROM t WHERE b IS ? AND c IS NOT ? AND d LIKE ?")[0] == (
        "SELECT COALESCE(a, '?%%') FROM t WHERE b IS NOT DISTINCT FROM %s AND c IS DISTINCT FROM %s AND d ILIKE %s")
    assert translate("SELECT MAX(1, MIN(x), 'a,b'), MAX(y), MIN(COALESCE(z, ''))")[0] == (
        "SELECT GREATEST(1, MIN(x), 'a,b'), MAX(y), MIN(COALESCE(z, ''))")  # fmt: skip
    with pytest.raises(StoreError):
        translate("INSERT OR REPLACE INTO t VALUES (?)")
    r = _row_class(("id", "Title"))((7, "x"))
    assert r[0] == 7 and r["ID"] == 7 and r["title"] == "x" and dict(r) == {"id": 7, "Title": "x"} and tuple(r) == (7, "x")
    with pytest.raises(IndexError):
        r["nope"]


def test_fts5_match_to_tsquery():
    assert fts_to_tsquery('"أ"') == "'أ'"
    assert fts_to_tsquery('"أ ب" OR "ج"') == "(('أ' <-> 'ب') | 'ج')"
    # FTS5 precedence: NOT over AND over OR; implicit AND
    assert fts_to_tsquery('"a" OR "b" NOT "c" "d"') == "('a' | (('b' & !'c') & 'd'))"
    assert fts_to_tsquery('("a" OR "b") AND "c" NOT ("d" OR "e")') == "(('a' | 'b') & ('c' & !('d' | 'e')))"
    assert fts_to_tsquery('"it\'s" "a""b" pre*') == "('it''s' & 'a\"b' & 'pre':*)"
    assert fts_to_tsquery('"x\\y"') == "'x\\\\y'"
    for bad in ['title: "a"', '"a" OR', '("a"', 'NEAR("a" "b")', "^a"]:
        with pytest.raises(QueryError):
            fts_to_tsquery(bad)


def test_odd_terms_are_safe_in_queries(store):
    store.add_article(sample(), title_terms=["it's", "a&b", "x:y"], body_terms=["!", "c|d", "1.5"])
    for term in ["it's", "a&b", "x:y", "c|d", "1.5", "(", "'"]:
        store.fts_search('"' + term.replace('"', '""') + '"')  # never a syntax error
    assert store.fts_search('"it\'s"')[0] == 1 and store.fts_search('"1.5"')[0] == 1


UNTRANSLATABLE = re.compile(r"\bMATCH\b|bm25|fts5|PRAGMA|sqlite_master|\btemp\.|\bGLOB\b|OR REPLACE|group_concat|strftime")


def test_every_sqlite_only_method_is_overridden():
    """A store method using SQL the dialect layer cannot translate must be overridden here."""
    missing = []
    for name, func in inspect.getmembers(SqliteStore, inspect.isfunction):
        if name.startswith("__") or name in PostgresStore.__dict__:
            continue
        source = inspect.getsource(func).replace(func.__doc__ or "\x00", "")
        if UNTRANSLATABLE.search(source):
            missing.append(name)
    assert missing == [], f"override these in marsad/store/postgres.py: {missing}"
