"""A fake OpenAI-compatible server on 127.0.0.1 (chat completions and audio transcriptions),
driven by a script.

It speaks real HTTP, so it works whatever HTTP client the pinned `openai` SDK uses. Every
request body is recorded; replies are taken from a queue of one-shot replies first, then
from a standing reply. Transcriptions have their own queue and standing reply: the request is
multipart (`file`, `model`, optional `language`, `response_format`) as the API documents it.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass(frozen=True, slots=True)
class Reply:
    """One scripted response. Build it with the helpers below."""

    status: int = 200
    content: str | None = None  # the assistant message content, for a 200
    raw_body: str | None = None  # sent verbatim instead of a completion envelope
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    until: asyncio.Event | None = None  # answers only once the test sets it (or at stop)


def answer(**fields: Any) -> Reply:
    """A well-formed completion whose content is the given JSON object."""
    return Reply(content=json.dumps(fields, ensure_ascii=False))


def content(text: str) -> Reply:
    """A well-formed completion whose content is any text, e.g. broken JSON."""
    return Reply(content=text)


def server_error(status: int = 500) -> Reply:
    # A tiny retry-after keeps the SDK's retries fast in tests.
    return Reply(
        status=status, raw_body='{"error": {"message": "boom"}}', headers={"retry-after-ms": "10"}
    )


def slow(delay_s: float, then: Reply | None = None) -> Reply:
    """Answers only after `delay_s` seconds (or when the server stops)."""
    base = then or answer(kind="technical", reason=None, title="slow", confidence=0.9)
    return Reply(status=base.status, content=base.content, raw_body=base.raw_body, delay_s=delay_s)


def transcript(text: str, delay_s: float = 0.0, until: asyncio.Event | None = None) -> Reply:
    """A transcription answer: `{"text": ...}` (or the bare text for response_format=text)."""
    return Reply(content=text, delay_s=delay_s, until=until)


@dataclass(frozen=True, slots=True)
class Upload:
    """One transcription request as the server received it."""

    model: str
    filename: str
    content_type: str
    data: bytes
    fields: dict[str, str]


def broken_body() -> Reply:
    """A 200 whose body is not JSON at all."""
    return Reply(raw_body="this is not json {", headers={"content-type": "application/json"})


class FakeOpenAIServer:
    """`async with FakeOpenAIServer() as server:` then point the SDK at `server.base_url`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.standing: Reply = server_error(503)  # an unscripted call shows up as a failure
        self._queue: deque[Reply] = deque()
        self.uploads: list[Upload] = []
        self.transcription_standing: Reply = server_error(503)
        self._transcriptions: deque[Reply] = deque()
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def then(self, *replies: Reply) -> None:
        """Queue one-shot replies, used in order before the standing reply."""
        self._queue.extend(replies)

    def always(self, reply: Reply) -> None:
        self.standing = reply

    def transcribe_then(self, *replies: Reply) -> None:
        self._transcriptions.extend(replies)

    def transcribe_always(self, reply: Reply) -> None:
        self.transcription_standing = reply

    @property
    def user_payloads(self) -> list[dict[str, Any]]:
        """The JSON data of each request's user message."""
        return [
            json.loads(next(m["content"] for m in r["messages"] if m["role"] == "user"))
            for r in self.requests
        ]

    async def __aenter__(self) -> FakeOpenAIServer:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        app.router.add_post("/v1/audio/transcriptions", self._transcription)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self.base_url = f"http://127.0.0.1:{port}/v1"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stopping.set()  # release slow handlers so shutdown does not wait for them
        if self._runner is not None:
            await self._runner.cleanup()

    async def _transcription(self, request: web.Request) -> web.Response:
        fields: dict[str, str] = {}
        file_part: tuple[str, str, bytes] | None = None
        async for part in await request.multipart():
            if part.name == "file":
                file_part = (part.filename or "", part.headers.get("Content-Type", ""),
                             bytes(await part.read()))
            elif part.name:
                fields[part.name] = await part.text()
        if file_part is None or "model" not in fields:
            return web.json_response({"error": {"message": "file and model are required",
                                                "type": "invalid_request_error"}}, status=400)
        self.uploads.append(Upload(fields["model"], *file_part, fields))
        reply = self._transcriptions.popleft() if self._transcriptions else \
            self.transcription_standing
        if early := await self._early(reply):
            return early
        if fields.get("response_format") == "text":
            return web.Response(text=reply.content or "", status=reply.status)
        return web.json_response({"text": reply.content or ""}, status=reply.status,
                                 headers=reply.headers)

    async def _early(self, reply: Reply) -> web.Response | None:
        """Waits out a slow reply; the verbatim body of a raw one."""
        if reply.until is not None:
            waits = [asyncio.ensure_future(e.wait()) for e in (reply.until, self._stopping)]
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            for waiting in waits:
                waiting.cancel()
        if reply.delay_s:
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=reply.delay_s)
            except TimeoutError:
                pass
        if reply.raw_body is not None:
            return web.Response(
                status=reply.status,
                text=reply.raw_body,
                content_type="application/json",
                headers={k: v for k, v in reply.headers.items() if k.lower() != "content-type"},
            )
        return None

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        reply = self._queue.popleft() if self._queue else self.standing
        if early := await self._early(reply):
            return early
        return web.json_response(
            _completion(body.get("model", "fake"), reply.content, len(self.requests)),
            status=reply.status,
            headers=reply.headers,
        )


def _completion(model: str, text: str | None, n: int) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake-{n}",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }
