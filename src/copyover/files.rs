//! The copyover hand-over files and arguments: their formats only (a leaf
//! module: the game and the orchestration in `copyover` both read it, and
//! it imports neither).
//!
//! - `copyover.dat`: exactly one `player_id fd` line per connection (id 0
//!   for connections not logged in yet), after a version line, and an end
//!   marker so a half-written file is detected.
//! - `copyover.state`: the rest (the game's sessions and world snapshot,
//!   the net layer's telnet state per fd), plain text and versioned; its
//!   sections are written and read by their owners.
//! - `--copyover LISTENER_FD:DATA_FILE:OLD_EXE_FD`: what the new image is
//!   told on its command line.

use std::os::fd::RawFd;
use std::path::PathBuf;

/// First line of `copyover.state`.
pub const STATE_HEADER: &str = "GRACEMUD-STATE 1";

pub const STATE_END: &str = "#END";

/// The names of the data files, in the server's working directory.
pub const DAT_FILE: &str = "copyover.dat";

/// First line of `copyover.dat`.
pub const DAT_HEADER: &str = "GRACEMUD-COPYOVER 1";
/// Last line of `copyover.dat`.
pub const DAT_END: &str = "END";
/// The player id written for connections that are not playing yet.
pub const NOT_PLAYING: i64 = 0;

/// One connection handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatEntry {
    pub player_id: i64,
    pub fd: RawFd,
}

/// Render `copyover.dat`.
pub fn render_dat(entries: &[DatEntry]) -> String {
    let mut s = String::with_capacity(32 + entries.len() * 16);
    s.push_str(DAT_HEADER);
    s.push('\n');
    for e in entries {
        s.push_str(&format!("{} {}\n", e.player_id, e.fd));
    }
    s.push_str(DAT_END);
    s.push('\n');
    s
}

/// Parse `copyover.dat`; a missing header or end marker, or a bad line, is
/// an error naming the line.
pub fn parse_dat(text: &str) -> Result<Vec<DatEntry>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, l)) if l.trim() == DAT_HEADER => {}
        Some((_, l)) => {
            return Err(format!(
                "copyover.dat:1: expected '{DAT_HEADER}', found '{l}'"
            ))
        }
        None => return Err("copyover.dat: empty file".into()),
    }
    let mut entries = Vec::new();
    for (i, line) in lines {
        let line = line.trim();
        if line == DAT_END {
            return Ok(entries);
        }
        let mut parts = line.split_whitespace();
        let (Some(id), Some(fd), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!(
                "copyover.dat:{}: expected 'player_id fd', found '{line}'",
                i + 1
            ));
        };
        let (Ok(player_id), Ok(fd)) = (id.parse::<i64>(), fd.parse::<RawFd>()) else {
            return Err(format!(
                "copyover.dat:{}: expected two numbers, found '{line}'",
                i + 1
            ));
        };
        if fd < 0 {
            return Err(format!("copyover.dat:{}: negative fd {fd}", i + 1));
        }
        entries.push(DatEntry { player_id, fd });
    }
    Err(format!(
        "copyover.dat: no '{DAT_END}' marker: the file is incomplete"
    ))
}

/// What the new image is told on its command line: `--copyover L:FILE:E`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoverArgs {
    /// The listening socket, kept open across the exec.
    pub listener_fd: RawFd,
    /// `copyover.dat`; the state file sits beside it (`copyover.state`).
    pub dat_file: PathBuf,
    /// An fd open on the old image, for rolling back (`-1`: none).
    pub old_exe_fd: RawFd,
}

impl RecoverArgs {
    pub fn render(&self) -> String {
        format!(
            "{}:{}:{}",
            self.listener_fd,
            self.dat_file.display(),
            self.old_exe_fd
        )
    }
    pub fn parse(s: &str) -> Result<RecoverArgs, String> {
        let bad = || format!("--copyover takes LISTENER_FD:DATA_FILE:OLD_EXE_FD, not '{s}'");
        let (l, rest) = s.split_once(':').ok_or_else(bad)?;
        let (file, e) = rest.rsplit_once(':').ok_or_else(bad)?;
        let listener_fd = l.parse().map_err(|_| bad())?;
        let old_exe_fd = e.parse().map_err(|_| bad())?;
        if file.is_empty() {
            return Err(bad());
        }
        Ok(RecoverArgs {
            listener_fd,
            dat_file: PathBuf::from(file),
            old_exe_fd,
        })
    }
    /// `copyover.state` beside the dat file.
    pub fn state_file(&self) -> PathBuf {
        self.dat_file.with_extension("state")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dat_round_trip() {
        let e = vec![
            DatEntry {
                player_id: 12,
                fd: 7,
            },
            DatEntry {
                player_id: NOT_PLAYING,
                fd: 9,
            },
        ];
        let text = render_dat(&e);
        assert_eq!(text, "GRACEMUD-COPYOVER 1\n12 7\n0 9\nEND\n");
        assert_eq!(parse_dat(&text), Ok(e));
    }

    #[test]
    fn half_written_dat_is_detected() {
        let e = vec![DatEntry {
            player_id: 12,
            fd: 7,
        }];
        let text = render_dat(&e);
        let cut = &text[..text.len() - 4];
        assert!(parse_dat(cut).unwrap_err().contains("incomplete"));
        assert!(parse_dat("12 7\nEND\n").unwrap_err().contains(":1:"));
        assert!(parse_dat("GRACEMUD-COPYOVER 1\n12 x\nEND\n")
            .unwrap_err()
            .contains(":2:"));
        assert!(parse_dat("").is_err());
    }

    #[test]
    fn recover_args_round_trip() {
        let a = RecoverArgs {
            listener_fd: 3,
            dat_file: PathBuf::from("/tmp/x:y/copyover.dat"),
            old_exe_fd: 5,
        };
        assert_eq!(RecoverArgs::parse(&a.render()), Ok(a.clone()));
        assert_eq!(a.state_file(), PathBuf::from("/tmp/x:y/copyover.state"));
        assert!(RecoverArgs::parse("3:5").is_err());
        assert!(RecoverArgs::parse("x:f:5").is_err());
    }
}
