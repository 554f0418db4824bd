//! The README's Rust examples are the package README's, which rustdoc runs
//! as doctests (error-core/src/lib.rs): an example changed in one and not
//! the other fails here. (An excerpt of an example program is fenced
//! `rust,ignore`, and compiled where it comes from.)

fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line) {
            (None, "```rust") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), line) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_rust_example_of_the_readme_is_a_doctest() {
    let root = rust_blocks(include_str!("../README.md"));
    let package = rust_blocks(include_str!("../error-core/README.md"));
    assert!(root.len() >= 2, "the README has its quick start and a text-code catalog");
    for block in &root {
        assert!(package.contains(block), "this README example is not in error-core/README.md:\n{block}");
    }
}

#[test]
fn the_own_format_example_is_the_one_the_test_runs() {
    let readme = include_str!("../README.md");
    let start = readme.find("## Your own error format").expect("the section");
    let block = readme[start..].split("```rust,ignore\n").nth(1).expect("its example");
    let block = &block[..block.find("```").expect("the end of the example")];
    let test = include_str!("own_format.rs");
    let excerpt = test.split("// README: own format, start\n").nth(1).expect("the start marker");
    let excerpt = &excerpt[..excerpt.find("// README: own format, end").expect("the end marker")];
    assert_eq!(block, excerpt, "the README's own format is not tests/own_format.rs's");
}
