//! `copyover-test`: prove that a copyover changes nothing a player can see.
//!
//! Starts the server (a copy of the binary, so the test can swap it) on a
//! free 127.0.0.1 port with a copy of the area directory and an empty
//! player directory, all in a fresh temporary directory. Connects N players
//! that create characters, follow and group, walk, drop, remove and pick
//! things up, rest, and change their prompt; one more connection waits at a
//! password prompt, one is half-way through creating a character, and one
//! character is link-dead. It records what each player sees for `look`,
//! `score`, `inventory`, `equipment`, `affects` and `group`, then:
//!
//! 1. copyover by command, by SIGUSR1, and by command again (three in a
//!    row), with a new client connecting during the first: after each,
//!    nobody dropped, every record identical (clock lines aside), the
//!    half-logged-in connections back at the name prompt;
//! 2. an area file broken after boot: the copyover is refused with the
//!    file:line error and nobody is touched;
//! 3. a new image that fails after the exec (and one that panics): it rolls
//!    back by itself; everyone is back on the old image, still connected,
//!    told it was rolled back and why;
//! 4. new images that die where no code of theirs can help, each caught by
//!    the guardian: a file that passes `--check` and exits 3, a SIGSEGV, an
//!    abort, a stack overflow during recovery, and one that hangs past the
//!    deadline (`--deadline`, 2 s by default). Everyone is back on the old
//!    image (in the guardian's process: `gracemud-<port>.pid` must name it), told
//!    why, nothing dropped or changed; the dead image's status (as its parent,
//!    this test, collects it) matches the reason; no guardian or zombie is
//!    left behind. Then a good copyover by command and one by SIGUSR1 (to the
//!    pid in `gracemud-<port>.pid`);
//! 5. the link-dead character is still in the game; new clients get in.
//!
//! Prints a report with the copyover times (command → last player back) and
//! exits 1 on any failure. `make copyover-test` runs it with N=50 by default.

use std::collections::BTreeMap;
use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use gracemud::client::{free_port, Swarm};

const PASSWORD: &str = "secret1";
const WAIT: Duration = Duration::from_secs(30);
const RECORDS: [&str; 6] = [
    "look",
    "score",
    "inventory",
    "equipment",
    "affects",
    "group",
];
const REMAT: &str = "Your body rematerializes.";

struct Opts {
    bin: PathBuf,
    areas: PathBuf,
    n: usize,
    keep: bool,
    /// The server's `--copyover-deadline`, in seconds.
    deadline: String,
}

fn parse_opts() -> Result<Opts, String> {
    let mut o = getopts::Options::new();
    o.optopt(
        "",
        "bin",
        "the gracemud binary (default target/release/gracemud)",
        "PATH",
    );
    o.optopt("", "areas", "area directory to copy (default areas)", "DIR");
    o.optopt("n", "players", "number of players (default 50)", "N");
    o.optflag("", "keep", "keep the temporary directory");
    o.optopt(
        "",
        "deadline",
        "the server's --copyover-deadline in seconds (default 2)",
        "SECS",
    );
    o.optflag("h", "help", "print this help");
    let m = o
        .parse(std::env::args().skip(1))
        .map_err(|e| e.to_string())?;
    if m.opt_present("h") {
        return Err(o.usage(
            "Usage: copyover-test [--bin PATH] [--areas DIR] [-n N] [--deadline SECS] [--keep]",
        ));
    }
    let n = match m.opt_str("n") {
        Some(v) => v.parse().map_err(|_| format!("bad -n '{v}'"))?,
        None => 50,
    };
    Ok(Opts {
        bin: PathBuf::from(
            m.opt_str("bin")
                .unwrap_or_else(|| "target/release/gracemud".into()),
        ),
        areas: PathBuf::from(m.opt_str("areas").unwrap_or_else(|| "areas".into())),
        n: n.max(4),
        keep: m.opt_present("keep"),
        deadline: m.opt_str("deadline").unwrap_or_else(|| "2".into()),
    })
}

/// A name made of letters only, unique per index.
fn bot_name(i: usize) -> String {
    let mut s = String::from("Qz");
    let mut n = i;
    for _ in 0..3 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

/// The server under test, killed by pid on drop. After a rollback by the
/// guardian the game runs in another process (the guardian's, adopted by
/// this one as a subreaper): `gracemud-<port>.pid` names it.
struct ServerProc {
    child: Child,
    dir: PathBuf,
    addr: SocketAddr,
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        let pid = self.pid();
        if pid != self.child.id() as i32 {
            let p = nix::unistd::Pid::from_raw(pid);
            if nix::sys::signal::kill(p, nix::sys::signal::Signal::SIGKILL).is_ok() {
                let _ = nix::sys::wait::waitpid(p, None);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProc {
    fn log(&self) -> String {
        fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }
    /// The game's process id, as the server's pid file says.
    fn pid(&self) -> i32 {
        fs::read_to_string(self.dir.join(format!("gracemud-{}.pid", self.addr.port())))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(self.child.id() as i32)
    }
    /// Collect the exit of a game process that died (ours, or adopted):
    /// "exited N" or "signal N", or why not.
    fn reap(&mut self, pid: i32) -> String {
        use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if pid == self.child.id() as i32 {
                match self.child.try_wait() {
                    Ok(Some(st)) => {
                        use std::os::unix::process::ExitStatusExt;
                        return match (st.code(), st.signal()) {
                            (Some(c), _) => format!("exited {c}"),
                            (_, Some(s)) => format!("signal {s}"),
                            _ => format!("{st}"),
                        };
                    }
                    Ok(None) => {}
                    Err(e) => return format!("wait: {e}"),
                }
            } else {
                match waitpid(nix::unistd::Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG)) {
                    Ok(WaitStatus::Exited(_, c)) => return format!("exited {c}"),
                    Ok(WaitStatus::Signaled(_, s, _)) => return format!("signal {}", s as i32),
                    Ok(WaitStatus::StillAlive) => {}
                    Ok(other) => return format!("{other:?}"),
                    Err(e) => return format!("wait: {e}"),
                }
            }
            if Instant::now() > deadline {
                return "still running".into();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The processes whose parent is `pid`, with their state letter.
fn children_of(pid: i32) -> Vec<(i32, char)> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in dir.flatten() {
        let Some(child) = e.file_name().to_str().and_then(|n| n.parse::<i32>().ok()) else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        let Some((_, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let mut f = rest.split_whitespace();
        let state = f.next().and_then(|s| s.chars().next()).unwrap_or('?');
        if f.next().and_then(|p| p.parse::<i32>().ok()) == Some(pid) {
            out.push((child, state));
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for e in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        if e.path().is_file() {
            fs::copy(e.path(), to.join(e.file_name()))
                .map_err(|err| format!("{}: {err}", e.path().display()))?;
        }
    }
    Ok(())
}

/// Put `bytes` at `path` by writing beside it and renaming (the old file
/// may be a running binary).
fn replace_file(path: &Path, bytes: &[u8], exec: bool) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let tmp = path.with_extension("swap");
    fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    if exec {
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

fn start_server(opts: &Opts) -> Result<ServerProc, String> {
    let dir = std::env::temp_dir().join(format!("gracemud-copyover-test-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("player")).map_err(|e| e.to_string())?;
    copy_dir(&opts.areas, &dir.join("areas"))?;
    let real = fs::read(&opts.bin).map_err(|e| format!("{}: {e}", opts.bin.display()))?;
    replace_file(&dir.join("gracemud"), &real, true)?;
    replace_file(&dir.join("gracemud.real"), &real, true)?;
    let port = free_port().map_err(|e| e.to_string())?;
    let log = fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
    let child = Command::new(dir.join("gracemud"))
        .args([
            "-p",
            &port.to_string(),
            "-b",
            "127.0.0.1",
            "-a",
            "areas",
            "-P",
            "player",
            "--seed",
            "7",
            // Every bot comes from 127.0.0.1.
            "--max-per-address",
            "0",
            "--copyover-deadline",
            &opts.deadline,
        ])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let server = ServerProc { child, dir, addr };
    let deadline = Instant::now() + WAIT;
    while std::net::TcpStream::connect(addr).is_err() {
        if Instant::now() > deadline {
            return Err(format!(
                "the server did not listen on {addr}:\n{}",
                server.log()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(server)
}

/// The test's own bookkeeping of failures.
#[derive(Default)]
struct Checks {
    failures: Vec<String>,
    passed: usize,
}

impl Checks {
    fn check(&mut self, ok: bool, what: impl Into<String>) {
        if ok {
            self.passed += 1;
        } else {
            let w = what.into();
            eprintln!("FAIL: {w}");
            self.failures.push(w);
        }
    }
}

struct Harness {
    swarm: Swarm,
    server: ServerProc,
    /// Index of the immortal, and of every playing bot (immortal included).
    imm: usize,
    players: Vec<usize>,
    names: BTreeMap<usize, String>,
    /// The connection waiting at a password prompt, and the one mid-creation.
    at_password: usize,
    mid_creation: usize,
    linkdead_name: String,
    password_name: String,
    checks: Checks,
    times: Vec<(String, Duration, String)>,
    /// Copyover timing lines seen in the server log so far.
    copyovers_done: usize,
}

impl Harness {
    fn connect(&mut self) -> Result<usize, String> {
        let i = self
            .swarm
            .connect(self.server.addr)
            .map_err(|e| format!("connect: {e}"))?;
        Ok(i)
    }

    /// Send `line` to each bot and wait for `expect` from each.
    fn step(&mut self, bots: &[usize], line: &str, expect: &str) -> Result<(), String> {
        for &b in bots {
            self.swarm.take(b);
            self.swarm.send(b, line);
        }
        let late = self.swarm.wait_for(bots, expect, WAIT);
        if late.is_empty() {
            Ok(())
        } else {
            let b = late[0];
            Err(format!(
                "{} of {} connections did not answer '{line}' with '{expect}'; one got: {:?}",
                late.len(),
                bots.len(),
                self.swarm.bots[b].text
            ))
        }
    }

    /// Per-bot lines, waiting for each bot's own expected text.
    fn step_each(&mut self, lines: &[(usize, String, &str)]) -> Result<(), String> {
        for (b, line, _) in lines {
            self.swarm.take(*b);
            self.swarm.send(*b, line);
        }
        for (b, line, expect) in lines {
            if !self.swarm.wait_for(&[*b], expect, WAIT).is_empty() {
                return Err(format!(
                    "{} did not answer '{line}' with '{expect}': {:?}",
                    self.names.get(b).map_or("?", String::as_str),
                    self.swarm.bots[*b].text
                ));
            }
        }
        Ok(())
    }

    /// Walk new characters through creation, up to the game.
    fn create(
        &mut self,
        bots: &[usize],
        class_of: impl Fn(usize) -> &'static str,
    ) -> Result<(), String> {
        self.swarm.wait_for(bots, "By what name", WAIT);
        let names: Vec<(usize, String, &str)> = bots
            .iter()
            .map(|&b| (b, self.names[&b].clone(), "(Y/N)"))
            .collect();
        self.step_each(&names)?;
        self.step(bots, "y", "password")?;
        self.step(bots, PASSWORD, "retype")?;
        self.step(bots, PASSWORD, "race")?;
        self.step(bots, "human", "sex")?;
        self.step(bots, "m", "class")?;
        let classes: Vec<(usize, String, &str)> = bots
            .iter()
            .map(|&b| (b, class_of(b).to_string(), "(G/N/E)"))
            .collect();
        self.step_each(&classes)?;
        self.step(bots, "n", "Customize (Y/N)?")?;
        self.step(bots, "n", "Your choice?")?;
        // A weapon every default class knows: its basics' weapon.
        let weapons: Vec<(usize, String, &str)> = bots
            .iter()
            .map(|&b| {
                let w = match class_of(b) {
                    "cleric" => "mace",
                    "warrior" => "sword",
                    _ => "dagger",
                };
                (b, w.to_string(), "[Hit Return to continue]")
            })
            .collect();
        self.step_each(&weapons)?;
        self.step(bots, "", "> ")?;
        Ok(())
    }

    /// Run one command on every bot and return what each saw, up to and
    /// including its prompt, clock lines removed.
    fn command_all(
        &mut self,
        bots: &[usize],
        line: &str,
    ) -> Result<BTreeMap<usize, String>, String> {
        let before: Vec<u64> = bots.iter().map(|&b| self.swarm.bots[b].prompts).collect();
        for &b in bots {
            self.swarm.take(b);
            self.swarm.send(b, line);
        }
        let targets: BTreeMap<usize, u64> = bots
            .iter()
            .copied()
            .zip(before.iter().map(|p| p + 1))
            .collect();
        for (&b, &want) in &targets {
            let deadline = Instant::now() + WAIT;
            while self.swarm.bots[b].prompts < want {
                if Instant::now() > deadline {
                    return Err(format!("no prompt after '{line}' for {}", self.names[&b]));
                }
                self.swarm.pump(Duration::from_millis(20));
            }
        }
        Ok(bots
            .iter()
            .map(|&b| (b, strip_clock(&self.swarm.take(b))))
            .collect())
    }

    fn record(&mut self) -> Result<BTreeMap<(usize, &'static str), String>, String> {
        let mut rec = BTreeMap::new();
        let players = self.players.clone();
        for cmd in RECORDS {
            for (b, text) in self.command_all(&players, cmd)? {
                rec.insert((b, cmd), text);
            }
        }
        Ok(rec)
    }

    /// Put the two half-logged-in connections back where they wait.
    fn park_half_logged_in(&mut self) -> Result<(), String> {
        let (p, m) = (self.at_password, self.mid_creation);
        let pass_name = self.password_name.clone();
        self.step_each(&[(p, pass_name, "Password:"), (m, "Qzmid".into(), "(Y/N)")])?;
        self.step(&[m], "y", "password")?;
        self.step(&[m], PASSWORD, "retype")?;
        self.step(&[m], PASSWORD, "race")?;
        Ok(())
    }

    /// Trigger a copyover and wait until every player is back.
    fn copyover(
        &mut self,
        how: &str,
        reference: &BTreeMap<(usize, &'static str), String>,
    ) -> Result<(), String> {
        let all = self.all_open();
        for &b in &all {
            self.swarm.take(b);
        }
        let started = Instant::now();
        let mut newcomer = None;
        match how {
            "signal" => {
                nix::sys::signal::kill(
                    nix::unistd::Pid::from_raw(self.server.pid()),
                    nix::sys::signal::Signal::SIGUSR1,
                )
                .map_err(|e| format!("kill -USR1: {e}"))?;
            }
            _ => {
                self.swarm.send(self.imm, "copyover testing");
                // Typed while the copyover is under way: must not be lost.
                self.swarm.send(self.imm, "exits");
                if how == "command+newcomer" {
                    // Connect while the copyover is under way: it waits in
                    // the listener's backlog and must be served after.
                    newcomer = Some(self.connect()?);
                }
            }
        }
        let players = self.players.clone();
        let late = self.swarm.wait_for(&players, REMAT, WAIT);
        let elapsed = started.elapsed();
        self.checks.check(
            late.is_empty(),
            format!("{how}: {} players never rematerialized", late.len()),
        );
        // Let the look that follows arrive in full.
        self.swarm.wait_until(&players, WAIT, |b| {
            b.text.contains(REMAT) && b.text.trim_end().ends_with('>')
        });
        // The new image logs its timings just after everyone is back.
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.server.log().matches("copyover timings:").count() < self.copyovers_done + 1
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.copyovers_done = self.server.log().matches("copyover timings:").count();
        let server_line = self
            .server
            .log()
            .lines()
            .rev()
            .find(|l| l.contains("copyover timings:"))
            .map(|l| {
                l.split("copyover timings:")
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
            .unwrap_or_default();
        self.times.push((how.to_string(), elapsed, server_line));
        for &b in &players {
            let t = self.swarm.bots[b].text.clone();
            self.checks.check(
                t.contains("Please remain seated"),
                format!("{how}: {} was not warned", self.names[&b]),
            );
        }
        if how != "signal" {
            let imm_text = self.swarm.bots[self.imm].text.clone();
            self.checks.check(
                imm_text.contains("Copyover complete."),
                format!("{how}: the immortal got no 'Copyover complete.'"),
            );
        }
        // Half-logged-in connections: back at the name prompt, never further.
        let half = [self.at_password, self.mid_creation];
        let late = self.swarm.wait_for(&half, "please start again", WAIT);
        self.checks.check(
            late.is_empty(),
            format!("{how}: a half-logged-in connection got no notice"),
        );
        for b in half {
            let t = self.swarm.bots[b].text.clone();
            let tail = t.rsplit("please start again").next().unwrap_or("");
            self.checks.check(
                tail.contains("By what name do you wish to be known?") && !tail.contains("> "),
                format!("{how}: a half-logged-in connection is not at the name prompt: {t:?}"),
            );
        }
        if how != "signal" {
            // The preflight runs while the game goes on: the line is
            // answered then (before the announcement), or, if it came in
            // after the hand-over began, carried over and answered after.
            // Either way exactly once.
            let late = self.swarm.wait_until(&[self.imm], WAIT, |b| {
                b.text.contains(REMAT) && b.text.matches("Obvious exits").count() == 1
            });
            self.checks.check(
                late.is_empty(),
                format!("{how}: a line typed during the copyover was lost (or answered twice)"),
            );
            self.swarm
                .wait_until(&[self.imm], WAIT, |b| b.text.trim_end().ends_with('>'));
        }
        if let Some(n) = newcomer {
            let late = self.swarm.wait_for(&[n], "By what name", WAIT);
            self.checks.check(
                late.is_empty(),
                format!("{how}: a client connecting during the copyover was not served"),
            );
            self.swarm.close(n);
        }
        self.check_connections(how);
        self.check_no_children(how);
        let after = self.record()?;
        self.compare(how, reference, &after);
        self.park_half_logged_in()?;
        Ok(())
    }

    /// While the new image hangs: send its guardian the signals meant for
    /// the game; it must ignore them (and not hand them to the old image it
    /// rolls back to: the game must go on, not shut down or copy over).
    fn poke_guardian(&mut self, game: i32, forks_before: usize) {
        let deadline = Instant::now() + Duration::from_secs(1);
        let guardian = loop {
            // The guardian, not the preflight's `--check` run: only once
            // the old image logged the fork (the check run is over and
            // reaped by then; between its fork and its exec its command
            // line looked like the game's).
            let forked = self.server.log().matches("guardian forked").count() > forks_before;
            let found = children_of(game)
                .into_iter()
                .filter(|_| forked)
                .find(|&(pid, state)| {
                    state != 'Z'
                        && fs::read(format!("/proc/{pid}/cmdline"))
                            .is_ok_and(|c| !String::from_utf8_lossy(&c).contains("--check"))
                });
            if let Some((pid, _)) = found {
                break Some(pid);
            }
            if Instant::now() > deadline {
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let Some(pid) = guardian else {
            self.checks
                .check(false, "hang: no guardian found among the game's children");
            return;
        };
        use nix::sys::signal::{kill, Signal};
        let p = nix::unistd::Pid::from_raw(pid);
        for sig in [
            Signal::SIGUSR1,
            Signal::SIGTERM,
            Signal::SIGINT,
            Signal::SIGHUP,
        ] {
            let _ = kill(p, sig);
        }
        std::thread::sleep(Duration::from_millis(100));
        self.checks.check(
            kill(p, None).is_ok() && children_of(game).iter().any(|&(c, s)| c == pid && s != 'Z'),
            format!(
                "hang: the guardian (pid {pid}) did not survive SIGUSR1, SIGTERM, SIGINT, SIGHUP"
            ),
        );
    }

    /// The game has no child left: its guardian exited and was reaped.
    fn check_no_children(&mut self, when: &str) {
        let pid = self.server.pid();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut left = children_of(pid);
        while !left.is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            left = children_of(pid);
        }
        self.checks.check(
            left.is_empty(),
            format!(
                "{when}: the game (pid {pid}) still has children (guardian or zombie): {left:?}"
            ),
        );
    }

    /// Make the next copyover fail as `fault` says, and check that everyone
    /// is back on the old image, told `reason`, with nothing changed.
    /// `status`: for a failure only the guardian can catch, what the dead
    /// image's exit must look like (one of these).
    fn rollback(
        &mut self,
        name: &str,
        script: &str,
        reason: &str,
        status: Option<&[&str]>,
        reference: &BTreeMap<(usize, &'static str), String>,
    ) -> Result<(), String> {
        let binary = self.server.dir.join("gracemud");
        replace_file(&binary, script.as_bytes(), true)?;
        for b in self.all_open() {
            self.swarm.take(b);
        }
        let pid_before = self.server.pid();
        let forks_before = self.server.log().matches("guardian forked").count();
        let started = Instant::now();
        self.swarm.send(self.imm, "copyover");
        if name == "hang" {
            self.poke_guardian(pid_before, forks_before);
        }
        let players = self.players.clone();
        let late = self.swarm.wait_for(&players, "rolled back", WAIT);
        let elapsed = started.elapsed();
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.server.log().matches("copyover timings:").count() <= self.copyovers_done
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.copyovers_done = self.server.log().matches("copyover timings:").count();
        let server_line = self
            .server
            .log()
            .lines()
            .rev()
            .find(|l| l.contains("copyover timings:"))
            .and_then(|l| l.split("copyover timings:").nth(1))
            .unwrap_or("")
            .trim()
            .to_string();
        self.times
            .push((format!("rollback ({name})"), elapsed, server_line));
        self.checks.check(
            late.is_empty(),
            format!(
                "rollback {name}: {} players were not told of the rollback",
                late.len()
            ),
        );
        self.swarm
            .wait_until(&players, WAIT, |b| b.text.trim_end().ends_with('>'));
        let untold: Vec<String> = players
            .iter()
            .filter(|&&b| !self.swarm.bots[b].text.contains(reason))
            .map(|b| self.names[b].clone())
            .collect();
        self.checks.check(
            untold.is_empty(),
            format!("rollback {name}: not told the cause ({reason:?}): {untold:?}"),
        );
        let imm_text = self.swarm.bots[self.imm].text.clone();
        self.checks.check(
            imm_text.contains("Copyover FAILED") && imm_text.contains(reason),
            format!("rollback {name}: the immortal was not told: {imm_text:?}"),
        );
        self.checks.check(
            self.server
                .log()
                .contains(&format!("copyover rolled back: {reason}")),
            format!("rollback {name}: the log does not say 'copyover rolled back: {reason}'"),
        );
        if let Some(status) = status {
            // The guardian rolled back: the game is in its process now.
            let pid_after = self.server.pid();
            self.checks.check(
                pid_after != pid_before,
                format!("rollback {name}: gracemud-<port>.pid still names {pid_before}"),
            );
            let alive = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid_after), None).is_ok();
            self.checks.check(
                alive,
                format!(
                    "rollback {name}: gracemud-<port>.pid names {pid_after}, which is not running"
                ),
            );
            let got = self.server.reap(pid_before);
            self.checks.check(
                status.contains(&got.as_str()),
                format!(
                    "rollback {name}: the new image ended with '{got}', expected one of {status:?}"
                ),
            );
        } else {
            self.checks.check(
                self.server.pid() == pid_before,
                format!("rollback {name}: the process id changed"),
            );
        }
        let half = [self.at_password, self.mid_creation];
        self.swarm.wait_for(&half, "By what name", WAIT);
        self.check_connections(&format!("rollback {name}"));
        self.check_no_children(&format!("rollback {name}"));
        let after = self.record()?;
        self.compare(&format!("rollback {name}"), reference, &after);
        self.park_half_logged_in()?;
        Ok(())
    }

    fn all_open(&self) -> Vec<usize> {
        let mut v = self.players.clone();
        v.push(self.at_password);
        v.push(self.mid_creation);
        v
    }

    fn check_connections(&mut self, when: &str) {
        let closed: Vec<String> = self
            .all_open()
            .iter()
            .filter(|&&b| self.swarm.bots[b].closed)
            .map(|b| {
                self.names
                    .get(b)
                    .cloned()
                    .unwrap_or_else(|| format!("#{b}"))
            })
            .collect();
        self.checks.check(
            closed.is_empty(),
            format!("{when}: connections dropped: {closed:?}"),
        );
    }

    fn compare(
        &mut self,
        when: &str,
        before: &BTreeMap<(usize, &'static str), String>,
        after: &BTreeMap<(usize, &'static str), String>,
    ) {
        let mut diffs = 0;
        for (key, b) in before {
            let a = after.get(key).map_or("", String::as_str);
            if a != b {
                diffs += 1;
                if diffs <= 3 {
                    let line = b.lines().zip(a.lines()).find(|(x, y)| x != y);
                    eprintln!(
                        "{when}: '{}' of {} differs; first difference: {:?}\n--- before\n{b}\n--- after\n{a}",
                        key.1, self.names[&key.0], line
                    );
                }
            }
        }
        self.checks.check(
            diffs == 0,
            format!("{when}: {diffs} of {} records differ", before.len()),
        );
    }
}

/// Remove the lines that change with the clock alone.
fn strip_clock(text: &str) -> String {
    const CLOCK: [&str; 4] = [
        "The day has begun.",
        "The sun rises in the east.",
        "The sun slowly disappears in the west.",
        "The night has begun.",
    ];
    text.lines()
        .filter(|l| {
            !CLOCK.contains(&l.trim()) && !l.contains(" years old ") && !l.contains("hours played")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn run(opts: &Opts) -> Result<Harness, String> {
    let server = start_server(opts)?;
    let mut h = Harness {
        swarm: Swarm::new().map_err(|e| e.to_string())?,
        server,
        imm: 0,
        players: Vec::new(),
        names: BTreeMap::new(),
        at_password: 0,
        mid_creation: 0,
        linkdead_name: "Qzlinkdead".into(),
        password_name: "Qzpassword".into(),
        checks: Checks::default(),
        times: Vec::new(),
        copyovers_done: 0,
    };
    // The first character becomes the implementor.
    h.imm = h.connect()?;
    h.names.insert(h.imm, "Qzimmortal".into());
    h.create(&[h.imm], |_| "mage")?;
    h.players.push(h.imm);

    // A character to sit at the password prompt of (saved, then quit), and
    // one to leave link-dead.
    let p = h.connect()?;
    h.names.insert(p, h.password_name.clone());
    h.create(&[p], |_| "thief")?;
    h.step(&[p], "quit", "Alas, all good things must come to an end.")?;
    let l = h.connect()?;
    h.names.insert(l, h.linkdead_name.clone());
    h.create(&[l], |_| "cleric")?;
    h.swarm.close(l);

    // The players.
    let classes = ["mage", "cleric", "thief", "warrior"];
    let mut bots = Vec::new();
    for i in 0..opts.n {
        let b = h.connect()?;
        h.names.insert(b, bot_name(i));
        bots.push(b);
    }
    let class_of = |b: usize| classes[b % 4];
    for chunk in bots.chunks(25) {
        h.create(chunk, class_of)?;
    }
    h.players.extend(&bots);

    // Groups of four: a leader and three followers who follow and group.
    let groups: Vec<Vec<usize>> = bots.chunks(4).map(<[usize]>::to_vec).collect();
    let mut follow = Vec::new();
    for g in &groups {
        for &f in &g[1..] {
            follow.push((f, format!("follow {}", h.names[&g[0]]), "You now follow"));
        }
    }
    h.step_each(&follow)?;
    let mut grouping = Vec::new();
    for g in &groups {
        for &f in &g[1..] {
            grouping.push((g[0], format!("group {}", h.names[&f]), "> "));
        }
    }
    for (leader, line, expect) in grouping {
        h.step_each(&[(leader, line, expect)])?;
    }
    // Leaders walk; followers follow. Each group ends in its own room.
    let routes: [&[&str]; 4] = [
        &["north"],
        &["north", "west"],
        &["north", "east"],
        &["north", "north"],
    ];
    for (gi, g) in groups.iter().enumerate() {
        for dir in routes[gi % 4] {
            h.step(&[g[0]], dir, "> ")?;
            if g.len() > 1 {
                let late = h.swarm.wait_for(&g[1..], "You follow", WAIT);
                if !late.is_empty() {
                    return Err(format!(
                        "followers of {} did not follow {dir}",
                        h.names[&g[0]]
                    ));
                }
                h.swarm
                    .wait_until(&g[1..], WAIT, |b| b.text.trim_end().ends_with('>'));
                for &f in &g[1..] {
                    h.swarm.take(f);
                }
            }
        }
    }
    // Things in hand and on the floor, positions, settings.
    let mut acts = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for (r, &b) in g.iter().enumerate() {
            let line = match r {
                0 => "remove vest",
                1 => "remove shield",
                2 => "rest",
                _ => "prompt <%hhp %mm %vmv %r> ",
            };
            acts.push((
                b,
                line.to_string(),
                if r == 3 { "Prompt set" } else { "> " },
            ));
            let _ = gi;
        }
    }
    h.step_each(&acts)?;
    let drops: Vec<(usize, String, &str)> = groups
        .iter()
        .map(|g| (g[0], "drop vest".to_string(), "> "))
        .collect();
    h.step_each(&drops)?;
    let gets: Vec<(usize, String, &str)> = groups
        .iter()
        .filter(|g| g.len() > 2)
        .map(|g| (g[2], "get vest".to_string(), "> "))
        .collect();
    h.step_each(&gets)?;
    // Wearing: the one who picked up a vest puts it on (its own goes to the pack).
    let wears: Vec<(usize, String, &str)> = groups
        .iter()
        .filter(|g| g.len() > 2)
        .map(|g| (g[2], "wear vest".to_string(), "> "))
        .collect();
    h.step_each(&wears)?;
    h.step(&[h.imm], "goto 3701", "> ")?;

    // The two half-logged-in connections.
    h.at_password = h.connect()?;
    h.mid_creation = h.connect()?;
    h.names.insert(h.at_password, "(at password)".into());
    h.names.insert(h.mid_creation, "(mid-creation)".into());
    h.swarm
        .wait_for(&[h.at_password, h.mid_creation], "By what name", WAIT);
    h.park_half_logged_in()?;

    let reference = h.record()?;
    h.copyover("command+newcomer", &reference)?;
    h.copyover("signal", &reference)?;
    h.copyover("command", &reference)?;

    // Refusal: an area file broken after boot.
    let school = h.server.dir.join("areas").join("school.are");
    let good = fs::read_to_string(&school).map_err(|e| e.to_string())?;
    let broken = good.replacen(
        "#ROOMS\n",
        "#ROOMS\n#3799\nA broken room~\nIt never ends.\n~\n0 0 x\nS\n",
        1,
    );
    let bad_line = good
        .lines()
        .position(|l| l == "#ROOMS")
        .map_or(0, |i| i + 6);
    fs::write(&school, &broken).map_err(|e| e.to_string())?;
    for b in h.all_open() {
        h.swarm.take(b);
    }
    h.swarm.send(h.imm, "copyover");
    let late = h.swarm.wait_for(&[h.imm], "Copyover refused", WAIT);
    h.checks.check(
        late.is_empty(),
        "refusal: the immortal was not told the copyover was refused",
    );
    h.swarm
        .wait_until(&[h.imm], WAIT, |b| b.text.trim_end().ends_with('>'));
    let imm_text = h.swarm.bots[h.imm].text.clone();
    h.checks.check(
        imm_text.contains(&format!("school.are:{bad_line}:")),
        format!("refusal: no file:line error naming school.are:{bad_line}: {imm_text:?}"),
    );
    h.swarm.pump(Duration::from_millis(300));
    let touched: Vec<usize> = h
        .players
        .iter()
        .copied()
        .filter(|&b| h.swarm.bots[b].text.contains("remain seated"))
        .collect();
    h.checks.check(
        touched.is_empty(),
        format!("refusal: {} players were disturbed", touched.len()),
    );
    fs::write(&school, &good).map_err(|e| e.to_string())?;
    let after = h.record()?;
    h.compare("refusal", &reference, &after);
    h.check_connections("refusal");

    // Rollback from inside the new image: it fails after the exec, or panics.
    let real = h.server.dir.join("gracemud.real");
    let binary = h.server.dir.join("gracemud");
    let original = fs::read(&real).map_err(|e| e.to_string())?;
    let with_failpoint = |fault: &str| {
        format!(
            "#!/bin/sh\nGRACEMUD_FAILPOINT={fault} exec \"{}\" \"$@\"\n",
            real.display()
        )
    };
    h.rollback(
        "copyover-recover",
        &with_failpoint("copyover-recover"),
        "failpoint GRACEMUD_FAILPOINT=copyover-recover",
        None,
        &reference,
    )?;
    h.rollback(
        "copyover-panic",
        &with_failpoint("copyover-panic"),
        "panic",
        None,
        &reference,
    )?;
    // Rollback by the guardian: the new image dies where no code of its own
    // can help, or hangs.
    let exits_3 = format!(
        "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = --check ] && exec \"{}\" \"$@\"; done\nexit 3\n",
        real.display()
    );
    let deadline_reason = format!(
        "the new image did not answer within {}",
        opts.deadline
            .parse::<f64>()
            .map_or(
                opts.deadline.clone(),
                |s| gracemud::guardian::deadline_text(Duration::from_secs_f64(s))
            )
    );
    let guardian_cases: [(&str, String, &str, &[&str]); 5] = [
        (
            "exit 3",
            exits_3,
            "the new image exited with status 3",
            &["exited 3"],
        ),
        (
            "SIGSEGV",
            with_failpoint("copyover-segv"),
            "the new image was killed by signal 11 (SIGSEGV)",
            &["signal 11"],
        ),
        (
            "abort",
            with_failpoint("copyover-abort"),
            "the new image was killed by signal 6 (SIGABRT)",
            &["signal 6"],
        ),
        (
            "stack overflow",
            with_failpoint("copyover-stack"),
            "the new image was killed by signal",
            &["signal 6", "signal 11"],
        ),
        (
            "hang",
            with_failpoint("copyover-hang"),
            &deadline_reason,
            &["signal 9"],
        ),
    ];
    for (name, script, reason, status) in &guardian_cases {
        h.rollback(name, script, reason, Some(status), &reference)?;
    }
    replace_file(&binary, &original, true)?;
    h.copyover("command", &reference)?;
    // The pid file names the game after the guardian's rollbacks.
    h.copyover("signal", &reference)?;

    // The link-dead character came through every copyover.
    let back = h.connect()?;
    h.names.insert(back, h.linkdead_name.clone());
    h.swarm.wait_for(&[back], "By what name", WAIT);
    let name = h.linkdead_name.clone();
    h.step(&[back], &name, "Password:")?;
    h.step(&[back], PASSWORD, "Reconnecting")?;
    h.checks.check(true, "link-dead character reconnected");
    let newcomer = h.connect()?;
    let late = h.swarm.wait_for(&[newcomer], "By what name", WAIT);
    h.checks.check(
        late.is_empty(),
        "a new client after the copyovers was not served",
    );
    h.check_connections("end");
    Ok(h)
}

fn main() -> ExitCode {
    let opts = match parse_opts() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Processes orphaned under us (the guardian that became the game after a
    // rollback) are adopted by this process, so it can stop and reap them.
    if let Err(e) = nix::sys::prctl::set_child_subreaper(true) {
        eprintln!("copyover-test: cannot become a subreaper: {e}");
    }
    // Crashing new images on purpose: no core files.
    if let Ok((_, hard)) = nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_CORE)
    {
        let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_CORE, 0, hard);
    }
    let started = Instant::now();
    let result = run(&opts);
    let code = match result {
        Ok(h) => {
            println!("copyover-test: {} players (+1 immortal, 1 at a password prompt, 1 mid-creation, 1 link-dead)", opts.n);
            println!("{:<28} {:>12}  server", "copyover", "all back");
            for (how, t, server) in &h.times {
                println!("{how:<28} {:>9.1} ms  {server}", t.as_secs_f64() * 1000.0);
            }
            println!(
                "{} passed, {} failed ({:.1} s)",
                h.checks.passed,
                h.checks.failures.len(),
                started.elapsed().as_secs_f64()
            );
            let dir = h.server.dir.clone();
            let failed = !h.checks.failures.is_empty();
            if failed {
                eprintln!("server log:\n{}", h.server.log());
            }
            drop(h);
            if !opts.keep {
                let _ = fs::remove_dir_all(&dir);
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("copyover-test: {e}");
            let dir =
                std::env::temp_dir().join(format!("gracemud-copyover-test-{}", std::process::id()));
            eprintln!(
                "server log:\n{}",
                fs::read_to_string(dir.join("server.log")).unwrap_or_default()
            );
            println!("0 passed, 1 failed");
            ExitCode::FAILURE
        }
    };
    code
}
