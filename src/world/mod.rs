//! The running world: prototypes plus instances, owned by one [`World`].
//!
//! Rooms are not instanced (each `RoomVnum` is one room); characters and
//! objects live in generational arenas and are named by [`CharId`] and
//! [`ObjId`]. Everything that changes the world takes `&mut World`; text for a
//! character is queued on it (`Char::output`) and drained by the network layer.
//! Nothing in here touches a socket or the disk.

pub mod act;
pub mod affect;
pub mod arena;
pub mod flags;
pub mod handler;
pub mod proto;
pub mod reset;
pub mod rules;
pub mod snapshot;

use std::collections::{BTreeMap, HashMap};

pub use arena::{Arena, Id};
pub use flags::*;
pub use proto::*;

/// A character (player or mobile) instance.
pub type CharId = Id<Char>;
/// An object instance.
pub type ObjId = Id<Obj>;
pub use crate::engine::ConnId;

/// Level constants (ROM: MAX_LEVEL 60, LEVEL_HERO 51, LEVEL_IMMORTAL 52).
pub const MAX_LEVEL: i32 = 60;
pub const LEVEL_HERO: i32 = MAX_LEVEL - 9;
pub const LEVEL_IMMORTAL: i32 = MAX_LEVEL - 8;
pub const IMPLEMENTOR: i32 = MAX_LEVEL;

/// Well-known vnums (rom-mechanics 15.2).
pub const ROOM_VNUM_LIMBO: RoomVnum = RoomVnum(2);
pub const ROOM_VNUM_TEMPLE: RoomVnum = RoomVnum(3001);
pub const ROOM_VNUM_ALTAR: RoomVnum = RoomVnum(3054);
pub const ROOM_VNUM_SCHOOL: RoomVnum = RoomVnum(3700);
pub const OBJ_VNUM_SILVER_ONE: ObjVnum = ObjVnum(1);
pub const OBJ_VNUM_GOLD_ONE: ObjVnum = ObjVnum(2);
pub const OBJ_VNUM_GOLD_SOME: ObjVnum = ObjVnum(3);
pub const OBJ_VNUM_SILVER_SOME: ObjVnum = ObjVnum(4);
pub const OBJ_VNUM_COINS: ObjVnum = ObjVnum(5);
pub const OBJ_VNUM_CORPSE_NPC: ObjVnum = ObjVnum(10);
pub const OBJ_VNUM_CORPSE_PC: ObjVnum = ObjVnum(11);
pub const OBJ_VNUM_SEVERED_HEAD: ObjVnum = ObjVnum(12);
pub const OBJ_VNUM_TORN_HEART: ObjVnum = ObjVnum(13);
pub const OBJ_VNUM_SLICED_ARM: ObjVnum = ObjVnum(14);
pub const OBJ_VNUM_SLICED_LEG: ObjVnum = ObjVnum(15);
pub const OBJ_VNUM_GUTS: ObjVnum = ObjVnum(16);
pub const OBJ_VNUM_BRAINS: ObjVnum = ObjVnum(17);

/// A timed effect on a character or object (ROM's AFFECT_DATA).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Affect {
    /// Where it acts (`to::*`): 0 affects, 1 object, 2 immune, 3 resist, 4 vuln, 5 weapon.
    pub where_: i32,
    /// The skill it comes from, or `Sn::NONE`.
    pub skill: rules::Sn,
    pub level: i32,
    /// Ticks left; -1 = permanent.
    pub duration: i32,
    pub location: i32,
    pub modifier: i32,
    pub bits: Flags,
}

/// What only a player character has.
#[derive(Clone, Debug, Default)]
pub struct PcData {
    /// The stable numeric id from the player file (copyover names players by it).
    pub id: i64,
    /// argon2 PHC string.
    pub password_hash: String,
    pub title: String,
    pub prompt: String,
    pub bamfin: String,
    pub bamfout: String,
    /// drunk, full, thirst, hunger.
    pub condition: [i32; 4],
    pub perm_hit: i32,
    pub perm_mana: i32,
    pub perm_move: i32,
    pub played_secs: i64,
    pub last_logon: i64,
    pub practice: i32,
    pub train: i32,
    pub points: i32,
    pub true_sex: i32,
    pub lines: i32,
    /// Learned percent by skill.
    pub learned: BTreeMap<rules::Sn, i32>,
    pub groups: Vec<String>,
    /// Free-form settings that other subsystems persist (colour, wrap, ...).
    pub settings: BTreeMap<String, String>,
    /// Room to return to on login (saved `Room`).
    pub saved_room: Option<RoomVnum>,
    pub security: i32,
    pub invis_level: i32,
    /// `alias` definitions, word and expansion, in the order made (at most
    /// `MAX_ALIAS`; saved as `Alias` lines).
    pub aliases: Vec<(String, String)>,
    /// Last-read stamps of the note spools (note, idea, penalty, news,
    /// changes), saved as the `Not` line.
    pub last_note: [i64; 5],
    /// Tells kept while AFK, for `replay` (ROM's pcdata buffer).
    pub replay: String,
    /// A note being written (`note +`, `note to`, ...), not yet posted.
    pub note_draft: Option<NoteDraft>,
    /// `delete` typed once: the next `delete` deletes.
    pub confirm_delete: bool,
    /// Incognito: hidden from those below this trust outside the room.
    pub incog_level: i32,
    /// The wiznet channels this immortal listens to (`game::wiznet`).
    pub wiznet: Flags,
    /// The OLC editor this builder is in (`game::olc`); not saved in the
    /// player file (a copyover carries it in its snapshot).
    pub editor: Option<crate::game::olc::Editor>,
    /// The OLC text editor, when a description is being written.
    pub string_edit: Option<crate::game::olc::StringEdit>,
}

/// A note in progress: the spool it is for and what has been written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteDraft {
    pub spool: usize,
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// A character: a player (has `pc`) or a mobile (has `vnum`).
#[derive(Clone, Debug, Default)]
pub struct Char {
    /// The prototype for mobiles; `None` for players.
    pub vnum: Option<MobVnum>,
    /// Clan number (index into `db::tables::CLANS`; 0 none, 1 loner, 2 rom).
    pub clan: usize,
    pub pc: Option<Box<PcData>>,
    pub name: String,
    pub short_descr: String,
    pub long_descr: String,
    pub description: String,
    pub level: i32,
    pub trust: i32,
    pub sex: i32,
    pub class: i32,
    /// Index into `world::rules::RACES`.
    pub race: usize,
    pub hit: i32,
    pub max_hit: i32,
    pub mana: i32,
    pub max_mana: i32,
    pub mv: i32,
    pub max_mv: i32,
    pub gold: i64,
    pub silver: i64,
    pub exp: i64,
    pub alignment: i32,
    pub position: Position,
    pub default_pos: Position,
    pub act: Flags,
    pub affected_by: Flags,
    pub comm: Flags,
    pub off: Flags,
    pub imm: Flags,
    pub res: Flags,
    pub vuln: Flags,
    pub form: Flags,
    pub parts: Flags,
    pub size: Size,
    pub perm_stat: [i32; 5],
    pub mod_stat: [i32; 5],
    pub hitroll: i32,
    pub damroll: i32,
    pub armor: [i32; 4],
    pub saving_throw: i32,
    pub damage: Dice,
    pub dam_type: usize,
    pub wimpy: i32,
    pub group_num: i32,
    pub spec_fun: Option<String>,
    pub room: Option<RoomVnum>,
    /// Carried and worn objects, most recent first (ROM list order).
    pub carrying: Vec<ObjId>,
    pub affects: Vec<Affect>,
    pub master: Option<CharId>,
    pub leader: Option<CharId>,
    pub pet: Option<CharId>,
    pub fighting: Option<CharId>,
    pub reply: Option<CharId>,
    /// Furniture sat/rested on.
    pub on: Option<ObjId>,
    /// Command lag in pulses (ROM's WAIT_STATE).
    pub wait: i32,
    pub daze: i32,
    /// Idle ticks.
    pub timer: i32,
    /// The connection playing this character; `None` for mobiles and the link-dead.
    pub conn: Option<ConnId>,
    /// Text waiting to be sent (only kept for characters with a connection).
    pub output: String,
    /// Mob programs: the remembered target (`mob remember`, `$q`).
    pub mprog_target: Option<CharId>,
    /// Mob programs: mobile updates left before the `delay` trigger (`mob delay`).
    pub mprog_delay: i32,
    /// On a mobile an immortal has switched into: the immortal's own body
    /// (ROM's `desc->original`). `None` otherwise.
    pub original: Option<CharId>,
    /// Who snoops this character's connection: they read what it reads.
    pub snoop_by: Option<CharId>,
}

impl Char {
    pub fn is_npc(&self) -> bool {
        self.pc.is_none()
    }
    pub fn get_trust(&self) -> i32 {
        if self.trust != 0 {
            self.trust
        } else {
            self.level
        }
    }
    pub fn is_immortal(&self) -> bool {
        self.get_trust() >= LEVEL_IMMORTAL
    }
    /// ROM's is_clan: in any clan, loner included.
    pub fn is_clan(&self) -> bool {
        self.clan != 0
    }
    /// ROM's is_same_clan: the same clan, and not an independent one
    /// (loners are never each other's clan).
    pub fn is_same_clan(&self, other: &Char) -> bool {
        self.clan == other.clan && !crate::db::tables::clan_independent(self.clan)
    }
    pub fn is_affected(&self, bit: Flags) -> bool {
        self.affected_by & bit != 0
    }
    /// Queue text for this character (dropped for characters nobody reads).
    pub fn send(&mut self, text: &str) {
        if self.conn.is_some() {
            self.output.push_str(text);
        }
    }
    /// The player id, or 0 for mobiles.
    pub fn player_id(&self) -> i64 {
        self.pc.as_ref().map_or(0, |p| p.id)
    }
}

/// Where an object is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ObjLoc {
    #[default]
    Nowhere,
    Room(RoomVnum),
    Carried(CharId),
    In(ObjId),
}

/// An object instance.
#[derive(Clone, Debug, Default)]
pub struct Obj {
    pub vnum: ObjVnum,
    pub name: String,
    pub short_descr: String,
    pub description: String,
    pub item_type: i32,
    pub extra_flags: Flags,
    pub wear_flags: Flags,
    /// -1 when not worn.
    pub wear_loc: i32,
    pub weight: i32,
    pub cost: i32,
    pub level: i32,
    pub condition: i32,
    /// Ticks until decay; 0 = none.
    pub timer: i32,
    pub values: [i64; 5],
    pub affects: Vec<Affect>,
    /// Instance extra descriptions (empty: use the prototype's).
    pub extra: Vec<ExtraDescr>,
    pub owner: Option<String>,
    pub loc: ObjLoc,
    /// Contents, most recent first.
    pub contains: Vec<ObjId>,
    /// Set on objects a shopkeeper sells without running out.
    pub inventory: bool,
    /// ROM's `enchanted`: the prototype's applies were copied into
    /// `affects` (by enchant armor/weapon), so only `affects` count.
    pub enchanted: bool,
}

/// A runtime exit: the prototype plus its current door state.
#[derive(Clone, Debug, Default)]
pub struct Exit {
    pub proto: ExitProto,
    /// Current `EX_*` bits (door kind plus CLOSED/LOCKED).
    pub flags: Flags,
}

impl Exit {
    pub fn to(&self) -> Option<RoomVnum> {
        self.proto.to
    }
    pub fn is_door(&self) -> bool {
        self.flags & EX_ISDOOR != 0
    }
    pub fn is_closed(&self) -> bool {
        self.flags & EX_CLOSED != 0
    }
    pub fn is_locked(&self) -> bool {
        self.flags & EX_LOCKED != 0
    }
}

/// A room: its prototype data, exits with door state, and who/what is here.
#[derive(Clone, Debug, Default)]
pub struct Room {
    pub vnum: RoomVnum,
    pub area: AreaId,
    pub name: String,
    pub description: String,
    pub flags: Flags,
    pub sector: i32,
    pub exits: [Option<Exit>; 6],
    pub extra: Vec<ExtraDescr>,
    pub heal_rate: i32,
    pub mana_rate: i32,
    /// A clan's own room (0: anyone's).
    pub clan: usize,
    pub owner: Option<String>,
    /// Characters here, most recent first.
    pub people: Vec<CharId>,
    /// Objects on the floor, most recent first.
    pub contents: Vec<ObjId>,
    /// Light sources burning here.
    pub light: i32,
}

/// An area at run time: its header, resets, and reset clock.
#[derive(Clone, Debug, Default)]
pub struct Area {
    pub proto: AreaProto,
    /// Area age in minutes-ish ticks (ROM: incremented every area update).
    pub age: i32,
    pub nplayer: i32,
    pub empty: bool,
    /// OLC changed something of this area since it was last saved (ROM's
    /// `AREA_CHANGED`): `asave changed` writes it.
    pub changed: bool,
    /// Made by OLC (`aedit create`) and not yet in `area.lst`.
    pub added: bool,
}

/// A mobile prototype and how many instances exist.
#[derive(Clone, Debug, Default)]
pub struct MobIndex {
    pub proto: MobProto,
    pub count: i32,
}

/// An object prototype and how many instances exist.
#[derive(Clone, Debug, Default)]
pub struct ObjIndex {
    pub proto: ObjProto,
    pub count: i32,
}

/// ROM-style seedable random numbers (xorshift64*): one generator for the world.
///
/// The state sits in a `Cell` so that a roll can be made through `&World`:
/// ROM's `can_see` rolls for sneaking characters (rom-mechanics 6.11), and
/// every visibility test goes through it.
#[derive(Clone, Debug)]
pub struct Rng(std::cell::Cell<u64>);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(std::cell::Cell::new(
            seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        ))
    }
    pub fn next_u64(&self) -> u64 {
        let mut x = self.0.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// `number_range(from, to)`, inclusive; `from` when the range is empty.
    pub fn range(&self, from: i32, to: i32) -> i32 {
        if to <= from {
            return from;
        }
        let span = (to as i64 - from as i64 + 1) as u64;
        (from as i64 + (self.next_u64() % span) as i64) as i32
    }
    /// `number_percent()`: 1..=100.
    pub fn percent(&self) -> i32 {
        self.range(1, 100)
    }
    /// `number_bits(n)`: 0..=2^n - 1.
    pub fn bits(&self, n: u32) -> i32 {
        let n = n.min(30);
        (self.next_u64() & ((1u64 << n) - 1)) as i32
    }
    /// `number_door()`: 0..=5.
    pub fn door(&self) -> usize {
        self.range(0, 5) as usize
    }
    pub fn dice(&self, number: i32, size: i32) -> i32 {
        if size <= 0 {
            return 0;
        }
        if size == 1 {
            return number.max(0);
        }
        (0..number.max(0)).map(|_| self.range(1, size)).sum()
    }
    pub fn fuzzy(&self, n: i32) -> i32 {
        let n = match self.range(0, 3) {
            0 => n - 1,
            3 => n + 1,
            _ => n,
        };
        n.max(1)
    }
    pub fn state(&self) -> u64 {
        self.0.get()
    }
    /// Continue a generator from a saved [`Rng::state`].
    pub fn from_state(state: u64) -> Self {
        // xorshift must never hold 0; any other state continues exactly.
        Rng(std::cell::Cell::new(if state == 0 { 1 } else { state }))
    }
}

/// The whole game world.
pub struct World {
    pub areas: Vec<Area>,
    pub rooms: HashMap<RoomVnum, Room>,
    pub mob_index: HashMap<MobVnum, MobIndex>,
    pub obj_index: HashMap<ObjVnum, ObjIndex>,
    pub helps: Vec<Help>,
    pub socials: Vec<Social>,
    pub mobprogs: BTreeMap<i32, MobProg>,
    pub chars: Arena<Char>,
    pub objs: Arena<Obj>,
    /// Players in the game, in login order (ROM's descriptor-ordered `who`).
    pub players: Vec<CharId>,
    pub rng: Rng,
    /// Pulses since boot (4 a second).
    pub pulse: u64,
    /// Game hour 0..23, day, month, year (ROM's time_info).
    pub hour: i32,
    pub day: i32,
    pub month: i32,
    pub year: i32,
    /// Wizlock: only immortals may log in.
    pub wizlock: bool,
    /// Newlock: no new characters may be created.
    pub newlock: bool,
    /// `log all`: every command of every player goes to the log.
    pub log_all: bool,
    /// Site bans (`game::ban`), permanent ones read from the ban file.
    pub bans: Vec<crate::game::ban::Ban>,

    /// OLC changed a help that belongs to no area (`asave helps` writes them).
    pub helps_changed: bool,
    /// Set by `shutdown`; the loop saves everyone and exits.
    pub shutdown_requested: bool,
    /// Set by `copyover`; the loop performs it at a quiet point.
    pub copyover_requested: Option<CopyoverRequest>,
    /// Log lines the game wants the server log to carry (drained by the loop).
    pub log: Vec<String>,
    /// Connections whose character's output went from empty to not empty
    /// since the game last looked (see [`World::send`]).
    pub output_pending: Vec<ConnId>,
    /// Things commands ask of the server that are not world state (saving,
    /// quitting, password hashing); the game drains them after each command.
    pub requests: Vec<Request>,
    /// What each connection's client negotiated (name, MTTS, window size,
    /// GMCP...), as the net layer reported it; not saved.
    pub clients: HashMap<ConnId, crate::engine::ClientInfo>,
    /// Channel lines heard since the game last looked: GMCP's
    /// `Comm.Channel.Text` is made from these (see [`World::act_channel`]).
    pub channel_events: Vec<ChannelEvent>,
    /// The weather (rom-mechanics 13.3).
    pub weather: Weather,
    /// Where the mayor is on his walk (`game::special::spec_mayor`).
    pub mayor: MayorWalk,
    /// ROM's `target_name`: the rest of a `cast` line after the spell's
    /// name, for the spells that read it themselves (gate, summon, portal,
    /// nexus, locate object, farsight, ventriloquate, continual light,
    /// control weather). `do_cast` sets it for the length of one spell;
    /// it is empty for spells from objects and mobiles.
    pub spell_arg: String,
    /// Mob programs' run-time bookkeeping (see `game::mob_prog`).
    pub mprog: MobProgRuntime,
    /// The note spools (note, idea, penalty, news, changes), oldest first;
    /// read from the notes directory at boot, written back by the game on
    /// [`Request::WriteSpool`].
    pub notes: [Vec<Note>; 5],
    /// The most players `count` has seen on at once since boot.
    pub max_on: usize,
    /// Songs from `music.txt` (`game::music`).
    pub songs: Vec<Song>,
    /// The music channel: `[0]` the line being sung (-1: the title comes
    /// next), `[1..=10]` the queued song numbers (-1: none).
    pub channel_songs: [i64; 11],
}

/// One song of `music.txt`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Song {
    pub group: String,
    pub name: String,
    pub lyrics: Vec<String>,
}

/// An `act` line a mobile with an `act` trigger heard; the game runs the
/// trigger once the command or pulse that caused it is done.
#[derive(Clone, Debug)]
pub struct HeardAct {
    pub mob: CharId,
    pub text: String,
    pub ch: CharId,
    pub obj1: Option<ObjId>,
    pub vict: Option<CharId>,
    pub obj2: Option<ObjId>,
}

/// What the mob program interpreter keeps between calls.
#[derive(Clone, Debug, Default)]
pub struct MobProgRuntime {
    /// Act triggers waiting to run.
    pub heard: Vec<HeardAct>,
    /// Programs running now (ROM's `call_level`).
    pub call_level: i32,
    /// Lines left for the trigger now running (and what it calls).
    pub lines_left: i32,
    /// Broken lines already logged: (program vnum, line number).
    pub reported: std::collections::HashSet<(i32, usize)>,
    /// ROM's `MOBtrigger` turned off: `act()` lines are not heard by act
    /// triggers (while an emote is shown).
    pub quiet: bool,
}

/// One posted note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    pub sender: String,
    /// The date as shown (a UTC time).
    pub date: String,
    /// Seconds since 1970 when posted; also orders the spool.
    pub stamp: i64,
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// Sky states (rom-mechanics 13.3).
pub const SKY_CLOUDLESS: i32 = 0;
pub const SKY_CLOUDY: i32 = 1;
pub const SKY_RAINING: i32 = 2;
pub const SKY_LIGHTNING: i32 = 3;

/// The mayor's walk (ROM keeps it in `spec_mayor`'s statics, shared by
/// every mobile with that procedure): which path, how far along it, and
/// whether a walk is under way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MayorWalk {
    /// 0 none yet, 1 the opening walk, 2 the closing walk.
    pub path: u8,
    pub pos: usize,
    pub moving: bool,
}

/// ROM's weather_info: pressure, its drift and the sky.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weather {
    pub mmhg: i32,
    pub change: i32,
    pub sky: i32,
}

impl Default for Weather {
    fn default() -> Self {
        Weather {
            mmhg: 1030,
            change: 0,
            sky: SKY_CLOUDLESS,
        }
    }
}

/// One channel line as one listener heard it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelEvent {
    /// `say`, `tell`, `gossip`, `shout`, ...
    pub channel: &'static str,
    pub talker: CharId,
    pub listener: CharId,
    /// What the listener read (with colour codes, without the newline).
    pub text: String,
}

/// A command's request to the server around the world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Save this player's file now.
    Save(CharId),
    /// Write note spool `n` (an index into [`World::notes`]) to its file.
    WriteSpool(usize),
    /// `delete` confirmed: remove the player file and the character.
    Delete(CharId),
    /// The `save` command: save, and answer "Saving." once the file is on
    /// disk (or say that it could not be saved).
    SaveCommand(CharId),
    /// Save and remove this player, and close the connection (once the file
    /// is on disk; refused if it cannot be written).
    Quit(CharId),
    /// Check `old`, then store `new` (hashing happens off the loop).
    ChangePassword {
        ch: CharId,
        old: String,
        new: String,
    },
    /// `switch`/`return`: this connection now plays `ch` (the world has
    /// already moved `conn` between the characters).
    Rebind { conn: ConnId, ch: CharId },
    /// `disconnect`, `deny`: close this connection (its character goes
    /// link-dead, or is saved and leaves as the caller arranged).
    Disconnect(ConnId),
    /// The ban list changed: write the ban file.
    SaveBans,
    /// `sockets`: the game lists the connections to `ch` (those whose
    /// player or address contains `filter`, when it is not empty).
    Sockets { ch: CharId, filter: String },
    /// `asave`: write area files (`game::olc::asave`); the game answers.
    Asave { ch: CharId, arg: String },
}

/// Who asked for a copyover and why.
#[derive(Clone, Debug, Default)]
pub struct CopyoverRequest {
    pub by: Option<CharId>,
    pub reason: String,
}

impl World {
    /// ROM's HAS_TRIGGER: does mobile `ch`'s prototype link a `trigger` program?
    pub fn has_trigger(&self, ch: CharId, trigger: &str) -> bool {
        self.ch(ch)
            .and_then(|c| c.vnum)
            .and_then(|v| self.mob_index.get(&v))
            .is_some_and(|m| m.proto.progs.iter().any(|p| p.trigger == trigger))
    }

    /// Build a world from loaded prototypes (no resets run yet).
    pub fn new(protos: Protos, seed: u64) -> World {
        let Protos {
            areas,
            rooms,
            mobs,
            objs,
            helps,
            socials,
            mobprogs,
        } = protos;
        let rooms = rooms
            .into_iter()
            .map(|(vnum, p)| {
                let exits = p.exits.map(|e| {
                    e.map(|proto| Exit {
                        flags: proto.flags,
                        proto,
                    })
                });
                let room = Room {
                    vnum,
                    area: p.area,
                    name: p.name,
                    description: p.description,
                    flags: p.flags,
                    sector: p.sector,
                    exits,
                    extra: p.extra,
                    heal_rate: p.heal_rate,
                    mana_rate: p.mana_rate,
                    clan: p
                        .clan
                        .as_deref()
                        .and_then(crate::db::tables::clan_lookup)
                        .unwrap_or(0),
                    owner: p.owner,
                    people: Vec::new(),
                    contents: Vec::new(),
                    light: 0,
                };
                (vnum, room)
            })
            .collect();
        World {
            areas: areas
                .into_iter()
                .map(|proto| Area {
                    proto,
                    age: 15,
                    nplayer: 0,
                    empty: true,
                    changed: false,
                    added: false,
                })
                .collect(),
            rooms,
            mob_index: mobs
                .into_iter()
                .map(|(v, proto)| (v, MobIndex { proto, count: 0 }))
                .collect(),
            obj_index: objs
                .into_iter()
                .map(|(v, proto)| (v, ObjIndex { proto, count: 0 }))
                .collect(),
            helps,
            socials,
            mobprogs,
            chars: Arena::default(),
            objs: Arena::default(),
            players: Vec::new(),
            rng: Rng::new(seed),
            pulse: 0,
            hour: 12,
            day: 0,
            month: 0,
            year: 0,
            wizlock: false,
            newlock: false,
            log_all: false,
            bans: Vec::new(),
            helps_changed: false,
            shutdown_requested: false,
            copyover_requested: None,
            log: Vec::new(),
            requests: Vec::new(),
            output_pending: Vec::new(),
            clients: HashMap::new(),
            channel_events: Vec::new(),
            weather: Weather::default(),
            mayor: MayorWalk::default(),
            spell_arg: String::new(),
            mprog: MobProgRuntime::default(),
            notes: Default::default(),
            max_on: 0,
            songs: Vec::new(),
            channel_songs: [-1; 11],
        }
    }

    /// The prototypes as the world holds them now (OLC edits included):
    /// what `asave` writes. The inverse of [`World::new`] (file:line
    /// origins aside, which the running world does not keep).
    pub fn protos(&self) -> Protos {
        let rooms = self
            .rooms
            .iter()
            .map(|(&vnum, r)| {
                let proto = RoomProto {
                    vnum,
                    area: r.area,
                    name: r.name.clone(),
                    description: r.description.clone(),
                    flags: r.flags,
                    sector: r.sector,
                    exits: r.exits.clone().map(|e| e.map(|e| e.proto)),
                    extra: r.extra.clone(),
                    heal_rate: r.heal_rate,
                    mana_rate: r.mana_rate,
                    clan: (r.clan != 0)
                        .then(|| {
                            crate::db::tables::CLANS
                                .get(r.clan)
                                .map(|w| w.0.to_string())
                        })
                        .flatten(),
                    owner: r.owner.clone(),
                    origin: Origin::default(),
                };
                (vnum, proto)
            })
            .collect();
        Protos {
            areas: self.areas.iter().map(|a| a.proto.clone()).collect(),
            rooms,
            mobs: self
                .mob_index
                .iter()
                .map(|(&v, m)| (v, m.proto.clone()))
                .collect(),
            objs: self
                .obj_index
                .iter()
                .map(|(&v, o)| (v, o.proto.clone()))
                .collect(),
            helps: self.helps.clone(),
            socials: self.socials.clone(),
            mobprogs: self.mobprogs.clone(),
        }
    }

    pub fn ch(&self, id: CharId) -> Option<&Char> {
        self.chars.get(id)
    }
    pub fn ch_mut(&mut self, id: CharId) -> Option<&mut Char> {
        self.chars.get_mut(id)
    }
    pub fn obj(&self, id: ObjId) -> Option<&Obj> {
        self.objs.get(id)
    }
    pub fn obj_mut(&mut self, id: ObjId) -> Option<&mut Obj> {
        self.objs.get_mut(id)
    }
    pub fn room(&self, vnum: RoomVnum) -> Option<&Room> {
        self.rooms.get(&vnum)
    }
    pub fn room_mut(&mut self, vnum: RoomVnum) -> Option<&mut Room> {
        self.rooms.get_mut(&vnum)
    }

    /// Queue text for a character (no-op for stale ids and for mobiles).
    pub fn send(&mut self, id: CharId, text: &str) {
        // Snoopers read a copy, each line marked with '%' (bounded: `snoop`
        // refuses loops, and a damaged chain stops here anyway).
        let mut by = self
            .chars
            .get(id)
            .filter(|c| c.conn.is_some())
            .and_then(|c| c.snoop_by);
        let mut depth = 0;
        // Copied only when somebody snoops (a `look` in a crowded room is
        // tens of kilobytes).
        let mut copy = match by {
            Some(_) => text.to_string(),
            None => String::new(),
        };
        while let Some(s) = by.filter(|_| depth < 8 && !text.is_empty()) {
            depth += 1;
            // A snooper's snooper reads the snooper's screen: "% % ...".
            copy = copy
                .split_inclusive('\n')
                .map(|l| format!("% {l}"))
                .collect();
            self.send_one(s, &copy);
            by = self
                .chars
                .get(s)
                .filter(|c| c.conn.is_some())
                .and_then(|c| c.snoop_by);
        }
        self.send_one(id, text);
    }

    /// Queue text for one character only (no snoop copies).
    fn send_one(&mut self, id: CharId, text: &str) {
        if let Some(ch) = self.chars.get_mut(id) {
            let was_empty = ch.output.is_empty();
            ch.send(text);
            // Note the connection once, when its queue stops being empty,
            // so the loop need not look at every character for output.
            if let (true, Some(conn)) = (was_empty && !ch.output.is_empty(), ch.conn) {
                self.output_pending.push(conn);
            }
        }
    }

    /// The player playing under `player_id`, if in the game.
    pub fn find_player_by_id(&self, player_id: i64) -> Option<CharId> {
        self.players
            .iter()
            .copied()
            .find(|&c| self.ch(c).is_some_and(|ch| ch.player_id() == player_id))
    }

    /// The player named `name` (case-insensitive), if in the game.
    pub fn find_player_by_name(&self, name: &str) -> Option<CharId> {
        self.players.iter().copied().find(|&c| {
            self.ch(c)
                .is_some_and(|ch| ch.name.eq_ignore_ascii_case(name))
        })
    }

    /// Record a line for the server log.
    pub fn log(&mut self, line: impl Into<String>) {
        self.log.push(line.into());
    }
}
