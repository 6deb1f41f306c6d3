"""``tutor workshop report``: what a workshop's results say, as Markdown, CSV or HTML.

Two tables: per participant and call (attempts, first, best and last score), and per
principle for the whole group (the share of its points earned at the first attempt against
the best one, and how often it was missed). The HTML is one self-contained file: inline CSS
and SVG, nothing fetched, readable offline and on paper.

It reads attempts in the attempt store's shape (:mod:`tutor.store.record`: ``principles``
items are ``{id, verdict, points, max}``), oldest first. Plain Python.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tutor.safe_text import for_markdown
from tutor.workshop.results import principle_title

FORMATS = ("md", "csv", "html")


@dataclass(frozen=True, slots=True)
class CallRow:
    """One participant's attempts at one call."""

    participant: str
    scenario_id: str
    attempts: int
    first: int
    best: int
    last: int


@dataclass(frozen=True, slots=True)
class PrincipleRow:
    """One principle across the group: mean share of its points (0-1), first and best."""

    principle: str
    first: float
    best: float
    missed: int  # how many attempts missed it


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the report shows."""

    calls: tuple[CallRow, ...]
    principles: tuple[PrincipleRow, ...]


def summarize(attempts: Iterable[dict[str, Any]]) -> Summary:
    """The report's tables from attempts given oldest first."""
    totals: dict[tuple[str, str], list[int]] = defaultdict(list)
    shares: dict[tuple[str, str], list[float]] = defaultdict(list)  # (participant, principle)
    missed: Counter[str] = Counter()
    for attempt in attempts:
        who = str(attempt.get("participant", ""))
        totals[who, str(attempt["scenario_id"])].append(int(attempt["total"]))
        for verdict in attempt.get("principles", []):
            if verdict["verdict"] == "n/a" or not verdict["max"]:
                continue
            shares[who, verdict["id"]].append(verdict["points"] / verdict["max"])
            missed[verdict["id"]] += verdict["verdict"] == "missed"
    calls = tuple(CallRow(who, call, len(t), t[0], max(t), t[-1])
                  for (who, call), t in sorted(totals.items()))
    by_principle: dict[str, list[list[float]]] = defaultdict(list)
    for (_, principle), seen in shares.items():
        by_principle[principle].append(seen)
    principles = tuple(sorted(
        (PrincipleRow(p, sum(s[0] for s in seen) / len(seen),
                      sum(max(s) for s in seen) / len(seen), missed[p])
         for p, seen in by_principle.items()),
        key=lambda row: (-row.missed, row.principle)))
    return Summary(calls, principles)


def as_markdown(summary: Summary) -> str:
    """The report as Markdown (names are escaped: a name cannot forge a heading or a cell)."""
    out = ["# Workshop results", "", "## Participants and calls", "",
           "| Participant | Call | Attempts | First | Best | Last |", "|---|---|---|---|---|---|"]
    out += [f"| {for_markdown(r.participant)} | `{r.scenario_id}` | {r.attempts} | {r.first} "
            f"| {r.best} | {r.last} |" for r in summary.calls]
    out += ["", "## Principles (the group, most missed first)", "",
            "| Principle | First attempt | Best attempt | Missed |", "|---|---|---|---|"]
    out += [f"| {principle_title(r.principle)} | {r.first:.0%} | {r.best:.0%} | {r.missed} |"
            for r in summary.principles]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: keep names as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(summary: Summary) -> str:
    """The participants × calls table as CSV, one row per participant and call."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["participant", "call", "attempts", "first", "best", "last"])
    for r in summary.calls:
        writer.writerow([_cell(r.participant), r.scenario_id, r.attempts, r.first, r.best,
                         r.last])
    return buffer.getvalue()


def _chart(rows: tuple[PrincipleRow, ...]) -> str:
    """Bars per principle, first attempt against best, as inline SVG."""
    bar, gap, label, width = 14, 12, 230, 300
    height = len(rows) * (2 * bar + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label + width + 60}" '
             f'height="{height}" role="img" aria-label="First and best attempt per principle">']
    for n, r in enumerate(rows):
        y = n * (2 * bar + gap)
        parts.append(f'<text x="0" y="{y + bar + 4}" font-size="12">'
                     f"{html.escape(principle_title(r.principle))}</text>")
        for k, (share, colour) in enumerate(((r.first, "#9aa5b1"), (r.best, "#2f7d4f"))):
            parts.append(f'<rect x="{label}" y="{y + k * bar}" width="{share * width:.1f}" '
                         f'height="{bar - 2}" fill="{colour}"/>')
            parts.append(f'<text x="{label + share * width + 4:.1f}" y="{y + k * bar + 11}" '
                         f'font-size="11">{share:.0%}</text>')
    legend = height - 10
    parts.append(f'<rect x="{label}" y="{legend - 10}" width="12" height="12" fill="#9aa5b1"/>'
                 f'<text x="{label + 16}" y="{legend}" font-size="12">first attempt</text>'
                 f'<rect x="{label + 120}" y="{legend - 10}" width="12" height="12" '
                 f'fill="#2f7d4f"/><text x="{label + 136}" y="{legend}" font-size="12">'
                 "best attempt</text></svg>")
    return "".join(parts)


def as_html(summary: Summary) -> str:
    """The report as one HTML file with its chart inline: nothing to fetch, prints well."""
    rows = "".join(
        f"<tr><td>{html.escape(r.participant)}</td><td><code>{html.escape(r.scenario_id)}"
        f"</code></td><td>{r.attempts}</td><td>{r.first}</td><td>{r.best}</td>"
        f"<td>{r.last}</td></tr>" for r in summary.calls)
    principles = "".join(
        f"<tr><td>{html.escape(principle_title(r.principle))}</td><td>{r.first:.0%}</td>"
        f"<td>{r.best:.0%}</td><td>{r.missed}</td></tr>" for r in summary.principles)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Workshop results</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #111; }}
table {{ border-collapse: collapse; margin: 1em 0 2em; }}
th, td {{ border: 1px solid #bbb; padding: 4px 10px; text-align: left; }}
th {{ background: #eee; }}
@media print {{ body {{ margin: 0; }} tr, svg {{ break-inside: avoid; }} }}
</style></head><body>
<h1>Workshop results</h1>
<h2>Principles (the group, most missed first)</h2>
{_chart(summary.principles)}
<table><tr><th>Principle</th><th>First attempt</th><th>Best attempt</th><th>Missed</th></tr>
{principles}</table>
<h2>Participants and calls</h2>
<table><tr><th>Participant</th><th>Call</th><th>Attempts</th><th>First</th><th>Best</th>
<th>Last</th></tr>
{rows}</table>
</body></html>
"""


def render(attempts: Iterable[dict[str, Any]], fmt: str) -> str:
    """The report of ``attempts`` in ``fmt`` (one of FORMATS)."""
    summary = summarize(attempts)
    return {"md": as_markdown, "csv": as_csv, "html": as_html}[fmt](summary)
