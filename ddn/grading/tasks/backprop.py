"""Exercise 07: backward passes, judged by gradient checks."""

from __future__ import annotations

import numpy as np

from ...activations import _sigmoid, _sigmoid_derivative
from ...gradcheck import numerical_gradient, relative_error
from ..feedback import FAILED, PASSED
from ..task import FunctionTask, Mistake, show

Z = np.array([[-2.0, -0.5, 0.0, 0.3, 4.0]])
G = np.array([[0.5, -1.0, 2.0, 3.0, -0.25]])
Z2 = np.array([[1.0, -1.0], [-3.0, 2.0]])
G2 = np.array([[0.1, 0.2], [0.3, -0.4]])

relu_backward = FunctionTask(
    id="relu_backward",
    title="ReLU, backward",
    cases=[(Z, G), (Z2, G2)],
    reference=lambda z, grad: grad * (z > 0),
    mistakes=(
        Mistake("multiply by the gradient coming from the layer above: grad × slope, not the "
                "slope alone.", lambda z, grad: (z > 0).astype(float)),
        Mistake("the slope of ReLU is 1 or 0, not z: grad × (z > 0).",
                lambda z, grad: grad * np.maximum(z, 0)),
        Mistake("at z = 0 ReLU's slope counts as 0 (as in forward, where 0 stays 0): use z > 0.",
                lambda z, grad: grad * (z >= 0)),
        Mistake("that is the other way round: the gradient passes where z > 0 (the neuron was "
                "on) and stops where z is 0 or below.", lambda z, grad: grad * (z < 0)),
        Mistake("the slope depends on z, what went into ReLU, not on grad: grad × (z > 0).",
                lambda z, grad: grad * (grad > 0)),
    ),
    in_place_hint="`grad * (z > 0)` makes a new array, while `grad[z <= 0] = 0` and `grad *= "
                  "...` write into the caller's (in backprop, other layers may share that "
                  "gradient). Build a new one, or start with `grad = grad.copy()`.",
    praise="correct: the gradient passes where the neuron was on, and stops where it was off.",
)

BACKWARD_OVERFLOW = ("math.exp overflows at z = ±800 and raises this error: compute "
                     "s = sigmoid(z) first (it stays finite), then grad × s·(1 − s).")

sigmoid_backward = FunctionTask(
    id="sigmoid_backward",
    title="Sigmoid, backward",
    cases=[(Z, G), (Z2, G2), (np.array([[-800.0, 800.0]]), np.array([[1.0, 1.0]]))],
    reference=lambda z, grad: grad * _sigmoid_derivative(z),
    mistakes=(
        Mistake("multiply by the gradient coming from the layer above: grad × s·(1 − s).",
                lambda z, grad: _sigmoid_derivative(z)),
        Mistake("apply the sigmoid to z, not to the gradient: grad × s·(1 − s) with "
                "s = sigmoid(z).", lambda z, grad: _sigmoid(grad) * (1 - _sigmoid(grad))),
        Mistake("the local slope is s·(1 − s), not s: grad × s·(1 − s).",
                lambda z, grad: grad * _sigmoid(z)),
        Mistake("the formula is right, but for z = −800, e^(−z) overflows and inf / inf is "
                "nan: compute s = sigmoid(z) first and use grad × s·(1 − s).",
                lambda z, grad: grad * np.exp(-z) / (1 + np.exp(-z)) ** 2),
        Mistake("apply the sigmoid first: s = sigmoid(z), then grad × s·(1 − s); z·(1 − z) is "
                "not the slope.", lambda z, grad: grad * z * (1 - z)),
        Mistake("the slope has two factors, s·(1 − s): you used only (1 − s).",
                lambda z, grad: grad * (1 - _sigmoid(z))),
        Mistake("check the sign: the slope is s·(1 − s), with a minus.",
                lambda z, grad: grad * _sigmoid(z) * (1 + _sigmoid(z))),
        Mistake("brackets: `grad * s * 1 - s` is grad·s − s; write `grad * s * (1 - s)`.",
                lambda z, grad: grad * _sigmoid(z) - _sigmoid(z)),
    ),
    error_hints=(("math range error", BACKWARD_OVERFLOW),
                 ("Numerical result out of range", BACKWARD_OVERFLOW)),
    praise="correct: at most a quarter of the gradient gets through a sigmoid.",
)


# -- dense_backward: a gradient check ---------------------------------------------------------
def _dense_cases():
    rng = np.random.default_rng(11)
    cases = []
    for batch, n_in, n_out in ((4, 3, 2), (1, 2, 2), (5, 4, 3)):
        cases.append((rng.normal(size=(batch, n_in)), rng.normal(size=(n_out, n_in)),
                      rng.normal(size=(batch, n_out))))
    return cases


def _numerical(x, weights, grad_out):
    """Finite-difference gradients of L = Σ grad_out · (x·Wᵀ + b) for x, W and b."""
    x, w = x.copy(), weights.copy()
    b = np.zeros(w.shape[0])

    def loss():
        return float(np.sum(grad_out * (x @ w.T + b)))

    return numerical_gradient(loss, x), numerical_gradient(loss, w), numerical_gradient(loss, b)


NAMES = ("grad_x", "grad_w", "grad_b")
SHAPES = ("each gradient has the shape of what it belongs to: grad_w like weights (outputs × "
          "inputs), grad_x like x, grad_b one per neuron.")


class DenseBackward(FunctionTask):
    """The learner's (grad_x, grad_w, grad_b) are compared with finite differences."""

    def _compare(self, got, calls):
        for (x, w, g), result in zip(self.cases, got):
            if not isinstance(result, (tuple, list)) or len(result) != 3:
                return self.feedback(FAILED, f"return three arrays (grad_x, grad_w, grad_b), "
                                             f"but it returned {show(result)}.")
            for name, mine, truth in zip(NAMES, result, self.reference(x, w, g)):
                mine = np.asarray(mine, dtype=float)
                if mine.shape != truth.shape:
                    return self.feedback(FAILED, self._shape_hint(name, mine, truth, x, w, g))
                error = relative_error(mine, truth)
                if error > 1e-5:
                    return self.feedback(FAILED, f"gradient check: your {name} differs from "
                                                 f"the finite-difference estimate (relative "
                                                 f"error {error:.2g}). "
                                                 f"{self._likely(name, mine, x, w, g)}")
        return self.feedback(PASSED, self.praise)

    @staticmethod
    def _shape_hint(name, mine, truth, x, w, g):
        if name == "grad_w" and mine.shape == truth.T.shape:
            return ("grad_w is transposed: it must have the shape of weights "
                    f"{truth.shape} (outputs × inputs): grad_outᵀ @ x, not xᵀ @ grad_out.")
        if name == "grad_b" and mine.shape == (len(x),):
            return (f"grad_b has one value per example {mine.shape}, but it needs one per "
                    f"neuron {truth.shape}: sum over the examples (axis=0), not over the "
                    "neurons (axis=1).")
        if name == "grad_b" and mine.shape == g.shape:
            return (f"grad_b still has one row per example {mine.shape}: add the rows up, "
                    f"grad_out.sum(axis=0), for one value per neuron {truth.shape}.")
        if name == "grad_b" and mine.shape == ():
            return ("grad_b is a single number: .sum() without an axis adds up everything. Sum "
                    f"over the examples only, grad_out.sum(axis=0), for shape {truth.shape}.")
        return (f"{name} has shape {mine.shape} but should have shape {truth.shape}, like the "
                f"{'input x' if name == 'grad_x' else 'weights' if name == 'grad_w' else 'bias'}.")

    @staticmethod
    def _likely(name, mine, x, w, g):
        """Name the mistake that produces exactly these numbers, if it is a typical one."""
        short = ("your loop stops one example short: the last example's share is missing. "
                 "`range(len(x))` visits every example.")
        late = ("your loop skips the first example: indices start at 0, so `range(len(x))` "
                "visits every example, from the first.")
        candidates = {
            "grad_x": [(g @ w * -1, "check the sign: grad_x = grad_out @ weights."),
                       (g[-1:] @ w, "use every example's gradient, not just the last one."),
                       (np.vstack([g[:-1] @ w, np.zeros((1, w.shape[1]))]), short),
                       (np.vstack([np.zeros((1, w.shape[1])), g[1:] @ w]), late)],
            "grad_w": [(np.outer(g[-1], x[-1]),
                        "only the last example counts: when you loop over the batch, add each "
                        "example's gradient (+=), don't overwrite it (=)."),
                       ((g.T @ x) / len(x),
                        "don't average over the batch: the loss already does; sum the "
                        "examples' gradients (grad_outᵀ @ x)."),
                       (-(g.T @ x), "check the sign: grad_w = grad_outᵀ @ x."),
                       (g[:-1].T @ x[:-1], short), (g[1:].T @ x[1:], late)],
            "grad_b": [(g[-1], "only the last example counts: add up (+=) every example's "
                               "gradient, or use grad_out.sum(axis=0)."),
                       (g.mean(axis=0), "sum over the batch, don't average: "
                                        "grad_out.sum(axis=0)."),
                       (g.sum(axis=1) if g.shape[1] == g.shape[0] else None,
                        "sum over the examples (axis=0), not over the neurons."),
                       (g[:-1].sum(axis=0), short), (g[1:].sum(axis=0), late)],
        }
        for wrong, hint in candidates[name]:
            if wrong is not None and np.shape(wrong) == mine.shape and np.allclose(mine, wrong):
                return "Likely mistake: " + hint
        return {"grad_x": "It should be grad_out @ weights.",
                "grad_w": "It should be grad_outᵀ @ x.",
                "grad_b": "It should be grad_out summed over the examples."}[name]


dense_backward = DenseBackward(
    id="dense_backward",
    title="A dense layer, backward (with a gradient check)",
    cases=_dense_cases(),
    reference=_numerical,
    error_hints=(("shapes", SHAPES), ("matmul", SHAPES)),
    praise="correct: all three gradients agree with finite differences, on batches of 1, 4 "
           "and 5.",
)

TASKS = (relu_backward, sigmoid_backward, dense_backward)
