//! Copyover: hand the running game to a new image of the binary by `execv`,
//! keeping every client socket open, and roll back to the old image if the
//! new one cannot come up.
//!
//! The files' formats are in [`files`] (a leaf the game reads too); this
//! module is the orchestration `main` runs: preflight, hand-over, exec,
//! recovery and rollback. The loop (`net`) decides when, and the game
//! decides what to save. The fd operations the exec needs are `net`'s
//! (`net::handoff`).

pub mod files;

use std::fs;
use std::io;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

pub use files::*;

use crate::net::handoff::{clear_cloexec, set_cloexec};

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
/// the environment minus `drop_env` plus `add_env`. Returns only on failure.
pub fn exec_fd(
    fd: RawFd,
    args: &[String],
    drop_env: &[&str],
    add_env: &[(&str, String)],
) -> io::Error {
    let argv = match cstrings(args) {
        Ok(a) => a,
        Err(e) => return e,
    };
    let mut env: Vec<String> = std::env::vars_os()
        .filter(|(k, _)| {
            k.to_str()
                .is_some_and(|k| !drop_env.contains(&k) && !add_env.iter().any(|(a, _)| *a == k))
        })
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_str()?, v.to_str()?)))
        .collect();
    env.extend(add_env.iter().map(|(k, v)| format!("{k}={v}")));
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

// ------------------------------------------------------------ orchestration

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::game::copyover::Adopted;
use crate::game::{Config, Game};
use crate::net::{LoopOptions, Server};
use crate::world::CopyoverRequest;

/// The operator's fault-injection hook for `make copyover-test`: set in the
/// new image's environment to prove the rollback paths. `copyover-recover`
/// (fail) and `copyover-panic` (panic) roll back from inside the new image;
/// `copyover-segv`, `copyover-abort`, `copyover-stack` (stack overflow) and
/// `copyover-hang` (sleep forever) strike after the sockets are adopted and
/// leave it to the guardian. Never set in production.
pub const FAILPOINT_ENV: &str = "GRACEMUD_FAILPOINT";

/// What the running server knows that a copyover needs.
pub struct Context {
    /// The binary to run next, resolved at start.
    pub binary: PathBuf,
    /// The command line to give it, without the program name and without
    /// any `--copyover`/`--rollback` options.
    pub args: Vec<String>,
    pub area_dir: PathBuf,
    /// The running image, for a rollback from the next one.
    pub self_exe: Option<fs::File>,
    /// How long the guardian waits for the new image to answer.
    pub deadline: Duration,
    /// This server's private directory (mode 0700) for the hand-over files.
    pub run_dir: PathBuf,
}

/// This server's private directory for the copyover files: `run/<port>`
/// under the working directory, mode 0700 (the state file holds unread
/// input), so two servers started in one directory never share them.
pub fn run_dir(port: u16) -> PathBuf {
    PathBuf::from("run").join(port.to_string())
}

/// Make [`run_dir`] (and `run/`) private, and remove what a copyover that
/// was killed half-way left there (`*.tmp`). At a fresh boot, old
/// hand-over files are stale too and are removed.
pub fn prepare_run_dir(dir: &Path, fresh_boot: bool) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    for d in [dir.parent(), Some(dir)].into_iter().flatten() {
        if !d.as_os_str().is_empty() {
            fs::set_permissions(d, fs::Permissions::from_mode(0o700))?;
        }
    }
    for e in fs::read_dir(dir)?.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let stale = name.ends_with(".tmp")
            || (fresh_boot && (name == DAT_FILE || name == "copyover.state"));
        if stale {
            log::warn!("removing {} left by an earlier run", e.path().display());
            let _ = fs::remove_file(e.path());
        }
    }
    Ok(())
}

pub fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

pub fn unix_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

/// A copyover whose preflight (`--check` child) runs on a helper thread
/// while the game goes on; the loop polls it each turn (the thread wakes
/// the loop when the child is done) and then calls [`Preflighting::finish`].
/// Nobody is disturbed until the check has passed.
pub struct Preflighting {
    req: CopyoverRequest,
    started: Instant,
    started_ms: i64,
    result: std::sync::mpsc::Receiver<Result<(), Vec<String>>>,
    done: Option<Result<(), Vec<String>>>,
}

impl Preflighting {
    /// Start the preflight of the copyover `req` asked for; `wake` is
    /// called from the helper thread when the result is in.
    pub fn start(ctx: &Context, req: CopyoverRequest, wake: crate::engine::Wake) -> Preflighting {
        let started = Instant::now();
        let started_ms = unix_ms();
        log::info!(
            "copyover requested ({}); preflight running",
            if req.by.is_some() {
                "by command"
            } else {
                "by signal"
            }
        );
        let (tx, rx) = std::sync::mpsc::channel();
        let (binary, area_dir) = (ctx.binary.clone(), ctx.area_dir.clone());
        let spawned = std::thread::Builder::new()
            .name("copyover-preflight".into())
            .spawn({
                let tx = tx.clone();
                move || {
                    let _ = tx.send(preflight(&binary, &area_dir));
                    wake();
                }
            });
        if let Err(e) = spawned {
            log::warn!("cannot start the preflight thread ({e}); checking on the loop");
            let _ = tx.send(preflight(&ctx.binary, &ctx.area_dir));
        }
        Preflighting {
            req,
            started,
            started_ms,
            result: rx,
            done: None,
        }
    }

    /// Has the check finished (never waits)?
    pub fn ready(&mut self) -> bool {
        if self.done.is_none() {
            match self.result.try_recv() {
                Ok(r) => self.done = Some(r),
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.done = Some(Err(vec!["the preflight thread died".into()]))
                }
            }
        }
        self.done.is_some()
    }

    /// The check has finished ([`Preflighting::ready`]): go on with the
    /// copyover. Returns only if it did not happen.
    pub fn finish(mut self, server: &mut Server, game: &mut Game, ctx: &Context) {
        let result = match self.done.take() {
            Some(r) => r,
            None => self
                .result
                .recv()
                .unwrap_or_else(|_| Err(vec!["the preflight thread died".into()])),
        };
        hand_over(
            server,
            game,
            ctx,
            self.req,
            (self.started, self.started_ms),
            result,
        );
    }
}

/// Perform a copyover, preflight included, without returning to the loop.
/// Returns only if it did not happen (refused, or the exec failed); the
/// game goes on and the reason has been told.
pub fn perform(server: &mut Server, game: &mut Game, ctx: &Context, req: CopyoverRequest) {
    let started = Instant::now();
    let started_ms = unix_ms();
    log::info!(
        "copyover requested ({})",
        if req.by.is_some() {
            "by command"
        } else {
            "by signal"
        }
    );
    if !save_olc_areas(server, game, req.by) {
        return;
    }
    let checked = preflight(&ctx.binary, &ctx.area_dir);
    hand_over(server, game, ctx, req, (started, started_ms), checked);
}

/// What builders changed with OLC goes to disk before a copyover's
/// preflight (which then checks it, and the next image loads it), and again
/// at the hand-over for anything changed while the preflight ran. False,
/// with the reason told, when it cannot be saved: the copyover is refused.
pub fn save_olc_areas(
    server: &mut Server,
    game: &mut Game,
    by: Option<crate::world::CharId>,
) -> bool {
    match game.save_changed_areas() {
        Ok(0) => true,
        Ok(n) => {
            log::info!("copyover: saved {n} area files changed by OLC");
            true
        }
        Err(e) => {
            log::error!("copyover refused: cannot save the areas OLC changed: {e}");
            game.copyover_tell(
                by,
                &format!("Copyover refused: the areas changed with OLC could not be saved:\n{e}\n"),
            );
            server.settle_now(game, Duration::ZERO);
            false
        }
    }
}

/// A copyover whose preflight gave `checked`: refuse it, or announce,
/// save, hand over and exec. `started` is when it was asked for.
fn hand_over(
    server: &mut Server,
    game: &mut Game,
    ctx: &Context,
    req: CopyoverRequest,
    (started, started_ms): (Instant, i64),
    checked: Result<(), Vec<String>>,
) {
    // 1. Preflight, before anybody is disturbed.
    if let Err(lines) = checked {
        // The operator who sent SIGUSR1 reads this in the log.
        log::error!(
            "copyover refused: {} does not pass its check: {}",
            ctx.binary.display(),
            lines.join(" | ")
        );
        let mut text = String::from("Copyover refused: the next image does not pass its check:\n");
        for l in &lines {
            text.push_str(l);
            text.push('\n');
        }
        game.copyover_tell(req.by, &text);
        server.settle_now(game, Duration::ZERO);
        return;
    }
    // Areas a builder changed while the preflight ran.
    if !save_olc_areas(server, game, req.by) {
        return;
    }
    let preflight_ms = started.elapsed().as_secs_f64() * 1000.0;
    // The players' pause starts with the announcement.
    let announce_at_us = unix_us();
    // 2. Hand-over: announce, save, flush, describe, clear CLOEXEC, exec.
    game.copyover_announce(&req);
    // Onto the sockets' buffers; the hand-over writes it all in one go.
    server.queue_engine_output(game);
    let announced_ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Err(e) = game.save_everyone() {
        log::error!("copyover refused: cannot save players: {e}");
        game.copyover_tell(
            req.by,
            &format!("Copyover FAILED: cannot save players: {e}\n"),
        );
        server.settle_now(game, Duration::from_secs(1));
        return;
    }
    let save_ms = started.elapsed().as_secs_f64() * 1000.0 - preflight_ms;
    server.scrub_input(|conn, line| game.may_carry_input(conn, line));
    let conns = server.hand_over(crate::net::handoff::HAND_OVER_FLUSH);
    let handed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let dat: Vec<DatEntry> = conns
        .iter()
        .map(|c| DatEntry {
            player_id: game.copyover_player_id(c.conn),
            fd: c.fd,
        })
        .collect();
    let fds: Vec<(crate::net::ConnId, RawFd)> = conns.iter().map(|c| (c.conn, c.fd)).collect();
    let mut state = String::with_capacity(128 * 1024);
    state.push_str(STATE_HEADER);
    state.push('\n');
    // Save ms, exec time (Unix µs), preflight ms, announcement (Unix µs;
    // a fourth field an older image ignores).
    state.push_str(&format!(
        "Timing {save_ms:.3} {} {preflight_ms:.3} {announce_at_us}\n",
        unix_us()
    ));
    // The next image may be started through a wrapper with another argv[0];
    // the path to run at the copyover after that stays the configured one.
    state.push_str(&format!("Binary {}\n", ctx.binary.display()));
    // MSSP's UPTIME counts from the first image's boot.
    state.push_str(&format!("Boot {}\n", server.boot_time()));
    state.push_str("#NET 1\n");
    for c in &conns {
        state.push_str(&format!("Fd {} {}\n", c.fd, c.state.replace('\n', " ")));
    }
    state.push_str("#ENDNET\n");
    state.push_str(&game.copyover_state(&fds, started_ms, req.by));
    state.push_str(STATE_END);
    state.push('\n');
    let dat_path = ctx.run_dir.join(DAT_FILE);
    let args = RecoverArgs {
        listener_fd: server.listener_fd(),
        dat_file: dat_path.clone(),
        old_exe_fd: ctx.self_exe.as_ref().map_or(-1, |f| {
            use std::os::fd::AsRawFd;
            f.as_raw_fd()
        }),
    };
    // Temp file and rename, without fsync: these files only have to
    // survive the exec, and the page cache does.
    let written = crate::save::atomic_write_unsynced(&args.state_file(), state.as_bytes())
        .and_then(|()| crate::save::atomic_write_unsynced(&dat_path, render_dat(&dat).as_bytes()));
    let mut handed: Vec<RawFd> = dat.iter().map(|d| d.fd).collect();
    handed.push(args.listener_fd);
    let web_fd = server.web_listener_fd();
    handed.extend(web_fd);
    if args.old_exe_fd >= 0 {
        handed.push(args.old_exe_fd);
    }
    let failure = match written {
        Err(e) => format!("cannot write the data files: {e}"),
        Ok(()) => match handed.iter().try_for_each(|&fd| clear_cloexec(fd)) {
            Err(e) => format!("cannot keep the sockets open across exec: {e}"),
            Ok(()) => {
                let written_ms = started.elapsed().as_secs_f64() * 1000.0;
                let mut argv = vec![ctx.binary.display().to_string()];
                argv.extend(ctx.args.iter().cloned());
                argv.push("--copyover".into());
                argv.push(args.render());
                if let Some(fd) = web_fd {
                    argv.push(WEB_LISTENER_OPT.into());
                    argv.push(fd.to_string());
                }
                // 3. The guardian: holds a copy of every socket until the
                // new image answers, and rolls back if it never does.
                match start_guardian(server, ctx, &handed, &argv) {
                    Err(e) => format!("cannot start the guardian: {e}"),
                    Ok(guardian) => {
                        let kept = match &guardian {
                            Some(g) => clear_cloexec(g.answer_fd()).map(|()| {
                                argv.push("--guardian".into());
                                argv.push(g.link().render());
                            }),
                            None => Ok(()),
                        };
                        log::info!(
                            "copyover hand-over: preflight {preflight_ms:.1} ms, announced {:.1} ms, saved {:.1} ms, flushed {:.1} ms, files written {:.1} ms, guardian forked {:.1} ms",
                            announced_ms - preflight_ms,
                            save_ms + preflight_ms - announced_ms,
                            handed_ms - save_ms - preflight_ms,
                            written_ms - handed_ms,
                            started.elapsed().as_secs_f64() * 1000.0 - written_ms
                        );
                        let failure = match kept {
                            Err(e) => format!("cannot hand the guardian's pipe over: {e}"),
                            Ok(()) => {
                                log::info!(
                                    "copyover: exec {} with {} connections",
                                    ctx.binary.display(),
                                    dat.len()
                                );
                                exec(&ctx.binary, &argv).to_string()
                            }
                        };
                        // Still here: the guardian stands down.
                        if let Some(g) = guardian {
                            g.dismiss();
                        }
                        failure
                    }
                }
            }
        },
    };
    // 4. The exec failed: the old process carries on.
    for &fd in &handed {
        let _ = set_cloexec(fd);
    }
    server.resume_after_failed_hand_over();
    let _ = fs::remove_file(&dat_path);
    let _ = fs::remove_file(args.state_file());
    log::error!("copyover failed: {failure}");
    game.copyover_tell(req.by, &format!("Copyover FAILED: {failure}\n"));
    for (_, _, ch) in game.playing() {
        game.world
            .send(ch, "The reboot did not happen; the game goes on.\n");
    }
    server.settle_now(game, Duration::from_secs(1));
}

/// Fork the guardian (none if there is no old image to roll back to).
fn start_guardian(
    server: &mut Server,
    ctx: &Context,
    handed: &[RawFd],
    argv: &[String],
) -> io::Result<Option<crate::guardian::Guardian>> {
    use std::os::fd::AsRawFd;
    let Some(exe) = &ctx.self_exe else {
        log::warn!("copyover: no fd on the running image: no guardian, no rollback");
        return Ok(None);
    };
    // The previous copyover's guardian (answered, exiting) is reaped first:
    // no child of ours, dead or alive, is carried into the next image.
    server.reap_children(Duration::from_secs(1));
    let plan = crate::guardian::Plan::new(
        exe.as_raw_fd(),
        handed,
        argv,
        &[FAILPOINT_ENV],
        ctx.deadline,
    )?;
    let g = crate::guardian::Guardian::spawn(plan)?;
    log::info!(
        "copyover: guardian pid {} forked in {:.2} ms, deadline {}",
        g.pid(),
        g.fork_ms(),
        crate::guardian::deadline_text(ctx.deadline)
    );
    Ok(Some(g))
}

/// Everything in `copyover.state`, split by layer.
struct StateFile {
    binary: Option<PathBuf>,
    boot_time: Option<i64>,
    preflight_ms: f64,
    save_ms: f64,
    exec_at_us: i64,
    /// When the players were told (Unix µs; 0 from an older image).
    announce_at_us: i64,
    net: std::collections::HashMap<RawFd, String>,
    game: String,
}

fn read_state(path: &Path) -> Result<StateFile, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some(STATE_HEADER) {
        return Err(format!("{}:1: expected '{STATE_HEADER}'", path.display()));
    }
    let mut st = StateFile {
        binary: None,
        boot_time: None,
        preflight_ms: 0.0,
        save_ms: 0.0,
        exec_at_us: 0,
        announce_at_us: 0,
        net: Default::default(),
        game: String::new(),
    };
    let mut section = "";
    let mut ended = false;
    for (i, line) in lines.enumerate() {
        let ln = i + 2;
        match (section, line.trim_end()) {
            ("game", "#ENDGAME") => {
                st.game.push_str(line);
                st.game.push('\n');
                section = "";
            }
            ("game", _) => {
                st.game.push_str(line);
                st.game.push('\n');
            }
            ("net", "#ENDNET") => section = "",
            ("net", l) => {
                let (fd, rest) = l
                    .strip_prefix("Fd ")
                    .and_then(|r| r.split_once(' ').or(Some((r, ""))))
                    .ok_or_else(|| {
                        format!("{}:{ln}: expected 'Fd <fd> <state>'", path.display())
                    })?;
                let fd: RawFd = fd
                    .parse()
                    .map_err(|_| format!("{}:{ln}: bad fd '{fd}'", path.display()))?;
                st.net.insert(fd, rest.to_string());
            }
            (_, "#NET 1") => section = "net",
            (_, l) if l == crate::game::copyover::GAME_HEADER => {
                section = "game";
                st.game.push_str(line);
                st.game.push('\n');
            }
            (_, STATE_END) => {
                ended = true;
                break;
            }
            (_, l) if l.starts_with("Boot ") => {
                st.boot_time = l.strip_prefix("Boot ").and_then(|v| v.trim().parse().ok());
            }
            (_, l) if l.starts_with("Binary ") => {
                st.binary = l.strip_prefix("Binary ").map(PathBuf::from);
            }
            (_, l) if l.starts_with("Timing ") => {
                let mut w = l.split_whitespace().skip(1);
                st.save_ms = w.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
                st.exec_at_us = w.next().and_then(|v| v.parse().ok()).unwrap_or(0);
                st.preflight_ms = w.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
                st.announce_at_us = w.next().and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            (_, "") => {}
            (_, l) => return Err(format!("{}:{ln}: unexpected '{l}'", path.display())),
        }
    }
    if !ended {
        return Err(format!(
            "{}: no '{STATE_END}' marker: the file is incomplete",
            path.display()
        ));
    }
    Ok(st)
}

/// How the new image was asked to come up.
#[derive(Clone, Debug)]
pub struct RecoverPlan {
    pub args: RecoverArgs,
    /// Set when this image is the old one coming back from a failed new one.
    pub rollback: Option<String>,
    /// This process's own command line (for a rollback exec).
    pub argv: Vec<String>,
    /// When `main` started.
    pub main_at_us: i64,
    /// The guardian the old image left (`--guardian`), to answer once
    /// everyone is adopted.
    pub guardian: Option<crate::guardian::Link>,
    /// When the rollback that started this image was decided (Unix µs),
    /// from [`crate::guardian::ROLLBACK_AT_ENV`].
    pub rollback_at_us: Option<i64>,
    /// The web client's listening socket (`--web-listener FD`), when the
    /// old image served one.
    pub web_listener_fd: Option<RawFd>,
}

/// The command-line option that hands the web listener's fd to the next
/// image (beside `--copyover`, so the copyover files keep their format).
pub const WEB_LISTENER_OPT: &str = "--web-listener";

/// Roll back to the old image: hand every socket and the data files to it
/// again. Returns only if that is impossible (with the reason).
pub fn rollback(plan: &RecoverPlan, reason: &str) -> String {
    log::error!("copyover: the new image cannot come up: {reason}");
    if plan.rollback.is_some() {
        return "this image is already a rollback".into();
    }
    if plan.args.old_exe_fd < 0 {
        return "no old image to roll back to".into();
    }
    // Every fd the old image handed us must survive this exec too, and the
    // guardian's pipe: the old image answers it once everyone is back.
    let mut fds = vec![plan.args.listener_fd];
    fds.extend(plan.web_listener_fd);
    if let Some(g) = &plan.guardian {
        fds.push(g.fd);
    }
    if let Ok(text) = fs::read_to_string(&plan.args.dat_file) {
        if let Ok(entries) = parse_dat(&text) {
            fds.extend(entries.iter().map(|e| e.fd));
        }
    }
    for fd in fds {
        let _ = clear_cloexec(fd);
    }
    let mut argv: Vec<String> = plan.argv.clone();
    argv.push("--rollback".into());
    argv.push(reason.replace(['\n', '\r'], " "));
    log::warn!("copyover: rolling back to the old image");
    exec_fd(
        plan.args.old_exe_fd,
        &argv,
        &[FAILPOINT_ENV],
        &[(crate::guardian::ROLLBACK_AT_ENV, unix_us().to_string())],
    )
    .to_string()
}

/// Recover in the new image. On failure, rolls back (never returns then);
/// if even that fails, returns the error and the caller exits.
pub fn recover(plan: &RecoverPlan, cfg: Config, opts: LoopOptions) -> Result<Recovered, String> {
    // Every failure rolls back inside `try_recover`, while the sockets are
    // still open; what comes back here is a rollback that could not happen.
    try_recover(plan, cfg, opts)
}

fn try_recover(plan: &RecoverPlan, cfg: Config, opts: LoopOptions) -> Result<Recovered, String> {
    let fail = |reason: String| -> String {
        let why = rollback(plan, &reason);
        format!("{reason}; rollback impossible: {why}")
    };
    let failpoint = match plan.rollback {
        None => std::env::var(FAILPOINT_ENV).unwrap_or_default(),
        Some(_) => String::new(),
    };
    match failpoint.as_str() {
        "copyover-recover" => {
            return Err(fail(format!("failpoint {FAILPOINT_ENV}=copyover-recover")))
        }
        "copyover-panic" => panic!("failpoint {FAILPOINT_ENV}=copyover-panic"),
        _ => {}
    }
    let dat_text = fs::read_to_string(&plan.args.dat_file)
        .map_err(|e| fail(format!("cannot read {}: {e}", plan.args.dat_file.display())))?;
    let dat = parse_dat(&dat_text).map_err(fail)?;
    let state = read_state(&plan.args.state_file()).map_err(fail)?;
    let t_reload = Instant::now();
    let world = Game::load_world_for_recovery(&cfg).map_err(|lines| {
        fail(format!(
            "cannot load the areas: {}",
            lines.first().map_or("", String::as_str)
        ))
    })?;
    let reload_ms = t_reload.elapsed().as_secs_f64() * 1000.0;
    let t_restore = Instant::now();
    // Adopt the listener first: connections made during the exec wait in
    // its backlog and are accepted by the first loop turn.
    let mut server = Server::from_inherited_listener(plan.args.listener_fd, opts).map_err(|e| {
        fail(format!(
            "cannot adopt the listener (fd {}): {e}",
            plan.args.listener_fd
        ))
    })?;
    if let Some(t) = state.boot_time {
        server.set_boot_time(t);
    }
    if let Some(fd) = plan.web_listener_fd {
        server
            .adopt_web_listener(fd)
            .map_err(|e| fail(format!("cannot adopt the web listener (fd {fd}): {e}")))?;
    }
    // From here on this image owns the sockets: a failure must roll back
    // before anything is dropped (dropping would close them).
    let mut adopted_ms = 0.0;
    let taken = (|| {
        server
            .catch_signals()
            .map_err(|e| format!("cannot catch signals: {e}"))?;
        let mut adopted = Vec::with_capacity(dat.len());
        for e in &dat {
            let net_state = state.net.get(&e.fd).map_or("", String::as_str);
            match server.adopt_inherited(e.fd, net_state) {
                Ok(conn) => adopted.push(Adopted {
                    conn,
                    fd: e.fd,
                    player_id: e.player_id,
                }),
                Err(err) => log::warn!("copyover: connection on fd {} is lost: {err}", e.fd),
            }
        }
        adopted_ms = t_restore.elapsed().as_secs_f64() * 1000.0;
        // Every socket is ours now: what no code can catch strikes here.
        crash_failpoint(&failpoint);
        Game::recover(world, cfg, &state.game, &adopted, plan.rollback.as_deref())
    })();
    let (mut game, rec) = match taken {
        Ok(v) => v,
        Err(reason) => {
            let err = fail(reason);
            // Keep the sockets open for whoever deals with this.
            std::mem::forget(server);
            return Err(err);
        }
    };
    for n in &rec.notes {
        log::warn!("copyover: {n}");
    }
    // Everyone is adopted and back in the game: the guardian may go (the
    // loop reaps it once it has exited). Writing it all out is the loop's
    // ordinary work, which slow clients must not turn into a rollback.
    if let Some(g) = &plan.guardian {
        match g.answer() {
            Ok(()) => server.reap_later(g.pid),
            Err(e) => log::warn!("copyover: cannot answer the guardian (pid {}): {e}", g.pid),
        }
    }
    // One write pass; the loop writes the rest as clients read (a slow
    // reader must not hold everybody's return).
    server.settle_now(&mut game, Duration::ZERO);
    let restore_ms = t_restore.elapsed().as_secs_f64() * 1000.0;
    // The old image wrote the player files without syncing them: now that
    // everyone is back, a thread makes them durable.
    game.sync_player_files_later();
    log::info!(
        "copyover recovery: sockets adopted {:.1} ms, players {:.1} ms, world {:.1} ms, rooms shown {:.1} ms, flushed {:.1} ms",
        adopted_ms,
        rec.players_ms,
        rec.world_ms,
        rec.show_ms,
        restore_ms - adopted_ms - rec.players_ms - rec.world_ms - rec.show_ms
    );
    let _ = fs::remove_file(&plan.args.dat_file);
    let _ = fs::remove_file(plan.args.state_file());
    let exec_ms = if state.exec_at_us > 0 {
        (plan.main_at_us - state.exec_at_us) as f64 / 1000.0
    } else {
        0.0
    };
    let total_ms = (unix_ms() - rec.started_ms) as f64;
    // The fork of the guardian (unknown when the guardian itself rolled
    // back), and for a rollback the time from the failure to everyone back.
    let fork = plan
        .guardian
        .as_ref()
        .map_or(String::new(), |g| format!(" fork={:.2}ms", g.fork_ms));
    // The players' pause: the announcement → everyone's room written.
    let pause = if state.announce_at_us > 0 {
        format!(
            " pause={:.2}ms",
            (unix_us() - state.announce_at_us) as f64 / 1000.0
        )
    } else {
        String::new()
    };
    let rolled = plan.rollback_at_us.map_or(String::new(), |at| {
        format!(" rollback={:.2}ms", (unix_us() - at) as f64 / 1000.0)
    });
    log::info!(
        "copyover timings: preflight={:.2}ms save={:.2}ms{fork} exec={exec_ms:.2}ms reload={reload_ms:.2}ms restore={restore_ms:.2}ms total={total_ms:.2}ms players={}{rolled}{pause}",
        state.preflight_ms,
        state.save_ms,
        rec.players
    );
    log::info!(
        "copyover {}: {} playing, {} link-dead, {} back at the name prompt",
        if plan.rollback.is_some() {
            "rolled back"
        } else {
            "complete"
        },
        rec.players,
        rec.linkdead,
        rec.logging_in
    );
    Ok(Recovered {
        server,
        game,
        binary: state.binary,
    })
}

/// The failpoints no code can catch: a segfault, an abort, a stack overflow,
/// a hang. Only the guardian can roll these back.
fn crash_failpoint(which: &str) {
    match which {
        "copyover-segv" => {
            log::warn!("failpoint {FAILPOINT_ENV}={which}: raising SIGSEGV");
            // SAFETY: puts back the default action (std catches SIGSEGV to
            // report stack overflows) and raises the signal: the process
            // dies of SIGSEGV, as on a bad pointer.
            unsafe {
                libc::signal(libc::SIGSEGV, libc::SIG_DFL);
                libc::raise(libc::SIGSEGV);
            }
        }
        "copyover-abort" => {
            log::warn!("failpoint {FAILPOINT_ENV}={which}: aborting");
            std::process::abort();
        }
        "copyover-stack" => {
            log::warn!("failpoint {FAILPOINT_ENV}={which}: overflowing the stack");
            let _ = overflow(0);
        }
        "copyover-hang" => {
            log::warn!("failpoint {FAILPOINT_ENV}={which}: hanging");
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        _ => {}
    }
}

/// Recursion the optimiser cannot turn into a loop: ends only when the
/// stack does.
fn overflow(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 64]);
    if std::hint::black_box(depth) == u64::MAX {
        return 0;
    }
    overflow(depth + 1).wrapping_add(frame[(depth % 64) as usize])
}

/// A game taken back up after a copyover.
pub struct Recovered {
    pub server: Server,
    pub game: Game,
    /// The binary the previous image was configured to run next.
    pub binary: Option<PathBuf>,
}
