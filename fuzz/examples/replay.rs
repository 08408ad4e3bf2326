//! Run one target over files or directories of inputs, without libFuzzer
//! (stable toolchain, no nightly flags): for reproducing a crash with a
//! plain backtrace, and for checking that saved crashes stay fixed.
//!
//! `cargo run --release --example replay -- TARGET PATH...`

use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(p: &Path, out: &mut Vec<PathBuf>) {
    match std::fs::read_dir(p) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            v.sort();
            for f in v {
                files(&f, out);
            }
        }
        Err(_) => out.push(p.to_path_buf()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, paths)) = args.split_first() else {
        eprintln!("usage: replay TARGET PATH...");
        std::process::exit(2);
    };
    let Some(&(_, target)) = gracemud_fuzz::TARGETS.iter().find(|(n, _)| n == name) else {
        eprintln!("unknown target {name}");
        std::process::exit(2);
    };
    let mut all = Vec::new();
    for p in paths {
        files(Path::new(p), &mut all);
    }
    let mut slowest = (0.0f64, PathBuf::new());
    for f in &all {
        let Ok(data) = std::fs::read(f) else {
            continue;
        };
        let t = Instant::now();
        target(&data);
        let s = t.elapsed().as_secs_f64();
        if s > slowest.0 {
            slowest = (s, f.clone());
        }
    }
    println!(
        "{name}: {} inputs ok; slowest {:.1} ms ({})",
        all.len(),
        slowest.0 * 1000.0,
        slowest.1.display()
    );
}
