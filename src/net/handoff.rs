//! The network side of a copyover: hand the listener and every connection
//! to the next image, and adopt them there.
//!
//! Before the exec the loop settles (everything the game queued goes onto
//! the sockets and out), each descriptor finishes its compressed stream and
//! exports its telnet state as one line, and the caller clears
//! `FD_CLOEXEC` on exactly the fds named here. After the exec the new image
//! builds a [`Server`] on the inherited listener and adopts each socket fd
//! (non-blocking, close-on-exec again, owned exactly once) with its state.

use std::io;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use super::*;

/// Most unread output carried over a copyover for one slow reader.
pub const MAX_CARRIED_OUTPUT: usize = 256 * 1024;
/// How long a hand-over waits for slow readers before carrying their
/// output instead (one client that stopped reading once held every copyover
/// for 2 s).
pub const HAND_OVER_FLUSH: Duration = Duration::from_millis(50);

/// One connection as handed over: its fd and its exported telnet state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandedConn {
    pub conn: ConnId,
    pub fd: RawFd,
    pub state: String,
}

impl Server {
    /// Put everything the engine queued onto the sockets and write it out,
    /// waiting up to `timeout` for slow readers; drop connections that died.
    pub fn settle_now<E: Engine>(&mut self, engine: &mut E, timeout: Duration) {
        self.settle(engine);
        self.flush_all(timeout);
        self.sweep(engine);
    }

    /// Move what the engine queued into the descriptors' output buffers
    /// (dropping dead connections first), without writing yet.
    pub fn queue_engine_output<E: Engine>(&mut self, engine: &mut E) {
        self.sweep(engine);
        self.drain(engine);
    }

    /// Before a hand-over: drop what the game says may not be written into
    /// the state file (lines typed at a login prompt, a `password`
    /// command), per connection.
    pub fn scrub_input(&mut self, mut keep: impl FnMut(ConnId, &str) -> bool) {
        for (k, d) in self.conns.iter_mut() {
            d.scrub_input(|line| keep(ConnId(k), line));
        }
    }

    /// Finish compressed streams, flush (waiting at most `timeout` for slow
    /// readers: what they have not taken travels in the state and is sent
    /// by the next image), and describe every live connection. A client
    /// with more than [`MAX_CARRIED_OUTPUT`] unread is closed instead.
    pub fn hand_over(&mut self, timeout: Duration) -> Vec<HandedConn> {
        for (_, d) in self.conns.iter_mut() {
            if !d.is_dead() {
                d.end_compression();
            }
            // An HTTP request that has arrived is answered now (the answer
            // goes out with the flush below), so only a connection whose
            // request has not come yet is cut by the exec.
            if d.is_http() && !d.is_dead() {
                if let ReadStatus::Closed(why) = d.read() {
                    d.kill(why);
                }
            }
        }
        self.flush_all(timeout);
        for (_, d) in self.conns.iter_mut() {
            if d.pending_output() > MAX_CARRIED_OUTPUT {
                d.kill("too far behind reading to be carried over a copyover");
            }
        }
        // A connection the game was closing (a player who just quit) is
        // closed now, not carried into the next image.
        for (_, d) in self.conns.iter_mut() {
            if d.closing_since.is_some() {
                d.kill("closed before a copyover");
            }
            // The web port: an HTTP exchange (the page, a handshake not
            // finished) is not carried; the browser asks again. A websocket
            // is, unless it was closing.
            if d.is_http() {
                d.kill("HTTP exchange cut by a copyover");
            } else if d.close_when_flushed() {
                d.kill("websocket closed before a copyover");
            }
        }
        self.conns
            .iter()
            .filter(|(_, d)| !d.is_dead())
            .map(|(k, d)| HandedConn {
                conn: ConnId(k),
                fd: d.raw_fd(),
                state: d.export_state(),
            })
            .collect()
    }

    /// The exec did not happen: offer compression again to those who had it.
    pub fn resume_after_failed_hand_over(&mut self) {
        for (_, d) in self.conns.iter_mut() {
            if !d.is_dead() {
                d.resume_compression();
            }
        }
    }

    /// Serve the web client on a listening socket inherited across `execv`.
    pub fn adopt_web_listener(&mut self, fd: RawFd) -> io::Result<()> {
        let owned = adopt_fd(fd)?;
        let std = std::net::TcpListener::from(owned);
        std.set_nonblocking(true)?;
        self.set_web_listener(TcpListener::from_std(std))
    }

    /// A server on a listening socket inherited across `execv`.
    pub fn from_inherited_listener(fd: RawFd, opts: LoopOptions) -> io::Result<Server> {
        let owned = adopt_fd(fd)?;
        let std = std::net::TcpListener::from(owned);
        std.set_nonblocking(true)?;
        Server::with_options(TcpListener::from_std(std), opts)
    }

    /// Adopt a connected socket inherited across `execv`, restoring the
    /// telnet state it had. Nothing is sent to it but what the state needs.
    ///
    /// Three system calls per socket (a thousand players are adopted while
    /// everybody waits): `getpeername` (which also proves the fd is a
    /// socket), `fcntl(F_SETFD)` and `epoll_ctl`. `TCP_NODELAY` and
    /// `O_NONBLOCK` were set by the image that accepted it and live on the
    /// socket, not the fd, so they survive the exec.
    pub fn adopt_inherited(&mut self, fd: RawFd, state: &str) -> io::Result<ConnId> {
        let (owned, addr) = adopt_socket_fd(fd)?;
        let stream = std::net::TcpStream::from(owned);
        let ip = addr.map(|a| a.ip());
        let peer = ip.map_or_else(|| "?".to_string(), |ip| ip.to_string());
        let conn = self.insert_known(TcpStream::from_std(stream), peer, ip, false)?;
        if let Some(d) = self.conns.get_mut(conn.0) {
            d.import_state(state)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        }
        Ok(conn)
    }
}

/// Take ownership of an fd inherited across `execv`, and mark it
/// close-on-exec again so later children do not inherit it.
fn adopt_fd(fd: RawFd) -> io::Result<OwnedFd> {
    // Refuse fds that are not open sockets, so we never own a number that
    // something else in this process holds.
    let st = nix::sys::stat::fstat(fd)
        .map_err(|e| io::Error::new(io::ErrorKind::NotFound, format!("fd {fd}: {e}")))?;
    if st.st_mode & libc::S_IFMT != libc::S_IFSOCK {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("fd {fd} is not a socket"),
        ));
    }
    // SAFETY: `fd` was handed to this image by the previous one in
    // copyover.dat, is open (checked above), and is adopted exactly once:
    // the caller reads each fd from the data file once and nothing else in
    // this process refers to it.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    set_cloexec(fd)?;
    Ok(owned)
}

/// [`adopt_fd`] for a connected socket, in two system calls: its peer's
/// address (`getpeername` fails with `ENOTSOCK` or `EBADF` for an fd that
/// is not an open socket, which is then refused and not owned), and
/// close-on-exec set outright (`FD_CLOEXEC` is the only fd flag there is,
/// so there is nothing to read first). A socket whose peer is already gone
/// (`ENOTCONN`) is still ours and is adopted, to be closed by the loop.
fn adopt_socket_fd(fd: RawFd) -> io::Result<(OwnedFd, Option<std::net::SocketAddr>)> {
    use nix::sys::socket::{getpeername, SockaddrStorage};
    let addr = match getpeername::<SockaddrStorage>(fd) {
        Ok(a) => a
            .as_sockaddr_in()
            .map(|v4| std::net::SocketAddr::V4((*v4).into()))
            .or_else(|| {
                a.as_sockaddr_in6()
                    .map(|v6| std::net::SocketAddr::V6((*v6).into()))
            }),
        Err(nix::errno::Errno::ENOTCONN) => None,
        Err(e) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("fd {fd} is not an open socket: {e}"),
            ))
        }
    };
    // SAFETY: `fd` was handed to this image by the previous one in
    // copyover.dat, is an open socket (getpeername above succeeded or said
    // ENOTCONN, which only a socket says), and is adopted exactly once: the
    // caller reads each fd from the data file once and nothing else in this
    // process refers to it.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    use nix::fcntl::{fcntl, FcntlArg, FdFlag};
    fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).map_err(io::Error::from)?;
    Ok((owned, addr))
}

// ------------------------------------------------------ child processes
// The loop holds the copyover guardian as a child until it exits.

/// Wait up to `timeout` for child `pid` to exit, then kill it; reap it.
/// Returns true once it is reaped (or is not our child).
pub fn reap(pid: i32, timeout: Duration) -> bool {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    let pid = nix::unistd::Pid::from_raw(pid);
    let deadline = Instant::now() + timeout;
    loop {
        match waitpid(pid, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) => {}
            Ok(_) | Err(_) => return true,
        }
        if Instant::now() >= deadline {
            log::warn!("child process {pid} did not exit: killing it");
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            return waitpid(pid, None).is_ok();
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Whether child `pid` has exited (and is now reaped); never waits.
pub fn try_reap(pid: i32) -> bool {
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    !matches!(
        waitpid(nix::unistd::Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG)),
        Ok(WaitStatus::StillAlive)
    )
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
mod cloexec_tests {
    use super::*;

    #[test]
    fn cloexec_toggles() {
        let f = std::fs::File::open("/dev/null").expect("open /dev/null");
        use std::os::fd::AsRawFd;
        let fd = f.as_raw_fd();
        assert_eq!(cloexec(fd), Some(true));
        clear_cloexec(fd).expect("clear");
        assert_eq!(cloexec(fd), Some(false));
        set_cloexec(fd).expect("set");
        assert_eq!(cloexec(fd), Some(true));
    }
}
