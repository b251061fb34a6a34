"""Exercise 08: the perceptron trick, and a network that separates circles."""

from __future__ import annotations

import numpy as np

from ...datasets import circles
from ...examples.admissions import admissions_data
from ...layers import Activation, Dense
from ..task import FunctionTask, Mistake, NetworkTask, ValuesTask, weights_and_bias
from ..values import show


def _said(w, b, x):
    return float(np.dot(w, x) + b > 0)


def _step(w, b, x, label, rate):
    said = _said(w, b, x)
    if said == label:
        return (np.asarray(w, dtype=float), float(b))
    sign = 1.0 if label == 1 else -1.0
    return (np.asarray(w, dtype=float) + sign * rate * np.asarray(x), float(b + sign * rate))


def _step_ge(w, b, x, label, rate):
    """The perceptron step with >= 0 instead of > 0 (a typical slip)."""
    said = float(np.dot(w, x) + b >= 0)
    if said == label:
        return (np.asarray(w, dtype=float), float(b))
    sign = 1.0 if label == 1 else -1.0
    return (np.asarray(w, dtype=float) + sign * rate * np.asarray(x), float(b + sign * rate))


def _fresh_step(rng, i):
    """Weights in halves, whole points and a bias ending in .25: never exactly on the line.
    Case 0 is a missed 1, case 1 a false 1, case 2 a point already on its right side."""
    kind = i % 3
    w, b = rng.integers(-4, 5, 2) / 2, float(rng.integers(-6, 7)) + 0.25
    x = rng.integers(-5, 6, 2).astype(float)
    if kind < 2 and _said(w, b, x) != kind:
        w, b = -w, -b  # the same line facing the other way: the point is now on its other side
    said = _said(w, b, x)
    label = 1 - said if kind < 2 else said
    return (w, b, x, int(label), float(rng.choice([0.1, 0.2, 0.5])))


W0 = np.array([1.0, -1.0])
perceptron_step = FunctionTask(
    id="perceptron_step",
    title="One step of the perceptron trick",
    cases=[(W0, 0.0, np.array([2.0, 3.0]), 1, 0.1),     # a missed 1: move towards it
           (W0, 0.0, np.array([4.0, 1.0]), 0, 0.1),     # a false 1: move away
           (W0, 0.0, np.array([4.0, 1.0]), 1, 0.1),     # right already: no change
           (W0, 0.5, np.array([1.0, 1.5]), 1, 0.5),     # exactly on the line counts as 0
           (np.array([0.5, 0.5]), -3.0, np.array([1.0, 1.0]), 0, 0.2)],
    reference=_step,
    mistakes=(
        Mistake("for a point labelled 0 that the line calls 1, move *away*: subtract rate·x "
                "and rate from the bias.",
                lambda w, b, x, y, r: (w + r * x, b + r) if float(np.dot(w, x) + b > 0) != y
                else (w, b)),
        Mistake("move the bias too: b ± rate (the bias is the weight of a constant input 1).",
                lambda w, b, x, y, r: (_step(w, b, x, y, r)[0], float(b))),
        Mistake("only misclassified points move the line: if the point is already on its "
                "right side, return the weights and bias unchanged.",
                lambda w, b, x, y, r: (w + (1 if y == 1 else -1) * r * x,
                                       b + (1 if y == 1 else -1) * r)),
        Mistake("scale the move by the learning rate: w ± rate·x.",
                lambda w, b, x, y, r: _step(w, b, x, y, 1.0)),
        Mistake("a point exactly on the line counts as 0 (the step gives 0 at 0): use > 0, "
                "not >= 0.", lambda w, b, x, y, r: _step_ge(w, b, x, y, r)),
        Mistake("the moves are the wrong way round: a missed 1 pulls the line *towards* the "
                "point (+ rate·point, + rate), a false 1 pushes it away (− rate·point, − rate).",
                lambda w, b, x, y, r: (w - (1 if y == 1 else -1) * r * x,
                                       b - (1 if y == 1 else -1) * r)
                if _said(w, b, x) != y else (w, b)),
        Mistake("scale the bias's move by the learning rate too: bias ± rate, like "
                "weights ± rate·point.",
                lambda w, b, x, y, r: (_step(w, b, x, y, r)[0], _step(w, b, x, y, 1.0)[1])),
    ),
    in_place_hint="`weights + learning_rate * point` makes a new array; `weights += ...` "
                  "writes into the caller's weights, so the old line is lost. Return the new "
                  "weights and leave the old ones as they were.",
    praise="correct: a missed point pulls the line towards it, a false alarm pushes it away.",
    fresh=_fresh_step,
)


START = ((-0.5, 1.0), 0.0)  # the exercise's starting line
RATE = 0.1


def perceptron_trick(x, y, start=START, rate=RATE, max_passes=1000):
    """The procedure the exercise asks for: passes over (x, y) in order, from `start`, until a
    pass changes nothing. Returns the line after each pass, [(weights, bias), ...]."""
    w, b = np.asarray(start[0], dtype=float), float(start[1])
    lines = []
    for _ in range(max_passes):
        changed = False
        for point, label in zip(x, y):
            new_w, new_b = _step(w, b, point, label, rate)
            changed = changed or new_b != b
            w, b = new_w, new_b
        lines.append((w, b))
        if not changed:
            break
    return lines


# The procedure with one slip, and what to say when a learner's line comes from it.
LINE_SLIPS = (
    ("your line is the one the trick gives with a learning rate of 1.0: the task uses 0.1, "
     "perceptron_step(..., 0.1).", lambda x, y: perceptron_trick(x, y, rate=1.0)),
    ("your line is the one the trick gives when it starts from zeros: start from weights "
     "[-0.5, 1] and bias 0, as the task says.",
     lambda x, y: perceptron_trick(x, y, start=((0.0, 0.0), 0.0))),
    ("your line is the one the trick gives going through the applicants backwards: go in "
     "order, from the first applicant to the last, `for point, label in zip(x, y)`.",
     lambda x, y: perceptron_trick(x[::-1], y[::-1])),
    ("your loop stops one applicant short: the last of the 40 is never visited. "
     "`for point, label in zip(x, y)` (or `range(len(x))`) visits all of them.",
     lambda x, y: perceptron_trick(x[:-1], y[:-1])),
    ("your loop skips the first applicant: indices start at 0, so "
     "`for point, label in zip(x, y)` (or `range(len(x))`) visits all 40, from the first.",
     lambda x, y: perceptron_trick(x[1:], y[1:])),
)
PROCEDURE = ("start from weights [-0.5, 1] and bias 0, call perceptron_step with learning rate "
             "0.1 on the applicants in order, and repeat whole passes until a pass changes "
             "nothing.")


def _same_line(w, b, line):
    return bool(np.allclose(w, line[0], rtol=1e-6, atol=1e-6)) and \
        abs(b - line[1]) <= 1e-6 * max(1.0, abs(line[1]))


def _line_verdict(values):
    """The check runs the procedure itself and compares the learner's line with its result."""
    w, b, problem = weights_and_bias(values, "final_weights", "final_bias", 2,
                                     "one per feature")
    if problem:
        return False, problem
    x, y = admissions_data()
    lines = perceptron_trick(x, y)
    wrong = int(np.sum((x @ w + b > 0) != y))
    if _same_line(w, b, lines[-1]):
        return True, (f"your line is exactly where the perceptron trick ends after "
                      f"{len(lines)} passes: weights {show(w)}, bias {show(b)}, and it "
                      "separates all 40 applicants.")
    if _same_line(w, b, (np.array(START[0]), START[1])):
        return False, ("that is still the starting line: perceptron_step returns the new line, "
                       "so store what it returns, e.g. w, b = perceptron_step(w, b, ...).")
    done = next((k for k, line in enumerate(lines[:-1], 1) if _same_line(w, b, line)), None)
    if done is not None:
        return False, (f"your line still misclassifies {wrong} of 40 applicants: it is where the "
                       f"trick stands after {done} pass{'es' if done > 1 else ''}, but it needs "
                       f"{len(lines)}. Keep looping over the points until a whole pass makes no "
                       "update.")
    for hint, slip in LINE_SLIPS:
        if _same_line(w, b, slip(x, y)[-1]):
            return False, hint
    if wrong == 0:
        return False, ("your line separates all 40 applicants, but it is not the line this "
                       f"procedure ends at. Follow it exactly: {PROCEDURE}")
    return False, (f"your line still misclassifies {wrong} of 40 applicants, and it is not a line "
                   f"the procedure passes through. Check each part: {PROCEDURE}")


final_line = ValuesTask(id="final_line", title="Run the perceptron trick to the end",
                        names=("final_weights", "final_bias"), verdict=_line_verdict)


# -- a network for the circles -----------------------------------------------------------------
TARGET = 0.9
FRESH_POINTS = 1000
DOUBLE_SIGMOID = ("circles_network ends with a Sigmoid layer, so it outputs probabilities (0 to "
                  "1), not the raw score the task asks for: every point gets a positive score, "
                  "class 1. And SigmoidCrossEntropy applies the sigmoid itself, so in training "
                  "the sigmoid is applied twice. Remove the last Sigmoid (end with Dense) and "
                  "train again.")


def _circles_verdict(net, rng):
    """Judged on fresh circles the learner never saw: accuracy of at least 90%."""
    last = net.layers[-1]
    if isinstance(last, Activation) and last.activation.name == "sigmoid":
        return False, DOUBLE_SIGMOID
    x, y = circles(FRESH_POINTS, noise=0.1, seed=int(rng.integers(2**31)))
    with np.errstate(all="ignore"):
        out = net.forward(x)[:, 0]
    accuracy = float(np.mean((out > 0) == y))  # a raw score: positive means class 1
    dense = [layer for layer in net.layers if isinstance(layer, Dense)]
    names = {layer.activation.name for layer in net.layers if isinstance(layer, Activation)
             and layer is not net.layers[-1]}
    if accuracy >= TARGET:
        # No percentage here: it changes with every fresh draw, and a passing verdict reads the
        # same each time (the notebook's stored output is checked).
        return True, (f"at least {TARGET:.0%} right on {FRESH_POINTS:,} fresh circle points, "
                      "drawn when the check ran: your network found a closed boundary around "
                      "the disc.")
    if len(dense) == 1:
        hint = ("a network without hidden neurons draws one straight line, and no line "
                "separates a disc from the ring around it: add a hidden layer.")
    elif names <= {"linear"}:
        hint = ("with 'linear' (or no) activations, stacked layers collapse into one "
                "straight line: use tanh or relu in the hidden layers.")
    elif isinstance(last, Activation) and last.activation.name != "linear":
        hint = (f"the network ends with {last!r}, which squeezes the raw score: end "
                "with Dense, and let SigmoidCrossEntropy turn the score into a probability "
                "itself.")
    else:
        hint = ("the shape can work: train it with ddn.train, for more epochs or with a "
                "different learning rate, or give the hidden layer a few more neurons.")
    return False, (f"{accuracy:.0%} right on {FRESH_POINTS} fresh circle points (needs "
                   f"{TARGET:.0%}): {hint}")


circles_network = NetworkTask(
    id="circles_network",
    title="A network that separates the circles",
    name="circles_network",
    n_inputs=2,
    n_outputs=1,
    inputs_words="inputs (x1, x2)",
    verdict=_circles_verdict,
)

TASKS = (perceptron_step, final_line, circles_network)
