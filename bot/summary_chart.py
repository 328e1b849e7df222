"""Renders the monthly summary's chart (hours by kind per week) as a PNG with matplotlib.

matplotlib is imported on first use, so starting the bot or the CLI does not pay for it.
"""

from __future__ import annotations

import io
import json


def render_chart(chart: str) -> bytes:
    """`domain.summaries.chart_data` JSON -> PNG bytes: stacked weekly bars, one per kind."""
    out = io.BytesIO()
    chart_figure(chart).savefig(out, format="png")
    return out.getvalue()


def chart_figure(chart: str):  # noqa: ANN201 - matplotlib is imported lazily
    """The chart as a matplotlib Figure; with no work at all it says so in words."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib.figure import Figure

    data = json.loads(chart)
    figure = Figure(figsize=(7, 4), dpi=100)
    axes = figure.subplots()
    weeks = data["weeks"]
    bottom = [0.0] * len(weeks)
    for series in data["series"]:
        axes.bar(weeks, series["hours"], bottom=bottom, label=series["label"])
        bottom = [b + h for b, h in zip(bottom, series["hours"], strict=True)]
    axes.set_title(data["title"])
    axes.set_ylabel(data["ylabel"])
    if data["series"]:
        axes.legend(loc="upper right", fontsize="small")
    else:  # an empty 0-1 chart would look broken: say there is nothing to draw
        axes.set_yticks([])
        axes.text(0.5, 0.5, data.get("empty_note", "—"), transform=axes.transAxes,
                  ha="center", va="center", fontsize="large", color="dimgray")
    figure.tight_layout()
    return figure
