"""The ``exolabel`` process ends without tearing the interpreter down (exolabel._fast.quickexit): the exit handlers
run and the output is complete, ``os._exit`` gets the command's exit code; with another thread alive it ends the
ordinary way. Each case runs the entry point in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# os._exit says it ran; with "thread", a thread that the ordinary exit joins (after it stops the main thread) says so
ENTRY = """
import os, sys, threading
real_exit = os._exit
def _exit(code):
    os.write(2, b"os._exit %d\\n" % code)
    real_exit(code)
os._exit = _exit
def wait_for_main():
    threading.main_thread().join()
    os.write(2, b"joined\\n")
if sys.argv[1] == "thread":
    threading.Thread(target=wait_for_main).start()
sys.argv = ["exolabel", *sys.argv[2:]]
import exolabel.__main__ as entry
entry.run()
"""

LABEL = "Water, Human Fibroblast Conditioned Media, Glycerin"


def run(tmp_path: Path, mode: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("EXOLABEL_NO_CACHE", None)
    cmd = [sys.executable, "-c", ENTRY, mode, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=120)


@pytest.mark.parametrize("mode", ["alone", "thread"])
def test_the_process_ends_with_the_command_s_code_and_output(tmp_path: Path, mode: str) -> None:
    proc = run(tmp_path, mode, "scan", "--format", "json", LABEL)
    assert proc.returncode == 1  # human-origin conditioned media: an error finding
    report = json.loads(proc.stdout)
    assert [i["name"] for i in report["results"][0]["ingredients"]] == LABEL.split(", ")
    # the code memo is saved by an exit handler: they ran
    assert list((tmp_path / "cache").glob("compiled-scan-*.marshal"))
    # alone: os._exit with the command's code; with a thread alive: the ordinary exit, which joins it
    assert proc.stderr.splitlines()[-1:] == (["joined"] if mode == "thread" else ["os._exit 1"])


def test_a_usage_error_keeps_its_code_and_message(tmp_path: Path) -> None:
    proc = run(tmp_path, "alone", "scan", "--format", "xml", LABEL)
    assert proc.returncode == 2 and "unknown --format 'xml'" in proc.stderr
    assert proc.stderr.splitlines()[-1] == "os._exit 2" and proc.stdout == ""


def test_batch_ends_the_ordinary_way(tmp_path: Path) -> None:
    """A catalogue run writes files and may run a pool of workers: Python's own exit ends it."""
    catalogue = tmp_path / "c.csv"
    catalogue.write_text('product,ingredients\nP,"Water, Glycerin"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    proc = run(tmp_path, "alone", "batch", str(catalogue), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "os._exit" not in proc.stderr
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("1,,P,,leave-on,")
