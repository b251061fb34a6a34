"""Turn bad input into an error a learner can act on.

Every public function in ddn passes its arguments through these helpers, so a mistake such as
four weights for three inputs says exactly that, instead of surfacing as a numpy broadcasting
error from deep inside the library. Each error names the argument, says what was expected and
what came instead:

- numbers and arrays:  as_array (finite, not empty), as_number (optionally within bounds),
                       check_positive, as_count (whole, 1 to MAX_COUNT), as_labels,
                       as_same_shape, as_class(es) (class numbers), as_pixels (images in 0..1)
- examples and shapes: as_batch (one example or a batch, for a layer's shape of one example),
                       as_shape, fits, shape_text
- everything else:     as_instance ("write MSE() with brackets"), as_list_of, as_function,
                       as_names, as_choice, as_rng
- results:             @overflow_checked and finite() turn an overflow into "x holds 1.8e+307,
                       too large to compute with" instead of a silent infinity or NaN.

`in_words(value)` says what a value is ("an array of shape (2, 3)") for these messages.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import numbers

import numpy as np

#: The largest count (points, epochs, neurons, grid steps...) accepted: far more than the course
#: ever needs, and few enough to compute in reasonable time and memory.
MAX_COUNT = 1_000_000


def plural(count: int, word: str) -> str:
    """'1 neuron', '3 neurons'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def in_words(value) -> str:
    """What a value is, in a few words: 'a list of 3 values', 'an array of shape (2, 3)'."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}" if value.ndim else f"the number {value.item()!r}"
    if isinstance(value, (bool, np.bool_)):
        return f"the boolean {value}"
    if isinstance(value, numbers.Number):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (list, tuple)):
        kind = type(value).__name__
        return f"a {kind} of {plural(len(value), 'value')}"
    if value is None:
        return "None"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if callable(value) and hasattr(value, "__name__"):
        return f"the function {value.__name__}"
    return f"a {type(value).__name__}"


# -- numbers and arrays ------------------------------------------------------------------------
def as_array(value, name: str, *, ndim: int | tuple[int, ...] | None = None) -> np.ndarray:
    """`value` as a float array of finite numbers (not empty), or a TypeError/ValueError that
    names the argument."""
    if isinstance(value, (str, bytes, type)) or value is None:
        raise TypeError(f"{name} should be numbers (a number, a list or a numpy array), "
                        f"but it is {in_words(value)}.")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} should be numbers (a number, a list or a numpy array) with "
                        f"every row the same length, but it is {in_words(value)} that numpy "
                        "cannot read as numbers.") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            raise ValueError(f"{name} should be {_ndim_words(allowed)}, but it is "
                             f"{in_words(array)}.")
    if array.size == 0:
        raise ValueError(f"{name} is empty ({in_words(array)}): give at least one number.")
    if np.isnan(array).any():
        raise ValueError(f"{name} contains NaN (not a number); check how it was computed.")
    if np.isinf(array).any():
        raise ValueError(f"{name} contains infinity; give finite numbers (an infinity usually "
                         "means an earlier calculation overflowed).")
    return array


def as_number(value, name: str, *, at_least: float | None = None, above: float | None = None,
              below: float | None = None) -> float:
    """`value` as a plain float, within the given bounds, or an error naming the argument."""
    if isinstance(value, (bool, np.bool_, str, bytes, type)) or value is None:
        raise TypeError(f"{name} should be a number, but it is {in_words(value)}.")
    array = as_array(value, name)
    if array.size != 1:
        raise ValueError(f"{name} should be a single number, but it is {in_words(value)}.")
    number = float(array.reshape(()))
    wanted = []  # (is the bound met, the bound in words)
    if at_least is not None:
        wanted.append((number >= at_least, f"at least {at_least:g}"))
    if above is not None:
        wanted.append((number > above, f"greater than {above:g}"))
    if below is not None:
        wanted.append((number < below, f"below {below:g}"))
    if not all(met for met, _ in wanted):
        bounds = " and ".join(words for _, words in wanted)
        raise ValueError(f"{name} should be {bounds}, but it is {number:g}.")
    return number


def check_positive(value, name: str) -> float:
    """A number above 0 (a learning rate, a step size), or an error naming the argument."""
    return as_number(value, name, above=0)


def as_count(value, name: str, *, minimum: int = 1) -> int:
    """A whole number from `minimum` to MAX_COUNT (points, epochs, neurons), or an error."""
    number = as_number(value, name)
    if number != round(number):
        raise ValueError(f"{name} should be a whole number, but it is {value!r}.")
    if number < minimum:
        least = "greater than 0" if minimum == 1 else f"at least {minimum}"
        raise ValueError(f"{name} should be {least}, but it is {value!r}.")
    if number > MAX_COUNT:
        raise ValueError(f"{name} is {number:.3g}: that many is more than this library can "
                         f"compute in reasonable time; use at most {MAX_COUNT:,}.")
    return int(number)


# -- examples and shapes -----------------------------------------------------------------------
def as_batch(x, name: str, shape, what: str) -> tuple[np.ndarray, bool]:
    """`x` as a batch `(n_examples, *shape)`, and whether a single example was given.

    `shape` is the shape of one example: (3,) for three inputs (a whole number 3 means the
    same), (1, None, None) for one-channel images of any height and width, None for any shape
    at all (then a list of numbers is one example, and anything with more axes is a batch).
    A batch is the example's shape with one more axis in front. `what` names whoever takes the
    examples, for the error message (e.g. "the neuron has 4 weights").
    """
    if isinstance(shape, numbers.Integral):
        shape = (int(shape),)
    array = as_array(x, name)
    if shape is None:
        if array.ndim == 0:
            raise ValueError(f"{name} should be a list of numbers (one example) or a batch of "
                             f"them, but it is {in_words(array)}.")
        single = array.ndim == 1
        return (array[None] if single else array), single
    flat = len(shape) == 1
    if flat and array.ndim == 0:
        array = array.reshape(1)  # a single number is one example with one input
    if array.ndim not in (len(shape), len(shape) + 1):
        hint = ""
        if flat and shape[0] is not None and array.ndim > 2 and \
                int(np.prod(array.shape[1:])) == shape[0]:
            hint = " Each example has more than one axis: flatten it first (Flatten())."
        raise ValueError(f"{name} is {in_words(array)}, but {what}: give one example of shape "
                         f"{shape_text(shape)} or a batch of them, of shape "
                         f"{shape_text(('n', *shape))}.{hint}")
    single = array.ndim == len(shape)
    batch = array[None] if single else array
    if not fits(batch.shape[1:], shape):
        if flat:  # a table: say it in rows and columns
            n, got = shape[0], batch.shape[1]
            if single:
                raise ValueError(f"{name} has {plural(got, 'value')} but {what}: give "
                                 f"{plural(n, 'input')}, one per weight, or change the weights.")
            raise ValueError(f"{name} has {got} columns (features per example) but {what}: "
                             f"each row should hold {n} inputs.")
        if single:
            raise ValueError(f"{name} has shape {array.shape} (one example), but {what}.")
        raise ValueError(f"{name} has shape {array.shape}: examples of shape "
                         f"{batch.shape[1:]}, but {what}.")
    return batch, single


def as_shape(value, name: str) -> tuple | None:
    """The shape of one example: a tuple of sizes (whole numbers, None for any size), or None
    for any shape; else an error naming the argument."""
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not 1 <= len(value) <= 8:
        raise TypeError(f"{name} should be the shape of one example, such as (3,) or "
                        f"(1, 8, 8), but it is {in_words(value)}.")
    return tuple(None if size is None else as_count(size, f"{name}[{i}]")
                 for i, size in enumerate(value))


def fits(shape, pattern) -> bool:
    """Whether a shape fits a pattern: same number of axes, equal sizes where both are known."""
    if shape is None or pattern is None:
        return True
    return len(shape) == len(pattern) and all(
        a is None or b is None or a == b for a, b in zip(shape, pattern))


def shape_text(shape) -> str:
    """A shape as a learner reads it: (3,) -> '(3,)', (1, None, None) -> '(1, any, any)'."""
    if shape is None:
        return "any shape"
    sizes = ["any" if size is None else str(size) for size in shape]
    return f"({sizes[0]},)" if len(sizes) == 1 else f"({', '.join(sizes)})"


def inputs_text(shape) -> str:
    """What a layer takes, in words: '3 inputs', 'examples of shape (1, any, any)'."""
    if shape is None:
        return "examples of any shape"
    if len(shape) == 1 and shape[0] is not None:
        return plural(shape[0], "input")
    return f"examples of shape {shape_text(shape)}"


def outputs_text(shape) -> str:
    """What a layer gives, in words: '2 outputs', 'outputs of shape (16, 2, 2)'."""
    if shape is not None and len(shape) == 1 and shape[0] is not None:
        return plural(shape[0], "output")
    return f"outputs of shape {shape_text(shape)}"


def as_labels(value, name: str) -> np.ndarray:
    """A list of labels 0 and 1 (no and yes), as floats, or an error naming the argument."""
    labels = as_array(value, name, ndim=1)
    odd = labels[(labels != 0) & (labels != 1)]
    if odd.size:
        raise ValueError(f"{name} should hold labels 0 and 1 only, but it also holds {odd[0]:g}.")
    return labels


def as_classes(value, name: str, n_classes: int, n_examples: int | None = None,
               examples: str = "x") -> np.ndarray:
    """Class numbers (whole numbers from 0 to n_classes − 1) as integers, or an error naming
    the argument. With `n_examples`, one per example of the argument named `examples`; a single
    class number then stands for every example (attack every digit towards 3)."""
    classes = as_array(value, name, ndim=(0, 1))
    if not np.all(classes == np.round(classes)) or classes.min() < 0 \
            or classes.max() >= n_classes:
        shown = classes.tolist() if classes.size <= 10 else f"{classes.tolist()[:10]}..."
        raise ValueError(f"{name} should be whole numbers from 0 to {n_classes - 1} (one class "
                         f"number each, for {n_classes} classes), but they are {shown}.")
    classes = classes.astype(int)
    if n_examples is None:
        return classes
    if classes.ndim == 0:
        return np.full(n_examples, int(classes))
    if len(classes) != n_examples:
        raise ValueError(f"{name} has {plural(len(classes), 'class number')} but {examples} "
                         f"has {plural(n_examples, 'example')}: give one class number per "
                         "example, or a single one for all.")
    return classes


def as_class(value, name: str, n_classes: int) -> int:
    """One class number, a whole number from 0 to n_classes − 1, or an error naming it."""
    number = as_count(value, name, minimum=0)
    if number >= n_classes:
        raise ValueError(f"{name} should be a class number from 0 to {n_classes - 1}, but it "
                         f"is {number}.")
    return number


def as_pixels(value, name: str) -> np.ndarray:
    """An image (or a batch of them) of pixels from 0 (blank) to 1 (full ink, full colour), as
    ddn.datasets gives them, or an error naming the argument."""
    pixels = as_array(value, name)
    if pixels.min() < 0 or pixels.max() > 1:
        raise ValueError(f"{name} should hold pixels from 0 to 1 (as ddn.datasets gives them), "
                         f"but its values reach {pixels.min():.3g} .. {pixels.max():.3g}.")
    return pixels


def as_same_shape(first, second, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Two arrays that must match value for value (an output and its target), or an error."""
    a, b = as_array(first, names[0]), as_array(second, names[1])
    if a.shape != b.shape:
        raise ValueError(f"{names[0]} is {in_words(a)} but {names[1]} is {in_words(b)}: they "
                         f"should have the same shape, one {names[1]} value per {names[0]} value.")
    return a, b


# -- everything else ---------------------------------------------------------------------------
def as_instance(value, name: str, kind: type, example: str | None = None, *,
                chain: str | None = None):
    """`value` if it is a `kind` (a Network, a loss...), else an error naming the argument.

    A class given instead of an instance is told to add brackets; with `chain`, a list given
    instead (of layers, say) is told how to chain it: "write Network([...])".
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, type) and issubclass(value, kind):
        raise TypeError(f"{name} is the class {value.__name__} itself: write "
                        f"{value.__name__}() with brackets to make one.")
    hint = ""
    if chain and isinstance(value, (list, tuple)):
        hint = f"; to chain a list of layers into one, write {chain}([...])"
    raise TypeError(f"{name} should be {example or 'a ' + kind.__name__}, but it is "
                    f"{in_words(value)}{hint}.")


def as_function(value, name: str, example: str):
    """`value` if it can be called without arguments, else an error naming the argument."""
    if isinstance(value, type) or not callable(value):
        raise TypeError(f"{name} should be a function such as {example}, but it is "
                        f"{in_words(value)}.")
    try:
        inspect.signature(value).bind()
    except TypeError:
        raise TypeError(f"{name} should be a function that takes no arguments, such as "
                        f"{example}, but {in_words(value)} needs some.") from None
    except ValueError:  # some built-in functions don't say what they take: just try them
        pass
    return value


def as_list_of(value, name: str, kind: type, example: str) -> list:
    """A list (or tuple) whose every item is a `kind`, or an error naming the first bad item."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} should be a list, such as {example}, but it is "
                        f"{in_words(value)}.")
    for i, item in enumerate(value):
        as_instance(item, f"{name}[{i}]", kind, f"one of {example}")
    return list(value)


def as_names(value, name: str, count: int | None, each: str, owner: str) -> tuple | None:
    """None, or a list of `count` names, one per `each` (input, neuron...) of `owner`, as a tuple:
    as_names(["a", "b"], "input_names", 3, "value", "weights") says "input_names has 2 names but
    weights has 3 values: give one name each"."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} should be a list of names (texts), but it is "
                        f"{in_words(value)}.")
    if count is not None and len(value) != count:
        raise ValueError(f"{name} has {plural(len(value), 'name')} but {owner} has "
                         f"{plural(count, each)}: give one name each.")
    return tuple(value)


def as_choice(value, name: str, choices):
    """`value` if it is one of `choices` (texts), else an error listing them."""
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} should be one of {listed}, but it is {in_words(value)}.")
    return value


def as_rng(seed, name: str = "seed") -> np.random.Generator:
    """A numpy Generator from a seed (a whole number ≥ 0), an existing Generator, or None
    (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    whole = isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_))
    if whole and seed < 0:
        raise ValueError(f"{name} should be a whole number of 0 or more, but it is {seed}.")
    if seed is None or whole:
        return np.random.default_rng(seed)
    raise TypeError(f"{name} should be a whole number (0 or more) or a numpy Generator, but it "
                    f"is {in_words(seed)}.")


# -- results -----------------------------------------------------------------------------------
_depth = [0]  # how many overflow-checked calls are running, one inside the other


def overflow_checked(function):
    """Compute without numpy's overflow warnings, then check the result: a number that came out
    infinite or NaN raises an error naming the argument with the largest values, instead of
    passing silently.

    An intermediate overflow that the maths absorbs (sigmoid(∞) = 1) still gives its answer.
    Only the outermost checked call judges, so the error names an argument of the function the
    learner called, not of one it calls in turn.
    """
    signature = inspect.signature(function)

    @functools.wraps(function)
    def checked(*args, **kwargs):
        _depth[0] += 1
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                result = function(*args, **kwargs)
        finally:
            _depth[0] -= 1
        if _depth[0] > 0 or _finite(result):
            return result
        arguments = signature.bind(*args, **kwargs).arguments
        arguments.pop("self", None)
        raise too_large(arguments)

    return checked


def finite(result, **arguments):
    """`result` if it holds only finite numbers, else the error of `too_large(arguments)`."""
    if not _finite(result):
        raise too_large(arguments)
    return result


def too_large(arguments: dict) -> ValueError:
    """The error for a calculation that overflowed, naming the largest of `arguments`."""
    sizes = {}
    for key, value in arguments.items():
        try:
            sizes[key] = float(np.max(np.abs(np.asarray(value, dtype=float)), initial=0.0))
        except (TypeError, ValueError):
            continue
    name = max(sizes, key=sizes.get, default=None)
    if name is None:
        return ValueError("the result overflowed (it came out infinite or not a number): "
                          "the numbers involved are too large.")
    if sizes[name] < 1e100:
        return ValueError(f"the result overflowed (it came out infinite or not a number), "
                          f"although {name} holds at most {sizes[name]:.2g}: some other number "
                          "involved, such as a weight, is too large.")
    return ValueError(f"{name} holds {sizes[name]:.2g}, too large to compute with (the result "
                      "overflows to infinity): scale it down, e.g. standardise your inputs.")


def _finite(result) -> bool:
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return _finite([getattr(result, f.name) for f in dataclasses.fields(result)])
    if isinstance(result, (list, tuple)):
        return all(_finite(item) for item in result)
    if isinstance(result, (np.ndarray, float, np.floating)):
        return bool(np.all(np.isfinite(result)))
    return True


def _ndim_words(allowed: tuple[int, ...]) -> str:
    words = {0: "a single number", 1: "a list of numbers (1-D)", 2: "a table of numbers (2-D)",
             3: "a 3-D array", 4: "a 4-D array"}
    return " or ".join(words.get(d, f"{d}-D") for d in allowed)
