"""One memory case in a fresh interpreter (run by bench/memory/per_request_memory.py).

    python load.py FORM SOURCE FILE      FORM: array | jsonl, SOURCE: text | path
    python load.py --time SOURCE FILE REPEATS
    python load.py --pair FILE REPEATS

Prints one JSON object. The memory case reads the file first (for `text`),
resets the kernel's peak-RSS mark to the RSS of that moment, loads, and
reports the peak growth over that moment in bytes. `--time` prints the
median seconds of REPEATS loads of a JSON array export. `--pair` loads the
export from its path and from its text (read once, beforehand) in alternating
passes, REPEATS of each, and prints both medians.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time

from studio_permissions import Workspace

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * PAGE


def reset_peak() -> None:
    """The peak-RSS mark (VmHWM) becomes the current RSS (Linux ≥ 4.0)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")


def peak() -> int:
    """This process's peak RSS (VmHWM). Not `ru_maxrss`: that also counts the
    parent's RSS at the moment of exec, so a large parent inflated it."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise SystemExit("no VmHWM in /proc/self/status")


def loader(form: str, source: str, path: str):  # noqa: ANN201 - a zero-argument call
    if source == "path":
        load_path = getattr(Workspace, "from_path")  # noqa: B009 - absent before the streaming reader
        return lambda: load_path(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    method = Workspace.from_json if form == "array" else Workspace.from_json_lines
    return lambda: method(text)


def pair(path: str, repeats: int) -> dict[str, float]:
    """Medians of alternating loads from the path and from the same text."""
    from_path, from_text = loader("array", "path", path), loader("array", "text", path)
    from_path()
    from_text()
    times: dict[str, list[float]] = {"path": [], "text": []}
    for i in range(repeats):
        for source in ("path", "text") if i % 2 == 0 else ("text", "path"):
            load = from_path if source == "path" else from_text
            gc.collect()
            start = time.perf_counter()
            load()
            times[source].append(time.perf_counter() - start)
    return {source: statistics.median(t) for source, t in times.items()}


def main() -> None:
    if sys.argv[1] == "--pair":
        print(json.dumps(pair(sys.argv[2], int(sys.argv[3]))))
        return
    if sys.argv[1] == "--time":
        source, path, repeats = sys.argv[2], sys.argv[3], int(sys.argv[4])
        load = loader("array", source, path)
        load()
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            load()
            times.append(time.perf_counter() - start)
        print(json.dumps({"seconds": statistics.median(times)}))
        return
    form, source, path = sys.argv[1:4]
    load = loader(form, source, path)
    gc.collect()
    before = rss()
    reset_peak()
    start = time.perf_counter()
    ws = load()
    seconds = time.perf_counter() - start
    print(json.dumps({"growth": peak() - before, "users": len(ws), "seconds": seconds}))


if __name__ == "__main__":
    main()
