"""A small server-rendered SVG line chart (no scripts, no external assets); the page adds a data table."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 240, 44, 36, 16


def line_chart(labels, series, title, maximum=100):
    """SVG of `series` = [(name, colour, [value or None per label])] over `labels` (x axis)."""
    if not labels:
        return ""
    plot_w, plot_h = WIDTH - PAD_LEFT - 16, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(index):
        return PAD_LEFT + index * step

    def y(value):
        return PAD_TOP + plot_h - plot_h * min(value, maximum) / maximum

    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d7de"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#333">{}</text>',
        ((PAD_LEFT, WIDTH - 16, y(v), y(v), PAD_LEFT - 6, y(v) + 4, v) for v in (0, maximum // 2, maximum)),
    )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#333">{}</text>',
        ((x(i), HEIGHT - 12, label) for i, label in enumerate(labels)),
    )
    lines, legend = [], []
    for number, (name, colour, values) in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values) if v is not None)
        dots = format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}: {}</title></circle>',
            ((f"{x(i):.1f}", f"{y(v):.1f}", colour, labels[i], v) for i, v in enumerate(values) if v is not None),
        )
        lines.append(
            format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>{}', points, colour, dots)
        )
        legend.append(
            format_html(
                '<rect x="{}" y="2" width="10" height="10" fill="{}"/>'
                '<text x="{}" y="11" font-size="11" fill="#333">{}</text>',
                PAD_LEFT + number * 160,
                colour,
                PAD_LEFT + 14 + number * 160,
                name,
            )
        )
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}{}{}{}</svg>',
        title,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        grid,
        ticks,
        mark_safe("".join(lines)),
        mark_safe("".join(legend)),
    )
