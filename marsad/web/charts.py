"""Server-side SVG charts: a sparkline and a line chart with right-to-left Arabic labels.

Every text that reaches the SVG is XML-escaped here; the result is marked safe for Jinja.
Time runs left to right (the convention of Arabic statistical charts too); labels, legend and
title are set right to left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

PALETTE = ["#0b5394", "#b3261e", "#2e7d32", "#6a1b9a", "#b45309", "#00695c"]  # all >= 4.5:1 on white
MAX_DAYS = 400  # longer spans are drawn per month


def _days(points: Sequence[tuple[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for day, n in points:
        if day and len(day) >= 10:
            out[day[:10]] = out.get(day[:10], 0) + int(n)
    return out


def _axis(series: dict[str, dict[str, int]]) -> list[str]:
    """Every day (or month, for long spans) from the first to the last point of any series."""
    keys = sorted({d for s in series.values() for d in s})
    if not keys:
        return []
    try:
        start, end = date.fromisoformat(keys[0]), date.fromisoformat(keys[-1])
    except ValueError:
        return keys
    if (end - start).days > MAX_DAYS:
        months, cur = [], start.replace(day=1)
        while cur <= end:
            months.append(cur.strftime("%Y-%m"))
            cur = (cur + timedelta(days=32)).replace(day=1)
        return months
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def _values(axis: list[str], points: dict[str, int]) -> list[int]:
    if axis and len(axis[0]) == 7:  # months
        totals: dict[str, int] = {}
        for day, n in points.items():
            totals[day[:7]] = totals.get(day[:7], 0) + n
        return [totals.get(m, 0) for m in axis]
    return [points.get(d, 0) for d in axis]


def sparkline(points: Sequence[tuple[str, int]], *, width: int = 140, height: int = 32, label: str = "") -> Markup:
    """Tiny bars of articles per day (oldest left), with an accessible name."""
    data = {"s": _days(points)}
    axis = _axis(data)
    values = _values(axis, data["s"])
    total = sum(values)
    unit = "شهر" if axis and len(axis[0]) == 7 else "يوم"
    name = label or f"{total} مقال خلال {len(axis)} {unit}، أعلى عدد في {unit} واحد: {max(values, default=0)}"
    head = (f'<svg class="spark" role="img" aria-label={quoteattr(name)} width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{escape(name)}</title>')  # fmt: skip
    base = f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" stroke="#767676"/>'
    if not values:
        return Markup(head + base + "</svg>")
    top = max(values) or 1
    slot = width / len(values)
    bar = max(1.0, min(slot * 0.8, 14.0))
    bars = []
    for i, v in enumerate(values):
        if v:
            h = max(2.0, (v / top) * (height - 3))
            x = i * slot + (slot - bar) / 2
            bars.append(f'<rect x="{x:.1f}" y="{height - 1 - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                        f'fill="{PALETTE[0]}"/>')  # fmt: skip
    return Markup(head + "".join(bars) + base + "</svg>")


def line_chart(
    series: Mapping[str, Sequence[tuple[str, int]]],
    *,
    title: str,
    width: int = 760,
    height: int = 300,
    max_series: int = 6,
) -> Markup:
    """Counts per day of one or more series on one chart, with an RTL legend and title."""
    ranked = sorted(series.items(), key=lambda kv: -sum(n for _, n in kv[1]))[:max_series]
    data = {name: _days(points) for name, points in ranked}
    axis = _axis(data)
    pad_l, pad_r, pad_t, pad_b = 48, 16, 40 + 20 * len(data), 40
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    height_total = height
    parts = [
        (
            f'<svg class="chart" role="img" aria-label={quoteattr(title)} width="100%" '
            f'viewBox="0 0 {width} {height_total}" preserveAspectRatio="xMidYMid meet" direction="rtl" '
            f'xmlns="http://www.w3.org/2000/svg">'
        ),
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height_total}" fill="#ffffff"/>',
        (
            f'<text x="{width - 8}" y="22" direction="rtl" text-anchor="start" font-size="16" '
            f'font-weight="bold" fill="#1a1a1a">{escape(title)}</text>'
        ),
    ]
    if not axis:
        parts.append(f'<text x="{width / 2}" y="{height_total / 2}" direction="rtl" text-anchor="middle" '
                     f'font-size="14" fill="#333333">لا توجد بيانات</text></svg>')  # fmt: skip
        return Markup("".join(parts))
    all_values = {name: _values(axis, pts) for name, pts in data.items()}
    top = max((max(v) for v in all_values.values() if v), default=1) or 1
    step = plot_w / max(1, len(axis) - 1)

    def x(i: int) -> float:
        return pad_l + (i * step if len(axis) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return pad_t + plot_h - (v / top) * plot_h

    for value in sorted({0, top // 2, top} if top >= 2 else {0, top}):  # grid and whole-number labels
        gy = y(value)
        parts.append(f'<line x1="{pad_l}" y1="{gy:.1f}" x2="{pad_l + plot_w}" y2="{gy:.1f}" stroke="#d0d0d0"/>')
        parts.append(f'<text x="{pad_l - 6}" y="{gy + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#333333">{value}</text>')  # fmt: skip
    bars = len(all_values) == 1  # one series: a bar per day reads better than a line
    if bars:
        slot = plot_w / len(axis)
        step = slot

        def x(i: int) -> float:
            return pad_l + slot * (i + 0.5)

    ticks = sorted({0, len(axis) // 2, len(axis) - 1})
    for i in ticks:  # x labels: first, middle, last day; the outer two kept inside the frame
        lx, anchor = x(i), "middle"
        if len(ticks) > 1 and i == ticks[0]:
            lx, anchor = pad_l, "start"
        elif len(ticks) > 1 and i == ticks[-1]:
            lx, anchor = pad_l + plot_w, "end"
        parts.append(f'<text x="{lx:.1f}" y="{pad_t + plot_h + 20}" text-anchor="{anchor}" font-size="12" '
                     f'fill="#333333" direction="ltr">{escape(axis[i])}</text>')  # fmt: skip
    for n, (name, values) in enumerate(all_values.items()):
        color = PALETTE[n % len(PALETTE)]
        dash = ["", ' stroke-dasharray="6 3"', ' stroke-dasharray="2 3"'][n % 3]  # not colour alone
        if bars:
            width_bar = max(1.0, min(step * 0.7, 40.0))
            for i, v in enumerate(values):
                if v:
                    parts.append(f'<rect x="{x(i) - width_bar / 2:.1f}" y="{y(v):.1f}" width="{width_bar:.1f}" '
                                 f'height="{y(0) - y(v):.1f}" fill="{color}"><title>{escape(axis[i])}: {v}'
                                 f'</title></rect>')  # fmt: skip
        elif len(values) == 1:
            parts.append(f'<circle cx="{x(0):.1f}" cy="{y(values[0]):.1f}" r="4" fill="{color}"/>')
        else:
            pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        ly = 44 + 20 * n  # legend, right-aligned, right to left
        parts.append(f'<line x1="{width - 40}" y1="{ly - 4}" x2="{width - 12}" y2="{ly - 4}" stroke="{color}" '
                     f'stroke-width="3"{dash}/>')  # fmt: skip
        label = f"{name} ({sum(values)})"
        parts.append(f'<text class="legend" x="{width - 48}" y="{ly}" direction="rtl" text-anchor="start" '
                     f'font-size="13" fill="#1a1a1a">{escape(label)}</text>')  # fmt: skip
    parts.append("</svg>")
    return Markup("".join(parts))


def chart_table(series: Mapping[str, Sequence[tuple[str, int]]]) -> list[tuple[str, list[int]]]:
    """The chart's numbers as rows (day, count per series), for a table beside the chart."""
    data = {name: _days(points) for name, points in series.items()}
    days = sorted({d for s in data.values() for d in s})
    return [(d, [data[name].get(d, 0) for name in data]) for d in days]
