"""Reading the sheet: the first sheet of an XLSX file or a CSV file (any encoding Excel
writes, the delimiter sniffed), row by row, never whole; the header row found below any
title."""

from __future__ import annotations

import codecs
import collections
import csv
import dataclasses
import io
import itertools
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from klinik.errors import KnownError
from klinik.exchange.cells import clean_text

PREVIEW_ROWS = 200
_HEADER_LOOKAHEAD = 10  # rows with one filled cell above the table are titles, not headers
_CSV_DELIMITERS = ("\t", ";", ",")
_CSV_SAMPLE = 65536  # characters read to choose the delimiter
_CHUNK_BYTES = 1 << 20
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one): the
# codec that reads the file (and skips the mark) and how a line end is written in it.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "\n".encode("utf-32-le")),
    (codecs.BOM_UTF32_BE, "utf-32", "\n".encode("utf-32-be")),
    (codecs.BOM_UTF8, "utf-8-sig", b"\n"),
    (codecs.BOM_UTF16_LE, "utf-16", "\n".encode("utf-16-le")),
    (codecs.BOM_UTF16_BE, "utf-16", "\n".encode("utf-16-be")),
)


@dataclasses.dataclass
class Sheet:
    """A sheet read whole (``read_sheet``) or its first rows (``preview_sheet``)."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]  # (row number as the user sees it, values)
    more: bool = False  # a preview: the file has rows after these
    estimated_rows: int = 0  # data rows the file seems to hold (0: not known)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRINGS_PER_BLOCK = 4096


class _SharedStrings(Sequence[str]):
    """An XLSX file's shared-string table, kept compact: blocks of texts joined into one
    string each, with their end offsets in an array.

    Excel keeps every text of a workbook in this table, and openpyxl reads it whole before
    the first row: for a 200,000-row list that is most of a million strings, about 70 MB as
    a list of str and seconds of openpyxl's object building. The texts are those openpyxl
    gives (the plain text and the text of every run, phonetic runs left out).
    """

    def __init__(self, source: Any):
        from array import array
        from xml.etree.ElementTree import iterparse

        si, t, r = (_SPREADSHEET_NS + tag for tag in ("si", "t", "r"))
        self._blocks: list[tuple[str, Any]] = []
        texts: list[str] = []
        ends = array("L")
        length = 0
        root = None
        for event, node in iterparse(source, events=("start", "end")):
            if root is None:
                root = node
            if event == "start" or node.tag != si:
                continue
            parts = []
            for child in node:
                if child.tag == t:
                    parts.append(child.text or "")
                elif child.tag == r:
                    run = child.find(t)
                    if run is not None:
                        parts.append(run.text or "")
            text = "".join(parts).replace("x005F_", "")
            root.clear()  # the parser's tree would keep every string read so far
            texts.append(text)
            length += len(text)
            ends.append(length)
            if len(texts) == _STRINGS_PER_BLOCK:
                self._blocks.append(("".join(texts), ends))
                texts, ends, length = [], array("L"), 0
        if texts:
            self._blocks.append(("".join(texts), ends))
        self._count = sum(len(ends) for _, ends in self._blocks)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        text, ends = self._blocks[index // _STRINGS_PER_BLOCK]
        i = index % _STRINGS_PER_BLOCK
        return text[ends[i - 1] if i else 0 : ends[i]]


def _load_workbook(path: Path) -> Any:
    """openpyxl's read-only workbook, with the compact shared-string table."""
    import openpyxl

    try:
        from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
    except ImportError:  # another openpyxl layout: its own table then
        return openpyxl.load_workbook(path, read_only=True, data_only=True)

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = _SharedStrings(source)

    reader = Reader(path, read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def _compact_rows(sheet: Any) -> Iterator[Sequence[Any]] | None:
    """The values of a read-only worksheet's rows as ``iter_rows(values_only=True)`` gives
    them, without keeping every row read: openpyxl's parser clears each row element but
    leaves it in the tree, 80 bytes a row (16 MB for a 200,000-row sheet). None when this
    openpyxl is laid out otherwise (its own ``iter_rows`` then)."""
    try:
        from openpyxl.worksheet._reader import DATA_TAG, ROW_TAG, WorkSheetParser
        from openpyxl.xml.functions import iterparse

        book = sheet.parent
        open_source, fill_row = sheet._get_source, sheet._get_row
        options = {
            "data_only": book.data_only,
            "epoch": book.epoch,
            "date_formats": book._date_formats,
            "timedelta_formats": book._timedelta_formats,
        }
        strings = sheet._shared_strings
    except (ImportError, AttributeError):
        return None

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[Any]]]:
            rows = None
            for event, element in iterparse(self.source, events=("start", "end")):
                if event == "start":
                    if rows is None and element.tag == DATA_TAG:
                        rows = element
                elif element.tag == ROW_TAG:
                    yield self.parse_row(element)
                    if rows is not None and len(rows) and rows[0] is element:
                        del rows[0]
                    else:
                        element.clear()

    def values() -> Iterator[Sequence[Any]]:
        with open_source() as source:
            expected = 1
            for number, cells in Parser(source, strings, **options).parse():
                for _ in range(expected, number):  # rows the file leaves out are empty
                    expected += 1
                    yield ()
                if expected <= number:
                    expected += 1
                    yield fill_row(cells, 1, None, True)

    return values()


class _XlsxRows:
    """The rows of an XLSX file's first worksheet, one at a time (openpyxl read-only)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.workbook = _load_workbook(path)
        except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
            raise KnownError(f"Berkas {path.name} tidak bisa dibuka sebagai XLSX: {exc}") from exc
        try:
            sheet = self.workbook.worksheets[0]
            # The stored dimension is often wrong in files from other tools: it only gives
            # the progress bar its length; the rows are read to the real end.
            self.last_row = int(sheet.max_row or 0)
            sheet.reset_dimensions()
            self._rows = _compact_rows(sheet) or sheet.iter_rows(min_row=1, values_only=True)
        except Exception as exc:
            self.workbook.close()
            raise KnownError(f"Berkas {path.name} tidak bisa dibaca sebagai XLSX: {exc}") from exc

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from enumerate(self._rows, start=1)
        except (OSError, EOFError, zipfile.BadZipFile, SyntaxError, ValueError) as exc:
            # A damaged archive or XML part (ParseError is a SyntaxError).
            raise KnownError(f"Berkas {self.path.name} rusak dan tidak bisa dibaca: {exc}") from exc

    def close(self) -> None:
        self.workbook.close()


def _utf16_without_bom(head: bytes) -> tuple[str, bytes] | None:
    """The codec and line end of UTF-16 text without a byte-order mark, if it looks so.

    Text in Latin script has a zero byte in every second place in UTF-16 (the high byte of
    each letter); UTF-8 and the 8-bit code pages hold no zero bytes in text.
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : 2 * pairs : 2].count(0)
    odd = head[1 : 2 * pairs : 2].count(0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return "utf-16-le", "\n".encode("utf-16-le")
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be", "\n".encode("utf-16-be")
    return None


def _csv_encoding(path: Path) -> tuple[str, str, int]:
    """How to read a CSV file: (codec, error handling, line ends in the file).

    A byte-order mark names the encoding (UTF-8; UTF-16 LE/BE, which Excel's "Unicode text"
    writes; UTF-32); UTF-16 without a mark is recognised by its zero bytes; otherwise the
    file is UTF-8 when all of it decodes as UTF-8, else Windows-1252 (Excel's "CSV" on an
    Indonesian Windows). The whole file is read once, in pieces, for that decision and for
    the line ends, which give the progress bar its length.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            found = next(((c, nl) for bom, c, nl in _BOMS if head.startswith(bom)), None)
            found = found or _utf16_without_bom(head)
            codec, newline = found or ("utf-8", b"\n")
            decoder = None if found else codecs.getincrementaldecoder("utf-8")()
            handle.seek(0)
            lines = 0
            while chunk := handle.read(_CHUNK_BYTES):
                lines += chunk.count(newline)
                if decoder is not None:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        decoder, codec = None, "cp1252"
            if decoder is not None:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    codec = "cp1252"
                else:
                    return "utf-8", "strict", lines
    except OSError as exc:
        raise KnownError(f"Berkas {path.name} tidak bisa dibaca: {exc.strerror or exc}") from exc
    return codec, "replace", lines


def _sniff_delimiter(sample: str, complete: bool) -> str:
    """Tab, semicolon or comma: the one that splits the first records into the same number
    of fields, more than one (a title row above the table does not count against it)."""
    best: tuple[tuple[bool, float, int], str] | None = None
    for delimiter in _CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = list(itertools.islice(reader, 50))
        except csv.Error:
            continue
        if not complete and len(records) > 1:
            records.pop()  # the sample may end in the middle of a record
        widths = [len(r) for r in records if any(cell.strip() for cell in r)]
        if not widths:
            continue
        width, count = collections.Counter(widths).most_common(1)[0]
        score = (width > 1, count / len(widths), width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best is not None and best[0][0] else ","


class _CsvRows:
    """The records of a CSV (or tab-separated text) file, one at a time."""

    def __init__(self, path: Path):
        self.path = path
        self.codec, self.errors, self.lines = _csv_encoding(path)
        with path.open(encoding=self.codec, errors=self.errors, newline="") as handle:
            sample = handle.read(_CSV_SAMPLE)
            complete = not handle.read(1)
        self.delimiter = _sniff_delimiter(sample, complete)
        self._handle = path.open(encoding=self.codec, errors=self.errors, newline="")

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        reader = csv.reader(self._handle, delimiter=self.delimiter)
        try:
            yield from enumerate(reader, start=1)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise KnownError(
                f"Berkas {self.path.name} tidak bisa dibaca sebagai CSV (sekitar baris "
                f"{reader.line_num}): {exc}"
            ) from exc

    def close(self) -> None:
        self._handle.close()


class SheetReader:
    """The first sheet of an XLSX file or a CSV file, read row by row, never whole.

    The header row is the first row with two or more filled cells (a title above the table
    is skipped), or the first filled row. Iterate it for the rows below the header:
    ``(row number as the user sees it, values)``. Use it as a context manager.
    """

    def __init__(self, path: str | Path):
        path = Path(path)
        self.path = path
        if not path.exists():
            raise KnownError(f"Berkas {path} tidak ditemukan.")
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            self._source: _XlsxRows | _CsvRows = _XlsxRows(path)
        elif suffix in (".csv", ".txt", ".tsv"):
            self._source = _CsvRows(path)
        else:
            raise KnownError(
                f"Jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; pakai XLSX atau CSV."
            )
        try:
            self._rows = iter(self._source)
            self._pending = self._find_header()
        except BaseException:
            self.close()
            raise

    def _find_header(self) -> list[tuple[int, Sequence[Any]]]:
        read: list[tuple[int, Sequence[Any]]] = []
        first = header = None
        single = 0
        for number, values in self._rows:
            read.append((number, values))
            filled = sum(1 for v in values if not _blank(v))
            if not filled:
                continue
            if first is None:
                first = len(read) - 1
            if filled > 1:
                header = len(read) - 1
                break
            single += 1
            if single >= _HEADER_LOOKAHEAD:
                break
        if header is None:
            header = first
        if header is None:
            raise KnownError(f"Berkas {self.path.name} kosong: tidak ada baris judul kolom.")
        number, values = read[header]
        self.headers = _unique_headers(list(values))
        self.header_row = number
        return read[header + 1 :]

    @property
    def estimated_rows(self) -> int:
        """How many rows below the header the file seems to hold (0: not known)."""
        source = self._source
        last = source.last_row if isinstance(source, _XlsxRows) else source.lines
        return max(last - self.header_row, 0)

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        pending, self._pending = self._pending, []
        yield from pending
        yield from self._rows

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_sheet(path: str | Path) -> Sheet:
    """The first sheet of an XLSX or a CSV file: its header row and all the rows below it."""
    with SheetReader(path) as sheet:
        rows = [(number, list(values)) for number, values in sheet]
        return Sheet(sheet.headers, sheet.header_row, rows, estimated_rows=len(rows))


def preview_sheet(path: str | Path, rows: int = PREVIEW_ROWS) -> Sheet:
    """The header row and the first ``rows`` rows below it, for the column mapping step."""
    with SheetReader(path) as sheet:
        estimated = sheet.estimated_rows
        first = list(itertools.islice(sheet, rows + 1))
        more = len(first) > rows
        taken = [(number, list(values)) for number, values in first[:rows]]
        return Sheet(
            sheet.headers,
            sheet.header_row,
            taken,
            more=more,
            estimated_rows=max(estimated, len(taken)) if more else len(taken),
        )


def _unique_headers(values: list[Any]) -> list[str]:
    headers: list[str] = []
    for i, value in enumerate(values):
        text = clean_text(value).strip() if not _blank(value) else ""
        base = text or f"Kolom {i + 1}"
        name, n = base, 2
        while name in headers:
            name, n = f"{base} ({n})", n + 1
        headers.append(name)
    return headers
