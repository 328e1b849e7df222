"""Numbered choices for messengers without buttons: what counts as an answer, how a question
reads, and when buttons are used instead."""

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from bot.whatsapp_web import bearer_ok, cloud_messages, green_message, meta_signature_ok
from domain.kernel.model import Choice, Language, MediaKind, Platform
from domain.kernel.ports import Capabilities
from domain.outbox.choices import draft_choices, fits_buttons, kind_choices, numbered, parse_number
from domain.outbox.model import PendingChoice


@pytest.mark.parametrize("text, number", [("1", 1), (" 2 ", 2), ("3.", 3), ("1)", 1),
                                          ("12", 12)])
def test_a_bare_number_is_an_answer(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "1 шт", "100", "12:30", "один", "+1", "1, 2"])
def test_text_around_a_number_is_a_message_not_an_answer(text):
    assert parse_number(text) is None


def test_a_draft_question_lists_its_options_with_numbers_in_the_clients_language():
    ru = numbered(Language.RU, "Черновик", draft_choices(Language.RU))
    assert ru.endswith("Ответьте цифрой: 1 — подтвердить, 2 — изменить вид, 3 — не заявка.")
    en = numbered(Language.EN, "Draft", draft_choices(Language.EN))
    assert en.endswith("Reply with a number: 1 — confirm, 2 — change the kind, "
                       "3 — not a request.")


def test_buttons_are_used_only_where_they_exist_and_fit():
    three, five = draft_choices(Language.RU), kind_choices(Language.RU)
    cloud = Capabilities(buttons=True, max_buttons=3)
    assert fits_buttons(cloud, three) and not fits_buttons(cloud, five)
    assert not fits_buttons(Capabilities(), three)


def test_an_option_number_outside_the_question_chooses_nothing():
    pending = PendingChoice(None, Platform.WHATSAPP, "g@g.us", "p1", 1, "7900", ("c", "k", "d"),
                            datetime(2026, 1, 1, tzinfo=UTC))
    assert [pending.option(n) for n in (0, 1, 3, 4)] == [None, "c", "d", None]


def test_kinds_offer_every_kind_a_ticket_can_have_each_with_a_distinct_key():
    keys = [c.key for c in kind_choices(Language.EN)]
    assert len(keys) == len(set(keys)) == 5 and all(k.startswith("s:") for k in keys)
    assert all(isinstance(c, Choice) and c.label for c in kind_choices(Language.RU))


def test_meta_signature_is_an_hmac_of_the_raw_body():
    body = b'{"entry": []}'
    good = "sha256=" + hmac.new(b"s", body, hashlib.sha256).hexdigest()
    assert meta_signature_ok("s", body, good)
    assert not meta_signature_ok("s", body + b" ", good)
    assert not meta_signature_ok("s", body, None) and not meta_signature_ok("t", body, good)


def test_gateway_token_is_accepted_bare_or_with_a_scheme_word_and_nothing_else():
    assert bearer_ok("tok", "Bearer tok") and bearer_ok("tok", "tok")
    assert not bearer_ok("tok", "Bearer tok2") and not bearer_ok("tok", None)
    assert not bearer_ok("tok", "")


def test_green_api_group_message_keeps_the_group_as_chat_and_the_phone_as_sender():
    event = green_message({
        "typeWebhook": "incomingMessageReceived", "idMessage": "ABC", "timestamp": 1_790_000_000,
        "instanceData": {"idInstance": 11},
        "senderData": {"chatId": "1203@g.us", "sender": "79001234567@c.us",
                       "senderName": "Катя", "chatName": "ACME"},
        "messageData": {"typeMessage": "quotedMessage",
                        "extendedTextMessageData": {"text": "1", "stanzaId": "PROMPT"},
                        "quotedMessage": {"stanzaId": "PROMPT"}}})
    msg = event.message
    assert (msg.chat_id, msg.sender_id, msg.message_id, msg.reply_to, msg.text) == (
        "1203@g.us", "79001234567", "ABC", "PROMPT", "1")
    assert event.chat_title == "ACME" and event.instance_id == "11"


def test_green_api_photo_with_caption_is_media_with_text_and_statuses_are_ignored():
    event = green_message({
        "typeWebhook": "incomingMessageReceived", "idMessage": "P1", "timestamp": 1,
        "senderData": {"chatId": "1203@g.us", "sender": "7900@c.us"},
        "messageData": {"typeMessage": "imageMessage",
                        "fileMessageData": {"caption": "см. скрин"}}})
    assert event.message.media is MediaKind.PHOTO and event.message.text == "см. скрин"
    assert green_message({"typeWebhook": "outgoingMessageStatus", "idMessage": "X"}) is None
    assert green_message({"typeWebhook": "incomingMessageReceived", "idMessage": "R",
                          "senderData": {"chatId": "c", "sender": "s"},
                          "messageData": {"typeMessage": "reactionMessage"}}) is None


def test_cloud_button_reply_reads_as_the_number_it_carries_and_statuses_are_no_messages():
    payload = {"entry": [{"changes": [{"value": {
        "contacts": [{"wa_id": "7900", "profile": {"name": "Ирина"}}],
        "messages": [{"from": "7900", "id": "wamid.1", "timestamp": "1790000000",
                      "type": "interactive", "context": {"id": "wamid.P"},
                      "interactive": {"type": "button_reply",
                                      "button_reply": {"id": "1", "title": "подтвердить"}}}],
        "statuses": [{"id": "wamid.P", "status": "read"}]}}]}]}
    [msg] = cloud_messages(payload)
    assert (msg.chat_id, msg.sender_name, msg.text, msg.reply_to) == ("7900", "Ирина", "1",
                                                                      "wamid.P")
    assert cloud_messages({"entry": [{"changes": [{"value": {"statuses": [{}]}}]}]}) == []
