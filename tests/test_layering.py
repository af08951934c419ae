"""The core and the CLI never pull in Qt: scripts and servers use them without a display."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_do_not_import_qt() -> None:
    code = (
        "import sys, briefing.core, briefing.cli, briefing.core.search.service, "
        "briefing.core.importing.service; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'briefing.ui'))]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
