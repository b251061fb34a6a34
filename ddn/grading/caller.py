"""Callers: how a task asks a notebook about the learner's answers.

A task never reaches into the learner's code itself. It asks a caller three questions, and
gets plain data back (record.py):

- `function(name)`: is `name` a function? (its parameter names, or what it is instead)
- `value(name)`:    the value `name` holds (numbers, arrays, a network's spec...)
- `call(name, args)`: what the function returns for these arguments, or the error it raises,
  and which arguments it changed in place.

`LocalCaller` answers from the learner's own namespace, in their own kernel: that is `check()`
in a notebook, where learners could only ever fool themselves. Batch grading uses the
sandboxed runner instead (sandbox.py), with the same questions and the same data, so a task
judges both in exactly the same way.
"""

from __future__ import annotations

import json

from .record import call, decode, encode, look_up


def _as_sent(data):
    """Data exactly as it would arrive through the sandbox's pipe (JSON there and back)."""
    return json.loads(json.dumps(data))


class LocalCaller:
    """Answers directly from `namespace` (a notebook's variables)."""

    def __init__(self, namespace):
        self.namespace = namespace

    def function(self, name: str) -> dict:
        return _as_sent(look_up(self.namespace, name, as_function=True))

    def value(self, name: str) -> dict:
        return _as_sent(look_up(self.namespace, name, as_function=False))

    def call(self, name: str, args) -> dict:
        sent = [decode(a) for a in _as_sent([encode(a) for a in args])]  # as the runner gets them
        return _as_sent(call(self.namespace[name], sent))
