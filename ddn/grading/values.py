"""Comparing a learner's values with the expected ones, and showing values as text.

`close` says whether two values are the same up to rounding (numbers, arrays, tuples, lists);
`show` writes a value as the learner could paste it back into Python; `difference` explains
where a wrong answer first differs from the right one. Nothing here runs learner code: the
values are plain data (see record.py).
"""

from __future__ import annotations

import math

import numpy as np

from .record import Foreign


def close(got, expected, tolerance=1e-6) -> bool:
    """Is `got` (decoded learner data) the same as `expected`, up to rounding?"""
    if isinstance(expected, (tuple, list)):
        if isinstance(got, np.ndarray) and got.ndim == 1:
            got = list(got)  # (a, b, c) returned as an array of three numbers is fine too
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e, tolerance) for g, e in zip(got, expected)))
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        got = _as_array(got)
        return (isinstance(got, np.ndarray) and got.shape == expected.shape
                and bool(np.allclose(got, expected, rtol=tolerance, atol=tolerance,
                                     equal_nan=True)))
    if isinstance(expected, (int, float, np.number, np.ndarray)):
        if isinstance(got, np.ndarray) and got.ndim == 0:
            got = float(got)
        if not isinstance(got, (bool, int, float)):
            return False
        g, e = float(got), float(expected)
        if math.isnan(e) or math.isnan(g):
            return math.isnan(e) and math.isnan(g)
        return math.isclose(g, e, rel_tol=tolerance, abs_tol=tolerance)
    return got == expected


def _as_array(value):
    """A list of numbers returned where an array is expected counts as that array."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biu":
        return value.astype(float)  # whole numbers and booleans compare as numbers
    if isinstance(value, (list, tuple)):
        try:
            return np.array(value, dtype=float)
        except (TypeError, ValueError):
            return value
    return value


def rounding(got, expected, tolerance=1e-6) -> str | None:
    """'2 decimal places' if every result is the expected one rounded that way, else None."""
    for digits in range(7):
        if all(close(g, _round(e, digits), tolerance) for g, e in zip(got, expected)):
            return "a whole number" if digits == 0 else \
                f"{digits} decimal place{'s' if digits > 1 else ''}"
    return None


def _round(value, digits):
    if isinstance(value, (tuple, list)):
        return type(value)(_round(v, digits) for v in value)
    if isinstance(value, np.ndarray):
        return np.round(value, digits)
    if isinstance(value, (int, float, np.number)):
        return round(float(value), digits)
    return value


def number(x, digits: int = 6) -> str:
    """A number as Python reads it back: 26, -1.5, 0.952241, 1e-05, np.inf, np.nan."""
    x = float(x)
    if math.isnan(x):
        return "np.nan"
    if math.isinf(x):
        return "np.inf" if x > 0 else "-np.inf"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{digits}g}"


def show(value, digits: int = 6) -> str:
    """A value as the learner could paste it back: 26, -1.5, [0, 1], (150.5, 179.5),
    np.array([[1, -1], [0, 4.5]]), None."""
    if value is None:
        return "None"
    if value is Ellipsis:
        return "..."
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, np.number)):
        return number(value, digits)
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return number(value, digits)
        return f"np.array({_nested(value, digits)})"
    if isinstance(value, list):
        return "[" + ", ".join(_items(value, digits)) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_items(value, digits))
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, Foreign):
        return f"a {value.type_name}"
    return repr(value)


def _items(values, digits: int, edge: int = 3) -> list[str]:
    """A list's or tuple's items as text; a long one keeps 3 items at each end."""
    if len(values) > 20:
        return [show(v, digits) for v in values[:edge]] + ["..."] + \
            [show(v, digits) for v in values[-edge:]]
    return [show(v, digits) for v in values]


def _nested(array: np.ndarray, digits: int, edge: int = 3) -> str:
    """[[1, -1], [0, 4.5]] on one line; long axes of a big array keep 3 items at each end."""
    if array.ndim == 0:
        return number(array, digits)
    items = list(array)
    if array.size > 20 and len(items) > 2 * edge:
        parts = [_nested(np.asarray(v), digits) for v in items[:edge]] + ["..."] + \
                [_nested(np.asarray(v), digits) for v in items[-edge:]]
    else:
        parts = [_nested(np.asarray(v), digits) for v in items]
    return "[" + ", ".join(parts) + "]"


def show_args(args) -> str:
    """Arguments as a call would show them; big arrays by their shape only."""
    return ", ".join(f"<an array of shape {a.shape}>" if isinstance(a, np.ndarray) and a.size > 20
                     else show(a) for a in args)


def show_pair(got, expected) -> tuple[str, str]:
    """Two different values, shown with enough digits to look different, and each close
    enough to its true value that a check would take the text for it."""
    for digits in (6, 9, 12, 17):
        g, e = show(got, digits), show(expected, digits)
        if g != e and close(_significant(got, digits), got) and \
                close(_significant(expected, digits), expected):
            break
    return g, e


def _significant(value, digits):
    """`value` as `show(value, digits)` writes it, read back."""
    if isinstance(value, (tuple, list)):
        return type(value)(_significant(v, digits) for v in value)
    if isinstance(value, np.ndarray):
        return np.array([float(f"{x:.{digits}g}") for x in value.ravel()]).reshape(value.shape)
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return float(f"{float(value):.{digits}g}")
    return value


def difference(got, expected, tolerance=1e-6) -> str:
    """'X, but it should be Y.' and, inside arrays and tuples, where the first wrong value is."""
    g, e = show_pair(got, expected)
    text = f"{g}, but it should be {e}."
    found = _first_difference(got, expected, tolerance)
    if found is not None and found[0]:
        where, g, e = found
        g, e = show_pair(g, e)
        text += f" The first difference is {where}: {g} instead of {e}."
    return text


def _first_difference(got, expected, tolerance):
    """(where, got value, expected value) of the first wrong number inside tuples and arrays;
    where is "" at the top level, and None means there is no like-for-like comparison."""
    if isinstance(expected, (tuple, list)):
        if isinstance(got, np.ndarray) and got.ndim == 1:
            got = list(got)
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return None
        for i, (g, e) in enumerate(zip(got, expected)):
            if not close(g, e, tolerance):
                inner = _first_difference(g, e, tolerance)
                where = f"value {i + 1} of {len(expected)}"
                if inner is not None and inner[0]:
                    return f"{where}, {inner[0]}", inner[1], inner[2]
                return where, g, e
        return None
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        got = _as_array(got)
        if not isinstance(got, np.ndarray) or got.shape != expected.shape:
            return None
        bad = ~np.isclose(got, expected, rtol=tolerance, atol=tolerance, equal_nan=True)
        if not bad.any():
            return None
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        at = str(index[0]) if len(index) == 1 else "[" + ", ".join(map(str, index)) + "]"
        return f"at index {at}", got[index], expected[index]
    return "", got, expected


def kind_hint(got, expected) -> str:
    """A hint when the answer has the wrong type or shape, not just the wrong numbers."""
    if got is None:
        return " It returned None: did you forget the `return` line?"
    expected_array = isinstance(expected, np.ndarray) and expected.ndim > 0
    got_array = isinstance(got, np.ndarray) and got.ndim > 0
    if expected_array and got_array and got.shape != expected.shape:
        return f" The shape is {got.shape}, but it should be {expected.shape}."
    if expected_array and not got_array and not isinstance(got, (list, tuple)):
        return f" It should be an array of shape {expected.shape}, not a single number."
    if not expected_array and isinstance(expected, (int, float)) and got_array:
        return " It should be a single number, not an array."
    if isinstance(expected, tuple) and not isinstance(got, (tuple, list)):
        return f" It should be {len(expected)} values, returned together like (a, b)."
    if isinstance(expected, tuple) and len(got) != len(expected):
        return f" It should be {len(expected)} values, but it has {len(got)}."
    return ""
