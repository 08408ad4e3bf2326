//! The binary's entry point and the network layer, end to end: command line,
//! `--check`, refusing bad areas, the pid file, signals, and raw telnet bytes
//! as a client sees them from the real server.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

const IAC: u8 = 255;
const WILL: u8 = 251;
const WONT: u8 = 252;
const DO: u8 = 253;
const DONT: u8 = 254;
const SGA: u8 = 3;
const TTYPE: u8 = 24;
const GMCP: u8 = 201;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gracemud")
}

/// Run the binary to completion (bounded), for the modes that exit at once.
fn run_to_end(args: &[&str]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start gracemud");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return child.wait_with_output().expect("collect output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gracemud {args:?} did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A server started in its own working directory; killed by pid on drop.
struct Running {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Running {
    fn start() -> Running {
        for _ in 0..5 {
            let dir = common::fresh_dir("net");
            let port = common::free_port().expect("free port");
            let _ = std::fs::create_dir_all(dir.join("player"));
            let log = std::fs::File::create(dir.join("server.log")).expect("log file");
            let log2 = log.try_clone().expect("log file");
            let mut child = Command::new(bin())
                .current_dir(&dir)
                .args(["-p", &port.to_string(), "-b", "127.0.0.1", "-P", "player"])
                .arg("-a")
                .arg(common::areas_dir())
                .env("RUST_LOG", "info")
                .stdin(Stdio::null())
                .stdout(Stdio::from(log))
                .stderr(Stdio::from(log2))
                .spawn()
                .expect("start gracemud");
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // port taken? try another
                }
                let addr = SocketAddr::from(([127, 0, 0, 1], port));
                if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                    return Running { child, port, dir };
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    panic!("gracemud did not listen");
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        panic!("gracemud did not start");
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(self.child.id() as i32)
    }

    fn signal(&self, sig: Signal) {
        kill(self.pid(), sig).expect("send signal");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }

    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            assert!(Instant::now() < deadline, "no exit; log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the log mentions `text`.
    fn wait_log(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.log().contains(text) {
            assert!(
                Instant::now() < deadline,
                "log never said {text:?}:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn connect(&self) -> Raw {
        Raw::connect(self.port)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A client that sees raw bytes.
struct Raw {
    s: TcpStream,
    buf: Vec<u8>,
}

impl Raw {
    fn connect(port: u16) -> Raw {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_millis(50)))
            .expect("timeout");
        Raw { s, buf: Vec::new() }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.s.write_all(bytes).expect("send");
    }

    /// Wait (bounded) until everything received contains `needle`.
    fn expect(&mut self, needle: &[u8]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut tmp = [0u8; 8192];
        while find(&self.buf, needle).is_none() {
            assert!(
                Instant::now() < deadline,
                "never got {:?}; got {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&self.buf)
            );
            match self.s.read(&mut tmp) {
                Ok(0) => panic!(
                    "closed while waiting for {:?}; got {:?}",
                    String::from_utf8_lossy(needle),
                    String::from_utf8_lossy(&self.buf)
                ),
                Ok(n) => self.buf.extend_from_slice(&tmp[..n]),
                Err(_) => {}
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn help_version_and_bad_arguments() {
    let out = run_to_end(&["-h"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in ["-p", "-b", "-a", "-P", "--seed", "--check"] {
        assert!(text.contains(opt), "usage lacks {opt}: {text}");
    }
    let out = run_to_end(&["-V"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("gracemud {}", env!("CARGO_PKG_VERSION"))
    );
    let out = run_to_end(&["--no-such-option"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-option"));
    let out = run_to_end(&["-p", "notaport"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_mode_reports_and_exits() {
    let areas = common::areas_dir();
    let out = run_to_end(&["--check", "-a", &areas.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors"));

    let dir = common::fresh_dir("badareas");
    std::fs::write(dir.join("area.lst"), "missing.are\n$\n").expect("write area.lst");
    let out = run_to_end(&["--check", "-a", &dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing.are"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refuses_to_start_on_area_errors() {
    let dir = common::fresh_dir("badboot");
    std::fs::write(dir.join("area.lst"), "missing.are\n$\n").expect("write area.lst");
    let port = common::free_port().expect("port").to_string();
    let out = run_to_end(&[
        "-p",
        &port,
        "-a",
        &dir.to_string_lossy(),
        "-P",
        &dir.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.are"));
    assert!(!Path::new(&dir)
        .join(format!("gracemud-{port}.pid"))
        .exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn telnet_bytes_pid_file_and_sigterm() {
    let mut srv = Running::start();
    let pid_file = srv.dir.join(format!("gracemud-{}.pid", srv.port));
    let pid = std::fs::read_to_string(&pid_file).expect("pid file");
    assert_eq!(pid.trim(), srv.child.id().to_string());

    let mut c = srv.connect();
    c.expect(b"By what name do you wish to be known?");
    assert_eq!(&c.buf[..3], &[IAC, WILL, SGA], "SGA offered first");
    // Agreeing to SGA is not answered; unsupported options are refused once.
    c.send(&[
        IAC, DO, SGA, IAC, WILL, GMCP, IAC, WILL, GMCP, IAC, DO, TTYPE, IAC, DO, TTYPE,
    ]);
    // A line over 4 KiB, with junk and a stray IAC in it, still a line.
    let mut long = vec![0x01, IAC, b'x', 0x7f];
    long.extend(std::iter::repeat_n(b'a', 5000));
    long.extend_from_slice(b"\r\n");
    c.send(&long);
    c.expect(&[IAC, DONT, GMCP]);
    c.expect(&[IAC, WONT, TTYPE]);
    c.expect(b"Line too long.");
    // Whatever the game made of the cut name, a next line is answered after
    // it: by then any (wrong) second refusal would have arrived too.
    c.send(b"Alice\r\n");
    c.expect(b"Alice");
    assert_eq!(count(&c.buf, &[IAC, DONT, GMCP]), 1);
    assert_eq!(count(&c.buf, &[IAC, WONT, TTYPE]), 1);
    assert_eq!(count(&c.buf, &[IAC, WONT, SGA]), 0);

    srv.signal(Signal::SIGTERM);
    let status = srv.wait_exit();
    assert!(status.success(), "{status}; log:\n{}", srv.log());
    assert!(!pid_file.exists(), "pid file left behind");
    let log = srv.log();
    assert!(log.contains("saving and shutting down"), "{log}");
}

#[test]
fn sigusr1_does_not_stop_and_sigint_does() {
    let mut srv = Running::start();
    srv.signal(Signal::SIGUSR1);
    srv.wait_log("copyover requested");
    // Still serving.
    let mut c = srv.connect();
    c.expect(b"By what name do you wish to be known?");
    assert!(matches!(srv.child.try_wait(), Ok(None)));
    srv.signal(Signal::SIGINT);
    let status = srv.wait_exit();
    assert!(status.success(), "{status}; log:\n{}", srv.log());
    assert!(!srv.dir.join(format!("gracemud-{}.pid", srv.port)).exists());
}
