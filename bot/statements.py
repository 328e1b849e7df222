"""A client's monthly statement as an XLSX workbook: every entry, then totals by kind.

Amounts are written in roubles as exact decimal numbers (kopecks scaled by 100, never a
rounded float) with a two-decimal number format, so a spreadsheet can sum them; totals are
values, not formulas, so every reader (LibreOffice, Excel, a phone) shows them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from domain.billing.model import EntryType
from domain.billing.service import Statement, duration
from domain.kernel.model import Language
from domain.texts import kind_name, t


def _what(lang: Language, line) -> str:  # noqa: ANN001
    label = t(lang, f"billing.entry.{line.entry.type.value}")
    details = line.ticket_title or line.entry.note
    return f"{label}: {details}" if details and line.entry.type is not EntryType.PAYMENT \
        else label


MONEY_FORMAT = "#,##0.00"


def roubles(kopecks: int) -> Decimal:
    """Exact roubles for a cell: 4_200_050 -> Decimal('42000.50')."""
    return Decimal(kopecks).scaleb(-2)


def write_xlsx(statement: Statement, path: Path, lang: Language = Language.RU) -> Path:
    """Write `statement` to `path` and return it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = t(lang, "billing.statement.sheet")
    bold = Font(bold=True)
    sheet.append([t(lang, "billing.statement.title", client=statement.client.name,
                    month=str(statement.period))])
    sheet["A1"].font = bold
    sheet.append([t(lang, "billing.statement.opening"), roubles(statement.opening_balance)])
    sheet.cell(sheet.max_row, 2).number_format = MONEY_FORMAT
    sheet.append([])
    header = [t(lang, f"billing.statement.{c}")
              for c in ("date", "ticket", "who", "what", "kind", "minutes", "amount")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for line in statement.lines:
        entry = line.entry
        sheet.append([
            entry.at.date(),
            line.ticket_number,
            line.staff_name,
            _what(lang, line),
            kind_name(lang, entry.kind) if entry.kind else "",
            entry.minutes or None,
            roubles(entry.amount),
        ])
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
        sheet.cell(sheet.max_row, 7).number_format = MONEY_FORMAT
    sheet.append([])
    sheet.append([t(lang, "billing.statement.totals")])
    sheet.cell(sheet.max_row, 1).font = bold
    # Per kind: the time in words under "what", the kind under "kind", figures in theirs.
    for spend in statement.by_kind:
        sheet.append([None, None, None, duration(lang, spend.minutes), kind_name(lang, spend.kind),
                      spend.minutes, roubles(-spend.amount)])
        sheet.cell(sheet.max_row, 7).number_format = MONEY_FORMAT
    if not statement.by_kind:
        sheet.append([None, None, None, t(lang, "billing.statement.no_work")])
    sheet.append([t(lang, "billing.statement.total"), None, None,
                  duration(lang, statement.total_minutes), None, statement.total_minutes,
                  roubles(-statement.total_amount)])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.cell(sheet.max_row, 7).number_format = MONEY_FORMAT
    sheet.append([t(lang, "billing.statement.closing"), roubles(statement.closing_balance)])
    sheet.cell(sheet.max_row, 2).number_format = MONEY_FORMAT
    for column, width in zip("ABCDEFG", (12, 8, 18, 48, 28, 9, 12), strict=True):
        sheet.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def xlsx_bytes(statement: Statement, lang: Language = Language.RU) -> bytes:
    """The statement as XLSX bytes, e.g. to send as a document."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return write_xlsx(statement, Path(folder) / "statement.xlsx", lang).read_bytes()
