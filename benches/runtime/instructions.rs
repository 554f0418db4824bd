//! Runs one case of `cases.rs` a given number of times, for an instruction
//! counter: `benches/runtime/instructions.py` runs it under callgrind with 1
//! and with 1 + N iterations and divides the difference by N. Instruction
//! counts are the same from run to run, whatever else the machine does.
//!
//! `cargo bench --bench instructions -- CASE ITERATIONS`

mod cases;

// The derives name `crate::Catalog`.
use cases::phala::Catalog;

fn main() {
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    let (Some(name), Some(iterations)) = (args.next(), args.next()) else {
        for case in cases::CASES {
            println!("{}", case.name);
        }
        return;
    };
    let iterations: u64 = iterations.parse().expect("ITERATIONS is a number");
    let case = cases::CASES.iter().find(|case| case.name == name).expect("a case of cases.rs");
    let fixtures = cases::Fixtures::new();
    cases::assert_same_bodies(&fixtures);
    for _ in 0..iterations {
        (case.run)(&fixtures);
    }
}
