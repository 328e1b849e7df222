"""What self-hosters deploy, checked where Docker and systemd are not at hand: the Dockerfile
is read instruction by instruction, compose.yaml's bot gets only settings chatdesk knows,
the systemd unit starts `chatdesk run`, and LOG_FORMAT=json gives one object a line."""

from __future__ import annotations

import configparser
import io
import json
import logging
import re
import shlex
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.logs import JsonFormatter
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
INSTRUCTIONS = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
                "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK",
                "SHELL"}


def setting_names() -> set[str]:
    return {(field.validation_alias or name).upper()
            for name, field in Settings.model_fields.items()}


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: comments dropped, continuation lines joined."""
    logical, current = [], ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.rstrip().removesuffix("\\") + " "
        if not line.rstrip().endswith("\\"):
            logical.append(current.strip())
            current = ""
    assert current == "", "the Dockerfile ends inside a continued line"
    parsed = []
    for text in logical:
        word, _, rest = text.partition(" ")
        assert word.upper() in INSTRUCTIONS and word == word.upper(), f"unknown: {text}"
        parsed.append((word, rest.strip()))
    return parsed


def final_stage() -> list[tuple[str, str]]:
    steps = dockerfile()
    start = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[start:]


def _exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(a, str) for a in value)
    return value


def test_the_image_is_slim_python_3_11_and_runs_the_bot_as_a_plain_user():
    steps = dockerfile()
    assert all(args.split()[0] == "python:3.11-slim" for word, args in steps if word == "FROM")
    final = final_stage()
    users = [args for word, args in final if word == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    cmd = [args for word, args in final if word == "CMD"]
    assert _exec_form(cmd[-1]) == ["chatdesk", "run"]


def test_the_health_check_runs_a_command_chatdesk_has():
    checks = [args for word, args in final_stage() if word == "HEALTHCHECK"]
    assert len(checks) == 1
    options, _, command = checks[0].partition("CMD")
    assert re.fullmatch(r"(\s*--(interval|timeout|start-period|retries)=\w+)*\s*", options)
    argv = _exec_form(command.strip())
    assert argv[0] == "chatdesk"
    assert build_parser().parse_args(argv[1:]).handler.__name__ == "cmd_health"


def test_the_image_copies_what_exists_and_sets_only_known_settings():
    for word, args in dockerfile():
        if word == "COPY" and not args.startswith("--from"):
            *sources, _target = shlex.split(args)
            assert all((ROOT / s).exists() for s in sources), args
    env = " ".join(args for word, args in final_stage() if word == "ENV")
    names = set(re.findall(r"([A-Z_]+)=", env))
    assert names - {"PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"} <= setting_names()


def compose_environment(service: str) -> dict[str, str]:
    """The `environment:` mapping of one compose.yaml service (block style, as written)."""
    lines = (ROOT / "compose.yaml").read_text().splitlines()
    start = lines.index("services:")
    inside, env, found = False, {}, False
    for line in lines[start + 1:]:
        if re.fullmatch(r"  [a-z][\w-]*:", line):
            inside = line.strip() == f"{service}:"
            found = found or inside
            section = None
            continue
        if not line.startswith(" ") and line.strip():
            break
        if not inside:
            continue
        if re.fullmatch(r"    [a-z_]+:.*", line):
            section = line.strip().split(":")[0]
        elif section == "environment" and line.startswith("      ") and line.strip():
            key, sep, value = line.strip().partition(":")
            assert sep and re.fullmatch(r"[A-Z_]+", key), line
            env[key] = value.strip()
    assert found, f"no service {service!r}"
    return env


def test_compose_gives_the_bot_only_settings_chatdesk_reads():
    env = compose_environment("bot")
    assert {"DATABASE_URL", "REDIS_URL", "TELEGRAM_BOT_TOKEN"} <= set(env)
    assert set(env) <= setting_names(), set(env) - setting_names()
    assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/" in env["DATABASE_URL"] and env["REDIS_URL"].startswith(
        "redis://redis:")


def test_compose_runs_postgres_and_redis_with_volumes_and_health_checks():
    text = (ROOT / "compose.yaml").read_text()
    for service in ("bot", "postgres", "redis"):
        block = re.search(rf"^  {service}:\n((?:    .*\n|\n)+)", text, re.M)
        assert block, service
        assert "    healthcheck:" in block[1] and "    volumes:" in block[1], service
    assert re.search(r"condition: service_healthy", text)
    assert not re.search(r"\t", text)


def test_the_systemd_unit_runs_the_bot_as_its_own_user_and_restarts_it():
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string((ROOT / "deploy" / "chatdesk.service").read_text())
    service = unit["Service"]
    assert service["ExecStart"].split()[0].startswith("/") and \
        service["ExecStart"].split()[1:] == ["run"]
    assert service["ExecStart"].split()[0].endswith("/chatdesk")
    assert service["User"] not in ("root", "0")
    assert service["Restart"] in ("on-failure", "always")
    assert unit["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.parametrize("message", ["plain", "две\nстроки \"в кавычках\""])
def test_json_logs_are_one_object_a_line(message):
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("chatdesk.test.json")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("%s", message, extra={"ticket": 7})
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (first["level"], first["logger"], first["message"], first["ticket"]) == (
        "WARNING", "chatdesk.test.json", message, 7)
    assert first["time"].endswith("+00:00")
    assert second["message"] == "failed" and "ValueError: boom" in second["exception"]


def test_log_format_is_a_setting_that_refuses_unknown_values(monkeypatch):
    from bot.settings import SettingsError, load_settings

    monkeypatch.setenv("LOG_FORMAT", "json")
    assert load_settings().log_format == "json"
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(SettingsError, match="LOG_FORMAT"):
        load_settings()


def test_systemd_accepts_the_unit_where_systemd_analyze_exists(tmp_path):
    import shutil
    import subprocess

    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    text = (ROOT / "deploy" / "chatdesk.service").read_text()
    # The install path does not exist on this machine: point ExecStart at a real program.
    unit = tmp_path / "chatdesk.service"
    unit.write_text(text.replace("/opt/chatdesk/.venv/bin/chatdesk", shutil.which("true")))
    result = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True,
                            timeout=60)
    assert (result.returncode, result.stderr.strip()) == (0, "")
