"""Exercise checks: instant feedback in the notebook, and batch grading for instructors.

In an exercise notebook, `check("weighted_sum")` looks up your `weighted_sum`, tries it on the
task's examples and on a few new cases, and tells you ✓, or what went wrong and a hint.
`check("02_neuron")` checks every task of that exercise at once.

The same judge grades submitted notebooks (`ddn check FOLDER`, see gradebook.py): there the
notebook runs in a sandbox and only answers the judge's calls.
"""

from __future__ import annotations

import difflib
import inspect
import os
from collections.abc import Mapping

from .._validate import in_words
from .feedback import FAILED, NOT_DONE, Feedback, Report

__all__ = ["check", "finished"]

IN_GRADER = "checked by the grader once the whole notebook has run."


def check(name: str, namespace: dict | None = None):
    """Check one task (by its id) or every task of an exercise (by the exercise id).

    The answers are looked up by name among your notebook's variables, or in `namespace`.
    """
    if os.environ.get("DDN_GRADING"):  # inside the grader's sandbox: the judge checks later
        return Feedback(str(name), NOT_DONE, IN_GRADER)
    from .tasks import EXERCISES, TASKS  # the task registry loads on first use, not at import

    if not isinstance(name, str):
        raise TypeError(f"name should be a task or exercise id in quotes, such as "
                        f"check(\"weighted_sum\"), but it is {in_words(name)}.")
    if namespace is None:
        frame = inspect.currentframe().f_back
        namespace = frame.f_globals if frame is not None else {}
    elif not isinstance(namespace, Mapping):
        raise TypeError(f"namespace should be a dict of your variables (or left out), but it "
                        f"is {in_words(namespace)}.")
    if name in EXERCISES:
        exercise = EXERCISES[name]
        return Report(exercise.title, tuple(_check_task(TASKS[t.id], namespace)
                                            for t in exercise.tasks))
    task = TASKS.get(name)
    if task is None:
        close = difflib.get_close_matches(str(name), list(TASKS) + list(EXERCISES), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return Feedback(str(name), FAILED, f"there is no task called {name!r}.{hint}")
    feedback = _check_task(task, namespace)
    if os.environ.get("NBGRADER_EXECUTION") and not feedback.passed:
        # Under nbgrader's autograder a check cell is a test that passes unless it raises.
        raise AssertionError(str(feedback))
    return feedback


def _check_task(task, namespace) -> Feedback:
    from .caller import LocalCaller
    from .progress import record_task
    from .task import judge

    feedback = judge(task, LocalCaller(namespace))
    record_task(task.id, feedback.status)
    return feedback


def finished(number: str):
    """Mark section `number` ("02") as read and say what comes next."""
    from .progress import finished as mark

    return mark(number)
