"""One image for a whole workshop: what repo2docker (Binder, JupyterHub) builds from binder/.

`jupyter-repo2docker --no-build --no-run --debug` prints the Dockerfile it would build, without
Docker, so these tests read what the image would hold: the Python of binder/runtime.txt, this
package installed from the whole repository, and a Jupyter server as the start command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from conftest import ROOT

REPO2DOCKER = shutil.which("jupyter-repo2docker", path=os.pathsep.join(
    [str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
pytestmark = pytest.mark.skipif(
    REPO2DOCKER is None, reason="jupyter-repo2docker is not installed; it comes with the test "
                                "extra: pip install -e '.[test]'")
INSTALL = 'pip install --no-cache-dir -r "binder/requirements.txt"'
COPY_REPO = "COPY --chown=1000:1000 src/ ${REPO_DIR}/"


def clean_copy(destination: Path) -> Path:
    """The repository as it would be pushed: tracked and new files, not ignored ones."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: skip what git ignores
        shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(
            ".*", "__pycache__", "*.egg-info", "build", "dist"))
        return destination
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    return destination


def dockerfile(repo: Path) -> str:
    """The Dockerfile repo2docker would build for `repo`, for Binder's user (jovyan, 1000)."""
    done = subprocess.run([REPO2DOCKER, "--no-build", "--no-run", "--debug", "--user-id", "1000",
                           "--user-name", "jovyan", str(repo)], capture_output=True, text=True,
                          timeout=300, cwd=repo.parent)
    assert done.returncode == 0, done.stderr
    # The files repo2docker adds are named with escapism ("-2f" for "/"): spell them out.
    return re.sub(r"build_script_files/(\S+)", lambda m: "build_script_files/" + re.sub(
        r"-([0-9a-f]{2})", lambda c: chr(int(c.group(1), 16)), m.group(1)), done.stdout)


def image_problems(repo: Path, text: str) -> list[str]:
    """What is wrong with the image that `text` (repo2docker's Dockerfile for `repo`) builds."""
    problems = []
    runtime = (repo / "binder" / "runtime.txt").read_text().strip() \
        if (repo / "binder" / "runtime.txt").exists() else ""
    wanted = runtime.removeprefix("python-")
    base = re.findall(r"/environment\.py-(\d+\.\d+)-linux-\w+\.lock\S* /tmp/env/", text)
    if not wanted or base != [wanted]:
        problems.append(f"base environment for Python {base}, binder/runtime.txt says "
                        f"{runtime!r}")
    requires = re.search(r'^requires-python = "(.+)"$', (repo / "pyproject.toml").read_text(),
                         re.M).group(1)
    if wanted and wanted + ".0" not in SpecifierSet(requires):
        problems.append(f"Python {wanted} is outside the package's requires-python {requires}")
    requirements = repo / "binder" / "requirements.txt"
    lines = {line.split("#")[0].strip() for line in requirements.read_text().splitlines()} \
        if requirements.exists() else set()
    if "." not in lines:
        problems.append("binder/requirements.txt does not install this package ('.')")
    if not any(line.startswith("nbgitpuller") for line in lines):
        problems.append("binder/requirements.txt lacks nbgitpuller (for JupyterHub links)")
    install = text.find(INSTALL)
    copy = text.find(COPY_REPO)
    if install < 0:
        problems.append("the image never installs binder/requirements.txt")
    elif copy < 0 or install < copy:
        problems.append("binder/requirements.txt is installed before the repository is copied "
                        "in, so '.' would not find the package")
    command = re.findall(r"^CMD (.*)$", text, re.M)
    if command[-1:] != ['["jupyter", "notebook", "--ip", "0.0.0.0"]']:
        problems.append(f"the image starts {command}, not a Jupyter server")
    if "R2D_ENTRYPOINT" in text:
        problems.append("a binder/start script wraps the server")
    return problems


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return clean_copy(tmp_path_factory.mktemp("clone") / "ddn")


@pytest.fixture
def variant(repo, tmp_path):
    """A copy of the clean repository to break."""
    return shutil.copytree(repo, tmp_path / "ddn")


def test_the_image_installs_the_course_on_the_chosen_python(repo):
    text = dockerfile(repo)
    assert image_problems(repo, text) == []
    assert "/environment.py-3.11-" in text
    # The whole repository is in the image (Binder opens it), under the learner's home.
    assert "ARG REPO_DIR=${HOME}" in text


def test_a_requirements_file_repo2docker_misreads_is_caught(variant):
    # A two-byte file (".\n") is guessed to be UTF-16 by repo2docker's encoding detection: it
    # then sees no local path and installs before copying the repository, and the build fails.
    (variant / "binder" / "requirements.txt").write_text(".\n")
    problems = image_problems(variant, dockerfile(variant))
    assert any("before the repository is copied" in p for p in problems), problems


def test_a_python_older_than_the_package_needs_is_caught(variant):
    (variant / "binder" / "runtime.txt").write_text("python-3.9\n")
    problems = image_problems(variant, dockerfile(variant))
    assert any("outside the package's requires-python" in p for p in problems), problems


def test_without_the_binder_folder_nothing_is_pinned(variant):
    shutil.rmtree(variant / "binder")
    problems = image_problems(variant, dockerfile(variant))
    assert any("runtime.txt says ''" in p for p in problems), problems
    assert any("lacks nbgitpuller" in p for p in problems), problems
