"""The media adapters against real things: a Tesseract process, the OpenAI SDK over HTTP to a
fake OpenAI-compatible server, aiogram's getFile + download against the fake Bot API."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from bot.adapters.llm import make_llm_client
from bot.adapters.media import OpenAITranscriber, TelegramFiles, TesseractOCR
from domain.kernel.model import MediaKind, MediaRef
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.harness import make_bot
from tests.fakes.openai_server import FakeOpenAIServer, server_error, transcript
from tests.media_files import error_dialog, need_tesseract


def _program(tmp_path: Path, body: str) -> str:
    path = tmp_path / "tesseract"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_without_tesseract_installed_there_is_no_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert TesseractOCR.find(languages="rus+eng", timeout_s=5) is None


async def test_tesseract_reads_russian_and_english_from_a_drawn_dialog():
    binary = need_tesseract()
    ocr = TesseractOCR(binary, languages="rus+eng", timeout_s=60)
    text = await ocr.read(error_dialog("Ошибка", ["Недостаточно товара на складе",
                                                  "Access denied"], fmt="PNG"))
    assert "Недостаточно товара на складе" in text and "Access denied" in text


async def test_a_tesseract_running_past_its_timeout_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    program = _program(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60")
    ocr = TesseractOCR(program, languages="rus", timeout_s=0.5)
    assert await ocr.read(b"image") is None
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


@pytest.mark.parametrize("body", ["echo 'Failed loading language rus' >&2; exit 1", ""])
async def test_a_failing_or_missing_tesseract_reads_nothing(tmp_path, body):
    program = _program(tmp_path, body) if body else str(tmp_path / "nowhere")
    assert await TesseractOCR(program, languages="rus", timeout_s=5).read(b"x") is None


async def test_the_transcriber_sends_the_file_and_returns_the_words():
    async with FakeOpenAIServer() as server:
        server.transcribe_then(transcript("Не работает телефония"), server_error(500),
                               transcript("поздно", delay_s=30))
        client = make_llm_client(server.base_url, "sk-test", 10, 0)
        speech = OpenAITranscriber(client, "whisper-1", timeout_s=1.0)
        try:
            assert await speech.transcribe(b"RIFF....WAVE", "voice.wav") == "Не работает телефония"
            assert await speech.transcribe(b"RIFF....WAVE", "voice.wav") is None  # 500
            assert await speech.transcribe(b"RIFF....WAVE", "voice.wav") is None  # timeout
        finally:
            await speech.aclose()
        first = server.uploads[0]
        assert (first.model, first.filename, first.data) == ("whisper-1", "voice.wav",
                                                             b"RIFF....WAVE")
        assert "language" not in first.fields  # the server detects it unless configured


async def test_telegram_files_are_fetched_by_id_within_the_size_limit():
    async with FakeBotAPI() as fake:
        bot = make_bot(fake)
        try:
            update = fake.group_message(-100, 1, voice=b"OggS" + b"\0" * 2000)
            voice = update["message"]["voice"]
            ref = MediaRef(MediaKind.VOICE, voice["file_id"], voice["file_size"], "audio/ogg")
            files = TelegramFiles(bot, timeout_s=10)
            assert await files.fetch(ref, 10_000) == b"OggS" + b"\0" * 2000
            downloads = len([c for c in fake.log if c.method == "getFile"])
            assert await files.fetch(ref, 1000) is None  # getFile told its size: not fetched
            assert len([c for c in fake.log if c.method == "getFile"]) == downloads + 1
            gone = MediaRef(MediaKind.VOICE, "no-such-file", None)
            assert await files.fetch(gone, 10_000) is None
        finally:
            await bot.session.close()
