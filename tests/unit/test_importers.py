"""Rules of the Telegram and WhatsApp export parsers (bot.importers)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.importers import ExportedChat, ExportedMessage, ExportFormatError, open_export
from bot.importers.synthetic import write_telegram_export, write_whatsapp_export
from domain.kernel.model import MediaKind, Platform

DATA = Path(__file__).parents[1] / "data" / "exports"
SHARED = Path(__file__).parents[2].parent / "shared" / "data"
MSK = ZoneInfo("Europe/Moscow")


def chats(name: str | Path, tz: ZoneInfo = MSK) -> list[tuple[ExportedChat, list[ExportedMessage]]]:
    path = name if isinstance(name, Path) else DATA / name
    return [(chat, list(chat.messages)) for chat in open_export(path, tz=tz)]


def messages(name: str | Path, tz: ZoneInfo = MSK) -> dict[str, ExportedMessage]:
    [(_, msgs)] = chats(name, tz)
    return {m.message_id: m for m in msgs}


def error_of(path: Path) -> ExportFormatError:
    with pytest.raises(ExportFormatError) as info:
        for chat in open_export(path, tz=MSK):
            list(chat.messages)
    return info.value


# -- Telegram ------------------------------------------------------------------------------
def test_telegram_single_chat_header_becomes_chat() -> None:
    [(chat, _)] = chats("telegram_single_chat.json")
    assert chat.platform is Platform.TELEGRAM
    assert chat.chat_id == "1001234567890"
    assert chat.title == "ООО Ромашка — поддержка"


def test_telegram_service_and_unsupported_entries_are_skipped_but_keep_their_index() -> None:
    msgs = messages("telegram_single_chat.json")
    assert "1" not in msgs and "17" not in msgs
    assert msgs["2"].line == 2 and msgs["18"].line == 18


def test_telegram_text_entity_list_is_flattened() -> None:
    text = messages("telegram_single_chat.json")["3"].text
    assert text == "Не открывается https://crm.example.ru, пишет 502. @pavel_support скрин"


def test_telegram_old_style_numeric_from_id_becomes_user_prefixed() -> None:
    msgs = messages("telegram_single_chat.json")
    assert msgs["6"].sender_id == "user102"
    assert msgs["2"].sender_id == "user101"
    assert msgs["18"].sender_id == "channel555"


def test_telegram_date_unixtime_is_preferred_and_converted_to_utc() -> None:
    msg = messages("telegram_single_chat.json")["2"]
    assert msg.sent_at == datetime(2026, 11, 12, 6, 12, tzinfo=UTC)
    assert msg.sent_at.tzinfo is UTC


def test_telegram_unixtime_wins_over_local_date_whatever_the_tz() -> None:
    assert messages("telegram_single_chat.json", ZoneInfo("Asia/Tokyo"))["2"].sent_at == datetime(
        2026, 11, 12, 6, 12, tzinfo=UTC
    )


def test_telegram_local_date_uses_given_tz_when_unixtime_missing() -> None:
    assert messages("telegram_single_chat.json")["7"].sent_at == datetime(
        2026, 11, 12, 6, 22, tzinfo=UTC
    )
    tokyo = messages("telegram_single_chat.json", ZoneInfo("Asia/Tokyo"))["7"]
    assert tokyo.sent_at == datetime(2026, 11, 12, 0, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("message_id", "kind"),
    [
        ("4", MediaKind.PHOTO),
        ("8", MediaKind.STICKER),
        ("9", MediaKind.VOICE),
        ("10", MediaKind.VIDEO),
        ("11", MediaKind.VIDEO),
        ("12", MediaKind.AUDIO),
        ("13", MediaKind.ANIMATION),
        ("14", MediaKind.DOCUMENT),
        ("20", MediaKind.OTHER),
        ("2", None),
    ],
)
def test_telegram_media_kind_follows_media_type_photo_and_file(
    message_id: str, kind: MediaKind | None
) -> None:
    assert messages("telegram_single_chat.json")[message_id].media is kind


def test_telegram_file_placeholder_sentence_is_still_a_document_with_caption() -> None:
    msg = messages("telegram_single_chat.json")["14"]
    assert (msg.media, msg.text) == (MediaKind.DOCUMENT, "акт сверки")


def test_telegram_reply_forward_and_edit_flags() -> None:
    msgs = messages("telegram_single_chat.json")
    assert msgs["5"].reply_to == "3"
    assert msgs["15"].forwarded and not msgs["14"].forwarded
    assert msgs["16"].edited and not msgs["15"].edited
    assert not any(m.deleted for m in msgs.values())


def test_telegram_null_sender_name_becomes_empty_string() -> None:
    assert messages("telegram_single_chat.json")["19"].sender_name == ""


def test_telegram_account_export_yields_every_chat_including_left_chats() -> None:
    result = chats("telegram_account_export.json")
    assert [(c.chat_id, c.title) for c, _ in result] == [
        ("111", "Вектор"),
        ("222", "Ромашка"),
        ("333", ""),
        ("444", "Старый чат"),
    ]
    assert [[m.text for m in msgs] for _, msgs in result] == [
        ["первый чат", "ещё"],
        ["второй чат"],
        [],
        ["из покинутого"],
    ]
    assert result[3][1][0].sender_id == "user104"


def test_telegram_account_chats_can_be_read_in_any_order() -> None:
    # Collecting chats first moves the shared reader past them; their messages must still come.
    collected = list(open_export(DATA / "telegram_account_export.json", tz=MSK))
    assert [m.text for m in collected[3].messages] == ["из покинутого"]
    assert [m.text for m in collected[0].messages] == ["первый чат", "ещё"]


def test_telegram_partly_read_chat_resumes_after_moving_to_the_next() -> None:
    it = open_export(DATA / "telegram_account_export.json", tz=MSK)
    first = next(it)
    assert next(first.messages).text == "первый чат"
    second = next(it)
    assert [m.text for m in second.messages] == ["второй чат"]
    assert [m.text for m in first.messages] == ["ещё"]


def test_telegram_messages_survive_the_chat_iterator_being_dropped() -> None:
    it = open_export(DATA / "telegram_single_chat.json", tz=MSK)
    chat = next(it)
    del it
    gc.collect()
    assert len(list(chat.messages)) == 18


def test_telegram_messages_before_chat_header_still_get_title() -> None:
    [(chat, msgs)] = chats("telegram_messages_before_header.json")
    assert (chat.chat_id, chat.title) == ("555", "Порядок ключей")
    assert [m.text for m in msgs] == ["привет"]


def test_telegram_truncated_json_raises_format_error_with_line() -> None:
    err = error_of(DATA / "telegram_truncated.json")
    assert err.line is not None and err.line > 1
    assert "invalid JSON" in str(err) and f"line {err.line}" in str(err)


def test_telegram_message_without_date_names_message_index() -> None:
    err = error_of(DATA / "telegram_message_without_date.json")
    assert "message #2" in str(err) and "date" in str(err)


def test_telegram_wrong_shape_json_raises_format_error() -> None:
    assert "not a list" in str(error_of(DATA / "telegram_wrong_shape.json"))


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2, 3]",
        '{"hello": "world"}',
        '{"messages": [1, 2]}',
        '{"messages": [{"id": 1, "type": "message", "date": 5}]}',
        '{"messages": [{"id": 1, "type": "message", "date_unixtime": "99999999999999999"}]}',
        '{"messages": [{"id": 1, "date_unixtime": "1", "text": 5}]}',
        '{"messages": [{"id": {}, "date_unixtime": "1"}]}',
        '{"chats": {"list": [5]}}',
        '{"chats": []}',
        '{"name": "x", "messages": []} trailing',
        '{"messages": [' + "[" * 100_000 + "]" * 100_000 + "]}",
        '{"a": 1,}',
    ],
)
def test_telegram_malformed_json_raises_only_format_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "result.json"
    path.write_text(content, encoding="utf-8")
    error_of(path)


def test_telegram_number_split_across_read_chunks_is_read_whole(tmp_path: Path) -> None:
    # Pad so the id's digits straddle the reader's 64 KiB chunk boundary.
    for pad in range(65_520, 65_540):
        head = (
            '{"id": 7, "name": "'
            + "x" * pad
            + '", "messages": [{"id": 123456789, "date_unixtime": "1"}]}'
        )
        path = tmp_path / "result.json"
        path.write_text(head, encoding="utf-8")
        [(_, msgs)] = chats(path)
        assert msgs[0].message_id == "123456789"


def test_telegram_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes((DATA / "telegram_single_chat.json").read_bytes())
    assert chats(path)[0][0].platform is Platform.TELEGRAM


def test_telegram_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "telegram_messages_before_header.json").read_bytes())
    assert chats(path)[0][0].title == "Порядок ключей"


# -- WhatsApp ------------------------------------------------------------------------------
def test_whatsapp_chat_title_is_file_stem_and_has_no_id() -> None:
    [(chat, _)] = chats("whatsapp_android_ru.txt")
    assert (chat.platform, chat.chat_id, chat.title) == (
        Platform.WHATSAPP,
        None,
        "whatsapp_android_ru",
    )


def test_whatsapp_android_ru_message_ids_are_first_line_numbers() -> None:
    assert list(messages("whatsapp_android_ru.txt")) == [
        "4",
        "5",
        "9",
        "10",
        "12",
        "13",
        "14",
        "15",
        "18",
        "19",
        "21",
    ]


def test_whatsapp_continuation_line_joins_previous_message() -> None:
    msg = messages("whatsapp_android_ru.txt")["5"]
    assert msg.text == "Не работает сканер в бухгалтерии\nи принтер тоже\n\nс утра"
    assert msg.line == 5


def test_whatsapp_system_lines_are_skipped() -> None:
    msgs = messages("whatsapp_android_ru.txt")
    assert not {"1", "2", "3", "16", "17", "20"} & set(msgs)
    en = messages("whatsapp_android_en_12h.txt")
    assert not {"1", "2", "3", "4", "5", "6"} & set(en)


def test_whatsapp_system_line_with_colon_in_subject_is_skipped() -> None:
    # "... изменил(-а) тему с "Ромашка" на "Ромашка: ИТ"" has ": " yet no sender.
    assert "16" not in messages("whatsapp_android_ru.txt")
    assert "2" not in messages("whatsapp_android_ru.txt")


def test_whatsapp_ios_system_events_with_group_as_sender_are_skipped() -> None:
    msgs = messages("whatsapp_ios_en.txt")
    assert not {"1", "2", "3", "17"} & set(msgs)
    assert "1" not in messages("whatsapp_ios_ru.txt")


def test_whatsapp_colon_inside_text_stays_in_text() -> None:
    msg = messages("whatsapp_android_ru.txt")["18"]
    assert (msg.sender_name, msg.text) == ("Тимур", "время: 10:00, адрес: офис")


def test_whatsapp_android_local_time_is_converted_to_utc() -> None:
    msg = messages("whatsapp_android_ru.txt")["19"]
    assert msg.sent_at == datetime(2026, 11, 13, 18, 5, tzinfo=UTC)
    assert messages("whatsapp_android_ru.txt", ZoneInfo("UTC"))["19"].sent_at.hour == 21


def test_whatsapp_android_media_placeholders() -> None:
    msgs = messages("whatsapp_android_ru.txt")
    assert (msgs["9"].media, msgs["9"].text) == (MediaKind.OTHER, "")
    assert (msgs["10"].media, msgs["10"].text) == (MediaKind.PHOTO, "вот скрин ошибки")
    assert msgs["12"].media is MediaKind.VOICE
    assert msgs["21"].media is MediaKind.DOCUMENT
    assert msgs["4"].media is None


def test_whatsapp_deleted_markers_set_deleted_with_empty_text() -> None:
    ru = messages("whatsapp_android_ru.txt")
    en = messages("whatsapp_android_en_12h.txt")
    ios = messages("whatsapp_ios_en.txt")
    for msg in (ru["13"], ru["14"], en["12"], en["13"], ios["15"]):
        assert msg.deleted and msg.text == ""


def test_whatsapp_edited_marker_is_stripped_and_sets_edited() -> None:
    ru = messages("whatsapp_android_ru.txt")["15"]
    en = messages("whatsapp_android_en_12h.txt")["14"]
    ios = messages("whatsapp_ios_en.txt")["16"]
    assert (ru.text, ru.edited) == ("Катя, смотрим", True)
    assert (en.text, en.edited) == ("on it", True)
    assert (ios.text, ios.edited) == ("fixed typo", True)
    assert not messages("whatsapp_android_ru.txt")["4"].edited


def test_whatsapp_bom_does_not_hide_first_header() -> None:
    assert (DATA / "whatsapp_android_ru.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert chats("whatsapp_android_ru.txt")[0][1]


def test_whatsapp_12_hour_clock_am_pm_and_noon_midnight() -> None:
    msgs = messages("whatsapp_android_en_12h.txt", ZoneInfo("UTC"))
    assert msgs["7"].sent_at == datetime(2026, 11, 12, 21, 12, tzinfo=UTC)
    assert msgs["8"].sent_at == datetime(2026, 11, 12, 21, 13, tzinfo=UTC)  # lowercase "pm"
    assert msgs["9"].sent_at == datetime(2026, 11, 12, 0, 5, tzinfo=UTC)
    assert msgs["10"].sent_at == datetime(2026, 11, 12, 12, 30, tzinfo=UTC)


def test_whatsapp_android_english_media_and_attached_file() -> None:
    msgs = messages("whatsapp_android_en_12h.txt")
    assert msgs["8"].media is MediaKind.OTHER
    assert msgs["11"].media is MediaKind.VIDEO


def test_whatsapp_ios_us_dates_are_month_first_with_narrow_nbsp_before_pm() -> None:
    msgs = messages("whatsapp_ios_en.txt", ZoneInfo("UTC"))
    assert msgs["4"].sent_at == datetime(2026, 10, 1, 10, 5, 12, tzinfo=UTC)
    assert msgs["12"].sent_at == datetime(2026, 10, 1, 13, 20, 3, tzinfo=UTC)
    assert msgs["18"].sent_at == datetime(2026, 10, 2, 9, 0, tzinfo=UTC)


def test_whatsapp_ios_crlf_continuation_and_lrm_are_cleaned() -> None:
    msgs = messages("whatsapp_ios_en.txt")
    assert msgs["12"].text == "How do I export contacts\nto Excel?"
    assert msgs["14"].text == "Kate, looking into it"  # U+00A0 became a plain space
    assert all("\u200e" not in m.text and "\r" not in m.text for m in msgs.values())


@pytest.mark.parametrize(
    ("message_id", "kind"),
    [
        ("5", MediaKind.PHOTO),
        ("6", MediaKind.VIDEO),
        ("7", MediaKind.AUDIO),
        ("8", MediaKind.STICKER),
        ("9", MediaKind.ANIMATION),
        ("10", MediaKind.DOCUMENT),
        ("11", MediaKind.PHOTO),
    ],
)
def test_whatsapp_ios_omitted_and_attached_media_kinds(message_id: str, kind: MediaKind) -> None:
    msg = messages("whatsapp_ios_en.txt")[message_id]
    assert msg.media is kind
    if message_id != "10":
        assert msg.text == ""


def test_whatsapp_ios_russian_dotted_dates_and_placeholder() -> None:
    msgs = messages("whatsapp_ios_ru.txt", ZoneInfo("UTC"))
    assert list(msgs) == ["2", "3", "4"]
    assert msgs["2"].sent_at == datetime(2026, 11, 12, 9, 12, 3, tzinfo=UTC)
    assert msgs["3"].media is MediaKind.PHOTO


def test_whatsapp_day_first_when_any_first_field_exceeds_12() -> None:
    msgs = messages("whatsapp_slash_dayfirst_late_proof.txt", ZoneInfo("UTC"))
    assert [m.sent_at.date().isoformat() for m in msgs.values()] == [
        "2026-02-01",
        "2026-02-05",
        "2026-02-13",
    ]


def test_whatsapp_ambiguous_four_digit_year_24h_is_day_first() -> None:
    msgs = messages("whatsapp_slash_ambiguous_4digit.txt", ZoneInfo("UTC"))
    assert msgs["1"].sent_at.date().isoformat() == "2026-02-01"


def test_whatsapp_month_first_when_second_field_exceeds_12(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("01/02/2026, 10:00 - Kate: a\n01/25/2026, 10:00 - Kate: b\n", encoding="utf-8")
    dates = [m.sent_at.date().isoformat() for m in messages(path, ZoneInfo("UTC")).values()]
    assert dates == ["2026-01-02", "2026-01-25"]


def test_whatsapp_iso_dates_are_year_first(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("2026-11-12, 09:12 - Kate: a\n", encoding="utf-8")
    assert messages(path, ZoneInfo("UTC"))["1"].sent_at == datetime(2026, 11, 12, 9, 12, tzinfo=UTC)


def test_whatsapp_header_without_colon_after_name_is_system_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "12.11.2026, 09:12 - Катя: раз\n12.11.2026, 09:13 - Kate left\nпродолжение системной\n"
        "12.11.2026, 09:14 - Катя: два\n",
        encoding="utf-8",
    )
    msgs = messages(path)
    assert list(msgs) == ["1", "4"]
    assert msgs["1"].text == "раз"


def test_whatsapp_blank_lines_before_first_header_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("\n\n12.11.2026, 09:12 - Катя: раз\n", encoding="utf-8")
    assert list(messages(path)) == ["3"]


def test_whatsapp_first_line_not_header_names_the_line() -> None:
    err = error_of(DATA / "whatsapp_bad_first_line.txt")
    assert err.line == 1 and "line 1" in str(err)


def test_whatsapp_impossible_date_names_the_line() -> None:
    err = error_of(DATA / "whatsapp_invalid_date.txt")
    assert err.line == 2 and "31.02.2026" in str(err)


def test_whatsapp_invalid_utf8_later_in_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"12.11.2026, 09:12 - K: a\n" * 5000 + b"\xff\xfe broken\n")
    err = error_of(path)
    assert err.line == 5001


# -- detection and garbage -------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"   \n\n",
        b"\xef\xbb\xbf",
        b"\x00\x01\x02\xff" * 100,
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "Привет".encode("cp1251"),
    ],
)
def test_empty_or_binary_file_raises_format_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "export"
    path.write_bytes(content)
    error_of(path)


def test_file_that_is_neither_format_names_line_one() -> None:
    err = error_of(DATA / "not_an_export.txt")
    assert err.line == 1 and "neither" in str(err)


def test_missing_file_raises_format_error(tmp_path: Path) -> None:
    error_of(tmp_path / "nope.json")


def test_format_error_is_a_value_error() -> None:
    assert issubclass(ExportFormatError, ValueError)


# -- synthetic generator ---------------------------------------------------------------------
def test_synthetic_telegram_export_parses_with_replies_and_photos(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_telegram_export(path, 500, seed=3)
    json.loads(path.read_text(encoding="utf-8"))  # stays valid JSON
    [(chat, msgs)] = chats(path)
    assert len(msgs) == 499  # the first entry is a service message
    assert any(m.media is MediaKind.PHOTO for m in msgs)
    assert any(m.reply_to for m in msgs)
    assert {m.sender_name for m in msgs} >= {"Павел | Поддержка", "Тимур"}


@pytest.mark.parametrize("style", ["android_ru", "ios_en"])
def test_synthetic_whatsapp_export_parses_in_both_styles(tmp_path: Path, style: str) -> None:
    path = tmp_path / "chat.txt"
    write_whatsapp_export(path, 1000, seed=5, style=style)
    [(_, msgs)] = chats(path)
    assert 950 <= len(msgs) < 1000
    assert any(m.media is MediaKind.PHOTO for m in msgs)
    assert any("\n" in m.text for m in msgs)
    assert all(m.sent_at.tzinfo is UTC for m in msgs)


def test_synthetic_generator_is_deterministic(tmp_path: Path) -> None:
    write_whatsapp_export(tmp_path / "a.txt", 200, seed=9)
    write_whatsapp_export(tmp_path / "b.txt", 200, seed=9)
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()


def test_telegram_streaming_memory_stays_flat(tmp_path: Path) -> None:
    # 20k messages (~8 MB): json.load would add tens of MB; the streaming reader must not.
    path = tmp_path / "result.json"
    write_telegram_export(path, 20_000, seed=1)
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from zoneinfo import ZoneInfo\n"
        "from bot.importers import open_export\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "n = sum(1 for c in open_export(Path(sys.argv[1]), tz=ZoneInfo('UTC')) for _ in c.messages)\n"
        "print(n, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    count, grown_mb = map(int, out.stdout.split())
    assert count == 19_999
    assert grown_mb < 15


# -- the shared real-shaped samples (optional) -------------------------------------------------
needs_shared = pytest.mark.skipif(
    not (SHARED / "export_samples_expected.json").exists(), reason="no /work/shared samples"
)


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "telegram_export_sample.json",
        "whatsapp_export_sample_android_ru.txt",
        "whatsapp_export_sample_ios_en.txt",
    ],
)
def test_shared_sample_message_ids_match_expected(name: str) -> None:
    expected = json.loads((SHARED / "export_samples_expected.json").read_text(encoding="utf-8"))[
        name
    ]
    [(_, msgs)] = chats(SHARED / name)
    ids = {m.message_id for m in msgs}
    for ticket in expected["tickets"]:
        assert set(ticket["message_ids"]) <= ids
    for refused in expected["refused"]:
        assert refused["message_id"] in ids
    known = {i for t in expected["tickets"] for i in t["message_ids"]} | {
        r["message_id"] for r in expected["refused"]
    }
    assert ids <= known | set(expected["no_ticket"])
    assert {m.sender_name for m in msgs} >= set(expected["staff"])


@needs_shared
def test_shared_whatsapp_samples_continuation_lines_join() -> None:
    assert "\n" in messages(SHARED / "whatsapp_export_sample_android_ru.txt")["4"].text
    assert (
        messages(SHARED / "whatsapp_export_sample_ios_en.txt")["5"].text
        == "How do I export contacts\nto Excel?"
    )


def test_whatsapp_user_message_mentioning_encryption_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "12.11.2026, 09:12 - Kate: is our chat end-to-end encrypted?\n"
        "12.11.2026, 09:13 - Kate: Pavel added Tom to the CRM\n",
        encoding="utf-8",
    )
    assert list(messages(path)) == ["1", "2"]
