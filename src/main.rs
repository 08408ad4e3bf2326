//! The `gracemud` binary: command line, logging, boot, then the network loop
//! until a shutdown.
//!
//! `gracemud [-p PORT] [-w WEBPORT] [-b ADDR] [-a AREA_DIR] [-P PLAYER_DIR] [--seed N]
//! [--copyover-deadline SECS] [--check] [-h] [-V]`. Logs go to stderr (`RUST_LOG` picks the level;
//! info by default). The server refuses to start when the areas have
//! errors; `--check` only reports them. While running, `gracemud-<port>.pid` in the
//! working directory holds the process id (removed on a clean exit);
//! SIGTERM or SIGINT save everyone and stop.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use getopts::Options;
use log::{error, info, warn};

use gracemud::copyover::{self, Context, RecoverArgs, RecoverPlan};
use gracemud::game::{Config, Game};
use gracemud::guardian::Link;
use gracemud::net::{self, Engine, Exit, LoopOptions, Server};
use gracemud::world::CopyoverRequest;

/// The pid file of the server listening on `port`, in its working
/// directory: `gracemud-<port>.pid`, so servers started side by side never
/// share one (`make copyover PORT=...` reads it).
fn pid_file(port: u16) -> PathBuf {
    PathBuf::from(format!("gracemud-{port}.pid"))
}

/// What the command line asked for.
struct Args {
    port: u16,
    bind: IpAddr,
    area_dir: PathBuf,
    player_dir: PathBuf,
    seed: Option<u64>,
    /// How long a copyover's guardian waits for the new image.
    deadline: Duration,
    check: bool,
    /// `--copyover L:FILE:E`: this image takes over from a copyover.
    copyover: Option<String>,
    /// `--rollback REASON`: this is the old image coming back.
    rollback: Option<String>,
    /// Seconds at one login prompt without a line (`--login-timeout`).
    login_timeout: u64,
    /// Seconds for a whole login or creation (`--login-limit`).
    login_limit: u64,
    /// Connections at once from one address; 0 = no limit.
    max_per_address: usize,
    /// Connections at once in all; None = as many as the descriptor limit
    /// allows after the reserve.
    max_connections: Option<usize>,
    /// `--guardian FD:PID:FORK_MS`: the guardian to answer once recovered.
    guardian: Option<String>,
    /// `-w PORT`: serve the web client there.
    web_port: Option<u16>,
    /// `--web-listener FD`: with `--copyover`, the web listener handed over.
    web_listener: Option<i32>,
}

enum Parsed {
    Run(Args),
    /// Print this to stdout and exit successfully (`-h`, `-V`).
    Print(String),
}

fn options() -> Options {
    let mut o = Options::new();
    o.optopt("p", "port", "port to listen on (default 4000)", "PORT");
    o.optopt(
        "w",
        "web",
        "serve the web client (a page and its websocket) on PORT",
        "PORT",
    );
    o.optopt(
        "b",
        "bind",
        "address to listen on (default 0.0.0.0)",
        "ADDR",
    );
    o.optopt(
        "a",
        "areas",
        "directory holding area.lst (default areas)",
        "AREA_DIR",
    );
    o.optopt(
        "P",
        "players",
        "directory of player files (default player)",
        "PLAYER_DIR",
    );
    o.optopt("", "seed", "random seed (default: from the clock)", "N");
    o.optopt(
        "",
        "login-timeout",
        "close a connection that types nothing at a login prompt for SECS (default 120)",
        "SECS",
    );
    o.optopt(
        "",
        "login-limit",
        "close a connection whose login or creation takes over SECS (default 900)",
        "SECS",
    );
    o.optopt(
        "",
        "max-per-address",
        "connections at once from one address (default 32; 0 = no limit)",
        "N",
    );
    o.optopt(
        "",
        "max-connections",
        "connections at once in all (default: the open-file limit less a reserve)",
        "N",
    );
    o.optopt(
        "",
        "copyover-deadline",
        "seconds a new image has to take over before it is rolled back (default 5)",
        "SECS",
    );
    o.optflag(
        "",
        "check",
        "check the area files, print diagnostics, exit 0 or 1",
    );
    o.optopt(
        "",
        "copyover",
        "(internal) recover after a copyover: LISTENER_FD:DATA_FILE:OLD_EXE_FD",
        "SPEC",
    );
    o.optopt(
        "",
        "rollback",
        "(internal) with --copyover: the new image failed for REASON",
        "REASON",
    );
    o.optopt(
        "",
        "guardian",
        "(internal) with --copyover: the guardian to answer: FD:PID:FORK_MS",
        "SPEC",
    );
    o.optopt(
        "",
        "web-listener",
        "(internal) with --copyover: the web client's listening socket",
        "FD",
    );
    o.optflag("h", "help", "print this help");
    o.optflag("V", "version", "print the version");
    o
}

fn usage(prog: &str) -> String {
    let brief = format!(
        "Usage: {prog} [-p PORT] [-w WEBPORT] [-b ADDR] [-a AREA_DIR] [-P PLAYER_DIR] [--seed N] [--copyover-deadline SECS] [--check]"
    );
    options().usage(&brief)
}

fn parse(argv: &[String]) -> Result<Parsed, String> {
    let prog = argv.first().map_or("gracemud", String::as_str);
    let m = options()
        .parse(argv.iter().skip(1))
        .map_err(|e| e.to_string())?;
    if m.opt_present("h") {
        return Ok(Parsed::Print(usage(prog)));
    }
    if m.opt_present("V") {
        return Ok(Parsed::Print(format!(
            "gracemud {}\n",
            env!("CARGO_PKG_VERSION")
        )));
    }
    if let Some(extra) = m.free.first() {
        return Err(format!("unexpected argument '{extra}'"));
    }
    let port = match m.opt_str("p") {
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| format!("bad port '{p}': expected a number from 0 to 65535"))?,
        None => 4000,
    };
    let web_port = match m.opt_str("w") {
        Some(p) => Some(
            p.parse::<u16>()
                .map_err(|_| format!("bad web port '{p}': expected a number from 0 to 65535"))?,
        ),
        None => None,
    };
    let web_listener = match m.opt_str("web-listener") {
        Some(f) => Some(
            f.parse::<i32>()
                .ok()
                .filter(|&fd| fd >= 0)
                .ok_or_else(|| format!("bad --web-listener '{f}': expected an fd"))?,
        ),
        None => None,
    };
    let bind = match m.opt_str("b") {
        Some(b) => b
            .parse::<IpAddr>()
            .map_err(|_| format!("bad address '{b}': expected an IP address"))?,
        None => IpAddr::from([0, 0, 0, 0]),
    };
    let seed = match m.opt_str("seed") {
        Some(s) => Some(
            s.parse::<u64>()
                .map_err(|_| format!("bad seed '{s}': expected a non-negative number"))?,
        ),
        None => None,
    };
    let number = |name: &str, default: u64| -> Result<u64, String> {
        match m.opt_str(name) {
            Some(v) => v
                .parse::<u64>()
                .map_err(|_| format!("bad --{name} '{v}': expected a non-negative number")),
            None => Ok(default),
        }
    };
    let login_timeout = number("login-timeout", gracemud::game::LOGIN_IDLE_SECS)?;
    let login_limit = number("login-limit", gracemud::game::LOGIN_TOTAL_SECS)?;
    let max_per_address = number("max-per-address", net::DEFAULT_MAX_PER_ADDRESS as u64)? as usize;
    let max_connections = match m.opt_str("max-connections") {
        Some(_) => Some(number("max-connections", 0)? as usize),
        None => None,
    };
    let deadline = match m.opt_str("copyover-deadline") {
        Some(d) => match d.parse::<f64>() {
            Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 3600.0 => {
                Duration::from_secs_f64(secs)
            }
            _ => {
                return Err(format!(
                    "bad copyover deadline '{d}': expected seconds, more than 0 and at most 3600"
                ))
            }
        },
        None => gracemud::guardian::DEFAULT_DEADLINE,
    };
    Ok(Parsed::Run(Args {
        login_timeout,
        login_limit,
        max_per_address,
        max_connections,
        port,
        bind,
        deadline,
        area_dir: PathBuf::from(m.opt_str("a").unwrap_or_else(|| "areas".into())),
        player_dir: PathBuf::from(m.opt_str("P").unwrap_or_else(|| "player".into())),
        seed,
        check: m.opt_present("check"),
        copyover: m.opt_str("copyover"),
        rollback: m.opt_str("rollback"),
        guardian: m.opt_str("guardian"),
        web_port,
        web_listener,
    }))
}

fn main() -> ExitCode {
    // First of all, before any thread exists: SIGINT/SIGTERM/SIGUSR1 wait
    // for the loop instead of killing us mid-boot.
    if let Err(e) = net::block_signals() {
        eprintln!("gracemud: cannot block signals: {e}");
        return ExitCode::FAILURE;
    }
    let main_at_us = gracemud::copyover::unix_us();
    // Set by whoever rolled back to this image; not for our children.
    let rollback_at_us = std::env::var(gracemud::guardian::ROLLBACK_AT_ENV)
        .ok()
        .and_then(|v| v.parse::<i64>().ok());
    std::env::remove_var(gracemud::guardian::ROLLBACK_AT_ENV);
    let argv: Vec<String> = std::env::args().collect();
    let args = match parse(&argv) {
        Ok(Parsed::Run(a)) => a,
        Ok(Parsed::Print(text)) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("gracemud: {e}");
            eprint!("{}", usage(argv.first().map_or("gracemud", String::as_str)));
            return ExitCode::from(2);
        }
    };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();

    if args.check {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let ok = gracemud::db::run_check(&args.area_dir, &mut out);
        let _ = out.flush();
        return if ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    run(args, &argv, main_at_us, rollback_at_us)
}

fn run(args: Args, argv: &[String], main_at_us: i64, rollback_at_us: Option<i64>) -> ExitCode {
    let started = Instant::now();
    let seed = args.seed.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id())
    });
    let pulses_per_sec = 1000 / net::PULSE.as_millis().max(1) as u64;
    let cfg = Config {
        area_dir: args.area_dir.clone(),
        player_dir: args.player_dir.clone(),
        seed,
        login_idle_pulses: args.login_timeout.saturating_mul(pulses_per_sec).max(1),
        login_total_pulses: args.login_limit.saturating_mul(pulses_per_sec).max(1),
        failpoint: std::env::var(copyover::FAILPOINT_ENV).ok(),
        notes_dir: None,
        ban_file: Config::ban_file_for(&args.player_dir),
    };
    let loop_opts = loop_options(&args);
    // What a later copyover needs: the binary as started (resolved now, as
    // the file may be replaced by a rebuild), our command line, and an fd on
    // this image for a rollback.
    let ctx = Context {
        binary: copyover::resolve_binary(argv.first().map_or("gracemud", String::as_str)),
        args: strip_copyover_args(argv.get(1..).unwrap_or_default()),
        area_dir: args.area_dir.clone(),
        run_dir: copyover::run_dir(args.port),
        self_exe: match copyover::open_self_exe() {
            Ok(f) => Some(f),
            Err(e) => {
                warn!("cannot open /proc/self/exe ({e}): a failed copyover cannot roll back");
                None
            }
        },
        deadline: args.deadline,
    };

    let mut ctx = ctx;
    if let Err(e) = copyover::prepare_run_dir(&ctx.run_dir, args.copyover.is_none()) {
        error!(
            "cannot prepare the private directory {}: {e}",
            ctx.run_dir.display()
        );
        return ExitCode::FAILURE;
    }
    // A process taking the game over (a rollback by the guardian is a new
    // process) names itself in the pid file before anybody is told the game
    // goes on, so whoever reads it then finds a live server.
    if args.copyover.is_some() {
        write_pid_file(&pid_file(args.port));
    }
    let (mut server, mut game) = match &args.copyover {
        Some(spec) => match recover(
            spec,
            &args,
            argv,
            (main_at_us, rollback_at_us),
            cfg,
            loop_opts,
        ) {
            Some(r) => {
                if let Some(b) = r.binary {
                    ctx.binary = b;
                }
                (r.server, r.game)
            }
            None => return ExitCode::FAILURE,
        },
        None => match boot(&args, cfg, loop_opts, seed, started) {
            Some(v) => v,
            None => return ExitCode::FAILURE,
        },
    };
    // The web client: bound at boot, carried by a copyover; bound now if
    // the image before this one did not serve it (a copyover into a
    // binary started without the web client's support).
    if let Some(wp) = args.web_port {
        if server.web_listener_fd().is_none() {
            match listen(SocketAddr::new(args.bind, wp)) {
                Ok(l) => {
                    if let Err(e) = server.set_web_listener(l) {
                        error!("cannot serve the web client: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                Err(e) => {
                    error!(
                        "cannot listen on {} for the web client: {e}",
                        SocketAddr::new(args.bind, wp)
                    );
                    return ExitCode::FAILURE;
                }
            }
        }
        if let Some(a) = server.web_addr() {
            info!("web client on http://{a}/");
        }
    }
    let pid_written = write_pid_file(&pid_file(args.port));
    // From here on a panic in a command or an update is caught where it
    // happens (see `Game`); the hook logs it with its backtrace.
    std::panic::set_hook(Box::new(|info| {
        let bt = std::backtrace::Backtrace::force_capture();
        error!("panic: {info}\n{bt}");
    }));

    // A copyover whose `--check` child runs while the game goes on.
    let mut preflighting: Option<copyover::Preflighting> = None;
    let code = loop {
        let run = server.run_until(&mut game, |s| {
            !s.copyover_requested() && !preflighting.as_mut().is_some_and(|p| p.ready())
        });
        match run {
            Ok(Exit::Shutdown) => {
                info!("Normal termination of game.");
                break ExitCode::SUCCESS;
            }
            Ok(Exit::Stopped) => {
                let by_signal = server.take_copyover_request();
                let request = game
                    .take_copyover_request()
                    .or_else(|| by_signal.then(CopyoverRequest::default));
                if let Some(req) = request {
                    match &preflighting {
                        // One at a time: the first is being checked.
                        Some(_) => {
                            if req.by.is_some() {
                                game.copyover_tell(
                                    req.by,
                                    "A copyover is already under way: its check is running.\n",
                                );
                            } else {
                                warn!("copyover requested by signal: one is already under way");
                            }
                        }
                        // OLC's changed areas go to disk before the check.
                        None if copyover::save_olc_areas(&mut server, &mut game, req.by) => {
                            preflighting =
                                Some(copyover::Preflighting::start(&ctx, req, server.wake_fn()))
                        }
                        None => {}
                    }
                }
                if preflighting.as_mut().is_some_and(|p| p.ready()) {
                    if let Some(p) = preflighting.take() {
                        // Returns only if the copyover did not happen.
                        p.finish(&mut server, &mut game, &ctx);
                    }
                }
            }
            Err(e) => {
                error!("the event loop failed: {e}; saving and stopping");
                game.save_all();
                break ExitCode::FAILURE;
            }
        }
    };
    if pid_written {
        remove_pid_file(&pid_file(args.port));
    }
    code
}

/// A fresh start: load the world and listen.
fn boot(
    args: &Args,
    cfg: Config,
    opts: LoopOptions,
    seed: u64,
    started: Instant,
) -> Option<(Server, Game)> {
    info!(
        "gracemud {} booting: areas {}, players {}, seed {seed}",
        env!("CARGO_PKG_VERSION"),
        args.area_dir.display(),
        args.player_dir.display()
    );
    let game = match Game::boot(cfg) {
        Ok(g) => g,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            error!(
                "{} error(s) in the areas under {}: not starting",
                errors.len(),
                args.area_dir.display()
            );
            return None;
        }
    };
    let booted = started.elapsed();
    // The web port first: once the telnet port answers, both do.
    let web = match args.web_port {
        Some(wp) => match listen(SocketAddr::new(args.bind, wp)) {
            Ok(l) => Some(l),
            Err(e) => {
                error!(
                    "cannot listen on {} for the web client: {e}",
                    SocketAddr::new(args.bind, wp)
                );
                return None;
            }
        },
        None => None,
    };
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = match listen(addr) {
        Ok(l) => l,
        Err(e) => {
            error!("cannot listen on {addr}: {e}");
            return None;
        }
    };
    let server = match Server::with_options(listener, opts)
        .and_then(|mut s| s.catch_signals().map(|()| s))
        .and_then(|mut s| match web {
            Some(w) => s.set_web_listener(w).map(|()| s),
            None => Ok(s),
        }) {
        Ok(s) => s,
        Err(e) => {
            error!("cannot start the event loop: {e}");
            return None;
        }
    };
    info!(
        "ready on {} (areas loaded in {:.1} ms, up in {:.1} ms)",
        server.local_addr().map_or(addr, |a| a),
        booted.as_secs_f64() * 1000.0,
        started.elapsed().as_secs_f64() * 1000.0
    );
    Some((server, game))
}

/// The loop's limits from the command line and the open-file limit (raised
/// to its hard maximum first). A reserve of descriptors is always kept for
/// player files, saves and a copyover, so that a full house never stops the
/// game itself.
fn loop_options(args: &Args) -> LoopOptions {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let mut nofile = 1024u64;
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
        nofile = soft;
        if soft < hard && setrlimit(Resource::RLIMIT_NOFILE, hard, hard).is_ok() {
            nofile = hard;
        }
    }
    let by_fds = (nofile as usize).saturating_sub(net::RESERVED_FDS).max(1);
    let max_connections = match args.max_connections {
        Some(n) if n > 0 => n.min(by_fds),
        _ => by_fds.min(net::DEFAULT_MAX_CONNECTIONS),
    };
    info!(
        "limits: {max_connections} connections ({} per address), {} descriptors ({} kept in reserve), login timeout {} s at a prompt, {} s in all",
        if args.max_per_address == 0 {
            "no limit".to_string()
        } else {
            args.max_per_address.to_string()
        },
        nofile,
        net::RESERVED_FDS,
        args.login_timeout,
        args.login_limit
    );
    let mut opts = LoopOptions {
        max_connections,
        max_per_address: args.max_per_address,
        ..LoopOptions::default()
    };
    if let Some(ms) = pulse_ms_from_env() {
        warn!(
            "{PULSE_MS_ENV}={ms}: a pulse lasts {ms} ms instead of {} ms (game time runs {:.1}x as fast; for tests)",
            net::PULSE.as_millis(),
            net::PULSE.as_millis() as f64 / ms as f64
        );
        opts.pulse = std::time::Duration::from_millis(ms);
    }
    opts
}

/// Tests make game time run faster with this: the length of one pulse in
/// milliseconds (normally 250). Every timer counted in pulses (ticks,
/// combat rounds, lag, area resets, login timeouts) speeds up with it.
const PULSE_MS_ENV: &str = "GRACEMUD_PULSE_MS";

fn pulse_ms_from_env() -> Option<u64> {
    let v = std::env::var(PULSE_MS_ENV).ok()?;
    match v.trim().parse::<u64>() {
        Ok(ms) if (1..=10_000).contains(&ms) => Some(ms),
        _ => {
            warn!("{PULSE_MS_ENV}={v:?} ignored: expected milliseconds from 1 to 10000");
            None
        }
    }
}

/// A non-blocking listener on `addr` with a deep backlog. std sets
/// SO_REUSEADDR on unix listeners: a restart can rebind at once.
fn listen(addr: SocketAddr) -> io::Result<mio::net::TcpListener> {
    let l = std::net::TcpListener::bind(addr)?;
    l.set_nonblocking(true)?;
    deepen_backlog(&l)?;
    Ok(mio::net::TcpListener::from_std(l))
}

/// std listens with a backlog of 128; a burst of connections (or everyone
/// reconnecting at once) would overflow it and wait a second for the SYN
/// retry. Listening again with a deeper queue raises it.
fn deepen_backlog(l: &std::net::TcpListener) -> io::Result<()> {
    use nix::sys::socket::{listen, Backlog};
    // -1: as deep as the kernel allows (net.core.somaxconn).
    listen(l, Backlog::MAXALLOWABLE).map_err(io::Error::from)
}

/// Take over from a copyover (or come back from a failed one).
fn recover(
    spec: &str,
    args: &Args,
    argv: &[String],
    (main_at_us, rollback_at_us): (i64, Option<i64>),
    cfg: Config,
    opts: LoopOptions,
) -> Option<copyover::Recovered> {
    let rec = match RecoverArgs::parse(spec) {
        Ok(r) => r,
        Err(e) => {
            error!("{e}");
            return None;
        }
    };
    // The guardian's pipe: close-on-exec at once, so nothing we start holds
    // it (the guardian waits for its end of file).
    let guardian = match args.guardian.as_deref().map(Link::parse) {
        None => None,
        Some(Err(e)) => {
            warn!("{e}: no guardian to answer");
            None
        }
        Some(Ok(link)) => match link.check() {
            Ok(()) => Some(link),
            Err(e) => {
                warn!("the guardian's pipe (fd {}): {e}", link.fd);
                None
            }
        },
    };
    let old_exe_fd = rec.old_exe_fd;
    let plan = RecoverPlan {
        args: rec,
        rollback: args.rollback.clone(),
        argv: argv.to_vec(),
        main_at_us,
        guardian,
        rollback_at_us,
        web_listener_fd: args.web_listener,
    };
    info!(
        "gracemud {} recovering from a copyover{}",
        env!("CARGO_PKG_VERSION"),
        plan.guardian
            .as_ref()
            .map_or(String::new(), |g| format!(" (guardian pid {})", g.pid))
    );
    if let Some(r) = &plan.rollback {
        warn!("copyover rolled back: {r}");
    }
    if plan.rollback.is_none() {
        // A panic while taking over goes back to the old image.
        let for_hook = plan.clone();
        std::panic::set_hook(Box::new(move |info| {
            let why = copyover::rollback(&for_hook, &format!("panic: {info}"));
            eprintln!("gracemud: {info}; rollback impossible: {why}");
        }));
    }
    let result = copyover::recover(&plan, cfg, opts);
    let _ = std::panic::take_hook();
    if old_exe_fd >= 0 {
        // The old image is no longer needed; this one opened itself.
        let _ = nix::unistd::close(old_exe_fd);
    }
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            error!("copyover recovery failed: {e}");
            None
        }
    }
}

/// Our command line without the options only a copyover adds.
fn strip_copyover_args(args: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(args.len());
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
            continue;
        }
        if a == "--copyover" || a == "--rollback" || a == "--guardian" || a == "--web-listener" {
            skip = true;
            continue;
        }
        if a.starts_with("--copyover=")
            || a.starts_with("--rollback=")
            || a.starts_with("--guardian=")
            || a.starts_with("--web-listener=")
        {
            continue;
        }
        out.push(a.clone());
    }
    out
}

/// Write our pid; a failure is logged, not fatal.
fn write_pid_file(path: &Path) -> bool {
    // Written aside and renamed into place: a reader (a supervisor, `make
    // copyover`) never sees the file empty or half-written.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let written = std::fs::write(&tmp, format!("{}\n", std::process::id()))
        .and_then(|()| std::fs::rename(&tmp, path));
    match written {
        Ok(()) => true,
        Err(e) => {
            warn!("cannot write {}: {e}", path.display());
            false
        }
    }
}

/// Remove the pid file if it still names us (another server started in the
/// same directory may have taken it over).
fn remove_pid_file(path: &Path) {
    let ours = std::fs::read_to_string(path)
        .map(|s| s.trim() == std::process::id().to_string())
        .unwrap_or(false);
    if ours {
        if let Err(e) = std::fs::remove_file(path) {
            warn!("cannot remove {}: {e}", path.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        std::iter::once("gracemud")
            .chain(s.split_whitespace())
            .map(String::from)
            .collect()
    }

    #[test]
    fn defaults() {
        let Ok(Parsed::Run(a)) = parse(&argv("")) else {
            panic!("no run")
        };
        assert_eq!(a.port, 4000);
        assert_eq!(a.bind, IpAddr::from([0, 0, 0, 0]));
        assert_eq!(a.area_dir, PathBuf::from("areas"));
        assert_eq!(a.player_dir, PathBuf::from("player"));
        assert_eq!(a.seed, None);
        assert_eq!(a.web_port, None);
        assert_eq!(a.deadline, Duration::from_secs(5));
        assert!(!a.check);
    }

    #[test]
    fn every_option() {
        let Ok(Parsed::Run(a)) = parse(&argv(
            "-p 4321 -w 4322 -b 127.0.0.1 -a /tmp/a -P /tmp/p --seed 42 --copyover-deadline 0.5 --check",
        )) else {
            panic!("no run")
        };
        assert_eq!(a.port, 4321);
        assert_eq!(a.web_port, Some(4322));
        assert_eq!(a.bind, IpAddr::from([127, 0, 0, 1]));
        assert_eq!(a.area_dir, PathBuf::from("/tmp/a"));
        assert_eq!(a.player_dir, PathBuf::from("/tmp/p"));
        assert_eq!(a.seed, Some(42));
        assert_eq!(a.deadline, Duration::from_millis(500));
        assert!(a.check);
    }

    #[test]
    fn copyover_options_are_not_carried_over() {
        let kept = strip_copyover_args(&argv(
            "-p 4000 -w 4080 --copyover 3:copyover.dat:4 --web-listener 5 --guardian 9:77:0.5 --rollback why --copyover-deadline 2",
        )[1..]);
        assert_eq!(
            kept,
            ["-p", "4000", "-w", "4080", "--copyover-deadline", "2"]
        );
    }

    #[test]
    fn help_version_and_errors() {
        assert!(matches!(parse(&argv("-h")), Ok(Parsed::Print(t)) if t.contains("--seed")));
        assert!(matches!(parse(&argv("-V")), Ok(Parsed::Print(t)) if t.starts_with("gracemud ")));
        assert!(parse(&argv("-p 70000")).is_err());
        assert!(parse(&argv("-p x")).is_err());
        assert!(parse(&argv("-w 99999")).is_err());
        assert!(parse(&argv("--web-listener -3")).is_err());
        assert!(parse(&argv("-b nowhere")).is_err());
        assert!(parse(&argv("--seed -1")).is_err());
        assert!(parse(&argv("--copyover-deadline 0")).is_err());
        assert!(parse(&argv("--copyover-deadline x")).is_err());
        assert!(parse(&argv("--copyover-deadline inf")).is_err());
        assert!(parse(&argv("--bogus")).is_err());
        assert!(parse(&argv("stray")).is_err());
    }
}
