"""`chatdesk clients mail`: which client a mail belongs to; bad input is one line, exit 2."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli(make_cli):
    return make_cli()


def test_a_domain_and_an_address_are_mapped_to_a_client_and_listed_as_its_mail_chats(cli):
    cli("clients", "add", "ООО Вектор")
    code, out, _ = cli("clients", "mail", "ООО Вектор", "--domain", "@Vector.RU")
    assert code == 0 and out.strip() == "Письма с vector.ru теперь идут клиенту «ООО Вектор»"
    code, out, _ = cli("clients", "mail", "ООО Вектор", "--address", "Ivan@Vector.ru",
                       lang="en")
    assert code == 0 and "ivan@vector.ru" in out and "“ООО Вектор”" in out
    listed = cli("chats", "list")[1]
    assert "ООО Вектор: email vector.ru" in listed and "ООО Вектор: email ivan@vector.ru" in listed


def test_a_domain_belongs_to_one_client_at_a_time_and_remove_frees_it(cli):
    cli("clients", "add", "ООО Вектор")
    cli("clients", "add", "ООО Ромашка")
    assert cli("clients", "mail", "ООО Вектор", "--domain", "vector.ru")[0] == 0
    code, _, err = cli("clients", "mail", "ООО Ромашка", "--domain", "vector.ru")
    assert code == 2 and "«ООО Вектор»" in err and len(err.splitlines()) == 1
    code, out, _ = cli("clients", "mail", "ООО Вектор", "--domain", "vector.ru", "--remove")
    assert code == 0 and "больше не идут" in out
    assert cli("clients", "mail", "ООО Ромашка", "--domain", "vector.ru")[0] == 0


@pytest.mark.parametrize(("argv", "says"), [
    (("--domain", "vector"), "не домен"),
    (("--address", "ivan@"), "не адрес почты"),
    (("--domain", "vector.ru", "--address", "a@vector.ru"), "ровно одно"),
    ((), "ровно одно"),
])
def test_bad_mail_mappings_are_one_line_and_exit_2(cli, argv, says):
    cli("clients", "add", "ООО Вектор")
    code, out, err = cli("clients", "mail", "ООО Вектор", *argv)
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""


def test_mapping_mail_to_a_client_that_does_not_exist_is_one_line(cli):
    code, _, err = cli("clients", "mail", "Нет такого", "--domain", "vector.ru", lang="en")
    assert code == 2 and "No client named" in err and len(err.strip().splitlines()) == 1
