"""The import arrows go one way (issue 16): between the apps, schemes →
benchmarks → incluportal; inside schemes, coordination → work → network.
import-linter checks the contracts of pyproject.toml; these tests run it on
the portal, and on tiny packages with a wrong arrow to show that the
contracts catch one (an import inside a function, or one through a module
outside the layers, included)."""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _contracts_toml():
    """The portal's [tool.importlinter] section, written out again."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    section = config["tool"]["importlinter"]
    lines = ["[tool.importlinter]"]
    for key, value in section.items():
        if key != "contracts":
            lines.append(f"{key} = {json.dumps(value)}")
    for contract in section["contracts"]:
        lines.append("")
        lines.append("[[tool.importlinter.contracts]]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in contract.items())
    return "\n".join(lines) + "\n"


PACKAGES = (
    "incluportal",
    "schemes",
    "schemes.network",
    "schemes.work",
    "schemes.coordination",
    "schemes.public",
    "benchmarks",
)


def _packages(tmp_path, modules):
    """The portal's packages in ``tmp_path``, each with a module ``code``
    holding the given source, under the portal's contracts."""
    for package in PACKAGES:
        folder = tmp_path.joinpath(*package.split("."))
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        (folder / "code.py").write_text(modules.get(package, ""))
    (tmp_path / "pyproject.toml").write_text(_contracts_toml())
    return tmp_path


def test_the_portal_keeps_its_import_contracts():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout, result.stdout


def test_the_contracts_cover_the_three_apps_both_ways():
    section = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"
    ]["importlinter"]
    assert set(section["root_packages"]) == {"incluportal", "schemes", "benchmarks"}
    contracts = {c["id"]: c for c in section["contracts"]}
    assert contracts["layers"]["layers"] == ["schemes", "benchmarks", "incluportal"]
    assert contracts["schemes-inside"]["containers"] == ["schemes"]
    assert contracts["schemes-inside"]["layers"] == [
        "public",
        "coordination",
        "work",
        "network",
    ]
    for layer in contracts["schemes-inside"]["layers"]:
        assert (ROOT / "schemes" / layer / "__init__.py").is_file()
    contracts = {c["type"]: c for c in section["contracts"] if c["id"] != "layers"}
    assert contracts["forbidden"]["source_modules"] == ["incluportal"]
    assert set(contracts["forbidden"]["forbidden_modules"]) == {"schemes", "benchmarks"}


def test_the_allowed_arrows_pass(tmp_path):
    packages = _packages(
        tmp_path,
        {
            "schemes": "import benchmarks.code\nimport incluportal.code\n",
            "schemes.coordination": (
                "import schemes.work.code\nimport schemes.network.code\n"
            ),
            "schemes.public": (
                "import schemes.work.code\nimport schemes.network.code\n"
            ),
            "schemes.work": "import schemes.network.code\nimport benchmarks.code\n",
            "schemes.network": "import incluportal.code\n",
            "benchmarks": "import incluportal.code\n",
        },
    )
    result = _lint_imports(packages)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("package", "source", "broken"),
    [
        # An import inside a function is an arrow too.
        (
            "incluportal",
            "def rule():\n    from schemes.code import x\n    return x\n",
            "1 kept, 2 broken",
        ),
        ("incluportal", "import benchmarks.code\n", "1 kept, 2 broken"),
        ("benchmarks", "from schemes import code\n", "2 kept, 1 broken"),
        # Inside schemes: the network reads no document, the work no
        # coordination; an arrow through a module outside the layers (as
        # schemes.code here, like schemes.models gathering every model) counts.
        ("schemes.network", "import schemes.work.code\n", "2 kept, 1 broken"),
        ("schemes.work", "import schemes.coordination.code\n", "2 kept, 1 broken"),
        # Nothing below the public face reads it.
        ("schemes.coordination", "import schemes.public.code\n", "2 kept, 1 broken"),
        ("schemes.work", "import schemes.public.code\n", "2 kept, 1 broken"),
        ("schemes.network", "from schemes import code\n", "2 kept, 1 broken"),
    ],
)
def test_a_wrong_arrow_breaks_a_contract(tmp_path, package, source, broken):
    modules = {package: source, "schemes": "import schemes.work.code\n"}
    packages = _packages(tmp_path, modules)
    result = _lint_imports(packages)
    assert result.returncode != 0, result.stdout
    assert broken in result.stdout, result.stdout


# Every module of the apps stays small enough to read in one sitting, the
# annex templates aside: they declare every question of Annexes 2–4, and a
# declaration split in two would be harder to check against the template.
MODULE_LINES = 500
DECLARATIONS = {"schemes/work/annexes.py"}


def test_no_app_module_is_over_500_lines():
    long = {}
    for app in ("incluportal", "schemes", "benchmarks"):
        for path in (ROOT / app).rglob("*.py"):
            name = path.relative_to(ROOT).as_posix()
            if "/migrations/" in name or name in DECLARATIONS:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MODULE_LINES:
                long[name] = lines
    assert long == {}
