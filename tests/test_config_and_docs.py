"""Settings are defined once; docs follow the code (datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.config import SETTINGS, configuration_markdown, load_config
from marsad.errors import MarsadError

REPO = Path(__file__).resolve().parent.parent


def test_defaults_file_then_env(tmp_path):
    cfg_file = tmp_path / "marsad.toml"
    cfg_file.write_text('port = 9001\ndelay = 0.5\napi_token = "s3cret"\n', encoding="utf-8")
    cfg = load_config(cfg_file, env={"MARSAD_PORT": "9002", "MARSAD_ALLOW_PRIVATE_ADDRESSES": "1"})
    assert cfg.port == 9002 and cfg.delay == 0.5 and cfg.allow_private_addresses is True
    assert cfg.redacted()["api_token"] == "***"
    assert load_config(None, env={}).port == 8000


def test_bad_value_names_the_setting(tmp_path):
    with pytest.raises(MarsadError, match=r"MARSAD_PORT.*port.*int"):
        load_config(None, env={"MARSAD_PORT": "eighty"})


def test_configuration_doc_is_generated_from_settings():
    assert (REPO / "docs" / "configuration.md").read_text(encoding="utf-8") == configuration_markdown()


def test_every_setting_and_command_is_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    docs = configuration_markdown()
    for setting in SETTINGS:
        assert f"MARSAD_{setting.name.upper()}" in docs
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    for name in names:
        assert f"marsad {name}" in readme, f"command {name} missing from README usage"


def test_every_command_help_has_an_example():
    runner = CliRunner()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example:" in result.output, f"marsad {name} --help has no example"


@pytest.mark.parametrize(
    "toml, message",
    [('marsad = "x"', "must be a table"), ("prot = 9000", "unknown setting"), ("port = 8000.9", "port"),
     ("delay = true", "delay"), ("db = 5", "db"), ("port = ", "cannot read config")],
)
def test_bad_config_files_are_named_errors(tmp_path, toml, message):
    path = tmp_path / "marsad.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(MarsadError, match=message):
        load_config(path, env={})


def test_stories_since_must_be_a_date(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "m.db"), "stories", "--since", "2024-2-1"])
    assert result.exit_code == 2 and "--since" in result.output
