"""One artificial neuron, the building block of every network in the course.

A neuron multiplies each input by a weight (how much that input matters), adds the products up,
adds a bias, and passes the result through an activation function:

    output = activation(x1·w1 + x2·w2 + ... + xn·wn + bias)

The festival example: scores (weather 3, music 2, company 4, cost 2) times importances
(4, 2, 2, 1) give 3×4 + 2×2 + 4×2 + 2×1 = 26. "Go if the sum beats the threshold 25" is the
same as "go if 26 − 25 > 0": moving the threshold across the inequality turns it into a bias of
−25, and the step activation makes the yes/no decision.

>>> festival = Neuron([4, 2, 2, 1], bias=-25, activation="step", labels=("stay home", "go"))
>>> festival([3, 2, 4, 2])
1.0
>>> festival.explain([3, 2, 4, 2])
3×4 + 2×2 + 4×2 + 2×1 = 26; 26 − 25 = 1 > 0 → go
"""

from __future__ import annotations

import numpy as np

from ._format import Text, factor, num, probability, signed
from ._validate import as_array, as_batch, as_names, as_number, overflow_checked
from .activations import get_activation


class Neuron:
    """inputs × weights, summed, plus bias, through an activation ("step", "sigmoid", ...).

    Call it on one example (a list of inputs) to get a number, or on a table of examples
    (one row each) to get an array. `labels` names the two outcomes of a step neuron.
    """

    def __init__(self, weights, bias=0.0, activation="step", *, input_names=None, labels=None):
        self.weights = as_array(weights, "weights", ndim=1)
        self.bias = as_number(bias, "bias")
        self.activation = get_activation(activation)
        self.input_names = as_names(input_names, "input_names", len(self.weights), "value",
                                    "weights")
        self.labels = as_names(labels, "labels", 2, "outcome", "a step neuron")

    @property
    def n_inputs(self) -> int:
        return len(self.weights)

    def _inputs(self, inputs):
        what = f"the neuron has {self.n_inputs} weights"
        return as_batch(inputs, "inputs", self.n_inputs, what)

    def _one_example(self, inputs, method: str) -> np.ndarray:
        batch, single = self._inputs(inputs)
        if not single:
            raise ValueError(f"inputs should be one example at a time for {method}: give a "
                             f"single list of {self.n_inputs} inputs, not a table.")
        return batch[0]

    @overflow_checked
    def weighted_sum(self, inputs):
        """x1·w1 + ... + xn·wn, before the bias (26 for the festival)."""
        batch, single = self._inputs(inputs)
        sums = batch @ self.weights
        return float(sums[0]) if single else sums

    @overflow_checked
    def net_input(self, inputs):
        """The weighted sum plus the bias: what goes into the activation (26 − 25 = 1)."""
        batch, single = self._inputs(inputs)
        z = batch @ self.weights + self.bias
        return float(z[0]) if single else z

    @overflow_checked
    def __call__(self, inputs):
        batch, single = self._inputs(inputs)
        out = self.activation.function(batch @ self.weights + self.bias)
        return float(out[0]) if single else out

    def decide(self, inputs) -> str:
        """The label of the outcome for one example ("go" or "stay home")."""
        if self.labels is None:
            raise ValueError("this neuron has no labels: create it with labels=(no, yes).")
        return self.labels[int(self(self._one_example(inputs, "decide")) > 0.5)]

    def explain(self, inputs) -> Text:
        """The arithmetic of one decision, in words.

        "3×4 + 2×2 + 4×2 + 2×1 = 26; 26 − 25 = 1 > 0 → go"
        """
        x = self._one_example(inputs, "explain")
        total, z = self.weighted_sum(x), self.net_input(x)
        products = " + ".join(f"{factor(xi)}×{factor(wi)}" for xi, wi in zip(x, self.weights))
        text = f"{products} = {num(total)}; {num(total)} {signed(self.bias)} = {num(z)}"
        name = self.activation.name
        out = float(self.activation.function(np.array(z)))
        if name == "step":
            text += " > 0" if z > 0 else " ≤ 0"
            text += f" → {self.labels[int(out)]}" if self.labels else f" → {num(out)}"
        elif name in ("sigmoid", "tanh"):
            text += f"; {name}({num(z)}) = {probability(out)}"
        elif name != "linear":
            text += f"; {name}({num(z)}) = {num(out)}"
        return Text(text)

    def __repr__(self) -> str:
        weights = ", ".join(num(w) for w in self.weights)
        return (f"Neuron(weights=[{weights}], bias={num(self.bias)}, "
                f"activation={self.activation.name!r})")
