"""Collecting a learner's answers as plain data.

A check runs in two halves. The first half runs where the learner's code lives (the notebook's
kernel, or a grading subprocess): it calls the learner's functions on the task's inputs and
writes down what came back, errors included, as JSON-friendly data. The second half (the judge)
only ever reads that data, in the grader's own process, so nothing the learner's code does to
numpy, to ddn or to the judge can change the verdict.
"""

from __future__ import annotations

import copy
import inspect
import math
import warnings

import numpy as np


def encode(value):
    """A learner's value as JSON-friendly data that `decode` turns back into numbers/arrays."""
    if value is None:
        return {"t": "none"}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, (int, float, np.integer, np.floating)):
        return {"t": "number", "v": _float(value)}
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return {"t": "array", "shape": list(value.shape),
                "v": [_float(v) for v in value.astype(float).ravel()]}
    if isinstance(value, (list, tuple)):
        return {"t": type(value).__name__, "v": [encode(v) for v in value]}
    if isinstance(value, str):
        return {"t": "str", "v": value[:200]}
    if callable(value):
        return {"t": "function", "name": getattr(value, "__name__", "?")}
    return {"t": "other", "type": type(value).__name__, "repr": _safe_repr(value)}


def decode(data):
    """Inverse of `encode`: numbers become floats, arrays numpy arrays, others a `Foreign`."""
    kind = data["t"]
    if kind == "none":
        return None
    if kind == "ellipsis":
        return Ellipsis
    if kind == "bool":
        return bool(data["v"])
    if kind == "number":
        return float(data["v"])
    if kind == "array":
        return np.array(data["v"], dtype=float).reshape(data["shape"])
    if kind in ("list", "tuple"):
        items = [decode(v) for v in data["v"]]
        return items if kind == "list" else tuple(items)
    if kind == "str":
        return data["v"]
    if kind == "function":
        return Foreign("function", data["name"])
    return Foreign(data["type"], data["repr"])


class Foreign:
    """Something the learner returned that is not a number, array, list or text."""

    def __init__(self, type_name: str, text: str):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name} {self.text}>"


def call(function, args) -> dict:
    """Call the learner's function on copies of `args`; record the result or the error, and
    which arguments the function changed in place ("changed": their positions)."""
    copies = copy.deepcopy(args)  # the learner's code may change its inputs in place
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
                result = function(*copies)
        except Exception as error:  # noqa: BLE001 - every learner error becomes feedback
            return {"error": type(error).__name__, "message": str(error)[:300],
                    "where": _innermost_function(error)}
    record = {"value": encode(result)}
    changed = [i for i, (before, after) in enumerate(zip(args, copies)) if not same(before, after)]
    if changed:
        record["changed"] = changed
    if caught:
        record["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    return record


def same(before, after) -> bool:
    """Is an argument after the call exactly what it was before (values, shape and type)?"""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and before.dtype == after.dtype
                and bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc")))
    if isinstance(before, (list, tuple)):
        return (type(before) is type(after) and len(before) == len(after)
                and all(same(b, a) for b, a in zip(before, after)))
    try:
        return bool(before == after)
    except Exception:  # noqa: BLE001 - a value that can't be compared counts as changed
        return False


def parameter_names(function) -> list[str]:
    """The names of the function's positional parameters, as the learner wrote them."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _innermost_function(error) -> str:
    """The name of the function in which the error was raised (the last traceback frame)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else ""


def _float(x) -> float:
    x = float(x)
    return x if math.isfinite(x) else (str(x))  # JSON has no inf/nan: keep them as text


def _safe_repr(value) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # noqa: BLE001 - a learner's class may break repr
        return "?"
