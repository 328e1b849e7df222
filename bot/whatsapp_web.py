"""WhatsApp webhooks on the bot's aiohttp server: Meta's Cloud API at `/whatsapp/cloud` and the
Green-API group gateway at `/whatsapp/green`.

Every request is verified before its body is parsed (an HMAC of the raw body for Meta, a
shared token for Green-API); a forged one is refused and stores nothing. A message is stored
(and committed) by the desk before anything is sent back, and its WhatsApp id is the idempotency
key: Meta redelivers for days and Green-API every minute until it gets a 200.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.messengers import MessengerRegistry
from domain.intake.service import InboundMessage, IntakeResult, Outcome
from domain.kernel.model import Language, MediaKind, Platform
from domain.kernel.ports import Messenger
from domain.outbox.choices import CONFIRM, ChoiceDesk, DeskFollowUps
from domain.outbox.service import Post
from domain.satisfaction.rules import csat_follow_up
from domain.satisfaction.service import Satisfaction
from domain.texts import t
from domain.tickets.model import Actor, DeskError
from domain.tickets.service import Desk, open_tickets, ticket_details
from domain.workspace.service import Workspace

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.wiring import App

log = logging.getLogger(__name__)

CLOUD_PATH = "/whatsapp/cloud"
GREEN_PATH = "/whatsapp/green"
SIGNATURE_HEADER = "X-Hub-Signature-256"


# -- verification ------------------------------------------------------------------------------


def meta_signature(app_secret: str, body: bytes) -> str:
    """The `X-Hub-Signature-256` value Meta sends: `sha256=` + HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def meta_signature_ok(app_secret: str, body: bytes, header: str | None) -> bool:
    return bool(header) and hmac.compare_digest(meta_signature(app_secret, body), header)


def bearer_ok(expected: str, header: str | None) -> bool:
    """Green-API sends the instance's webhookUrlToken in Authorization, with or without a
    scheme word ('Bearer <token>'); either form is accepted, nothing else."""
    if not header:
        return False
    token = header.split(" ", 1)[1] if " " in header else header
    return hmac.compare_digest(token.strip().encode(), expected.encode())


# -- parsing -----------------------------------------------------------------------------------


def _at(timestamp: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(timestamp), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def phone(wa_id: str) -> str:
    """A person's WhatsApp id as staff are registered: digits only ('79001234567@c.us' → …)."""
    return wa_id.split("@", 1)[0]


_CLOUD_MEDIA = {"image": MediaKind.PHOTO, "video": MediaKind.VIDEO, "audio": MediaKind.AUDIO,
                "document": MediaKind.DOCUMENT, "sticker": MediaKind.STICKER}


def cloud_messages(payload: dict) -> list[InboundMessage]:
    """Messages of a Cloud API webhook (statuses and other fields are not messages)."""
    found: list[InboundMessage] = []
    for entry in payload.get("entry") or ():
        for change in entry.get("changes") or ():
            value = change.get("value") or {}
            names = {c.get("wa_id"): (c.get("profile") or {}).get("name", "")
                     for c in value.get("contacts") or ()}
            for m in value.get("messages") or ():
                sender, kind = str(m.get("from", "")), m.get("type")
                text, media = "", _CLOUD_MEDIA.get(kind)
                if kind == "text":
                    text = (m.get("text") or {}).get("body", "")
                elif kind == "interactive":
                    reply = (m.get("interactive") or {})
                    reply = reply.get("button_reply") or reply.get("list_reply") or {}
                    text = str(reply.get("id", ""))  # our buttons carry the option's number
                elif kind == "button":
                    text = (m.get("button") or {}).get("text", "")
                elif media is not None:
                    text = (m.get(kind) or {}).get("caption", "")
                elif kind != "unsupported":
                    media = MediaKind.OTHER
                if not (m.get("id") and sender):
                    continue
                found.append(InboundMessage(
                    platform=Platform.WHATSAPP, chat_id=sender, message_id=str(m["id"]),
                    sender_id=sender, sender_name=names.get(sender, ""),
                    sent_at=_at(m.get("timestamp")), text=text, media=media,
                    reply_to=(m.get("context") or {}).get("id"),
                    forwarded=bool((m.get("context") or {}).get("forwarded")),
                ))
    return found


_GREEN_MEDIA = {"imageMessage": MediaKind.PHOTO, "videoMessage": MediaKind.VIDEO,
                "documentMessage": MediaKind.DOCUMENT, "audioMessage": MediaKind.AUDIO,
                "stickerMessage": MediaKind.STICKER}
_GREEN_TEXT = {"textMessage", "extendedTextMessage", "quotedMessage"}


@dataclass(frozen=True, slots=True)
class GreenEvent:
    message: InboundMessage
    chat_title: str
    instance_id: str


def green_message(payload: dict) -> GreenEvent | None:
    """An incoming group or private message of a Green-API webhook; None for anything else
    (statuses, our own sends, reactions, calls)."""
    if payload.get("typeWebhook") != "incomingMessageReceived":
        return None
    sender_data, data = payload.get("senderData") or {}, payload.get("messageData") or {}
    kind = data.get("typeMessage")
    extended = data.get("extendedTextMessageData") or {}
    if kind == "textMessage":
        text, media = (data.get("textMessageData") or {}).get("textMessage", ""), None
    elif kind in _GREEN_TEXT:
        text, media = extended.get("text", ""), None
    elif kind in _GREEN_MEDIA:
        text, media = (data.get("fileMessageData") or {}).get("caption", ""), _GREEN_MEDIA[kind]
    else:
        return None
    chat_id, sender = sender_data.get("chatId"), sender_data.get("sender")
    if not (chat_id and sender and payload.get("idMessage")):
        return None
    quoted = (data.get("quotedMessage") or {}).get("stanzaId") or extended.get("stanzaId")
    return GreenEvent(
        InboundMessage(
            platform=Platform.WHATSAPP, chat_id=str(chat_id),
            message_id=str(payload["idMessage"]), sender_id=phone(str(sender)),
            sender_name=sender_data.get("senderName") or sender_data.get("senderContactName")
            or "",
            sent_at=_at(payload.get("timestamp")), text=text or "", media=media,
            reply_to=quoted or None, forwarded=bool(extended.get("isForwarded")),
        ),
        chat_title=sender_data.get("chatName") or "",
        instance_id=str((payload.get("instanceData") or {}).get("idInstance", "")),
    )


# -- the chat ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WhatsAppConfig:
    integrator: str
    language: Language
    tz: ZoneInfo


class WhatsAppChats:
    """Thin translation for WhatsApp chats: a command, an answer to a numbered question, or a
    message for intake; then what the chat should see, through its messenger."""

    def __init__(self, desk: Desk, choices: ChoiceDesk, config: WhatsAppConfig,
                 on_confirmed: Callable[[int], Awaitable[None]] | None = None,
                 post: Post | None = None, satisfaction: Satisfaction | None = None) -> None:
        self._desk, self._choices, self._config = desk, choices, config
        self.desk, self.choices = desk, choices
        self.satisfaction = satisfaction  # None: CSAT_ENABLED is off
        # Everything the chat should see is recorded in the outbox and sent from there.
        self.post = post or choices.post
        # Staff hear of a confirmed WhatsApp request the same way as of a Telegram one.
        self._on_confirmed = on_confirmed

    async def handle(self, msg: InboundMessage, messenger: Messenger, title: str = "") -> None:
        try:
            command, _, args = msg.text.strip().partition(" ")
            if command.startswith("/") and await self._command(command[1:].lower(), args,
                                                                msg, messenger, title):
                return
            if self.satisfaction is not None and await self._satisfaction(msg):
                return
            answer = await self._choices.answer(msg, messenger)
            if answer is not None:
                if (answer.key == CONFIRM and answer.view is not None and not answer.duplicate
                        and self._on_confirmed is not None):
                    await self._on_confirmed(answer.view.ticket.id)
                return
            await self._render(msg, await self._desk.receive(msg), messenger)
        except DeskError as exc:
            await self.post.send(msg.platform, msg.chat_id, t(await self._lang(msg), exc.key,
                                                              **exc.params),
                                 reply_to=msg.message_id)

    async def _satisfaction(self, msg: InboundMessage) -> bool:
        """A vote on a done request's question, or the requester's word in reply to it."""
        voted = await self.satisfaction.answer(msg)
        if voted is not None:
            # Quoting this thanks adds a word, as replying to the question does in Telegram.
            await self.post.send(msg.platform, msg.chat_id, voted.text, reply_to=msg.message_id,
                                 ticket_id=voted.ticket.id,
                                 follow_up=csat_follow_up(voted.ticket.id))
            return True
        if not msg.reply_to:
            return False
        worded = await self.satisfaction.word(msg.platform, msg.chat_id, msg.reply_to,
                                              Actor(msg.platform, msg.sender_id,
                                                    msg.sender_name), msg.text)
        if worded is None:
            return False
        await self.post.send(msg.platform, msg.chat_id, worded.text, reply_to=msg.message_id)
        return True

    async def _lang(self, msg: InboundMessage) -> Language:
        client = await self._desk.client_of_chat(msg.platform, msg.chat_id)
        return client.language if client else self._config.language

    async def _command(self, name: str, args: str, msg: InboundMessage, messenger: Messenger,
                       title: str) -> bool:
        reply: str
        if name == "link":
            if not args.strip():
                reply = t(self._config.language, "link.usage")
            else:
                client = await self._desk.link(args, msg.platform, msg.chat_id, title,
                                               Actor(msg.platform, msg.sender_id,
                                                     msg.sender_name))
                reply = t(client.language, "greeting", integrator=self._config.integrator,
                          client=client.name)
        elif not await self._desk.is_linked(msg.platform, msg.chat_id):
            return True  # an unlinked chat hears nothing but /link
        elif name == "help":
            reply = t(await self._lang(msg), "wa.help")
        elif name == "tickets":
            reply = open_tickets(await self._desk.open_tickets(msg.platform, msg.chat_id))
        elif name == "ticket":
            number = args.strip().lstrip("#№")
            if not number.isdigit():
                reply = t(await self._lang(msg), "ticket.usage")
            else:
                view = await self._desk.ticket(msg.platform, msg.chat_id, int(number))
                reply = ticket_details(view, self._config.tz)
        else:
            return False  # not ours: "/" may start an ordinary message
        await self.post.send(msg.platform, msg.chat_id, reply, reply_to=msg.message_id)
        return True

    async def _render(self, msg: InboundMessage, result: IntakeResult,
                      messenger: Messenger) -> None:
        ticket = result.ticket
        if result.outcome is Outcome.TICKET_CREATED or (
                result.outcome is Outcome.JOINED_BURST and result.reply
                and ticket.prompt_message_id):
            if result.outcome is Outcome.JOINED_BURST and messenger.capabilities.edit:
                await self.post.edit(msg.platform, msg.chat_id, ticket.prompt_message_id,
                                     result.reply)
                return
            # Without edits the grown draft is asked again; the new question replaces the old.
            await self._choices.ask_draft(messenger, msg.chat_id, ticket.id, msg.sender_id,
                                          await self._lang(msg), result.reply,
                                          reply_to=msg.message_id, unsure=ticket.kind_unsure)
        elif result.outcome in (Outcome.REFUSED, Outcome.JOINED_REPEAT) and result.reply:
            await self.post.send(msg.platform, msg.chat_id, result.reply,
                                 reply_to=msg.message_id)


def build_chats(app: App, *, bot_id: str = "whatsapp",
                on_confirmed: Callable[[int], Awaitable[None]] | None = None,
                post: Post | None = None) -> WhatsAppChats:
    settings = app.settings
    desk = Desk(app.uow, app.intake, app.clock)
    choices = ChoiceDesk(app.uow, desk, app.clock, reaction_hours=settings.reaction_hours,
                         bot_id=bot_id, post=post)
    from bot.scheduling import build_satisfaction

    return WhatsAppChats(desk, choices, WhatsAppConfig(settings.integrator_name,
                                                       settings.default_language, settings.tz),
                         on_confirmed, satisfaction=build_satisfaction(app)
                         if settings.csat_enabled else None)


# -- routes ------------------------------------------------------------------------------------


def _json(body: bytes) -> dict | None:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def add_cloud_routes(web_app: web.Application, chats: WhatsAppChats, messenger: Messenger, *,
                     app_secret: str, verify_token: str | None) -> None:
    async def verify(request: web.Request) -> web.Response:
        query = request.query
        if (verify_token and query.get("hub.mode") == "subscribe"
                and hmac.compare_digest(query.get("hub.verify_token", "").encode(),
                                        verify_token.encode())):
            return web.Response(text=query.get("hub.challenge", ""))
        return web.Response(status=403)

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        if not meta_signature_ok(app_secret, body, request.headers.get(SIGNATURE_HEADER)):
            log.warning("WhatsApp Cloud webhook with a bad signature refused")
            return web.Response(status=401)
        payload = _json(body)
        if payload is None:
            return web.Response(status=400)
        for msg in cloud_messages(payload):
            await chats.handle(msg, messenger)
        return web.Response(text="ok")

    web_app.router.add_get(CLOUD_PATH, verify)
    web_app.router.add_post(CLOUD_PATH, receive)


def add_green_routes(web_app: web.Application, chats: WhatsAppChats, messenger: Messenger, *,
                     webhook_token: str, instance_id: str) -> None:
    async def receive(request: web.Request) -> web.Response:
        if not bearer_ok(webhook_token, request.headers.get("Authorization")):
            log.warning("Green-API webhook without the right token refused")
            return web.Response(status=401)
        payload = _json(await request.read())
        if payload is None:
            return web.Response(status=400)
        event = green_message(payload)
        if event is not None:
            if event.instance_id and event.instance_id != str(instance_id):
                return web.Response(status=403)  # another instance's messages are not ours
            await chats.handle(event.message, messenger, event.chat_title)
        return web.Response(text="ok")

    web_app.router.add_post(GREEN_PATH, receive)


def add_whatsapp_routes(web_app: web.Application, app: App, *, bot: Bot | None = None,
                        registry: MessengerRegistry | None = None,
                        on_confirmed: Callable[[int], Awaitable[None]] | None = None,
                        post: Post | None = None) -> MessengerRegistry:
    """Serve the webhooks of every WhatsApp adapter the settings configure; none is served
    without its secret. The registry (closed with the web app) is returned for other uses.

    `post`: the running bot's outbox, whose sender delivers WhatsApp messages too; without
    it the web app runs its own sender while it is up."""
    settings = app.settings
    registry = registry or MessengerRegistry.from_settings(settings, bot=bot)
    own = post is None
    post = post or Post(app.uow, app.clock)
    chats = build_chats(app, on_confirmed=on_confirmed, post=post)
    sender = None
    if own:
        from bot.sending import OutboxSender, build_outbox

        workspace = Workspace(app.uow, app.clock, reaction_hours=settings.reaction_hours)
        sender = OutboxSender(build_outbox(app, registry, DeskFollowUps(
            chats.desk, workspace, chats.choices, chats.satisfaction)), app.clock)
        post.wake = sender.wake

        async def start_sending(_app: web.Application) -> None:
            sender.start()
            sender.wake()

        web_app.on_startup.append(start_sending)
    if registry.cloud is not None:
        if settings.whatsapp_app_secret:
            add_cloud_routes(web_app, chats, registry.cloud,
                             app_secret=settings.whatsapp_app_secret,
                             verify_token=settings.whatsapp_verify_token)
        else:
            log.warning("WHATSAPP_APP_SECRET is not set: the Cloud API webhook is not served")
    if registry.gateway is not None:
        if settings.green_api_webhook_token:
            add_green_routes(web_app, chats, registry.gateway,
                             webhook_token=settings.green_api_webhook_token,
                             instance_id=settings.green_api_instance_id or "")
        else:
            log.warning("GREEN_API_WEBHOOK_TOKEN is not set: the Green-API webhook is not served")

    async def close(_app: web.Application) -> None:
        if sender is not None:
            await sender.stop()
        await registry.aclose()

    web_app.on_cleanup.append(close)
    return registry
