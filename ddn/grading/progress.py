"""The learner's progress: which sections they finished and which tasks they passed.

Kept in <workspace>/.ddn/progress.json, written by `check(...)` and `finished(...)` in the
notebooks and read by `ddn progress`. Outside a workspace (for example in the repository, or
while grading), nothing is written.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from .._format import Text
from ..course import MARKER, PROGRESS_FILE, SECTIONS, find_workspace
from .feedback import NOT_DONE, PASSED, SYMBOL
from .tasks import EXERCISES


def _path(workspace: Path) -> Path:
    return workspace / MARKER / PROGRESS_FILE


def load(workspace: Path) -> dict:
    try:
        data = json.loads(_path(workspace).read_text())
    except (OSError, ValueError):
        data = {}
    return {"sections": data.get("sections", {}), "tasks": data.get("tasks", {})}


def _update(kind: str, key: str, value) -> None:
    if os.environ.get("DDN_GRADING"):
        return
    workspace = find_workspace()
    if workspace is None:
        return
    data = load(workspace)
    data[kind][key] = value
    path = _path(workspace)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    temporary.replace(path)  # atomic: a crash never leaves half a file


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_task(task_id: str, status: str) -> None:
    """Remember a task's latest attempt (a pass is never downgraded by a later attempt).

    "Not done" is not an attempt, so it is not recorded.
    """
    if status == NOT_DONE:
        return
    workspace = find_workspace()
    if workspace is not None and load(workspace)["tasks"].get(task_id, {}).get("status") == \
            PASSED and status != PASSED:
        return
    _update("tasks", task_id, {"status": status, "when": _now()})


def finished(number: str) -> Text:
    """Mark section `number` ("02") as read and say what comes next."""
    section = next((s for s in SECTIONS if s.number == str(number)), None)
    if section is None:
        numbers = ", ".join(s.number for s in SECTIONS)
        return Text(f"There is no section {number!r}; the sections are {numbers}.")
    _update("sections", section.number, _now())
    lines = [f"Section {section.number} ({section.title}) done."]
    if section.exercise:
        lines.append(f"Practise it in exercises/{section.exercise}.ipynb.")
    later = [s for s in SECTIONS if s.number > section.number]
    if later:
        lines.append(f"Next: {later[0].number} {later[0].title}, notebooks/{later[0].notebook}.")
    else:
        lines.append("That was the last section of the course: well done!")
    return Text(" ".join(lines))


def summary(workspace: Path) -> Text:
    """Every section with its status, then the next thing to do."""
    data = load(workspace)
    lines = [f"Your progress in {workspace}", ""]
    next_step = None
    for section in SECTIONS:
        read = section.number in data["sections"]
        tasks = EXERCISES[section.exercise].tasks if section.exercise else ()
        passed = [t for t in tasks if data["tasks"].get(t.id, {}).get("status") == PASSED]
        done = read and len(passed) == len(tasks)
        symbol = SYMBOL[PASSED] if done else ("◐" if read or passed else SYMBOL["not done"])
        detail = f"exercise: {len(passed)} of {len(tasks)} tasks passed" if tasks else ""
        lines.append(f"  {symbol} {section.number} {section.title:<28} {detail}".rstrip())
        if next_step is None and not read:
            next_step = f"read notebooks/{section.notebook}"
        elif next_step is None and len(passed) < len(tasks):
            todo = next(t for t in tasks if t not in passed)
            next_step = f"exercises/{section.exercise}.ipynb, task '{todo.id}' ({todo.title})"
    lines += ["", f"Next: {next_step}." if next_step else "Everything is done: well done!"]
    return Text("\n".join(lines))
