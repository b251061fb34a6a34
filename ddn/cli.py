"""The `ddn` command.

For learners:
  ddn lab        open the course in JupyterLab (your own copy, in ~/ddn-course)
  ddn check      grade your exercise notebooks and print a report per task
  ddn progress   what you have done and what comes next

For instructors and maintainers:
  ddn check FOLDER --csv grades.csv   grade a pile of submitted notebooks
  ddn build      regenerate exercises/ from solutions/
  ddn execute    re-run the course notebooks and store their outputs
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from . import course


def _lab(args) -> int:
    if args.dry_run:  # say what would happen, change nothing
        workspace = Path(args.workspace or course.default_workspace()).expanduser().resolve()
        missing = course.missing_notebooks(workspace)
        print(f"Your course folder would be {workspace}"
              + (f"; {len(missing)} notebook(s) would be copied into it." if missing else "."))
    else:
        workspace, added = course.ensure_workspace(args.workspace)
        print(f"Your course folder is {workspace}: your work is saved there.")
        if added:
            print(f"Copied {len(added)} notebook(s) into it.")
    command = [sys.executable, "-m", "jupyter", "lab", course.WELCOME,
               f"--ServerApp.root_dir={workspace}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # Jupyter refuses to run as root without it
    if args.port:
        command.append(f"--ServerApp.port={args.port}")
    if args.no_browser:
        command.append("--no-browser")
    terminal = _terminal_shell(workspace, write=not args.dry_run)
    if terminal:
        command.append(f"--ServerApp.terminado_settings={terminal}")
    command += args.extra  # any other --options go to JupyterLab as they are
    if args.dry_run:
        print(shlex.join(command))
        return 0
    # Put this environment's commands first on the PATH, so that `ddn check` and `ddn progress`
    # work in notebooks' shell commands (!ddn progress) even when the environment was never
    # activated.
    env = {**os.environ, "PATH": os.pathsep.join([_scripts(), os.environ.get("PATH", "")])}
    return subprocess.call(command, cwd=workspace, env=env)


def _scripts() -> str:
    """The folder holding this environment's `ddn` and `jupyter` commands."""
    return str(Path(sys.executable).parent)


def _terminal_shell(workspace: Path, write: bool = True) -> str | None:
    """JupyterLab's terminal setting that makes `ddn` work there.

    A Lab terminal starts a login shell, which rebuilds PATH from the system's profile and
    forgets this environment. Instead it starts bash with a small startup file (kept in the
    workspace's .ddn folder) that reads the learner's own ~/.bashrc, then puts this
    environment's commands first. Where there is no bash (Windows), Lab's default stays.
    """
    import shutil

    bash = shutil.which("bash")
    if bash is None or os.name == "nt":
        return None
    rc = workspace / course.MARKER / "terminal.bashrc"
    if write:
        rc.parent.mkdir(parents=True, exist_ok=True)
        rc.write_text(f"""# Written by `ddn lab`: the startup file of JupyterLab's terminals.
[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"
export PATH={shlex.quote(_scripts())}:"$PATH"
echo 'ddn course terminal: type "ddn progress" or "ddn check".'
""")
    return json.dumps({"shell_command": [bash, "--rcfile", str(rc), "-i"]})


def _default_exercises() -> Path | None:
    for workspace in (course.find_workspace(), course.default_workspace()):
        if workspace and (workspace / "exercises").is_dir():
            return workspace / "exercises"
    local = Path("exercises")
    return local if local.is_dir() else None


def _check(args) -> int:
    from .grading.gradebook import find_notebooks, grade_all, write_csv

    paths = args.paths or [_default_exercises()]
    if paths == [None]:
        print("No exercises found: run `ddn lab` first, or name the notebooks to check.")
        return 2
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"Not found: {', '.join(map(str, missing))}")
        return 2
    if not find_notebooks(paths):
        print(f"No notebooks in {', '.join(map(str, paths))}.")
        return 2
    grades = grade_all(paths, timeout=args.timeout)
    for grade in grades:
        print(grade.report(), end="\n\n")
    passed = sum(g.passed for g in grades)
    total = sum(len(g.feedback) for g in grades)
    print(f"Overall: {passed} of {total} tasks passed in {len(grades)} notebook(s).")
    isolation = sorted({g.isolation for g in grades})
    print(f"Each notebook ran in: {', '.join(isolation)}.")
    if args.csv:
        write_csv(grades, args.csv)
        print(f"Gradebook written to {args.csv}.")
    return 0


def _progress(args) -> int:
    from .grading.progress import summary

    workspace = Path(args.workspace).expanduser() if args.workspace else \
        (course.find_workspace() or course.default_workspace())
    if not (workspace / course.MARKER).is_dir():
        print(f"No course folder at {workspace} yet: run `ddn lab` to start the course.")
        return 2
    print(summary(workspace))
    return 0


def _build(args) -> int:
    from .grading.build import build_exercises

    root = course.course_root()
    changed = build_exercises(root / "solutions", root / "exercises", write=not args.check)
    for path in changed:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    if args.check and changed:
        print("Run `ddn build` to regenerate the exercises from the solutions.")
        return 1
    if not changed:
        print("Exercises are up to date.")
    return 0


def _execute(args) -> int:
    from .maintain import execute

    root = course.course_root()
    paths = [Path(p) for p in args.paths] or sorted(
        [*(root / "notebooks").glob("*.ipynb"), *(root / "solutions").glob("*.ipynb")])
    for path in paths:
        print(f"executing {path} ...", flush=True)
        execute(path)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ddn", description="Demystifying Deep Nets: the course.",
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  epilog=__doc__.split("\n", 2)[2])
    sub = top.add_subparsers(dest="command", required=True)

    lab = sub.add_parser("lab", help="open the course in JupyterLab",
                         description="Open the course in JupyterLab. Other --options are passed "
                                     "on to JupyterLab.")
    lab.add_argument("--workspace", help="your course folder (default ~/ddn-course)")
    lab.add_argument("--port", type=int, help="port for JupyterLab")
    lab.add_argument("--no-browser", action="store_true", help="don't open a browser")
    lab.add_argument("--dry-run", action="store_true", help="print the command, don't run it")
    lab.set_defaults(run=_lab)

    check = sub.add_parser("check", help="grade exercise notebooks and report every task")
    check.add_argument("paths", nargs="*", help="notebooks or folders (default: your exercises)")
    check.add_argument("--csv", help="also write a gradebook CSV, one row per notebook")
    check.add_argument("--timeout", type=float, default=120,
                       help="seconds each notebook may run (default 120)")
    check.set_defaults(run=_check)

    progress = sub.add_parser("progress", help="what is done and what comes next")
    progress.add_argument("--workspace", help="your course folder (default ~/ddn-course)")
    progress.set_defaults(run=_progress)

    build = sub.add_parser("build", help="regenerate exercises/ from solutions/ (maintainers)")
    build.add_argument("--check", action="store_true", help="only report what is out of date")
    build.set_defaults(run=_build)

    execute = sub.add_parser("execute", help="re-run and store the notebooks (maintainers)")
    execute.add_argument("paths", nargs="*", help="notebooks (default: notebooks/, solutions/)")
    execute.set_defaults(run=_execute)
    return top


def main(argv=None) -> int:
    top = parser()
    args, extra = top.parse_known_args(argv)
    if extra and args.command != "lab":
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
