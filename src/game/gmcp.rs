//! The game's side of GMCP and MSSP: what a character's client is told.
//!
//! Message builders (each returns the JSON text of one message):
//! - `Char.Base` — name, full name (with title), race, class, gender;
//! - `Char.Vitals` — hp, maxhp, mana, maxmana, moves, maxmoves;
//! - `Char.Status` — level, position, alignment, experience, gold, silver,
//!   the opponent when fighting, and a builder's OLC `editor` and what it
//!   is `editing` (`"REdit"`, `"3001"`);
//! - `Char.Affects` — a list of `{"name", "duration"}`, one per spell or
//!   skill affecting the character (duration in game hours, -1 permanent;
//!   a two-part spell shows once, with its shortest part);
//! - `Room.Info` — num, name, area, environment (sector), exits `{dir: vnum}`;
//! - `Comm.Channel.Text` — channel, talker, and the line as the listener saw it.
//!
//! A [`Tracker`] per connection remembers what was last sent, so `Char.*`
//! goes out only when it changed and `Room.Info` on every room change; the
//! game runs [`Tracker::update`] once per loop turn for connections whose
//! client agreed to GMCP. Channel lines come from the channel code itself:
//! `World::act_channel` records what each listener with a GMCP client heard
//! (`ChannelEvent`), and the game sends it as [`channel_text`].
//!
//! [`mssp_vars`] gives the world's MSSP facts (the net layer adds codebase,
//! port and protocols).

use crate::db::tables;
use crate::net::protocols::json::Obj;
use crate::world::rules;
use crate::world::{CharId, RoomVnum, World};

/// Exit keys of `Room.Info`, by direction number (Mudlet's mapper uses these).
pub const EXIT_KEYS: [&str; 6] = ["n", "e", "s", "w", "u", "d"];

/// `Char.Base`.
pub fn char_base(world: &World, ch: CharId) -> Option<String> {
    let c = world.ch(ch)?;
    let title = c.pc.as_ref().map_or("", |p| p.title.as_str());
    let race = rules::RACES.get(c.race).map_or("unknown", |r| r.name);
    let class = if c.is_npc() {
        "mobile"
    } else {
        rules::class_by_number(c.class).map_or("unknown", |k| k.name)
    };
    let gender = tables::SEXES
        .get(c.sex.clamp(0, 3) as usize)
        .map_or("none", |w| w.0);
    Some(
        Obj::new()
            .str("name", &c.name)
            .str("fullname", format!("{}{}", c.name, title).trim_end())
            .str("race", race)
            .str("class", class)
            .str("gender", gender)
            .finish(),
    )
}

/// `Char.Affects`: a JSON array.
pub fn char_affects(world: &World, ch: CharId) -> Option<String> {
    let c = world.ch(ch)?;
    let mut seen: Vec<(rules::Sn, i32)> = Vec::new();
    for a in &c.affects {
        match seen.iter_mut().find(|(sn, _)| *sn == a.skill) {
            Some((_, d)) => {
                if *d < 0 || (a.duration >= 0 && a.duration < *d) {
                    *d = a.duration;
                }
            }
            None => seen.push((a.skill, a.duration)),
        }
    }
    let items: Vec<String> = seen
        .iter()
        .map(|(sn, d)| {
            Obj::new()
                .str("name", rules::skill_name(*sn).unwrap_or("unknown"))
                .num("duration", i64::from(*d))
                .finish()
        })
        .collect();
    Some(format!("[{}]", items.join(",")))
}

/// `Char.Vitals`.
pub fn char_vitals(world: &World, ch: CharId) -> Option<String> {
    let c = world.ch(ch)?;
    Some(
        Obj::new()
            .num("hp", c.hit as i64)
            .num("maxhp", c.max_hit as i64)
            .num("mana", c.mana as i64)
            .num("maxmana", c.max_mana as i64)
            .num("moves", c.mv as i64)
            .num("maxmoves", c.max_mv as i64)
            .finish(),
    )
}

/// `Char.Status`.
pub fn char_status(world: &World, ch: CharId) -> Option<String> {
    let c = world.ch(ch)?;
    let position = tables::position_name(c.position);
    let mut o = Obj::new()
        .str("name", &c.name)
        .num("level", c.level as i64)
        .str("position", position)
        .num("alignment", c.alignment as i64)
        .num("exp", c.exp)
        .num("gold", c.gold)
        .num("silver", c.silver);
    if let Some(f) = c.fighting.and_then(|f| world.ch(f)) {
        let name = if f.is_npc() { &f.short_descr } else { &f.name };
        o = o.str("enemy", name);
    }
    // A builder's OLC editor, as the prompt shows it.
    if let Some(e) = crate::game::olc::editor_of(world, ch) {
        o = o.str("editor", e.name()).str("editing", &e.label(world));
    }
    Some(o.finish())
}

/// `Room.Info` for a room.
pub fn room_info(world: &World, vnum: RoomVnum) -> Option<String> {
    let r = world.room(vnum)?;
    let area = world
        .areas
        .get(r.area.0)
        .map_or("", |a| a.proto.name.as_str());
    let mut exits = Obj::new();
    for (d, e) in r.exits.iter().enumerate() {
        let Some(to) = e.as_ref().and_then(|e| e.to()) else {
            continue;
        };
        if world.rooms.contains_key(&to) {
            exits = exits.num(EXIT_KEYS[d], to.0 as i64);
        }
    }
    Some(
        Obj::new()
            .num("num", vnum.0 as i64)
            .str("name", &crate::net::color::render(&r.name, false))
            .str("area", &crate::net::color::render(area, false))
            .str("environment", tables::sector(r.sector).name)
            .raw("exits", &exits.finish())
            .finish(),
    )
}

/// `Comm.Channel.Text`.
pub fn channel_text(channel: &str, talker: &str, text: &str) -> String {
    Obj::new()
        .str("channel", channel)
        .str("talker", talker)
        .str("text", text)
        .finish()
}

/// What was last sent to one connection, and what waits to go.
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    /// The character the rest is about (a new one resends everything).
    ch: Option<CharId>,
    room: Option<RoomVnum>,
    base: Option<String>,
    vitals: Option<String>,
    status: Option<String>,
    affects: Option<String>,
    queue: Vec<(String, String)>,
}

impl Tracker {
    /// Forget what was sent: everything goes out again on the next update.
    pub fn reset(&mut self) {
        let queue = std::mem::take(&mut self.queue);
        *self = Tracker {
            queue,
            ..Tracker::default()
        };
    }

    /// Queue a message.
    pub fn push(&mut self, package: &str, json: String) {
        // Bounded: a client that never gets its output taken cannot grow it.
        if self.queue.len() < 256 {
            self.queue.push((package.to_string(), json));
        }
    }

    /// Is anything queued?
    pub fn has_queued(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Take the queued messages.
    pub fn take(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.queue)
    }

    /// Queue whatever changed for `ch` since the last update: `Char.Base`,
    /// `Char.Vitals`, `Char.Status`, `Char.Affects` when their content changed,
    /// `Room.Info` when the room changed. True when something was queued.
    pub fn update(&mut self, world: &World, ch: CharId) -> bool {
        if self.ch != Some(ch) {
            self.reset();
            self.ch = Some(ch);
        }
        let before = self.queue.len();
        if let Some(j) = char_base(world, ch) {
            if self.base.as_ref() != Some(&j) {
                self.base = Some(j.clone());
                self.push("Char.Base", j);
            }
        }
        if let Some(j) = char_vitals(world, ch) {
            if self.vitals.as_ref() != Some(&j) {
                self.vitals = Some(j.clone());
                self.push("Char.Vitals", j);
            }
        }
        if let Some(j) = char_status(world, ch) {
            if self.status.as_ref() != Some(&j) {
                self.status = Some(j.clone());
                self.push("Char.Status", j);
            }
        }
        if let Some(j) = char_affects(world, ch) {
            if self.affects.as_ref() != Some(&j) {
                self.affects = Some(j.clone());
                self.push("Char.Affects", j);
            }
        }
        let room = world.ch(ch).and_then(|c| c.room);
        if room != self.room {
            self.room = room;
            if let Some(j) = room.and_then(|r| room_info(world, r)) {
                self.push("Room.Info", j);
            }
        }
        self.queue.len() > before
    }
}

/// The world's MSSP facts.
pub fn mssp_vars(world: &World) -> Vec<(String, String)> {
    let players = world
        .players
        .iter()
        .filter(|&&p| world.ch(p).is_some_and(|c| c.conn.is_some()))
        .count();
    let v = |k: &str, val: String| (k.to_string(), val);
    vec![
        v("NAME", "GraceMUD".into()),
        v("PLAYERS", players.to_string()),
        v("AREAS", world.areas.len().to_string()),
        v("ROOMS", world.rooms.len().to_string()),
        v("MOBILES", world.mob_index.len().to_string()),
        v("OBJECTS", world.obj_index.len().to_string()),
        v("HELPFILES", world.helps.len().to_string()),
        v(
            "RESETS",
            world
                .areas
                .iter()
                .map(|a| a.proto.resets.len())
                .sum::<usize>()
                .to_string(),
        ),
        v("LEVELS", crate::world::MAX_LEVEL.to_string()),
        v("CLASSES", rules::CLASSES.len().to_string()),
        v("RACES", rules::PC_RACES.len().to_string()),
        v("SKILLS", rules::SKILLS.len().to_string()),
        v("FAMILY", "DikuMUD".into()),
        v("GENRE", "Fantasy".into()),
        v("GAMEPLAY", "Hack and Slash".into()),
        v("GAMESYSTEM", "Custom".into()),
        v("STATUS", "Alpha".into()),
        v("LANGUAGE", "English".into()),
        v("MINIMUM AGE", "0".into()),
        v("LOCATION", "Unknown".into()),
        v("CREATED", "2026".into()),
        v("WORLDS", "1".into()),
        v("MULTICLASSING", "0".into()),
        v("NEWBIE FRIENDLY", "1".into()),
        v("PLAYER CITIES", "0".into()),
        v("PLAYER CLANS", "0".into()),
        v("PLAYER CRAFTING", "0".into()),
        v("PLAYER GUILDS", "0".into()),
        v("EQUIPMENT SYSTEM", "Level".into()),
        v("MULTIPLAYING", "None".into()),
        v("PLAYERKILLING", "Restricted".into()),
        v("QUEST SYSTEM", "None".into()),
        v("ROLEPLAYING", "Accepted".into()),
        v("TRAINING SYSTEM", "Both".into()),
        v("WORLD ORIGINALITY", "All Original".into()),
        v("ADULT MATERIAL", "0".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ClientInfo, ConnId, Engine, Outbound};
    use crate::game::{Config, Game};
    use crate::net::protocols::json::{self, Value};

    fn game(tag: &str) -> (Game, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("gracemud-gmcp-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = Config {
            area_dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("areas"),
            player_dir: dir.clone(),
            seed: 7,
            ..Default::default()
        };
        (Game::boot(cfg).unwrap(), dir)
    }

    /// All output for `conn`, running password jobs inline.
    fn drain(g: &mut Game, conn: ConnId) -> Vec<Outbound> {
        let mut all = Vec::new();
        loop {
            g.pending();
            let out = g.take_output(conn);
            let jobs = out.hash_jobs.clone();
            all.push(out);
            if jobs.is_empty() {
                return all;
            }
            for j in jobs {
                let r = crate::net::hash::run_job(&j);
                g.hash_done(conn, r);
            }
        }
    }

    fn line(g: &mut Game, conn: ConnId, text: &str) -> Vec<Outbound> {
        g.input(conn, text);
        drain(g, conn)
    }

    fn play(g: &mut Game, conn: ConnId, name: &str, gmcp: bool) {
        g.connected(conn, "test");
        g.client_info(
            conn,
            &ClientInfo {
                gmcp,
                ..ClientInfo::default()
            },
        );
        drain(g, conn);
        for l in [
            name, "y", "secret1", "secret1", "human", "m", "warrior", "n", "n", "sword", "",
        ] {
            line(g, conn, l);
        }
    }

    fn msgs(outs: &[Outbound], pkg: &str) -> Vec<Value> {
        outs.iter()
            .flat_map(|o| o.gmcp.iter())
            .filter(|(p, _)| p == pkg)
            .map(|(_, j)| json::parse(j).unwrap_or_else(|e| panic!("{pkg}: {e}: {j}")))
            .collect()
    }

    #[test]
    fn room_info_vitals_and_channels_through_the_engine() {
        let (mut g, dir) = game("engine");
        let a = ConnId(1);
        let b = ConnId(2);
        let c = ConnId(3);
        play(&mut g, a, "Alpha", true);
        play(&mut g, b, "Beta", true);
        play(&mut g, c, "Gamma", false);
        // Everything was sent once on entering the game.
        let outs = drain(&mut g, a);
        assert!(outs.iter().all(|o| o.gmcp.is_empty()), "nothing new");
        // A move: Room.Info for the new room and Vitals (moves spent).
        let outs = line(&mut g, a, "north");
        let rooms = msgs(&outs, "Room.Info");
        assert_eq!(rooms.len(), 1);
        assert_eq!(rooms[0].get("num"), Some(&Value::Num(3701.0)));
        assert_eq!(
            rooms[0].get("exits").and_then(|e| e.get("s")),
            Some(&Value::Num(3700.0))
        );
        assert_eq!(msgs(&outs, "Char.Vitals").len(), 1);
        assert!(outs.iter().any(|o| o.prefs.is_some()), "prefs go along");
        // A failed move sends no Room.Info.
        let outs = line(&mut g, a, "down");
        assert!(msgs(&outs, "Room.Info").is_empty());
        // A spell's affect and its mana: Char.Affects and Char.Vitals.
        let alpha = g
            .char_of(a)
            .unwrap_or_else(|| panic!("Alpha is not playing"));
        let armor = rules::skill_lookup("armor").unwrap_or(rules::Sn::NONE);
        for (location, modifier) in [(1, 0), (17, -20)] {
            g.world.affect_to_char(
                alpha,
                crate::world::Affect {
                    skill: armor,
                    level: 5,
                    duration: 24 - location,
                    location,
                    modifier,
                    ..Default::default()
                },
            );
        }
        if let Some(c) = g.world.ch_mut(alpha) {
            c.mana -= 10;
        }
        let outs = line(&mut g, a, "affects");
        let affects = msgs(&outs, "Char.Affects");
        assert_eq!(affects.len(), 1);
        let Value::Arr(list) = &affects[0] else {
            panic!("{:?}", affects[0]);
        };
        assert_eq!(list.len(), 1, "one entry per spell: {list:?}");
        assert_eq!(list[0].get("name"), Some(&Value::Str("armor".into())));
        assert_eq!(list[0].get("duration"), Some(&Value::Num(7.0)));
        let vitals = msgs(&outs, "Char.Vitals");
        assert_eq!(vitals.len(), 1);
        let Some(Value::Num(mana)) = vitals[0].get("mana") else {
            panic!("{:?}", vitals[0]);
        };
        assert_eq!(g.world.ch(alpha).map(|c| c.mana), Some(*mana as i32));
        // Gossip reaches every GMCP listener, the talker included.
        let outs_a = line(&mut g, a, "gossip hello \"all\" \\ é");
        let outs_b = drain(&mut g, b);
        let mine = msgs(&outs_a, "Comm.Channel.Text");
        let theirs = msgs(&outs_b, "Comm.Channel.Text");
        assert_eq!(mine.len(), 1);
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].get("talker"), Some(&Value::Str("Alpha".into())));
        assert_eq!(theirs[0].get("channel"), Some(&Value::Str("gossip".into())));
        let text = theirs[0].get("text").and_then(Value::as_str).unwrap();
        assert!(text.contains("hello \"all\" \\ é"), "{text}");
        // `.` is gossip too, with no space after it.
        line(&mut g, a, ".short form");
        let theirs = msgs(&drain(&mut g, b), "Comm.Channel.Text");
        assert_eq!(theirs.len(), 1);
        assert_eq!(theirs[0].get("channel"), Some(&Value::Str("gossip".into())));
        // Gamma has no GMCP: nothing queued for it.
        let outs_c = drain(&mut g, c);
        assert!(outs_c.iter().all(|o| o.gmcp.is_empty()));
        // A client that turns GMCP on later gets everything afresh.
        g.client_info(
            c,
            &ClientInfo {
                gmcp: true,
                ..ClientInfo::default()
            },
        );
        let outs_c = drain(&mut g, c);
        for pkg in ["Char.Base", "Char.Vitals", "Char.Status", "Room.Info"] {
            assert_eq!(msgs(&outs_c, pkg).len(), 1, "{pkg}");
        }
        // Settings reach the net as prefs.
        let outs = line(&mut g, a, "colour off");
        assert_eq!(
            outs.last().and_then(|o| o.prefs).map(|p| p.colour),
            Some(false)
        );
        let outs = line(&mut g, a, "compress");
        assert_eq!(
            outs.last().and_then(|o| o.prefs).map(|p| p.compress),
            Some(false)
        );
        let outs = line(&mut g, a, "telnetga off");
        assert_eq!(
            outs.last().and_then(|o| o.prefs).map(|p| p.prompt_mark),
            Some(false)
        );
        let outs = line(&mut g, a, "wrap on");
        assert_eq!(
            outs.last().and_then(|o| o.prefs).map(|p| p.wrap),
            Some(true)
        );
        let outs = line(&mut g, a, "client");
        let text: String = outs.iter().map(|o| o.text.as_str()).collect();
        assert!(text.contains("GMCP: yes"), "{text}");
        // MSSP facts from the world.
        let vars = g.mssp();
        let get = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        assert_eq!(get("PLAYERS").as_deref(), Some("3"));
        assert_eq!(get("ROOMS"), Some(g.world.rooms.len().to_string()));
        // Disconnecting forgets the client.
        g.disconnected(c);
        assert!(!g.world.clients.contains_key(&c));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn builders_escape_everything() {
        let j = channel_text("say", "Al\"ice", "ctl\u{1}\u{1b} \\ ünï 🐉");
        let v = json::parse(&j).unwrap();
        assert_eq!(
            v.get("text").and_then(Value::as_str),
            Some("ctl\u{1}\u{1b} \\ ünï 🐉")
        );
        assert!(j.is_ascii());
    }

    #[test]
    fn status_names_the_enemy_and_vitals_follow_hit_points() {
        use crate::world::{Char, MobVnum, PcData, Protos, RoomProto, RoomVnum};
        let mut p = Protos::default();
        p.rooms.insert(
            RoomVnum(1),
            RoomProto {
                vnum: RoomVnum(1),
                ..Default::default()
            },
        );
        let mut w = World::new(p, 1);
        let me = w.chars.insert(Char {
            name: "Ann".into(),
            pc: Some(Box::new(PcData::default())),
            hit: 20,
            max_hit: 20,
            ..Default::default()
        });
        let orc = w.chars.insert(Char {
            name: "orc".into(),
            short_descr: "a snarling orc".into(),
            vnum: Some(MobVnum(1)),
            ..Default::default()
        });
        let mut t = Tracker::default();
        assert!(t.update(&w, me));
        t.take();
        // Not fighting: no enemy.
        assert!(!char_status(&w, me).unwrap_or_default().contains("enemy"));
        if let Some(c) = w.ch_mut(me) {
            c.fighting = Some(orc);
            c.hit = 12;
        }
        assert!(t.update(&w, me));
        let sent = t.take();
        let pkg = |name: &str| {
            sent.iter()
                .find(|(p, _)| p == name)
                .map(|(_, j)| j.clone())
                .unwrap_or_default()
        };
        assert!(
            pkg("Char.Status").contains("\"enemy\":\"a snarling orc\""),
            "{sent:?}"
        );
        assert!(pkg("Char.Vitals").contains("\"hp\":12"), "{sent:?}");
        // Nothing changed: nothing sent.
        assert!(!t.update(&w, me));
    }
}
