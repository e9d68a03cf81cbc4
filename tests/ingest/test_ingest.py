"""marsad ingest: every input kind, bad input named and skipped, nothing stored twice."""

from __future__ import annotations

import gzip
import json
import zipfile

from typer.testing import CliRunner

from marsad.cli import app
from marsad.ingest import ingest
from marsad.store import open_store
from tests.conftest import shared_path

# Sample records written for these tests.
RECORDS = [
    {"title": "اجتماع وزراء الخارجية العرب في القاهرة", "text": "عقد وزراء الخارجية العرب اجتماعاً طارئاً.\nوناقش الوزراء الأوضاع.",
     "url": "https://sample.example/1", "source": "sample.example", "published": "2024-03-12T10:00:00+03:00"},
    {"title": "ارتفاع أسعار النفط", "text": "ارتفعت أسعار النفط في الأسواق العالمية.", "url": "https://sample.example/2",
     "source": "sample.example", "published": "2024-03-13"},
]


def test_jsonl_with_a_bad_line_ingests_the_rest_and_names_the_line(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), "{not json", json.dumps(RECORDS[1], ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [path])
    assert report.added == 2 and len(report.errors) == 1
    where, message = report.errors[0]
    assert where == f"{path}:2" and "not JSON" in message
    again = ingest(store, [path])
    assert again.added == 0 and again.duplicates == 2 and store.count_articles() == 2
    art = store.get_article(1)
    assert art.published.isoformat() == "2024-03-12T10:00:00+03:00" and art.source == "sample.example"


def test_csv_with_field_map_and_gzip(tmp_path):
    path = tmp_path / "a.csv.gz"
    rows = "headline,content,link,outlet,date\n" + "\n".join(
        f'"{r["title"]}","{r["text"]}",{r["url"]},{r["source"]},{r["published"]}' for r in RECORDS
    )
    path.write_bytes(gzip.compress(rows.encode("utf-8")))
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [path], mapping={"title": "headline", "text": "content", "url": "link",
                                            "source": "outlet", "published": "date"})
    assert report.added == 2 and not report.errors
    assert {a.title for a in store.iter_articles()} == {r["title"] for r in RECORDS}


def test_corrupt_gzip_unknown_file_and_missing_path_are_reported(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(b'{"title": "x"}\n')[:20])
    odd = tmp_path / "blob.bin"
    odd.write_bytes(bytes(range(256)) * 4)
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [good, bad, odd, tmp_path / "nope.jsonl"])
    assert report.added == 1
    named = {w for w, _ in report.errors}
    assert {str(bad), str(odd), str(tmp_path / "nope.jsonl")} <= named
    assert not report.failed


def test_windows_1256_text_files_come_out_as_arabic(tmp_path):
    folder = shared_path("corpora", "arabic-newspapers-cp1256", "files", "ثقافية")
    files = sorted(folder.iterdir())[:5]
    for f in files:
        raw = f.read_bytes()
        try:
            raw.decode("utf-8")
            raise AssertionError(f"{f} is expected to be windows-1256, not UTF-8")
        except UnicodeDecodeError:
            pass
    store = open_store(tmp_path / "m.db")
    report = ingest(store, files)
    assert report.added == len(files), report.errors
    for article in store.iter_articles():
        text = article.title + article.text
        arabic = sum("\u0600" <= ch <= "\u06ff" for ch in text)
        assert arabic / max(1, len(text.replace(" ", ""))) > 0.8, text[:80]
        assert "Ø" not in text and "Ù" not in text  # classic mojibake of UTF-8 read as Latin-1


def test_saudinewsnet_zip_and_ant_adapters(tmp_path):
    store = open_store(tmp_path / "m.db")
    day = shared_path("corpora", "saudinewsnet", "2015-07-21.zip")
    with zipfile.ZipFile(day) as zf:
        records = json.loads(zf.read(zf.namelist()[0]))
    report = ingest(store, [day], link=False)
    empty = [i for i, r in enumerate(records) if not (r.get("title") or "").strip() and not (r.get("content") or "").strip()]
    assert empty, "this day of SaudiNewsNet has records with neither title nor content"
    assert sorted(int(w.rsplit("[", 1)[1].rstrip("]")) for w, _ in report.errors) == empty
    assert report.added + report.duplicates + len(report.errors) == len(records)
    art = next(store.iter_articles())
    assert art.published is None and art.first_seen.year == 2015  # the date is the crawl date
    ant = tmp_path / "ant.jsonl"
    with gzip.open(shared_path("corpora", "ant-multisource", "CNN.jsonl.gz"), "rt", encoding="utf-8") as fh:
        ant.write_text("".join(next(fh) for _ in range(20)), encoding="utf-8")
    report = ingest(store, [ant], link=False)
    assert report.added == 20
    cnn = [a for a in store.iter_articles(source="CNN")]
    assert len(cnn) == 20 and all(a.published and a.published.tzinfo for a in cnn)
    assert all(a.lead for a in cnn)


def test_cli_exit_code_is_nonzero_only_when_nothing_was_ingested(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(RECORDS[1], ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = runner.invoke(app, ["--db", db, "--quiet", "ingest", str(bad)])
    assert result.exit_code == 1 and f"{bad}:1" in result.output
    result = runner.invoke(app, ["--db", db, "--quiet", "ingest", str(bad), str(good)])
    assert result.exit_code == 0, result.output
    assert "ingested 1 new article" in result.output


def test_bad_map_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "m.db"), "ingest", "x.csv", "--map", "body"])
    assert result.exit_code == 2 and "--map" in result.output


def test_a_corrupt_warc_record_is_named_and_the_records_after_it_are_kept(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gold = json.loads(shared_path("pages", "gold.json").read_text(encoding="utf-8"))
    files = [(p["url"], shared_path("pages", p["file"]).read_bytes()) for p in list(gold.values())[:4]]
    members = []
    for url, html in files:
        buf = BytesIO()
        writer = WARCWriter(buf, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers))
        members.append(buf.getvalue())
    broken = bytearray(members[1])
    broken[len(broken) // 2 : len(broken) // 2 + 64] = b"\x00" * 64  # damage the second record's gzip data
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(members[0] + bytes(broken) + members[2] + members[3])
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [path])
    assert report.added == 3, report.errors
    assert len(report.errors) == 1
    where, message = report.errors[0]
    assert where.startswith(f"{path}@{len(members[0])}") and "corrupt" in message
    stored = {a.url for a in store.iter_articles()}
    assert stored == {files[0][0], files[2][0], files[3][0]}


def test_odd_files_never_stop_the_batch(tmp_path):
    ok = tmp_path / "z-ok.jsonl"
    ok.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "num.json").write_text("42", encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_text("title,text\n" + f'"عنوان طويل","{"كلمة " * 40_000}"\n', encoding="utf-8")
    page = gzip.compress(b"<html><body><p>" + "نص".encode() * 500 + b"</p></body></html>")
    (tmp_path / "bad.html.gz").write_bytes(page[:30] + b"\xff" * 40 + page[70:])
    with zipfile.ZipFile(tmp_path / "mixed.zip", "w") as zf:
        zf.writestr("inner/a.warc.gz", b"not really")
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [tmp_path])
    named = {w.split("!")[0] for w, _ in report.errors}
    assert str(tmp_path / "num.json") in named and str(tmp_path / "bad.html.gz") in named
    assert str(tmp_path / "mixed.zip") in named
    titles = {a.title for a in store.iter_articles()}
    assert RECORDS[0]["title"] in titles and "عنوان طويل" in titles  # a 200 KB CSV field is read


def test_a_bad_first_line_does_not_drop_a_good_file(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = ['{"title": "مقطوع', *(json.dumps({**RECORDS[1], "url": f"https://s.example/{i}"}, ensure_ascii=False) for i in range(3))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(tmp_path / "m.db")
    report = ingest(store, [path])
    assert report.added == 3 and [w for w, _ in report.errors] == [f"{path}:1"]


def test_an_article_whose_linking_failed_is_linked_on_the_next_run(tmp_path, monkeypatch):
    import marsad.link

    path = tmp_path / "a.jsonl"
    text = ("عقد وزراء الخارجية العرب اجتماعاً طارئاً في القاهرة لبحث تطورات الأوضاع الإقليمية وسبل "
            "التنسيق المشترك، وأكد البيان الختامي دعم الحلول السياسية ورفض التدخلات الخارجية.")
    path.write_text(json.dumps({**RECORDS[0], "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    store = open_store(tmp_path / "m.db")
    real = marsad.link.link_article

    def broken(*args, **kwargs):
        raise RuntimeError("link failed")

    monkeypatch.setattr(marsad.link, "link_article", broken)
    first = ingest(store, [path])
    assert first.errors and store.count_articles() == 1 and store.get_article(1).story_id is None
    monkeypatch.setattr(marsad.link, "link_article", real)
    ingest(store, [path])
    assert store.get_article(1).story_id is not None and store.count_articles() == 1
