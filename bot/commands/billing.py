"""`chatdesk plans|payments|statement|economics`: an admin's billing from the command line."""

from __future__ import annotations

import argparse
import json
import uuid
from contextlib import asynccontextmanager
from datetime import date

from bot.settings import Settings

MODELS = {"monthly": "monthly", "package": "package", "tm": "time_and_materials"}


@asynccontextmanager
async def _billing(settings: Settings):  # noqa: ANN202
    """The Billing use cases over the configured database; ledger refusals become one line."""
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.billing.model import LedgerError
    from domain.billing.service import Billing, error_text

    app = await build_app(settings)
    try:
        yield Billing(app.uow, app.clock, settings.tz)  # "today" is the desk's today
    except LedgerError as exc:
        raise UserFacingError(error_text(settings.default_language, exc)) from None
    finally:
        await app.close()


def _kind_terms(text: str, lang):  # noqa: ANN001, ANN202
    from bot.errors import UsageError
    from domain.billing.model import parse_roubles
    from domain.kernel.model import Kind, KindTerms, Mode
    from domain.texts import t

    try:
        kind, mode, fee = text.split(":")
        return KindTerms(Kind(kind), Mode(mode), parse_roubles(fee))
    except ValueError:
        raise UsageError(t(lang, "cli.err.kind", value=repr(text))) from None


def _package_minutes(args: argparse.Namespace, lang) -> int:  # noqa: ANN001
    """--hours as whole minutes; only a package plan has them."""
    import math

    from bot.errors import UsageError
    from domain.billing.model import MAX_PACKAGE_MINUTES
    from domain.texts import t

    if args.hours is None:
        return 0
    if MODELS[args.model] != "package":
        raise UsageError(t(lang, "cli.err.hours_not_package"))
    try:
        hours = float(args.hours.replace(",", "."))
    except ValueError:
        hours = math.nan
    minutes = round(hours * 60) if math.isfinite(hours) else -1
    if not 0 < minutes <= MAX_PACKAGE_MINUTES:
        raise UsageError(t(lang, "cli.err.hours", value=repr(args.hours)))
    return minutes


def _month(text: str):  # noqa: ANN202
    from bot.errors import UsageError
    from domain.billing.model import Period

    try:
        return Period.parse(text)
    except ValueError as exc:
        raise UsageError(f"--month: {exc}") from None


def _day(text: str | None, lang):  # noqa: ANN001, ANN202
    """--date YYYY-MM-DD, or None (today, as the Billing use case tells it)."""
    from bot.errors import UsageError
    from domain.texts import t

    if text is None:
        return None
    try:
        if len(text) != 10:  # fromisoformat also takes 20261112 and 2026-W46-4
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(t(lang, "billing.err.bad_date", value=text)) from None


def _plan_json(client) -> dict:  # noqa: ANN001
    plan = client.plan
    if plan is None:
        return {"client": client.name, "plan": None}
    return {"client": client.name, "plan": {
        "model": plan.model.value,
        "kinds": [{"kind": k.kind.value, "mode": k.mode.value, "monthly_fee": k.monthly_fee}
                  for k in plan.kinds],
        "hourly_rate": plan.hourly_rate, "package_minutes": plan.package_minutes,
        "rounding_minutes": plan.min_billable_minutes,
        "starts_on": plan.starts_on.isoformat() if plan.starts_on else None,
        "trial": plan.trial,
    }}


async def cmd_plans_set(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError
    from domain.billing.service import plan_text
    from domain.kernel.model import BillingModel, Plan
    from domain.texts import t

    lang = settings.default_language
    try:
        starts = date.fromisoformat(args.starts) if args.starts else None
    except ValueError:
        raise UsageError(t(lang, "cli.err.starts", value=repr(args.starts))) from None
    if starts is not None and starts.day != 1:
        raise UsageError(t(lang, "cli.err.starts_day"))
    plan = Plan(
        model=BillingModel(MODELS[args.model]),
        kinds=tuple(_kind_terms(k, lang) for k in args.kind),
        hourly_rate=parse_amount(args.rate, lang),
        package_minutes=_package_minutes(args, lang),
        min_billable_minutes=args.rounding,
        starts_on=starts,
        trial=args.trial,
    )
    async with _billing(settings) as billing:
        client = await billing.find_client(args.client)
        client = await billing.set_plan(client.id, plan)
    if args.json:
        print(json.dumps(_plan_json(client), ensure_ascii=False))
    else:
        print(plan_text(settings.default_language, client))
    return 0


async def cmd_plans_show(args: argparse.Namespace, settings: Settings) -> int:
    from domain.billing.service import plan_text

    async with _billing(settings) as billing:
        client = await billing.find_client(args.client)
    if args.json:
        print(json.dumps(_plan_json(client), ensure_ascii=False))
    else:
        print(plan_text(settings.default_language, client))
    return 0


def parse_amount(text: str, lang) -> int:  # noqa: ANN001
    """Kopecks from roubles typed on the command line; one line of usage error otherwise."""
    from bot.errors import UsageError
    from domain.billing.model import parse_roubles
    from domain.texts import t

    try:
        return parse_roubles(text)
    except ValueError:
        raise UsageError(t(lang, "cli.err.amount", value=repr(text))) from None


async def cmd_payments_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError
    from domain.texts import money, t

    lang = settings.default_language
    amount = parse_amount(args.amount, lang)
    if args.key is not None and not args.key.strip():
        raise UsageError(t(lang, "cli.err.key"))
    # Without --key every call is a new payment; give the bank's id to make retries safe.
    key = args.key.strip() if args.key else uuid.uuid4().hex
    on = _day(args.date, lang)
    async with _billing(settings) as billing:
        client = await billing.find_client(args.client)
        posted = await billing.add_payment(client.id, amount, key, note=args.note, on=on)
        balance = (await billing.balance(client.id)).balance if client.plan else None
    if args.json:
        entry = posted.entries[0]
        print(json.dumps({"client": client.name, "entry": entry.id, "key": key,
                          "date": entry.at.astimezone(settings.tz).date().isoformat(),
                          "month": str(entry.period),
                          "amount": amount, "duplicate": posted.duplicate,
                          "balance": balance}, ensure_ascii=False))
    else:
        shown = money(lang, balance) if balance is not None else "—"
        print(t(lang, "billing.payment_repeated" if posted.duplicate else
                "billing.payment_added", amount=money(lang, amount), client=client.name,
                balance=shown))
    return 0


async def cmd_statement(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UsageError, writable_file
    from bot.statements import write_xlsx
    from domain.billing.service import duration
    from domain.texts import kind_name, money, t

    lang = settings.default_language
    period = _month(args.month)
    xlsx = writable_file(args.xlsx, lang, "statement.xlsx") if args.xlsx else None
    async with _billing(settings) as billing:
        client = await billing.find_client(args.client)
        statement = await billing.statement(client.id, period)
    if xlsx:
        try:
            write_xlsx(statement, xlsx, lang)
        except OSError as exc:
            raise UsageError(t(lang, "cli.err.cannot_write", path=xlsx,
                               reason=exc.strerror or exc)) from None
    if args.json:
        print(json.dumps({
            "client": client.name, "month": str(period),
            "opening_balance": statement.opening_balance,
            "closing_balance": statement.closing_balance,
            "entries": [{"id": line.entry.id, "date": line.entry.at.date().isoformat(),
                         "type": line.entry.type.value, "ticket": line.ticket_number,
                         "who": line.staff_name, "what": line.entry.note,
                         "kind": line.entry.kind.value if line.entry.kind else None,
                         "minutes": line.entry.minutes, "amount": line.entry.amount}
                        for line in statement.lines],
            "totals": {s.kind.value: {"minutes": s.minutes, "amount": s.amount}
                       for s in statement.by_kind},
            "total_minutes": statement.total_minutes, "total_amount": statement.total_amount,
            "xlsx": args.xlsx,
        }, ensure_ascii=False))
        return 0
    print(t(lang, "billing.statement.title", client=client.name, month=str(period)))
    for line in statement.lines:
        entry = line.entry
        ticket = f"№{line.ticket_number} " if line.ticket_number else ""
        print(f"{entry.at.date()}  {ticket}{t(lang, f'billing.entry.{entry.type.value}')}"
              f"  {line.staff_name}  {duration(lang, entry.minutes) if entry.minutes else ''}"
              f"  {money(lang, entry.amount)}")
    for spend in statement.by_kind:
        print(f"{kind_name(lang, spend.kind)}: {duration(lang, spend.minutes)}, "
              f"{money(lang, spend.amount)}")
    if args.xlsx:
        print(args.xlsx)
    return 0


async def cmd_economics(args: argparse.Namespace, settings: Settings) -> int:
    from domain.texts import money, t

    lang = settings.default_language
    period = _month(args.month)
    async with _billing(settings) as billing:
        report = await billing.economics(period)

    def row(y) -> dict:  # noqa: ANN001
        return {"name": y.name, "worked_minutes": y.worked_minutes,
                "billable_minutes": y.billable_minutes, "revenue": y.revenue,
                "billable_share": round(y.billable_share, 4), "hourly_yield": y.hourly_yield}

    if args.json:
        print(json.dumps({
            "month": str(period), "total": row(report.total),
            "staff": [row(y) for y in report.by_staff],
            "clients": [row(y) for y in report.by_client],
            "unpaid_tickets": [{"client": u.client, "ticket": u.number, "title": u.title,
                                "minutes": u.minutes} for u in report.unpaid_tickets],
            "satisfaction": [{"client": name, "up": up, "down": down}
                             for name, up, down in report.satisfaction],
        }, ensure_ascii=False))
        return 0
    total = report.total
    print(t(lang, "cli.economics.head", month=str(period), share=f"{total.billable_share:.0%}",
            yield_=money(lang, total.hourly_yield)))
    for title, rows in (("staff", report.by_staff), ("clients", report.by_client)):
        print(t(lang, f"cli.economics.{title}"))
        for y in rows:
            print(t(lang, "cli.economics.row", name=y.name, minutes=y.worked_minutes,
                    share=f"{y.billable_share:.0%}", yield_=money(lang, y.hourly_yield)))
    if report.unpaid_tickets:
        print(t(lang, "cli.economics.unpaid"))
        for u in report.unpaid_tickets:
            print(t(lang, "cli.economics.unpaid_row", client=u.client, number=u.number,
                    title=u.title, minutes=u.minutes))
    if report.satisfaction:
        print(t(lang, "cli.economics.satisfaction"))
        for name, up, down in report.satisfaction:
            print(f"  {name}: 👍 {up} · 👎 {down}")
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    plans = sub.add_parser("plans", help="clients' plans").add_subparsers(
        dest="plans_command", metavar="COMMAND", required=True)
    ps = command("set", cmd_plans_set, "set a client's plan", plans)
    ps.add_argument("client")
    ps.add_argument("--model", choices=sorted(MODELS), required=True)
    ps.add_argument("--kind", action="append", default=[],
                    help="KIND:MODE:FEE a month in roubles, e.g. technical:passive:20000")
    ps.add_argument("--hours", help="package hours a month, e.g. 20 or 7.5")
    ps.add_argument("--rate", default="0",
                    help="roubles an hour (overage, T&M), e.g. 2000 or \"2 000,50\"")
    ps.add_argument("--rounding", type=int, default=0, help="bill time in steps of N minutes")
    ps.add_argument("--starts", help="first day of the plan, e.g. 2026-11-01")
    ps.add_argument("--trial", action="store_true", help="the first month is a trial")
    ps.add_argument("--json", action="store_true")
    show = command("show", cmd_plans_show, "show a client's plan", plans)
    show.add_argument("client")
    show.add_argument("--json", action="store_true")

    payments = sub.add_parser("payments", help="money received").add_subparsers(
        dest="payments_command", metavar="COMMAND", required=True)
    pa = command("add", cmd_payments_add, "record a client's payment", payments)
    pa.add_argument("client")
    pa.add_argument("amount", help="roubles as on an invoice: 50000, \"50 000\", 50000,50")
    pa.add_argument("--key", help="the payment's own id (bank transaction): retries post once")
    pa.add_argument("--note", default="")
    pa.add_argument("--date", metavar="YYYY-MM-DD",
                    help="the day the money came in; it is posted into that day's month "
                    "(default: today in TIMEZONE; a future date is refused)")
    pa.add_argument("--json", action="store_true")

    st = command("statement", cmd_statement, "a client's monthly statement")
    st.add_argument("client")
    st.add_argument("--month", required=True, help="YYYY-MM")
    st.add_argument("--xlsx", help="also write the statement to this XLSX file")
    st.add_argument("--json", action="store_true")

    ec = command("economics", cmd_economics,
                 "billable share, real hourly yield, tickets that eat hours without money")
    ec.add_argument("--month", required=True, help="YYYY-MM")
    ec.add_argument("--json", action="store_true")
