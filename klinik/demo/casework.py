"""The demo's casework: cases with their status history, sessions, follow-ups, referrals and
what each case reached (a licence, financing, a market, jobs)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from klinik.demo.data_cases import (
    CLOSE_REASONS,
    CONSULTANT_TASKS,
    MARKET_NOTES,
    MINUTES,
    PAUSE_REASONS,
    PREP_MINUTES,
    PURPOSE_AGENCIES,
    PURPOSE_ROLES,
    PURPOSE_WORDS,
    REFERRAL_NOTES,
    REFERRAL_OUTCOMES,
    SESSION_TEXT,
)
from klinik.demo.rows import RowMaker
from klinik.domain.vocab import Area, FinancingScheme, FollowUpOwner, LicenceKind

_DAY = timedelta(days=1)


class CaseworkMaker(RowMaker):
    """Rows of a client's cases: each case and everything that hangs on it."""

    # --- cases ------------------------------------------------------------------------------

    def eligible_types(self, ctx: dict[str, Any]) -> list[dict[str, Any]]:
        path = ctx["product"][4]
        has_nib = ctx["client"]["nib"] is not None
        out = []
        for kind in self.case_types:
            when = kind["when"]
            # SPP-IRT, halal and BPOM come after the NIB (the food licensing path).
            if (
                (when == "no_nib" and has_nib)
                or (when == "pirt" and (path != "pirt" or not has_nib))
                or (when == "food" and (not path or not has_nib))
                or (when == "md" and (path != "md" or not has_nib))
            ):
                continue
            out.append(kind)
        return out

    def cases(self, ctx: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        whole = int(self.cases_per_client)
        count = whole + (1 if rng.random() < self.cases_per_client - whole else 0)
        types = self.eligible_types(ctx)
        weights = [t["weight"] for t in types]
        start = ctx["client"]["registered_on"]
        made = []
        for i in range(count):
            if i == 0:
                opened = self.day(start, min(self.today, start + timedelta(days=21)))
            else:
                opened = self.day(start, self.today)
            kind = rng.choices(types, weights)[0]
            made.append(self.case(ctx, kind, opened))
        return made

    def session_count(self, status: str) -> int:
        if status == "baru":
            return 0
        if status == "ditutup" and self.rng.random() < 0.3:
            return 0
        # Steer towards the requested sessions per case (held and planned).
        deficit = self.sessions_per_case * self.cases_made - self.sessions_made
        mean = min(
            3 * self.sessions_per_case, max(1.0, 1.15 * self.sessions_per_case + deficit / 20)
        )
        return 1 + int(self.rng.random() * (2 * (mean - 1) + 1))

    def case(self, ctx: dict[str, Any], kind: dict[str, Any], opened: date) -> dict[str, Any]:
        rng = self.rng
        today = self.today
        age = (today - opened).days
        status = self.pick_status["new" if age < 14 else "young" if age < 90 else "old"]()
        consultant = rng.choice(self.consultants)
        areas = list(kind["areas"])
        if rng.random() < 0.3:
            extra = rng.choice(list(Area)).value
            if extra not in areas:
                areas.append(extra)
        fill = {"produk": ctx["produk"], "pemilik": ctx["pemilik"]}
        case = self.record(
            "client_case",
            opened,
            client_id=ctx["client"]["id"],
            consultant_id=consultant,
            title=kind["title"].format(**fill),
            goal=kind["goal"].format(**fill),
            status=status,
            closed_reason=None,
            opened_on=opened,
            closed_on=None,
            last_activity_on=opened,
            archived_at=None,
        )
        case_id = case["id"]
        self.cases_made += 1
        for area in areas:
            self.rows["case_area"].append({"case_id": case_id, "area": area})

        # When sessions happen and when the case ended, by its status.
        n_held = self.session_count(status)
        end = today
        if status in ("selesai", "ditutup"):
            end = min(today, opened + timedelta(days=rng.randint(20, 240)))
        elif status == "ditunda":
            end = max(opened, today - timedelta(days=rng.randint(7, 60)))
        span = (end - opened).days
        n_held = min(n_held, span + 1)
        held = sorted(opened + timedelta(days=rng.randint(0, span)) for _ in range(n_held))
        if held and rng.random() < 0.4:
            held[0] = opened
        planned: date | None = None
        if status in ("aktif", "dirujuk", "baru") and rng.random() < 0.35:
            planned = today + timedelta(days=rng.randint(1, 14))

        changes: list[tuple[str | None, str, date, str | None]] = [(None, "baru", opened, None)]
        if held:
            changes.append(("baru", "aktif", held[0], "Sesi pertama dicatat"))
        closed_on = None
        referral_sent: date | None = None
        if status == "ditunda":
            pause = self.day((held[-1] if held else opened) + _DAY, today)
            changes.append(
                ("aktif" if held else "baru", "ditunda", pause, rng.choice(PAUSE_REASONS))
            )
        elif status in ("selesai", "ditutup"):
            last = held[-1] if held else opened
            closed_on = self.day(last, min(today, last + timedelta(days=14)))
            reason = (
                rng.choice(CLOSE_REASONS)
                if status == "ditutup"
                else ("Tujuan pendampingan tercapai." if rng.random() < 0.6 else None)
            )
            changes.append(("aktif" if held else "baru", status, closed_on, reason))
            case["closed_on"] = closed_on
            case["closed_reason"] = reason
        elif status == "dirujuk":
            referral_sent = self.day(held[0], today)
        elif status == "aktif" and len(held) >= 3 and rng.random() < 0.15:
            # A pause in the middle: aktif -> ditunda -> aktif between two sessions.
            i = rng.randrange(1, len(held) - 1)
            if (held[i + 1] - held[i]).days > 30:
                pause = held[i] + timedelta(days=rng.randint(3, 10))
                changes.append(("aktif", "ditunda", pause, rng.choice(PAUSE_REASONS)))
                changes.append(("ditunda", "aktif", held[i + 1], "Klien siap melanjutkan"))

        last_activity = held[-1] if held else opened
        case["last_activity_on"] = last_activity
        case["updated_at"] = self.stamp(closed_on or last_activity)
        ctx["last_day"] = max(ctx["last_day"], closed_on or last_activity)

        referral = None
        if kind["purpose"] and (referral_sent or (held and rng.random() < 0.3)):
            referral = self.referral(ctx, case, kind, held, end, closed_on, referral_sent)
        if referral_sent and referral is not None:
            changes.append(("aktif", "dirujuk", referral_sent, None))
        elif status == "dirujuk":
            # Nothing to refer to (no purpose or no agency): the case simply stays active.
            case["status"] = status = "aktif"
        for from_status, to_status, on, reason in sorted(changes, key=lambda c: c[2]):
            self.record(
                "case_status_change",
                on,
                case_id=case_id,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
                consultant_id=consultant,
                changed_on=on,
            )
        self.sessions(ctx, case, areas, held, planned, closed_on)
        self.case_result(ctx, case, kind, held, closed_on, referral)
        return case

    def sessions(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        areas: list[str],
        held: list[date],
        planned: date | None,
        closed_on: date | None,
    ) -> None:
        rng = self.rng
        fill = {"produk": ctx["produk"], "pemilik": ctx["pemilik"]}
        days = [*held, planned] if planned else held
        self.sessions_made += len(days)
        for i, day in enumerate(days):
            is_planned = planned is not None and i == len(days) - 1
            area_set = areas if len(areas) == 1 or rng.random() < 0.4 else rng.sample(areas, 1)
            texts = SESSION_TEXT[area_set[0]]
            following = days[i + 1] if i + 1 < len(days) else None
            next_on = following if following and following > day and rng.random() < 0.7 else None
            consultant = case["consultant_id"]
            if rng.random() < 0.08:
                consultant = rng.choice(self.consultants)
            row = self.record(
                "mentoring_session",
                held[-1] if is_planned and held else day,
                case_id=case["id"],
                consultant_id=consultant,
                held_on=day,
                minutes=rng.choice(MINUTES),
                prep_minutes=rng.choice(PREP_MINUTES),
                mode=self.pick_mode(),
                summary="" if is_planned else rng.choice(texts[0]).format(**fill),
                recommendations="" if is_planned else rng.choice(texts[1]),
                next_steps="" if is_planned else rng.choice(texts[2]),
                next_session_on=next_on,
            )
            for area in area_set:
                self.rows["session_area"].append({"session_id": row["id"], "area": area})
            if is_planned:
                continue
            latest = i == len(held) - 1
            for _ in range(rng.choices((0, 1, 2), (45, 35, 20))[0]):
                self.follow_up(case, row, day, texts[3], latest, closed_on)

    def follow_up(
        self,
        case: dict[str, Any],
        db: dict[str, Any] | None,
        day: date,
        tasks: list[str],
        latest: bool,
        closed_on: date | None,
    ) -> None:
        rng = self.rng
        consultant_task = rng.random() < 0.2
        due = day + timedelta(days=rng.choice((3, 7, 7, 14, 14, 21, 30)))
        if closed_on is not None:
            done = rng.random() < 0.95
        else:
            done = rng.random() < (0.3 if latest else 0.85)
        done_on = None
        if done:
            done_on = min(self.today, day + timedelta(days=rng.randint(1, (due - day).days + 5)))
            if closed_on is not None:
                done_on = max(day, min(done_on, closed_on))
        self.record(
            "follow_up",
            day,
            case_id=case["id"],
            session_id=db["id"] if db else None,
            description=rng.choice(CONSULTANT_TASKS if consultant_task else tasks),
            owner=FollowUpOwner.KONSULTAN.value if consultant_task else FollowUpOwner.KLIEN.value,
            due_on=due,
            done_on=done_on,
        )

    # --- referrals --------------------------------------------------------------------------

    def referral(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        kind: dict[str, Any],
        held: list[date],
        end: date,
        closed_on: date | None,
        sent_for_dirujuk: date | None,
    ) -> dict[str, Any] | None:
        rng = self.rng
        today = self.today
        purpose = kind["purpose"]
        codes = [c for c in PURPOSE_AGENCIES.get(purpose, []) if c in self.agencies]
        if not codes:
            return None
        agency_id = self.agencies[rng.choice(codes)]
        # SPP-IRT and NIB go to the office of the client's own kabupaten/kota.
        role = PURPOSE_ROLES.get(purpose)
        local = self.local_offices.get((role, ctx["client"]["kabupaten_code"])) if role else None
        if local is not None:
            agency_id = local
        status = case["status"]
        if sent_for_dirujuk is not None:
            sent = sent_for_dirujuk
            created = self.day(held[0], sent)
            target = "accepted" if rng.random() < 0.4 else "sent"
        else:
            created = self.day(held[0], closed_on or end)
            sent = created + timedelta(days=rng.randint(0, 7))
            if closed_on is not None:
                sent = min(sent, closed_on)
            target = rng.choices(
                ("draft", "sent", "accepted", "declined", "completed"),
                {
                    "selesai": (0, 0, 15, 15, 70),
                    "ditutup": (30, 30, 0, 40, 0),
                    "aktif": (25, 30, 30, 15, 0),
                    "ditunda": (40, 40, 0, 20, 0),
                }[status],
            )[0]
        order = ["draft", "sent", "accepted", "completed"]
        answered = sent + timedelta(days=rng.randint(3, 30))
        completed = answered + timedelta(days=rng.randint(7, 45))
        if closed_on is not None:
            answered = min(answered, closed_on) if answered > sent else answered
            completed = max(answered, min(completed, closed_on))
        # A step that would lie after today has not happened yet.
        if sent > today:
            target = "draft"
        elif target in ("accepted", "declined", "completed") and answered > today:
            target = "sent"
        elif target == "completed" and completed > today:
            target = "accepted"
        reached = order.index(target) if target in order else 2
        row = self.record(
            "referral",
            created,
            case_id=case["id"],
            agency_id=agency_id,
            purpose=purpose,
            note=REFERRAL_NOTES[purpose].format(produk=ctx["produk"]),
            status=target,
            created_on=created,
            sent_on=sent if target != "draft" else None,
            answered_on=answered if target in ("accepted", "declined", "completed") else None,
            completed_on=completed if target == "completed" else None,
            outcome=REFERRAL_OUTCOMES[purpose] if target == "completed" else "",
            letter_number=None,
        )
        if target == "declined":
            row["outcome"] = "Persyaratan belum lengkap."
        if reached >= 1:
            self.follow_up(
                case, None, sent, [f"Menyerahkan surat rujukan {PURPOSE_WORDS[purpose]}"],
                False, closed_on,
            )  # fmt: skip
        return row

    # --- licences and outcomes --------------------------------------------------------------

    def case_result(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        kind: dict[str, Any],
        held: list[date],
        closed_on: date | None,
        referral: dict[str, Any] | None,
    ) -> None:
        """The licence, financing or market the case reached, with its outcome rows."""
        rng = self.rng
        status = case["status"]
        outcome = kind["outcome"]
        if outcome is None or not held:
            return
        if status == "selesai":
            day = closed_on or held[-1]
        elif status in ("aktif", "dirujuk") and rng.random() < 0.25 and outcome != "licence":
            day = self.day(held[0], held[-1])
        elif status in ("aktif", "dirujuk", "ditunda") and outcome == "licence":
            ctx["licences"].setdefault(kind["licence"], ("in_process", held[0]))
            return
        else:
            return
        day = min(day, self.today)
        client = ctx["client"]
        base = {
            "client_id": client["id"],
            "case_id": case["id"],
            "kind": outcome,
            "occurred_on": day,
            "amount": None,
            "amount_requested": None,
            "institution": "",
            "scheme": None,
            "channel": None,
            "licence_kind": None,
            "jobs": None,
            "note": "",
        }
        if outcome == "licence":
            licence = kind["licence"]
            ctx["licences"][licence] = ("obtained", day)
            if licence == "nib" and client["nib"] is None:
                client["nib"] = f"{rng.randint(1, 9)}{rng.randrange(10**12):012d}"
            base.update(licence_kind=licence, note=f"{LicenceKind(licence).label_id} terbit.")
        elif outcome == "financing":
            if kind["purpose"] == "kur":
                amount = rng.choice((5, 10, 10, 15, 20, 25, 30, 50, 50, 75, 100)) * 1_000_000
                if rng.random() < 0.05:
                    amount = rng.choice((150, 200, 250)) * 1_000_000
                institution, scheme = self.pick_bank(), FinancingScheme.KUR.value
            else:
                scheme = rng.choice(("tpakd", "umi", "hibah"))
                amount = rng.choice((2, 3, 5, 5, 10, 15, 20)) * 1_000_000
                institution = {
                    "tpakd": "Bank Kalteng",
                    "umi": rng.choice(("Pegadaian", "PNM Mekaar")),
                    "hibah": "Dinas Koperasi dan UKM Provinsi Kalimantan Tengah",
                }[scheme]
            requested = amount if rng.random() < 0.6 else amount + rng.choice((5, 10, 25)) * 10**6
            base.update(
                amount=amount,
                amount_requested=requested,
                institution=institution,
                scheme=scheme,
                note=f"{FinancingScheme(scheme).label_id} dari {institution}.",
            )
        elif outcome == "market":
            channel = rng.choice(kind["channels"])
            client[f"sells_{channel}"] = True
            if channel == "marketplace":
                client["has_ecommerce"] = True
            if channel == "social_media":
                client["has_social_media"] = True
            base.update(channel=channel, note=MARKET_NOTES[channel])
        elif outcome == "jobs":
            jobs = rng.randint(1, 4)
            base.update(jobs=jobs, note=f"Menambah {jobs} pekerja produksi.")
        elif outcome == "omzet":
            ctx.setdefault("omzet_cases", []).append((case["id"], day))
            return
        self.record("outcome", day, **base)
