"""Exercise checks: instant feedback in the notebook, and batch grading for instructors.

In an exercise notebook, `check("weighted_sum")` looks up your `weighted_sum`, tries it on the
task's examples and tells you ✓, or what went wrong and a hint. `check("02_neuron")` checks
every task of that exercise at once.
"""

from __future__ import annotations

import difflib
import inspect
import json

from .feedback import FAILED, Feedback, Report

__all__ = ["check", "finished", "judge"]


def judge(task, record: dict) -> Feedback:
    """The task's verdict on recorded answers; a fault in the checker itself is reported kindly."""
    try:
        return task.judge(json.loads(json.dumps(record)))  # judge exactly what a grader would see
    except Exception as error:  # noqa: BLE001 - never show the learner a traceback
        return Feedback(task.id, FAILED, f"the checker could not judge this answer ({error}); "
                                         "please tell the course maintainers.")


def check(name: str, namespace: dict | None = None):
    """Check one task (by its id) or every task of an exercise (by the exercise id).

    The answers are looked up by name among your notebook's variables, or in `namespace`.
    """
    from .progress import record_task  # the task registry loads on first use, not at import
    from .tasks import EXERCISES, TASKS

    if namespace is None:
        frame = inspect.currentframe().f_back
        namespace = frame.f_globals if frame is not None else {}
    if name in EXERCISES:
        exercise = EXERCISES[name]
        return Report(exercise.title, tuple(check(t.id, namespace) for t in exercise.tasks))
    task = TASKS.get(name)
    if task is None:
        close = difflib.get_close_matches(str(name), list(TASKS) + list(EXERCISES), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return Feedback(str(name), FAILED, f"there is no task called {name!r}.{hint}")
    feedback = judge(task, task.collect(namespace))
    record_task(task.id, feedback.status)
    return feedback


def finished(number: str):
    """Mark section `number` ("02") as read and say what comes next."""
    from .progress import finished as mark

    return mark(number)
