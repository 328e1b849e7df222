"""The mail channel's pure rules and MIME parsing: addresses and domains, the words of a mail,
thread ids, reply subjects."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from bot.mail.parse import MailParseError, header_id, mail_id, parse_mail
from domain.mail.model import ParsedMail
from domain.mail.rules import (
    bare_subject,
    chat_keys,
    html_to_text,
    intake_text,
    normal_address,
    normal_domain,
    reply_subject,
    trim_reply,
)


@pytest.mark.parametrize(("given", "expected"), [
    ("Vector.RU", "vector.ru"), ("@vector.ru", "vector.ru"), (" msk.vector.ru. ", "msk.vector.ru"),
    ("вектор.рф", "xn--b1agpqkk.xn--p1ai"), ("vector", None), ("-bad.ru", None),
    ("a@vector.ru", None), ("", None), ("vec tor.ru", None),
])
def test_a_domain_is_kept_in_one_spelling_or_refused(given, expected):
    assert normal_domain(given) == expected


@pytest.mark.parametrize(("given", "expected"), [
    ("Ivan.Petrov@Vector.RU", "ivan.petrov@vector.ru"), ("<ivan@vector.ru>", "ivan@vector.ru"),
    ("ivan", None), ("ivan@", None), ("@vector.ru", None), ("iv an@vector.ru", None),
    ("ivan..p@vector.ru", None), ("ivan@vector", None),
])
def test_an_address_is_kept_in_one_spelling_or_refused(given, expected):
    assert normal_address(given) == expected


def test_a_sender_maps_by_address_first_then_by_its_domains():
    assert chat_keys("ivan@msk.vector.ru") == ("ivan@msk.vector.ru", "msk.vector.ru", "vector.ru")
    assert chat_keys("ivan@vector.ru") == ("ivan@vector.ru", "vector.ru")


def test_a_reply_subject_has_one_re_and_the_ticket_number_once():
    assert reply_subject("RE: Re: Fwd: Отчёт не строится [#3]", 12) == "Re: Отчёт не строится [#12]"
    assert reply_subject("Отчёт", None) == "Re: Отчёт"
    assert reply_subject("", 4) == "Re: [#4]"
    assert reply_subject("Отчёт\r\n  не строится", 5) == "Re: Отчёт не строится [#5]"
    assert bare_subject("Ответ: AW: вопрос") == "вопрос"


def test_the_quoted_earlier_mail_and_the_signature_are_trimmed():
    body = ("Добрый день!\nОтчёт не строится.\n\nС уважением,\nИван\n+7 900 000-00-00\n\n"
            "On Thu, Nov 12, 2026 at 9:00 Support <s@desk.ru> wrote:\n> старое\n")
    assert trim_reply(body) == "Добрый день!\nОтчёт не строится."
    assert trim_reply("Спасибо!\n\n12.11.2026, 9:00, Поддержка пишет:\n> текст") == "Спасибо!"
    assert trim_reply("ok\n-----Original Message-----\nFrom: x") == "ok"
    assert trim_reply("новое\n> старое\n> ещё") == "новое"
    assert trim_reply("> только цитата") == "> только цитата"  # never trimmed to nothing


def test_html_is_read_as_text_without_styles_scripts_or_quotes():
    markup = ("<html><head><style>p{}</style><title>t</title></head><body><p>Не&nbsp;работает"
              "</p><p>телефония<br>у Марины</p><script>alert(1)</script>"
              "<blockquote>старое письмо</blockquote></body></html>")
    assert html_to_text(markup).split() == ["Не", "работает", "телефония", "у", "Марины"]


def test_a_new_mail_is_read_with_its_subject_a_reply_without_it():
    assert intake_text("Re: Отчёт", "Всё ещё падает", in_thread=True) == "Всё ещё падает"
    assert intake_text("Отчёт не строится", "Падает с ошибкой", in_thread=False) == (
        "Отчёт не строится\nПадает с ошибкой")
    assert intake_text("Отчёт", "", in_thread=False) == "Отчёт"


def test_the_thread_a_mail_answers_is_its_in_reply_to_then_references_nearest_first():
    mail = ParsedMail("<3@x>", "a@x.ru", "A", "s", None, "", in_reply_to="<2@x>",
                      references=("<1@x>", "<2@x>"))
    assert mail.thread_ids == ("<2@x>", "<1@x>")


def _mail(**headers: str) -> EmailMessage:
    msg = EmailMessage()
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    return msg


def test_a_mail_is_parsed_into_sender_thread_text_and_attachments():
    msg = _mail(From="=?utf-8?b?0JjQstCw0L0=?= <Ivan@Vector.ru>", Subject="Отчёт",
                Message_ID="<m1@vector.ru>", In_Reply_To="<m0@desk.ru>",
                References="<a@x> <m0@desk.ru>", Date="Thu, 12 Nov 2026 09:00:00 +0300")
    msg.set_content("Падает.\n\n-- \nИван")
    msg.add_attachment(b"x" * 10, maintype="application", subtype="pdf", filename="акт.pdf")
    msg.add_attachment(b"y" * 100, maintype="image", subtype="png", filename="big.png")
    parsed = parse_mail(msg.as_bytes(), max_attachment_bytes=50)
    assert (parsed.sender, parsed.sender_name, parsed.message_id) == (
        "ivan@vector.ru", "Иван", "<m1@vector.ru>")
    assert parsed.thread_ids == ("<m0@desk.ru>", "<a@x>") and parsed.text == "Падает."
    assert [(a.filename, a.size, a.content is not None) for a in parsed.attachments] == [
        ("акт.pdf", 10, True), ("big.png", 100, False)]
    assert parsed.sent_at.utcoffset().total_seconds() == 3 * 3600


def test_a_mail_without_a_usable_sender_is_refused_with_a_reason():
    with pytest.raises(MailParseError, match="sender"):
        parse_mail(b"Subject: hi\r\nMessage-ID: <x@y>\r\n\r\nbody")
    with pytest.raises(MailParseError, match="sender"):
        parse_mail(b"From: not an address\r\n\r\nbody")


def test_a_mail_without_a_message_id_is_keyed_by_its_content():
    raw = b"From: a@b.ru\r\nSubject: s\r\n\r\nbody\r\n"
    assert parse_mail(raw).message_id == parse_mail(raw).message_id == header_id(raw)
    assert parse_mail(raw).message_id != parse_mail(raw + b"more").message_id


def test_a_very_long_message_id_is_hashed_the_same_wherever_it_appears():
    long_id = "<" + "x" * 300 + "@vector.ru>"
    assert len(mail_id(long_id)) <= 120 and mail_id(long_id) == mail_id(long_id)
    raw = (f"From: a@b.ru\r\nMessage-ID: {long_id}\r\nIn-Reply-To: {long_id}\r\n\r\nhi\r\n"
           ).encode()
    parsed = parse_mail(raw)
    assert parsed.message_id == parsed.in_reply_to == mail_id(long_id)
    assert mail_id("<short@x>") == "<short@x>"


def test_a_lying_charset_does_not_lose_the_mail():
    raw = ("From: a@b.ru\r\nMessage-ID: <c@b>\r\nContent-Type: text/plain; charset=nonsense\r\n"
           "\r\nпривет\r\n").encode()
    assert "привет" in parse_mail(raw).text


@pytest.mark.parametrize(("header", "value", "automatic"), [
    ("Auto-Submitted", "auto-replied", True), ("Auto-Submitted", "no", False),
    ("Precedence", "bulk", True), ("X-Autoreply", "yes", True), ("Subject", "Отпуск", False),
])
def test_auto_replies_are_told_from_people(header, value, automatic):
    raw = f"From: a@b.ru\r\nMessage-ID: <x@b>\r\n{header}: {value}\r\n\r\nВ отпуске\r\n"
    assert parse_mail(raw.encode()).automatic is automatic


def test_the_mail_channel_is_on_only_with_a_mailbox_and_a_way_to_answer():
    from bot.settings import SettingsError, load_settings

    full = {"mail_imap_host": "imap.example.com", "mail_imap_user": "help",
            "mail_imap_password": "p", "mail_smtp_host": "smtp.example.com",
            "mail_from": "help@example.com"}
    assert load_settings(_env_file=None, **full).mail_enabled
    half = load_settings(_env_file=None, mail_imap_host="imap.example.com")
    assert not half.mail_enabled and half.mail_partly_set
    nothing = load_settings(_env_file=None)
    assert not nothing.mail_enabled and not nothing.mail_partly_set
    assert load_settings(_env_file=None, mail_imap_port="").mail_imap_port is None
    with pytest.raises(SettingsError, match="MAIL_FROM"):
        load_settings(_env_file=None, mail_from="support at example")
