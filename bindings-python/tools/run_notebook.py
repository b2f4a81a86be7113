"""Executes notebooks top to bottom with the venv's kernel; exits 1 on any
cell error (the error and its cell are printed).

    python bindings-python/tools/run_notebook.py examples/python/explore.ipynb
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: run_notebook.py NOTEBOOK...", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(Path(path).parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as e:
            failed += 1
            print(f"FAIL {path}: {e}")
            continue
        cells = sum(1 for c in notebook.cells if c.cell_type == "code")
        print(f"ok {path}: {cells} code cells ran")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
