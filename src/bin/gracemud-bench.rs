//! gracemud-bench: `make bench`. Runs each scenario of issue 5 against a
//! freshly started release build (a child process with its own temporary
//! working and player directory, stopped by pid) and prints one table of
//! numbers beside their targets, or JSON with `--json`.
//!
//! Scenarios: (1) boot, (2) idle connections held, (3) command latency,
//! (4) logins under load, (5) copyover, (6) memory per player, (7) players'
//! latency while the server is attacked (issue #8), (8) combat load: half
//! of 1,000 players fighting training posts (issue #11). The load
//! comes from the generator in `gracemud-load.rs` (included as a module),
//! which runs in this process on the same machine as the server: the two
//! share the cores, and the table says so.

#[allow(dead_code)]
#[path = "gracemud-load.rs"]
mod load;

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gracemud::client::free_port;
use gracemud::net::protocols::json;
use load::{Load, Phase, Settings};

/// Linux reports /proc times in USER_HZ, which is 100 on every Linux ABI
/// this runs on.
const CLK_TCK: f64 = 100.0;

/// The line every client receives when a copyover is done.
const REMATERIALIZE: &str = "Your body rematerializes.";

/// The bench's immortal (the first character in an empty player dir).
const IMMORTAL: &str = "Benchboss";

// ---------------------------------------------------------------------------
// The server under test

/// A running `gracemud` child: own temp dir as cwd, stderr captured with
/// the instant each line arrived.
struct ServerProc {
    child: Child,
    pid: u32,
    port: u16,
    root: PathBuf,
    spawned: Instant,
    log: Arc<Mutex<Vec<(Instant, String)>>>,
}

fn temp_root(tag: &str) -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!(
        "gracemud-bench-{tag}-{}-{nanos}",
        std::process::id()
    ))
}

impl ServerProc {
    /// Spawn the server (it is not necessarily listening yet).
    fn spawn(bin: &Path, areas: &Path, tag: &str) -> Result<ServerProc, String> {
        let root = temp_root(tag);
        let player = root.join("player");
        std::fs::create_dir_all(&player).map_err(|e| format!("{}: {e}", player.display()))?;
        let port = free_port().map_err(|e| e.to_string())?;
        let spawned = Instant::now();
        let mut child = Command::new(bin)
            .arg("-p")
            .arg(port.to_string())
            .arg("-b")
            .arg("127.0.0.1")
            .arg("-a")
            .arg(areas)
            .arg("-P")
            .arg(&player)
            // Every client of the bench comes from 127.0.0.1.
            .arg("--max-per-address")
            .arg("0")
            .current_dir(&root)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let log = Arc::new(Mutex::new(Vec::new()));
        if let Some(err) = child.stderr.take() {
            let log = Arc::clone(&log);
            let path = root.join("server.log");
            std::thread::spawn(move || {
                let mut file = std::fs::File::create(path).ok();
                for line in BufReader::new(err).lines() {
                    let Ok(line) = line else { break };
                    let now = Instant::now();
                    if let Some(f) = file.as_mut() {
                        use std::io::Write;
                        let _ = writeln!(f, "{line}");
                    }
                    if let Ok(mut l) = log.lock() {
                        // Keep memory bounded: command logs are not needed.
                        if l.len() < 200_000 {
                            l.push((now, line));
                        }
                    }
                }
            });
        }
        let pid = child.id();
        Ok(ServerProc {
            child,
            pid,
            port,
            root,
            spawned,
            log,
        })
    }

    /// Spawn and wait until it accepts connections (30 s at most).
    fn start(bin: &Path, areas: &Path, tag: &str) -> Result<ServerProc, String> {
        let mut s = ServerProc::spawn(bin, areas, tag)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(st)) = s.child.try_wait() {
                return Err(format!("server exited ({st}):\n{}", s.log_tail(20)));
            }
            if TcpStream::connect_timeout(&s.addr(), Duration::from_millis(200)).is_ok() {
                return Ok(s);
            }
            if Instant::now() > deadline {
                return Err(format!("server not listening:\n{}", s.log_tail(20)));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// How many log lines so far (a mark for `find_after`).
    fn log_len(&self) -> usize {
        self.log.lock().map_or(0, |l| l.len())
    }

    /// The first log line at or after `mark` containing `needle`.
    fn find_after(&self, mark: usize, needle: &str) -> Option<(Instant, String)> {
        let l = self.log.lock().ok()?;
        l.iter()
            .skip(mark)
            .find(|(_, line)| line.contains(needle))
            .cloned()
    }

    /// Wait (bounded) for a log line containing `needle` after `mark`.
    fn wait_log(&self, mark: usize, needle: &str, timeout: Duration) -> Option<(Instant, String)> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(x) = self.find_after(mark, needle) {
                return Some(x);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn log_tail(&self, n: usize) -> String {
        let l = match self.log.lock() {
            Ok(l) => l,
            Err(_) => return String::new(),
        };
        let start = l.len().saturating_sub(n);
        l[start..]
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Resident set size in kB (VmRSS), if the process exists.
    fn rss_kb(&self) -> Option<f64> {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// CPU seconds (user + system, all threads) used so far.
    fn cpu_seconds(&self) -> Option<f64> {
        let s = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        let rest = &s[s.rfind(')')? + 1..];
        let f: Vec<&str> = rest.split_whitespace().collect();
        // After the command name: state is field 3, utime 14, stime 15.
        let utime: f64 = f.get(11)?.parse().ok()?;
        let stime: f64 = f.get(12)?.parse().ok()?;
        Some((utime + stime) / CLK_TCK)
    }

    /// Kill by pid, reap, remove the temp dir (kept with `--keep`).
    fn stop(mut self, keep: bool) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        if keep {
            eprintln!("bench: server files kept in {}", self.root.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

// ---------------------------------------------------------------------------
// Results

#[derive(Clone, Copy)]
enum Target {
    AtMost(f64),
    AtLeast(f64),
    Below(f64),
}

struct Row {
    scenario: String,
    metric: String,
    value: Option<f64>,
    unit: &'static str,
    target: Option<Target>,
    note: String,
}

impl Row {
    fn verdict(&self) -> &'static str {
        match (self.target, self.value) {
            (None, _) => "",
            (Some(_), None) => "n/a",
            (Some(Target::AtMost(t)), Some(v)) => pass(v <= t),
            (Some(Target::AtLeast(t)), Some(v)) => pass(v >= t),
            (Some(Target::Below(t)), Some(v)) => pass(v < t),
        }
    }
    fn target_text(&self) -> String {
        match self.target {
            None => String::new(),
            Some(Target::AtMost(t)) => format!("≤ {} {}", fmt_num(t), self.unit),
            Some(Target::AtLeast(t)) => format!("≥ {} {}", fmt_num(t), self.unit),
            Some(Target::Below(t)) => format!("< {} {}", fmt_num(t), self.unit),
        }
    }
    fn value_text(&self) -> String {
        match self.value {
            Some(v) => format!("{} {}", fmt_num(v), self.unit),
            None => "not available".into(),
        }
    }
}

fn pass(ok: bool) -> &'static str {
    if ok {
        "pass"
    } else {
        "MISS"
    }
}

fn fmt_num(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

struct Bench {
    bin: PathBuf,
    areas: PathBuf,
    rom_areas: Option<PathBuf>,
    quick: bool,
    keep: bool,
    rows: Vec<Row>,
}

impl Bench {
    fn row(
        &mut self,
        scenario: &str,
        metric: &str,
        value: Option<f64>,
        unit: &'static str,
        target: Option<Target>,
        note: impl Into<String>,
    ) {
        let r = Row {
            scenario: scenario.into(),
            metric: metric.into(),
            value,
            unit,
            target,
            note: note.into(),
        };
        eprintln!(
            "bench: {} | {} | {} | {} {} | {}",
            r.scenario,
            r.metric,
            r.value_text(),
            r.target_text(),
            r.verdict(),
            r.note
        );
        self.rows.push(r);
    }

    fn failed(&mut self, scenario: &str, why: &str) {
        eprintln!("bench: {scenario}: {why}");
        self.row(
            scenario,
            "scenario failed",
            None,
            "",
            None,
            why.replace('\n', " / "),
        );
    }

    fn settings(&self, server: &ServerProc) -> Settings {
        let mut s = Settings::new(server.addr());
        s.step_timeout = Duration::from_secs(60);
        s
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some(v[v.len() / 2])
}

/// The number after `key` in a log line ("areas loaded in 2.0 ms" → 2.0).
fn number_after(line: &str, key: &str) -> Option<f64> {
    let rest = &line[line.find(key)? + key.len()..];
    let num: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    num.parse().ok()
}

/// Logged-in players of `agents`.
fn logged_in(load: &Load, agents: &[usize]) -> usize {
    load.count(agents, |a| {
        a.logged_in_at.is_some() && !matches!(a.phase, Phase::Failed(_))
    })
}

/// Log `agents` in and report how it went; Err when some failed.
fn login_all(load: &mut Load, agents: &[usize], what: &str) -> Result<LoginStats, String> {
    let t0 = Instant::now();
    let budget = Duration::from_secs(60 + agents.len() as u64 / 5);
    load.settle(agents, budget);
    let done: Vec<Instant> = agents
        .iter()
        .filter_map(|&a| load.agents[a].logged_in_at)
        .collect();
    let last = done.iter().max().copied().unwrap_or(t0);
    let n = done.len();
    let failed = load.count(agents, |a| !matches!(a.phase, Phase::Playing));
    if failed > 0 {
        let why = load.failures(agents, 3).join("; ");
        return Err(format!(
            "{what}: {failed} of {} did not log in: {why}",
            agents.len()
        ));
    }
    let secs = (last - t0).as_secs_f64();
    Ok(LoginStats {
        n,
        secs,
        per_sec: if secs > 0.0 { n as f64 / secs } else { 0.0 },
    })
}

struct LoginStats {
    n: usize,
    secs: f64,
    per_sec: f64,
}

// ---------------------------------------------------------------------------
// 1. Boot

/// What one boot measured.
struct Boot {
    /// Spawn → first banner byte, ms.
    banner: f64,
    /// Spawn → the `ready on` log line, ms.
    loaded: f64,
    /// The server's own "areas loaded in" figure, ms.
    reported: Option<f64>,
    /// RSS after boot, kB.
    rss: Option<f64>,
    /// The steps of the server's `boot timings:` line (name, ms).
    steps: Vec<(&'static str, f64)>,
}

/// The steps of a boot, from the server's `boot timings:` log line.
const BOOT_STEPS: [(&str, &str); 5] = [
    ("parse", "areas="),
    ("world", "world="),
    ("lint", "lint="),
    ("resets", "resets="),
    ("players+files", "players+files="),
];

/// One boot of the server on `areas`.
fn boot_once(bin: &Path, areas: &Path) -> Result<Boot, String> {
    let mut s = ServerProc::spawn(bin, areas, "boot")?;
    let addr = s.addr();
    let t0 = s.spawned;
    let deadline = t0 + Duration::from_secs(30);
    let mut banner = None;
    while banner.is_none() && Instant::now() < deadline {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
            Ok(mut c) => {
                let _ = c.set_read_timeout(Some(Duration::from_secs(10)));
                let mut b = [0u8; 1];
                match c.read(&mut b) {
                    Ok(1) => banner = Some(Instant::now()),
                    _ => break,
                }
            }
            Err(_) => {
                if !s.alive() {
                    break;
                }
                std::thread::sleep(Duration::from_micros(1000));
            }
        }
    }
    let loaded = s.wait_log(0, "ready on", Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(100));
    let rss = s.rss_kb();
    let tail = s.log_tail(10);
    let timings = s
        .find_after(0, "boot timings:")
        .map(|(_, l)| l)
        .unwrap_or_default();
    s.stop(false);
    let banner = banner.ok_or_else(|| format!("no banner within 30 s:\n{tail}"))?;
    let (at, line) = loaded.ok_or_else(|| format!("no `ready on` log line:\n{tail}"))?;
    let steps = BOOT_STEPS
        .iter()
        .filter_map(|&(name, key)| number_after(&timings, key).map(|v| (name, v)))
        .collect();
    Ok(Boot {
        banner: (banner - t0).as_secs_f64() * 1000.0,
        loaded: (at - t0).as_secs_f64() * 1000.0,
        reported: number_after(&line, "areas loaded in"),
        rss,
        steps,
    })
}

/// Files and rooms per file of the generated boot world: the size of the
/// full stock ROM 2.4 area list (53 files, about 3,100 rooms), which this
/// workspace does not hold.
const GEN_FILES: usize = 53;
const GEN_ROOMS: usize = 60;

/// Write a world of `files` area files of `rooms` rooms each into `dir`,
/// shaped like the stock areas (per 60 rooms about 20 mobiles, 30 objects,
/// 80 resets and 2.5 kB of text a room with its exits and extra
/// descriptions). Its text is drawn from a fixed word list by a fixed seed,
/// so every run boots the same bytes. Rooms chain north/south inside a
/// file and files chain up/down, so every exit leads somewhere.
fn generate_world(dir: &Path, files: usize, rooms: usize) -> Result<(), String> {
    use std::fmt::Write as _;
    const WORDS: [&str; 20] = [
        "oak", "ash", "stone", "river", "hill", "moss", "grey", "old", "bright", "dark", "narrow",
        "broad", "quiet", "deep", "high", "low", "cold", "warm", "misty", "worn",
    ];
    let mut seed: u64 = 7;
    let mut word = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    let mut text = |lines: usize| {
        let mut t = String::new();
        for _ in 0..lines {
            let mut line: Vec<&str> = (0..11).map(|_| word()).collect();
            let first = line[0];
            let cap = format!("{}{}", &first[..1].to_uppercase(), &first[1..]);
            line[0] = &cap;
            let _ = writeln!(t, "{}.", line.join(" "));
        }
        t
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut list = String::new();
    let (mobs, objs) = (rooms / 3, rooms / 2);
    for f in 0..files {
        let base = 10_000 + f * 100;
        let name = format!("gen{f:02}.are");
        let _ = writeln!(list, "{name}");
        let mut a = String::new();
        let _ = write!(
            a,
            "#AREA\n{name}~\nGenerated {f}~\n{{ 1 50}} Bench  Generated {f}~\n{base} {}\n\n#MOBILES\n",
            base + 99
        );
        for m in 0..mobs {
            let _ = write!(
                a,
                "#{}\nbeast{f}x{m} beast~\na beast {m}~\nA beast {m} of area {f} stands here.\n~\n{}~\nhuman~\nG 0 0 0\n5 1 2d6+60 5d10+100 1d6+1 punch\n5 5 5 8\n0 0 0 0\nstand stand male 0\n0 0 medium 0\n",
                base + m,
                text(3)
            );
        }
        a.push_str("#0\n\n#OBJECTS\n");
        for o in 0..objs {
            let _ = write!(
                a,
                "#{}\nthing{f}x{o} thing~\na thing {o}~\nA thing {o} lies here.~\niron~\ntrash 0 AO\n0 0 0 0 0\n1 10 10 P\nE\nthing~\n{}~\n",
                base + o,
                text(2)
            );
        }
        a.push_str("#0\n\n#ROOMS\n");
        for r in 0..rooms {
            let v = base + r;
            let _ = write!(a, "#{v}\nRoom {r} of area {f}~\n{}~\n0 0 2\n", text(5));
            if r + 1 < rooms {
                let _ = write!(a, "D0\nNorth.\n~\n~\n0 -1 {}\n", v + 1);
            }
            if r > 0 {
                let _ = write!(a, "D2\nSouth.\n~\n~\n0 -1 {}\n", v - 1);
            }
            if r == 0 && f + 1 < files {
                let _ = write!(a, "D4\nUp.\n~\n~\n0 -1 {}\n", base + 100);
            }
            if r == 0 && f > 0 {
                let _ = write!(a, "D5\nDown.\n~\n~\n0 -1 {}\n", base - 100);
            }
            let _ = write!(a, "E\nwall~\n{}~\nS\n", text(2));
        }
        a.push_str("#0\n\n#RESETS\n");
        for m in 0..mobs {
            let _ = writeln!(a, "M 0 {} 2 {} 1", base + m, base + (m * 3) % rooms);
            let _ = writeln!(a, "G 1 {} -1", base + m);
            let _ = writeln!(a, "E 1 {} -1 17", base + mobs + m % (objs - mobs));
            let _ = writeln!(
                a,
                "O 0 {} 1 {}",
                base + (m + 1) % mobs,
                base + (m * 3 + 1) % rooms
            );
        }
        a.push_str("S\n\n#SHOPS\n0\n\n#SPECIALS\nS\n\n#$\n");
        std::fs::write(dir.join(&name), a).map_err(|e| format!("{name}: {e}"))?;
    }
    list.push_str("$\n");
    std::fs::write(dir.join("area.lst"), list).map_err(|e| format!("area.lst: {e}"))
}

fn scenario_boot(b: &mut Bench) {
    let runs = if b.quick { 3 } else { 7 };
    let mut worlds = vec![("bundled world".to_string(), b.areas.clone())];
    if let Some(r) = &b.rom_areas {
        worlds.push(("ROM areas".to_string(), r.clone()));
    }
    let generated = temp_root("world");
    match generate_world(&generated, GEN_FILES, GEN_ROOMS) {
        Ok(()) => worlds.push((
            format!(
                "generated: {GEN_FILES} files, {} rooms",
                GEN_FILES * GEN_ROOMS
            ),
            generated.clone(),
        )),
        Err(e) => b.failed("1 boot (generated)", &e),
    }
    for (name, dir) in worlds {
        let sc = format!("1 boot ({name})");
        let mut banner = Vec::new();
        let mut loaded = Vec::new();
        let mut reported = Vec::new();
        let mut rss = Vec::new();
        let mut steps: Vec<Vec<(&'static str, f64)>> = Vec::new();
        for _ in 0..runs {
            match boot_once(&b.bin, &dir) {
                Ok(boot) => {
                    banner.push(boot.banner);
                    loaded.push(boot.loaded);
                    if let Some(x) = boot.reported {
                        reported.push(x);
                    }
                    if let Some(x) = boot.rss {
                        rss.push(x / 1024.0);
                    }
                    steps.push(boot.steps);
                }
                Err(e) => {
                    b.failed(&sc, &e);
                    break;
                }
            }
        }
        let bundled = name == "bundled world";
        // The target for a world the size of the full stock list.
        let banner_target = if bundled {
            Some(Target::AtMost(25.0))
        } else if name.starts_with("generated") {
            Some(Target::AtMost(15.0))
        } else {
            None
        };
        let note = format!("median of {} boots, from spawn", banner.len());
        let split: Vec<String> = BOOT_STEPS
            .iter()
            .filter_map(|&(step, _)| {
                let v: Vec<f64> = steps
                    .iter()
                    .filter_map(|s| s.iter().find(|(n, _)| *n == step).map(|&(_, v)| v))
                    .collect();
                median(v).map(|m| format!("{step} {}", fmt_num(m)))
            })
            .collect();
        b.row(
            &sc,
            "exec → first banner byte",
            median(banner),
            "ms",
            banner_target,
            note.clone(),
        );
        b.row(
            &sc,
            "exec → `ready` log line (world loaded)",
            median(loaded),
            "ms",
            bundled.then_some(Target::AtMost(10.0)),
            note,
        );
        b.row(
            &sc,
            "areas loaded (server's own timing)",
            median(reported),
            "ms",
            None,
            format!(
                "from the log line; steps, ms (medians): {}",
                split.join(", ")
            ),
        );
        b.row(&sc, "RSS after boot", median(rss), "MB", None, "");
    }
    if b.keep {
        eprintln!("bench: generated world kept in {}", generated.display());
    } else {
        let _ = std::fs::remove_dir_all(&generated);
    }
}

// ---------------------------------------------------------------------------
// 2. Idle connections

/// The kernel's count of connections dropped because a listen queue was
/// full (TcpExt ListenOverflows in /proc/net/netstat).
fn listen_overflows() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/net/netstat").ok()?;
    let mut lines = s.lines();
    while let (Some(names), Some(values)) = (lines.next(), lines.next()) {
        if !names.starts_with("TcpExt:") {
            continue;
        }
        let k = names
            .split_whitespace()
            .position(|n| n == "ListenOverflows")?;
        return values.split_whitespace().nth(k)?.parse().ok();
    }
    None
}

fn scenario_idle(b: &mut Bench) {
    let sc = "2 idle connections";
    let server = match ServerProc::start(&b.bin, &b.areas, "idle") {
        Ok(s) => s,
        Err(e) => return b.failed(sc, &e),
    };
    let window = if b.quick { 3.0 } else { 5.0 };
    let mut load = match Load::new(b.settings(&server)) {
        Ok(l) => l,
        Err(e) => return b.failed(sc, &e.to_string()),
    };
    let g = load.group("idle", 0.0, 0);
    let mut all = Vec::new();
    for level in [1000usize, 5000, 10000] {
        let t0 = Instant::now();
        let over0 = listen_overflows();
        let new = load.add(g, all.len(), level - all.len(), true);
        all.extend_from_slice(&new);
        let ok = load.run_until(Duration::from_secs(120), |l| {
            all.iter().all(|&a| {
                l.first_byte(a).is_some() || matches!(l.agents[a].phase, Phase::Failed(_))
            })
        });
        let connect_s = t0.elapsed().as_secs_f64();
        let overflows = match (over0, listen_overflows()) {
            (Some(a), Some(z)) => {
                format!(" ({} listen-queue overflows, 1 s SYN retry each)", z - a)
            }
            _ => String::new(),
        };
        let failed = load.count(&all, |a| matches!(a.phase, Phase::Failed(_)));
        if !ok || failed > 0 {
            let why = load.failures(&all, 3).join("; ");
            b.failed(
                sc,
                &format!("{level}: {failed} failed to connect or get a banner: {why}"),
            );
            break;
        }
        load.run_for(Duration::from_secs(1));
        let c0 = server.cpu_seconds();
        let t = Instant::now();
        load.run_for(Duration::from_secs_f64(window));
        let c1 = server.cpu_seconds();
        let wall = t.elapsed().as_secs_f64();
        let cpu = match (c0, c1) {
            (Some(a), Some(z)) => Some((z - a) / wall * 100.0),
            _ => None,
        };
        let drops = load.count(&all, |a| a.dropped);
        b.row(
            sc,
            &format!("{level} held: server CPU while idle"),
            cpu,
            "%",
            (level == 10000).then_some(Target::Below(1.0)),
            format!(
                "{wall:.1} s window, {drops} dropped, {} new connections + banners in {connect_s:.2} s{overflows}",
                new.len()
            ),
        );
        b.row(
            sc,
            &format!("{level} held: server RSS"),
            server.rss_kb().map(|k| k / 1024.0),
            "MB",
            None,
            "",
        );
    }
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// 3. Command latency

fn scenario_latency(b: &mut Bench) {
    let sc = "3 command latency";
    let (players, secs) = if b.quick { (300, 10) } else { (1000, 60) };
    let (server, mut load, g, agents, ls) = match server_with_players(b, "latency", players) {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    b.row(
        sc,
        &format!("{} characters created through the dialogue", ls.n),
        Some(ls.per_sec),
        "logins/s",
        None,
        format!("{:.1} s, 64 in the dialogue at once", ls.secs),
    );
    load.set_rate(g, 1.0);
    load.run_for(Duration::from_secs(2));
    let cpu_gen0 = load::own_cpu_seconds();
    load.reset_turns();
    let c0 = server.cpu_seconds();
    let t0 = Instant::now();
    load.run_for(Duration::from_secs(secs));
    let t1 = Instant::now();
    let c1 = server.cpu_seconds();
    let cpu_gen = load::own_cpu_seconds() - cpu_gen0;
    let wall = (t1 - t0).as_secs_f64();
    load.set_rate(g, 0.0);
    load.run_until(Duration::from_secs(10), |l| {
        agents.iter().all(|&a| !l.awaiting(a))
    });
    let p = load.round_trips(g, t0, t1 + Duration::from_secs(10));
    let grp = &load.groups[g];
    let note = format!(
        "{} round trips in {secs} s; lost {}, skipped {}",
        p.n, grp.lost, grp.skipped
    );
    let drops = load.count(&agents, |a| a.dropped);
    b.row(
        sc,
        &format!("{players} active: p50"),
        Some(p.p50),
        "ms",
        None,
        note,
    );
    b.row(
        sc,
        &format!("{players} active: p99"),
        Some(p.p99),
        "ms",
        Some(Target::AtMost(2.0)),
        if players == 1000 {
            String::new()
        } else {
            "--quick: fewer players than the target's 1,000".into()
        },
    );
    b.row(
        sc,
        &format!("{players} active: max"),
        Some(p.max),
        "ms",
        None,
        "",
    );
    if let (Some(a), Some(z)) = (c0, c1) {
        b.row(
            sc,
            &format!("{players} active: server CPU"),
            Some((z - a) / wall * 100.0),
            "%",
            None,
            format!(
                "of one core; the generator used {:.0}% meanwhile (its longest turn {:.1} ms, {} turns > 1 ms)",
                cpu_gen / wall * 100.0,
                load.turn_max.as_secs_f64() * 1000.0,
                load.turns_over_1ms
            ),
        );
    }
    b.row(
        sc,
        "drops",
        Some(drops as f64),
        "",
        Some(Target::AtMost(0.0)),
        "",
    );
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// 7. Under attack (issue #8): garbage, MCCP flapping, a password flood

/// What the attackers managed.
#[derive(Default, Debug)]
struct AttackStats {
    garbage_bytes: u64,
    flap_bytes: u64,
    /// Wrong passwords answered ("Wrong password.").
    guesses: u64,
    /// Connections refused or closed and opened again.
    reconnects: u64,
}

/// One attacking connection, non-blocking.
struct Attacker {
    stream: Option<TcpStream>,
    seen: Vec<u8>,
}

/// Run the attack from its own thread until `stop`: `garbage` connections
/// from 127.0.0.3 writing random bytes, `flappers` from 127.0.0.4 repeating
/// `IAC DO MCCP2 IAC DONT MCCP2`, and `flooders` from 127.0.0.2 guessing
/// `account`'s password and reconnecting whenever closed.
fn attack(
    port: u16,
    account: String,
    (garbage, flappers, flooders): (usize, usize, usize),
    stop: Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<AttackStats> {
    use std::io::Write as _;
    use std::sync::atomic::Ordering;
    std::thread::spawn(move || {
        let open = |from: [u8; 4]| -> Option<TcpStream> {
            let s = gracemud::client::connect_from(port, from).ok()?;
            s.set_nonblocking(true).ok()?;
            Some(s)
        };
        let mut st = AttackStats::default();
        let mut conns: Vec<(u8, Attacker)> = Vec::new();
        for (kind, n, from) in [
            (0u8, garbage, [127, 0, 0, 3]),
            (1, flappers, [127, 0, 0, 4]),
            (2, flooders, [127, 0, 0, 2]),
        ] {
            for _ in 0..n {
                conns.push((
                    kind,
                    Attacker {
                        stream: open(from),
                        seen: Vec::new(),
                    },
                ));
            }
        }
        let flap: Vec<u8> = [255u8, 253, 86, 255, 254, 86]
            .iter()
            .copied()
            .cycle()
            .take(6 * 1024)
            .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut junk = [0u8; 64];
        let mut buf = [0u8; 8192];
        while !stop.load(Ordering::Relaxed) {
            let round = Instant::now();
            for (kind, a) in conns.iter_mut() {
                let from = match kind {
                    0 => [127, 0, 0, 3],
                    1 => [127, 0, 0, 4],
                    _ => [127, 0, 0, 2],
                };
                let Some(s) = a.stream.as_mut() else {
                    a.stream = open(from);
                    a.seen.clear();
                    st.reconnects += 1;
                    continue;
                };
                let mut closed = false;
                loop {
                    match s.read(&mut buf) {
                        Ok(0) => {
                            closed = true;
                            break;
                        }
                        Ok(n) => {
                            if *kind == 2 {
                                a.seen.extend_from_slice(&buf[..n]);
                            }
                        }
                        Err(_) => break,
                    }
                }
                let wrote = match kind {
                    0 => {
                        for b in junk.iter_mut() {
                            x ^= x << 13;
                            x ^= x >> 7;
                            x ^= x << 17;
                            *b = x as u8;
                        }
                        s.write(&junk).map(|n| st.garbage_bytes += n as u64)
                    }
                    1 => s.write(&flap).map(|n| st.flap_bytes += n as u64),
                    _ => {
                        let text = String::from_utf8_lossy(&a.seen).into_owned();
                        let mut line = None;
                        if text.contains("Wrong password.") {
                            st.guesses += text.matches("Wrong password.").count() as u64;
                        }
                        if text.ends_with("known? ") || text.contains("known? \u{ff}") {
                            line = Some(format!("{account}\r\n"));
                        } else if text.contains("Password: ") {
                            line = Some("wrongguess\r\n".to_string());
                        }
                        if line.is_some() {
                            a.seen.clear();
                        }
                        match line {
                            Some(l) => s.write(l.as_bytes()).map(|_| ()),
                            None => Ok(()),
                        }
                    }
                };
                if closed || wrote.is_err_and(|e| e.kind() != std::io::ErrorKind::WouldBlock) {
                    a.stream = None;
                }
            }
            // About 50 rounds a second.
            if let Some(rest) = Duration::from_millis(20).checked_sub(round.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        st
    })
}

fn scenario_attack(b: &mut Bench) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let sc = "7 under attack";
    let (players, secs) = if b.quick { (20, 10) } else { (50, 30) };
    let (server, mut load, g, agents, _) = match server_with_players(b, "attack", players) {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    let Some(account) = agents.first().map(|&a| load.agents[a].name.clone()) else {
        return b.failed(sc, "no players");
    };
    let port = server.addr().port();
    // Quiet first, for comparison.
    load.set_rate(g, 2.0);
    load.run_for(Duration::from_secs(2));
    let q0 = Instant::now();
    load.run_for(Duration::from_secs(secs / 3));
    let quiet = load.round_trips(g, q0, Instant::now());
    let stop = Arc::new(AtomicBool::new(false));
    let (garbage, flappers, flooders) = (1000, 4, 200);
    let handle = attack(
        port,
        account.clone(),
        (garbage, flappers, flooders),
        Arc::clone(&stop),
    );
    // Let the attack open its connections.
    load.run_for(Duration::from_secs(3));
    let c0 = server.cpu_seconds();
    let t0 = Instant::now();
    load.run_for(Duration::from_secs(secs));
    let t1 = Instant::now();
    let c1 = server.cpu_seconds();
    stop.store(true, Ordering::Relaxed);
    load.set_rate(g, 0.0);
    load.run_until(Duration::from_secs(10), |l| {
        agents.iter().all(|&a| !l.awaiting(a))
    });
    let st = handle.join().unwrap_or_default();
    let p = load.round_trips(g, t0, t1 + Duration::from_secs(10));
    let wall = (t1 - t0).as_secs_f64();
    let note = format!(
        "{players} players, 2 looks/moves a second each; attackers: {garbage} garbage connections ({:.1} MB/s), {flappers} MCCP flappers ({:.1} MB/s), {flooders} guessing {account}'s password ({} wrong passwords answered in {wall:.0} s, {} reconnects)",
        st.garbage_bytes as f64 / wall / 1e6,
        st.flap_bytes as f64 / wall / 1e6,
        st.guesses,
        st.reconnects
    );
    b.row(
        sc,
        "players' p50 under attack",
        Some(p.p50),
        "ms",
        None,
        format!(
            "quiet before: p50 {:.2} ms, p99 {:.2} ms",
            quiet.p50, quiet.p99
        ),
    );
    b.row(
        sc,
        "players' p99 under attack",
        Some(p.p99),
        "ms",
        Some(Target::AtMost(5.0)),
        note,
    );
    b.row(
        sc,
        "players' max under attack",
        Some(p.max),
        "ms",
        None,
        format!("{} round trips", p.n),
    );
    if let (Some(a), Some(z)) = (c0, c1) {
        b.row(
            sc,
            "server CPU under attack",
            Some((z - a) / wall * 100.0),
            "%",
            None,
            "of one core",
        );
    }
    let drops = load.count(&agents, |a| a.dropped);
    b.row(
        sc,
        "players dropped",
        Some(drops as f64),
        "",
        Some(Target::AtMost(0.0)),
        "",
    );
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// 8. Combat load (issue #11): half the players fighting without pause

/// The bundled world's oak training post: 30,000 hit points, rarely hits.
const TRAINING_POST: i32 = 3711;

/// The fighters' level: aggressive mobiles ignore players more than five
/// levels above them (ROM's aggr_update), and the bundled world's stop at 15.
const FIGHTER_LEVEL: i32 = 20;

/// Rooms fighters may be sent to: outside the drill yard (where the other
/// players walk) and limbo, and neither safe, private, solitary nor
/// reserved. Empty if the areas cannot be read.
fn fight_rooms(areas: &Path) -> Vec<i32> {
    use gracemud::world::{
        ROOM_GODS_ONLY, ROOM_HEROES_ONLY, ROOM_IMP_ONLY, ROOM_NEWBIES_ONLY, ROOM_NO_MOB,
        ROOM_PRIVATE, ROOM_SAFE, ROOM_SOLITARY,
    };
    let report = gracemud::db::load_area_dir(areas);
    let bad = ROOM_SAFE
        | ROOM_PRIVATE
        | ROOM_SOLITARY
        | ROOM_NO_MOB
        | ROOM_IMP_ONLY
        | ROOM_GODS_ONLY
        | ROOM_HEROES_ONLY
        | ROOM_NEWBIES_ONLY;
    let yard = report
        .protos
        .rooms
        .get(&gracemud::world::RoomVnum(3700))
        .map(|r| r.area);
    report
        .protos
        .rooms
        .values()
        .filter(|r| r.vnum.0 >= 100 && r.flags & bad == 0 && Some(r.area) != yard)
        .map(|r| r.vnum.0)
        .collect()
}

/// One `violence_update:` summary line of the server's log.
struct Window {
    /// Milliseconds per round.
    p50: f64,
    max: f64,
    rounds: f64,
    /// The window's length in seconds.
    secs: f64,
    /// Characters fighting: the mean over the rounds, and the most.
    fighting: f64,
    fighting_max: f64,
}

fn violence_line(line: &str) -> Option<Window> {
    let rest = &line[line.find("violence_update:")?..];
    let rounds = number_after(rest, "violence_update:")?;
    let at = rest.find(" fighting")?;
    let fighting = rest[..at].rsplit(' ').next()?.parse().ok()?;
    Some(Window {
        p50: number_after(rest, "p50")?,
        max: number_after(rest, "max")?,
        rounds,
        secs: number_after(rest, "rounds in")?,
        fighting,
        fighting_max: number_after(&rest[at..], "(max")?,
    })
}

fn scenario_fight(b: &mut Bench) {
    let sc = "8 combat load";
    // The server sums up every 30 s: 60 s hold at least one whole window.
    let (players, secs, quiet_secs): (usize, u64, u64) = if b.quick {
        (100, 60, 8)
    } else {
        (1000, 90, 15)
    };
    let fighters = players / 2;
    let rooms = fight_rooms(&b.areas);
    if rooms.is_empty() {
        return b.failed(sc, "no rooms to fight in (areas unreadable?)");
    }
    let per_room = fighters.div_ceil(rooms.len()).max(1);
    let (server, mut load, imm) = match server_with_immortal(b, "fight") {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    // Fighter k of a room attacks post k there (`kill 2.post`).
    let fgroups: Vec<usize> = (1..=per_room)
        .map(|k| {
            let g = load.group(&format!("fighters {k}"), 0.0, 0);
            load.set_line(g, &format!("kill {k}.post"));
            g
        })
        .collect();
    let mut fagents = Vec::new();
    for i in 0..fighters {
        let g = fgroups[(i / rooms.len()) % per_room];
        fagents.extend(load.add(g, i, 1, false));
    }
    let pg = load.group("players", 0.0, 6);
    let pagents = load.add(pg, fighters, players - fighters, false);
    let all: Vec<usize> = fagents.iter().chain(&pagents).copied().collect();
    let ls = match login_all(&mut load, &all, "players") {
        Ok(ls) => ls,
        Err(e) => {
            drop(load);
            server.stop(true);
            return b.failed(sc, &e);
        }
    };
    b.row(
        sc,
        &format!("{} characters created through the dialogue", ls.n),
        Some(ls.per_sec),
        "logins/s",
        None,
        format!("{:.1} s", ls.secs),
    );
    // Spread the fighters over the rooms, a post for each.
    let setup = Instant::now();
    for (i, &a) in fagents.iter().enumerate() {
        let room = rooms[i % rooms.len()];
        let name = load.agents[a].name.clone();
        // Level 20: the wolves of the Fernwold leave them alone.
        for line in [
            format!("advance {name} {FIGHTER_LEVEL}"),
            format!("transfer {name} {room}"),
            format!("at {room} load mob {TRAINING_POST}"),
        ] {
            load.command(imm, &line);
            load.run_until(Duration::from_secs(10), |l| !l.awaiting(imm));
        }
    }
    let setup_secs = setup.elapsed().as_secs_f64();
    // The same players before the fights, for comparison.
    load.set_rate(pg, 1.0);
    load.run_for(Duration::from_secs(2));
    let q0 = Instant::now();
    load.run_for(Duration::from_secs(quiet_secs));
    let quiet = load.round_trips(pg, q0, Instant::now());
    for &g in &fgroups {
        load.set_rate(g, 1.0 / 3.0);
    }
    // Every fighter has swung within two rounds; then measure.
    load.run_for(Duration::from_secs(8));
    let mark = server.log_len();
    let cpu_gen0 = load::own_cpu_seconds();
    load.reset_turns();
    let c0 = server.cpu_seconds();
    let t0 = Instant::now();
    load.run_for(Duration::from_secs(secs));
    let t1 = Instant::now();
    let c1 = server.cpu_seconds();
    let cpu_gen = load::own_cpu_seconds() - cpu_gen0;
    let wall = (t1 - t0).as_secs_f64();
    load.set_rate(pg, 0.0);
    load.run_until(Duration::from_secs(10), |l| {
        pagents.iter().all(|&a| !l.awaiting(a))
    });
    let logged: Vec<(Instant, String)> = server
        .log
        .lock()
        .map(|l| {
            l.iter()
                .skip(mark)
                .filter(|(at, _)| *at <= t1)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    // Only windows that lie wholly within the measured time.
    let windows: Vec<Window> = logged
        .iter()
        .filter_map(|(at, l)| Some((*at, violence_line(l)?)))
        .filter(|(at, w)| *at >= t0 + Duration::from_secs_f64(w.secs))
        .map(|(_, w)| w)
        .collect();
    let lines: Vec<String> = logged.into_iter().map(|(_, l)| l).collect();
    let slow = lines
        .iter()
        .filter(|l| l.contains("slow violence_update"))
        .count();
    let rounds: f64 = windows.iter().map(|w| w.rounds).sum();
    let vmax = windows.iter().map(|w| w.max).reduce(f64::max);
    let vp50 = median(windows.iter().map(|w| w.p50).collect());
    let fighting = median(windows.iter().map(|w| w.fighting).collect());
    let fighting_max = windows.iter().map(|w| w.fighting_max).reduce(f64::max);
    let deaths = lines.iter().filter(|l| l.contains(" killed by ")).count();
    let scale = if players == 1000 {
        String::new()
    } else {
        "; --quick: fewer players than the target's 1,000".into()
    };
    b.row(
        sc,
        "violence_update per round: p50",
        vp50,
        "ms",
        None,
        format!(
            "median of {} windows' p50 (10 rounds, 30 s each); {fighters} level-{FIGHTER_LEVEL} fighters in {} rooms, {per_room} a room, each with its own post (set up in {setup_secs:.1} s)",
            windows.len(),
            rooms.len().min(fighters)
        ),
    );
    b.row(
        sc,
        "violence_update per round: max",
        vmax,
        "ms",
        Some(Target::AtMost(5.0)),
        format!("{rounds:.0} rounds in the windows wholly measured; {slow} rounds over 5 ms in all {wall:.0} s{scale}"),
    );
    b.row(
        sc,
        "characters fighting",
        fighting,
        "",
        None,
        format!(
            "server's count, median of windows' means (most in a round: {}): players and posts, 2 × {fighters} when every fighter is in a fight; {deaths} players killed",
            fighting_max.map_or_else(|| "?".to_string(), |m| format!("{m:.0}"))
        ),
    );
    let p = load.round_trips(pg, t0, t1 + Duration::from_secs(10));
    let grp = &load.groups[pg];
    let note = format!(
        "{} other players, look/move at 1/s: {} round trips in {secs} s; lost {}, skipped {}",
        players - fighters,
        p.n,
        grp.lost,
        grp.skipped
    );
    b.row(sc, "other players: p50", Some(p.p50), "ms", None, note);
    let quiet_note = format!(
        "before the fights ({quiet_secs} s, fighters idle): p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms{scale}",
        quiet.p50, quiet.p99, quiet.max
    );
    b.row(
        sc,
        "other players: p99",
        Some(p.p99),
        "ms",
        Some(Target::AtMost(2.0)),
        quiet_note,
    );
    b.row(sc, "other players: max", Some(p.max), "ms", None, "");
    if let (Some(a), Some(z)) = (c0, c1) {
        b.row(
            sc,
            "server CPU",
            Some((z - a) / wall * 100.0),
            "%",
            None,
            format!(
                "of one core; the generator used {:.0}% meanwhile (its longest turn {:.1} ms, {} turns > 1 ms)",
                cpu_gen / wall * 100.0,
                load.turn_max.as_secs_f64() * 1000.0,
                load.turns_over_1ms
            ),
        );
    }
    let drops = load.count(&all, |a| a.dropped);
    b.row(
        sc,
        "drops",
        Some(drops as f64),
        "",
        Some(Target::AtMost(0.0)),
        "fighters and other players",
    );
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// 4. Logins under load

fn scenario_logins(b: &mut Bench) {
    let sc = "4 logins under load";
    let (players, newcomers) = if b.quick { (200, 100) } else { (500, 200) };
    let (server, mut load, g, agents, _) = match server_with_players(b, "logins", players) {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    load.set_rate(g, 1.0);
    load.run_for(Duration::from_secs(2));
    let before0 = Instant::now();
    load.run_for(Duration::from_secs(5));
    let before = load.round_trips(g, before0, Instant::now());
    // All newcomers connect at once.
    load.settings.login_parallel = newcomers + 1;
    let ng = load.group("newcomers", 0.0, 0);
    let t0 = Instant::now();
    let fresh = load.add(ng, players, newcomers, false);
    let ls = login_all(&mut load, &fresh, "newcomers");
    let t1 = Instant::now();
    load.run_for(Duration::from_secs(1));
    let during = load.round_trips(g, t0, t1);
    match ls {
        Ok(ls) => {
            b.row(
                sc,
                &format!("{newcomers} logins at once, {players} playing"),
                Some(ls.per_sec),
                "logins/s",
                Some(Target::AtLeast(200.0)),
                format!("all in {:.2} s (first connect → last in game)", ls.secs),
            );
        }
        Err(e) => b.failed(sc, &e),
    }
    b.row(
        sc,
        "players' p99 during the logins",
        Some(during.p99),
        "ms",
        Some(Target::AtMost(5.0)),
        format!(
            "{} round trips; p50 {} ms, max {} ms; before: p99 {} ms",
            during.n,
            fmt_num(during.p50),
            fmt_num(during.max),
            fmt_num(before.p99)
        ),
    );
    let drops = load.count(&agents, |a| a.dropped);
    b.row(
        sc,
        "drops",
        Some(drops as f64),
        "",
        Some(Target::AtMost(0.0)),
        "",
    );
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// 5. Copyover (and 6. memory per player, which ends with the biggest copyover)

struct CopyoverOutcome {
    total_ms: Option<f64>,
    split: Option<String>,
    drops: usize,
    unresponsive: usize,
    note: String,
}

/// Trigger a copyover from the immortal `imm` and time it from outside:
/// command sent → the last of `agents` (and the immortal) has received
/// "Your body rematerializes.".
fn copyover(
    load: &mut Load,
    server: &mut ServerProc,
    imm: usize,
    agents: &[usize],
) -> CopyoverOutcome {
    let mut everyone: Vec<usize> = agents.to_vec();
    everyone.push(imm);
    for &a in &everyone {
        if let Some(i) = load.agents[a].conn {
            load.swarm.watch(i, Some(REMATERIALIZE));
        }
    }
    let dropped_before = load.count(&everyone, |a| a.dropped);
    let mark = server.log_len();
    load.agents[imm].buf.clear();
    let t0 = Instant::now();
    load.say(imm, "copyover");
    let hit = |l: &Load, a: usize| {
        l.agents[a]
            .conn
            .and_then(|i| l.swarm.bots.get(i))
            .and_then(|b| b.watch_hit)
    };
    let unavailable = |l: &Load, s: &ServerProc| {
        l.agents[imm].buf.contains("Huh?") || s.find_after(mark, "cannot copyover").is_some()
    };
    let all_done = |l: &Load| {
        everyone
            .iter()
            .all(|&a| hit(l, a).is_some() || l.agents[a].dropped)
    };
    // A copyover that starts shows within seconds; then allow a minute.
    let started = load.run_until(Duration::from_secs(15), |l| {
        unavailable(l, server) || all_done(l) || everyone.iter().any(|&a| hit(l, a).is_some())
    });
    let finished = started && load.run_until(Duration::from_secs(60), |l| all_done(l));
    let mut out = CopyoverOutcome {
        total_ms: None,
        split: None,
        drops: load.count(&everyone, |a| a.dropped) - dropped_before,
        unresponsive: 0,
        note: String::new(),
    };
    if unavailable(load, server) || (!started && server.alive()) {
        let said = load.agents[imm].buf.trim().replace('\n', " / ");
        out.note =
            format!("not available: nobody rematerialized within 15 s (the immortal got {said:?})");
        return out;
    }
    if !server.alive() {
        out.note = format!(
            "the server died: {}",
            server.log_tail(5).replace('\n', " / ")
        );
        return out;
    }
    let hits: Vec<Instant> = everyone.iter().filter_map(|&a| hit(load, a)).collect();
    if !finished || hits.len() < everyone.len() {
        out.note = format!(
            "only {} of {} saw {REMATERIALIZE:?} within 60 s",
            hits.len(),
            everyone.len()
        );
    }
    if let Some(last) = hits.iter().max() {
        out.total_ms = Some((*last - t0).as_secs_f64() * 1000.0);
    }
    if let Some((_, line)) = server.wait_log(mark, "copyover timings:", Duration::from_secs(5)) {
        let p = line.find("copyover timings:").map_or(0, |p| p + 17);
        out.split = Some(line[p..].trim().to_string());
    }
    // Everyone still answers a command.
    let lost0: u64 = load.groups.iter().map(|g| g.lost).sum();
    for &a in agents {
        if !load.agents[a].dropped {
            load.command(a, "look");
        }
    }
    load.run_until(Duration::from_secs(30), |l| {
        agents.iter().all(|&a| !l.awaiting(a))
    });
    let lost1: u64 = load.groups.iter().map(|g| g.lost).sum();
    out.unresponsive =
        (lost1 - lost0) as usize + agents.iter().filter(|&&a| load.awaiting(a)).count();
    for &a in &everyone {
        if let Some(i) = load.agents[a].conn {
            load.swarm.watch(i, None);
        }
    }
    out
}

/// The server's own step times for the copyover logged after `mark`, from
/// its `copyover hand-over:`, `copyover recovery:` and `copyover timings:`
/// lines, in the order of the table (name, ms).
fn copyover_steps(server: &ServerProc, mark: usize) -> Vec<(&'static str, f64)> {
    let line = |needle: &str| server.find_after(mark, needle).map(|(_, l)| l);
    let hand = line("copyover hand-over:").unwrap_or_default();
    let rec = line("copyover recovery:").unwrap_or_default();
    let tim = line("copyover timings:").unwrap_or_default();
    let mut out = Vec::new();
    let mut put = |name: &'static str, text: &str, key: &str| {
        if let Some(v) = number_after(text, key) {
            out.push((name, v));
        }
    };
    put("preflight", &tim, "preflight=");
    put("announce", &hand, "announced ");
    put("save", &hand, "saved ");
    put("flush", &hand, "flushed ");
    put("files", &hand, "files written ");
    put("fork", &tim, "fork=");
    put("exec", &tim, "exec=");
    put("areas", &tim, "reload=");
    put("adopt", &rec, "sockets adopted ");
    put("players", &rec, "players ");
    put("world", &rec, "world ");
    put("shown", &rec, "rooms shown ");
    put("flushed", &rec, "flushed ");
    put("total", &tim, "total=");
    put("pause", &tim, "pause=");
    out
}

/// Run `runs` copyovers one after the other (calling `between` before each
/// but the first) and report the medians: the client's time, the players'
/// pause and each step the server logs.
#[allow(clippy::too_many_arguments)]
fn copyover_series(
    b: &mut Bench,
    load: &mut Load,
    server: &mut ServerProc,
    imm: usize,
    agents: &[usize],
    label: &str,
    runs: usize,
    targets: (Option<f64>, Option<f64>),
    mut between: impl FnMut(&mut Load, usize),
) -> bool {
    let sc = "5 copyover";
    let mut totals = Vec::new();
    let mut steps: Vec<Vec<(&'static str, f64)>> = Vec::new();
    let (mut drops, mut unresponsive) = (0, 0);
    let mut notes = Vec::new();
    let mut ok = true;
    for run in 0..runs {
        if run > 0 {
            between(load, run);
        }
        load.run_for(Duration::from_millis(500));
        let mark = server.log_len();
        let o = copyover(load, server, imm, agents);
        drops += o.drops;
        unresponsive += o.unresponsive;
        if let Some(t) = o.total_ms {
            totals.push(t);
        }
        // The recovery line comes a moment after the timings line.
        let _ = server.wait_log(mark, "copyover recovery:", Duration::from_secs(5));
        steps.push(copyover_steps(server, mark));
        if !o.note.is_empty() {
            notes.push(o.note.clone());
        }
        if o.note.starts_with("not available") || !server.alive() {
            ok = false;
            break;
        }
    }
    let step = |name: &str| {
        median(
            steps
                .iter()
                .filter_map(|s| s.iter().find(|(n, _)| *n == name).map(|x| x.1))
                .collect(),
        )
    };
    // The players' pause: announcement → rematerialize, as the server saw
    // it (an older binary does not log it: its total less the preflight).
    let pause = step("pause").or_else(|| Some(step("total")? - step("preflight")?));
    let names = [
        "preflight",
        "announce",
        "save",
        "flush",
        "files",
        "fork",
        "exec",
        "areas",
        "adopt",
        "players",
        "world",
        "shown",
        "flushed",
        "total",
    ];
    let split: Vec<String> = names
        .iter()
        .filter_map(|n| step(n).map(|v| format!("{n} {}", fmt_num(v))))
        .collect();
    let each: Vec<String> = totals.iter().map(|t| format!("{t:.0}")).collect();
    let mut note = format!(
        "median of {} (each: {} ms); server steps, ms (medians): {}",
        totals.len(),
        each.join(", "),
        if split.is_empty() {
            "no timing lines".to_string()
        } else {
            split.join(", ")
        }
    );
    if !notes.is_empty() {
        note = format!("{}; {note}", notes.join("; "));
    }
    b.row(
        sc,
        &format!("{label}: command → last player restored"),
        median(totals.clone()),
        "ms",
        targets.0.map(Target::AtMost),
        note,
    );
    b.row(
        sc,
        &format!("{label}: players' pause (announcement → rematerialize)"),
        if totals.is_empty() { None } else { pause },
        "ms",
        targets.1.map(Target::AtMost),
        "server's time from the announcement to the last player's room written (median)",
    );
    b.row(
        sc,
        &format!("{label}: drops"),
        (!totals.is_empty()).then_some(drops as f64),
        "",
        Some(Target::AtMost(0.0)),
        format!("{unresponsive} did not answer a `look` afterwards"),
    );
    ok
}

/// Rooms players can be sent to for the copyover runs: every room but the
/// private, solitary and level-limited ones (and limbo's, below 100).
fn spread_rooms(b: &Bench) -> Vec<i32> {
    use gracemud::world::{
        ROOM_GODS_ONLY, ROOM_HEROES_ONLY, ROOM_IMP_ONLY, ROOM_NEWBIES_ONLY, ROOM_PRIVATE,
        ROOM_SOLITARY,
    };
    let bad = ROOM_PRIVATE
        | ROOM_SOLITARY
        | ROOM_IMP_ONLY
        | ROOM_GODS_ONLY
        | ROOM_HEROES_ONLY
        | ROOM_NEWBIES_ONLY;
    let report = gracemud::db::load_area_dir(&b.areas);
    let mut rooms: Vec<i32> = report
        .protos
        .rooms
        .values()
        .filter(|r| r.vnum.0 >= 100 && r.flags & bad == 0)
        .map(|r| r.vnum.0)
        .collect();
    rooms.sort_unstable();
    rooms
}

/// Have the immortal put agent i in `room(i)`; returns the most players
/// in one room.
fn place(load: &mut Load, imm: usize, agents: &[usize], room: impl Fn(usize) -> i32) -> usize {
    let mut count: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for (i, &a) in agents.iter().enumerate() {
        let r = room(i);
        *count.entry(r).or_default() += 1;
        let name = load.agents[a].name.clone();
        load.command(imm, &format!("transfer {name} {r}"));
        load.run_until(Duration::from_secs(10), |l| !l.awaiting(imm));
    }
    // Let the transferred players' own output drain.
    load.run_for(Duration::from_secs(1));
    count.values().copied().max().unwrap_or(0)
}

/// Give every agent a new title (so every player file changes and each
/// copyover of a series saves everyone, like the first).
fn retitle(load: &mut Load, agents: &[usize], k: usize) {
    for &a in agents {
        if !load.is_dropped(a) {
            load.command(a, &format!("title takes a turn ({k})"));
        }
    }
    load.run_until(Duration::from_secs(30), |l| {
        agents.iter().all(|&a| !l.awaiting(a))
    });
}

/// Spread `agents` over the rooms at most `per_room` to a room (or as few
/// as the world allows), three copyovers with everyone's file changed
/// before each.
#[allow(clippy::too_many_arguments)]
fn spread_series(
    b: &mut Bench,
    load: &mut Load,
    server: &mut ServerProc,
    imm: usize,
    agents: &[usize],
    per_room: usize,
    runs: usize,
    targets: (Option<f64>, Option<f64>),
) -> bool {
    let rooms = spread_rooms(b);
    if rooms.is_empty() {
        b.failed("5 copyover", "no rooms to spread players over");
        return false;
    }
    let used = agents.len().div_ceil(per_room).clamp(1, rooms.len());
    let most = place(load, imm, agents, |i| rooms[i % used]);
    let label = format!("{} spread players ({most} a room at most)", agents.len());
    copyover_series(
        b,
        load,
        server,
        imm,
        agents,
        &label,
        runs,
        targets,
        |l, k| retitle(l, agents, k),
    )
}

fn scenario_copyover(b: &mut Bench) {
    let sc = "5 copyover";
    let (mut server, mut load, imm) = match server_with_immortal(b, "copyover") {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    let g = load.group("players", 0.0, 6);
    let mut agents = Vec::new();
    let levels: &[usize] = if b.quick { &[100, 300] } else { &[100, 1000] };
    let runs = 3;
    for &n in levels {
        let new = load.add(g, agents.len(), n - agents.len(), false);
        agents.extend_from_slice(&new);
        if let Err(e) = login_all(&mut load, &new, "players") {
            b.failed(sc, &e);
            break;
        }
        load.run_for(Duration::from_secs(1));
        let targets = if n == 1000 {
            (Some(50.0), Some(40.0))
        } else {
            (None, None)
        };
        if !spread_series(b, &mut load, &mut server, imm, &agents, 10, runs, targets) {
            break;
        }
    }
    // The same players, all in one room: every `look` lists the others.
    if server.alive() && !agents.is_empty() {
        let rooms = spread_rooms(b);
        if let Some(&room) = rooms.first() {
            place(&mut load, imm, &agents, |_| room);
            let label = format!("{} players in one room", agents.len());
            let target = (agents.len() == 1000).then_some(250.0);
            copyover_series(
                b,
                &mut load,
                &mut server,
                imm,
                &agents,
                &label,
                runs,
                (target, None),
                |l, k| retitle(l, &agents, k),
            );
        }
    }
    drop(load);
    server.stop(b.keep);
}

/// Start a server and log `players` new players in, all in one group
/// ("players", idle, walking 6); on failure what was started is stopped.
/// Returns the server, the load, the group, its agents and the login stats.
fn server_with_players(
    b: &Bench,
    tag: &str,
    players: usize,
) -> Result<(ServerProc, Load, usize, Vec<usize>, LoginStats), String> {
    let server = ServerProc::start(&b.bin, &b.areas, tag)?;
    let mut load = Load::new(b.settings(&server)).map_err(|e| e.to_string())?;
    let g = load.group("players", 0.0, 6);
    let agents = load.add(g, 0, players, false);
    match login_all(&mut load, &agents, "players") {
        Ok(ls) => Ok((server, load, g, agents, ls)),
        Err(e) => {
            drop(load);
            server.stop(true);
            Err(e)
        }
    }
}

/// Start a server and log the immortal in first (it becomes implementor).
fn server_with_immortal(b: &Bench, tag: &str) -> Result<(ServerProc, Load, usize), String> {
    let server = ServerProc::start(&b.bin, &b.areas, tag)?;
    let mut load = Load::new(b.settings(&server)).map_err(|e| e.to_string())?;
    let ig = load.group("immortal", 0.0, 0);
    let imm = load.add_named(ig, IMMORTAL);
    if let Err(e) = login_all(&mut load, &[imm], "immortal") {
        drop(load);
        server.stop(true);
        return Err(e);
    }
    Ok((server, load, imm))
}

// ---------------------------------------------------------------------------
// 6. Memory per player

fn scenario_memory(b: &mut Bench) {
    let sc = "6 memory per player";
    let (top, step) = if b.quick { (1000, 250) } else { (5000, 500) };
    let (mut server, mut load, imm) = match server_with_immortal(b, "memory") {
        Ok(x) => x,
        Err(e) => return b.failed(sc, &e),
    };
    let g = load.group("players", 0.0, 6);
    let mut agents = Vec::new();
    load.run_for(Duration::from_secs(1));
    let mut samples: Vec<(f64, f64)> = Vec::new();
    if let Some(r) = server.rss_kb() {
        samples.push((0.0, r * 1024.0));
    }
    let t0 = Instant::now();
    while agents.len() < top {
        let new = load.add(g, agents.len(), step, false);
        agents.extend_from_slice(&new);
        if let Err(e) = login_all(&mut load, &new, "players") {
            b.failed(sc, &e);
            break;
        }
        load.run_for(Duration::from_secs(1));
        if let Some(r) = server.rss_kb() {
            samples.push((logged_in(&load, &agents) as f64, r * 1024.0));
        }
        eprintln!(
            "bench: {} players in, RSS {:.1} MB",
            agents.len(),
            samples.last().map_or(0.0, |s| s.1 / 1048576.0)
        );
    }
    let secs = t0.elapsed().as_secs_f64();
    // Least-squares slope over the samples after the first player (the
    // first login also brings the hash worker's one-off buffers).
    let pts: Vec<(f64, f64)> = samples.iter().copied().skip(1).collect();
    let slope = if pts.len() >= 2 {
        let n = pts.len() as f64;
        let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
        let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
        let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
        let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
        (sxx > 0.0).then(|| sxy / sxx / 1000.0)
    } else {
        None
    };
    let first = samples.first().map_or(0.0, |s| s.1);
    let last = samples.last().map_or(0.0, |s| s.1);
    let n = logged_in(&load, &agents);
    b.row(
        sc,
        &format!("RSS slope, 0 → {n} logged-in players"),
        slope,
        "kB/player",
        Some(Target::AtMost(10.0)),
        format!(
            "RSS {:.1} MB → {:.1} MB; {} samples; logins took {secs:.0} s",
            first / 1048576.0,
            last / 1048576.0,
            samples.len()
        ),
    );
    if n == top {
        let target = (n == 5000).then_some(250.0);
        spread_series(
            b,
            &mut load,
            &mut server,
            imm,
            &agents,
            10,
            if b.quick { 1 } else { 3 },
            (target, None),
        );
        if let Some(r) = server.rss_kb() {
            b.row(
                sc,
                &format!("RSS after copyover with {n}"),
                Some(r / 1024.0),
                "MB",
                None,
                "",
            );
        }
    }
    drop(load);
    server.stop(b.keep);
}

// ---------------------------------------------------------------------------
// Diagnostics, machine, output

/// Time the server's password hash (argon2, the crate's defaults) here.
fn hash_cost(b: &mut Bench) {
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        if gracemud::net::hash::hash_password("loadtest1").is_err() {
            return;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let m = median(times);
    b.row(
        "diagnostic",
        "one argon2 hash (server's parameters)",
        m,
        "ms",
        None,
        m.map_or(String::new(), |m| {
            format!("one hash worker thread: at most {:.0} logins/s", 1000.0 / m)
        }),
    );
}

/// Busy CPU seconds of the whole machine so far (/proc/stat, all cores).
fn machine_busy_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/stat").ok()?;
    let line = s.lines().find(|l| l.starts_with("cpu "))?;
    let f: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle/iowait.
    let busy: f64 = f
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, v)| v)
        .sum();
    Some(busy / CLK_TCK)
}

/// CPU seconds of this process plus its reaped children (the servers).
fn ours_seconds() -> f64 {
    use nix::sys::resource::{getrusage, UsageWho};
    let t = |tv: nix::sys::time::TimeVal| tv.tv_sec() as f64 + tv.tv_usec() as f64 / 1e6;
    [UsageWho::RUSAGE_SELF, UsageWho::RUSAGE_CHILDREN]
        .into_iter()
        .filter_map(|w| getrusage(w).ok())
        .map(|u| t(u.user_time()) + t(u.system_time()))
        .sum()
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    // Days to civil date (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn header(b: &Bench) -> Vec<String> {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    vec![
        format!(
            "{} · {cores} cores ({}) · {}{}",
            today(),
            cpu_model(),
            if b.quick { "--quick run" } else { "full run" },
            ""
        ),
        format!(
            "Load average at the start: {} (other work on the machine skews the numbers).",
            std::fs::read_to_string("/proc/loadavg")
                .ok()
                .and_then(|l| l.split_whitespace().next().map(str::to_string))
                .unwrap_or_else(|| "?".into())
        ),
        "The load generator runs on the same machine and shares those cores with the server; \
         round trips are measured by the generator (sent → prompt), CPU and RSS from /proc."
            .into(),
    ]
}

fn markdown(b: &Bench) -> String {
    let mut s = String::new();
    for h in header(b) {
        s.push_str(&h);
        s.push_str("\n\n");
    }
    s.push_str("| scenario | measure | value | target | | notes |\n|---|---|---|---|---|---|\n");
    for r in &b.rows {
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.scenario,
            r.metric,
            r.value_text(),
            r.target_text(),
            r.verdict(),
            r.note.replace('|', "/")
        ));
    }
    s
}

fn json(b: &Bench) -> String {
    let rows: Vec<String> = b
        .rows
        .iter()
        .map(|r| {
            format!(
                "{{\"scenario\": {}, \"metric\": {}, \"value\": {}, \"unit\": {}, \"target\": {}, \"verdict\": {}, \"note\": {}}}",
                json::string(&r.scenario),
                json::string(&r.metric),
                r.value.map_or("null".into(), |v| format!("{v:.4}")),
                json::string(r.unit),
                json::string(&r.target_text()),
                json::string(r.verdict()),
                json::string(&r.note)
            )
        })
        .collect();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{{\"date\": {}, \"cores\": {cores}, \"cpu\": {}, \"quick\": {}, \"shared_cores\": true, \"rows\": [\n  {}\n]}}",
        json::string(&today()),
        json::string(&cpu_model()),
        b.quick,
        rows.join(",\n  ")
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = getopts::Options::new();
    opts.optopt("", "bin", "server binary (target/release/gracemud)", "PATH");
    opts.optopt("a", "areas", "bundled world (areas)", "DIR");
    opts.optopt(
        "",
        "rom-areas",
        "second world for the boot test (../shared/rom-areas)",
        "DIR",
    );
    opts.optopt("", "only", "scenarios to run, e.g. 1,3,5 (all)", "LIST");
    opts.optopt("o", "out", "also write the markdown table to FILE", "FILE");
    opts.optflag("", "quick", "shorter runs, fewer players");
    opts.optflag("", "json", "print JSON instead of the table");
    opts.optflag("", "keep", "keep the servers' temp dirs (logs)");
    opts.optflag("h", "help", "this text");
    let m = match opts.parse(&args) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("gracemud-bench: {e}");
            std::process::exit(2);
        }
    };
    if m.opt_present("h") {
        print!("{}", opts.usage("Usage: gracemud-bench [options]"));
        return;
    }
    let abs = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
    let bin = abs(m
        .opt_str("bin")
        .map_or_else(|| PathBuf::from("target/release/gracemud"), PathBuf::from));
    let areas = abs(m
        .opt_str("areas")
        .map_or_else(|| PathBuf::from("areas"), PathBuf::from));
    let rom = abs(m
        .opt_str("rom-areas")
        .map_or_else(|| PathBuf::from("../shared/rom-areas"), PathBuf::from));
    if !bin.is_file() {
        eprintln!(
            "gracemud-bench: no server binary at {} (cargo build --release)",
            bin.display()
        );
        std::process::exit(2);
    }
    let only: Vec<u32> = m
        .opt_str("only")
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_default();
    let want = |n: u32| only.is_empty() || only.contains(&n);
    let nofile = load::raise_nofile();
    if nofile < 10_100 {
        eprintln!(
            "gracemud-bench: RLIMIT_NOFILE is only {nofile}: the 10,000-connection run will fail"
        );
    }
    let mut b = Bench {
        bin,
        areas,
        rom_areas: rom.join("area.lst").is_file().then_some(rom),
        quick: m.opt_present("quick"),
        keep: m.opt_present("keep"),
        rows: Vec::new(),
    };
    for h in header(&b) {
        eprintln!("bench: {h}");
    }
    let busy0 = machine_busy_seconds();
    let ours0 = ours_seconds();
    let wall0 = Instant::now();
    hash_cost(&mut b);
    if want(1) {
        scenario_boot(&mut b);
    }
    if want(2) {
        scenario_idle(&mut b);
    }
    if want(3) {
        scenario_latency(&mut b);
    }
    if want(4) {
        scenario_logins(&mut b);
    }
    if want(5) {
        scenario_copyover(&mut b);
    }
    if want(6) {
        scenario_memory(&mut b);
    }
    if want(7) {
        scenario_attack(&mut b);
    }
    if want(8) {
        scenario_fight(&mut b);
    }
    if let (Some(a), Some(z)) = (busy0, machine_busy_seconds()) {
        let wall = wall0.elapsed().as_secs_f64();
        let others = ((z - a) - (ours_seconds() - ours0)).max(0.0);
        b.row(
            "diagnostic",
            "CPU used by other processes during the bench",
            Some(others / wall * 100.0),
            "% of a core",
            None,
            format!("averaged over {wall:.0} s; anything much above 0 skews the numbers"),
        );
    }
    let table = markdown(&b);
    if let Some(path) = m.opt_str("out") {
        if let Err(e) = std::fs::write(&path, &table) {
            eprintln!("gracemud-bench: {path}: {e}");
        }
    }
    if m.opt_present("json") {
        println!("{}", json(&b));
    } else {
        print!("{table}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_servers_violence_line() {
        let w = violence_line(
            "[2026-12-04T16:51:05Z INFO  gracemud::game] violence_update: 10 rounds in 30 s, p50 3.186 ms, max 5.994 ms, 971 fighting (max 987)",
        );
        let Some(w) = w else {
            panic!("not read");
        };
        assert_eq!(
            (w.p50, w.max, w.rounds, w.secs, w.fighting, w.fighting_max),
            (3.186, 5.994, 10.0, 30.0, 971.0, 987.0)
        );
    }
}
