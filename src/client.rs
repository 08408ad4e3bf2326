//! A scripted multi-connection telnet client, for the copyover test and the
//! load generator: many connections driven in lockstep from one thread with
//! mio, each keeping the text it received (telnet commands stripped) and a
//! count of the prompts it saw (IAC GA / IAC EOR).
//!
//! It is a test tool: it never answers option negotiation, so the server
//! must cope with a client that stays silent.
//!
//! For the load generator a bot can also note when its first byte arrived,
//! when a watched string first arrived (e.g. "Your body rematerializes."),
//! and ignore other players' doings when timing a round trip (a prompt that
//! only follows lines starting with a given name prefix does not end one).

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};

const IAC: u8 = 255;
const SB: u8 = 250;
const SE: u8 = 240;
const GA: u8 = 249;
const EOR: u8 = 239;

/// A blocking TCP connection to 127.0.0.1:`port` whose local end is bound
/// to `from` (any 127.x.y.z address works on Linux loopback), so a test or
/// a bench can play several client addresses.
pub fn connect_from(port: u16, from: [u8; 4]) -> io::Result<std::net::TcpStream> {
    use nix::sys::socket::{bind, connect, socket, AddressFamily, SockFlag, SockType, SockaddrIn};
    use std::os::fd::AsRawFd;
    let fd = socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let [a, b, c, d] = from;
    bind(fd.as_raw_fd(), &SockaddrIn::new(a, b, c, d, 0))?;
    connect(fd.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port))?;
    Ok(std::net::TcpStream::from(fd))
}

/// A free port on 127.0.0.1 (bind port 0 and let go), for starting a
/// server under test.
pub fn free_port() -> io::Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

/// One connection.
pub struct Bot {
    stream: TcpStream,
    /// Text received since the last [`Swarm::take`], telnet stripped, CR removed.
    pub text: String,
    /// Prompts seen (IAC GA or IAC EOR) since connecting.
    pub prompts: u64,
    /// When the last line was sent, and the prompt count at that moment.
    pub sent_at: Option<(Instant, u64)>,
    /// Round trips measured: line sent → next prompt.
    pub round_trips: Vec<Duration>,
    pub closed: bool,
    /// When the first byte arrived (for boot and accept timings).
    pub first_byte: Option<Instant>,
    /// Bytes received since connecting (telnet included).
    pub bytes_in: u64,
    /// A string to watch for, and when it first arrived after being set
    /// (see [`Swarm::watch`]).
    pub watch: Option<String>,
    pub watch_hit: Option<Instant>,
    /// When set, a prompt ends a round trip only if some complete line since
    /// the line was sent is non-empty and does not contain this prefix
    /// (lines like "Loadaaab leaves north." or "A post's thwack misses
    /// Loadaaab." are other bots, not the reply).
    pub noise_prefix: Option<String>,
    out: Vec<u8>,
    state: TelnetState,
    /// The line being received (only kept while `noise_prefix` is set).
    line: Vec<u8>,
    /// A reply line (not noise) arrived since the send / the last prompt.
    substantive: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TelnetState {
    Data,
    Iac,
    Opt,
    Sb,
    SbIac,
}

impl Bot {
    fn feed(&mut self, bytes: &[u8]) {
        let now = Instant::now();
        if self.first_byte.is_none() && !bytes.is_empty() {
            self.first_byte = Some(now);
        }
        self.bytes_in += bytes.len() as u64;
        let mut plain = Vec::with_capacity(bytes.len());
        for &b in bytes {
            if self.noise_prefix.is_some() && self.state == TelnetState::Data && b != IAC {
                self.note_byte(b);
            }
            self.state = match (self.state, b) {
                (TelnetState::Data, IAC) => TelnetState::Iac,
                (TelnetState::Data, b'\r') => TelnetState::Data,
                (TelnetState::Data, b) => {
                    plain.push(b);
                    TelnetState::Data
                }
                (TelnetState::Iac, IAC) => {
                    plain.push(IAC);
                    TelnetState::Data
                }
                (TelnetState::Iac, GA | EOR) => {
                    self.prompts += 1;
                    if let Some((at, count)) = self.sent_at {
                        if self.prompts > count && (self.noise_prefix.is_none() || self.substantive)
                        {
                            self.round_trips.push(now - at);
                            self.sent_at = None;
                        }
                    }
                    self.line.clear();
                    self.substantive = false;
                    TelnetState::Data
                }
                (TelnetState::Iac, SB) => TelnetState::Sb,
                (TelnetState::Iac, 251..=254) => TelnetState::Opt,
                (TelnetState::Iac, _) => TelnetState::Data,
                (TelnetState::Opt, _) => TelnetState::Data,
                (TelnetState::Sb, IAC) => TelnetState::SbIac,
                (TelnetState::Sb, _) => TelnetState::Sb,
                (TelnetState::SbIac, SE) => TelnetState::Data,
                (TelnetState::SbIac, _) => TelnetState::Sb,
            };
        }
        let before = self.text.len();
        self.text.push_str(&String::from_utf8_lossy(&plain));
        if let (Some(needle), None) = (&self.watch, self.watch_hit) {
            let n = needle.len();
            let from = before.saturating_sub(n.saturating_sub(1));
            if n > 0
                && self.text.as_bytes()[from..]
                    .windows(n)
                    .any(|w| w == needle.as_bytes())
            {
                self.watch_hit = Some(now);
            }
        }
    }

    /// Track complete lines for the noise filter.
    fn note_byte(&mut self, b: u8) {
        match b {
            b'\r' => {}
            b'\n' => {
                let line = std::mem::take(&mut self.line);
                let text = line.trim_ascii();
                if !text.is_empty() {
                    let noise = self.noise_prefix.as_deref().is_some_and(|p| {
                        !p.is_empty() && text.windows(p.len()).any(|w| w == p.as_bytes())
                    });
                    if !noise {
                        self.substantive = true;
                    }
                }
            }
            b => {
                if self.line.len() < 256 {
                    self.line.push(b);
                }
            }
        }
    }
}

/// Many bots on one poll.
pub struct Swarm {
    poll: Poll,
    events: Events,
    pub bots: Vec<Bot>,
}

impl Swarm {
    pub fn new() -> io::Result<Swarm> {
        Ok(Swarm {
            poll: Poll::new()?,
            events: Events::with_capacity(1024),
            bots: Vec::new(),
        })
    }

    /// Open a connection; returns its index.
    pub fn connect(&mut self, addr: SocketAddr) -> io::Result<usize> {
        let std = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        std.set_nonblocking(true)?;
        let _ = std.set_nodelay(true);
        let mut stream = TcpStream::from_std(std);
        let i = self.bots.len();
        self.poll
            .registry()
            .register(&mut stream, Token(i), Interest::READABLE)?;
        self.bots.push(Bot {
            stream,
            text: String::new(),
            prompts: 0,
            sent_at: None,
            round_trips: Vec::new(),
            closed: false,
            first_byte: None,
            bytes_in: 0,
            watch: None,
            watch_hit: None,
            noise_prefix: None,
            out: Vec::new(),
            state: TelnetState::Data,
            line: Vec::new(),
            substantive: false,
        });
        Ok(i)
    }

    /// Queue a line (CR LF added) and note the time for a round trip.
    pub fn send(&mut self, i: usize, line: &str) {
        let Some(b) = self.bots.get_mut(i) else {
            return;
        };
        b.out.extend_from_slice(line.as_bytes());
        b.out.extend_from_slice(b"\r\n");
        b.sent_at = Some((Instant::now(), b.prompts));
        b.substantive = false;
        Self::flush(b);
    }

    /// Watch bot `i` for `needle`: [`Bot::watch_hit`] is set to when it
    /// first arrives from now on (`None` stops watching).
    pub fn watch(&mut self, i: usize, needle: Option<&str>) {
        if let Some(b) = self.bots.get_mut(i) {
            b.watch = needle.map(str::to_string);
            b.watch_hit = None;
        }
    }

    /// Set bot `i`'s noise prefix (see [`Bot::noise_prefix`]).
    pub fn set_noise_prefix(&mut self, i: usize, prefix: Option<&str>) {
        if let Some(b) = self.bots.get_mut(i) {
            b.noise_prefix = prefix.map(str::to_string);
            b.line.clear();
        }
    }

    /// How many connections were opened.
    pub fn len(&self) -> usize {
        self.bots.len()
    }

    /// True when no connection was opened.
    pub fn is_empty(&self) -> bool {
        self.bots.is_empty()
    }

    /// Queue raw bytes.
    pub fn send_raw(&mut self, i: usize, bytes: &[u8]) {
        let Some(b) = self.bots.get_mut(i) else {
            return;
        };
        b.out.extend_from_slice(bytes);
        Self::flush(b);
    }

    fn flush(b: &mut Bot) {
        while !b.out.is_empty() {
            match b.stream.write(&b.out) {
                Ok(0) => {
                    b.closed = true;
                    return;
                }
                Ok(n) => {
                    b.out.drain(..n);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    b.closed = true;
                    return;
                }
            }
        }
    }

    /// Take and clear what bot `i` received.
    pub fn take(&mut self, i: usize) -> String {
        self.bots
            .get_mut(i)
            .map(|b| std::mem::take(&mut b.text))
            .unwrap_or_default()
    }

    /// Pump the network until `done(bot)` holds for every bot in `which`, or
    /// the timeout passes. Returns the indexes that are still not done.
    pub fn wait_until(
        &mut self,
        which: &[usize],
        timeout: Duration,
        done: impl Fn(&Bot) -> bool,
    ) -> Vec<usize> {
        let deadline = Instant::now() + timeout;
        loop {
            let pending: Vec<usize> = which
                .iter()
                .copied()
                .filter(|&i| self.bots.get(i).is_some_and(|b| !done(b)))
                .collect();
            let now = Instant::now();
            if pending.is_empty() || now >= deadline {
                return pending;
            }
            self.pump(deadline - now);
        }
    }

    /// Wait until every bot in `which` has received `needle`.
    pub fn wait_for(&mut self, which: &[usize], needle: &str, timeout: Duration) -> Vec<usize> {
        self.wait_until(which, timeout, |b| b.text.contains(needle))
    }

    /// Read whatever arrives within `timeout` (at most one poll round).
    pub fn pump(&mut self, timeout: Duration) {
        let _ = self.pump_ready(timeout);
    }

    /// Like [`Swarm::pump`], returning the indexes of the bots that became
    /// readable (so a caller with many bots only looks at those).
    pub fn pump_ready(&mut self, timeout: Duration) -> Vec<usize> {
        for b in self.bots.iter_mut() {
            if !b.out.is_empty() {
                Self::flush(b);
            }
        }
        if self
            .poll
            .poll(
                &mut self.events,
                Some(timeout.min(Duration::from_millis(100))),
            )
            .is_err()
        {
            return Vec::new();
        }
        let ready: Vec<usize> = self.events.iter().map(|e| e.token().0).collect();
        let mut buf = [0u8; 16384];
        for &i in &ready {
            let Some(b) = self.bots.get_mut(i) else {
                continue;
            };
            loop {
                match b.stream.read(&mut buf) {
                    Ok(0) => {
                        b.closed = true;
                        break;
                    }
                    Ok(n) => b.feed(&buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => {
                        b.closed = true;
                        break;
                    }
                }
            }
        }
        ready
    }

    /// Close bot `i`'s connection (the server will see it drop).
    pub fn close(&mut self, i: usize) {
        if let Some(b) = self.bots.get_mut(i) {
            let _ = self.poll.registry().deregister(&mut b.stream);
            let _ = b.stream.shutdown(std::net::Shutdown::Both);
            b.closed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_telnet_and_counts_prompts() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut s = Swarm::new().expect("poll");
        let i = s.connect(addr).expect("connect");
        let (mut server, _) = listener.accept().expect("accept");
        server
            .write_all(b"Hello\r\n\xff\xfb\x01Pass\xff\xff\xff\xfa\x18\x01\xff\xf0word: \xff\xf9")
            .expect("write");
        assert!(s
            .wait_until(&[i], Duration::from_secs(5), |b| b.prompts == 1)
            .is_empty());
        assert_eq!(s.take(i), "Hello\nPass\u{fffd}word: ");
    }

    #[test]
    fn noise_prefix_skips_other_bots_prompts_and_watch_notes_arrival() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut s = Swarm::new().expect("poll");
        let i = s.connect(addr).expect("connect");
        let (mut server, _) = listener.accept().expect("accept");
        s.set_noise_prefix(i, Some("Load"));
        s.watch(i, Some("rematerializes"));
        s.send(i, "look");
        // Another bot's doings, with a prompt: not the reply.
        server
            .write_all(b"\r\nLoadaaab leaves north.\r\nA post's thwack misses Loadaaac.\r\n<20hp> \xff\xf9")
            .expect("write");
        assert!(s
            .wait_until(&[i], Duration::from_secs(5), |b| b.prompts == 1)
            .is_empty());
        assert!(s.bots[i].round_trips.is_empty());
        assert!(s.bots[i].watch_hit.is_none());
        assert!(s.bots[i].first_byte.is_some());
        // The reply, split across writes, the watched word split too.
        server
            .write_all(b"Drill Yard\r\nYour body remateri")
            .expect("write");
        s.pump(Duration::from_millis(200));
        server
            .write_all(b"alizes.\r\n<20hp> \xff\xf9")
            .expect("write");
        assert!(s
            .wait_until(&[i], Duration::from_secs(5), |b| b.prompts == 2)
            .is_empty());
        assert_eq!(s.bots[i].round_trips.len(), 1);
        assert!(s.bots[i].watch_hit.is_some());
        assert!(s.bots[i].sent_at.is_none());
    }
}
