"""Charts across districts for the Compare page: dollars by district, dollars per teacher by
district, and dollars per teacher against the Title II-A share (each point labelled with its
district), with alt text that states the extremes.

Owns those two figures and their wording. Reads ``metrics.comparison_rows`` (plain dicts);
never computes district figures itself and never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from advocacy import formatting
from advocacy.charts import FONT_FAMILY, INK, PALETTE

MIN_DISTRICTS = 2  # one district compares with nothing; its own page shows its figures
_BAR_PX = 22  # per district, so 30 districts' names stay readable
_LAYOUT = {"template": "plotly_white", "font": {"family": FONT_FAMILY, "color": INK}}


def charted(rows: Sequence[dict]) -> list[dict]:
    """Rows with a latest-year dollar figure, the only ones a chart can place."""
    return [row for row in rows if not formatting.missing(row.get("PL dollars"))]


def dollars_figure(rows: Sequence[dict]) -> go.Figure:
    """Horizontal bars, largest at the top, one per district."""
    return _bars(rows, "PL dollars", "Professional-learning dollars, latest year", "~s")


def per_teacher_figure(rows: Sequence[dict]) -> go.Figure:
    """Professional-learning dollars per teacher, one bar per district, largest at the top."""
    return _bars(rows, "Per teacher", "Professional-learning dollars per teacher, latest year",
                 ",.0f")


def _bars(rows: Sequence[dict], key: str, title: str, tickformat: str) -> go.Figure:
    ordered = sorted((row for row in charted(rows) if not formatting.missing(row.get(key))),
                     key=lambda row: row[key])
    figure = go.Figure(go.Bar(
        x=[row[key] for row in ordered], y=[row["District"] for row in ordered],
        orientation="h", marker_color=PALETTE[0],
        customdata=[row["Latest year"] for row in ordered],
        hovertemplate="%{y}: $%{x:,.0f} in %{customdata}<extra></extra>"))
    figure.update_layout(
        title={"text": title}, **_LAYOUT,
        height=max(320, 140 + _BAR_PX * len(ordered)), margin={"l": 10, "r": 20, "t": 60},
        xaxis={"tickprefix": "$", "tickformat": tickformat, "rangemode": "tozero"},
        yaxis={"automargin": True})
    return figure


def share_figure(rows: Sequence[dict]) -> go.Figure:
    """Dollars per teacher across, Title II-A share up; shares always on the full 0-100%."""
    placed = [row for row in charted(rows)
              if not (formatting.missing(row.get("Per teacher"))
                      or formatting.missing(row.get("Title II-A share")))]
    figure = go.Figure(go.Scatter(
        x=[row["Per teacher"] for row in placed], y=[row["Title II-A share"] for row in placed],
        text=[row["District"] for row in placed], mode="markers+text",
        textposition="top center", textfont={"size": 11, "color": INK},
        marker={"color": PALETTE[0], "size": 10},
        hovertemplate="%{text}: $%{x:,.0f} per teacher, %{y:.0%} Title II-A<extra></extra>"))
    figure.update_layout(
        title={"text": "Dollars per teacher and Title II-A share"}, **_LAYOUT,
        xaxis={"title": {"text": "PL dollars per teacher"}, "tickprefix": "$",
               "tickformat": ",.0f", "rangemode": "tozero"},
        yaxis={"title": {"text": "Title II-A share"}, "tickformat": ".0%", "range": [0, 1.05]})
    return figure


def alt_text(rows: Sequence[dict]) -> str:
    """What the two charts show, with the numbers a listener needs."""
    placed = charted(rows)
    if len(placed) < MIN_DISTRICTS:
        return "Fewer than two districts have professional-learning dollars to compare."
    high = max(placed, key=lambda row: row["PL dollars"])
    low = min(placed, key=lambda row: row["PL dollars"])
    text = (f"Professional-learning dollars in the latest year across {len(placed)} districts, "
            f"from {formatting.usd(low['PL dollars'])} ({low['District']}) to "
            f"{formatting.usd(high['PL dollars'])} ({high['District']}).")
    per_teacher = [row for row in placed if not formatting.missing(row.get("Per teacher"))]
    if len(per_teacher) >= MIN_DISTRICTS:
        most = max(per_teacher, key=lambda row: row["Per teacher"])
        least = min(per_teacher, key=lambda row: row["Per teacher"])
        text += (f" Per teacher, from {formatting.usd(least['Per teacher'])} "
                 f"({least['District']}) to {formatting.usd(most['Per teacher'])} "
                 f"({most['District']}).")
    shares = [row for row in placed if not formatting.missing(row.get("Title II-A share"))]
    if len(shares) >= MIN_DISTRICTS:
        most = max(shares, key=lambda row: row["Title II-A share"])
        least = min(shares, key=lambda row: row["Title II-A share"])
        text += (f" Title II-A paid for between {formatting.share(least['Title II-A share'])} "
                 f"({least['District']}) and {formatting.share(most['Title II-A share'])} "
                 f"({most['District']}) of those dollars.")
    return text
