"""A learner's answers as plain data: the only thing that crosses from their code to the judge.

A check runs in two halves, and this module is the border between them.

- Where the learner's code lives (their own kernel for `check`, or the sandboxed runner of
  batch grading), `look_up`, `call` and `encode` look at the learner's objects and write down
  what they are and what their calls return, errors included, as JSON-friendly data.
- The judge reads that data with `read_function`, `read_value` and `read_call`. They turn it
  back into numbers, arrays, text and tuples, and nothing else: they never execute anything,
  check the type of every field, and refuse data that is too big or nested too deep. What comes
  back is a value to compare, never a verdict.
"""

from __future__ import annotations

import copy
import inspect
import math
import warnings

import numpy as np

MAX_ITEMS = 1_000_000  # numbers in one array, or items in one list
MAX_DEPTH = 20         # lists inside lists inside ...
MAX_TEXT = 300         # characters of a message or a piece of text
NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


class Unreadable(ValueError):
    """Data that is not what `encode` writes: malformed, too big or too deep."""


class Foreign:
    """Something the learner returned that is not a number, array, list, tuple or text."""

    def __init__(self, type_name: str, text: str = ""):
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return f"<{self.type_name} {self.text}>"


class NetworkData(Foreign):
    """A ddn Network (kind "network") or layer (kind "layer") sent as data: its spec, still
    unchecked, for the judge to rebuild (ddn/spec.py), or why it could not be written down."""

    def __init__(self, kind: str, type_name: str, spec=None, error: str = ""):
        super().__init__(type_name, error)
        self.kind, self.spec, self.error = kind, spec, error


# -- the learner's side: describe objects and calls as data ---------------------------------
def encode(value, depth: int = 0):
    """A value as JSON-friendly data that `decode` turns back into the same kind of value.

    Whole numbers stay whole and arrays keep their kind (float, int or bool), so a case's
    arguments arrive exactly as the task wrote them.
    """
    if depth > MAX_DEPTH:
        return {"t": "other", "type": type(value).__name__, "repr": "(nested too deep)"}
    if value is None:
        return {"t": "none"}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, (int, np.integer)):
        number = int(value)
        if abs(number) < 2**53:
            return {"t": "int", "v": number}
        return {"t": "number", "v": _float(number)}
    if isinstance(value, (float, np.floating)):
        return {"t": "number", "v": _float(value)}
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.size <= MAX_ITEMS:
        kind = {"b": "bool", "i": "int", "u": "int", "f": "float"}[value.dtype.kind]
        flat = value.ravel()
        items = ([bool(v) for v in flat] if kind == "bool" else [int(v) for v in flat]
                 if kind == "int" else [_float(v) for v in flat])
        return {"t": "array", "dtype": kind, "shape": list(value.shape), "v": items}
    if isinstance(value, (list, tuple)) and len(value) <= MAX_ITEMS:
        return {"t": "tuple" if isinstance(value, tuple) else "list",
                "v": [encode(v, depth + 1) for v in value]}
    if isinstance(value, str):
        return {"t": "str", "v": value[:MAX_TEXT]}
    network = _encode_network(value)
    if network is not None:
        return network
    if callable(value):
        return {"t": "function", "name": str(getattr(value, "__name__", "?"))[:100]}
    return {"t": "other", "type": type(value).__name__[:100], "repr": _safe_repr(value)}


def _encode_network(value):
    """A ddn Network or layer as its spec (see ddn/spec.py), else None."""
    from ..layers import Layer
    from ..network import Network
    from ..spec import layer_spec, network_spec

    if isinstance(value, Network):
        kind, describe = "network", network_spec
    elif isinstance(value, Layer):
        kind, describe = "layer", layer_spec
    else:
        return None
    try:
        return {"t": kind, "type": type(value).__name__[:100], "spec": describe(value)}
    except Exception as error:  # noqa: BLE001 - a layer ddn can't describe: say so
        return {"t": kind, "type": type(value).__name__[:100], "error": str(error)[:MAX_TEXT]}


def look_up(namespace, name: str, as_function: bool) -> dict:
    """What `name` is in the learner's namespace: missing, a function (its parameter names,
    and whether it is the library's own), or a value."""
    if name not in namespace:
        return {"missing": True}
    value = namespace[name]
    if not as_function:
        return {"value": encode(value)}
    if not callable(value):
        return {"not_callable": encode(value)}
    return {"function": True, "params": parameter_names(value), "library": _library(value)}


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
            return {"error": type(error).__name__, "message": str(error)[:MAX_TEXT],
                    "where": _innermost_function(error)}
    record = {"value": encode(result)}
    changed = [i for i, (before, after) in enumerate(zip(args, copies)) if not same(before, after)]
    if changed:
        record["changed"] = changed
    if caught:
        record["warnings"] = sorted({f"{w.category.__name__}: {w.message}" for w in caught})[:5]
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
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][:20]


def _library(function) -> str | None:
    """'ddn.activations.sigmoid' when the learner's answer is the library's own function."""
    module = getattr(function, "__module__", None)
    if isinstance(module, str) and (module == "ddn" or module.startswith("ddn.")):
        return f"{module}.{getattr(function, '__qualname__', '?')}"[:100]
    return None


def _innermost_function(error) -> str:
    """The name of the function in which the error was raised (the last traceback frame)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else ""


def _float(x):
    x = float(x)
    return x if math.isfinite(x) else str(x)  # JSON has no inf/nan: keep them as text


def _safe_repr(value) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # noqa: BLE001 - a learner's class may break repr
        return "?"


# -- the judge's side: read data back, trusting nothing -------------------------------------
def decode(data, depth: int = 0):
    """Inverse of `encode`: numbers, arrays, lists, tuples, text, None and `...`; a function
    or another object becomes a `Foreign`, a network a `NetworkData`. Raises `Unreadable` on
    anything `encode` would not have written."""
    if depth > MAX_DEPTH + 1:
        raise Unreadable("nested too deep")
    if not isinstance(data, dict):
        raise Unreadable(f"expected an object, got {type(data).__name__}")
    kind = data.get("t")
    if kind == "none":
        return None
    if kind == "ellipsis":
        return Ellipsis
    if kind == "bool":
        return _typed(data.get("v"), bool)
    if kind == "int":
        return _typed(data.get("v"), int)
    if kind == "number":
        return _number(data.get("v"))
    if kind == "array":
        return _array(data)
    if kind in ("list", "tuple"):
        items = data.get("v")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise Unreadable("a list should hold its items in a list")
        values = [decode(v, depth + 1) for v in items]
        return values if kind == "list" else tuple(values)
    if kind == "str":
        return _typed(data.get("v"), str)[:MAX_TEXT]
    if kind == "function":
        return Foreign("function", text(data.get("name"), 100))
    if kind in ("network", "layer"):
        type_name = text(data.get("type"), 100) or kind
        return NetworkData(kind, type_name, spec=data.get("spec"), error=text(data.get("error")))
    if kind == "other":
        return Foreign(text(data.get("type"), 100) or "object", text(data.get("repr"), 200))
    raise Unreadable(f"unknown kind of value {str(kind)[:20]!r}")


def _typed(value, kind):
    if type(value) is not kind:
        raise Unreadable(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _number(value) -> float:
    if isinstance(value, str) and value in NON_FINITE:
        return NON_FINITE[value]
    if type(value) not in (int, float):
        raise Unreadable(f"expected a number, got {type(value).__name__}")
    return float(value)


def _array(data) -> np.ndarray:
    shape, items, dtype = data.get("shape"), data.get("v"), data.get("dtype", "float")
    if not (isinstance(shape, list) and len(shape) <= 8
            and all(type(n) is int and 0 <= n <= MAX_ITEMS for n in shape)):
        raise Unreadable("an array's shape should be a short list of sizes")
    if not isinstance(items, list) or len(items) != math.prod(shape) or len(items) > MAX_ITEMS:
        raise Unreadable("an array's numbers don't fit its shape")
    if dtype == "bool":
        return np.array([_typed(v, bool) for v in items], dtype=bool).reshape(shape)
    if dtype == "int":
        return np.array([_typed(v, int) for v in items], dtype=np.int64).reshape(shape)
    if dtype == "float":
        return np.array([_number(v) for v in items], dtype=float).reshape(shape)
    raise Unreadable("unknown array kind")


def text(value, limit: int = MAX_TEXT) -> str:
    """Learner-supplied text made safe to show: a string, cut short, without control
    characters (no terminal escape codes, no line breaks)."""
    if not isinstance(value, str):
        return ""
    return "".join(c if c.isprintable() else " " for c in value[:limit])


def _name(value) -> str:
    """An error class or function name: short and printable, else ''."""
    name = text(value, 100)
    return name if name.replace(".", "").replace("_", "").isalnum() else ""


UNREADABLE = {"error": "UnreadableAnswer", "where": "",
              "message": "the grader could not read what came back (it is not a value "
                         "encode() writes)"}


def read_call(data, n_args: int) -> dict:
    """A call record from `call`, checked field by field: {"value", "changed", "warnings"} or
    {"error", "message", "where"}. Anything malformed reads as an unreadable answer."""
    try:
        if not isinstance(data, dict):
            raise Unreadable("a call record should be an object")
        if "error" in data:
            return {"error": _name(data["error"]) or "Error", "message": text(data.get("message")),
                    "where": _name(data.get("where"))}
        changed = data.get("changed", [])
        if not (isinstance(changed, list) and all(type(i) is int and 0 <= i < n_args
                                                  for i in changed)):
            raise Unreadable("changed should list argument positions")
        caught = data.get("warnings", [])
        if not isinstance(caught, list):
            raise Unreadable("warnings should be a list")
        return {"value": decode(data.get("value")), "changed": sorted(set(changed)),
                "warnings": [text(w, 200) for w in caught[:5] if isinstance(w, str)]}
    except Exception:  # noqa: BLE001 - whatever the data, it only ever reads as unreadable
        return dict(UNREADABLE)


def read_function(data) -> dict:
    """The judge's reading of `look_up(..., as_function=True)`."""
    try:
        if not isinstance(data, dict):
            raise Unreadable("expected an object")
        if data.get("missing") is True:
            return {"missing": True}
        if "not_callable" in data:
            return {"not_callable": decode(data["not_callable"])}
        if data.get("function") is True:
            params = data.get("params")
            params = [_name(p) for p in params[:20]] if isinstance(params, list) else []
            library = data.get("library")
            return {"function": True, "params": params,
                    "library": text(library, 100) if isinstance(library, str) else None}
        raise Unreadable("not a description of a function")
    except Exception:  # noqa: BLE001 - whatever the data, it only ever reads as unreadable
        return {"not_callable": Foreign("unreadable answer")}


def read_value(data) -> dict:
    """The judge's reading of `look_up(..., as_function=False)`: {"missing"} or {"value"}."""
    try:
        if isinstance(data, dict) and data.get("missing") is True:
            return {"missing": True}
        if isinstance(data, dict) and "value" in data:
            return {"value": decode(data["value"])}
        raise Unreadable("not a description of a value")
    except Exception:  # noqa: BLE001 - whatever the data, it only ever reads as unreadable
        return {"value": Foreign("unreadable answer")}
