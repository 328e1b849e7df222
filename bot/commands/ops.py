"""`chatdesk backup FILE`, `chatdesk restore FILE`, `chatdesk health`: what a self-hoster
runs from cron, a deploy script or a container's health check."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.settings import Settings


def _refusal(settings: Settings, exc) -> Exception:  # noqa: ANN001 - a BackupError
    from bot.errors import UserFacingError
    from domain.texts import t

    return UserFacingError(t(settings.default_language, exc.key, **exc.params))


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import t
    from storage.backup import BackupError, backup

    try:
        path = await asyncio.to_thread(backup, settings.database_url, Path(args.file))
    except BackupError as exc:
        raise _refusal(settings, exc) from None
    print(t(settings.default_language, "admin.backup.done", path=path))
    return 0


async def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import t
    from storage.backup import BackupError, restore

    try:
        await restore(settings.database_url, Path(args.file), force=args.force)
    except BackupError as exc:
        raise _refusal(settings, exc) from None
    print(t(settings.default_language, "admin.backup.restored", path=args.file))
    return 0


async def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """0 when the database answers and, where the bot serves HTTP (a webhook, WhatsApp),
    its /healthz does; otherwise one line on stderr and 1, as health checks expect."""
    import sys

    import aiohttp

    from bot.web import whatsapp_configured
    from storage.backup import ping

    try:
        await asyncio.wait_for(ping(settings.database_url), 10)
    except Exception as exc:  # noqa: BLE001 - any failure is "unhealthy", told in one line
        print(f"chatdesk: the database does not answer: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    if settings.webhook_base_url or whatsapp_configured(settings):
        url = f"http://127.0.0.1:{settings.web_port}/healthz"
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as http, \
                    http.get(url) as response:
                response.raise_for_status()
        except (aiohttp.ClientError, TimeoutError) as exc:
            print(f"chatdesk: {url} does not answer: {exc}", file=sys.stderr)
            return 1
    print("ok")
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    b = command("backup", cmd_backup,
                "copy the SQLite database to FILE, consistently, while the bot runs")
    b.add_argument("file")
    r = command("restore", cmd_restore, "replace the SQLite database by a backup FILE")
    r.add_argument("file")
    r.add_argument("--force", action="store_true",
                   help="even while a `chatdesk run` uses the database")
    command("health", cmd_health, "exit 0 when the bot's database (and web server) answer")
