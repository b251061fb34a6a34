"""Shared helpers for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def code_cells(path) -> list[str]:
    """The source of every code cell of a notebook, in order."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]


def run_cells(sources) -> dict:
    """Execute notebook code cells in a fresh namespace, like a kernel would, and return it."""
    namespace: dict = {"__name__": "__notebook__"}
    for source in sources:
        exec(compile(source, "<cell>", "exec"), namespace)
    return namespace


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """An empty learner workspace, made current, with DDN_WORKSPACE pointing at it."""
    from ddn.course import ensure_workspace

    folder, _ = ensure_workspace(tmp_path / "course")
    monkeypatch.setenv("DDN_WORKSPACE", str(folder))
    monkeypatch.delenv("DDN_GRADING", raising=False)
    monkeypatch.chdir(folder / "exercises")
    return folder
