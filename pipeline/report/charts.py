"""Charts as inline SVG strings: pure functions, no JavaScript, no files to fetch.

A report that opens from a file, offline, in any browser, and can be mailed;
a charting library would mean a script from the network or a large bundle.
Every mark carries a <title>, which browsers show as a tooltip.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from pipeline.report.data import MonthlyMentions, Pair, Speaker, TimelineEvent

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")
# colours of their own, outside the palette, so each chart reads apart (and tests can find them on screen)
PERSON_COLOUR = "#0b5394"
ORGANIZATION_COLOUR = "#e69138"
BAR_COLOUR = "#4e79a7"
EMPTY = '<p class="empty">Nothing to show yet.</p>'


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, s: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" {extra}>{escape(s)}</text>'


def mentions_over_time(series: tuple[MonthlyMentions, ...], width: int = 760, height: int = 300) -> str:
    """One line per person: mentions per month, months with data evenly spaced."""
    months = sorted({m for s in series for m, _ in s.months})
    if not months:
        return EMPTY
    left, right, top, bottom = 40, 170, 15, 45
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(n for s in series for _, n in s.months)
    step = plot_w / max(len(months) - 1, 1)

    def x(month: dt.date) -> float:
        return left + (months.index(month) * step if len(months) > 1 else plot_w / 2)

    def y(n: int) -> float:
        return top + plot_h - plot_h * n / peak

    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>']
    for tick in sorted({0, peak // 2, peak}):
        body.append(_text(left - 6, y(tick) + 4, str(tick), "end"))
    every = max(1, math.ceil(len(months) / 10))
    for i, month in enumerate(months):
        if i % every == 0:
            body.append(_text(x(month), top + plot_h + 16, month.strftime("%Y-%m"), "middle", 10))
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = " ".join(f"{x(m):.1f},{y(n):.1f}" for m, n in s.months)
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="3"/>')
        for m, n in s.months:
            body.append(
                f'<circle cx="{x(m):.1f}" cy="{y(n):.1f}" r="5" fill="{colour}">'
                f"<title>{escape(s.name)}, {m:%Y-%m}: {n} mentions</title></circle>"
            )
        ly = top + 14 + i * 18
        body.append(f'<rect x="{width - right + 12}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>')
        body.append(_text(width - right + 30, ly + 1, s.name))
    return _svg(width, height, body, "Mentions per month of the most mentioned people")


def top_speakers(speakers: tuple[Speaker, ...], width: int = 760) -> str:
    if not speakers:
        return EMPTY
    row, label_w, pad = 26, 230, 50
    height = row * len(speakers) + 10
    peak = max(s.statements for s in speakers)
    body: list[str] = []
    for i, s in enumerate(speakers):
        y = 5 + i * row
        w = (width - label_w - pad) * s.statements / peak
        name = s.name if len(s.name) <= 34 else s.name[:33] + "…"
        body.append(_text(label_w - 8, y + 15, name, "end", 12))
        body.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" fill="{BAR_COLOUR}">'
            f"<title>{escape(s.name)}: {s.statements} statements ({s.direct} quoted, {s.questions} questions)"
            "</title></rect>"
        )
        body.append(_text(label_w + w + 6, y + 15, str(s.statements), "start", 12))
    return _svg(width, height, body, "Speakers with the most statements")


def event_timeline(events: tuple[TimelineEvent, ...], width: int = 760) -> str:
    """Events on a time axis, one lane per event type."""
    if not events:
        return EMPTY
    types = sorted({e.event_type for e in events})
    lane, left, right, top = 28, 130, 20, 10
    height = top + lane * len(types) + 40
    first, last = min(e.day for e in events), max(e.day for e in events)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        if first == last:
            return left + (width - left - right) / 2
        return left + (width - left - right) * (day - first).days / span

    body: list[str] = []
    for i, kind in enumerate(types):
        y = top + i * lane + lane / 2
        colour = PALETTE[i % len(PALETTE)]
        body.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#e5e5e5"/>')
        body.append(_text(left - 8, y + 4, kind.replace("_", " "), "end"))
        for e in (e for e in events if e.event_type == kind):
            who = ", ".join(e.participants) or "?"
            where = f" in {e.place}" if e.place else ""
            note = " (date of publication)" if e.from_publication else ""
            body.append(
                f'<circle cx="{x(e.day):.1f}" cy="{y}" r="7" fill="{colour}" fill-opacity="0.8">'
                f"<title>{e.day}{note}: {escape(kind)}{escape(where)}: {escape(who)}</title></circle>"
            )
    axis_y = top + lane * len(types) + 8
    body.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#999"/>')
    body.append(_text(left, axis_y + 16, first.isoformat(), "start", 10))
    if last != first:
        body.append(_text(width - right, axis_y + 16, last.isoformat(), "end", 10))
    return _svg(width, height, body, "Timeline of events by type")


def cooccurrence_network(pairs: tuple[Pair, ...], width: int = 760, height: int = 560) -> str:
    """People and organizations on a circle; a line for every pair named together, thicker for more articles."""
    if not pairs:
        return EMPTY
    nodes: dict[tuple[str, str], int] = {}
    for p in pairs:
        nodes[(p.a, p.a_kind)] = nodes.get((p.a, p.a_kind), 0) + p.articles
        nodes[(p.b, p.b_kind)] = nodes.get((p.b, p.b_kind), 0) + p.articles
    order = sorted(nodes, key=lambda k: (k[1], -nodes[k], k[0]))
    cx, cy, radius = width / 2, height / 2, min(width, height) / 2 - 110
    position = {
        key: (
            cx + radius * math.cos(2 * math.pi * i / len(order)),
            cy + radius * math.sin(2 * math.pi * i / len(order)),
        )
        for i, key in enumerate(order)
    }
    peak = max(p.articles for p in pairs)
    body: list[str] = []
    for p in pairs:
        (x1, y1), (x2, y2) = position[(p.a, p.a_kind)], position[(p.b, p.b_kind)]
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#888" '
            f'stroke-opacity="0.5" stroke-width="{1 + 4 * p.articles / peak:.1f}">'
            f"<title>{escape(p.a)} and {escape(p.b)}: {p.articles} articles</title></line>"
        )
    for (name, kind), (x, y) in position.items():
        colour = PERSON_COLOUR if kind == "person" else ORGANIZATION_COLOUR
        angle = math.atan2(y - cy, x - cx)
        lx, ly = x + 14 * math.cos(angle), y + 14 * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) >= 0 else "end"
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}"><title>{escape(name)}</title></circle>')
        body.append(_text(lx, ly, name, anchor, 11))
    return _svg(width, height, body, "People and organizations named in the same articles")
