"""Reading what clients send instead of typing: voice notes are transcribed, screenshots are
read (OCR). Both are optional and bounded; whatever fails, the message is kept as it came.

The domain only decides what to read and what the result means; downloading a file, the
speech-to-text server and the OCR engine are ports, implemented in `bot/adapters/media.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from domain.model import MediaKind, MediaNote, MediaRef
from domain.rules import clean_text

# What is kept of one transcript or one picture's text: a long recording or a full-screen log
# must not inflate the ticket (triage reads at most 4000 characters anyway).
MEDIA_TEXT_MAX = 4000


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


@dataclass(frozen=True, slots=True)
class MediaReading:
    text: str = ""
    note: MediaNote | None = None


@dataclass(frozen=True, slots=True)
class MediaLimits:
    voice_max_bytes: int = 10 * 1024 * 1024
    image_max_bytes: int = 5 * 1024 * 1024


_NOT_TRANSCRIBED = MediaReading(note=MediaNote.NOT_TRANSCRIBED)
_AUDIO_SUFFIX = {"audio/ogg": "ogg", "audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
                 "audio/mp4": "m4a", "audio/webm": "webm"}


def is_voice(ref: MediaRef) -> bool:
    return ref.kind is MediaKind.VOICE


def is_picture(ref: MediaRef) -> bool:
    """A photo, or a screenshot sent as a file (desktop clients do that)."""
    return ref.kind is MediaKind.PHOTO or (
        ref.kind is MediaKind.DOCUMENT and (ref.mime_type or "").startswith("image/"))


class MediaReader:
    """Turns a voice note into words and a screenshot into its text, within the limits."""

    def __init__(self, files: MediaFiles, *, speech: SpeechToText | None = None,
                 images: ImageToText | None = None, limits: MediaLimits | None = None) -> None:
        self._files = files
        self._speech = speech
        self._images = images
        self._limits = limits or MediaLimits()

    def wants(self, ref: MediaRef | None) -> bool:
        """Is there anything to do for this media? (A voice note always gets a note.)"""
        return ref is not None and (is_voice(ref) or (is_picture(ref) and self._images is not None))

    async def read(self, ref: MediaRef) -> MediaReading:
        try:
            if is_voice(ref):
                return await self._voice(ref)
            if is_picture(ref) and self._images is not None:
                return await self._picture(ref, self._images)
        except Exception:  # noqa: BLE001 - the ports promise not to raise; the message is kept
            return _NOT_TRANSCRIBED if is_voice(ref) else MediaReading()
        return MediaReading()

    async def _voice(self, ref: MediaRef) -> MediaReading:
        limit = self._limits.voice_max_bytes
        if self._speech is None or (ref.size is not None and ref.size > limit):
            return _NOT_TRANSCRIBED
        audio = await self._files.fetch(ref, limit)
        if not audio:
            return _NOT_TRANSCRIBED
        suffix = _AUDIO_SUFFIX.get((ref.mime_type or "").split(";")[0], "ogg")
        words = _bounded(await self._speech.transcribe(audio, f"voice.{suffix}"))
        return MediaReading(words, MediaNote.TRANSCRIBED) if words else _NOT_TRANSCRIBED

    async def _picture(self, ref: MediaRef, images: ImageToText) -> MediaReading:
        limit = self._limits.image_max_bytes
        if ref.size is not None and ref.size > limit:
            return MediaReading()
        image = await self._files.fetch(ref, limit)
        if not image:
            return MediaReading()
        text = _bounded(tidy_ocr(await images.read(image) or ""))
        return MediaReading(text, MediaNote.RECOGNIZED) if text else MediaReading()


def _bounded(text: str | None) -> str:
    text = clean_text(text or "")
    return text if len(text) <= MEDIA_TEXT_MAX else text[: MEDIA_TEXT_MAX - 1] + "…"


_LETTERS = re.compile(r"[^\W\d_]{2,}")


def tidy_ocr(text: str) -> str:
    """OCR output without its debris: blank lines, lines of stray symbols, repeated spaces."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if _LETTERS.search(line))


# What error messages say, in the systems clients use (1C, Bitrix24, browsers, Windows), in
# Russian and English. Stems, matched at a word start; OCR's ё is often е.
_ERROR_WORDS = re.compile(
    r"(?<!\w)(ошибк|ошибоч|error|exception|исключени|сбо[йяею]|fail|fatal|критическ|"
    r"не\s+удал[оа]сь|не\s+удаетс|невозможно|отказано|denied|не\s+найден|not\s+found|"
    r"недоступ|unavailable|timed?\s*out|тайм-?аут|неверн|invalid|не\s+пров[ео]д|traceback|"
    r"http\s*[45]\d\d)",
    re.IGNORECASE,
)


def shows_error(text: str) -> bool:
    """Does this text (read from a screenshot) show an error message?"""
    return bool(text) and _ERROR_WORDS.search(text.replace("ё", "е").replace("Ё", "Е")) is not None


__all__ = [
    "MEDIA_TEXT_MAX",
    "ImageToText",
    "MediaFiles",
    "MediaLimits",
    "MediaReader",
    "MediaReading",
    "SpeechToText",
    "shows_error",
    "tidy_ocr",
]
