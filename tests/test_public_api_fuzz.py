"""Every public callable of ddn, given hostile arguments, answers quickly with finite numbers or
raises a TypeError/ValueError/RuntimeError whose message names the argument.

Nobody lists the callables: they are discovered from `ddn.__all__`, ddn's core modules and
`ddn.examples.*`, with the public methods of their public classes. A valid call is worked out
from each parameter's default or, failing that, from its name (VALID); the few calls that need
something particular are in OVERRIDES. A new public function is fuzzed as soon as it exists, and
one with a parameter name never seen before fails `test_every_callable_has_a_valid_call` until
a valid value for it is added here.

Each call then gets hostile values (wrong shapes, NaN, ±inf, 1e308, text, None, empty arrays,
wrong types, a class instead of an instance, a list of layers instead of a network, booleans,
negative and fractional counts), one parameter at a time for every value, and in combinations
drawn by hypothesis with a fixed, derandomised profile. Every call runs under a timer, with
RuntimeWarnings (overflow, invalid values) turned into failures.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import numbers
import pkgutil
import re
import signal
import warnings
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ddn
import ddn.examples
from ddn import MSE, Conv2D, Dense, Flatten, MaxPool2D, Network, ReLU, Sigmoid, SigmoidCrossEntropy
from ddn.datasets import digits
from ddn.examples.cat_rules import ANIMALS
from ddn.examples.convnets import digits_convnet
from ddn.surfaces import bowl

#: Modules of ddn that are not a maths API: the command line and the learner's files.
#: (ddn.source from course.py is still fuzzed, through ddn.__all__.)
NOT_FUZZED = {"cli", "course", "maintain"}
#: Public callables whose files this test's change could not touch, with what they still do
#: wrong. Strict: once fixed, the xfail fails, and the entry goes.
KNOWN: dict[str, str] = {}
#: Seconds one call may take before it counts as an endless loop.
TIME_LIMIT = 5.0
ACCEPTED = (TypeError, ValueError, RuntimeError)

settings.register_profile("fuzz", derandomize=True, database=None, deadline=None,
                          max_examples=1000, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])


# -- the callables ---------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Target:
    """One public callable: a function, a class (its constructor) or a method of a class."""

    label: str             # "cross_entropy", "Dense", "Dense.random", "Network.trace"
    function: Callable     # what is called; for an instance method, the function on the class
    owner: type | None = None
    name: str = ""         # the method's name on `owner` ("" for the constructor)
    bound: bool = False    # an instance method: called on a fresh instance of `owner`

    @property
    def parameters(self) -> list[inspect.Parameter]:
        parameters = list(inspect.signature(self.function).parameters.values())
        if self.bound:
            parameters = parameters[1:]  # self
        return [p for p in parameters if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _modules():
    core = [info.name for info in pkgutil.iter_modules(ddn.__path__)
            if not info.ispkg and not info.name.startswith("_") and info.name not in NOT_FUZZED]
    examples = [f"examples.{info.name}" for info in pkgutil.iter_modules(ddn.examples.__path__)]
    return [importlib.import_module(f"ddn.{name}") for name in core + examples]


def _is_record(cls) -> bool:
    """Dataclasses and named tuples only hold results: their constructors are not fuzzed."""
    return dataclasses.is_dataclass(cls) or issubclass(cls, tuple)


def _methods(cls):
    """Public methods (and __call__) of a class, inherited ones included, each once."""
    found, seen = {}, set()
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("ddn"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") and name != "__call__":
                continue
            if isinstance(value, (staticmethod, classmethod)) or inspect.isfunction(value):
                found[name] = value
    methods = []
    for name, value in found.items():
        function = value.__func__ if isinstance(value, (staticmethod, classmethod)) else value
        if function in seen:  # `__call__ = forward`: the same function under two names
            continue
        seen.add(function)
        bound = inspect.isfunction(value)
        methods.append(Target(f"{cls.__name__}.{name}",
                              function if bound else getattr(cls, name), cls, name, bound))
    return methods


def discover() -> list[Target]:
    objects = [getattr(ddn, name) for name in ddn.__all__]
    for module in _modules():
        objects += [value for name, value in vars(module).items() if not name.startswith("_")
                    and (inspect.isfunction(value) or inspect.isclass(value))
                    and value.__module__ == module.__name__]
    targets, seen = [], set()
    for obj in objects:
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if inspect.isclass(obj):
            if not _is_record(obj):
                targets.append(Target(obj.__name__, obj, obj))
            targets += _methods(obj)
        else:
            targets.append(Target(obj.__name__, obj))
    labels = [t.label for t in targets]
    assert len(labels) == len(set(labels)), "two public callables share a label"
    return sorted(targets, key=lambda t: t.label)


# -- valid calls -----------------------------------------------------------------------------
X = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
Y = [0.0, 1.0, 1.0, 0.0]


def _network():
    return Network([Dense([[1.0, -1.0], [0.5, 2.0]], [0.1, -0.2]), ReLU(),
                    Dense([[1.0, -0.5]], [0.3])])


#: A valid value for a required parameter, by the parameter's name (a fresh one per call).
VALID: dict[str, Callable] = {
    "x": lambda: np.array(X), "y": lambda: np.array(Y), "inputs": lambda: [0.5, 2.0],
    "weights": lambda: [1.0, -1.0], "bias": lambda: 0.5, "z": lambda: [-1.0, 0.0, 2.0],
    "scores": lambda: [[1.0, 2.0], [3.0, 0.0]], "labels": lambda: [1, 0],
    "probabilities": lambda: [[0.2, 0.8], [0.6, 0.4]], "n_classes": lambda: 2,
    "output": lambda: [[0.2, 0.8], [0.6, 0.4]], "target": lambda: [[0.0, 1.0], [1.0, 0.0]],
    "network": _network, "loss": SigmoidCrossEntropy, "layers": lambda: _network().layers,
    "surface": bowl, "w": lambda: [0.5, -0.5], "w1": lambda: [0.5, -0.5], "w2": lambda: -0.5,
    "mean": lambda: [0.0, 1.0], "std": lambda: [1.0, 2.0], "activation": lambda: "relu",
    "name": lambda: "moons", "description": lambda: "a bowl", "matrix": lambda: np.eye(2),
    "parameters": lambda: _network().parameters(), "n_inputs": lambda: 2,
    "n_outputs": lambda: 2, "depth": lambda: 2, "test_score": lambda: 7.0,
    "animal": lambda: dict(ANIMALS["husky"]), "model": lambda: "model A",
    "numbers": lambda: [100.0, 1000.0, -30.0],
    "houses": lambda: [[1000, 1, 300], [2000, 2, 500], [1500, 3, 900], [2500, 1, 200]],
    "prices": lambda: [1.0e5, 2.0e5, 1.6e5, 2.3e5], "slope": lambda: -0.5,
    "intercept": lambda: 22.0, "f": lambda: (lambda: 1.0), "a": lambda: [1.0, 2.0],
    "b": lambda: [1.0, 2.5], "obj": lambda: ddn.Neuron, "number": lambda: "02",
    "width": lambda: 4, "grad": lambda: [[1.0, 1.0]] * 4,
    "image": lambda: [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [3.0, 0.0, 1.0]],
    "kernel": lambda: [[1.0, 2.0], [0.0, -1.0]], "size": lambda: 6, "kernel_size": lambda: 3,
    "input_shape": lambda: (2,), "layer": lambda: Dense([[1.0, -1.0], [0.5, 2.0]], [0.1, -0.2]),
    "in_channels": lambda: 1, "out_channels": lambda: 2,
    "kernels": lambda: [[1.0, 2.0], [0.0, -1.0]],
}
#: Reversed networks (notebook 12) need a classifier: two classes, pixels 0..1.
ATTACK = {"network": lambda: Network([Dense([[1.0, -1.0], [0.5, 2.0]], [0.1, -0.2])]),
          "labels": lambda: [1, 0, 1, 0]}
#: ... and dreams a network of images: 8×8 pixels, one channel, three classes.
DREAM = {"network": lambda: Network([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(), MaxPool2D(2),
                                     Flatten(), Dense.random(32, 3, 0)]),
         "image": lambda: np.full((1, 8, 8), 0.5), "layer": lambda: 1}
#: ... and style transfer two small colour images.
STYLE = lambda: np.linspace(0.0, 1.0, 3 * 5 * 7).reshape(3, 5, 7)  # noqa: E731
#: Small sizes, even where a parameter has a default, so that every call is quick.
QUICK = {"epochs": 2, "steps": 5, "n": 6, "n_each": 3, "resolution": 5, "width": 4,
         "depth": 2, "seed": 0}
#: Calls whose valid arguments differ from VALID, by label.
OVERRIDES: dict[str, dict[str, Callable]] = {
    "Dense": {"weights": lambda: [[1.0, -1.0], [0.5, 2.0]]},
    "LineFit": {"x": lambda: [1.0, 2.0, 3.0, 4.0], "y": lambda: [1.5, 3.5, 3.0, 5.0]},
    "log_loss": {"probabilities": lambda: [0.8, 0.4]},
    "one_hot": {"labels": lambda: [1, 0]},
    "cross_entropy": {"labels": lambda: [1, 0]},
    "gradient_check": {"target": lambda: np.ones((4, 1)), "loss": MSE},
    "learn_driving_test": {"x": lambda: [[20, 0, 10], [50, 1, 20], [30, 1, 5], [60, 0, 30]]},
    "numerical_gradient": {"x": lambda: np.array([1.0, 2.0])},
    "check": {"name": lambda: "weighted_sum", "namespace": lambda: {}},
    "Loss.targets": {"width": lambda: 1}, "MSE.targets": {"width": lambda: 1},
    "SigmoidCrossEntropy.targets": {"width": lambda: 1},
    "SoftmaxCrossEntropy.targets": {"width": lambda: 2},
    "Quadratic": {"name": lambda: "bowl"},
    "Neuron": {"labels": lambda: ("stay home", "go")},
    "Network.trace": {"x": lambda: [0.5, 2.0]}, "Network.explain": {"x": lambda: [0.5, 2.0]},
    "Conv2D.forward": {"x": lambda: np.arange(50.0).reshape(2, 1, 5, 5) / 50},
    "Conv2D.output_shape": {"input_shape": lambda: (1, 5, 5)},
    "MaxPool2D.forward": {"x": lambda: np.arange(32.0).reshape(2, 1, 4, 4) / 32},
    "MaxPool2D.output_shape": {"input_shape": lambda: (1, 4, 4)},
    "train_digits": {"epochs": lambda: 1},  # a ConvNet: one pass over the digits is enough
    "layer_from_spec": {"spec": lambda: {"kind": "dense", "weights": [[1.0, 2.0]],
                                         "bias": [0.0]}},
    "network_from_spec": {"spec": lambda: {"layers": [{"kind": "activation",
                                                       "function": "relu"}]}},
    "register": {"kind": lambda: "fuzzed-dense", "layer": lambda: Dense,
                 "to_spec": lambda: (lambda layer: {}), "from_spec": lambda: Dense},
    **{name: ATTACK for name in ("fgsm", "iterative_fgsm", "input_gradient",
                                 "accuracy_under_attack")},
    "fooling_images": {**ATTACK, "classes": lambda: [0, 1], "shape": lambda: (2,)},
    "noise_confidence": {**ATTACK, "shape": lambda: (2,)},
    "dream": DREAM, "channel_gallery": DREAM, "class_visualisation": DREAM,
    "transfer": {"content": lambda: np.full((3, 6, 6), 0.5), "style": STYLE},
    "texture": {"style": STYLE, "size": lambda: 6},
    "gram_matrix": {"maps": lambda: np.arange(12.0).reshape(3, 2, 2)},
    **{name: {"decisions": lambda: [1, 1, 0, 1, 0, 0], "group": lambda: [0, 0, 0, 1, 1, 1],
              "qualified": lambda: [1, 1, 0, 1, 1, 0]}
       for name in ("approval_rates", "demographic_parity_gap", "equal_opportunity_gap")},
    "reweigh": {"x": lambda: np.array(X), "y": lambda: [1, 0, 1, 0], "group": lambda: [0, 0, 1, 1]},
    "group_thresholds": {"scores": lambda: [2.0, -1.0, 0.5, 0.1], "group": lambda: [0, 0, 1, 1]},
    "loan_network": {"x": lambda: np.array(X), "y": lambda: [1, 0, 1, 0]},
    "compare_interventions": {"n": lambda: 200},
    "flip_effect": {"column": lambda: 1},
    "add_marker": {"images": lambda: np.zeros((2, 1, 8, 8))},
    "digits_network": {"x": lambda: digits()[0][:20], "y": lambda: digits()[1][:20]},
    "marker_test": {"network": lambda: digits_convnet(0)},
}
#: Methods that need another call first, and which one: the order the engine requires.
BEFORE = {"backward": "forward", "backward_trace": "trace"}


class NoValidCall(Exception):
    pass


def valid_arguments(target: Target) -> dict:
    override = OVERRIDES.get(target.label, {})
    arguments = {}
    for p in target.parameters:
        if p.name in override:
            arguments[p.name] = override[p.name]()
        elif p.name in QUICK:
            arguments[p.name] = QUICK[p.name]
        elif p.default is not p.empty:
            arguments[p.name] = p.default
        elif p.name in VALID:
            arguments[p.name] = VALID[p.name]()
        else:
            raise NoValidCall(f"{target.label}: no valid value for the parameter {p.name!r}; "
                              "add one to VALID or OVERRIDES in this file.")
    return arguments


def instance(cls):
    """A fresh, valid instance of a class, made by its own valid call."""
    return cls(**valid_arguments(Target(cls.__name__, cls, cls)))


def method(cls, name: str) -> Target:
    return Target(f"{cls.__name__}.{name}", getattr(cls, name), cls, name, bound=True)


def run_before(obj, name: str):
    """Make the call that `name` needs first (forward before backward, ...) and return a
    gradient shaped like its output, or None if `name` needs nothing first."""
    before = BEFORE.get(name)
    if before is None:
        return None
    out = getattr(obj, before)(**valid_arguments(method(type(obj), before)))
    return np.ones_like(out[-1] if isinstance(out, list) else out)


def prepared(target: Target):
    """What to call for a target (a bound method of a fresh instance), and the gradient fixed
    by the call it needs first, if any."""
    if not target.bound:
        return target.function, {}
    obj = instance(target.owner)
    grad = run_before(obj, target.name)
    return getattr(obj, target.name), ({} if grad is None else {"grad": grad})


# -- judging one call ------------------------------------------------------------------------
class TookTooLong(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` can swallow it."""


@contextmanager
def time_limit(seconds: float, label: str):
    def stop(signum, frame):
        raise TookTooLong(f"{label} did not finish within {seconds} s (an endless loop?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def not_finite(value, depth: int = 0, seen=None) -> str | None:
    """Where a NaN or infinity hides in a result (arrays, numbers, containers, ddn objects)."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 4:
        return None
    seen.add(id(value))
    if isinstance(value, (bool, np.bool_, str, bytes)):
        return None
    if isinstance(value, numbers.Number):
        return None if np.isfinite(complex(value)) else repr(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.all(np.isfinite(value)):
            return f"an array holding {value[~np.isfinite(value)][:3]}"
        if value.dtype.kind == "O":
            return next(filter(None, (not_finite(v, depth + 1, seen) for v in value.flat)), None)
        return None
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, (list, tuple)):
        items = value
    elif type(value).__module__.startswith("ddn") and hasattr(value, "__dict__"):
        items = vars(value).values()
    else:
        return None
    for item in items:
        found = not_finite(item, depth + 1, seen)
        if found:
            return found
    return None


CALLS = {"count": 0}


def _names(message: str, names) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", message) for n in names)


def judge(target: Target, hostile: dict) -> str | None:
    """Call `target` with valid arguments and `hostile` ones in their place; None if the outcome
    is acceptable, else what went wrong."""
    call, extra = prepared(target)
    arguments = {**valid_arguments(target), **extra, **hostile}
    shown = ", ".join(f"{k}={_show(v)}" for k, v in hostile.items())
    where = f"{target.label}({shown})"
    CALLS["count"] += 1
    try:
        with time_limit(TIME_LIMIT, where), warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            result = call(**arguments)
    except TookTooLong as error:
        return str(error)
    except ACCEPTED as error:
        if hostile and not _names(str(error), hostile):
            return f"{where} raised {type(error).__name__}({str(error)!r}), naming none of " \
                   f"{sorted(hostile)}"
        if not hostile:
            return f"{where}, a valid call, raised {type(error).__name__}: {error}"
        return None
    except Exception as error:  # noqa: BLE001 - the point is to catch anything
        return f"{where} raised a raw {type(error).__name__}: {error}"
    found = not_finite(result)
    if found:
        return f"{where} returned {found}"
    return None


def _show(value) -> str:
    if isinstance(value, np.ndarray):
        return f"array{value.shape}" if value.size > 4 else f"array({value.tolist()})"
    if inspect.isclass(value):
        return value.__name__
    if inspect.isfunction(value):
        return "a function returning None"
    text = repr(value)
    return text if len(text) < 40 else text[:37] + "..."


# -- the hostile values ----------------------------------------------------------------------
HOSTILE: dict[str, Callable] = {
    "None": lambda: None, "True": lambda: True, "False": lambda: False,
    "text": lambda: "x", "empty text": lambda: "", "zero": lambda: 0, "minus one": lambda: -1,
    "fraction": lambda: 2.5, "negative fraction": lambda: -0.5, "huge": lambda: 1e308,
    "minus huge": lambda: -1e308, "inf": lambda: math.inf, "minus inf": lambda: -math.inf,
    "nan": lambda: math.nan, "huge whole number": lambda: 10 ** 30,
    "empty list": lambda: [], "empty array": lambda: np.array([]),
    "empty table": lambda: np.empty((0, 2)), "ragged": lambda: [[1, 2], [3]],
    "list of text": lambda: ["a", "b"], "list with None": lambda: [1.0, None],
    "list with nan": lambda: [1.0, math.nan], "list with inf": lambda: [math.inf, 1.0],
    "huge list": lambda: [1e308, -1e308], "huge table": lambda: np.full((4, 2), 1.797e307),
    "driving-test extreme": lambda: [False, False, 1.797e307],
    "one value": lambda: [0.5], "three values": lambda: [1.0, 2.0, 3.0],
    "wrong table": lambda: np.ones((3, 5)), "3-D array": lambda: np.ones((2, 2, 2)),
    "column": lambda: np.ones((4, 1)), "booleans": lambda: np.array([True, False]),
    "dict": lambda: {"a": 1}, "object": object, "complex": lambda: 1j,
    "function returning None": lambda: (lambda *args: None),
    "class Dense": lambda: Dense, "class MSE": lambda: MSE, "class Sigmoid": lambda: Sigmoid,
    "list of layers": lambda: [Dense.random(2, 2, 0), ReLU(), Dense.random(2, 1, 0)],
    "a loss": MSE, "a network": _network,
}

TARGETS = discover()


def _abstract(target: Target) -> bool:
    """A base class's method that only subclasses implement (it raises NotImplementedError).

    Only methods are tried here, at collection: functions such as ddn.finished write to the
    learner's workspace, and are called only inside the temporary one of the fixture below.
    """
    if not target.bound:
        return False
    try:
        call, extra = prepared(target)
        call(**{**valid_arguments(target), **extra})
    except NotImplementedError:
        return True
    except Exception:  # noqa: BLE001 - test_every_callable_has_a_valid_call reports these
        return False
    return False


FUZZED = [t for t in TARGETS if not _abstract(t)]


@pytest.fixture(scope="module", autouse=True)
def _isolated_workspace(tmp_path_factory, request):
    """ddn.check and ddn.finished write progress: keep it in a temporary workspace, and report
    how many calls the module made."""
    from ddn.course import ensure_workspace

    folder, _ = ensure_workspace(tmp_path_factory.mktemp("course") / "course")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DDN_WORKSPACE", str(folder))
        patch.delenv("DDN_GRADING", raising=False)
        patch.chdir(folder)
        yield
    line = (f"public API fuzz: {CALLS['count']} calls to {len(FUZZED)} public callables "
            f"({len(TARGETS) - len(FUZZED)} abstract methods skipped)")
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_sep("-", line)


def _label(target):
    return target.label


def test_discovery_finds_the_public_api():
    labels = {t.label for t in TARGETS}
    for expected in ("train", "cross_entropy", "Network.trace", "Network.backward_trace",
                     "Network.explain", "Dense.random", "Trainer.run", "MSE.__call__",
                     "SigmoidCrossEntropy.gradient", "admissions_data", "perceptron_trick",
                     "descend", "blobs", "numerical_gradient", "one_hot", "Softmax.forward"):
        assert expected in labels, expected
    assert len(FUZZED) > 100


@pytest.mark.parametrize("target", TARGETS, ids=_label)
def test_every_callable_has_a_valid_call(target):
    if target not in FUZZED:
        pytest.skip("abstract: only subclasses implement it")
    problem = judge(target, {})
    assert problem is None, problem


def _with_known_failures(targets):
    return [pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=KNOWN[t.label]))
            if t.label in KNOWN else t for t in targets]


@pytest.mark.parametrize("target", _with_known_failures(FUZZED), ids=_label)
def test_each_hostile_value_in_each_parameter(target):
    problems = [judge(target, {p.name: make()}) for p in target.parameters
                for make in HOSTILE.values()]
    problems = [p for p in problems if p]
    assert not problems, f"{len(problems)} bad outcomes:\n" + "\n".join(problems)


@pytest.mark.parametrize("cls", sorted({t.owner for t in FUZZED if t.name in BEFORE},
                                       key=lambda c: c.__name__), ids=lambda c: c.__name__)
def test_calls_out_of_order_say_what_comes_first(cls):
    for name, before in BEFORE.items():
        if hasattr(cls, name):
            grad = run_before(instance(cls), name)
            CALLS["count"] += 1
            with pytest.raises(RuntimeError, match=rf"\b{before}\b"):
                getattr(instance(cls), name)(grad)  # a fresh instance: `before` never ran


@settings(settings.get_profile("fuzz"))
@given(st.data())
def test_hostile_combinations(data):
    target = data.draw(st.sampled_from([t for t in FUZZED if len(t.parameters) > 1
                                        and t.label not in KNOWN]))
    names = [p.name for p in target.parameters]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=len(names),
                                unique=True))
    hostile = {name: HOSTILE[data.draw(st.sampled_from(sorted(HOSTILE)))]() for name in chosen}
    problem = judge(target, hostile)
    assert problem is None, problem


# -- the judge itself, on callables that misbehave on purpose ----------------------------------
def _endless(x=0):
    while True:
        pass


def _raw_error(x=0):
    return [1, 2][5]


def _silent_nan(x=0):
    return {"loss": np.array([1.0, np.nan])}


def _overflow_warning(x=0):
    return np.exp(np.array([1000.0]))


def _vague_error(x=0):
    raise ValueError("something is wrong")


@pytest.mark.parametrize("function, verdict", [
    (_endless, "did not finish"), (_raw_error, "raw IndexError"),
    (_silent_nan, "returned an array holding [nan]"), (_overflow_warning, "raw RuntimeWarning"),
    (_vague_error, "naming none of ['x']"),
])
def test_the_judge_catches_every_kind_of_bad_outcome(function, verdict, monkeypatch):
    monkeypatch.setitem(globals(), "TIME_LIMIT", 0.2)
    monkeypatch.setitem(CALLS, "count", CALLS["count"])  # not a call to ddn: not counted
    problem = judge(Target(function.__name__, function), {"x": 1})
    assert problem is not None and verdict in problem and function.__name__ in problem
