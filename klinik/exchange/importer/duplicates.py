"""Possible duplicates: the same NIK, the same phone, or a very similar business name in
the same kabupaten/kota, against the store and the file's earlier rows."""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable, Iterable
from typing import Any

import numpy
from rapidfuzz import fuzz
from rapidfuzz import process as rf_process
from sqlmodel import Session, select

from klinik.db.models import Client
from klinik.exchange.importer.fields import (
    _norm_header,
)
from klinik.exchange.importer.model import (
    Duplicate,
    PlannedRow,
)

NAME_SIMILARITY = 0.9


def _normal_name(name: str) -> str:
    words = _norm_header(name).split()
    return " ".join(w for w in words if w not in {"ud", "cv", "pt", "toko", "usaha"})


def _similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 1: rapidfuzz's ratio, twice the longest
    common subsequence over both lengths (symmetric, unlike difflib's); 0 below
    NAME_SIMILARITY."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b, score_cutoff=_NAME_CUTOFF) / 100.0


def _similar(a: str, b: str) -> bool:
    return _similarity(a, b) > 0.0


# --- finding similar names: every pair of a kabupaten, compared in bulk ---------------------
#
# A name is compared with every distinct name of its kabupaten/kota (the store's, and the
# file's earlier rows) by rapidfuzz's cdist: a matrix of scores computed in C++ with SIMD on
# both cores, ~6 ns a pair here, so a 200,000-row sheet (some 1.4 billion pairs) takes
# seconds. The matrix is built for the new names of a batch at a time and cut into slices
# of _NAME_CELLS scores, so memory stays flat whatever the size of the kabupaten.

_NAME_CUTOFF = NAME_SIMILARITY * 100
_NAME_CELLS = 500_000  # scores per slice of the matrix: 2 MB of float32
_NO_MATCH = -1


class _NameBlock:
    """The distinct normalised names of one kabupaten/kota, in order of first appearance,
    with what each stands for (a store client's id, or the sheet row that had it first)."""

    __slots__ = ("keys", "refs", "index")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.refs: list[Any] = []
        self.index: dict[str, int] = {}

    def add(self, key: str, ref: Any) -> int:
        entry = self.index.get(key)
        if entry is None:
            entry = self.index[key] = len(self.keys)
            self.keys.append(key)
            self.refs.append(ref)
        return entry


def _most_similar(
    queries: list[str], choices: list[str], check_cancel: Callable[[], None]
) -> tuple[Any, Any]:
    """For each query, the best score reaching NAME_SIMILARITY among ``choices`` and the
    first choice with that score (numpy arrays; score 0 and _NO_MATCH when none does)."""
    best = numpy.zeros(len(queries), dtype=numpy.float32)
    where = numpy.full(len(queries), _NO_MATCH, dtype=numpy.int64)
    if not queries or not choices:
        return best, where
    rows = numpy.arange(len(queries))
    step = max(_NAME_CELLS // len(queries), 1)
    for start in range(0, len(choices), step):
        check_cancel()
        scores = rf_process.cdist(
            queries,
            choices[start : start + step],
            scorer=fuzz.ratio,
            score_cutoff=_NAME_CUTOFF,
            dtype=numpy.float32,
            workers=-1,
        )
        top = scores.argmax(axis=1)  # the first of equal scores: the earliest name
        value = scores[rows, top]
        better = value > best  # strictly: an earlier slice keeps its equal score
        best[better] = value[better]
        where[better] = top[better] + start
    return best, where


def _similar_earlier(new: list[str], check_cancel: Callable[[], None]) -> tuple[Any, Any]:
    """For each of ``new`` (distinct names), the most similar of the names before it in the
    list: scores and positions as in _most_similar."""
    best = numpy.zeros(len(new), dtype=numpy.float32)
    where = numpy.full(len(new), _NO_MATCH, dtype=numpy.int64)
    step = max(_NAME_CELLS // max(len(new), 1), 1)
    for start in range(1, len(new), step):
        check_cancel()
        stop = min(start + step, len(new))
        # Rows start..stop-1 against the names before stop; the cells on or above the
        # diagonal (a name against itself or a later one) are blanked.
        scores = rf_process.cdist(
            new[start:stop],
            new[:stop],
            scorer=fuzz.ratio,
            score_cutoff=_NAME_CUTOFF,
            dtype=numpy.float32,
            workers=-1,
        )
        scores[numpy.triu_indices(stop - start, k=start, m=stop)] = 0
        top = scores.argmax(axis=1)
        value = scores[numpy.arange(stop - start), top]
        found = value > 0
        best[start:stop][found] = value[found]
        where[start:stop][found] = top[found]
    return best, where


_REASON_NIK = "NIK sama"
_REASON_PHONE = "nomor HP sama"
_REASON_NAME = "nama usaha sangat mirip di kabupaten/kota yang sama"
_LOOKUP_BATCH = 500  # values per IN (...) list: within every database's limit


def _number_key(value: str, phone: bool = False) -> int | str:
    """A NIK ("6271...") or phone ("+62812...") as a number (a phone's negative, so the two
    never meet); the text itself when it is not plain digits."""
    digits = value.removeprefix("+")
    if digits.isascii() and digits.isdigit() and digits[0] != "0" and len(digits) <= 18:
        return -int(digits) if phone else int(digits)
    return ("+" if phone else "") + value


class _EarlierNumbers:
    """The NIKs and phones of the rows checked so far, each with the first row that had
    it: sorted numpy arrays for the earlier batches (16 bytes a number, where a dictionary
    takes some 80) and a dictionary for the batch being checked."""

    def __init__(self) -> None:
        self._keys = numpy.empty(0, dtype=numpy.int64)
        self._rows = numpy.empty(0, dtype=numpy.int64)
        self._texts: dict[str, int] = {}  # numbers that are not plain digits (rare)
        self._batch: dict[int, int] = {}
        self._before: dict[int | str, int] = {}

    def start_batch(self, keys: Iterable[int | str]) -> None:
        """Look up, at once, the numbers of the next batch among the earlier batches."""
        wanted = numpy.fromiter((k for k in set(keys) if type(k) is int), dtype=numpy.int64)
        at = numpy.searchsorted(self._keys, wanted)
        inside = at < len(self._keys)
        hit = numpy.zeros(len(wanted), dtype=bool)
        hit[inside] = self._keys[at[inside]] == wanted[inside]
        self._before = dict(zip(wanted[hit].tolist(), self._rows[at[hit]].tolist(), strict=True))

    def get(self, key: int | str) -> int | None:
        if type(key) is str:
            return self._texts.get(key)
        found = self._before.get(key)
        return found if found is not None else self._batch.get(key)

    def add(self, key: int | str, row: int) -> None:
        if type(key) is str:
            self._texts.setdefault(key, row)
        elif key not in self._before:
            self._batch.setdefault(key, row)

    def end_batch(self) -> None:
        if self._batch:
            keys = numpy.fromiter(self._batch.keys(), dtype=numpy.int64, count=len(self._batch))
            rows = numpy.fromiter(self._batch.values(), dtype=numpy.int64, count=len(keys))
            order = numpy.argsort(keys)
            keys, rows = keys[order], rows[order]
            at = numpy.searchsorted(self._keys, keys)
            self._keys = numpy.insert(self._keys, at, keys)
            self._rows = numpy.insert(self._rows, at, rows)
        self._batch = {}
        self._before = {}


class _DuplicateFinder:
    """Possible duplicates of the planned rows, against the store and the earlier rows.

    In order of strength: the same NIK, the same phone (phone or WhatsApp on either side),
    a very similar business name in the same kabupaten/kota (or both without one); for
    each, a store client before an earlier row, and among equally similar names the
    earliest. NIKs and phones of the store are looked up in SQL on their indexes, for a
    batch of rows at a time (WhatsApp numbers that differ from the phone, a column without
    an index, are read once); the store's business names are read once (id, name and
    kabupaten only) into name blocks by kabupaten. The rows' own NIKs, phones and names go
    into dictionaries and blocks of their own as they pass. Each distinct name of the file
    is compared once: its entry remembers the store client it resembles.
    """

    def __init__(self, db: Session):
        self.session = db
        conn = db.connection()
        self._store_names: dict[Any, _NameBlock] = collections.defaultdict(_NameBlock)
        stmt = select(Client.id, Client.business_name, Client.kabupaten_code).order_by(Client.id)
        for rows in conn.execute(stmt.execution_options(yield_per=5000)).partitions():
            for cid, name, kab in rows:
                key = _normal_name(name)
                if key:
                    self._store_names[kab].add(key, cid)
        self._whatsapp: dict[str, int] = {}
        stmt = (
            select(Client.id, Client.whatsapp)
            .where(Client.whatsapp.is_not(None), Client.whatsapp != "")
            .where(Client.phone.is_(None) | (Client.phone != Client.whatsapp))
            .order_by(Client.id)
        )
        for cid, number in conn.execute(stmt):
            self._whatsapp.setdefault(number, cid)
        self._file_names: dict[Any, _NameBlock] = collections.defaultdict(_NameBlock)
        # Per kabupaten, per entry of _file_names: the store client the name resembles, or
        # None; and the earlier row with the most similar other name, or None.
        self._resembles: dict[Any, list[int | None]] = collections.defaultdict(list)
        self._like_earlier: dict[Any, list[int | None]] = collections.defaultdict(list)
        self._earlier_numbers = _EarlierNumbers()
        self._client_names: dict[int, str] = {}

    def _lookup(self, column: Any, values: set[str]) -> dict[str, int]:
        """Store clients by an indexed column's value (the lowest id for each value)."""
        found: dict[str, int] = {}
        ordered = sorted(values)
        conn = self.session.connection()
        for start in range(0, len(ordered), _LOOKUP_BATCH):
            part = ordered[start : start + _LOOKUP_BATCH]
            for cid, value in conn.execute(select(Client.id, column).where(column.in_(part))):
                if value not in found or cid < found[value]:
                    found[value] = cid
        return found

    def _add_names(
        self, rows: list[PlannedRow], keys: list[str], check_cancel: Callable[[], None]
    ) -> None:
        """Enter the names these rows bring first, with the store client and the earlier
        row each one resembles most."""
        new: dict[Any, dict[str, int]] = collections.defaultdict(dict)  # kab -> key -> row
        for row, key in zip(rows, keys, strict=True):
            kab = row.client.get("kabupaten_code")
            if key and key not in self._file_names[kab].index:
                new[kab].setdefault(key, row.row)
        for kab, first_rows in new.items():
            names = list(first_rows)
            store = self._store_names.get(kab)
            resembles: list[int | None] = []
            unknown = []
            for key in names:
                entry = store.index.get(key) if store is not None else None
                resembles.append(store.refs[entry] if entry is not None else None)
                if entry is None:
                    unknown.append(len(resembles) - 1)
            if store is not None and unknown:
                _, where = _most_similar([names[i] for i in unknown], store.keys, check_cancel)
                for i, entry in zip(unknown, where.tolist(), strict=True):
                    if entry != _NO_MATCH:
                        resembles[i] = store.refs[entry]
            block = self._file_names[kab]
            before, before_at = _most_similar(names, block.keys, check_cancel)
            among, among_at = _similar_earlier(names, check_cancel)
            refs = block.refs
            like: list[int | None] = []
            for b, b_at, a, a_at in zip(
                before.tolist(), before_at.tolist(), among.tolist(), among_at.tolist(), strict=True
            ):
                if b_at != _NO_MATCH and b >= a:  # the earlier batches win a tie
                    like.append(refs[b_at])
                elif a_at != _NO_MATCH:
                    like.append(first_rows[names[a_at]])
                else:
                    like.append(None)
            for key in names:
                block.add(key, first_rows[key])
            self._resembles[kab].extend(resembles)
            self._like_earlier[kab].extend(like)

    def check(self, rows: list[PlannedRow], check_cancel: Callable[[], None]) -> None:
        """Mark the duplicates among ``rows`` (the next rows of the file, in order)."""
        if not rows:
            return
        clients = [r.client for r in rows]
        keys = [_normal_name(c["business_name"]) for c in clients]
        self._add_names(rows, keys, check_cancel)
        niks = {c["nik"] for c in clients if c.get("nik")}
        phones = {p for c in clients for p in (c.get("phone"), c.get("whatsapp")) if p}
        store_nik = self._lookup(Client.nik, niks)
        store_phone = self._lookup(Client.phone, phones)
        for number in phones:
            cid = self._whatsapp.get(number)
            if cid is not None and (number not in store_phone or cid < store_phone[number]):
                store_phone[number] = cid
        earlier_numbers = self._earlier_numbers
        earlier_numbers.start_batch(
            itertools.chain(
                (_number_key(n) for n in niks), (_number_key(p, phone=True) for p in phones)
            )
        )
        for i, (row, client, key) in enumerate(zip(rows, clients, keys, strict=True)):
            if i % 100 == 0:
                check_cancel()
            nik = client.get("nik")
            phones_of_row = [p for p in (client.get("phone"), client.get("whatsapp")) if p]
            found: tuple[str, int | None, int | None] | None = None
            if nik and nik in store_nik:
                found = (_REASON_NIK, store_nik[nik], None)
            elif nik and (earlier := earlier_numbers.get(_number_key(nik))) is not None:
                found = (_REASON_NIK, None, earlier)
            else:
                cid = next((store_phone[p] for p in phones_of_row if p in store_phone), None)
                if cid is not None:
                    found = (_REASON_PHONE, cid, None)
                else:
                    earlier = next(
                        (
                            row_number
                            for p in phones_of_row
                            if (row_number := earlier_numbers.get(_number_key(p, phone=True)))
                            is not None
                        ),
                        None,
                    )
                    if earlier is not None:
                        found = (_REASON_PHONE, None, earlier)
            if found is None and key:
                kab = client.get("kabupaten_code")
                block = self._file_names[kab]
                entry = block.index[key]
                cid = self._resembles[kab][entry]
                if cid is not None:
                    found = (_REASON_NAME, cid, None)
                elif block.refs[entry] != row.row:  # an earlier row had this very name
                    found = (_REASON_NAME, None, block.refs[entry])
                elif self._like_earlier[kab][entry] is not None:
                    found = (_REASON_NAME, None, self._like_earlier[kab][entry])
            if found is not None:
                reason, cid, earlier = found
                row.duplicate = Duplicate(
                    row=row.row,
                    reason=reason,
                    client_id=cid,
                    earlier_row=earlier,
                    same_nik=reason == _REASON_NIK,
                )
            if nik:
                earlier_numbers.add(_number_key(nik), row.row)
            for phone in phones_of_row:
                earlier_numbers.add(_number_key(phone, phone=True), row.row)
        earlier_numbers.end_batch()
        self._name_store_clients(rows)

    def _name_store_clients(self, rows: list[PlannedRow]) -> None:
        """The business names the report shows for the store clients found."""
        dups = [r.duplicate for r in rows if r.duplicate and r.duplicate.client_id is not None]
        wanted = sorted({d.client_id for d in dups} - set(self._client_names))
        conn = self.session.connection()
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            part = wanted[start : start + _LOOKUP_BATCH]
            stmt = select(Client.id, Client.business_name, Client.archived_at).where(
                Client.id.in_(part)
            )
            for cid, name, archived in conn.execute(stmt):
                # Archived clients count too: their NIK is taken, and they may be restored.
                label = name + (" (diarsipkan)" if archived is not None else "")
                self._client_names[cid] = label
        for dup in dups:
            dup.client_name = self._client_names.get(dup.client_id)
