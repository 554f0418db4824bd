#!/usr/bin/env python3
"""Instructions per run of each runtime case, ours against hand-written.

Builds the `instructions` bench binary (release, as `cargo bench` does), runs
each case under `valgrind --tool=callgrind` with 1 and with 1 + N iterations,
and reports (Ir(1 + N) - Ir(1)) / N: the instructions of one run, without the
set-up. Deterministic for a given binary. `--quick` runs N = 10 to prove the
script works (CI); no number is asserted.

    python3 benches/runtime/instructions.py            # N = 2000, a Markdown table
    python3 benches/runtime/instructions.py --quick
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(bench: str) -> Path:
    out = subprocess.run(
        ["cargo", "bench", "--bench", bench, "--no-run", "--message-format=json"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == bench:
            if message.get("executable"):
                return Path(message["executable"])
    sys.exit(f"no {bench} binary was built")


def instructions(binary: Path, case: str, iterations: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), case, str(iterations)],
            check=True, capture_output=True, text=True,
        )
        text = out.read_text()
    match = re.search(r"^summary:\s+(\d+)", text, re.M) or re.search(r"^totals:\s+(\d+)", text, re.M)
    if not match:
        sys.exit(f"no instruction count for {case}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="N = 10: the script works (CI)")
    args = parser.parse_args()
    n = 10 if args.quick else args.iterations
    # `instructions` holds the runtime cases (its registry: the 31 errors of
    # cases.rs); `lookup_1000` a registry of 1,000 codes.
    binaries = [build("instructions"), build("lookup_1000")]
    names = []
    per_run = {}
    for binary in binaries:
        these = subprocess.run([str(binary)], check=True, capture_output=True, text=True).stdout.split()
        names += these
        for name in these:
            per_run[name] = (instructions(binary, name, 1 + n) - instructions(binary, name, 1)) / n
            print(f"  {name}: {per_run[name]:.0f} instructions", file=sys.stderr)
    print(f"Instructions per run (callgrind, (Ir(1+{n}) - Ir(1)) / {n}):\n")
    print("| case | catalog | hand-written | catalog / hand-written |")
    print("|---|---|---|---|")
    cases = sorted({name.rsplit("/", 1)[0] for name in names})
    for case in cases:
        ours = per_run.get(f"{case}/catalog") or per_run.get(f"{case}/registry")
        other_name = next((n for n in names if n.startswith(case + "/") and not n.endswith(("/catalog", "/registry"))), None)
        other = per_run.get(other_name) if other_name else None
        ratio = f"{ours / other:.2f}×" if ours and other else "–"
        other_text = f"{other:.0f} ({other_name.rsplit('/', 1)[1]})" if other else "–"
        print(f"| {case} | {ours:.0f} | {other_text} | {ratio} |")


if __name__ == "__main__":
    main()
