//! The area loader ("db.c"): reads ROM 2.4 area files into [`Protos`].
//!
//! [`load_area_dir`] reads `area.lst` in a directory, parses every file it
//! names, then runs a link phase that resolves every cross reference (exits,
//! resets, shops, specials, mobprogs) and applies ROM's load-time adjustments
//! (format document 2.4 and 2.5). Nothing stops at the first problem: every
//! error and warning of every file is collected, each with `file:line:col`,
//! in a [`LoadReport`]. The server refuses to boot when `errors` is not empty;
//! [`run_check`] prints the lot for `gracemud --check`.
//!
//! Module map: [`reader`] is the token layer (one method per token kind),
//! [`sections`] the section loaders and the link phase, [`tables`] the ROM
//! vocabularies (item types, flags, races, skills, ...), also used by game
//! code. This module does not build the running world (`crate::world` does,
//! from the returned prototypes) and never touches the network.
//!
//! What is an error and what a warning: anything ROM would die on or
//! silently misread is an error (bad tokens, unknown words, duplicate vnums,
//! references into a loaded area's vnum range that do not exist). A reference
//! to a vnum that no loaded area covers (its area is simply not installed:
//! exits, reset rooms, ...) is a warning, as are missing key objects,
//! asymmetric exits and odd-but-harmless values. Resets that name rooms which
//! are not loaded stay in the area's list; the reset runner skips them.
//!
//! Where this loader deliberately differs from ROM (format document numbers):
//! * numbers and flags glued to other text (`12x`), flag letters `g`..`z`,
//!   letters followed by digits and dice written `NdS-B` are errors (1.6,
//!   1.7, 1.9); a repeated flag letter, or a letter the field's table does
//!   not define, is a warning;
//! * a `~` string that would run into a line holding only `#<vnum>`, `#$`
//!   or `#SECTION` is reported as unterminated at the line where it started;
//! * a social line that is `#` or `$` plus trailing blanks is taken as the
//!   marker, with a warning (stock `social.are` has two `# ` lines);
//! * weapon class `spear` loads as spear (ROM: exotic), with a warning; an
//!   out-of-range sector (stock has `-1`) becomes 0 (inside), with a warning;
//! * `#MOBOLD`/`#OBJOLD` records are converted to the new format without
//!   ROM's per-instance randomness (see `sections`);
//! * a record with a syntax error is dropped, and references to it are not
//!   reported again; a file without `#AREA` may hold only helps and socials.
//!
//! Extra descriptions, object applies and mobprog triggers are stored in file
//! order; ROM prepends them, so its runtime order is the reverse (an extra
//! description lookup should search from the back).

pub mod reader;
pub mod sections;
pub mod tables;
pub mod writer;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::world::proto::Protos;

pub use reader::Pos;

/// How bad a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The world must not boot.
    Error,
    /// Loaded, but probably not what the builder meant.
    Warning,
}

/// One message about one place in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The path as given (directory joined with the `area.lst` entry).
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.col)?;
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything a load produced.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub protos: Protos,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the whole load (reading, parsing, linking).
    pub elapsed: Duration,
}

impl LoadReport {
    /// True when the world may boot.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Loads `dir/area.lst` and every file it lists, then links them.
pub fn load_area_dir(dir: &Path) -> LoadReport {
    sections::load_dir(dir).0
}

/// Loads one file's text (for tests and tools). References are resolved
/// within the file only; unresolved ones are still reported.
pub fn load_area_str(file_name: &str, text: &[u8]) -> LoadReport {
    let start = Instant::now();
    let mut loader = sections::Loader::default();
    loader.parse_file(file_name, file_name, text);
    let mut report = loader.link();
    report.elapsed = start.elapsed();
    report
}

/// One line of counts, e.g. `"14 areas, 1234 rooms, 567 mobiles, 890
/// objects, 1200 resets, 20 shops, 300 helps, 244 socials"`.
pub fn summary_line(protos: &Protos) -> String {
    format!(
        "{} areas, {} rooms, {} mobiles, {} objects, {} resets, {} shops, {} helps, {} socials",
        protos.areas.len(),
        protos.rooms.len(),
        protos.mobs.len(),
        protos.objs.len(),
        protos.reset_count(),
        protos.shop_count(),
        protos.helps.len(),
        protos.socials.len(),
    )
}

/// Loads `dir` and prints every diagnostic, one per line, ordered by file
/// (in load order), line and column; then one summary line with the counts,
/// the number of errors and warnings and the load time. Returns true when
/// there are no errors. Write failures are ignored (the result still tells).
pub fn run_check(dir: &Path, out: &mut dyn Write) -> bool {
    let (report, files) = sections::load_dir(dir);
    let rank = |file: &str| files.iter().position(|f| f == file).unwrap_or(usize::MAX);
    let mut all: Vec<&Diagnostic> = report.errors.iter().chain(&report.warnings).collect();
    all.sort_by_key(|d| (rank(&d.file), d.line, d.col, d.severity));
    for d in all {
        let _ = writeln!(out, "{d}");
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{}; {}, {} (loaded in {:.1} ms)",
        summary_line(&report.protos),
        plural(report.errors.len(), "error"),
        plural(report.warnings.len(), "warning"),
        report.elapsed.as_secs_f64() * 1000.0
    );
    report.errors.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_display() {
        let mut d = Diagnostic {
            file: "areas/foo.are".into(),
            line: 123,
            col: 7,
            severity: Severity::Error,
            message: "expected '~'".into(),
        };
        assert_eq!(d.to_string(), "areas/foo.are:123:7: expected '~'");
        d.severity = Severity::Warning;
        assert_eq!(d.to_string(), "areas/foo.are:123:7: warning: expected '~'");
    }

    #[test]
    fn run_check_on_a_temp_dir() {
        let dir = std::env::temp_dir().join(format!("gracemud-db-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("area.lst"), "a.are\n$\n").unwrap();
        std::fs::write(
            dir.join("a.are"),
            "#AREA\na.are~\nA~\n{ 1 5 } Me  A~\n100 199\n#ROOMS\n#100\nRoom~\nText.\n~\n0 0 9\nS\n#0\n#FOO\n#$\n",
        )
        .unwrap();
        let mut out = Vec::new();
        let ok = run_check(&dir, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(!ok);
        let lines: Vec<&str> = text.lines().collect();
        let file = dir.join("a.are").display().to_string();
        assert_eq!(
            lines[0],
            format!(
                "{file}:14:1: unknown section '#FOO'; expected one of AREA, AREADATA, HELPS, \
                 MOBILES, MOBOLD, OBJECTS, OBJOLD, ROOMS, RESETS, SHOPS, SPECIALS, SOCIALS, \
                 MOBPROGS or '#$'"
            )
        );
        assert!(
            lines.last().unwrap().starts_with(
                "1 areas, 1 rooms, 0 mobiles, 0 objects, 0 resets, 0 shops, 0 helps, 0 socials; 1 error, "
            ),
            "{text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
