"""The command line reads each input once and within the core's limits.

    python tests/cli/bounded_reads.py BINARY

Runs the real binary on generated inputs in a temporary folder (1 GB sparse
files cost no disk and are deleted) and checks:

- memory: the peak resident set of `lint` and `diff` on a 1 GB input, on
  `/dev/zero` and on a file past the limit stays under twice the export limit
  it enforces (measured by `os.wait4` for that one child; each child also runs
  under an address-space cap, so a reader without a bound fails instead of
  exhausting the machine), and a regular file past the limit is refused
  without being read;
- reading once: `diff <(cat a) <(cat b)`, a named FIFO, `/dev/stdin` and `-`
  each give the answer the plain files give.

Prints one line per check and exits non-zero on any failure. Standard library
only.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
BEFORE = DATA / "workspace-2026-10.json"
AFTER = DATA / "workspace-2026-11.json"
# studio_permissions::limits::MAX_EXPORT_BYTES
EXPORT_LIMIT = 1 << 30
GB = 1_000_000_000
# A reader without a bound stops here instead of taking the machine's memory.
ADDRESS_SPACE = 3 << 30

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {what}")
    if not ok:
        failures.append(what)


def capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measured(args: list[str], into: Path) -> tuple[int, str, int]:
    """Runs the binary; returns its exit code, stderr and peak RSS in bytes."""
    out, err = into / "stdout", into / "stderr"
    with out.open("wb") as o, err.open("wb") as e:
        child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=o, stderr=e, preexec_fn=capped)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return child.returncode, err.read_text(encoding="utf-8", errors="replace"), usage.ru_maxrss * 1024


def sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with path.open("wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def memory(binary: str, tmp: Path) -> None:
    bound = 2 * EXPORT_LIMIT
    small = str(BEFORE)
    zeros = sparse(tmp / "zeros.json", GB)
    array = sparse(tmp / "array.json", GB, b"[")
    cases = [
        ("lint on a 1 GB file", [binary, "lint", str(zeros)]),
        ("lint on /dev/zero", [binary, "lint", "/dev/zero"]),
        ("diff, a 1 GB export first", [binary, "diff", str(array), small]),
        ("diff, a 1 GB export second", [binary, "diff", small, str(array)]),
        ("diff, a 1 GB document first", [binary, "diff", str(zeros), small]),
    ]
    for what, args in cases:
        code, err, peak = measured(args, tmp)
        check(code in (1, 2) and "internal error" not in err, f"{what}: refused (exit {code}: {err.strip()[:120]})")
        check(peak < bound, f"{what}: peak RSS {peak / 2**20:.0f} MiB < {bound / 2**20:.0f} MiB")
    # A 20 MB document is classified by a scan, not a JSON tree (it used to
    # peak at 737 MB), then refused by the core's document limit.
    doc = tmp / "document.json"
    doc.write_text('{"role": "member", "x": [' + ",".join(['"' + "y" * 100 + '"'] * 200_000) + "]}", encoding="utf-8")
    code, err, peak = measured([binary, "lint", str(doc)], tmp)
    out = (tmp / "stdout").read_text(encoding="utf-8")
    check(
        code == 1 and "limit_exceeded" in out, f"lint of a 20 MB document: refused by the document limit ({out[:80]!r})"
    )
    check(peak < 64 << 20, f"lint of a 20 MB document: peak RSS {peak / 2**20:.0f} MiB < 64 MiB")
    doc.unlink()
    code, err, _ = measured([binary, "lint", "/dev/zero"], tmp)
    check(code == 2 and f"more than {EXPORT_LIMIT} bytes" in err, "/dev/zero is refused past the export limit")
    zeros.unlink()
    array.unlink()
    # Past the limit: refused by its size, never read.
    over = sparse(tmp / "over.json", EXPORT_LIMIT + GB // 2)
    for what, args in [
        ("lint", [binary, "lint", str(over)]),
        ("diff", [binary, "diff", small, str(over)]),
        ("who-can", [binary, "who-can", str(over), "knowledge", "view"]),
    ]:
        code, err, peak = measured(args, tmp)
        check(
            code == 2 and "beyond the limit of" in err, f"{what} on a file past the limit: exit 2 ({err.strip()[:100]})"
        )
        check(peak < 64 << 20, f"{what} on a file past the limit: read nothing (peak RSS {peak / 2**20:.0f} MiB)")
    over.unlink()


def run(args: list[str], stdin: bytes | None = None, shell: bool = False) -> tuple[int, bytes, bytes]:
    done = subprocess.run(
        ["bash", "-c", args[0]] if shell else args,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def once(binary: str, tmp: Path) -> None:
    plain = run([binary, "diff", str(BEFORE), str(AFTER)])
    check(plain[0] == 0 and plain[1].count(b"\n") > 10, "diff of the two example exports answers")
    subst = run([f"'{binary}' diff <(cat '{BEFORE}') <(cat '{AFTER}')"], shell=True)
    check(subst == plain, "diff <(cat before) <(cat after) gives what the files give")
    code, out, err = run([binary, "diff", "-", str(AFTER)], stdin=BEFORE.read_bytes())
    check((code, out, err) == plain, "diff - after < before gives what the files give")
    code, out, err = run([binary, "diff", str(BEFORE), "/dev/stdin"], stdin=AFTER.read_bytes())
    check((code, out, err) == plain, "diff before /dev/stdin < after gives what the files give")

    lint_plain = run([binary, "lint", str(AFTER)])
    for name in ("-", "/dev/stdin"):
        code, out, err = run([binary, "lint", name], stdin=AFTER.read_bytes())
        check(
            code == lint_plain[0] and out == lint_plain[1].replace(str(AFTER).encode(), name.encode()),
            f"lint {name} reads standard input once ({out.decode()[:60]!r})",
        )
    who = run([binary, "who-can", str(AFTER), "knowledge", "edit"])
    code, out, _ = run([binary, "who-can", "-", "knowledge", "edit"], stdin=AFTER.read_bytes())
    check(code == who[0] == 0 and out == who[1] and out, "who-can - reads standard input once")

    # Named FIFOs: a writer each, which writes once and closes.
    fifos = []
    for n, source in enumerate((BEFORE, AFTER)):
        fifo = tmp / f"fifo-{n}"
        os.mkfifo(fifo)
        fifos.append((fifo, source))

    def feed(fifo: Path, source: Path) -> None:
        with fifo.open("wb") as f:
            f.write(source.read_bytes())

    writers = [threading.Thread(target=feed, args=pair, daemon=True) for pair in fifos]
    for w in writers:
        w.start()
    code, out, err = run([binary, "diff", str(fifos[0][0]), str(fifos[1][0])])
    check((code, out, err) == plain, f"diff of two named FIFOs gives what the files give ({err.decode()[:80]})")
    for w in writers:
        w.join(timeout=10)


def main() -> int:
    binary = str(Path(sys.argv[1]).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="sp-reads-"))
    try:
        once(binary, tmp)
        memory(binary, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
