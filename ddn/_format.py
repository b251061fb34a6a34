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
    """A probability as a percentage: 0.952241 -> '95.22%'; 0.9999999 -> '> 99.99%'."""
    p = float(p)
    step = 10.0 ** -digits
    if p > 0 and 100 * p < step / 2:
        return f"< {step:.{digits}f}%"
    if p < 1 and 100 * p > 100 - step / 2:
        return f"> {100 - step:.{digits}f}%"
    return f"{100 * p:.{digits}f}%"


def is_percent(p, digits: int = 2) -> str:
    """'= 95.22%', or '> 99.99%' when rounding would claim certainty: for 'P(pass) ...'."""
    text = percent(p, digits)
    return text if text[0] in "<>" else f"= {text}"


def probability(p) -> str:
    """A value from 0 to 1 with enough digits never to look like exactly 0 or 1 when it isn't."""
    p = float(p)
    text = num(p)
    if 0 < p < 1 and text in ("0", "1"):
        text = num(p, 12)
    return text


class Text(str):
    """A string that shows itself plainly when it is the last line of a notebook cell."""

    def __repr__(self) -> str:
        return str(self)
