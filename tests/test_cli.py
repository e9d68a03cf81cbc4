"""The CLI as a user runs it: a thin layer over the API, clear messages, JSON outputs."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from marsad import __version__
from marsad.cli import app
from tests.conftest import shared_path

runner = CliRunner()

# A sample record written for these tests.
RECORD = {"title": "افتتاح معرض الكتاب في عمّان", "text": "افتتح معرض عمّان الدولي للكتاب أبوابه.\nويشارك فيه ناشرون من عشرين دولة.",
          "url": "https://sample.example/book-fair", "source": "sample.example", "published": "2024-09-26T09:00:00+03:00"}


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_extract_json_has_the_documented_fields():
    page = shared_path("pages", "adbar__htmldate", "tests", "test_set", "1550981615.html")
    result = invoke("extract", str(page), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("url", "title", "published", "authors", "tags", "body", "dateline", "attribution", "related"):
        assert key in data
    assert data["title"] == "مصر تسجل 30 إصابة جديدة وحالتي وفاة بفيروس كورونا"
    assert data["published"].startswith("2020-03-17") and isinstance(data["body"], list)


def test_extract_text_page_segments_the_seed():
    seed = next(shared_path("seed").glob("*.txt"))
    result = invoke("extract", str(seed), "--text", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["title"].startswith("التحالف الدولي في العراق")
    assert data["published"].startswith("2024-03-12")
    assert data["related_articles"] and data["related_articles"][0]["published"].startswith("2025-02-08")
    assert not any("لايعبّر بالضرورة" in p for p in data["body"])


def test_extract_bad_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = invoke("extract", str(empty), "--json")
    assert result.exit_code == 1 and "no article" in result.output
    result = invoke("extract", str(tmp_path / "missing.html"))
    assert result.exit_code == 2 and "cannot read" in result.output


def test_ingest_search_export_stats_stories(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("--db", db, "--quiet", "ingest", str(src)).exit_code == 0
    result = invoke("--db", db, "search", "المعرض", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 1 and data["results"][0]["url"] == RECORD["url"]
    assert set(data["results"][0]) >= {"url", "title", "source", "published", "score", "snippet"}
    bad = invoke("--db", db, "search", "(المعرض")
    assert bad.exit_code == 2 and "invalid query" in bad.output and "Traceback" not in bad.output
    out = invoke("--db", db, "export", "--format", "jsonl")
    assert json.loads(out.stdout.splitlines()[0])["title"] == RECORD["title"]
    out = invoke("--db", db, "export", "--format", "csv", "--query", "ناشرون")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 1 and rows[0]["url"] == RECORD["url"]
    stats = json.loads(invoke("--db", db, "stats", "--json").stdout)
    assert stats["articles"] == 1
    stories = invoke("--db", db, "stories", "--json")
    assert stories.exit_code == 0 and isinstance(json.loads(stories.stdout), list)


def test_empty_store_explains_what_to_do(tmp_path):
    result = invoke("--db", str(tmp_path / "m.db"), "stats")
    assert result.exit_code == 0
    assert "marsad sources add" in result.output and "marsad ingest" in result.output and "marsad demo" in result.output


def test_demo_ingests_the_sample_archive():
    result = invoke("--quiet", "demo", "--no-serve")
    assert result.exit_code == 0, result.output
    assert "8 articles" in result.output and "0 pages skipped" in result.output


def test_stories_of_the_demo_show_the_copy_chain_story(tmp_path):
    from marsad.demo import demo_warc

    db = str(tmp_path / "d.db")
    assert invoke("--db", db, "--quiet", "ingest", str(demo_warc())).exit_code == 0
    data = json.loads(invoke("--db", db, "stories", "--json").stdout)
    locust = [s for s in data if "الجراد" in s["title"]]
    assert len(locust) == 1 and locust[0]["article_count"] == 3 and locust[0]["outlet_count"] == 3
    assert next(a["source"] for a in locust[0]["articles"]) == "wakala-anba.example"  # the agency published first
    table = invoke("--db", db, "stories")
    assert table.exit_code == 0 and "الجراد" in table.output


def test_page_text_that_looks_like_markup_is_printed_as_is(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "a.jsonl"
    text = ("افتتح معرض عمّان الدولي للكتاب أبوابه أمس بمشاركة ناشرين من عشرين دولة عربية وأجنبية، "
            "ويستمر المعرض عشرة أيام تتخللها ندوات وأمسيات شعرية وتوقيع كتب جديدة.")
    src.write_text(json.dumps({**RECORD, "title": "خبر [/bold] عاجل [red]", "text": text}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    assert invoke("--db", db, "--quiet", "ingest", str(src)).exit_code == 0
    result = invoke("--db", db, "search", "عاجل")
    assert result.exit_code == 0 and "خبر [/bold] عاجل [red]" in result.output
    assert "[/bold]" in invoke("--db", db, "stories").output


def test_csv_export_guards_formulas_and_keeps_the_old_file_on_a_bad_query(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({**RECORD, "title": '=HYPERLINK("http://evil","x")'}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("--db", db, "--quiet", "ingest", str(src)).exit_code == 0
    out = invoke("--db", db, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["title"].startswith("'=")
    keep = tmp_path / "keep.csv"
    keep.write_text("precious", encoding="utf-8")
    bad = invoke("--db", db, "export", "--format", "csv", "--query", "(", "-o", str(keep))
    assert bad.exit_code == 2 and keep.read_text(encoding="utf-8") == "precious"
    assert invoke("--db", db, "export", "--format", "csv", "-o", str(keep)).exit_code == 0
    assert "HYPERLINK" in keep.read_text(encoding="utf-8-sig")
