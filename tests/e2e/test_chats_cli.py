"""`chatdesk chats link|unlink` and the language of the command line's answers."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli(make_cli):
    return make_cli()


def test_a_chat_linked_elsewhere_names_that_client_and_unlink_frees_it(cli):
    cli("clients", "add", "ООО Вектор")
    cli("clients", "add", "ООО Ромашка")
    link = ("chats", "link", "--platform", "telegram", "--chat-id", "-1001234567890")
    assert cli(*link, "--client", "ООО Вектор")[0] == 0
    code, _, err = cli(*link, "--client", "ООО Ромашка")
    assert code == 2 and "«ООО Вектор»" in err and len(err.splitlines()) == 1

    code, out, _ = cli("chats", "unlink", "--platform", "telegram", "--chat-id",
                       "-1001234567890")
    assert code == 0 and "отключён от «ООО Вектор»" in out
    assert cli(*link, "--client", "ООО Ромашка")[0] == 0
    listed = cli("chats", "list")[1]
    assert "ООО Ромашка: telegram -1001234567890" in listed and "Вектор" not in listed


def test_unlinking_a_chat_nobody_linked_is_one_line(cli):
    code, _, err = cli("chats", "unlink", "--platform", "whatsapp", "--chat-id", "79001234567",
                       lang="en")
    assert code == 2
    assert err.strip() == "chatdesk: whatsapp chat 79001234567 is not linked to any client."


@pytest.mark.parametrize(("lang", "added", "linked", "outbox"), [
    ("ru", "Клиент «ACME» добавлен", "подключён к «ACME»", "Очередь пуста"),
    ("en", "Client ACME added", "is linked to ACME", "The outbox is empty"),
])
def test_the_command_line_answers_in_the_desks_language(cli, lang, added, linked, outbox):
    assert added in cli("clients", "add", "ACME", lang=lang)[1]
    assert linked in cli("chats", "link", "--client", "ACME", "--platform", "telegram",
                         "--chat-id", "-100", lang=lang)[1]
    assert outbox in cli("outbox", lang=lang)[1]
    code, _, err = cli("clients", "add", "ACME", lang=lang)
    assert code == 2 and ("уже есть" if lang == "ru" else "already exists") in err
