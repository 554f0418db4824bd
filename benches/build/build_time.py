#!/usr/bin/env python3
"""Build-time benchmark of `#[derive(CatalogError)]` against `thiserror`.

Generates standalone crates with N error codes each, builds them with cargo
and times incremental rebuilds, so that the compile-time cost of the derive,
and of its uniqueness check, can be read per N:

    ours            `#[derive(Debug, CatalogError)]` on every error
    thiserror       the same types with `#[derive(Debug, thiserror::Error)]`
    ours-unchecked  the source of `ours`, built with
                    RUSTFLAGS="--cfg error_catalog_unchecked_codes" (the
                    uniqueness impls expand to nothing)
    ours-text       the same errors with text codes (`code = "node_case_60"`)
                    in a `{code:snake_case}` catalog: what checking text
                    codes costs beside numbered ones
    plain           (check part only) the same types with hand-written empty
                    `Display` and `Error` impls: no macro at all

Standard library only (Python 3.11). See README.md beside this file.

    python3 benches/build/build_time.py            # the full table
    python3 benches/build/build_time.py --quick    # does it still work (CI)
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CODES_PER_RUST_MODULE = 50  # errors per generated `mod mNNN` file
ENUM_VARIANTS = 10  # one enum of this many variants per Rust module: ~20%
MAX_MODULES = 99
MAX_CODE = 9999

# The three variants built in every run, in the order they alternate.
BUILD_VARIANTS = ("ours", "thiserror", "ours-unchecked", "ours-text")
# The check part adds the macro-free baseline.
CHECK_VARIANTS = ("ours", "thiserror", "ours-unchecked", "ours-text", "plain")
UNCHECKED_RUSTFLAGS = "--cfg error_catalog_unchecked_codes"

# Environment that would change what is measured: the script sets its own.
SCRUBBED_ENV = (
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_INCREMENTAL",
    "CARGO_BUILD_INCREMENTAL",
    "RUSTC_WRAPPER",
    "CARGO_BUILD_RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
)

EDIT_MARKER = "// build_time.py edit counter: "


class BuildFailed(Exception):
    pass


# ---------------------------------------------------------------------------
# The generated errors
# ---------------------------------------------------------------------------

NOUNS = (
    "Node", "Instance", "Volume", "Workspace", "Image", "Network", "Secret",
    "Token", "Invoice", "Quota", "Region", "Snapshot", "Policy", "Member",
    "Domain", "Certificate", "Key", "Bucket", "Job", "Webhook",
)
STATUSES = (400, 404, 409, 422, 403, 500, 503)


@dataclass
class Code:
    index: int  # 0-based, over the whole crate
    module: int  # catalog module, 1..=99
    code: int  # within the module, 1..=9999

    @property
    def noun(self) -> str:
        return NOUNS[self.index % len(NOUNS)]

    @property
    def status(self) -> int:
        return STATUSES[self.index % len(STATUSES)]

    @property
    def shape(self) -> str:
        # A fixed mix: 35% static messages, 65% templated with one or two
        # fields, some of them `#[catalog(detail)]`.
        r = self.index % 20
        if r < 5:
            return "unit"  # unit struct, static message
        if r < 7:
            return "internal"  # a field the message does not use
        if r < 12:
            return "one"  # one field in the message, a detail
        if r < 17:
            return "two"  # two fields in the message, one or both details
        return "tuple"  # tuple struct, `{0}`, a detail

    @property
    def text(self) -> str:
        """The code of the `ours-text` crate: `node_case_60`."""
        return f"{self.noun.lower()}_case_{self.index}"

    def message(self) -> str:
        n, i = self.noun.lower(), self.index
        return {
            "unit": f"The requested {n} does not exist (case {i})",
            "internal": f"The {n} is temporarily unavailable (case {i})",
            "one": f"The {n} named '{{name}}' already exists (case {i})",
            "two": f"The {n} '{{name}}' cannot be resized to {{size}} GB (case {i})",
            "tuple": f"The {n} {{0}} is locked (case {i})",
        }[self.shape]


@dataclass
class Item:
    """One generated type: a struct with one code or an enum with several."""

    name: str
    codes: list[Code]
    is_enum: bool


@dataclass
class Layout:
    n: int
    per_module: int
    modules: int
    code_width: int
    rust_modules: list[list[Item]] = field(default_factory=list)


def layout(n: int, per_module: int) -> Layout:
    if per_module <= 0:
        per_module = math.ceil(n / MAX_MODULES)
    per_module = max(per_module, math.ceil(n / MAX_MODULES))
    if per_module > MAX_CODE:
        raise SystemExit(f"N = {n} does not fit in {MAX_MODULES} modules of {MAX_CODE} codes")
    modules = math.ceil(n / per_module)
    code_width = max(3, len(str(per_module)))
    codes = [Code(i, i // per_module + 1, i % per_module + 1) for i in range(n)]
    out = Layout(n, per_module, modules, code_width)
    for start in range(0, n, CODES_PER_RUST_MODULE):
        chunk = codes[start:start + CODES_PER_RUST_MODULE]
        items: list[Item] = []
        rest = chunk
        if len(chunk) >= ENUM_VARIANTS:
            group = chunk[0].index // CODES_PER_RUST_MODULE
            items.append(Item(f"{NOUNS[group % len(NOUNS)]}Group{group}Error", chunk[:ENUM_VARIANTS], True))
            rest = chunk[ENUM_VARIANTS:]
        for c in rest:
            items.append(Item(f"{c.noun}Case{c.index}Error", [c], False))
        out.rust_modules.append(items)
    return out


def rust_str(text: str) -> str:
    return json.dumps(text)  # a valid Rust string literal for plain ASCII text


def fields(c: Code, flavor: str, in_enum: bool) -> str:
    """The fields of a struct or variant, `#[catalog(detail)]` on some."""
    pub = "" if in_enum else "pub "
    ours = flavor.startswith("ours")
    detail = "#[catalog(detail)] " if ours else ""
    shape = c.shape
    if shape == "unit":
        return ""
    if shape == "internal":
        return f" {{ {pub}internal_id: u64 }}"
    if shape == "one":
        return f" {{ {detail}{pub}name: String }}"
    if shape == "two":
        # Both are shown in the message, so both are public: details.
        return f" {{ {detail}{pub}name: String, {detail}{pub}size: u64 }}"
    # tuple
    tuple_detail = '#[catalog(detail = "value")] ' if ours else ""
    return f"({tuple_detail}{pub}String)"


def render_struct(item: Item, flavor: str) -> str:
    c = item.codes[0]
    body = fields(c, flavor, in_enum=False)
    semicolon = ";" if not body.startswith(" {") else ""
    lines = [f"/// Raised when the {c.noun.lower()} of case {c.index} is refused."]
    if flavor == "ours":
        lines += [
            "#[derive(Debug, CatalogError)]",
            f"#[catalog(module = {c.module}, code = {c.code}, status = {c.status}, "
            f"message = {rust_str(c.message())})]",
        ]
    elif flavor == "ours-text":
        lines += [
            "#[derive(Debug, CatalogError)]",
            f"#[catalog(code = {rust_str(c.text)}, status = {c.status}, message = {rust_str(c.message())})]",
        ]
    elif flavor == "thiserror":
        lines += ["#[derive(Debug, thiserror::Error)]", f"#[error({rust_str(c.message())})]"]
    else:
        lines += ["#[derive(Debug)]"]
    lines.append(f"pub struct {item.name}{body}{semicolon}")
    if flavor == "plain":
        lines += plain_impls(item.name)
    return "\n".join(lines)


def render_enum(item: Item, flavor: str) -> str:
    first = item.codes[0]
    lines = [f"/// The errors of group {first.index // CODES_PER_RUST_MODULE}."]
    if flavor == "ours":
        lines += ["#[derive(Debug, CatalogError)]", f"#[catalog(module = {first.module}, status = 404)]"]
    elif flavor == "ours-text":
        lines += ["#[derive(Debug, CatalogError)]", "#[catalog(status = 404)]"]
    elif flavor == "thiserror":
        lines += ["#[derive(Debug, thiserror::Error)]"]
    else:
        lines += ["#[derive(Debug)]"]
    lines.append(f"pub enum {item.name} {{")
    for k, c in enumerate(item.codes):
        lines.append(f"    /// Raised when the {c.noun.lower()} of case {c.index} is refused.")
        if flavor.startswith("ours"):
            code = rust_str(c.text) if flavor == "ours-text" else str(c.code)
            extra = f", module = {c.module}" if c.module != first.module and flavor == "ours" else ""
            status = f", status = {c.status}" if k % 3 == 0 else ""
            lines.append(f"    #[catalog(code = {code}{extra}{status}, message = {rust_str(c.message())})]")
        elif flavor == "thiserror":
            lines.append(f"    #[error({rust_str(c.message())})]")
        lines.append(f"    {c.noun}{k}{fields(c, flavor, in_enum=True)},")
    lines.append("}")
    if flavor == "plain":
        lines += plain_impls(item.name)
    return "\n".join(lines)


def plain_impls(name: str) -> list[str]:
    return [
        f"impl ::core::fmt::Display for {name} {{",
        "    fn fmt(&self, _f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { Ok(()) }",
        "}",
        f"impl ::std::error::Error for {name} {{}}",
    ]


def render_module(items: list[Item], flavor: str) -> str:
    head = "//! Generated by benches/build/build_time.py.\n\n"
    if flavor.startswith("ours"):
        head += "use error_catalog::CatalogError;\n\n"
    parts = [render_enum(i, flavor) if i.is_enum else render_struct(i, flavor) for i in items]
    return head + "\n\n".join(parts) + "\n"


def render_lib(lay: Layout, flavor: str) -> str:
    """lib.rs; its first line is the edit counter that each rebuild rewrites."""
    lines = [EDIT_MARKER + "{counter}", "//! Generated by benches/build/build_time.py.", ""]
    if flavor == "ours":
        lines += [
            "use error_catalog::ErrorCatalog;",
            "",
            "#[derive(ErrorCatalog)]",
            f'#[catalog(format = "ERR-{{module:02}}-{{code:0{lay.code_width}}}", default_status = 400)]',
            "pub enum Catalog {",
        ]
        for m in range(1, lay.modules + 1):
            lines += [f'    #[module({m}, name = "Module {m}")]', f"    M{m:02},"]
        lines += ["}", ""]
    elif flavor == "ours-text":
        lines += [
            "use error_catalog::ErrorCatalog;",
            "",
            "#[derive(ErrorCatalog)]",
            '#[catalog(format = "{code:snake_case}", default_status = 400)]',
            "pub enum Catalog {}",
            "",
        ]
    width = len(str(len(lay.rust_modules)))
    for k in range(len(lay.rust_modules)):
        lines.append(f"pub mod m{k:0{width}};")
    return "\n".join(lines) + "\n"


def cargo_toml(name: str, deps: str) -> str:
    return (
        "[package]\n"
        f'name = "{name}"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        "[lib]\n"
        'path = "src/lib.rs"\n\n'
        "[dependencies]\n"
        f"{deps}\n"
        "# Not a member of the repository's workspace.\n"
        "[workspace]\n"
    )


@dataclass
class Crate:
    dir: Path
    lib_template: str
    counter: int = 0

    def edit(self) -> None:
        """Rewrites the counter line: same length, new content, new mtime."""
        self.counter += 1
        text = self.lib_template.replace("{counter}", f"{self.counter:08d}", 1)
        (self.dir / "src" / "lib.rs").write_text(text)


def write_crate(root: Path, name: str, deps: str, lib: str, modules: dict[str, str], lock: Path | None) -> Crate:
    if root.exists():
        shutil.rmtree(root)  # sources only: target dirs live elsewhere
    (root / "src").mkdir(parents=True)
    (root / "Cargo.toml").write_text(cargo_toml(name, deps))
    for file, text in modules.items():
        (root / "src" / file).write_text(text)
    if lock is not None and lock.is_file():
        # The repository's versions of syn, darling, thiserror...: no
        # resolution, no index update, and the numbers match the repo's.
        shutil.copy(lock, root / "Cargo.lock")
    crate = Crate(root, lib)
    crate.edit()
    return crate


def error_catalog_dep(repo: Path, features: str) -> str:
    feats = [f.strip() for f in features.split(",") if f.strip()]
    extra = f", features = {json.dumps(feats)}" if feats else ""
    return f"error-catalog = {{ path = {rust_str(str(repo / 'error-core'))}{extra} }}"


def generate(work: Path, lay: Layout, repo: Path, features: str, with_plain: bool) -> dict[str, Crate]:
    lock = repo / "Cargo.lock"
    deps = {
        "ours": error_catalog_dep(repo, features),
        "ours-text": error_catalog_dep(repo, features),
        "thiserror": 'thiserror = "2"',
        "plain": "",
    }
    flavors = ["ours", "ours-text", "thiserror"] + (["plain"] if with_plain else [])
    crates = {}
    width = len(str(len(lay.rust_modules)))
    for flavor in flavors:
        mods = {f"m{k:0{width}}.rs": render_module(items, flavor) for k, items in enumerate(lay.rust_modules)}
        name = f"bench_{flavor.replace('-', '_')}_n{lay.n}"
        crates[flavor] = write_crate(work / "src" / name, name, deps[flavor], render_lib(lay, flavor), mods, lock)
    crates["ours-unchecked"] = crates["ours"]  # same source, other flags
    return crates


def generate_deps_crates(work: Path, repo: Path, features: str) -> dict[str, Crate]:
    """The tiny crates of the clean-build part: one derive each."""
    lock = repo / "Cargo.lock"
    ours_lib = (
        EDIT_MARKER + "{counter}\n"
        "use error_catalog::{CatalogError, ErrorCatalog};\n\n"
        "#[derive(ErrorCatalog)]\n"
        '#[catalog(format = "ERR-{module:02}-{code:03}")]\n'
        'pub enum Catalog { #[module(1, name = "Preflight")] Preflight }\n\n'
        "#[derive(Debug, CatalogError)]\n"
        "#[catalog(module = 1, code = 4, status = 409, message = \"A CVM with name '{name}' already exists\")]\n"
        "pub struct DuplicateCvmNameError { #[catalog(detail)] pub name: String }\n"
    )
    thiserror_lib = (
        EDIT_MARKER + "{counter}\n"
        "#[derive(Debug, thiserror::Error)]\n"
        "#[error(\"A CVM with name '{name}' already exists\")]\n"
        "pub struct DuplicateCvmNameError { pub name: String }\n"
    )
    return {
        "ours": write_crate(work / "src" / "deps_ours", "deps_ours", error_catalog_dep(repo, features), ours_lib, {}, lock),
        "thiserror": write_crate(work / "src" / "deps_thiserror", "deps_thiserror", 'thiserror = "2"', thiserror_lib, {}, lock),
    }


# ---------------------------------------------------------------------------
# Running cargo
# ---------------------------------------------------------------------------


@dataclass
class Cargo:
    jobs: int | None
    release: bool
    incremental: bool | None  # None: cargo's default for the profile
    offline: bool
    verbose: bool
    base_env: dict[str, str] = field(default_factory=dict)
    warned: set = field(default_factory=set)

    def __post_init__(self) -> None:
        env = dict(os.environ)
        for key in SCRUBBED_ENV:
            env.pop(key, None)
        if self.incremental is not None:
            env["CARGO_INCREMENTAL"] = "1" if self.incremental else "0"
        self.base_env = env

    def run(self, command: str, crate: Crate, target: Path, rustflags: str | None, what: str) -> float:
        argv = ["cargo", command, "--quiet", "--manifest-path", str(crate.dir / "Cargo.toml")]
        if command in ("build", "check"):
            if self.release:
                argv.append("--release")
            if self.jobs:
                argv += ["-j", str(self.jobs)]
        if self.offline:
            argv.append("--offline")
        env = dict(self.base_env)
        env["CARGO_TARGET_DIR"] = str(target)
        if rustflags:
            env["RUSTFLAGS"] = rustflags
        start = time.perf_counter()
        proc = subprocess.run(argv, cwd=crate.dir, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.stderr.write(
                f"\nerror: `{' '.join(argv)}` failed ({what}), exit {proc.returncode}\n"
                f"  RUSTFLAGS={rustflags or ''!r} CARGO_TARGET_DIR={target}\n"
                f"--- stderr ---\n{proc.stderr}\n--- stdout ---\n{proc.stdout}\n"
            )
            raise BuildFailed(what)
        if proc.stderr.strip():
            key = (command, str(crate.dir), rustflags)
            if key not in self.warned or self.verbose:
                self.warned.add(key)
                sys.stderr.write(f"note: cargo printed on stderr for {what} (shown once):\n{proc.stderr}\n")
        if self.verbose:
            sys.stderr.write(f"  {what}: {elapsed:.3f} s\n")
        return elapsed


def target_for(work: Path, variant: str) -> Path:
    # One target dir per variant: RUSTFLAGS of ours-unchecked would otherwise
    # rebuild everything for the others, and sharing one with thiserror would
    # let one variant's artifacts sit in the other's page cache.
    return work / "target" / variant


def rustflags_for(variant: str) -> str | None:
    return UNCHECKED_RUSTFLAGS if variant == "ours-unchecked" else None


# ---------------------------------------------------------------------------
# Statistics and the report
# ---------------------------------------------------------------------------


def summary(times: list[float]) -> dict:
    return {
        "runs": times,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
    }


def cell(s: dict | None) -> str:
    if not s:
        return "–"
    if len(s["runs"]) == 1:
        return f"{s['median']:.3f} s"
    return f"{s['median']:.3f} s ({s['min']:.3f}–{s['max']:.3f})"


def ratio(a: dict | None, b: dict | None) -> float | None:
    if not a or not b or b["median"] == 0:
        return None
    return a["median"] / b["median"]


def fmt_ratio(r: float | None) -> str:
    return "–" if r is None else f"{r:.2f}×"


def read_machine(repo: Path, rev: str | None) -> dict:
    def out(argv: list[str]) -> str:
        try:
            return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "nproc": out(["nproc"]),
        "cpu": cpu,
        "rustc": out(["rustc", "-V"]),
        "cargo": out(["cargo", "-V"]),
        "os": platform.platform(),
        "python": platform.python_version(),
        "repo_commit": out(["git", "-C", str(repo), "rev-parse", "--short", rev or "HEAD"]),
        # The working tree's error-catalog or error-catalog-macros differ from HEAD.
        "repo_dirty": rev is None and out(["git", "-C", str(repo), "status", "--porcelain", "--",
                                           "error-core", "error-macros", "Cargo.lock"]) != "",
        "loadavg_start": load,
    }


def markdown(results: dict) -> str:
    m, cfg = results["machine"], results["config"]
    ns = [str(n) for n in cfg["n"]]
    out = []
    out.append("## Build time of `#[derive(CatalogError)]`\n")
    load = m.get("loadavg_start")
    load_end = m.get("loadavg_end")
    out.append(f"- machine: {m['nproc']} CPUs, {m['cpu']}")
    out.append(f"- {m['rustc']}; {m['cargo']}")
    out.append(f"- repo: {m['repo_commit']}{' + uncommitted changes to error-core/ or error-macros/' if m['repo_dirty'] else ''}")
    if load:
        out.append(f"- load average (1 min) at start: {load[0]:.2f}"
                   + (f", at end: {load_end[0]:.2f}" if load_end else ""))
    prof = "release" if cfg["release"] else "debug"
    inc = {None: "cargo default", True: "on", False: "off"}[cfg["incremental"]]
    out.append(f"- profile: {prof}, incremental: {inc}, jobs: {cfg['jobs'] or 'cargo default'}, "
               f"runs: {cfg['runs']}, codes per catalog module: {cfg['per_module'] or 'ceil(N/99)'}")
    out.append("- times: median of the runs (min–max); ratios of medians\n")

    def phase(name: str, title: str, variants: tuple[str, ...]) -> None:
        data = results.get(name)
        if not data:
            return
        out.append(f"### {title}\n")
        cols = list(variants)
        head = ["N"] + cols + ["ours / thiserror", "ours / unchecked", "ours − unchecked", "text / ours"]
        if "plain" in cols:
            head += ["ours / plain"]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        for n in ns:
            row = data["incremental"][n]
            o, t, u = row.get("ours"), row.get("thiserror"), row.get("ours-unchecked")
            diff = "–" if not (o and u) else f"{o['median'] - u['median']:+.3f} s"
            text = fmt_ratio(ratio(row.get("ours-text"), o))
            cells = [n] + [cell(row.get(v)) for v in cols] + [fmt_ratio(ratio(o, t)), fmt_ratio(ratio(o, u)), diff, text]
            if "plain" in cols:
                cells.append(fmt_ratio(ratio(o, row.get("plain"))))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        if len(ns) >= 2:
            lo, hi = ns[0], ns[-1]
            out.append(f"Scaling, N = {lo} → {hi} (N × {int(hi) / int(lo):.1f}):\n")
            out.append(f"| variant | t({lo}) | t({hi}) | t({hi}) / t({lo}) | marginal cost per code |")
            out.append("|---|---|---|---|---|")
            for v in cols:
                a, b = data["incremental"][lo].get(v), data["incremental"][hi].get(v)
                if not (a and b):
                    continue
                per = (b["median"] - a["median"]) / (int(hi) - int(lo)) * 1000
                out.append(f"| {v} | {a['median']:.3f} s | {b['median']:.3f} s | {fmt_ratio(ratio(b, a))} | {per:.2f} ms |")
            out.append("")
        out.append("First build of each generated crate, not in the medians († = the first of its kind in its "
                   "target dir, so it includes the dependencies):\n")
        out.append("| N | " + " | ".join(cols) + " |")
        out.append("|" + "---|" * (len(cols) + 1))
        for n in ns:
            firsts = data["first"][n]
            cells = []
            for v in cols:
                f = firsts.get(v)
                cells.append("–" if f is None else f"{f['seconds']:.3f} s{' †' if f['incl_deps'] else ''}")
            out.append(f"| {n} | " + " | ".join(cells) + " |")
        out.append("")

    cmd = "cargo build" + (" --release" if cfg["release"] else "")
    phase("build", f"Incremental rebuild: `{cmd}` after an edit of the generated crate's lib.rs", BUILD_VARIANTS)
    cmd = "cargo check" + (" --release" if cfg["release"] else "")
    phase("check", f"Incremental check: `{cmd}` after the same edit (plain = hand-written empty impls, no macro)",
          CHECK_VARIANTS)

    clean = results.get("clean_deps")
    if clean:
        out.append("### Clean build of a one-error crate, dependencies included (`cargo build` from an empty target dir)\n")
        out.append("| variant | median | min | max |")
        out.append("|---|---|---|---|")
        for v in ("ours", "thiserror"):
            s = clean[v]
            out.append(f"| {v} | {s['median']:.3f} s | {s['min']:.3f} s | {s['max']:.3f} s |")
        out.append(f"\nours / thiserror: {fmt_ratio(ratio(clean['ours'], clean['thiserror']))}, "
                   f"ours − thiserror: {clean['ours']['median'] - clean['thiserror']['median']:+.3f} s\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# The measurements
# ---------------------------------------------------------------------------


def measure_phase(cargo: Cargo, command: str, variants: tuple[str, ...], crates: dict[str, Crate],
                  work: Path, n: int, runs: int, fresh: dict[tuple[str, str], bool]) -> tuple[dict, dict]:
    first = {}
    for v in variants:
        target = target_for(work, v)
        incl_deps = fresh[(command, v)]
        fresh[(command, v)] = False
        crates[v].edit()
        t = cargo.run(command, crates[v], target, rustflags_for(v), f"{command} {v} N={n} (first)")
        first[v] = {"seconds": t, "incl_deps": incl_deps}
        log(f"  {command} {v:<15} N={n:<6} first build {t:8.3f} s{' (incl. deps)' if incl_deps else ''}")
    times: dict[str, list[float]] = {v: [] for v in variants}
    for r in range(runs):
        # Alternate the variants inside each run, so that drift of the
        # machine (thermal, other load) falls on all of them alike.
        for v in variants:
            crates[v].edit()
            t = cargo.run(command, crates[v], target_for(work, v), rustflags_for(v),
                          f"{command} {v} N={n} run {r + 1}")
            times[v].append(t)
        log(f"  {command} N={n:<6} run {r + 1}/{runs}: "
            + ", ".join(f"{v} {times[v][-1]:.3f} s" for v in variants))
    return first, {v: summary(ts) for v, ts in times.items()}


def measure_clean(cargo: Cargo, work: Path, repo: Path, features: str, runs: int) -> dict:
    crates = generate_deps_crates(work, repo, features)
    for v, crate in crates.items():
        # Downloads, if any, are not part of the time.
        cargo.run("fetch", crate, work / "target" / f"clean-{v}", None, f"fetch {v}")
    times: dict[str, list[float]] = {v: [] for v in crates}
    for r in range(runs):
        for v, crate in crates.items():
            target = work / "target" / f"clean-{v}"
            if target.exists():
                shutil.rmtree(target)
            t = cargo.run("build", crate, target, None, f"clean build {v} run {r + 1}")
            times[v].append(t)
        log(f"  clean build run {r + 1}/{runs}: " + ", ".join(f"{v} {times[v][-1]:.3f} s" for v in crates))
    for v in crates:
        shutil.rmtree(work / "target" / f"clean-{v}", ignore_errors=True)
    return {v: summary(ts) for v, ts in times.items()}


def snapshot(repo: Path, work: Path, rev: str | None) -> Path:
    """Copies the repository (without target/ and .git/) into the work dir.

    Others may edit the repository while the benchmark runs: a change to
    error-catalog or error-catalog-macros would make cargo rebuild them in the middle of
    the timed rebuilds. The copy keeps the tree of the start for the whole run.
    With `rev`, the copy is that commit's tree (`git archive`), whatever the
    working tree holds.
    """
    dest = work / "repo"
    if dest.exists():
        shutil.rmtree(dest)
    if rev is None:
        shutil.copytree(repo, dest, ignore=shutil.ignore_patterns("target", ".git"), symlinks=True)
        return dest
    dest.mkdir(parents=True)
    proc = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"git archive {rev} failed: {proc.stderr.decode(errors='replace')}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
            tar.extractall(dest, filter="data")
        else:
            tar.extractall(dest)
    return dest


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    here = Path(__file__).resolve().parent
    p = argparse.ArgumentParser(
        description="Build-time benchmark: #[derive(CatalogError)] vs thiserror vs the unchecked build.",
    )
    p.add_argument("--n", type=int, nargs="+", default=[1000, 5000], help="numbers of error codes (default: 1000 5000)")
    p.add_argument("--runs", type=int, default=5, help="timed rebuilds (and clean builds) per variant (default: 5)")
    p.add_argument("--repo", type=Path, default=here.parent.parent, help="repository root holding error-core/ (default: two levels above this script)")
    p.add_argument("--rev", default=None,
                   help="measure this commit of --repo (git archive) instead of its working tree")
    p.add_argument("--workdir", type=Path, default=None,
                   help="where crates and target dirs go (default: a fresh temp dir, removed at the end)")
    p.add_argument("--keep", action="store_true", help="keep the temp work dir")
    p.add_argument("--jobs", "-j", type=int, default=None, help="cargo -j (default: cargo decides)")
    p.add_argument("--release", action="store_true", help="build with --release instead of debug")
    inc = p.add_mutually_exclusive_group()
    inc.add_argument("--no-incremental", dest="incremental", action="store_const", const=False,
                     help="CARGO_INCREMENTAL=0 for every build")
    inc.add_argument("--incremental", dest="incremental", action="store_const", const=True,
                     help="CARGO_INCREMENTAL=1 for every build")
    p.set_defaults(incremental=None)
    p.add_argument("--per-module", type=int, default=100,
                   help="codes per catalog module (default: 100; 0: ceil(N/99)); raised to ceil(N/99) when N needs it")
    p.add_argument("--features", default="", help="features of error-catalog, comma-separated (e.g. registry)")
    p.add_argument("--skip-clean", action="store_true", help="skip the clean build of the dependencies")
    p.add_argument("--skip-check", action="store_true", help="skip the cargo check part")
    p.add_argument("--offline", action="store_true", help="pass --offline to cargo")
    p.add_argument("--json", type=Path, default=None, help="write the results to this JSON file")
    p.add_argument("--quick", action="store_true",
                   help="N = 20 40, one run, no clean-build part: proves the script works (CI)")
    p.add_argument("--verbose", "-v", action="store_true", help="print every cargo time and all cargo stderr")
    args = p.parse_args(argv)
    if args.quick:
        args.n, args.runs, args.skip_clean = [20, 40], 1, True
    if args.runs < 1 or any(n < 1 for n in args.n):
        p.error("--runs and --n must be positive")
    args.n = sorted(set(args.n))
    args.repo = args.repo.resolve()
    if not (args.repo / "error-core" / "Cargo.toml").is_file():
        p.error(f"{args.repo} has no error-core/Cargo.toml: pass --repo")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.workdir is None:
        work = Path(tempfile.mkdtemp(prefix="error-catalog-build-time-"))
        remove = not args.keep
    else:
        work = args.workdir.resolve()
        work.mkdir(parents=True, exist_ok=True)
        remove = False
    cargo = Cargo(args.jobs, args.release, args.incremental, args.offline, args.verbose)
    machine = read_machine(args.repo, args.rev)
    results: dict = {
        "machine": machine,
        "config": {
            "n": args.n, "runs": args.runs, "jobs": args.jobs, "release": args.release,
            "incremental": args.incremental, "per_module": args.per_module, "features": args.features,
            "codes_per_rust_module": CODES_PER_RUST_MODULE, "enum_variants": ENUM_VARIANTS,
            "repo": str(args.repo), "rev": args.rev, "workdir": str(work),
        },
        "layout": {},
    }
    log(f"work dir: {work}")
    started = time.perf_counter()
    source = snapshot(args.repo, work, args.rev)
    try:
        # (command, variant) -> its next first build starts from an empty
        # target dir: true until that command has run once for the variant.
        fresh = {(c, v): not target_for(work, v).exists() for c in ("build", "check") for v in CHECK_VARIANTS}
        for n in args.n:
            lay = layout(n, args.per_module)
            crates = generate(work, lay, source, args.features, with_plain=not args.skip_check)
            enums = sum(1 for items in lay.rust_modules for i in items if i.is_enum)
            in_enums = sum(len(i.codes) for items in lay.rust_modules for i in items if i.is_enum)
            results["layout"][str(n)] = {
                "catalog_modules": lay.modules, "codes_per_module": lay.per_module,
                "rust_modules": len(lay.rust_modules), "enums": enums, "codes_in_enums": in_enums,
                "structs": n - in_enums,
            }
            log(f"N={n}: {lay.modules} catalog modules of ≤{lay.per_module} codes, "
                f"{len(lay.rust_modules)} Rust modules, {n - in_enums} structs, {enums} enums ({in_enums} codes)")
            first, inc = measure_phase(cargo, "build", BUILD_VARIANTS, crates, work, n, args.runs, fresh)
            results.setdefault("build", {"first": {}, "incremental": {}})
            results["build"]["first"][str(n)] = first
            results["build"]["incremental"][str(n)] = inc
            if not args.skip_check:
                first, inc = measure_phase(cargo, "check", CHECK_VARIANTS, crates, work, n, args.runs, fresh)
                results.setdefault("check", {"first": {}, "incremental": {}})
                results["check"]["first"][str(n)] = first
                results["check"]["incremental"][str(n)] = inc
        if not args.skip_clean:
            log("clean build of the dependencies")
            results["clean_deps"] = measure_clean(cargo, work, source, args.features, args.runs)
    except BuildFailed:
        log(f"build failed; sources and target dirs kept in {work}")
        return 1
    try:
        machine["loadavg_end"] = os.getloadavg()
    except OSError:
        pass
    results["elapsed_seconds"] = time.perf_counter() - started
    results["ratios"] = ratios(results)
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        log(f"results written to {args.json}")
    if remove:
        shutil.rmtree(work, ignore_errors=True)
    log(f"done in {results['elapsed_seconds']:.1f} s")
    return 0


def ratios(results: dict) -> dict:
    """The ratios of the table, for the JSON file."""
    out: dict = {}
    ns = [str(n) for n in results["config"]["n"]]
    for phase in ("build", "check"):
        data = results.get(phase)
        if not data:
            continue
        per_n = {}
        for n in ns:
            row = data["incremental"][n]
            o, t, u, pl = row.get("ours"), row.get("thiserror"), row.get("ours-unchecked"), row.get("plain")
            per_n[n] = {
                "ours_over_thiserror": ratio(o, t),
                "ours_over_unchecked": ratio(o, u),
                "ours_minus_unchecked_seconds": o["median"] - u["median"] if o and u else None,
                "ours_over_plain": ratio(o, pl),
                "text_over_ours": ratio(row.get("ours-text"), o),
            }
        scaling = {}
        if len(ns) >= 2:
            for v in data["incremental"][ns[0]]:
                scaling[v] = ratio(data["incremental"][ns[-1]].get(v), data["incremental"][ns[0]].get(v))
        out[phase] = {"per_n": per_n, f"t{ns[-1]}_over_t{ns[0]}": scaling}
    clean = results.get("clean_deps")
    if clean:
        out["clean_deps"] = {"ours_over_thiserror": ratio(clean["ours"], clean["thiserror"])}
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
