"""`chatdesk import FILE`: a Telegram or WhatsApp chat export becomes tickets."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.settings import Settings
from domain.intake.importing import ImportReport
from domain.kernel.model import Language
from domain.texts import kind_name, status_name, t

HELP = (
    "import a Telegram Desktop (result.json) or WhatsApp (.txt) chat export: every message "
    "goes through the same intake as in the live chat, with its original time, so requests "
    "become tickets, and refusals and chatter are recorded as they would have been. The chat "
    "is linked to the client given with --client; a client that does not exist yet is "
    "created (check the name with --dry-run first). Without --client the chat's client is "
    "the one it is already linked to, or the client named like the chat. Importing the same "
    "file again adds nothing."
)


def register(sub, command) -> None:  # noqa: ANN001 - argparse's private types
    p = command("import", cmd_import, HELP)
    p.add_argument("file", help="the export: Telegram result.json or WhatsApp chat .txt")
    p.add_argument("--client", metavar="NAME",
                   help="the client the chat belongs to (created if there is none)")
    p.add_argument("--staff", metavar="NAME_OR_ID", nargs="+", action="extend", default=[],
                   help="the integrator's people in the chat, by display name or Telegram id "
                   "(e.g. user900); their messages never become tickets")
    p.add_argument("--chat", metavar="NAME_OR_ID",
                   help="which chat of a whole-account Telegram export to import")
    p.add_argument("--dry-run", action="store_true",
                   help="show what the import would do and write nothing")
    p.add_argument("--json", action="store_true", help="print one JSON object")


async def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError, UserFacingError
    from bot.importers import ExportFormatError
    from bot.importing import ProgressBar, history, plan_for, scan_export
    from bot.wiring import build_app
    from domain.intake.importing import ChatImport, ImportRefused
    from storage.uow_import import import_uow_factory

    lang = settings.default_language
    path = Path(args.file)
    show_progress = not args.json and sys.stderr.isatty()
    if show_progress:
        print(t(lang, "import.checking"), file=sys.stderr, flush=True)
    try:
        scan = await asyncio.to_thread(scan_export, path, tz=settings.tz, chat=args.chat,
                                       staff=args.staff)
    except ExportFormatError as exc:
        raise UsageError(t(lang, "import.err.malformed", detail=exc)) from None
    except ImportRefused as exc:
        raise UsageError(t(lang, exc.key, **exc.params)) from None

    bar = ProgressBar(
        scan.messages,
        lambda done, total, percent: t(lang, "import.progress", done=done, total=total,
                                       percent=percent),
        enabled=show_progress,
    )
    app = await build_app(settings)
    inline = import_uow_factory(settings.database_url)
    try:
        importer = ChatImport(app.intake, inline or app.uow, exclusive=inline is not None)
        report = await importer.run(
            plan_for(scan, args.client, lang), history(scan), now=app.clock.now(),
            dry_run=args.dry_run, progress=bar,
        )
    except ImportRefused as exc:
        raise UserFacingError(t(lang, exc.key, **exc.params)) from None
    except ExportFormatError as exc:
        # Only if the file changed after the first pass read it whole.
        raise UsageError(t(lang, "import.err.malformed", detail=exc)) from None
    finally:
        bar.close()
        if inline is not None:
            await inline.dispose()
        await app.close()

    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print("\n".join(summary(report, lang)))
    return 0


def summary(report: ImportReport, lang: Language) -> list[str]:
    """The readable report of an import, for the operator's terminal."""
    lines = [t(lang, "import.header", chat=report.chat_title, client=report.client)]
    dry = "_dry" if report.dry_run else ""
    if report.client_created:
        lines.append(t(lang, f"import.client_created{dry}", client=report.client))
    lines.append(t(lang, f"import.counts{dry}", messages=report.messages, stored=report.stored,
                   before=report.imported_before))
    lines += ["", t(lang, "import.tickets", count=len(report.tickets))]
    for ticket in report.tickets:
        lines.append(t(lang, "import.ticket_line", number=ticket.number,
                       kind=kind_name(lang, ticket.kind), status=status_name(lang, ticket.status),
                       title=ticket.title))
        lines.append(t(lang, "import.ticket_sources", ids=", ".join(ticket.message_ids)))
    if report.refused:  # no empty "Refusals (0):" heading
        lines += ["", t(lang, "import.refusals", count=len(report.refused))]
    for message_id, reason in report.refused:
        lines.append(t(lang, "import.refusal_line", id=message_id,
                       reason=t(lang, f"demo.reason.{reason.value}")))
    lines += ["", t(lang, "import.ignored", count=len(report.ignored)), ""]
    lines.append(t(lang, "import.dry_run" if report.dry_run else "import.saved"))
    return lines
