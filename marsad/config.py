"""Every setting defined once: name, type, default, help, secret flag.

Values come from (later wins): defaults, a TOML file (`marsad.toml` in the working directory,
or `--config` / `MARSAD_CONFIG`), then `MARSAD_<NAME>` environment variables. `marsad config`
prints the result with secrets redacted; docs/configuration.md is generated from SETTINGS.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import MarsadError

DEFAULT_FILE = "marsad.toml"  # read from the working directory when present


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    secret: bool = False


SETTINGS: list[Setting] = [
    Setting("db", str, "marsad-data/marsad.db", "Store location: a SQLite file path or a postgresql:// URL."),
    Setting("data_dir", str, "marsad-data", "Folder for WARC archives and other data."),
    Setting("host", str, "127.0.0.1", "Address the web server listens on."),
    Setting("port", int, 8000, "Port the web server listens on."),
    Setting("sources_file", str, "", "TOML file of sources to load at start (empty: none)."),
    Setting("user_agent", str, "marsad/0.1 (+https://example.org/marsad; news monitoring)",
            "User-Agent sent by the crawler; name a contact URL."),
    Setting("delay", float, 2.0, "Minimum seconds between two requests to one host."),
    Setting("respect_robots", bool, True, "Honour robots.txt."),
    Setting("timeout", float, 20.0, "Connect/read timeout of a request, seconds."),
    Setting("max_body_bytes", int, 10_000_000, "Largest response body kept; larger ones are cut and reported."),
    Setting("max_redirects", int, 5, "Redirects followed before giving up."),
    Setting("retries", int, 2, "Retries of a failed request (with jitter)."),
    Setting("poll_interval", float, 900.0, "Base seconds between two polls of one feed (adapted per feed)."),
    Setting("allow_private_addresses", bool, False, "Allow fetching private/loopback/link-local addresses."),
    Setting("warc_max_bytes", int, 1_000_000_000, "Rotate WARC files above this size."),
    Setting("api_token", str, "", "Token required by write endpoints of the API (empty: writes disabled).",
            secret=True),
]  # fmt: skip


@dataclass
class Config:
    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def redacted(self) -> dict[str, Any]:
        secret = {s.name for s in SETTINGS if s.secret}
        return {k: ("***" if k in secret and v else v) for k, v in self.values.items()}

    def replace(self, **changes: Any) -> Config:
        return Config({**self.values, **changes})


def _coerce(setting: Setting, value: Any, where: str) -> Any:
    try:
        if setting.type is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        if isinstance(value, bool) or (setting.type is int and isinstance(value, float)):
            raise ValueError(value)  # TOML true/false or 8000.9 where a number is meant
        if setting.type is str and not isinstance(value, str):
            raise ValueError(value)
        return setting.type(value)
    except (TypeError, ValueError) as exc:
        raise MarsadError(f"{where}: setting {setting.name!r} expects {setting.type.__name__}, got {value!r}") from exc


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file, then MARSAD_* variables."""
    env = dict(os.environ if env is None else env)
    values = {s.name: s.default for s in SETTINGS}
    by_name = {s.name: s for s in SETTINGS}
    file = path or env.get("MARSAD_CONFIG") or (DEFAULT_FILE if Path(DEFAULT_FILE).exists() else None)
    if file:
        try:
            data = tomllib.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise MarsadError(f"cannot read config {file}: {exc}") from exc
        table = data.get("marsad", data)
        if not isinstance(table, dict):
            raise MarsadError(f"{file}: [marsad] must be a table of settings")
        unknown = sorted(set(table) - set(by_name) - {"marsad"})
        if unknown:
            raise MarsadError(f"{file}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(by_name))}")
        for key, value in table.items():
            if key in by_name:
                values[key] = _coerce(by_name[key], value, str(file))
    for setting in SETTINGS:
        var = f"MARSAD_{setting.name.upper()}"
        if var in env:
            values[setting.name] = _coerce(setting, env[var], var)
    return Config(values)


def settings_table() -> str:
    """Markdown table of every setting, for docs/configuration.md."""
    lines = ["| setting | env | type | default | meaning |", "|---|---|---|---|---|"]
    for s in SETTINGS:
        default = "" if s.secret else repr(s.default)
        lines.append(f"| `{s.name}` | `MARSAD_{s.name.upper()}` | {s.type.__name__} | `{default}` | {s.help} |")
    return "\n".join(lines)


_DOC_HEAD = '# Configuration\n\nSettings come from (later wins) their defaults, a TOML file (`./marsad.toml`, or `--config FILE`,\nor `MARSAD_CONFIG`), then `MARSAD_<NAME>` environment variables. The store can also be chosen\nwith `--db PATH` on any command. `marsad config` prints the effective values with secrets\nredacted. This table is generated from `marsad.config.SETTINGS` (a test keeps it in sync).\n\n'
_DOC_TAIL = '\n\nExample `marsad.toml` (keys at top level, or under a `[marsad]` table):\n\n```toml\ndb = "marsad-data/marsad.db"\nport = 8000\ndelay = 2.0\nuser_agent = "marsad/0.1 (+https://your.org/contact)"\napi_token = "change-me"\n```\n'


def configuration_markdown() -> str:
    """The whole of docs/configuration.md (a test keeps the file equal to this)."""
    return _DOC_HEAD + settings_table() + _DOC_TAIL


__all__ = ["SETTINGS", "Config", "Setting", "configuration_markdown", "load_config", "settings_table"]
