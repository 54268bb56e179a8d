"""The report page: summary figures, four charts and the latest events, in one HTML file."""

from __future__ import annotations

import datetime as dt
from html import escape

from pipeline.report import charts
from pipeline.report.data import ReportData

STYLE = """
body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 820px; color: #222; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; }
.figures { display: flex; gap: 12px; flex-wrap: wrap; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 96px; }
.figure b { display: block; font-size: 22px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
td, th { border-bottom: 1px solid #eee; padding: 4px 6px; text-align: left; vertical-align: top; }
.empty, .note { color: #777; font-size: 13px; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
"""


def render_report(data: ReportData, generated: dt.datetime) -> str:
    t = data.totals
    span = f"{t.first_day} to {t.last_day}" if t.first_day else "no dated articles"
    figures = "".join(
        f'<div class="figure"><b>{n:,}</b>{label}</div>'
        for label, n in (
            ("articles", t.articles),
            ("people", t.people),
            ("organizations", t.organizations),
            ("statements", t.statements),
            ("events", t.events),
        )
    )
    rows = "".join(
        f"<tr><td>{e.day}</td><td>{escape(e.event_type.replace('_', ' '))}</td>"
        f"<td>{escape(', '.join(e.participants))}</td><td>{escape(e.place or '')}</td></tr>"
        for e in reversed(data.events[-15:])
    )
    legend = (
        f'<p class="legend"><span style="background:{charts.PERSON_COLOUR}"></span>person'
        f'<span style="background:{charts.ORGANIZATION_COLOUR}"></span>organization</p>'
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsetl report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body>
<h1>newsetl report</h1>
<p class="note">Articles published {escape(span)}.
Generated {generated:%Y-%m-%d %H:%M} UTC from the analytics views.</p>
<div class="figures">{figures}</div>
<h2 id="mentions">Mentions over time</h2>
{charts.mentions_over_time(data.mentions)}
<h2 id="speakers">Top speakers</h2>
{charts.top_speakers(data.speakers)}
<h2 id="timeline">Event timeline</h2>
{charts.event_timeline(data.events)}
<table><tr><th>day</th><th>event</th><th>participants</th><th>place</th></tr>{rows}</table>
<h2 id="network">Who appears with whom</h2>
{legend}
{charts.cooccurrence_network(data.pairs)}
</body></html>
"""
