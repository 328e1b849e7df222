"""Voice notes and screenshots are read, end to end: real aiogram against the fake Bot API
(getFile + file download), a real WAV spoken by espeak-ng sent to a fake OpenAI-compatible
transcription server, and a real error dialog drawn by Pillow read by the real Tesseract."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

import pytest

from domain.kernel.model import Kind, MediaNote, Platform, TicketStatus
from tests.e2e.test_telegram_bot import GROUP, KATE, STAFF, stack
from tests.fakes.openai_server import FakeOpenAIServer, server_error, transcript
from tests.media_files import error_dialog, need_tesseract, speak_wav, wav_seconds

STAFF_CHAT = -1002000000009
PHRASE = "Не работает телефония, клиенты не могут дозвониться"


def _buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


@contextlib.asynccontextmanager
async def running(tmp_path: Path, **settings):
    async with stack(tmp_path, link=True, staff_chat_id=str(STAFF_CHAT), **settings) as built:
        built.fake.add_chat(STAFF_CHAT, title="Вектор: сотрудники")
        await built.start(polling=True, polling_timeout=1)
        yield built


async def _tickets(built):
    async with built.app.uow() as uow:
        return list(await uow.tickets.for_client(built.client.id))


async def _message(built, message_id: int, chat: int = GROUP):
    async with built.app.uow() as uow:
        return await uow.messages.get(Platform.TELEGRAM, str(chat), str(message_id))


async def _stored(built, message_id: int, chat: int = GROUP):
    """The message once the inbox worker has handled it."""
    for _ in range(400):
        if (stored := await _message(built, message_id, chat)) is not None:
            return stored
        await asyncio.sleep(0.05)
    raise AssertionError(f"message {message_id} was never stored")


async def _confirm_and_get_card(built) -> str:
    """The requester confirms the draft; returns the card the staff chat gets."""
    fake = built.fake
    draft = next(m for m in fake.sent_to(GROUP) if "записал" in m.get("text", ""))
    fake.push_update(fake.callback(GROUP, KATE, draft["message_id"], _buttons(draft)[0]))
    card = await fake.wait_sent(STAFF_CHAT, lambda m: "№1" in m.get("text", ""), timeout=10)
    return card["text"]


async def test_a_spoken_voice_note_is_transcribed_and_triaged_as_a_request(tmp_path):
    wav = speak_wav(PHRASE)
    async with FakeOpenAIServer() as server:
        server.transcribe_always(transcript(PHRASE))
        async with running(tmp_path, transcribe_base_url=server.base_url,
                           transcribe_model="whisper-large-v3", transcribe_language="ru") as built:
            voice = built.fake.group_message(GROUP, KATE, voice=wav, voice_mime="audio/wav")
            built.fake.push_update(voice)
            draft = await built.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""),
                                               timeout=10)

            [upload] = server.uploads
            assert upload.data == wav and wav_seconds(upload.data) > 1  # the real recording
            assert upload.model == "whisper-large-v3" and upload.fields.get("language") == "ru"
            assert upload.filename == "voice.wav"
            assert draft["reply_to_message"]["message_id"] == voice["message"]["message_id"]
            assert "Не работает телефония" in draft["text"]
            [ticket] = await _tickets(built)
            assert ticket.kind is Kind.TECHNICAL and PHRASE in ticket.text
            stored = await _message(built, voice["message"]["message_id"])
            assert stored.media_note is MediaNote.TRANSCRIBED and stored.media_text == PHRASE
            assert stored.text == ""  # the client typed nothing: the words are the media's

            card = await _confirm_and_get_card(built)
            assert "расшифровано автоматически" in card and PHRASE in card


async def test_while_a_voice_note_is_transcribed_the_bot_keeps_receiving_and_sending(tmp_path):
    """The slow part runs before the update's batch takes SQLite's one write lock: other
    updates are committed and the outbox sends while the transcription server thinks."""
    wav = speak_wav(PHRASE)
    answer = asyncio.Event()
    async with FakeOpenAIServer() as server:
        server.transcribe_always(transcript(PHRASE, until=answer))
        async with running(tmp_path, transcribe_base_url=server.base_url) as built:
            fake = built.fake
            fake.push_update(fake.group_message(GROUP, KATE, voice=wav))
            await fake.wait_until(lambda: len(server.uploads) == 1, timeout=10)

            later = fake.push_update(fake.group_message(GROUP, KATE, "спасибо"))
            await fake.wait_confirmed(later)  # polled and committed to the inbox meanwhile
            await built.runtime.dispatcher["post"].send(Platform.TELEGRAM, GROUP,
                                                        "Плановые работы в 22:00")
            await fake.wait_sent(GROUP, lambda m: m.get("text") == "Плановые работы в 22:00")
            assert not [m for m in fake.sent_to(GROUP) if "записал" in m.get("text", "")]

            answer.set()
            await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""), timeout=10)
            [ticket] = await _tickets(built)
            assert PHRASE in ticket.text and len(server.uploads) == 1  # read once


@pytest.mark.parametrize("setup", ["no endpoint", "server error", "too slow", "too big"])
async def test_a_voice_note_that_cannot_be_transcribed_is_kept_and_flagged_on_the_card(
        tmp_path, setup):
    wav = speak_wav(PHRASE)
    async with FakeOpenAIServer() as server:
        settings: dict = {}
        if setup != "no endpoint":
            settings = {"transcribe_base_url": server.base_url, "transcribe_model": "whisper-1"}
        if setup == "server error":
            server.transcribe_always(server_error(500))
        elif setup == "too slow":
            server.transcribe_always(transcript(PHRASE, delay_s=30))
            settings["transcribe_timeout_seconds"] = 0.5
        elif setup == "too big":
            server.transcribe_always(transcript(PHRASE))
            settings["voice_max_mb"] = len(wav) / 2 / 1024 / 1024
        async with running(tmp_path, **settings) as built:
            fake = built.fake
            fake.push_update(fake.group_message(GROUP, KATE, "Не работает телефония у Марины"))
            await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""))
            voice = fake.group_message(GROUP, KATE, voice=wav, voice_mime="audio/wav")
            fake.push_update(voice)
            stored = await _stored(built, voice["message"]["message_id"])
            assert stored.media_note is MediaNote.NOT_TRANSCRIBED
            assert stored.media_text == ""
            [ticket] = await _tickets(built)
            assert stored.ticket_id == ticket.id  # the voice note joined the request
            assert ticket.status is TicketStatus.AWAITING_CONFIRMATION
            if setup == "too big":
                assert server.uploads == []  # never downloaded nor sent anywhere
            card = await _confirm_and_get_card(built)
            assert "Голосовое, не расшифровано (1)" in card


async def test_an_error_dialog_on_a_screenshot_is_read_and_makes_the_request_technical(tmp_path):
    need_tesseract()
    shot = error_dialog("1С:Предприятие", ["Ошибка при проведении документа",
                                           "Реализация товаров и услуг 00-000123:",
                                           "Недостаточно товара на складе"])
    async with running(tmp_path) as built:
        fake = built.fake
        # The caption alone reads as a "how do I" question; the screenshot shows an error.
        photo = fake.group_message(GROUP, KATE, photo=shot, caption="Как провести реализацию?")
        fake.push_update(photo)
        await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""), timeout=20)

        [ticket] = await _tickets(built)
        assert ticket.kind is Kind.TECHNICAL
        assert "Ошибка при проведении документа" in ticket.text
        assert "Недостаточно товара на складе" in ticket.text
        stored = await _message(built, photo["message"]["message_id"])
        assert stored.media_note is MediaNote.RECOGNIZED and stored.text == "Как провести реализацию?"
        assert "Ошибка при проведении документа" in stored.media_text
        assert any(c[0] == "getFile" for c in fake.calls)  # read from the file Telegram holds

        card = await _confirm_and_get_card(built)
        assert "Текст со скриншота прочитан автоматически (1)" in card


async def test_a_screenshot_of_an_error_alone_opens_a_technical_request(tmp_path):
    need_tesseract()
    shot = error_dialog("Битрикс24", ["Не удалось сохранить сделку", "Access denied"])
    async with running(tmp_path) as built:
        built.fake.push_update(built.fake.group_message(GROUP, KATE, photo=shot))
        draft = await built.fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""),
                                           timeout=20)
        assert "Не удалось сохранить сделку" in draft["text"]  # the title comes from the picture
        [ticket] = await _tickets(built)
        assert ticket.kind is Kind.TECHNICAL


async def test_a_photo_without_an_error_still_waits_for_the_words_of_its_burst(tmp_path):
    need_tesseract()
    shot = error_dialog("Отчёт по звонкам", ["Входящие: 120", "Пропущенные: 7"])
    async with running(tmp_path) as built:
        fake = built.fake
        photo = fake.group_message(GROUP, KATE, photo=shot)
        await fake.wait_confirmed(fake.push_update(photo))
        fake.push_update(fake.group_message(GROUP, KATE, "Почему менеджеры не перезванивают?"))
        await fake.wait_sent(GROUP, lambda m: "записал" in m.get("text", ""), timeout=20)
        drafts = [m for m in fake.sent_to(GROUP) if "записал" in m.get("text", "")]
        assert len(drafts) == 1  # the photo alone opened nothing
        [ticket] = await _tickets(built)
        assert str(photo["message"]["message_id"]) in ticket.message_ids
        assert "Пропущенные" in ticket.text  # its text is searchable with the request
        assert ticket.text.startswith("Почему менеджеры не перезванивают?")


async def test_voice_notes_of_unlinked_chats_and_of_staff_are_never_sent_anywhere(tmp_path):
    """Transcription costs money and carries client speech: only clients' notes are read."""
    wav = speak_wav("проверка связи")
    elsewhere = -1003000000001
    async with FakeOpenAIServer() as server:
        server.transcribe_always(transcript("проверка связи"))
        async with running(tmp_path, transcribe_base_url=server.base_url) as built:
            fake = built.fake
            unlinked = fake.push_update(fake.group_message(elsewhere, KATE, voice=wav))
            staff_voice = fake.group_message(GROUP, STAFF, voice=wav, first_name="Pavel")
            fake.push_update(staff_voice)
            await fake.wait_confirmed(unlinked)
            stored = await _stored(built, staff_voice["message"]["message_id"])
            assert stored.from_staff and stored.media_note is None
            assert server.uploads == []
