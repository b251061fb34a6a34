"""Exercises and answer keys carry nbgrader's cell metadata (schema 3), and it follows nbgrader's
rules, so an instructor already on nbgrader can use the course without ddn depending on it.

The rules are written out here from nbgrader 0.9's own sources, independently of ddn's builder:

- the cell-metadata JSON schema (nbgrader/nbgraderformat/v3.json): keys, required keys, types,
  the grade id pattern, points >= 0, schema_version exactly 3;
- MetadataValidatorV3 (nbgrader/nbgraderformat/v3.py): graded cells have points, a markdown cell
  is graded if and only if it is a solution, task cells are markdown, grade ids are present,
  non-empty and unique in a notebook, `cell_type` matches the cell;
- docs/source/contributor_guide/metadata.rst: points only on graded cells;
- utils.is_locked, the LockCells preprocessor and the lab extension's cell types: an answer
  cell is never locked, an autograder test cell is;
- the ClearSolutions preprocessor: a cell holding a solution region must be a solution cell, and
  a solution cell of the instructor's version without a region would be blanked entirely.

On top of nbgrader's rules, ddn's own: every cell is marked, each task of the exercise has exactly
one autograder test (its `check("task")` cell), and the exercise carries the answer key's
metadata cell for cell.
"""

from __future__ import annotations

import ast
import copy
import json
import re

import pytest

from conftest import ROOT
from ddn.grading.tasks import EXERCISES

SCHEMA_KEYS = {"schema_version", "grade", "locked", "solution", "task", "grade_id", "points",
               "checksum", "cell_type"}
REQUIRED = {"schema_version", "grade", "locked", "solution"}
FLAGS = ("grade", "locked", "solution", "task")
GRADE_ID = re.compile(r"[a-zA-Z0-9_\-]*")
REGION = "### BEGIN SOLUTION"
STUBS = ("# YOUR CODE HERE", "*Write your answer here.*")
NAMES = sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb"))


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def cell_problems(cell, where: str) -> list[str]:
    """What nbgrader's schema and validator would refuse (or warn about) in one cell."""
    meta = cell.get("metadata", {}).get("nbgrader")
    if not isinstance(meta, dict):
        return [f"{where}: no nbgrader metadata"]
    problems = []
    if meta.get("schema_version") != 3 or isinstance(meta.get("schema_version"), bool):
        problems.append(f"{where}: schema_version is {meta.get('schema_version')!r}, not 3")
    if REQUIRED - set(meta):
        problems.append(f"{where}: missing {sorted(REQUIRED - set(meta))}")
    if set(meta) - SCHEMA_KEYS:
        problems.append(f"{where}: keys outside the schema {sorted(set(meta) - SCHEMA_KEYS)}")
    for flag in FLAGS:
        if flag in meta and not isinstance(meta[flag], bool):
            problems.append(f"{where}: {flag} is not true/false")
    grade, solution = meta.get("grade") is True, meta.get("solution") is True
    locked, task = meta.get("locked") is True, meta.get("task") is True
    grade_id = meta.get("grade_id")
    if grade or solution or locked or task:
        if not isinstance(grade_id, str) or not grade_id:
            problems.append(f"{where}: no grade_id")
        elif not GRADE_ID.fullmatch(grade_id):
            problems.append(f"{where}: grade_id {grade_id!r} has characters outside [a-zA-Z0-9_-]")
    if "points" in meta:
        points = meta["points"]
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            problems.append(f"{where}: points {points!r} is not a number >= 0")
        if not (grade or task):
            problems.append(f"{where}: points on a cell that is not graded")
    elif grade:
        problems.append(f"{where}: graded cell without points")
    if "checksum" in meta and not (isinstance(meta["checksum"], str)
                                   and len(meta["checksum"]) == 32):
        problems.append(f"{where}: checksum is not 32 characters")
    if "cell_type" in meta and meta["cell_type"] != cell["cell_type"]:
        problems.append(f"{where}: cell_type says {meta['cell_type']!r}, the cell is "
                        f"{cell['cell_type']!r}")
    if task and cell["cell_type"] != "markdown":
        problems.append(f"{where}: task cells must be markdown")
    if cell["cell_type"] == "markdown" and not task and grade != solution:
        problems.append(f"{where}: a markdown cell must be graded and a solution, or neither")
    if solution and locked:
        problems.append(f"{where}: an answer cell is locked")
    if grade and not solution and cell["cell_type"] == "code" and not locked:
        problems.append(f"{where}: an autograder test cell is not locked")
    return problems


def checked_task(cell) -> str | None:
    """The name in a code cell that is nothing but `check("name")` (comments allowed)."""
    if cell["cell_type"] != "code":
        return None
    try:
        body = ast.parse(source(cell)).body
    except SyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return None
    call = body[0].value
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"
            and len(call.args) == 1 and not call.keywords
            and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return call.args[0].value
    return None


def notebook_problems(notebook, kind: str) -> list[str]:
    """Every rule broken by a notebook; kind is "solution" (answer key) or "exercise"."""
    problems = []
    seen: dict[str, int] = {}
    tests: dict[str, int] = {}
    exercise = notebook.get("metadata", {}).get("ddn", {}).get("exercise")
    tasks = [t.id for t in EXERCISES[exercise].tasks] if exercise in EXERCISES else None
    if tasks is None:
        problems.append(f"not an exercise: metadata.ddn.exercise is {exercise!r}")
    for index, cell in enumerate(notebook["cells"]):
        where = f"cell {index}"
        problems += cell_problems(cell, where)
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if grade_id:
            if grade_id in seen:
                problems.append(f"{where}: grade_id {grade_id!r} repeats cell {seen[grade_id]}")
            seen.setdefault(grade_id, index)
        text = source(cell)
        if REGION in text and not meta.get("solution"):
            problems.append(f"{where}: a solution region in a cell that is not a solution cell")
        if kind == "solution" and meta.get("solution") and REGION not in text:
            problems.append(f"{where}: a solution cell without a solution region (nbgrader "
                            "would blank all of it)")
        if kind == "exercise":
            if REGION in text:
                problems.append(f"{where}: the exercise still holds an answer")
            lines = {line.strip() for line in text.splitlines()}
            if lines & set(STUBS) and not meta.get("solution"):
                problems.append(f"{where}: a cell for the learner's answer is not a solution "
                                "cell")
        task = checked_task(cell)
        if tasks is not None and task in tasks:
            tests[task] = tests.get(task, 0) + 1
            if not (meta.get("grade") and meta.get("points", 0) > 0 and meta.get("locked")):
                problems.append(f"{where}: check({task!r}) is not a locked, graded test with "
                                "points")
        elif meta.get("grade") and cell["cell_type"] == "code" and not meta.get("solution"):
            problems.append(f"{where}: graded, but it checks no task of this exercise")
    if tasks is not None:
        for task in tasks:
            if tests.get(task, 0) != 1:
                problems.append(f"task {task!r} has {tests.get(task, 0)} test cells, not 1")
    return problems


def metadata_by_cell(notebook) -> dict:
    return {c.get("id"): c.get("metadata", {}).get("nbgrader") for c in notebook["cells"]}


def pairing_problems(solution, exercise) -> list[str]:
    """The exercise must carry the answer key's metadata, cell for cell (plus cell_type)."""
    theirs = metadata_by_cell(solution)
    problems = []
    for cell_id, meta in metadata_by_cell(exercise).items():
        plain = {k: v for k, v in (meta or {}).items() if k != "cell_type"}
        if cell_id not in theirs:
            problems.append(f"cell {cell_id}: not in the answer key")
        elif plain != theirs[cell_id]:
            problems.append(f"cell {cell_id}: {plain} in the exercise, {theirs[cell_id]} in the "
                            "answer key")
    return problems


def load(folder: str, name: str) -> dict:
    return json.loads((ROOT / folder / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_answer_keys_follow_nbgraders_rules(name):
    assert notebook_problems(load("solutions", name), "solution") == []


@pytest.mark.parametrize("name", NAMES)
def test_exercises_follow_nbgraders_rules_and_match_their_answer_key(name):
    exercise = load("exercises", name)
    assert notebook_problems(exercise, "exercise") == []
    assert pairing_problems(load("solutions", name), exercise) == []
    assert all(c["metadata"]["nbgrader"]["cell_type"] == c["cell_type"]
               for c in exercise["cells"])


def test_every_task_is_worth_points_and_nothing_else_is():
    for name in NAMES:
        notebook = load("exercises", name)
        graded = [c["metadata"]["nbgrader"] for c in notebook["cells"]
                  if c["metadata"]["nbgrader"]["grade"]]
        exercise = EXERCISES[notebook["metadata"]["ddn"]["exercise"]]
        assert sorted(m["grade_id"] for m in graded) == \
            sorted(f"check_{t.id}" for t in exercise.tasks)
        assert sum(m["points"] for m in graded) == len(exercise.tasks)


# Deliberately broken notebooks: each must be caught, with the rule it breaks.
def _cell(notebook, grade_id):
    return next(c for c in notebook["cells"]
                if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def _answer(nb):
    return _cell(nb, "answer_weighted_sum")["metadata"]["nbgrader"]


def _test(nb):
    return _cell(nb, "check_weighted_sum")["metadata"]["nbgrader"]


def _first(nb):
    return nb["cells"][0]["metadata"]["nbgrader"]


BREAKAGES = {
    "duplicate grade_id": (lambda nb: _test(nb).update(grade_id="check_decide"), "repeats"),
    "points on a read-only cell": (lambda nb: _first(nb).update(points=1), "not graded"),
    "graded test without points": (lambda nb: _test(nb).pop("points"), "without points"),
    "negative points": (lambda nb: _test(nb).update(points=-1), "number >= 0"),
    "locked answer cell": (lambda nb: _answer(nb).update(locked=True), "answer cell is locked"),
    "unlocked test cell": (lambda nb: _test(nb).update(locked=False), "not locked"),
    "old schema": (lambda nb: _first(nb).update(schema_version=2), "not 3"),
    "missing key": (lambda nb: _first(nb).pop("solution"), "missing"),
    "key outside the schema": (lambda nb: _first(nb).update(weight=2), "outside the schema"),
    "flag not a boolean": (lambda nb: _first(nb).update(locked="yes"), "not true/false"),
    "empty grade_id": (lambda nb: _first(nb).update(grade_id=""), "no grade_id"),
    "grade_id with a space": (lambda nb: _first(nb).update(grade_id="cell one"), "characters"),
    "region outside a solution cell": (lambda nb: _answer(nb).update(solution=False),
                                       "not a solution cell"),
    "solution cell without a region": (
        lambda nb: nb["cells"][1]["metadata"]["nbgrader"].update(solution=True, locked=False),
        "without a solution region"),
    "markdown answer not graded": (
        lambda nb: _first(nb).update(solution=True, locked=False), "graded and a solution"),
    "task on a code cell": (lambda nb: _test(nb).update(task=True), "task cells"),
    "check cell not graded": (lambda nb: (_test(nb).update(grade=False), _test(nb).pop("points")),
                              "not a locked, graded test"),
    "unmarked cell": (lambda nb: nb["cells"][1]["metadata"].pop("nbgrader"), "no nbgrader"),
    "wrong cell_type": (lambda nb: _first(nb).update(cell_type="code"), "cell_type says"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_deliberately_broken_notebook_is_caught(breakage):
    break_it, expected = BREAKAGES[breakage]
    notebook = load("solutions", "02_neuron.ipynb")
    assert notebook_problems(notebook, "solution") == []
    break_it(notebook)
    problems = notebook_problems(notebook, "solution")
    assert any(expected in p for p in problems), problems


def test_an_exercise_that_drifted_from_its_answer_key_is_caught():
    solution = load("solutions", "02_neuron.ipynb")
    exercise = load("exercises", "02_neuron.ipynb")
    drifted = copy.deepcopy(exercise)
    _test(drifted).update(points=2)
    assert pairing_problems(solution, exercise) == []
    assert any("in the answer key" in p for p in pairing_problems(solution, drifted))
    stub = next(c for c in exercise["cells"] if "    # YOUR CODE HERE" in source(c))
    stub["metadata"]["nbgrader"].update(solution=False, locked=True)
    assert any("learner's answer" in p for p in notebook_problems(exercise, "exercise"))
