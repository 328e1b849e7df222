"""`chatdesk clients mail CLIENT --domain vector.ru | --address ivan@vector.ru [--remove]`:
which client a mail belongs to. Each mapping is a mail chat of the client (platform `email`),
so `chats list` shows it too; a domain or address belongs to one client at a time."""

from __future__ import annotations

import argparse
import json

from bot.settings import Settings

MAX_KEY = 120  # a mail chat's key is a chat id (128 characters at most)


def mail_key(domain: str | None, address: str | None, lang) -> str:  # noqa: ANN001
    """The mapping as the desk keys it, or one line saying what was expected."""
    from bot.errors import UsageError
    from domain.mail.rules import normal_address, normal_domain
    from domain.texts import t

    if (domain is None) == (address is None):
        raise UsageError(t(lang, "cli.err.mail_one"))
    if domain is not None:
        key = normal_domain(domain)
        if key is None or len(key) > MAX_KEY:
            raise UsageError(t(lang, "cli.err.mail_domain", value=repr(domain)))
        return key
    key = normal_address(address)
    if key is None or len(key) > MAX_KEY:
        raise UsageError(t(lang, "cli.err.mail_address", value=repr(address)))
    return key


async def cmd_clients_mail(args: argparse.Namespace, settings: Settings) -> int:
    from bot.errors import UserFacingError
    from bot.wiring import build_app
    from domain.kernel.model import Platform
    from domain.onboarding.service import link_chat, unlink_chat
    from domain.texts import t

    lang = settings.default_language
    key = mail_key(args.domain, args.address, lang)
    app = await build_app(settings)
    try:
        async with app.uow() as uow:
            client = await uow.clients.get_by_name(args.client)
            if client is None or client.archived_at is not None:
                raise UserFacingError(t(lang, "cli.no_client", name=args.client))
            if args.remove:
                chat, owner = await unlink_chat(uow, Platform.EMAIL, key)
                if owner is None or owner.id != client.id:
                    raise UserFacingError(t(lang, "cli.chat_not_linked", platform="email",
                                            chat_id=key))
            else:
                chat = await link_chat(uow, client, Platform.EMAIL, key, title=key)
            await uow.commit()
    finally:
        await app.close()
    if args.json:
        print(json.dumps({"client": client.name, "key": key, "chat": chat.id,
                          "active": not args.remove}, ensure_ascii=False))
    else:
        print(t(lang, "cli.mail_unmapped" if args.remove else "cli.mail_mapped", what=key,
                client=client.name))
    return 0


def register(sub, command) -> None:  # noqa: ANN001
    from bot.commands.desk_admin import _subcommands

    clients = _subcommands(sub.choices["clients"])
    cm = command("mail", cmd_clients_mail,
                 "mail from this domain or address goes to the client", clients)
    cm.add_argument("client", help="the client's name")
    cm.add_argument("--domain", help="every address of the domain, e.g. vector.ru")
    cm.add_argument("--address", help="one address, e.g. ivan@vector.ru (wins over its domain)")
    cm.add_argument("--remove", action="store_true", help="stop mapping it to the client")
    cm.add_argument("--json", action="store_true")
