"""Sliders whose value is exactly what the browser shows.

A plain `FloatSlider` keeps a float in the kernel and lets the browser round it to the slider's
grid. When code sets a value (0.38, or 0.75 computed as 0.7500000000000002), the browser snaps
it and sends the snapped number back, later, after the next cells have run: a notebook run top
to bottom in JupyterLab then ends in a state no code set. A slider over a list of numbers
travels as a whole-number position instead, which nothing rounds. So every number slider of
the course is a `NumberSlider`: evenly spaced values (or `LogSlider`: values spread over
powers of ten), and a value set from code is snapped to the nearest one in the kernel, where
the code can see it.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from traitlets import validate

from .._format import num


def _decimals(step: float) -> int:
    """How many decimals the multiples of `step` need: 0.05 -> 2, 0.5 -> 1, 10 -> 0."""
    for decimals in range(12):
        if abs(round(step, decimals) - step) < 1e-12 * max(1.0, abs(step)):
            return decimals
    return 12


class GridSlider(widgets.SelectionSlider):
    """A slider over a fixed list of numbers; setting any number picks the nearest one."""

    def __init__(self, numbers, value, **kwargs):
        self.numbers = np.asarray(numbers, dtype=float)
        self.min, self.max = float(self.numbers[0]), float(self.numbers[-1])
        kwargs.setdefault("continuous_update", True)
        super().__init__(options=[(num(v), float(v)) for v in self.numbers],
                         value=self.nearest(value), **kwargs)

    def set_numbers(self, numbers, value) -> None:
        """Offer other numbers (e.g. the limits of a new surface), with `value` chosen."""
        self.numbers = np.asarray(numbers, dtype=float)
        self.min, self.max = float(self.numbers[0]), float(self.numbers[-1])
        self.options = [(num(v), float(v)) for v in self.numbers]
        self.value = self.nearest(value)

    def nearest(self, value) -> float:
        """The grid number closest to `value` (the ends for anything beyond them)."""
        value = float(value)
        if math.isnan(value):
            raise ValueError(f"{self.description or 'the slider'} needs a number, not NaN.")
        return float(self.numbers[int(np.argmin(np.abs(self.numbers - value)))])

    @validate("value")
    def _validate_value(self, proposal):
        value = proposal.value
        if value is None or isinstance(value, (bool, str)):
            raise ValueError(f"{self.description or 'the slider'} needs a number, but it got "
                             f"{value!r}.")
        return self.nearest(value)


def evenly(low: float, high: float, step: float) -> np.ndarray:
    """low, low + step, ..., high, each rounded to the decimals of `step` (no 0.30000000000004)."""
    count = int(round((high - low) / step))
    return np.round(low + step * np.arange(count + 1), _decimals(step))


class NumberSlider(GridSlider):
    """Evenly spaced numbers from `min` to `max` in steps of `step`, e.g. −2, −1.95, ..., 5."""

    def __init__(self, value, *, min: float, max: float, step: float, **kwargs):
        self.step = step
        super().__init__(evenly(min, max, step), value, **kwargs)

    def set_range(self, low: float, high: float, value) -> None:
        """New ends, same step."""
        self.set_numbers(evenly(low, high, self.step), value)


class LogSlider(GridSlider):
    """Round numbers spread over powers of ten (by default 1, 1.5, 2, 3, 5, 7 in each decade),
    from `low` to `high`: for learning rates, which matter by their order of magnitude."""

    def __init__(self, value, *, low: float, high: float, mantissas=(1, 1.5, 2, 3, 5, 7),
                 **kwargs):
        decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        numbers = sorted(float(f"{m * 10.0 ** d:.3g}") for d in decades for m in mantissas)
        numbers = [v for v in numbers if low * (1 - 1e-9) <= v <= high * (1 + 1e-9)]
        super().__init__(numbers, value, **kwargs)


def example_picker(per_digit: dict, digit, example: int, *, label: str = "test digit",
                   style=None, widths=("160px", "300px")):
    """A dropdown of digits and a slider of examples of the chosen digit: (dropdown, slider).

    `per_digit` maps each digit to the indices of its examples. The slider runs up to the
    rarest digit's count, so every example number exists whatever digit is chosen."""
    style = style or {}
    dropdown = widgets.Dropdown(options=tuple(per_digit), value=digit, description=label,
                                style=style, layout=widgets.Layout(width=widths[0]))
    fewest = min(len(v) for v in per_digit.values())
    slider = NumberSlider(example, min=0, max=fewest - 1, step=1, description="example",
                          style=style, layout=widgets.Layout(width=widths[1]))
    return dropdown, slider
