"""Start-up guards for a cold ``exolabel scan --format json`` (what it does not load), not timings.

A JSON scan of a text or JSON label with a warm data cache never imports PyYAML (the lexicon and rule data come
from the JSON cache), rich (text output only), hashlib (the cache key uses the built-in BLAKE2), csv or the modules of
the other commands; the cyclic GC is back on when ``main`` returns. Each check runs in a fresh interpreter.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import gc, json, sys
from exolabel.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"rc": rc, "gc": gc.isenabled(), "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def probe(tmp_path: Path, *args: str, cwd: Path | None = None) -> tuple[dict, str]:
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("EXOLABEL_NO_CACHE", None)
    cmd = [sys.executable, "-c", PROBE, *args]
    subprocess.run(cmd, capture_output=True, env=env, check=False, timeout=120, cwd=cwd)  # fills the data cache
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=120, cwd=cwd)
    return json.loads(proc.stderr.strip().splitlines()[-1]), proc.stdout


def top_level(modules: list[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("kind", ["text", "json-file"])
def test_json_scan_loads_no_yaml_rich_hashlib_or_csv(tmp_path: Path, kind: str) -> None:
    if kind == "text":
        arg = "Water, Human Fibroblast Conditioned Media, Glycerin, Parfum"
    else:
        label = tmp_path / "label.json"
        label.write_text(json.dumps({"product": "P", "ingredients": "Water, Exosomes, Glycerin"}), encoding="utf-8")
        arg = str(label)
    project = tmp_path / "project"  # a pyproject.toml without a [tool.exolabel] table
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'shop'\n", encoding="utf-8")
    info, out = probe(tmp_path, "scan", "--format", "json", "--fail-on", "never", arg, cwd=project)
    assert info["rc"] == 0
    assert json.loads(out)["results"][0]["ingredients"]
    loaded = top_level(info["modules"])
    assert not loaded & {"yaml", "rich", "hashlib", "_hashlib", "csv", "_csv"}
    commands = {m for m in info["modules"] if m.startswith("exolabel.cli.") and m.endswith("_cmd")}
    assert commands == {"exolabel.cli.scan_cmd"}
    assert info["gc"] is True
    if kind == "text":  # no argument names a file: the photo helpers are not imported
        assert not {m for m in info["modules"] if m.startswith("exolabel.photo")}
    # a pyproject.toml without the table is not decoded (no UTF-8-with-BOM codec); no mistake to place or suggest for
    assert not {"encodings.utf_8_sig", "exolabel.datafiles.choices", "exolabel.datafiles.where"} & set(info["modules"])


def test_tokens_builds_its_own_command_only(tmp_path: Path) -> None:
    """``scan`` and ``tokens`` live in modules of their own: each builds its options only (typer makes a click
    option of each parameter of every registered command)."""
    info, out = probe(tmp_path, "tokens", "--format", "json", "Water, Glycerin")
    assert info["rc"] == 0 and json.loads(out)["results"][0]["ingredients"]
    assert {m for m in info["modules"] if m.startswith("exolabel.cli.") and m.endswith("_cmd")} == {
        "exolabel.cli.tokens_cmd"
    }


def test_yaml_label_still_parses(tmp_path: Path) -> None:
    label = Path(__file__).resolve().parents[1] / "examples" / "labels" / "skinmedica-tns-recovery-complex.yaml"
    info, out = probe(tmp_path, "scan", "--format", "json", "--fail-on", "never", str(label))
    assert info["rc"] == 0 and "yaml" in top_level(info["modules"])
    assert json.loads(out)["results"][0]["product"]


def test_full_app_keeps_the_help_order_after_a_partial_load(tmp_path: Path) -> None:
    script = """
import sys
from exolabel.cli import load_commands, main
if sys.argv[1] == "partial":
    main(["scan", "--format", "json", "Water"])
app = load_commands()
print([c.callback.__name__ for c in app.registered_commands], [g.name for g in app.registered_groups])
"""
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    outs = [
        subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, env=env, check=True, timeout=120
        ).stdout.splitlines()[-1]
        for mode in ("full", "partial")
    ]
    assert outs[0] == outs[1]
    assert "'batch'" in outs[0] and "'scan'" in outs[0] and "'lexicon'" in outs[0]


def test_preload_compiles_the_regular_expressions_of_the_loaded_modules() -> None:
    """A batch parent preloads before it forks its workers: they then share the compiled patterns, none compiles
    them on its first labels. Run in a fresh interpreter, so no other test has compiled them already."""
    code = (
        "import sys\n"
        "from exolabel._fast.lazy import LazyPattern, compile_loaded\n"
        "from exolabel.scanner import Scanner\n"
        "def lazy():\n"
        "    return [v for n, m in list(sys.modules.items()) if n.startswith('exolabel.') and m is not None\n"
        "            for v in vars(m).values() if isinstance(v, LazyPattern)]\n"
        "before = sum('search' in p.__dict__ for p in lazy())\n"
        "Scanner().preload()\n"
        "print(before, len(lazy()), sum('search' in p.__dict__ for p in lazy()), compile_loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    before, total, compiled, again = map(int, out)
    assert before < total // 2  # importing compiles few of them
    assert total > 50 and compiled == total and again == 0


ENTRY = """
import atexit, gc, json, sys
import exolabel.__main__ as entry
import exolabel.cli as cli
seen = {}
real = cli._main
def spy(argv, args):
    seen["gc_in_command"] = gc.isenabled()
    return real(argv, args)
cli._main = spy
def at_exit():  # the process may end without returning from run (exolabel._fast.quickexit)
    seen["gc_after"] = gc.isenabled()
    print(json.dumps(seen), file=sys.stderr)
atexit.register(at_exit)
sys.argv = ["exolabel", *sys.argv[1:]]
entry.run()
"""


@pytest.mark.parametrize(
    ("args", "paused"),
    [(["scan", "--format", "json", "--fail-on", "never", "Water, Glycerin"], True), (["rules"], False)],
)
def test_the_entry_point_pauses_the_collector_for_start_up_only(tmp_path: Path, args: list[str], paused: bool) -> None:
    """``exolabel`` (exolabel.__main__:run) pauses the GC before any import; a scanning command keeps it paused
    until its scanner is loaded, any other command runs with it on, and it is on when the command returns."""
    env = {**os.environ, "EXOLABEL_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )
    seen = json.loads(proc.stderr.strip().splitlines()[-1])
    assert seen == {"gc_in_command": not paused, "gc_after": True} and proc.returncode == 0
    assert proc.stdout.strip()


# modules a scan imports at start that make dataclasses or NamedTuples: their field annotations are objects, not
# strings (``from __future__ import annotations``), since ``dataclasses`` matches each string annotation against a
# regular expression twice and ``typing`` compiles each one of a NamedTuple
OBJECT_ANNOTATIONS = (
    "exolabel.model",
    "exolabel.config",
    "exolabel.datafiles.load",
    "exolabel.labelfile.extras",
    "exolabel.labelfile.read",
    "exolabel.lexicon",
    "exolabel.lexicon.inventory",
    "exolabel.lexicon.match",
    "exolabel.lexicon.words",
    "exolabel.rules",
    "exolabel.rules.base",
    "exolabel.rules.botanical",
    "exolabel.rules.lists",
    "exolabel.scanner",
    "exolabel.tokenizer.claims",
    "exolabel.tokenizer.core",
    "exolabel.tokenizer.mask",
    "exolabel.tokenizer.sections",
)


@pytest.mark.parametrize("name", OBJECT_ANNOTATIONS)
def test_start_up_classes_hold_their_annotations_as_objects(name: str) -> None:
    module = importlib.import_module(name)
    classes = [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == name]
    made = [c for c in classes if dataclasses.is_dataclass(c) or hasattr(c, "_fields")]
    assert made, f"{name} makes no dataclass or NamedTuple"
    strings = {
        f"{c.__name__}.{k}" for c in made for k, v in vars(c).get("__annotations__", {}).items() if isinstance(v, str)
    }
    assert not strings
