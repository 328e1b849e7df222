"""Settings from the environment and `.env` (see `.env.example` for every one of them)."""

from __future__ import annotations

import difflib
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from domain.kernel.model import Language

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/chatdesk.sqlite3"


class SettingsError(Exception):
    """A missing or malformed setting, told in one line that names it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # storage
    database_url: str = DEFAULT_DATABASE_URL
    # SQLite only: "full" waits for the disk at every commit (survives a power cut); "normal"
    # survives a crash of the process but may lose the last commits to a power cut.
    sqlite_synchronous: Literal["full", "normal"] = "full"
    redis_url: str | None = None
    # people and time
    timezone: str = "Europe/Moscow"
    default_language: Language = Language.RU
    work_days: str = "mon-fri"  # the SLA working calendar, read by bot/calendars.py
    work_hours: str = "09:00-18:00"
    lunch_break: str = "13:00-14:00"
    # intake
    burst_group_minutes: float = Field(default=3, gt=0, le=60)  # one person's burst
    repeat_threshold: float = Field(default=0.6, gt=0, le=1)
    # the desk
    integrator_name: str = "Поддержка"
    reaction_hours: int = Field(default=4, ge=1, le=240)
    # the scheduler: SLA reaction time per kind (working hours) and the warning before a breach
    sla_reaction_hours: str = "technical=4,managerial=8,control=16,strategic=16,new_work=8"
    sla_warn_minutes: int = Field(default=60, ge=1, le=24 * 60)
    # ordered SLA rules (client priority, kind -> targets) in a TOML file; replaces the above
    sla_policies_file: str | None = None
    # billing: the weekly "hours spent and left" report to each client chat, local time
    weekly_report_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "fri"
    weekly_report_hour: int = Field(default=16, ge=0, le=23)
    # customer satisfaction: 👍/👎 asked of a done ticket's requester, in working hours
    csat_enabled: bool = True
    csat_delay_minutes: int = Field(default=30, ge=0, le=7 * 24 * 60)
    # Bitrix24 tasks (per client: chatdesk clients bitrix CLIENT --webhook URL)
    bitrix_responsible_id: int = Field(default=1, ge=1)  # when the client names nobody
    bitrix_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # telegram
    telegram_bot_token: str | None = None
    telegram_api_url: str | None = None
    webhook_base_url: str | None = None
    webhook_secret: str | None = None
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    staff_chat_id: str | None = None
    # Telegram's limits per bot (shared through Redis when REDIS_URL is set): messages a second
    # overall, seconds between two messages into one chat, messages a minute into one group.
    telegram_per_second: float = Field(default=30.0, gt=0, le=1000)
    telegram_chat_gap_seconds: float = Field(default=1.0, ge=0, le=60)
    telegram_group_per_minute: int = Field(default=20, ge=1, le=10_000)
    # whatsapp
    whatsapp_cloud_token: str | None = None
    whatsapp_phone_number_id: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None
    whatsapp_graph_url: str = "https://graph.facebook.com/v21.0"
    green_api_url: str | None = None
    green_api_instance_id: str | None = None
    green_api_token: str | None = None
    green_api_webhook_token: str | None = None  # Green-API sends it as Authorization
    # optional: e-mail as a channel (bot/mail/): a support mailbox read over IMAP, replies by SMTP
    mail_imap_host: str | None = None
    mail_imap_port: int | None = Field(default=None, ge=1, le=65535)  # 993 with SSL, else 143
    mail_imap_user: str | None = None
    mail_imap_password: str | None = None
    mail_imap_ssl: bool = True
    mail_imap_mailbox: str = "INBOX"
    mail_poll_seconds: float = Field(default=60, ge=1, le=3600)
    mail_smtp_host: str | None = None
    mail_smtp_port: int | None = Field(default=None, ge=1, le=65535)  # 465 with SSL, else 587
    mail_smtp_user: str | None = None
    mail_smtp_password: str | None = None
    mail_smtp_starttls: bool = True
    mail_smtp_ssl: bool = False
    mail_from: str | None = None  # the support address replies come from
    mail_from_name: str | None = None  # default: INTEGRATOR_NAME
    mail_max_mb: float = Field(default=25, gt=0, le=200)  # bigger mails: headers kept, admins told
    mail_attachment_max_mb: float = Field(default=10, gt=0, le=100)
    mail_timeout_seconds: float = Field(default=30, gt=0, le=600)
    # optional LLM triage through any OpenAI-compatible server
    llm_base_url: str | None = Field(default=None, validation_alias="LLM_BASE_URL")
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_seconds: float = Field(default=5.0, gt=0)
    llm_max_retries: int = Field(default=1, ge=0, le=10)
    llm_daily_budget_per_client: int = Field(default=200, ge=0)
    llm_cache_size: int = Field(default=5000, ge=0)
    llm_confident_skip: float = Field(default=0.9, ge=0, le=1)
    # optional: voice notes transcribed by any OpenAI-compatible transcription endpoint
    transcribe_base_url: str | None = None
    transcribe_model: str = "whisper-1"
    transcribe_api_key: str | None = None
    transcribe_language: str | None = None  # e.g. ru; empty = the server detects it
    transcribe_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    voice_max_mb: float = Field(default=10.0, gt=0, le=20)  # the Bot API gives bots <= 20 MB
    # optional: the text of screenshots read by Tesseract, when the program is installed
    ocr_enabled: bool = True
    ocr_languages: str = "rus+eng"
    ocr_timeout_seconds: float = Field(default=15.0, gt=0, le=300)
    screenshot_max_mb: float = Field(default=5.0, gt=0, le=20)
    media_download_timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    # the client cabinet (web pages and Telegram Mini App), served by the same web server
    cabinet_base_url: str | None = None  # public address, e.g. https://desk.example.com
    cabinet_secret: str | None = None  # signs session cookies; at least 16 characters
    cabinet_link_minutes: int = Field(default=15, ge=1, le=24 * 60)
    cabinet_session_hours: int = Field(default=12, ge=1, le=24 * 30)
    cabinet_init_data_minutes: int = Field(default=60, ge=1, le=24 * 60)
    # logging
    log_level: str = "INFO"
    # tests only: run the desk's clock from this moment (ISO; TIMEZONE if it names no offset),
    # e.g. CHATDESK_FAKE_NOW=2026-12-31T23:30 to see how the desk behaves on New Year's Eve
    chatdesk_fake_now: datetime | None = None
    log_format: Literal["text", "json"] = "text"  # json: one object a line, for log shippers

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use e.g. Europe/Moscow)") from exc
        return value

    @field_validator("ocr_languages")
    @classmethod
    def _ocr_languages(cls, value: str) -> str:
        if not all(part.isascii() and part.replace("_", "").isalnum() for part in value.split("+")):
            raise ValueError("use Tesseract language codes joined by +, e.g. rus+eng")
        return value

    @field_validator("mail_imap_port", "mail_smtp_port", mode="before")
    @classmethod
    def _empty_port(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("mail_from")
    @classmethod
    def _mail_address(cls, value: str | None) -> str | None:
        from domain.mail.rules import normal_address

        if value is None or not value.strip():
            return None
        if normal_address(value) is None:
            raise ValueError("use an e-mail address, e.g. support@example.com")
        return value.strip()

    @field_validator("cabinet_secret")
    @classmethod
    def _long_secret(cls, value: str | None) -> str | None:
        if value is not None and value.strip() and len(value.strip()) < 16:
            raise ValueError("use at least 16 characters (e.g. `openssl rand -hex 16`)")
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "use sqlite+aiosqlite:///path/to/file.sqlite3 or postgresql+asyncpg://user@host/db"
            )
        return value

    @field_validator("chatdesk_fake_now", mode="before")
    @classmethod
    def _iso_moment(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if not value.strip():
            return None
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("expected an ISO date and time, e.g. 2026-12-31T23:30 or "
                             "2026-12-31T23:30+03:00") from None

    @model_validator(mode="after")
    def _fake_now_in_desk_zone(self) -> Settings:
        moment = self.chatdesk_fake_now
        if moment is not None and moment.tzinfo is None:
            self.chatdesk_fake_now = moment.replace(tzinfo=ZoneInfo(self.timezone))
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def llm_url(self) -> str | None:
        return self.llm_base_url or self.openai_base_url

    @property
    def transcribe_enabled(self) -> bool:
        return bool(self.transcribe_base_url and self.transcribe_model)

    @property
    def mail_enabled(self) -> bool:
        """Both halves of the mail channel are set: a mailbox to read and a way to answer."""
        return bool(self.mail_imap_host and self.mail_imap_user and self.mail_imap_password
                    and self.mail_smtp_host and self.mail_from)

    @property
    def mail_partly_set(self) -> bool:
        return not self.mail_enabled and any((self.mail_imap_host, self.mail_smtp_host,
                                              self.mail_from))

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_url and self.llm_model)


def chatdesk_home() -> Path:
    """The folder `.env` and a relative SQLite path are found in, whatever the current
    folder: CHATDESK_HOME when set, else the project folder (where pyproject.toml sits next
    to this package), else, for an installed copy, the current folder."""
    given = os.environ.get("CHATDESK_HOME", "").strip()
    if given:
        return Path(given).expanduser().resolve()
    project = Path(__file__).resolve().parents[1]
    return project if (project / "pyproject.toml").is_file() else Path.cwd()


def env_file_in_use(env_file: str | Path | None = None) -> Path | None:
    """The .env file read: the one given (it must exist), else CHATDESK_HOME/.env if any."""
    if env_file is not None:
        path = Path(env_file).expanduser()
        if not path.is_file():
            raise SettingsError(f"--env-file {env_file}: no such file")
        return path.resolve()
    path = chatdesk_home() / ".env"
    return path if path.is_file() else None


_ENV_LINE = re.compile(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")


def unknown_env_names(path: Path) -> list[str]:
    """Names in a .env file that no setting reads, each with the setting it probably meant:
    "CABINET_SECRT (did you mean CABINET_SECRET?)"."""
    known = {name.upper() for name in Settings.model_fields} | {
        str(f.validation_alias).upper() for f in Settings.model_fields.values()
        if isinstance(f.validation_alias, str)} | {"CHATDESK_HOME"}
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _ENV_LINE.match(line)
        if not match or match.group(1).upper() in known:
            continue
        name = match.group(1)
        close = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.75)
        found.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return found


def _anchor_sqlite(url: str, home: Path) -> str:
    """A relative SQLite path is relative to the chatdesk home, not the current folder."""
    prefix = "sqlite+aiosqlite:///"
    if url.startswith(prefix) and not url[len(prefix):].startswith("/") \
            and not url[len(prefix):].startswith(":memory:"):
        return prefix + str((home / url[len(prefix):]).resolve())
    return url


def load_settings(env_file: str | Path | None = None, **overrides: object) -> Settings:
    """Read settings from the environment and the .env in use (see `env_file_in_use`); any
    problem becomes one line naming the setting, never a traceback."""
    # `_env_file=None` (tests, benches) reads the environment only
    path = overrides.pop("_env_file") if "_env_file" in overrides else env_file_in_use(env_file)
    try:
        settings = Settings(_env_file=path, **overrides)
        return settings.model_copy(update={
            "database_url": _anchor_sqlite(settings.database_url, chatdesk_home())})
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first.get("loc") else "settings"
        message = first.get("msg", "is invalid").removeprefix("Value error, ")
        value = first.get("input")
        secret = any(word in name for word in ("SECRET", "TOKEN", "KEY"))
        shown = f" (got {value!r})" if isinstance(value, str | int | float) and not secret \
            else ""
        raise SettingsError(f"Setting {name} is invalid: {message}{shown}") from None
