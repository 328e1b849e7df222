"""Pure rules of the history import: ids the live bot would use, time order, progress."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

from bot.importing import (
    ProgressBar,
    in_time_order,
    telegram_chat_ids,
    telegram_sender_id,
    whatsapp_chat_id,
)


def test_telegram_export_senders_get_the_ids_the_live_bot_sees():
    assert telegram_sender_id("user900", "Павел") == "900"
    assert telegram_sender_id("channel555", "News") == "chat-100555"
    assert telegram_sender_id("chat42", "Group") == "chat-42"
    assert telegram_sender_id(None, "Катя") == "name:Катя"


def test_an_exported_chat_is_linked_under_the_bot_api_spelling_first():
    assert telegram_chat_ids("1904455667788") == (
        "-1001904455667788", "-1904455667788", "1904455667788")
    assert telegram_chat_ids("-42") == ("-42",)


def test_whatsapp_chat_id_is_stable_per_client_and_file_and_fits_the_column():
    assert whatsapp_chat_id("Vector", "chat") == whatsapp_chat_id(" vector ", "chat")
    assert whatsapp_chat_id("Vector", "chat") != whatsapp_chat_id("Romashka", "chat")
    assert len(whatsapp_chat_id("V" * 300, "chat")) <= 128


def test_time_order_sorts_any_disorder_within_the_measured_lateness_stably():
    rng = random.Random(3)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    items = [(t0 + timedelta(minutes=rng.randint(0, 50)), i) for i in range(500)]
    latest, lateness = items[0][0], timedelta(0)
    for when, _ in items:
        latest = max(latest, when)
        lateness = max(lateness, latest - when)
    assert list(in_time_order(items, lambda x: x[0], lateness)) == sorted(items)


def test_time_order_passes_an_ordered_stream_straight_through():
    consumed = []

    def source():
        for i in range(3):
            consumed.append(i)
            yield i

    ordered = in_time_order(source(), lambda i: datetime(2026, 1, 1, i, tzinfo=UTC),
                            timedelta(0))
    assert next(ordered) == 0 and consumed == [0]


def test_progress_bar_draws_on_a_terminal_and_stays_silent_otherwise():
    shown, hidden = io.StringIO(), io.StringIO()
    for stream, enabled in ((shown, True), (hidden, False)):
        bar = ProgressBar(10, lambda d, t, p: f"{d}/{t} {p}%", stream, enabled=enabled)
        bar(10)
        bar.close()
    assert shown.getvalue().startswith("\r") and "10/10 100%" in shown.getvalue()
    assert hidden.getvalue() == ""
