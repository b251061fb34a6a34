"""What an exercise task is, and how its answers are judged.

A task judges through a *caller* (see caller.py), which answers three questions about the
learner's notebook: is `name` a function (`function(name)`), what value does `name` hold
(`value(name)`), and what does the function return for these arguments (`call(name, args)`).
In the notebook the caller is the learner's own kernel; in batch grading it is a sandboxed
runner at the end of a pipe. Either way the task gets plain data back (record.py), chooses
every input itself and compares in its own process.

- `FunctionTask`: the learner writes a function. It is called on the task's teaching cases and
  compared with the reference; typical mistakes (`Mistake`) get their own hint. Then it is
  called on fresh cases drawn at random when it is judged, which no notebook can know ahead.
- `GradientTask`: a backward pass whose answer has named parts (grad_x, grad_w, grad_b), each
  checked against finite differences of the forward pass, with its own hints (`Part`).
- `ValuesTask`: the learner sets variables (weights, a threshold...); `verdict` judges them.
- `NetworkTask`: the learner builds and trains a network; it arrives as a spec (ddn/spec.py),
  is rebuilt here and judged on fresh data.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..gradcheck import numerical_gradient, relative_error
from ..spec import network_from_spec
from .feedback import FAILED, NOT_DONE, PASSED, Feedback
from .record import NetworkData, read_call, read_function, read_value
from .values import close, difference, kind_hint, rounding, show, show_args

NOT_WRITTEN = "NotImplementedError"
STOPPED = ("TimeoutError", "Stopped")  # errors of calls the runner or the judge had to stop
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def judge(task, caller) -> Feedback:
    """The task's verdict on the answers `caller` gives; a fault in the checker itself is
    reported kindly, never as a traceback."""
    try:
        return task.judge(caller)
    except Exception as error:  # noqa: BLE001 - never show the learner a traceback
        return Feedback(task.id, FAILED, f"the checker could not judge this answer ({error}); "
                                         "please tell the course maintainers.")


def fresh_rng() -> np.random.Generator:
    """The random generator for fresh cases: seeded from the operating system at judging time,
    so no notebook can know the cases in advance."""
    return np.random.default_rng(secrets.randbits(64))


class Task:
    """One gradable step of an exercise: `judge(caller)` asks the caller and gives feedback."""

    id: str
    title: str

    def judge(self, caller) -> Feedback:
        raise NotImplementedError

    def feedback(self, status, message) -> Feedback:
        return Feedback(self.id, status, message)

    def not_found(self, names) -> Feedback:
        listed = ", ".join(f"`{n}`" for n in names)
        return self.feedback(NOT_DONE, f"I can't find {listed} in your notebook yet: run the "
                                       "cell that defines it, then run this check again.")


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
    reference: Callable | None = None
    mistakes: tuple[Mistake, ...] = ()
    praise: str = "correct."
    error_hints: tuple[tuple[str, str], ...] = ()  # (text in the error message, hint)
    tolerance: float = 1e-6
    function: str | None = None  # the function's name, if it differs from the task id
    in_place_hint: str = ""  # how to avoid changing an argument, if the generic advice won't do
    # fresh(rng, i) draws fresh case number i: the number lets a task cover every kind of
    # answer (case 0 goes, case 1 stays home...), so that no constant answer passes by luck
    fresh: Callable[[np.random.Generator, int], tuple] | None = None
    n_fresh: int = 3

    @property
    def name(self) -> str:
        return self.function or self.id

    def judge(self, caller) -> Feedback:
        found = read_function(caller.function(self.name))
        if found.get("missing"):
            return self.not_found([self.name])
        if "not_callable" in found:
            value = found["not_callable"]
            if value is Ellipsis:
                return self.feedback(NOT_DONE, f"not written yet: define `{self.name}` as a "
                                               "function.")
            return self.feedback(FAILED, f"`{self.name}` should be a function (def "
                                         f"{self.name}(...):), but it is {show(value)}.")
        params = found["params"]
        calls = self._ask(caller, self.cases)
        feedback = self._screen(self.cases, calls) or \
            self._compare(self.cases, [c["value"] for c in calls], calls)
        if not feedback.passed:
            return feedback
        changed = self._changed_inputs(self.cases, calls, params)
        if changed is not None:
            return changed
        if self.fresh is not None:
            rng = fresh_rng()
            cases = [self.fresh(rng, i) for i in range(self.n_fresh)]
            calls = self._ask(caller, cases)
            late = self._screen(cases, calls, fresh=True) or self._compare_fresh(cases, calls)
            if late is None:
                late = self._changed_inputs(cases, calls, params)
            if late is not None:
                return late
        if found.get("library"):
            return self.feedback(PASSED, f"{feedback.message} (Note: `{self.name}` is the "
                                         f"library's own `{found['library']}`; the exercise "
                                         "asks you to write it yourself.)")
        return feedback

    def _ask(self, caller, cases) -> list[dict]:
        """One call record per case; after a call that had to be stopped (an endless loop),
        the remaining cases are not tried: they get the same record."""
        calls = []
        for args in cases:
            if calls and calls[-1].get("error") in STOPPED:
                calls.append(calls[-1])
            else:
                calls.append(read_call(caller.call(self.name, args), len(args)))
        return calls

    def _changed_inputs(self, cases, calls, params):
        """Right results from a function that changed its caller's arrays: that fails too."""
        case, changed = next(((args, c["changed"][0]) for args, c in zip(cases, calls)
                              if c.get("changed")), (None, None))
        if changed is None:
            return None
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

    def _screen(self, cases, calls, fresh=False):
        """Feedback for calls that can't be compared at all: the function is not written yet,
        or it raised an error. None when every call returned something."""
        name = self.name
        if not fresh and all(c.get("error") == NOT_WRITTEN for c in calls):
            where = calls[0].get("where", name)
            if where not in (name, ""):
                return self.feedback(NOT_DONE, f"`{name}` calls `{where}`, which is not "
                                               f"written yet: finish `{where}` first.")
            return self.feedback(NOT_DONE, f"not written yet: replace `raise "
                                           f"NotImplementedError()` in `{name}` with your code.")
        for args, result in zip(cases, calls):
            if "error" in result:
                return self.feedback(FAILED, self._error_message(args, result))
        return None

    def _compare(self, cases, got, calls):
        """Feedback on the learner's results `got` (one per case) against the reference."""
        with np.errstate(all="ignore"):
            expected = [self.reference(*args) for args in cases]
            wrong = [i for i, (g, e) in enumerate(zip(got, expected))
                     if not close(g, e, self.tolerance)]
            if not wrong:
                warned = sorted({w for c in calls for w in c.get("warnings", [])})
                note = (f" (numpy warned: {warned[0]}; the answer is right, but see if you can "
                        "avoid the warning)") if warned else ""
                return self.feedback(PASSED, self.praise + note)
            for mistake in self.mistakes:
                if _matches(mistake, got, cases, self.tolerance):
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
        return self.feedback(FAILED, f"`{self.name}({show_args(cases[i])})` returned "
                                     f"{difference(got[i], expected[i], self.tolerance)}"
                                     f"{kind_hint(got[i], expected[i])}")

    def _compare_fresh(self, cases, calls):
        """None if every fresh case is right; else what the first wrong one returned, with the
        hint of a typical mistake that gives exactly that."""
        with np.errstate(all="ignore"):
            for args, result in zip(cases, calls):
                got, expected = result["value"], self.reference(*args)
                if close(got, expected, self.tolerance):
                    continue
                hint = next((m.hint for m in self.mistakes
                             if _matches(m, [got], [args], self.tolerance)), "")
                return self.feedback(FAILED, f"right on the examples, but not on a new case: "
                                             f"`{self.name}({show_args(args)})` returned "
                                             f"{difference(got, expected, self.tolerance)}"
                                             f"{kind_hint(got, expected)}"
                                             f"{' ' + _sentence(hint) if hint else ''}")
        return None

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


# -- gradients, part by part ----------------------------------------------------------------
@dataclass(frozen=True)
class ShapeHint:
    """What to say when a part has a telling wrong shape: `fits(got, right, *case)` sees the
    two shapes (tuples); `hint` may name them as {got} and {right}."""

    fits: Callable
    hint: str


@dataclass(frozen=True)
class Part:
    """One named part of a gradient answer, such as grad_w.

    `of` names the input of the forward pass it is the gradient of; `like` says whose shape it
    has, in words; `hint` is said when it is wrong and no listed mistake produces it.
    `mistakes` compute a wrong gradient from the case (`produces(*case)`), `shape_hints`
    explain telling wrong shapes.
    """

    name: str
    of: str
    like: str
    hint: str
    mistakes: tuple[Mistake, ...] = ()
    shape_hints: tuple[ShapeHint, ...] = ()


@dataclass
class GradientTask(FunctionTask):
    """A backward pass, judged by a gradient check of each part of its answer.

    `point(*case)` gives the inputs of `forward` (a dict by name) and the upstream gradient for
    a case; the reference for part p is the finite-difference gradient of
    L = Σ upstream · forward(**inputs) with respect to inputs[p.of]. Fresh cases are checked the
    same way, with the same hints.
    """

    forward: Callable | None = None
    point: Callable | None = None
    parts: tuple[Part, ...] = ()
    gradient_tolerance: float = 1e-5  # relative error allowed against finite differences

    def __post_init__(self):
        if self.reference is None:
            self.reference = self.numerical

    def numerical(self, *case) -> tuple[np.ndarray, ...]:
        """Finite-difference gradients of every part, for one case."""
        inputs, upstream = self.point(*case)
        inputs = {name: np.array(value, dtype=float) for name, value in inputs.items()}

        def loss():
            return float(np.sum(upstream * self.forward(**inputs)))

        return tuple(numerical_gradient(loss, inputs[part.of]) for part in self.parts)

    def _compare(self, cases, got, calls):
        names = ", ".join(part.name for part in self.parts)
        count = NUMBER_WORDS.get(len(self.parts), str(len(self.parts)))
        for case, result in zip(cases, got):
            if not isinstance(result, (tuple, list)) or len(result) != len(self.parts):
                return self.feedback(FAILED, f"return {count} arrays ({names}), but it "
                                             f"returned {show(result)}.")
            for part, mine, truth in zip(self.parts, result, self.reference(*case)):
                problem = self._check_part(part, mine, truth, case)
                if problem:
                    return self.feedback(FAILED, problem)
        return self.feedback(PASSED, self.praise)

    def _compare_fresh(self, cases, calls):
        for args, result in zip(cases, calls):
            feedback = self._compare([args], [result["value"]], [result])
            if not feedback.passed:
                return self.feedback(FAILED, f"right on the examples, but not on a new case, "
                                             f"`{self.name}({show_args(args)})`: "
                                             f"{feedback.message}")
        return None

    def _check_part(self, part, mine, truth, case) -> str | None:
        try:
            mine = np.asarray(mine, dtype=float)
        except (TypeError, ValueError):
            return f"{part.name} should be an array of numbers, but it is {show(mine)}."
        if mine.shape != truth.shape:
            for shape_hint in part.shape_hints:
                if _safely(shape_hint.fits, mine.shape, truth.shape, *case):
                    return shape_hint.hint.format(got=mine.shape, right=truth.shape)
            return (f"{part.name} has shape {mine.shape} but should have shape {truth.shape}, "
                    f"like {part.like}.")
        if not np.isfinite(mine).all():
            bad = "nan" if np.isnan(mine).any() else "infinite values"
            return (f"your {part.name} contains {bad}: look for a division by zero or an "
                    "overflow (np.exp of a large number) in its formula.")
        error = relative_error(mine, truth)
        if error <= self.gradient_tolerance:
            return None
        likely = next((m.hint for m in part.mistakes if _same_array(_produce(m, case), mine)),
                      None)
        return (f"gradient check: your {part.name} differs from the finite-difference estimate "
                f"(relative error {error:.2g}). "
                + (f"Likely mistake: {likely}" if likely else part.hint))


def _safely(test, *args) -> bool:
    try:
        return bool(test(*args))
    except Exception:  # noqa: BLE001 - a hint that can't read this case doesn't apply
        return False


def _same_array(wrong, mine) -> bool:
    return wrong is not None and np.shape(wrong) == mine.shape and \
        bool(np.allclose(mine, wrong))


# -- values and networks --------------------------------------------------------------------
@dataclass
class ValuesTask(Task):
    """The learner sets variables; `verdict(values) -> (passed, message)` judges them."""

    id: str
    title: str
    names: tuple[str, ...]
    verdict: Callable[[dict], tuple[bool, str]] = field(repr=False)

    def judge(self, caller) -> Feedback:
        found = {name: read_value(caller.value(name)) for name in self.names}
        missing = [name for name, f in found.items() if f.get("missing")]
        if missing:
            return self.not_found(missing)
        values = {name: f["value"] for name, f in found.items()}
        blank = [name for name, v in values.items() if v is Ellipsis]
        if blank:
            names = ", ".join(f"`{n}`" for n in blank)
            return self.feedback(NOT_DONE, f"not done yet: replace the `...` after {names} with "
                                           "your answer.")
        passed, message = self.verdict(values)
        return self.feedback(PASSED if passed else FAILED, message)


@dataclass
class NetworkTask(Task):
    """The learner builds (and trains) a ddn Network called `name`.

    It comes back as a spec and is rebuilt here, layer by layer, from numbers only; then
    `verdict(network, rng) -> (passed, message)` judges it, typically on fresh data drawn with
    `rng`, which the learner never saw. For a network that reads images rather than rows of
    numbers, `n_inputs` and `n_outputs` are None and the verdict checks what it reads and gives.
    """

    id: str
    title: str
    name: str
    n_inputs: int | None
    n_outputs: int | None
    verdict: Callable = field(repr=False)
    inputs_words: str = "inputs"

    def judge(self, caller) -> Feedback:
        found = read_value(caller.value(self.name))
        if found.get("missing"):
            return self.not_found([self.name])
        value = found["value"]
        if value is Ellipsis:
            return self.feedback(NOT_DONE, f"not done yet: build and train a network, and "
                                           f"assign it to `{self.name}`.")
        if isinstance(value, (list, tuple)) and value and \
                all(isinstance(v, NetworkData) and v.kind == "layer" for v in value):
            return self.feedback(FAILED, f"{self.name} is a list of layers: wrap it in a "
                                         "network, ddn.Network([...]), and train that.")
        if not isinstance(value, NetworkData) or value.kind != "network":
            return self.feedback(FAILED, f"{self.name} should be a ddn Network, but it is "
                                         f"{show(value)}.")
        try:
            if value.error:
                raise ValueError(value.error)
            network = network_from_spec(value.spec)
        except (TypeError, ValueError) as error:
            return self.feedback(FAILED, f"the network could not be rebuilt: {error}")
        if self.n_inputs is not None and (network.n_inputs != self.n_inputs
                                          or network.n_outputs != self.n_outputs):
            return self.feedback(FAILED, f"the network should take {self.n_inputs} "
                                         f"{self.inputs_words} and give {self.n_outputs} "
                                         f"output{'s' if self.n_outputs > 1 else ''}, but it "
                                         f"takes {network.n_inputs} and gives "
                                         f"{network.n_outputs}.")
        passed, message = self.verdict(network, fresh_rng())
        return self.feedback(PASSED if passed else FAILED, message)


def weights_and_bias(values: dict, weights_name: str, bias_name: str, n: int, what: str):
    """A learner's weights (n numbers) and bias (one number) from a ValuesTask's values.

    Returns (weights, bias, None), or (None, None, message) saying what is wrong with them.
    """
    w, b = values[weights_name], values[bias_name]
    try:
        w = np.asarray(w, dtype=float) if isinstance(w, (list, tuple, np.ndarray)) else None
    except (TypeError, ValueError):
        w = None  # a list holding something other than numbers
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
