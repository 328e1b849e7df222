"""Server-side formatting the way Telegram does it.

Telegram never echoes markup back: a ``sendMessage`` with ``parse_mode=HTML`` returns
the *plain* text plus ``entities`` whose offsets/lengths are counted in UTF-16 code
units, and a malformed markup is a 400 "can't parse entities". A fake that echoes the
raw text would hide exactly the bugs (unescaped ``.`` in MarkdownV2, unclosed ``<b>``)
that break a bot in production, so the fake parses like the real server.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any


class EntityParseError(ValueError):
    """Raised for markup Telegram would reject; str() is the text after 'Bad Request: '."""


def utf16_len(text: str) -> int:
    # Telegram measures offsets in UTF-16 code units: an emoji outside the BMP counts twice.
    return len(text.encode("utf-16-le")) // 2


class _Builder:
    """Accumulates plain text and entities while a parser walks the markup."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0  # in UTF-16 units
        self.entities: list[dict[str, Any]] = []

    def add_text(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def add_entity(
        self, entity_type: str, start: int, *, trim_newline: bool = False, **extra: Any
    ) -> None:
        length = self.pos - start
        if trim_newline and self.parts and self.parts[-1].endswith("\n"):
            length -= 1  # a quote ends at the end of its last line, not after the line break
        if length > 0:  # Telegram silently drops empty entities
            self.entities.append({"type": entity_type, "offset": start, "length": length, **extra})

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        return _strip("".join(self.parts), self.entities)


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    # Telegram trims leading/trailing whitespace of texts and captions, clipping entities.
    stripped = text.strip()
    if not stripped:
        return "", []
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    fixed = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    fixed.sort(key=lambda e: (e["offset"], -e["length"]))
    return stripped, fixed


_HTML_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}


class _HTMLEntityParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Builder()
        self.stack: list[tuple[str, int, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        extra: dict[str, Any] = {}
        if tag in _HTML_SIMPLE:
            kind = _HTML_SIMPLE[tag]
        elif tag == "span" and attributes.get("class") == "tg-spoiler":
            kind = "spoiler"
        elif tag == "a":
            href = attributes.get("href") or ""
            match = re.fullmatch(r"tg://user\?id=(\d+)", href)
            if match:
                kind, extra = (
                    "text_mention",
                    {"user": {"id": int(match[1]), "is_bot": False, "first_name": ""}},
                )
            else:
                kind, extra = "text_link", {"url": href}
        elif tag == "blockquote":
            kind = "expandable_blockquote" if "expandable" in attributes else "blockquote"
        elif tag == "tg-emoji":
            kind, extra = "custom_emoji", {"custom_emoji_id": attributes.get("emoji-id", "")}
        else:
            raise EntityParseError(f'can\'t parse entities: Unsupported start tag "{tag}"')
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            # <pre><code class="language-x"> is a single pre entity carrying the language
            language = (attributes.get("class") or "").removeprefix("language-")
            if language:
                self.stack[-1][2]["language"] = language
            kind = "_inner_code"
        self.stack.append((tag, self.out.pos, {"kind": kind, **extra}))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise EntityParseError(f'can\'t parse entities: Unexpected end tag "{tag}"')
        open_tag, start, info = self.stack.pop()
        if open_tag != tag:
            raise EntityParseError(
                f'can\'t parse entities: Unmatched end tag "{tag}", expected "</{open_tag}>"'
            )
        kind = info.pop("kind")
        if kind != "_inner_code":
            self.out.add_entity(kind, start, **info)

    def handle_data(self, data: str) -> None:
        self.out.add_text(data)

    def close(self) -> None:
        super().close()
        if self.stack:
            raise EntityParseError(
                f"can't parse entities: Can't find end tag corresponding to start tag \"{self.stack[-1][0]}\""
            )


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    parser = _HTMLEntityParser()
    parser.feed(text)
    parser.close()
    return parser.out.result()


_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_TOGGLES = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "blockquote": "BlockQuote",
}


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    out = _Builder()
    open_marks: list[tuple[str, int, int]] = []  # (kind, start_pos, index in source)
    quote_start: int | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        at_line_start = i == 0 or text[i - 1] == "\n"
        if at_line_start and quote_start is not None and ch != ">":
            out.add_entity("blockquote", quote_start, trim_newline=True)
            quote_start = None
        if ch == "\\" and i + 1 < n:
            out.add_text(text[i + 1])
            i += 2
        elif at_line_start and ch == ">":
            if quote_start is None:
                quote_start = out.pos
            i += 1
        elif text.startswith("```", i):
            end = text.find("```", i + 3)
            if end < 0:
                raise EntityParseError(
                    f"can't parse entities: Can't find end of Pre entity at byte offset {_byte_offset(text, i)}"
                )
            body = text[i + 3 : end]
            language = ""
            if "\n" in body:
                first, rest = body.split("\n", 1)
                if first and " " not in first:
                    language, body = first, rest
            start = out.pos
            out.add_text(re.sub(r"\\([`\\])", r"\1", body))
            out.add_entity("pre", start, **({"language": language} if language else {}))
            i = end + 3
        elif ch == "`":
            end = i + 1
            while end < n and text[end] != "`":
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise EntityParseError(
                    f"can't parse entities: Can't find end of Code entity at byte offset {_byte_offset(text, i)}"
                )
            start = out.pos
            out.add_text(re.sub(r"\\([`\\])", r"\1", text[i + 1 : end]))
            out.add_entity("code", start)
            i = end + 1
        elif ch == "[":
            open_marks.append(("text_link", out.pos, i))
            i += 1
        elif ch == "]" and open_marks and open_marks[-1][0] == "text_link":
            _, start, _src = open_marks.pop()
            if not text.startswith("(", i + 1):
                raise EntityParseError(
                    "can't parse entities: Character ']' is reserved and must be escaped with the preceding '\\'"
                )
            end = text.find(")", i + 2)
            if end < 0:
                raise EntityParseError("can't parse entities: Can't find end of a URL")
            out.add_entity("text_link", start, url=text[i + 2 : end].replace("\\)", ")"))
            i = end + 1
        elif text.startswith("__", i) or text.startswith("||", i) or ch in "*_~":
            mark = text[i : i + 2] if text[i : i + 2] in ("__", "||") else ch
            kind = _MDV2_TOGGLES[mark]
            if open_marks and open_marks[-1][0] == kind:
                _, start, _src = open_marks.pop()
                out.add_entity(kind, start)
            else:
                open_marks.append((kind, out.pos, i))
            i += len(mark)
        elif ch in _MDV2_RESERVED:
            raise EntityParseError(
                f"can't parse entities: Character '{ch}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            out.add_text(ch)
            i += 1
    if quote_start is not None:
        out.add_entity("blockquote", quote_start, trim_newline=True)
    if open_marks:
        kind, _, src = open_marks[-1]
        raise EntityParseError(
            f"can't parse entities: Can't find end of {_MDV2_NAMES[kind]} entity at byte offset {_byte_offset(text, src)}"
        )
    return out.result()


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy ``Markdown``: only * _ ` ``` and [text](url); no nesting."""
    out = _Builder()
    i, n = 0, len(text)
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in "*_`[":
            out.add_text(text[i + 1])
            i += 2
        elif text.startswith("```", i) or ch in kinds:
            mark = "```" if text.startswith("```", i) else ch
            end = text.find(mark, i + len(mark))
            if end < 0:
                raise EntityParseError(
                    "can't parse entities: Can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, i)}"
                )
            start = out.pos
            out.add_text(text[i + len(mark) : end])
            out.add_entity("pre" if mark == "```" else kinds[mark], start)
            i = end + len(mark)
        elif ch == "[":
            match = re.compile(r"\[([^\]]*)\]\(([^)]*)\)").match(text, i)
            if not match:
                raise EntityParseError(
                    "can't parse entities: Can't find end of the entity starting at byte offset "
                    f"{_byte_offset(text, i)}"
                )
            start = out.pos
            out.add_text(match[1])
            out.add_entity("text_link", start, url=match[2])
            i = match.end()
        else:
            out.add_text(ch)
            i += 1
    return out.result()


def format_text(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) like Telegram's server; raises EntityParseError."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    if mode:
        raise EntityParseError(f"unsupported parse_mode {parse_mode!r}")
    return _strip(text, [])


_AUTO_PATTERNS = [
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")),
    ("mention", re.compile(r"(?<!\w)@[A-Za-z0-9_]{5,32}")),
    ("hashtag", re.compile(r"(?<!\w)#\w+")),
    ("url", re.compile(r"\bhttps?://[^\s]+")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
]


def auto_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram detects by itself in what a *user* types (commands, mentions, links)."""
    found = []
    for kind, pattern in _AUTO_PATTERNS:
        for match in pattern.finditer(text):
            found.append(
                {
                    "type": kind,
                    "offset": utf16_len(text[: match.start()]),
                    "length": utf16_len(match[0]),
                }
            )
    found.sort(key=lambda e: (e["offset"], -e["length"]))
    # an e-mail contains '@domain' which the mention pattern must not claim separately
    result: list[dict[str, Any]] = []
    for entity in found:
        if result and entity["offset"] < result[-1]["offset"] + result[-1]["length"]:
            continue
        result.append(entity)
    return result
