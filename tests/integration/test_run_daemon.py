"""`tactful run` as a real process: it starts, reloads on SIGHUP (keeping a good config over a bad one)
and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import service
from tests.integration.test_daemon import EXAMPLES


def wait_for(path: Path, text: str, timeout_s: float = 20) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        content = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        if text in content:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not logged within {timeout_s} s:\n{content}")


def test_the_daemon_reloads_on_sighup_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    config = service.demo_workspace(tmp_path / "books", EXAMPLES)
    log = tmp_path / "daemon.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "import service; service.main()", "--config", str(config), "run"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=Path(service.__file__).parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        wait_for(log, "running: import, replies, dunning, digest")
        wait_for(log, "job import done")
        good = config.read_text(encoding="utf-8")
        config.write_text(good.replace("[company]", '[company]\ncolour = "red"'), encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        text = wait_for(log, "keeping the running configuration")
        assert "unknown key 'colour'" in text
        config.write_text(good, encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        wait_for(log, "configuration reloaded")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert "stopped cleanly" in log.read_text(encoding="utf-8")
    finally:
        if process.poll() is None:
            process.kill()
