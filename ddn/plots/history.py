"""Static pictures for the welcome notebook."""

from __future__ import annotations

from matplotlib.patches import Ellipse

from .figure import new_figure
from .style import INK


def ai_ml_dl():
    """Deep learning inside machine learning inside artificial intelligence."""
    fig, ax = new_figure(5, 3.2)
    rings = (("artificial intelligence", 4.8, 3.0, "#dbe9f6"),
             ("machine learning", 3.3, 2.0, "#e6f2e1"),
             ("deep learning", 1.8, 1.05, "#fbe5d6"))
    for name, width, height, colour in rings:
        ax.add_patch(Ellipse((0, -0.5 + height / 2), width, height, fc=colour, ec=INK, lw=1.2))
        ax.text(0, -0.5 + height - 0.3, name, ha="center", fontsize=10, color=INK)
    ax.set_xlim(-2.6, 2.6)
    ax.set_ylim(-0.6, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
