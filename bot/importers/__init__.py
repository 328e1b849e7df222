"""Streaming parsers that turn Telegram Desktop and WhatsApp chat exports into neutral records.

Pure parsing: no database, no network. Use `open_export(path, tz=...)`.
"""

from bot.importers.detect import open_export
from bot.importers.records import ExportedChat, ExportedMessage, ExportFormatError

__all__ = ["ExportFormatError", "ExportedChat", "ExportedMessage", "open_export"]
