#!/usr/bin/env python3
"""Writes the rule test cases for the add-on families under rules/tests/families/ (one file per add-on code,
one per chained Category I add-on), from the family DRL files and the reference tables.

The committed files are plain CSV a person reads and edits; this script only saves typing the ~50 near-identical
files. Re-run it after adding an add-on family, then read the diff: every expectation it writes follows the
policy as stated in rules/README.md, not the rules' code. Values (patients, NPIs, claim ids) are made up.

It never overwrites a file it did not write: GENERATED.sha256 beside the cases lists each file it wrote with the
digest of what it wrote. A file that is not listed (hand-written), or that was edited since, is left as it is and
reported, and the script exits 1. Delete such a file, or move it aside, to have it generated again.
"""
import csv
import datetime
import hashlib
import io
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
OUT = RULES / "tests" / "families"
COLUMNS = ["scenario", "claim_id", "line_number", "date_of_service", "procedure_code", "modifiers", "units",
           "patient_id", "billing_npi", "claim_type", "type_of_bill", "expect"]
NPI_A, NPI_B = "1900000013", "1900000021"  # made-up NPIs with valid check digits
DOS = "2025-03-11"

codes = {r["code"]: r for r in csv.DictReader(open(RULES / "reference" / "codes.csv"))}
fees = {r["code"]: r for r in csv.DictReader(open(RULES / "reference" / "fee-schedule.csv"))}
opps = {r["code"]: r for r in csv.DictReader(open(RULES / "reference" / "opps-status.csv"))}


def day(text, delta):
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=delta)).isoformat()


MANIFEST = OUT / "GENERATED.sha256"


def parse_families():
    """(family, addon, primaries) for every 'X without ...' rule: the primary its primaryOfX() function declares,
    else (a chained code with several bases) the codes the rule's name gives."""
    found = []
    for drl in sorted((RULES / "families").glob("*.drl")):
        text = drl.read_text()
        declared = dict(re.findall(r'function\s+String\s+primaryOf(\w+)\s*\(\s*\)\s*\{\s*return\s+"(\w+)"', text))
        for m in re.finditer(r'rule "(\w+) without ([\w ]+?)"', text):
            addon = m.group(1)
            found.append((drl.stem, addon, [declared[addon]] if addon in declared else m.group(2).split(" or ")))
    return found


FAMILIES = parse_families()
CHAINED = {addon: primaries for _, addon, primaries in FAMILIES if not addon.endswith("T")}


def line_edits(code, mods, dos, claim_type, tob, visit_codes):
    """What the shipped policy says this line gets, apart from the add-on edits the caller adds."""
    out = []
    fee = fees.get(code, {})
    pctc = fee.get("pctc_indicator", "")
    if "26" in mods and pctc and pctc not in ("1", "6", "8"):
        out.append("MOD-26")
    if "TC" in mods and pctc and pctc != "1":
        out.append("MOD-TC")
    ref = codes.get(code, {})
    if ref.get("effective_date") and dos < ref["effective_date"]:
        out.append("EFF-BEFORE")
    if ref.get("sunset_date") and dos >= ref["sunset_date"]:
        out.append("EFF-SUNSET")
    # CPR-C (on every professional add-on line) is left to policy/carrier-priced.csv: a family case is about
    # the family's edits, so a change to carrier pricing never touches these files.
    if claim_type == "institutional" and tob.startswith("013") and opps.get(code, {}).get("status_indicator") in (
            "N", "Q1", "Q2", "Q3", "Q4"):
        out.append("OPPS-PKG")
    if code == "0854T":
        out.append("DOC-0854T")
    if code in CHAINED and not any(base in visit_codes for base in CHAINED[code]):
        out.append("AOP-" + code)
    return out


class Case:
    def __init__(self, prefix):
        self.prefix = prefix
        self.rows = []
        self.n = 0

    def scenario(self, text, claims):
        """claims: list of (lines, patient, npi, claim_type, tob); lines: (code, mods, units, dos, extra)."""
        self.n += 1
        for c, (lines, patient, npi, claim_type, tob) in enumerate(claims):
            scenario_id = f"{self.prefix}-{self.n:02d}"
            claim_id = scenario_id + ("ABCD"[c] if len(claims) > 1 else "")
            # One made-up patient per scenario; "other" gives that claim a patient of its own.
            patient_id = f"TP-{scenario_id}" if patient == "same" else f"TP-{claim_id}-X"
            visit = {}
            for other in claims:
                if (other[1], other[2]) == (patient, npi):
                    for code, _, _, dos, _ in other[0]:
                        visit.setdefault(dos, set()).add(code)
            for i, (code, mods, units, dos, extra) in enumerate(lines, start=1):
                expect = extra + line_edits(code, mods, dos, claim_type, tob, visit[dos])
                self.rows.append({"scenario": text if c == 0 and i == 1 else "", "claim_id": claim_id,
                                  "line_number": i, "date_of_service": dos, "procedure_code": code,
                                  "modifiers": " ".join(mods), "units": units, "patient_id": patient_id,
                                  "billing_npi": npi, "claim_type": claim_type, "type_of_bill": tob,
                                  "expect": " ".join(expect) or "none"})

    def write(self, path):
        text = io.StringIO(newline="")
        w = csv.DictWriter(text, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(self.rows)
        write_generated(path, text.getvalue())


def digest(data):
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def read_manifest():
    if not MANIFEST.exists():
        return {}
    entries = (line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line.strip())
    return {name: sha for sha, name in entries}


written_by_us = read_manifest()
refused = []


def write_generated(path, data):
    """Writes the file unless it exists and is not, byte for byte, what this script last wrote there."""
    name = path.relative_to(OUT).as_posix()
    if path.exists() and written_by_us.get(name) != digest(path.read_text(encoding="utf-8")):
        why = "edited since this script wrote it" if name in written_by_us else "not written by this script"
        refused.append(f"{path.relative_to(ROOT)}: {why}: left as it is (delete it to have it generated)")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(data)
    written_by_us[name] = digest(data)


def prof(lines, patient="same", npi=NPI_A):
    return (lines, patient, npi, "professional", "")


def addon_case(family, addon, primary):
    c = Case(addon)
    base = CHAINED.get(primary, [])
    support = [(base[0], [], 1, DOS, [])] if base else []

    def p(units=1, mods=(), dos=DOS):
        return [(primary, list(mods), units, dos, [])] + [(b, [], 1, dos, []) for b, _, _, _, _ in support]

    def a(units=1, extra=(), dos=DOS):
        return (addon, [], units, dos, list(extra))

    aop, aou, aopc = "AOP-" + addon, "AOU-" + addon, "AOPC-" + addon
    c.scenario(f"{primary} alone: quiet", [prof(p())])
    c.scenario(f"{addon} without {primary}: fires {aop}", [prof([a(extra=[aop])])])
    c.scenario(f"{addon} with {primary} on the same claim: quiet", [prof(p() + [a()])])
    c.scenario(f"{primary} on another claim of the same patient, provider and date: quiet",
               [prof(p()), prof([a()])])
    c.scenario(f"{primary} the day before: fires {aop}", [prof(p(dos=day(DOS, -1)) + [a(extra=[aop])])])
    c.scenario(f"{primary} for another patient: fires {aop}", [prof(p(), patient="other"), prof([a(extra=[aop])])])
    c.scenario(f"{primary} by another billing provider: fires {aop}",
               [prof(p(), npi=NPI_B), prof([a(extra=[aop])])])
    c.scenario(f"{addon} 2 units over {primary} 1 unit: fires {aou}", [prof(p(1) + [a(2, [aou])])])
    c.scenario(f"{addon} units equal to {primary}: quiet", [prof(p(2) + [a(2)])])
    c.scenario(f"{addon} on two lines (2+1 units) over {primary} 2 units: fires {aou} on the first",
               [prof(p(2) + [a(2, [aou]), a(1)])])
    c.scenario(f"every {primary} line has modifier 26: fires {aopc}", [prof(p(mods=["26"]) + [a(extra=[aopc])])])
    c.scenario(f"{primary} with 26 and another {primary} without: quiet",
               [prof(p(mods=["26"]) + [(primary, [], 1, DOS, []), a()])])
    c.scenario(f"{primary} with TC: quiet", [prof(p(mods=["TC"]) + [a()])])
    c.scenario("hospital outpatient claim (type of bill 0131): OPPS notice",
               [(p() + [a()], "same", NPI_A, "institutional", "0131")])
    c.scenario("institutional claim, not hospital outpatient (type of bill 0851): quiet",
               [(p() + [a()], "same", NPI_A, "institutional", "0851")])
    effective, sunset = codes[addon]["effective_date"], codes[addon]["sunset_date"]
    c.scenario(f"the day before {addon} takes effect: fires EFF-BEFORE",
               [prof(p(dos=day(effective, -1)) + [a(dos=day(effective, -1))])])
    c.scenario(f"the day {addon} takes effect: quiet", [prof(p(dos=effective) + [a(dos=effective)])])
    c.scenario(f"the day before {addon}'s sunset: quiet", [prof(p(dos=day(sunset, -1)) + [a(dos=day(sunset, -1))])])
    c.scenario(f"{addon}'s sunset date: fires EFF-SUNSET", [prof(p(dos=sunset) + [a(dos=sunset)])])
    c.write(OUT / family / f"{addon}.csv")


def chain_case(family, addon, bases):
    c = Case(addon)
    aop = "AOP-" + addon

    def b(code=bases[0], dos=DOS):
        return [(code, [], 1, dos, [])]

    def a(dos=DOS):
        return [(addon, [], 1, dos, [])]

    c.scenario(f"{addon} without {' or '.join(bases)}: fires {aop}", [prof(a())])
    for base in bases:
        c.scenario(f"{addon} with {base} on the same claim: quiet", [prof(b(base) + a())])
    c.scenario(f"{bases[0]} on another claim of the same patient, provider and date: quiet", [prof(b()), prof(a())])
    c.scenario(f"{bases[0]} the day before: fires {aop}", [prof(b(dos=day(DOS, -1)) + a())])
    c.scenario(f"{bases[0]} for another patient: fires {aop}", [prof(b(), patient="other"), prof(a())])
    c.scenario(f"{bases[0]} by another billing provider: fires {aop}", [prof(b(), npi=NPI_B), prof(a())])
    c.write(OUT / family / f"{addon}.csv")


for family, addon, primaries in FAMILIES:
    if addon.endswith("T"):
        addon_case(family, addon, primaries[0])
    else:
        chain_case(family, addon, primaries)
MANIFEST.parent.mkdir(parents=True, exist_ok=True)
MANIFEST.write_text("".join(f"{sha}  {name}\n" for name, sha in sorted(written_by_us.items())))
print(f"wrote {len(FAMILIES) - len(refused)} of {len(FAMILIES)} case files under {OUT.relative_to(ROOT)}")
if refused:
    print("not overwritten:\n  " + "\n  ".join(refused), file=sys.stderr)
    sys.exit(1)
