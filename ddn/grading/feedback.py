"""The verdict on one task: passed, failed (with a hint), or not done yet."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

PASSED, FAILED, NOT_DONE = "passed", "failed", "not done"
SYMBOL = {PASSED: "✓", FAILED: "✗", NOT_DONE: "·"}
_COLOUR = {PASSED: ("#e8f5e9", "#2e7d32"), FAILED: ("#fff3e0", "#e65100"),
           NOT_DONE: ("#eceff1", "#455a64")}
_CODE = re.compile(r"`([^`\n]+)`")


def rich(text: str) -> str:
    """Plain feedback text as HTML: escaped, with `code` spans shown as <code>."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text))


@dataclass(frozen=True)
class Feedback:
    """What a learner sees after `check(...)`: a symbol, the task, and one kind sentence."""

    task: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def __str__(self) -> str:
        return f"{SYMBOL[self.status]} {self.task}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        background, border = _COLOUR[self.status]
        return (f'<div style="background:{background};border-left:4px solid {border};'
                f'padding:6px 10px;margin:4px 0;font-family:sans-serif">'
                f'<b>{SYMBOL[self.status]} {html.escape(self.task)}</b>: '
                f'{rich(self.message)}</div>')


@dataclass(frozen=True)
class Report:
    """The feedback for every task of one exercise, with a one-line tally."""

    title: str
    items: tuple[Feedback, ...]

    @property
    def passed(self) -> int:
        return sum(item.passed for item in self.items)

    @property
    def tally(self) -> str:
        return f"{self.passed} of {len(self.items)} tasks passed"

    def __str__(self) -> str:
        return "\n".join([f"{self.title}: {self.tally}"] + [f"  {item}" for item in self.items])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(item._repr_html_() for item in self.items)
        return (f'<div style="font-family:sans-serif"><b>{html.escape(self.title)}</b>: '
                f"{self.tally}{items}</div>")
