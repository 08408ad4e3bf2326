//! Loop tests: a [`Server`] with a small echo engine on a thread, driven by
//! real TCP clients on 127.0.0.1.

use super::*;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::thread::JoinHandle;

use telnet::{opt, GA, IAC, WILL, WONT};

/// What the test thread can see of the engine.
#[derive(Default)]
struct Shared {
    connected: Vec<ConnId>,
    disconnected: Vec<ConnId>,
    saved: u32,
    slow_done: u32,
    stats: Stats,
}

/// Answers lines with the pulse number they were handled at.
///
/// Commands: `ping X` → `pong X pulse=N`; `ticks` → `tick N` every pulse;
/// `wait K` → not ready for K pulses; `slow X` → takes 5 ms, `slow X done`;
/// `spam K` → K KiB every pulse; `hide`/`show` → echo off/on; `hash PW` →
/// hash then verify; `quit` → `Bye.` and close; `shutdown`; anything else →
/// `[line]`.
struct EchoEngine {
    shared: Arc<Mutex<Shared>>,
    out: HashMap<ConnId, Outbound>,
    pulse: u64,
    ticks: HashSet<ConnId>,
    spam: HashMap<ConnId, usize>,
    wait_until: HashMap<ConnId, u64>,
    hashing: HashSet<ConnId>,
    shutdown: bool,
}

impl EchoEngine {
    fn new(shared: Arc<Mutex<Shared>>) -> Self {
        EchoEngine {
            shared,
            out: HashMap::new(),
            pulse: 0,
            ticks: HashSet::new(),
            spam: HashMap::new(),
            wait_until: HashMap::new(),
            hashing: HashSet::new(),
            shutdown: false,
        }
    }
    fn send(&mut self, conn: ConnId, text: &str) {
        self.out.entry(conn).or_default().text.push_str(text);
    }
    fn prompt(&mut self, conn: ConnId) {
        self.out.entry(conn).or_default().prompt = Some("> ".into());
    }
}

impl Engine for EchoEngine {
    fn connected(&mut self, conn: ConnId, _peer: &str) {
        self.shared.lock().unwrap().connected.push(conn);
        self.send(conn, "Welcome!\n");
    }
    fn input(&mut self, conn: ConnId, line: &str) {
        let pulse = self.pulse;
        let (cmd, arg) = line.split_once(' ').unwrap_or((line, ""));
        match cmd {
            "ping" => self.send(conn, &format!("pong {arg} pulse={pulse}\n")),
            "ticks" => {
                self.ticks.insert(conn);
                self.send(conn, "ticking\n");
            }
            "wait" => {
                let k: u64 = arg.parse().unwrap_or(1);
                self.wait_until.insert(conn, pulse + k);
                self.send(conn, &format!("waiting pulse={pulse}\n"));
            }
            "slow" => {
                std::thread::sleep(Duration::from_millis(5));
                self.shared.lock().unwrap().slow_done += 1;
                self.send(conn, &format!("slow {arg} done\n"));
            }
            "spam" => {
                self.spam.insert(conn, arg.parse().unwrap_or(1));
            }
            "hide" => {
                let o = self.out.entry(conn).or_default();
                o.echo = Some(false);
                o.text.push_str("Password: ");
            }
            "show" => {
                self.out.entry(conn).or_default().echo = Some(true);
                self.send(conn, "\nshown\n");
            }
            "hash" => {
                self.hashing.insert(conn);
                self.out
                    .entry(conn)
                    .or_default()
                    .hash_jobs
                    .push(HashJob::Hash {
                        password: arg.to_string(),
                    });
            }
            "quit" => {
                let o = self.out.entry(conn).or_default();
                o.text.push_str("Bye.\n");
                o.close = true;
            }
            "shutdown" => {
                self.send(conn, "Shutting down.\n");
                self.shutdown = true;
            }
            _ => self.send(conn, &format!("[{line}]\n")),
        }
        self.prompt(conn);
    }
    fn ready(&self, conn: ConnId) -> bool {
        !self.hashing.contains(&conn)
            && self
                .wait_until
                .get(&conn)
                .is_none_or(|&until| self.pulse >= until)
    }
    fn hash_done(&mut self, conn: ConnId, result: HashResult) {
        match result {
            HashResult::Hashed(Ok(hash)) => {
                self.send(conn, "hashed\n");
                self.out
                    .entry(conn)
                    .or_default()
                    .hash_jobs
                    .push(HashJob::Verify {
                        password: "secret".into(),
                        hash,
                    });
            }
            HashResult::Hashed(Err(e)) => {
                self.hashing.remove(&conn);
                self.send(conn, &format!("hash error {e}\n"));
            }
            HashResult::Verified(ok) => {
                self.hashing.remove(&conn);
                self.send(conn, &format!("verified {ok}\n"));
                self.prompt(conn);
            }
        }
    }
    fn disconnected(&mut self, conn: ConnId) {
        self.shared.lock().unwrap().disconnected.push(conn);
        self.out.remove(&conn);
        self.ticks.remove(&conn);
        self.spam.remove(&conn);
        self.wait_until.remove(&conn);
        self.hashing.remove(&conn);
    }
    fn pulse(&mut self) {
        self.pulse += 1;
        let ticks: Vec<ConnId> = self.ticks.iter().copied().collect();
        for conn in ticks {
            self.send(conn, &format!("tick {}\n", self.pulse));
        }
        let spam: Vec<(ConnId, usize)> = self.spam.iter().map(|(c, k)| (*c, *k)).collect();
        for (conn, kib) in spam {
            self.send(conn, &"z".repeat(kib * 1024));
        }
    }
    fn pending(&mut self) -> Vec<ConnId> {
        self.out
            .iter()
            .filter(|(_, o)| !o.is_empty() || o.prompt.is_some())
            .map(|(c, _)| *c)
            .collect()
    }
    fn take_output(&mut self, conn: ConnId) -> Outbound {
        self.out.remove(&conn).unwrap_or_default()
    }
    fn save_all(&mut self) {
        self.shared.lock().unwrap().saved += 1;
    }
    fn wants_shutdown(&self) -> bool {
        self.shutdown
    }
}

/// A server on a thread.
struct Harness {
    addr: SocketAddr,
    /// The web port, when started with one.
    web: Option<SocketAddr>,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    /// Set to make the server thread raise a signal at itself.
    raise: Arc<Mutex<Option<Signal>>>,
    thread: Option<JoinHandle<io::Result<Exit>>>,
}

impl Harness {
    fn start(opts: LoopOptions) -> Harness {
        Self::start_with(opts, false)
    }

    fn start_with(opts: LoopOptions, signals: bool) -> Harness {
        Self::start_full(opts, signals, false)
    }

    /// With a web port too (`-w`).
    fn start_web(opts: LoopOptions) -> Harness {
        Self::start_full(opts, false, true)
    }

    fn start_full(opts: LoopOptions, signals: bool, with_web: bool) -> Harness {
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let web_listener = with_web.then(|| {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.set_nonblocking(true).unwrap();
            l
        });
        let web = web_listener.as_ref().map(|l| l.local_addr().unwrap());
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let raise: Arc<Mutex<Option<Signal>>> = Arc::new(Mutex::new(None));
        let (sh, st, ra) = (shared.clone(), stop.clone(), raise.clone());
        let thread = std::thread::spawn(move || {
            let listener = TcpListener::from_std(std_listener);
            let mut server = Server::with_options(listener, opts)?;
            if let Some(l) = web_listener {
                server.set_web_listener(TcpListener::from_std(l))?;
            }
            if signals {
                server.catch_signals()?;
            }
            let mut engine = EchoEngine::new(sh.clone());
            server.run_until(&mut engine, |s| {
                sh.lock().unwrap().stats = s.stats();
                if let Some(sig) = ra.lock().unwrap().take() {
                    // Directed at this thread, which blocks it: only the
                    // signalfd sees it.
                    nix::sys::signal::raise(sig).unwrap();
                }
                !st.load(Ordering::SeqCst) && !s.copyover_requested()
            })
        });
        Harness {
            addr,
            web,
            shared,
            stop,
            raise,
            thread: Some(thread),
        }
    }

    fn connect(&self) -> Client {
        Client::connect(self.addr)
    }

    /// A websocket on the web port, past its handshake.
    fn connect_ws(&self) -> Client {
        let mut c = Client::connect(self.web.expect("no web port"));
        c.send(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        c.expect_bytes(b"\r\n\r\n");
        c
    }

    /// Wait (bounded) until `f` holds for the shared state.
    fn wait_for(&self, what: &str, f: impl Fn(&Shared) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if f(&self.shared.lock().unwrap()) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn stats(&self) -> Stats {
        self.shared.lock().unwrap().stats
    }

    fn join(&mut self) -> io::Result<Exit> {
        self.thread
            .take()
            .expect("joined twice")
            .join()
            .expect("server thread panicked")
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Fill {
    Data,
    Idle,
    Eof,
}

/// A raw TCP client that collects everything it reads.
struct Client {
    s: std::net::TcpStream,
    buf: Vec<u8>,
    /// How much of `buf` earlier expectations consumed.
    pos: usize,
    eof: bool,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        Client {
            s,
            buf: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.s.write_all(bytes.as_ref()).unwrap();
    }

    fn line(&mut self, line: &str) {
        self.send(format!("{line}\r\n"));
    }

    /// Read once (waiting up to the read timeout).
    fn fill(&mut self) -> Fill {
        let mut tmp = [0u8; 65536];
        match self.s.read(&mut tmp) {
            Ok(0) => {
                self.eof = true;
                Fill::Eof
            }
            Ok(n) => {
                self.buf.extend_from_slice(&tmp[..n]);
                Fill::Data
            }
            Err(e)
                if e.kind() == io::ErrorKind::WouldBlock || e.kind() == io::ErrorKind::TimedOut =>
            {
                Fill::Idle
            }
            Err(_) => {
                self.eof = true;
                Fill::Eof
            }
        }
    }

    /// Read everything the server has sent so far.
    fn drain_now(&mut self) {
        while self.fill() == Fill::Data {}
    }

    /// Wait (bounded) for `needle` after what earlier expectations consumed;
    /// return the bytes from there up to and including the needle.
    fn expect_bytes(&mut self, needle: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(i) = find(&self.buf[self.pos..], needle) {
                let start = self.pos;
                self.pos += i + needle.len();
                return self.buf[start..self.pos].to_vec();
            }
            assert!(
                !self.eof,
                "EOF while waiting for {:?}; got {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&self.buf[self.pos..])
            );
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {:?}; got {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&self.buf[self.pos..])
            );
            self.fill();
        }
    }

    /// Wait for a line containing `prefix` (a line may follow a prompt on
    /// the same screen line); return it from `prefix` to the line end.
    fn expect_line(&mut self, prefix: &str) -> String {
        self.expect_bytes(prefix.as_bytes());
        let rest = self.expect_bytes(b"\r\n");
        format!(
            "{prefix}{}",
            String::from_utf8_lossy(&rest[..rest.len() - 2])
        )
    }

    /// The server's frames after what earlier expectations consumed,
    /// until one whose payload holds `needle`; returns them all.
    fn expect_frame(&mut self, needle: &str) -> Vec<(u8, Vec<u8>)> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let frames = complete_frames(&self.buf[self.pos..]);
            let mut used = 0;
            for (i, (len, op, payload)) in frames.iter().enumerate() {
                used += len;
                if needle.is_empty() || find(payload, needle.as_bytes()).is_some() {
                    self.pos += used;
                    return frames[..=i]
                        .iter()
                        .map(|(_, o, p)| (*o, p.clone()))
                        .collect();
                }
                let _ = op;
            }
            assert!(
                !self.eof && Instant::now() < deadline,
                "no frame with {needle:?}; got {frames:?}"
            );
            self.fill();
        }
    }

    /// Read until the server closes the connection (bounded).
    fn expect_eof(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.fill() != Fill::Eof {
            assert!(Instant::now() < deadline, "connection not closed");
        }
    }

    /// Everything available now is read; the highest `tick N` seen so far.
    fn latest_tick(&mut self) -> u64 {
        self.drain_now();
        let text = String::from_utf8_lossy(&self.buf).into_owned();
        // A tick may follow a prompt on the same line.
        text.lines()
            .filter_map(|l| l.rsplit_once("tick ").map(|(_, n)| n))
            .filter_map(|n| n.trim().parse().ok())
            .max()
            .unwrap_or(0)
    }
}

/// Whole server frames at the front of `b`: (bytes, opcode, payload).
fn complete_frames(mut b: &[u8]) -> Vec<(usize, u8, Vec<u8>)> {
    let mut out = Vec::new();
    while b.len() >= 2 {
        let (len, start) = match b[1] & 0x7f {
            126 if b.len() >= 4 => (usize::from(u16::from_be_bytes([b[2], b[3]])), 4),
            127 if b.len() >= 10 => {
                let mut n = [0u8; 8];
                n.copy_from_slice(&b[2..10]);
                (u64::from_be_bytes(n) as usize, 10)
            }
            126 | 127 => break,
            n => (usize::from(n), 2),
        };
        if b.len() < start + len {
            break;
        }
        out.push((start + len, b[0] & 0x0f, b[start..start + len].to_vec()));
        b = &b[start + len..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn pulse_of(line: &str) -> u64 {
    line.rsplit("pulse=")
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no pulse in {line:?}"))
}

/// Send `ping` right after a tick arrived; the answer must carry the same
/// pulse number and come before the next tick: the line was handled at
/// once, not on the next pulse.
fn assert_answered_within_pulse(c: &mut Client, tag: &str) {
    let before = c.latest_tick();
    // Wait for the next tick so the ping goes out at the start of a pulse.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut now_tick = before;
    while now_tick == before {
        assert!(Instant::now() < deadline, "no ticks");
        now_tick = c.latest_tick();
    }
    c.line(&format!("ping {tag}"));
    let reply = c.expect_line(&format!("pong {tag} "));
    assert_eq!(
        pulse_of(&reply),
        now_tick,
        "the line waited for a pulse: {reply:?} sent at tick {now_tick}"
    );
    // A loop that holds lines until the pulse is due and handles them just
    // before it would pass the check above; but then the next tick goes out
    // in the same write as the answer.
    let next = format!("tick {}", now_tick + 1);
    assert!(
        find(&c.buf, next.as_bytes()).is_none(),
        "the answer came with the next pulse"
    );
}

fn slow_pulse() -> LoopOptions {
    LoopOptions {
        pulse: Duration::from_millis(500),
        ..LoopOptions::default()
    }
}

#[test]
fn greeting_negotiation_prompt_and_ga() {
    let h = Harness::start(LoopOptions::default());
    let mut c = h.connect();
    let head = c.expect_bytes(b"Welcome!\r\n");
    assert_eq!(&head[..3], &[IAC, WILL, opt::SGA], "SGA offered first");
    c.line("hello");
    // ROM style: the reply, a blank line, the prompt, then IAC GA.
    let mut want = b"[hello]\r\n\r\n> ".to_vec();
    want.extend_from_slice(&[IAC, GA]);
    c.expect_bytes(&want);
    c.line("hide");
    let got = c.expect_bytes(b"Password: ");
    assert!(find(&got, &[IAC, WILL, opt::ECHO]).is_some(), "{got:?}");
    c.send([IAC, telnet::DO, opt::ECHO]);
    c.line("show");
    let got = c.expect_bytes(b"shown\r\n");
    assert!(find(&got, &[IAC, WONT, opt::ECHO]).is_some(), "{got:?}");
    // Unsupported options: refused, and only once.
    c.send([IAC, WILL, opt::GMCP, IAC, WILL, opt::GMCP]);
    c.line("ping once");
    let got = c.expect_bytes(b"pong once");
    let dont = [IAC, telnet::DONT, opt::GMCP];
    assert_eq!(got.windows(3).filter(|w| *w == dont).count(), 1, "{got:?}");
}

#[test]
fn line_answered_before_the_next_pulse() {
    let h = Harness::start(slow_pulse());
    let mut c = h.connect();
    c.line("ticks");
    c.expect_line("ticking");
    for i in 0..3 {
        assert_answered_within_pulse(&mut c, &format!("r{i}"));
    }
}

#[test]
fn wait_state_holds_lines_until_ready() {
    let h = Harness::start(LoopOptions {
        pulse: Duration::from_millis(50),
        ..LoopOptions::default()
    });
    let mut c = h.connect();
    c.send("wait 4\r\nping w\r\n");
    let waiting = pulse_of(&c.expect_line("waiting"));
    let pong = pulse_of(&c.expect_line("pong w"));
    assert!(pong >= waiting + 4, "waited {waiting} -> {pong}");
}

#[test]
fn flooding_client_does_not_starve_another() {
    let h = Harness::start(slow_pulse());
    let mut b = h.connect();
    b.line("ticks");
    b.expect_line("ticking");
    let mut a = h.connect();
    a.expect_bytes(b"Welcome!");
    // 1000 lines at 5 ms each: five seconds of work queued at once.
    let flood: String = (0..1000).map(|i| format!("slow {i}\r\n")).collect();
    let writer = {
        let mut s = a.s.try_clone().unwrap();
        std::thread::spawn(move || s.write_all(flood.as_bytes()))
    };
    a.expect_line("slow 0 done");
    for i in 0..3 {
        assert_answered_within_pulse(&mut b, &format!("f{i}"));
    }
    let done = h.shared.lock().unwrap().slow_done;
    assert!(
        done < 1000,
        "the flood was already over: the test proves nothing"
    );
    // The flooder loses nothing, in order.
    a.expect_line("slow 999 done");
    let text = String::from_utf8_lossy(&a.buf).into_owned();
    let done: Vec<u32> = text
        .lines()
        .filter_map(|l| {
            l.rsplit_once("slow ")?
                .1
                .strip_suffix(" done")?
                .parse()
                .ok()
        })
        .collect();
    let want: Vec<u32> = (0..1000).collect();
    assert!(done == want, "{} answers, not 0..1000 in order", done.len());
    writer.join().unwrap().unwrap();
}

#[test]
fn client_that_never_reads_is_dropped_at_the_cap() {
    let h = Harness::start(LoopOptions {
        pulse: Duration::from_millis(50),
        ..LoopOptions::default()
    });
    let mut good = h.connect();
    good.expect_bytes(b"Welcome!");
    let mut bad = h.connect();
    bad.expect_bytes(b"Welcome!");
    let bad_conn = {
        let sh = h.shared.lock().unwrap();
        *sh.connected.last().unwrap()
    };
    // 512 KiB every 50 ms, never read: the kernel buffers fill, then ours.
    bad.line("spam 512");
    let mut n = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !h.shared.lock().unwrap().disconnected.contains(&bad_conn) {
        n += 1;
        good.line(&format!("ping g{n}"));
        good.expect_line(&format!("pong g{n} "));
        assert!(
            Instant::now() < deadline,
            "the silent client was never dropped"
        );
    }
    assert!(
        n > 1,
        "dropped at once: did the cap or the kernel buffer trigger?"
    );
    good.line("ping after");
    good.expect_line("pong after ");
    // Its socket is really closed (after the bytes already in flight).
    bad.s
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    bad.buf.clear();
    bad.expect_eof();
    assert_eq!(h.shared.lock().unwrap().disconnected, vec![bad_conn]);
}

#[test]
fn long_lines_cut_with_notice() {
    let h = Harness::start(LoopOptions::default());
    let mut c = h.connect();
    let mut input = vec![b'x'; 5000];
    input.extend_from_slice(b"\r\nping ok\r\n");
    c.send(&input);
    c.expect_line("Line too long.");
    let echoed = c.expect_line("[x");
    assert_eq!(echoed, format!("[{}]", "x".repeat(telnet::MAX_LINE)));
    c.expect_line("pong ok");
}

#[test]
fn binary_junk_and_stray_iac_absorbed() {
    let h = Harness::start(LoopOptions::default());
    let mut c = h.connect();
    c.expect_bytes(b"Welcome!");
    c.send([
        0x01,
        0x02,
        IAC,
        b'x',
        b'l',
        b'o',
        IAC,
        telnet::NOP,
        b'o',
        0x1b,
        b'k',
        IAC,
        WILL,
        200,
        b'\r',
        b'\n',
    ]);
    c.expect_line("[look]");
    // Pseudo-random bytes, with subnegotiations opened and never closed.
    let mut junk = Vec::new();
    let mut x: u32 = 7;
    for i in 0..100_000 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        junk.push((x >> 24) as u8);
        if i % 10_000 == 0 {
            junk.extend_from_slice(&[IAC, telnet::SB, 24]);
        }
    }
    c.send(&junk);
    c.send([IAC, telnet::SE, IAC, telnet::SE]);
    c.send("\r\nping alive\r\n");
    c.expect_line("pong alive ");
}

#[test]
fn disconnects_detected() {
    let h = Harness::start(LoopOptions::default());
    let mut a = h.connect();
    a.expect_bytes(b"Welcome!");
    let mut b = h.connect();
    b.expect_bytes(b"Welcome!");
    let (ca, cb) = {
        let sh = h.shared.lock().unwrap();
        (sh.connected[0], sh.connected[1])
    };
    drop(a);
    h.wait_for("a's disconnect", |s| s.disconnected.contains(&ca));
    // The game closes b: the goodbye is delivered, then the socket closes.
    b.line("quit");
    b.expect_line("Bye.");
    b.expect_eof();
    h.wait_for("b's disconnect", |s| s.disconnected.contains(&cb));
    let sh = h.shared.lock().unwrap();
    assert_eq!(sh.disconnected.len(), 2, "each reported once");
}

#[test]
fn password_hash_and_verify_off_the_loop() {
    let h = Harness::start(LoopOptions::default());
    let mut c = h.connect();
    // The ping waits: the engine is not ready while hashing.
    c.send("hash secret\r\nping later\r\n");
    c.expect_line("hashed");
    c.expect_line("verified true");
    c.expect_line("pong later ");
}

#[test]
fn game_shutdown_saves_and_flushes() {
    let mut h = Harness::start(LoopOptions::default());
    let mut c = h.connect();
    c.line("shutdown");
    c.expect_line("Shutting down.");
    assert_eq!(h.join().unwrap(), Exit::Shutdown);
    assert_eq!(h.shared.lock().unwrap().saved, 1);
}

#[test]
fn signals_copyover_flag_then_shutdown() {
    let mut h = Harness::start_with(LoopOptions::default(), true);
    let mut c = h.connect();
    c.line("ping s");
    c.expect_line("pong s ");
    *h.raise.lock().unwrap() = Some(Signal::SIGUSR1);
    // keep_going stops on the copyover flag.
    assert_eq!(h.join().unwrap(), Exit::Stopped);
    assert_eq!(h.shared.lock().unwrap().saved, 0);

    let mut h = Harness::start_with(LoopOptions::default(), true);
    let mut c = h.connect();
    c.line("ping t");
    c.expect_line("pong t ");
    *h.raise.lock().unwrap() = Some(Signal::SIGTERM);
    assert_eq!(h.join().unwrap(), Exit::Shutdown);
    assert_eq!(h.shared.lock().unwrap().saved, 1);
}

#[test]
fn a_thousand_idle_connections() {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
    if soft < hard {
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard).unwrap();
    }
    // Both ends of every connection live in this process.
    let n: usize = 1000;
    assert!(
        hard >= 2 * n as u64 + 200,
        "RLIMIT_NOFILE hard limit {hard} is too low for this test"
    );
    let h = Harness::start(LoopOptions {
        max_per_address: 0,
        ..LoopOptions::default()
    });
    let mut idle: Vec<Client> = (0..n).map(|_| h.connect()).collect();
    h.wait_for("all connected", |s| s.connected.len() == n);
    // Idle: between pulses the loop sleeps. Count turns over a few pulses.
    let start = h.stats();
    h.wait_for("six pulses", |s| s.stats.pulses >= start.pulses + 6);
    let end = h.stats();
    let turns = end.turns - start.turns;
    let pulses = end.pulses - start.pulses;
    assert!(
        turns <= pulses + 2,
        "{turns} loop turns for {pulses} pulses with {n} idle connections"
    );
    // The 1001st is served, and so are the idle ones when they speak.
    let mut late = h.connect();
    late.line("ping late");
    late.expect_line("pong late ");
    for i in [0, n / 2, n - 1] {
        idle[i].line(&format!("ping idle{i}"));
        idle[i].expect_line(&format!("pong idle{i} "));
    }
}

/// Issue #8: one address cannot take every descriptor. Past the per-address
/// cap a new connection reads one polite line and is closed; others (and
/// the ones already in) are served; a slot freed is usable again.
#[test]
fn per_address_cap_refuses_politely() {
    let h = Harness::start(LoopOptions {
        max_per_address: 3,
        ..LoopOptions::default()
    });
    let mut kept: Vec<Client> = (0..3).map(|_| h.connect()).collect();
    h.wait_for("three connected", |s| s.connected.len() == 3);
    let mut extra = h.connect();
    extra.expect_line("Too many connections from your address.");
    extra.expect_eof();
    h.wait_for("one refused", |s| s.stats.refused >= 1);
    assert_eq!(h.stats().refused, 1);
    kept[1].line("ping kept");
    kept[1].expect_line("pong kept ");
    // One leaves: the address may connect again.
    let gone = kept.remove(0);
    drop(gone);
    h.wait_for("one gone", |s| s.stats.dropped >= 1);
    let mut again = h.connect();
    again.line("ping again");
    again.expect_line("pong again ");
}

/// Issue #8: at the global cap new connections are told the game is full;
/// the loop (and everyone in it) goes on.
#[test]
fn global_cap_says_the_game_is_full() {
    let h = Harness::start(LoopOptions {
        max_connections: 4,
        max_per_address: 0,
        ..LoopOptions::default()
    });
    let mut kept: Vec<Client> = (0..4).map(|_| h.connect()).collect();
    h.wait_for("four connected", |s| s.connected.len() == 4);
    for _ in 0..3 {
        let mut extra = h.connect();
        extra.expect_line("The game is full right now.");
        extra.expect_eof();
    }
    // Stats reach the test at the start of the loop's next turn.
    h.wait_for("three refused", |s| s.stats.refused >= 3);
    assert_eq!(h.stats().refused, 3);
    for (i, k) in kept.iter_mut().enumerate() {
        k.line(&format!("ping {i}"));
        k.expect_line(&format!("pong {i} "));
    }
}

/// Issue #8: a burst of connections is accepted a bounded number per turn,
/// so players' lines are handled between the batches, and all of the burst
/// is served in the end.
#[test]
fn a_burst_of_connections_is_accepted_in_batches() {
    let n = super::ACCEPTS_PER_TURN * 4;
    let h = Harness::start(LoopOptions {
        max_per_address: 0,
        ..LoopOptions::default()
    });
    let burst: Vec<std::net::TcpStream> = (0..n)
        .map(|_| std::net::TcpStream::connect(h.addr).unwrap())
        .collect();
    h.wait_for("the burst accepted", |s| s.connected.len() == n);
    let mut late = h.connect();
    late.line("ping late");
    late.expect_line("pong late ");
    drop(burst);
}

// ------------------------------------------------------------ web port

use super::web::tests::client_frame;

fn ws_text(s: &str) -> Vec<u8> {
    client_frame(0x1, true, s.as_bytes())
}

/// The page, 404 and a websocket player on the loop: the game hears of the
/// websocket only, which gets text frames and out-of-band messages and
/// never a telnet byte; quitting sends a normal close.
#[test]
fn the_web_port_serves_the_page_and_a_websocket_player() {
    let h = Harness::start_web(LoopOptions::default());
    let web = h.web.unwrap();
    let mut page = Client::connect(web);
    page.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    page.expect_bytes(b"HTTP/1.1 200 OK\r\n");
    page.expect_bytes(b"</html>");
    page.expect_eof();
    // A client that shuts its side after the request still gets the page.
    let mut half = Client::connect(web);
    half.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    half.s.shutdown(std::net::Shutdown::Write).unwrap();
    half.expect_bytes(b"HTTP/1.1 200 OK\r\n");
    half.expect_bytes(b"</html>");
    let mut lost = Client::connect(web);
    lost.send(b"GET /secret HTTP/1.1\r\nHost: x\r\n\r\n");
    lost.expect_bytes(b"HTTP/1.1 404 Not Found\r\n");
    lost.expect_eof();
    let mut ws = h.connect_ws();
    ws.expect_frame("Welcome!");
    h.wait_for("the websocket connected", |s| s.connected.len() == 1);
    ws.send(ws_text("ping one"));
    let f = ws.expect_frame("pong one");
    assert_eq!(f.last().unwrap().0, 1);
    ws.send(ws_text("hide"));
    ws.expect_frame("\u{1}{\"echo\":false}");
    ws.send(ws_text("show"));
    ws.expect_frame("\u{1}{\"echo\":true}");
    ws.send(ws_text("quit"));
    ws.expect_frame("Bye.");
    let close = loop {
        let f = ws.expect_frame("");
        if let Some(c) = f.into_iter().find(|(op, _)| *op == 8) {
            break c;
        }
    };
    assert_eq!(close, (8, 1000u16.to_be_bytes().to_vec()));
    ws.expect_eof();
    assert!(!ws.buf.contains(&IAC), "telnet bytes on the websocket");
    h.wait_for("it left", |s| s.disconnected.len() == 1);
    // The page and the 404 never reached the game.
    let sh = h.shared.lock().unwrap();
    assert_eq!(sh.connected.len(), 1);
}

/// A slow HTTP request, binary frames, a fragment flood, an oversized
/// frame and invalid UTF-8: each closed cleanly, while a telnet player's
/// lines are answered within their pulse the whole time.
#[test]
fn bad_web_clients_are_closed_and_never_stall_the_loop() {
    let h = Harness::start_web(LoopOptions {
        pulse: Duration::from_millis(200),
        http_timeout: Duration::from_millis(600),
        ..LoopOptions::default()
    });
    let web = h.web.unwrap();
    let mut player = h.connect();
    player.line("ticks");
    player.expect_bytes(b"ticking");
    // Slow: half a request line, then nothing.
    let mut slow = Client::connect(web);
    slow.send(b"GET / HT");
    // A head that never ends.
    let mut big = Client::connect(web);
    big.send(b"GET / HTTP/1.1\r\nX: ");
    big.send(vec![b'a'; 9000]);
    let mut bad: Vec<(Client, u16)> = Vec::new();
    let mut frag = client_frame(0x1, false, b"x");
    for _ in 0..5000 {
        frag.extend(client_frame(0x0, false, b""));
    }
    for (bytes, code) in [
        (client_frame(0x2, true, b"\x00binary"), 1003),
        (frag, 1008),
        (client_frame(0x1, true, &vec![b'a'; 9000]), 1009),
        (client_frame(0x1, true, b"say \xc3\x28"), 1007),
    ] {
        let mut c = h.connect_ws();
        c.expect_frame("Welcome!");
        c.send(bytes);
        bad.push((c, code));
    }
    assert_answered_within_pulse(&mut player, "during");
    for (c, code) in &mut bad {
        let close = loop {
            let f = c.expect_frame("");
            if let Some(c) = f.into_iter().find(|(op, _)| *op == 8) {
                break c;
            }
        };
        assert_eq!(close.1[..2], code.to_be_bytes(), "{close:?}");
        c.expect_eof();
    }
    big.expect_bytes(b"HTTP/1.1 431 ");
    big.expect_eof();
    slow.expect_eof();
    assert!(slow.buf.is_empty(), "the slow request got an answer");
    assert_answered_within_pulse(&mut player, "after");
    h.wait_for("the bad websockets gone", |s| s.disconnected.len() == 4);
}

/// The per-address cap counts web connections too; over it, a 503.
#[test]
fn web_connections_count_against_the_address_cap() {
    let h = Harness::start_web(LoopOptions {
        max_per_address: 2,
        ..LoopOptions::default()
    });
    let _telnet = h.connect();
    let mut ws = h.connect_ws();
    ws.expect_frame("Welcome!");
    let mut extra = Client::connect(h.web.unwrap());
    extra.expect_bytes(b"HTTP/1.1 503 Service Unavailable\r\n");
    extra.expect_eof();
    h.wait_for("one refused", |s| s.stats.refused >= 1);
}
