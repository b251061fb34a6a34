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

from .feedback import FAILED, NOT_DONE, PASSED, Feedback
from .record import Foreign, call, decode, encode, parameter_names

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
    """A typical mistake: the wrong answer it produces for a case, and a hint that fixes it.

    `produces(*args)` computes the wrong answer (None where the mistake can't happen). A whole
    family of wrong answers, such as a clip at *any* ceiling, is recognised by
    `fits(got, *args) -> bool` instead; `produces` then gives one member of the family.
    """

    hint: str
    produces: Callable
    fits: Callable | None = None


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
    in_place_hint: str = ""  # how to avoid changing an argument, if the generic advice won't do

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
        return {"calls": [call(function, args) for args in self.cases],
                "params": parameter_names(function)}

    def _judge(self, record):
        early = self._screen(record)
        if early is not None:
            return early
        calls = record["calls"]
        feedback = self._compare([decode(c["value"]) for c in calls], calls)
        if feedback.passed:
            return self._changed_inputs(record) or feedback
        return feedback

    def _changed_inputs(self, record):
        """Right results from a function that changed its caller's arrays: that fails too."""
        case, changed = next(((args, c["changed"][0]) for args, c in
                              zip(self.cases, record["calls"]) if c.get("changed")), (None, None))
        if changed is None:
            return None
        params = record.get("params") or []
        arg = params[changed] if changed < len(params) else None
        what = f"`{arg}`" if arg else f"argument number {changed + 1}"
        arg = arg or "x"
        if self.in_place_hint:
            advice = self.in_place_hint
        elif isinstance(case[changed], list):
            advice = (f"Leave {what} as it was: `.append`, `.pop`, `del` and `{arg}[i] = ...` "
                      f"change the caller's list, so work on a copy, `{arg} = list({arg})`, or "
                      "build a new list.")
        else:
            advice = (f"Leave {what} as it was and build a new array: `{arg} - 1` makes a new "
                      f"one, while `{arg} -= 1` and `{arg}[...] = ...` write into the caller's "
                      f"(or start with `{arg} = {arg}.copy()`).")
        return self.feedback(FAILED, f"the results are right, but `{self.name}` also changes "
                                     f"{what} in place: after the call, the caller's {what} "
                                     f"holds different values, and the code that called "
                                     f"`{self.name}` may still need the old ones. {advice}")

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
            rounded = rounding(got, expected, self.tolerance)
            if rounded is not None:
                return self.feedback(FAILED, f"very close, but rounded to {rounded}: return "
                                             "the full value, unrounded (round only when you "
                                             "print).")
            if all(close(g, e, 2e-3) for g, e in zip(got, expected)):
                return self.feedback(FAILED, "very close, but not exact: did you round? "
                                             "Return the full value, unrounded.")
        i = wrong[0]
        return self.feedback(FAILED, f"`{self.name}({show_args(self.cases[i])})` returned "
                                     f"{difference(got[i], expected[i], self.tolerance)}"
                                     f"{kind_hint(got[i], expected[i])}")

    def _error_message(self, args, result):
        error, message = result["error"], result["message"]
        text = f"`{self.name}({show_args(args)})` raised {error}: {message}"
        if error == NOT_WRITTEN:
            where = result.get("where") or self.name
            return text + f". `{where}` still says `raise NotImplementedError()`."
        for fragment, hint in self.error_hints + COMMON_ERROR_HINTS:
            if fragment in message or fragment == error:
                return f"{text}. {_sentence(hint)}"
        return text + "."


def _sentence(hint: str) -> str:
    """A hint that follows a full stop starts with a capital, unless it starts with code."""
    first = hint.split(" ", 1)[0]
    return hint[0].upper() + hint[1:] if first.isalpha() else hint


def _produce(mistake, args):
    """The mistake's answer for one case, or None where the mistake doesn't apply (or fails)."""
    try:
        return mistake.produces(*args)
    except Exception:  # noqa: BLE001 - e.g. an index the mistaken formula can't reach
        return None


def _fits(mistake, got, args):
    try:
        return mistake.fits(got, *args)
    except Exception:  # noqa: BLE001 - a family test that can't read this answer: not a match
        return False


def _matches(mistake, got, cases, tolerance) -> bool:
    """Does the learner's output equal the mistake's on every case the mistake applies to?"""
    if mistake.fits is not None:
        return all(_fits(mistake, g, args) for g, args in zip(got, cases))
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


OVERFLOW = ("math.exp can't go above e^709 (about 1.8e308, the largest float): it raises this "
            "error instead of giving infinity. Rewrite the formula so that no exponent is large "
            "and positive, or use np.exp on the whole array.")
OFF_BY_ONE = ("An index ran past the end: a list or array of n items has indices 0 to n - 1. "
              "Check your loop's range: `range(len(x))` visits every index once, "
              "`range(len(x) + 1)` goes one too far, and a loop that also reads `x[i + 1]` must "
              "stop at `range(len(x) - 1)`.")
MATH_ON_ARRAYS = ("functions from the math module (math.exp, math.log, ...) take one number at a "
                  "time; use numpy's (np.exp, np.log, ...) for whole arrays.")

COMMON_ERROR_HINTS = (
    ("truth value of an array",
     "`if`, `and`/`or`, `max()` and `min()` look at one number, but here the input is a whole "
     "array (maybe a table, 2-D): work on the whole array at once, e.g. with "
     "np.where(z > 0, ..., ...) or np.maximum(z, 0)."),
    ("only integer scalar arrays can be converted to a scalar index",
     "a numpy function got an array where it expected an axis number: np.max(a, b) is not "
     "the larger of a and b; for that, value by value, use np.maximum(a, b)."),
    ("only 0-dimensional arrays can be converted", MATH_ON_ARRAYS),
    ("only length-1 arrays can be converted", MATH_ON_ARRAYS),
    ("math range error", OVERFLOW),
    ("Numerical result out of range", OVERFLOW),
    ("for @: 'list' and 'list'",
     "`@` works on numpy arrays, not on Python lists: turn them into arrays first, "
     "`np.asarray(a) @ np.asarray(b)`, or use `np.dot(a, b)`, which takes lists too."),
    ("unsupported operand type(s) for ** or pow(): 'list'",
     "lists don't do arithmetic: turn the input into an array with np.asarray first."),
    ("can't multiply sequence", "lists don't do arithmetic: use np.asarray(...) first."),
    ("list index out of range", OFF_BY_ONE),
    ("tuple index out of range", OFF_BY_ONE),
    ("is out of bounds for axis", OFF_BY_ONE),
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
        return "[" + ", ".join(show(v, digits) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(show(v, digits) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, Foreign):
        return f"a {value.type_name}"
    return repr(value)


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
