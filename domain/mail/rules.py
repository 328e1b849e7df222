"""Pure rules of the mail channel: addresses and domains, the words of a mail, reply subjects."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_DOMAIN = re.compile(r"(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+"
                     r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")
_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}")


def idna(domain: str) -> str:
    """A domain in ASCII ('вектор.рф' → 'xn--b1agh1afp.xn--p1ai'); '' when it is no domain."""
    domain = domain.strip().lower().rstrip(".")
    try:
        ascii_ = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return ascii_ if _DOMAIN.fullmatch(ascii_) else ""


def normal_domain(given: str) -> str | None:
    """'Vector.RU', '@vector.ru' → 'vector.ru'; None when it is not a domain name."""
    text = given.strip().lstrip("@")
    return idna(text) or None if text else None


def normal_address(given: str) -> str | None:
    """'A.Petrov@Vector.RU' → 'a.petrov@vector.ru'; None when it is not an e-mail address."""
    local, at, domain = given.strip().strip("<>").rpartition("@")
    local = local.lower()
    if not at or not _LOCAL.fullmatch(local) or local.startswith(".") or ".." in local:
        return None
    domain = idna(domain)
    return f"{local}@{domain}" if domain else None


def chat_keys(address: str) -> tuple[str, ...]:
    """The mail chats a sender may belong to, most specific first: the address itself, then
    its domain and the domains above it short of the top level (a@msk.vector.ru → msk.vector.ru,
    vector.ru)."""
    _, _, domain = address.rpartition("@")
    parts = domain.split(".")
    return (address, *(".".join(parts[i:]) for i in range(len(parts) - 1)))


# -- the words of a mail -------------------------------------------------------------------------


class _Text(HTMLParser):
    _SKIP = {"script", "style", "head", "title"}
    _BREAK = {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
              "blockquote", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "blockquote":
            self._quote += 1
        if tag in self._BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        if tag in self._BREAK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip and not self._quote:  # a quoted earlier mail is not new words
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _Text()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed HTML: fall back to dropping the tags
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    lines = ("".join(parser.parts)).replace("\xa0", " ").splitlines()
    return "\n".join(" ".join(line.split()) for line in lines)


# Where the quoted earlier mail starts: "On Mon, … wrote:", "… пишет:", Outlook's header block.
_QUOTE_HEADER = re.compile(
    r"^\s*(?:On\s.+wrote:|.+\s(?:пишет|написал|написала)\s*:|"
    r"-{2,}\s*(?:Original Message|Исходное сообщение|Пересылаемое сообщение|"
    r"Forwarded message)\s*-{2,}|(?:From|От|Отправлено|Sent):\s.+)\s*$", re.I)
# Where a signature starts: the "-- " delimiter, a sign-off, a phone's footer.
_SIGNATURE = re.compile(
    r"^\s*(?:--\s*|__+|С уважением[,.!]?.*|С наилучшими пожеланиями.*|Best regards[,.!]?.*|"
    r"Kind regards[,.!]?.*|Regards[,.!]?|Отправлено (?:с|из) .+|Sent from my .+)\s*$", re.I)


def trim_reply(text: str) -> str:
    """The new words of a mail: the quoted earlier mail and the signature cut off. What is
    cut is never the whole mail: a mail that is only a quote keeps its text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if _QUOTE_HEADER.match(line) and any(k.strip() for k in kept):
            break
        if _SIGNATURE.match(line) and any(k.strip() for k in kept):
            break
        kept.append(line)
    # quoted lines ("> …") at the end are the earlier mail too
    while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith(">")):
        kept.pop()
    words = "\n".join(kept).strip()
    if not words:
        return text.strip()
    return re.sub(r"\n{3,}", "\n\n", words)


# -- subjects ----------------------------------------------------------------------------------

_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|ответ|отв|fw)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_TAG = re.compile(r"\s*\[#\d+\]\s*")


def bare_subject(subject: str) -> str:
    """'Re: RE: Отчёт не строится [#12]' → 'Отчёт не строится'."""
    return _TAG.sub(" ", _PREFIX.sub("", subject or "")).strip()


def reply_subject(subject: str, ticket_number: int | None) -> str:
    """'Re: <the subject> [#N]': one Re:, the ticket's number once."""
    bare = " ".join(bare_subject(subject).split())  # one line, whatever the client's was
    tag = f" [#{ticket_number}]" if ticket_number is not None else ""
    return f"Re: {bare}{tag}" if bare else f"Re:{tag}"


def subject_ticket(subject: str) -> int | None:
    """The ticket number our replies put in the subject ('Re: Отчёт [#12]' → 12)."""
    found = re.search(r"\[#(\d{1,9})\]", subject or "")
    return int(found.group(1)) if found else None


def intake_text(subject: str, body: str, *, in_thread: bool) -> str:
    """What intake reads: a new mail's subject says what it is about; a reply's is only 'Re:'."""
    bare = bare_subject(subject)
    if in_thread or not bare or body.strip().lower().startswith(bare.lower()):
        return body.strip() or bare
    return f"{bare}\n{body.strip()}".strip()
