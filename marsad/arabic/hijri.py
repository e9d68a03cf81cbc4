"""Hijri (Umm al-Qura) to Gregorian conversion, via hijridate.

Umm al-Qura is the calendar of Saudi official dates and of most Arabic news sites that show
a Hijri date; hijridate covers 1343-1500 AH (1924-2077 CE).
"""

from __future__ import annotations

from datetime import date

from hijridate import Hijri

__all__ = ["HIJRI_YEARS", "hijri_to_gregorian"]

HIJRI_YEARS = range(1343, 1501)


def hijri_to_gregorian(year: int, month: int, day: int = 1) -> date | None:
    """The Gregorian date of an Umm al-Qura date, or None when it is out of range/invalid."""
    if year not in HIJRI_YEARS or not 1 <= month <= 12 or not 1 <= day <= 30:
        return None
    try:
        g = Hijri(year, month, day, validate=True).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)
