//! The copyover guardian: a small process that holds every socket while the
//! new image comes up, and rolls back to the old image if it never answers.
//!
//! Just before `execv`, the old image forks. The child (the guardian) holds,
//! through the fork, a copy of the listener, of every player socket and of
//! the fd of the old image; the parent goes on to `execv` the new image with
//! the same process id (the guardian is now the new image's child). The
//! guardian then does nothing but wait, on:
//!
//! - a pipe from the new image: one byte ([`ANSWER`]) once everyone is
//!   adopted, and the guardian closes its copies and exits. End of file
//!   without that byte means the new image closed the pipe: it died (its
//!   fds were closed) or dropped the pipe without answering;
//! - the new image's death (a pidfd on the parent, with `getppid()` as a
//!   fall-back), whatever killed it: an exit, a signal, the OOM killer;
//! - a deadline ([`DEFAULT_DEADLINE`] unless `--copyover-deadline`), after
//!   which it kills the new image with SIGKILL.
//!
//! On a failure it `fexecve`s the old image with
//! `--copyover ... --rollback REASON`, every fd still open and the data files
//! the old image wrote before the fork: the old image recovers as it would
//! from a failed new image, and everyone is told why ([`Failure`]). The
//! process id then changes (the guardian's becomes the game's, and the new
//! game rewrites `gracemud-<port>.pid`).
//!
//! The guardian is forked from a process with threads (the hash worker and
//! the save writer), so between `fork` and `fexecve`/`_exit` it only makes
//! async-signal-safe calls: everything it needs (argv, environment, buffers
//! for the reason) is allocated before the fork, it never allocates, and it
//! formats text into fixed buffers on its stack.
//!
//! The exit status of a parent cannot be had from `waitpid` (only a parent
//! waits for its child). The guardian opens `/proc/<pid>/stat` of the old
//! image before the fork (the pid and the file survive the exec) and reads
//! the `exit_code` field (in `waitpid` form, Linux 3.5+) once the new image
//! is dead. Whoever started the server may collect the zombie first; the
//! reason then says that the status is unknown.

use std::ffi::{c_char, CString};
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::path::Path;
use std::time::{Duration, Instant};

/// The byte the new image writes when everyone is adopted.
pub const ANSWER: u8 = b'K';

/// How long the new image has to answer unless `--copyover-deadline`.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(5);

/// Set in the rolled-back image's environment: when the failure was noticed
/// (Unix µs), so its timings line can say how long the rollback took.
pub const ROLLBACK_AT_ENV: &str = "GRACEMUD_ROLLBACK_AT_US";

/// Longest reason handed to the old image (truncated beyond).
const REASON_MAX: usize = 256;
const AT_MAX: usize = 64;

/// The signals meant for the game; the guardian ignores them while it waits.
const GAME_SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGUSR1, libc::SIGHUP];

/// Why the guardian rolled back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The new image exited with this status.
    Exited(i32),
    /// The new image was killed by this signal.
    Signaled { signal: i32, core: bool },
    /// The new image died, but its status was collected before we read it.
    Vanished,
    /// The new image was still alive at the deadline (the guardian killed it).
    Deadline,
    /// The new image closed the guardian's pipe without answering (killed).
    Closed,
}

impl Failure {
    /// From a status in `waitpid` form (also `/proc/PID/stat`'s `exit_code`).
    pub fn from_wait_status(status: i32) -> Failure {
        if libc::WIFSIGNALED(status) {
            Failure::Signaled {
                signal: libc::WTERMSIG(status),
                core: libc::WCOREDUMP(status),
            }
        } else {
            Failure::Exited(libc::WEXITSTATUS(status))
        }
    }

    /// The reason as players and the log read it; `deadline` as "5 s".
    /// Writes into `out` without allocating (the guardian calls it).
    pub fn describe(&self, deadline: &str, out: &mut impl fmt::Write) -> fmt::Result {
        match *self {
            Failure::Exited(code) => write!(out, "the new image exited with status {code}"),
            Failure::Signaled { signal, core } => {
                write!(out, "the new image was killed by signal {signal}")?;
                if let Some(name) = signal_name(signal) {
                    write!(out, " ({name})")?;
                }
                if core {
                    out.write_str(", core dumped")?;
                }
                Ok(())
            }
            Failure::Vanished => out.write_str("the new image died (its exit status is unknown)"),
            Failure::Deadline => write!(out, "the new image did not answer within {deadline}"),
            Failure::Closed => {
                out.write_str("the new image closed the guardian's pipe without answering")
            }
        }
    }
}

/// The usual name of a signal.
pub fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        libc::SIGHUP => "SIGHUP",
        libc::SIGINT => "SIGINT",
        libc::SIGQUIT => "SIGQUIT",
        libc::SIGILL => "SIGILL",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGKILL => "SIGKILL",
        libc::SIGUSR1 => "SIGUSR1",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGUSR2 => "SIGUSR2",
        libc::SIGPIPE => "SIGPIPE",
        libc::SIGALRM => "SIGALRM",
        libc::SIGTERM => "SIGTERM",
        libc::SIGXCPU => "SIGXCPU",
        libc::SIGXFSZ => "SIGXFSZ",
        libc::SIGSYS => "SIGSYS",
        _ => return None,
    })
}

/// "5 s", "0.5 s": a deadline as the reason shows it.
pub fn deadline_text(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// From `/proc/PID/stat`: the state letter (field 3) and `exit_code`
/// (field 52, `waitpid` form). `None` if the text is not such a line.
pub fn parse_stat(text: &[u8]) -> Option<(u8, i32)> {
    // The command name (field 2) is in parentheses and may hold anything.
    let close = text.iter().rposition(|&b| b == b')')?;
    let rest = text.get(close + 1..)?;
    let mut fields = rest
        .split(|&b| b == b' ' || b == b'\n')
        .filter(|f| !f.is_empty());
    let state = *fields.next()?.first()?;
    // Fields 4..=51 come before exit_code.
    let code = fields.nth(48)?;
    let mut value: i32 = 0;
    let (neg, digits) = match code.split_first() {
        Some((b'-', d)) => (true, d),
        _ => (false, code),
    };
    if digits.is_empty() {
        return None;
    }
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(i32::from(b - b'0'))?;
    }
    Some((state, if neg { -value } else { value }))
}

/// A writer into a fixed buffer, truncating (never allocates).
struct FixedBuf<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> FixedBuf<'a> {
    fn new(buf: &'a mut [u8]) -> FixedBuf<'a> {
        FixedBuf { buf, len: 0 }
    }
    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }
    /// End with a NUL (overwriting the last byte if full); for C strings.
    fn terminate(&mut self) {
        let at = self.len.min(self.buf.len().saturating_sub(1));
        if let Some(b) = self.buf.get_mut(at) {
            *b = 0;
        }
    }
}

impl fmt::Write for FixedBuf<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Keep one byte for a terminating NUL.
        let room = self.buf.len().saturating_sub(1).saturating_sub(self.len);
        let n = s.len().min(room);
        if let (Some(dst), Some(src)) = (
            self.buf.get_mut(self.len..self.len + n),
            s.as_bytes().get(..n),
        ) {
            dst.copy_from_slice(src);
            self.len += n;
        }
        Ok(())
    }
}

/// Everything the guardian needs, allocated before the fork.
pub struct Plan {
    exe_fd: RawFd,
    read: OwnedFd,
    write: OwnedFd,
    /// `/proc/<pid>/stat` of the old image (and so of the new one).
    stat: Option<File>,
    deadline: Duration,
    deadline_text: String,
    /// Sorted fds the guardian keeps (the rest it closes).
    keep: Vec<RawFd>,
    /// The rollback command line; `argv_ptrs[reason_slot]` gets the reason.
    _argv: Vec<CString>,
    argv_ptrs: Vec<*const c_char>,
    reason_slot: usize,
    reason: Box<[u8; REASON_MAX]>,
    _env: Vec<CString>,
    env_ptrs: Vec<*const c_char>,
    at_slot: usize,
    at: Box<[u8; AT_MAX]>,
}

fn cstring(s: &str) -> io::Result<CString> {
    CString::new(s.as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "NUL byte in an argument"))
}

impl Plan {
    /// `exe_fd` is the old image; `handed` the listener and player sockets
    /// (already without `FD_CLOEXEC`); `argv` the old image's rollback
    /// command line up to (without) `--rollback REASON`; `drop_env` names
    /// variables the old image must not get back.
    pub fn new(
        exe_fd: RawFd,
        handed: &[RawFd],
        argv: &[String],
        drop_env: &[&str],
        deadline: Duration,
    ) -> io::Result<Plan> {
        let (read, write) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)?;
        // Opened as /proc/<pid>/stat: the same process after the exec.
        // Without it a failure's exit status is unknown, nothing worse.
        let stat = File::open(
            Path::new("/proc")
                .join(std::process::id().to_string())
                .join("stat"),
        )
        .map_err(|e| {
            log::warn!("/proc/self/stat: {e}: a failed new image's status will be unknown")
        })
        .ok();
        let mut keep: Vec<RawFd> = vec![0, 1, 2, exe_fd, read.as_raw_fd()];
        keep.extend(stat.as_ref().map(File::as_raw_fd));
        keep.extend_from_slice(handed);
        keep.sort_unstable();
        keep.dedup();
        let mut args: Vec<CString> = argv.iter().map(|a| cstring(a)).collect::<io::Result<_>>()?;
        args.push(cstring("--rollback")?);
        let mut argv_ptrs: Vec<*const c_char> = args.iter().map(|a| a.as_ptr()).collect();
        let reason_slot = argv_ptrs.len();
        argv_ptrs.push(std::ptr::null());
        argv_ptrs.push(std::ptr::null());
        let env: Vec<CString> = std::env::vars_os()
            .filter(|(k, _)| {
                k.to_str()
                    .is_some_and(|k| k != ROLLBACK_AT_ENV && !drop_env.contains(&k))
            })
            .filter_map(|(k, v)| {
                let mut kv = k.into_encoded_bytes();
                kv.push(b'=');
                kv.extend_from_slice(v.as_encoded_bytes());
                CString::new(kv).ok()
            })
            .collect();
        let mut env_ptrs: Vec<*const c_char> = env.iter().map(|e| e.as_ptr()).collect();
        let at_slot = env_ptrs.len();
        env_ptrs.push(std::ptr::null());
        env_ptrs.push(std::ptr::null());
        Ok(Plan {
            exe_fd,
            read,
            write,
            stat,
            deadline,
            deadline_text: deadline_text(deadline),
            keep,
            _argv: args,
            argv_ptrs,
            reason_slot,
            reason: Box::new([0; REASON_MAX]),
            _env: env,
            env_ptrs,
            at_slot,
            at: Box::new([0; AT_MAX]),
        })
    }
}

/// The old image's handle on its guardian, between the fork and the exec.
pub struct Guardian {
    pid: libc::pid_t,
    answer: OwnedFd,
    fork_ms: f64,
}

impl Guardian {
    /// Fork the guardian. In the child this never returns.
    pub fn spawn(mut plan: Plan) -> io::Result<Guardian> {
        let parent = std::process::id() as libc::pid_t;
        let started = Instant::now();
        // Every game signal blocked across the fork (the loop's are already;
        // SIGHUP is not), so one sent the instant the guardian exists waits,
        // pending, until it has set them to be ignored, instead of killing it.
        // SAFETY: plain C structs; sigemptyset/sigaddset/pthread_sigmask on
        // them only change this thread's mask, restored below.
        let mut before: libc::sigset_t = unsafe { std::mem::zeroed() };
        unsafe {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            for &sig in &GAME_SIGNALS {
                libc::sigaddset(&mut set, sig);
            }
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut before);
        }
        // SAFETY: fork in a process with other threads: the child runs only
        // `guard`, which makes async-signal-safe calls on memory allocated
        // before the fork and never returns (it ends in fexecve or _exit).
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            guard(&mut plan, parent);
        }
        // SAFETY: restores the mask saved above, in this thread only.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &before, std::ptr::null_mut());
        }
        let fork_ms = started.elapsed().as_secs_f64() * 1000.0;
        if pid < 0 {
            return Err(io::Error::last_os_error());
        }
        let Plan { write, .. } = plan;
        Ok(Guardian {
            pid,
            answer: write,
            fork_ms,
        })
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// How long `fork` took in the old image.
    pub fn fork_ms(&self) -> f64 {
        self.fork_ms
    }

    /// The write end of the pipe, for the new image (still close-on-exec).
    pub fn answer_fd(&self) -> RawFd {
        self.answer.as_raw_fd()
    }

    /// What the new image is told: `--guardian FD:PID:FORK_MS`.
    pub fn link(&self) -> Link {
        Link {
            fd: self.answer_fd(),
            pid: self.pid,
            fork_ms: self.fork_ms,
        }
    }

    /// The exec did not happen: the guardian stands down (it closes its
    /// copies, ours stay open) and is reaped.
    pub fn dismiss(self) {
        let Guardian { pid, answer, .. } = self;
        let mut f = File::from(answer);
        let _ = io::Write::write_all(&mut f, &[ANSWER]);
        drop(f);
        crate::net::handoff::reap(pid, Duration::from_secs(2));
    }
}

/// The new image's end of the guardian: `--guardian FD:PID:FORK_MS`.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The write end of the pipe.
    pub fd: RawFd,
    /// The guardian's pid (our child, to reap).
    pub pid: i32,
    /// What the fork cost the old image, for the timings line.
    pub fork_ms: f64,
}

impl Link {
    pub fn render(&self) -> String {
        format!("{}:{}:{:.3}", self.fd, self.pid, self.fork_ms)
    }

    pub fn parse(s: &str) -> Result<Link, String> {
        let bad = || format!("--guardian takes FD:PID:FORK_MS, not '{s}'");
        let mut it = s.split(':');
        let (Some(fd), Some(pid), Some(ms), None) = (it.next(), it.next(), it.next(), it.next())
        else {
            return Err(bad());
        };
        Ok(Link {
            fd: fd.parse().map_err(|_| bad())?,
            pid: pid.parse().map_err(|_| bad())?,
            fork_ms: ms.parse().map_err(|_| bad())?,
        })
    }

    /// Check the fd is the pipe we were handed and keep it close-on-exec
    /// (no child of ours may hold it: the guardian waits for its end).
    pub fn check(&self) -> io::Result<()> {
        let st = nix::sys::stat::fstat(self.fd).map_err(io::Error::from)?;
        if st.st_mode & libc::S_IFMT != libc::S_IFIFO {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("fd {} is not a pipe", self.fd),
            ));
        }
        crate::net::handoff::set_cloexec(self.fd)
    }

    /// Everyone is adopted: tell the guardian, which closes its copies and
    /// exits. Closes our end. Call once.
    pub fn answer(&self) -> io::Result<()> {
        // SAFETY: `fd` is the pipe the old image handed us (checked by
        // `check`); nothing else in this process owns it, and it is
        // answered once, after which the number is not used again.
        let owned = unsafe { OwnedFd::from_raw_fd(self.fd) };
        let mut f = File::from(owned);
        io::Write::write_all(&mut f, &[ANSWER])
    }
}

// ------------------------------------------------------------ the guardian

/// What the wait ended with.
enum Watch {
    Answered,
    Failed(Failure),
}

fn errno() -> i32 {
    io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

fn mono_ms() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; async-signal-safe.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64)
        .saturating_mul(1000)
        .saturating_add(ts.tv_nsec as u64 / 1_000_000)
}

// time_t and c_long are i64 here, not on every target.
#[allow(clippy::unnecessary_cast)]
fn unix_us() -> i64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: as in `mono_ms`.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    (ts.tv_sec as i64)
        .saturating_mul(1_000_000)
        .saturating_add(ts.tv_nsec as i64 / 1000)
}

/// Write one line to stderr (formatted on the stack).
fn say(args: fmt::Arguments) {
    let mut buf = [0u8; 512];
    let mut w = FixedBuf::new(&mut buf);
    let _ = w.write_fmt(args);
    let _ = w.write_str("\n");
    let bytes = w.bytes();
    // SAFETY: writes our own buffer to fd 2; async-signal-safe.
    unsafe { libc::write(2, bytes.as_ptr().cast(), bytes.len()) };
}

/// The guardian, in the forked child: never returns.
fn guard(plan: &mut Plan, parent: libc::pid_t) -> ! {
    let start = mono_ms();
    let me = std::process::id();
    // Ignore the game's signals (discarding any pending), saving the
    // actions to restore before the exec.
    // SAFETY: plain C structs, zero is a valid value for each.
    let mut old: [libc::sigaction; GAME_SIGNALS.len()] = unsafe { std::mem::zeroed() };
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: sigaction/sigemptyset/sigaddset/pthread_sigmask on our own
    // structs are async-signal-safe.
    unsafe {
        let mut ign: libc::sigaction = std::mem::zeroed();
        ign.sa_sigaction = libc::SIG_IGN;
        libc::sigemptyset(&mut set);
        for (i, &sig) in GAME_SIGNALS.iter().enumerate() {
            if let Some(slot) = old.get_mut(i) {
                libc::sigaction(sig, &ign, slot);
            }
            libc::sigaddset(&mut set, sig);
        }
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
    // Close all but what we hold for the rollback (the write end of the
    // pipe among them: its end of file must mean the new image's).
    let mut next: RawFd = 0;
    for &k in plan.keep.iter().chain(std::iter::once(&RawFd::MAX)) {
        if k > next {
            let last = if k == RawFd::MAX {
                u32::MAX
            } else {
                (k - 1) as u32
            };
            // SAFETY: closes fds of this (forked, single-threaded) process
            // that nothing in it uses; async-signal-safe syscall.
            let r = unsafe { libc::syscall(libc::SYS_close_range, next as u32, last, 0u32) };
            if r != 0 && k != RawFd::MAX {
                // No close_range (before Linux 5.9): close the gap one by one.
                for fd in next..k {
                    // SAFETY: as above.
                    unsafe { libc::close(fd) };
                }
            }
        }
        next = k.saturating_add(1);
    }
    // SAFETY: pidfd_open on our parent's pid; returns a new fd or -1.
    let mut pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, parent, 0u32) } as RawFd;
    // SAFETY: getppid is always safe; close our own fd.
    if pidfd >= 0 && unsafe { libc::getppid() } != parent {
        // The parent died before we opened it: the pidfd may name another
        // process. Go by getppid() alone.
        unsafe { libc::close(pidfd) };
        pidfd = -1;
    }
    let outcome = watch(plan, parent, pidfd, start);
    let failure = match outcome {
        Watch::Answered => {
            // SAFETY: ends the child at once; the kernel closes our copies.
            unsafe { libc::_exit(0) }
        }
        Watch::Failed(f) => f,
    };
    let noticed_ms = mono_ms().saturating_sub(start);
    // The reason, as an argument, and when it was noticed, for the timings.
    {
        let mut w = FixedBuf::new(&mut plan.reason[..]);
        let _ = failure.describe(&plan.deadline_text, &mut w);
        w.terminate();
    }
    {
        let mut w = FixedBuf::new(&mut plan.at[..]);
        let _ = write!(w, "{ROLLBACK_AT_ENV}={}", unix_us());
        w.terminate();
    }
    if let Some(p) = plan.argv_ptrs.get_mut(plan.reason_slot) {
        *p = plan.reason.as_ptr().cast();
    }
    if let Some(p) = plan.env_ptrs.get_mut(plan.at_slot) {
        *p = plan.at.as_ptr().cast();
    }
    {
        let mut buf = [0u8; REASON_MAX];
        let mut w = FixedBuf::new(&mut buf);
        let _ = failure.describe(&plan.deadline_text, &mut w);
        let reason = std::str::from_utf8(w.bytes()).unwrap_or("?");
        say(format_args!(
            "gracemud guardian (pid {me}): copyover failed {noticed_ms} ms after the fork: {reason}; rolling back to the old image"
        ));
    }
    // Restore what the game expects at exec: its signals blocked, the
    // actions as they were.
    // SAFETY: as above.
    unsafe {
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        for (i, &sig) in GAME_SIGNALS.iter().enumerate() {
            if let Some(slot) = old.get(i) {
                libc::sigaction(sig, slot, std::ptr::null_mut());
            }
        }
        if pidfd >= 0 {
            libc::close(pidfd);
        }
    }
    // SAFETY: argv and envp are NULL-terminated arrays of pointers to
    // NUL-terminated strings that live in `plan` (allocated before the
    // fork); fexecve is async-signal-safe.
    unsafe { libc::fexecve(plan.exe_fd, plan.argv_ptrs.as_ptr(), plan.env_ptrs.as_ptr()) };
    let e = errno();
    say(format_args!(
        "gracemud guardian (pid {me}): cannot roll back to the old image (errno {e}): the connections are lost"
    ));
    // SAFETY: ends the child.
    unsafe { libc::_exit(1) }
}

/// Wait for the answer, the parent's death, or the deadline.
fn watch(plan: &Plan, parent: libc::pid_t, pidfd: RawFd, start: u64) -> Watch {
    let deadline_ms = plan.deadline.as_millis() as u64;
    loop {
        // SAFETY: getppid is always safe.
        if unsafe { libc::getppid() } != parent {
            return Watch::Failed(died(plan));
        }
        let elapsed = mono_ms().saturating_sub(start);
        if elapsed >= deadline_ms {
            kill_parent(parent, pidfd);
            return Watch::Failed(Failure::Deadline);
        }
        let mut left = deadline_ms - elapsed;
        if pidfd < 0 {
            // No pidfd: look at getppid() now and then.
            left = left.min(50);
        }
        let mut fds = [
            libc::pollfd {
                fd: plan.read.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: pidfd,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: poll on our own array (a negative fd is skipped).
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, left.min(i32::MAX as u64) as i32) };
        if n < 0 {
            if errno() != libc::EINTR {
                sleep_ms(10);
            }
            continue;
        }
        if fds[0].revents != 0 {
            let mut b = 0u8;
            // SAFETY: reads one byte into our own variable.
            let r = unsafe { libc::read(plan.read.as_raw_fd(), (&mut b as *mut u8).cast(), 1) };
            if r == 1 && b == ANSWER {
                return Watch::Answered;
            }
            if r == 0 {
                // End of file: the new image's end is closed. Dead, most
                // likely; if not, it dropped the pipe: stop it.
                if wait_death(parent, pidfd, 500) {
                    return Watch::Failed(died(plan));
                }
                kill_parent(parent, pidfd);
                return Watch::Failed(Failure::Closed);
            }
            if r < 0 && errno() != libc::EINTR && errno() != libc::EAGAIN {
                sleep_ms(10);
            }
            continue;
        }
        if fds[1].revents != 0 {
            return Watch::Failed(died(plan));
        }
    }
}

fn sleep_ms(ms: u64) {
    let ts = libc::timespec {
        tv_sec: (ms / 1000) as libc::time_t,
        tv_nsec: ((ms % 1000) * 1_000_000) as libc::c_long,
    };
    // SAFETY: nanosleep with our own timespec; async-signal-safe.
    unsafe { libc::nanosleep(&ts, std::ptr::null_mut()) };
}

/// Whether the parent died within `ms`.
fn wait_death(parent: libc::pid_t, pidfd: RawFd, ms: u64) -> bool {
    let until = mono_ms().saturating_add(ms);
    loop {
        // SAFETY: getppid is always safe.
        if unsafe { libc::getppid() } != parent {
            return true;
        }
        if pidfd >= 0 {
            let mut fd = libc::pollfd {
                fd: pidfd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: poll on our own struct, no wait.
            if unsafe { libc::poll(&mut fd, 1, 0) } > 0 {
                return true;
            }
        }
        if mono_ms() >= until {
            return false;
        }
        sleep_ms(2);
    }
}

/// SIGKILL the new image (no user code of it runs after this), and wait a
/// little for it to be gone.
fn kill_parent(parent: libc::pid_t, pidfd: RawFd) {
    if pidfd >= 0 {
        // SAFETY: signals the process our pidfd refers to (no pid reuse).
        unsafe {
            libc::syscall(
                libc::SYS_pidfd_send_signal,
                pidfd,
                libc::SIGKILL,
                std::ptr::null::<libc::siginfo_t>(),
                0u32,
            )
        };
    } else if unsafe { libc::getppid() } == parent {
        // SAFETY: our parent still exists (it is our parent), so its pid
        // cannot have been reused.
        unsafe { libc::kill(parent, libc::SIGKILL) };
    }
    wait_death(parent, pidfd, 2000);
}

/// The new image is dead: how did it end?
fn died(plan: &Plan) -> Failure {
    let Some(stat) = &plan.stat else {
        return Failure::Vanished;
    };
    let mut buf = [0u8; 2048];
    // SAFETY: pread into our own buffer from the stat fd opened before the fork.
    let n = unsafe { libc::pread(stat.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n <= 0 {
        return Failure::Vanished;
    }
    match buf.get(..n as usize).and_then(parse_stat) {
        Some((b'Z' | b'X', code)) => Failure::from_wait_status(code),
        // Dead by every other sign; the status is what the kernel has.
        Some((_, code)) if code != 0 => Failure::from_wait_status(code),
        _ => Failure::Vanished,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: Failure) -> String {
        let mut s = String::new();
        f.describe("5 s", &mut s).expect("describe");
        s
    }

    #[test]
    fn reasons_from_wait_status() {
        assert_eq!(Failure::from_wait_status(3 << 8), Failure::Exited(3));
        assert_eq!(Failure::from_wait_status(0), Failure::Exited(0));
        assert_eq!(
            Failure::from_wait_status(libc::SIGSEGV),
            Failure::Signaled {
                signal: 11,
                core: false
            }
        );
        assert_eq!(
            Failure::from_wait_status(libc::SIGABRT | 0x80),
            Failure::Signaled {
                signal: 6,
                core: true
            }
        );
        assert_eq!(
            text(Failure::from_wait_status(3 << 8)),
            "the new image exited with status 3"
        );
        assert_eq!(
            text(Failure::from_wait_status(11)),
            "the new image was killed by signal 11 (SIGSEGV)"
        );
        assert_eq!(
            text(Failure::from_wait_status(6 | 0x80)),
            "the new image was killed by signal 6 (SIGABRT), core dumped"
        );
        assert_eq!(
            text(Failure::from_wait_status(9)),
            "the new image was killed by signal 9 (SIGKILL)"
        );
        assert_eq!(
            text(Failure::from_wait_status(40)),
            "the new image was killed by signal 40"
        );
        assert_eq!(
            text(Failure::Deadline),
            "the new image did not answer within 5 s"
        );
        assert!(text(Failure::Vanished).contains("unknown"));
        assert!(text(Failure::Closed).contains("without answering"));
    }

    #[test]
    fn deadline_texts() {
        assert_eq!(deadline_text(Duration::from_secs(5)), "5 s");
        assert_eq!(deadline_text(Duration::from_millis(2500)), "2.5 s");
    }

    fn stat_line(comm: &str, state: char, code: i32) -> String {
        // pid (comm) state, then fields 4..=51 (48 of them), then exit_code.
        let mut s = format!("1234 ({comm}) {state}");
        for i in 4..=51 {
            s.push_str(&format!(" {i}"));
        }
        s.push_str(&format!(" {code}\n"));
        s
    }

    #[test]
    fn stat_exit_code() {
        let s = stat_line("gracemud", 'Z', 768);
        assert_eq!(parse_stat(s.as_bytes()), Some((b'Z', 768)));
        let s = stat_line("a) b (c", 'R', 0);
        assert_eq!(parse_stat(s.as_bytes()), Some((b'R', 0)));
        assert_eq!(parse_stat(b"1234 (x) Z 1 2 3"), None);
        assert_eq!(parse_stat(b"garbage"), None);
        // Our own stat line parses (running, exit code 0).
        let own = std::fs::read("/proc/self/stat").expect("read /proc/self/stat");
        let (state, code) = parse_stat(&own).expect("parse own stat");
        assert!(state.is_ascii_uppercase());
        assert_eq!(code, 0);
    }

    #[test]
    fn fixed_buffer_truncates_and_terminates() {
        let mut buf = [0xffu8; 8];
        let mut w = FixedBuf::new(&mut buf);
        let _ = write!(w, "status {}", 12345);
        assert_eq!(w.bytes(), b"status ");
        w.terminate();
        assert_eq!(buf, *b"status \0");
    }

    #[test]
    fn link_round_trip() {
        let l = Link {
            fd: 9,
            pid: 4242,
            fork_ms: 0.125,
        };
        assert_eq!(Link::parse(&l.render()), Ok(l));
        assert!(Link::parse("9:4242").is_err());
        assert!(Link::parse("x:1:0").is_err());
        assert!(Link::parse("1:2:3:4").is_err());
    }

    #[test]
    fn answered_guardian_stands_down_and_is_reaped() {
        // A guardian of this test process; were it ever to roll back, it
        // would run /bin/true.
        let exe = File::open("/bin/true").expect("open /bin/true");
        let argv = vec!["true".to_string()];
        let plan =
            Plan::new(exe.as_raw_fd(), &[], &argv, &[], Duration::from_secs(600)).expect("plan");
        let g = Guardian::spawn(plan).expect("fork");
        let pid = g.pid();
        assert!(g.fork_ms() >= 0.0);
        let t = Instant::now();
        g.dismiss();
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "the guardian took {:?}",
            t.elapsed()
        );
        // Reaped: no such child any more.
        assert!(nix::sys::wait::waitpid(nix::unistd::Pid::from_raw(pid), None).is_err());
    }

    const HELPER_ENV: &str = "GRACEMUD_GUARDIAN_TEST_HELPER";
    const HELPER_OUT: &str = "GRACEMUD_GUARDIAN_TEST_OUT";

    /// Not a test by itself: run again by `guardian_rolls_back_on` as the
    /// "old image", which forks a guardian and then fails as told. The
    /// guardian's "old image" is /bin/sh, writing the reason to a file.
    #[test]
    fn guardian_test_helper() {
        let (Ok(mode), Ok(out)) = (std::env::var(HELPER_ENV), std::env::var(HELPER_OUT)) else {
            return;
        };
        let sh = File::open("/bin/sh").expect("open /bin/sh");
        let argv = vec![
            "sh".to_string(),
            "-c".to_string(),
            format!("printf '%s' \"$2\" > '{out}.tmp' && mv '{out}.tmp' '{out}'"),
            "sh".to_string(),
        ];
        let plan =
            Plan::new(sh.as_raw_fd(), &[], &argv, &[], Duration::from_millis(300)).expect("plan");
        let g = Guardian::spawn(plan).expect("fork");
        // The new image would hold the write end: keep it open.
        std::mem::forget(g);
        let _ = nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_CORE, 0, 0);
        match mode.as_str() {
            "exit3" => std::process::exit(3),
            "abort" => std::process::abort(),
            _ => loop {
                std::thread::sleep(Duration::from_secs(60));
            },
        }
    }

    fn rolls_back_on(mode: &str) -> String {
        let out =
            std::env::temp_dir().join(format!("gracemud-guardian-{}-{mode}", std::process::id()));
        let _ = std::fs::remove_file(&out);
        let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args([
                "--exact",
                "guardian::tests::guardian_test_helper",
                "--test-threads=1",
                "-q",
            ])
            .env(HELPER_ENV, mode)
            .env(HELPER_OUT, &out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run the helper");
        // Not reaped before the guardian has read its status.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !out.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        let status = child.wait().expect("wait");
        let reason = std::fs::read_to_string(&out).unwrap_or_default();
        let _ = std::fs::remove_file(&out);
        assert!(!status.success(), "{mode}: the helper succeeded");
        reason
    }

    #[test]
    fn guardian_rolls_back_on_exit_abort_and_hang() {
        assert_eq!(rolls_back_on("exit3"), "the new image exited with status 3");
        assert_eq!(
            rolls_back_on("abort"),
            "the new image was killed by signal 6 (SIGABRT)"
        );
        assert_eq!(
            rolls_back_on("hang"),
            "the new image did not answer within 0.3 s"
        );
    }

    #[test]
    fn signal_names() {
        assert_eq!(signal_name(libc::SIGSEGV), Some("SIGSEGV"));
        assert_eq!(signal_name(libc::SIGKILL), Some("SIGKILL"));
        assert_eq!(signal_name(0), None);
    }
}
