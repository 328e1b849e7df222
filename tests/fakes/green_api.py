"""A fake Green-API gateway on 127.0.0.1: records what the bot sends, answers with message
ids, refuses a wrong instance token, and can post webhooks to the bot the way Green-API does."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web


class FakeGreenAPI:
    def __init__(self, instance_id: str = "1101000001", token: str = "gtoken") -> None:
        self.instance_id, self.token = instance_id, token
        self.sent: list[dict[str, Any]] = []  # {"method", "chatId", "message", ...,"idMessage"}
        self._ids = itertools.count(1)
        self._incoming = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/waInstance{instance}/{method}/{token}", self._call)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001 - the chosen free port
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _call(self, request: web.Request) -> web.Response:
        info = request.match_info
        if info["instance"] != self.instance_id or info["token"] != self.token:
            return web.json_response({"message": "wrong instance or token"}, status=401)
        method = info["method"]
        if method not in ("sendMessage", "sendFileByUrl", "sendFileByUpload"):
            return web.json_response({"message": f"unknown method {method}"}, status=404)
        if request.content_type == "application/json":
            body = await request.json()
        else:
            form = await request.post()
            body = {k: (v if isinstance(v, str) else f"<file {v.filename}>")
                    for k, v in form.items()}
        if not body.get("chatId"):
            return web.json_response({"message": "chatId is required"}, status=400)
        id_message = f"BAE5{next(self._ids):08X}"
        self.sent.append({"method": method, **body, "idMessage": id_message})
        return web.json_response({"idMessage": id_message})

    # -- what the bot sent --------------------------------------------------------------------

    def sent_to(self, chat_id: str) -> list[dict[str, Any]]:
        return [m for m in self.sent if m["chatId"] == chat_id]

    async def wait_sent(self, chat_id: str, predicate: Callable[[dict], bool] = lambda m: True,
                        within: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            for message in self.sent_to(chat_id):
                if predicate(message):
                    return message
            await asyncio.sleep(0.01)
        raise AssertionError(f"nothing matching was sent to {chat_id}: {self.sent_to(chat_id)}")

    # -- what happens in WhatsApp -------------------------------------------------------------

    def incoming(self, chat_id: str, sender: str, text: str = "", *, name: str = "Катя",
                 quoted: str | None = None, image: bool = False, chat_name: str = "ACME",
                 id_message: str | None = None, at: int = 1_790_000_000) -> dict[str, Any]:
        """An `incomingMessageReceived` webhook body, as Green-API posts it."""
        if image:
            data = {"typeMessage": "imageMessage", "fileMessageData": {
                "downloadUrl": "https://example.invalid/f.jpg", "caption": text,
                "fileName": "f.jpg", "mimeType": "image/jpeg"}}
        elif quoted:
            data = {"typeMessage": "quotedMessage",
                    "extendedTextMessageData": {"text": text, "stanzaId": quoted,
                                                "participant": "79000000000@c.us"},
                    "quotedMessage": {"stanzaId": quoted, "typeMessage": "textMessage"}}
        else:
            data = {"typeMessage": "textMessage", "textMessageData": {"textMessage": text}}
        return {
            "typeWebhook": "incomingMessageReceived",
            "instanceData": {"idInstance": int(self.instance_id),
                             "wid": "79990000000@c.us", "typeInstance": "whatsapp"},
            "timestamp": at,
            "idMessage": id_message or f"3EB0{next(self._incoming):016X}",
            "senderData": {"chatId": chat_id, "chatName": chat_name,
                           "sender": f"{sender}@c.us", "senderName": name,
                           "senderContactName": ""},
            "messageData": data,
        }

    @staticmethod
    async def post_webhook(url: str, payload: dict[str, Any], token: str | None) -> int:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        async with aiohttp.ClientSession() as http, \
                http.post(url, json=payload, headers=headers) as response:
            return response.status
