"""Adapters of domain/media.py: a Telegram file download, speech-to-text through any
OpenAI-compatible transcription endpoint, and OCR by the Tesseract command-line program.

Each is bounded (size, time) and never raises: a failure is logged in one line without client
content and the message is kept as it came.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from typing import TYPE_CHECKING, Any

from domain.kernel.model import MediaRef

if TYPE_CHECKING:
    import openai
    from aiogram import Bot

log = logging.getLogger(__name__)


def _describe(exc: BaseException) -> str:
    return "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__


class TelegramFiles:
    """Downloads a file by its Telegram file id: getFile, then the file path (Bot API)."""

    def __init__(self, bot: Bot, *, timeout_s: float) -> None:
        self._bot = bot
        self._timeout = timeout_s

    async def fetch(self, ref: MediaRef, max_bytes: int) -> bytes | None:
        try:
            return await asyncio.wait_for(self._fetch(ref, max_bytes), self._timeout)
        except Exception as exc:  # noqa: BLE001 - the port promises not to raise
            log.warning("could not download a %s from Telegram (%s)", ref.kind.value,
                        _describe(exc))
            return None

    async def _fetch(self, ref: MediaRef, max_bytes: int) -> bytes | None:
        file = await self._bot.get_file(ref.file_id)
        if file.file_size is not None and file.file_size > max_bytes:
            return None
        if not file.file_path:
            return None
        buffer = await self._bot.download_file(file.file_path, timeout=int(self._timeout) or 1)
        data = buffer.read() if buffer is not None else b""
        return data if 0 < len(data) <= max_bytes else None


class OpenAITranscriber:
    """`audio.transcriptions` of any OpenAI-compatible server (OpenAI, a self-hosted Whisper
    server such as faster-whisper-server or speaches, LocalAI, vLLM)."""

    def __init__(self, client: openai.AsyncOpenAI, model: str, *, timeout_s: float,
                 language: str | None = None) -> None:
        self._client = client
        self._model = model
        self._timeout = timeout_s
        self._language = language

    async def transcribe(self, audio: bytes, filename: str) -> str | None:
        extra: dict[str, Any] = {"language": self._language} if self._language else {}
        try:
            result = await asyncio.wait_for(self._client.audio.transcriptions.create(
                model=self._model, file=(filename, audio), **extra), self._timeout)
        except Exception as exc:  # noqa: BLE001 - the port promises not to raise
            log.warning("voice transcription failed (%s); the voice note is kept untranscribed",
                        _describe(exc))
            return None
        text = result if isinstance(result, str) else getattr(result, "text", None)
        return text if isinstance(text, str) else None

    async def aclose(self) -> None:
        await self._client.close()


class TesseractOCR:
    """Reads a picture's text with the `tesseract` program (Debian: tesseract-ocr and
    tesseract-ocr-rus), fed through stdin; killed when it runs past the timeout."""

    def __init__(self, binary: str, *, languages: str, timeout_s: float) -> None:
        self._binary = binary
        self._languages = languages
        self._timeout = timeout_s

    @classmethod
    def find(cls, *, languages: str, timeout_s: float) -> TesseractOCR | None:
        """The OCR when the program is installed, else None (pictures are kept unread)."""
        binary = shutil.which("tesseract")
        return cls(binary, languages=languages, timeout_s=timeout_s) if binary else None

    async def read(self, image: bytes) -> str | None:
        try:
            process = await asyncio.create_subprocess_exec(
                self._binary, "stdin", "stdout", "-l", self._languages,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE)
        except OSError as exc:
            log.warning("cannot start tesseract (%s)", _describe(exc))
            return None
        try:
            out, err = await asyncio.wait_for(process.communicate(image), self._timeout)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
            log.warning("tesseract ran past %s s; the picture is kept unread", self._timeout)
            return None
        if process.returncode != 0:
            first = err.decode(errors="replace").strip().splitlines()[:1]
            log.warning("tesseract failed (exit %s): %s", process.returncode,
                        first[0] if first else "")
            return None
        return out.decode(errors="replace")
