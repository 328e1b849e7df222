"""`chatdesk summary CLIENT --month YYYY-MM [--png FILE] [--json]`: the owner's monthly summary
on demand, with the same figures the bot sends on the 1st."""

from __future__ import annotations

import argparse
import asyncio
import json

from bot.errors import UsageError, UserFacingError
from bot.settings import Settings
from domain.texts import t


def register(sub, command) -> None:  # noqa: ANN001 - argparse's private types
    summary = command("summary", cmd_summary,
                      "a client's month: tickets, hours and money by kind, deadlines kept, "
                      "the longest waits, recurring problems, balance and the next payment",
                      sub)
    summary.add_argument("client", help="the client's name")
    summary.add_argument("--month", help="YYYY-MM (default: last month)")
    summary.add_argument("--png", metavar="FILE", help="also write the chart (hours by kind "
                         "per week) to FILE")
    summary.add_argument("--json", action="store_true", help="print one JSON object")


async def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import writable_file
    from bot.scheduling import sla_setup
    from bot.wiring import build_app
    from domain.billing.model import Period
    from domain.reports.service import SummaryService, chart_data, summary_json, summary_text
    from domain.sla.service import SlaService

    lang = settings.default_language
    png_path = writable_file(args.png, lang, "summary.png") if args.png else None
    try:
        setup = sla_setup(settings)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from None
    app = await build_app(settings)
    try:
        if args.month:
            try:
                period = Period.parse(args.month)
            except ValueError:
                raise UsageError(t(lang, "summary.err.month", value=args.month)) from None
        else:
            period = Period.of(app.clock.now().astimezone(setup.calendar.zone).date()).shift(-1)
        async with app.uow() as uow:
            client = await uow.clients.get_by_name(args.client.strip())
        if client is None:
            raise UserFacingError(t(lang, "summary.err.no_client", name=args.client))
        service = SummaryService(app.uow, app.clock, SlaService(app.uow, app.clock, setup))
        summary = await service.summary(client.id, period)
    finally:
        await app.close()
    if png_path:
        from bot.summary_chart import render_chart

        png = render_chart(chart_data(client.language, summary))
        try:
            await asyncio.to_thread(png_path.write_bytes, png)
        except OSError as exc:
            raise UsageError(t(lang, "cli.err.cannot_write", path=png_path,
                               reason=exc.strerror or exc)) from None
    if args.json:
        print(json.dumps(summary_json(summary), ensure_ascii=False))
    else:
        print(summary_text(client.language, summary))
    return 0
