//! Copyover: hand the running game to a new image of the binary by `execv`,
//! keeping every client socket open, and roll back to the old image if the
//! new one cannot come up.
//!
//! Files beside the server's working directory:
//! - `copyover.dat`: exactly one `player_id fd` line per connection (id 0 for
//!   connections not logged in yet), after a version line, and an end marker
//!   so a half-written file is detected. Written to a temp file and renamed.
//! - `copyover.state`: the rest (world and per-connection state), plain
//!   text and versioned; see [`crate::copyover_state`].
//!
//! This module holds the file format and the few fd operations the exec
//! needs; the loop (`net`) decides when, and the game decides what to save.

use std::fs;
use std::io::{self, Write};
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

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
        Some((_, l)) => return Err(format!("copyover.dat:1: expected '{DAT_HEADER}', found '{l}'")),
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
            return Err(format!("copyover.dat:{}: expected 'player_id fd', found '{line}'", i + 1));
        };
        let (Ok(player_id), Ok(fd)) = (id.parse::<i64>(), fd.parse::<RawFd>()) else {
            return Err(format!("copyover.dat:{}: expected two numbers, found '{line}'", i + 1));
        };
        if fd < 0 {
            return Err(format!("copyover.dat:{}: negative fd {fd}", i + 1));
        }
        entries.push(DatEntry { player_id, fd });
    }
    Err(format!("copyover.dat: no '{DAT_END}' marker: the file is incomplete"))
}

/// Write `path` atomically: temp file in the same directory, fsync, rename,
/// fsync the directory. The old file is untouched if anything fails.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(".tmp");
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Clear `FD_CLOEXEC` so `fd` survives `execv`.
pub fn clear_cloexec(fd: RawFd) -> io::Result<()> {
    set_cloexec_flag(fd, false)
}

/// Set `FD_CLOEXEC` again after adopting an fd, so later children do not inherit it.
pub fn set_cloexec(fd: RawFd) -> io::Result<()> {
    set_cloexec_flag(fd, true)
}

fn set_cloexec_flag(fd: RawFd, on: bool) -> io::Result<()> {
    use nix::fcntl::{fcntl, FcntlArg, FdFlag};
    let bits = fcntl(fd, FcntlArg::F_GETFD).map_err(io::Error::from)?;
    let mut flags = FdFlag::from_bits_truncate(bits);
    flags.set(FdFlag::FD_CLOEXEC, on);
    fcntl(fd, FcntlArg::F_SETFD(flags)).map_err(io::Error::from)?;
    Ok(())
}

/// Whether `fd` is open and has `FD_CLOEXEC` set (`None` if not open).
pub fn cloexec(fd: RawFd) -> Option<bool> {
    use nix::fcntl::{fcntl, FcntlArg, FdFlag};
    let bits = fcntl(fd, FcntlArg::F_GETFD).ok()?;
    Some(FdFlag::from_bits_truncate(bits).contains(FdFlag::FD_CLOEXEC))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dat_round_trip() {
        let e = vec![DatEntry { player_id: 12, fd: 7 }, DatEntry { player_id: NOT_PLAYING, fd: 9 }];
        let text = render_dat(&e);
        assert_eq!(text, "GRACEMUD-COPYOVER 1\n12 7\n0 9\nEND\n");
        assert_eq!(parse_dat(&text), Ok(e));
    }

    #[test]
    fn half_written_dat_is_detected() {
        let e = vec![DatEntry { player_id: 12, fd: 7 }];
        let text = render_dat(&e);
        let cut = &text[..text.len() - 4];
        assert!(parse_dat(cut).unwrap_err().contains("incomplete"));
        assert!(parse_dat("12 7\nEND\n").unwrap_err().contains(":1:"));
        assert!(parse_dat("GRACEMUD-COPYOVER 1\n12 x\nEND\n").unwrap_err().contains(":2:"));
        assert!(parse_dat("").is_err());
    }

    #[test]
    fn cloexec_toggles() {
        let f = fs::File::open("/dev/null").expect("open /dev/null");
        use std::os::fd::AsRawFd;
        let fd = f.as_raw_fd();
        assert_eq!(cloexec(fd), Some(true));
        clear_cloexec(fd).expect("clear");
        assert_eq!(cloexec(fd), Some(false));
        set_cloexec(fd).expect("set");
        assert_eq!(cloexec(fd), Some(true));
    }

    #[test]
    fn atomic_write_keeps_old_file_on_failure() {
        let dir = std::env::temp_dir().join(format!("gracemud-atomic-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("mkdir");
        let p = dir.join("x.dat");
        write_atomic(&p, b"one").expect("write");
        assert_eq!(fs::read(&p).expect("read"), b"one");
        // A directory where the temp file must go makes the write fail.
        fs::create_dir_all(dir.join("x.dat.tmp")).expect("mkdir tmp");
        assert!(write_atomic(&p, b"two").is_err());
        assert_eq!(fs::read(&p).expect("read"), b"one");
        let _ = fs::remove_dir_all(&dir);
    }
}
