"""What an exercise task is, and how its answers are judged.

- `FunctionTask`: the learner writes a function. The probe calls it on the task's cases; the
  judge compares each result with the reference answer, recognises typical mistakes (each
  `Mistake` computes the wrong answer that mistake would give) and says which one it was.
- `ValuesTask`: the learner sets some variables (weights, a threshold...). The probe records
  them; the task's own `verdict` judges them.

`probe` runs where the learner's code lives; `judge` reads only the recorded data (see record.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .._format import num
from .feedback import FAILED, NOT_DONE, PASSED, Feedback
from .record import Foreign, call, decode, encode

NOT_WRITTEN = "NotImplementedError"


class Task:
    """One gradable step of an exercise: `probe` collects answers, `judge` gives feedback."""

    id: str
    title: str

    @property
    def needs(self) -> tuple[str, ...]:
        raise NotImplementedError

    def collect(self, namespace) -> dict:
        """Record the learner's answers found in `namespace` (their notebook's variables)."""
        missing = [name for name in self.needs if name not in namespace]
        if missing:
            return {"missing": missing}
        try:
            return self.probe({name: namespace[name] for name in self.needs})
        except Exception as error:  # noqa: BLE001 - a probe must never crash the check
            return {"crash": f"{type(error).__name__}: {error}"[:300]}

    def judge(self, record: dict) -> Feedback:
        if "missing" in record:
            names = ", ".join(f"`{n}`" for n in record["missing"])
            return self.feedback(NOT_DONE, f"I can't find {names} in your notebook yet: run the "
                                           "cell that defines it, then run this check again.")
        if "crash" in record:
            return self.feedback(FAILED, f"your answer could not be used: {record['crash']}")
        return self._judge(record)

    def feedback(self, status, message) -> Feedback:
        return Feedback(self.id, status, message)

    def probe(self, answers: dict) -> dict:
        raise NotImplementedError

    def _judge(self, record: dict) -> Feedback:
        raise NotImplementedError


@dataclass(frozen=True)
class Mistake:
    """A typical mistake: the wrong answer it produces for a case, and a hint that fixes it."""

    hint: str
    produces: Callable


@dataclass
class FunctionTask(Task):
    id: str
    title: str
    cases: list[tuple]
    reference: Callable
    mistakes: tuple[Mistake, ...] = ()
    praise: str = "correct."
    error_hints: tuple[tuple[str, str], ...] = ()  # (text in the error message, hint)
    tolerance: float = 1e-6
    function: str | None = None  # the function's name, if it differs from the task id

    @property
    def name(self) -> str:
        return self.function or self.id

    @property
    def needs(self):
        return (self.name,)

    def probe(self, answers):
        function = answers[self.name]
        if not callable(function):
            return {"not_callable": encode(function)}
        return {"calls": [call(function, args) for args in self.cases]}

    def _judge(self, record):
        early = self._screen(record)
        if early is not None:
            return early
        calls = record["calls"]
        return self._compare([decode(c["value"]) for c in calls], calls)

    def _screen(self, record):
        """Feedback for answers that can't be compared at all: not a function, not written
        yet, or raising an error. None when every call returned something."""
        name = self.name
        if "not_callable" in record:
            value = decode(record["not_callable"])
            if value is Ellipsis:
                return self.feedback(NOT_DONE, f"not written yet: define `{name}` as a function.")
            return self.feedback(FAILED, f"`{name}` should be a function (def {name}(...):), but "
                                         f"it is {show(value)}.")
        calls = record["calls"]
        if all(c.get("error") == NOT_WRITTEN for c in calls):
            where = calls[0].get("where", name)
            if where not in (name, ""):
                return self.feedback(NOT_DONE, f"`{name}` calls `{where}`, which is not "
                                               f"written yet: finish `{where}` first.")
            return self.feedback(NOT_DONE, f"not written yet: replace `raise "
                                           f"NotImplementedError()` in `{name}` with your code.")
        for args, result in zip(self.cases, calls):
            if "error" in result:
                return self.feedback(FAILED, self._error_message(args, result))
        return None

    def _compare(self, got, calls):
        """Feedback on the learner's results `got` (one per case) against the reference."""
        name = self.name
        with np.errstate(all="ignore"):
            expected = [self.reference(*args) for args in self.cases]
            wrong = [i for i, (g, e) in enumerate(zip(got, expected))
                     if not close(g, e, self.tolerance)]
            if not wrong:
                warned = sorted({w for c in calls for w in c.get("warnings", [])})
                note = (f" (numpy warned: {warned[0]}; the answer is right, but see if you can "
                        "avoid the warning)") if warned else ""
                return self.feedback(PASSED, self.praise + note)
            for mistake in self.mistakes:
                if _matches(mistake, got, self.cases, self.tolerance):
                    return self.feedback(FAILED, mistake.hint)
            if all(close(g, e, 2e-3) for g, e in zip(got, expected)):
                return self.feedback(FAILED, "very close, but not exact: did you round? "
                                             "Return the full value, unrounded.")
        i = wrong[0]
        call_text = f"`{name}({show_args(self.cases[i])})`"
        return self.feedback(FAILED, f"{call_text} returned {show(got[i])}, but it should be "
                                     f"{show(expected[i])}.{first_difference(got[i], expected[i])}"
                                     f"{kind_hint(got[i], expected[i])}")

    def _error_message(self, args, result):
        error, message = result["error"], result["message"]
        text = f"`{self.name}({show_args(args)})` raised {error}: {message}"
        if error == NOT_WRITTEN:
            where = result.get("where") or self.name
            return text + f". `{where}` still says `raise NotImplementedError()`."
        for fragment, hint in self.error_hints + COMMON_ERROR_HINTS:
            if fragment in message or fragment == error:
                return f"{text}. {hint}"
        return text + "."


def _produce(mistake, args):
    """The mistake's answer for one case, or None where the mistake doesn't apply (or fails)."""
    try:
        return mistake.produces(*args)
    except Exception:  # noqa: BLE001 - e.g. an index the mistaken formula can't reach
        return None


def _matches(mistake, got, cases, tolerance) -> bool:
    """Does the learner's output equal the mistake's on every case the mistake applies to?"""
    wrong = [(g, _produce(mistake, args)) for g, args in zip(got, cases)]
    applicable = [(g, w) for g, w in wrong if w is not None]
    return bool(applicable) and all(close(g, w, tolerance) for g, w in applicable)


@dataclass
class ValuesTask(Task):
    """The learner sets variables; `verdict(values) -> (passed, message)` judges them."""

    id: str
    title: str
    names: tuple[str, ...]
    verdict: Callable[[dict], tuple[bool, str]] = field(repr=False)

    @property
    def needs(self):
        return self.names

    def probe(self, answers):
        return {"values": {name: encode(value) for name, value in answers.items()}}

    def _judge(self, record):
        values = {name: decode(v) for name, v in record["values"].items()}
        blank = [name for name, v in values.items() if v is Ellipsis]
        if blank:
            names = ", ".join(f"`{n}`" for n in blank)
            return self.feedback(NOT_DONE, f"not done yet: replace the `...` after {names} with "
                                           "your answer.")
        passed, message = self.verdict(values)
        return self.feedback(PASSED if passed else FAILED, message)


def weights_and_bias(values: dict, weights_name: str, bias_name: str, n: int, what: str):
    """A learner's weights (n numbers) and bias (one number) from a ValuesTask's values.

    Returns (weights, bias, None), or (None, None, message) saying what is wrong with them.
    """
    w, b = values[weights_name], values[bias_name]
    w = np.asarray(w, dtype=float) if isinstance(w, (list, tuple, np.ndarray)) else None
    if w is None or w.shape != (n,):
        return None, None, (f"{weights_name} should be {n} numbers ({what}), but it is "
                            f"{show(values[weights_name])}.")
    if isinstance(b, np.ndarray) and b.size == 1:
        b = float(b.reshape(()))  # np.array(-5.5) is one number too
    if isinstance(b, bool) or not isinstance(b, (int, float)):
        return None, None, f"{bias_name} should be one number, but it is {show(b)}."
    return w, float(b), None


COMMON_ERROR_HINTS = (
    ("truth value of an array",
     "`if`, `and`/`or`, `max()` and `min()` look at one number, but here the input is a whole "
     "array (maybe a table, 2-D): work on the whole array at once, e.g. with "
     "np.where(z > 0, ..., ...) or np.maximum(z, 0)."),
    ("only integer scalar arrays can be converted to a scalar index",
     "a numpy function got an array where it expected an axis number: np.max(a, b) is not "
     "the larger of a and b; for that, value by value, use np.maximum(a, b)."),
    ("only 0-dimensional arrays can be converted",
     "functions from the math module (math.exp, math.log, ...) take one number at a time; "
     "use numpy's (np.exp, np.log, ...) for whole arrays."),
    ("only length-1 arrays can be converted",
     "functions from the math module (math.exp, math.log, ...) take one number at a time; "
     "use numpy's (np.exp, np.log, ...) for whole arrays."),
    ("unsupported operand type(s) for ** or pow(): 'list'",
     "lists don't do arithmetic: turn the input into an array with np.asarray first."),
    ("can't multiply sequence", "lists don't do arithmetic: use np.asarray(...) first."),
    ("matmul: Input operand", "the shapes don't fit for @: check which matrix comes first."),
    ("could not be broadcast", "`*` and `+` work value by value and need matching shapes; "
                               "the matrix product is `@`."),
    ("shapes", "the shapes don't fit together: print the .shape of each array."),
)


# -- comparing and showing values ----------------------------------------------------------
def close(got, expected, tolerance=1e-6) -> bool:
    """Is `got` (decoded learner data) the same as `expected`, up to rounding?"""
    if isinstance(expected, (tuple, list)):
        if isinstance(got, np.ndarray) and got.ndim == 1:
            got = list(got)  # (a, b, c) returned as an array of three numbers is fine too
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e, tolerance) for g, e in zip(got, expected)))
    if isinstance(expected, np.ndarray) and expected.ndim > 0:
        if isinstance(got, (list, tuple)):
            try:
                got = np.array(got, dtype=float)
            except (TypeError, ValueError):
                return False
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


def show(value) -> str:
    """A value as the learner would write it: 26, [0, 1, 1], (150.5, 179.5), None."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, np.number)):
        return num(value)
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return num(value)
        return np.array2string(value, precision=6, separator=", ", suppress_small=True,
                               threshold=20, formatter={"float_kind": lambda x: num(x)})
    if isinstance(value, (list, tuple)):
        inner = ", ".join(show(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if isinstance(value, Foreign):
        return f"a {value.type_name}"
    return repr(value)


def show_args(args) -> str:
    """Arguments as a call would show them; big arrays by their shape only."""
    return ", ".join(f"<array of shape {a.shape}>" if isinstance(a, np.ndarray) and a.size > 6
                     else show(a) for a in args)


def first_difference(got, expected) -> str:
    """For same-shaped arrays: where the first wrong value is, so a long array is readable."""
    if not (isinstance(got, np.ndarray) and isinstance(expected, np.ndarray)
            and got.shape == expected.shape and got.size > 1):
        return ""
    bad = ~np.isclose(got, expected, rtol=1e-6, atol=1e-6, equal_nan=True)
    if not bad.any():
        return ""
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    at = index[0] if len(index) == 1 else index
    return (f" The first difference is at position {at}: {num(got[index])} instead of "
            f"{num(expected[index])}.")


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
    return ""
