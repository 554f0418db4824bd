//! The layout of `error-core/src` is its architecture: the modules are
//! grouped in layers, and imports only run from a higher layer to a lower
//! one (model → wire → serve → render → check), with no circle between
//! modules. Read from the source text: every `crate::` and `super::` path
//! outside comments and test modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 5] = ["model", "wire", "serve", "render", "check"];

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// `model/entry.rs` is `model::entry`, `render/mod.rs` is `render`.
fn module_of(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|last| last == "mod" || last == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The paths after `prefix` in `line`: `crate::model::entry::Entry` gives
/// `["model", "entry", "Entry"]`.
fn paths_after<'a>(line: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        found.push(rest[..end].split("::").filter(|part| !part.is_empty()).collect());
    }
    found
}

/// Each module's imports of other modules of the crate.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("error-core/src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    // `src/bin/` holds the crates of the binaries (the `error-catalog`
    // tool): they use the library's public API, and are none of its modules.
    let bins = root.join("bin");
    files.retain(|file| !file.starts_with(&bins));
    let modules: BTreeSet<String> = files.iter().map(|file| module_of(&root, file)).collect();
    let resolve = |parts: &[&str]| {
        (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|candidate| modules.contains(candidate))
    };
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_of(&root, file);
        let parent: Vec<&str> = module.split("::").filter(|part| !part.is_empty()).collect();
        let parent = &parent[..parent.len().saturating_sub(1)];
        let mut targets = BTreeSet::new();
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let line = line.trim_start();
            if line.starts_with("#[cfg(test)]") {
                break; // test modules close every file
            }
            if line.starts_with("//") {
                continue;
            }
            let mut found: Vec<Vec<&str>> = paths_after(line, "crate::");
            for path in paths_after(line, "super::") {
                found.push(parent.iter().copied().chain(path).collect());
            }
            for path in found {
                if let Some(target) = resolve(&path)
                    && target != module
                    && !module.starts_with(&format!("{target}::"))
                {
                    targets.insert(target);
                }
            }
        }
        graph.insert(module, targets);
    }
    graph
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| module.split("::").next() == Some(*layer))
}

#[test]
fn every_module_is_in_a_layer() {
    for module in imports().keys() {
        assert!(
            layer(module).is_some() || module.is_empty() || module == "__private",
            "`{module}` is in no layer: put it in one of {LAYERS:?}"
        );
    }
}

#[test]
fn no_layer_imports_a_higher_one() {
    let mut upward = Vec::new();
    for (module, targets) in imports() {
        let Some(from) = layer(&module) else { continue };
        for target in targets {
            match layer(&target) {
                Some(to) if to > from => upward.push(format!("{module} -> {target}")),
                None if !target.is_empty() => upward.push(format!("{module} -> {target} (no layer)")),
                _ => {}
            }
        }
    }
    assert!(upward.is_empty(), "imports from a lower layer to a higher one:\n{}", upward.join("\n"));
}

#[test]
fn no_module_imports_itself_through_others() {
    let graph = imports();
    // Depth-first search for a back edge: a circle of imports.
    fn visit<'a>(
        module: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, bool>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match state.get(module) {
            Some(true) => return None,
            Some(false) => {
                let start = stack.iter().position(|m| *m == module).unwrap();
                return Some(stack[start..].iter().map(|m| (*m).to_owned()).chain([module.to_owned()]).collect());
            }
            None => {}
        }
        state.insert(module, false);
        stack.push(module);
        for target in graph.get(module).into_iter().flatten() {
            if let Some(circle) = visit(target, graph, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(module, true);
        None
    }
    let mut state = BTreeMap::new();
    for module in graph.keys() {
        if let Some(circle) = visit(module, &graph, &mut state, &mut Vec::new()) {
            panic!("a circle of imports: {}", circle.join(" -> "));
        }
    }
}

#[test]
fn the_reader_sees_the_layers_it_expects() {
    // The graph is read, not empty: the layers import the model.
    let graph = imports();
    assert!(graph["wire::public"].contains("model::entry"), "{:?}", graph["wire::public"]);
    assert!(graph["serve::tonic"].contains("wire::grpc"), "{:?}", graph["serve::tonic"]);
}
