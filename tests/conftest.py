from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new random inputs on every local run; in CI (CI=true) they are
# derandomized so that a run can be reproduced exactly (a failure prints its blob).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under .ci/run (PBCTL_REQUIRE_TOOLS=1) the real tools must be there: a test skipped for
    want of LibreOffice would otherwise hide a broken install step behind a green run."""
    import shutil

    if os.environ.get("PBCTL_REQUIRE_TOOLS"):
        missing = [t for t in ("git", "soffice", "pdftotext", "fc-list") if not shutil.which(t)]
        if missing:
            pytest.exit(f"PBCTL_REQUIRE_TOOLS: not installed: {', '.join(missing)}", 3)


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                       ) -> None:
    """Plain output in English (whatever the machine's locale), and crash logs and template
    trust kept out of the user's home."""
    from pbctl import i18n

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "PBCTL_LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # each test trusts templates in a store of its own, never the user's
    monkeypatch.setenv("PBCTL_TRUST_DIR", str(tmp_path_factory.mktemp("trust")))
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own empty folder, so reported paths are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A records workspace (git) holding the minimal ``demo`` alliance, as the current
    folder; its root. Modules that need another workspace define their own ``ws``."""
    from records_helpers import records_workspace

    workspace = records_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.root)
    return workspace.root
