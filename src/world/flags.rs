//! "merc.h": the bits and enums of characters, objects and rooms.
//!
//! Every number here is ROM's, because area files, player files and the
//! copyover snapshot store them: a flag is the bit of its letter (`A` = bit
//! 0 .. `Z` = bit 25, `a` = bit 26 ..), an enum value is ROM's number.
//! What files call these (flag letters, table words such as `stand` or
//! `fly`) is the area reader's vocabulary and lives in `db::tables`; game
//! rules built on them (attribute tables, classes, races, skills) are in
//! [`super::rules`].
//!
//! Families the game names by prefix in ROM (`ROOM_DARK`, `ACT_PET`) keep
//! the prefix; families that are many short words live in a module
//! (`aff::BLIND`, `item::LIGHT`, `wear_loc::HEAD`).

/// A flag set as written in area files (`A`..`Z`, `a`..`f` = bits 0..31).
pub type Flags = u64;

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

// ---------------------------------------------------------------- positions

/// Where a character is in the scale from dead to standing (ROM's `POS_*`),
/// in ROM's order and numbers: comparisons are ROM's numeric ones ("awake"
/// is `> Sleeping`). The number is what files and the snapshot store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(i32)]
pub enum Position {
    #[default]
    Dead = 0,
    Mortal = 1,
    Incap = 2,
    Stunned = 3,
    Sleeping = 4,
    Resting = 5,
    Sitting = 6,
    Fighting = 7,
    Standing = 8,
}

impl Position {
    /// Every position, by number.
    pub const ALL: [Position; 9] = [
        Position::Dead,
        Position::Mortal,
        Position::Incap,
        Position::Stunned,
        Position::Sleeping,
        Position::Resting,
        Position::Sitting,
        Position::Fighting,
        Position::Standing,
    ];

    /// The position nearest to number `n`: below 0 is dead, above 8 standing
    /// (for numbers read from files, which ROM clamps the same way).
    pub fn clamped(n: i64) -> Position {
        let i = usize::try_from(n.clamp(0, 8)).unwrap_or(0);
        Self::ALL.get(i).copied().unwrap_or(Position::Standing)
    }
}

impl From<Position> for i32 {
    fn from(p: Position) -> i32 {
        p as i32
    }
}

impl TryFrom<i32> for Position {
    type Error = i32;
    /// The position numbered `n`, or `n` back if there is none.
    fn try_from(n: i32) -> Result<Position, i32> {
        usize::try_from(n)
            .ok()
            .and_then(|i| Position::ALL.get(i).copied())
            .ok_or(n)
    }
}

/// ROM's `POS_*` names for [`Position`]s, as the command table and other
/// ROM-shaped code spell them (`pos::STANDING`).
pub mod pos {
    use super::Position;
    pub const DEAD: Position = Position::Dead;
    pub const MORTAL: Position = Position::Mortal;
    pub const INCAP: Position = Position::Incap;
    pub const STUNNED: Position = Position::Stunned;
    pub const SLEEPING: Position = Position::Sleeping;
    pub const RESTING: Position = Position::Resting;
    pub const SITTING: Position = Position::Sitting;
    pub const FIGHTING: Position = Position::Fighting;
    pub const STANDING: Position = Position::Standing;
}

// ------------------------------------------------- sexes, sizes, stats, conditions

pub const SEX_NEUTRAL: i32 = 0;
pub const SEX_MALE: i32 = 1;
pub const SEX_FEMALE: i32 = 2;
/// Mobile prototypes only: male or female at random for each instance.
pub const SEX_EITHER: i32 = 3;

/// A body size (ROM's `SIZE_*`), smallest first; the number is ROM's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(i32)]
pub enum Size {
    #[default]
    Tiny = 0,
    Small = 1,
    Medium = 2,
    Large = 3,
    Huge = 4,
    Giant = 5,
}

impl Size {
    /// Every size, by number.
    pub const ALL: [Size; 6] = [
        Size::Tiny,
        Size::Small,
        Size::Medium,
        Size::Large,
        Size::Huge,
        Size::Giant,
    ];
}

impl From<Size> for i32 {
    fn from(s: Size) -> i32 {
        s as i32
    }
}

impl TryFrom<i32> for Size {
    type Error = i32;
    /// The size numbered `n`, or `n` back if there is none.
    fn try_from(n: i32) -> Result<Size, i32> {
        usize::try_from(n)
            .ok()
            .and_then(|i| Size::ALL.get(i).copied())
            .ok_or(n)
    }
}

/// Stat indices into `perm_stat`/`mod_stat`, in ROM's order.
pub const STAT_STR: usize = 0;
pub const STAT_INT: usize = 1;
pub const STAT_WIS: usize = 2;
pub const STAT_DEX: usize = 3;
pub const STAT_CON: usize = 4;

/// Condition indices into `PcData::condition` (liquids use the same order).
pub const COND_DRUNK: usize = 0;
pub const COND_FULL: usize = 1;
pub const COND_THIRST: usize = 2;
pub const COND_HUNGER: usize = 3;

// ------------------------------------------------------------- characters

/// Mobile act bits (4.13).
pub const ACT_IS_NPC: Flags = 1 << 0; // A
pub const ACT_SENTINEL: Flags = 1 << 1; // B
pub const ACT_SCAVENGER: Flags = 1 << 2; // C
pub const ACT_AGGRESSIVE: Flags = 1 << 5; // F
pub const ACT_STAY_AREA: Flags = 1 << 6; // G
pub const ACT_WIMPY: Flags = 1 << 7; // H
pub const ACT_PET: Flags = 1 << 8; // I
pub const ACT_TRAIN: Flags = 1 << 9; // J
pub const ACT_PRACTICE: Flags = 1 << 10; // K
pub const ACT_UNDEAD: Flags = 1 << 14; // O
pub const ACT_CLERIC: Flags = 1 << 16; // Q
pub const ACT_MAGE: Flags = 1 << 17; // R
pub const ACT_THIEF: Flags = 1 << 18; // S
pub const ACT_WARRIOR: Flags = 1 << 19; // T
pub const ACT_NOALIGN: Flags = 1 << 20; // U
pub const ACT_NOPURGE: Flags = 1 << 21; // V
pub const ACT_OUTDOORS: Flags = 1 << 22; // W
pub const ACT_INDOORS: Flags = 1 << 24; // Y
pub const ACT_HEALER: Flags = 1 << 26; // a
pub const ACT_GAIN: Flags = 1 << 27; // b
pub const ACT_UPDATE_ALWAYS: Flags = 1 << 28; // c
pub const ACT_IS_CHANGER: Flags = 1 << 29; // d

/// Player act bits (5.7).
pub mod plr {
    use super::Flags;
    pub const AUTOASSIST: Flags = 1 << 2; // C
    pub const AUTOEXIT: Flags = 1 << 3; // D
    pub const AUTOLOOT: Flags = 1 << 4; // E
    pub const AUTOSAC: Flags = 1 << 5; // F
    pub const AUTOGOLD: Flags = 1 << 6; // G
    pub const AUTOSPLIT: Flags = 1 << 7; // H
    pub const PERMIT: Flags = 1 << 10; // K
    pub const HOLYLIGHT: Flags = 1 << 13; // N
    pub const CANLOOT: Flags = 1 << 15; // P
    pub const NOSUMMON: Flags = 1 << 16; // Q
    pub const NOFOLLOW: Flags = 1 << 17; // R
    pub const LOG: Flags = 1 << 22; // W
    pub const DENY: Flags = 1 << 23; // X
    pub const FREEZE: Flags = 1 << 24; // Y
    pub const THIEF: Flags = 1 << 25; // Z
    pub const KILLER: Flags = 1 << 26; // a
}

/// Comm bits (ROM's COMM_*, at ROM's letters so player files agree).
pub mod comm {
    use super::Flags;
    pub const QUIET: Flags = 1 << 0; // A
    pub const DEAF: Flags = 1 << 1; // B
    pub const NOWIZ: Flags = 1 << 2; // C
    pub const NOAUCTION: Flags = 1 << 3; // D
    pub const NOGOSSIP: Flags = 1 << 4; // E
    pub const NOQUESTION: Flags = 1 << 5; // F
    pub const NOMUSIC: Flags = 1 << 6; // G
    pub const NOCLAN: Flags = 1 << 7; // H
    pub const NOQUOTE: Flags = 1 << 8; // I
    pub const SHOUTSOFF: Flags = 1 << 9; // J
    pub const COMPACT: Flags = 1 << 11; // L
    pub const BRIEF: Flags = 1 << 12; // M
    pub const PROMPT: Flags = 1 << 13; // N
    pub const COMBINE: Flags = 1 << 14; // O
    pub const TELNET_GA: Flags = 1 << 15; // P
    pub const SHOW_AFFECTS: Flags = 1 << 16; // Q
    pub const NOGRATS: Flags = 1 << 17; // R
    pub const NOEMOTE: Flags = 1 << 19; // T
    pub const NOSHOUT: Flags = 1 << 20; // U
    pub const NOTELL: Flags = 1 << 21; // V
    pub const NOCHANNELS: Flags = 1 << 22; // W
    pub const SNOOP_PROOF: Flags = 1 << 24; // Y
    pub const AFK: Flags = 1 << 25; // Z
}

/// Affect bits (4.14).
pub mod aff {
    use super::Flags;
    pub const BLIND: Flags = 1 << 0; // A
    pub const INVISIBLE: Flags = 1 << 1; // B
    pub const DETECT_EVIL: Flags = 1 << 2; // C
    pub const DETECT_INVIS: Flags = 1 << 3; // D
    pub const DETECT_MAGIC: Flags = 1 << 4; // E
    pub const DETECT_HIDDEN: Flags = 1 << 5; // F
    pub const DETECT_GOOD: Flags = 1 << 6; // G
    pub const SANCTUARY: Flags = 1 << 7; // H
    pub const FAERIE_FIRE: Flags = 1 << 8; // I
    pub const INFRARED: Flags = 1 << 9; // J
    pub const CURSE: Flags = 1 << 10; // K
    pub const POISON: Flags = 1 << 12; // M
    pub const PROTECT_EVIL: Flags = 1 << 13; // N
    pub const PROTECT_GOOD: Flags = 1 << 14; // O
    pub const SNEAK: Flags = 1 << 15; // P
    pub const HIDE: Flags = 1 << 16; // Q
    pub const SLEEP: Flags = 1 << 17; // R
    pub const CHARM: Flags = 1 << 18; // S
    pub const FLYING: Flags = 1 << 19; // T
    pub const PASS_DOOR: Flags = 1 << 20; // U
    pub const HASTE: Flags = 1 << 21; // V
    pub const CALM: Flags = 1 << 22; // W
    pub const PLAGUE: Flags = 1 << 23; // X
    pub const WEAKEN: Flags = 1 << 24; // Y
    pub const DARK_VISION: Flags = 1 << 25; // Z
    pub const BERSERK: Flags = 1 << 26; // a
    pub const SWIM: Flags = 1 << 27; // b
    pub const REGENERATION: Flags = 1 << 28; // c
    pub const SLOW: Flags = 1 << 29; // d
}

/// Where an affect acts (`Affect::where_`, ROM's `TO_*`).
pub mod to {
    /// Applies and `affected_by` bits.
    pub const AFFECTS: i32 = 0;
    /// On an object.
    pub const OBJECT: i32 = 1;
    pub const IMMUNE: i32 = 2;
    pub const RESIST: i32 = 3;
    pub const VULN: i32 = 4;
    pub const WEAPON: i32 = 5;
}

/// Apply locations (4.18): what an apply or affect modifies. 20..=24 all
/// adjust the one saving-throw value.
pub mod apply {
    pub const NONE: i32 = 0;
    pub const STR: i32 = 1;
    pub const DEX: i32 = 2;
    pub const INT: i32 = 3;
    pub const WIS: i32 = 4;
    pub const CON: i32 = 5;
    pub const SEX: i32 = 6;
    pub const CLASS: i32 = 7;
    pub const LEVEL: i32 = 8;
    pub const AGE: i32 = 9;
    pub const HEIGHT: i32 = 10;
    pub const WEIGHT: i32 = 11;
    pub const MANA: i32 = 12;
    pub const HIT: i32 = 13;
    pub const MOVE: i32 = 14;
    pub const GOLD: i32 = 15;
    pub const EXP: i32 = 16;
    pub const AC: i32 = 17;
    pub const HITROLL: i32 = 18;
    pub const DAMROLL: i32 = 19;
    pub const SAVES: i32 = 20;
    pub const SAVING_PARA: i32 = 20;
    pub const SAVING_ROD: i32 = 21;
    pub const SAVING_PETRI: i32 = 22;
    pub const SAVING_BREATH: i32 = 23;
    pub const SAVING_SPELL: i32 = 24;
    pub const SPELL_AFFECT: i32 = 25;
}

/// Damage classes (4.7).
pub const DAM_NONE: i32 = 0;
pub const DAM_BASH: i32 = 1;
pub const DAM_PIERCE: i32 = 2;
pub const DAM_SLASH: i32 = 3;
pub const DAM_FIRE: i32 = 4;
pub const DAM_COLD: i32 = 5;
pub const DAM_LIGHTNING: i32 = 6;
pub const DAM_ACID: i32 = 7;
pub const DAM_POISON: i32 = 8;
pub const DAM_NEGATIVE: i32 = 9;
pub const DAM_HOLY: i32 = 10;
pub const DAM_ENERGY: i32 = 11;
pub const DAM_MENTAL: i32 = 12;
pub const DAM_DISEASE: i32 = 13;
pub const DAM_DROWNING: i32 = 14;
pub const DAM_LIGHT: i32 = 15;
pub const DAM_OTHER: i32 = 16;
pub const DAM_HARM: i32 = 17;
pub const DAM_CHARM: i32 = 18;
pub const DAM_SOUND: i32 = 19;

// ------------------------------------------------------------------ rooms

/// Room flags (4.11).
pub const ROOM_DARK: Flags = 1 << 0; // A
pub const ROOM_NO_MOB: Flags = 1 << 2; // C
pub const ROOM_INDOORS: Flags = 1 << 3; // D
pub const ROOM_PRIVATE: Flags = 1 << 9; // J
pub const ROOM_SAFE: Flags = 1 << 10; // K
pub const ROOM_SOLITARY: Flags = 1 << 11; // L
pub const ROOM_PET_SHOP: Flags = 1 << 12; // M
pub const ROOM_NO_RECALL: Flags = 1 << 13; // N
pub const ROOM_IMP_ONLY: Flags = 1 << 14; // O
pub const ROOM_GODS_ONLY: Flags = 1 << 15; // P
pub const ROOM_HEROES_ONLY: Flags = 1 << 16; // Q
pub const ROOM_NEWBIES_ONLY: Flags = 1 << 17; // R
pub const ROOM_LAW: Flags = 1 << 18; // S
pub const ROOM_NOWHERE: Flags = 1 << 19; // T

/// Sector types (4.11).
pub const SECT_INSIDE: i32 = 0;
pub const SECT_CITY: i32 = 1;
pub const SECT_FIELD: i32 = 2;
pub const SECT_FOREST: i32 = 3;
pub const SECT_HILLS: i32 = 4;
pub const SECT_MOUNTAIN: i32 = 5;
pub const SECT_WATER_SWIM: i32 = 6;
pub const SECT_WATER_NOSWIM: i32 = 7;
pub const SECT_UNUSED: i32 = 8;
pub const SECT_AIR: i32 = 9;
pub const SECT_DESERT: i32 = 10;

/// Exit flag bits (runtime `exit_info`; portals use them in value 1), 4.12.
pub const EX_ISDOOR: Flags = 1 << 0; // A
pub const EX_CLOSED: Flags = 1 << 1; // B
pub const EX_LOCKED: Flags = 1 << 2; // C
pub const EX_PICKPROOF: Flags = 1 << 5; // F
pub const EX_NOPASS: Flags = 1 << 6; // G
pub const EX_EASY: Flags = 1 << 7; // H
pub const EX_HARD: Flags = 1 << 8; // I
pub const EX_INFURIATING: Flags = 1 << 9; // J
pub const EX_NOCLOSE: Flags = 1 << 10; // K
pub const EX_NOLOCK: Flags = 1 << 11; // L

// ---------------------------------------------------------------- objects

/// Item type numbers (4.2).
pub mod item {
    pub const LIGHT: i32 = 1;
    pub const SCROLL: i32 = 2;
    pub const WAND: i32 = 3;
    pub const STAFF: i32 = 4;
    pub const WEAPON: i32 = 5;
    pub const TREASURE: i32 = 8;
    pub const ARMOR: i32 = 9;
    pub const POTION: i32 = 10;
    pub const CLOTHING: i32 = 11;
    pub const FURNITURE: i32 = 12;
    pub const TRASH: i32 = 13;
    pub const CONTAINER: i32 = 15;
    pub const DRINK_CON: i32 = 17;
    pub const KEY: i32 = 18;
    pub const FOOD: i32 = 19;
    pub const MONEY: i32 = 20;
    pub const BOAT: i32 = 22;
    pub const CORPSE_NPC: i32 = 23;
    pub const CORPSE_PC: i32 = 24;
    pub const FOUNTAIN: i32 = 25;
    pub const PILL: i32 = 26;
    pub const PROTECT: i32 = 27;
    pub const MAP: i32 = 28;
    pub const PORTAL: i32 = 29;
    pub const WARP_STONE: i32 = 30;
    pub const ROOM_KEY: i32 = 31;
    pub const GEM: i32 = 32;
    pub const JEWELRY: i32 = 33;
    pub const JUKEBOX: i32 = 34;
}

/// Object extra flags (4.4).
pub mod extra {
    use super::Flags;
    pub const GLOW: Flags = 1 << 0; // A
    pub const HUM: Flags = 1 << 1; // B
    pub const DARK: Flags = 1 << 2; // C
    pub const LOCK: Flags = 1 << 3; // D
    pub const EVIL: Flags = 1 << 4; // E
    pub const INVIS: Flags = 1 << 5; // F
    pub const MAGIC: Flags = 1 << 6; // G
    pub const NODROP: Flags = 1 << 7; // H
    pub const BLESS: Flags = 1 << 8; // I
    pub const ANTI_GOOD: Flags = 1 << 9; // J
    pub const ANTI_EVIL: Flags = 1 << 10; // K
    pub const ANTI_NEUTRAL: Flags = 1 << 11; // L
    pub const NOREMOVE: Flags = 1 << 12; // M
    pub const INVENTORY: Flags = 1 << 13; // N
    pub const NOPURGE: Flags = 1 << 14; // O
    pub const ROT_DEATH: Flags = 1 << 15; // P
    pub const VIS_DEATH: Flags = 1 << 16; // Q
    pub const NONMETAL: Flags = 1 << 18; // S
    pub const NOLOCATE: Flags = 1 << 19; // T
    pub const MELT_DROP: Flags = 1 << 20; // U
    pub const HAD_TIMER: Flags = 1 << 21; // V
    pub const SELL_EXTRACT: Flags = 1 << 22; // W
    pub const BURN_PROOF: Flags = 1 << 24; // Y
    pub const NOUNCURSE: Flags = 1 << 25; // Z
}

/// Wear flag bits (object field 3), 4.3.
pub mod wear {
    use super::Flags;
    pub const TAKE: Flags = 1 << 0;
    pub const FINGER: Flags = 1 << 1;
    pub const NECK: Flags = 1 << 2;
    pub const BODY: Flags = 1 << 3;
    pub const HEAD: Flags = 1 << 4;
    pub const LEGS: Flags = 1 << 5;
    pub const FEET: Flags = 1 << 6;
    pub const HANDS: Flags = 1 << 7;
    pub const ARMS: Flags = 1 << 8;
    pub const SHIELD: Flags = 1 << 9;
    pub const ABOUT: Flags = 1 << 10;
    pub const WAIST: Flags = 1 << 11;
    pub const WRIST: Flags = 1 << 12;
    pub const WIELD: Flags = 1 << 13;
    pub const HOLD: Flags = 1 << 14;
    pub const NO_SAC: Flags = 1 << 15;
    pub const FLOAT: Flags = 1 << 16;
}

/// Wear locations (4.19); -1 = not worn.
pub mod wear_loc {
    pub const NONE: i32 = -1;
    pub const LIGHT: i32 = 0;
    pub const FINGER_L: i32 = 1;
    pub const FINGER_R: i32 = 2;
    pub const NECK_1: i32 = 3;
    pub const NECK_2: i32 = 4;
    pub const BODY: i32 = 5;
    pub const HEAD: i32 = 6;
    pub const LEGS: i32 = 7;
    pub const FEET: i32 = 8;
    pub const HANDS: i32 = 9;
    pub const ARMS: i32 = 10;
    pub const SHIELD: i32 = 11;
    pub const ABOUT: i32 = 12;
    pub const WAIST: i32 = 13;
    pub const WRIST_L: i32 = 14;
    pub const WRIST_R: i32 = 15;
    pub const WIELD: i32 = 16;
    pub const HOLD: i32 = 17;
    pub const FLOAT: i32 = 18;
    pub const MAX: i32 = 19;
}

/// Container flags (container value 1), 4.20.
pub mod cont {
    use super::Flags;
    pub const CLOSEABLE: Flags = 1 << 0; // A
    pub const PICKPROOF: Flags = 1 << 1; // B
    pub const CLOSED: Flags = 1 << 2; // C
    pub const LOCKED: Flags = 1 << 3; // D
    pub const PUT_ON: Flags = 1 << 4; // E
}

/// Furniture flags (furniture value 2), 4.20.
pub mod furn {
    use super::Flags;
    pub const STAND_AT: Flags = 1 << 0;
    pub const STAND_ON: Flags = 1 << 1;
    pub const STAND_IN: Flags = 1 << 2;
    pub const SIT_AT: Flags = 1 << 3;
    pub const SIT_ON: Flags = 1 << 4;
    pub const SIT_IN: Flags = 1 << 5;
    pub const REST_AT: Flags = 1 << 6;
    pub const REST_ON: Flags = 1 << 7;
    pub const REST_IN: Flags = 1 << 8;
    pub const SLEEP_AT: Flags = 1 << 9;
    pub const SLEEP_ON: Flags = 1 << 10;
    pub const SLEEP_IN: Flags = 1 << 11;
}

/// Weapon class numbers (weapon value 0), 4.5.
pub const WEAPON_EXOTIC: i32 = 0;
pub const WEAPON_SWORD: i32 = 1;
pub const WEAPON_DAGGER: i32 = 2;
pub const WEAPON_SPEAR: i32 = 3;
pub const WEAPON_MACE: i32 = 4;
pub const WEAPON_AXE: i32 = 5;
pub const WEAPON_FLAIL: i32 = 6;
pub const WEAPON_WHIP: i32 = 7;
pub const WEAPON_POLEARM: i32 = 8;

/// Weapon flags (weapon value 4), 4.6.
pub mod weapon {
    use super::Flags;
    pub const FLAMING: Flags = 1 << 0; // A
    pub const FROST: Flags = 1 << 1; // B
    pub const VAMPIRIC: Flags = 1 << 2; // C
    pub const SHARP: Flags = 1 << 3; // D
    pub const VORPAL: Flags = 1 << 4; // E
    pub const TWO_HANDS: Flags = 1 << 5; // F
    pub const SHOCKING: Flags = 1 << 6; // G
    pub const POISON: Flags = 1 << 7; // H
}

/// Offensive and assist flags of mobiles (ROM's OFF_* / ASSIST_*).
pub mod off {
    use super::Flags;
    pub const AREA_ATTACK: Flags = 1 << 0; // A
    pub const BACKSTAB: Flags = 1 << 1; // B
    pub const BASH: Flags = 1 << 2; // C
    pub const BERSERK: Flags = 1 << 3; // D
    pub const DISARM: Flags = 1 << 4; // E
    pub const DODGE: Flags = 1 << 5; // F
    pub const FADE: Flags = 1 << 6; // G
    pub const FAST: Flags = 1 << 7; // H
    pub const KICK: Flags = 1 << 8; // I
    pub const KICK_DIRT: Flags = 1 << 9; // J
    pub const PARRY: Flags = 1 << 10; // K
    pub const RESCUE: Flags = 1 << 11; // L
    pub const TAIL: Flags = 1 << 12; // M
    pub const TRIP: Flags = 1 << 13; // N
    pub const CRUSH: Flags = 1 << 14; // O
    pub const ASSIST_ALL: Flags = 1 << 15; // P
    pub const ASSIST_ALIGN: Flags = 1 << 16; // Q
    pub const ASSIST_RACE: Flags = 1 << 17; // R
    pub const ASSIST_PLAYERS: Flags = 1 << 18; // S
    pub const ASSIST_GUARD: Flags = 1 << 19; // T
    pub const ASSIST_VNUM: Flags = 1 << 20; // U
}

/// Immunity / resistance / vulnerability bits (ROM's IMM_*, RES_*, VULN_*
/// share one letter set).
pub mod irv {
    use super::Flags;
    pub const SUMMON: Flags = 1 << 0; // A
    pub const CHARM: Flags = 1 << 1; // B
    pub const MAGIC: Flags = 1 << 2; // C
    pub const WEAPON: Flags = 1 << 3; // D
    pub const BASH: Flags = 1 << 4; // E
    pub const PIERCE: Flags = 1 << 5; // F
    pub const SLASH: Flags = 1 << 6; // G
    pub const FIRE: Flags = 1 << 7; // H
    pub const COLD: Flags = 1 << 8; // I
    pub const LIGHTNING: Flags = 1 << 9; // J
    pub const ACID: Flags = 1 << 10; // K
    pub const POISON: Flags = 1 << 11; // L
    pub const NEGATIVE: Flags = 1 << 12; // M
    pub const HOLY: Flags = 1 << 13; // N
    pub const ENERGY: Flags = 1 << 14; // O
    pub const MENTAL: Flags = 1 << 15; // P
    pub const DISEASE: Flags = 1 << 16; // Q
    pub const DROWNING: Flags = 1 << 17; // R
    pub const LIGHT: Flags = 1 << 18; // S
    pub const SOUND: Flags = 1 << 19; // T
}

/// Body form bits the combat code reads.
pub mod form {
    use super::Flags;
    pub const EDIBLE: Flags = 1 << 0; // A
    pub const POISON: Flags = 1 << 1; // B
}

/// Body part bits the death cry reads.
pub mod part {
    use super::Flags;
    pub const HEAD: Flags = 1 << 0; // A
    pub const ARMS: Flags = 1 << 1; // B
    pub const LEGS: Flags = 1 << 2; // C
    pub const HEART: Flags = 1 << 3; // D
    pub const BRAINS: Flags = 1 << 4; // E
    pub const GUTS: Flags = 1 << 5; // F
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_keep_rom_numbers_and_order() {
        for (i, p) in Position::ALL.iter().enumerate() {
            assert_eq!(i32::from(*p), i as i32);
            assert_eq!(Position::try_from(i as i32), Ok(*p));
        }
        assert_eq!(Position::try_from(9), Err(9));
        assert_eq!(Position::try_from(-1), Err(-1));
        assert_eq!(Position::clamped(-5), Position::Dead);
        assert_eq!(Position::clamped(12), Position::Standing);
        assert!(pos::SLEEPING < pos::RESTING && pos::FIGHTING < pos::STANDING);
        for (i, s) in Size::ALL.iter().enumerate() {
            assert_eq!(i32::from(*s), i as i32);
            assert_eq!(Size::try_from(i as i32), Ok(*s));
        }
        assert_eq!(Size::try_from(6), Err(6));
        assert!(Size::Medium < Size::Large);
    }
}
