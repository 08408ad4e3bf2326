//! "const.c": the game's rule tables — attribute bonuses by stat (`str_app`
//! and friends), classes, races (every race and the ones players may be),
//! skills and spells with their numbers ([`Sn`], [`gsn`]), skill groups, and
//! the experience-per-level formula built on them.
//!
//! Numbers are ROM 2.4b6's (rom-mechanics sections 2, 3.1, 4 and 6.1). Table
//! order is ROM's, because indexes (race, class, skill numbers) are stored in
//! prototypes and player files and because name lookups follow ROM's prefix
//! rule, first match in table order (`db::tables::prefix_lookup`). The words
//! area files use for other things (flags, item types, attack nouns ...) are
//! the area reader's, in `db::tables`; the bits these tables give are named in
//! [`super::flags`]. Data rows are kept one to a line, as in `const.c`.

use super::flags::*;
use super::Char;
use crate::world::flags::letters;

/// Things that have a name a file word can be matched against.
pub trait Named {
    fn name(&self) -> &str;
}

/// ROM's lookup rule (1.10): the first entry, in table order, whose name
/// starts with `word` (ASCII case-insensitive). Returns its index and whether
/// the match was exact (same length). The empty word matches nothing.
pub fn prefix_lookup<T: Named>(table: &[T], word: &[u8]) -> Option<(usize, bool)> {
    if word.is_empty() {
        return None;
    }
    table.iter().enumerate().find_map(|(i, entry)| {
        let name = entry.name().as_bytes();
        (name.len() >= word.len() && name[..word.len()].eq_ignore_ascii_case(word))
            .then_some((i, name.len() == word.len()))
    })
}

// ---------------------------------------------------------------------------
// Attribute tables (rom-mechanics 4), indexed by the current stat 0..25
// ---------------------------------------------------------------------------

/// Strength: to-hit and damage bonus, carry limit (×10 in tenths of a pound
/// plus 25 a level) and heaviest weapon wieldable (×10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrApp {
    pub tohit: i32,
    pub todam: i32,
    pub carry: i32,
    pub wield: i32,
}

/// Intelligence: how fast skills are learned (practice and improvement).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntApp {
    pub learn: i32,
}

/// Wisdom: practice sessions gained per level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WisApp {
    pub practice: i32,
}

/// Dexterity: added to every armour class while awake (negative is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DexApp {
    pub defensive: i32,
}

/// Constitution: hit points per level, and the system-shock percentage ROM
/// keeps but never uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConApp {
    pub hitp: i32,
    pub shock: i32,
}

const fn s(tohit: i32, todam: i32, carry: i32, wield: i32) -> StrApp {
    StrApp {
        tohit,
        todam,
        carry,
        wield,
    }
}

/// `str_app`: tohit, todam, carry, wield.
#[rustfmt::skip]
pub static STR_APP: [StrApp; 26] = [
    s(-5, -4,   0,  0), s(-5, -4,   3,  1), s(-3, -2,   3,  2), s(-3, -1,  10,  3), s(-2, -1,  25,  4),
    s(-2, -1,  55,  5), s(-1,  0,  80,  6), s(-1,  0,  90,  7), s( 0,  0, 100,  8), s( 0,  0, 100,  9),
    s( 0,  0, 115, 10), s( 0,  0, 115, 11), s( 0,  0, 130, 12), s( 0,  0, 130, 13), s( 0,  1, 140, 14),
    s( 1,  1, 150, 15), s( 1,  2, 165, 16), s( 2,  3, 180, 22), s( 2,  3, 200, 25), s( 3,  4, 225, 30),
    s( 3,  5, 250, 35), s( 4,  6, 300, 40), s( 4,  6, 350, 45), s( 5,  7, 400, 50), s( 5,  8, 450, 55),
    s( 6,  9, 500, 60),
];

/// `int_app`: learn.
#[rustfmt::skip]
pub static INT_APP: [IntApp; 26] = [
    IntApp { learn: 3 },  IntApp { learn: 5 },  IntApp { learn: 7 },  IntApp { learn: 8 },  IntApp { learn: 9 },
    IntApp { learn: 10 }, IntApp { learn: 11 }, IntApp { learn: 12 }, IntApp { learn: 13 }, IntApp { learn: 15 },
    IntApp { learn: 17 }, IntApp { learn: 19 }, IntApp { learn: 22 }, IntApp { learn: 25 }, IntApp { learn: 28 },
    IntApp { learn: 31 }, IntApp { learn: 34 }, IntApp { learn: 37 }, IntApp { learn: 40 }, IntApp { learn: 44 },
    IntApp { learn: 49 }, IntApp { learn: 55 }, IntApp { learn: 60 }, IntApp { learn: 70 }, IntApp { learn: 80 },
    IntApp { learn: 85 },
];

/// `wis_app`: practice.
#[rustfmt::skip]
pub static WIS_APP: [WisApp; 26] = [
    WisApp { practice: 0 }, WisApp { practice: 0 }, WisApp { practice: 0 }, WisApp { practice: 0 }, WisApp { practice: 0 },
    WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 },
    WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 }, WisApp { practice: 1 },
    WisApp { practice: 2 }, WisApp { practice: 2 }, WisApp { practice: 2 }, WisApp { practice: 3 }, WisApp { practice: 3 },
    WisApp { practice: 3 }, WisApp { practice: 3 }, WisApp { practice: 4 }, WisApp { practice: 4 }, WisApp { practice: 4 },
    WisApp { practice: 5 },
];

/// `dex_app`: defensive.
#[rustfmt::skip]
pub static DEX_APP: [DexApp; 26] = [
    DexApp { defensive: 60 },  DexApp { defensive: 50 },  DexApp { defensive: 50 },  DexApp { defensive: 40 },   DexApp { defensive: 30 },
    DexApp { defensive: 20 },  DexApp { defensive: 10 },  DexApp { defensive: 0 },   DexApp { defensive: 0 },    DexApp { defensive: 0 },
    DexApp { defensive: 0 },   DexApp { defensive: 0 },   DexApp { defensive: 0 },   DexApp { defensive: 0 },    DexApp { defensive: 0 },
    DexApp { defensive: -10 }, DexApp { defensive: -15 }, DexApp { defensive: -20 }, DexApp { defensive: -30 },  DexApp { defensive: -40 },
    DexApp { defensive: -50 }, DexApp { defensive: -60 }, DexApp { defensive: -75 }, DexApp { defensive: -90 },  DexApp { defensive: -105 },
    DexApp { defensive: -120 },
];

const fn c(hitp: i32, shock: i32) -> ConApp {
    ConApp { hitp, shock }
}

/// `con_app`: hitp, shock.
#[rustfmt::skip]
pub static CON_APP: [ConApp; 26] = [
    c(-4, 20), c(-3, 25), c(-2, 30), c(-2, 35), c(-1, 40), c(-1, 45), c(-1, 50), c(0, 55), c(0, 60), c(0, 65),
    c(0, 70),  c(0, 75),  c(0, 80),  c(0, 85),  c(0, 88),  c(1, 90),  c(2, 95),  c(2, 97), c(3, 99), c(3, 99),
    c(4, 99),  c(4, 99),  c(5, 99),  c(6, 99),  c(7, 99),  c(8, 99),
];

/// A table row for stat value `stat`, clamped to the table (0..25).
fn app<T>(table: &'static [T; 26], stat: i32) -> &'static T {
    let i = usize::try_from(stat.clamp(0, 25)).unwrap_or(0);
    &table[i.min(25)]
}

/// `str_app[stat]`.
pub fn str_app(stat: i32) -> &'static StrApp {
    app(&STR_APP, stat)
}

/// `int_app[stat]`.
pub fn int_app(stat: i32) -> &'static IntApp {
    app(&INT_APP, stat)
}

/// `wis_app[stat]`.
pub fn wis_app(stat: i32) -> &'static WisApp {
    app(&WIS_APP, stat)
}

/// `dex_app[stat]`.
pub fn dex_app(stat: i32) -> &'static DexApp {
    app(&DEX_APP, stat)
}

/// `con_app[stat]`.
pub fn con_app(stat: i32) -> &'static ConApp {
    app(&CON_APP, stat)
}

/// Stat names, in ROM's order (`STAT_STR` ..).
pub const STAT_NAMES: [&str; 5] = ["str", "int", "wis", "dex", "con"];

// ---------------------------------------------------------------------------
// Races
// ---------------------------------------------------------------------------

/// A race (4.9) with the bits every mobile of the race receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Race {
    pub name: &'static str,
    /// Whether players may choose it (see [`PC_RACES`]).
    pub pc: bool,
    pub act: Flags,
    pub aff: Flags,
    pub off: Flags,
    pub imm: Flags,
    pub res: Flags,
    pub vuln: Flags,
    pub form: Flags,
    pub parts: Flags,
}

impl Named for Race {
    fn name(&self) -> &str {
        self.name
    }
}

/// The race index a word names (prefix rule; `unique` always finds 0).
pub fn race_lookup(word: &str) -> Option<usize> {
    prefix_lookup(RACES, word.as_bytes()).map(|(i, _)| i)
}

/// Player race data (mechanics 2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PcRace {
    pub name: &'static str,
    /// Index into [`RACES`].
    pub race: usize,
    /// Capitalised name for listings.
    pub who_name: &'static str,
    /// Creation points the race costs.
    pub points: i32,
    /// Experience multiplier in percent per class (mage, cleric, thief, warrior).
    pub class_mult: [i32; 4],
    /// Bonus skills, learned at 1 % on creation.
    pub skills: &'static [&'static str],
    /// Starting stats (str, int, wis, dex, con).
    pub stats: [i32; 5],
    /// Training maximum per stat.
    pub max_stats: [i32; 5],
    pub size: Size,
}

impl Named for PcRace {
    fn name(&self) -> &str {
        self.name
    }
}

/// The races players may choose, in ROM's order (mechanics 2.2).
#[rustfmt::skip]
pub static PC_RACES: &[PcRace] = &[
    PcRace { name: "human", race: 1, who_name: "Human", points: 0, class_mult: [100, 100, 100, 100], skills: &[],                       stats: [13, 13, 13, 13, 13], max_stats: [18, 18, 18, 18, 18], size: Size::Medium },
    PcRace { name: "elf",   race: 2, who_name: "Elf",   points: 5, class_mult: [100, 125, 100, 120], skills: &["sneak", "hide"],        stats: [12, 14, 13, 15, 11], max_stats: [16, 20, 18, 21, 15], size: Size::Small },
    PcRace { name: "dwarf", race: 3, who_name: "Dwarf", points: 8, class_mult: [150, 100, 125, 100], skills: &["berserk"],              stats: [14, 12, 14, 10, 15], max_stats: [20, 16, 19, 14, 21], size: Size::Medium },
    PcRace { name: "giant", race: 4, who_name: "Giant", points: 6, class_mult: [200, 150, 150, 105], skills: &["bash", "fast healing"], stats: [16, 11, 13, 11, 14], max_stats: [22, 15, 18, 15, 20], size: Size::Large },
];

/// The player race a word names (prefix rule).
pub fn pc_race_lookup(word: &str) -> Option<&'static PcRace> {
    prefix_lookup(PC_RACES, word.as_bytes()).and_then(|(i, _)| PC_RACES.get(i))
}

/// The player race whose [`RACES`] index is `race`, if players may be it.
pub fn pc_race_by_index(race: usize) -> Option<&'static PcRace> {
    PC_RACES.iter().find(|r| r.race == race)
}

/// The player race whose name is exactly `name` (ASCII case-insensitive):
/// for names the game wrote itself, such as a player file's `Race`.
pub fn pc_race_exact(name: &str) -> Option<&'static PcRace> {
    PC_RACES.iter().find(|r| r.name.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------
// Classes
// ---------------------------------------------------------------------------

/// A player class (mechanics 2.3). Index = class number (0 mage .. 3 warrior).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Class {
    pub name: &'static str,
    /// Three-letter tag for `who`.
    pub who_name: &'static str,
    /// Prime stat (`STAT_*`).
    pub prime_stat: usize,
    /// The "first weapon" ROM's table names (no code uses it).
    pub first_weapon: &'static str,
    /// Guild rooms other classes may not enter.
    pub guild_rooms: [i32; 2],
    /// Highest percentage reachable by practising.
    pub skill_adept: i32,
    /// To-hit numbers at level 0 and level 32.
    pub thac0_00: i32,
    pub thac0_32: i32,
    /// Hit points gained per level (before the constitution bonus).
    pub hp_min: i32,
    pub hp_max: i32,
    /// Whether the class gains full mana (casters).
    pub gains_mana: bool,
    pub base_group: &'static str,
    pub default_group: &'static str,
}

impl Named for Class {
    fn name(&self) -> &str {
        self.name
    }
}

pub const CLASS_MAGE: usize = 0;
pub const CLASS_CLERIC: usize = 1;
pub const CLASS_THIEF: usize = 2;
pub const CLASS_WARRIOR: usize = 3;

/// The classes in ROM's order (mechanics 2.3).
#[rustfmt::skip]
pub static CLASSES: &[Class] = &[
    Class { name: "mage",    who_name: "Mag", prime_stat: STAT_INT, first_weapon: "dagger", guild_rooms: [3018, 9618], skill_adept: 75, thac0_00: 20, thac0_32: 6,   hp_min: 6,  hp_max: 8,  gains_mana: true,  base_group: "mage basics",    default_group: "mage default" },
    Class { name: "cleric",  who_name: "Cle", prime_stat: STAT_WIS, first_weapon: "mace",   guild_rooms: [3003, 9619], skill_adept: 75, thac0_00: 20, thac0_32: 2,   hp_min: 7,  hp_max: 10, gains_mana: true,  base_group: "cleric basics",  default_group: "cleric default" },
    Class { name: "thief",   who_name: "Thi", prime_stat: STAT_DEX, first_weapon: "dagger", guild_rooms: [3028, 9639], skill_adept: 75, thac0_00: 20, thac0_32: -4,  hp_min: 8,  hp_max: 13, gains_mana: false, base_group: "thief basics",   default_group: "thief default" },
    Class { name: "warrior", who_name: "War", prime_stat: STAT_STR, first_weapon: "sword",  guild_rooms: [3022, 9633], skill_adept: 75, thac0_00: 20, thac0_32: -10, hp_min: 11, hp_max: 15, gains_mana: false, base_group: "warrior basics", default_group: "warrior default" },
];

/// The class number a word names (prefix rule).
pub fn class_lookup(word: &str) -> Option<usize> {
    prefix_lookup(CLASSES, word.as_bytes()).map(|(i, _)| i)
}

/// The class with number `class` (0 mage .. 3 warrior), if there is one.
pub fn class_by_number(class: i32) -> Option<&'static Class> {
    usize::try_from(class).ok().and_then(|i| CLASSES.get(i))
}

// ---------------------------------------------------------------------------
// Skills, spells and groups
// ---------------------------------------------------------------------------

/// What a skill table entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkillKind {
    /// Entry 0, a placeholder.
    Reserved,
    /// Has a spell function.
    Spell,
    /// A skill: casting it says "That's not a spell!".
    Skill,
}

/// Whom or what a spell or skill targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Ignore,
    CharOffensive,
    CharDefensive,
    CharSelf,
    ObjInv,
    ObjCharDefensive,
    ObjCharOffensive,
}

/// One skill or spell (4.21, mechanics 6.1). Its index is its [`Sn`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skill {
    pub name: &'static str,
    /// Slot number for `#OBJOLD` (0 = none).
    pub slot: i32,
    /// Level per class (mage, cleric, thief, warrior) at which it can be
    /// used; 53 = never for mortals.
    pub levels: [i32; 4],
    /// Creation/training cost and learning difficulty per class; 0 = cannot
    /// learn.
    pub costs: [i32; 4],
    pub kind: SkillKind,
    pub target: Target,
    /// Minimum position to use it.
    pub min_pos: Position,
    pub min_mana: i32,
    /// Lag in pulses.
    pub beats: i32,
    /// Damage noun in messages ("" = none).
    pub noun: &'static str,
    /// Whether ROM's code refers to this entry directly (a "gsn").
    pub gsn: bool,
}

impl Named for Skill {
    fn name(&self) -> &str {
        self.name
    }
}

/// A skill number ("sn"): the index of a row of [`SKILLS`]. Player files
/// and objects may carry numbers the table does not have (they are kept as
/// read), and an affect of no skill has `Sn(-1)`, so the number is an `i32`
/// and [`Sn::skill`] says whether it names a row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sn(pub i32);

impl Sn {
    /// No skill (ROM's -1 in an affect's type).
    pub const NONE: Sn = Sn(-1);

    /// The skill table row this number names, if any (0 is `reserved`).
    pub fn skill(self) -> Option<&'static Skill> {
        usize::try_from(self.0).ok().and_then(|i| SKILLS.get(i))
    }

    /// The name of the skill, if the table has one.
    pub fn name(self) -> Option<&'static str> {
        self.skill().map(|s| s.name)
    }

    fn of_index(i: usize) -> Option<Sn> {
        i32::try_from(i).ok().map(Sn)
    }
}

/// The skill a word names (prefix rule). Entry 0 (`reserved`) is never
/// returned.
pub fn skill_lookup(word: &str) -> Option<Sn> {
    prefix_lookup(&SKILLS[1..], word.as_bytes()).and_then(|(i, _)| Sn::of_index(i + 1))
}

/// The skill with `#OBJOLD` slot `slot` (first match: slot 53 is identify).
/// Slot 0 and negative slots find nothing.
pub fn skill_by_slot(slot: i32) -> Option<Sn> {
    if slot <= 0 {
        return None;
    }
    SKILLS
        .iter()
        .position(|s| s.slot == slot)
        .and_then(Sn::of_index)
}

/// The name of skill `sn`, if the table has one (0 is `reserved`).
pub fn skill_name(sn: Sn) -> Option<&'static str> {
    sn.name()
}

/// The skill whose name is exactly `name` (ASCII case-insensitive), entry 0
/// included: for names the game wrote itself (player files), so that every
/// number written as a name reads back as the same number.
pub fn skill_exact(name: &str) -> Option<Sn> {
    SKILLS
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(name))
        .and_then(Sn::of_index)
}

/// A skill group (mechanics 2.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: &'static str,
    /// Cost per class (mage, cleric, thief, warrior); -1 = not available,
    /// 0 = given free.
    pub costs: [i32; 4],
    /// Member skills or groups, by (prefix) name.
    pub members: &'static [&'static str],
}

impl Named for Group {
    fn name(&self) -> &str {
        self.name
    }
}

/// The group index a word names (prefix rule).
pub fn group_lookup(word: &str) -> Option<usize> {
    prefix_lookup(GROUPS, word.as_bytes()).map(|(i, _)| i)
}

/// ROM's `gsn_*`: the skills the code refers to by number, one constant
/// for every row marked gsn in [`SKILLS`] (rom-mechanics 6.1 "(gsn)"), named
/// after the skill (ROM abbreviates two: `gsn_invis` is [`gsn::INVISIBILITY`],
/// `gsn_dirt` is [`gsn::DIRT_KICKING`]).
pub mod gsn {
    use super::Sn;
    pub const BLINDNESS: Sn = Sn(4);
    pub const CHARM_PERSON: Sn = Sn(14);
    pub const CURSE: Sn = Sn(29);
    pub const INVISIBILITY: Sn = Sn(62);
    pub const MASS_INVIS: Sn = Sn(68);
    pub const PLAGUE: Sn = Sn(71);
    pub const POISON: Sn = Sn(72);
    pub const SANCTUARY: Sn = Sn(80);
    pub const SLEEP: Sn = Sn(83);
    pub const AXE: Sn = Sn(98);
    pub const DAGGER: Sn = Sn(99);
    pub const FLAIL: Sn = Sn(100);
    pub const MACE: Sn = Sn(101);
    pub const POLEARM: Sn = Sn(102);
    pub const SHIELD_BLOCK: Sn = Sn(103);
    pub const SPEAR: Sn = Sn(104);
    pub const SWORD: Sn = Sn(105);
    pub const WHIP: Sn = Sn(106);
    pub const BACKSTAB: Sn = Sn(107);
    pub const BASH: Sn = Sn(108);
    pub const BERSERK: Sn = Sn(109);
    pub const DIRT_KICKING: Sn = Sn(110);
    pub const DISARM: Sn = Sn(111);
    pub const DODGE: Sn = Sn(112);
    pub const ENHANCED_DAMAGE: Sn = Sn(113);
    pub const ENVENOM: Sn = Sn(114);
    pub const HAND_TO_HAND: Sn = Sn(115);
    pub const KICK: Sn = Sn(116);
    pub const PARRY: Sn = Sn(117);
    pub const RESCUE: Sn = Sn(118);
    pub const TRIP: Sn = Sn(119);
    pub const SECOND_ATTACK: Sn = Sn(120);
    pub const THIRD_ATTACK: Sn = Sn(121);
    pub const FAST_HEALING: Sn = Sn(122);
    pub const HAGGLE: Sn = Sn(123);
    pub const HIDE: Sn = Sn(124);
    pub const LORE: Sn = Sn(125);
    pub const MEDITATION: Sn = Sn(126);
    pub const PEEK: Sn = Sn(127);
    pub const PICK_LOCK: Sn = Sn(128);
    pub const SNEAK: Sn = Sn(129);
    pub const STEAL: Sn = Sn(130);
    pub const SCROLLS: Sn = Sn(131);
    pub const STAVES: Sn = Sn(132);
    pub const WANDS: Sn = Sn(133);
    pub const RECALL: Sn = Sn(134);
}

// ---------------------------------------------------------------------------
// Experience
// ---------------------------------------------------------------------------

/// Experience needed per level (rom-mechanics 3.1): the one copy of the
/// formula, used by creation (`nanny`), `score`, `advance` and the `%X`
/// prompt. NPCs: 1000.
pub fn exp_per_level(c: &Char) -> i64 {
    let Some(pc) = &c.pc else { return 1000 };
    let class = usize::try_from(c.class).unwrap_or(0).min(3);
    let mult = pc_race_by_index(c.race).map_or(100, |r| i64::from(r.class_mult[class]));
    let points = i64::from(pc.points);
    if points < 40 {
        return 1000 * (mult / 100);
    }
    let mut epl: i64 = 1000;
    let mut inc: i64 = 500;
    let mut p = points - 40;
    while p > 9 {
        epl += inc;
        p -= 10;
        if p > 9 {
            epl += inc;
            inc *= 2;
            p -= 10;
        }
    }
    epl += p * inc / 10;
    epl * mult / 100
}

// ---------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------

/// Races, 4.9, in table order (index = `MobProto::race`).
#[rustfmt::skip]
pub static RACES: &[Race] = &[
    Race { name: "unique",         pc: false, act: 0,            aff: 0,              off: 0,              imm: 0,                  res: 0,              vuln: 0,                form: 0,                parts: 0 },
    Race { name: "human",          pc: true,  act: 0,            aff: 0,              off: 0,              imm: 0,                  res: 0,              vuln: 0,                form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "elf",            pc: true,  act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("B"),   vuln: letters("Z"),     form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "dwarf",          pc: true,  act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("LQ"),  vuln: letters("R"),     form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "giant",          pc: true,  act: 0,            aff: 0,              off: 0,              imm: 0,                  res: letters("HI"),  vuln: letters("JP"),    form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "bat",            pc: false, act: 0,            aff: letters("TZ"),  off: letters("FH"),  imm: 0,                  res: 0,              vuln: letters("S"),     form: letters("AGV"),   parts: letters("ACDEFHJKP") },
    Race { name: "bear",           pc: false, act: 0,            aff: 0,              off: letters("DEO"), imm: 0,                  res: letters("EI"),  vuln: 0,                form: letters("AGV"),   parts: letters("ABCDEFHJKUV") },
    Race { name: "cat",            pc: false, act: 0,            aff: letters("Z"),   off: letters("FH"),  imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFHJKQUV") },
    Race { name: "centipede",      pc: false, act: 0,            aff: letters("Z"),   off: 0,              imm: 0,                  res: letters("FI"),  vuln: letters("E"),     form: letters("ABGO"),  parts: letters("ACK") },
    Race { name: "dog",            pc: false, act: 0,            aff: 0,              off: letters("H"),   imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFHJKUV") },
    Race { name: "doll",           pc: false, act: 0,            aff: 0,              off: 0,              imm: letters("ILMNPQR"), res: letters("ES"),  vuln: letters("GHJKO"), form: letters("EJMc"),  parts: letters("ABCGHK") },
    Race { name: "dragon",         pc: false, act: 0,            aff: letters("JT"),  off: 0,              imm: 0,                  res: letters("BEH"), vuln: letters("FI"),    form: letters("AHZ"),   parts: letters("ACDEFGHIJKPQUVX") },
    Race { name: "fido",           pc: false, act: 0,            aff: 0,              off: letters("FR"),  imm: 0,                  res: 0,              vuln: letters("C"),     form: letters("ABGV"),  parts: letters("ACDEFHJKQV") },
    Race { name: "fox",            pc: false, act: 0,            aff: letters("Z"),   off: letters("FH"),  imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFHJKQV") },
    Race { name: "goblin",         pc: false, act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("Q"),   vuln: letters("C"),     form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "hobgoblin",      pc: false, act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("LQ"),  vuln: 0,                form: letters("AHMV"),  parts: letters("ABCDEFGHIJKY") },
    Race { name: "kobold",         pc: false, act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("L"),   vuln: letters("C"),     form: letters("ABHMV"), parts: letters("ABCDEFGHIJKQ") },
    Race { name: "lizard",         pc: false, act: 0,            aff: 0,              off: 0,              imm: 0,                  res: letters("L"),   vuln: letters("I"),     form: letters("AGXc"),  parts: letters("ACDEFHKQV") },
    Race { name: "modron",         pc: false, act: 0,            aff: letters("J"),   off: letters("QR"),  imm: letters("BMNPQ"),   res: letters("HIK"), vuln: 0,                form: letters("H"),     parts: letters("ABCGHJK") },
    Race { name: "orc",            pc: false, act: 0,            aff: letters("J"),   off: 0,              imm: 0,                  res: letters("Q"),   vuln: letters("S"),     form: letters("AHMV"),  parts: letters("ABCDEFGHIJK") },
    Race { name: "pig",            pc: false, act: 0,            aff: 0,              off: 0,              imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFHJK") },
    Race { name: "rabbit",         pc: false, act: 0,            aff: 0,              off: letters("FH"),  imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFHJK") },
    Race { name: "school monster", pc: false, act: letters("U"), aff: 0,              off: 0,              imm: letters("AB"),      res: 0,              vuln: letters("C"),     form: letters("AMV"),   parts: letters("ABCDEFHJKQU") },
    Race { name: "snake",          pc: false, act: 0,            aff: 0,              off: 0,              imm: 0,                  res: letters("L"),   vuln: letters("I"),     form: letters("AGXYc"), parts: letters("ADEFKLQVX") },
    Race { name: "song bird",      pc: false, act: 0,            aff: letters("T"),   off: letters("FH"),  imm: 0,                  res: 0,              vuln: 0,                form: letters("AGW"),   parts: letters("ACDEFHKP") },
    Race { name: "troll",          pc: false, act: 0,            aff: letters("FJc"), off: letters("D"),   imm: 0,                  res: letters("BE"),  vuln: letters("HK"),    form: letters("ABHMV"), parts: letters("ABCDEFGHIJKUV") },
    Race { name: "water fowl",     pc: false, act: 0,            aff: letters("Tb"),  off: 0,              imm: 0,                  res: letters("R"),   vuln: 0,                form: letters("AGW"),   parts: letters("ACDEFHKP") },
    Race { name: "wolf",           pc: false, act: 0,            aff: letters("Z"),   off: letters("FH"),  imm: 0,                  res: 0,              vuln: 0,                form: letters("AGV"),   parts: letters("ACDEFJKQV") },
    Race { name: "wyvern",         pc: false, act: 0,            aff: letters("DFT"), off: letters("CFH"), imm: letters("L"),       res: 0,              vuln: letters("S"),     form: letters("ABGZ"),  parts: letters("ACDEFHJKQVX") },
    Race { name: "unique",         pc: false, act: 0,            aff: 0,              off: 0,              imm: 0,                  res: 0,              vuln: 0,                form: 0,                parts: 0 },
];

/// Skills and spells, 4.21 and rom-mechanics 6.1, in table order (index = "sn").
#[rustfmt::skip]
pub static SKILLS: &[Skill] = &[
    Skill { name: "reserved",         slot: 0,   levels: [99, 99, 99, 99], costs: [99, 99, 99, 99], kind: SkillKind::Reserved, target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 0,  noun: "",                     gsn: false },
    Skill { name: "acid blast",       slot: 70,  levels: [28, 53, 35, 32], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "acid blast",           gsn: false },
    Skill { name: "armor",            slot: 1,   levels: [7, 2, 10, 5],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "bless",            slot: 3,   levels: [53, 7, 53, 8],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjCharDefensive, min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "blindness",        slot: 4,   levels: [12, 8, 17, 15],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 5,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "burning hands",    slot: 5,   levels: [7, 53, 10, 9],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "burning hands",        gsn: false },
    Skill { name: "call lightning",   slot: 6,   levels: [26, 18, 31, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "lightning bolt",       gsn: false },
    Skill { name: "calm",             slot: 509, levels: [48, 16, 50, 20], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 30,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "cancellation",     slot: 507, levels: [18, 26, 34, 34], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "!cancellation!",       gsn: false },
    Skill { name: "cause critical",   slot: 63,  levels: [53, 13, 53, 19], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "spell",                gsn: false },
    Skill { name: "cause light",      slot: 62,  levels: [53, 1, 53, 3],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "spell",                gsn: false },
    Skill { name: "cause serious",    slot: 64,  levels: [53, 7, 53, 10],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 17,  beats: 12, noun: "spell",                gsn: false },
    Skill { name: "chain lightning",  slot: 500, levels: [33, 53, 39, 36], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 25,  beats: 12, noun: "lightning",            gsn: false },
    Skill { name: "change sex",       slot: 82,  levels: [53, 53, 53, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "charm person",     slot: 7,   levels: [20, 53, 25, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "chill touch",      slot: 8,   levels: [4, 53, 6, 6],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "chilling touch",       gsn: false },
    Skill { name: "colour spray",     slot: 10,  levels: [16, 53, 22, 20], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "colour spray",         gsn: false },
    Skill { name: "continual light",  slot: 57,  levels: [6, 4, 6, 9],     costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 7,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "control weather",  slot: 11,  levels: [15, 19, 28, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 25,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "create food",      slot: 12,  levels: [10, 5, 11, 12],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "create rose",      slot: 511, levels: [16, 11, 10, 24], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 30,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "create spring",    slot: 80,  levels: [14, 17, 23, 20], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 20,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "create water",     slot: 13,  levels: [8, 3, 12, 11],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure blindness",   slot: 14,  levels: [53, 6, 53, 8],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure critical",    slot: 15,  levels: [53, 13, 53, 19], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure disease",     slot: 501, levels: [53, 13, 53, 14], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 20,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure light",       slot: 16,  levels: [53, 1, 53, 3],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 10,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure poison",      slot: 43,  levels: [53, 14, 53, 16], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "cure serious",     slot: 61,  levels: [53, 7, 53, 10],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "curse",            slot: 17,  levels: [18, 18, 26, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjCharOffensive, min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "curse",                gsn: true },
    Skill { name: "demonfire",        slot: 505, levels: [53, 34, 53, 45], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "torments",             gsn: false },
    Skill { name: "detect evil",      slot: 18,  levels: [11, 4, 12, 53],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "detect good",      slot: 513, levels: [11, 4, 12, 53],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "detect hidden",    slot: 44,  levels: [15, 11, 12, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "detect invis",     slot: 19,  levels: [3, 8, 6, 53],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "detect magic",     slot: 20,  levels: [2, 6, 5, 53],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "detect poison",    slot: 21,  levels: [15, 7, 9, 53],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "dispel evil",      slot: 22,  levels: [53, 15, 53, 21], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "dispel evil",          gsn: false },
    Skill { name: "dispel good",      slot: 512, levels: [53, 15, 53, 21], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "dispel good",          gsn: false },
    Skill { name: "dispel magic",     slot: 59,  levels: [16, 24, 30, 30], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "earthquake",       slot: 23,  levels: [53, 10, 53, 14], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "earthquake",           gsn: false },
    Skill { name: "enchant armor",    slot: 510, levels: [16, 53, 53, 53], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 100, beats: 24, noun: "",                     gsn: false },
    Skill { name: "enchant weapon",   slot: 24,  levels: [17, 53, 53, 53], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 100, beats: 24, noun: "",                     gsn: false },
    Skill { name: "energy drain",     slot: 25,  levels: [19, 22, 26, 23], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 35,  beats: 12, noun: "energy drain",         gsn: false },
    Skill { name: "faerie fire",      slot: 72,  levels: [6, 3, 5, 8],     costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 5,   beats: 12, noun: "faerie fire",          gsn: false },
    Skill { name: "faerie fog",       slot: 73,  levels: [14, 21, 16, 24], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 12,  beats: 12, noun: "faerie fog",           gsn: false },
    Skill { name: "farsight",         slot: 521, levels: [14, 16, 16, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 36,  beats: 20, noun: "farsight",             gsn: false },
    Skill { name: "fireball",         slot: 26,  levels: [22, 53, 30, 26], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "fireball",             gsn: false },
    Skill { name: "fireproof",        slot: 523, levels: [13, 12, 19, 18], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 10,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "flamestrike",      slot: 65,  levels: [53, 20, 53, 27], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "flamestrike",          gsn: false },
    Skill { name: "fly",              slot: 56,  levels: [10, 18, 20, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 10,  beats: 18, noun: "",                     gsn: false },
    Skill { name: "floating disc",    slot: 522, levels: [4, 10, 7, 16],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 40,  beats: 24, noun: "",                     gsn: false },
    Skill { name: "frenzy",           slot: 504, levels: [53, 24, 53, 26], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 30,  beats: 24, noun: "",                     gsn: false },
    Skill { name: "gate",             slot: 83,  levels: [27, 17, 32, 28], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 80,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "giant strength",   slot: 39,  levels: [11, 53, 22, 20], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 20,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "harm",             slot: 27,  levels: [53, 23, 53, 28], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 35,  beats: 12, noun: "harm spell",           gsn: false },
    Skill { name: "haste",            slot: 502, levels: [21, 53, 26, 29], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 30,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "heal",             slot: 28,  levels: [53, 21, 33, 30], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 50,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "heat metal",       slot: 516, levels: [53, 16, 53, 23], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 25,  beats: 18, noun: "spell",                gsn: false },
    Skill { name: "holy word",        slot: 506, levels: [53, 36, 53, 42], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 200, beats: 24, noun: "divine wrath",         gsn: false },
    Skill { name: "identify",         slot: 53,  levels: [15, 16, 18, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 12,  beats: 24, noun: "",                     gsn: false },
    Skill { name: "infravision",      slot: 77,  levels: [9, 13, 10, 16],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 5,   beats: 18, noun: "",                     gsn: false },
    Skill { name: "invisibility",     slot: 29,  levels: [5, 53, 9, 53],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjCharDefensive, min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "know alignment",   slot: 58,  levels: [12, 9, 20, 53],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::FIGHTING, min_mana: 9,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "lightning bolt",   slot: 30,  levels: [13, 23, 18, 16], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "lightning bolt",       gsn: false },
    Skill { name: "locate object",    slot: 31,  levels: [9, 15, 11, 53],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 20,  beats: 18, noun: "",                     gsn: false },
    Skill { name: "magic missile",    slot: 32,  levels: [1, 53, 2, 2],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "magic missile",        gsn: false },
    Skill { name: "mass healing",     slot: 508, levels: [53, 38, 53, 46], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 100, beats: 36, noun: "",                     gsn: false },
    Skill { name: "mass invis",       slot: 69,  levels: [22, 25, 31, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 20,  beats: 24, noun: "",                     gsn: true },
    Skill { name: "nexus",            slot: 520, levels: [40, 35, 50, 45], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 150, beats: 36, noun: "",                     gsn: false },
    Skill { name: "pass door",        slot: 74,  levels: [24, 32, 25, 37], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 20,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "plague",           slot: 503, levels: [23, 17, 36, 26], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "sickness",             gsn: true },
    Skill { name: "poison",           slot: 33,  levels: [17, 12, 15, 21], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjCharOffensive, min_pos: pos::FIGHTING, min_mana: 10,  beats: 12, noun: "poison",               gsn: true },
    Skill { name: "portal",           slot: 519, levels: [35, 30, 45, 40], costs: [2, 2, 4, 4],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 100, beats: 24, noun: "",                     gsn: false },
    Skill { name: "protection evil",  slot: 34,  levels: [12, 9, 17, 11],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "protection good",  slot: 514, levels: [12, 9, 17, 11],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "ray of truth",     slot: 518, levels: [53, 35, 53, 47], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "ray of truth",         gsn: false },
    Skill { name: "recharge",         slot: 517, levels: [9, 53, 53, 53],  costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjInv,           min_pos: pos::STANDING, min_mana: 60,  beats: 24, noun: "",                     gsn: false },
    Skill { name: "refresh",          slot: 81,  levels: [8, 5, 12, 9],    costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 12,  beats: 18, noun: "refresh",              gsn: false },
    Skill { name: "remove curse",     slot: 35,  levels: [53, 18, 53, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::ObjCharDefensive, min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "sanctuary",        slot: 36,  levels: [36, 20, 42, 30], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 75,  beats: 12, noun: "",                     gsn: true },
    Skill { name: "shield",           slot: 67,  levels: [20, 35, 35, 40], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharDefensive,    min_pos: pos::STANDING, min_mana: 12,  beats: 18, noun: "",                     gsn: false },
    Skill { name: "shocking grasp",   slot: 53,  levels: [10, 53, 14, 13], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 15,  beats: 12, noun: "shocking grasp",       gsn: false },
    Skill { name: "sleep",            slot: 38,  levels: [10, 53, 11, 53], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::STANDING, min_mana: 15,  beats: 12, noun: "",                     gsn: true },
    Skill { name: "slow",             slot: 515, levels: [23, 30, 29, 32], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 30,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "stone skin",       slot: 66,  levels: [25, 40, 40, 45], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::STANDING, min_mana: 12,  beats: 18, noun: "",                     gsn: false },
    Skill { name: "summon",           slot: 40,  levels: [24, 12, 29, 22], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 50,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "teleport",         slot: 2,   levels: [13, 22, 25, 36], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::FIGHTING, min_mana: 35,  beats: 12, noun: "",                     gsn: false },
    Skill { name: "ventriloquate",    slot: 41,  levels: [1, 53, 2, 53],   costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "weaken",           slot: 68,  levels: [11, 14, 16, 17], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 20,  beats: 12, noun: "spell",                gsn: false },
    Skill { name: "word of recall",   slot: 42,  levels: [32, 28, 40, 30], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharSelf,         min_pos: pos::RESTING,  min_mana: 5,   beats: 12, noun: "",                     gsn: false },
    Skill { name: "acid breath",      slot: 200, levels: [31, 32, 33, 34], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 100, beats: 24, noun: "blast of acid",        gsn: false },
    Skill { name: "fire breath",      slot: 201, levels: [40, 45, 50, 51], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 200, beats: 24, noun: "blast of flame",       gsn: false },
    Skill { name: "frost breath",     slot: 202, levels: [34, 36, 38, 40], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 125, beats: 24, noun: "blast of frost",       gsn: false },
    Skill { name: "gas breath",       slot: 203, levels: [39, 43, 47, 50], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 175, beats: 24, noun: "blast of gas",         gsn: false },
    Skill { name: "lightning breath", slot: 204, levels: [37, 40, 43, 46], costs: [1, 1, 2, 2],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 150, beats: 24, noun: "blast of lightning",   gsn: false },
    Skill { name: "general purpose",  slot: 401, levels: [53, 53, 53, 53], costs: [0, 0, 0, 0],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 0,   beats: 12, noun: "general purpose ammo", gsn: false },
    Skill { name: "high explosive",   slot: 402, levels: [53, 53, 53, 53], costs: [0, 0, 0, 0],     kind: SkillKind::Spell,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 0,   beats: 12, noun: "high explosive ammo",  gsn: false },
    Skill { name: "axe",              slot: 0,   levels: [1, 1, 1, 1],     costs: [6, 6, 5, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "dagger",           slot: 0,   levels: [1, 1, 1, 1],     costs: [2, 3, 2, 2],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "flail",            slot: 0,   levels: [1, 1, 1, 1],     costs: [6, 3, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "mace",             slot: 0,   levels: [1, 1, 1, 1],     costs: [5, 2, 3, 3],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "polearm",          slot: 0,   levels: [1, 1, 1, 1],     costs: [6, 6, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "shield block",     slot: 0,   levels: [1, 1, 1, 1],     costs: [6, 4, 6, 2],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "spear",            slot: 0,   levels: [1, 1, 1, 1],     costs: [4, 4, 4, 3],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "sword",            slot: 0,   levels: [1, 1, 1, 1],     costs: [5, 6, 3, 2],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "whip",             slot: 0,   levels: [1, 1, 1, 1],     costs: [6, 5, 5, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "backstab",         slot: 0,   levels: [53, 53, 1, 53],  costs: [0, 0, 5, 0],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 24, noun: "backstab",             gsn: true },
    Skill { name: "bash",             slot: 0,   levels: [53, 53, 53, 1],  costs: [0, 0, 0, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 24, noun: "bash",                 gsn: true },
    Skill { name: "berserk",          slot: 0,   levels: [53, 53, 53, 18], costs: [0, 0, 0, 5],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 24, noun: "",                     gsn: true },
    Skill { name: "dirt kicking",     slot: 0,   levels: [53, 53, 3, 3],   costs: [0, 0, 4, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 24, noun: "kicked dirt",          gsn: true },
    Skill { name: "disarm",           slot: 0,   levels: [53, 53, 12, 11], costs: [0, 0, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 24, noun: "",                     gsn: true },
    Skill { name: "dodge",            slot: 0,   levels: [20, 22, 1, 13],  costs: [8, 8, 4, 6],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "enhanced damage",  slot: 0,   levels: [45, 30, 25, 1],  costs: [10, 9, 5, 3],    kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "envenom",          slot: 0,   levels: [53, 53, 10, 53], costs: [0, 0, 4, 0],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::RESTING,  min_mana: 0,   beats: 36, noun: "",                     gsn: true },
    Skill { name: "hand to hand",     slot: 0,   levels: [25, 10, 15, 6],  costs: [8, 5, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "kick",             slot: 0,   levels: [53, 12, 14, 8],  costs: [0, 4, 6, 3],     kind: SkillKind::Skill,    target: Target::CharOffensive,    min_pos: pos::FIGHTING, min_mana: 0,   beats: 12, noun: "kick",                 gsn: true },
    Skill { name: "parry",            slot: 0,   levels: [22, 20, 13, 1],  costs: [8, 8, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "rescue",           slot: 0,   levels: [53, 53, 53, 1],  costs: [0, 0, 0, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "trip",             slot: 0,   levels: [53, 53, 1, 15],  costs: [0, 0, 4, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 24, noun: "trip",                 gsn: true },
    Skill { name: "second attack",    slot: 0,   levels: [30, 24, 12, 5],  costs: [10, 8, 5, 3],    kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "third attack",     slot: 0,   levels: [53, 53, 24, 12], costs: [0, 0, 10, 4],    kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::FIGHTING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "fast healing",     slot: 0,   levels: [15, 9, 16, 6],   costs: [8, 5, 6, 4],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::SLEEPING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "haggle",           slot: 0,   levels: [7, 18, 1, 14],   costs: [5, 8, 3, 6],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::RESTING,  min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "hide",             slot: 0,   levels: [53, 53, 1, 12],  costs: [0, 0, 4, 6],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::RESTING,  min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "lore",             slot: 0,   levels: [10, 10, 6, 20],  costs: [6, 6, 4, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::RESTING,  min_mana: 0,   beats: 36, noun: "",                     gsn: true },
    Skill { name: "meditation",       slot: 0,   levels: [6, 6, 15, 15],   costs: [5, 5, 8, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::SLEEPING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "peek",             slot: 0,   levels: [8, 21, 1, 14],   costs: [5, 7, 3, 6],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 0,  noun: "",                     gsn: true },
    Skill { name: "pick lock",        slot: 0,   levels: [25, 25, 7, 25],  costs: [8, 8, 4, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "sneak",            slot: 0,   levels: [53, 53, 4, 10],  costs: [0, 0, 4, 6],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "steal",            slot: 0,   levels: [53, 53, 5, 53],  costs: [0, 0, 4, 0],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 24, noun: "",                     gsn: true },
    Skill { name: "scrolls",          slot: 0,   levels: [1, 1, 1, 1],     costs: [2, 3, 5, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 24, noun: "",                     gsn: true },
    Skill { name: "staves",           slot: 0,   levels: [1, 1, 1, 1],     costs: [2, 3, 5, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "wands",            slot: 0,   levels: [1, 1, 1, 1],     costs: [2, 3, 5, 8],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
    Skill { name: "recall",           slot: 0,   levels: [1, 1, 1, 1],     costs: [2, 2, 2, 2],     kind: SkillKind::Skill,    target: Target::Ignore,           min_pos: pos::STANDING, min_mana: 0,   beats: 12, noun: "",                     gsn: true },
];

/// Skill groups, rom-mechanics 2.4, in table order.
#[rustfmt::skip]
pub static GROUPS: &[Group] = &[
    Group { name: "rom basics", costs: [0, 0, 0, 0], members: &["scrolls", "staves", "wands", "recall"] },
    Group { name: "mage basics", costs: [0, -1, -1, -1], members: &["dagger"] },
    Group { name: "cleric basics", costs: [-1, 0, -1, -1], members: &["mace"] },
    Group { name: "thief basics", costs: [-1, -1, 0, -1], members: &["dagger", "steal"] },
    Group { name: "warrior basics", costs: [-1, -1, -1, 0], members: &["sword", "second attack"] },
    Group { name: "mage default", costs: [40, -1, -1, -1], members: &["lore", "beguiling", "combat", "detection", "enhancement", "illusion", "maladictions", "protective", "transportation", "weather"] },
    Group { name: "cleric default", costs: [-1, 40, -1, -1], members: &["flail", "attack", "creation", "curative", "benedictions", "detection", "healing", "maladictions", "protective", "shield block", "transportation", "weather"] },
    Group { name: "thief default", costs: [-1, -1, 40, -1], members: &["mace", "sword", "backstab", "disarm", "dodge", "second attack", "trip", "hide", "peek", "pick lock", "sneak"] },
    Group { name: "warrior default", costs: [-1, -1, -1, 40], members: &["weaponsmaster", "shield block", "bash", "disarm", "enhanced damage", "parry", "rescue", "third attack"] },
    Group { name: "weaponsmaster", costs: [40, 40, 40, 20], members: &["axe", "dagger", "flail", "mace", "polearm", "spear", "sword", "whip"] },
    Group { name: "attack", costs: [-1, 5, -1, 8], members: &["demonfire", "dispel evil", "dispel good", "earthquake", "flamestrike", "heat metal", "ray of truth"] },
    Group { name: "beguiling", costs: [4, -1, 6, -1], members: &["calm", "charm person", "sleep"] },
    Group { name: "benedictions", costs: [-1, 4, -1, 8], members: &["bless", "calm", "frenzy", "holy word", "remove curse"] },
    Group { name: "combat", costs: [6, -1, 10, 9], members: &["acid blast", "burning hands", "chain lightning", "chill touch", "colour spray", "fireball", "lightning bolt", "magic missile", "shocking grasp"] },
    Group { name: "creation", costs: [4, 4, 8, 8], members: &["continual light", "create food", "create spring", "create water", "create rose", "floating disc"] },
    Group { name: "curative", costs: [-1, 4, -1, 8], members: &["cure blindness", "cure disease", "cure poison"] },
    Group { name: "detection", costs: [4, 3, 6, -1], members: &["detect evil", "detect good", "detect hidden", "detect invis", "detect magic", "detect poison", "farsight", "identify", "know alignment", "locate object"] },
    Group { name: "draconian", costs: [8, -1, -1, -1], members: &["acid breath", "fire breath", "frost breath", "gas breath", "lightning breath"] },
    Group { name: "enchantment", costs: [6, -1, -1, -1], members: &["enchant armor", "enchant weapon", "fireproof", "recharge"] },
    Group { name: "enhancement", costs: [5, -1, 9, 9], members: &["giant strength", "haste", "infravision", "refresh"] },
    Group { name: "harmful", costs: [-1, 3, -1, 6], members: &["cause critical", "cause light", "cause serious", "harm"] },
    Group { name: "healing", costs: [-1, 3, -1, 6], members: &["cure critical", "cure light", "cure serious", "heal", "mass healing", "refresh"] },
    Group { name: "illusion", costs: [4, -1, 7, -1], members: &["invis", "mass invis", "ventriloquate"] },
    Group { name: "maladictions", costs: [5, 5, 9, 9], members: &["blindness", "change sex", "curse", "energy drain", "plague", "poison", "slow", "weaken"] },
    Group { name: "protective", costs: [4, 4, 7, 8], members: &["armor", "cancellation", "dispel magic", "fireproof", "protection evil", "protection good", "sanctuary", "shield", "stone skin"] },
    Group { name: "transportation", costs: [4, 4, 8, 9], members: &["fly", "gate", "nexus", "pass door", "portal", "summon", "teleport", "word of recall"] },
    Group { name: "weather", costs: [4, 4, 8, 8], members: &["call lightning", "control weather", "faerie fire", "faerie fog", "lightning bolt"] },
];

/// ROM's gn_add/group_add (rom-mechanics 2.4): make every member of group
/// `group` known (skills at 1 % unless already known; member groups
/// recursively) and record the group. Returns false for an unknown name.
pub fn group_add(pc: &mut crate::world::PcData, name: &str) -> bool {
    group_add_depth(pc, name, 0)
}

fn group_add_depth(pc: &mut crate::world::PcData, name: &str, depth: u32) -> bool {
    let Some(g) = GROUPS.iter().find(|g| g.name.eq_ignore_ascii_case(name)) else {
        return false;
    };
    if !pc.groups.iter().any(|k| k.eq_ignore_ascii_case(g.name)) {
        pc.groups.push(g.name.to_string());
    }
    if depth > 4 {
        return true;
    }
    for member in g.members {
        if let Some(sn) = skill_lookup(member) {
            let pct = pc.learned.entry(sn).or_insert(0);
            if *pct == 0 {
                *pct = 1;
            }
        } else if let Some(i) = group_lookup(member) {
            if let Some(sub) = GROUPS.get(i) {
                group_add_depth(pc, sub.name, depth + 1);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_tables_follow_rom() {
        assert_eq!(str_app(18), &s(2, 3, 200, 25));
        assert_eq!(str_app(17).wield, 22);
        assert_eq!(str_app(3).carry, 10);
        assert_eq!(int_app(25).learn, 85);
        assert_eq!(wis_app(18).practice, 3);
        assert_eq!(dex_app(15).defensive, -10);
        assert_eq!(dex_app(25).defensive, -120);
        assert_eq!(con_app(16), &c(2, 95));
        // Out-of-range stats use the nearest row.
        assert_eq!(str_app(-3), &STR_APP[0]);
        assert_eq!(con_app(40), &CON_APP[25]);
    }

    #[test]
    fn prefix_rule() {
        assert_eq!(race_lookup("unique"), Some(0));
        assert_eq!(race_lookup("school monster"), Some(22));
        assert_eq!(skill_lookup("fire"), Some(Sn(47)));
        assert_eq!(skill_lookup("invis"), Some(gsn::INVISIBILITY));
        assert_eq!(skill_lookup("reserved"), None);
        assert_eq!(class_lookup("war"), Some(CLASS_WARRIOR));
        assert_eq!(pc_race_lookup("gi").map(|r| r.race), Some(4));
        assert_eq!(
            group_lookup("weapons").map(|g| GROUPS[g].name),
            Some("weaponsmaster")
        );
    }

    #[test]
    fn table_sizes_and_spot_values() {
        assert_eq!(RACES.len(), 30);
        assert!(RACES[1..=4].iter().all(|r| r.pc));
        assert_eq!(RACES[11].res, letters("BEH"));
        assert_eq!(RACES[10].form, letters("EJMc"));
        assert_eq!(SKILLS.len(), 135);
        assert_eq!(SKILLS[82].name, "shocking grasp");
        assert_eq!(
            skill_by_slot(53),
            Some(Sn(60)),
            "slot 53 finds identify first"
        );
        assert_eq!(skill_by_slot(0), None);
        assert_eq!(gsn::RECALL.name(), Some("recall"));
        assert_eq!(GROUPS.len(), 27);
        assert_eq!(CLASSES[CLASS_THIEF].thac0_32, -4);
        assert_eq!(PC_RACES[2].max_stats, [20, 16, 19, 14, 21]);
    }

    #[test]
    fn every_group_member_and_race_skill_resolves() {
        for g in GROUPS {
            for m in g.members {
                assert!(
                    skill_lookup(m).is_some() || group_lookup(m).is_some(),
                    "{}: {m}",
                    g.name
                );
            }
        }
        for r in PC_RACES {
            assert_eq!(RACES[r.race].name, r.name);
            for s in r.skills {
                assert!(skill_lookup(s).is_some(), "{s}");
            }
        }
        for c in CLASSES {
            assert!(group_lookup(c.base_group).is_some());
            assert!(group_lookup(c.default_group).is_some());
        }
    }

    #[test]
    fn lookups_by_number_and_exact_name() {
        assert_eq!(pc_race_by_index(2).map(|r| r.name), Some("elf"));
        assert!(pc_race_by_index(0).is_none() && pc_race_by_index(5).is_none());
        assert_eq!(pc_race_exact("DWARF").map(|r| r.race), Some(3));
        assert!(pc_race_exact("dw").is_none() && pc_race_exact("orc").is_none());
        assert_eq!(class_by_number(3).map(|c| c.name), Some("warrior"));
        assert!(class_by_number(-1).is_none() && class_by_number(4).is_none());
        assert_eq!(skill_name(gsn::SWORD), Some("sword"));
        assert_eq!(skill_name(Sn(0)), Some("reserved"));
        assert!(skill_name(Sn::NONE).is_none() && Sn(SKILLS.len() as i32).skill().is_none());
        assert_eq!(skill_exact("Sword"), Some(gsn::SWORD));
        assert!(skill_exact("swo").is_none());
        // Every skill number survives name and back (player files rely on it).
        for (i, s) in SKILLS.iter().enumerate() {
            assert_eq!(skill_exact(s.name), Some(Sn(i as i32)), "{}", s.name);
        }
    }

    /// Every gsn constant names the row it claims, and every row marked gsn
    /// has its constant.
    #[test]
    fn gsn_constants_name_their_rows() {
        let named = [
            (gsn::BLINDNESS, "blindness"),
            (gsn::CHARM_PERSON, "charm person"),
            (gsn::CURSE, "curse"),
            (gsn::INVISIBILITY, "invisibility"),
            (gsn::MASS_INVIS, "mass invis"),
            (gsn::PLAGUE, "plague"),
            (gsn::POISON, "poison"),
            (gsn::SANCTUARY, "sanctuary"),
            (gsn::SLEEP, "sleep"),
            (gsn::AXE, "axe"),
            (gsn::DAGGER, "dagger"),
            (gsn::FLAIL, "flail"),
            (gsn::MACE, "mace"),
            (gsn::POLEARM, "polearm"),
            (gsn::SHIELD_BLOCK, "shield block"),
            (gsn::SPEAR, "spear"),
            (gsn::SWORD, "sword"),
            (gsn::WHIP, "whip"),
            (gsn::BACKSTAB, "backstab"),
            (gsn::BASH, "bash"),
            (gsn::BERSERK, "berserk"),
            (gsn::DIRT_KICKING, "dirt kicking"),
            (gsn::DISARM, "disarm"),
            (gsn::DODGE, "dodge"),
            (gsn::ENHANCED_DAMAGE, "enhanced damage"),
            (gsn::ENVENOM, "envenom"),
            (gsn::HAND_TO_HAND, "hand to hand"),
            (gsn::KICK, "kick"),
            (gsn::PARRY, "parry"),
            (gsn::RESCUE, "rescue"),
            (gsn::TRIP, "trip"),
            (gsn::SECOND_ATTACK, "second attack"),
            (gsn::THIRD_ATTACK, "third attack"),
            (gsn::FAST_HEALING, "fast healing"),
            (gsn::HAGGLE, "haggle"),
            (gsn::HIDE, "hide"),
            (gsn::LORE, "lore"),
            (gsn::MEDITATION, "meditation"),
            (gsn::PEEK, "peek"),
            (gsn::PICK_LOCK, "pick lock"),
            (gsn::SNEAK, "sneak"),
            (gsn::STEAL, "steal"),
            (gsn::SCROLLS, "scrolls"),
            (gsn::STAVES, "staves"),
            (gsn::WANDS, "wands"),
            (gsn::RECALL, "recall"),
        ];
        for (sn, name) in named {
            assert_eq!(sn.name(), Some(name));
            assert!(
                sn.skill().is_some_and(|s| s.gsn),
                "{name} is not marked gsn"
            );
        }
        assert_eq!(SKILLS.iter().filter(|s| s.gsn).count(), named.len());
    }

    #[test]
    fn exp_per_level_matches_the_table() {
        let mut c = Char {
            pc: Some(Box::default()),
            race: 1,
            class: 0,
            ..Char::default()
        };
        for (points, epl) in [
            (40, 1000),
            (41, 1050),
            (45, 1250),
            (60, 2000),
            (100, 8000),
            (160, 64000),
        ] {
            if let Some(pc) = c.pc.as_mut() {
                pc.points = points;
            }
            assert_eq!(exp_per_level(&c), epl, "points {points}");
        }
        c.race = 2;
        c.class = 1;
        if let Some(pc) = c.pc.as_mut() {
            pc.points = 45;
        }
        assert_eq!(exp_per_level(&c), 1562);
        assert_eq!(exp_per_level(&Char::default()), 1000, "mobiles");
    }
}
