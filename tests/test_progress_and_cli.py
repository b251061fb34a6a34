"""The learner's side: workspace, progress, `ddn lab` and `ddn progress`."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from ddn import check, finished
from ddn.cli import _terminal_shell, main
from ddn.course import SECTIONS, ensure_workspace, find_workspace, missing_notebooks


def test_ddn_lab_dry_run_says_what_it_would_do_and_changes_nothing(tmp_path, capsys):
    target = tmp_path / "course"
    assert main(["lab", "--workspace", str(target), "--dry-run", "--no-browser"]) == 0
    out = capsys.readouterr().out
    assert "jupyter lab notebooks/00_welcome.ipynb" in out
    assert f"--ServerApp.root_dir={target.resolve()}" in out and "--no-browser" in out
    assert f"{len(SECTIONS) + sum(bool(s.exercise) for s in SECTIONS)} notebook(s) would be " \
           "copied" in out
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_ddn_lab_makes_a_workspace_with_every_notebook(tmp_path):
    target = tmp_path / "course"
    folder, added = ensure_workspace(target)
    for section in SECTIONS:
        assert (target / "notebooks" / section.notebook).is_file()
        if section.exercise:
            assert (target / "exercises" / f"{section.exercise}.ipynb").is_file()
    assert find_workspace(target / "exercises") == target.resolve() == folder
    assert missing_notebooks(folder) == [] and len(added) == len(set(added))


@pytest.mark.skipif(shutil.which("bash") is None, reason="the terminal setting needs bash")
def test_lab_terminals_find_ddn_although_a_login_shell_resets_the_path(tmp_path):
    """JupyterLab starts its terminals with the command `ddn lab` sets; run that command the
    way a terminal would, with a PATH reset to the system's, and ask it where `ddn` is."""
    setting = json.loads(_terminal_shell(tmp_path))
    bare = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TERM": "dumb"}
    found = subprocess.run([*setting["shell_command"], "-c", "command -v ddn"], env=bare,
                           capture_output=True, text=True, timeout=30)
    assert found.stdout.strip().splitlines()[-1] == str(Path(sys.executable).parent / "ddn")


def test_the_workspace_never_overwrites_the_learners_work(tmp_path):
    folder, added = ensure_workspace(tmp_path / "w")
    assert len(added) == len(list((ROOT / "notebooks").glob("*.ipynb"))) + \
        len(list((ROOT / "exercises").glob("*.ipynb")))
    mine = folder / "exercises" / "02_neuron.ipynb"
    mine.write_text("my work")
    (folder / "notebooks" / "00_welcome.ipynb").unlink()
    _, added_again = ensure_workspace(folder)
    assert added_again == ["notebooks/00_welcome.ipynb"]
    assert mine.read_text() == "my work"


def test_checks_and_finished_sections_are_remembered(workspace, capsys):
    namespace = {}
    exec("def weighted_sum(i, w):\n    return 26.0", namespace)
    assert check("weighted_sum", namespace).status == "failed"
    exec("def weighted_sum(i, w):\n    return float(sum(a * b for a, b in zip(i, w)))",
         namespace)
    assert check("weighted_sum", namespace).passed
    exec("def weighted_sum(i, w):\n    raise NotImplementedError()", namespace)
    check("weighted_sum", namespace)  # a later blank does not undo the pass
    for number in ("00", "01", "02"):
        assert "done" in finished(number)
    data = json.loads((workspace / ".ddn" / "progress.json").read_text())
    assert data["tasks"]["weighted_sum"]["status"] == "passed"
    assert set(data["sections"]) == {"00", "01", "02"}

    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "✓ 00 Welcome" in out and "◐ 02 The festival neuron" in out
    assert "exercise: 1 of 4 tasks passed" in out
    assert "Next: exercises/02_neuron.ipynb, task 'decide'" in out


def test_finished_says_what_comes_next():
    text = finished("03")
    assert "exercises/03_activations.ipynb" in text and "Next: 04" in text
    assert "no section '99'" in finished("99")


def test_nothing_is_written_outside_a_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finished("00")
    check("weighted_sum", {})
    assert list(tmp_path.iterdir()) == []


def test_progress_without_a_workspace_explains_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["progress", "--workspace", str(tmp_path / "none")]) == 2
    assert "run `ddn lab`" in capsys.readouterr().out
