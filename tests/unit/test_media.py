"""What is read from voice notes and screenshots, and the bounds on it (domain/media.py)."""

from __future__ import annotations

import pytest

from domain.intake.model import MediaLimits, MediaReading
from domain.intake.rules import MEDIA_TEXT_MAX, shows_error, tidy_ocr
from domain.intake.service import MediaReader
from domain.kernel.model import MediaKind, MediaNote, MediaRef


class Files:
    def __init__(self, data: bytes | None = b"data") -> None:
        self.data, self.asked = data, []

    async def fetch(self, ref: MediaRef, max_bytes: int) -> bytes | None:
        self.asked.append((ref.file_id, max_bytes))
        return self.data


class Speech:
    def __init__(self, words: str | None) -> None:
        self.words, self.heard = words, []

    async def transcribe(self, audio: bytes, filename: str) -> str | None:
        self.heard.append(filename)
        return self.words


class Images:
    def __init__(self, text: str | None) -> None:
        self.text = text

    async def read(self, image: bytes) -> str | None:
        return self.text


class Broken:
    async def transcribe(self, audio: bytes, filename: str) -> str | None:
        raise RuntimeError("a port that broke its promise")

    async def read(self, image: bytes) -> str | None:
        raise RuntimeError("a port that broke its promise")


VOICE = MediaRef(MediaKind.VOICE, "v1", 1000, "audio/ogg")
PHOTO = MediaRef(MediaKind.PHOTO, "p1", 1000, "image/jpeg")


@pytest.mark.parametrize("text", [
    "Ошибка при проведении документа", "Не удалось подключиться к серверу",
    "Отказано в доступе", "Unhandled exception", "HTTP 502 Bad Gateway",
    "Документ не проведен", "ОШИБКА: неверный логин или пароль", "Сервис недоступен",
])
def test_error_messages_are_recognised_in_russian_and_english(text):
    assert shows_error(text)


@pytest.mark.parametrize("text", [
    "", "Документ проведён", "Входящие: 120\nПропущенные: 7", "Сделка закрыта успешно",
    "Отчёт по звонкам за неделю", "Hello world",
])
def test_ordinary_screens_show_no_error(text):
    assert not shows_error(text)


def test_ocr_debris_is_dropped_and_words_kept():
    raw = "  1С:Предприятие \n\n|  — ~ \n Ошибка   при проведении\n\x0c"
    assert tidy_ocr(raw) == "1С:Предприятие\nОшибка при проведении"


async def test_a_voice_note_with_no_transcription_endpoint_is_flagged_and_never_downloaded():
    files = Files()
    reading = await MediaReader(files).read(VOICE)
    assert reading == MediaReading(note=MediaNote.NOT_TRANSCRIBED) and files.asked == []


async def test_a_voice_note_over_the_size_limit_is_flagged_and_never_downloaded():
    files, speech = Files(), Speech("слова")
    reader = MediaReader(files, speech=speech, limits=MediaLimits(voice_max_bytes=999))
    assert (await reader.read(VOICE)).note is MediaNote.NOT_TRANSCRIBED
    assert files.asked == [] and speech.heard == []


@pytest.mark.parametrize("files, speech", [
    (Files(None), Speech("слова")),  # could not be downloaded (or bigger than Telegram said)
    (Files(), Speech(None)),  # the server failed or timed out
    (Files(), Speech("   ")),  # silence
    (Files(), Broken()),
])
async def test_a_voice_note_that_yields_no_words_is_flagged(files, speech):
    reading = await MediaReader(files, speech=speech).read(VOICE)
    assert reading == MediaReading(note=MediaNote.NOT_TRANSCRIBED)


async def test_a_transcript_is_kept_bounded_and_the_download_is_bounded_too():
    files, speech = Files(), Speech("слово " * 2000)
    reader = MediaReader(files, speech=speech, limits=MediaLimits(voice_max_bytes=5000))
    reading = await reader.read(VOICE)
    assert reading.note is MediaNote.TRANSCRIBED
    assert len(reading.text) == MEDIA_TEXT_MAX and reading.text.endswith("…")
    assert files.asked == [("v1", 5000)] and speech.heard == ["voice.ogg"]


async def test_without_ocr_a_photo_is_kept_as_it_came():
    reader = MediaReader(Files())
    assert not reader.wants(PHOTO) and await reader.read(PHOTO) == MediaReading()


@pytest.mark.parametrize("ref", [
    PHOTO, MediaRef(MediaKind.DOCUMENT, "d1", 10, "image/png"),
])
async def test_a_screenshot_photo_or_image_file_is_read(ref):
    reader = MediaReader(Files(), images=Images("Ошибка  при проведении\n|||"))
    assert reader.wants(ref)
    assert await reader.read(ref) == MediaReading("Ошибка при проведении", MediaNote.RECOGNIZED)


@pytest.mark.parametrize("reader", [
    MediaReader(Files(), images=Images(None)),
    MediaReader(Files(), images=Images("|| ~ —")),
    MediaReader(Files(), images=Broken()),
    MediaReader(Files(), images=Images("Ошибка"), limits=MediaLimits(image_max_bytes=10)),
])
async def test_a_picture_that_yields_no_text_is_kept_unflagged(reader):
    assert await reader.read(PHOTO) == MediaReading()


async def test_other_files_are_not_read():
    reader = MediaReader(Files(), speech=Speech("x"), images=Images("x"))
    pdf = MediaRef(MediaKind.DOCUMENT, "d2", 10, "application/pdf")
    assert not reader.wants(pdf) and not reader.wants(None)
    assert await reader.read(pdf) == MediaReading()
