"""Opens the ``report`` page in headless Chromium and checks what a reader
sees: the page renders offline (no request leaves it), the sections are
there in order, the counts match the command line's own answers, and the
heat table keeps its header and user column in view (sticky) inside a
scrolling box.

    python tests/cli/report_in_chromium.py BINARY [SCREENSHOT.png]

With a screenshot path, also saves a picture of the page (for the docs).
Standard library only; Chromium runs with bounded time and is always ended.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium(args: list[str], profile: Path) -> str:
    r = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if r.returncode != 0:
        raise SystemExit(f"chromium failed ({r.returncode}): {r.stderr[-2000:]}")
    return r.stdout


def main() -> int:
    binary = sys.argv[1]
    screenshot = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix="sp-report-") as tmp:
        page = Path(tmp) / "review.html"
        # Paths relative to the repository, as a reader would type them.
        october, november = "examples/data/workspace-2026-10.json", "examples/data/workspace-2026-11.json"
        r = subprocess.run(
            [binary, "report", november, "--before", october, "-o", str(page)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
        check(r.returncode == 0, f"report exited {r.returncode}: {r.stderr}")
        html = page.read_text(encoding="utf-8")
        check("http://" not in html and "https://" not in html, "the page links outside itself")

        dom = chromium(["--dump-dom", page.as_uri()], Path(tmp) / "profile")
        admins = subprocess.run(
            [binary, "who-has", november, "users.manage"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        ).stdout.split()
        users = len(json.loads((ROOT / november).read_text(encoding="utf-8")))
        check(f'<span id="users">{users} users</span>' in dom, "the user count is not shown")
        check(f'<span id="admins">{len(admins)} admins</span>' in dom, "the admin count is not the who-has answer")
        order = [dom.find(f'id="{s}"') for s in ("changes", "holders", "heat", "dormant", "presets")]
        check(all(i > 0 for i in order) and order == sorted(order), f"sections missing or out of order: {order}")
        changes = dom.find('id="changes"')
        gains = dom.find("capability or admin gained", changes)
        check(0 < gains < dom.find('class="esc"', changes), "capability and admin gains are not at the top")
        check(
            bool(
                re.search(
                    r'<li class="gain"><span class="label">capability or admin gained</span> <code>u\d+</code>', dom
                )
            )
            and "gains <code>users.manage</code> (standard, enterprise)" in dom,
            "no labelled gain with its clusters",
        )
        check("member → admin: gains <code>users.manage</code>" in dom, "a promotion is not summed up in one line")
        check("<details><summary>39 level changes</summary>" in dom, "a role change's rows are not folded")
        check(
            ".sp-heat thead th{position:sticky" in dom and ".sp-heat .scroll{overflow:auto" in dom,
            "the heat table does not keep its header in view",
        )
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            chromium(
                [f"--screenshot={screenshot}", "--window-size=1280,1400", "--hide-scrollbars", page.as_uri()],
                Path(tmp) / "profile",
            )
            check(screenshot.exists() and screenshot.stat().st_size > 10_000, "no screenshot")

    for f in failures:
        print(f)
    print(f"report in Chromium: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
