"""`chatdesk chats link|unlink|list`: bind a messenger chat to a client from the command line (a
WhatsApp group the bot's account is already in, a Cloud API phone number)."""

from __future__ import annotations

import argparse
import json
import re

from bot.settings import Settings

_TELEGRAM_CHAT = re.compile(r"-?\d{1,20}")
_WHATSAPP_PHONE = re.compile(r"\+?(\d{7,15})")
_WHATSAPP_ID = re.compile(r"\d{7,15}@c\.us|\d{5,30}(-\d{5,20})?@g\.us")


def chat_address(platform, given: str, lang) -> str:  # noqa: ANN001
    """A chat id as the messenger spells it, or one line saying what it should look like:
    Telegram chats are whole numbers; WhatsApp chats are a phone number in digits, a
    Green-API person (79001234567@c.us) or group (120363...@g.us)."""
    from bot.errors import UsageError
    from domain.kernel.model import Platform
    from domain.texts import t

    text = given.strip()
    if platform is Platform.TELEGRAM:
        if _TELEGRAM_CHAT.fullmatch(text):
            return text
        raise UsageError(t(lang, "cli.err.telegram_chat", value=repr(given)))
    phone = _WHATSAPP_PHONE.fullmatch(re.sub(r"[\s()-]", "", text))
    if phone:
        return phone.group(1)
    if _WHATSAPP_ID.fullmatch(text):
        return text
    raise UsageError(t(lang, "cli.err.whatsapp_chat", value=repr(given)))


async def cmd_chats_link(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.kernel.model import Platform
    from domain.onboarding.service import link_chat
    from domain.texts import t

    lang = settings.default_language
    chat_id = chat_address(Platform(args.platform), args.chat_id, lang)
    app = await build_app(settings)
    try:
        async with app.uow() as uow:
            client = await uow.clients.get_by_name(args.client)
            if client is None:
                raise UserFacingError(t(lang, "cli.no_client", name=args.client))
            chat = await link_chat(uow, client, Platform(args.platform), chat_id, args.title)
            await uow.commit()
    finally:
        await app.close()
    if args.json:
        print(json.dumps({"chat": chat.id, "client": client.id, "platform": args.platform,
                          "chat_id": chat_id}, ensure_ascii=False))
    else:
        print(t(lang, "cli.chat_linked", platform=args.platform, chat_id=chat_id,
                client=client.name))
    return 0


async def cmd_chats_unlink(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.kernel.model import Platform
    from domain.onboarding.service import unlink_chat
    from domain.texts import t

    lang = settings.default_language
    platform = Platform(args.platform)
    chat_id = chat_address(platform, args.chat_id, lang)
    app = await build_app(settings)
    try:
        async with app.uow() as uow:
            chat, client = await unlink_chat(uow, platform, chat_id)
            await uow.commit()
    finally:
        await app.close()
    name = client.name if client else f"#{chat.client_id}"
    if args.json:
        print(json.dumps({"chat": chat.id, "client": chat.client_id, "platform": args.platform,
                          "chat_id": chat_id, "active": False}, ensure_ascii=False))
    else:
        print(t(lang, "cli.chat_unlinked", platform=args.platform, chat_id=chat_id, client=name))
    return 0


async def cmd_chats_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.wiring import build_app
    from domain.texts import t

    app = await build_app(settings)
    rows = []
    try:
        async with app.uow() as uow:
            for client in await uow.clients.list():
                for chat in await uow.chats.for_client(client.id):
                    rows.append({"client": client.name, "platform": chat.platform.value,
                                 "chat_id": chat.external_id, "title": chat.title,
                                 "active": chat.active})
    finally:
        await app.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not rows:
        print(t(settings.default_language, "cli.no_chats"))
    for row in rows if not args.json else ():
        state = "" if row["active"] else t(settings.default_language, "cli.chat_removed")
        print(f"{row['client']}: {row['platform']} {row['chat_id']} {row['title']}{state}")
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    chats = sub.add_parser("chats", help="client chats").add_subparsers(
        dest="chats_command", metavar="COMMAND", required=True)
    link = command("link", cmd_chats_link, "link a Telegram or WhatsApp chat to a client", chats)
    link.add_argument("--client", required=True, help="the client's name")
    link.add_argument("--platform", choices=["telegram", "whatsapp"], required=True)
    link.add_argument("--chat-id", required=True,
                      help="WhatsApp group 1203...@g.us, a phone number, or a Telegram chat id")
    link.add_argument("--title", default="")
    link.add_argument("--json", action="store_true")
    unlink = command("unlink", cmd_chats_unlink, "stop keeping tickets in a chat; its history "
                     "stays and it may be linked to another client later", chats)
    unlink.add_argument("--platform", choices=["telegram", "whatsapp"], required=True)
    unlink.add_argument("--chat-id", required=True, help="as given to `chats link`")
    unlink.add_argument("--json", action="store_true")
    lst = command("list", cmd_chats_list, "list linked chats", chats)
    lst.add_argument("--json", action="store_true")
