"""`chatdesk outbox`: what the bot still owes (pending messages) and what it gave up on
(failed messages, with the error), so an admin can see what never arrived and why."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings


async def cmd_outbox(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.texts import t

    lang = settings.default_language
    if args.limit < 1:
        raise UserFacingError(t(lang, "cli.limit", value=args.limit))
    app = await build_app(settings)
    try:
        async with app.uow() as uow:
            rows = await uow.notices.unsent(args.limit)
    finally:
        await app.close()
    listed = [{
        "id": row.id, "state": "failed" if row.failed_at else "pending",
        "kind": row.kind.value, "platform": row.platform.value, "chat_id": row.chat_id,
        "attempts": row.attempts, "error": row.last_error,
        "at": (row.failed_at or row.not_before).isoformat(), "text": row.text,
    } for row in rows if not args.failed or row.failed_at]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False))
        return 0
    if not listed:
        print(t(lang, "cli.outbox.empty"))
        return 0
    for row in listed:
        text = row["text"].replace("\n", " ")
        text = text if len(text) <= 70 else text[:69] + "…"
        print(t(lang, "cli.outbox.row", id=row["id"], state=t(lang, f"cli.outbox.{row['state']}"),
                kind=row["kind"], platform=row["platform"], chat_id=row["chat_id"], at=row["at"],
                attempts=row["attempts"]))
        if row["error"]:
            print(t(lang, "cli.outbox.error", error=row["error"]))
        print(f"    {text}")
    pending = sum(r["state"] == "pending" for r in listed)
    print(t(lang, "cli.outbox.total", pending=pending, failed=len(listed) - pending))
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    outbox = command("outbox", cmd_outbox, "messages not sent yet, and those the bot gave up on",
                     sub)
    outbox.add_argument("--failed", action="store_true", help="only those given up on")
    outbox.add_argument("--limit", type=int, default=200)
    outbox.add_argument("--json", action="store_true")
