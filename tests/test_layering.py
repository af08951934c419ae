"""The layers hold: the core and the CLI never pull in Qt (scripts and servers use them
without a display), and the UI and the commands reach the core through its one door.

Every module is found by walking the files, not listed by hand: a hand-picked list once left
nine core modules unloaded, and `import PySide6.QtCore` in any of them passed.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "briefing.ui")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


def is_under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def imports_of(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """(line, absolute module, names taken from it) for every import in the file, at any
    depth: one inside a function loads the module as surely as one at the top, only later."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            module = ".".join([*base, node.module or ""] if node.level else [node.module or ""])
            yield node.lineno, module.strip("."), [alias.name for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value, []


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{line}"


# The subprocess imports every module in a fresh interpreter. A finder that only watches
# notes, for each forbidden module asked for, which of ours asked: the one whose import
# statement it is, or else (a library of ours that imports Qt) the nearest of ours on the stack.
IMPORT_ALL = """
import importlib, json, sys
modules, forbidden = json.loads(sys.argv[1])
bad = lambda name: any(name == f or name.startswith(f + ".") for f in forbidden)
culprits = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if not bad(name):
            return None
        frame = sys._getframe(1)
        while frame and frame.f_globals.get("__name__", "").startswith("importlib"):
            frame = frame.f_back
        direct = frame.f_globals.get("__name__") if frame else None
        if direct not in modules:
            if bad(direct or ""):
                return None  # Qt loading its own parts
            while frame and frame.f_globals.get("__name__") not in modules:
                frame = frame.f_back
        importer = frame.f_globals["__name__"] if frame else "?"
        culprits.setdefault(importer, []).append(name)
        return None

sys.meta_path.insert(0, Watch())
for module in modules:
    importlib.import_module(module)
print(json.dumps({"loaded": sorted(m for m in sys.modules if bad(m)), "by": culprits}))
"""


def test_every_core_and_command_module_loads_without_qt() -> None:
    files = [*python_files("core", "commands"), PACKAGE / "cli.py"]
    modules = [module_name(p) for p in files]
    assert len(modules) > 80 and "briefing.core.claims.rows" in modules  # the walk found them
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, json.dumps([modules, FORBIDDEN_IN_CORE])],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert not found["loaded"], (
        "importing the core, the commands and the CLI loaded Qt or the UI: "
        + "; ".join(f"{m} imports {', '.join(names)}" for m, names in found["by"].items())
    )


def test_no_core_module_imports_qt_or_the_ui_even_inside_a_function() -> None:
    wrong = [
        f"{where(path, line)} imports {module}"
        for path in python_files("core")
        for line, module, names in imports_of(path)
        # `from briefing import ui` names the module it loads only in its names
        if any(is_under(m, FORBIDDEN_IN_CORE) for m in [module, *(f"{module}.{n}" for n in names)])
    ]
    assert not wrong, "the core must run without Qt:\n" + "\n".join(wrong)


def core_submodules() -> set[str]:
    core = PACKAGE / "core"
    return {p.stem for p in core.glob("*.py")} | {p.parent.name for p in core.glob("*/__init__.py")}


def test_ui_and_commands_import_only_the_core_package_itself() -> None:
    """`from briefing.core import X`, never a module inside it: the core can then move its
    insides without touching a window or a command. `from briefing.core import claims` is
    the same back door and counts too."""
    submodules = core_submodules()
    wrong = [
        f"{where(path, line)} imports {module}"
        + (f" ({', '.join(sorted(set(names) & submodules))})" if module == "briefing.core" else "")
        for path in [*python_files("ui", "commands"), PACKAGE / "cli.py"]
        for line, module, names in imports_of(path)
        if module.startswith("briefing.core.")
        or (module == "briefing.core" and set(names) & submodules)
    ]
    assert not wrong, "through briefing.core only:\n" + "\n".join(wrong)
