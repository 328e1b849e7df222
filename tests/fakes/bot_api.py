"""A fake Telegram Bot API server for end-to-end tests.

The bot under test talks to it over real HTTP through the real aiogram session::

    fake = FakeBotAPI()
    await fake.start()
    bot = Bot(fake.token, session=AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url)))

Mental model, so tests read like what happens in Telegram:

* **Building** an update (``group_message``, ``callback``, ``migrate``...) means "this happened
  in Telegram": the fake learns the chat, the user and the message (so the bot can reply to it,
  edit it, answer the callback...). Building does not deliver anything.
* **Delivering** is separate: ``push_update`` queues it for ``getUpdates`` (long polling),
  ``post_webhook`` POSTs it to a webhook, or a test can hand it to ``Dispatcher.feed_update``.
* Everything the bot calls is recorded in ``calls`` (and in more detail in ``log``); messages
  it creates are in ``sent``.

The server enforces the Bot API rules that bite real bots (unknown chat, kicked bot, migrated
group, unparsable markup, "message is not modified", 64-byte callback_data, stale callback
queries, unconfirmed updates being redelivered) instead of answering ``ok`` to everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from .entities import EntityParseError, auto_entities, format_text, utf16_len

# Update types Telegram delivers when allowed_updates was never set or set to [].
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Form/query values arrive as strings; these parameters are strings in the Bot API and must not
# be JSON-decoded ("123" as a text stays "123"). Everything else is decoded when it parses.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "url",
        "secret_token",
        "action",
        "file_id",
        "photo",
        "document",
        "video",
        "audio",
        "voice",
        "animation",
        "sticker",
        "thumbnail",
        "title",
        "description",
        "short_description",
        "language_code",
        "name",
        "message_effect_id",
        "business_connection_id",
        "inline_message_id",
        "emoji",
        "ip_address",
        "query",
        "custom_title",
        "question",
        "explanation",
        "address",
        "first_name",
        "last_name",
        "phone_number",
        "vcard",
        "certificate",
    }
)

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

# Message fields copyMessage/forwardMessage carry over (content, not identity or metadata).
_CONTENT_FIELDS = (
    "text",
    "entities",
    "photo",
    "document",
    "video",
    "audio",
    "voice",
    "animation",
    "sticker",
    "caption",
    "caption_entities",
    "contact",
    "location",
    "venue",
    "poll",
    "dice",
)

_SERVICE_FIELDS = (
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "migrate_to_chat_id",
    "migrate_from_chat_id",
    "group_chat_created",
    "supergroup_chat_created",
    "pinned_message",
)

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"

_DEFAULT_FAULT_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was kicked from the supergroup chat",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


# The official Bot API lets bots download files of at most 20 MB (getFile).
_DOWNLOAD_LIMIT = 20 * 1024 * 1024


class ApiError(Exception):
    """An error response exactly as the Bot API encodes it."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class UploadedFile:
    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class ApiCall:
    """One request the bot made, with everything a test might want to assert on."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    content_type: str = ""  # how the client encoded it: json, urlencoded form or multipart
    transport: str = "http"  # "http", or "webhook-reply" for a method returned to a webhook
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))


@dataclass
class _Fault:
    method: str
    status: int
    description: str
    parameters: dict[str, Any] | None
    times: int
    chat_id: int | str | None


CallPredicate = str | Callable[[str, dict[str, Any]], bool]


class FakeBotAPI:
    def __init__(
        self,
        *,
        token: str = "123456:TEST",
        bot_id: int | None = None,
        username: str = "chatdesk_test_bot",
        first_name: str = "ChatDesk",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = True,
        supports_inline_queries: bool = False,
        strict_chats: bool = True,
        strict_webhook_url: bool = False,
    ) -> None:
        """
        :param can_read_all_group_messages: False emulates privacy mode: group messages that are
            not commands, mentions of the bot or replies to it are never delivered.
        :param strict_chats: sending to a chat the fake never saw fails with "chat not found",
            like Telegram; set False to auto-create unknown chats as supergroups.
        :param strict_webhook_url: enforce Telegram's HTTPS + port 443/80/88/8443 rule in
            setWebhook (off by default so tests can point it at a plain-HTTP local server).
        """
        self.token = token
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0])
        self.username = username
        self.first_name = first_name
        self.can_join_groups = can_join_groups
        self.can_read_all_group_messages = can_read_all_group_messages
        self.supports_inline_queries = supports_inline_queries
        self.strict_chats = strict_chats
        self.strict_webhook_url = strict_webhook_url

        # observation
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.log: list[ApiCall] = []
        self.sent: list[dict[str, Any]] = []
        self.deleted: list[tuple[int, int]] = []
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.unauthorized: list[tuple[str, str]] = []  # (token, method) with a wrong token
        self.dropped_updates: list[dict[str, Any]] = []  # filtered out by allowed_updates/privacy
        self.webhook_deliveries: list[tuple[str, int, dict[str, Any]]] = []  # (url, status, update)

        # update queue (getUpdates semantics)
        self._queue: list[dict[str, Any]] = []
        self._next_update_id = 700_000_001  # Telegram's ids are big and only ever grow
        self.confirmed_offset = 0
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0  # bumped by each getUpdates so older long polls get 409
        self.polls_started = 0  # getUpdates requests received, including ones still waiting
        self._wakeup = asyncio.Event()

        # the "world": chats, users, messages, files
        self._chats: dict[int, dict[str, Any]] = {}
        self._bot_status: dict[int, str] = {}
        self._members: dict[int, dict[int, dict[str, Any]]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._messages: dict[int, dict[int, dict[str, Any]]] = {}
        self._next_message_id: dict[int, int] = {}
        self._migrated: dict[int, int] = {}
        self._open_callbacks: set[str] = set()
        self._next_callback = 4_000_000_000_000_000_001
        self._files: dict[str, dict[str, Any]] = {}
        self._file_counter = 0
        self._commands: dict[str, list[dict[str, Any]]] = {}
        self.webhook: dict[str, Any] = {"url": ""}

        # faults
        self._faults: list[_Fault] = []
        self._delays: dict[str, float] = {}

        self._call_event = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.base_url = ""

        self._methods: dict[str, tuple[str, Callable[..., Any]]] = {}
        for name in (
            "getMe",
            "getUpdates",
            "setWebhook",
            "deleteWebhook",
            "getWebhookInfo",
            "sendMessage",
            "editMessageText",
            "editMessageCaption",
            "editMessageReplyMarkup",
            "answerCallbackQuery",
            "sendPhoto",
            "sendDocument",
            "sendVideo",
            "copyMessage",
            "forwardMessage",
            "getChat",
            "getChatMember",
            "getChatAdministrators",
            "sendChatAction",
            "setMyCommands",
            "getMyCommands",
            "deleteMyCommands",
            "deleteMessage",
            "getFile",
            "logOut",
            "close",
        ):
            handler = getattr(self, "_m_" + re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower())
            # Bot API method names are case-insensitive
            self._methods[name.lower()] = (name, handler)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown_path)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        self._closing = False

    async def stop(self) -> None:
        # Wake pending long polls first, otherwise cleanup waits for their timeout.
        self._closing = True
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    # ------------------------------------------------------------------ HTTP layer

    async def _handle_unknown_path(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        if token != self.token:
            self.unauthorized.append((token, method))
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        try:
            params, files = await self._read_params(request)
        except (ValueError, json.JSONDecodeError) as exc:
            body = ApiError(400, f"Bad Request: can't parse request: {exc}").payload()
            return web.json_response(body, status=400)
        call = await self._execute(method, params, files, content_type=request.content_type)
        return web.json_response(call.response, status=call.status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        path = request.match_info["path"]
        for record in self._files.values():
            if record.get("file_path") == path and record.get("data") is not None:
                return web.Response(
                    body=record["data"],
                    content_type=record.get("mime_type") or "application/octet-stream",
                )
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        decode = True
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ValueError("JSON body must be an object")
            raw.update(body)
            decode = False
        elif request.can_read_body:
            form = await request.post()  # handles urlencoded and multipart alike
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(
                        key, value.filename, value.content_type, value.file.read()
                    )
                else:
                    raw[key] = value
        # JSON bodies are already typed; form fields are strings that need decoding
        params = {k: self._decode_value(k, v) for k, v in raw.items()} if decode else raw
        # query-string values are strings even alongside a JSON body
        for key in request.query:
            params[key] = self._decode_value(key, request.query[key])
        return params, files

    @staticmethod
    def _decode_value(key: str, value: Any) -> Any:
        if not isinstance(value, str) or key in _STRING_PARAMS:
            return value
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return decoded if isinstance(decoded, int | float | bool | list | dict) else value

    async def _execute(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        *,
        content_type: str = "",
        transport: str = "http",
    ) -> ApiCall:
        name, handler = self._methods.get(method.lower(), (method, None))
        delay = self._delays.get(name.lower(), self._delays.get("*", 0.0))
        if delay:
            await asyncio.sleep(delay)
        call = ApiCall(name, params, files, content_type, transport, at=time.time())
        try:
            fault = self._take_fault(name, params)
            if fault is not None:
                raise ApiError(fault.status, fault.description, fault.parameters)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = handler(params, files)
            if inspect.isawaitable(result):
                result = await result
            if isinstance(result, tuple):  # (result, description) for methods that add one
                result, description = result
                call.response = {"ok": True, "result": result, "description": description}
            else:
                call.response = {"ok": True, "result": result}
        except ApiError as exc:
            call.status = exc.code
            call.response = exc.payload()
        self.calls.append((name, params))
        self.log.append(call)
        self._call_event.set()
        return call

    # ------------------------------------------------------------------ faults & delays

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
        times: int = 1,
        migrate_to_chat_id: int | None = None,
        chat_id: int | str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" = any) fail like Telegram would.

        status 429 adds ``parameters.retry_after``; ``migrate_to_chat_id`` produces the 400
        "group chat was upgraded" error with ``parameters.migrate_to_chat_id``. ``chat_id``
        restricts the fault to calls targeting that chat.
        """
        params = dict(parameters or {})
        if migrate_to_chat_id is not None:
            status = 400
            params["migrate_to_chat_id"] = migrate_to_chat_id
            description = description or _MIGRATED
        elif status == 429:
            params.setdefault("retry_after", retry_after)
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or _DEFAULT_FAULT_DESCRIPTIONS.get(status, f"Error {status}")
        self._faults.append(
            _Fault(method.lower(), status, description, params or None, times, chat_id)
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def set_delay(self, method: str, seconds: float | None) -> None:
        """Delay responses of ``method`` ("*" = every method); 0/None removes the delay."""
        if seconds:
            self._delays[method.lower()] = seconds
        else:
            self._delays.pop(method.lower(), None)

    def _take_fault(self, name: str, params: dict[str, Any]) -> _Fault | None:
        for fault in self._faults:
            if fault.method not in ("*", name.lower()):
                continue
            if fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                continue
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
            return fault
        return None

    # ------------------------------------------------------------------ observation helpers

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name.lower() == method.lower()]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """Current state of a message (after edits), or None if deleted/unknown."""
        return self._messages.get(chat_id, {}).get(message_id)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        return list(self._queue)

    async def wait_for(
        # a timeout argument (not asyncio.timeout) so a failure can list the calls seen
        self,
        predicate: CallPredicate,
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        since: int = 0,
    ) -> tuple[str, dict[str, Any]]:
        """Wait until a call (from index ``since`` of ``calls``) matches, and return it.

        ``predicate`` is a method name or ``f(method, params) -> bool``. Calls already made
        count, so there is no race with a bot that was faster than the test.
        """
        if isinstance(predicate, str):
            wanted = predicate.lower()

            def matches(name: str, params: dict[str, Any]) -> bool:
                return name.lower() == wanted
        else:
            matches = predicate
        deadline = asyncio.get_running_loop().time() + timeout
        index = since
        while True:
            while index < len(self.calls):
                name, params = self.calls[index]
                index += 1
                if matches(name, params):
                    return name, params
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                seen = "\n".join(f"  {n} {p}" for n, p in self.calls[since:]) or "  (none)"
                raise AssertionError(
                    f"no matching Bot API call within {timeout}s; calls seen:\n{seen}"
                )
            self._call_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._call_event.wait(), remaining)

    async def wait_sent(
        self,
        chat_id: int | None = None,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the failure message lists what was sent
    ) -> dict[str, Any]:
        """Wait for a message the bot created (optionally in ``chat_id``) and return it."""
        deadline = asyncio.get_running_loop().time() + timeout
        index = 0
        while True:
            while index < len(self.sent):
                msg = self.sent[index]
                index += 1
                if (chat_id is None or msg["chat"]["id"] == chat_id) and (
                    predicate is None or predicate(msg)
                ):
                    return msg
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(
                    f"bot sent no matching message to {chat_id} within {timeout}s; sent: {self.sent}"
                )
            self._call_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._call_event.wait(), remaining)

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until ``condition()`` holds; re-checked whenever the fake handles a request."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"condition not met within {timeout}s")
            self._call_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._call_event.wait(), remaining)

    async def wait_confirmed(self, update_id: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until a getUpdates offset confirmed ``update_id`` (it will never come back)."""
        try:
            await self.wait_until(lambda: self.confirmed_offset > update_id, timeout)
        except AssertionError:
            raise AssertionError(
                f"update {update_id} not confirmed; offset={self.confirmed_offset}"
            ) from None

    # ------------------------------------------------------------------ update queue

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; assigns ``update_id`` if missing; returns it.

        Like Telegram, allowed_updates and privacy mode are applied when the update is
        *created*: a filtered update is recorded in ``dropped_updates`` and never delivered.
        """
        update = self.stamp(update)
        last = self._queue[-1]["update_id"] if self._queue else self.confirmed_offset - 1
        if update["update_id"] <= last:
            # Telegram's queue is strictly increasing; anything else breaks offset confirmation
            raise ValueError(f"update_id {update['update_id']} is not above {last}")
        self.observe(update)
        if self._is_delivered(update):
            self._queue.append(update)
            self._wake_pollers()
        else:
            self.dropped_updates.append(update)
        return update["update_id"]

    def push(self, *updates: dict[str, Any] | Iterable[dict[str, Any]]) -> list[int]:
        """push_update for several updates (lists, e.g. from ``migrate``, are flattened)."""
        ids = []
        for item in updates:
            for update in [item] if isinstance(item, dict) else item:
                ids.append(self.push_update(update))
        return ids

    def stamp(self, update: dict[str, Any]) -> dict[str, Any]:
        """Return a copy with an ``update_id`` (for ``Dispatcher.feed_update`` without queueing).

        Ids come from the same ever-growing counter as queued updates; an explicit id at or
        above the counter moves it forward, an older id is kept as is (a re-delivery).
        """
        update = copy.deepcopy(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        return update

    @staticmethod
    def update_type(update: dict[str, Any]) -> str:
        return next(key for key in update if key != "update_id")

    def _is_delivered(self, update: dict[str, Any]) -> bool:
        kind = self.update_type(update)
        allowed = self._allowed_updates
        if allowed is None:
            if kind in _DEFAULT_EXCLUDED_UPDATES:
                return False
        elif kind not in allowed:
            return False
        if kind == "message" and not self.can_read_all_group_messages:
            return self._visible_in_privacy_mode(update["message"])
        return True

    def _visible_in_privacy_mode(self, msg: dict[str, Any]) -> bool:
        chat = msg["chat"]
        if chat["type"] not in ("group", "supergroup"):
            return True
        if self._bot_status.get(chat["id"]) in ("administrator", "creator"):
            return True  # admins always see everything
        if any(key in msg for key in _SERVICE_FIELDS):
            return True
        reply = msg.get("reply_to_message")
        if reply and reply.get("from", {}).get("id") == self.bot_id:
            return True
        text = msg.get("text") or msg.get("caption") or ""
        entities = msg.get("entities") or msg.get("caption_entities") or []
        for entity in entities:
            if entity["type"] == "bot_command":
                return True
            if entity["type"] == "mention" and f"@{self.username}".lower() in text.lower():
                return True
        return False

    def _wake_pollers(self) -> None:
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    # ------------------------------------------------------------------ the world

    def _user(
        self,
        user_id: int,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def add_chat(
        self,
        chat_id: int,
        chat_type: str = "supergroup",
        *,
        title: str | None = "ACME support",
        first_name: str | None = None,
        username: str | None = None,
        is_forum: bool = False,
        bot_status: str = "member",
    ) -> dict[str, Any]:
        """Register a chat the bot is in (needed to send to it when no update mentioned it)."""
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name or "Kate"
        else:
            chat["title"] = title
        if username:
            chat["username"] = username
        if is_forum:
            chat["is_forum"] = True
        self._chats[chat_id] = chat
        self._bot_status.setdefault(chat_id, bot_status)
        return chat

    def set_member(
        self,
        chat_id: int,
        user_id: int,
        status: str = "administrator",
        *,
        first_name: str = "Kate",
        username: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """Set a user's (or, with the bot's id, the bot's) membership in a chat."""
        if user_id == self.bot_id:
            self._bot_status[chat_id] = status
            user = self.bot_user
        else:
            user = self._users.get(user_id) or self._user(user_id, first_name, username=username)
        member = self._chat_member(user, status, **fields)
        self._members.setdefault(chat_id, {})[user_id] = member
        return member

    @staticmethod
    def _chat_member(user: dict[str, Any], status: str, **fields: Any) -> dict[str, Any]:
        member: dict[str, Any] = {"user": user, "status": status}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            rights = (
                "can_manage_chat",
                "can_delete_messages",
                "can_manage_video_chats",
                "can_restrict_members",
                "can_promote_members",
                "can_change_info",
                "can_invite_users",
                "can_post_stories",
                "can_edit_stories",
                "can_delete_stories",
                "can_pin_messages",
                "can_manage_topics",
                "can_send_welcome_messages",
            )
            member.update({"can_be_edited": False, "is_anonymous": False})
            member.update(dict.fromkeys(rights, True))
            member["can_promote_members"] = False
        elif status == "restricted":
            perms = (
                "can_send_messages",
                "can_send_audios",
                "can_send_documents",
                "can_send_photos",
                "can_send_videos",
                "can_send_video_notes",
                "can_send_voice_notes",
                "can_send_polls",
                "can_send_other_messages",
                "can_add_web_page_previews",
                "can_react_to_messages",
                "can_edit_tag",
                "can_change_info",
                "can_invite_users",
                "can_pin_messages",
                "can_manage_topics",
            )
            member.update({"is_member": True, "until_date": 0})
            member.update(dict.fromkeys(perms, False))
        elif status == "kicked":
            member["until_date"] = 0
        member.update(fields)
        return member

    def _ensure_chat(
        self,
        chat_id: int,
        chat_type: str,
        title: str | None,
        *,
        user: dict[str, Any] | None = None,
        is_forum: bool = False,
    ) -> dict[str, Any]:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type == "private" and user is not None:
                chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
                for key in ("last_name", "username"):
                    if key in user:
                        chat[key] = user[key]
                self._chats[chat_id] = chat
            else:
                chat = self.add_chat(chat_id, chat_type, title=title)
        if is_forum and not chat.get("is_forum"):
            chat["is_forum"] = True
        self._bot_status.setdefault(chat_id, "member")
        return chat

    def observe(self, update: dict[str, Any]) -> None:
        """Learn chats/users/messages from an update (idempotent; builders call it already)."""
        kind = self.update_type(update)
        payload = update[kind]
        if kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
            self._store_message(payload)
        elif kind == "callback_query":
            self._open_callbacks.add(payload["id"])
        elif kind == "my_chat_member":
            self._chats.setdefault(payload["chat"]["id"], payload["chat"])
            self._bot_status[payload["chat"]["id"]] = payload["new_chat_member"]["status"]

    def _store_message(self, msg: dict[str, Any]) -> None:
        chat = msg["chat"]
        self._chats.setdefault(chat["id"], copy.deepcopy(chat))
        self._bot_status.setdefault(chat["id"], "member")
        sender = msg.get("from")
        if sender:
            if sender["id"] != self.bot_id:
                self._users.setdefault(sender["id"], sender)
            if chat["type"] != "private":
                members = self._members.setdefault(chat["id"], {})
                if sender["id"] not in members and sender["id"] != self.bot_id:
                    members[sender["id"]] = self._chat_member(sender, "member")
        messages = self._messages.setdefault(chat["id"], {})
        messages[msg["message_id"]] = copy.deepcopy(msg)
        counter = self._next_message_id.get(chat["id"], 1)
        self._next_message_id[chat["id"]] = max(counter, msg["message_id"] + 1)
        if "migrate_to_chat_id" in msg:
            self._migrated[chat["id"]] = msg["migrate_to_chat_id"]

    def _take_message_id(self, chat_id: int) -> int:
        # message ids are per chat and shared by everyone posting in it, like in Telegram
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _new_file(
        self,
        kind: str,
        data: bytes | None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        suffix: str = "",
    ) -> dict[str, Any]:
        self._file_counter += 1
        n = self._file_counter
        prefix = {"photo": "AgACAgIAAxk", "document": "BQACAgIAAxk", "video": "BAACAgIAAxk",
                  "voice": "AwACAgIAAxk"}.get(
            kind, "CAACAgIAAxk"
        )
        record: dict[str, Any] = {
            "kind": kind,
            "file_id": f"{prefix}{n:06d}{suffix}",
            "file_unique_id": f"AQAD{n:06d}{suffix}",
            "data": data,
            "file_size": len(data) if data is not None else 1024,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_path": f"{kind}s/file_{n}{suffix}.{(file_name or 'x.jpg').rsplit('.', 1)[-1]}",
        }
        self._files[record["file_id"]] = record
        return record

    def _photo_sizes(self, data: bytes | None) -> list[dict[str, Any]]:
        # Telegram stores several thumbnails of every photo and returns them smallest first
        sizes = []
        for suffix, (width, height) in (("s", (90, 67)), ("m", (320, 240)), ("x", (800, 600))):
            record = self._new_file("photo", data, suffix=suffix, mime_type="image/jpeg")
            sizes.append(
                {
                    "file_id": record["file_id"],
                    "file_unique_id": record["file_unique_id"],
                    "file_size": record["file_size"],
                    "width": width,
                    "height": height,
                }
            )
        for size in sizes:  # resending any size by file_id yields the whole set again
            self._files[size["file_id"]]["sizes"] = sizes
        return sizes

    def _file_object(self, record: dict[str, Any]) -> dict[str, Any]:
        obj = {
            "file_id": record["file_id"],
            "file_unique_id": record["file_unique_id"],
            "file_size": record["file_size"],
        }
        if record["kind"] in ("document", "video"):
            if record.get("file_name"):
                obj["file_name"] = record["file_name"]
            if record.get("mime_type"):
                obj["mime_type"] = record["mime_type"]
        if record["kind"] == "video":
            obj.update({"width": 640, "height": 360, "duration": 5})
        if record["kind"] == "voice":  # Voice: duration, mime_type, file_size (no file_name)
            obj.update({"duration": 3, "mime_type": record["mime_type"]})
        return obj

    # ------------------------------------------------------------------ update builders

    def _resolve_reply(
        self, chat_id: int, reply_to: int | dict[str, Any] | None
    ) -> dict[str, Any] | None:
        if reply_to is None:
            return None
        message_id = reply_to if isinstance(reply_to, int) else reply_to["message_id"]
        target = self.message(chat_id, message_id)
        if target is None:
            raise ValueError(f"message {message_id} does not exist in chat {chat_id}")
        # Telegram includes the replied message but never its own reply_to_message
        return {k: v for k, v in copy.deepcopy(target).items() if k != "reply_to_message"}

    def _user_message(
        self,
        chat: dict[str, Any],
        user: dict[str, Any],
        text: str | None,
        *,
        message_id: int | None,
        date: int | None,
        photo: bool | bytes,
        document: str | bool | None,
        media_group_id: str | None,
        reply_to: int | dict[str, Any] | None,
        caption: str | None,
        thread_id: int | None,
        voice: bytes | None = None,
        voice_mime: str = "audio/ogg",
        document_data: bytes | None = None,
        document_mime: str | None = None,
    ) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "message_id": message_id
            if message_id is not None
            else self._take_message_id(chat["id"]),
            "from": user,
            "chat": copy.deepcopy(chat),
            "date": date if date is not None else int(time.time()),
        }
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            msg["is_topic_message"] = True
        if media_group_id:
            msg["media_group_id"] = media_group_id
        reply = self._resolve_reply(chat["id"], reply_to)
        if reply:
            msg["reply_to_message"] = reply
        if text is not None:
            msg["text"] = text
            if entities := auto_entities(text):
                msg["entities"] = entities
        if photo:
            # Real bytes (e.g. a screenshot a test drew) are served back by getFile + download.
            msg["photo"] = self._photo_sizes(photo if isinstance(photo, bytes) else b"\xff\xd8fake-jpeg")
        if document:
            name = document if isinstance(document, str) else "report.pdf"
            msg["document"] = self._file_object(
                self._new_file(
                    "document", document_data if document_data is not None else b"%PDF-fake",
                    file_name=name, mime_type=document_mime or "application/octet-stream",
                )
            )
        if voice is not None:
            record = self._new_file("voice", voice, file_name="voice.oga", mime_type=voice_mime)
            msg["voice"] = self._file_object(record)
        if caption is not None:
            msg["caption"] = caption
            if entities := auto_entities(caption):
                msg["caption_entities"] = entities
        self._store_message(msg)
        return msg

    def group_message(
        self,
        chat_id: int,
        user_id: int,
        text: str | None = None,
        *,
        first_name: str = "Kate",
        last_name: str | None = None,
        username: str | None = None,
        message_id: int | None = None,
        date: int | None = None,
        photo: bool | bytes = False,
        document: str | bool | None = None,
        media_group_id: str | None = None,
        reply_to: int | dict[str, Any] | None = None,
        caption: str | None = None,
        thread_id: int | None = None,
        chat_type: str = "supergroup",
        chat_title: str = "ACME support",
        voice: bytes | None = None,
        voice_mime: str = "audio/ogg",
        document_data: bytes | None = None,
        document_mime: str | None = None,
    ) -> dict[str, Any]:
        """A user's message in a group; returns an Update dict (without update_id).

        `photo` or `voice` given as bytes (and a `document` with `document_data`) is a real
        file the bot can fetch with getFile and download from its file path."""
        user = self._user(user_id, first_name, last_name, username)
        chat = self._ensure_chat(chat_id, chat_type, chat_title, is_forum=thread_id is not None)
        msg = self._user_message(
            chat,
            user,
            text,
            message_id=message_id,
            date=date,
            photo=photo,
            document=document,
            media_group_id=media_group_id,
            reply_to=reply_to,
            caption=caption,
            thread_id=thread_id,
            voice=voice,
            voice_mime=voice_mime,
            document_data=document_data,
            document_mime=document_mime,
        )
        return {"message": msg}

    def private_message(
        self,
        user_id: int,
        text: str | None = None,
        *,
        first_name: str = "Kate",
        last_name: str | None = None,
        username: str | None = None,
        message_id: int | None = None,
        date: int | None = None,
        photo: bool = False,
        document: str | bool | None = None,
        reply_to: int | dict[str, Any] | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        """A user's message in their private chat with the bot (chat id == user id)."""
        user = self._user(user_id, first_name, last_name, username)
        chat = self._ensure_chat(user_id, "private", None, user=user)
        if self._bot_status.get(user_id) == "kicked":
            self._bot_status[user_id] = "member"  # writing to the bot unblocks it
        msg = self._user_message(
            chat,
            user,
            text,
            message_id=message_id,
            date=date,
            photo=photo,
            document=document,
            media_group_id=None,
            reply_to=reply_to,
            caption=caption,
            thread_id=None,
        )
        return {"message": msg}

    def callback(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        data: str,
        *,
        first_name: str = "Kate",
        username: str | None = None,
        strict: bool = True,
    ) -> dict[str, Any]:
        """A user pressing an inline button of a message the bot sent.

        With ``strict`` the button must exist in the message's current keyboard: a user
        cannot press a button the bot never showed (or already removed by an edit).
        """
        msg = self.message(chat_id, message_id)
        if msg is None:
            raise ValueError(f"message {message_id} does not exist in chat {chat_id}")
        if strict:
            keyboard = (msg.get("reply_markup") or {}).get("inline_keyboard", [])
            datas = [b.get("callback_data") for row in keyboard for b in row]
            if data not in datas:
                raise ValueError(
                    f"no button with callback_data={data!r} on message {message_id}: {datas}"
                )
        user = self._users.get(user_id) or self._user(user_id, first_name, username=username)
        query_id = str(self._next_callback)
        self._next_callback += 1
        self._open_callbacks.add(query_id)
        return {
            "callback_query": {
                "id": query_id,
                "from": user,
                "message": copy.deepcopy(msg),
                # stable per chat, as Telegram does, so bots can use it for game high scores
                "chat_instance": str(abs(chat_id) * 7919 % 10**18),
                "data": data,
            }
        }

    def edited_message(
        self, chat_id: int, message_id: int, text: str, *, edit_date: int | None = None
    ) -> dict[str, Any]:
        """The author edited their message; the stored message changes too."""
        msg = self.message(chat_id, message_id)
        if msg is None:
            raise ValueError(f"message {message_id} does not exist in chat {chat_id}")
        msg = copy.deepcopy(msg)
        key = "caption" if "caption" in msg and "text" not in msg else "text"
        msg[key] = text
        entities = auto_entities(text)
        ent_key = "caption_entities" if key == "caption" else "entities"
        msg.pop(ent_key, None)
        if entities:
            msg[ent_key] = entities
        msg["edit_date"] = edit_date if edit_date is not None else int(time.time())
        self._store_message(msg)
        return {"edited_message": msg}

    def my_chat_member(
        self,
        chat_id: int,
        user_id: int,
        new_status: str,
        *,
        old_status: str | None = None,
        first_name: str = "Kate",
        chat_type: str = "supergroup",
        chat_title: str = "ACME support",
        date: int | None = None,
    ) -> dict[str, Any]:
        """The bot's own membership changed (added, promoted, kicked; blocked in private)."""
        user = self._users.get(user_id) or self._user(user_id, first_name)
        chat = self._ensure_chat(chat_id, chat_type, chat_title, user=user)
        old = old_status or self._bot_status.get(chat_id, "left")
        update = {
            "my_chat_member": {
                "chat": copy.deepcopy(chat),
                "from": user,
                "date": date if date is not None else int(time.time()),
                "old_chat_member": self._chat_member(self.bot_user, old),
                "new_chat_member": self._chat_member(self.bot_user, new_status),
            }
        }
        self.set_member(chat_id, self.bot_id, new_status)
        return update

    def migrate(
        self,
        old_chat_id: int,
        new_chat_id: int,
        user_id: int,
        *,
        first_name: str = "Kate",
        title: str | None = None,
    ) -> list[dict[str, Any]]:
        """A group upgraded to a supergroup: returns the two service-message updates Telegram sends.

        Afterwards, any method targeting ``old_chat_id`` fails with 400 and
        ``parameters.migrate_to_chat_id`` (aiogram: TelegramMigrateToChat).
        """
        user = self._users.get(user_id) or self._user(user_id, first_name)
        old_chat = self._ensure_chat(old_chat_id, "group", title or "ACME support")
        new_chat = dict(old_chat, id=new_chat_id, type="supergroup")
        if title:
            new_chat["title"] = title
        self._chats[new_chat_id] = new_chat
        self._bot_status[new_chat_id] = self._bot_status.get(old_chat_id, "member")
        self._members[new_chat_id] = copy.deepcopy(self._members.get(old_chat_id, {}))
        now = int(time.time())
        to_msg = {
            "message_id": self._take_message_id(old_chat_id),
            "from": user,
            "chat": copy.deepcopy(old_chat),
            "date": now,
            "migrate_to_chat_id": new_chat_id,
        }
        from_msg = {
            "message_id": self._take_message_id(new_chat_id),
            "from": user,
            "chat": copy.deepcopy(new_chat),
            "date": now,
            "migrate_from_chat_id": old_chat_id,
        }
        self._store_message(to_msg)
        self._store_message(from_msg)
        return [{"message": to_msg}, {"message": from_msg}]

    # ------------------------------------------------------------------ webhook delivery

    async def post_webhook(
        self, url: str, update: dict[str, Any], secret_token: str | None = None
    ) -> int:
        """POST an update to a bot's webhook as Telegram does; return the HTTP status.

        If the bot answers the webhook with a method (aiogram does when a handler returns
        e.g. ``SendMessage(...)``), the method is executed like Telegram would, and recorded
        in ``log`` with ``transport="webhook-reply"``. Its result never reaches the bot.
        """
        update = self.stamp(update)
        self.observe(update)
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret_token} if secret_token else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                url, json=update, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
            ) as resp,
        ):
            status = resp.status
            if 200 <= status < 300:
                await self._run_webhook_reply(resp)
        self.webhook_deliveries.append((url, status, update))
        return status

    async def _run_webhook_reply(self, resp: aiohttp.ClientResponse) -> None:
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        if resp.content_type == "application/json":
            body = await resp.json()
            if isinstance(body, dict):
                params = dict(body)
        elif resp.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader.from_response(resp)
            while (part := await reader.next()) is not None:
                if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                    continue
                if part.filename:
                    files[part.name] = UploadedFile(
                        part.name,
                        part.filename,
                        part.headers.get("Content-Type"),
                        bytes(await part.read()),
                    )
                else:
                    params[part.name] = self._decode_value(part.name, await part.text())
        method = params.pop("method", None)
        if method:
            await self._execute(
                str(method),
                params,
                files,
                content_type=resp.content_type,
                transport="webhook-reply",
            )

    async def deliver_to_webhook(self) -> list[int]:
        """Deliver queued updates to the URL set by setWebhook, in order, like Telegram.

        An update is dropped from the queue only when the bot answers 2xx; on the first
        failure delivery stops and getWebhookInfo reports last_error_date/last_error_message.
        """
        statuses = []
        while self._queue and self.webhook.get("url"):
            update = self._queue[0]
            try:
                status = await self.post_webhook(
                    self.webhook["url"], update, self.webhook.get("secret_token")
                )
            except (aiohttp.ClientError, TimeoutError) as exc:
                self.webhook["last_error_date"] = int(time.time())
                self.webhook["last_error_message"] = f"Connection failed: {exc}"
                break
            statuses.append(status)
            if not 200 <= status < 300:
                self.webhook["last_error_date"] = int(time.time())
                self.webhook["last_error_message"] = f"Wrong response from the webhook: {status}"
                break
            self._queue.pop(0)
        return statuses

    # ------------------------------------------------------------------ method helpers

    def _chat_from(
        self, params: dict[str, Any], key: str = "chat_id", *, for_send: bool = True
    ) -> dict[str, Any]:
        raw = params.get(key)
        if raw in (None, ""):
            raise ApiError(400, f"Bad Request: {key} is empty")
        chat_id: int | None = None
        if isinstance(raw, str) and raw.startswith("@"):
            chat_id = next(
                (
                    c["id"]
                    for c in self._chats.values()
                    if c.get("username", "").lower() == raw[1:].lower()
                ),
                None,
            )
            if chat_id is None:
                raise ApiError(400, "Bad Request: chat not found")
        else:
            try:
                chat_id = int(raw)
            except (TypeError, ValueError):
                raise ApiError(400, "Bad Request: chat not found") from None
        if chat_id in self._migrated:
            raise ApiError(400, _MIGRATED, {"migrate_to_chat_id": self._migrated[chat_id]})
        chat = self._chats.get(chat_id)
        if chat is None:
            if self.strict_chats:
                raise ApiError(400, "Bad Request: chat not found")
            chat = self.add_chat(chat_id)
        if for_send:
            status = self._bot_status.get(chat_id, "member")
            if chat["type"] == "private":
                if status == "kicked":
                    raise ApiError(403, "Forbidden: bot was blocked by the user")
            elif status == "kicked":
                raise ApiError(403, f"Forbidden: bot was kicked from the {chat['type']} chat")
            elif status == "left":
                raise ApiError(403, f"Forbidden: bot is not a member of the {chat['type']} chat")
        return chat

    def _format(
        self, params: dict[str, Any], text_key: str, entities_key: str
    ) -> tuple[str | None, list[dict[str, Any]]]:
        text = params.get(text_key)
        if text is None:
            return None, []
        text = str(text)
        if params.get(entities_key):
            return text, list(params[entities_key])
        try:
            return format_text(text, params.get("parse_mode"))
        except EntityParseError as exc:
            raise ApiError(400, f"Bad Request: {exc}") from None

    @staticmethod
    def _validate_markup(markup: Any) -> dict[str, Any] | None:
        """Validate reply_markup; return it only if Telegram would echo it (inline keyboards)."""
        if markup in (None, ""):
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None  # reply keyboards / remove / force_reply are accepted but not returned
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError(
                400,
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
            )
        for row in rows:
            for button in row:
                if not button.get("text"):
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                actions = [a for a in _INLINE_BUTTON_ACTIONS if a in button]
                if not actions:
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                if "callback_data" in button:
                    size = len(str(button["callback_data"]).encode("utf-8"))
                    if not 1 <= size <= 64:
                        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if "url" in button and not re.match(r"^(https?|tg)://\S+$", str(button["url"])):
                    raise ApiError(
                        400,
                        f"Bad Request: inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL",
                    )
        return markup

    def _new_message(
        self, chat: dict[str, Any], params: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        chat_id = chat["id"]
        markup = self._validate_markup(params.get("reply_markup"))
        reply = self._reply_target(chat_id, params)
        msg: dict[str, Any] = {
            "message_id": self._take_message_id(chat_id),
            "from": self.bot_user,
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        thread_id = params.get("message_thread_id")
        if thread_id is None and reply is not None and reply.get("is_topic_message"):
            thread_id = reply.get("message_thread_id")  # replies stay in the topic
        if thread_id is not None:
            msg["message_thread_id"] = int(thread_id)
            if chat.get("is_forum"):
                msg["is_topic_message"] = True
        if reply is not None:
            msg["reply_to_message"] = reply
        msg.update({k: v for k, v in content.items() if v not in (None, [])})
        if markup is not None:
            msg["reply_markup"] = markup
        self._store_message(msg)
        self.sent.append(copy.deepcopy(msg))
        return msg

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply_params = params.get("reply_parameters")
        if isinstance(reply_params, dict):
            message_id = reply_params.get("message_id")
            target_chat = reply_params.get("chat_id", chat_id)
            allow = reply_params.get("allow_sending_without_reply", False)
        elif params.get("reply_to_message_id"):
            message_id = params["reply_to_message_id"]
            target_chat = chat_id
            allow = params.get("allow_sending_without_reply", False)
        else:
            return None
        target = self.message(int(target_chat), int(message_id)) if message_id else None
        if target is None:
            if allow:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return {k: v for k, v in copy.deepcopy(target).items() if k != "reply_to_message"}

    def _find_own_message(self, params: dict[str, Any], action: str) -> dict[str, Any] | None:
        if params.get("inline_message_id"):
            return None
        chat = self._chat_from(params, for_send=False)
        message_id = params.get("message_id")
        if not message_id:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        msg = self.message(chat["id"], int(message_id))
        if msg is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        if msg.get("from", {}).get("id") != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return msg

    def _commit_edit(self, msg: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        new = copy.deepcopy(msg)
        for key, value in changes.items():
            if value in (None, []):
                new.pop(key, None)
            else:
                new[key] = value
        if new == msg:
            raise ApiError(400, _NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        self._messages[new["chat"]["id"]][new["message_id"]] = new
        return copy.deepcopy(new)

    def _resolve_media(
        self, kind: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        """Return a file record for an upload (attach:// or direct part), URL or file_id."""
        value = params.get(kind)
        upload: UploadedFile | None = None
        if kind in files:
            upload = files[kind]
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
            if upload is None:
                raise ApiError(
                    400, f"Bad Request: wrong HTTP URL specified: {value} is not attached"
                )
        elif not value:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        if upload is not None:
            if not upload.data:
                raise ApiError(400, "Bad Request: file must be non-empty")
            if kind == "photo":
                return self._files[self._photo_sizes(upload.data)[-1]["file_id"]]
            return self._new_file(
                kind, upload.data, file_name=upload.filename, mime_type=upload.content_type
            )
        if re.match(r"^https?://", str(value)):
            if kind == "photo":  # Telegram downloads it; the fake only pretends to
                return self._files[self._photo_sizes(None)[-1]["file_id"]]
            name = str(value).rsplit("/", 1)[-1] or kind
            return self._new_file(kind, None, file_name=name)
        record = self._files.get(str(value))
        if record is None:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        if record["kind"] != kind:
            raise ApiError(
                400,
                f"Bad Request: can't use file of type {record['kind'].title()} as {kind.title()}",
            )
        return record

    def _send_media(
        self, kind: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        chat = self._chat_from(params)
        record = self._resolve_media(kind, params, files)
        caption, caption_entities = self._format(params, "caption", "caption_entities")
        if caption is not None and utf16_len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        if kind == "photo":
            media: Any = copy.deepcopy(record["sizes"])
        else:
            media = self._file_object(record)
        content = {kind: media, "caption": caption or None, "caption_entities": caption_entities}
        return self._new_message(chat, params, content)

    # ------------------------------------------------------------------ methods

    def _m_get_me(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _m_get_updates(self, params: dict[str, Any], files: Any) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        self.polls_started += 1
        generation = self._poll_generation
        self._wake_pollers()  # an older long poll still waiting is terminated with 409
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            if isinstance(allowed, str):
                allowed = json.loads(allowed)
            # "If not specified, the previous setting will be used"; [] means the default set
            self._allowed_updates = frozenset(allowed) if allowed else None
        offset = int(params.get("offset") or 0)
        if offset > 0:
            # confirming: every update below offset is forgotten for good
            self._queue = [u for u in self._queue if u["update_id"] >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)
        elif offset < 0:
            dropped = self._queue[:offset]
            self._queue = self._queue[offset:]
            if dropped:
                self.confirmed_offset = max(self.confirmed_offset, dropped[-1]["update_id"] + 1)
        self._call_event.set()  # wait_confirmed watchers
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        deadline = asyncio.get_running_loop().time() + timeout
        while not self._queue and not self._closing:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            wakeup = self._wakeup
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), remaining)
            if generation != self._poll_generation:
                raise ApiError(409, _DEFAULT_FAULT_DESCRIPTIONS[409])
        return copy.deepcopy(self._queue[:limit])

    def _m_set_webhook(self, params: dict[str, Any], files: Any) -> tuple[bool, str]:
        url = str(params.get("url") or "")
        if url and self.strict_webhook_url:
            match = re.match(r"^https://[^/:]+(?::(\d+))?", url)
            if not match:
                raise ApiError(
                    400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
                )
            if match[1] and match[1] not in ("80", "88", "443", "8443"):
                raise ApiError(
                    400,
                    "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443",
                )
        elif url and not re.match(r"^https?://", url):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._queue.clear()
        if "allowed_updates" in params:
            self._allowed_updates = frozenset(params["allowed_updates"]) or None
        if not url:
            was_set = bool(self.webhook.get("url"))
            self.webhook = {"url": ""}
            return True, "Webhook was deleted" if was_set else "Webhook is already deleted"
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": int(params.get("max_connections") or 40),
        }
        self._wake_pollers()
        return True, "Webhook was set"

    def _m_delete_webhook(self, params: dict[str, Any], files: Any) -> tuple[bool, str]:
        if params.get("drop_pending_updates"):
            self._queue.clear()
        was_set = bool(self.webhook.get("url"))
        self.webhook = {"url": ""}
        return True, "Webhook was deleted" if was_set else "Webhook is already deleted"

    def _m_get_webhook_info(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if info["url"]:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            for key in ("last_error_date", "last_error_message"):
                if key in self.webhook:
                    info[key] = self.webhook[key]
            if self._allowed_updates is not None:
                info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    def _m_send_message(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        chat = self._chat_from(params)
        text, entities = self._format(params, "text", "entities")
        if not text:
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        content: dict[str, Any] = {"text": text, "entities": entities}
        if isinstance(params.get("link_preview_options"), dict):
            content["link_preview_options"] = params["link_preview_options"]
        return self._new_message(chat, params, content)

    def _m_edit_message_text(self, params: dict[str, Any], files: Any) -> dict[str, Any] | bool:
        text, entities = self._format(params, "text", "entities")
        if not text:
            raise ApiError(400, "Bad Request: message text is empty")
        markup = self._validate_markup(params.get("reply_markup"))
        msg = self._find_own_message(params, "edit")
        if msg is None:
            return True  # inline messages: Telegram answers True, not the Message
        if "text" not in msg:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        # no reply_markup in an edit removes the existing inline keyboard, as in Telegram
        return self._commit_edit(msg, {"text": text, "entities": entities, "reply_markup": markup})

    def _m_edit_message_caption(self, params: dict[str, Any], files: Any) -> dict[str, Any] | bool:
        caption, entities = self._format(params, "caption", "caption_entities")
        markup = self._validate_markup(params.get("reply_markup"))
        msg = self._find_own_message(params, "edit")
        if msg is None:
            return True
        if "text" in msg:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        return self._commit_edit(
            msg, {"caption": caption, "caption_entities": entities, "reply_markup": markup}
        )

    def _m_edit_message_reply_markup(
        self, params: dict[str, Any], files: Any
    ) -> dict[str, Any] | bool:
        markup = self._validate_markup(params.get("reply_markup"))
        msg = self._find_own_message(params, "edit")
        if msg is None:
            return True
        return self._commit_edit(msg, {"reply_markup": markup})

    def _m_answer_callback_query(self, params: dict[str, Any], files: Any) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)  # each query can be answered once
        self.callback_answers[query_id] = params
        return True

    def _m_send_photo(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        return self._send_media("photo", params, files)

    def _m_send_document(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        return self._send_media("document", params, files)

    def _m_send_video(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        return self._send_media("video", params, files)

    def _source_message(self, params: dict[str, Any], action: str) -> dict[str, Any]:
        source_chat = self._chat_from(params, "from_chat_id", for_send=False)
        msg = self.message(source_chat["id"], int(params.get("message_id") or 0))
        if msg is None:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        if any(key in msg for key in _SERVICE_FIELDS):
            raise ApiError(
                400,
                f"Bad Request: message can't be {'copied' if action == 'copy' else 'forwarded'}",
            )
        return msg

    def _m_copy_message(self, params: dict[str, Any], files: Any) -> dict[str, int]:
        chat = self._chat_from(params)
        source = self._source_message(params, "copy")
        content = {k: copy.deepcopy(source[k]) for k in _CONTENT_FIELDS if k in source}
        if "caption" in params:
            caption, entities = self._format(params, "caption", "caption_entities")
            content["caption"], content["caption_entities"] = caption, entities
        msg = self._new_message(chat, params, content)
        return {"message_id": msg["message_id"]}  # copyMessage returns MessageId, not Message

    def _m_forward_message(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        chat = self._chat_from(params)
        source = self._source_message(params, "forward")
        content: dict[str, Any] = {
            k: copy.deepcopy(source[k]) for k in _CONTENT_FIELDS if k in source
        }
        sender = source.get("from")
        if sender:
            content["forward_origin"] = {
                "type": "user",
                "sender_user": sender,
                "date": source["date"],
            }
        return self._new_message(
            chat, {k: v for k, v in params.items() if k != "reply_markup"}, content
        )

    def _m_get_chat(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        chat = self._chat_from(params, for_send=False)
        return {
            **copy.deepcopy(chat),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _m_get_chat_member(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        chat = self._chat_from(params, for_send=False)
        user_id = int(params.get("user_id") or 0)
        if user_id == self.bot_id:
            member = self._members.get(chat["id"], {}).get(self.bot_id)
            return member or self._chat_member(
                self.bot_user, self._bot_status.get(chat["id"], "member")
            )
        member = self._members.get(chat["id"], {}).get(user_id)
        if member is not None:
            return member
        if chat["type"] == "private" and user_id == chat["id"]:
            return self._chat_member(self._users[user_id], "member")
        if user_id in self._users:
            return self._chat_member(self._users[user_id], "left")
        raise ApiError(400, "Bad Request: user not found")

    def _m_get_chat_administrators(
        self, params: dict[str, Any], files: Any
    ) -> list[dict[str, Any]]:
        chat = self._chat_from(params, for_send=False)
        if chat["type"] == "private":
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        members = dict(self._members.get(chat["id"], {}))
        if self._bot_status.get(chat["id"]) == "administrator" and self.bot_id not in members:
            members[self.bot_id] = self._chat_member(self.bot_user, "administrator")
        return [m for m in members.values() if m["status"] in ("creator", "administrator")]

    def _m_send_chat_action(self, params: dict[str, Any], files: Any) -> bool:
        self._chat_from(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _m_set_my_commands(self, params: dict[str, Any], files: Any) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, 'Bad Request: parameter "commands" is required')
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._commands_key(params)] = commands
        return True

    def _m_get_my_commands(self, params: dict[str, Any], files: Any) -> list[dict[str, Any]]:
        return self._commands.get(self._commands_key(params), [])

    def _m_delete_my_commands(self, params: dict[str, Any], files: Any) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _m_delete_message(self, params: dict[str, Any], files: Any) -> bool:
        chat = self._chat_from(params, for_send=False)
        message_id = int(params.get("message_id") or 0)
        msg = self.message(chat["id"], message_id)
        if msg is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        is_own = msg.get("from", {}).get("id") == self.bot_id
        if (
            not is_own
            and chat["type"] != "private"
            and self._bot_status.get(chat["id"]) not in ("administrator", "creator")
        ):
            raise ApiError(400, "Bad Request: message can't be deleted")
        del self._messages[chat["id"]][message_id]
        self.deleted.append((chat["id"], message_id))
        return True

    def _m_get_file(self, params: dict[str, Any], files: Any) -> dict[str, Any]:
        record = self._files.get(str(params.get("file_id") or ""))
        if record is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if record["file_size"] > _DOWNLOAD_LIMIT:  # bots may download files up to 20 MB
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": record["file_id"],
            "file_unique_id": record["file_unique_id"],
            "file_size": record["file_size"],
            "file_path": record["file_path"],
        }

    def _m_log_out(self, params: dict[str, Any], files: Any) -> bool:
        return True

    def _m_close(self, params: dict[str, Any], files: Any) -> bool:
        return True
