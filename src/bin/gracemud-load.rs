//! gracemud-load: the load generator. It connects N clients to a running
//! server on 127.0.0.1, creates or logs in characters through the normal
//! login dialogue, has them walk a few random steps (so they spread out),
//! then sends a `look` or a move at a given rate, measuring round trips
//! (command sent → its prompt received), drops and login timings.
//!
//! Everything runs on one thread over [`gracemud::client::Swarm`]; every
//! wait is bounded and the run always ends by itself (`--duration`).
//!
//! The bench runner (`gracemud-bench`) includes this file as a module and
//! drives [`Load`] directly, so the pieces here are public.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use gracemud::client::Swarm;
use gracemud::net::protocols::json;
use gracemud::world::Rng;

/// What the generator waits for during login, and what it answers: the
/// earliest match in the received text wins. `{name}` and `{password}` are
/// filled in. ROM's wording, as `src/game/nanny.rs` prints it.
pub const DIALOGUE: &[(&str, &str)] = &[
    ("By what name do you wish to be known?", "{name}"),
    ("Did I get that right", "y"),
    ("Give me a password for", "{password}"),
    ("Please retype password", "{password}"),
    ("What is your race", "human"),
    ("What is your sex", "m"),
    ("Select a class", "warrior"),
    ("Which alignment", "n"),
    ("Customize (Y/N)?", "n"),
    ("Your choice?", "sword"),
    ("Password:", "{password}"),
    ("Do you wish to connect anyway", "y"),
    ("[Hit Return to continue]", ""),
];

/// Text meaning the character is in the game.
pub const LOGGED_IN: &[&str] = &["Please do not feed the mobiles", "Reconnecting."];

/// Text meaning the login failed for good.
pub const REFUSED: &[&str] = &[
    "Illegal name",
    "Wrong password",
    "You are denied access",
    "The game is wizlocked",
    "Passwords don't match",
    "That is not a valid race",
    "That's not a",
    "Someone took that name",
    "Sorry, that character",
    "Sorry, something went wrong",
];

/// Directions a bot may try when it has seen no `[Exits: ...]` line.
const DIRS: &[&str] = &["north", "east", "south", "west", "up", "down"];

/// The name of bot number `index`: `prefix` followed by `index` in base 26
/// written with at least four letters (`Load` + 1 → `Loadaaab`).
pub fn bot_name(prefix: &str, index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index;
    loop {
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 && letters.len() >= 4 {
            break;
        }
    }
    letters.reverse();
    format!("{prefix}{}", String::from_utf8_lossy(&letters))
}

/// A uniform index below `n` (0 when `n` is 0): walk directions, start
/// offsets.
fn below(rng: &mut Rng, n: usize) -> usize {
    let top = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
    rng.range(0, top) as usize
}

/// Where a bot is in its life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Not connected yet (waits for a login slot).
    Queued,
    /// Connected, holding the connection without logging in.
    Idle,
    /// In the login dialogue.
    Login,
    /// Logged in, taking random steps before playing.
    Walking(u32),
    /// Logged in; sends commands at the group's rate (0 = stays quiet).
    Playing,
    /// Could not connect or log in.
    Failed(String),
}

/// One simulated player.
pub struct Agent {
    pub name: String,
    pub group: usize,
    pub phase: Phase,
    /// Index into the swarm once connected.
    pub conn: Option<usize>,
    /// Connect only; never log in.
    pub idle_only: bool,
    pub connected_at: Option<Instant>,
    pub logged_in_at: Option<Instant>,
    /// The server closed the connection after it was open (a drop).
    pub dropped: bool,
    /// What arrived and was not consumed yet (the dialogue, the last reply).
    pub buf: String,
    deadline: Instant,
    next_at: Instant,
    outstanding: Option<Instant>,
    rt_seen: usize,
    sent: u64,
    exits: Vec<String>,
    /// `exits` were learned since the last move; an `exits` was asked.
    exits_fresh: bool,
    asked_exits: bool,
}

/// Per-group settings and counters.
pub struct Group {
    pub name: String,
    /// Commands per second per bot once playing (0 = quiet).
    pub rate: f64,
    /// Random steps after login before playing.
    pub walk: u32,
    /// The command every bot sends at each slot (`kill 1.post`); `None`
    /// alternates `look` and a move.
    pub line: Option<String>,
    /// Round trips: (when the reply arrived, how long it took).
    pub samples: Vec<(Instant, Duration)>,
    pub sent: u64,
    /// Replies not seen within the step timeout.
    pub lost: u64,
    /// Slots skipped because the previous reply had not arrived yet.
    pub skipped: u64,
}

/// Knobs shared by all bots.
#[derive(Clone, Debug)]
pub struct Settings {
    pub addr: SocketAddr,
    pub password: String,
    /// Bots allowed in the login dialogue (or connecting) at once.
    pub login_parallel: usize,
    /// Longest wait for one dialogue answer or one command's reply.
    pub step_timeout: Duration,
    /// Names start with this (letters only); also the round-trip noise filter.
    pub prefix: String,
    pub seed: u64,
}

impl Settings {
    pub fn new(addr: SocketAddr) -> Settings {
        Settings {
            addr,
            password: "loadtest1".into(),
            login_parallel: 64,
            step_timeout: Duration::from_secs(30),
            prefix: "Load".into(),
            seed: 0x9e37_79b9_7f4a_7c15,
        }
    }
}

/// The generator: a swarm of connections, one agent per connection.
pub struct Load {
    pub swarm: Swarm,
    pub agents: Vec<Agent>,
    pub groups: Vec<Group>,
    pub settings: Settings,
    queue: VecDeque<usize>,
    in_login: usize,
    rng: Rng,
    /// The generator's own work per turn (after reading), which delays the
    /// replies it has not read yet: the longest, and turns over 1 ms.
    pub turn_max: Duration,
    pub turns_over_1ms: u64,
    /// Agent of each connection.
    by_conn: Vec<usize>,
    /// When every agent is looked at next (timers, timeouts).
    next_scan: Instant,
}

/// How often every agent is looked at for timers; readable ones are
/// handled at once. Commands go out up to this late (the round trip is
/// measured from when they actually go out).
const SCAN: Duration = Duration::from_millis(4);

/// p50 / p99 / max of some durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Percentiles {
    pub n: usize,
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
}

impl Percentiles {
    pub fn of(mut v: Vec<Duration>) -> Percentiles {
        if v.is_empty() {
            return Percentiles::default();
        }
        v.sort();
        let at = |q: f64| {
            let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
            v[i].as_secs_f64() * 1000.0
        };
        Percentiles {
            n: v.len(),
            p50: at(0.50),
            p99: at(0.99),
            max: at(1.0),
        }
    }
}

impl Load {
    pub fn new(settings: Settings) -> std::io::Result<Load> {
        let seed = settings.seed;
        Ok(Load {
            swarm: Swarm::new()?,
            agents: Vec::new(),
            groups: Vec::new(),
            settings,
            queue: VecDeque::new(),
            in_login: 0,
            rng: Rng::new(seed),
            turn_max: Duration::ZERO,
            turns_over_1ms: 0,
            by_conn: Vec::new(),
            next_scan: Instant::now(),
        })
    }

    /// A new group of bots with its own rate; returns its index.
    pub fn group(&mut self, name: &str, rate: f64, walk: u32) -> usize {
        self.groups.push(Group {
            name: name.into(),
            rate,
            walk,
            line: None,
            samples: Vec::new(),
            sent: 0,
            lost: 0,
            skipped: 0,
        });
        self.groups.len() - 1
    }

    /// Queue bots `first..first+count` (by name index) into `group`; they
    /// connect and log in as slots free up. Returns their agent indexes.
    pub fn add(&mut self, group: usize, first: usize, count: usize, idle_only: bool) -> Vec<usize> {
        let now = Instant::now();
        let mut out = Vec::with_capacity(count);
        for k in 0..count {
            let a = self.agents.len();
            self.agents.push(Agent {
                name: bot_name(&self.settings.prefix, first + k),
                group,
                phase: Phase::Queued,
                conn: None,
                idle_only,
                connected_at: None,
                logged_in_at: None,
                dropped: false,
                buf: String::new(),
                deadline: now,
                next_at: now,
                outstanding: None,
                rt_seen: 0,
                sent: 0,
                exits: Vec::new(),
                exits_fresh: false,
                asked_exits: false,
            });
            self.queue.push_back(a);
            out.push(a);
        }
        out
    }

    /// Add one agent with an explicit name (the bench's immortal).
    pub fn add_named(&mut self, group: usize, name: &str) -> usize {
        let a = self.add(group, 0, 1, false)[0];
        self.agents[a].name = name.to_string();
        a
    }

    /// Have a group's bots send `line` at every slot instead of looking
    /// and moving.
    pub fn set_line(&mut self, group: usize, line: &str) {
        if let Some(g) = self.groups.get_mut(group) {
            g.line = Some(line.to_string());
        }
    }

    /// Set a group's command rate (0 stops it; bots already playing pick
    /// the new rate up at their next slot).
    pub fn set_rate(&mut self, group: usize, rate: f64) {
        if let Some(g) = self.groups.get_mut(group) {
            g.rate = rate;
        }
        let now = Instant::now();
        let period = period_of(rate);
        for a in self.agents.iter_mut().filter(|a| a.group == group) {
            let offset = period.mul_f64((below(&mut self.rng, 1000) as f64) / 1000.0);
            a.next_at = now + offset;
        }
    }

    fn start_connection(&mut self, a: usize, now: Instant) {
        let addr = self.settings.addr;
        match self.swarm.connect(addr) {
            Ok(i) => {
                self.swarm
                    .set_noise_prefix(i, Some(self.settings.prefix.as_str()));
                if self.by_conn.len() <= i {
                    self.by_conn.resize(i + 1, usize::MAX);
                }
                self.by_conn[i] = a;
                let agent = &mut self.agents[a];
                agent.conn = Some(i);
                agent.connected_at = Some(now);
                agent.deadline = now + self.settings.step_timeout;
                agent.phase = if agent.idle_only {
                    Phase::Idle
                } else {
                    self.in_login += 1;
                    Phase::Login
                };
            }
            Err(e) => {
                self.agents[a].phase = Phase::Failed(format!("connect: {e}"));
            }
        }
    }

    /// One turn: start queued connections, read the network for at most
    /// `wait`, then move every agent along.
    pub fn tick(&mut self, wait: Duration) {
        let now = Instant::now();
        // Idle-only bots connect in bursts; login bots within the slot limit.
        let mut started = 0;
        while let Some(&a) = self.queue.front() {
            let idle = self.agents[a].idle_only;
            if (!idle && self.in_login >= self.settings.login_parallel) || started >= 100 {
                break;
            }
            self.queue.pop_front();
            self.start_connection(a, now);
            started += 1;
        }
        let wait = if started > 0 {
            Duration::ZERO
        } else {
            wait.min(self.next_scan.saturating_duration_since(now))
        };
        let ready = self.swarm.pump_ready(wait);
        let now = Instant::now();
        for i in ready {
            if let Some(&a) = self.by_conn.get(i) {
                if a < self.agents.len() {
                    self.step(a, now);
                }
            }
        }
        if now >= self.next_scan || started > 0 {
            for a in 0..self.agents.len() {
                self.step(a, now);
            }
            self.next_scan = now + SCAN;
        }
        let took = now.elapsed();
        self.turn_max = self.turn_max.max(took);
        if took > Duration::from_millis(1) {
            self.turns_over_1ms += 1;
        }
    }

    /// Forget the turn statistics (before a measured window).
    pub fn reset_turns(&mut self) {
        self.turn_max = Duration::ZERO;
        self.turns_over_1ms = 0;
    }

    fn step(&mut self, a: usize, now: Instant) {
        let Some(i) = self.agents[a].conn else {
            return;
        };
        let (closed, text_waiting) = match self.swarm.bots.get(i) {
            Some(b) => (b.closed, !b.text.is_empty()),
            None => return,
        };
        let phase = self.agents[a].phase.clone();
        if matches!(phase, Phase::Failed(_)) {
            return;
        }
        if text_waiting {
            let t = self.swarm.take(i);
            let agent = &mut self.agents[a];
            agent.buf.push_str(&t);
            if agent.buf.len() > 65536 {
                let cut = agent.buf.len() - 16384;
                let cut = (cut..agent.buf.len())
                    .find(|&c| agent.buf.is_char_boundary(c))
                    .unwrap_or(agent.buf.len());
                agent.buf.drain(..cut);
            }
        }
        if closed {
            self.agents[a].dropped = true;
            self.fail(a, "connection closed by the server");
            return;
        }
        match phase {
            Phase::Login => self.step_login(a, i, now),
            Phase::Walking(left) => self.step_walk(a, i, left, now),
            Phase::Playing => self.step_play(a, i, now),
            Phase::Idle => {
                // Keep only a little of what idle connections receive.
                let agent = &mut self.agents[a];
                if agent.buf.len() > 4096 {
                    agent.buf.clear();
                }
            }
            Phase::Queued | Phase::Failed(_) => {}
        }
    }

    fn fail(&mut self, a: usize, why: &str) {
        let agent = &mut self.agents[a];
        if agent.phase == Phase::Login {
            self.in_login = self.in_login.saturating_sub(1);
        }
        let tail: String = {
            let b = agent.buf.trim_end();
            let start = b.len().saturating_sub(120);
            let start = (start..b.len())
                .find(|&c| b.is_char_boundary(c))
                .unwrap_or(b.len());
            b[start..].replace('\n', " | ")
        };
        agent.phase = Phase::Failed(format!("{}: {why} (last text: {tail:?})", agent.name));
    }

    fn step_login(&mut self, a: usize, i: usize, now: Instant) {
        loop {
            let agent = &mut self.agents[a];
            if let Some(p) = LOGGED_IN.iter().filter_map(|m| agent.buf.find(m)).min() {
                agent.buf.drain(..p);
                agent.logged_in_at = Some(now);
                self.in_login = self.in_login.saturating_sub(1);
                let walk = self.groups.get(agent.group).map_or(0, |g| g.walk);
                agent.phase = Phase::Walking(walk);
                agent.outstanding = None;
                return;
            }
            let refused = REFUSED.iter().find(|m| agent.buf.contains(*m));
            let next = DIALOGUE
                .iter()
                .filter_map(|(expect, reply)| agent.buf.find(expect).map(|p| (p, *expect, *reply)))
                .min_by_key(|&(p, _, _)| p);
            if let (Some(r), None) = (refused, next) {
                let why = format!("refused: {r}");
                self.fail(a, &why);
                return;
            }
            let Some((p, expect, reply)) = next else {
                break;
            };
            if let Some(r) = refused {
                if agent.buf.find(r).is_some_and(|q| q < p) {
                    let why = format!("refused: {r}");
                    self.fail(a, &why);
                    return;
                }
            }
            let line = reply
                .replace("{name}", &agent.name)
                .replace("{password}", &self.settings.password);
            agent.buf.drain(..p + expect.len());
            agent.deadline = now + self.settings.step_timeout;
            self.swarm.send(i, &line);
        }
        if now > self.agents[a].deadline {
            self.fail(a, "login step timed out");
        }
    }

    fn pick_move(&mut self, a: usize) -> String {
        let agent = &self.agents[a];
        if agent.exits.is_empty() {
            DIRS[below(&mut self.rng, 4)].to_string()
        } else {
            let k = below(&mut self.rng, agent.exits.len());
            agent.exits[k].clone()
        }
    }

    /// Note the exits the last reply showed: an `[Exits: ...]` line or the
    /// `exits` command's listing ("North - Temple Square").
    fn learn_exits(&mut self, a: usize) {
        let agent = &mut self.agents[a];
        if let Some(p) = agent.buf.rfind("[Exits:") {
            let rest = &agent.buf[p + 7..];
            let end = rest.find(']').unwrap_or(rest.len());
            agent.exits = rest[..end]
                .split_whitespace()
                .filter(|w| DIRS.contains(w))
                .map(str::to_string)
                .collect();
            agent.exits_fresh = true;
        } else if agent.buf.contains("Obvious exits") {
            agent.exits = parse_exit_listing(&agent.buf);
            agent.exits_fresh = true;
        }
        agent.buf.clear();
    }

    /// Did bot `i` get the reply to its last command? Also true when the
    /// reply is lost (timed out), which the caller counts.
    fn reply_done(&mut self, a: usize, i: usize, now: Instant) -> Option<Option<Duration>> {
        let got = self.swarm.bots.get(i).map_or(0, |b| b.round_trips.len());
        let agent = &mut self.agents[a];
        let sent_at = agent.outstanding?;
        if got > agent.rt_seen {
            agent.rt_seen = got;
            agent.outstanding = None;
            let rt = self
                .swarm
                .bots
                .get(i)
                .and_then(|b| b.round_trips.last().copied());
            return Some(rt);
        }
        if now.duration_since(sent_at) > self.settings.step_timeout {
            agent.outstanding = None;
            if let Some(b) = self.swarm.bots.get_mut(i) {
                b.sent_at = None;
            }
            if let Some(g) = self.groups.get_mut(agent.group) {
                g.lost += 1;
            }
            return Some(None);
        }
        None
    }

    fn send_cmd(&mut self, a: usize, i: usize, line: &str, now: Instant) {
        self.swarm.send(i, line);
        let agent = &mut self.agents[a];
        agent.outstanding = Some(now);
        agent.rt_seen = self.swarm.bots.get(i).map_or(0, |b| b.round_trips.len());
        agent.sent += 1;
    }

    fn step_walk(&mut self, a: usize, i: usize, left: u32, now: Instant) {
        if self.agents[a].outstanding.is_some() {
            if self.reply_done(a, i, now).is_none() {
                return;
            }
            self.learn_exits(a);
        }
        if left == 0 {
            let rate = self
                .groups
                .get(self.agents[a].group)
                .map_or(0.0, |g| g.rate);
            // ROM's movement lag (one pulse) must not count against the
            // first command: start no sooner than 300 ms after the last step.
            let offset = Duration::from_millis(300)
                + period_of(rate).mul_f64((below(&mut self.rng, 1000) as f64) / 1000.0);
            let agent = &mut self.agents[a];
            agent.phase = Phase::Playing;
            agent.next_at = now + offset;
            return;
        }
        // Ask for the exits, then take one of them (blindly if none).
        let agent = &mut self.agents[a];
        if !agent.exits_fresh && !agent.asked_exits {
            agent.asked_exits = true;
            self.send_cmd(a, i, "exits", now);
            return;
        }
        if !agent.exits_fresh {
            agent.exits.clear();
        }
        agent.exits_fresh = false;
        agent.asked_exits = false;
        let dir = self.pick_move(a);
        self.send_cmd(a, i, &dir, now);
        self.agents[a].phase = Phase::Walking(left - 1);
    }

    fn step_play(&mut self, a: usize, i: usize, now: Instant) {
        let g = self.agents[a].group;
        if self.agents[a].outstanding.is_some() {
            match self.reply_done(a, i, now) {
                None => {}
                Some(rt) => {
                    if let (Some(rt), Some(group)) = (rt, self.groups.get_mut(g)) {
                        group.samples.push((now, rt));
                    }
                    self.learn_exits(a);
                }
            }
        } else if self.agents[a].buf.len() > 8192 {
            self.agents[a].buf.clear();
        }
        let rate = self.groups.get(g).map_or(0.0, |g| g.rate);
        if rate <= 0.0 || now < self.agents[a].next_at {
            return;
        }
        let period = period_of(rate);
        // Next slot: keep the schedule (open loop), skipping missed ones.
        let mut next = self.agents[a].next_at + period;
        if next <= now {
            next = now + period;
        }
        self.agents[a].next_at = next;
        if self.agents[a].outstanding.is_some() {
            if let Some(group) = self.groups.get_mut(g) {
                group.skipped += 1;
            }
            return;
        }
        let fixed = self.groups.get(g).and_then(|g| g.line.clone());
        let line = match fixed {
            Some(line) => line,
            None if self.agents[a].sent.is_multiple_of(2) => "look".to_string(),
            None => self.pick_move(a),
        };
        self.send_cmd(a, i, &line, now);
        if let Some(group) = self.groups.get_mut(g) {
            group.sent += 1;
        }
    }

    /// Tick until `done(self)` holds or `timeout` passes; true if it held.
    pub fn run_until(&mut self, timeout: Duration, done: impl Fn(&Load) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut check = Instant::now();
        loop {
            let now = Instant::now();
            // The condition may look at every agent: not on every turn.
            if now >= check {
                if done(self) {
                    return true;
                }
                check = now + SCAN;
            }
            if now >= deadline {
                return done(self);
            }
            self.tick((deadline - now).min(Duration::from_millis(20)));
        }
    }

    /// Keep everything going for `d`.
    pub fn run_for(&mut self, d: Duration) {
        let _ = self.run_until(d, |_| false);
    }

    /// Have all of `agents` finished logging in (or failed)?
    pub fn settled(&self, agents: &[usize]) -> bool {
        agents.iter().all(|&a| {
            matches!(
                self.agents[a].phase,
                Phase::Playing | Phase::Idle | Phase::Failed(_)
            )
        })
    }

    /// Log in (or connect) `agents` and wait until each is playing, idle or
    /// failed; bounded by `timeout`.
    pub fn settle(&mut self, agents: &[usize], timeout: Duration) -> bool {
        self.run_until(timeout, |l| l.settled(agents))
    }

    /// Percentiles of a group's round trips that completed within `[from, to)`.
    pub fn round_trips(&self, group: usize, from: Instant, to: Instant) -> Percentiles {
        let v = self.groups.get(group).map_or_else(Vec::new, |g| {
            g.samples
                .iter()
                .filter(|(at, _)| *at >= from && *at < to)
                .map(|(_, d)| *d)
                .collect()
        });
        Percentiles::of(v)
    }

    pub fn count(&self, agents: &[usize], pred: impl Fn(&Agent) -> bool) -> usize {
        agents.iter().filter(|&&a| pred(&self.agents[a])).count()
    }

    /// The first few failure reasons among `agents`.
    pub fn failures(&self, agents: &[usize], max: usize) -> Vec<String> {
        agents
            .iter()
            .filter_map(|&a| match &self.agents[a].phase {
                Phase::Failed(why) => Some(why.clone()),
                _ => None,
            })
            .take(max)
            .collect()
    }

    /// Send `line` on agent `a`'s connection (no round-trip bookkeeping).
    pub fn say(&mut self, a: usize, line: &str) {
        if let Some(i) = self.agents[a].conn {
            self.swarm.send(i, line);
            // The generator is not timing this one.
            if let Some(b) = self.swarm.bots.get_mut(i) {
                b.sent_at = None;
            }
        }
    }

    /// Send a timed command on agent `a` (a playing bot): its round trip
    /// lands in the group's samples, or counts as lost after the timeout.
    pub fn command(&mut self, a: usize, line: &str) {
        if let Some(i) = self.agents[a].conn {
            let now = Instant::now();
            self.send_cmd(a, i, line, now);
        }
    }

    /// When agent `a`'s first byte arrived.
    pub fn first_byte(&self, a: usize) -> Option<Instant> {
        self.agents[a]
            .conn
            .and_then(|i| self.swarm.bots.get(i))
            .and_then(|b| b.first_byte)
    }

    /// Is a reply to agent `a`'s last timed command still awaited?
    pub fn awaiting(&self, a: usize) -> bool {
        self.agents[a].outstanding.is_some()
    }

    /// Has the server dropped agent `a`?
    pub fn is_dropped(&self, a: usize) -> bool {
        self.agents[a].dropped
    }
}

/// The directions in an `exits` listing ("North - Temple Square").
pub fn parse_exit_listing(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let (dir, _) = l.split_once(" - ")?;
            let dir = dir.trim().to_ascii_lowercase();
            DIRS.contains(&dir.as_str()).then_some(dir)
        })
        .collect()
}

fn period_of(rate: f64) -> Duration {
    if rate > 0.0 {
        Duration::from_secs_f64(1.0 / rate)
    } else {
        Duration::from_secs(3600)
    }
}

/// Raise this process's soft RLIMIT_NOFILE to the hard limit; returns it.
pub fn raise_nofile() -> u64 {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok((soft, hard)) => {
            if soft < hard && setrlimit(Resource::RLIMIT_NOFILE, hard, hard).is_ok() {
                hard
            } else {
                soft
            }
        }
        Err(_) => 0,
    }
}

/// This process's CPU time (user + system) so far, in seconds.
pub fn own_cpu_seconds() -> f64 {
    use nix::sys::resource::{getrusage, UsageWho};
    match getrusage(UsageWho::RUSAGE_SELF) {
        Ok(u) => {
            let t = |tv: nix::sys::time::TimeVal| tv.tv_sec() as f64 + tv.tv_usec() as f64 / 1e6;
            t(u.user_time()) + t(u.system_time())
        }
        Err(_) => 0.0,
    }
}

/// The standalone generator's result.
pub struct Report {
    pub clients: usize,
    pub connected: usize,
    pub logged_in: usize,
    pub failed: usize,
    pub drops: usize,
    pub login_seconds: f64,
    pub logins_per_second: f64,
    pub login_p50_ms: f64,
    pub login_max_ms: f64,
    pub play_seconds: f64,
    pub sent: u64,
    pub lost: u64,
    pub skipped: u64,
    pub rt: Percentiles,
    pub client_cpu_seconds: f64,
    pub failures: Vec<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.drops == 0 && self.lost == 0
    }

    pub fn json(&self) -> String {
        let fails: Vec<String> = self.failures.iter().map(|f| json::string(f)).collect();
        format!(
            "{{\"clients\": {}, \"connected\": {}, \"logged_in\": {}, \"failed\": {}, \"drops\": {}, \
             \"login_seconds\": {:.3}, \"logins_per_second\": {:.1}, \"login_p50_ms\": {:.1}, \
             \"login_max_ms\": {:.1}, \"play_seconds\": {:.3}, \"sent\": {}, \"replies\": {}, \
             \"lost\": {}, \"skipped\": {}, \"rt_p50_ms\": {:.3}, \"rt_p99_ms\": {:.3}, \
             \"rt_max_ms\": {:.3}, \"client_cpu_seconds\": {:.2}, \"failures\": [{}]}}",
            self.clients,
            self.connected,
            self.logged_in,
            self.failed,
            self.drops,
            self.login_seconds,
            self.logins_per_second,
            self.login_p50_ms,
            self.login_max_ms,
            self.play_seconds,
            self.sent,
            self.rt.n,
            self.lost,
            self.skipped,
            self.rt.p50,
            self.rt.p99,
            self.rt.max,
            self.client_cpu_seconds,
            fails.join(", ")
        )
    }

    pub fn text(&self) -> String {
        let mut s = format!(
            "clients {}: connected {}, logged in {}, failed {}, dropped {}\n\
             logins: {:.2} s for all ({:.1}/s), each p50 {:.1} ms, max {:.1} ms\n\
             play {:.1} s: sent {}, replies {}, lost {}, skipped {}\n\
             round trip: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms\n\
             generator CPU: {:.2} s (it shares the machine with the server)\n",
            self.clients,
            self.connected,
            self.logged_in,
            self.failed,
            self.drops,
            self.login_seconds,
            self.logins_per_second,
            self.login_p50_ms,
            self.login_max_ms,
            self.play_seconds,
            self.sent,
            self.rt.n,
            self.lost,
            self.skipped,
            self.rt.p50,
            self.rt.p99,
            self.rt.max,
            self.client_cpu_seconds,
        );
        for f in &self.failures {
            s.push_str(&format!("failure: {f}\n"));
        }
        s
    }
}

/// What the standalone generator does.
pub struct Options {
    pub port: u16,
    pub clients: usize,
    pub first: usize,
    pub prefix: String,
    pub password: String,
    pub rate: f64,
    pub duration: Duration,
    pub parallel: usize,
    pub walk: u32,
    pub idle: bool,
    pub timeout: Duration,
    pub json: bool,
}

/// Log in `clients` bots, play for `duration`, report.
pub fn run(o: &Options) -> Result<Report, String> {
    raise_nofile();
    let cpu0 = own_cpu_seconds();
    let mut s = Settings::new(SocketAddr::from(([127, 0, 0, 1], o.port)));
    s.password = o.password.clone();
    s.prefix = o.prefix.clone();
    s.login_parallel = o.parallel.max(1);
    s.step_timeout = o.timeout;
    let mut load = Load::new(s).map_err(|e| format!("poll: {e}"))?;
    let g = load.group("players", 0.0, o.walk);
    let t0 = Instant::now();
    let agents = load.add(g, o.first, o.clients, o.idle);
    // Logins are bounded: every step has a timeout, so this ends.
    let budget = o.timeout * (o.clients as u32 / o.parallel.max(1) as u32 + 2);
    load.settle(&agents, budget);
    let login_seconds = agents
        .iter()
        .filter_map(|&a| load.agents[a].logged_in_at)
        .max()
        .map_or(0.0, |t| (t - t0).as_secs_f64());
    let mut login_times: Vec<Duration> = agents
        .iter()
        .filter_map(|&a| {
            let ag = &load.agents[a];
            Some(ag.logged_in_at? - ag.connected_at?)
        })
        .collect();
    login_times.sort();
    let lp = Percentiles::of(login_times.clone());
    let logged_in = login_times.len();
    let nobody = logged_in == 0 && !o.idle;
    load.set_rate(g, if o.idle { 0.0 } else { o.rate });
    let play0 = Instant::now();
    if !nobody {
        load.run_for(o.duration);
    }
    // Let the last replies arrive (bounded).
    let grace = o.timeout.min(Duration::from_secs(5));
    load.run_until(grace, |l| l.agents.iter().all(|a| a.outstanding.is_none()));
    let play_seconds = play0.elapsed().as_secs_f64();
    let end = Instant::now();
    let group = &load.groups[g];
    let rt = load.round_trips(g, play0, end + Duration::from_secs(1));
    let failed = load.count(&agents, |a| matches!(a.phase, Phase::Failed(_)));
    let drops = load.count(&agents, |a| a.dropped);
    let connected = load.count(&agents, |a| a.connected_at.is_some());
    Ok(Report {
        clients: o.clients,
        connected,
        logged_in,
        failed,
        drops,
        login_seconds,
        logins_per_second: if login_seconds > 0.0 {
            logged_in as f64 / login_seconds
        } else {
            0.0
        },
        login_p50_ms: lp.p50,
        login_max_ms: lp.max,
        play_seconds,
        sent: group.sent,
        lost: group.lost + load.count(&agents, |a| a.outstanding.is_some()) as u64,
        skipped: group.skipped,
        rt,
        client_cpu_seconds: own_cpu_seconds() - cpu0,
        failures: load.failures(&agents, 5),
    })
}

fn usage(opts: &getopts::Options) -> String {
    opts.usage(
        "Usage: gracemud-load [options]\n\n\
         Connects N clients to a GraceMUD on 127.0.0.1, logs them in (creating\n\
         characters as needed), walks them a few steps, then sends `look` or a\n\
         move at the given rate and reports round trips (sent → prompt).",
    )
}

fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut opts = getopts::Options::new();
    opts.optopt("p", "port", "server port on 127.0.0.1 (4000)", "PORT");
    opts.optopt("n", "clients", "number of clients (10)", "N");
    opts.optopt("", "first", "index of the first bot name (0)", "I");
    opts.optopt("", "prefix", "name prefix, letters only (Load)", "WORD");
    opts.optopt("", "password", "password of every bot (loadtest1)", "PW");
    opts.optopt("r", "rate", "commands per second per client (1)", "R");
    opts.optopt("d", "duration", "seconds of play after login (10)", "S");
    opts.optopt("", "parallel", "logins in progress at once (64)", "N");
    opts.optopt("", "walk", "random steps after login (6)", "N");
    opts.optopt(
        "",
        "timeout",
        "longest wait for one reply, seconds (30)",
        "S",
    );
    opts.optflag("", "idle", "only connect and hold the connections");
    opts.optflag("", "json", "print one JSON object");
    opts.optflag("h", "help", "this text");
    let m = opts
        .parse(args)
        .map_err(|e| format!("{e}\n{}", usage(&opts)))?;
    if m.opt_present("h") {
        print!("{}", usage(&opts));
        return Ok(None);
    }
    fn num<T: std::str::FromStr>(m: &getopts::Matches, k: &str, d: T) -> Result<T, String> {
        match m.opt_str(k) {
            None => Ok(d),
            Some(s) => s.parse().map_err(|_| format!("bad --{k}: {s}")),
        }
    }
    let prefix = m.opt_str("prefix").unwrap_or_else(|| "Load".into());
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphabetic()) || prefix.len() > 8 {
        return Err("--prefix must be 1 to 8 letters".into());
    }
    let duration: f64 = num(&m, "duration", 10.0)?;
    let timeout: f64 = num(&m, "timeout", 30.0)?;
    if !(0.0..=86400.0).contains(&duration) || !(0.1..=3600.0).contains(&timeout) {
        return Err("--duration or --timeout out of range".into());
    }
    Ok(Some(Options {
        port: num(&m, "port", 4000)?,
        clients: num(&m, "clients", 10)?,
        first: num(&m, "first", 0)?,
        prefix,
        password: m.opt_str("password").unwrap_or_else(|| "loadtest1".into()),
        rate: num(&m, "rate", 1.0)?,
        duration: Duration::from_secs_f64(duration),
        parallel: num(&m, "parallel", 64)?,
        walk: num(&m, "walk", 6)?,
        idle: m.opt_present("idle"),
        timeout: Duration::from_secs_f64(timeout),
        json: m.opt_present("json"),
    }))
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = match parse_args(&args) {
        Ok(Some(o)) => o,
        Ok(None) => return,
        Err(e) => {
            eprintln!("gracemud-load: {e}");
            std::process::exit(2);
        }
    };
    match run(&o) {
        Ok(r) => {
            if o.json {
                println!("{}", r.json());
            } else {
                print!("{}", r.text());
            }
            std::process::exit(if r.ok() { 0 } else { 1 });
        }
        Err(e) => {
            eprintln!("gracemud-load: {e}");
            std::process::exit(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_letters_and_unique() {
        assert_eq!(bot_name("Load", 0), "Loadaaaa");
        assert_eq!(bot_name("Load", 1), "Loadaaab");
        assert_eq!(bot_name("Load", 26), "Loadaaba");
        let mut seen = std::collections::HashSet::new();
        for i in 0..20000 {
            let n = bot_name("Load", i);
            assert!(n.chars().all(|c| c.is_ascii_alphabetic()), "{n}");
            assert!(n.len() <= 12);
            assert!(seen.insert(n));
        }
    }

    #[test]
    fn exit_listings_parse() {
        let t = "Obvious exits:\nNorth - Temple Square\nUp    - Too dark to tell\n";
        assert_eq!(parse_exit_listing(t), vec!["north", "up"]);
        assert!(parse_exit_listing("Obvious exits:\nNone.\n").is_empty());
    }

    #[test]
    fn percentiles() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(v);
        assert_eq!(p.n, 100);
        assert!((p.p50 - 50.0).abs() < 1e-9);
        assert!((p.p99 - 99.0).abs() < 1e-9);
        assert!((p.max - 100.0).abs() < 1e-9);
        assert_eq!(Percentiles::of(Vec::new()).n, 0);
    }

    #[test]
    fn options_parse() {
        let args: Vec<String> = ["-n", "5", "--json", "-d", "2", "--prefix", "Smoke"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse_args(&args).ok().flatten();
        let o = o.unwrap_or_else(|| panic!("did not parse"));
        assert_eq!(o.clients, 5);
        assert!(o.json);
        assert_eq!(o.prefix, "Smoke");
        let bad: Vec<String> = vec!["--prefix".into(), "L0ad".into()];
        assert!(parse_args(&bad).is_err());
    }
}
