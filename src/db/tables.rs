//! ROM 2.4 vocabularies: the tables that turn words and letters in area files
//! (and player files) into numbers — flag letters and names, item types,
//! weapon classes, attack nouns, liquids, positions, sexes, sizes, sectors,
//! clans, apply and wear locations, special functions, mobprog triggers.
//! Races, classes, skills and groups are game rules and live in
//! `world::rules`; the numbers these words stand for are `world::flags`.
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

// Flag letters and ROM's prefix lookup are the world's (`world::flags`,
// `world::rules`); the file vocabularies below use them.
pub use crate::world::flags::{letter_bit, letters};
pub use crate::world::rules::{prefix_lookup, Named};

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

/// Size names by [`Size`] number (4.10).
pub static SIZES: &[Word] = &[
    Word("tiny"),
    Word("small"),
    Word("medium"),
    Word("large"),
    Word("huge"),
    Word("giant"),
];

/// The size a word names (prefix rule).
pub fn size_lookup(word: &str) -> Option<Size> {
    prefix_lookup(SIZES, word.as_bytes()).and_then(|(i, _)| Size::ALL.get(i).copied())
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

/// What `who` shows before a clan member's name (ROM's who_name).
pub static CLAN_WHO: [&str; 3] = ["", "[ Loner ] ", "[  ROM  ] "];

/// Independent clans (none, loner) are nobody's "same clan".
pub fn clan_independent(clan: usize) -> bool {
    clan != 2
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_weapon_class_names_a_skill() {
        for w in WEAPON_CLASSES {
            assert!(
                crate::world::rules::skill_lookup(w.skill).is_some(),
                "{}",
                w.skill
            );
        }
    }

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
        assert_eq!(SIZES.len(), Size::ALL.len());
        assert_eq!(size_lookup("hu"), Some(Size::Huge));
        assert_eq!(item_type_lookup("p").map(|t| t.number), Some(10));
        assert_eq!(item_type_lookup("DRINK").map(|t| t.number), Some(17));
        assert_eq!(item_type_lookup("drink_con"), None);
        assert_eq!(item_type_lookup(""), None);
        assert_eq!(attack_lookup("peck"), Some(23));
        assert_eq!(attack_lookup("peckb"), Some(24));
        assert_eq!(liquid_lookup("red"), Some(2));
        assert_eq!(prefix_lookup(LIQUIDS, b"water"), Some((0, true)));
        assert_eq!(prefix_lookup(LIQUIDS, b"wat"), Some((0, false)));
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
    }

    #[test]
    fn table_sizes_and_spot_values() {
        assert_eq!(ITEM_TYPES.len(), 29);
        assert_eq!(ATTACKS.len(), 40);
        assert_eq!(ATTACKS[20].noun, "divine power");
        assert_eq!(ATTACKS[33].dam_class, DAM_NEGATIVE);
        assert_eq!(LIQUIDS.len(), 36);
        assert_eq!(LIQUIDS[8].affect(), [151, 1, 3, 0, 2]);
        assert_eq!(SPEC_FUNS.len(), 22);
        assert_eq!(SECTORS.len(), 11);
        assert_eq!(sector(SECT_AIR).move_cost, 10);
        assert_eq!(sector(-1).name, "inside");
        assert_eq!(sector(99).name, "desert");
        assert_eq!(apply_name(20), Some("saves"));
        assert_eq!(wear_location_name(16), Some("wielded"));
        assert_eq!(flag_lookup(ROOM_FLAGS, "law"), Some(letters("S")));
        assert_eq!(
            flag_string(EXIT_FLAGS, letters("ABF")),
            "door closed pickproof"
        );
        assert_eq!(flag_string(WEAR_FLAGS, 0), "none");
        assert_eq!(unknown_bits(ROOM_FLAGS, letters("AB")), letters("B"));
    }
}
