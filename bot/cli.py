"""The `chatdesk` command line."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import logging
import pkgutil
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, NoReturn

from bot.errors import UsageError, UserFacingError
from bot.logs import configure_logging
from bot.settings import (
    Settings,
    SettingsError,
    env_file_in_use,
    load_settings,
    unknown_env_names,
)

Handler = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line on stderr (exit 2), like every other
    refusal; `--help` still shows the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


# Feature modules add their own subcommands: each module in `bot.commands` has
# `register(sub, command)`, where `command(name, handler, help, parent=sub)` adds one.
def _register_feature_commands(sub, command) -> None:  # noqa: ANN001
    import bot.commands

    for info in sorted(pkgutil.iter_modules(bot.commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"bot.commands.{info.name}").register(sub, command)


async def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from storage.engine import display_url, upgrade

    await upgrade(settings.database_url, args.revision)
    print(f"Database is at revision {args.revision}: {display_url(settings.database_url)}")
    return 0


async def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.demo import run_demo
    from domain.kernel.model import Language

    if args.lang:
        settings = settings.model_copy(update={"default_language": Language(args.lang)})
    await run_demo(settings)
    return 0


async def cmd_classify(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_classifier

    classifier = build_classifier(settings)
    out = sys.stdout
    for number, raw in enumerate(sys.stdin, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            if not isinstance(row, dict) or not isinstance(row.get("text", ""), str):
                raise ValueError("expected an object with a string 'text'")
        except ValueError as exc:
            # One bad line must not stop a batch: answer it with an error and go on.
            out.write(json.dumps({"line": number, "error": f"invalid input: {exc}"}) + "\n")
            continue
        verdict = await classifier.classify(row.get("text", ""))
        out.write(
            json.dumps(
                {
                    "id": row.get("id"),
                    "kind": verdict.kind.value,
                    "confidence": round(verdict.confidence, 3),
                    "reason": verdict.reason.value if verdict.reason else None,
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    out.flush()
    return 0


def _labelled_rows(path: Path, handle) -> list[dict]:  # noqa: ANN001
    from domain.kernel.model import Kind

    rows = []
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            Kind(row["kind"])
            if not isinstance(row["text"], str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise UsageError(
                f"{path}:{number}: expected {{\"text\": ..., \"kind\": ...}} with a known kind"
            ) from None
        rows.append(row)
    return rows


def _read_labelled(path: Path, lang: str) -> list[dict]:
    from domain.texts import t

    if not path.is_file():
        raise UsageError(f"No such file: {path}")
    rows = []
    try:
        with path.open(encoding="utf-8") as handle:
            rows = _labelled_rows(path, handle)
    except UnicodeDecodeError:
        raise UsageError(t(lang, "cli.err.not_text", path=path)) from None
    if not rows:
        raise UsageError(f"{path} has no labelled messages")
    return rows


async def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from domain.triage import default_classifier
    from domain.triage.metrics import chatter_ticketed, evaluate, format_report

    rows = _read_labelled(Path(args.file), settings.default_language)
    builtin = default_classifier()
    if args.llm:
        from bot.adapters.llm_eval import compare
        from bot.wiring import build_classifier

        if not settings.llm_enabled:
            raise UsageError("--llm needs LLM_BASE_URL (or OPENAI_BASE_URL) and LLM_MODEL set")
        # Eval rows share one client-less budget: let every row reach the model once.
        llm = build_classifier(settings, budget=len(rows), cache_size=len(rows))
        try:
            print(await compare(rows, builtin, llm))
        finally:
            await llm.aclose()
        return 0
    gold = [row["kind"] for row in rows]
    predicted = [(await builtin.classify(row["text"])).kind.value for row in rows]
    report = evaluate(gold, predicted)
    ticketed, chatter = chatter_ticketed(gold, predicted)
    if args.json:
        print(json.dumps({**report.as_dict(), "chatter_ticketed": ticketed,
                          "chatter_total": chatter}, ensure_ascii=False))
    else:
        print(format_report(report))
        print(f"chatter turned into tickets: {ticketed} of {chatter}")
    return 0


async def cmd_clients_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.onboarding.service import add_client

    app = await build_app(settings)
    try:
        async with app.uow() as uow:
            client = await add_client(uow, args.name, now=app.clock.now(),
                                      language=settings.default_language)
            await uow.commit()
    finally:
        await app.close()
    if args.json:
        print(json.dumps({"id": client.id, "link_code": client.link_code}, ensure_ascii=False))
    else:
        from domain.texts import t

        lang = settings.default_language
        print(t(lang, "cli.client_added", name=client.name, id=client.id))
        print(t(lang, "cli.client_link_hint", code=client.link_code))
    return 0


async def cmd_staff_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.commands.desk_admin import administration, check_accounts
    from domain.kernel.model import StaffRole

    # A Telegram id is a positive number, a phone becomes digits: checked the same way as
    # from an admin's Telegram menu, and before anything is opened or written.
    check_accounts(args.telegram_id, args.whatsapp_id, settings.default_language)
    async with administration(settings) as admin:
        member = await admin.add_staff(args.name, telegram_id=args.telegram_id,
                                       whatsapp_id=args.whatsapp_id, role=StaffRole(args.role),
                                       language=settings.default_language)
    if args.json:
        print(json.dumps({"id": member.id, "name": member.name, "role": member.role.value},
                         ensure_ascii=False))
    else:
        from domain.texts import t

        lang = settings.default_language
        print(t(lang, "cli.staff_added", name=member.name, id=member.id,
                role=t(lang, f"cli.role.{member.role.value}")))
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.scaling import instance_guard

    _check_run_settings(settings)
    async with instance_guard(settings):
        return await _run(settings)


def _check_run_settings(settings: Settings) -> None:
    from bot.scheduling import sla_setup
    from bot.web import whatsapp_configured

    try:  # the SLA policies and working calendar are checked before anything starts
        sla_setup(settings)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from None
    if not settings.telegram_bot_token and not whatsapp_configured(settings):
        raise UsageError(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token "
            "in .env (see .env.example); or set up WhatsApp (WHATSAPP_* or GREEN_API_*)"
        )


def _calendar_warning(settings: Settings, command: str) -> None:
    """A month before the working-calendar data runs out (and after), say so at start."""
    from bot.calendars import calendar_warning

    text = calendar_warning(settings)
    if text is None:
        return
    if command == "run":
        logging.getLogger("chatdesk").warning("%s", text)
    else:
        print(f"chatdesk: warning: {text}", file=sys.stderr)


async def _run(settings: Settings) -> int:
    from bot.web import run_web
    from bot.wiring import build_app

    _calendar_warning(settings, "run")
    if not settings.telegram_bot_token:
        from bot.messengers import MessengerRegistry

        app = await build_app(settings)
        try:
            await run_web(app, MessengerRegistry.from_settings(settings))
        finally:
            await app.close()
        return 0
    from bot.telegram import build_bot, run_polling, run_webhook

    app = await build_app(settings)
    bot = build_bot(settings)
    try:
        if settings.webhook_base_url:
            await run_webhook(app, bot)
        else:
            await run_polling(app, bot)
    finally:
        await bot.session.close()  # also when the start failed
        await app.close()
    return 0


# Commands that change the database: after one succeeds, a line on stderr says which
# database and .env it used, so a run from the wrong folder or file is seen at once.
WRITING_COMMANDS = frozenset({
    "cmd_db_upgrade", "cmd_clients_add", "cmd_staff_add", "cmd_plans_set", "cmd_payments_add",
    "cmd_chats_link", "cmd_chats_unlink", "cmd_import", "cmd_clients_priority",
    "cmd_calendar_client", "cmd_cabinet_link", "cmd_cabinet_money_access", "cmd_clients_bitrix",
})


def _sources_line(settings: Settings, env_file: Path | None) -> str:
    from storage.engine import display_url

    env = str(env_file) if env_file else "none (environment only)"
    return f"chatdesk: database {display_url(settings.database_url)}; .env {env}"


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="chatdesk",
        description="A service desk bot for IT integrators' client chats. Settings come from "
        "the environment and a .env file: --env-file, else CHATDESK_HOME/.env, else the "
        "project folder's .env; a relative SQLite path is relative to that same folder.",
    )
    parser.add_argument("--env-file", metavar="FILE",
                        help="read settings from this .env file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, handler: Handler, help_text: str, parent=sub):  # noqa: ANN001, ANN202
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    db = sub.add_parser("db", help="database schema").add_subparsers(
        dest="db_command", metavar="COMMAND", required=True)
    up = command("upgrade", cmd_db_upgrade, "upgrade the database schema", db)
    up.add_argument("revision", nargs="?", default="heads")

    demo = command("demo", cmd_demo, "play a day of a client chat on a temporary database")
    demo.add_argument("--lang", choices=["ru", "en"], help="language of the output")

    command("run", cmd_run, "run the Telegram bot (long polling, or a webhook when "
            "WEBHOOK_BASE_URL is set)")

    command("classify", cmd_classify,
            "classify JSON lines {\"id\", \"text\"} from stdin, one JSON line out per input")

    ev = command("eval", cmd_eval, "measure the classifier on a labelled JSON lines file")
    ev.add_argument("file")
    ev.add_argument("--llm", action="store_true", help="compare with the configured LLM")
    ev.add_argument("--json", action="store_true")

    clients = sub.add_parser("clients", help="client companies").add_subparsers(
        dest="clients_command", metavar="COMMAND", required=True)
    ca = command("add", cmd_clients_add, "add a client and print its chat link code", clients)
    ca.add_argument("name")
    ca.add_argument("--json", action="store_true")

    staff = sub.add_parser("staff", help="the integrator's staff").add_subparsers(
        dest="staff_command", metavar="COMMAND", required=True)
    sa = command("add", cmd_staff_add, "add a staff member", staff)
    sa.add_argument("--telegram-id")
    sa.add_argument("--whatsapp-id")
    sa.add_argument("--name", required=True)
    sa.add_argument("--role", choices=["staff", "admin"], default="staff")
    sa.add_argument("--json", action="store_true")

    _register_feature_commands(sub, command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from domain.onboarding.service import OnboardingError

    try:
        env_file = env_file_in_use(args.env_file)
        settings = load_settings(args.env_file)
        for name in unknown_env_names(env_file) if env_file else ():
            print(f"chatdesk: warning: {env_file}: {name} is not a chatdesk setting, "
                  "so it is ignored", file=sys.stderr)
        configure_logging(settings)
        if args.handler not in (cmd_run, cmd_db_upgrade):
            # A one-shot command says what it did on stdout; the schema check it runs first
            # stays quiet unless something is wrong.
            logging.getLogger("alembic").setLevel(logging.WARNING)
        if args.command in ("calendar", "sla"):
            _calendar_warning(settings, args.command)
        code = asyncio.run(args.handler(args, settings))
        if code == 0 and args.handler.__name__ in WRITING_COMMANDS \
                and not getattr(args, "dry_run", False):
            print(_sources_line(settings, env_file), file=sys.stderr)
        return code
    except SettingsError as exc:
        print(f"chatdesk: {exc}", file=sys.stderr)
        return 2
    except OnboardingError as exc:
        print(f"chatdesk: {exc.text(settings.default_language)}", file=sys.stderr)
        return 2
    except (UsageError, UserFacingError) as exc:
        print(f"chatdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
