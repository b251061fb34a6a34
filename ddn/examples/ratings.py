"""Regression or classification: the same restaurant rating, asked two ways.

A regression model answers with a number on a continuous scale: 3.71 stars. A classification
model picks one of a fixed set of categories, here 1, 2, 3, 4 or 5 stars, usually by giving each
category a score and choosing the highest.
"""

from __future__ import annotations

import numpy as np

STARS = (1, 2, 3, 4, 5)
REGRESSION_RATING = 3.71                           # what a regression model might say
CLASS_SCORES = (0.02, 0.05, 0.24, 0.51, 0.18)      # what a classifier might say, per category


def predicted_class(scores=CLASS_SCORES) -> int:
    """The category with the highest score."""
    return STARS[int(np.argmax(scores))]
