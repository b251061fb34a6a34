"""A static gallery of the activation functions, for readers without a running kernel."""

from __future__ import annotations

import numpy as np

from ..activations import ACTIVATIONS
from .figure import new_figure
from .style import INK


def activation_gallery(names=("step", "sigmoid", "tanh", "relu")):
    """Each activation's graph side by side: the weighted sum across, the output up."""
    fig, axes = new_figure(2.3 * len(names), 2.6, 1, len(names), sharey=True)
    z = np.linspace(-5, 5, 501)
    for ax, name in zip(np.atleast_1d(axes), names):
        ax.axhline(0, color=INK, lw=0.5)
        ax.axvline(0, color=INK, lw=0.5)
        ax.plot(z, ACTIVATIONS[name].function(z), color=INK, lw=2)
        ax.set_title(name, fontsize=11)
        ax.set_xlabel("sum z")
        ax.set_ylim(-1.3, 2.3)
    np.atleast_1d(axes)[0].set_ylabel("output")
    return fig
