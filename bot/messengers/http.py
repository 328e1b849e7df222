"""A small JSON-over-HTTP client shared by the WhatsApp adapters (aiohttp, lazily opened)."""

from __future__ import annotations

import asyncio
import json as json_lib
import logging
from collections.abc import Callable
from typing import Any

import aiohttp

from domain.kernel.ports import PermanentSendError, TransientSendError

log = logging.getLogger(__name__)


class MessengerError(Exception):
    """A messenger API refused a request; the message names the API and its answer."""


class RefusedError(MessengerError, PermanentSendError):
    """A 4xx other than 429: the same request will never succeed (the outbox gives up)."""


class UnavailableError(MessengerError, TransientSendError):
    """Network errors, 429 or 5xx after our own retries: the outbox tries again later."""


class JsonClient:
    """POSTs with retries on network errors, 429 and 5xx; a 4xx is the caller's mistake."""

    def __init__(self, name: str, *, headers: dict[str, str] | None = None,
                 timeout: float = 15.0, attempts: int = 3, base_delay: float = 0.5) -> None:
        self._name = name
        self._headers = headers or {}
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._attempts = attempts
        self._base_delay = base_delay
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        # Opened on first use: a session must be created inside the running event loop.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers=self._headers, timeout=self._timeout)
        return self._session

    async def post(self, url: str, *, json: dict | None = None,
                   form: Callable[[], aiohttp.FormData] | None = None) -> dict[str, Any]:
        """POST JSON (or a multipart form, built afresh for every attempt); the JSON answer."""
        for attempt in range(1, self._attempts + 1):
            try:
                data = form() if form is not None else None
                async with self._http().post(url, json=json, data=data) as response:
                    raw = await response.text()
                    try:
                        body = json_lib.loads(raw) if raw else {}
                    except ValueError:
                        body = raw[:200]
                    if response.status < 400:
                        return body if isinstance(body, dict) else {}
                    if response.status != 429 and response.status < 500:
                        raise RefusedError(f"{self._name} answered {response.status}: {body}")
                    failure = f"{self._name} answered {response.status}"
            except (TimeoutError, aiohttp.ClientConnectionError) as exc:
                failure = f"{self._name} is unreachable: {exc!r}"
            if attempt == self._attempts:
                raise UnavailableError(failure)
            delay = self._base_delay * 2 ** (attempt - 1)
            log.warning("%s; retrying in %.1f s", failure, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
