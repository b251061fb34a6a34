"""Exercise 07: backward passes, judged by gradient checks."""

from __future__ import annotations

import numpy as np

from ...activations import _sigmoid, _sigmoid_derivative
from ..task import FunctionTask, GradientTask, Mistake, Part, ShapeHint

Z = np.array([[-2.0, -0.5, 0.0, 0.3, 4.0]])
G = np.array([[0.5, -1.0, 2.0, 3.0, -0.25]])
Z2 = np.array([[1.0, -1.0], [-3.0, 2.0]])
G2 = np.array([[0.1, 0.2], [0.3, -0.4]])


def _fresh_pair(scale):
    """Draws one fresh case: z and the gradient from above, a batch of the same shape."""
    def draw(rng, i):
        shape = (int(rng.integers(1, 4)), int(rng.integers(1, 6)))
        return (rng.normal(0, scale, shape), rng.normal(0, 1, shape))
    return draw

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
    fresh=_fresh_pair(2.0),
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
    fresh=_fresh_pair(5.0),
)


# -- dense_backward: a gradient check of each part ------------------------------------------
def _dense_cases():
    rng = np.random.default_rng(11)
    cases = []
    for batch, n_in, n_out in ((4, 3, 2), (1, 2, 2), (5, 4, 3)):
        cases.append((rng.normal(size=(batch, n_in)), rng.normal(size=(n_out, n_in)),
                      rng.normal(size=(batch, n_out))))
    return cases


def _fresh_dense(rng, i):
    batch, n_in, n_out = (int(n) for n in rng.integers(1, 6, 3))
    return (rng.normal(size=(batch, n_in)), rng.normal(size=(n_out, n_in)),
            rng.normal(size=(batch, n_out)))


def _dense_point(x, weights, grad_out):
    """Where the forward pass is differentiated: the case's x and weights, a zero bias."""
    return {"x": x, "weights": weights, "bias": np.zeros(len(weights))}, grad_out


def _missing_row(first: bool):
    """grad_x = grad_out @ weights with the first (or last) example's row left at 0."""
    def produces(x, w, g):
        zeros = np.zeros((1, w.shape[1]))
        return np.vstack([zeros, g[1:] @ w] if first else [g[:-1] @ w, zeros])
    return produces


SHAPES = ("each gradient has the shape of what it belongs to: grad_w like weights (outputs × "
          "inputs), grad_x like x, grad_b one per neuron.")
SHORT = ("your loop stops one example short: the last example's share is missing. "
         "`range(len(x))` visits every example.")
LATE = ("your loop skips the first example: indices start at 0, so `range(len(x))` visits every "
        "example, from the first.")

dense_backward = GradientTask(
    id="dense_backward",
    title="A dense layer, backward (with a gradient check)",
    cases=_dense_cases(),
    fresh=_fresh_dense,
    forward=lambda x, weights, bias: x @ weights.T + bias,
    point=_dense_point,
    parts=(
        Part("grad_x", of="x", like="the input x", hint="It should be grad_out @ weights.",
             mistakes=(
                 Mistake("check the sign: grad_x = grad_out @ weights.", lambda x, w, g: -(g @ w)),
                 Mistake("use every example's gradient, not just the last one.",
                         lambda x, w, g: g[-1:] @ w),
                 Mistake(SHORT, _missing_row(first=False)),
                 Mistake(LATE, _missing_row(first=True)),
             )),
        Part("grad_w", of="weights", like="the weights", hint="It should be grad_outᵀ @ x.",
             mistakes=(
                 Mistake("only the last example counts: when you loop over the batch, add each "
                         "example's gradient (+=), don't overwrite it (=).",
                         lambda x, w, g: np.outer(g[-1], x[-1])),
                 Mistake("don't average over the batch: the loss already does; sum the "
                         "examples' gradients (grad_outᵀ @ x).", lambda x, w, g: g.T @ x / len(x)),
                 Mistake("check the sign: grad_w = grad_outᵀ @ x.", lambda x, w, g: -(g.T @ x)),
                 Mistake(SHORT, lambda x, w, g: g[:-1].T @ x[:-1]),
                 Mistake(LATE, lambda x, w, g: g[1:].T @ x[1:]),
             ),
             shape_hints=(
                 ShapeHint(lambda got, right, *case: got == right[::-1],
                           "grad_w is transposed: it must have the shape of weights {right} "
                           "(outputs × inputs): grad_outᵀ @ x, not xᵀ @ grad_out."),
             )),
        Part("grad_b", of="bias", like="the bias",
             hint="It should be grad_out summed over the examples.",
             mistakes=(
                 Mistake("only the last example counts: add up (+=) every example's gradient, "
                         "or use grad_out.sum(axis=0).", lambda x, w, g: g[-1]),
                 Mistake("sum over the batch, don't average: grad_out.sum(axis=0).",
                         lambda x, w, g: g.mean(axis=0)),
                 Mistake("sum over the examples (axis=0), not over the neurons.",
                         lambda x, w, g: g.sum(axis=1) if g.shape[1] == g.shape[0] else None),
                 Mistake(SHORT, lambda x, w, g: g[:-1].sum(axis=0)),
                 Mistake(LATE, lambda x, w, g: g[1:].sum(axis=0)),
             ),
             shape_hints=(
                 ShapeHint(lambda got, right, x, w, g: got == (len(x),),
                           "grad_b has one value per example {got}, but it needs one per neuron "
                           "{right}: sum over the examples (axis=0), not over the neurons "
                           "(axis=1)."),
                 ShapeHint(lambda got, right, x, w, g: got == g.shape,
                           "grad_b still has one row per example {got}: add the rows up, "
                           "grad_out.sum(axis=0), for one value per neuron {right}."),
                 ShapeHint(lambda got, right, *case: got == (),
                           "grad_b is a single number: .sum() without an axis adds up "
                           "everything. Sum over the examples only, grad_out.sum(axis=0), for "
                           "shape {right}."),
             )),
    ),
    error_hints=(("shapes", SHAPES), ("matmul", SHAPES)),
    praise="correct: all three gradients agree with finite differences, on batches of 1, 4 "
           "and 5.",
)

TASKS = (relu_backward, sigmoid_backward, dense_backward)
