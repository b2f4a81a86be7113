"""``python -m studio_permissions`` and the ``studio-permissions`` script:
the command line of the Rust core, the same program as the binary and
``npx studio-permissions`` (see ``studio-permissions --help``)."""

from __future__ import annotations

import sys

from ._native import main as _run


def main(argv: list[str] | None = None) -> int:
    """Runs the command line with ``argv`` (default: this process's
    arguments) and returns the exit code: 0 clean, 1 a finding, 2 bad usage
    or unreadable input."""
    sys.stdout.flush()
    sys.stderr.flush()
    return _run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
