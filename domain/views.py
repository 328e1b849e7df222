"""Texts composed from domain objects: what the bot shows about tickets and chats."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from domain.desk import ChatTickets, TicketView
from domain.model import Language
from domain.rules import quote
from domain.texts import coverage_text, kind_name, status_name, t


def cost_line(view: TicketView) -> str:
    ticket, client = view.ticket, view.client
    q = quote(client.plan, ticket.kind, ticket.created_at.date())
    return coverage_text(
        client.language, ticket.coverage,
        model=client.plan.model.value if client.plan else None,
        hourly_rate=ticket.hourly_rate,
        free_reason=q.free_reason if q.coverage is ticket.coverage else None,
    )


def accepted(view: TicketView, by: str, reaction_hours: int) -> str:
    lang = view.client.language
    return t(lang, "accepted", number=view.ticket.number, title=view.ticket.title,
             kind=kind_name(lang, view.ticket.kind), cost=cost_line(view), hours=reaction_hours,
             by=by)


def open_tickets(found: ChatTickets) -> str:
    lang = found.client.language
    if not found.tickets:
        return t(lang, "tickets.none")
    lines = [t(lang, "tickets.header", client=found.client.name)]
    lines += [t(lang, "tickets.line", number=tk.number, status=status_name(lang, tk.status),
                title=tk.title) for tk in found.tickets]
    return "\n".join(lines)


def ticket_details(view: TicketView, tz: ZoneInfo) -> str:
    lang: Language = view.client.language
    tk = view.ticket
    return t(lang, "ticket.details", number=tk.number, title=tk.title,
             kind=kind_name(lang, tk.kind), status=status_name(lang, tk.status),
             created=tk.created_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
             requester=view.requester.name if view.requester else t(lang, "someone"))
