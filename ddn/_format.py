"""Numbers and text as the course writes them: 26 not 26.0, a real minus sign, percentages."""

from __future__ import annotations

import math

MINUS = "\u2212"  # "−", the typographic minus


def num(x, digits: int = 6) -> str:
    """A number in its shortest honest form: 26, 150.5, 2.9925, 0.952241, −25."""
    x = float(x)
    if not math.isfinite(x):
        return {"nan": "nan", "inf": "∞", "-inf": f"{MINUS}∞"}[str(x)]
    text = str(int(x)) if x == int(x) and abs(x) < 1e15 else f"{x:.{digits}g}"
    return text.replace("-", MINUS)


def signed(x) -> str:
    """A term to append to a sum: '+ 5', '− 25'."""
    return f"{MINUS} {num(-x)}" if float(x) < 0 else f"+ {num(x)}"


def factor(x) -> str:
    """A number as a factor in a product, bracketed when negative: 3, (−0.5)."""
    return f"({num(x)})" if float(x) < 0 else num(x)


def percent(p, digits: int = 2) -> str:
    """A probability as a percentage: 0.952241 -> '95.22%'."""
    return f"{100 * float(p):.{digits}f}%"


class Text(str):
    """A string that shows itself plainly when it is the last line of a notebook cell."""

    def __repr__(self) -> str:
        return str(self)
