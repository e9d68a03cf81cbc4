"""parse_date / find_dates against the written case table and the gold pages' visible dates."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.arabic import ParsedDate, find_dates, parse_date
from tests.arabic.date_cases import CASES, REF
from tests.conftest import shared_path

REF_DT = datetime.fromisoformat(REF)


def test_case_table_is_large_and_covers_every_group() -> None:
    assert len(CASES) >= 300
    groups = {c[0] for c in CASES}
    assert {"egyptian", "levantine", "maghrebi", "moroccan", "combined", "hijri", "numeric",
            "relative", "english", "zone", "bidi", "none"} <= groups


@pytest.mark.parametrize("group,text,ref,expected,precision", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_date_case(group: str, text: str, ref: str | None, expected: str | None, precision: str | None) -> None:
    got = parse_date(text, ref=datetime.fromisoformat(ref) if ref else REF_DT)
    if expected is None:
        assert got is None, f"{text!r} -> {got}"
        return
    assert got is not None, f"{text!r}: no date"
    assert got.when.isoformat() == expected, f"{text!r}: {got}"
    assert got.precision == precision
    assert got.evidence and got.evidence in text


def test_evidence_is_a_slice_of_the_original_text() -> None:
    text = "نشر في: \u200fالأحد، ١٧ مارس ٢٠٢٤ - ١٠:٣٠ صباحاً\u200f وقال الوزير"
    got = parse_date(text)
    assert got is not None
    assert got.evidence in text
    assert got.evidence.startswith("نشر في")
    assert got.evidence.endswith("صباحاً")
    assert got.when == datetime(2024, 3, 17, 10, 30)


def test_tz_argument_makes_result_aware() -> None:
    got = parse_date("12 مارس 2024 10:00", tz="Asia/Baghdad")
    assert got is not None and got.when.tzinfo is not None
    assert got.when.utcoffset().total_seconds() == 3 * 3600
    got = parse_date("12 مارس 2024", tz=UTC)
    assert got is not None and got.when == datetime(2024, 3, 12, tzinfo=UTC)
    # a zone written in the text wins over the tz argument
    got = parse_date("12 مارس 2024 10:00 بتوقيت غرينتش", tz="Asia/Baghdad")
    assert got is not None and got.when.utcoffset().total_seconds() == 0
    # relative dates follow the tz argument
    got = parse_date("منذ ساعة", ref=REF_DT, tz="Asia/Riyadh")
    assert got is not None and got.when.isoformat() == "2024-03-20T17:30:00+03:00"
    got = parse_date("منذ ساعة", ref=datetime(2024, 3, 20, 15, 30))
    assert got is not None and got.when == datetime(2024, 3, 20, 14, 30)
    assert got.when.tzinfo is None


def test_no_date_without_text() -> None:
    assert parse_date("") is None
    assert find_dates("") == []


def test_find_dates_in_order() -> None:
    text = (
        "تاريخ النشر: 12th, March 2024 GMT\n12 مارس، 2024\nبغداد/المسلة ... في عام 2003، وأطاحت"
        "\nإقرأ أيضاً:\nبين الضغوط والعقوبات\n8 فبراير، 2025"
    )
    got = find_dates(text)
    assert [d.when.date().isoformat() for d in got] == ["2024-03-12", "2024-03-12", "2003-01-01", "2025-02-08"]
    assert [d.precision for d in got] == ["day", "day", "year", "day"]
    assert all(isinstance(d, ParsedDate) for d in got)


def test_find_dates_on_the_seed_page() -> None:
    text = shared_path("seed", "000_1307333e084fff0c.txt").read_text(encoding="utf-8")
    got = find_dates(text)
    days = [d.when.date().isoformat() for d in got if d.precision != "year"]
    assert days[:2] == ["2024-03-12", "2024-03-12"]
    assert "2025-02-08" in days
    years = [d.when.year for d in got if d.precision == "year"]
    assert years[:2] == [2014, 2017]
    best = parse_date(text)
    assert best is not None and best.when.date().isoformat() == "2024-03-12"


def test_hijri_pair_is_one_date() -> None:
    got = find_dates("11 شوال 1441هـ - 03 يونيو 2020م")
    assert len(got) == 1 and got[0].when == datetime(2020, 6, 3)


def test_time_zone_dst_is_applied() -> None:
    got = parse_date("13 مايو 2024 06:00 بتوقيت القاهرة")
    assert got is not None
    assert got.when.tzinfo == ZoneInfo("Africa/Cairo")
    assert got.when.utcoffset().total_seconds() == 3 * 3600


# ------------------------------------------------------------------------- gold pages


def _quoted(notes: str) -> list[str]:
    return re.findall(r'"([^"]{6,80})"', notes)


def _visible(notes: str) -> list[str]:
    """Strings the notes call the page's visible date ("visible "...", "Visible <time> "...")."""
    return re.findall(r'[Vv]isible(?: line| date| <time>)?\s*"([^"]+)"', notes)


def _gold() -> list[tuple[str, dict]]:
    gold = json.loads(shared_path("pages", "gold.json").read_text(encoding="utf-8"))
    return sorted(gold.items())


@pytest.mark.parametrize("key,page", _gold(), ids=[k for k, _ in _gold()])
def test_gold_visible_date(key: str, page: dict) -> None:
    visible = _visible(page["notes"])
    assert visible, f"{key}: notes name no visible date"
    wanted = {page["published"], *(page.get("published_alternatives") or [])}
    got = parse_date(visible[0])
    assert got is not None, f"{key}: {visible[0]!r}"
    assert got.when.date().isoformat() in wanted, f"{key}: {visible[0]!r} -> {got}"
    pub = page.get("published_datetime")
    if pub and got.precision in ("minute", "second"):
        # wall-clock time as shown on the page; the offset when the page states one
        gold_dt = datetime.fromisoformat(pub)
        if got.when.tzinfo is not None:
            assert got.when == gold_dt.replace(second=got.when.second), f"{key}: {got}"
        else:
            assert (got.when.hour, got.when.minute) == (gold_dt.hour, gold_dt.minute), f"{key}: {got}"


def test_gold_quoted_date_strings_parse() -> None:
    """Every quoted string in the notes that looks like a date line yields a date."""
    looks_like_date = re.compile(r"\d{1,2}[:/.\- ]+\S*\d|\d{4}")
    checked = 0
    for key, page in _gold():
        for s in _quoted(page["notes"]):
            if not looks_like_date.search(s) or s.startswith(("http", "<")) or "=" in s:
                continue
            if not re.search(r"\d{4}|[٠-٩]{4}", s):
                continue
            got = parse_date(s)
            assert got is not None, f"{key}: {s!r}"
            checked += 1
    assert checked >= 15


# ------------------------------------------------------------------------- robustness

_DATEISH = st.lists(
    st.sampled_from([*"0123456789٠١٢٣٤٥٦٧٨٩/.-: ،,+\u200fصم",
                     "مارس", "آذار", "رمضان", "هـ", "منذ", "ساعات", "أمس", "GMT", "بتوقيت القاهرة",
                     "الأحد", "عام", "T", "Z", "نشر في:", "الموافق", "يوم", " 2024", "12:30"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_DATEISH, st.text(max_size=60)))
def test_never_raises_and_evidence_is_in_text(text: str) -> None:
    from marsad.arabic import parse_number

    for d in find_dates(text, ref=REF_DT):
        assert d.precision in ("year", "month", "day", "minute", "second")
        assert d.evidence in text
    got = parse_date(text, ref=REF_DT)
    assert got is None or got.evidence in text
    for q in parse_number(text):
        assert q.evidence in text


def _page_text(page: dict) -> str:
    import lxml.html

    doc = lxml.html.fromstring(shared_path("pages", page["file"]).read_bytes())
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in doc.itertext() if t.strip())


@pytest.mark.parametrize("key,page", _gold(), ids=[k for k, _ in _gold()])
def test_find_dates_on_whole_gold_page(key: str, page: dict) -> None:
    """On the page's whole visible text the published day is among the dates found, and the
    dates found are plausible (none after the crawl year)."""
    found = find_dates(_page_text(page), ref=datetime(2024, 6, 1))
    wanted = {page["published"], *(page.get("published_alternatives") or [])}
    assert wanted & {d.when.date().isoformat() for d in found}, key
    assert all(d.when.year <= 2024 for d in found), key


def test_zone_on_the_line_before_the_time() -> None:
    got = find_dates("العالم العربي\nGMT\n17:27 17.03.2020\n(محدثة\nGMT\n17:49 17.03.2020)")
    assert [d.when.isoformat() for d in got] == ["2020-03-17T17:27:00+00:00", "2020-03-17T17:49:00+00:00"]
