//! Prototypes: what the area files describe, before anything is instanced.
//!
//! The area loader (`crate::db`) fills a [`Protos`]; the running [`World`]
//! (`super::World`) is built from it. Nothing here changes while the game runs
//! (rooms excepted: their door states and contents live in `world::Room`).
//! Strings are stored as read (Latin-1 decoded), with plain `\n` line ends.

use std::collections::BTreeMap;

use super::flags::{Flags, Position, Size};

/// The vnum of a room prototype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct RoomVnum(pub i32);
/// The vnum of a mobile prototype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct MobVnum(pub i32);
/// The vnum of an object prototype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ObjVnum(pub i32);
/// Index into `Protos::areas` / `World::areas`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct AreaId(pub usize);

/// Where a record came from, for messages (`file:line`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

/// `NdS+B`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dice {
    pub number: i32,
    pub size: i32,
    pub bonus: i32,
}

/// Keywords plus text shown when a player looks at one of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraDescr {
    pub keyword: String,
    pub description: String,
}

/// One area header (`#AREA` or `#AREADATA`) and the ordered resets it owns.
#[derive(Clone, Debug, Default)]
pub struct AreaProto {
    /// The file the area came from, as named in `area.lst`.
    pub file: String,
    /// The file name written inside `#AREA` (may differ from `file`).
    pub header_file: String,
    pub name: String,
    pub credits: String,
    pub builders: String,
    pub security: i32,
    pub low_vnum: i32,
    pub high_vnum: i32,
    /// Resets in file order; run top to bottom at each area reset.
    pub resets: Vec<Reset>,
}

/// Direction numbers as in area files: 0..5 = north, east, south, west, up, down.
pub const DIR_NAMES: [&str; 6] = ["north", "east", "south", "west", "up", "down"];
pub const REV_DIR: [usize; 6] = [2, 3, 0, 1, 5, 4];

#[derive(Clone, Debug, Default)]
pub struct ExitProto {
    pub description: String,
    pub keyword: String,
    /// Door kind from the lock code, as `EX_*` bits (ISDOOR, PICKPROOF, NOPASS).
    pub flags: Flags,
    /// Key object vnum; `None` for -1/0.
    pub key: Option<ObjVnum>,
    /// Destination; `None` for -1/0 (the exit exists but leads nowhere).
    pub to: Option<RoomVnum>,
}

#[derive(Clone, Debug, Default)]
pub struct RoomProto {
    pub vnum: RoomVnum,
    pub area: AreaId,
    pub name: String,
    pub description: String,
    pub flags: Flags,
    pub sector: i32,
    pub exits: [Option<ExitProto>; 6],
    /// In file order (lookups should search from the back, as ROM prepends).
    pub extra: Vec<ExtraDescr>,
    pub heal_rate: i32,
    pub mana_rate: i32,
    pub clan: Option<String>,
    pub owner: Option<String>,
    pub origin: Origin,
}

/// A shop attached to a mobile prototype.
#[derive(Clone, Debug, Default)]
pub struct Shop {
    pub keeper: MobVnum,
    pub buy_types: [i32; 5],
    pub profit_buy: i32,
    pub profit_sell: i32,
    pub open_hour: i32,
    pub close_hour: i32,
}

/// A mobprog trigger line (`M <trigger> <vnum> <phrase>~`).
#[derive(Clone, Debug, Default)]
pub struct MobProgTrigger {
    pub trigger: String,
    pub prog: i32,
    pub phrase: String,
}

#[derive(Clone, Debug, Default)]
pub struct MobProto {
    pub vnum: MobVnum,
    pub area: AreaId,
    pub keywords: String,
    pub short_descr: String,
    pub long_descr: String,
    pub description: String,
    /// Index into `world::rules::RACES`.
    pub race: usize,
    pub act: Flags,
    pub affected: Flags,
    pub alignment: i32,
    pub group: i32,
    pub level: i32,
    pub hitroll: i32,
    pub hit: Dice,
    pub mana: Dice,
    pub damage: Dice,
    /// Index into `db::tables::ATTACKS` (0 = none: pick at random per instance).
    pub dam_type: usize,
    /// pierce, bash, slash, exotic — already multiplied by 10.
    pub ac: [i32; 4],
    pub off: Flags,
    pub imm: Flags,
    pub res: Flags,
    pub vuln: Flags,
    pub start_pos: Position,
    pub default_pos: Position,
    /// 0 none, 1 male, 2 female, 3 either.
    pub sex: i32,
    pub wealth: i32,
    pub form: Flags,
    pub parts: Flags,
    pub size: Size,
    pub material: String,
    pub spec_fun: Option<String>,
    pub shop: Option<Shop>,
    pub progs: Vec<MobProgTrigger>,
    pub origin: Origin,
}

/// An apply or affect carried by an object prototype.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjApply {
    /// 0 = plain apply (`A`), else `F` where: 'A' affects, 'I', 'R', 'V'.
    pub where_: u8,
    pub location: i32,
    pub modifier: i32,
    pub bits: Flags,
}

#[derive(Clone, Debug, Default)]
pub struct ObjProto {
    pub vnum: ObjVnum,
    pub area: AreaId,
    pub keywords: String,
    pub short_descr: String,
    pub long_descr: String,
    pub material: String,
    /// Item type number (4.2): 1 light, 5 weapon, 9 armor, 15 container, ...
    pub item_type: i32,
    pub extra_flags: Flags,
    pub wear_flags: Flags,
    /// The five values, resolved to numbers (weapon class index, attack index,
    /// liquid index, skill number or -1 for "no spell", flag masks ...).
    pub values: [i64; 5],
    pub level: i32,
    pub weight: i32,
    pub cost: i32,
    /// Condition percent from the letter.
    pub condition: i32,
    pub applies: Vec<ObjApply>,
    /// In file order (lookups should search from the back, as ROM prepends).
    pub extra: Vec<ExtraDescr>,
    pub origin: Origin,
}

/// One reset line (3.9) with the line it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResetCmd {
    Mob {
        mob: MobVnum,
        world_limit: i32,
        room: RoomVnum,
        room_limit: i32,
    },
    Obj {
        obj: ObjVnum,
        room: RoomVnum,
    },
    Put {
        obj: ObjVnum,
        limit: i32,
        container: ObjVnum,
        count: i32,
    },
    Give {
        obj: ObjVnum,
        limit: i32,
    },
    Equip {
        obj: ObjVnum,
        limit: i32,
        wear_loc: i32,
    },
    Door {
        room: RoomVnum,
        dir: usize,
        state: i32,
    },
    Randomize {
        room: RoomVnum,
        count: i32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reset {
    pub cmd: ResetCmd,
    pub line: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Help {
    /// Minimum trust to read; negative levels hide the keyword line (see 3.3).
    pub level: i32,
    pub keywords: String,
    pub text: String,
    pub area: Option<AreaId>,
}

/// A social: eight optional messages, in file order.
#[derive(Clone, Debug, Default)]
pub struct Social {
    pub name: String,
    pub char_no_arg: Option<String>,
    pub others_no_arg: Option<String>,
    pub char_found: Option<String>,
    pub others_found: Option<String>,
    pub vict_found: Option<String>,
    pub char_not_found: Option<String>,
    pub char_auto: Option<String>,
    pub others_auto: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct MobProg {
    pub vnum: i32,
    pub code: String,
}

/// Everything the area files describe, ready to become a `World`.
#[derive(Clone, Debug, Default)]
pub struct Protos {
    pub areas: Vec<AreaProto>,
    pub rooms: BTreeMap<RoomVnum, RoomProto>,
    pub mobs: BTreeMap<MobVnum, MobProto>,
    pub objs: BTreeMap<ObjVnum, ObjProto>,
    pub helps: Vec<Help>,
    pub socials: Vec<Social>,
    pub mobprogs: BTreeMap<i32, MobProg>,
}

impl Protos {
    pub fn shop_count(&self) -> usize {
        self.mobs.values().filter(|m| m.shop.is_some()).count()
    }
    pub fn reset_count(&self) -> usize {
        self.areas.iter().map(|a| a.resets.len()).sum()
    }
}

/// The beastly fido of the unit tests' hand-built worlds (mobile 3062): a
/// level-`level` dog with `hp` hit points and 1d4 bites.
#[cfg(test)]
pub(crate) fn test_fido(level: i32, hp: i32) -> MobProto {
    MobProto {
        vnum: MobVnum(3062),
        keywords: "fido dog".into(),
        short_descr: "the beastly fido".into(),
        long_descr: "A beastly fido is here.\n".into(),
        level,
        hit: Dice {
            number: 0,
            size: 0,
            bonus: hp,
        },
        damage: Dice {
            number: 1,
            size: 4,
            bonus: 0,
        },
        dam_type: 10,
        ac: [100; 4],
        start_pos: super::flags::pos::STANDING,
        default_pos: super::flags::pos::STANDING,
        ..Default::default()
    }
}

/// For tests: one area "T" (3000-3099) with rooms 3001 and 3002, 3002 east
/// of 3001 and 3001 west of 3002.
#[cfg(test)]
pub(crate) fn two_room_protos() -> Protos {
    let mut p = Protos::default();
    p.areas.push(AreaProto {
        name: "T".into(),
        low_vnum: 3000,
        high_vnum: 3099,
        ..Default::default()
    });
    for v in [3001, 3002] {
        let mut r = RoomProto {
            vnum: RoomVnum(v),
            area: crate::world::AreaId(0),
            name: format!("Room {v}"),
            ..Default::default()
        };
        let (dir, to) = if v == 3001 { (1, 3002) } else { (3, 3001) };
        r.exits[dir] = Some(ExitProto {
            to: Some(RoomVnum(to)),
            ..Default::default()
        });
        p.rooms.insert(RoomVnum(v), r);
    }
    p
}
