"""`chatdesk balance CLIENT [--json]`: a client's balance as its /balance in the bot shows it."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings


def _view_json(client, view, today) -> dict:  # noqa: ANN001
    return {
        "client": client.name, "day": today.isoformat(), "month": str(view.period),
        "model": view.model.value, "balance": view.balance,
        "package_minutes": view.package_minutes, "package_left": view.package_left,
        "burns_on": view.burns_on.isoformat() if view.burns_on else None,
        "hourly_rate": view.hourly_rate,
        "covers": [{"kind": k.kind.value, "mode": k.mode.value} for k in view.kinds],
        "starts_on": view.starts_on.isoformat() if view.starts_on else None,
        "first_month_in_full": view.first_month,
        "spend": [{"kind": s.kind.value, "minutes": s.minutes, "amount": s.amount}
                  for s in view.spend],
        "due_amount": view.due_amount,
        "due_on": view.due_on.isoformat() if view.due_on else None,
        "pays_for": [str(p) for p in view.pays_for],
    }


async def cmd_balance(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.billing.model import LedgerError
    from domain.billing.service import Billing, balance_text, error_text

    app = await build_app(settings)
    try:
        billing = Billing(app.uow, app.clock, settings.tz)
        client = await billing.find_client(args.client)
        view = await billing.balance(client.id)
        today = app.clock.now().astimezone(settings.tz).date()
    except LedgerError as exc:
        raise UserFacingError(error_text(settings.default_language, exc)) from None
    finally:
        await app.close()
    if args.json:
        print(json.dumps(_view_json(client, view, today), ensure_ascii=False))
    else:
        print(balance_text(settings.default_language, client, view, today))
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    bal = command("balance", cmd_balance,
                  "a client's balance: package hours, money, what the plan covers, what is due")
    bal.add_argument("client")
    bal.add_argument("--json", action="store_true")
