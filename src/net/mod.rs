//! "comm.c": everything that touches a socket.
//!
//! [`Server`] is the single-threaded mio loop. It owns the listener and the
//! descriptor table (a slab keyed by mio `Token`; the key is the connection's
//! [`ConnId`]) and drives an [`Engine`] — the game — through the seam in
//! [`engine`]. One loop turn:
//!
//! 1. poll, with a timeout reaching to the next pulse (zero when input is
//!    ready to handle), so idle connections cost nothing between pulses;
//! 2. accept new connections, read, write, pick up password results and signals;
//! 3. hand the engine at most one line per descriptor whose character is
//!    ready (round-robin: a flooding client cannot starve the others), as
//!    soon as it arrives — not on the next pulse;
//! 4. pulse the engine when the pulse is due (4 per second), and let it
//!    pick up work finished off the loop (player files written);
//! 5. drain what the engine queued: text, then a prompt and `IAC GA`, echo
//!    changes, password jobs; write it; drop dead connections and tell the
//!    engine.
//!
//! SIGINT and SIGTERM save everyone and end the loop; SIGUSR1 only sets a flag
//! ([`Server::copyover_requested`]) for the reboot code. Signals are read
//! from a `signalfd` registered with the poll (see [`Server::catch_signals`]),
//! so no handler runs at an arbitrary moment. SIGPIPE needs nothing: Rust
//! binaries ignore it and std sends with `MSG_NOSIGNAL`; EPIPE and
//! ECONNRESET are ordinary disconnects.
//!
//! For copyover the server hands out the raw fds of the listener and of every
//! descriptor ([`Server::listener_fd`], [`Server::connection_fds`]), and a new
//! image adopts already connected sockets ([`Server::adopt`]).
//!
//! With `-w` a second listener serves the web client ([`web`]): its
//! connections are descriptors too, HTTP exchanges the game never hears
//! of until one becomes a websocket, then a player like any other (the
//! loop calls `Engine::connected` then). The same limits apply to both
//! ports; a copyover hands the web listener over beside the telnet one.

pub mod color;
pub mod descriptor;
pub mod handoff;
pub mod hash;
pub mod protocols;
pub mod telnet;
pub mod web;

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

use log::{debug, info, warn};
use mio::net::{TcpListener, TcpStream};
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token, Waker};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use slab::Slab;

pub use crate::engine::{ConnId, Engine, HashJob, HashResult, Outbound};
use descriptor::{Descriptor, ReadStatus};

const LISTENER: Token = Token(usize::MAX - 1);
const WAKER: Token = Token(usize::MAX - 2);
const SIGNALS: Token = Token(usize::MAX - 3);
const WEB_LISTENER: Token = Token(usize::MAX - 4);

/// A pulse taking longer than this is logged: it delays every player.
const SLOW_PULSE: Duration = Duration::from_millis(5);

/// ROM's pulse: a quarter of a second.
pub const PULSE: Duration = Duration::from_millis(250);

/// Descriptors kept free below the open-file limit for what the game itself
/// needs: reading a player file at login, the writer's saves, a copyover's
/// check run, state files and guardian. Connections are refused before they
/// would eat into it.
pub const RESERVED_FDS: usize = 100;
/// Connections at once from one address unless `--max-per-address` says
/// otherwise: enough for a household or a small NAT, too few to exhaust
/// the server.
pub const DEFAULT_MAX_PER_ADDRESS: usize = 32;
/// Connections at once in all unless `--max-connections` says otherwise
/// (and never more than the descriptor limit allows).
pub const DEFAULT_MAX_CONNECTIONS: usize = 20_000;
/// Most connections accepted in one loop turn; the rest wait in the
/// listen queue for the next turn, so a burst of thousands cannot stall
/// the players' commands.
pub const ACCEPTS_PER_TURN: usize = 32;
/// Most lines handled per loop turn from connections still logging in
/// (playing connections are not limited: one line each per turn).
pub const PREGAME_LINES_PER_TURN: usize = 64;
/// What a connection over a limit reads before it is closed.
pub const GAME_FULL: &str = "The game is full right now. Please try again in a few minutes.\r\n";
pub const TOO_MANY_FROM_ADDRESS: &str =
    "Too many connections from your address. Please close one and try again.\r\n";

/// Knobs of the loop (tests shorten the pulse).
#[derive(Clone, Debug)]
pub struct LoopOptions {
    /// Connections at once (new ones over it are told the game is full).
    pub max_connections: usize,
    /// Connections at once from one address; 0 = no limit.
    pub max_per_address: usize,
    /// Time between pulses.
    pub pulse: Duration,
    /// Pulses a connection the game closed may take to flush its last output.
    pub close_timeout_pulses: u64,
    /// Longest time to spend flushing output when shutting down.
    pub shutdown_flush: Duration,
    /// Longest an HTTP exchange on the web port may take (request and
    /// answer); a slower one is closed.
    pub http_timeout: Duration,
}

impl Default for LoopOptions {
    fn default() -> Self {
        LoopOptions {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_per_address: DEFAULT_MAX_PER_ADDRESS,
            pulse: PULSE,
            close_timeout_pulses: 40,
            shutdown_flush: Duration::from_secs(2),
            http_timeout: web::HTTP_TIMEOUT,
        }
    }
}

/// Why [`Server::run_until`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// SIGINT/SIGTERM, [`Server::request_shutdown`] or the game asked to
    /// stop: `save_all` was called and output flushed.
    Shutdown,
    /// The caller's `keep_going` returned false; nothing was torn down, and
    /// the loop can be run again.
    Stopped,
}

/// Counters, for logs and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Loop turns (poll returns).
    pub turns: u64,
    /// Pulses given to the engine.
    pub pulses: u64,
    /// Connections accepted or adopted.
    pub accepted: u64,
    /// Connections removed.
    pub dropped: u64,
    /// Connections refused at accept (over a limit).
    pub refused: u64,
}

/// The signals the loop takes as events: SIGINT, SIGTERM, SIGUSR1.
pub fn loop_signals() -> SigSet {
    let mut mask = SigSet::empty();
    mask.add(Signal::SIGINT);
    mask.add(Signal::SIGTERM);
    mask.add(Signal::SIGUSR1);
    mask
}

/// Block [`loop_signals`] in the calling thread (and in threads it starts
/// later), so they wait, pending, for [`Server::catch_signals`] instead of
/// killing the process. Call it first thing in `main`. Returns the mask.
pub fn block_signals() -> io::Result<SigSet> {
    let mask = loop_signals();
    mask.thread_block()?;
    Ok(mask)
}

/// The network loop. See the module docs.
pub struct Server {
    poll: Poll,
    listener: TcpListener,
    /// The web client's port (`-w`): HTTP and websockets.
    web: Option<TcpListener>,
    /// The last web accept turn stopped at [`ACCEPTS_PER_TURN`].
    web_accept_more: bool,
    conns: Slab<Descriptor>,
    next_serial: u64,
    hasher: hash::Worker,
    /// Wakes the poll from other threads (password and file-writer results).
    waker: Arc<Waker>,
    signals: Option<SignalFd>,
    shutdown_flag: bool,
    copyover_flag: bool,
    retry_accept: bool,
    /// The last accept turn stopped at [`ACCEPTS_PER_TURN`]: more wait.
    accept_more: bool,
    /// The last pre-game connection whose line was handled (round-robin).
    pregame_cursor: usize,
    /// Open connections per peer address (for `max_per_address`).
    per_addr: std::collections::HashMap<std::net::IpAddr, usize>,
    opts: LoopOptions,
    next_pulse: Instant,
    stats: Stats,
    /// Connections whose output must be taken this turn even if the engine
    /// does not list them (they just had input or a password result).
    touched: Vec<ConnId>,
    /// When the server first started (Unix seconds), for MSSP `UPTIME`;
    /// copyover carries it with [`Server::set_boot_time`].
    boot_time: i64,
    /// Child processes to reap once they exit (a copyover's guardian,
    /// which exits as soon as it is answered).
    children: Vec<i32>,
}

impl Server {
    /// A server on a bound, non-blocking listener, with default options.
    pub fn new(listener: TcpListener) -> io::Result<Server> {
        Server::with_options(listener, LoopOptions::default())
    }

    pub fn with_options(mut listener: TcpListener, opts: LoopOptions) -> io::Result<Server> {
        let poll = Poll::new()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
        Ok(Server {
            poll,
            listener,
            web: None,
            web_accept_more: false,
            conns: Slab::new(),
            next_serial: 1,
            hasher: hash::Worker::new(Arc::clone(&waker)),
            waker,
            signals: None,
            shutdown_flag: false,
            copyover_flag: false,
            retry_accept: false,
            accept_more: false,
            pregame_cursor: 0,
            per_addr: std::collections::HashMap::new(),
            next_pulse: Instant::now() + opts.pulse,
            opts,
            stats: Stats::default(),
            touched: Vec::new(),
            boot_time: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
            children: Vec::new(),
        })
    }

    /// Take SIGINT, SIGTERM (shutdown) and SIGUSR1 (copyover request) as
    /// events of this loop: they are blocked in the calling thread and read
    /// from a signalfd. Call it from the main thread before any other thread
    /// starts, so every thread inherits the mask. The mask survives `exec`,
    /// so a new image never dies of a signal sent before it is ready.
    pub fn catch_signals(&mut self) -> io::Result<()> {
        let mask = block_signals()?;
        let sfd = SignalFd::with_flags(&mask, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)?;
        self.poll.registry().register(
            &mut SourceFd(&sfd.as_raw_fd()),
            SIGNALS,
            Interest::READABLE,
        )?;
        self.signals = Some(sfd);
        Ok(())
    }

    /// When the server first started (Unix seconds; MSSP `UPTIME`).
    /// A function that wakes the loop from another thread (a helper
    /// thread's result is waiting).
    pub fn wake_fn(&self) -> crate::engine::Wake {
        let waker = Arc::clone(&self.waker);
        Arc::new(move || {
            let _ = waker.wake();
        })
    }

    pub fn boot_time(&self) -> i64 {
        self.boot_time
    }

    /// Keep the first image's start time across a copyover.
    pub fn set_boot_time(&mut self, secs: i64) {
        self.boot_time = secs;
    }

    /// Reap child `pid` once it exits (checked every pulse), so no zombie
    /// is left behind.
    pub fn reap_later(&mut self, pid: i32) {
        self.children.push(pid);
    }

    /// Reap every child now, waiting up to `timeout` for each (then killing
    /// it): before a copyover forks a new guardian, so no child, dead or
    /// alive, is carried into the next image.
    pub fn reap_children(&mut self, timeout: Duration) {
        for pid in std::mem::take(&mut self.children) {
            handoff::reap(pid, timeout);
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// The listener's fd (copyover passes it to the new image).
    pub fn listener_fd(&self) -> RawFd {
        self.listener.as_raw_fd()
    }

    /// Serve the web client (HTTP and websockets) on this bound,
    /// non-blocking listener too.
    pub fn set_web_listener(&mut self, mut listener: TcpListener) -> io::Result<()> {
        if let Some(mut old) = self.web.take() {
            let _ = self.poll.registry().deregister(&mut old);
        }
        self.poll
            .registry()
            .register(&mut listener, WEB_LISTENER, Interest::READABLE)?;
        self.web = Some(listener);
        Ok(())
    }

    /// The web listener's fd, if the web client is served (copyover passes
    /// it to the new image).
    pub fn web_listener_fd(&self) -> Option<RawFd> {
        self.web.as_ref().map(|l| l.as_raw_fd())
    }

    /// The address the web listener is bound to.
    pub fn web_addr(&self) -> Option<std::net::SocketAddr> {
        self.web.as_ref().and_then(|l| l.local_addr().ok())
    }

    /// Every open connection and its socket's fd.
    pub fn connection_fds(&self) -> Vec<(ConnId, RawFd)> {
        self.conns
            .iter()
            .map(|(k, d)| (ConnId(k), d.raw_fd()))
            .collect()
    }

    /// One connection's descriptor (telnet state, peer, colour choice).
    pub fn descriptor(&self, conn: ConnId) -> Option<&Descriptor> {
        self.conns.get(conn.0)
    }

    pub fn descriptor_mut(&mut self, conn: ConnId) -> Option<&mut Descriptor> {
        self.conns.get_mut(conn.0)
    }

    /// All descriptors.
    pub fn descriptors(&self) -> impl Iterator<Item = &Descriptor> {
        self.conns.iter().map(|(_, d)| d)
    }

    /// Has SIGUSR1 (the copyover trigger) arrived?
    pub fn copyover_requested(&self) -> bool {
        self.copyover_flag
    }

    /// Read and clear the copyover request.
    pub fn take_copyover_request(&mut self) -> bool {
        std::mem::take(&mut self.copyover_flag)
    }

    /// Make the loop save and stop at the end of this turn, as SIGTERM does.
    pub fn request_shutdown(&mut self) {
        self.shutdown_flag = true;
    }

    /// Take over an already connected socket (copyover's new image). The
    /// engine is not told (`connected` is not called): the caller restores
    /// the connection's state and telnet options itself.
    pub fn adopt(&mut self, stream: std::net::TcpStream, peer: String) -> io::Result<ConnId> {
        stream.set_nonblocking(true)?;
        let conn = self.insert(TcpStream::from_std(stream), peer)?;
        info!("adopted connection {} ({})", conn.0, self.peer(conn));
        Ok(conn)
    }

    fn peer(&self, conn: ConnId) -> &str {
        self.conns.get(conn.0).map_or("?", |d| d.peer.as_str())
    }

    fn insert(&mut self, stream: TcpStream, peer: String) -> io::Result<ConnId> {
        self.insert_kind(stream, peer, false)
    }

    /// Register a connection; `web`: it came on the web port (HTTP first).
    fn insert_kind(&mut self, stream: TcpStream, peer: String, web: bool) -> io::Result<ConnId> {
        let _ = stream.set_nodelay(true);
        let ip = stream.peer_addr().ok().map(|a| a.ip());
        self.insert_known(stream, peer, ip, web)
    }

    /// [`Server::insert_kind`] for a socket whose address is known and
    /// whose options are set (one adopted across a copyover: socket options
    /// and `O_NONBLOCK` live on the socket and survive the exec).
    fn insert_known(
        &mut self,
        mut stream: TcpStream,
        peer: String,
        ip: Option<std::net::IpAddr>,
        web: bool,
    ) -> io::Result<ConnId> {
        let entry = self.conns.vacant_entry();
        let key = entry.key();
        self.poll
            .registry()
            .register(&mut stream, Token(key), Interest::READABLE)?;
        let mut d = if web {
            Descriptor::new_web(ConnId(key), self.next_serial, stream, peer, Instant::now())
        } else {
            Descriptor::new(ConnId(key), self.next_serial, stream, peer)
        };
        d.ip = ip;
        self.next_serial += 1;
        d.request_read();
        entry.insert(d);
        if let Some(ip) = ip {
            *self.per_addr.entry(ip).or_insert(0) += 1;
        }
        self.stats.accepted += 1;
        Ok(ConnId(key))
    }

    /// Forget a removed connection's address count.
    fn release_addr(&mut self, ip: Option<std::net::IpAddr>) {
        let Some(ip) = ip else { return };
        if let Some(n) = self.per_addr.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_addr.remove(&ip);
            }
        }
    }

    /// Why a new connection from `ip` must be refused, if it must.
    fn over_limit(&self, ip: std::net::IpAddr) -> Option<&'static str> {
        if self.conns.len() >= self.opts.max_connections {
            return Some(GAME_FULL);
        }
        let per = self.opts.max_per_address;
        if per > 0 && self.per_addr.get(&ip).copied().unwrap_or(0) >= per {
            return Some(TOO_MANY_FROM_ADDRESS);
        }
        None
    }

    /// Run until a shutdown; SIGUSR1 only sets its flag.
    pub fn run<E: Engine>(&mut self, engine: &mut E) -> io::Result<Exit> {
        self.run_until(engine, |_| true)
    }

    /// Run until a shutdown, or until `keep_going` (asked once per turn)
    /// says no.
    pub fn run_until<E: Engine>(
        &mut self,
        engine: &mut E,
        mut keep_going: impl FnMut(&Server) -> bool,
    ) -> io::Result<Exit> {
        let mut events = Events::with_capacity(1024);
        let waker = Arc::clone(&self.waker);
        engine.set_wake(Arc::new(move || {
            let _ = waker.wake();
        }));
        loop {
            if !keep_going(self) || engine.wants_copyover() {
                return Ok(Exit::Stopped);
            }
            let timeout = if self.has_ready_work(engine) {
                Duration::ZERO
            } else {
                self.next_pulse.saturating_duration_since(Instant::now())
            };
            match self.poll.poll(&mut events, Some(timeout)) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            self.stats.turns += 1;
            if self.accept_more {
                self.accept(engine);
            }
            if self.web_accept_more {
                self.accept_web();
            }
            for ev in events.iter() {
                match ev.token() {
                    LISTENER => self.accept(engine),
                    WEB_LISTENER => self.accept_web(),
                    WAKER => {}
                    SIGNALS => self.read_signals(),
                    Token(k) => {
                        let readable = ev.is_readable() || ev.is_read_closed() || ev.is_error();
                        self.conn_event(k, readable, ev.is_writable());
                    }
                }
            }
            // Password results: the waker may have fired or not; the channel knows.
            self.hash_results(engine);
            self.read_leftovers();
            self.client_updates(engine);
            self.process_input(engine);
            let now = Instant::now();
            if now >= self.next_pulse {
                self.pulse(engine, now);
            }
            engine.background();
            self.settle(engine);
            if self.shutdown_flag || engine.wants_shutdown() {
                self.shutdown(engine);
                return Ok(Exit::Shutdown);
            }
        }
    }

    /// Is there something to do without waiting (queued lines the engine
    /// takes now, or socket bytes left by a read budget)?
    fn has_ready_work<E: Engine>(&self, engine: &E) -> bool {
        self.accept_more
            || self.web_accept_more
            || self.conns.iter().any(|(k, d)| {
                !d.is_dead()
                    && (d.wants_read()
                        || (!d.input.is_empty()
                            && d.closing_since.is_none()
                            && engine.ready(ConnId(k))))
            })
    }

    fn accept<E: Engine>(&mut self, engine: &mut E) {
        self.retry_accept = false;
        self.accept_more = false;
        let mut taken = 0;
        loop {
            if taken >= ACCEPTS_PER_TURN {
                // The rest wait in the listen queue until the next turn.
                self.accept_more = true;
                break;
            }
            match self.listener.accept() {
                Ok((mut stream, addr)) => {
                    taken += 1;
                    let peer = addr.to_string();
                    if let Some(why) = self.over_limit(addr.ip()) {
                        // Best effort, never waiting: one line, then close.
                        use std::io::Write as _;
                        let _ = stream.write(why.as_bytes());
                        self.stats.refused += 1;
                        debug!("refused connection from {peer}: {}", why.trim_end());
                        if self.stats.refused.is_power_of_two() {
                            warn!(
                                "refusing connections over the limits ({} so far; now from {peer}: {})",
                                self.stats.refused,
                                why.trim_end()
                            );
                        }
                        continue;
                    }
                    match self.insert(stream, peer.clone()) {
                        Ok(conn) => {
                            info!("connection {} from {}", conn.0, peer);
                            if let Some(d) = self.conns.get_mut(conn.0) {
                                d.start();
                            }
                            engine.connected(conn, &peer);
                            self.touched.push(conn);
                        }
                        Err(e) => warn!("cannot register connection from {peer}: {e}"),
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e)
                    if e.kind() == io::ErrorKind::Interrupted
                        || e.kind() == io::ErrorKind::ConnectionAborted =>
                {
                    continue
                }
                Err(e) => {
                    // Out of fds, most likely: try again on the next pulse.
                    warn!("accept: {e}");
                    self.retry_accept = true;
                    break;
                }
            }
        }
    }

    /// Accept on the web port: like [`Server::accept`], with the same
    /// limits, but the connection is an HTTP exchange the game does not
    /// hear of until it becomes a websocket.
    fn accept_web(&mut self) {
        self.web_accept_more = false;
        let mut taken = 0;
        loop {
            if taken >= ACCEPTS_PER_TURN {
                self.web_accept_more = true;
                break;
            }
            let Some(web) = &self.web else { return };
            match web.accept() {
                Ok((mut stream, addr)) => {
                    taken += 1;
                    let peer = addr.to_string();
                    if let Some(why) = self.over_limit(addr.ip()) {
                        use std::io::Write as _;
                        let body = why.as_bytes();
                        let _ = stream.write(&web::response(
                            503,
                            "Service Unavailable",
                            "text/plain",
                            body,
                        ));
                        self.stats.refused += 1;
                        debug!("refused web connection from {peer}: {}", why.trim_end());
                        continue;
                    }
                    match self.insert_kind(stream, peer.clone(), true) {
                        Ok(conn) => debug!("web connection {} from {}", conn.0, peer),
                        Err(e) => warn!("cannot register web connection from {peer}: {e}"),
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e)
                    if e.kind() == io::ErrorKind::Interrupted
                        || e.kind() == io::ErrorKind::ConnectionAborted =>
                {
                    continue
                }
                Err(e) => {
                    warn!("accept (web): {e}");
                    self.retry_accept = true;
                    break;
                }
            }
        }
    }

    fn read_signals(&mut self) {
        let Some(sfd) = &self.signals else { return };
        while let Ok(Some(info)) = sfd.read_signal() {
            match Signal::try_from(info.ssi_signo as i32) {
                Ok(Signal::SIGINT) | Ok(Signal::SIGTERM) => {
                    info!("signal {}: shutting down", info.ssi_signo);
                    self.shutdown_flag = true;
                }
                Ok(Signal::SIGUSR1) => {
                    info!("SIGUSR1: copyover requested");
                    self.copyover_flag = true;
                }
                _ => debug!("signal {} ignored", info.ssi_signo),
            }
        }
    }

    fn conn_event(&mut self, k: usize, readable: bool, writable: bool) {
        let Some(d) = self.conns.get_mut(k) else {
            return;
        };
        if d.is_dead() {
            return;
        }
        if writable {
            if let Err(e) = d.flush() {
                d.kill(e.to_string());
                return;
            }
        }
        if readable {
            if let ReadStatus::Closed(reason) = d.read() {
                d.kill(reason);
            }
        }
    }

    /// Reads that stopped at their budget continue here, once the
    /// descriptor's queue has room.
    fn read_leftovers(&mut self) {
        for (_, d) in self.conns.iter_mut() {
            if d.wants_read() {
                if let ReadStatus::Closed(reason) = d.read() {
                    d.kill(reason);
                }
            }
        }
    }

    /// Tell the engine what clients negotiated, and answer MSSP requests
    /// with the engine's facts plus the net layer's own.
    fn client_updates<E: Engine>(&mut self, engine: &mut E) {
        let port = self.listener.local_addr().map_or(0, |a| a.port());
        let web_port = self.web_addr().map(|a| a.port());
        let boot = self.boot_time;
        for (k, d) in self.conns.iter_mut() {
            if d.is_dead() {
                continue;
            }
            if d.take_upgraded() {
                // A websocket is a player connection from now on: greeted
                // like a telnet one.
                info!("connection {} from {} (websocket)", k, d.peer);
                engine.connected(ConnId(k), &d.peer);
                self.touched.push(ConnId(k));
            }
            if d.is_http() {
                continue;
            }
            if let Some(info) = d.take_info_changed() {
                engine.client_info(ConnId(k), &info);
            }
            if d.take_mssp_request() {
                let mut net = protocols::mssp::net_vars(port);
                net.push(("UPTIME".into(), boot.to_string()));
                if let Some(wp) = web_port {
                    net.extend(protocols::mssp::web_vars(wp));
                }
                let vars = protocols::mssp::merge(engine.mssp(), net);
                d.send_mssp(&vars);
            }
        }
    }

    fn hash_results<E: Engine>(&mut self, engine: &mut E) {
        for done in self.hasher.finished() {
            match self.conns.get(done.conn.0) {
                Some(d) if d.serial == done.serial && !d.is_dead() => {
                    engine.hash_done(done.conn, done.result);
                    self.touched.push(done.conn);
                }
                _ => debug!("password result for a gone connection {}", done.conn.0),
            }
        }
    }

    /// One line per ready descriptor: every playing connection's first,
    /// then at most [`PREGAME_LINES_PER_TURN`] from connections still
    /// logging in, taking turns (the next turn starts after the last one
    /// served), so a thousand strangers typing cost players little.
    fn process_input<E: Engine>(&mut self, engine: &mut E) {
        let keys: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, d)| !d.input.is_empty() && !d.is_dead() && d.closing_since.is_none())
            .map(|(k, _)| k)
            .collect();
        let (playing, mut pregame): (Vec<usize>, Vec<usize>) =
            keys.into_iter().partition(|&k| engine.in_game(ConnId(k)));
        if pregame.len() > PREGAME_LINES_PER_TURN {
            let start = pregame.partition_point(|&k| k <= self.pregame_cursor);
            pregame.rotate_left(start);
            pregame.truncate(PREGAME_LINES_PER_TURN);
        }
        if let Some(&last) = pregame.last() {
            self.pregame_cursor = last;
        }
        for k in playing.into_iter().chain(pregame) {
            let conn = ConnId(k);
            if !engine.ready(conn) {
                continue;
            }
            let Some(d) = self.conns.get_mut(k) else {
                continue;
            };
            let Some(line) = d.input.pop_front() else {
                continue;
            };
            d.fcommand = true;
            engine.input(conn, &line);
            self.touched.push(conn);
        }
    }

    fn pulse<E: Engine>(&mut self, engine: &mut E, now: Instant) {
        let started = Instant::now();
        engine.pulse();
        let took = started.elapsed();
        if took > SLOW_PULSE {
            warn!(
                "slow pulse {}: {:.1} ms",
                self.stats.pulses,
                took.as_secs_f64() * 1000.0
            );
        }
        self.stats.pulses += 1;
        self.next_pulse += self.opts.pulse;
        if self.next_pulse <= now {
            // Fell behind (a slow pulse): do not try to catch up in a burst.
            self.next_pulse = now + self.opts.pulse;
        }
        let pulses = self.stats.pulses;
        let limit = self.opts.close_timeout_pulses;
        for (_, d) in self.conns.iter_mut() {
            if let Some(since) = d.closing_since {
                if pulses.saturating_sub(since) > limit {
                    d.kill("closed by the game (output not flushed in time)");
                }
            }
            // A websocket closing on a bad frame (or an answered HTTP
            // request) whose client does not read gets as long as a
            // connection the game closed, then goes.
            if d.close_when_flushed() && d.closing_since.is_none() {
                d.closing_since = Some(pulses);
            }
            if d.http_expired(now, self.opts.http_timeout) {
                d.kill("HTTP request or answer too slow");
            }
        }
        if self.retry_accept {
            self.accept(engine);
            self.accept_web();
        }
        if !self.children.is_empty() {
            self.children.retain(|&pid| !handoff::try_reap(pid));
        }
    }

    /// Drop dead connections, deliver queued output, write; repeat while
    /// writing killed someone (the engine may queue a notice for the others).
    fn settle<E: Engine>(&mut self, engine: &mut E) {
        loop {
            self.sweep(engine);
            self.drain(engine);
            self.flush_pass();
            if !self.conns.iter().any(|(_, d)| d.is_dead()) {
                break;
            }
        }
    }

    fn sweep<E: Engine>(&mut self, engine: &mut E) {
        let dead: Vec<usize> = self
            .conns
            .iter()
            .filter(|(_, d)| d.is_dead())
            .map(|(k, _)| k)
            .collect();
        for k in dead {
            let mut d = self.conns.remove(k);
            let _ = self.poll.registry().deregister(d.stream_mut());
            self.release_addr(d.ip);
            self.stats.dropped += 1;
            if d.is_http() {
                // The game never heard of it (the page, or a failed upgrade).
                debug!(
                    "web connection {} ({}) closed: {}",
                    k,
                    d.peer,
                    d.dead.as_deref().unwrap_or("?")
                );
                continue;
            }
            info!(
                "connection {} ({}) closed: {}",
                k,
                d.peer,
                d.dead.as_deref().unwrap_or("?")
            );
            self.hasher.cancel(ConnId(k), d.serial);
            engine.disconnected(ConnId(k));
        }
    }

    fn drain<E: Engine>(&mut self, engine: &mut E) {
        let mut conns = engine.pending();
        conns.append(&mut self.touched);
        conns.sort_unstable();
        conns.dedup();
        for conn in conns {
            let out = engine.take_output(conn);
            let Some(d) = self.conns.get_mut(conn.0) else {
                continue;
            };
            if d.is_dead() {
                continue;
            }
            if let Some(echo) = out.echo {
                d.set_echo(echo);
            }
            if let Some(prefs) = out.prefs {
                d.apply_prefs(prefs);
            }
            if !out.text.is_empty() {
                d.write_text(&out.text);
            }
            for (package, json) in &out.gmcp {
                d.send_gmcp(package, json);
            }
            if let Some(prompt) = &out.prompt {
                if d.fcommand && !out.compact {
                    d.write_text("\n");
                }
                d.write_text(prompt);
                d.end_prompt();
            }
            d.fcommand = false;
            if out.close && d.closing_since.is_none() {
                d.closing_since = Some(self.stats.pulses);
                d.input.clear();
                d.closing_by_game();
            }
            let serial = d.serial;
            if !out.hash_jobs.is_empty() {
                let addr = crate::engine::peer_address(&d.peer);
                for job in out.hash_jobs {
                    self.hasher.submit(conn, serial, &addr, job);
                }
            }
        }
    }

    /// Write pending output; keep WRITABLE interest only while output waits.
    fn flush_pass(&mut self) {
        let registry = self.poll.registry();
        for (k, d) in self.conns.iter_mut() {
            if d.is_dead() {
                continue;
            }
            if d.pending_output() > 0 {
                if let Err(e) = d.flush() {
                    d.kill(e.to_string());
                    continue;
                }
            }
            let want_writable = d.pending_output() > 0;
            if want_writable != d.writable_registered {
                let interest = if want_writable {
                    Interest::READABLE | Interest::WRITABLE
                } else {
                    Interest::READABLE
                };
                match registry.reregister(d.stream_mut(), Token(k), interest) {
                    Ok(()) => d.writable_registered = want_writable,
                    Err(e) => d.kill(format!("reregister: {e}")),
                }
            }
            if d.close_when_flushed() && d.pending_output() == 0 {
                d.kill(if d.is_http() {
                    "HTTP exchange done"
                } else {
                    "websocket closed"
                });
            } else if d.closing_since.is_some() && d.pending_output() == 0 {
                d.kill("closed by the game");
            }
        }
    }

    /// Write everything pending, waiting up to `timeout` for slow clients
    /// (before exit or exec). Does not poll, so no readiness is lost.
    pub fn flush_all(&mut self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let mut left = false;
            for (_, d) in self.conns.iter_mut() {
                if d.is_dead() || d.pending_output() == 0 {
                    continue;
                }
                match d.flush() {
                    Ok(()) => left |= d.pending_output() > 0,
                    Err(e) => d.kill(e.to_string()),
                }
            }
            if !left || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn shutdown<E: Engine>(&mut self, engine: &mut E) {
        info!("saving and shutting down");
        engine.save_all();
        self.settle(engine);
        self.flush_all(self.opts.shutdown_flush);
    }
}

#[cfg(test)]
mod tests;
