"""Regression or classification: the same restaurant rating, asked two ways.

A regression model answers with a number on a continuous scale: 3.71 stars. A classification
model picks one of a fixed set of categories, here 1, 2, 3, 4 or 5 stars, usually by giving each
category a score and choosing the highest.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_array

STARS = (1, 2, 3, 4, 5)
REGRESSION_RATING = 3.71                           # what a regression model might say
CLASS_SCORES = (0.02, 0.05, 0.24, 0.51, 0.18)      # what a classifier might say, per category


def predicted_class(scores=CLASS_SCORES) -> int:
    """The category with the highest score."""
    scores = as_array(scores, "scores", ndim=1)
    if len(scores) != len(STARS):
        raise ValueError(f"scores should hold one score per category {STARS}, but it has "
                         f"{len(scores)}.")
    return STARS[int(np.argmax(scores))]
