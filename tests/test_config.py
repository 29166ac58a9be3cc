"""Settings from the packaged defaults, a TOML file and STORYLINE_* variables."""

from __future__ import annotations

import pytest

from storyline.config import Settings, load_settings
from storyline.errors import ConfigError


@pytest.mark.parametrize(("written", "read"), [("false", False), ("0", False), ("Off", False), ("true", True), ("yes", True)])
def test_a_switch_set_in_the_environment_reads_as_the_word_says(tmp_path, written, read):
    settings = load_settings(tmp_path / "none.toml", {"STORYLINE_EXTRACT_FACTS": written})

    assert settings.extract_facts is read


def test_a_switch_that_is_no_yes_or_no_is_refused_naming_it(tmp_path):
    with pytest.raises(ConfigError, match="extract_facts.*'maybe'"):
        load_settings(tmp_path / "none.toml", {"STORYLINE_EXTRACT_FACTS": "maybe"})


def test_a_switch_in_the_settings_file_and_the_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("extract_facts = false\nbatch_size = 64\n", encoding="utf-8")

    settings = load_settings(path, {})

    assert (settings.extract_facts, settings.batch_size) == (False, 64)
    assert load_settings(tmp_path / "none.toml", {}) == Settings()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BATCH_SIZE", "0", "setting 'batch_size': must be at least 1, not 0"),
        ("THREADS", "-2", "setting 'threads': must be at least 1, not -2"),
        ("PROCESSES", "0", "setting 'processes': must be at least 1, not 0"),
        ("EVENT_WINDOW_DAYS", "nan", "setting 'event_window_days': must be more than 0 days, not nan"),
        ("NEAR_DUPLICATE_THRESHOLD", "1.5", "setting 'near_duplicate_threshold': must be above 0 and at most 1, not 1.5"),
    ],
)
def test_a_value_no_run_could_use_is_refused_naming_the_setting(tmp_path, name, value, message):
    with pytest.raises(ConfigError) as refused:
        load_settings(tmp_path / "none.toml", {f"STORYLINE_{name}": value})

    assert str(refused.value) == message
