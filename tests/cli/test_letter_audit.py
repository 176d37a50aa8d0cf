"""``klinik letter`` as the issue reported it: a draft for an owner who never agreed to
referral, then issuing and printing again, read back from the PDF and ``klinik audit``."""

from __future__ import annotations

import json

import pypdf
import pytest

from klinik.cli import main

NIK = "6271054508900001"


pytestmark = pytest.mark.usefixtures("letterhead")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def audit(capsys) -> list[dict]:
    code, out, _ = run(capsys, "audit", "--all", "--json")
    assert code == 0
    return json.loads(out)


def left(capsys) -> list[dict]:
    return [e for e in audit(capsys) if e["left"]]


def test_a_draft_without_consent_is_masked_and_recorded_and_issuing_once(capsys, tmp_path):
    code, out, _ = run(
        capsys, "add", "client", "--business-name", "Amplang Bu Ani", "--owner-name",
        "Ani Lestari", "--nik", NIK, "--phone", "0812-3456-7890", "--kabupaten", "Palangka Raya",
    )  # fmt: skip
    client = out.strip()
    _, out, _ = run(capsys, "add", "case", "--client", client, "--title", "SPP-IRT")
    _, out, _ = run(
        capsys, "add", "referral", "--case", out.strip(), "--agency", "DINKES-PKY",
        "--purpose", "spp_irt",
    )  # fmt: skip
    referral = out.strip()
    assert left(capsys) == []

    draft = tmp_path / "draf.pdf"
    code, _, err = run(capsys, "letter", referral, "--out", str(draft))
    assert code == 0 and "pratinjau DRAF" in err
    text = pdf_text(draft)
    assert NIK not in text.replace(" ", "") and "627105**********" in text
    assert "0812-****-7890" in text and "3456" not in text
    assert "Identitas disamarkan" in text and "belum menyetujui keperluan 'Rujukan" in text
    (event,) = left(capsys)
    assert event["action"] == "print" and event["client_id"] == int(client)
    assert event["what"] == f"Rujukan #{referral} (draf surat, NIK dan No. HP disamarkan)"
    assert "NIK" not in event["fields"] and "Nama pemilik" in event["fields"]

    run(
        capsys, "consent", "give", client, "--purposes", "pendampingan,rujukan",
        "--method", "tertulis",
    )  # fmt: skip
    issued = tmp_path / "surat.pdf"
    code, _, err = run(capsys, "letter", referral, "--out", str(issued), "--issue")
    assert code == 0 and "diterbitkan" in err
    assert NIK in pdf_text(issued)
    events = left(capsys)
    assert len(events) == 2  # the draft, and the letter issued and written: exactly one
    assert events[1]["what"].startswith("Surat rujukan #") and "diterbitkan" in events[1]["what"]

    code, _, _ = run(capsys, "letter", referral, "--out", str(tmp_path / "lagi.pdf"))
    assert code == 0
    assert len(left(capsys)) == 3
    trail = json.dumps(audit(capsys), ensure_ascii=False)
    for value in (NIK, "81234567890", "Ani Lestari"):
        assert value not in trail
