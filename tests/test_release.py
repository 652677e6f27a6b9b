"""The release-ready package (issue 11): the sdist and wheel build and pass `twine check`; the
wheel, installed in a new virtual environment, runs `xl-dashboard demo` and `template` from
outside the checkout; and every runtime dependency can be installed in Pyodide (xlwings Lite).

The new environment is made with `venv --without-pip` from this interpreter and sees this
environment's site-packages through a `.pth` line: the wheel goes into its own site-packages,
which comes first on `sys.path`, and the test checks that `xl_dashboard` is imported from there.
A `.pth` line adds the folder only (the editable install's own `.pth` file there is not read),
so the checkout is never on the path. The dependencies are not downloaded again: the wheel's
requirements are checked against what is installed instead.
"""

from __future__ import annotations

import email.parser
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import openpyxl
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
PYODIDE_PACKAGES = DATA / "pyodide_packages.txt"
PURE_WHEELS_ON_PYPI = DATA / "pure_wheels_on_pypi.txt"
DISTRIBUTION = "xl_dashboard"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
PAGES = (
    "Summary",
    "Contacts & Assessments",
    "Early Help & CIN",
    "Child Protection",
    "Looked-After Children",
)

pytestmark = pytest.mark.release


# ------------------------------------------------------------------------------------------
# Building, checking and installing


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


def run(args: list[str | Path], cwd: Path, timeout: float = 300) -> str:
    """Run a command to completion; its output is the failure message if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """`python -m build`: the sdist, then the wheel built from the unpacked sdist."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, REPO], cwd=out)
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(sdist, wheel)


def new_environment(root: Path) -> Path:
    """A virtual environment without pip that also sees this environment's packages."""
    run([sys.executable, "-m", "venv", "--without-pip", root], cwd=root.parent)
    python = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    own = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], root)
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(own.strip()) / "_release_test_dependencies.pth").write_text(
        "\n".join(sorted(ours)) + "\n", encoding="utf-8"
    )
    return python


def test_sdist_and_wheel_pass_twine_check(dists: Dists) -> None:
    assert dists.sdist.name == f"xl_dashboard-{VERSION}.tar.gz"
    assert dists.wheel.name == f"xl_dashboard-{VERSION}-py3-none-any.whl"
    out = run([sys.executable, "-m", "twine", "check", "--strict", dists.sdist, dists.wheel], REPO)
    assert out.count("PASSED") == 2, out


def test_wheel_metadata(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as whl:
        text = whl.read(f"xl_dashboard-{VERSION}.dist-info/METADATA").decode()
        entry_points = whl.read(f"xl_dashboard-{VERSION}.dist-info/entry_points.txt").decode()
    meta = email.parser.Parser().parsestr(text)
    assert meta["Name"] == "xl_dashboard" and meta["Version"] == VERSION
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# xl_dashboard\n")
    assert "xl-dashboard = xl_dashboard.entry:main" in entry_points


def test_classifiers_are_known_to_pypi() -> None:
    """PyPI refuses an upload naming a classifier it does not know."""
    from trove_classifiers import classifiers as known

    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["classifiers"]
    assert declared
    assert [c for c in declared if c not in known] == []


def test_wheel_and_sdist_carry_every_package_file(dists: Dists) -> None:
    """Every file of the package folder (templates, VBA source, text) is in the wheel; the
    sdist holds what a rebuild and the tests need."""
    package = REPO / "xl_dashboard"
    expected = {
        p.relative_to(REPO).as_posix()
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert "xl_dashboard/excel/vba/DashboardMacros.bas" in expected
    with zipfile.ZipFile(dists.wheel) as whl:
        in_wheel = set(whl.namelist())
    assert sorted(expected - in_wheel) == []
    assert not [n for n in in_wheel if "__pycache__" in n or n.endswith(".pyc")]

    with tarfile.open(dists.sdist) as sdist:
        in_sdist = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for needed in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "tests/conftest.py"):
        assert needed in in_sdist
    assert sorted(expected - in_sdist) == []


def test_installed_wheel_runs_the_demo_outside_the_checkout(dists: Dists, tmp_path: Path) -> None:
    python = new_environment(tmp_path / "venv")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            dists.wheel,
        ],
        cwd=tmp_path,
    )
    work = tmp_path / "work"
    work.mkdir()

    # Imported from the new environment, with its own metadata, its requirements all met.
    report = run([python, "-c", REQUIREMENTS_MET], cwd=work).splitlines()
    assert Path(report[0]).is_relative_to(tmp_path / "venv"), report[0]
    assert Path(report[1]).is_relative_to(tmp_path / "venv"), report[1]
    assert report[2:] == [], "\n".join(report[2:])

    script = python.parent / ("xl-dashboard.exe" if os.name == "nt" else "xl-dashboard")
    run([script, "demo", "-o", "demo", "--quiet"], cwd=work)
    dashboard = work / "demo" / "dashboard.xlsx"
    assert dashboard.is_file()
    book = openpyxl.load_workbook(dashboard, read_only=True)
    try:
        assert set(PAGES) <= set(book.sheetnames), book.sheetnames
    finally:
        book.close()

    # The template needs the package's data files (VBA source, instructions) and reads the
    # xlwings pin from the installed metadata: from the wheel, it is the one the checkout builds.
    run([script, "template", "-o", "from_wheel.xlsm", "--quiet"], cwd=work)
    from_checkout = work / "from_checkout.xlsm"
    run([sys.executable, "-m", "xl_dashboard", "template", "-o", from_checkout, "-q"], cwd=REPO)
    assert (work / "from_wheel.xlsm").read_bytes() == from_checkout.read_bytes()


# Run inside the new environment: where xl_dashboard and its metadata come from, then one line
# for each requirement (markers evaluated there, extras left out) that the installed packages do
# not meet.
REQUIREMENTS_MET = """
import importlib.metadata as md
from packaging.requirements import Requirement
import xl_dashboard
dist = md.distribution("xl_dashboard")
print(xl_dashboard.__file__)
print(dist.locate_file(""))
for text in dist.requires or []:
    req = Requirement(text)
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        continue
    try:
        have = md.version(req.name)
    except md.PackageNotFoundError:
        print(f"{req} is not installed")
        continue
    if not req.specifier.contains(have, prereleases=True):
        print(f"{req} is not met by {req.name} {have}")
"""


# ------------------------------------------------------------------------------------------
# Dependency audit: can every runtime dependency be installed in Pyodide?


@dataclass(frozen=True)
class PyodideList:
    version: str
    python: str
    packages: Mapping[str, tuple[str, str]]  # canonical name -> (version, "built" | "pure")

    def environment(self) -> dict[str, str]:
        """Marker values in Pyodide (Emscripten on wasm32, CPython)."""
        return {
            "python_version": ".".join(self.python.split(".")[:2]),
            "python_full_version": self.python,
            "implementation_name": "cpython",
            "implementation_version": self.python,
            "platform_python_implementation": "CPython",
            "os_name": "posix",
            "sys_platform": "emscripten",
            "platform_system": "Emscripten",
            "platform_machine": "wasm32",
            "extra": "",
        }


def read_pyodide_list(path: Path = PYODIDE_PACKAGES) -> PyodideList:
    text = path.read_text(encoding="utf-8")
    m = re.search(r"Pyodide (\S+) distributes itself \(Python (\d+\.\d+\.\d+)", text)
    assert m, f"{path.name} does not name its Pyodide and Python versions"
    packages = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, version, kind = line.split()
            assert kind in {"built", "pure"}, line
            packages[canonicalize_name(name)] = (version, kind)
    return PyodideList(m[1], m[2], packages)


def read_pure_wheels_on_pypi(path: Path = PURE_WHEELS_ON_PYPI) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def installed_as_pure_wheel(dist: metadata.Distribution) -> bool:
    """The installed wheel is pure Python: Root-Is-Purelib and only `*-none-any` tags."""
    wheel = email.parser.Parser().parsestr(dist.read_text("WHEEL") or "")
    tags = wheel.get_all("Tag") or []
    return (
        (wheel["Root-Is-Purelib"] or "").strip().lower() == "true"
        and bool(tags)
        and all(tag.split("-")[1:] == ["none", "any"] for tag in tags)
    )


def runtime_closure(root: str, environment: Mapping[str, str]) -> dict[str, list[Requirement]]:
    """Every distribution `root` needs at run time (no extras, markers evaluated in
    `environment`), by canonical name, with the requirements that name it."""
    named_by: dict[str, list[Requirement]] = {}
    todo = [root]
    visited: set[str] = set()
    while todo:
        name = canonicalize_name(todo.pop())
        if name in visited:
            continue
        visited.add(name)
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue  # not installed here: judged by the Pyodide list alone
        for text in requires:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate(dict(environment)):
                continue
            named_by.setdefault(canonicalize_name(req.name), []).append(req)
            todo.append(req.name)
    return named_by


def verdict(
    name: str,
    requirements: list[Requirement],
    pyodide: PyodideList,
    pure_on_pypi: Mapping[str, str],
) -> tuple[bool, str]:
    """Whether micropip can install `name` in Pyodide, and why (or why not)."""
    try:
        dist: metadata.Distribution | None = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        dist = None
    if name in pyodide.packages:
        version, kind = pyodide.packages[name]
        unmet = [str(r) for r in requirements if not r.specifier.contains(version, True)]
        if kind == "built" and unmet:
            return False, f"Pyodide {pyodide.version} has {version}, outside {', '.join(unmet)}"
        return True, f"{kind} in Pyodide {pyodide.version} ({version})"
    if dist is None:
        return False, "not installed here and not in Pyodide's list"
    if installed_as_pure_wheel(dist):
        return True, f"pure-Python wheel ({dist.version})"
    if pure_on_pypi.get(name) == dist.version and all(
        str(r.specifier) == f"=={dist.version}" for r in requirements
    ):
        return True, f"pinned {dist.version}, published on PyPI as a pure-Python wheel"
    return False, f"compiled wheel ({dist.version}) and not built for Pyodide {pyodide.version}"


def test_every_runtime_dependency_installs_in_pyodide() -> None:
    pyodide = read_pyodide_list()
    pure_on_pypi = read_pure_wheels_on_pypi()
    closure = runtime_closure(DISTRIBUTION, pyodide.environment())
    verdicts = {n: verdict(n, reqs, pyodide, pure_on_pypi) for n, reqs in closure.items()}
    # The package's own direct requirements that apply in Pyodide are all in the closure.
    environment = dict(pyodide.environment())
    requirements = [Requirement(r) for r in metadata.requires(DISTRIBUTION) or []]
    applying = [
        r
        for r in requirements
        if r.marker is None or r.marker.evaluate({**environment, "extra": ""})
    ]
    direct = {canonicalize_name(r.name) for r in applying}
    assert direct <= set(verdicts)
    # python-calamine reads workbook files: the desktop needs it, Lite (live book) does not.
    assert "python-calamine" not in direct
    assert "python-calamine" in {canonicalize_name(r.name) for r in requirements}
    failures = [f"{n}: {why}" for n, (ok, why) in sorted(verdicts.items()) if not ok]
    assert failures == [], "\n".join(failures)


def test_the_audit_refuses_what_pyodide_cannot_install() -> None:
    """The audit itself, on hand-picked cases: ruff (installed with the test extra) is a
    compiled wheel that Pyodide does not build; numpy is built by Pyodide, at one version only;
    a pin on a version published as a pure wheel holds for that exact pin only."""
    pyodide = read_pyodide_list()
    assert pyodide.version == "0.29.5" and pyodide.python == "3.13.2"
    assert pyodide.packages["numpy"] == ("2.2.5", "built")
    assert pyodide.packages["python-calamine"] == ("0.5.3", "built")
    assert "ruff" not in pyodide.packages

    ok, why = verdict("ruff", [Requirement("ruff>=0.6")], pyodide, {})
    assert not ok and why.startswith("compiled wheel"), why
    assert verdict("numpy", [Requirement("numpy>=1.26")], pyodide, {})[0]
    ok, why = verdict("numpy", [Requirement("numpy>=2.3")], pyodide, {})
    assert not ok and "2.2.5" in why, why
    assert not verdict("no-such-package-xld", [Requirement("no-such-package-xld")], pyodide, {})[0]

    ruff = metadata.version("ruff")
    pin = [Requirement(f"ruff=={ruff}")]
    assert verdict("ruff", pin, pyodide, {"ruff": ruff})[0]
    assert not verdict("ruff", pin, pyodide, {"ruff": "0.0.1"})[0]
    assert not verdict("ruff", [Requirement("ruff>=0.6")], pyodide, {"ruff": ruff})[0]


def test_pure_wheel_check_reads_the_wheel_file() -> None:
    """click is pure Python on every platform; numpy and ruff are compiled on every one."""
    assert installed_as_pure_wheel(metadata.distribution("click"))
    assert not installed_as_pure_wheel(metadata.distribution("numpy"))
    assert not installed_as_pure_wheel(metadata.distribution("ruff"))


# ------------------------------------------------------------------------------------------
# The release workflow (it runs on GitHub only: here its shape is checked)


def test_release_workflow_builds_tests_then_publishes_with_trusted_publishing() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text())
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert on == {"push": {"tags": ["v*"]}}
    jobs = workflow["jobs"]

    build_steps = " ".join(s.get("run", "") for s in jobs["build"]["steps"])
    assert "python -m build" in build_steps and "twine check --strict" in build_steps
    assert "GITHUB_REF_NAME" in build_steps  # the tag must name pyproject's version

    # The tests run exactly as CI runs them: the README's test command through .ci/run.
    assert [s["run"] for s in jobs["test"]["steps"] if "run" in s] == ["bash .ci/run"]

    publish = jobs["publish"]
    assert set(publish["needs"]) == {"build", "test", "pyodide-versions"}
    pyodide = " ".join(s.get("run", "") for s in jobs["pyodide-versions"]["steps"])
    assert "pandas==2.3.3" in pyodide and "pytest" in pyodide
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [s.get("uses", "") for s in publish["steps"]]
    assert "pypa/gh-action-pypi-publish@release/v1" in uses
    assert not any("password" in s.get("with", {}) for s in publish["steps"])  # no token
    assert workflow["permissions"] == {"contents": "read"}
