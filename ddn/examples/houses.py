"""House prices: a hand-written rule versus a template whose numbers are learned from data.

A rule someone wrote down:     price ≈ 100·size + 1000·stories − 30·distance_to_school
A template with blanks:        price = a·size + b·stories + c·distance_to_school
The numbers that fit the data: a = 90.3, b = 1006.2, c = −40.5

Machine learning is exactly this: a template with blanks, plus an algorithm that fills the
blanks from examples. Here the algorithm is least squares, the line (plane) of best fit.
Units, as in the article: size in square metres, distance to the nearest school in metres, price
in dollars. With the article's numbers the prices come out small (a toy town): what matters is
how the blanks get filled.
"""

from __future__ import annotations

import numpy as np

from .._validate import as_array, as_count, as_rng, in_words, overflow_checked

FEATURES = ("size", "stories", "distance to school")
HAND_RULE = (100.0, 1000.0, -30.0)
LEARNED = (90.3, 1006.2, -40.5)


@overflow_checked
def price(numbers, houses):
    """Price of each house (rows: size, stories, distance) under a template's numbers (a, b, c)."""
    coefficients = as_array(numbers, "numbers", ndim=1)
    x = as_array(houses, "houses", ndim=(1, 2))
    if coefficients.shape != (3,):
        raise ValueError(f"numbers should be 3 values (a, b, c), but it is "
                         f"{in_words(coefficients)}.")
    if x.shape[-1] != 3:
        raise ValueError(f"houses should hold 3 features per house (size, stories, distance), "
                         f"but it is {in_words(x)}.")
    return x @ coefficients


def house_data(n: int = 40, seed=2):
    """`n` synthetic houses and their prices, built so that least squares learns `LEARNED`.

    The prices are LEARNED's prediction plus noise that has been made exactly uncorrelated with
    every feature, so the best-fitting numbers come out as (90.3, 1006.2, −40.5).
    Returns (houses, prices): houses of shape (n, 3), prices of shape (n,).
    """
    n = as_count(n, "n")
    if n < 4:
        raise ValueError(f"n should be at least 4 to fit 3 numbers with noise left over, got {n}.")
    rng = as_rng(seed)
    candidates = 4 * n + 20  # about two in three pass the price floor below
    size = np.round(rng.uniform(60, 240, candidates))                  # square metres
    stories = rng.integers(1, 4, candidates).astype(float)
    distance = np.round(rng.uniform(20, 400, candidates), -1)          # metres
    houses = np.column_stack([size, stories, distance])
    # Keep houses the template prices at $4,000 or more, so that no price comes out negative.
    houses = houses[houses @ np.array(LEARNED) >= 4_000][:n]
    noise = rng.normal(0, 800, n)
    # Remove the part of the noise that any combination of the features could explain.
    noise -= houses @ np.linalg.lstsq(houses, noise, rcond=None)[0]
    return houses, houses @ np.array(LEARNED) + noise


@overflow_checked
def fit_template(houses, prices) -> np.ndarray:
    """The least-squares numbers (a, b, c): the template that best fits the examples."""
    x = as_array(houses, "houses", ndim=2)
    y = as_array(prices, "prices", ndim=1)
    if x.shape[1] != 3:
        raise ValueError(f"houses should be a table of (size, stories, distance), one row per "
                         f"house, but it is {in_words(x)}.")
    if len(x) != len(y):
        raise ValueError(f"houses has {len(x)} rows but prices has {len(y)} values: give one "
                         "price per house.")
    return np.linalg.lstsq(x, y, rcond=None)[0]
