"""The article's own publication/update time, from every place a page states it.

Sources, most to least trusted: JSON-LD on the article object, article/OpenGraph/itemprop meta,
<time datetime>, the visible date line next to the headline, the URL. They are reconciled:
* the most specific value wins (explicit offset > wall-clock, seconds > minutes > day);
* a machine value whose UTC offset disagrees with the visible wall-clock date on the page is
  re-expressed in the offset the visible date implies (Sada El Balad: 23:59Z shown as 01:59);
* a "Z" stamp equal to the visible wall-clock time is local time mislabelled (Youm7), so the
  outlet's zone (TLD / known outlet table) replaces it when known;
* a visible "last update" line is `updated`, and the URL day is preferred for `published`;
* modification times earlier than publication are template noise and are dropped.
Dates of related items, sidebars and header clocks are not near the headline and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from marsad.extract.body import is_date_line
from marsad.extract.datetext import TextDate, parse_iso, parse_text_date
from marsad.extract.document import Document, clean
from marsad.extract.headline import headline_window

PUBLISHED_META = ("article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
                  "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date",
                  "dcterms.created", "datecreated", "sailthru.date", "parsely-pub-date", "article.published",
                  "publication_date", "date", "release_date")
MODIFIED_META = ("article:modified_time", "datemodified", "og:updated_time", "dc.date.modified",
                 "dcterms.modified", "last-modified", "lastmod")
_UPDATE_WORDS = re.compile(r"آخر تحديث|اخر تحديث|تم التحديث|تحديث:|محدث[ةه]|updated|last update", re.IGNORECASE)
_PUBLISH_WORDS = re.compile(r"نشر|تاريخ|published|posted", re.IGNORECASE)

TLD_ZONES = {"eg": "Africa/Cairo", "sa": "Asia/Riyadh", "ae": "Asia/Dubai", "jo": "Asia/Amman",
             "lb": "Asia/Beirut", "iq": "Asia/Baghdad", "sy": "Asia/Damascus", "kw": "Asia/Kuwait",
             "qa": "Asia/Qatar", "bh": "Asia/Bahrain", "om": "Asia/Muscat", "ye": "Asia/Aden",
             "ps": "Asia/Gaza", "ma": "Africa/Casablanca", "dz": "Africa/Algiers", "tn": "Africa/Tunis",
             "ly": "Africa/Tripoli", "sd": "Africa/Khartoum", "mr": "Africa/Nouakchott"}
# Well-known outlets on generic TLDs and the zone their pages' wall-clock times use.
OUTLET_ZONES = {
    "youm7.com": "Africa/Cairo", "akhbarelyom.com": "Africa/Cairo", "elbalad.news": "Africa/Cairo",
    "elbaladtv.net": "Africa/Cairo", "masrawy.com": "Africa/Cairo", "almasryalyoum.com": "Africa/Cairo",
    "shorouknews.com": "Africa/Cairo", "elwatannews.com": "Africa/Cairo", "ahram.org.eg": "Africa/Cairo",
    "alyaum.com": "Asia/Riyadh", "okaz.com.sa": "Asia/Riyadh", "sabq.org": "Asia/Riyadh",
    "alriyadh.com": "Asia/Riyadh", "aleqt.com": "Asia/Riyadh", "almadenahnews.com": "Asia/Amman",
    "alghad.com": "Asia/Amman", "ammonnews.net": "Asia/Amman", "addustour.com": "Asia/Amman",
    "beirutobserver.com": "Asia/Beirut", "annahar.com": "Asia/Beirut", "almanar.com.lb": "Asia/Beirut",
    "almasalah.com": "Asia/Baghdad", "alsumaria.tv": "Asia/Baghdad", "aljazeera.net": "Asia/Qatar",
    "alarabiya.net": "Asia/Dubai", "skynewsarabia.com": "Asia/Dubai", "emaratalyoum.com": "Asia/Dubai",
    "hespress.com": "Africa/Casablanca", "echoroukonline.com": "Africa/Algiers", "alquds.co.uk": "Europe/London",
    "rt.com": "Europe/Moscow", "sputniknews.com": "Europe/Moscow",
    "alkhaleej.ae": "Asia/Dubai", "albayan.ae": "Asia/Dubai",
    "alwatan.com.sa": "Asia/Riyadh", "aljarida.com": "Asia/Kuwait", "alanba.com.kw": "Asia/Kuwait",
    "raya.com": "Asia/Qatar", "al-sharq.com": "Asia/Qatar", "alayam.com": "Asia/Bahrain",
    "shabiba.com": "Asia/Muscat", "almayadeen.net": "Asia/Beirut", "lbcgroup.tv": "Asia/Beirut",
    "enabbaladi.net": "Asia/Damascus", "shafaq.com": "Asia/Baghdad", "rudaw.net": "Asia/Baghdad",
    "maannews.net": "Asia/Hebron", "alaraby.co.uk": "Europe/London", "raialyoum.com": "Europe/London",
    "elaph.com": "Europe/London", "alahednews.com.lb": "Asia/Beirut", "tunisienumerique.com": "Africa/Tunis",
    "alyoum24.com": "Africa/Casablanca", "le360.ma": "Africa/Casablanca", "ennaharonline.com": "Africa/Algiers",
    "alwasat.ly": "Africa/Tripoli", "alrakoba.net": "Africa/Khartoum",
}


@dataclass
class DateResult:
    published: datetime | None = None
    precision: str | None = None
    evidence: str | None = None
    updated: datetime | None = None


@dataclass
class _Cand:
    when: datetime
    precision: str
    source: str
    rank: int  # lower = more trusted

    @property
    def aware(self) -> bool:
        return self.when.tzinfo is not None


_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2, "minute": 3, "second": 4}


def outlet_zone(host: str | None, doc: Document) -> ZoneInfo | None:
    """The outlet's local zone from a small table of outlets, else the country TLD."""
    if host:
        host = host.lower().removeprefix("www.")
        for h, z in OUTLET_ZONES.items():
            if host == h or host.endswith("." + h):
                return ZoneInfo(z)
        tld = host.rsplit(".", 1)[-1]
        if tld in TLD_ZONES:
            return ZoneInfo(TLD_ZONES[tld])
    return None


def _structured(doc: Document, keys_ld: tuple[str, ...], keys_meta: tuple[str, ...], base_rank: int) -> list[_Cand]:
    out: list[_Cand] = []
    from marsad.extract.document import ARTICLE_TYPES
    for key in keys_ld:
        for v in doc.ld(key, ARTICLE_TYPES):
            if isinstance(v, str):
                c = _parse_value(v, f"JSON-LD {key}", base_rank)
                if c:
                    out.append(c)
    for key in keys_meta:
        for v in doc.meta.get(key, []):
            c = _parse_value(v, f"meta {key}", base_rank + 1)
            if c:
                out.append(c)
    return out


def _parse_value(value: str, source: str, rank: int) -> _Cand | None:
    iso = parse_iso(value)
    if iso:
        return _Cand(iso[0], iso[1], f"{source}={value.strip()}", rank)
    td = parse_text_date(value)  # some sites put the visible Arabic string in meta tags
    if td:
        return _Cand(td.when, td.precision, f"{source}={clean(value)}", rank + 1)
    return None


def _time_elements(doc: Document) -> list[_Cand]:
    out = []
    for el in doc.tree.iter("time"):
        v = el.get("datetime")
        if v:
            c = _parse_value(v, "<time datetime>", 3)
            if c:
                out.append(c)
                break
    return out


def visible_dates(doc: Document, title: str) -> list[tuple[int, TextDate, str]]:
    """Date lines near the headline: (distance in blocks, parsed date, line text)."""
    window = headline_window(doc, title)
    if window is None:
        return []
    anchor = window.anchor
    out = []
    for b in window.blocks:
        if b.words > 30 or b.index == anchor or (b.link_density > 0.6 and not is_date_line(b.text)):
            continue  # a linked line is a related item, unless it is only a date (WordPress links it)
        if b.index < anchor - 2 and not _PUBLISH_WORDS.search(b.text):
            continue  # further up is the masthead, whose clock is the crawl time
        for td, line in _dates_of_line(b.text):
            out.append((b.index - anchor, td, line))
    out.sort(key=lambda t: (t[0] < 0, abs(t[0])))  # after the headline first (stable: line order kept)
    return out


_LEADING_TIME = re.compile(r"^[\s|،,\-–]*[\d٠-٩]{1,2}:[\d٠-٩]{2}(?:\s*(?:ص|م|am|pm)\b)?", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}|[١٢][٠-٩]{3}")


def _dates_of_line(text: str) -> list[tuple[TextDate, str]]:
    """The dates a visible line states, each with the part of the line that labels it.

    One line can carry both times: "GMT 17:27 17.03.2020 (محدثة GMT 17:49 17.03.2020)" or
    "آخر تحديث: 24 أيار 2018 | 09:40  23 أيار 2018 | 15:12". When the update label has a date of
    its own, that date is the update, and a date before the label (or a second, earlier one after
    it) is the publication, returned with a label-free part of the line. When the label has only a
    time ("الأحد، 04 آب 2013، آخر تحديث 02:21"), the whole line is the update."""
    m = _UPDATE_WORDS.search(text)
    whole = parse_text_date(text)
    if m is None or whole is None:
        return [(whole, text)] if whole else []
    before, after = text[: m.start()], text[m.start():]
    upd = parse_text_date(after)
    if upd is None:
        return [(whole, text)]
    published = parse_text_date(before) if _YEAR.search(before) else None
    if published is None:
        years = list(_YEAR.finditer(after))
        if len(years) >= 2:
            rest = _LEADING_TIME.sub("", after[years[0].end():])  # "| 09:40" is the first date's time
            second = parse_text_date(rest)
            if second is not None and second.when.date() < upd.when.date():
                return [(upd, after), (second, rest)]
        return [(upd, after)]
    return [(published, before), (upd, after)]


def url_date(url: str | None) -> datetime | None:
    """Day encoded in the URL path: /2020/8/24/, /2013/middle_east/8/3/, 2020-06-03, /20200317..."""
    if not url:
        return None
    path = unquote(url.split("?", 1)[0])
    pats = [r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)", r"/((?:19|20)\d{2})/[a-z_\-]+/(\d{1,2})/(\d{1,2})/",
            r"[/\-_]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\D|$)", r"/((?:19|20)\d{2})(\d{2})(\d{2})\d{6,}",
            r"/((?:19|20)\d{2})(\d{2})(\d{2})/"]  # an issue folder: /new/Issues/20150801/...
    for p in pats:
        m = re.search(p, path)
        if m:
            try:
                return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def _best(cands: list[_Cand]) -> _Cand | None:
    if not cands:
        return None
    return min(cands, key=lambda c: (not c.aware, -_PRECISION_ORDER.get(c.precision, 0), c.rank))


def _same_wall_clock(a: datetime, b: datetime) -> bool:
    return a.replace(tzinfo=None, second=0) == b.replace(tzinfo=None, second=0)


def _reconcile(c: _Cand, vis: TextDate | None, zone: ZoneInfo | None, notes: list[str]) -> datetime:
    when = c.when
    if vis is not None and vis.has_time and when.tzinfo is not None and not vis.explicit_utc:
        v = vis.when.replace(tzinfo=None)
        utc_wall = when.astimezone(UTC).replace(tzinfo=None)
        diff = v - utc_wall
        if when.utcoffset() == timedelta(0) and _same_wall_clock(v, when):
            if zone is not None:
                notes.append(f"the 'Z' time equals the visible local time '{vis.evidence}'; taken as {zone.key} time")
                return when.replace(tzinfo=None).replace(tzinfo=zone)
            notes.append("the 'Z' time equals the visible wall-clock time; outlet zone unknown, kept as UTC")
            return when
        minutes = diff.total_seconds() / 60  # visible times lack seconds: round to the half hour
        half_hours = round(minutes / 30)
        if 1 <= abs(half_hours) <= 28 and abs(minutes - 30 * half_hours) <= 1.5 \
                and not _same_wall_clock(v, when.replace(tzinfo=None)):
            offset = timezone(timedelta(minutes=30 * half_hours))
            notes.append(f"visible '{vis.evidence}' shows the same instant at UTC{_fmt(offset)}; local offset used")
            return when.astimezone(offset)
    if when.tzinfo is None:
        if zone is not None:
            notes.append(f"no offset on the page; outlet zone {zone.key} assumed")
            return when.replace(tzinfo=zone)
        notes.append("no offset on the page and outlet zone unknown; wall-clock taken as UTC")
        return when.replace(tzinfo=UTC)
    return when


def _fmt(tz: timezone) -> str:
    off = tz.utcoffset(None)
    total = int(off.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


def _near(a: datetime, b: datetime) -> bool:
    """The same day or the day around it (wall-clock values of different zones compared as such)."""
    return abs((a.replace(tzinfo=None) - b.replace(tzinfo=None)).days) <= 1


def extract_dates(doc: Document, title: str, host: str | None) -> DateResult:
    """Publication and update time of the article itself, with the reason for the choice."""
    zone = outlet_zone(host, doc)
    pub = _structured(doc, ("datePublished", "dateCreated"), PUBLISHED_META, 0) + _time_elements(doc)
    mod = _structured(doc, ("dateModified",), MODIFIED_META, 0)
    near = visible_dates(doc, title)
    vis_pub = next((td for _, td, line in near if not _UPDATE_WORDS.search(line)), None)
    vis_upd = next((td for _, td, line in near if _UPDATE_WORDS.search(line)), None)
    notes: list[str] = []
    result = DateResult()
    best = _best(pub)
    # a visible date for the same day (or the day around it) confirms the structured value; when
    # they disagree, the side another source backs wins (a template can stamp a wrong year)
    if vis_pub is not None and best is not None and not _near(vis_pub.when, best.when):
        backing = [c for c in pub if _near(c.when, vis_pub.when)]
        udate = url_date(doc.canonical or doc.url)
        if backing:
            notes.append(f"{best.source} disagrees with the visible date '{vis_pub.evidence}', which "
                         f"{backing[0].source} confirms; {best.source} ignored")
            best = _best(backing)
        elif udate is not None and _near(udate, vis_pub.when) and not _near(udate, best.when):
            notes.append(f"{best.source} disagrees with the visible date '{vis_pub.evidence}' and the URL day "
                         f"{udate.date()}, which agree; {best.source} ignored")
            best = None
        else:
            notes.append(f"visible date '{vis_pub.evidence}' disagrees with {best.source}; structured value kept")
            vis_pub = None
    if best is not None:
        result.published = _reconcile(best, vis_pub, zone, notes)
        result.precision = best.precision
        others = [c.source for c in pub if c is not best]
        result.evidence = best.source + ("; also " + ", ".join(others[:3]) if others else "")
    elif vis_pub is not None:
        c = _Cand(vis_pub.when, vis_pub.precision, f"visible date near headline: '{vis_pub.evidence}'", 5)
        result.published = _reconcile(c, None, zone, notes)
        result.precision, result.evidence = c.precision, c.source
    udate = url_date(doc.canonical or doc.url)
    if result.published is None and vis_upd is not None:
        upd = vis_upd.when if vis_upd.when.tzinfo else _reconcile(_Cand(vis_upd.when, vis_upd.precision, "", 5), None, zone, [])
        if udate is not None and udate.date() <= upd.date():
            result.published = udate.replace(tzinfo=(zone or upd.tzinfo or UTC))
            result.precision = "day"
            result.evidence = (f"URL day {udate.date()}; the only visible time '{vis_upd.evidence}' is a last update")
        else:
            result.published, result.precision = upd, vis_upd.precision
            result.evidence = f"only a last-update time is shown: '{vis_upd.evidence}'"
        result.updated = upd
    if result.published is None and udate is not None:
        result.published = udate.replace(tzinfo=zone or UTC)
        result.precision, result.evidence = "day", f"URL day {udate.date()}"
    if result.published is not None and udate is not None and result.evidence and "URL" not in result.evidence \
            and abs((udate.date() - result.published.date()).days) > 1:
        notes.append(f"URL day {udate.date()} differs")
    best_mod = _best(mod)
    if best_mod is not None and result.updated is None:
        same = best is not None and best_mod.when == best.when  # same stamp: same correction
        m = result.published if same else _reconcile(best_mod, None, zone, [])
        if m is None:
            pass
        elif result.published is None or m >= result.published:
            result.updated = m
        else:
            notes.append(f"{best_mod.source} is before publication (template value), ignored")
    if notes and result.evidence:
        result.evidence += " | " + "; ".join(notes)
    return result
