//! The game's side of a copyover: what the old image hands over and how the
//! new image takes the game back up.
//!
//! Before the exec: players are told to remain seated, every player (link-dead
//! ones too) whose state changed is saved to their file, and
//! [`Game::copyover_state`] writes the game's section of `copyover.state`:
//!
//! ```text
//! #GAME 1
//! Started <unix ms of the request>
//! By <player id of the immortal, 0 for a signal>
//! NextId <next new player id>
//! FirstOpen <1 while no character exists: the next one becomes implementor>
//! Conn <fd> playing <player id> <Name>     one per connection that plays
//! Conn <fd> login                          one per connection still logging in
//! Linkdead <player id> <Name>
//! Players <id> <id> ...                    everyone in `who` (login) order
//! Lag <player id> <wait> <daze>            a player's command lag, when any
//! TempBan <pattern> <level> <type>         a `ban` for this boot (not `permban`)
//! Locks <newlock 0|1> <log all 0|1>
//!                                          (a switched immortal's connection is
//!                                          listed as playing their own body; the
//!                                          snapshot's `Link original` and `Link
//!                                          snoop` lines carry switches and snoops)
//! #WORLD 1 ... #ENDWORLD                   the world snapshot (world::snapshot)
//! #ENDGAME
//! ```
//!
//! After the exec, [`Game::recover`] reloads players by id (their names
//! travel in the state so no directory scan is needed), restores the
//! world's moving parts, puts connections still logging in back at the name
//! prompt, and only when everyone is back shows each player their room and
//! "Your body rematerializes.". Every connection state is decided here
//! explicitly: only a connection that was *playing* comes back playing, so a
//! copyover can never carry anyone past the password prompt.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::os::fd::RawFd;

use super::*;
use crate::world::snapshot;
use crate::world::CopyoverRequest;

pub const GAME_HEADER: &str = "#GAME 1";
pub const GAME_END: &str = "#ENDGAME";

/// What players see when the game comes back.
pub const REMATERIALIZE: &str = "Your body rematerializes.\n";

/// One connection the old image handed over, as the new image sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adopted {
    /// The connection in the new image.
    pub conn: ConnId,
    /// The fd it had (the key into the state file).
    pub fd: RawFd,
    /// The player id from `copyover.dat` (0: not playing).
    pub player_id: i64,
}

/// What recovery did, for the log.
#[derive(Clone, Debug, Default)]
pub struct Recovered {
    pub players: usize,
    pub linkdead: usize,
    pub logging_in: usize,
    /// When the copyover was asked for (unix ms), to time the whole thing.
    pub started_ms: i64,
    /// Things that could not be restored (prototypes gone, files unreadable).
    pub notes: Vec<String>,
    /// Milliseconds spent reloading players, restoring the world, and
    /// showing everyone their room.
    pub players_ms: f64,
    pub world_ms: f64,
    pub show_ms: f64,
}

impl Game {
    /// Take the copyover a command asked for, if any.
    pub fn take_copyover_request(&mut self) -> Option<CopyoverRequest> {
        self.world.copyover_requested.take()
    }

    /// Tell whoever asked (and the log) something about their copyover.
    pub fn copyover_tell(&mut self, by: Option<CharId>, text: &str) {
        for line in text.lines() {
            log::warn!("copyover: {line}");
        }
        if let Some(ch) = by {
            self.world.send(ch, text);
            if let Some(conn) = self.world.ch(ch).and_then(|c| c.conn) {
                self.dirty.insert(conn);
            }
        }
    }

    /// Warn everyone playing that the world is about to be rebuilt.
    pub fn copyover_announce(&mut self, req: &CopyoverRequest) {
        let mut msg = String::from("\nThe world holds its breath: a graceful reboot is under way");
        if !req.reason.trim().is_empty() {
            let _ = write!(msg, " ({})", req.reason.trim());
        }
        msg.push_str(". Please remain seated...\n");
        for (conn, _, ch) in self.playing() {
            self.world.send(ch, &msg);
            self.dirty.insert(conn);
        }
    }

    /// Save every player in the game whose state changed, playing or
    /// link-dead, atomically: each text goes into the player's spare file,
    /// then each spare is swapped with its player file (one `renameat2`
    /// exchange). Nothing is synced here: the page cache survives the
    /// `execv`, so the new image reads what was written, and it has the
    /// files synced on a thread right after recovery
    /// ([`Game::sync_player_files_later`]). A failure before the swaps
    /// leaves every player file whole.
    ///
    /// What this costs in durability: a *process* crash (`kill -9`, a
    /// panic, a failed exec) at any point leaves every player file complete,
    /// old or new, because each name only ever moves from one whole file
    /// to another. A *machine* crash (power loss, kernel panic) in the
    /// interval between the save and the end of the new image's sync
    /// (tens of milliseconds, or the file system's own write-back, 5 s on
    /// ext4, if that comes first) can lose that copyover's saves; a player
    /// file may then come back as the save before last or torn between the
    /// two, since its new text overwrote the spare in place before the
    /// names were swapped (only the swap is journaled). The reader refuses
    /// a file without `#END` or that does not parse. Before this change one
    /// `syncfs` on the critical path cost 40–120 ms at 1,000 players. See
    /// the README's "Durability".
    pub fn save_everyone(&mut self) -> Result<(), String> {
        // No writer may be mid-save at the exec, nor race the batch below.
        self.flush_saves();
        let dir = self.cfg.player_dir.clone();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // Phase 1: each changed player's text into its spare file (see
        // `save::replace_player_file`); nothing the game reads changes yet.
        let mut staged = Vec::with_capacity(self.world.players.len());
        for &ch in &self.world.players {
            let Some(c) = self.world.ch(ch) else { continue };
            let text = save::write_player(&self.world, ch);
            let hash = save::text_hash(&text);
            if self.saved.get(&c.player_id()) == Some(&hash) {
                continue; // the file already says all this
            }
            let path = save::player_path(&dir, &c.name).map_err(|e| e.to_string())?;
            let spare = save::spare_path(&path);
            save::write_spare(&spare, text.as_bytes(), false)
                .map_err(|e| format!("{}: {e}", spare.display()))?;
            staged.push((spare, path, c.player_id(), hash));
        }
        log::info!(
            "copyover: saving {} changed players ({} unchanged)",
            staged.len(),
            self.world.players.len().saturating_sub(staged.len())
        );
        // Phase 2: each spare becomes the player file in one atomic
        // exchange.
        for (spare, path, _, _) in &staged {
            save::exchange_or_rename(spare, path)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        for (_, _, id, hash) in staged {
            self.saved.insert(id, hash);
        }
        Ok(())
    }

    /// Have the player files made durable on a thread (after a copyover
    /// saved them without syncing; see [`Game::save_everyone`]).
    pub fn sync_player_files_later(&mut self) {
        let dir = self.cfg.player_dir.clone();
        if dir.is_dir() {
            self.writer.sync_later(&dir);
        }
    }

    /// The player id each connection plays under (0: not playing), for
    /// `copyover.dat`.
    pub fn copyover_player_id(&self, conn: ConnId) -> i64 {
        self.char_of(conn)
            .map(|ch| self.body_of(ch))
            .and_then(|ch| self.world.ch(ch))
            .map_or(crate::copyover::files::NOT_PLAYING, |c| c.player_id())
    }

    /// The player behind a character: a switched immortal's own body for
    /// the mobile they drive, else the character itself.
    fn body_of(&self, ch: CharId) -> CharId {
        self.world
            .ch(ch)
            .and_then(|c| c.original)
            .filter(|&b| self.world.ch(b).is_some())
            .unwrap_or(ch)
    }

    /// May this unread line (or partly typed line) of `conn` be written
    /// into the state file? Only a playing connection's, and never one
    /// that runs a secret command (`password old new` typed while lagged):
    /// the state file is no place for passwords. Connections still logging
    /// in start again at the name prompt, so nothing of theirs is kept.
    pub fn may_carry_input(&self, conn: ConnId, line: &str) -> bool {
        let Some(c) = self.char_of(conn).and_then(|ch| self.world.ch(ch)) else {
            return false;
        };
        !super::interp::is_secret(line, c.get_trust())
    }

    /// The game's section of `copyover.state` (see the module docs).
    pub fn copyover_state(
        &self,
        conns: &[(ConnId, RawFd)],
        started_ms: i64,
        by: Option<CharId>,
    ) -> String {
        let mut out = String::with_capacity(64 * 1024);
        out.push_str(GAME_HEADER);
        out.push('\n');
        let by_id = by
            .map(|c| self.body_of(c))
            .and_then(|c| self.world.ch(c))
            .map_or(0, |c| c.player_id());
        let _ = writeln!(
            out,
            "Started {started_ms}\nBy {by_id}\nNextId {}\nFirstOpen {}",
            self.next_player_id,
            u8::from(self.first_player_open)
        );
        let mut on_line = std::collections::HashSet::new();
        for &(conn, fd) in conns {
            match self
                .char_of(conn)
                .map(|ch| self.body_of(ch))
                .and_then(|ch| self.world.ch(ch).map(|c| (ch, c)))
            {
                Some((ch, c)) => {
                    on_line.insert(ch);
                    let _ = writeln!(out, "Conn {fd} playing {} {}", c.player_id(), c.name);
                }
                None => {
                    let _ = writeln!(out, "Conn {fd} login");
                }
            }
        }
        for &ch in &self.world.players {
            if on_line.contains(&ch) {
                continue;
            }
            if let Some(c) = self.world.ch(ch) {
                let _ = writeln!(out, "Linkdead {} {}", c.player_id(), c.name);
            }
        }
        // The order of `who` (login order) survives too.
        let order: Vec<String> = self
            .world
            .players
            .iter()
            .filter_map(|&ch| self.world.ch(ch).map(|c| c.player_id().to_string()))
            .collect();
        let _ = writeln!(out, "Players {}", order.join(" "));
        // Command lag and daze are not in the player file; they ride here.
        for &ch in &self.world.players {
            if let Some(c) = self.world.ch(ch).filter(|c| c.wait != 0 || c.daze != 0) {
                let _ = writeln!(out, "Lag {} {} {}", c.player_id(), c.wait, c.daze);
            }
        }
        // Bans for this boot only (permanent ones are in the ban file), and
        // the immortals' switches that are not in the snapshot.
        for b in self.world.bans.iter().filter(|b| !b.permanent) {
            let _ = writeln!(out, "TempBan {} {} {}", b.pattern(), b.level, b.kind.name());
        }
        let _ = writeln!(
            out,
            "Locks {} {}",
            u8::from(self.world.newlock),
            u8::from(self.world.log_all)
        );
        out.push_str(&snapshot::write_snapshot(&self.world));
        out.push_str(GAME_END);
        out.push('\n');
        out
    }

    /// Load the areas into a world without running resets (the snapshot
    /// brings back what stood where).
    pub fn load_world_for_recovery(cfg: &Config) -> Result<World, Vec<String>> {
        let report = crate::db::load_area_dir(&cfg.area_dir);
        if !report.errors.is_empty() {
            return Err(report.errors.iter().map(|d| d.to_string()).collect());
        }
        let mut world = World::new(report.protos, cfg.seed);
        set_clock_from_real_time(&mut world, save::now_secs());
        Ok(world)
    }

    /// Take the game back up in the new image. `conns` are the adopted
    /// connections; `rollback` is set when this image is the old one coming
    /// back because the new one failed.
    pub fn recover(
        world: World,
        cfg: Config,
        state: &str,
        conns: &[Adopted],
        rollback: Option<&str>,
    ) -> Result<(Game, Recovered), String> {
        let parsed = ParsedState::parse(state)?;
        let mut game = Game::assemble(world, cfg, parsed.next_id);
        game.first_player_open = parsed.first_open;
        let mut rec = Recovered {
            started_ms: parsed.started_ms,
            ..Recovered::default()
        };
        let mut by_id: HashMap<i64, CharId> = HashMap::new();
        let t0 = std::time::Instant::now();
        let mut playing: Vec<(ConnId, CharId)> = Vec::new();

        for a in conns {
            let peer = "?".to_string();
            let entry = parsed.conns.get(&a.fd);
            let wanted = match entry {
                Some(ConnKind::Playing { id, name }) if *id == a.player_id && a.player_id != 0 => {
                    Some((*id, name.clone()))
                }
                _ => None,
            };
            // Each player comes back once, whatever the file says.
            let wanted = wanted.filter(|(id, _)| !by_id.contains_key(id));
            let restored = wanted.and_then(|(id, name)| match game.load_player_char(id, &name) {
                Ok(ch) => Some(ch),
                Err(e) => {
                    rec.notes.push(format!("player {name} (id {id}): {e}"));
                    None
                }
            });
            let mut s = Session::new(&peer, game.world.pulse);
            game.watch_login(a.conn);
            match restored {
                Some(ch) => {
                    game.put_back(ch, Some(a.conn));
                    by_id.insert(game.world.ch(ch).map_or(0, |c| c.player_id()), ch);
                    s.state = nanny::State::Playing(ch);
                    playing.push((a.conn, ch));
                    rec.players += 1;
                }
                None => {
                    // Logging in (or not restorable): back to the name prompt.
                    // Never further: no password was typed in this image.
                    if entry.is_some_and(|e| matches!(e, ConnKind::Playing { .. })) {
                        s.send("\nYour character could not be restored after the reboot; please log in again.\n");
                    } else {
                        s.send(
                            "\nThe game rebooted while you were logging in; please start again.\n",
                        );
                    }
                    s.send("By what name do you wish to be known? ");
                    rec.logging_in += 1;
                }
            }
            game.sessions.insert(a.conn, s);
            game.dirty.insert(a.conn);
        }
        for (id, name) in &parsed.linkdead {
            if by_id.contains_key(id) {
                rec.notes
                    .push(format!("player {name} (id {id}) is listed twice"));
                continue;
            }
            match game.load_player_char(*id, name) {
                Ok(ch) => {
                    game.put_back(ch, None);
                    by_id.insert(*id, ch);
                    rec.linkdead += 1;
                }
                Err(e) => rec
                    .notes
                    .push(format!("link-dead player {name} (id {id}): {e}")),
            }
        }
        rec.players_ms = t0.elapsed().as_secs_f64() * 1000.0;
        rec.notes.extend(snapshot::restore_snapshot(
            &mut game.world,
            &parsed.snapshot,
            &by_id,
        )?);
        let mut ordered: Vec<CharId> = parsed
            .order
            .iter()
            .filter_map(|id| by_id.get(id).copied())
            .collect();
        let listed: std::collections::HashSet<CharId> = ordered.iter().copied().collect();
        ordered.extend(
            game.world
                .players
                .iter()
                .copied()
                .filter(|c| !listed.contains(c)),
        );
        game.world.players = ordered;
        let (temp_bans, errors) = ban::parse(&parsed.temp_bans, "game state (TempBan)");
        rec.notes.extend(errors);
        game.world
            .bans
            .extend(temp_bans.into_iter().map(|b| ban::Ban {
                permanent: false,
                ..b
            }));
        (game.world.newlock, game.world.log_all) = parsed.locks;
        for (id, wait, daze) in &parsed.lag {
            if let Some(c) = by_id.get(id).and_then(|&ch| game.world.ch_mut(ch)) {
                (c.wait, c.daze) = (*wait, *daze);
            }
        }

        // Switched immortals drive their mobiles again (the snapshot's
        // `original` links say which); a mobile whose immortal did not come
        // back playing is nobody's any more.
        let switched: Vec<(CharId, CharId)> = game
            .world
            .chars
            .iter()
            .filter_map(|(id, c)| c.original.map(|b| (id, b)))
            .collect();
        for (mob, body) in switched {
            let Some(slot) = playing.iter_mut().find(|(_, ch)| *ch == body) else {
                if let Some(m) = game.world.ch_mut(mob) {
                    m.original = None;
                }
                continue;
            };
            slot.1 = mob;
            let conn = slot.0;
            if let Some(m) = game.world.ch_mut(mob) {
                m.original = None;
            }
            act_wiz::switch_into(&mut game.world, body, mob);
            if let Some(s) = game.sessions.get_mut(&conn) {
                s.state = nanny::State::Playing(mob);
            }
        }
        rec.world_ms = t0.elapsed().as_secs_f64() * 1000.0 - rec.players_ms;
        // Everyone is back: now show each player where they are.
        let rolled = rollback
            .map(|r| format!("The reboot was rolled back: {r}. The game goes on as it was.\n"));
        // A room's people are listed once for everyone who sees them alike.
        let mut looks = act_info::SharedLooks::default();
        for &(conn, ch) in &playing {
            game.world.send(ch, "\n");
            game.world.send(ch, REMATERIALIZE);
            if let Some(r) = &rolled {
                game.world.send(ch, r);
            }
            act_info::do_look_auto_shared(&mut game.world, ch, &mut looks);
            if let Some(s) = game.sessions.get_mut(&conn) {
                s.want_prompt = true;
            }
        }
        rec.show_ms = t0.elapsed().as_secs_f64() * 1000.0 - rec.players_ms - rec.world_ms;
        if let Some(&by) = by_id.get(&parsed.by) {
            let text = match rollback {
                Some(r) => {
                    format!("Copyover FAILED after the exec: {r}. Rolled back to the old image.\n")
                }
                None => "Copyover complete.\n".to_string(),
            };
            game.world.send(by, &text);
        }
        Ok((game, rec))
    }

    /// Put a reloaded player back where their file says, silently, on
    /// `conn` (or link-dead). Players are distinct here, so no search of
    /// the player list is needed (it would make recovery quadratic).
    fn put_back(&mut self, ch: CharId, conn: Option<ConnId>) {
        let Some(c) = self.world.ch_mut(ch) else {
            return;
        };
        c.conn = conn;
        c.timer = 0;
        let room =
            c.pc.as_mut()
                .and_then(|p| p.saved_room.take())
                .unwrap_or(crate::world::ROOM_VNUM_TEMPLE);
        self.world.players.push(ch);
        self.world.char_to_room(ch, room);
    }

    /// Read one player's file back into the world (not placed anywhere).
    fn load_player_char(&mut self, id: i64, name: &str) -> Result<CharId, String> {
        let path = save::player_path(&self.cfg.player_dir, name).map_err(|e| e.to_string())?;
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded =
            save::read_player(&text, &path.display().to_string()).map_err(|e| e.to_string())?;
        if loaded.ch.player_id() != id {
            return Err(format!(
                "the file {name} holds id {}, not {id}",
                loaded.ch.player_id()
            ));
        }
        let (ch, warnings) = save::load_into_world(&mut self.world, loaded);
        for w in warnings {
            log::warn!("{w}");
        }
        // The file was written from this very state: the next copyover
        // need not write it again unless something changes.
        self.saved.insert(id, save::text_hash(&text));
        Ok(ch)
    }
}

enum ConnKind {
    Playing { id: i64, name: String },
    Login,
}

struct ParsedState {
    started_ms: i64,
    by: i64,
    next_id: i64,
    /// Absent in an older state file: then nobody becomes implementor.
    first_open: bool,
    conns: HashMap<RawFd, ConnKind>,
    linkdead: Vec<(i64, String)>,
    /// Player ids in `who` order.
    order: Vec<i64>,
    /// Players' command lag: id, wait, daze.
    lag: Vec<(i64, i32, i32)>,
    /// Temporary bans, as ban-file lines.
    temp_bans: String,
    /// Newlock and `log all`.
    locks: (bool, bool),
    snapshot: String,
}

impl ParsedState {
    fn parse(text: &str) -> Result<ParsedState, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l.trim() == GAME_HEADER => {}
            _ => return Err(format!("game state:1: expected '{GAME_HEADER}'")),
        }
        let mut p = ParsedState {
            started_ms: 0,
            by: 0,
            next_id: 1,
            first_open: false,
            conns: HashMap::new(),
            linkdead: Vec::new(),
            order: Vec::new(),
            lag: Vec::new(),
            temp_bans: String::new(),
            locks: (false, false),
            snapshot: String::new(),
        };
        let mut in_snapshot = false;
        for (i, line) in lines {
            let ln = i + 1;
            if in_snapshot {
                p.snapshot.push_str(line);
                p.snapshot.push('\n');
                if line.trim() == snapshot::SNAPSHOT_END {
                    in_snapshot = false;
                }
                continue;
            }
            let bad = || format!("game state:{ln}: cannot read '{line}'");
            let mut w = line.split_whitespace();
            match w.next() {
                None => {}
                Some(GAME_END) => {
                    if p.snapshot.is_empty() {
                        return Err(format!("game state:{ln}: no world snapshot"));
                    }
                    return Ok(p);
                }
                Some(l)
                    if l == snapshot::SNAPSHOT_HEADER
                        .split(' ')
                        .next()
                        .unwrap_or("#WORLD") =>
                {
                    in_snapshot = true;
                    p.snapshot.push_str(line);
                    p.snapshot.push('\n');
                }
                Some("Started") => {
                    p.started_ms = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?
                }
                Some("By") => p.by = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?,
                Some("NextId") => {
                    p.next_id = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?
                }
                Some("FirstOpen") => p.first_open = w.next() == Some("1"),
                Some("Conn") => {
                    let fd: RawFd = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
                    let kind = match w.next() {
                        Some("playing") => {
                            let id = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
                            let name = w
                                .next()
                                .filter(|n| save::valid_file_name(n))
                                .ok_or_else(bad)?;
                            ConnKind::Playing {
                                id,
                                name: name.to_string(),
                            }
                        }
                        Some("login") => ConnKind::Login,
                        _ => return Err(bad()),
                    };
                    p.conns.insert(fd, kind);
                }
                Some("Players") => {
                    p.order = w
                        .map(|v| v.parse().map_err(|_| bad()))
                        .collect::<Result<_, _>>()?;
                }
                Some("TempBan") => {
                    p.temp_bans
                        .push_str(w.collect::<Vec<_>>().join(" ").as_str());
                    p.temp_bans.push('\n');
                }
                Some("Locks") => {
                    let newlock = w.next() == Some("1");
                    p.locks = (newlock, w.next() == Some("1"));
                }
                Some("Lag") => {
                    let mut n = || -> Result<i64, String> {
                        w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)
                    };
                    let (id, wait, daze) = (n()?, n()?, n()?);
                    p.lag.push((id, wait as i32, daze as i32));
                }
                Some("Linkdead") => {
                    let id = w.next().and_then(|v| v.parse().ok()).ok_or_else(bad)?;
                    let name = w
                        .next()
                        .filter(|n| save::valid_file_name(n))
                        .ok_or_else(bad)?;
                    p.linkdead.push((id, name.to_string()));
                }
                Some(_) => return Err(bad()),
            }
        }
        Err(format!(
            "game state: no '{GAME_END}' marker: the file is incomplete"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{Char, PcData, RoomVnum};
    use std::path::Path;

    fn bundled() -> World {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
        let r = crate::db::load_area_dir(&dir);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        World::new(r.protos, 1)
    }

    #[test]
    fn a_player_listed_twice_comes_back_once() {
        let dir = std::env::temp_dir().join(format!("gracemud-recover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut w = bundled();
        let pc = PcData {
            id: 43,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into(),
            ..PcData::default()
        };
        let bob = w.chars.insert(Char {
            name: "Bob".into(),
            pc: Some(Box::new(pc)),
            level: 3,
            ..Char::default()
        });
        w.players.push(bob);
        w.char_to_room(bob, RoomVnum(3001));
        save::save_player(&w, bob, &dir).expect("save");

        let state = format!(
            "{GAME_HEADER}\nStarted 0\nBy 0\nNextId 44\nConn 9 playing 43 Bob\nLinkdead 43 Bob\nLinkdead 43 Bob\nLag 43 7 3\n{}{GAME_END}\n",
            snapshot::write_snapshot(&bundled())
        );
        let cfg = Config {
            area_dir: PathBuf::new(),
            player_dir: dir.clone(),
            seed: 1,
            ..Default::default()
        };
        let conns = [Adopted {
            conn: ConnId(1),
            fd: 9,
            player_id: 43,
        }];
        let (g, rec) = Game::recover(bundled(), cfg, &state, &conns, None).expect("recover");
        assert_eq!((rec.players, rec.linkdead), (1, 0), "{:?}", rec.notes);
        assert_eq!(g.world.players.len(), 1);
        let back = g
            .char_of(ConnId(1))
            .and_then(|c| g.world.ch(c))
            .map(|c| (c.name.clone(), c.room));
        assert_eq!(back, Some(("Bob".to_string(), Some(RoomVnum(3001)))));
        // Command lag and daze ride in the state file.
        let lag = g
            .char_of(ConnId(1))
            .and_then(|c| g.world.ch(c))
            .map(|c| (c.wait, c.daze));
        assert_eq!(lag, Some((7, 3)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_switched_and_snooping_immortal_comes_back_so() {
        let dir = std::env::temp_dir().join(format!("gracemud-switch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let cfg = Config {
            area_dir: PathBuf::new(),
            player_dir: dir.clone(),
            ban_file: dir.join("ban.txt"),
            seed: 1,
            ..Default::default()
        };
        let mut g = Game::from_world(bundled(), cfg.clone()).expect("game");
        let mk = |g: &mut Game, name: &str, id: i64, level: i32, conn: usize| {
            let pc = PcData {
                id,
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into(),
                ..PcData::default()
            };
            let ch = g.world.chars.insert(Char {
                name: name.into(),
                pc: Some(Box::new(pc)),
                level,
                conn: Some(ConnId(conn)),
                comm: crate::world::comm::PROMPT,
                ..Char::default()
            });
            g.world.players.push(ch);
            g.world.char_to_room(ch, RoomVnum(3001));
            let mut s = Session::new("127.0.0.1:1", 0);
            s.state = nanny::State::Playing(ch);
            g.sessions.insert(ConnId(conn), s);
            ch
        };
        let imm = mk(&mut g, "Odin", 1, 60, 1);
        let bob = mk(&mut g, "Bob", 2, 5, 2);
        let mob = g
            .world
            .create_mobile(crate::world::MobVnum(3011))
            .expect("rat");
        g.world.char_to_room(mob, RoomVnum(3001));
        act_wiz::do_snoop(&mut g.world, imm, "bob");
        ban::do_ban(&mut g.world, imm, "10.1.* newbies");
        act_wiz::do_newlock(&mut g.world, imm, "");
        act_wiz::do_switch(&mut g.world, imm, "rat");
        g.process_requests();
        assert_eq!(g.char_of(ConnId(1)), Some(mob));
        for ch in [imm, bob] {
            save::save_player(&g.world, ch, &dir).expect("save");
        }
        // The connection is written as its player's, not the mobile's.
        assert_eq!(g.copyover_player_id(ConnId(1)), 1);
        let state = g.copyover_state(&[(ConnId(1), 11), (ConnId(2), 12)], 0, Some(mob));
        assert!(state.contains("Conn 11 playing 1 Odin"), "{state}");
        assert!(!state.contains("Linkdead 1"), "{state}");
        assert!(state.contains("By 1\n"), "{state}");

        let conns = [
            Adopted {
                conn: ConnId(5),
                fd: 11,
                player_id: 1,
            },
            Adopted {
                conn: ConnId(6),
                fd: 12,
                player_id: 2,
            },
        ];
        let (mut g2, rec) = Game::recover(bundled(), cfg, &state, &conns, None).expect("recover");
        assert_eq!(rec.players, 2, "{:?}", rec.notes);
        let rat = g2.char_of(ConnId(5)).expect("playing");
        let (body, bob2) = (
            g2.world.find_player_by_id(1).expect("odin"),
            g2.world.find_player_by_id(2).expect("bob"),
        );
        let r = g2.world.ch(rat).expect("rat");
        assert!(r.is_npc());
        assert_eq!(
            (r.conn, r.original, r.get_trust()),
            (Some(ConnId(5)), Some(body), 60)
        );
        assert_eq!(g2.world.ch(body).and_then(|c| c.conn), None);
        assert_eq!(g2.world.ch(bob2).and_then(|c| c.snoop_by), Some(rat));
        // This boot's ban and the newlock come along.
        assert!(ban::check_ban(
            &g2.world.bans,
            "10.1.2.3",
            ban::BanKind::Newbies
        ));
        assert!(g2.world.bans.iter().all(|b| !b.permanent));
        assert!(g2.world.newlock);
        let out = g2.take_output(ConnId(5));
        assert!(out.text.contains(REMATERIALIZE), "{out:?}");
        // And `return` still knows the way home.
        act_wiz::do_return(&mut g2.world, rat, "");
        g2.process_requests();
        assert_eq!(g2.char_of(ConnId(5)), Some(body));
        assert_eq!(g2.world.ch(body).and_then(|c| c.conn), Some(ConnId(5)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_connection_that_was_logging_in_starts_again_at_the_name_prompt() {
        let state = format!(
            "{GAME_HEADER}\nStarted 0\nBy 0\nNextId 1\nConn 9 login\n{}{GAME_END}\n",
            snapshot::write_snapshot(&bundled())
        );
        // Even if copyover.dat claims an id for it, a login connection is
        // never carried past the name prompt.
        let conns = [Adopted {
            conn: ConnId(1),
            fd: 9,
            player_id: 43,
        }];
        let (mut g, rec) =
            Game::recover(bundled(), Config::default(), &state, &conns, None).expect("recover");
        assert_eq!((rec.players, rec.logging_in), (0, 1));
        assert!(g.char_of(ConnId(1)).is_none());
        let out = g.take_output(ConnId(1));
        assert!(
            out.text.ends_with("By what name do you wish to be known? "),
            "{out:?}"
        );
    }

    #[test]
    fn players_command_lag_is_written_into_the_state() {
        let dir = std::env::temp_dir().join(format!("gracemud-lag-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let cfg = Config {
            area_dir: PathBuf::new(),
            player_dir: dir.clone(),
            seed: 1,
            ..Default::default()
        };
        let mut g = Game::from_world(bundled(), cfg).expect("game");
        let pc = PcData {
            id: 7,
            ..PcData::default()
        };
        let ann = g.world.chars.insert(Char {
            name: "Ann".into(),
            pc: Some(Box::new(pc)),
            wait: 12,
            daze: 4,
            ..Char::default()
        });
        g.world.players.push(ann);
        let state = g.copyover_state(&[], 0, None);
        let parsed = ParsedState::parse(&state).expect("parse");
        assert_eq!(parsed.lag, vec![(7, 12, 4)]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
