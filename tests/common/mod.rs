//! The shared integration-test harness: start the real `gracemud` binary on
//! a free 127.0.0.1 port with its own temporary player directory, talk to it
//! over TCP, and clean up (kill by pid, remove the directory) on drop.
//!
//! ```ignore
//! mod common;
//! let server = common::Server::start()?;
//! let mut c = server.connect()?;
//! c.create_character("Alice", "secret1")?;
//! c.send_line("look")?;
//! c.expect("Drill Yard", common::WAIT)?;
//! ```
//!
//! Every wait is bounded; `expect` returns `Err` with what was received so
//! far instead of hanging. Telnet negotiation (IAC sequences) and ANSI colour
//! escapes are stripped from what tests see, and CR LF becomes `\n`.
//!
//! The world comes from `$GRACEMUD_TEST_AREAS` if set, else the bundled
//! `areas/`, else `../shared/rom-areas`.

#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// A generous default for one expected reply.
pub const WAIT: Duration = Duration::from_secs(10);

static UNIQUE: AtomicU32 = AtomicU32::new(0);

/// A fresh, unique directory under the system temp dir.
pub fn fresh_dir(tag: &str) -> PathBuf {
    let n = UNIQUE.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(
        "gracemud-test-{tag}-{}-{n}-{nanos}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The area directory the tests boot.
pub fn areas_dir() -> PathBuf {
    if let Ok(d) = std::env::var("GRACEMUD_TEST_AREAS") {
        return PathBuf::from(d);
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let own = manifest.join("areas");
    if own.join("area.lst").is_file() {
        own
    } else {
        manifest.join("../shared/rom-areas")
    }
}

/// How to start a server beyond the defaults.
#[derive(Default)]
pub struct Launch<'a> {
    /// The area directory (default: [`areas_dir`]).
    pub areas: Option<&'a Path>,
    /// Extra command-line arguments.
    pub extra: &'a [&'a str],
    /// Extra environment variables.
    pub env: &'a [(&'a str, &'a str)],
    /// An open-file limit (`ulimit -n`) for the server.
    pub nofile: Option<u32>,
}

/// A running server; killed (by pid) and cleaned up on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The temporary directory holding `player/` and `server.log`.
    pub root: PathBuf,
    pub player_dir: PathBuf,
    pub area_dir: PathBuf,
    /// Keep the directory after drop (set when debugging a failure).
    pub keep: bool,
}

impl Server {
    /// Boot on the default world with an empty player directory.
    pub fn start() -> Result<Server, String> {
        Server::start_with(&areas_dir(), &[])
    }

    /// Boot on `areas` with extra command-line arguments.
    pub fn start_with(areas: &Path, extra: &[&str]) -> Result<Server, String> {
        Server::launch(&Launch {
            areas: Some(areas),
            extra,
            ..Launch::default()
        })
    }

    /// Boot as `how` says (arguments, environment, open-file limit).
    pub fn launch(how: &Launch<'_>) -> Result<Server, String> {
        let default_areas = areas_dir();
        let areas = how.areas.unwrap_or(&default_areas);
        let root = fresh_dir("srv");
        let player_dir = root.join("player");
        let _ = std::fs::create_dir_all(&player_dir);
        let mut last = String::new();
        // A port found free can be taken before the server binds it: retry.
        for _ in 0..5 {
            let port = free_port().map_err(|e| format!("no free port: {e}"))?;
            match Server::spawn(&root, &player_dir, areas, port, how) {
                Ok(s) => return Ok(s),
                Err(e) => last = e,
            }
        }
        let _ = std::fs::remove_dir_all(&root);
        Err(last)
    }

    /// Start again on an existing player directory (e.g. after a shutdown).
    pub fn restart(mut self) -> Result<Server, String> {
        self.stop();
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port().map_err(|e| format!("no free port: {e}"))?;
            match Server::spawn(
                &self.root,
                &self.player_dir,
                &self.area_dir,
                port,
                &Launch::default(),
            ) {
                Ok(s) => {
                    self.keep = true; // the new guard owns the directory now
                    return Ok(s);
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn spawn(
        root: &Path,
        player_dir: &Path,
        areas: &Path,
        port: u16,
        how: &Launch<'_>,
    ) -> Result<Server, String> {
        let log_path = root.join("server.log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(|e| format!("{}: {e}", log_path.display()))?;
        let log2 = log.try_clone().map_err(|e| e.to_string())?;
        let bin = env!("CARGO_BIN_EXE_gracemud");
        // An open-file limit goes through the shell's `ulimit`, which then
        // execs the server: the child's pid is the server's.
        let mut command = match how.nofile {
            Some(n) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                    .arg(bin);
                c
            }
            None => Command::new(bin),
        };
        for (k, v) in how.env {
            command.env(k, v);
        }
        let child = command
            .arg("-p")
            .arg(port.to_string())
            .arg("-a")
            .arg(areas)
            .arg("-P")
            .arg(player_dir)
            .args(how.extra)
            // The server writes gracemud-<port>.pid (and copyover files) in its
            // working directory: keep each test server's apart.
            .current_dir(root)
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()),
            )
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log2))
            .spawn()
            .map_err(|e| format!("cannot start gracemud: {e}"))?;
        let mut server = Server {
            child,
            port,
            root: root.to_path_buf(),
            player_dir: player_dir.to_path_buf(),
            area_dir: areas.to_path_buf(),
            keep: false,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                server.keep = true;
                return Err(format!(
                    "gracemud exited ({status}) before listening:\n{}",
                    server.log()
                ));
            }
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(server);
            }
            if Instant::now() > deadline {
                server.stop();
                server.keep = true;
                return Err(format!(
                    "gracemud did not listen on {port} within 30 s:\n{}",
                    server.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Open a telnet-ish connection.
    pub fn connect(&self) -> Result<Client, String> {
        Client::connect(self.port)
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.root.join("server.log")).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait for the process to exit on its own (after `shutdown`).
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<std::process::ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.child.try_wait() {
                Ok(Some(s)) => return Ok(s),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                Ok(None) => return Err("still running".into()),
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// Kill the server (by its pid) and reap it.
    pub fn stop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
        if !self.keep && !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.root);
        } else if std::thread::panicking() {
            eprintln!(
                "server log kept in {}:\n{}",
                self.root.display(),
                self.log()
            );
        }
    }
}

pub use gracemud::client::connect_from;

/// A free port on 127.0.0.1 (bind port 0 and let go).
pub use gracemud::client::free_port;

/// One player's connection.
pub struct Client {
    stream: TcpStream,
    /// Bytes read but not yet cleaned (an IAC sequence may be split).
    raw: Vec<u8>,
    /// Clean text not yet consumed by `expect`.
    pub buf: String,
    /// Everything seen so far (clean).
    pub transcript: String,
    pub closed: bool,
}

impl Client {
    pub fn connect(port: u16) -> Result<Client, String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
            .map_err(|e| format!("connect {port}: {e}"))?;
        Client::wrap(stream)
    }

    /// Connect from another loopback address (`[127, 0, 0, 2]`, ...), so a
    /// test can play several client addresses (all of 127/8 is loopback).
    pub fn connect_from(port: u16, from: [u8; 4]) -> Result<Client, String> {
        let stream = connect_from(port, from).map_err(|e| format!("connect {port}: {e}"))?;
        Client::wrap(stream)
    }

    fn wrap(stream: TcpStream) -> Result<Client, String> {
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .map_err(|e| e.to_string())?;
        Ok(Client {
            stream,
            raw: Vec::new(),
            buf: String::new(),
            transcript: String::new(),
            closed: false,
        })
    }

    /// Send raw bytes (no line end added).
    pub fn send_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.stream
            .write_all(bytes)
            .map_err(|e| format!("send {bytes:?}: {e}"))
    }

    pub fn send_line(&mut self, line: &str) -> Result<(), String> {
        self.stream
            .write_all(format!("{line}\r\n").as_bytes())
            .map_err(|e| format!("send {line:?}: {e}"))
    }

    /// Read what is available within `wait` into the buffer.
    fn fill(&mut self, wait: Duration) -> Result<(), String> {
        let deadline = Instant::now() + wait;
        let mut chunk = [0u8; 4096];
        loop {
            match self.stream.read(&mut chunk) {
                Ok(0) => {
                    self.closed = true;
                    self.clean();
                    return Ok(());
                }
                Ok(n) => {
                    self.raw.extend_from_slice(&chunk[..n]);
                    self.clean();
                    return Ok(());
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if Instant::now() >= deadline {
                        return Ok(());
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.closed = true;
                    return Err(format!("read: {e}"));
                }
            }
        }
    }

    /// Move complete text out of `raw`, dropping telnet commands, ANSI
    /// escapes and CRs.
    fn clean(&mut self) {
        let raw = std::mem::take(&mut self.raw);
        let mut out = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let b = raw[i];
            if b == 255 {
                let Some(&cmd) = raw.get(i + 1) else { break };
                match cmd {
                    255 => {
                        out.push(255);
                        i += 2;
                    }
                    251..=254 => {
                        if i + 2 >= raw.len() {
                            break;
                        }
                        i += 3;
                    }
                    250 => {
                        // Subnegotiation: up to IAC SE.
                        let end = raw[i + 2..].windows(2).position(|w| w == [255, 240]);
                        match end {
                            Some(p) => i += 2 + p + 2,
                            None => break,
                        }
                    }
                    _ => i += 2,
                }
                continue;
            }
            if b == 0x1b {
                // ESC [ ... final byte
                if raw.get(i + 1) == Some(&b'[') {
                    let end = raw[i + 2..].iter().position(|c| (0x40..=0x7e).contains(c));
                    match end {
                        Some(p) => {
                            i += 2 + p + 1;
                            continue;
                        }
                        None => break,
                    }
                }
                i += 1;
                continue;
            }
            if b != b'\r' && b != 0 {
                out.push(b);
            }
            i += 1;
        }
        self.raw = raw[i.min(raw.len())..].to_vec();
        let text = String::from_utf8_lossy(&out).into_owned();
        self.transcript.push_str(&text);
        self.buf.push_str(&text);
    }

    /// Read until `text` appears; return everything up to and including it
    /// (the rest stays buffered). Err with what was seen on timeout or close.
    pub fn expect(&mut self, text: &str, timeout: Duration) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(p) = self.buf.find(text) {
                let end = p + text.len();
                let got: String = self.buf[..end].to_string();
                self.buf.drain(..end);
                return Ok(got);
            }
            if self.closed {
                return Err(format!(
                    "connection closed before {text:?}; got:\n{}",
                    self.buf
                ));
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!(
                    "timed out waiting for {text:?}; got:\n{}",
                    self.buf
                ));
            }
            self.fill((deadline - now).min(Duration::from_millis(200)))?;
        }
    }

    /// Read what has arrived (waiting at most about 100 ms) and say whether
    /// `text` is in the unconsumed buffer (it stays there).
    pub fn poll_for(&mut self, text: &str) -> bool {
        if !self.buf.contains(text) && !self.closed {
            let _ = self.fill(Duration::ZERO);
        }
        self.buf.contains(text)
    }

    /// Reads never block (true) or wait up to 100 ms each (false, the
    /// default): for tests that watch many connections from one thread.
    pub fn set_nonblocking(&mut self, on: bool) {
        let _ = self.stream.set_nonblocking(on);
    }

    /// Send a line, then expect `text`.
    pub fn cmd(&mut self, line: &str, text: &str) -> Result<String, String> {
        self.send_line(line)?;
        self.expect(text, WAIT)
    }

    /// Whatever arrives within `wait` (no expectation).
    pub fn drain(&mut self, wait: Duration) -> String {
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline && !self.closed {
            if self.fill(Duration::from_millis(100)).is_err() {
                break;
            }
        }
        std::mem::take(&mut self.buf)
    }

    /// True once the server has closed the connection (waits up to `timeout`).
    pub fn wait_closed(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while !self.closed && Instant::now() < deadline {
            if self.fill(Duration::from_millis(100)).is_err() {
                break;
            }
        }
        self.closed
    }

    /// Walk the whole creation dialogue (human male warrior, neutral),
    /// checking ROM's prompts; returns the transcript of the dialogue.
    pub fn create_character(&mut self, name: &str, password: &str) -> Result<String, String> {
        let mut t = String::new();
        t += &self.expect("By what name do you wish to be known?", WAIT)?;
        t += &self.cmd(name, "(Y/N)? ")?;
        t += &self.cmd("y", "Give me a password for")?;
        t += &self.cmd(password, "Please retype password:")?;
        t += &self.cmd(password, "What is your race")?;
        t += &self.cmd("human", "What is your sex (M/F)?")?;
        t += &self.cmd("m", "Select a class [mage cleric thief warrior]:")?;
        t += &self.cmd("warrior", "Which alignment (G/N/E)?")?;
        t += &self.cmd("n", "Customize (Y/N)?")?;
        t += &self.cmd("n", "Your choice?")?;
        t += &self.cmd("sword", "[Hit Return to continue]")?;
        t += &self.cmd("", "Welcome to GraceMUD")?;
        t += &self.expect("> ", WAIT)?;
        Ok(t)
    }

    /// Log an existing character in; returns the transcript.
    pub fn login(&mut self, name: &str, password: &str) -> Result<String, String> {
        let mut t = String::new();
        t += &self.expect("By what name do you wish to be known?", WAIT)?;
        t += &self.cmd(name, "Password:")?;
        t += &self.cmd(password, "[Hit Return to continue]")?;
        t += &self.cmd("", "Welcome to GraceMUD")?;
        t += &self.expect("> ", WAIT)?;
        Ok(t)
    }
}

/// Wait (bounded) until the file at `path` exists and its text satisfies
/// `ok`; player files are written by the server's writer thread a moment
/// after the command that saved them. Returns the last text read.
pub fn wait_for_file(path: &Path, ok: impl Fn(&str) -> bool) -> Result<String, String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if path.is_file() && ok(&text) {
            return Ok(text);
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "{} never became as expected:\n{text}",
                path.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The value, or the test fails with the error's text (every helper here
/// returns `Result<_, String>`).
pub fn ok<T>(r: Result<T, String>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}
