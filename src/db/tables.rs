//! ROM 2.4 vocabularies: the tables that turn words and letters in area files
//! into numbers, and the per-race, per-class and per-skill data the game uses.
//!
//! Section numbers (4.x) refer to `rom-area-format.md`; "mechanics" sections
//! to `rom-mechanics.md`. Every table is in ROM's own order, because ROM's
//! lookups are order-sensitive: a word from a file matches an entry when it is
//! a case-insensitive **prefix** of the entry's name, and the first matching
//! entry wins (1.10); the empty word matches nothing. [`prefix_lookup`]
//! implements that rule once for every table.
//!
//! This module is data and pure lookups only: it does not read files (see
//! `reader`/`sections`) and holds no game logic.

use crate::world::flags::*;

/// The bit of one flag letter (`A`..`Z` = bits 0..25, `a`..`f` = bits 26..31),
/// or 0 for any other byte.
pub const fn letter_bit(c: u8) -> Flags {
    match c {
        b'A'..=b'Z' => 1 << (c - b'A'),
        b'a'..=b'f' => 1 << (26 + (c - b'a')),
        _ => 0,
    }
}

/// The flag set written as a run of letters (`"AHMV"`), as in the tables of
/// the format document. Usable in constants.
pub const fn letters(s: &str) -> Flags {
    let b = s.as_bytes();
    let mut i = 0;
    let mut v = 0;
    while i < b.len() {
        v |= letter_bit(b[i]);
        i += 1;
    }
    v
}

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

/// [`prefix_lookup`] returning the entry.
fn find<'t, T: Named>(table: &'t [T], word: &str) -> Option<&'t T> {
    prefix_lookup(table, word.as_bytes()).map(|(i, _)| &table[i])
}

// ---------------------------------------------------------------------------
// Flag tables
// ---------------------------------------------------------------------------

/// One named bit of a flag set (the OLC/table name of 4.3–4.24).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagName {
    pub bit: Flags,
    pub name: &'static str,
}

impl FlagName {
    /// The entry for file letter `letter` (`b'A'`..`b'Z'`, `b'a'`..`b'f'`).
    pub const fn new(letter: u8, name: &'static str) -> Self {
        FlagName {
            bit: letter_bit(letter),
            name,
        }
    }
}

impl Named for FlagName {
    fn name(&self) -> &str {
        self.name
    }
}

/// The bit named `word` in a flag table (prefix rule).
pub fn flag_lookup(table: &[FlagName], word: &str) -> Option<Flags> {
    find(table, word).map(|f| f.bit)
}

/// The names of the bits set in `bits`, space-separated, in table order;
/// bits the table does not name are ignored. `"none"` for an empty result.
pub fn flag_string(table: &[FlagName], bits: Flags) -> String {
    let mut out = String::new();
    for f in table.iter().filter(|f| bits & f.bit != 0) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(f.name);
    }
    if out.is_empty() {
        out.push_str("none");
    }
    out
}

/// The bits of `bits` that `table` does not name.
pub fn unknown_bits(table: &[FlagName], bits: Flags) -> Flags {
    bits & !table.iter().fold(0, |acc, f| acc | f.bit)
}

/// Container flags (container v1), 4.20.
pub static CONTAINER_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "closeable"),
    FlagName::new(b'B', "pickproof"),
    FlagName::new(b'C', "closed"),
    FlagName::new(b'D', "locked"),
    FlagName::new(b'E', "puton"),
];

// ---------------------------------------------------------------------------
// Item types and object values
// ---------------------------------------------------------------------------

/// How the five values of an object are read, by item type (3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueLayout {
    /// Five flag-reader fields (numbers, letter masks, negatives allowed).
    Flags,
    /// Class word, dice count, dice sides, attack word, weapon flags.
    Weapon,
    /// Capacity, container flags, key vnum, max item weight, weight multiplier.
    Container,
    /// Capacity, current amount, liquid word, poisoned number, unused.
    Drink,
    /// Spell level, max charges, charges, spell word, unused.
    WandStaff,
    /// Spell level and four spell words.
    PotionPillScroll,
}

/// An item type (4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemType {
    pub number: i32,
    pub name: &'static str,
    pub values: ValueLayout,
}

impl Named for ItemType {
    fn name(&self) -> &str {
        self.name
    }
}

const fn it(number: i32, name: &'static str, values: ValueLayout) -> ItemType {
    ItemType {
        number,
        name,
        values,
    }
}

/// Item types in ROM's table order (4.2).
pub static ITEM_TYPES: &[ItemType] = &[
    it(1, "light", ValueLayout::Flags),
    it(2, "scroll", ValueLayout::PotionPillScroll),
    it(3, "wand", ValueLayout::WandStaff),
    it(4, "staff", ValueLayout::WandStaff),
    it(5, "weapon", ValueLayout::Weapon),
    it(8, "treasure", ValueLayout::Flags),
    it(9, "armor", ValueLayout::Flags),
    it(10, "potion", ValueLayout::PotionPillScroll),
    it(11, "clothing", ValueLayout::Flags),
    it(12, "furniture", ValueLayout::Flags),
    it(13, "trash", ValueLayout::Flags),
    it(15, "container", ValueLayout::Container),
    it(17, "drink", ValueLayout::Drink),
    it(18, "key", ValueLayout::Flags),
    it(19, "food", ValueLayout::Flags),
    it(20, "money", ValueLayout::Flags),
    it(22, "boat", ValueLayout::Flags),
    it(23, "npc_corpse", ValueLayout::Flags),
    it(24, "pc_corpse", ValueLayout::Flags),
    it(25, "fountain", ValueLayout::Drink),
    it(26, "pill", ValueLayout::PotionPillScroll),
    it(27, "protect", ValueLayout::Flags),
    it(28, "map", ValueLayout::Flags),
    it(29, "portal", ValueLayout::Flags),
    it(30, "warp_stone", ValueLayout::Flags),
    it(31, "room_key", ValueLayout::Flags),
    it(32, "gem", ValueLayout::Flags),
    it(33, "jewelry", ValueLayout::Flags),
    it(34, "jukebox", ValueLayout::Flags),
];

/// The item type a file word names (prefix rule).
pub fn item_type_lookup(word: &str) -> Option<&'static ItemType> {
    find(ITEM_TYPES, word)
}

/// The item type with ROM number `number` (`#OBJOLD`, shops, player files).
pub fn item_type_by_number(number: i32) -> Option<&'static ItemType> {
    ITEM_TYPES.iter().find(|t| t.number == number)
}

/// The name of item type `number`, or `"unknown"`.
pub fn item_type_name(number: i32) -> &'static str {
    item_type_by_number(number).map_or("unknown", |t| t.name)
}

/// The class names by class number (`WEAPON_CLASS_NAMES[3]` is `"spear"`).
pub const WEAPON_CLASS_NAMES: [&str; 9] = [
    "exotic", "sword", "dagger", "spear", "mace", "axe", "flail", "whip", "polearm",
];

/// A row of ROM's weapon table: the word files use and the class it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeaponClass {
    pub name: &'static str,
    pub class: i32,
    /// The skill (index into [`SKILLS`] by name) that governs the class.
    pub skill: &'static str,
}

impl Named for WeaponClass {
    fn name(&self) -> &str {
        self.name
    }
}

/// ROM's weapon table in its order (4.5). It has no `exotic` entry (a word
/// that matches nothing means exotic) and spells the spear class `staff`.
pub static WEAPON_CLASSES: &[WeaponClass] = &[
    WeaponClass {
        name: "sword",
        class: WEAPON_SWORD,
        skill: "sword",
    },
    WeaponClass {
        name: "mace",
        class: WEAPON_MACE,
        skill: "mace",
    },
    WeaponClass {
        name: "dagger",
        class: WEAPON_DAGGER,
        skill: "dagger",
    },
    WeaponClass {
        name: "axe",
        class: WEAPON_AXE,
        skill: "axe",
    },
    WeaponClass {
        name: "staff",
        class: WEAPON_SPEAR,
        skill: "spear",
    },
    WeaponClass {
        name: "flail",
        class: WEAPON_FLAIL,
        skill: "flail",
    },
    WeaponClass {
        name: "whip",
        class: WEAPON_WHIP,
        skill: "whip",
    },
    WeaponClass {
        name: "polearm",
        class: WEAPON_POLEARM,
        skill: "polearm",
    },
];

/// The weapon class a file word names, by ROM's table (no fallback: the
/// caller decides what an unknown word means; ROM makes it exotic).
pub fn weapon_class_lookup(word: &str) -> Option<i32> {
    find(WEAPON_CLASSES, word).map(|w| w.class)
}

// ---------------------------------------------------------------------------
// Damage classes and attacks
// ---------------------------------------------------------------------------

/// Damage class names by number (4.7).
pub const DAM_CLASS_NAMES: [&str; 20] = [
    "none",
    "bash",
    "pierce",
    "slash",
    "fire",
    "cold",
    "lightning",
    "acid",
    "poison",
    "negative",
    "holy",
    "energy",
    "mental",
    "disease",
    "drowning",
    "light",
    "other",
    "harm",
    "charm",
    "sound",
];

/// An attack noun (4.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attack {
    /// The word in area files.
    pub name: &'static str,
    /// The noun in damage messages.
    pub noun: &'static str,
    /// Damage class (`DAM_*`); `DAM_NONE` for index 0.
    pub dam_class: i32,
}

impl Named for Attack {
    fn name(&self) -> &str {
        self.name
    }
}

/// The attack index a file word names (prefix rule).
pub fn attack_lookup(word: &str) -> Option<usize> {
    prefix_lookup(ATTACKS, word.as_bytes()).map(|(i, _)| i)
}

// ---------------------------------------------------------------------------
// Liquids
// ---------------------------------------------------------------------------

/// A liquid (4.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Liquid {
    pub name: &'static str,
    pub color: &'static str,
    /// Alcohol (drunk condition), per sip scaled by the game.
    pub proof: i32,
    /// Fullness.
    pub full: i32,
    /// Thirst relief (negative makes thirstier).
    pub thirst: i32,
    /// Hunger relief.
    pub food: i32,
    /// Amount per sip.
    pub sip: i32,
}

impl Liquid {
    /// ROM's `liq_affect` array: proof, full, thirst, food, sip size.
    pub const fn affect(&self) -> [i32; 5] {
        [self.proof, self.full, self.thirst, self.food, self.sip]
    }
}

impl Named for Liquid {
    fn name(&self) -> &str {
        self.name
    }
}

/// The liquid index a file word names (prefix rule).
pub fn liquid_lookup(word: &str) -> Option<usize> {
    prefix_lookup(LIQUIDS, word.as_bytes()).map(|(i, _)| i)
}

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

/// Stat names, in ROM's order (`STAT_STR` ..).
pub const STAT_NAMES: [&str; 5] = ["str", "int", "wis", "dex", "con"];

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
    /// Size (`SIZE_*`).
    pub size: i32,
}

impl Named for PcRace {
    fn name(&self) -> &str {
        self.name
    }
}

/// The races players may choose, in ROM's order (mechanics 2.2).
pub static PC_RACES: &[PcRace] = &[
    PcRace {
        name: "human",
        race: 1,
        who_name: "Human",
        points: 0,
        class_mult: [100, 100, 100, 100],
        skills: &[],
        stats: [13, 13, 13, 13, 13],
        max_stats: [18, 18, 18, 18, 18],
        size: SIZE_MEDIUM,
    },
    PcRace {
        name: "elf",
        race: 2,
        who_name: "Elf",
        points: 5,
        class_mult: [100, 125, 100, 120],
        skills: &["sneak", "hide"],
        stats: [12, 14, 13, 15, 11],
        max_stats: [16, 20, 18, 21, 15],
        size: SIZE_SMALL,
    },
    PcRace {
        name: "dwarf",
        race: 3,
        who_name: "Dwarf",
        points: 8,
        class_mult: [150, 100, 125, 100],
        skills: &["berserk"],
        stats: [14, 12, 14, 10, 15],
        max_stats: [20, 16, 19, 14, 21],
        size: SIZE_MEDIUM,
    },
    PcRace {
        name: "giant",
        race: 4,
        who_name: "Giant",
        points: 6,
        class_mult: [200, 150, 150, 105],
        skills: &["bash", "fast healing"],
        stats: [16, 11, 13, 11, 14],
        max_stats: [22, 15, 18, 15, 20],
        size: SIZE_LARGE,
    },
];

/// The player race a word names (prefix rule).
pub fn pc_race_lookup(word: &str) -> Option<&'static PcRace> {
    find(PC_RACES, word)
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
pub static CLASSES: &[Class] = &[
    Class {
        name: "mage",
        who_name: "Mag",
        prime_stat: STAT_INT,
        first_weapon: "dagger",
        guild_rooms: [3018, 9618],
        skill_adept: 75,
        thac0_00: 20,
        thac0_32: 6,
        hp_min: 6,
        hp_max: 8,
        gains_mana: true,
        base_group: "mage basics",
        default_group: "mage default",
    },
    Class {
        name: "cleric",
        who_name: "Cle",
        prime_stat: STAT_WIS,
        first_weapon: "mace",
        guild_rooms: [3003, 9619],
        skill_adept: 75,
        thac0_00: 20,
        thac0_32: 2,
        hp_min: 7,
        hp_max: 10,
        gains_mana: true,
        base_group: "cleric basics",
        default_group: "cleric default",
    },
    Class {
        name: "thief",
        who_name: "Thi",
        prime_stat: STAT_DEX,
        first_weapon: "dagger",
        guild_rooms: [3028, 9639],
        skill_adept: 75,
        thac0_00: 20,
        thac0_32: -4,
        hp_min: 8,
        hp_max: 13,
        gains_mana: false,
        base_group: "thief basics",
        default_group: "thief default",
    },
    Class {
        name: "warrior",
        who_name: "War",
        prime_stat: STAT_STR,
        first_weapon: "sword",
        guild_rooms: [3022, 9633],
        skill_adept: 75,
        thac0_00: 20,
        thac0_32: -10,
        hp_min: 11,
        hp_max: 15,
        gains_mana: false,
        base_group: "warrior basics",
        default_group: "warrior default",
    },
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
// Positions, sexes, sizes
// ---------------------------------------------------------------------------

/// A position's names (4.10); the index is the [`Position`] number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionName {
    /// The table name files are matched against.
    pub name: &'static str,
    /// The short form OLC writes (`stand`, `sleep`, ...).
    pub short_name: &'static str,
}

impl Named for PositionName {
    fn name(&self) -> &str {
        self.name
    }
}

/// Position names by number (4.10).
#[rustfmt::skip]
pub static POSITIONS: &[PositionName] = &[
    PositionName { name: "dead", short_name: "dead" },
    PositionName { name: "mortally wounded", short_name: "mort" },
    PositionName { name: "incapacitated", short_name: "incap" },
    PositionName { name: "stunned", short_name: "stun" },
    PositionName { name: "sleeping", short_name: "sleep" },
    PositionName { name: "resting", short_name: "rest" },
    PositionName { name: "sitting", short_name: "sit" },
    PositionName { name: "fighting", short_name: "fight" },
    PositionName { name: "standing", short_name: "stand" },
];

/// The name of a position (`"standing"`).
pub fn position_name(p: Position) -> &'static str {
    POSITIONS.get(p as usize).map_or("standing", |n| n.name)
}

/// The position a word names (prefix rule against the long names, which is
/// why the short forms work).
pub fn position_lookup(word: &str) -> Option<Position> {
    prefix_lookup(POSITIONS, word.as_bytes()).and_then(|(i, _)| Position::ALL.get(i).copied())
}

/// A plain named entry whose number is its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word(pub &'static str);

impl Named for Word {
    fn name(&self) -> &str {
        self.0
    }
}

/// Sexes by number (4.10).
pub static SEXES: &[Word] = &[Word("none"), Word("male"), Word("female"), Word("either")];

/// The sex number a word names (prefix rule).
pub fn sex_lookup(word: &str) -> Option<i32> {
    prefix_lookup(SEXES, word.as_bytes()).map(|(i, _)| i as i32)
}

/// Sizes by number (4.10).
pub static SIZES: &[Word] = &[
    Word("tiny"),
    Word("small"),
    Word("medium"),
    Word("large"),
    Word("huge"),
    Word("giant"),
];

/// The size number a word names (prefix rule).
pub fn size_lookup(word: &str) -> Option<i32> {
    prefix_lookup(SIZES, word.as_bytes()).map(|(i, _)| i as i32)
}

// ---------------------------------------------------------------------------
// Sectors, directions, clans
// ---------------------------------------------------------------------------

/// A sector type (4.11) with its movement cost (mechanics 16.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sector {
    pub name: &'static str,
    pub move_cost: i32,
}

impl Named for Sector {
    fn name(&self) -> &str {
        self.name
    }
}

/// Sectors by number (4.11).
pub static SECTORS: &[Sector] = &[
    Sector {
        name: "inside",
        move_cost: 1,
    },
    Sector {
        name: "city",
        move_cost: 2,
    },
    Sector {
        name: "field",
        move_cost: 2,
    },
    Sector {
        name: "forest",
        move_cost: 3,
    },
    Sector {
        name: "hills",
        move_cost: 4,
    },
    Sector {
        name: "mountain",
        move_cost: 6,
    },
    Sector {
        name: "swim",
        move_cost: 4,
    },
    Sector {
        name: "noswim",
        move_cost: 1,
    },
    Sector {
        name: "unused",
        move_cost: 6,
    },
    Sector {
        name: "air",
        move_cost: 10,
    },
    Sector {
        name: "desert",
        move_cost: 6,
    },
];

/// The sector entry for a room's sector number. Numbers above the table are
/// clamped to the last entry (as ROM does); negative ones count as inside.
pub fn sector(number: i32) -> &'static Sector {
    let last = SECTORS.len() - 1;
    let i = usize::try_from(number).map_or(0, |n| n.min(last));
    &SECTORS[i]
}

/// The clans a room's `C` line may name (4.25); index = clan number.
pub static CLANS: &[Word] = &[Word(""), Word("loner"), Word("rom")];

/// The clan number a word names (prefix rule; the empty word finds nothing).
pub fn clan_lookup(word: &str) -> Option<usize> {
    prefix_lookup(&CLANS[1..], word.as_bytes()).map(|(i, _)| i + 1)
}

// ---------------------------------------------------------------------------
// Applies and wear locations
// ---------------------------------------------------------------------------

/// A numbered name (apply locations, wear locations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numbered {
    pub number: i32,
    pub name: &'static str,
}

impl Named for Numbered {
    fn name(&self) -> &str {
        self.name
    }
}

const fn nb(number: i32, name: &'static str) -> Numbered {
    Numbered { number, name }
}

/// Apply locations (4.18). 20 appears twice (`saves`, `savingpara`); 20–24
/// all adjust the one saving-throw value.
pub static APPLY_LOCATIONS: &[Numbered] = &[
    nb(apply::NONE, "none"),
    nb(apply::STR, "strength"),
    nb(apply::DEX, "dexterity"),
    nb(apply::INT, "intelligence"),
    nb(apply::WIS, "wisdom"),
    nb(apply::CON, "constitution"),
    nb(apply::SEX, "sex"),
    nb(apply::CLASS, "class"),
    nb(apply::LEVEL, "level"),
    nb(apply::AGE, "age"),
    nb(apply::HEIGHT, "height"),
    nb(apply::WEIGHT, "weight"),
    nb(apply::MANA, "mana"),
    nb(apply::HIT, "hp"),
    nb(apply::MOVE, "move"),
    nb(apply::GOLD, "gold"),
    nb(apply::EXP, "experience"),
    nb(apply::AC, "ac"),
    nb(apply::HITROLL, "hitroll"),
    nb(apply::DAMROLL, "damroll"),
    nb(apply::SAVES, "saves"),
    nb(apply::SAVING_PARA, "savingpara"),
    nb(apply::SAVING_ROD, "savingrod"),
    nb(apply::SAVING_PETRI, "savingpetri"),
    nb(apply::SAVING_BREATH, "savingbreath"),
    nb(apply::SAVING_SPELL, "savingspell"),
    nb(apply::SPELL_AFFECT, "spellaffect"),
];

/// The name of apply location `number` (first entry wins), if it exists.
pub fn apply_name(number: i32) -> Option<&'static str> {
    APPLY_LOCATIONS
        .iter()
        .find(|a| a.number == number)
        .map(|a| a.name)
}

/// Wear locations (4.19); see also `world::flags::wear_loc`.
pub static WEAR_LOCATIONS: &[Numbered] = &[
    nb(-1, "none"),
    nb(0, "light"),
    nb(1, "lfinger"),
    nb(2, "rfinger"),
    nb(3, "neck1"),
    nb(4, "neck2"),
    nb(5, "body"),
    nb(6, "head"),
    nb(7, "legs"),
    nb(8, "feet"),
    nb(9, "hands"),
    nb(10, "arms"),
    nb(11, "shield"),
    nb(12, "about"),
    nb(13, "waist"),
    nb(14, "lwrist"),
    nb(15, "rwrist"),
    nb(16, "wielded"),
    nb(17, "hold"),
    nb(18, "floating"),
];

/// The name of wear location `number`, if it exists.
pub fn wear_location_name(number: i32) -> Option<&'static str> {
    WEAR_LOCATIONS
        .iter()
        .find(|w| w.number == number)
        .map(|w| w.name)
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

/// One skill or spell (4.21, mechanics 6.1). Index = "sn".
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

/// The skill number ("sn") a word names (prefix rule). Entry 0 (`reserved`)
/// is never returned.
pub fn skill_lookup(word: &str) -> Option<usize> {
    prefix_lookup(&SKILLS[1..], word.as_bytes()).map(|(i, _)| i + 1)
}

/// The skill number with `#OBJOLD` slot `slot` (first match: slot 53 is
/// identify). Slot 0 and negative slots find nothing.
pub fn skill_by_slot(slot: i32) -> Option<usize> {
    if slot <= 0 {
        return None;
    }
    SKILLS.iter().position(|s| s.slot == slot)
}

/// The name of skill number `sn`, if the table has one (0 is `reserved`).
pub fn skill_name(sn: i32) -> Option<&'static str> {
    usize::try_from(sn)
        .ok()
        .and_then(|i| SKILLS.get(i))
        .map(|s| s.name)
}

/// The skill number whose name is exactly `name` (ASCII case-insensitive),
/// entry 0 included: for names the game wrote itself (player files), so that
/// every number written as a name reads back as the same number.
pub fn skill_exact(name: &str) -> Option<usize> {
    SKILLS
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(name))
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

// ---------------------------------------------------------------------------
// Special functions, shops
// ---------------------------------------------------------------------------

/// Special function names in ROM's table order (4.22).
pub static SPEC_FUNS: &[Word] = &[
    Word("spec_breath_any"),
    Word("spec_breath_acid"),
    Word("spec_breath_fire"),
    Word("spec_breath_frost"),
    Word("spec_breath_gas"),
    Word("spec_breath_lightning"),
    Word("spec_cast_adept"),
    Word("spec_cast_cleric"),
    Word("spec_cast_judge"),
    Word("spec_cast_mage"),
    Word("spec_cast_undead"),
    Word("spec_executioner"),
    Word("spec_fido"),
    Word("spec_guard"),
    Word("spec_janitor"),
    Word("spec_mayor"),
    Word("spec_poison"),
    Word("spec_thief"),
    Word("spec_nasty"),
    Word("spec_troll_member"),
    Word("spec_ogre_member"),
    Word("spec_patrolman"),
];

/// The canonical name of the special function a word names (prefix rule).
pub fn spec_lookup(word: &str) -> Option<&'static str> {
    find(SPEC_FUNS, word).map(|w| w.0)
}

/// Shop buy types are item-type numbers (4.23); 0 marks an unused slot. Any
/// number is accepted; this tells whether one can ever match an object.
pub fn is_buyable_type(number: i32) -> bool {
    item_type_by_number(number).is_some()
}

/// The canonical name of the mobprog trigger a word names (prefix rule).
pub fn trigger_lookup(word: &str) -> Option<&'static FlagName> {
    find(MOBPROG_TRIGGERS, word)
}

// ---------------------------------------------------------------------------
// Generated from the tables of the format and mechanics documents
// ---------------------------------------------------------------------------

/// The set names an object-less mobile `F` trailer may name, in ROM's order
/// (3.4): a file word must be a prefix of one of these (`a` means `act`).
pub static FLAG_SETS: &[Word] = &[
    Word("act"),
    Word("aff"),
    Word("off"),
    Word("imm"),
    Word("res"),
    Word("vul"),
    Word("for"),
    Word("par"),
];

/// Wear flags (object field 3), 4.3.
pub static WEAR_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "take"),
    FlagName::new(b'B', "finger"),
    FlagName::new(b'C', "neck"),
    FlagName::new(b'D', "body"),
    FlagName::new(b'E', "head"),
    FlagName::new(b'F', "legs"),
    FlagName::new(b'G', "feet"),
    FlagName::new(b'H', "hands"),
    FlagName::new(b'I', "arms"),
    FlagName::new(b'J', "shield"),
    FlagName::new(b'K', "about"),
    FlagName::new(b'L', "waist"),
    FlagName::new(b'M', "wrist"),
    FlagName::new(b'N', "wield"),
    FlagName::new(b'O', "hold"),
    FlagName::new(b'P', "nosac"),
    FlagName::new(b'Q', "wearfloat"),
];

/// Extra flags (object field 2), 4.4.
pub static EXTRA_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "glow"),
    FlagName::new(b'B', "hum"),
    FlagName::new(b'C', "dark"),
    FlagName::new(b'D', "lock"),
    FlagName::new(b'E', "evil"),
    FlagName::new(b'F', "invis"),
    FlagName::new(b'G', "magic"),
    FlagName::new(b'H', "nodrop"),
    FlagName::new(b'I', "bless"),
    FlagName::new(b'J', "antigood"),
    FlagName::new(b'K', "antievil"),
    FlagName::new(b'L', "antineutral"),
    FlagName::new(b'M', "noremove"),
    FlagName::new(b'N', "inventory"),
    FlagName::new(b'O', "nopurge"),
    FlagName::new(b'P', "rotdeath"),
    FlagName::new(b'Q', "visdeath"),
    FlagName::new(b'S', "nonmetal"),
    FlagName::new(b'T', "nolocate"),
    FlagName::new(b'U', "meltdrop"),
    FlagName::new(b'V', "hadtimer"),
    FlagName::new(b'W', "sellextract"),
    FlagName::new(b'Y', "burnproof"),
    FlagName::new(b'Z', "nouncurse"),
];

/// Weapon flags (weapon v4), 4.6.
pub static WEAPON_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "flaming"),
    FlagName::new(b'B', "frost"),
    FlagName::new(b'C', "vampiric"),
    FlagName::new(b'D', "sharp"),
    FlagName::new(b'E', "vorpal"),
    FlagName::new(b'F', "twohands"),
    FlagName::new(b'G', "shocking"),
    FlagName::new(b'H', "poison"),
];

/// Room flags, 4.11.
pub static ROOM_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "dark"),
    FlagName::new(b'C', "no_mob"),
    FlagName::new(b'D', "indoors"),
    FlagName::new(b'J', "private"),
    FlagName::new(b'K', "safe"),
    FlagName::new(b'L', "solitary"),
    FlagName::new(b'M', "pet_shop"),
    FlagName::new(b'N', "no_recall"),
    FlagName::new(b'O', "imp_only"),
    FlagName::new(b'P', "gods_only"),
    FlagName::new(b'Q', "heroes_only"),
    FlagName::new(b'R', "newbies_only"),
    FlagName::new(b'S', "law"),
    FlagName::new(b'T', "nowhere"),
];

/// Exit flag bits (portal v1, runtime exit state), 4.12.
pub static EXIT_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "door"),
    FlagName::new(b'B', "closed"),
    FlagName::new(b'C', "locked"),
    FlagName::new(b'F', "pickproof"),
    FlagName::new(b'G', "nopass"),
    FlagName::new(b'H', "easy"),
    FlagName::new(b'I', "hard"),
    FlagName::new(b'J', "infuriating"),
    FlagName::new(b'K', "noclose"),
    FlagName::new(b'L', "nolock"),
];

/// Mobile act flags, 4.13.
pub static ACT_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "npc"),
    FlagName::new(b'B', "sentinel"),
    FlagName::new(b'C', "scavenger"),
    FlagName::new(b'F', "aggressive"),
    FlagName::new(b'G', "stay_area"),
    FlagName::new(b'H', "wimpy"),
    FlagName::new(b'I', "pet"),
    FlagName::new(b'J', "train"),
    FlagName::new(b'K', "practice"),
    FlagName::new(b'O', "undead"),
    FlagName::new(b'Q', "cleric"),
    FlagName::new(b'R', "mage"),
    FlagName::new(b'S', "thief"),
    FlagName::new(b'T', "warrior"),
    FlagName::new(b'U', "noalign"),
    FlagName::new(b'V', "nopurge"),
    FlagName::new(b'W', "outdoors"),
    FlagName::new(b'Y', "indoors"),
    FlagName::new(b'a', "healer"),
    FlagName::new(b'b', "gain"),
    FlagName::new(b'c', "update_always"),
    FlagName::new(b'd', "changer"),
];

/// Affect flags, 4.14.
pub static AFFECT_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "blind"),
    FlagName::new(b'B', "invisible"),
    FlagName::new(b'C', "detect_evil"),
    FlagName::new(b'D', "detect_invis"),
    FlagName::new(b'E', "detect_magic"),
    FlagName::new(b'F', "detect_hidden"),
    FlagName::new(b'G', "detect_good"),
    FlagName::new(b'H', "sanctuary"),
    FlagName::new(b'I', "faerie_fire"),
    FlagName::new(b'J', "infrared"),
    FlagName::new(b'K', "curse"),
    FlagName::new(b'L', "unused_flag"),
    FlagName::new(b'M', "poison"),
    FlagName::new(b'N', "protect_evil"),
    FlagName::new(b'O', "protect_good"),
    FlagName::new(b'P', "sneak"),
    FlagName::new(b'Q', "hide"),
    FlagName::new(b'R', "sleep"),
    FlagName::new(b'S', "charm"),
    FlagName::new(b'T', "flying"),
    FlagName::new(b'U', "pass_door"),
    FlagName::new(b'V', "haste"),
    FlagName::new(b'W', "calm"),
    FlagName::new(b'X', "plague"),
    FlagName::new(b'Y', "weaken"),
    FlagName::new(b'Z', "dark_vision"),
    FlagName::new(b'a', "berserk"),
    FlagName::new(b'b', "swim"),
    FlagName::new(b'c', "regeneration"),
    FlagName::new(b'd', "slow"),
];

/// Offensive / assist flags, 4.15.
pub static OFF_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "area_attack"),
    FlagName::new(b'B', "backstab"),
    FlagName::new(b'C', "bash"),
    FlagName::new(b'D', "berserk"),
    FlagName::new(b'E', "disarm"),
    FlagName::new(b'F', "dodge"),
    FlagName::new(b'G', "fade"),
    FlagName::new(b'H', "fast"),
    FlagName::new(b'I', "kick"),
    FlagName::new(b'J', "dirt_kick"),
    FlagName::new(b'K', "parry"),
    FlagName::new(b'L', "rescue"),
    FlagName::new(b'M', "tail"),
    FlagName::new(b'N', "trip"),
    FlagName::new(b'O', "crush"),
    FlagName::new(b'P', "assist_all"),
    FlagName::new(b'Q', "assist_align"),
    FlagName::new(b'R', "assist_race"),
    FlagName::new(b'S', "assist_players"),
    FlagName::new(b'T', "assist_guard"),
    FlagName::new(b'U', "assist_vnum"),
];

/// Body form flags, 4.17.
pub static FORM_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "edible"),
    FlagName::new(b'B', "poison"),
    FlagName::new(b'C', "magical"),
    FlagName::new(b'D', "instant_decay"),
    FlagName::new(b'E', "other"),
    FlagName::new(b'G', "animal"),
    FlagName::new(b'H', "sentient"),
    FlagName::new(b'I', "undead"),
    FlagName::new(b'J', "construct"),
    FlagName::new(b'K', "mist"),
    FlagName::new(b'L', "intangible"),
    FlagName::new(b'M', "biped"),
    FlagName::new(b'N', "centaur"),
    FlagName::new(b'O', "insect"),
    FlagName::new(b'P', "spider"),
    FlagName::new(b'Q', "crustacean"),
    FlagName::new(b'R', "worm"),
    FlagName::new(b'S', "blob"),
    FlagName::new(b'V', "mammal"),
    FlagName::new(b'W', "bird"),
    FlagName::new(b'X', "reptile"),
    FlagName::new(b'Y', "snake"),
    FlagName::new(b'Z', "dragon"),
    FlagName::new(b'a', "amphibian"),
    FlagName::new(b'b', "fish"),
    FlagName::new(b'c', "cold_blood"),
];

/// Body part flags, 4.17.
pub static PART_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "head"),
    FlagName::new(b'B', "arms"),
    FlagName::new(b'C', "legs"),
    FlagName::new(b'D', "heart"),
    FlagName::new(b'E', "brains"),
    FlagName::new(b'F', "guts"),
    FlagName::new(b'G', "hands"),
    FlagName::new(b'H', "feet"),
    FlagName::new(b'I', "fingers"),
    FlagName::new(b'J', "ear"),
    FlagName::new(b'K', "eye"),
    FlagName::new(b'L', "long_tongue"),
    FlagName::new(b'M', "eyestalks"),
    FlagName::new(b'N', "tentacles"),
    FlagName::new(b'O', "fins"),
    FlagName::new(b'P', "wings"),
    FlagName::new(b'Q', "tail"),
    FlagName::new(b'U', "claws"),
    FlagName::new(b'V', "fangs"),
    FlagName::new(b'W', "horns"),
    FlagName::new(b'X', "scales"),
    FlagName::new(b'Y', "tusks"),
];

/// Furniture flags (furniture v2), 4.20.
pub static FURNITURE_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "stand_at"),
    FlagName::new(b'B', "stand_on"),
    FlagName::new(b'C', "stand_in"),
    FlagName::new(b'D', "sit_at"),
    FlagName::new(b'E', "sit_on"),
    FlagName::new(b'F', "sit_in"),
    FlagName::new(b'G', "rest_at"),
    FlagName::new(b'H', "rest_on"),
    FlagName::new(b'I', "rest_in"),
    FlagName::new(b'J', "sleep_at"),
    FlagName::new(b'K', "sleep_on"),
    FlagName::new(b'L', "sleep_in"),
    FlagName::new(b'M', "put_at"),
    FlagName::new(b'N', "put_on"),
    FlagName::new(b'O', "put_in"),
    FlagName::new(b'P', "put_inside"),
];

/// Gate flags (portal v2), 4.20.
pub static GATE_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "normal_exit"),
    FlagName::new(b'B', "no_curse"),
    FlagName::new(b'C', "go_with"),
    FlagName::new(b'D', "buggy"),
    FlagName::new(b'E', "random"),
];

/// Mobprog triggers (QuickMUD), 4.24: the bit and the word used on `M` lines.
pub static MOBPROG_TRIGGERS: &[FlagName] = &[
    FlagName::new(b'A', "act"),
    FlagName::new(b'B', "bribe"),
    FlagName::new(b'C', "death"),
    FlagName::new(b'D', "entry"),
    FlagName::new(b'E', "fight"),
    FlagName::new(b'F', "give"),
    FlagName::new(b'G', "greet"),
    FlagName::new(b'H', "grall"),
    FlagName::new(b'I', "kill"),
    FlagName::new(b'J', "hpcnt"),
    FlagName::new(b'K', "random"),
    FlagName::new(b'L', "speech"),
    FlagName::new(b'M', "exit"),
    FlagName::new(b'N', "exall"),
    FlagName::new(b'O', "delay"),
    FlagName::new(b'P', "surr"),
];

/// Immunity, resistance and vulnerability flags (one letter set for all three), 4.16.
pub static IRV_FLAGS: &[FlagName] = &[
    FlagName::new(b'A', "summon"),
    FlagName::new(b'B', "charm"),
    FlagName::new(b'C', "magic"),
    FlagName::new(b'D', "weapon"),
    FlagName::new(b'E', "bash"),
    FlagName::new(b'F', "pierce"),
    FlagName::new(b'G', "slash"),
    FlagName::new(b'H', "fire"),
    FlagName::new(b'I', "cold"),
    FlagName::new(b'J', "lightning"),
    FlagName::new(b'K', "acid"),
    FlagName::new(b'L', "poison"),
    FlagName::new(b'M', "negative"),
    FlagName::new(b'N', "holy"),
    FlagName::new(b'O', "energy"),
    FlagName::new(b'P', "mental"),
    FlagName::new(b'Q', "disease"),
    FlagName::new(b'R', "drowning"),
    FlagName::new(b'S', "light"),
    FlagName::new(b'T', "sound"),
    FlagName::new(b'X', "wood"),
    FlagName::new(b'Y', "silver"),
    FlagName::new(b'Z', "iron"),
];

/// Attack nouns (mobile damage noun, weapon v3), 4.7, in table order.
pub static ATTACKS: &[Attack] = &[
    Attack {
        name: "none",
        noun: "hit",
        dam_class: DAM_NONE,
    },
    Attack {
        name: "slice",
        noun: "slice",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "stab",
        noun: "stab",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "slash",
        noun: "slash",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "whip",
        noun: "whip",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "claw",
        noun: "claw",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "blast",
        noun: "blast",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "pound",
        noun: "pound",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "crush",
        noun: "crush",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "grep",
        noun: "grep",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "bite",
        noun: "bite",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "pierce",
        noun: "pierce",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "suction",
        noun: "suction",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "beating",
        noun: "beating",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "digestion",
        noun: "digestion",
        dam_class: DAM_ACID,
    },
    Attack {
        name: "charge",
        noun: "charge",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "slap",
        noun: "slap",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "punch",
        noun: "punch",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "wrath",
        noun: "wrath",
        dam_class: DAM_ENERGY,
    },
    Attack {
        name: "magic",
        noun: "magic",
        dam_class: DAM_ENERGY,
    },
    Attack {
        name: "divine",
        noun: "divine power",
        dam_class: DAM_HOLY,
    },
    Attack {
        name: "cleave",
        noun: "cleave",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "scratch",
        noun: "scratch",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "peck",
        noun: "peck",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "peckb",
        noun: "peck",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "chop",
        noun: "chop",
        dam_class: DAM_SLASH,
    },
    Attack {
        name: "sting",
        noun: "sting",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "smash",
        noun: "smash",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "shbite",
        noun: "shocking bite",
        dam_class: DAM_LIGHTNING,
    },
    Attack {
        name: "flbite",
        noun: "flaming bite",
        dam_class: DAM_FIRE,
    },
    Attack {
        name: "frbite",
        noun: "freezing bite",
        dam_class: DAM_COLD,
    },
    Attack {
        name: "acbite",
        noun: "acidic bite",
        dam_class: DAM_ACID,
    },
    Attack {
        name: "chomp",
        noun: "chomp",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "drain",
        noun: "life drain",
        dam_class: DAM_NEGATIVE,
    },
    Attack {
        name: "thrust",
        noun: "thrust",
        dam_class: DAM_PIERCE,
    },
    Attack {
        name: "slime",
        noun: "slime",
        dam_class: DAM_ACID,
    },
    Attack {
        name: "shock",
        noun: "shock",
        dam_class: DAM_LIGHTNING,
    },
    Attack {
        name: "thwack",
        noun: "thwack",
        dam_class: DAM_BASH,
    },
    Attack {
        name: "flame",
        noun: "flame",
        dam_class: DAM_FIRE,
    },
    Attack {
        name: "chill",
        noun: "chill",
        dam_class: DAM_COLD,
    },
];

/// Liquids (drink/fountain v2), 4.8, in table order.
pub static LIQUIDS: &[Liquid] = &[
    Liquid {
        name: "water",
        color: "clear",
        proof: 0,
        full: 1,
        thirst: 10,
        food: 0,
        sip: 16,
    },
    Liquid {
        name: "beer",
        color: "amber",
        proof: 12,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 12,
    },
    Liquid {
        name: "red wine",
        color: "burgundy",
        proof: 30,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "ale",
        color: "brown",
        proof: 15,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 12,
    },
    Liquid {
        name: "dark ale",
        color: "dark",
        proof: 16,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 12,
    },
    Liquid {
        name: "whisky",
        color: "golden",
        proof: 120,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "lemonade",
        color: "pink",
        proof: 0,
        full: 1,
        thirst: 9,
        food: 2,
        sip: 12,
    },
    Liquid {
        name: "firebreather",
        color: "boiling",
        proof: 190,
        full: 0,
        thirst: 4,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "local specialty",
        color: "clear",
        proof: 151,
        full: 1,
        thirst: 3,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "slime mold juice",
        color: "green",
        proof: 0,
        full: 2,
        thirst: -8,
        food: 1,
        sip: 2,
    },
    Liquid {
        name: "milk",
        color: "white",
        proof: 0,
        full: 2,
        thirst: 9,
        food: 3,
        sip: 12,
    },
    Liquid {
        name: "tea",
        color: "tan",
        proof: 0,
        full: 1,
        thirst: 8,
        food: 0,
        sip: 6,
    },
    Liquid {
        name: "coffee",
        color: "black",
        proof: 0,
        full: 1,
        thirst: 8,
        food: 0,
        sip: 6,
    },
    Liquid {
        name: "blood",
        color: "red",
        proof: 0,
        full: 2,
        thirst: -1,
        food: 2,
        sip: 6,
    },
    Liquid {
        name: "salt water",
        color: "clear",
        proof: 0,
        full: 1,
        thirst: -2,
        food: 0,
        sip: 1,
    },
    Liquid {
        name: "coke",
        color: "brown",
        proof: 0,
        full: 2,
        thirst: 9,
        food: 2,
        sip: 12,
    },
    Liquid {
        name: "root beer",
        color: "brown",
        proof: 0,
        full: 2,
        thirst: 9,
        food: 2,
        sip: 12,
    },
    Liquid {
        name: "elvish wine",
        color: "green",
        proof: 35,
        full: 2,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "white wine",
        color: "golden",
        proof: 28,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "champagne",
        color: "golden",
        proof: 32,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "mead",
        color: "honey-colored",
        proof: 34,
        full: 2,
        thirst: 8,
        food: 2,
        sip: 12,
    },
    Liquid {
        name: "rose wine",
        color: "pink",
        proof: 26,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "benedictine wine",
        color: "burgundy",
        proof: 40,
        full: 1,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "vodka",
        color: "clear",
        proof: 130,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "cranberry juice",
        color: "red",
        proof: 0,
        full: 1,
        thirst: 9,
        food: 2,
        sip: 12,
    },
    Liquid {
        name: "orange juice",
        color: "orange",
        proof: 0,
        full: 2,
        thirst: 9,
        food: 3,
        sip: 12,
    },
    Liquid {
        name: "absinthe",
        color: "green",
        proof: 200,
        full: 1,
        thirst: 4,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "brandy",
        color: "golden",
        proof: 80,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 4,
    },
    Liquid {
        name: "aquavit",
        color: "clear",
        proof: 140,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "schnapps",
        color: "clear",
        proof: 90,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "icewine",
        color: "purple",
        proof: 50,
        full: 2,
        thirst: 6,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "amontillado",
        color: "burgundy",
        proof: 35,
        full: 2,
        thirst: 8,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "sherry",
        color: "red",
        proof: 38,
        full: 2,
        thirst: 7,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "framboise",
        color: "red",
        proof: 50,
        full: 1,
        thirst: 7,
        food: 1,
        sip: 5,
    },
    Liquid {
        name: "rum",
        color: "amber",
        proof: 151,
        full: 1,
        thirst: 4,
        food: 0,
        sip: 2,
    },
    Liquid {
        name: "cordial",
        color: "clear",
        proof: 100,
        full: 1,
        thirst: 5,
        food: 0,
        sip: 2,
    },
];

/// Races, 4.9, in table order (index = `MobProto::race`).
pub static RACES: &[Race] = &[
    Race {
        name: "unique",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: 0,
        vuln: 0,
        form: 0,
        parts: 0,
    },
    Race {
        name: "human",
        pc: true,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "elf",
        pc: true,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("B"),
        vuln: letters("Z"),
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "dwarf",
        pc: true,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("LQ"),
        vuln: letters("R"),
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "giant",
        pc: true,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: letters("HI"),
        vuln: letters("JP"),
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "bat",
        pc: false,
        act: 0,
        aff: letters("TZ"),
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: letters("S"),
        form: letters("AGV"),
        parts: letters("ACDEFHJKP"),
    },
    Race {
        name: "bear",
        pc: false,
        act: 0,
        aff: 0,
        off: letters("DEO"),
        imm: 0,
        res: letters("EI"),
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ABCDEFHJKUV"),
    },
    Race {
        name: "cat",
        pc: false,
        act: 0,
        aff: letters("Z"),
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFHJKQUV"),
    },
    Race {
        name: "centipede",
        pc: false,
        act: 0,
        aff: letters("Z"),
        off: 0,
        imm: 0,
        res: letters("FI"),
        vuln: letters("E"),
        form: letters("ABGO"),
        parts: letters("ACK"),
    },
    Race {
        name: "dog",
        pc: false,
        act: 0,
        aff: 0,
        off: letters("H"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFHJKUV"),
    },
    Race {
        name: "doll",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: letters("ILMNPQR"),
        res: letters("ES"),
        vuln: letters("GHJKO"),
        form: letters("EJMc"),
        parts: letters("ABCGHK"),
    },
    Race {
        name: "dragon",
        pc: false,
        act: 0,
        aff: letters("JT"),
        off: 0,
        imm: 0,
        res: letters("BEH"),
        vuln: letters("FI"),
        form: letters("AHZ"),
        parts: letters("ACDEFGHIJKPQUVX"),
    },
    Race {
        name: "fido",
        pc: false,
        act: 0,
        aff: 0,
        off: letters("FR"),
        imm: 0,
        res: 0,
        vuln: letters("C"),
        form: letters("ABGV"),
        parts: letters("ACDEFHJKQV"),
    },
    Race {
        name: "fox",
        pc: false,
        act: 0,
        aff: letters("Z"),
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFHJKQV"),
    },
    Race {
        name: "goblin",
        pc: false,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("Q"),
        vuln: letters("C"),
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "hobgoblin",
        pc: false,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("LQ"),
        vuln: 0,
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJKY"),
    },
    Race {
        name: "kobold",
        pc: false,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("L"),
        vuln: letters("C"),
        form: letters("ABHMV"),
        parts: letters("ABCDEFGHIJKQ"),
    },
    Race {
        name: "lizard",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: letters("L"),
        vuln: letters("I"),
        form: letters("AGXc"),
        parts: letters("ACDEFHKQV"),
    },
    Race {
        name: "modron",
        pc: false,
        act: 0,
        aff: letters("J"),
        off: letters("QR"),
        imm: letters("BMNPQ"),
        res: letters("HIK"),
        vuln: 0,
        form: letters("H"),
        parts: letters("ABCGHJK"),
    },
    Race {
        name: "orc",
        pc: false,
        act: 0,
        aff: letters("J"),
        off: 0,
        imm: 0,
        res: letters("Q"),
        vuln: letters("S"),
        form: letters("AHMV"),
        parts: letters("ABCDEFGHIJK"),
    },
    Race {
        name: "pig",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFHJK"),
    },
    Race {
        name: "rabbit",
        pc: false,
        act: 0,
        aff: 0,
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFHJK"),
    },
    Race {
        name: "school monster",
        pc: false,
        act: letters("U"),
        aff: 0,
        off: 0,
        imm: letters("AB"),
        res: 0,
        vuln: letters("C"),
        form: letters("AMV"),
        parts: letters("ABCDEFHJKQU"),
    },
    Race {
        name: "snake",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: letters("L"),
        vuln: letters("I"),
        form: letters("AGXYc"),
        parts: letters("ADEFKLQVX"),
    },
    Race {
        name: "song bird",
        pc: false,
        act: 0,
        aff: letters("T"),
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGW"),
        parts: letters("ACDEFHKP"),
    },
    Race {
        name: "troll",
        pc: false,
        act: 0,
        aff: letters("FJc"),
        off: letters("D"),
        imm: 0,
        res: letters("BE"),
        vuln: letters("HK"),
        form: letters("ABHMV"),
        parts: letters("ABCDEFGHIJKUV"),
    },
    Race {
        name: "water fowl",
        pc: false,
        act: 0,
        aff: letters("Tb"),
        off: 0,
        imm: 0,
        res: letters("R"),
        vuln: 0,
        form: letters("AGW"),
        parts: letters("ACDEFHKP"),
    },
    Race {
        name: "wolf",
        pc: false,
        act: 0,
        aff: letters("Z"),
        off: letters("FH"),
        imm: 0,
        res: 0,
        vuln: 0,
        form: letters("AGV"),
        parts: letters("ACDEFJKQV"),
    },
    Race {
        name: "wyvern",
        pc: false,
        act: 0,
        aff: letters("DFT"),
        off: letters("CFH"),
        imm: letters("L"),
        res: 0,
        vuln: letters("S"),
        form: letters("ABGZ"),
        parts: letters("ACDEFHJKQVX"),
    },
    Race {
        name: "unique",
        pc: false,
        act: 0,
        aff: 0,
        off: 0,
        imm: 0,
        res: 0,
        vuln: 0,
        form: 0,
        parts: 0,
    },
];

/// Skills and spells, 4.21 and rom-mechanics 6.1, in table order (index = "sn").
pub static SKILLS: &[Skill] = &[
    Skill {
        name: "reserved",
        slot: 0,
        levels: [99, 99, 99, 99],
        costs: [99, 99, 99, 99],
        kind: SkillKind::Reserved,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "acid blast",
        slot: 70,
        levels: [28, 53, 35, 32],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "acid blast",
        gsn: false,
    },
    Skill {
        name: "armor",
        slot: 1,
        levels: [7, 2, 10, 5],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "bless",
        slot: 3,
        levels: [53, 7, 53, 8],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjCharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "blindness",
        slot: 4,
        levels: [12, 8, 17, 15],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "burning hands",
        slot: 5,
        levels: [7, 53, 10, 9],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "burning hands",
        gsn: false,
    },
    Skill {
        name: "call lightning",
        slot: 6,
        levels: [26, 18, 31, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "lightning bolt",
        gsn: false,
    },
    Skill {
        name: "calm",
        slot: 509,
        levels: [48, 16, 50, 20],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 30,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cancellation",
        slot: 507,
        levels: [18, 26, 34, 34],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "!cancellation!",
        gsn: false,
    },
    Skill {
        name: "cause critical",
        slot: 63,
        levels: [53, 13, 53, 19],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "spell",
        gsn: false,
    },
    Skill {
        name: "cause light",
        slot: 62,
        levels: [53, 1, 53, 3],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "spell",
        gsn: false,
    },
    Skill {
        name: "cause serious",
        slot: 64,
        levels: [53, 7, 53, 10],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 17,
        beats: 12,
        noun: "spell",
        gsn: false,
    },
    Skill {
        name: "chain lightning",
        slot: 500,
        levels: [33, 53, 39, 36],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 25,
        beats: 12,
        noun: "lightning",
        gsn: false,
    },
    Skill {
        name: "change sex",
        slot: 82,
        levels: [53, 53, 53, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "charm person",
        slot: 7,
        levels: [20, 53, 25, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "chill touch",
        slot: 8,
        levels: [4, 53, 6, 6],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "chilling touch",
        gsn: false,
    },
    Skill {
        name: "colour spray",
        slot: 10,
        levels: [16, 53, 22, 20],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "colour spray",
        gsn: false,
    },
    Skill {
        name: "continual light",
        slot: 57,
        levels: [6, 4, 6, 9],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 7,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "control weather",
        slot: 11,
        levels: [15, 19, 28, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 25,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "create food",
        slot: 12,
        levels: [10, 5, 11, 12],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "create rose",
        slot: 511,
        levels: [16, 11, 10, 24],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 30,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "create spring",
        slot: 80,
        levels: [14, 17, 23, 20],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "create water",
        slot: 13,
        levels: [8, 3, 12, 11],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure blindness",
        slot: 14,
        levels: [53, 6, 53, 8],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure critical",
        slot: 15,
        levels: [53, 13, 53, 19],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure disease",
        slot: 501,
        levels: [53, 13, 53, 14],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure light",
        slot: 16,
        levels: [53, 1, 53, 3],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 10,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure poison",
        slot: 43,
        levels: [53, 14, 53, 16],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "cure serious",
        slot: 61,
        levels: [53, 7, 53, 10],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "curse",
        slot: 17,
        levels: [18, 18, 26, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjCharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "curse",
        gsn: true,
    },
    Skill {
        name: "demonfire",
        slot: 505,
        levels: [53, 34, 53, 45],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "torments",
        gsn: false,
    },
    Skill {
        name: "detect evil",
        slot: 18,
        levels: [11, 4, 12, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "detect good",
        slot: 513,
        levels: [11, 4, 12, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "detect hidden",
        slot: 44,
        levels: [15, 11, 12, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "detect invis",
        slot: 19,
        levels: [3, 8, 6, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "detect magic",
        slot: 20,
        levels: [2, 6, 5, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "detect poison",
        slot: 21,
        levels: [15, 7, 9, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "dispel evil",
        slot: 22,
        levels: [53, 15, 53, 21],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "dispel evil",
        gsn: false,
    },
    Skill {
        name: "dispel good",
        slot: 512,
        levels: [53, 15, 53, 21],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "dispel good",
        gsn: false,
    },
    Skill {
        name: "dispel magic",
        slot: 59,
        levels: [16, 24, 30, 30],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "earthquake",
        slot: 23,
        levels: [53, 10, 53, 14],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "earthquake",
        gsn: false,
    },
    Skill {
        name: "enchant armor",
        slot: 510,
        levels: [16, 53, 53, 53],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 100,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "enchant weapon",
        slot: 24,
        levels: [17, 53, 53, 53],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 100,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "energy drain",
        slot: 25,
        levels: [19, 22, 26, 23],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 35,
        beats: 12,
        noun: "energy drain",
        gsn: false,
    },
    Skill {
        name: "faerie fire",
        slot: 72,
        levels: [6, 3, 5, 8],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 5,
        beats: 12,
        noun: "faerie fire",
        gsn: false,
    },
    Skill {
        name: "faerie fog",
        slot: 73,
        levels: [14, 21, 16, 24],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 12,
        beats: 12,
        noun: "faerie fog",
        gsn: false,
    },
    Skill {
        name: "farsight",
        slot: 521,
        levels: [14, 16, 16, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 36,
        beats: 20,
        noun: "farsight",
        gsn: false,
    },
    Skill {
        name: "fireball",
        slot: 26,
        levels: [22, 53, 30, 26],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "fireball",
        gsn: false,
    },
    Skill {
        name: "fireproof",
        slot: 523,
        levels: [13, 12, 19, 18],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 10,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "flamestrike",
        slot: 65,
        levels: [53, 20, 53, 27],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "flamestrike",
        gsn: false,
    },
    Skill {
        name: "fly",
        slot: 56,
        levels: [10, 18, 20, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 10,
        beats: 18,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "floating disc",
        slot: 522,
        levels: [4, 10, 7, 16],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 40,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "frenzy",
        slot: 504,
        levels: [53, 24, 53, 26],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 30,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "gate",
        slot: 83,
        levels: [27, 17, 32, 28],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 80,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "giant strength",
        slot: 39,
        levels: [11, 53, 22, 20],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "harm",
        slot: 27,
        levels: [53, 23, 53, 28],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 35,
        beats: 12,
        noun: "harm spell",
        gsn: false,
    },
    Skill {
        name: "haste",
        slot: 502,
        levels: [21, 53, 26, 29],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 30,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "heal",
        slot: 28,
        levels: [53, 21, 33, 30],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 50,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "heat metal",
        slot: 516,
        levels: [53, 16, 53, 23],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 25,
        beats: 18,
        noun: "spell",
        gsn: false,
    },
    Skill {
        name: "holy word",
        slot: 506,
        levels: [53, 36, 53, 42],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 200,
        beats: 24,
        noun: "divine wrath",
        gsn: false,
    },
    Skill {
        name: "identify",
        slot: 53,
        levels: [15, 16, 18, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 12,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "infravision",
        slot: 77,
        levels: [9, 13, 10, 16],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 18,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "invisibility",
        slot: 29,
        levels: [5, 53, 9, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjCharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "know alignment",
        slot: 58,
        levels: [12, 9, 20, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::FIGHTING,
        min_mana: 9,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "lightning bolt",
        slot: 30,
        levels: [13, 23, 18, 16],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "lightning bolt",
        gsn: false,
    },
    Skill {
        name: "locate object",
        slot: 31,
        levels: [9, 15, 11, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 18,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "magic missile",
        slot: 32,
        levels: [1, 53, 2, 2],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "magic missile",
        gsn: false,
    },
    Skill {
        name: "mass healing",
        slot: 508,
        levels: [53, 38, 53, 46],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 100,
        beats: 36,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "mass invis",
        slot: 69,
        levels: [22, 25, 31, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 24,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "nexus",
        slot: 520,
        levels: [40, 35, 50, 45],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 150,
        beats: 36,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "pass door",
        slot: 74,
        levels: [24, 32, 25, 37],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 20,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "plague",
        slot: 503,
        levels: [23, 17, 36, 26],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "sickness",
        gsn: true,
    },
    Skill {
        name: "poison",
        slot: 33,
        levels: [17, 12, 15, 21],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjCharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 10,
        beats: 12,
        noun: "poison",
        gsn: true,
    },
    Skill {
        name: "portal",
        slot: 519,
        levels: [35, 30, 45, 40],
        costs: [2, 2, 4, 4],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 100,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "protection evil",
        slot: 34,
        levels: [12, 9, 17, 11],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "protection good",
        slot: 514,
        levels: [12, 9, 17, 11],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "ray of truth",
        slot: 518,
        levels: [53, 35, 53, 47],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "ray of truth",
        gsn: false,
    },
    Skill {
        name: "recharge",
        slot: 517,
        levels: [9, 53, 53, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjInv,
        min_pos: pos::STANDING,
        min_mana: 60,
        beats: 24,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "refresh",
        slot: 81,
        levels: [8, 5, 12, 9],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 12,
        beats: 18,
        noun: "refresh",
        gsn: false,
    },
    Skill {
        name: "remove curse",
        slot: 35,
        levels: [53, 18, 53, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::ObjCharDefensive,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "sanctuary",
        slot: 36,
        levels: [36, 20, 42, 30],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 75,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "shield",
        slot: 67,
        levels: [20, 35, 35, 40],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharDefensive,
        min_pos: pos::STANDING,
        min_mana: 12,
        beats: 18,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "shocking grasp",
        slot: 53,
        levels: [10, 53, 14, 13],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 15,
        beats: 12,
        noun: "shocking grasp",
        gsn: false,
    },
    Skill {
        name: "sleep",
        slot: 38,
        levels: [10, 53, 11, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::STANDING,
        min_mana: 15,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "slow",
        slot: 515,
        levels: [23, 30, 29, 32],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 30,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "stone skin",
        slot: 66,
        levels: [25, 40, 40, 45],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::STANDING,
        min_mana: 12,
        beats: 18,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "summon",
        slot: 40,
        levels: [24, 12, 29, 22],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 50,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "teleport",
        slot: 2,
        levels: [13, 22, 25, 36],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::FIGHTING,
        min_mana: 35,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "ventriloquate",
        slot: 41,
        levels: [1, 53, 2, 53],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "weaken",
        slot: 68,
        levels: [11, 14, 16, 17],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 20,
        beats: 12,
        noun: "spell",
        gsn: false,
    },
    Skill {
        name: "word of recall",
        slot: 42,
        levels: [32, 28, 40, 30],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharSelf,
        min_pos: pos::RESTING,
        min_mana: 5,
        beats: 12,
        noun: "",
        gsn: false,
    },
    Skill {
        name: "acid breath",
        slot: 200,
        levels: [31, 32, 33, 34],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 100,
        beats: 24,
        noun: "blast of acid",
        gsn: false,
    },
    Skill {
        name: "fire breath",
        slot: 201,
        levels: [40, 45, 50, 51],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 200,
        beats: 24,
        noun: "blast of flame",
        gsn: false,
    },
    Skill {
        name: "frost breath",
        slot: 202,
        levels: [34, 36, 38, 40],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 125,
        beats: 24,
        noun: "blast of frost",
        gsn: false,
    },
    Skill {
        name: "gas breath",
        slot: 203,
        levels: [39, 43, 47, 50],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 175,
        beats: 24,
        noun: "blast of gas",
        gsn: false,
    },
    Skill {
        name: "lightning breath",
        slot: 204,
        levels: [37, 40, 43, 46],
        costs: [1, 1, 2, 2],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 150,
        beats: 24,
        noun: "blast of lightning",
        gsn: false,
    },
    Skill {
        name: "general purpose",
        slot: 401,
        levels: [53, 53, 53, 53],
        costs: [0, 0, 0, 0],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 12,
        noun: "general purpose ammo",
        gsn: false,
    },
    Skill {
        name: "high explosive",
        slot: 402,
        levels: [53, 53, 53, 53],
        costs: [0, 0, 0, 0],
        kind: SkillKind::Spell,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 12,
        noun: "high explosive ammo",
        gsn: false,
    },
    Skill {
        name: "axe",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [6, 6, 5, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "dagger",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [2, 3, 2, 2],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "flail",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [6, 3, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "mace",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [5, 2, 3, 3],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "polearm",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [6, 6, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "shield block",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [6, 4, 6, 2],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "spear",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [4, 4, 4, 3],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "sword",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [5, 6, 3, 2],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "whip",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [6, 5, 5, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "backstab",
        slot: 0,
        levels: [53, 53, 1, 53],
        costs: [0, 0, 5, 0],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 24,
        noun: "backstab",
        gsn: true,
    },
    Skill {
        name: "bash",
        slot: 0,
        levels: [53, 53, 53, 1],
        costs: [0, 0, 0, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 24,
        noun: "bash",
        gsn: true,
    },
    Skill {
        name: "berserk",
        slot: 0,
        levels: [53, 53, 53, 18],
        costs: [0, 0, 0, 5],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 24,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "dirt kicking",
        slot: 0,
        levels: [53, 53, 3, 3],
        costs: [0, 0, 4, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 24,
        noun: "kicked dirt",
        gsn: true,
    },
    Skill {
        name: "disarm",
        slot: 0,
        levels: [53, 53, 12, 11],
        costs: [0, 0, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 24,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "dodge",
        slot: 0,
        levels: [20, 22, 1, 13],
        costs: [8, 8, 4, 6],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "enhanced damage",
        slot: 0,
        levels: [45, 30, 25, 1],
        costs: [10, 9, 5, 3],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "envenom",
        slot: 0,
        levels: [53, 53, 10, 53],
        costs: [0, 0, 4, 0],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::RESTING,
        min_mana: 0,
        beats: 36,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "hand to hand",
        slot: 0,
        levels: [25, 10, 15, 6],
        costs: [8, 5, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "kick",
        slot: 0,
        levels: [53, 12, 14, 8],
        costs: [0, 4, 6, 3],
        kind: SkillKind::Skill,
        target: Target::CharOffensive,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 12,
        noun: "kick",
        gsn: true,
    },
    Skill {
        name: "parry",
        slot: 0,
        levels: [22, 20, 13, 1],
        costs: [8, 8, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "rescue",
        slot: 0,
        levels: [53, 53, 53, 1],
        costs: [0, 0, 0, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "trip",
        slot: 0,
        levels: [53, 53, 1, 15],
        costs: [0, 0, 4, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 24,
        noun: "trip",
        gsn: true,
    },
    Skill {
        name: "second attack",
        slot: 0,
        levels: [30, 24, 12, 5],
        costs: [10, 8, 5, 3],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "third attack",
        slot: 0,
        levels: [53, 53, 24, 12],
        costs: [0, 0, 10, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::FIGHTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "fast healing",
        slot: 0,
        levels: [15, 9, 16, 6],
        costs: [8, 5, 6, 4],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::SLEEPING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "haggle",
        slot: 0,
        levels: [7, 18, 1, 14],
        costs: [5, 8, 3, 6],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::RESTING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "hide",
        slot: 0,
        levels: [53, 53, 1, 12],
        costs: [0, 0, 4, 6],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::RESTING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "lore",
        slot: 0,
        levels: [10, 10, 6, 20],
        costs: [6, 6, 4, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::RESTING,
        min_mana: 0,
        beats: 36,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "meditation",
        slot: 0,
        levels: [6, 6, 15, 15],
        costs: [5, 5, 8, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::SLEEPING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "peek",
        slot: 0,
        levels: [8, 21, 1, 14],
        costs: [5, 7, 3, 6],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 0,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "pick lock",
        slot: 0,
        levels: [25, 25, 7, 25],
        costs: [8, 8, 4, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "sneak",
        slot: 0,
        levels: [53, 53, 4, 10],
        costs: [0, 0, 4, 6],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "steal",
        slot: 0,
        levels: [53, 53, 5, 53],
        costs: [0, 0, 4, 0],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 24,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "scrolls",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [2, 3, 5, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 24,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "staves",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [2, 3, 5, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "wands",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [2, 3, 5, 8],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
    Skill {
        name: "recall",
        slot: 0,
        levels: [1, 1, 1, 1],
        costs: [2, 2, 2, 2],
        kind: SkillKind::Skill,
        target: Target::Ignore,
        min_pos: pos::STANDING,
        min_mana: 0,
        beats: 12,
        noun: "",
        gsn: true,
    },
];

/// Skill groups, rom-mechanics 2.4, in table order.
pub static GROUPS: &[Group] = &[
    Group {
        name: "rom basics",
        costs: [0, 0, 0, 0],
        members: &["scrolls", "staves", "wands", "recall"],
    },
    Group {
        name: "mage basics",
        costs: [0, -1, -1, -1],
        members: &["dagger"],
    },
    Group {
        name: "cleric basics",
        costs: [-1, 0, -1, -1],
        members: &["mace"],
    },
    Group {
        name: "thief basics",
        costs: [-1, -1, 0, -1],
        members: &["dagger", "steal"],
    },
    Group {
        name: "warrior basics",
        costs: [-1, -1, -1, 0],
        members: &["sword", "second attack"],
    },
    Group {
        name: "mage default",
        costs: [40, -1, -1, -1],
        members: &[
            "lore",
            "beguiling",
            "combat",
            "detection",
            "enhancement",
            "illusion",
            "maladictions",
            "protective",
            "transportation",
            "weather",
        ],
    },
    Group {
        name: "cleric default",
        costs: [-1, 40, -1, -1],
        members: &[
            "flail",
            "attack",
            "creation",
            "curative",
            "benedictions",
            "detection",
            "healing",
            "maladictions",
            "protective",
            "shield block",
            "transportation",
            "weather",
        ],
    },
    Group {
        name: "thief default",
        costs: [-1, -1, 40, -1],
        members: &[
            "mace",
            "sword",
            "backstab",
            "disarm",
            "dodge",
            "second attack",
            "trip",
            "hide",
            "peek",
            "pick lock",
            "sneak",
        ],
    },
    Group {
        name: "warrior default",
        costs: [-1, -1, -1, 40],
        members: &[
            "weaponsmaster",
            "shield block",
            "bash",
            "disarm",
            "enhanced damage",
            "parry",
            "rescue",
            "third attack",
        ],
    },
    Group {
        name: "weaponsmaster",
        costs: [40, 40, 40, 20],
        members: &[
            "axe", "dagger", "flail", "mace", "polearm", "spear", "sword", "whip",
        ],
    },
    Group {
        name: "attack",
        costs: [-1, 5, -1, 8],
        members: &[
            "demonfire",
            "dispel evil",
            "dispel good",
            "earthquake",
            "flamestrike",
            "heat metal",
            "ray of truth",
        ],
    },
    Group {
        name: "beguiling",
        costs: [4, -1, 6, -1],
        members: &["calm", "charm person", "sleep"],
    },
    Group {
        name: "benedictions",
        costs: [-1, 4, -1, 8],
        members: &["bless", "calm", "frenzy", "holy word", "remove curse"],
    },
    Group {
        name: "combat",
        costs: [6, -1, 10, 9],
        members: &[
            "acid blast",
            "burning hands",
            "chain lightning",
            "chill touch",
            "colour spray",
            "fireball",
            "lightning bolt",
            "magic missile",
            "shocking grasp",
        ],
    },
    Group {
        name: "creation",
        costs: [4, 4, 8, 8],
        members: &[
            "continual light",
            "create food",
            "create spring",
            "create water",
            "create rose",
            "floating disc",
        ],
    },
    Group {
        name: "curative",
        costs: [-1, 4, -1, 8],
        members: &["cure blindness", "cure disease", "cure poison"],
    },
    Group {
        name: "detection",
        costs: [4, 3, 6, -1],
        members: &[
            "detect evil",
            "detect good",
            "detect hidden",
            "detect invis",
            "detect magic",
            "detect poison",
            "farsight",
            "identify",
            "know alignment",
            "locate object",
        ],
    },
    Group {
        name: "draconian",
        costs: [8, -1, -1, -1],
        members: &[
            "acid breath",
            "fire breath",
            "frost breath",
            "gas breath",
            "lightning breath",
        ],
    },
    Group {
        name: "enchantment",
        costs: [6, -1, -1, -1],
        members: &["enchant armor", "enchant weapon", "fireproof", "recharge"],
    },
    Group {
        name: "enhancement",
        costs: [5, -1, 9, 9],
        members: &["giant strength", "haste", "infravision", "refresh"],
    },
    Group {
        name: "harmful",
        costs: [-1, 3, -1, 6],
        members: &["cause critical", "cause light", "cause serious", "harm"],
    },
    Group {
        name: "healing",
        costs: [-1, 3, -1, 6],
        members: &[
            "cure critical",
            "cure light",
            "cure serious",
            "heal",
            "mass healing",
            "refresh",
        ],
    },
    Group {
        name: "illusion",
        costs: [4, -1, 7, -1],
        members: &["invis", "mass invis", "ventriloquate"],
    },
    Group {
        name: "maladictions",
        costs: [5, 5, 9, 9],
        members: &[
            "blindness",
            "change sex",
            "curse",
            "energy drain",
            "plague",
            "poison",
            "slow",
            "weaken",
        ],
    },
    Group {
        name: "protective",
        costs: [4, 4, 7, 8],
        members: &[
            "armor",
            "cancellation",
            "dispel magic",
            "fireproof",
            "protection evil",
            "protection good",
            "sanctuary",
            "shield",
            "stone skin",
        ],
    },
    Group {
        name: "transportation",
        costs: [4, 4, 8, 9],
        members: &[
            "fly",
            "gate",
            "nexus",
            "pass door",
            "portal",
            "summon",
            "teleport",
            "word of recall",
        ],
    },
    Group {
        name: "weather",
        costs: [4, 4, 8, 8],
        members: &[
            "call lightning",
            "control weather",
            "faerie fire",
            "faerie fog",
            "lightning bolt",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_match_the_flag_table() {
        assert_eq!(letter_bit(b'A'), 1);
        assert_eq!(letter_bit(b'Z'), 33_554_432);
        assert_eq!(letter_bit(b'a'), 67_108_864);
        assert_eq!(letter_bit(b'f'), 2_147_483_648);
        assert_eq!(letter_bit(b'g'), 0);
        assert_eq!(letters("AHMV"), 1 | 128 | 4096 | 2_097_152);
    }

    #[test]
    fn prefix_rule() {
        assert_eq!(position_lookup("stand"), Some(pos::STANDING));
        assert_eq!(position_lookup("mort"), Some(pos::MORTAL));
        assert_eq!(POSITIONS.len(), Position::ALL.len());
        assert_eq!(position_name(pos::SLEEPING), "sleeping");
        assert_eq!(item_type_lookup("p").map(|t| t.number), Some(10));
        assert_eq!(item_type_lookup("DRINK").map(|t| t.number), Some(17));
        assert_eq!(item_type_lookup("drink_con"), None);
        assert_eq!(item_type_lookup(""), None);
        assert_eq!(attack_lookup("peck"), Some(23));
        assert_eq!(attack_lookup("peckb"), Some(24));
        assert_eq!(liquid_lookup("red"), Some(2));
        assert_eq!(prefix_lookup(LIQUIDS, b"water"), Some((0, true)));
        assert_eq!(prefix_lookup(LIQUIDS, b"wat"), Some((0, false)));
        assert_eq!(race_lookup("unique"), Some(0));
        assert_eq!(race_lookup("school monster"), Some(22));
        assert_eq!(skill_lookup("fire"), Some(47));
        assert_eq!(skill_lookup("invis"), Some(62));
        assert_eq!(skill_lookup("reserved"), None);
        assert_eq!(spec_lookup("spec_breath"), Some("spec_breath_any"));
        assert_eq!(spec_lookup("breath_gas"), None);
        assert_eq!(weapon_class_lookup("staff"), Some(WEAPON_SPEAR));
        assert_eq!(weapon_class_lookup("exotic"), None);
        assert_eq!(weapon_class_lookup("spear"), None);
        assert_eq!(clan_lookup("rom"), Some(2));
        assert_eq!(clan_lookup(""), None);
        assert_eq!(prefix_lookup(FLAG_SETS, b"a"), Some((0, false)));
        assert_eq!(prefix_lookup(FLAG_SETS, b"affect"), None);
        assert_eq!(trigger_lookup("speech").map(|t| t.bit), Some(1 << 11));
        assert_eq!(class_lookup("war"), Some(CLASS_WARRIOR));
        assert_eq!(pc_race_lookup("gi").map(|r| r.race), Some(4));
        assert_eq!(
            group_lookup("weapons").map(|g| GROUPS[g].name),
            Some("weaponsmaster")
        );
    }

    #[test]
    fn table_sizes_and_spot_values() {
        assert_eq!(ITEM_TYPES.len(), 29);
        assert_eq!(ATTACKS.len(), 40);
        assert_eq!(ATTACKS[20].noun, "divine power");
        assert_eq!(ATTACKS[33].dam_class, DAM_NEGATIVE);
        assert_eq!(LIQUIDS.len(), 36);
        assert_eq!(LIQUIDS[8].affect(), [151, 1, 3, 0, 2]);
        assert_eq!(RACES.len(), 30);
        assert!(RACES[1..=4].iter().all(|r| r.pc));
        assert_eq!(RACES[11].res, letters("BEH"));
        assert_eq!(RACES[10].form, letters("EJMc"));
        assert_eq!(SKILLS.len(), 135);
        assert_eq!(SKILLS[82].name, "shocking grasp");
        assert_eq!(skill_by_slot(53), Some(60), "slot 53 finds identify first");
        assert_eq!(skill_by_slot(0), None);
        assert_eq!(SKILLS[134].name, "recall");
        assert_eq!(GROUPS.len(), 27);
        assert_eq!(SPEC_FUNS.len(), 22);
        assert_eq!(SECTORS.len(), 11);
        assert_eq!(sector(SECT_AIR).move_cost, 10);
        assert_eq!(sector(-1).name, "inside");
        assert_eq!(sector(99).name, "desert");
        assert_eq!(apply_name(20), Some("saves"));
        assert_eq!(wear_location_name(16), Some("wielded"));
        assert_eq!(CLASSES[CLASS_THIEF].thac0_32, -4);
        assert_eq!(PC_RACES[2].max_stats, [20, 16, 19, 14, 21]);
        assert_eq!(flag_lookup(ROOM_FLAGS, "law"), Some(letters("S")));
        assert_eq!(
            flag_string(EXIT_FLAGS, letters("ABF")),
            "door closed pickproof"
        );
        assert_eq!(flag_string(WEAR_FLAGS, 0), "none");
        assert_eq!(unknown_bits(ROOM_FLAGS, letters("AB")), letters("B"));
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
        for w in WEAPON_CLASSES {
            assert!(skill_lookup(w.skill).is_some());
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
        assert_eq!(skill_name(105), Some("sword"));
        assert_eq!(skill_name(0), Some("reserved"));
        assert!(skill_name(-1).is_none() && skill_name(SKILLS.len() as i32).is_none());
        assert_eq!(skill_exact("Sword"), Some(105));
        assert!(skill_exact("swo").is_none());
        // Every skill number survives name and back (player files rely on it).
        for (sn, s) in SKILLS.iter().enumerate() {
            assert_eq!(skill_exact(s.name), Some(sn), "{}", s.name);
        }
    }
}
