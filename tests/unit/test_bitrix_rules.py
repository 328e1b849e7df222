"""The Bitrix24 mirror's pure rules: which webhook addresses are accepted, what a task status
changed in Bitrix24 does to the ticket, how an error answer is read."""

from __future__ import annotations

import pytest

from bot.adapters.bitrix24 import failure_of
from domain.bitrix.model import Backoff, Failure, RemoteStatus
from domain.bitrix.rules import (
    WebhookError,
    is_ours,
    mark,
    masked,
    parse_webhook,
    posted,
    ticket_move,
)
from domain.kernel.model import TicketStatus as S


def test_an_incoming_webhook_address_is_kept_with_its_trailing_slash():
    assert parse_webhook(" https://acme.bitrix24.ru/rest/1/abc123 ") == \
        "https://acme.bitrix24.ru/rest/1/abc123/"
    assert parse_webhook("http://127.0.0.1:8081/rest/12/k_y/") == "http://127.0.0.1:8081/rest/12/k_y/"


@pytest.mark.parametrize("url", [
    "", "acme.bitrix24.ru/rest/1/abc", "https://acme.bitrix24.ru/", "https://acme.bitrix24.ru/rest/abc/",
    "https://acme.bitrix24.ru/rest/1/abc/tasks.task.add", "https://acme.bitrix24.ru/rest/1/abc/?x=1",
    "ftp://acme.bitrix24.ru/rest/1/abc/", "http://acme.bitrix24.ru/rest/1/abc/",
])
def test_anything_else_is_refused_with_a_reason(url):
    with pytest.raises(WebhookError):
        parse_webhook(url)


def test_the_secret_never_shows():
    assert masked("https://acme.bitrix24.ru/rest/1/abc123/") == "https://acme.bitrix24.ru/rest/1/***/"


def test_our_comments_are_recognised_and_found_after_a_lost_answer():
    text = f"Ответ клиенту в чате:\nГотово\n\n{mark(42)}"
    assert is_ours(text) and not is_ours("Проверьте ещё раз")
    assert posted(["other", text], 42) and not posted([text], 4)


@pytest.mark.parametrize(("current", "was", "now", "to"), [
    (S.IN_PROGRESS, RemoteStatus.IN_PROGRESS, RemoteStatus.COMPLETED, S.DONE),
    (S.ACCEPTED, RemoteStatus.PENDING, RemoteStatus.IN_PROGRESS, S.IN_PROGRESS),
    (S.DONE, RemoteStatus.COMPLETED, RemoteStatus.PENDING, S.IN_PROGRESS),  # renewed
    (S.DONE, RemoteStatus.COMPLETED, RemoteStatus.COMPLETED, None),  # nothing changed
    (S.CANCELLED, RemoteStatus.COMPLETED, RemoteStatus.IN_PROGRESS, None),  # not reopened
    (S.REJECTED, RemoteStatus.PENDING, RemoteStatus.COMPLETED, None),
    (S.AWAITING_CONFIRMATION, RemoteStatus.PENDING, RemoteStatus.COMPLETED, None),
    (S.WAITING_FOR_CLIENT, RemoteStatus.PENDING, RemoteStatus.DEFERRED, None),
])
def test_a_status_changed_in_bitrix24_moves_the_ticket_only_where_it_makes_sense(
        current, was, now, to):
    assert ticket_move(current, int(was), int(now)) is to


@pytest.mark.parametrize(("status", "code", "failure"), [
    (503, "QUERY_LIMIT_EXCEEDED", Failure.BUSY),
    (401, "NO_AUTH_FOUND", Failure.PORTAL),
    (401, "insufficient_scope", Failure.PORTAL),
    (404, "ERROR_METHOD_NOT_FOUND", Failure.PORTAL),
    (404, None, Failure.PORTAL),
    (500, "INTERNAL_SERVER_ERROR", Failure.TRANSIENT),
    (502, None, Failure.TRANSIENT),
    (400, "ERROR_CORE", Failure.REJECTED),
])
def test_an_error_answer_is_read_for_what_it_means_to_the_sync(status, code, failure):
    assert failure_of(status, code) is failure


def test_retries_back_off_doubling_up_to_an_hour():
    backoff = Backoff()
    assert [backoff.pause(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff.pause(20).total_seconds() == 3600
