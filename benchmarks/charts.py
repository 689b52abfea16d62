"""Radar charts drawn as SVG on the server: the same markup serves the page
and the PDF, and needs no JavaScript."""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

# One colour for each city of a community of practice (up to eight).
PALETTE = [
    "#1d4e89",
    "#e07a1f",
    "#2a9d8f",
    "#8e44ad",
    "#b03a2e",
    "#5b7f1a",
    "#7a5230",
    "#3d4f63",
]


@dataclass
class Series:
    label: str
    values: list  # one value per axis, None where not rated


def radar_svg(*, axes, series, maximum=3, size=420, title=""):
    """An SVG radar chart: one axis per label in ``axes``, one polygon per series.

    Axes are numbered around the chart (their full titles belong in a legend
    beside it: eleven long titles do not fit around a circle).
    """
    n = len(axes)
    if n < 3:
        raise ValueError("A radar chart needs at least three axes.")
    centre = size / 2
    radius = size / 2 - 40

    def point(i, value):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value or 0) / maximum
        return centre + r * math.cos(angle), centre + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'class="radar" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for level in range(1, maximum + 1):
        ring = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, level) for i in range(n))
        )
        parts.append(
            f'<polygon class="radar-ring" points="{ring}" fill="none" '
            f'stroke="#c9ced6" stroke-width="1"/>'
        )
    for i, label in enumerate(axes):
        x, y = point(i, maximum)
        lx, ly = point(i, maximum * 1.12)
        parts.append(
            f'<line class="radar-axis" x1="{centre}" y1="{centre}" x2="{x:.1f}" '
            f'y2="{y:.1f}" stroke="#c9ced6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="14" text-anchor="middle" '
            f'dominant-baseline="middle" fill="#333"><title>{escape(label)}</title>'
            f"{i + 1}</text>"
        )
    for s_index, s in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        pts = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(s.values))
        )
        parts.append(
            f'<polygon class="radar-series" data-series="{escape(s.label)}" '
            f'points="{pts}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
            f'stroke-width="2.5"/>'
        )
        for i, v in enumerate(s.values):
            if v is not None:
                x, y = point(i, v)
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'
                )
    parts.append("</svg>")
    # Every text part is escaped above; the rest is numbers and our colours.
    return mark_safe("".join(parts))  # noqa: S308 # nosec
