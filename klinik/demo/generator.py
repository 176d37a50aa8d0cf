"""The demo's generator: consultants, and clients with their owners, consent, size records,
licences and outcomes; each client's cases come from ``CaseworkMaker``."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from klinik.demo.casework import CaseworkMaker
from klinik.demo.data_clients import (
    ASSOCIATIONS,
    BRANDS,
    CAPITAL_POSITION,
    CLASS_RANGE,
    CLIENT_NOTES,
    CONSULTANT_TITLES,
    CORRECTION_REASONS,
    DEGREES,
    DISABILITIES,
    LEGAL_PREFIX,
    MOBILE_PREFIXES,
    MODAL_MAX,
    NAMES,
    NEXT_CLASS,
    PLACES,
    PRODUCTS,
    SIZE_SOURCES,
    STREETS,
    STREETS_PKY,
)
from klinik.domain.consent import TEXT_VERSION as CONSENT_TEXT_VERSION
from klinik.domain.sizeclass import SizeClass
from klinik.domain.vocab import OutcomeKind
from klinik.services.clients import build_search_text


def _class_rank(record: dict[str, Any]) -> int:
    return min(
        rank for rank, (_, high) in enumerate(CLASS_RANGE.values()) if record["omzet"] <= high
    )


class Generator(CaseworkMaker):
    """Builds the rows of one batch of clients (see ``RowMaker`` for the plumbing)."""

    # --- consultants -------------------------------------------------------------------------

    def consultants_for(self, count: int) -> None:
        rng = self.rng
        for i in range(count):
            male, female, male_last, female_last = NAMES[self.pick_origin()]
            if rng.random() < 0.45:
                first, last = rng.choice(male), rng.choice(male_last)
            else:
                first, last = rng.choice(female), rng.choice(female_last)
            name = f"{first} {last}, {rng.choice(DEGREES)}"
            initials = (first[0] + last[0]).upper()
            local = f"{first}.{last}".lower().replace("-", "")
            row = self.record(
                "consultant",
                self.today - timedelta(days=800),
                name=name,
                initials=initials,
                title=CONSULTANT_TITLES[i % len(CONSULTANT_TITLES)],
                phone=self.phone(),
                email=f"{local}@gmail.com",
                active=True,
            )
            self.consultants.append(row["id"])

    # --- clients ----------------------------------------------------------------------------

    def phone(self) -> str:
        rng = self.rng
        digits = rng.choice((7, 8, 8, 9))
        return f"+62{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10 ** (digits - 1), 10**digits)}"

    def owner(self, registered: date) -> dict[str, Any]:
        rng = self.rng
        origin = self.pick_origin()
        male, female, male_last, female_last = NAMES[origin]
        gender = "P" if rng.random() < 0.58 else "L"
        first = rng.choice(female if gender == "P" else male)
        family = female_last if gender == "P" else male_last
        # These first names are hardly ever used alone.
        if first in ("Muhammad", "Ahmad", "Abdul", "Siti", "Nurul", "Sri", "Tri", "Dwi") or (
            rng.random() < 0.75
        ):
            name = f"{first} {rng.choice(family)}"
        else:
            name = first
        if origin == "banjar" and rng.random() < 0.12:
            name = ("Hj. " if gender == "P" else "H. ") + name
        age_days = rng.randint(19 * 365, 66 * 365)
        born = registered - timedelta(days=age_days)
        return {"origin": origin, "gender": gender, "first": first, "name": name, "born": born}

    def nik(self, kab: str | None, gender: str, born: date) -> str:
        """A NIK of the kabupaten, with the owner's birth date (women: day + 40)."""
        kab = kab or "6271"
        day = born.day + (40 if gender == "P" else 0)
        kec = self.rng.randint(1, 20)
        head = f"{kab}{kec:02d}{day:02d}{born.month:02d}{born.year % 100:02d}"
        return self.unique_nik(head)

    def unique_nik(self, head: str) -> str:
        """`head` (12 digits) and a sequence number not yet used in this batch."""
        while True:
            nik = f"{head}{self.rng.randint(1, 9999):04d}"
            if nik not in self.batch_niks:
                self.batch_niks.add(nik)
                return nik

    def business_name(self, product: tuple, owner: dict[str, Any], legal: str, place: str) -> str:
        rng = self.rng
        word = product[0]
        honorific = "Bu" if owner["gender"] == "P" else "Pak"
        style = rng.random()
        # A CV, PT, firm or cooperative is not named after "Bu Yanti" or her kitchen.
        if style < 0.35 or (legal != "perorangan" and style < 0.65):
            name = f"{word} {rng.choice(BRANDS)}"
        elif style < 0.55:
            name = f"{word} {honorific} {owner['first']}"
        elif style < 0.65 and product[4]:
            name = f"Dapur {owner['first']}"
        elif style < 0.75 and place:
            name = f"{word} {place}"
        elif style < 0.85:
            name = (
                f"{rng.choice(('Rumah', 'Griya', 'Sentra', 'Pondok'))} {word} {rng.choice(BRANDS)}"
            )
        elif style < 0.92:
            name = f"KUB {word} {rng.choice(BRANDS)}"
        else:
            name = f"{rng.choice(BRANDS)} {word}"
        if legal in LEGAL_PREFIX:
            name = LEGAL_PREFIX[legal] + name.removeprefix("KUB ")
        elif rng.random() < 0.12:
            name = "UD " + name
        return name

    def client(self) -> None:
        """One client with everything that hangs on it."""
        rng = self.rng
        today = self.today
        registered = today - timedelta(days=rng.randint(0, 729))
        kab = self.pick_kab()
        owner = self.owner(registered)
        product_index = self.pick_product()
        product = PRODUCTS[product_index]
        legal = self.pick_legal()
        places = PLACES.get(kab or "", {})
        kecamatan = kelurahan = ""
        if places and rng.random() < 0.9:
            kecamatan = rng.choice(list(places))
            villages = places[kecamatan]
            if villages and rng.random() < 0.85:
                kelurahan = rng.choice(villages)
        street = rng.choice(STREETS_PKY if kab == "6271" else STREETS)
        address = f"{street} No. {rng.randint(1, 150)}"
        if rng.random() < 0.25:
            address += f" RT {rng.randint(1, 12):03d}/RW {rng.randint(1, 6):03d}"
        phone = self.phone() if rng.random() < 0.97 else None
        nik = self.nik(kab, owner["gender"], owner["born"]) if rng.random() < 0.95 else None
        year_started = max(1990, registered.year - int(rng.expovariate(1 / 5)))
        latitude = longitude = None
        if kab in CAPITAL_POSITION and rng.random() < 0.4:
            lat, lon = CAPITAL_POSITION[kab]
            latitude = round(lat + rng.uniform(-0.05, 0.05), 5)
            longitude = round(lon + rng.uniform(-0.05, 0.05), 5)
        email = None
        if rng.random() < 0.3:
            local = owner["first"].lower().replace("-", "")
            email = f"{local}{rng.randint(1, 999)}@{rng.choice(('gmail.com', 'yahoo.co.id'))}"
        social = rng.random() < 0.6
        marketplace = social and rng.random() < 0.4
        row: dict[str, Any] = {
            "business_name": self.business_name(product, owner, legal, kelurahan or kecamatan),
            "owner_name": owner["name"],
            "nik": nik,
            "gender": owner["gender"],
            "birth_date": owner["born"],
            "education": self.pick_education(),
            "disability": rng.choice(DISABILITIES) if rng.random() < 0.02 else None,
            "phone": phone,
            "whatsapp": (phone if rng.random() < 0.85 else self.phone()) if phone else None,
            "email": email,
            "address": address,
            "kabupaten_code": kab,
            "kecamatan": kecamatan,
            "kelurahan": kelurahan,
            "latitude": latitude,
            "longitude": longitude,
            "sector": product[3],
            "kbli": None,
            "products": product[1],
            "legal_form": legal,
            "year_started": year_started,
            "registered_on": registered,
            "nib": None,
            "npwp": None,
            "association": rng.choice(ASSOCIATIONS) if rng.random() < 0.25 else "",
            "sells_local_market": rng.random() < 0.85,
            "sells_social_media": social,
            "sells_marketplace": marketplace,
            "sells_modern_retail": rng.random() < 0.08,
            "sells_other_provinces": rng.random() < 0.1,
            "sells_export": rng.random() < 0.01,
            "has_qris": rng.random() < 0.45,
            "has_business_account": rng.random() < 0.35,
            "has_bookkeeping": rng.random() < 0.3,
            "has_social_media": social or rng.random() < 0.2,
            "has_ecommerce": marketplace,
            "has_sop": rng.random() < 0.12,
            "has_offtaker": rng.random() < 0.06,
            "notes": rng.choice(CLIENT_NOTES) if rng.random() < 0.1 else "",
            "search_text": "",
            "archived_at": None,
        }
        if rng.random() < 0.65:
            row["nib"] = f"{rng.randint(1, 9)}{rng.randrange(10**12):012d}"
        if rng.random() < 0.3:
            # A person's NPWP is the NIK since July 2024; a company's is 0 + its old 15 digits.
            if nik and legal == "perorangan":
                row["npwp"] = nik
            elif legal == "perorangan":
                row["npwp"] = f"{rng.randrange(10**14, 10**15)}"
            else:
                row["npwp"] = f"0{rng.randrange(10**14, 10**15)}"
        client = self.record("client", registered, **row)
        client_id = client["id"]
        ctx = {
            "client": client,
            "product": product,
            "produk": product[2],
            "pemilik": f"{'Bu' if owner['gender'] == 'P' else 'Pak'} {owner['first']}",
            "licences": {},  # kind -> (status, date) reached through a case
            "last_day": registered,
        }
        consent = self.consent(client_id, registered)
        sizes = self.size_records(client_id, registered, product[5])
        cases = self.cases(ctx)
        if self.rows["referral"] and self.rows["referral"][-1]["case_id"] in {
            c["id"] for c in cases
        }:
            consent["for_referral"] = True  # referred clients agreed to it
        self.licences(ctx)
        self.outcomes_of_client(ctx, sizes, cases)
        # A few clients whose mentoring has ended are archived, with their cases.
        if rng.random() < 0.015 and all(c["closed_on"] for c in cases):
            archived = self.stamp(self.day(ctx["last_day"], today))
            client["archived_at"] = archived
            for case in cases:
                case["archived_at"] = archived
        client["search_text"] = build_search_text(SimpleNamespace(**client))  # type: ignore[arg-type]

    def consent(self, client_id: int, registered: date) -> dict[str, Any]:
        """The owner's consent at registration (own random stream: the rest of the data
        stays as it was before consent existed)."""
        rng = random.Random(client_id)
        at = datetime(registered.year, registered.month, registered.day, 2, 0, tzinfo=UTC)
        row = {
            "id": self.new_id("consent"),
            "uid": self.uid(),
            "created_at": at,
            "updated_at": at,
            "client_id": client_id,
            "given_on": registered,
            "method": "tertulis" if rng.random() < 0.7 else "lisan",
            "for_mentoring": True,
            "for_referral": rng.random() < 0.8,
            "for_sharing": rng.random() < 0.45,
            "text_version": CONSENT_TEXT_VERSION,
            "recorded_by_id": rng.choice(self.consultants) if self.consultants else None,
            "note": "",
            "withdrawn_on": None,
            "withdrawn_by_id": None,
            "withdrawal_note": "",
        }
        self.rows["consent"].append(row)
        return row

    # --- size records ----------------------------------------------------------------------

    def size_records(self, client_id: int, registered: date, unit: str) -> list[dict[str, Any]]:
        """1-3 dated records; about 15% of clients with two or more rise a class."""
        rng = self.rng
        roll = rng.random()
        klass = (
            SizeClass.MIKRO
            if roll < 0.88
            else SizeClass.KECIL
            if roll < 0.98
            else (SizeClass.MENENGAH)
        )
        days_left = (self.today - registered).days
        count = 1 if days_left < 120 else rng.choices((1, 2, 3), (40, 38, 22))[0]
        dates = [registered]
        for _ in range(count - 1):
            start = dates[-1] + timedelta(days=90)
            if start > self.today:
                break
            dates.append(self.day(start, min(self.today, start + timedelta(days=300))))
        rises = len(dates) >= 2 and klass in NEXT_CLASS and rng.random() < 0.15
        low, high = CLASS_RANGE[klass]
        if rises:
            omzet = int(rng.uniform(high * 0.6, high * 0.95))
        elif klass is SizeClass.MIKRO:
            omzet = int(min(high * 0.97, max(low, rng.lognormvariate(18.2, 1.0))))
        else:
            omzet = int(rng.uniform(low * 1.05, high * 0.8))
        corrected = rng.randrange(len(dates)) if rng.random() < 0.04 else -1
        made = []
        for i, day in enumerate(dates):
            if i:
                if rises and i == len(dates) - 1:
                    klass = NEXT_CLASS[klass]
                    low, high = CLASS_RANGE[klass]
                    omzet = int(rng.uniform(low * 1.02, min(high, low * 1.8)))
                else:
                    omzet = int(min(high * 0.98, max(low, omzet * rng.uniform(0.9, 1.35))))
            omzet = max(100_000, omzet // 100_000 * 100_000)
            modal = min(MODAL_MAX[klass], omzet * rng.randint(15, 60) // 100)
            modal = modal // 100_000 * 100_000
            values = self.size_values(day, klass, omzet, modal, unit)
            if i == corrected:
                made.append(self.corrected_size(client_id, values))
            else:
                made.append(self.record("size_record", day, client_id=client_id, **values))
        return made

    def size_values(
        self, day: date, klass: SizeClass, omzet: int, modal: int, unit: str
    ) -> dict[str, Any]:
        rng = self.rng
        low, high = {
            SizeClass.MIKRO: (1, 4),
            SizeClass.KECIL: (5, 19),
            SizeClass.MENENGAH: (20, 99),
        }[klass]
        total = rng.randint(low, high)
        permanent = rng.randint(0, total)
        perm_f = rng.randint(0, permanent)
        temp_f = rng.randint(0, total - permanent)
        return {
            "recorded_on": day,
            "omzet": omzet,
            "modal": modal,
            "total_assets": modal * rng.randint(110, 250) // 100,
            "production_capacity": f"{rng.choice((20, 50, 100, 150, 200, 300, 500))} {unit}",
            "workers_permanent_male": permanent - perm_f,
            "workers_permanent_female": perm_f,
            "workers_nonpermanent_male": total - permanent - temp_f,
            "workers_nonpermanent_female": temp_f,
            "source": rng.choice(SIZE_SOURCES),
            "superseded_by_id": None,
            "corrects_id": None,
            "correction_reason": None,
        }

    def corrected_size(self, client_id: int, good: dict[str, Any]) -> dict[str, Any]:
        """A wrongly entered record and its correction, which supersedes it; returns the latter."""
        rng = self.rng
        reason = rng.randrange(len(CORRECTION_REASONS))
        wrong = dict(good)
        if reason == 0:
            wrong["omzet"] = good["omzet"] * 10
        elif reason == 1:
            wrong["omzet"] = max(100_000, good["omzet"] // 12 // 100_000 * 100_000)
        elif reason == 2:
            wrong["modal"] = good["modal"] + rng.randint(2, 8) * 100_000_000
        else:
            wrong["workers_permanent_male"] = good["workers_nonpermanent_male"]
            wrong["workers_nonpermanent_male"] = good["workers_permanent_male"]
        day = good["recorded_on"]
        old = self.record("size_record", day, client_id=client_id, **wrong)
        new = self.record(
            "size_record",
            day,
            client_id=client_id,
            **{**good, "corrects_id": old["id"], "correction_reason": CORRECTION_REASONS[reason]},
        )
        # The link from the old row is set after both rows are written.
        self.supersede.append({"b_id": old["id"], "b_new": new["id"]})
        return new

    def licences(self, ctx: dict[str, Any]) -> None:
        """Licences along the food path (NIB -> SPP-IRT -> halal -> BPOM MD), and trademarks.

        Those held before registration were issued in path order; those reached through a case
        carry the case's date and status.
        """
        rng = self.rng
        today = self.today
        client = ctx["client"]
        registered = client["registered_on"]
        path = ctx["product"][4]
        reached: dict[str, tuple[str, date]] = ctx["licences"]
        kab = client["kabupaten_code"] or "6271"
        earliest = max(date(client["year_started"], 1, 1), date(2018, 7, 9))

        cursor = min(earliest, registered)

        def before_registration() -> date:
            nonlocal cursor
            cursor = self.day(cursor, registered)
            return cursor

        def add(
            kind: str, status: str, issued: date | None, number: str | None, years: int
        ) -> None:
            expires = None
            if issued is not None and years:
                try:
                    expires = issued.replace(year=issued.year + years)
                except ValueError:  # 29 February
                    expires = issued.replace(year=issued.year + years, day=28)
            if status == "obtained" and expires is not None and expires < today:
                status = "expired"
            self.record(
                "licence",
                issued or registered,
                client_id=client["id"],
                kind=kind,
                number=number,
                status=status,
                issued_on=issued,
                expires_on=expires,
                note="",
            )

        # NIB: the client's NIB field and an obtained NIB licence are the same fact.
        nib_status, nib_day = reached.get("nib", (None, None))
        if client["nib"] and (nib_status == "obtained" or rng.random() < 0.8):
            add("nib", "obtained", nib_day or before_registration(), client["nib"], 0)
        elif not client["nib"] and nib_status == "in_process":
            add("nib", "in_process", None, None, 0)
        elif not client["nib"] and path and rng.random() < 0.3:
            add("nib", "needed", None, None, 0)
        has_nib = client["nib"] is not None
        nib_before = has_nib and nib_status != "obtained"

        def status_of(kind: str, share: float) -> tuple[str | None, date | None]:
            if kind in reached:
                return reached[kind]
            if nib_before and rng.random() < share:
                return "obtained", before_registration()
            return None, None

        if path == "pirt":
            status, day = status_of("spp_irt", 0.4)
            if status == "obtained":
                expiry_year = day.year + 5
                number = (
                    f"{rng.randint(1, 9)}{rng.randint(1, 16):02d}{kab}{rng.randint(1, 20):02d}"
                    f"{rng.randint(1, 9999):04d}{expiry_year % 100:02d}"
                )
                add("spp_irt", "obtained", day, number, 5)
            elif status == "in_process":
                add("spp_irt", "in_process", None, None, 0)
            elif has_nib and rng.random() < 0.3:
                add("spp_irt", "needed", None, None, 0)
        if path:
            status, day = status_of("halal", 0.25)
            if status == "obtained":
                add("halal", "obtained", day, f"ID{kab}{rng.randrange(10**13):013d}", 0)
            elif status == "in_process":
                add("halal", "in_process", None, None, 0)
        if path == "md":
            status, day = status_of("bpom_md", 0.3)
            if status == "obtained":
                digits = 15 if day.year >= 2021 else 12
                add("bpom_md", "obtained", day, f"MD{rng.randrange(10**digits):0{digits}d}", 5)
            elif status == "in_process":
                add("bpom_md", "in_process", None, None, 0)
        status, day = status_of("merek", 0.04)
        if status == "obtained":
            add("merek", "obtained", day, f"IDM000{rng.randint(100000, 999999)}", 10)
        elif status == "in_process":
            add("merek", "in_process", None, f"DID{today.year}0{rng.randint(10000, 99999)}", 0)

    def outcomes_of_client(
        self, ctx: dict[str, Any], sizes: list[dict[str, Any]], cases: list[dict[str, Any]]
    ) -> None:
        """Omzet outcomes from the size records; a business started at the clinic."""
        client = ctx["client"]
        current = [s for s in sizes if s["superseded_by_id"] is None]
        omzet_cases = ctx.get("omzet_cases", [])
        grew = len(current) >= 2 and current[-1]["omzet"] > current[0]["omzet"]
        rose = grew and _class_rank(current[-1]) > _class_rank(current[0])
        if grew and (omzet_cases or rose or self.rng.random() < 0.2):
            last = current[-1]
            case_id = omzet_cases[0][0] if omzet_cases else None
            self.record(
                "outcome",
                last["recorded_on"],
                client_id=client["id"],
                case_id=case_id,
                kind=OutcomeKind.OMZET.value,
                occurred_on=last["recorded_on"],
                amount=last["omzet"],
                amount_requested=None,
                institution="",
                scheme=None,
                channel=None,
                licence_kind=None,
                jobs=None,
                note=f"Omzet per tahun naik dari Rp{current[0]['omzet']:,}".replace(",", ".")
                + f" menjadi Rp{last['omzet']:,}.".replace(",", "."),
            )
        if client["year_started"] == client["registered_on"].year and self.rng.random() < 0.3:
            self.record(
                "outcome",
                client["registered_on"],
                client_id=client["id"],
                case_id=cases[0]["id"] if cases else None,
                kind=OutcomeKind.BUSINESS_STARTED.value,
                occurred_on=client["registered_on"],
                amount=None,
                amount_requested=None,
                institution="",
                scheme=None,
                channel=None,
                licence_kind=None,
                jobs=None,
                note="Usaha baru mulai berjalan dengan pendampingan klinik.",
            )
