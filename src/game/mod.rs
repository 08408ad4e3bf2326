//! The game: the login dialogue, the command interpreter, and the game's
//! side of the network seam (`net::engine::Engine`).
//!
//! [`Game`] owns the [`World`] and one session per connection. A session is
//! either in the login dialogue (`nanny`) or playing a character; input lines
//! go to the one or to `interp`. After every command the game drains what
//! the command asked of it (`world.requests`: save, quit, change password)
//! and the log lines it produced. `save` and `quit` finish only when the
//! writer reports the file on disk: "Saving." and "Alas, ..." come then; a
//! failed save is told, retried, and keeps the character in the game. Login
//! password jobs pass the `throttle` first. Text for a playing connection
//! is the character's queued `output`; `take_output` adds the prompt.
//! Nothing in here touches a socket: the net loop calls the [`Engine`]
//! methods.

pub mod act_comm;
pub mod act_config;
pub mod act_flag;
pub mod act_info;
pub mod act_info2;
pub mod act_magic_item;
pub mod act_move;
pub mod act_obj;
pub mod act_prefs;
pub mod act_shop;
pub mod act_skill;
pub mod act_talk;
pub mod act_wiz;
pub mod autoloot;
pub mod ban;
pub mod copyover;
pub mod creation;
pub mod effects;
pub mod fight;
pub mod food;
pub mod gmcp;
pub mod interp;
pub mod magic;
pub mod magic2;
pub mod magic3;
pub mod mob_cmds;
pub mod mob_prog;
pub mod music;
pub mod nanny;
pub mod notes;
pub mod olc;
pub mod pager;
pub mod skills;
pub mod special;
pub mod throttle;
pub mod update;
pub mod wiznet;

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, VecDeque};
use std::path::PathBuf;

use crate::engine::{peer_address, ConnId, Engine, HashJob, HashResult, Outbound};
use crate::save;
use crate::world::act::{ActArgs, To};
use crate::world::{
    comm, CharId, Request, RoomVnum, World, DIR_NAMES, LEVEL_IMMORTAL, ROOM_VNUM_LIMBO,
};

/// How the server was started.
#[derive(Clone, Debug)]
pub struct Config {
    /// The directory holding `area.lst`.
    pub area_dir: PathBuf,
    /// Where player files live.
    pub player_dir: PathBuf,
    /// The world's random seed.
    pub seed: u64,
    /// Pulses a connection may wait at one login prompt without sending a
    /// line before it is closed (`--login-timeout`).
    pub login_idle_pulses: u64,
    /// Pulses the whole login (or creation) may take from the connection's
    /// first byte (`--login-limit`).
    pub login_total_pulses: u64,
    /// `GRACEMUD_FAILPOINT`, for the tests that prove a fault is survived.
    pub failpoint: Option<String>,
    /// Where the note spools live; `None`: `notes/` beside the player
    /// directory (see [`Config::note_dir`]).
    pub notes_dir: Option<PathBuf>,
    /// The ban file (`game::ban`), next to the player directory.
    pub ban_file: PathBuf,
}

impl Config {
    /// The note spools' directory: the configured one, else `notes` in the
    /// directory that holds the player directory.
    pub fn note_dir(&self) -> PathBuf {
        if let Some(d) = &self.notes_dir {
            return d.clone();
        }
        match self.player_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join("notes"),
            _ => PathBuf::from("notes"),
        }
    }

    /// Where the ban file goes for a player directory: beside it.
    pub fn ban_file_for(player_dir: &std::path::Path) -> PathBuf {
        player_dir
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join("ban.txt")
    }
}

/// Default wait at one login prompt: two minutes.
pub const LOGIN_IDLE_SECS: u64 = 120;
/// Default time for a whole login or character creation: fifteen minutes.
pub const LOGIN_TOTAL_SECS: u64 = 900;

impl Default for Config {
    fn default() -> Self {
        Config {
            area_dir: PathBuf::from("areas"),
            player_dir: PathBuf::from("player"),
            seed: 0,
            login_idle_pulses: LOGIN_IDLE_SECS * update::PULSE_PER_SECOND,
            login_total_pulses: LOGIN_TOTAL_SECS * update::PULSE_PER_SECOND,
            failpoint: None,
            notes_dir: None,
            ban_file: PathBuf::from("ban.txt"),
        }
    }
}

/// Read `music.txt` from the area directory (ROM keeps it there, outside
/// `area.lst`); a world without one has no songs.
fn load_music(world: &mut World, area_dir: &std::path::Path) {
    let path = area_dir.join("music.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        log::info!("no songs: {} cannot be read", path.display());
        return;
    };
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let (songs, notes) = music::parse_songs(&text);
    for n in notes {
        log::warn!("{}:{n}", path.display());
    }
    log::info!("{} songs from {}", songs.len(), path.display());
    world.songs = songs;
}

/// What an actor reads when their command hit a bug (the panic is caught,
/// logged with its backtrace, and the game goes on).
pub const COMMAND_FAILED: &str =
    "Something went wrong with that command; it has been logged for the immortals. The game goes on.\n";

/// The text of a caught panic.
fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Most login timeouts acted on in one pulse (the rest wait a pulse).
pub const MAX_LOGIN_TIMEOUTS_PER_PULSE: usize = 256;

/// Pulses between autosave rounds (5 minutes).
pub const AUTOSAVE_PULSES: u64 = 300 * update::PULSE_PER_SECOND;
/// Players saved per pulse while an autosave round is running.
const AUTOSAVE_PER_PULSE: usize = 4;
/// Pulses between attempts to save players whose last save failed (5 s).
pub const SAVE_RETRY_PULSES: u64 = 5 * update::PULSE_PER_SECOND;

/// A combat round slower than this is logged on its own (the net's slow
/// pulse warning has the same threshold and follows it).
const SLOW_VIOLENCE: std::time::Duration = std::time::Duration::from_millis(5);

/// Log a slow combat round at once, and every window's timings while
/// anybody fights (the bench reads these lines).
fn note_violence(window: &mut update::ViolenceWindow, pulse: u64, round: update::ViolenceRound) {
    if round.took > SLOW_VIOLENCE {
        log::warn!(
            "slow violence_update at pulse {pulse}: {:.1} ms, {} fighting",
            round.took.as_secs_f64() * 1000.0,
            round.fighting
        );
    }
    if let Some(line) = window.record(round) {
        log::info!("{line}");
    }
}
/// Pulses between sweeps of expired password-failure counts (1 minute).
const THROTTLE_PRUNE_PULSES: u64 = 60 * update::PULSE_PER_SECOND;
/// Idle ticks before a mortal is moved into the void, and before auto-quit.
const IDLE_VOID_TICKS: i32 = 12;
const IDLE_QUIT_TICKS: i32 = 30;

/// What a password job in flight is for (results come back in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JobPurpose {
    /// Checking the password typed at login.
    LoginVerify,
    /// Hashing a new character's password.
    NewCharHash,
    /// `password old new`: checking `old`, then hashing `new`.
    ChangeVerify {
        ch: CharId,
        new: String,
    },
    ChangeHash {
        ch: CharId,
    },
}

/// What waits for a player file to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterWrite {
    /// The `save` command: answer "Saving." (or that it failed).
    Reply(CharId),
    /// `quit` (or an idle or link-dead player timing out): leave the game,
    /// or stay and be told, if the file could not be written.
    Quit(CharId),
}

const SAVE_FAILED: &str = "Your character could not be saved! Please tell an immortal.\n";
const SAVED_AGAIN: &str = "Your character has been saved.\n";
const CANNOT_QUIT: &str =
    "You cannot quit until your character can be saved; you stay in the game. Try again later.\n";

/// A password job waiting for the throttle (see `throttle`).
pub(crate) struct Gated {
    job: HashJob,
    purpose: JobPurpose,
    /// The account a password check is for (lower case); `None` for a new
    /// character's password.
    account: Option<String>,
}

/// What a running gated job counts in the throttle, to give back.
pub(crate) struct Slot {
    account: Option<String>,
    stranger: bool,
}

/// One connection as the game knows it.
pub(crate) struct Session {
    pub(crate) peer: String,
    /// The address the peer counts as for limits (`peer_address`).
    pub(crate) addr: String,
    /// A password job waiting until the throttle lets it go.
    pub(crate) gate: Option<Gated>,
    /// The throttle's counts held by the running gated job.
    pub(crate) slot: Option<Slot>,
    pub(crate) state: nanny::State,
    /// Text queued while not playing (or moved here at quit).
    pub(crate) out: String,
    pub(crate) echo: Option<bool>,
    pub(crate) close: bool,
    pub(crate) jobs: Vec<HashJob>,
    pub(crate) purposes: VecDeque<JobPurpose>,
    /// A line was handled: show the prompt even if no text resulted.
    pub(crate) want_prompt: bool,
    /// What GMCP last told this connection's client, and what waits to go.
    pub(crate) gmcp: gmcp::Tracker,
    /// The pulse the connection opened at, and the pulse of its last line
    /// (login timeouts).
    pub(crate) opened_at: u64,
    pub(crate) line_at: u64,
    /// A long answer being shown a page at a time (`scroll`).
    pub(crate) pager: Option<pager::Pager>,
    /// The last line answered the pager: its text is a page already.
    pub(crate) pager_answered: bool,
}

impl Session {
    fn new(peer: &str, now: u64) -> Session {
        Session {
            opened_at: now,
            line_at: now,
            peer: peer.to_string(),
            addr: peer_address(peer),
            gate: None,
            slot: None,
            state: nanny::State::GetName,
            out: String::new(),
            echo: None,
            close: false,
            jobs: Vec::new(),
            purposes: VecDeque::new(),
            want_prompt: false,
            gmcp: gmcp::Tracker::default(),
            pager: None,
            pager_answered: false,
        }
    }
    pub(crate) fn send(&mut self, text: &str) {
        self.out.push_str(text);
    }
    pub(crate) fn job(&mut self, job: HashJob, purpose: JobPurpose) {
        self.jobs.push(job);
        self.purposes.push_back(purpose);
    }
    /// A login password job: it goes to the worker when the throttle lets
    /// it (at once, usually); meanwhile the connection is not ready.
    pub(crate) fn gated_job(&mut self, job: HashJob, purpose: JobPurpose, account: Option<String>) {
        self.gate = Some(Gated {
            job,
            purpose,
            account,
        });
    }
    /// The character this session plays, if it is playing.
    pub(crate) fn playing(&self) -> Option<CharId> {
        match self.state {
            nanny::State::Playing(ch) => Some(ch),
            _ => None,
        }
    }
}

/// The game as the net loop drives it.
pub struct Game {
    pub world: World,
    pub cfg: Config,
    sessions: HashMap<ConnId, Session>,
    dirty: BTreeSet<ConnId>,
    /// The next new player id (max id on disk + 1, scanned at boot).
    next_player_id: i64,
    /// No character exists yet: the player directory was read at boot and
    /// held none, and nobody has been created since. Only this makes a new
    /// character the implementor; no I/O failure later can set it again.
    pub(crate) first_player_open: bool,
    /// Connections still logging in, by the pulse their login may time out
    /// at (checked lazily: a line typed since only moves the deadline).
    login_deadlines: BinaryHeap<Reverse<(u64, ConnId)>>,
    /// Players still to be saved in the running autosave round.
    autosave_queue: VecDeque<CharId>,
    /// The running autosave round: players in it, and how many were written.
    autosave_round: (usize, usize),
    /// What each player's file held when we last wrote it (a hash of the
    /// text without its clock lines), so a copyover rewrites only players
    /// whose state changed.
    saved: HashMap<i64, u64>,
    /// Player files go to disk on the writer's thread.
    writer: save::Writer,
    /// What waits for each file handed to the writer (by ticket).
    after_write: HashMap<u64, Vec<AfterWrite>>,
    /// Characters leaving once their file is written (their input waits).
    quitting: BTreeSet<CharId>,
    /// Players whose last save failed: retried every `SAVE_RETRY_PULSES`,
    /// and they cannot quit (nor time out) until a save succeeds.
    unsaved: BTreeSet<i64>,
    /// Files handed to the writer and not yet reported back, per player id
    /// (a retry waits for them: a hung disk does not pile up writes).
    writing: HashMap<i64, u32>,
    /// Password-guessing limits (see `throttle`).
    pub(crate) throttle: throttle::Throttle,
    /// Connections with a password job waiting for the throttle, oldest first.
    gate_queue: VecDeque<ConnId>,
    /// The throttle's clock: milliseconds since `epoch`, plus `skew_ms`
    /// (tests move time on without sleeping).
    epoch: std::time::Instant,
    skew_ms: u64,
    /// Combat rounds' timings, logged once per window while anybody fights.
    violence: update::ViolenceWindow,
    /// The area files as the server read or last wrote them (OLC's guard
    /// against overwriting hand edits: `olc::asave`).
    file_stamps: HashMap<String, olc::asave::FileStamp>,
}

impl Game {
    /// Load the areas, build and reset the world, and scan the player dir.
    /// Area errors come back as `file:line:col: message` lines.
    pub fn boot(cfg: Config) -> Result<Game, Vec<String>> {
        let report = crate::db::load_area_dir(&cfg.area_dir);
        if !report.errors.is_empty() {
            return Err(report.errors.iter().map(|d| d.to_string()).collect());
        }
        for w in &report.warnings {
            log::debug!("{w}");
        }
        log::info!(
            "Loaded areas from {} in {:?}: {} warnings.",
            cfg.area_dir.display(),
            report.elapsed,
            report.warnings.len()
        );
        let t = std::time::Instant::now();
        let mut world = World::new(report.protos, cfg.seed);
        let t_world = t.elapsed();
        for line in mob_prog::lint_world(&world) {
            log::warn!("{line}");
        }
        let t_lint = t.elapsed();
        set_clock_from_real_time(&mut world, save::now_secs());
        update::weather_at_boot(&mut world);
        load_music(&mut world, &cfg.area_dir);
        world.reset_all();
        let t_reset = t.elapsed();
        let game = Game::from_world(world, cfg).map_err(|e| vec![e]);
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        log::info!(
            "boot timings: areas={:.2} world={:.2} lint={:.2} resets={:.2} players+files={:.2} ms",
            ms(report.elapsed),
            ms(t_world),
            ms(t_lint - t_world),
            ms(t_reset - t_lint),
            ms(t.elapsed() - t_reset)
        );
        game
    }

    /// A game around an existing world (boot, tests). Looks at the player
    /// directory once: the highest id in use, and whether it holds no player
    /// at all (then the first character created becomes the implementor).
    /// A directory that cannot be read is an error, never "empty".
    pub fn from_world(world: World, cfg: Config) -> Result<Game, String> {
        let census = save::player_census(&cfg.player_dir).map_err(|e| {
            format!(
                "cannot read the player directory {}: {e}",
                cfg.player_dir.display()
            )
        })?;
        log::info!(
            "{} player files in {}.",
            census.files,
            cfg.player_dir.display()
        );
        let mut game = Game::assemble(world, cfg, census.max_id + 1);
        game.first_player_open = census.files == 0;
        Ok(game)
    }

    /// A game with no sessions yet, handing out player ids from `next_id`.
    pub(crate) fn assemble(mut world: World, cfg: Config, next_id: i64) -> Game {
        let area_dir = cfg.area_dir.clone();
        load_spools(&mut world, &cfg.note_dir());
        let (bans, errors) = ban::load(&cfg.ban_file);
        for e in errors {
            log::error!("{e}");
        }
        if !bans.is_empty() {
            log::info!("{} bans read from {}.", bans.len(), cfg.ban_file.display());
        }
        world.bans = bans;
        Game {
            world,
            cfg,
            sessions: HashMap::new(),
            dirty: BTreeSet::new(),
            next_player_id: next_id,
            first_player_open: false,
            login_deadlines: Default::default(),
            autosave_queue: VecDeque::new(),
            autosave_round: (0, 0),
            saved: HashMap::new(),
            writer: save::Writer::new(),
            after_write: HashMap::new(),
            quitting: BTreeSet::new(),
            unsaved: BTreeSet::new(),
            writing: HashMap::new(),
            throttle: throttle::Throttle::default(),
            gate_queue: VecDeque::new(),
            epoch: std::time::Instant::now(),
            skew_ms: 0,
            violence: update::ViolenceWindow::default(),
            file_stamps: olc::asave::stamp_files(&area_dir),
        }
    }

    /// Hand out a new, never used player id.
    pub(crate) fn new_player_id(&mut self) -> i64 {
        let in_world = self
            .world
            .players
            .iter()
            .filter_map(|&p| self.world.ch(p))
            .map(|c| c.player_id())
            .max()
            .unwrap_or(0);
        let id = self.next_player_id.max(in_world + 1);
        self.next_player_id = id + 1;
        id
    }

    /// Every playing connection with its player id and character (copyover).
    pub fn playing(&self) -> Vec<(ConnId, i64, CharId)> {
        let mut v: Vec<_> = self
            .sessions
            .iter()
            .filter_map(|(&conn, s)| {
                let ch = s.playing()?;
                Some((conn, self.world.ch(ch)?.player_id(), ch))
            })
            .collect();
        v.sort_by_key(|t| t.0);
        v
    }

    /// The character a connection plays, if any.
    pub fn char_of(&self, conn: ConnId) -> Option<CharId> {
        self.sessions.get(&conn).and_then(|s| s.playing())
    }

    /// Save one player: the text is made now, the file is written by the
    /// writer thread (see `save::Writer`); a failure is logged and told.
    pub fn save_char(&mut self, ch: CharId) {
        if let Err(e) = self.queue_save(ch, true) {
            self.save_failed(ch, &e, true);
        }
    }

    /// Save one player only if something worth saving changed since the
    /// last save (autosave: idle players cost nothing).
    pub fn save_if_changed(&mut self, ch: CharId) -> bool {
        match self.queue_save(ch, false) {
            Ok(t) => t.is_some(),
            Err(e) => {
                self.save_failed(ch, &e, true);
                false
            }
        }
    }

    /// Save a player, then do `after` once the file is on disk (or say why
    /// it could not be written).
    fn save_then(&mut self, ch: CharId, after: AfterWrite) {
        match self.queue_save(ch, true) {
            Ok(Some(ticket)) => self.after_write.entry(ticket).or_default().push(after),
            // Not a player (or gone): nothing to write, nothing to wait for.
            Ok(None) => self.after_written(after, true),
            Err(e) => {
                self.save_failed(ch, &e, false);
                self.after_written(after, false);
            }
        }
    }

    /// Hand a player's file to the writer: its ticket, or `None` when there
    /// was nothing to write (not a player, or unchanged and `always` not
    /// set).
    fn queue_save(&mut self, ch: CharId, always: bool) -> Result<Option<u64>, String> {
        let Some(c) = self.world.ch(ch).filter(|c| !c.is_npc()) else {
            return Ok(None);
        };
        let id = c.player_id();
        let path = save::player_path(&self.cfg.player_dir, &c.name).map_err(|e| e.to_string())?;
        let text = save::write_player(&self.world, ch);
        let hash = save::text_hash(&text);
        if !always && self.saved.get(&id) == Some(&hash) {
            return Ok(None);
        }
        if !self.cfg.player_dir.is_dir() {
            // The write below fails too, and says so.
            if let Err(e) = std::fs::create_dir_all(&self.cfg.player_dir) {
                log::debug!("cannot create {}: {e}", self.cfg.player_dir.display());
            }
        }
        *self.writing.entry(id).or_default() += 1;
        Ok(Some(self.writer.submit(path, text, id, hash)))
    }

    /// A save of `ch` failed with `why` before it reached the writer: log
    /// it, tell the player the first time (if `tell`; else the caller
    /// does), and keep retrying until a save succeeds.
    fn save_failed(&mut self, ch: CharId, why: &str, tell: bool) {
        let Some(c) = self.world.ch(ch) else { return };
        let (id, name) = (c.player_id(), c.name.clone());
        log::error!("save failed: {name}: {why}");
        self.saved.remove(&id);
        if self.unsaved.insert(id) && tell {
            self.world.send(ch, SAVE_FAILED);
        }
    }

    /// Take note of a finished write, and do what waited for it.
    fn saved_written(&mut self, w: save::Written) {
        // A note spool (`write_spool`): only a failure is worth a word.
        if w.player_id < 0 {
            if let Err(e) = &w.result {
                log::error!("cannot write {}: {e}", w.path.display());
            }
            return;
        }
        if let Some(n) = self.writing.get_mut(&w.player_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.writing.remove(&w.player_id);
            }
        }
        let after = self.after_write.remove(&w.ticket).unwrap_or_default();
        // The character, from what waited (cheap) or by id (a scan).
        let ch = after
            .iter()
            .map(|a| match *a {
                AfterWrite::Reply(ch) | AfterWrite::Quit(ch) => ch,
            })
            .find(|&ch| {
                self.world
                    .ch(ch)
                    .is_some_and(|c| c.player_id() == w.player_id)
            })
            .or_else(|| self.world.find_player_by_id(w.player_id));
        let ok = match &w.result {
            Ok(()) => {
                self.saved.insert(w.player_id, w.hash);
                if self.unsaved.remove(&w.player_id) {
                    log::info!("save succeeded again: {}", w.path.display());
                    // A `save` answers for itself.
                    let replying = after.iter().any(|a| matches!(a, AfterWrite::Reply(_)));
                    if let (Some(ch), false) = (ch, replying) {
                        self.world.send(ch, SAVED_AGAIN);
                    }
                }
                true
            }
            Err(e) => {
                // Logged loudly once; the retries every few seconds quietly
                // (with a summary every minute, see `pulse`).
                if self.unsaved.contains(&w.player_id) {
                    log::debug!("save failed again: {}: {e}", w.path.display());
                } else {
                    log::error!("save failed: {}: {e}", w.path.display());
                }
                self.saved.remove(&w.player_id);
                // Told once; a `save` or `quit` waiting is told below.
                if let (Some(ch), true) = (ch, self.unsaved.insert(w.player_id) && after.is_empty())
                {
                    self.world.send(ch, SAVE_FAILED);
                }
                false
            }
        };
        for a in after {
            match a {
                // The state may have changed while the file was written
                // (a pulse ran): write again before the character goes.
                AfterWrite::Quit(ch)
                    if ok
                        && self.world.ch(ch).is_some_and(|_| {
                            save::text_hash(&save::write_player(&self.world, ch)) != w.hash
                        }) =>
                {
                    self.save_then(ch, a)
                }
                a => self.after_written(a, ok),
            }
        }
    }

    /// Finish what waited for a write that succeeded (`ok`) or failed.
    fn after_written(&mut self, after: AfterWrite, ok: bool) {
        match (after, ok) {
            (AfterWrite::Reply(ch), true) => {
                self.world.send(
                    ch,
                    "Saving. (Your character is also saved automatically.)\n",
                );
            }
            (AfterWrite::Reply(ch), false) => self.world.send(ch, SAVE_FAILED),
            (AfterWrite::Quit(ch), true) => self.finish_quit(ch),
            (AfterWrite::Quit(ch), false) => {
                self.quitting.remove(&ch);
                if let Some(c) = self.world.ch(ch) {
                    log::warn!("{} cannot quit: the save failed.", c.name);
                }
                self.world.send(ch, SAVE_FAILED);
                self.world.send(ch, CANNOT_QUIT);
            }
        }
    }

    /// Pick up finished writes (never waits).
    fn poll_saves(&mut self) {
        for w in self.writer.poll() {
            self.saved_written(w);
        }
    }

    /// Wait until every player file handed to the writer is on disk (and
    /// whatever those writes set off, such as a quit, is done).
    pub fn flush_saves(&mut self) {
        loop {
            let done = self.writer.flush();
            if done.is_empty() {
                break;
            }
            for w in done {
                self.saved_written(w);
            }
        }
    }

    /// Players whose last save failed and who are still in the game.
    pub fn unsaved_players(&self) -> Vec<String> {
        self.unsaved
            .iter()
            .filter_map(|&id| self.world.find_player_by_id(id))
            .filter_map(|ch| self.world.ch(ch).map(|c| c.name.clone()))
            .collect()
    }

    /// Try again to save the players whose last save failed.
    fn retry_failed_saves(&mut self) {
        let ids: Vec<i64> = self
            .unsaved
            .iter()
            .copied()
            .filter(|id| !self.writing.contains_key(id))
            .collect();
        for id in ids {
            match self.world.find_player_by_id(id) {
                Some(ch) => {
                    if let Err(e) = self.queue_save(ch, true) {
                        log::error!("save failed: {e}");
                    }
                }
                None => {
                    self.unsaved.remove(&id);
                }
            }
        }
    }

    /// Quit a player the ROM way: save, and once the file is on disk say
    /// goodbye, extract the character and close the link. If the file
    /// cannot be written the character stays, and is told why.
    pub fn quit_char(&mut self, ch: CharId) {
        if self.world.ch(ch).is_none() || !self.quitting.insert(ch) {
            return;
        }
        // No prompt (and no further input) until the answer.
        if let Some(s) = self
            .world
            .ch(ch)
            .and_then(|c| c.conn)
            .and_then(|conn| self.sessions.get_mut(&conn))
        {
            s.want_prompt = false;
        }
        self.save_then(ch, AfterWrite::Quit(ch));
    }

    /// The saved character leaves: message, extract, close the link.
    fn finish_quit(&mut self, ch: CharId) {
        self.quitting.remove(&ch);
        let Some(c) = self.world.ch(ch) else { return };
        let name = c.name.clone();
        let conn = c.conn;
        self.world
            .send(ch, "Alas, all good things must come to an end.\n");
        self.world
            .act("$n has left the game.", ch, ActArgs::default(), To::Room);
        log::info!("{name} has quit.");
        let trust = self.world.ch(ch).map_or(0, |c| c.get_trust());
        wiznet::wiznet(
            &mut self.world,
            "$N rejoins the real world.",
            Some(ch),
            None,
            wiznet::LOGINS,
            0,
            trust,
        );
        let text = self
            .world
            .ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default();
        // The pet leaves with its owner; other followers are let go.
        act_shop::nuke_pets(&mut self.world, ch);
        act_comm::die_follower(&mut self.world, ch);
        self.world.extract_char(ch);
        self.autosave_queue.retain(|&c| c != ch);
        if let Some(conn) = conn {
            if let Some(s) = self.sessions.get_mut(&conn) {
                s.out.push_str(&text);
                s.close = true;
                s.state = nanny::State::Closing;
                self.dirty.insert(conn);
            }
        }
    }

    /// Carry out what commands asked for, and pass their log lines on.
    pub fn process_requests(&mut self) {
        // A request can lead to more (quitting saves); bound the rounds.
        for _ in 0..8 {
            let requests = std::mem::take(&mut self.world.requests);
            if requests.is_empty() {
                break;
            }
            for r in requests {
                match r {
                    Request::Save(ch) => self.save_char(ch),
                    Request::WriteSpool(n) => self.write_spool(n),
                    Request::Delete(ch) => self.delete_char(ch),
                    Request::SaveCommand(ch) => {
                        if let Some(c) = self.world.ch(ch) {
                            log::info!("Saving {}.", c.name);
                            // The prompt follows the answer, once written.
                            if let Some(s) = c.conn.and_then(|conn| self.sessions.get_mut(&conn)) {
                                s.want_prompt = false;
                            }
                        }
                        self.save_then(ch, AfterWrite::Reply(ch));
                    }
                    Request::Quit(ch) => self.quit_char(ch),
                    Request::ChangePassword { ch, old, new } => self.change_password(ch, old, new),
                    Request::Rebind { conn, ch } => {
                        if let Some(s) = self.sessions.get_mut(&conn) {
                            if s.playing().is_some() {
                                s.state = nanny::State::Playing(ch);
                                s.want_prompt = true;
                                self.dirty.insert(conn);
                            }
                        }
                    }
                    Request::Disconnect(conn) => {
                        if let Some(s) = self.sessions.get_mut(&conn) {
                            s.close = true;
                            self.dirty.insert(conn);
                        }
                    }
                    Request::SaveBans => {
                        if let Err(e) = ban::save(&self.cfg.ban_file, &self.world.bans) {
                            log::error!("cannot write {}: {e}", self.cfg.ban_file.display());
                        }
                    }
                    Request::Sockets { ch, filter } => self.list_sockets(ch, &filter),
                    Request::Asave { ch, arg } => self.asave_command(ch, &arg),
                }
            }
        }
        for line in std::mem::take(&mut self.world.log) {
            log::info!("{line}");
        }
    }

    /// Hand note spool `n` to the writer thread, as player files go
    /// (atomically; a failure is logged and the spool stays in memory, to
    /// be written with the next change). Spools ride the writer under
    /// negative ids, which no player has (see `saved_written`).
    fn write_spool(&mut self, n: usize) {
        let Some(spool) = notes::SPOOLS.get(n) else {
            return;
        };
        let dir = self.cfg.note_dir();
        if let Err(e) = std::fs::create_dir_all(&dir) {
            log::error!("cannot create {}: {e}", dir.display());
            return;
        }
        let text = notes::write_spool(&self.world.notes[n]);
        let id = -1 - n as i64;
        self.writer.submit(dir.join(spool.file), text, id, 0);
    }

    /// `delete` confirmed: the player file goes, then the character, as a
    /// quit does (without saving).
    fn delete_char(&mut self, ch: CharId) {
        let Some(c) = self.world.ch(ch).filter(|c| !c.is_npc()) else {
            return;
        };
        let (id, name) = (c.player_id(), c.name.clone());
        // A write still on its way would bring the file back.
        if self.writing.contains_key(&id) {
            self.flush_saves();
        }
        if self.world.ch(ch).is_none() {
            return;
        }
        let removed = save::player_path(&self.cfg.player_dir, &name)
            .map_err(|e| e.to_string())
            .and_then(|path| {
                let spare = save::spare_path(&path);
                for p in [&path, &spare] {
                    match std::fs::remove_file(p) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(format!("{}: {e}", p.display())),
                    }
                }
                save::sync_dir_of(&path).map_err(|e| e.to_string())
            });
        if let Err(e) = removed {
            log::error!("cannot delete {name}: {e}");
            self.world.send(
                ch,
                "Your character could not be deleted; try again later.\n",
            );
            return;
        }
        log::info!("{name} has deleted their character.");
        self.saved.remove(&id);
        self.unsaved.remove(&id);
        self.finish_quit(ch);
    }

    /// `sockets`: every connection, who plays it, and from where.
    fn list_sockets(&mut self, ch: CharId, filter: &str) {
        let mut conns: Vec<(&ConnId, &Session)> = self.sessions.iter().collect();
        conns.sort_by_key(|(c, _)| **c);
        let mut out = String::new();
        let mut count = 0;
        for (conn, s) in conns {
            let who = s.playing().and_then(|p| {
                let c = self.world.ch(p)?;
                let body = c.original.and_then(|o| self.world.ch(o)).unwrap_or(c);
                Some((p, body.name.clone()))
            });
            if let Some((p, _)) = who {
                if !self.world.can_see(ch, p) {
                    continue;
                }
            }
            let name = who.map_or("(none)".to_string(), |(_, n)| n);
            if !filter.is_empty()
                && !name.to_lowercase().contains(&filter.to_lowercase())
                && !s.addr.contains(filter)
            {
                continue;
            }
            count += 1;
            let state = if s.playing().is_some() {
                "playing"
            } else {
                "login"
            };
            out.push_str(&format!(
                "[{:3} {:>7}] {}@{}\n",
                conn.0, state, name, s.addr
            ));
        }
        if count == 0 && !filter.is_empty() {
            self.world.send(ch, "No one by that name is connected.\n");
            return;
        }
        out.push_str(&format!(
            "{count} user{}\n",
            if count == 1 { "" } else { "s" }
        ));
        self.world.send(ch, &out);
    }

    fn change_password(&mut self, ch: CharId, old: String, new: String) {
        let Some(c) = self.world.ch(ch) else { return };
        let hash =
            c.pc.as_ref()
                .map(|p| p.password_hash.clone())
                .unwrap_or_default();
        let Some(conn) = c.conn else { return };
        let Some(s) = self.sessions.get_mut(&conn) else {
            return;
        };
        s.job(
            HashJob::Verify {
                password: old,
                hash,
            },
            JobPurpose::ChangeVerify { ch, new },
        );
        self.dirty.insert(conn);
    }

    fn playing_hash_done(&mut self, conn: ConnId, purpose: JobPurpose, result: HashResult) {
        match (purpose, result) {
            (JobPurpose::ChangeVerify { ch, new }, HashResult::Verified(true)) => {
                if let Some(s) = self.sessions.get_mut(&conn) {
                    s.job(
                        HashJob::Hash { password: new },
                        JobPurpose::ChangeHash { ch },
                    );
                }
            }
            (JobPurpose::ChangeVerify { ch, .. }, _) => {
                if let Some(c) = self.world.ch_mut(ch) {
                    c.wait = c.wait.max(40);
                }
                self.world.send(ch, "Wrong password.  Wait 10 seconds.\n");
            }
            (JobPurpose::ChangeHash { ch }, HashResult::Hashed(Ok(hash))) => {
                if let Some(pc) = self.world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
                    pc.password_hash = hash;
                }
                // Twice: the first save leaves the old file (with the old
                // hash) behind as the spare `Name.old`; the second replaces
                // that too, so no copy of the old hash stays on disk.
                self.save_char(ch);
                self.save_char(ch);
                self.world.send(ch, "Ok.\n");
            }
            (JobPurpose::ChangeHash { ch }, _) => {
                log::error!("password hashing failed");
                self.world
                    .send(ch, "Your password could not be changed; try again later.\n");
            }
            _ => {}
        }
    }

    /// Run one line for a playing character.
    fn play_line(&mut self, ch: CharId, line: &str) {
        if let Some(c) = self.world.ch_mut(ch) {
            c.timer = 0;
        }
        if self.cfg.failpoint.as_deref() == Some("command-panic") && line.trim() == "failpoint" {
            panic!("failpoint command-panic");
        }
        update::return_from_void(&mut self.world, ch);
        // Snoopers see the line typed, marked as its output is.
        if let Some(by) = self.world.ch(ch).and_then(|c| c.snoop_by) {
            self.world.send(by, &format!("% {line}\n"));
        }
        // A builder's text or editor takes the line first (ROM's
        // run_olc_editor, before aliases).
        if olc::olc_line(&mut self.world, ch, line) {
            self.process_requests();
            return;
        }
        let line = act_wiz::with_prefix(&self.world, ch, line);
        let line = act_prefs::substitute_alias(&mut self.world, ch, &line);
        interp::interpret(&mut self.world, ch, &line);
        self.channel_gmcp();
        self.process_requests();
    }

    /// Queue `Comm.Channel.Text` for every channel line heard since the
    /// last call (the channel code records them: `World::act_channel`).
    fn channel_gmcp(&mut self) {
        for ev in std::mem::take(&mut self.world.channel_events) {
            let Some(conn) = self.world.ch(ev.listener).and_then(|c| c.conn) else {
                continue;
            };
            let talker = self.world.ch(ev.talker).map_or("", |c| c.name.as_str());
            let text = crate::net::color::render(&ev.text, false);
            let json = gmcp::channel_text(ev.channel, talker, &text);
            if let Some(s) = self.sessions.get_mut(&conn) {
                s.gmcp.push("Comm.Channel.Text", json);
                self.dirty.insert(conn);
            }
        }
    }

    /// Queue the GMCP messages whose content changed, for the given
    /// playing connections (all of them when `None`) whose client agreed to
    /// GMCP. Per loop turn only connections with something happening are
    /// looked at; every pulse looks at all (regeneration, the clock).
    fn gmcp_refresh(&mut self, only: Option<&BTreeSet<ConnId>>) {
        let conns: Vec<ConnId> = match only {
            Some(o) => o.iter().copied().collect(),
            None => self.sessions.keys().copied().collect(),
        };
        for conn in conns {
            if !self.world.clients.get(&conn).is_some_and(|i| i.gmcp) {
                continue;
            }
            let Some(s) = self.sessions.get_mut(&conn) else {
                continue;
            };
            let Some(ch) = s.playing() else { continue };
            if s.gmcp.update(&self.world, ch) {
                self.dirty.insert(conn);
            }
        }
    }

    /// Idle players: into the void after a while, out of the game later.
    fn idle_check(&mut self) {
        let players = self.world.players.clone();
        for ch in players {
            let Some(c) = self.world.ch(ch) else { continue };
            if c.get_trust() >= LEVEL_IMMORTAL {
                continue;
            }
            if c.timer > IDLE_QUIT_TICKS {
                self.quit_char(ch);
            } else if c.timer >= IDLE_VOID_TICKS
                && c.room.is_some()
                && c.room != Some(ROOM_VNUM_LIMBO)
            {
                update::send_to_void(&mut self.world, ch);
                if self.world.ch(ch).is_some_and(|c| c.level > 1) {
                    self.save_char(ch);
                }
            }
        }
    }

    fn autosave_step(&mut self) {
        if self.world.pulse.is_multiple_of(AUTOSAVE_PULSES) && self.autosave_queue.is_empty() {
            self.autosave_queue
                .extend(self.world.players.iter().copied());
            self.autosave_round = (self.autosave_queue.len(), 0);
        }
        if self.autosave_queue.is_empty() {
            return;
        }
        for _ in 0..AUTOSAVE_PER_PULSE {
            let Some(ch) = self.autosave_queue.pop_front() else {
                break;
            };
            if self.world.ch(ch).is_some() && self.save_if_changed(ch) {
                self.autosave_round.1 += 1;
            }
        }
        if self.autosave_queue.is_empty() {
            let (players, written) = self.autosave_round;
            log::info!("Autosave: {written} of {players} players saved, the rest unchanged.");
        }
    }

    /// Start the login clock of a connection (at connect, or when a
    /// copyover puts it back at the name prompt).
    pub(crate) fn watch_login(&mut self, conn: ConnId) {
        let at = self.world.pulse + self.cfg.login_idle_pulses.min(self.cfg.login_total_pulses);
        self.login_deadlines.push(Reverse((at, conn)));
    }

    /// Close connections whose login timed out: at most
    /// [`MAX_LOGIN_TIMEOUTS_PER_PULSE`] a pulse, so a crowd of idle
    /// connections timing out together is spread over several pulses
    /// instead of stalling one. Each check is O(log n) in the connections
    /// still logging in; nothing walks the whole table.
    fn login_timeouts(&mut self) {
        let now = self.world.pulse;
        let mut closed = 0;
        while closed < MAX_LOGIN_TIMEOUTS_PER_PULSE {
            let Some(&Reverse((at, conn))) = self.login_deadlines.peek() else {
                break;
            };
            if at > now {
                break;
            }
            self.login_deadlines.pop();
            let Some(s) = self.sessions.get_mut(&conn) else {
                continue;
            };
            if matches!(s.state, nanny::State::Playing(_) | nanny::State::Closing) {
                continue;
            }
            let idle_at = s.line_at + self.cfg.login_idle_pulses;
            let total_at = s.opened_at + self.cfg.login_total_pulses;
            let due = idle_at.min(total_at);
            // A password being checked is the server's time, not theirs.
            if due > now || !s.purposes.is_empty() {
                let next = if due > now { due } else { now + 1 };
                self.login_deadlines.push(Reverse((next, conn)));
                continue;
            }
            log::info!(
                "login timeout: {} ({})",
                s.peer,
                if total_at <= now { "too long" } else { "idle" }
            );
            s.send("\nIdle timeout: the login was not finished in time. Goodbye.\n");
            s.close = true;
            s.state = nanny::State::Closing;
            self.dirty.insert(conn);
            closed += 1;
        }
    }

    /// The throttle's clock, in milliseconds.
    pub(crate) fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis())
            .unwrap_or(u64::MAX)
            .saturating_add(self.skew_ms)
    }

    /// Hand the waiting password jobs the throttle now lets go to the
    /// worker: those from addresses with fewer recent failures first, then
    /// oldest first. The others keep their place.
    fn release_gated(&mut self) {
        let now = self.now_ms();
        let mut queue: Vec<(u32, ConnId)> = self
            .gate_queue
            .drain(..)
            .filter_map(|conn| {
                let s = self.sessions.get(&conn).filter(|s| s.gate.is_some())?;
                Some((self.throttle.addr_failures(&s.addr, now), conn))
            })
            .collect();
        // Stable: equal counts keep their order of arrival.
        queue.sort_by_key(|&(failures, _)| failures);
        for (_, conn) in queue {
            let Some(s) = self.sessions.get_mut(&conn) else {
                continue;
            };
            let Some(account) = s.gate.as_ref().map(|g| g.account.clone()) else {
                continue;
            };
            if !self.throttle.may_start(&s.addr, account.as_deref(), now) {
                self.gate_queue.push_back(conn);
                continue;
            }
            let Some(g) = s.gate.take() else { continue };
            let stranger = self.throttle.start(&s.addr, account.as_deref());
            s.slot = Some(Slot { account, stranger });
            s.job(g.job, g.purpose);
            self.dirty.insert(conn);
        }
    }

    /// A session's gated job is done (or abandoned): give its counts back.
    fn release_slot(&mut self, conn: ConnId) {
        if let Some(s) = self.sessions.get_mut(&conn) {
            if let Some(slot) = s.slot.take() {
                self.throttle
                    .finish(&s.addr, slot.account.as_deref(), slot.stranger);
            }
        }
    }

    pub(crate) fn session_mut(&mut self, conn: ConnId) -> Option<&mut Session> {
        self.sessions.get_mut(&conn)
    }

    pub(crate) fn mark_dirty(&mut self, conn: ConnId) {
        self.dirty.insert(conn);
    }

    /// Connections (other than `except`) whose session plays `ch`.
    pub(crate) fn conns_playing(&self, ch: CharId, except: ConnId) -> Vec<ConnId> {
        self.sessions
            .iter()
            .filter(|(&c, s)| c != except && s.playing() == Some(ch))
            .map(|(&c, _)| c)
            .collect()
    }
}

impl Engine for Game {
    fn connected(&mut self, conn: ConnId, peer: &str) {
        let mut s = Session::new(peer, self.world.pulse);
        if ban::check_ban(&self.world.bans, &s.addr, ban::BanKind::All) {
            log::info!("Refused {peer}: the site is banned.");
            s.send("Your site has been banned from this mud.\n");
            s.close = true;
            s.state = nanny::State::Closing;
            self.sessions.insert(conn, s);
            self.dirty.insert(conn);
            return;
        }
        nanny::greet(&self.world, &mut s);
        self.sessions.insert(conn, s);
        self.watch_login(conn);
        self.dirty.insert(conn);
        log::info!("Sock.sinaddr: {peer} (connection {})", conn.0);
    }

    fn input(&mut self, conn: ConnId, line: &str) {
        let Some(s) = self.sessions.get_mut(&conn) else {
            return;
        };
        s.want_prompt = true;
        s.line_at = self.world.pulse;
        self.dirty.insert(conn);
        match s.state {
            nanny::State::Playing(ch) => {
                if self.world.ch(ch).is_none() {
                    s.close = true;
                    s.state = nanny::State::Closing;
                    return;
                }
                // A page is waiting: this line answers the pager.
                if let Some(p) = s.pager.as_mut() {
                    let (text, more) = p.input(line);
                    s.out.push_str(&text);
                    s.pager_answered = true;
                    s.want_prompt = !more;
                    if !more {
                        s.pager = None;
                    }
                    return;
                }
                // A bug in one command stops that command, not the game.
                let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    self.play_line(ch, line)
                }));
                if let Err(p) = ran {
                    let name = self.world.ch(ch).map_or("?", |c| c.name.as_str());
                    log::error!(
                        "a command panicked and was stopped: {name} typed {line:?}: {}",
                        panic_text(p.as_ref())
                    );
                    self.world.send(ch, COMMAND_FAILED);
                    mob_prog::recover(&mut self.world);
                }
            }
            nanny::State::Closing => {}
            _ => {
                if let Some(mut s) = self.sessions.remove(&conn) {
                    let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        nanny::input(self, conn, &mut s, line)
                    }));
                    if let Err(p) = ran {
                        log::error!(
                            "the login dialogue panicked for {}: {}",
                            s.peer,
                            panic_text(p.as_ref())
                        );
                        s.send("Something went wrong; let us start again.\n");
                        s.state = nanny::State::GetName;
                        s.echo = Some(true);
                        s.send(nanny::NAME_PROMPT);
                    }
                    let gated = s.gate.is_some();
                    self.sessions.insert(conn, s);
                    if gated {
                        self.gate_queue.push_back(conn);
                        self.release_gated();
                    }
                }
            }
        }
    }

    fn in_game(&self, conn: ConnId) -> bool {
        self.sessions
            .get(&conn)
            .is_some_and(|s| s.playing().is_some())
    }

    fn ready(&self, conn: ConnId) -> bool {
        let Some(s) = self.sessions.get(&conn) else {
            return true;
        };
        if !s.purposes.is_empty() || s.gate.is_some() {
            return false;
        }
        match s.playing() {
            Some(ch) => {
                !self.quitting.contains(&ch) && self.world.ch(ch).is_none_or(|c| c.wait <= 0)
            }
            None => true,
        }
    }

    fn hash_done(&mut self, conn: ConnId, result: HashResult) {
        let Some(s) = self.sessions.get_mut(&conn) else {
            return;
        };
        let Some(purpose) = s.purposes.pop_front() else {
            return;
        };
        self.dirty.insert(conn);
        match purpose {
            JobPurpose::LoginVerify | JobPurpose::NewCharHash => {
                self.release_slot(conn);
                if let Some(mut s) = self.sessions.remove(&conn) {
                    nanny::hash_done(self, conn, &mut s, purpose, result);
                    self.sessions.insert(conn, s);
                }
                self.release_gated();
            }
            other => self.playing_hash_done(conn, other, result),
        }
        self.process_requests();
    }

    fn disconnected(&mut self, conn: ConnId) {
        self.dirty.remove(&conn);
        self.world.clients.remove(&conn);
        // A password job running for it is abandoned (the net layer drops it
        // from the queue): its place goes to the next one waiting.
        if self.sessions.get(&conn).is_some_and(|s| s.slot.is_some()) {
            self.release_slot(conn);
            self.release_gated();
        }
        let Some(s) = self.sessions.remove(&conn) else {
            return;
        };
        if s.gate.is_some() {
            self.gate_queue.retain(|&c| c != conn);
        }
        let Some(mut ch) = s.playing() else { return };
        // A switched immortal's link drops from their own body.
        if self
            .world
            .ch(ch)
            .is_some_and(|c| c.original.is_some() && c.conn == Some(conn))
        {
            if let Some(body) = self.world.return_to_body(ch) {
                ch = body;
            }
        }
        let Some(c) = self.world.ch(ch) else { return };
        if c.conn != Some(conn) {
            return;
        }
        // A lost link ends the snooping it did, and the snooping of it.
        for (_, other) in self.world.chars.iter_mut() {
            if other.snoop_by == Some(ch) {
                other.snoop_by = None;
            }
        }
        let Some(c) = self.world.ch_mut(ch) else {
            return;
        };
        c.snoop_by = None;
        let name = c.name.clone();
        wiznet::wiznet(
            &mut self.world,
            "Net death has claimed $N.",
            Some(ch),
            None,
            wiznet::LINKS,
            0,
            0,
        );
        self.world
            .act("$n has lost $s link.", ch, ActArgs::default(), To::Room);
        if let Some(c) = self.world.ch_mut(ch) {
            c.conn = None;
            c.output.clear();
        }
        log::info!("Closing link to {name}.");
        self.save_char(ch);
    }

    fn pulse(&mut self) {
        self.poll_saves();
        let failpoint = self.cfg.failpoint.as_deref() == Some("update-panic");
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let round = update::pulse(&mut self.world);
            if failpoint
                && self
                    .world
                    .pulse
                    .is_multiple_of(update::PULSE_PER_SECOND * 2)
            {
                panic!("failpoint update-panic");
            }
            round
        }));
        if let Ok(Some(round)) = ran {
            note_violence(&mut self.violence, self.world.pulse, round);
        }
        if let Err(p) = ran {
            // The rest of this pulse's updates are skipped; the next pulse
            // starts afresh. Nobody is disconnected.
            log::error!(
                "an update panicked at pulse {} and was stopped: {}",
                self.world.pulse,
                panic_text(p.as_ref())
            );
            mob_prog::recover(&mut self.world);
        }
        if self.world.pulse.is_multiple_of(SAVE_RETRY_PULSES) && !self.unsaved.is_empty() {
            self.retry_failed_saves();
        }
        if !self.gate_queue.is_empty() {
            self.release_gated();
        }
        if self.world.pulse.is_multiple_of(THROTTLE_PRUNE_PULSES) {
            let now = self.now_ms();
            self.throttle.prune(now);
            if !self.unsaved.is_empty() {
                log::error!(
                    "save still failing for: {}",
                    self.unsaved_players().join(" ")
                );
            }
        }
        if self.world.pulse.is_multiple_of(update::PULSE_TICK) {
            self.idle_check();
        }
        self.channel_gmcp();
        self.login_timeouts();
        self.autosave_step();
        self.process_requests();
        self.gmcp_refresh(None);
    }

    fn pending(&mut self) -> Vec<ConnId> {
        let mut v: BTreeSet<ConnId> = std::mem::take(&mut self.dirty);
        v.extend(self.world.output_pending.drain(..));
        self.gmcp_refresh(Some(&v));
        v.append(&mut self.dirty);
        // Keep them marked until their output is taken.
        self.dirty = v.clone();
        v.into_iter().collect()
    }

    fn take_output(&mut self, conn: ConnId) -> Outbound {
        self.dirty.remove(&conn);
        let Some(s) = self.sessions.get_mut(&conn) else {
            return Outbound::default();
        };
        let mut out = Outbound {
            text: std::mem::take(&mut s.out),
            prompt: None,
            echo: s.echo.take(),
            close: s.close,
            hash_jobs: std::mem::take(&mut s.jobs),
            ..Default::default()
        };
        let want_prompt = std::mem::take(&mut s.want_prompt);
        let answered = std::mem::take(&mut s.pager_answered);
        out.gmcp = s.gmcp.take();
        if let Some(ch) = s.playing() {
            out.prefs = Some(act_config::prefs_of(&self.world, ch));
            let mut lines = 0;
            if let Some(c) = self.world.ch_mut(ch) {
                if out.text.is_empty() {
                    // Most often: no copy of a long text.
                    out.text = std::mem::take(&mut c.output);
                } else {
                    out.text.push_str(&std::mem::take(&mut c.output));
                }
                out.compact = c.comm & comm::COMPACT != 0;
                lines = c.pc.as_ref().map_or(0, |p| p.lines.max(0) as usize);
            }
            // A command's long answer goes a page at a time.
            if want_prompt && !answered && s.pager.is_none() && lines > 0 {
                if let Some(p) = pager::Pager::new(&out.text, lines) {
                    out.text = p.current();
                    s.pager = Some(p);
                }
            }
            if s.pager.is_some() {
                // The continue line stands where the prompt would.
            } else if !out.close && (want_prompt || !out.text.is_empty()) {
                if let Some(c) = self.world.ch(ch) {
                    // The net loop puts the blank line before the prompt.
                    if c.comm & comm::PROMPT != 0 {
                        out.prompt = Some(bust_a_prompt(&self.world, ch));
                    }
                }
            }
        }
        out
    }

    fn save_all(&mut self) {
        let players = self.world.players.clone();
        for &ch in &players {
            self.save_char(ch);
        }
        self.flush_saves();
        let unsaved = self.unsaved_players();
        if unsaved.is_empty() {
            log::info!("Saved {} players.", players.len());
        } else {
            log::error!(
                "Saved {} of {} players; could NOT save: {}",
                players.len() - unsaved.len().min(players.len()),
                players.len(),
                unsaved.join(" ")
            );
        }
    }

    fn set_wake(&mut self, wake: crate::engine::Wake) {
        self.writer.set_wake(wake);
    }

    fn background(&mut self) {
        self.poll_saves();
    }

    fn wants_shutdown(&self) -> bool {
        self.world.shutdown_requested
    }
    fn wants_copyover(&self) -> bool {
        self.world.copyover_requested.is_some()
    }

    fn client_info(&mut self, conn: ConnId, info: &crate::engine::ClientInfo) {
        let gmcp_was = self.world.clients.get(&conn).is_some_and(|i| i.gmcp);
        if info.gmcp && !gmcp_was {
            // A client that just agreed to GMCP gets everything afresh.
            if let Some(s) = self.sessions.get_mut(&conn) {
                s.gmcp.reset();
            }
            self.dirty.insert(conn);
        }
        self.world.clients.insert(conn, info.clone());
    }

    fn mssp(&self) -> Vec<(String, String)> {
        gmcp::mssp_vars(&self.world)
    }
}

/// ROM's game clock from the real one (rom-mechanics 13.1).
/// Read every note spool from `dir` (missing files are empty spools).
fn load_spools(world: &mut World, dir: &std::path::Path) {
    for (n, spool) in notes::SPOOLS.iter().enumerate() {
        let path = dir.join(spool.file);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (list, errors) = notes::read_spool(&text);
                for e in errors {
                    log::warn!("{}: {e}", path.display());
                }
                world.notes[n] = list;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => log::error!("cannot read {}: {e}", path.display()),
        }
    }
}

fn set_clock_from_real_time(world: &mut World, now: i64) {
    let hours = (now - 650_336_715).max(0) / 60;
    world.hour = (hours % 24) as i32;
    world.day = ((hours / 24) % 35) as i32;
    world.month = ((hours / 24 / 35) % 17) as i32;
    world.year = (hours / 24 / 35 / 17) as i32;
}

/// The default prompt of a new player.
pub const DEFAULT_PROMPT: &str = "<%hhp %mm %vmv> ";

/// Expand a character's prompt (ROM's `bust_a_prompt`): `%h %H %m %M %v %V`
/// hit/mana/move, `%x` experience, `%X` to the next level, `%g` gold, `%s`
/// silver, `%a` alignment, `%r` room name, `%R` room vnum (immortals), `%z`
/// area (immortals), `%e` exits, `%o` the OLC editor and `%O` what it
/// edits, `%c` newline, `%%` a percent sign.
pub fn bust_a_prompt(world: &World, ch: CharId) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let fmt = match c.pc.as_ref().map(|p| p.prompt.as_str()) {
        Some(p) if !p.is_empty() => p,
        _ => DEFAULT_PROMPT,
    };
    let mut out = String::new();
    if c.comm & comm::AFK != 0 {
        out.push_str("{p<AFK>{x ");
    }
    // A builder in an editor sees which and what (unless the prompt
    // places it itself with %o/%O).
    if !fmt.contains("%o") && !fmt.contains("%O") {
        if let Some(tag) = olc::prompt_tag(world, ch) {
            out.push_str(&tag);
        }
    }
    let mut it = fmt.chars();
    while let Some(x) = it.next() {
        if x != '%' {
            out.push(x);
            continue;
        }
        let Some(code) = it.next() else { break };
        let imm = c.is_immortal();
        let room = c.room.and_then(|r| world.room(r));
        let piece = match code {
            'h' => c.hit.to_string(),
            'H' => c.max_hit.to_string(),
            'm' => c.mana.to_string(),
            'M' => c.max_mana.to_string(),
            'v' => c.mv.to_string(),
            'V' => c.max_mv.to_string(),
            'x' => c.exp.to_string(),
            'X' => {
                if c.is_npc() {
                    String::new()
                } else {
                    let per = crate::world::rules::exp_per_level(c);
                    ((c.level as i64 + 1) * per - c.exp).max(0).to_string()
                }
            }
            'g' => c.gold.to_string(),
            's' => c.silver.to_string(),
            'a' => {
                let a = c.alignment;
                if a > 900 {
                    "angelic"
                } else if a > 700 {
                    "saintly"
                } else if a > 350 {
                    "good"
                } else if a > 100 {
                    "kind"
                } else if a > -100 {
                    "neutral"
                } else if a > -350 {
                    "mean"
                } else if a > -700 {
                    "evil"
                } else if a > -900 {
                    "demonic"
                } else {
                    "satanic"
                }
                .to_string()
            }
            'r' => match (room, c.room) {
                (Some(r), Some(v)) if !world.room_is_dark(v) || imm => r.name.clone(),
                (Some(_), _) => "darkness".to_string(),
                _ => " ".to_string(),
            },
            'R' if imm => c.room.map_or(" ".to_string(), |v| v.0.to_string()),
            'z' if imm => room
                .and_then(|r| world.areas.get(r.area.0))
                .map_or(" ".to_string(), |a| a.proto.name.clone()),
            'e' => prompt_exits(world, c.room),
            'o' => olc::editor_of(world, ch).map_or(String::new(), |e| e.name().to_string()),
            'O' => olc::editor_of(world, ch).map_or(String::new(), |e| e.label(world)),
            'c' => "\n".to_string(),
            '%' => "%".to_string(),
            _ => " ".to_string(),
        };
        out.push_str(&piece);
    }
    out
}

fn prompt_exits(world: &World, room: Option<RoomVnum>) -> String {
    const LETTERS: [&str; 6] = ["N", "E", "S", "W", "U", "D"];
    let Some(r) = room.and_then(|r| world.room(r)) else {
        return "none".to_string();
    };
    let mut s = String::new();
    for (d, e) in r.exits.iter().enumerate() {
        if let Some(e) = e {
            if e.to().is_some_and(|t| world.rooms.contains_key(&t)) && !e.is_closed() {
                s.push_str(LETTERS[d]);
            }
        }
    }
    debug_assert_eq!(DIR_NAMES.len(), LETTERS.len());
    if s.is_empty() {
        "none".to_string()
    } else {
        s
    }
}
