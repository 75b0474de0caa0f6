"""Settings: defaults, TOML overrides, unknown keys are errors."""

import pytest

from kg.config import Settings, load_settings
from kg.errors import ConfigError


def test_defaults_and_overrides(tmp_path):
    p = tmp_path / "kg.toml"
    p.write_text("[kg]\nbackend = \"jieba\"\nmin_cooccurrence = 2\n", encoding="utf-8")
    s = load_settings(p, min_cooccurrence=3, workers=None)
    assert s.backend == "jieba" and s.min_cooccurrence == 3 and s.workers == Settings().workers
    assert s.as_dict()["backend"] == "jieba"


@pytest.mark.parametrize(
    "content, message",
    [
        ("[kg]\nbakend = \"jieba\"\n", "unknown setting"),
        ("[kg]\nbackend = \"hanlp\"\n", "backend must be one of"),
        ("[kg]\nworkers = 0\n", "workers must be a positive integer"),
        ("[kg\n", "kg.toml"),
    ],
)
def test_bad_settings(tmp_path, content, message):
    p = tmp_path / "kg.toml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(p)
