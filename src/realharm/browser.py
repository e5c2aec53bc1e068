"""The system Chromium, driven headless (browser downloads do not work on our machines)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Flags for a closed network: no background connections, no updates, no sync.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def find_chromium() -> str:
    """$CHROMIUM, then chromium on PATH, then Debian's /usr/bin/chromium."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("no system Chromium found: install Debian's 'chromium' package (see .ci/run)")
