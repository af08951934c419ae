"""Briefing in a Linux desktop's menus: the menu entry and its icons, for this account.

`briefing install-desktop` copies resources/briefing.desktop and the icon set
(resources/icons/briefing.svg and the PNGs in resources/icons/hicolor/) into the account's
data folder, where every freedesktop.org desktop (GNOME, KDE, Xfce, ...) looks:
`applications/` and `icons/hicolor/`. The entry's Exec names the program it was installed
from, by its absolute path: the stand-alone build's `briefing`, or a virtual environment's,
which need not be on PATH for the menu to start it. Its `%f` hands the program the file a
file manager opens with it, and `briefing FILE` opens that library in the app.

Like pdf.py this sits above the core and beside the command line: it is no part of the
domain, and it needs nothing but files (no Qt).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from briefing.core import BriefingError, resources_dir, write_atomically

APP_ID = "briefing"  # the .desktop file's name and the icon's; Qt's desktopFileName too
SCALABLE = Path("scalable") / "apps" / f"{APP_ID}.svg"


@dataclass(frozen=True)
class Installed:
    """What install_desktop wrote (or remove_desktop took away), and the command it runs."""

    command: list[str]
    files: list[Path]


def data_home() -> Path:
    """$XDG_DATA_HOME, else ~/.local/share: where a desktop looks for an account's menus."""
    from_env = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(from_env):
        return Path(from_env)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        raise BriefingError(
            "no folder to install the menu entry in: HOME is not set; "
            "set HOME (or XDG_DATA_HOME) to your home folder"
        )
    return Path(home) / ".local" / "share"


def program_command() -> list[str]:
    """The command that runs this very program, by absolute paths: the stand-alone build's
    executable, else the `briefing` script this process was started as (a virtual
    environment's bin/), else this Python with `-m briefing`."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "briefing" and script.is_file():
        return [str(script.absolute())]
    beside = Path(sys.executable).parent / "briefing"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "briefing"]


_RESERVED = re.compile(r'[\s"\'\\><~|&;$*?#()`]')


def exec_quote(argument: str) -> str:
    """One argument as the Desktop Entry spec's Exec key wants it: in double quotes when it
    holds a reserved character, with `"`, `` ` ``, `$` and `\\` escaped inside them; `%` is
    written `%%`. The key's value is itself a string whose backslashes are escaped again."""
    argument = argument.replace("%", "%%")
    if _RESERVED.search(argument):
        inner = re.sub(r'(["`$\\])', r"\\\1", argument)
        argument = f'"{inner}"'
    return argument.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """resources/briefing.desktop with Exec and TryExec naming `command`."""
    template = (resources_dir() / f"{APP_ID}.desktop").read_text("utf-8")
    exec_line = " ".join(exec_quote(part) for part in command) + " %f"
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            # A plain string (no quoting, only the string escapes): the entry hides itself
            # if the program goes.
            line = f"TryExec={command[0].replace(chr(92), chr(92) * 2)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _icon_files() -> list[tuple[Path, Path]]:
    """(shipped file, path under icons/hicolor/) for the SVG and every PNG size."""
    icons = resources_dir() / "icons"
    pairs = [(icons / f"{APP_ID}.svg", SCALABLE)]
    for png in sorted((icons / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        pairs.append((png, png.relative_to(icons / "hicolor")))
    return pairs


def _targets(home: Path) -> list[Path]:
    hicolor = home / "icons" / "hicolor"
    return [home / "applications" / f"{APP_ID}.desktop"] + [
        hicolor / relative for _, relative in _icon_files()
    ]


def _check_platform() -> None:
    if sys.platform == "darwin" or os.name == "nt":
        raise BriefingError("install-desktop is for Linux desktops (freedesktop.org menus)")


def install_desktop(command: list[str] | None = None) -> Installed:
    """Install the menu entry and icons for this account, pointing at `command` (by default
    this program); installing again replaces them, so it also repoints the entry."""
    _check_platform()
    command = command or program_command()
    try:
        command[0].encode("utf-8")
    except UnicodeEncodeError:
        raise BriefingError(
            f"the program's path is not UTF-8, which a menu entry must be: {command[0]!r}"
        ) from None
    home = data_home()
    entry, *icon_targets = _targets(home)
    try:
        for (source, _), target in zip(_icon_files(), icon_targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        entry.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefingError(f"cannot install under {home}: {exc.strerror or exc}") from exc
    write_atomically(entry, desktop_entry(command))
    _refresh_caches(home)
    return Installed(command, [entry, *icon_targets])


def remove_desktop() -> Installed:
    """Take out what install_desktop put in; files already gone are no error."""
    _check_platform()
    home = data_home()
    removed = []
    for target in _targets(home):
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise BriefingError(f"cannot remove {target}: {exc.strerror or exc}") from exc
        removed.append(target)
    _refresh_caches(home)
    return Installed([], removed)


def _refresh_caches(home: Path) -> None:
    """Tell the desktop: the MIME cache (for "Open With"), and the icon cache where one
    exists (GTK ignores icons newer than a cache it finds). Both tools are optional."""
    applications = home / "applications"
    if applications.is_dir() and shutil.which("update-desktop-database"):
        _quietly(["update-desktop-database", "-q", str(applications)])
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)  # a changed folder tells icon loaders to look again
        if (hicolor / "icon-theme.cache").exists() and shutil.which("gtk-update-icon-cache"):
            _quietly(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)])


def _quietly(argv: list[str]) -> None:
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
