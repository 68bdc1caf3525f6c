"""Whether running some code in a fresh interpreter imports a module (for tests that keep a heavy
dependency off a path that does not need it)."""

from __future__ import annotations

import subprocess
import sys


def imports(code: str, module: str) -> bool:
    """Whether `module` is in sys.modules after a fresh Python runs `code`."""
    probe = f"{code}\nimport sys; print({module!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"
