"""Mini App initData is trusted only when Telegram signed it for our bot, recently; session
cookies and form tokens only when we signed them."""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from bot.cabinet.auth import AuthError, Sessions, sign_init_data, verify_init_data
from domain.cabinet.model import Principal
from domain.kernel.model import Platform

TOKEN = "123456:ABC-known-vector"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
USER = '{"id":201,"first_name":"Olga"}'


def _init_data(auth_date: int, user: str = USER, token: str = TOKEN) -> str:
    from urllib.parse import urlencode

    fields = {"auth_date": str(auth_date), "query_id": "AAE1", "user": user}
    return urlencode({**fields, "hash": sign_init_data(fields, token)})


def test_the_hash_is_hmac_of_the_sorted_fields_keyed_by_hmac_of_the_bot_token():
    # Computed by hand from Telegram's description, independently of the code under test.
    secret = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    check = f"auth_date=1700000000\nquery_id=AAE1\nuser={USER}"
    expected = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    fields = {"user": USER, "query_id": "AAE1", "auth_date": "1700000000"}
    assert sign_init_data(fields, TOKEN) == expected


def test_fresh_signed_init_data_names_the_telegram_user():
    user = verify_init_data(_init_data(int(NOW.timestamp()) - 60), TOKEN, now=NOW, max_age=HOUR)
    assert (user.id, user.first_name) == (201, "Olga")


def test_init_data_signed_for_another_bot_is_refused():
    with pytest.raises(AuthError, match="hash"):
        verify_init_data(_init_data(int(NOW.timestamp()), token="999:other"), TOKEN, now=NOW,
                         max_age=HOUR)


def test_a_changed_user_breaks_the_signature():
    forged = _init_data(int(NOW.timestamp())).replace("201", "301")
    with pytest.raises(AuthError, match="hash"):
        verify_init_data(forged, TOKEN, now=NOW, max_age=HOUR)


def test_init_data_without_a_hash_is_refused():
    with pytest.raises(AuthError):
        verify_init_data(f"auth_date={int(NOW.timestamp())}&user=%7B%22id%22%3A1%7D", TOKEN,
                         now=NOW, max_age=HOUR)


def test_without_a_bot_token_nothing_is_trusted():
    with pytest.raises(AuthError):
        verify_init_data(_init_data(int(NOW.timestamp()), token=""), "", now=NOW, max_age=HOUR)


def test_init_data_older_than_the_limit_is_stale():
    old = _init_data(int((NOW - HOUR - timedelta(seconds=1)).timestamp()))
    with pytest.raises(AuthError, match="stale"):
        verify_init_data(old, TOKEN, now=NOW, max_age=HOUR)


def test_init_data_from_the_future_is_refused():
    with pytest.raises(AuthError, match="stale"):
        verify_init_data(_init_data(int((NOW + HOUR).timestamp())), TOKEN, now=NOW, max_age=HOUR)


SESSIONS = Sessions("s" * 32, timedelta(hours=12))
OLGA = Principal(Platform.TELEGRAM, "201")


def test_a_session_reads_back_as_the_person_it_was_issued_to():
    assert SESSIONS.read(SESSIONS.issue(OLGA, NOW), NOW + HOUR) == OLGA


def test_an_edited_session_cookie_is_refused():
    cookie = SESSIONS.issue(OLGA, NOW)
    other = SESSIONS.issue(Principal(Platform.TELEGRAM, "301"), NOW)
    forged = other.split(".")[0] + "." + cookie.split(".")[1]
    with pytest.raises(AuthError):
        SESSIONS.read(forged, NOW)


def test_a_session_signed_with_another_secret_is_refused():
    with pytest.raises(AuthError):
        SESSIONS.read(Sessions("t" * 32, HOUR).issue(OLGA, NOW), NOW)


def test_a_session_ends_after_its_lifetime():
    with pytest.raises(AuthError, match="expired"):
        SESSIONS.read(SESSIONS.issue(OLGA, NOW), NOW + timedelta(hours=12))


def test_a_form_token_is_valid_only_for_the_session_it_was_made_for():
    mine, theirs = SESSIONS.issue(OLGA, NOW), SESSIONS.issue(OLGA, NOW + HOUR)
    assert SESSIONS.check_csrf(mine, SESSIONS.csrf(mine))
    assert not SESSIONS.check_csrf(theirs, SESSIONS.csrf(mine))
    assert not SESSIONS.check_csrf(mine, "")


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError):
        Sessions("short", HOUR)
