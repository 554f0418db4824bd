//! `error-catalog`: the catalog's documents from its JSON document, without
//! building the crate that declared it (feature `cli`).
//!
//! ```text
//! error-catalog --catalog catalog.json explain ERR-01-005
//! error-catalog --catalog catalog.json list [--json]
//! error-catalog --catalog catalog.json render --format md|mdx|html|ts|py --out DIR
//! error-catalog diff OLD.json NEW.json
//! ```
//!
//! The JSON document is what `render::Document` writes (a test keeps it
//! current with `testing::assert_document_current`). Exit status: 0 done,
//! 1 a code that is not in the catalog or a change that the stability lock
//! refuses, 2 a file that cannot be read or is not a catalog document.

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use error_catalog::render::{self, Flavor, Loaded, MAX_DOCUMENT_LEN, Page};
use error_catalog::stability::Lock;
use error_catalog::{Entry, RetiredCode};

/// The catalog's documents from its JSON document.
#[derive(Parser)]
#[command(name = "error-catalog", version, about)]
struct Cli {
    /// The catalog's JSON document (schema error-catalog/v1), as a test writes it.
    #[arg(long, value_name = "FILE", global = true)]
    catalog: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The page of one code, as `rustc --explain` shows one.
    Explain {
        /// The code (`ERR-01-005`), one of its other names, or a retired code.
        code: String,
    },
    /// One line per code: code, status, class, message.
    List {
        /// A JSON array instead, one object per code.
        #[arg(long)]
        json: bool,
    },
    /// Writes every document of one kind into a folder.
    Render {
        /// `md` and `mdx`: the catalog page (`index.md`) and a page per code;
        /// `html`: the error index; `ts`, `py`: the client module.
        #[arg(long, value_enum)]
        format: Format,
        /// The folder; made when missing.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// What changed from one document to the next, as a changelog in
    /// Markdown; exits 1 on a change the stability lock refuses.
    Diff {
        /// The document as published.
        old: PathBuf,
        /// The document now.
        new: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Mdx,
    Html,
    Ts,
    Py,
}

/// What went wrong, said once on stderr.
enum Failure {
    /// Exit 1: the answer is no.
    No(String),
    /// Exit 2: the input cannot be used.
    Trouble(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::No(message)) => {
            eprintln!("error-catalog: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Trouble(message)) => {
            eprintln!("error-catalog: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let catalog = || {
        let path = cli
            .catalog
            .as_deref()
            .ok_or_else(|| Failure::Trouble("name the catalog's JSON document with --catalog FILE".to_string()))?;
        load(path)
    };
    let mut out = String::new();
    match &cli.command {
        Command::Explain { code } => explain(&catalog()?, code, &mut out)?,
        Command::List { json } => list(&catalog()?, *json, &mut out),
        Command::Render { format, out: dir } => {
            let loaded = catalog()?;
            let pages = documents(&loaded, *format)?;
            render::write_pages(dir, &pages)
                .map_err(|error| Failure::Trouble(format!("cannot write into {}: {error}", dir.display())))?;
            let _ = writeln!(out, "{} files written into {}", pages.len(), dir.display());
        }
        Command::Diff { old, new } => {
            let (old, new) = (load(old)?, load(new)?);
            let refused = diff(&old, &new, &mut out);
            print(&out);
            if refused > 0 {
                return Err(Failure::No(format!("{refused} changes that the stability lock refuses")));
            }
            return Ok(());
        }
    }
    print(&out);
    Ok(())
}

fn print(text: &str) {
    // A closed pipe (`| head`) is not an error of ours.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Reads a document, at most `MAX_DOCUMENT_LEN` bytes of it.
fn load(path: &Path) -> Result<Loaded, Failure> {
    let trouble = |what: String| Failure::Trouble(format!("{}: {what}", path.display()));
    let file = std::fs::File::open(path).map_err(|error| trouble(format!("cannot open it: {error}")))?;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_DOCUMENT_LEN).unwrap_or(u64::MAX) + 1;
    file.take(limit).read_to_end(&mut bytes).map_err(|error| trouble(format!("cannot read it: {error}")))?;
    if bytes.len() > MAX_DOCUMENT_LEN {
        return Err(trouble(format!("more than the {MAX_DOCUMENT_LEN} bytes a catalog document may have")));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.split(|&byte| byte == b'\n').count();
        trouble(format!("line {line}: not UTF-8 text"))
    })?;
    Loaded::from_json(&text).map_err(|error| trouble(error.to_string()))
}

fn find(loaded: &Loaded, code: &str) -> Option<&'static Entry> {
    loaded
        .entries()
        .find(|entry| entry.code() == code)
        .or_else(|| loaded.entries().find(|entry| entry.aliases().contains(&code)))
        .or_else(|| loaded.entries().find(|entry| entry.code().eq_ignore_ascii_case(code)))
}

fn explain(loaded: &Loaded, code: &str, out: &mut String) -> Result<(), Failure> {
    let info = loaded.info();
    let pages = render::pages(info, &loaded.modules(), Flavor::Markdown);
    let wanted = match find(loaded, code) {
        Some(entry) => entry.code().to_string(),
        None => match info.retired().iter().find(|retired| retired.code().eq_ignore_ascii_case(code)) {
            Some(retired) => retired.code().to_string(),
            None => return Err(Failure::No(format!("{code} is not a code of the catalog `{}`", info.name()))),
        },
    };
    let path = render::page_path(info, &wanted, "md");
    let page = pages.into_iter().find(|page| page.path == path).map(|page| page.text).unwrap_or_default();
    // The page without its front matter: a terminal shows the Markdown.
    let body = page.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(&*page, |(_, body)| body);
    out.push_str(body);
    Ok(())
}

fn list(loaded: &Loaded, json: bool, out: &mut String) {
    if json {
        let codes: Vec<serde_json::Value> = loaded
            .entries()
            .map(|entry| {
                serde_json::json!({
                    "code": entry.code(),
                    "status": entry.http_status(),
                    "class": entry.class_name(),
                    "message": entry.message().template(),
                })
            })
            .collect();
        out.push_str(&serde_json::to_string_pretty(&codes).unwrap_or_default());
        out.push('\n');
        return;
    }
    for entry in loaded.entries() {
        let status = entry.http_status().map_or_else(|| "-".to_string(), |status| status.to_string());
        let _ = writeln!(out, "{}  {status}  {}  {}", entry.code(), entry.class_name(), entry.message().template());
    }
}

fn documents(loaded: &Loaded, format: Format) -> Result<Vec<Page>, Failure> {
    let info = loaded.info();
    let modules = loaded.modules();
    let (index, flavor) = match format {
        Format::Html => return Ok(render::site(info, &modules)),
        Format::Ts => {
            return Ok(vec![Page { path: "catalog.ts".into(), text: render::typescript::source(info, &modules) }]);
        }
        Format::Py => {
            return Ok(vec![Page { path: "catalog.py".into(), text: render::python::source(info, &modules) }]);
        }
        Format::Md => ("index.md", Flavor::Markdown),
        Format::Mdx => ("index.mdx", Flavor::Mdx),
    };
    let mut pages = vec![Page { path: index.into(), text: render::markdown(info, &modules) }];
    let codes = render::pages(info, &modules, flavor);
    if let Some(clash) = codes.iter().find(|page| page.path == index) {
        return Err(Failure::Trouble(format!("the page of a code would be {}, the catalog page's name", clash.path)));
    }
    pages.extend(codes);
    Ok(pages)
}

/// Writes the changelog from `old` to `new`; the number of changes the
/// stability lock refuses.
fn diff(old: &Loaded, new: &Loaded, out: &mut String) -> usize {
    let entries = |loaded: &Loaded| loaded.entries().collect::<Vec<_>>();
    let (old_entries, new_entries) = (entries(old), entries(new));
    let lock = Lock::of(old.info(), &old_entries);
    let comparison = lock.compare(&Lock::of(new.info(), &new_entries));
    let before = |code: &str| old_entries.iter().find(|entry| entry.code() == code);
    let after = |code: &str| new_entries.iter().find(|entry| entry.code() == code);

    let _ = writeln!(out, "# Changes to the catalog `{}`", new.info().name());
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = write!(out, "\n## {title}\n\n");
            for line in lines {
                let _ = writeln!(out, "- {line}");
            }
        }
    };
    let added = new_entries
        .iter()
        .filter(|entry| before(entry.code()).is_none() && lock.get(entry.code()).is_none())
        .map(|entry| format!("`{}` `{}`: {}", entry.code(), entry.class_name(), entry.message().template()))
        .collect();
    section("Added", added);
    let newly_retired: Vec<&RetiredCode> =
        new.info().retired().iter().filter(|retired| !old.info().is_retired_code(retired.code())).collect();
    let retired = newly_retired
        .iter()
        .map(|retired| {
            let mut line = format!("`{}`", retired.code());
            if let Some(successor) = retired.successor() {
                let _ = write!(line, ", replaced by `{successor}`");
            }
            if !retired.note().is_empty() {
                let _ = write!(line, ": {}", retired.note());
            }
            line
        })
        .collect();
    section("Retired", retired);
    let mut renamed = Vec::new();
    let mut changed = Vec::new();
    for was in &old_entries {
        let Some(now) = after(was.code()) else { continue };
        if was.class_name() != now.class_name() {
            renamed.push(format!("`{}`: `{}` is now `{}`", was.code(), was.class_name(), now.class_name()));
        }
        if was.message().template() != now.message().template() {
            changed.push(format!(
                "`{}`: message {:?} is now {:?}",
                was.code(),
                was.message().template(),
                now.message().template()
            ));
        }
        if was.http_status() != now.http_status() {
            let status = |entry: &Entry| entry.http_status().map_or_else(|| "none".to_string(), |s| s.to_string());
            changed.push(format!("`{}`: status {} is now {}", was.code(), status(was), status(now)));
        }
        if was.details() != now.details() {
            let fields = |entry: &Entry| {
                if entry.details().is_empty() {
                    "none".to_string()
                } else {
                    entry.details().iter().map(|field| format!("`{field}`")).collect::<Vec<_>>().join(", ")
                }
            };
            changed.push(format!("`{}`: details {} are now {}", was.code(), fields(was), fields(now)));
        }
    }
    section("Renamed", renamed);
    section("Changed", changed);
    let refused: Vec<String> = comparison.violations.iter().map(ToString::to_string).collect();
    let count = refused.len();
    section("Refused by the stability lock", refused);
    if out.lines().count() == 1 {
        out.push_str("\nNo change.\n");
    }
    count
}
