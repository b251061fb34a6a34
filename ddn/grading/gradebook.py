"""Grade a folder of submitted notebooks: one sandbox per notebook, one CSV row per file.

For each file the judge reads the notebook itself (a file that is not a notebook gets a row
saying why), starts it in a sandbox (sandbox.py), waits for its cells to run, then calls the
learner's functions on inputs it chooses, fresh random cases included, and compares in this
process (task.py). Nothing the notebook writes is taken as a verdict, and nothing it does
stops the batch: a crash, a timeout, a flood of output or an attack ends that notebook's
grading only, with the reason in its row. Notebooks are graded in parallel, one per core.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .feedback import FAILED, PASSED, Feedback, Report
from .record import text
from .sandbox import Environment, Stopped
from .task import judge
from .tasks import EXERCISES

MAX_NOTEBOOK_BYTES = 20 * 1024**2


@dataclass
class NotebookGrade:
    path: Path
    exercise: str | None
    feedback: list[Feedback] = field(default_factory=list)
    problem: str | None = None  # why the notebook could not be graded (fully)
    cell_errors: list[dict] = field(default_factory=list)
    isolation: str = ""

    @property
    def passed(self) -> int:
        return sum(f.status == PASSED for f in self.feedback)

    @property
    def name(self) -> str:
        """The notebook's path, safe to print or store: a file name chosen by a learner may
        hold escape codes or bytes that are not text."""
        return text(str(self.path), 4096)

    def report(self) -> str:
        if self.problem and not self.feedback:
            return f"{self.name}\n  {self.problem}"
        title = EXERCISES[self.exercise].title
        text = str(Report(f"{self.name} ({title})", tuple(self.feedback)))
        if self.problem:
            text += f"\n  note: {self.problem}"
        return text


class NotANotebook(Exception):
    """A file the judge will not grade; the message says why."""


def read_submission(path: Path) -> tuple[dict, bytes]:
    """The notebook's JSON (an object) and its bytes, read without trusting the file: no
    links followed, no pipes or devices opened for long, no size without a limit."""
    try:
        info = os.lstat(path)
    except OSError as error:
        raise NotANotebook(f"cannot read this notebook: {error.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise NotANotebook("this is a symbolic link, not a notebook: links are not followed "
                           "(one could point at someone else's file)")
    if not stat.S_ISREG(info.st_mode):
        raise NotANotebook("this is not a regular file (a folder, a pipe or a device)")
    if info.st_size > MAX_NOTEBOOK_BYTES:
        raise NotANotebook(f"the file is {info.st_size / 2**20:.0f} MB, more than "
                           f"{MAX_NOTEBOOK_BYTES / 2**20:.0f} MB: not graded")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise NotANotebook("this is not a regular file")
            raw = f.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as error:
        raise NotANotebook(f"cannot read this notebook: {error.strerror}") from None
    try:
        notebook = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise NotANotebook(f"cannot read this notebook: it is not JSON "
                           f"({text(str(error), 100)})") from None
    if not isinstance(notebook, dict):
        raise NotANotebook(f"cannot read this notebook: its JSON is a {type(notebook).__name__}"
                           ", not an object with cells")
    return notebook, raw


def code_sources(notebook: dict) -> list[str]:
    """The source of every code cell, as Jupyter would run them (odd cells are skipped)."""
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise NotANotebook("cannot read this notebook: it has no list of cells")
    sources = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if isinstance(source, str):
            sources.append(source)
    return sources


def exercise_of(path: Path, notebook: dict) -> str | None:
    """The exercise a notebook belongs to: its metadata, else its file name."""
    metadata = notebook.get("metadata")
    ddn = metadata.get("ddn") if isinstance(metadata, dict) else None
    declared = ddn.get("exercise") if isinstance(ddn, dict) else None
    if isinstance(declared, str) and declared in EXERCISES:
        return declared
    return next((e for e in EXERCISES if path.stem.startswith(e)), None)


def grade_notebook(path, timeout: float = 120, environment: Environment | None = None,
                   isolation: str | None = None) -> NotebookGrade:
    """Grade one notebook; never raises (a fault becomes the row's problem)."""
    path = Path(path)
    if environment is None:
        with Environment(isolation, protect=[path.parent], warn=_warn) as environment:
            return grade_notebook(path, timeout, environment)
    grade = NotebookGrade(path, None, isolation=environment.isolation)
    try:
        return _grade(grade, timeout, environment)
    except NotANotebook as error:
        grade.problem = str(error)
    except Exception as error:  # noqa: BLE001 - one notebook must never stop the batch
        grade.problem = f"the grader failed on this notebook ({type(error).__name__}: " \
                        f"{text(str(error), 200)}); please tell the course maintainers"
        if grade.exercise:
            _all_failed(grade, grade.problem)
    return grade


def _grade(grade: NotebookGrade, timeout: float, environment: Environment) -> NotebookGrade:
    notebook, raw = read_submission(grade.path)
    grade.exercise = exercise_of(grade.path, notebook)
    if grade.exercise is None:
        raise NotANotebook("not a ddn exercise notebook (no exercise id in its metadata or file "
                           "name)")
    sources = code_sources(notebook)
    tasks = EXERCISES[grade.exercise].tasks
    with environment.start(sources, raw, timeout) as session:
        try:
            grade.cell_errors = [_clean_error(e) for e in session.ready()]
        except Stopped as stopped:
            return _all_failed(grade, str(stopped))
        for task in tasks:
            session.missing = []
            feedback = judge(task, session)
            if session.dead:
                feedback = Feedback(task.id, FAILED, session.dead)
            elif grade.cell_errors:
                feedback = _blame_broken_cells(feedback, session.missing, grade.cell_errors)
            grade.feedback.append(feedback)
    notes = []
    if grade.cell_errors:
        first = grade.cell_errors[0]
        notes.append(f"{len(grade.cell_errors)} cell(s) raised an error; the first is code cell "
                     f"{first['cell']}, starting `{first['starts']}`: {first['error']}")
    if session.dead:
        notes.append(session.dead)
    grade.problem = "; ".join(notes) or None
    return grade


def _clean_error(error) -> dict:
    """A cell error as reported by the notebook's runner, made safe to show."""
    cell = error.get("cell")
    return {"cell": cell if type(cell) is int else 0, "starts": text(error.get("starts"), 80),
            "error": text(error.get("error"), 300)}


def _blame_broken_cells(feedback: Feedback, missing: list, cell_errors: list) -> Feedback:
    """An answer 'not found' because its cell crashed: say which cell and why."""
    if not missing:
        return feedback
    names = ", ".join(f"`{n}`" for n in missing)
    for error in cell_errors:
        if any(n in error["starts"] for n in missing):
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
    """Notebooks named directly, plus every .ipynb inside named folders (sorted; links to
    folders are not followed, and a linked notebook gets a row saying so)."""
    found = []
    for p in map(Path, paths):
        if p.is_dir() and not p.is_symlink():
            for folder, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if d != ".ipynb_checkpoints")
                found += sorted(Path(folder) / f for f in files if f.endswith(".ipynb"))
        else:
            found.append(p)
    return found


def _warn(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def grade_all(paths, timeout: float = 120, workers: int | None = None,
              isolation: str | None = None, warn=_warn) -> list[NotebookGrade]:
    """Grade every notebook found in `paths`, `workers` at a time (default: one per core)."""
    notebooks = find_notebooks(paths)
    folders = {p.parent for p in notebooks} | {Path(p) for p in paths if Path(p).is_dir()}
    workers = workers or os.cpu_count() or 1
    with Environment(isolation, protect=folders, warn=warn) as environment:
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            return list(pool.map(lambda p: grade_notebook(p, timeout, environment), notebooks))
        finally:  # on Ctrl-C, the notebooks not started yet are not started at all
            pool.shutdown(wait=True, cancel_futures=True)


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(grades: list[NotebookGrade], target) -> None:
    """One row per notebook: its path, exercise, 1/0 per task, the total, the isolation it ran
    with, and what went wrong if anything did."""
    task_ids = [t.id for e in EXERCISES.values() for t in e.tasks
                if any(g.exercise == e.id for g in grades)]
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["notebook", "exercise", *task_ids, "passed", "tasks", "isolation",
                         "problem"])
        for g in grades:
            status = {fb.task: fb.status for fb in g.feedback}
            writer.writerow([_cell(g.name), g.exercise or "",
                             *[("1" if status.get(t) == PASSED else "0") if t in status else ""
                               for t in task_ids],
                             g.passed, len(g.feedback), g.isolation, _cell(g.problem or "")])
