"""University admissions: a neuron whose decision boundary is a line.

Accept a student when 2·x1 + x2 − 18 > 0, where x1 is the test score and x2 the grades (both
0..10). The points where 2·x1 + x2 − 18 = 0 form a straight line, the decision boundary:
students on one side are accepted, on the other rejected. With a third feature (class rank) the
boundary becomes a plane w1·x1 + w2·x2 + w3·x3 + b = 0; in general it is W·x + b = 0.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_array, as_count, as_number, as_rng, overflow_checked
from ..neuron import Neuron

FEATURES = ("test score", "grades")
WEIGHTS = (2, 1)
BIAS = -18
OUTCOMES = ("reject", "accept")


def admissions_neuron(weights=WEIGHTS, bias=BIAS) -> Neuron:
    """Accept (1) when w1·test + w2·grades + bias > 0."""
    return Neuron(weights, bias, activation="step", input_names=FEATURES, labels=OUTCOMES)


@overflow_checked
def boundary_grades(test_score):
    """On the boundary 2·x1 + x2 − 18 = 0 the grades are x2 = 18 − 2·x1."""
    return 18 - 2 * as_array(test_score, "test_score")


def admissions_data(n: int = 40, seed=1, margin: float = 1.0):
    """`n` past applicants (test score, grades) on 0..10, labelled by the admissions line.

    No applicant lies closer than `margin` to the line, so a line can separate them all.
    Returns (x, y): x of shape (n, 2), y of 0 (rejected) and 1 (accepted).
    """
    n = as_count(n, "n")
    # Scores run from 0 to 10, so 2·x1 + x2 − 18 runs from −18 to 12: a margin of 12 or more
    # would leave nobody to accept (and near 18 nobody at all), and the search below never end.
    margin = as_number(margin, "margin", at_least=0, below=12)
    rng = as_rng(seed)
    points = []
    while len(points) < n:
        x = rng.uniform(0, 10, size=2)
        if abs(2 * x[0] + x[1] - 18) >= margin:
            points.append(np.round(x, 1))
    x = np.array(points)
    y = (2 * x[:, 0] + x[:, 1] - 18 > 0).astype(float)
    return x, y
