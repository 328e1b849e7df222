"""Ports."""

from __future__ import annotations

from typing import Protocol

from domain.kernel.model import MediaRef


class MediaFiles(Protocol):
    """Downloads a file the messenger holds. Never raises: None when the file is bigger than
    `max_bytes` or cannot be had."""

    async def fetch(self, ref: MediaRef, max_bytes: int) -> bytes | None: ...


class SpeechToText(Protocol):
    """Transcribes a voice note. Never raises: None on any failure or timeout."""

    async def transcribe(self, audio: bytes, filename: str) -> str | None: ...


class ImageToText(Protocol):
    """Reads the text in a picture (OCR). Never raises: None on any failure or timeout."""

    async def read(self, image: bytes) -> str | None: ...
