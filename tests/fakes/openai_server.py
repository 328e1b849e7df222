"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, driven by a script.

It speaks real HTTP, so it works whatever HTTP client the pinned `openai` SDK uses. Every
request body is recorded; replies are taken from a queue of one-shot replies first, then
from a standing reply.
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


def broken_body() -> Reply:
    """A 200 whose body is not JSON at all."""
    return Reply(raw_body="this is not json {", headers={"content-type": "application/json"})


class FakeOpenAIServer:
    """`async with FakeOpenAIServer() as server:` then point the SDK at `server.base_url`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.standing: Reply = server_error(503)  # an unscripted call shows up as a failure
        self._queue: deque[Reply] = deque()
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    def then(self, *replies: Reply) -> None:
        """Queue one-shot replies, used in order before the standing reply."""
        self._queue.extend(replies)

    def always(self, reply: Reply) -> None:
        self.standing = reply

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

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        reply = self._queue.popleft() if self._queue else self.standing
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
