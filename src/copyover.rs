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

/// Preflight: the next binary exists, is executable, and passes
/// `BINARY --check -a AREA_DIR`. On failure, the lines to show the immortal.
pub fn preflight(binary: &Path, area_dir: &Path) -> Result<(), Vec<String>> {
    use std::os::unix::fs::PermissionsExt;
    let meta = fs::metadata(binary).map_err(|e| vec![format!("{}: {e}", binary.display())])?;
    if !meta.is_file() || meta.permissions().mode() & 0o111 == 0 {
        return Err(vec![format!(
            "{}: not an executable file",
            binary.display()
        )]);
    }
    let out = std::process::Command::new(binary)
        .arg("--check")
        .arg("-a")
        .arg(area_dir)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| vec![format!("{}: cannot run: {e}", binary.display())])?;
    if out.status.success() {
        return Ok(());
    }
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&out.stderr).lines())
        .filter(|l| !l.contains("warning:"))
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        lines.push(format!(
            "{} --check failed ({})",
            binary.display(),
            out.status
        ));
    }
    Err(lines)
}

/// Open the running image so a failed new image can come back to it.
/// The fd is close-on-exec until a copyover hands it over.
pub fn open_self_exe() -> io::Result<fs::File> {
    fs::File::open("/proc/self/exe")
}

/// Where the binary to run next lives: the path the server was started with,
/// made absolute now (later `current_exe()` would read "(deleted)").
pub fn resolve_binary(argv0: &str) -> PathBuf {
    let p = Path::new(argv0);
    if p.components().count() > 1 || p.is_absolute() {
        return std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    }
    // A bare name was found through PATH.
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let c = dir.join(p);
            if c.is_file() {
                return c;
            }
        }
    }
    p.to_path_buf()
}

fn cstrings(args: &[String]) -> io::Result<Vec<std::ffi::CString>> {
    args.iter()
        .map(|a| {
            std::ffi::CString::new(a.as_bytes())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "NUL byte in an argument"))
        })
        .collect()
}

/// Replace this process with `binary args...`. Returns only on failure.
pub fn exec(binary: &Path, args: &[String]) -> io::Error {
    let path = match std::ffi::CString::new(binary.as_os_str().as_encoded_bytes()) {
        Ok(p) => p,
        Err(_) => {
            return io::Error::new(io::ErrorKind::InvalidInput, "NUL byte in the binary path")
        }
    };
    let argv = match cstrings(args) {
        Ok(a) => a,
        Err(e) => return e,
    };
    match nix::unistd::execv(&path, &argv) {
        Ok(never) => match never {},
        Err(e) => io::Error::from(e),
    }
}

/// Replace this process with the image open on `fd` (rolling back), with
/// the environment minus `drop_env`. Returns only on failure.
pub fn exec_fd(fd: RawFd, args: &[String], drop_env: &str) -> io::Error {
    let argv = match cstrings(args) {
        Ok(a) => a,
        Err(e) => return e,
    };
    let env: Vec<String> = std::env::vars_os()
        .filter(|(k, _)| k != drop_env)
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_str()?, v.to_str()?)))
        .collect();
    let envp = match cstrings(&env) {
        Ok(e) => e,
        Err(e) => return e,
    };
    match nix::unistd::fexecve(fd, &argv, &envp) {
        Ok(never) => match never {},
        Err(e) => io::Error::from(e),
    }
}

#[cfg(test)]
mod arg_tests {
    use super::*;

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

    #[test]
    fn preflight_refuses_missing_binary() {
        let e = preflight(Path::new("/nonexistent/gracemud"), Path::new("areas")).unwrap_err();
        assert!(e[0].contains("/nonexistent/gracemud"));
        let plain = std::env::temp_dir().join(format!("gracemud-plain-{}", std::process::id()));
        fs::write(&plain, b"not a program").expect("write");
        let e = preflight(&plain, Path::new("areas")).unwrap_err();
        let _ = fs::remove_file(&plain);
        assert!(e[0].contains("not an executable"), "{e:?}");
    }
}
