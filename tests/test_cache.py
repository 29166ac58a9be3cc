import os
import time

import pytest

from storyline.cache import UNUSED_DAYS, cache_dir, cached


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty cache folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "storyline"


class Builder:
    """A build that counts its calls, so a test sees whether the cache answered."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_value_is_built_once_then_read_back(folder):
    build = Builder({"raqqa": [1, 2], "mosul": [3]})
    assert cached("table", ["v1"], build) == {"raqqa": [1, 2], "mosul": [3]}
    assert cached("table", ["v1"], build) == {"raqqa": [1, 2], "mosul": [3]}
    assert build.calls == 1
    assert cache_dir() == folder
    assert [p.name.startswith("table-") for p in folder.iterdir()] == [True]


def test_other_inputs_build_afresh_and_keep_the_other_version(folder):
    first, second = Builder("old"), Builder("new")
    assert cached("table", ["v1"], first) == "old"
    assert cached("table", ["v2"], second) == "new"
    assert cached("table", ["v1"], first) == "old"  # two installations sharing one home each keep theirs
    assert (first.calls, second.calls) == (1, 1)
    assert len(list(folder.glob("table-*.pickle"))) == 2


def test_inputs_are_kept_apart(folder):
    build = Builder("x")
    cached("table", ["ab", "c"], build)
    cached("table", ["a", "bc"], build)
    assert build.calls == 2


def test_a_damaged_file_is_rebuilt_and_replaced(folder):
    build = Builder(list(range(1000)))
    cached("table", ["v1"], build)
    (path,) = folder.glob("table-*.pickle")
    path.write_bytes(path.read_bytes()[:100])  # cut short, as by a full disk or a killed process
    assert cached("table", ["v1"], build) == list(range(1000))
    assert cached("table", ["v1"], build) == list(range(1000))
    assert build.calls == 2


def test_a_cache_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build = Builder("value")
    assert cached("table", ["v1"], build) == "value"
    assert cached("table", ["v1"], build) == "value"
    assert build.calls == 2


def test_files_unused_for_a_month_are_removed_when_another_is_written(folder):
    cached("table", ["old"], Builder("old"))
    cached("table", ["recent"], Builder("recent"))
    cached("other", ["old"], Builder("other"))
    month_ago = time.time() - (UNUSED_DAYS + 1) * 86400
    for path in folder.iterdir():
        os.utime(path, (month_ago, month_ago))
    cached("table", ["recent"], Builder(None))  # read: marks it used
    cached("table", ["new"], Builder("new"))
    assert len(list(folder.glob("table-*.pickle"))) == 2
    assert cached("table", ["recent"], Builder(None)) == "recent"
    assert cached("other", ["old"], Builder(None)) == "other"  # another name's files are not this sweep's
    assert cached("table", ["old"], Builder("rebuilt")) == "rebuilt"


def test_without_a_home_folder_the_value_is_built(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr("storyline.cache.Path.home", no_home)
    assert cached("table", ["v1"], Builder("value")) == "value"
