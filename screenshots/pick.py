#!/usr/bin/env python3
"""Finds what make.sh shows: a folder of the demo bin whose restore gives
mixed results, and a CJK row for the browser shot.

The demo data depend on the seed and on today's date (removal times are
relative to now), so nothing is hard-coded: this lists the demo bin with
`smhbin list --json`, restores every restorable file once in a throwaway
demo instance (each --demo run starts a fresh emulator, so the screenshot
run is unaffected) and picks a folder where, in one restore, some items
are restored, some renamed (name clash) and some fail (DirectoryNotFound,
SourceFileNotFound). It then restores exactly the chosen items again in
another fresh instance to check the mix, the way the TUI will send them.

Usage: pick.py SMHBIN SEED
Prints shell assignments for make.sh to eval:
  TOTAL      items in the bin (the status line shows "TOTAL items" when loaded)
  CJK_ROW    0-based row of a CJK-named file a few rows down, for the browser shot
  BROWSE_MARKS  two restorable rows near the top, to mark in the 80x24 shot
  QUERY      filter text that narrows the table to the chosen folder
  VIEW_ROWS  how many rows the filter leaves
  MARK_ROWS  0-based rows (in the filtered view) to mark, ascending
  FAIL_ROW   one of MARK_ROWS whose restore fails with DirectoryNotFound
  EXPECT     what the probe restore gave, e.g. "4 restored, 1 renamed, 2 failed"
"""

import json
import shlex
import subprocess
import sys
import unicodedata

VISIBLE = 24  # table rows that both the 120x40 and the 100x30 shots show


def run_json(cmd, lines=False):
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    if lines:
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    return json.loads(out)


def is_cjk(s):
    return any(unicodedata.east_asian_width(c) in "WF" for c in s)


def haystack(it):
    # The same text the TUI's filter matches (ui/store.go haystack).
    p = it.get("originalPath") or []
    return ("/".join(p) if p else it["name"]).lower()


def plain_name(s):
    # Avoid the hostile names the demo plants (escape codes, bidi controls).
    return all(unicodedata.category(c) not in ("Cc", "Cf") for c in s)


def outcome(item, row):
    """restored / renamed / the failure code, as the TUI will show it."""
    if row.get("status") != "restored":
        return row.get("code") or row.get("status", "?")
    # restore prints paths with a leading "/", as list and the TUI do
    return "restored" if row.get("path", "").lstrip("/") == "/".join(item["originalPath"]) else "renamed"


def restore(smhbin, seed, items):
    ids = [str(it["recycledItemId"]) for it in items]
    rows = run_json([smhbin, "restore", "--demo", "--seed", seed, "--json", *ids], lines=True)
    by_id = {r["id"]: r for r in rows}
    return {it["recycledItemId"]: outcome(it, by_id.get(it["recycledItemId"], {})) for it in items}


def restorable(it):
    return it.get("authorityList", {}).get("canRestore", False)


def choose_marks(view, res):
    """Up to 2 DirectoryNotFound, 2 renamed, 1 SourceFileNotFound, 4 plain,
    among the rows that fit on the screen."""
    quota = {"DirectoryNotFound": 2, "renamed": 2, "SourceFileNotFound": 1, "restored": 4}
    rows = []
    for i, it in enumerate(view[:VISIBLE]):
        k = res.get(it["recycledItemId"])
        if it["type"] != "dir" and restorable(it) and quota.get(k, 0) > 0:
            quota[k] -= 1
            rows.append(i)
    return rows


def candidates(items):
    """(query, view) for every ancestor folder, with the shortest query that
    selects the same rows."""
    hay = [haystack(it) for it in items]
    seen = set()
    for it in items:
        segs = it.get("originalPath") or []
        for k in range(1, len(segs)):
            full = "/".join(segs[:k]).lower() + "/"
            if full in seen:
                continue
            seen.add(full)
            view = [x for x, h in zip(items, hay) if full in h]
            if len(view) < 6:
                continue
            query = full
            for j in range(k - 1, 0, -1):  # try the last few segments only
                q = "/".join(segs[j:k]).lower() + "/"
                if [x for x, h in zip(items, hay) if q in h] == view:
                    query = "/".join(segs[j:k]) + "/"
                    break
            else:
                query = "/".join(segs[:k]) + "/"
            yield query, view


def score(query, view, res):
    kinds = [res.get(it["recycledItemId"]) for it in view[:VISIBLE]]
    dnf, ren, sfn, ok = (kinds.count(k) for k in ("DirectoryNotFound", "renamed", "SourceFileNotFound", "restored"))
    if dnf < 1 or ren < 1 or ok < 2:
        return None
    noperm = sum(not restorable(it) for it in view[:VISIBLE])
    return (sfn > 0) * 4 + (noperm > 0) * 2 + is_cjk(query) * 3 + (len(view) <= VISIBLE) * 2 - len(query) / 100


def main():
    smhbin, seed = sys.argv[1], sys.argv[2]
    items = run_json([smhbin, "list", "--demo", "--seed", seed, "--json"])
    files = [it for it in items if it["type"] != "dir" and restorable(it)]
    res = restore(smhbin, seed, files)

    cjk_row = next((i for i, it in enumerate(items[:30]) if i >= 4 and is_cjk(it["name"])
                    and it["type"] != "dir" and plain_name(it["name"])), 4)

    browse_marks = [i for i, it in enumerate(items[:12]) if i != cjk_row and it["type"] != "dir"
                    and restorable(it) and plain_name(it["name"])][:2]

    ranked = []
    for query, view in candidates(items):
        s = score(query, view, res)
        if s is not None and plain_name(query):
            ranked.append((s, query, view))
    ranked.sort(key=lambda x: -x[0])
    for _, query, view in ranked[:20]:
        marks = choose_marks(view, res)
        chosen = [view[i] for i in marks]
        again = restore(smhbin, seed, chosen)  # fresh emulator, only these
        kinds = list(again.values())
        if "DirectoryNotFound" not in kinds or "renamed" not in kinds or kinds.count("restored") < 2:
            continue
        failed = sum(k not in ("restored", "renamed") for k in kinds)
        fail_row = next(i for i in marks if again[view[i]["recycledItemId"]] == "DirectoryNotFound")
        expect = f"{kinds.count('restored')} restored, {kinds.count('renamed')} renamed, {failed} failed"
        for name, val in (("TOTAL", f"{len(items):,}"), ("CJK_ROW", cjk_row),
                          ("BROWSE_MARKS", " ".join(map(str, browse_marks))), ("QUERY", query),
                          ("VIEW_ROWS", len(view)), ("MARK_ROWS", " ".join(map(str, marks))),
                          ("FAIL_ROW", fail_row),
                          ("EXPECT", expect)):
            print(f"{name}={shlex.quote(str(val))}")
        return 0
    print("pick.py: no folder with mixed restore results; try another SEED", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
