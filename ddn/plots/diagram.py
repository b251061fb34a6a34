"""A network drawn as circles (neurons) and lines (weights), with numbers written on both.

    diagram = NetworkDiagram(ax, [["age", "sex", "lessons"], ["parking", "road"], ["P(pass)"]])
    diagram.set_nodes([[50, 1, 20], [150.5, 179.5], ["95.22%"]])
    diagram.set_edges([W1, W2])       # one matrix per layer: rows = neurons, columns = inputs

The numbers are text artists changed in place, so a widget can redraw quickly.
"""

from __future__ import annotations

import numpy as np

from .._format import num
from .style import HIGHLIGHT, INK


def _label(value) -> str:
    return value if isinstance(value, str) else num(value, 4)


class NetworkDiagram:
    def __init__(self, ax, names, node_radius: float = 0.28):
        self.ax = ax
        self.names = [list(layer) for layer in names]
        n_layers = len(self.names)
        tallest = max(len(layer) for layer in self.names)
        self.positions = []
        for i, layer in enumerate(self.names):
            top = (len(layer) - 1) / 2
            self.positions.append([(1.6 * i, top - j) for j in range(len(layer))])
        self.edges, self.edge_text = [], []
        for i in range(n_layers - 1):
            lines, texts = [], []
            for (x1, y1) in self.positions[i + 1]:
                row_lines, row_texts = [], []
                for (x0, y0) in self.positions[i]:
                    (line,) = ax.plot([x0, x1], [y0, y1], color=INK, lw=1, alpha=0.5, zorder=1)
                    t = 0.3  # label near the start of the edge, where edges fan out
                    text = ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), "", fontsize=8,
                                   ha="center", va="center", color=INK, zorder=4,
                                   bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none",
                                             alpha=0.85))
                    row_lines.append(line)
                    row_texts.append(text)
                lines.append(row_lines)
                texts.append(row_texts)
            self.edges.append(lines)
            self.edge_text.append(texts)
        self.circles, self.node_text, self.extra_text = [], [], []
        for layer, positions in zip(self.names, self.positions):
            circles, texts, extras = [], [], []
            for name, (x, y) in zip(layer, positions):
                circle = ax.add_patch(_circle((x, y), node_radius))
                ax.text(x, y + node_radius + 0.08, name, ha="center", va="bottom", fontsize=9,
                        color=INK, weight="bold", zorder=5)
                texts.append(ax.text(x, y, "", ha="center", va="center", fontsize=8.5,
                                     color=INK, zorder=6))
                extras.append(ax.text(x, y - node_radius - 0.06, "", ha="center", va="top",
                                      fontsize=8, color=INK, alpha=0.8, zorder=5))
                circles.append(circle)
            self.circles.append(circles)
            self.node_text.append(texts)
            self.extra_text.append(extras)
        ax.set_xlim(-0.5, 1.6 * (n_layers - 1) + 0.5)
        ax.set_ylim(-(tallest - 1) / 2 - 0.6, (tallest - 1) / 2 + 0.55)
        ax.set_aspect("equal")
        ax.axis("off")

    def set_nodes(self, values) -> None:
        """The number (or text) inside every neuron, layer by layer."""
        for texts, layer in zip(self.node_text, values):
            for text, value in zip(texts, layer):
                text.set_text(_label(value))

    def set_notes(self, notes) -> None:
        """Small text under every neuron (e.g. its bias), layer by layer; None skips a layer."""
        for texts, layer in zip(self.extra_text, notes):
            if layer is not None:
                for text, value in zip(texts, layer):
                    text.set_text(_label(value))

    def set_edges(self, matrices, widths=True) -> None:
        """The number on every edge: one matrix per layer, rows = neurons, columns = inputs.

        Line widths follow the size of the numbers, so strong connections stand out.
        """
        for lines, texts, matrix in zip(self.edges, self.edge_text, matrices):
            m = np.asarray(matrix, dtype=float)
            biggest = np.max(np.abs(m)) or 1.0
            for j, (row_lines, row_texts) in enumerate(zip(lines, texts)):
                for i, (line, text) in enumerate(zip(row_lines, row_texts)):
                    text.set_text(num(m[j, i], 3))
                    if widths:
                        line.set_linewidth(0.5 + 3 * abs(m[j, i]) / biggest)

    def highlight(self, layer: int, index: int, on: bool = True) -> None:
        self.circles[layer][index].set_edgecolor(HIGHLIGHT if on else INK)
        self.circles[layer][index].set_linewidth(3 if on else 1.2)


def _circle(center, radius):
    from matplotlib.patches import Circle

    return Circle(center, radius, facecolor="#f4f6f8", edgecolor=INK, lw=1.2, zorder=3)


def neuron_diagram(neuron, inputs=None, output_name: str = "output"):
    """One neuron drawn as a perceptron: input nodes, weighted edges, the neuron and its bias.

    With `inputs`, their values are written on the input nodes and the decision on the neuron.
    """
    from .figure import new_figure

    names = neuron.input_names or [f"x{i + 1}" for i in range(neuron.n_inputs)]
    fig, ax = new_figure(5.2, 0.9 + 0.75 * len(names))
    diagram = NetworkDiagram(ax, [names, [output_name]])
    diagram.set_edges([neuron.weights[None, :]])
    diagram.set_notes([None, [f"bias {num(neuron.bias)}"]])
    if inputs is not None:
        out = neuron(inputs)
        shown = neuron.labels[int(out)] if neuron.labels and \
            neuron.activation.name == "step" else num(out, 4)
        diagram.set_nodes([list(inputs), [shown]])
    return fig
