"""Fuzzing the export parsers: any input gives records or ExportFormatError, nothing else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.importers import ExportedMessage, ExportFormatError, open_export

DATA = Path(__file__).parents[1] / "data" / "exports"
VALID = sorted(
    p.read_bytes()
    for p in DATA.iterdir()
    if p.name.startswith(
        ("telegram_single", "telegram_account", "whatsapp_android", "whatsapp_ios")
    )
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def consume(content: bytes) -> int:
    """Parse `content` fully; return how many messages came out, or -1 on ExportFormatError."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export"
        path.write_bytes(content)
        count = 0
        try:
            for chat in open_export(path, tz=ZoneInfo("Europe/Moscow")):
                assert isinstance(chat.title, str)
                for msg in chat.messages:
                    assert isinstance(msg, ExportedMessage)
                    assert msg.sent_at.utcoffset() is not None
                    count += 1
        except ExportFormatError as exc:
            assert str(exc)
            return -1
        return count


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_records_or_format_error(content: bytes) -> None:
    consume(content)


@FUZZ
@given(st.text(max_size=1000))
def test_random_text_gives_records_or_format_error(text: str) -> None:
    consume(text.encode("utf-8"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        size = draw(st.integers(1, 40))
        if op == "delete":
            del data[at : at + size]
        elif op == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [b"\n", b":", b"{", b"]", b",", b'"', b"\x00", b"\xff", b"- ", b"12/31/99, "]
                )
            )
        elif op == "replace":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=3))
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at : at + size]
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_valid_files_give_records_or_format_error(content: bytes) -> None:
    consume(content)


json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=12),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
message_keys = st.sampled_from(
    [
        "id", "type", "date", "date_unixtime", "from", "from_id", "text", "text_entities", "photo",
        "file", "media_type", "reply_to_message_id", "forwarded_from", "edited", "edited_unixtime",
    ]
)  # fmt: skip
plausible = {
    "type": st.sampled_from(["message", "service", "unsupported"]),
    "date_unixtime": st.one_of(st.integers(-(10**12), 10**12).map(str), json_value),
    "date": st.one_of(st.just("2026-11-12T09:00:00"), st.text(max_size=25), json_value),
    "text": st.one_of(st.lists(st.one_of(st.text(max_size=5), json_value), max_size=3), json_value),
}


@st.composite
def telegram_message(draw: st.DrawFn) -> dict[str, object]:
    msg: dict[str, object] = {
        "id": draw(st.integers(1, 10**6)),
        "type": "message",
        "date_unixtime": "1794463200",
    }
    for key in draw(st.lists(message_keys, max_size=6)):
        msg[key] = draw(plausible.get(key, json_value))
    return msg


@FUZZ
@given(
    st.lists(st.one_of(telegram_message(), json_value), max_size=6),
    st.dictionaries(st.sampled_from(["name", "id", "type", "about"]), json_value, max_size=3),
    st.booleans(),
)
def test_telegram_shaped_json_gives_records_or_format_error(
    msgs: list[object], header: dict[str, object], account: bool
) -> None:
    chat = {**header, "messages": msgs}
    doc = {"chats": {"list": [chat, header]}} if account else chat
    consume(json.dumps(doc, ensure_ascii=False).encode("utf-8"))


header = st.sampled_from(
    [
        "12.11.2026, 09:12 - ",
        "[10/1/26, 10:00:00\u202fAM] ",
        "\u200e[13/1/2026, 25:61:00] ",
        "1/2/26, 9:12 pm - ",
        "99.99.9999, 99:99 - ",
    ]
)
body = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "Катя: привет",
            "Kate: \u200eimage omitted",
            "Tom: <Media omitted>",
            "X добавил(-а) Y",
            "Name:",
            ": x",
        ]
    ),
)


@FUZZ
@given(st.lists(st.tuples(st.booleans(), header, body), min_size=1, max_size=12))
def test_whatsapp_shaped_lines_give_records_or_format_error(
    lines: list[tuple[bool, str, str]],
) -> None:
    text = "\n".join((h if with_header else "") + b for with_header, h, b in lines)
    consume(text.encode("utf-8"))
