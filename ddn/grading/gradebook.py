"""Grade exercise notebooks from the outside: one process per notebook, limits, a report, a CSV.

Each notebook runs in its own Python process (see runner.py) in an empty temporary folder, with
a time limit and a memory limit, so an endless loop or a memory bomb fails that notebook only.
The verdicts are computed here, from the recorded answers, never inside the learner's process.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .feedback import FAILED, PASSED, Feedback, Report
from .tasks import EXERCISES

MEMORY_LIMIT = 3 * 1024**3  # bytes of address space for one notebook's process


@dataclass
class NotebookGrade:
    path: Path
    exercise: str | None
    feedback: list[Feedback] = field(default_factory=list)
    problem: str | None = None  # why the notebook could not be graded at all
    cell_errors: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(f.status == PASSED for f in self.feedback)

    def report(self) -> str:
        if self.problem and not self.feedback:
            return f"{self.path}\n  {self.problem}"
        title = EXERCISES[self.exercise].title
        text = str(Report(f"{self.path} ({title})", tuple(self.feedback)))
        if self.problem:
            text += f"\n  note: {self.problem}"
        return text


def exercise_of(path: Path, notebook: dict) -> str | None:
    """The exercise a notebook belongs to: its metadata, else its file name."""
    declared = notebook.get("metadata", {}).get("ddn", {}).get("exercise")
    if declared in EXERCISES:
        return declared
    return next((e for e in EXERCISES if path.stem.startswith(e)), None)


def _limit_memory():  # runs in the child just before it starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def grade_notebook(path, timeout: float = 120) -> NotebookGrade:
    path = Path(path)
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return NotebookGrade(path, None, problem=f"cannot read this notebook: {error}")
    exercise = exercise_of(path, notebook)
    if exercise is None:
        return NotebookGrade(path, None, problem="not a ddn exercise notebook (no exercise id "
                                                 "in its metadata or file name)")
    tasks = EXERCISES[exercise].tasks
    grade = NotebookGrade(path, exercise)
    env = {**os.environ, "DDN_GRADING": "1", "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[2]),
                                                      os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory(prefix="ddn-grade-") as folder:
        result = Path(folder) / "result.json"
        command = [sys.executable, "-m", "ddn.grading.runner", str(path.resolve()), str(result),
                   exercise]
        try:
            done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=timeout, preexec_fn=_limit_memory)
        except subprocess.TimeoutExpired:
            return _all_failed(grade, f"the notebook ran for more than {timeout:g} s and was "
                                      "stopped: look for a loop that never ends.")
        if not result.exists():
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            return _all_failed(grade, f"the notebook could not be run to the end: {last}")
        outcome = json.loads(result.read_text())
    from . import judge

    grade.cell_errors = outcome["cell_errors"]
    grade.feedback = [_blame_broken_cells(judge(t, outcome["records"][t.id]),
                                          outcome["records"][t.id], grade.cell_errors)
                      for t in tasks]
    if grade.cell_errors:
        first = grade.cell_errors[0]
        grade.problem = (f"{len(grade.cell_errors)} cell(s) raised an error; the first is code "
                         f"cell {first['cell']}, starting `{first['starts']}`: {first['error']}")
    return grade


def _blame_broken_cells(feedback: Feedback, record: dict, cell_errors: list) -> Feedback:
    """An answer 'not found' because its cell crashed: say which cell and why."""
    if "missing" not in record or not cell_errors:
        return feedback
    names = ", ".join(f"`{n}`" for n in record["missing"])
    for error in cell_errors:
        if any(n in error["starts"] for n in record["missing"]):
            return Feedback(feedback.task, FAILED, f"{names} was never defined: its cell "
                                                   f"(`{error['starts']}`) raised "
                                                   f"{error['error']}")
    return Feedback(feedback.task, feedback.status,
                    feedback.message + f" (A cell raised an error: code cell "
                                       f"{cell_errors[0]['cell']}, starting "
                                       f"`{cell_errors[0]['starts']}`.)")


def _all_failed(grade: NotebookGrade, why: str) -> NotebookGrade:
    grade.problem = why
    grade.feedback = [Feedback(t.id, FAILED, why) for t in EXERCISES[grade.exercise].tasks]
    return grade


def find_notebooks(paths) -> list[Path]:
    """Notebooks named directly, plus every notebook inside named folders (sorted)."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(q for q in p.rglob("*.ipynb") if ".ipynb_checkpoints" not in q.parts)
        else:
            found.append(p)
    return found


def grade_all(paths, timeout: float = 120, workers: int = 2) -> list[NotebookGrade]:
    notebooks = find_notebooks(paths)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: grade_notebook(p, timeout), notebooks))


def write_csv(grades: list[NotebookGrade], target) -> None:
    """One row per notebook: its path, exercise, 1/0 per task, and the total."""
    task_ids = [t.id for e in EXERCISES.values() for t in e.tasks
                if any(g.exercise == e.id for g in grades)]
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["notebook", "exercise", *task_ids, "passed", "tasks", "problem"])
        for g in grades:
            status = {fb.task: fb.status for fb in g.feedback}
            writer.writerow([str(g.path), g.exercise or "",
                             *[("1" if status.get(t) == PASSED else "0") if t in status else ""
                               for t in task_ids],
                             g.passed, len(g.feedback), g.problem or ""])
