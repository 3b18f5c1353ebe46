"""Config files: found walking up, pyproject [tool.exolabel], unknown keys and bad values named."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from exolabel.config import find_config, load_config
from exolabel.datafiles.load import DataError
from exolabel.model import Severity


def test_found_walking_up_and_yaml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.exolabel]\nfail-on = 'info'\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    if sys.version_info >= (3, 11):
        assert find_config(deep) == tmp_path / "pyproject.toml"
        assert load_config(start=deep).fail_on == "info"
    (tmp_path / ".exolabel.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert find_config(deep) == tmp_path / ".exolabel.yaml"
    cfg = load_config(start=deep)
    assert cfg.fail_on == "warning" and cfg.root == tmp_path


def test_pyproject_without_the_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


def test_a_pyproject_with_a_bom_holds_the_table_and_one_not_in_utf8_does_not(tmp_path: Path) -> None:
    """The table is looked for in the file's bytes first; a file that has it is decoded as before (a UTF-8 byte
    order mark allowed; bytes that are not UTF-8: not a config)."""
    bom, bad = tmp_path / "bom", tmp_path / "bad"
    for d in (bom, bad):
        d.mkdir()
    (bom / "pyproject.toml").write_bytes(b"\xef\xbb\xbf[tool.exolabel]\nfail-on = 'info'\n")
    (bad / "pyproject.toml").write_bytes(b"# \xff\n[tool.exolabel]\nfail-on = 'info'\n")
    assert find_config(bom) == bom / "pyproject.toml"
    assert find_config(bad) is None or find_config(bad).parent != bad


def test_isolated_ignores_config(tmp_path: Path) -> None:
    (tmp_path / ".exolabel.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    assert load_config(isolated=True, start=tmp_path).fail_on is None


def test_all_keys_are_read_and_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / ".exolabel.yaml").write_text(
        "select: [source, CN01]\nignore: [LX02]\nseverity: {SR01: error}\nfail-on: warning\nmarkets: [EU, us]\n"
        "product-type: rinse-off\nlexicon: [data/extra.yaml]\ninclude: ['labels/**/*.yaml']\nexclude: [drafts]\n"
        "per-file-ignores: {'legacy/*.yaml': [LX01, LX02]}\nbaseline: ci/baseline.json\n",
        encoding="utf-8",
    )
    cfg = load_config(start=tmp_path)
    assert cfg.select == ("source", "CN01") and cfg.ignore == ("LX02",)
    assert cfg.severity == {"SR01": Severity.ERROR} and cfg.fail_on == "warning"
    assert cfg.markets == ("eu", "us") and cfg.product_type == "rinse-off"
    assert cfg.lexicon == (str(tmp_path / "data" / "extra.yaml"),)
    assert cfg.include == ("labels/**/*.yaml",) and cfg.exclude == ("drafts",)
    assert cfg.per_file_ignores == (("legacy/*.yaml", ("LX01", "LX02")),)
    assert cfg.baseline == tmp_path / "ci" / "baseline.json"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("fail_on: warning\n", ":1:1: unknown key 'fail_on'"),
        ("select: [SR01]\nselct: [SR01]\n", ":2:1: unknown key 'selct'"),
        ("fail-on: sometimes\n", ":1:1: 'fail-on: sometimes'"),
        ("select: [SR01]\nseverity: {SR01: fatal}\n", ":2:12: severity of SR01: 'fatal' is not a severity"),
        ("product-type: spray\n", ":1:1: unknown product type 'spray'"),
        ("product-type: leave_on\n", "did you mean 'leave-on'?"),
        ("select: [SR01, ZZ99]\n", ":1:16: unknown rule 'ZZ99'"),
        ("ignore: [source.human-orign]\n", "Fix: did you mean 'source.human-origin'?"),
        ("per-file-ignores: {'a/*': [NOPE42]}\n", ":1:28: unknown rule 'NOPE42'"),
        ("- a list\n", "must be a mapping"),
    ],
)
def test_bad_config_names_file_line_column_and_fix(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / ".exolabel.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_config(start=tmp_path)
    msg = str(e.value)
    assert needle in msg and str(path) in msg and "Fix:" in msg


def test_each_config_problem_is_on_its_own_line_at_its_own_place(tmp_path: Path) -> None:
    path = tmp_path / ".exolabel.yaml"
    path.write_text("# settings\nselect: [SR01]\nmarkets: [eu]\nfail-on: often\nselcet: [CN01]\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_config(start=tmp_path)
    lines = str(e.value).splitlines()
    assert sorted((p.line, p.column) for p in e.value.problems) == [(4, 1), (5, 1)]
    assert len(lines) == 2 and all(line.startswith(str(path)) for line in lines)


def test_unknown_key_in_pyproject_is_named_with_its_line(tmp_path: Path) -> None:
    if sys.version_info < (3, 11):
        pytest.skip("pyproject config needs tomllib")
    path = tmp_path / "pyproject.toml"
    path.write_text(
        "[project]\nname = 'x'\ninclude = []\n\n[tool.exolabel]\nselect = ['SR01']\n  market = ['eu']\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"pyproject.toml:7:3: unknown key 'market'. Fix: did you mean"):
        load_config(path)


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")
