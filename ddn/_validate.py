"""Turn bad input into an error a learner can act on.

Every public function in ddn passes its arguments through these helpers, so a mistake such as
four weights for three inputs says exactly that, instead of surfacing as a numpy broadcasting
error from deep inside the library.
"""

from __future__ import annotations

import numbers

import numpy as np


def describe(value) -> str:
    """A short, human description of a value: 'a list of 3 values', 'an array of shape (2, 3)'."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}" if value.ndim else f"the number {value.item()!r}"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, numbers.Number):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        return f"a {kind} of {len(value)} value{'s' if len(value) != 1 else ''}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def as_array(value, name: str, *, ndim: int | tuple[int, ...] | None = None) -> np.ndarray:
    """`value` as a float array, or a TypeError/ValueError that names the argument."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} should be numbers (a number, a list or a numpy array), "
                        f"but it is {describe(value)}.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} should be numbers (a number, a list or a numpy array) with "
                        f"every row the same length, but it is {describe(value)} that numpy "
                        "cannot read as numbers.") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            raise ValueError(f"{name} should be {_ndim_words(allowed)}, but it is "
                             f"{describe(array)}.")
    if np.isnan(array).any():
        raise ValueError(f"{name} contains NaN (not a number); check how it was computed.")
    return array


def as_number(value, name: str) -> float:
    """`value` as a plain float, or an error naming the argument."""
    array = as_array(value, name)
    if array.size != 1:
        raise ValueError(f"{name} should be a single number, but it is {describe(value)}.")
    return float(array.reshape(()))


def as_batch(x, name: str, n_features: int, what: str) -> tuple[np.ndarray, bool]:
    """Inputs as a 2-D batch `(n_samples, n_features)`, and whether a single sample was given.

    `what` names the thing that expects the features, for the error message
    (e.g. "the neuron has 4 weights").
    """
    array = as_array(x, name, ndim=(0, 1, 2))
    single = array.ndim < 2
    batch = np.atleast_2d(array)
    if batch.shape[1] != n_features:
        got = batch.shape[1]
        if single:
            raise ValueError(f"{name} has {got} value{'s' if got != 1 else ''} but {what}: "
                             f"give {n_features} input{'s' if n_features != 1 else ''}, one per "
                             "weight, or change the weights.")
        raise ValueError(f"{name} has {got} columns (features) but {what}: "
                         f"each row should hold {n_features} inputs.")
    return batch, single


def as_rng(seed) -> np.random.Generator:
    """A numpy Generator from a seed (int), an existing Generator, or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise TypeError(f"seed should be a whole number or a numpy Generator, but it is "
                    f"{describe(seed)}.")


def check_positive(value, name: str, *, integer: bool = False) -> float | int:
    """A positive number (or positive whole number), or an error naming the argument."""
    number = as_number(value, name)
    if integer and number != int(number):
        raise ValueError(f"{name} should be a whole number, but it is {value!r}.")
    if not number > 0:
        raise ValueError(f"{name} should be greater than 0, but it is {value!r}.")
    return int(number) if integer else number


def _ndim_words(allowed: tuple[int, ...]) -> str:
    words = {0: "a single number", 1: "a list of numbers (1-D)", 2: "a table of numbers (2-D)",
             3: "a 3-D array", 4: "a 4-D array"}
    return " or ".join(words.get(d, f"{d}-D") for d in allowed)
