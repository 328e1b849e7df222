"""The cabinet's one chart, drawn on the server as inline SVG: no script, prints as it shows."""

from __future__ import annotations

from html import escape

from domain.cabinet.model import WeekBar
from domain.kernel.model import TICKET_KINDS, Kind, Language
from domain.texts import kind_name, t

KIND_COLORS = {
    Kind.TECHNICAL: "#2563eb",
    Kind.MANAGERIAL: "#059669",
    Kind.CONTROL: "#d97706",
    Kind.STRATEGIC: "#7c3aed",
    Kind.NEW_WORK: "#db2777",
}

WIDTH, HEIGHT = 340, 180
LEFT, BOTTOM, TOP = 34, 24, 10


def _hours_label(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}"


def _axis(minutes: int) -> tuple[int, int]:
    """(top, step) of the axis in minutes: whole hours, at most four steps a person reads at
    a glance."""
    hours = max(1, -(-minutes // 60))
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if -(-hours // s) <= 4),
                -(-hours // 4))
    return -(-hours // step) * step * 60, step * 60


def week_chart(weeks: list[WeekBar], lang: Language) -> str:
    """Stacked bars of billable hours per week, one colour per kind of support."""
    top, step = _axis(max((w.total for w in weeks), default=0))
    plot_h = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(weeks), 1)
    bar_w = min(36.0, slot * 0.6)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-label="{escape(t(lang, "cabinet.money.chart"))}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for value in range(0, top + 1, step):
        y = TOP + plot_h - plot_h * value / top
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="axis" '
                     f'text-anchor="end">{_hours_label(value)}</text>')
    for index, week in enumerate(weeks):
        x = LEFT + slot * index + (slot - bar_w) / 2
        y = TOP + plot_h
        for kind in TICKET_KINDS:
            minutes = week.minutes.get(kind, 0)
            if minutes <= 0:
                continue
            h = plot_h * minutes / top
            y -= h
            tip = f"{kind_name(lang, kind)}: {_hours_label(minutes)}"
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'rx="3" fill="{KIND_COLORS[kind]}"><title>{escape(tip)}</title></rect>')
        label = week.start.strftime("%d.%m")
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 6}" class="axis" '
                     f'text-anchor="middle">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def legend(weeks: list[WeekBar], lang: Language) -> list[tuple[str, str]]:
    """(colour, kind name) for the kinds that appear in the chart."""
    used = {k for w in weeks for k, m in w.minutes.items() if m > 0}
    return [(KIND_COLORS[k], kind_name(lang, k)) for k in TICKET_KINDS if k in used]
