//! The area writer: prototypes back into ROM 2.4 area files (OLC's
//! `asave`). What the loader keeps, the writer writes, so that
//! load → write → load gives the same prototypes (`tests/area_roundtrip.rs`
//! walks every stock file and `areas/`).
//!
//! Each area of [`Protos::areas`] becomes one file, named as in `area.lst`:
//! `#AREA` (or `#AREADATA` when it has builders or a security other than
//! 9), then `#HELPS`, `#MOBILES`, `#OBJECTS`, `#ROOMS`, `#RESETS`,
//! `#SHOPS`, `#SPECIALS` and `#MOBPROGS` for what belongs to it. Helps
//! read before any area header and the socials have no area: they go to
//! files of their own ([`write_unowned`]). Old-format (`#MOBOLD`,
//! `#OBJOLD`) records come back in the new format, as the loader already
//! converted them; race bits a mobile lacks are written as `F` removals;
//! flags are letters, words are the tables' names, strings are Latin-1.
//! Comments in the original files are not kept (the prototypes do not
//! hold them); reset, shop and special lines get a comment naming what
//! they load, as stock files and ROM OLC's verbose saves have.

use std::fmt::Write as _;

use crate::db::tables::{self, ValueLayout};
use crate::save::flag_letters;
use crate::world::rules::{self, RACES};
use crate::world::{
    AreaId, Flags, MobProto, ObjProto, Position, Protos, ResetCmd, RoomProto, Size, EX_NOPASS,
    EX_PICKPROOF,
};

/// Text for a comment: one line, no tilde.
fn one_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .replace('~', "-")
        .trim()
        .to_string()
}

/// A string as an area file holds it: `text~`.
fn tilde(out: &mut String, text: &str) {
    out.push_str(&text.replace('~', "-"));
    out.push_str("~\n");
}

fn flags(f: Flags) -> String {
    flag_letters(f)
}

/// A word the reader takes back: quoted when it is empty or has blanks.
fn word(w: &str) -> String {
    if w.is_empty() || w.contains(char::is_whitespace) {
        format!("'{w}'")
    } else {
        w.to_string()
    }
}

fn position_name(p: Position) -> &'static str {
    Position::ALL
        .iter()
        .position(|&x| x == p)
        .and_then(|i| tables::POSITIONS.get(i))
        .map_or("stand", |n| n.short_name)
}

fn size_name(s: Size) -> &'static str {
    Size::ALL
        .iter()
        .position(|&x| x == s)
        .and_then(|i| tables::SIZES.get(i))
        .map_or("medium", |w| w.0)
}

fn spell_word(sn: i64) -> String {
    usize::try_from(sn)
        .ok()
        .filter(|&i| i > 0)
        .and_then(|i| rules::SKILLS.get(i))
        .map_or_else(|| "''".to_string(), |s| format!("'{}'", s.name))
}

fn write_mob(out: &mut String, m: &MobProto) {
    let race = RACES.get(m.race).unwrap_or(&RACES[0]);
    let _ = writeln!(out, "#{}", m.vnum.0);
    tilde(out, &m.keywords);
    tilde(out, &m.short_descr);
    tilde(out, &m.long_descr);
    tilde(out, &m.description);
    tilde(out, race.name);
    let _ = writeln!(
        out,
        "{} {} {} {}",
        flags(m.act),
        flags(m.affected),
        m.alignment,
        m.group
    );
    let dice = |d: &crate::world::Dice| format!("{}d{}+{}", d.number, d.size, d.bonus);
    let attack = tables::ATTACKS.get(m.dam_type).map_or("none", |a| a.name);
    let _ = writeln!(
        out,
        "{} {} {} {} {} {}",
        m.level,
        m.hitroll,
        dice(&m.hit),
        dice(&m.mana),
        dice(&m.damage),
        word(attack)
    );
    let _ = writeln!(
        out,
        "{} {} {} {}",
        m.ac[0] / 10,
        m.ac[1] / 10,
        m.ac[2] / 10,
        m.ac[3] / 10
    );
    let _ = writeln!(
        out,
        "{} {} {} {}",
        flags(m.off),
        flags(m.imm),
        flags(m.res),
        flags(m.vuln)
    );
    let sex = tables::SEXES
        .get(usize::try_from(m.sex).unwrap_or(0))
        .map_or("none", |w| w.0);
    let _ = writeln!(
        out,
        "{} {} {} {}",
        word(position_name(m.start_pos)),
        word(position_name(m.default_pos)),
        sex,
        m.wealth
    );
    let material = if m.material.is_empty() {
        "unknown"
    } else {
        &m.material
    };
    let _ = writeln!(
        out,
        "{} {} {} {}",
        flags(m.form),
        flags(m.parts),
        size_name(m.size),
        word(material)
    );
    // The loader ORs the race's bits in; bits the mobile lacks are removals.
    let sets: [(&str, Flags, Flags); 8] = [
        ("act", race.act, m.act),
        ("aff", race.aff, m.affected),
        ("off", race.off, m.off),
        ("imm", race.imm, m.imm),
        ("res", race.res, m.res),
        ("vul", race.vuln, m.vuln),
        ("for", race.form, m.form),
        ("par", race.parts, m.parts),
    ];
    for (name, race_bits, have) in sets {
        let missing = race_bits & !have;
        if missing != 0 {
            let _ = writeln!(out, "F {name} {}", flags(missing));
        }
    }
    for p in &m.progs {
        let _ = write!(out, "M {} {} ", p.trigger, p.prog);
        tilde(out, &p.phrase);
    }
}

fn condition_letter(c: i32) -> char {
    match c {
        90 => 'G',
        75 => 'A',
        50 => 'W',
        25 => 'D',
        10 => 'B',
        0 => 'R',
        _ => 'P',
    }
}

fn write_obj(out: &mut String, o: &ObjProto) {
    let _ = writeln!(out, "#{}", o.vnum.0);
    tilde(out, &o.keywords);
    tilde(out, &o.short_descr);
    tilde(out, &o.long_descr);
    tilde(out, &o.material);
    let kind = tables::ITEM_TYPES.iter().find(|t| t.number == o.item_type);
    let _ = writeln!(
        out,
        "{} {} {}",
        kind.map_or("trash", |t| t.name),
        flags(o.extra_flags),
        flags(o.wear_flags)
    );
    let v = o.values;
    let line = match kind.map_or(ValueLayout::Flags, |t| t.values) {
        ValueLayout::Flags => format!("{} {} {} {} {}", v[0], v[1], v[2], v[3], v[4]),
        ValueLayout::Weapon => {
            let class = tables::WEAPON_CLASSES
                .iter()
                .find(|c| i64::from(c.class) == v[0])
                .map_or("exotic", |c| c.name);
            let attack = usize::try_from(v[3])
                .ok()
                .and_then(|i| tables::ATTACKS.get(i))
                .map_or("none", |a| a.name);
            format!(
                "{} {} {} {} {}",
                word(class),
                v[1],
                v[2],
                word(attack),
                flags(v[4] as Flags)
            )
        }
        ValueLayout::Container => format!(
            "{} {} {} {} {}",
            v[0],
            flags(v[1] as Flags),
            v[2],
            v[3],
            v[4]
        ),
        ValueLayout::Drink => {
            let liquid = usize::try_from(v[2])
                .ok()
                .and_then(|i| tables::LIQUIDS.get(i))
                .map_or("water", |l| l.name);
            format!("{} {} {} {} {}", v[0], v[1], word(liquid), v[3], v[4])
        }
        ValueLayout::WandStaff => {
            format!("{} {} {} {} {}", v[0], v[1], v[2], spell_word(v[3]), v[4])
        }
        ValueLayout::PotionPillScroll => format!(
            "{} {} {} {} {}",
            v[0],
            spell_word(v[1]),
            spell_word(v[2]),
            spell_word(v[3]),
            spell_word(v[4])
        ),
    };
    out.push_str(&line);
    out.push('\n');
    let _ = writeln!(
        out,
        "{} {} {} {}",
        o.level,
        o.weight,
        o.cost,
        condition_letter(o.condition)
    );
    for a in &o.applies {
        if a.where_ == 0 {
            let _ = writeln!(out, "A\n{} {}", a.location, a.modifier);
        } else {
            let _ = writeln!(
                out,
                "F\n{} {} {} {}",
                char::from(a.where_),
                a.location,
                a.modifier,
                flags(a.bits)
            );
        }
    }
    for e in &o.extra {
        out.push_str("E\n");
        tilde(out, &e.keyword);
        tilde(out, &e.description);
    }
}

fn write_room(out: &mut String, r: &RoomProto) {
    let _ = writeln!(out, "#{}", r.vnum.0);
    tilde(out, &r.name);
    tilde(out, &r.description);
    let _ = writeln!(out, "0 {} {}", flags(r.flags), r.sector);
    for (dir, exit) in r.exits.iter().enumerate() {
        let Some(e) = exit else { continue };
        let _ = writeln!(out, "D{dir}");
        tilde(out, &e.description);
        tilde(out, &e.keyword);
        let lock = if e.flags & crate::world::EX_ISDOOR == 0 {
            0
        } else {
            match (e.flags & EX_PICKPROOF != 0, e.flags & EX_NOPASS != 0) {
                (false, false) => 1,
                (true, false) => 2,
                (false, true) => 3,
                (true, true) => 4,
            }
        };
        let _ = writeln!(
            out,
            "{lock} {} {}",
            e.key.map_or(-1, |k| k.0),
            e.to.map_or(-1, |t| t.0)
        );
    }
    for e in &r.extra {
        out.push_str("E\n");
        tilde(out, &e.keyword);
        tilde(out, &e.description);
    }
    if r.heal_rate != 100 {
        let _ = writeln!(out, "H {}", r.heal_rate);
    }
    if r.mana_rate != 100 {
        let _ = writeln!(out, "M {}", r.mana_rate);
    }
    if let Some(c) = &r.clan {
        out.push_str("C ");
        tilde(out, c);
    }
    if let Some(o) = &r.owner {
        out.push_str("O ");
        tilde(out, o);
    }
    out.push_str("S\n");
}

/// The text of area `id`'s file.
pub fn write_area(p: &Protos, id: AreaId) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let Some(a) = p.areas.get(id.0) else {
        return out;
    };
    if a.builders.is_empty() && a.security == 9 {
        out.push_str("#AREA\n");
        tilde(&mut out, &a.header_file);
        tilde(&mut out, &a.name);
        tilde(&mut out, &a.credits);
        let _ = writeln!(out, "{} {}", a.low_vnum, a.high_vnum);
    } else {
        out.push_str("#AREADATA\n");
        out.push_str("Name ");
        tilde(&mut out, &a.name);
        out.push_str("Builders ");
        tilde(&mut out, &a.builders);
        let _ = writeln!(out, "VNUMs {} {}", a.low_vnum, a.high_vnum);
        out.push_str("Credits ");
        tilde(&mut out, &a.credits);
        let _ = writeln!(out, "Security {}", a.security);
        out.push_str("End\n");
    }
    out.push('\n');
    write_helps(&mut out, p.helps.iter().filter(|h| h.area == Some(id)));
    let mobs: Vec<&MobProto> = p.mobs.values().filter(|m| m.area == id).collect();
    if !mobs.is_empty() {
        out.push_str("#MOBILES\n");
        for m in &mobs {
            write_mob(&mut out, m);
        }
        out.push_str("#0\n\n");
    }
    let objs: Vec<&ObjProto> = p.objs.values().filter(|o| o.area == id).collect();
    if !objs.is_empty() {
        out.push_str("#OBJECTS\n");
        for o in objs {
            write_obj(&mut out, o);
        }
        out.push_str("#0\n\n");
    }
    let rooms: Vec<&RoomProto> = p.rooms.values().filter(|r| r.area == id).collect();
    if !rooms.is_empty() {
        out.push_str("#ROOMS\n");
        for r in rooms {
            write_room(&mut out, r);
        }
        out.push_str("#0\n\n");
    }
    if !a.resets.is_empty() {
        out.push_str("#RESETS\n");
        let mob_name = |v: crate::world::MobVnum| {
            p.mobs
                .get(&v)
                .map_or(String::new(), |m| one_line(&m.short_descr))
        };
        let obj_name = |v: crate::world::ObjVnum| {
            p.objs
                .get(&v)
                .map_or(String::new(), |o| one_line(&o.short_descr))
        };
        let room_name = |v: crate::world::RoomVnum| {
            p.rooms.get(&v).map_or(String::new(), |r| one_line(&r.name))
        };
        for r in &a.resets {
            // A comment naming what the line loads, as stock files and
            // ROM OLC's verbose saves have (the loader skips it).
            let comment = match &r.cmd {
                ResetCmd::Mob { mob, .. } => mob_name(*mob),
                ResetCmd::Obj { obj, .. } => obj_name(*obj),
                ResetCmd::Put { obj, .. }
                | ResetCmd::Give { obj, .. }
                | ResetCmd::Equip { obj, .. } => {
                    format!("  {}", obj_name(*obj))
                }
                ResetCmd::Door { room, dir, state } => format!(
                    "{}: {} door {}",
                    room_name(*room),
                    crate::world::DIR_NAMES.get(*dir).copied().unwrap_or("?"),
                    match state {
                        1 => "closed",
                        2 => "locked",
                        _ => "open",
                    }
                ),
                ResetCmd::Randomize { room, .. } => format!("{}: exits shuffled", room_name(*room)),
            };
            let line = match &r.cmd {
                ResetCmd::Mob {
                    mob,
                    world_limit,
                    room,
                    room_limit,
                } => format!("M 0 {} {world_limit} {} {room_limit}", mob.0, room.0),
                ResetCmd::Obj { obj, room } => format!("O 0 {} 0 {}", obj.0, room.0),
                ResetCmd::Put {
                    obj,
                    limit,
                    container,
                    count,
                } => format!("P 0 {} {limit} {} {count}", obj.0, container.0),
                ResetCmd::Give { obj, limit } => format!("G 0 {} {limit}", obj.0),
                ResetCmd::Equip {
                    obj,
                    limit,
                    wear_loc,
                } => format!("E 0 {} {limit} {wear_loc}", obj.0),
                ResetCmd::Door { room, dir, state } => format!("D 0 {} {dir} {state}", room.0),
                ResetCmd::Randomize { room, count } => format!("R 0 {} {count}", room.0),
            };
            out.push_str(&line);
            if !comment.trim().is_empty() {
                out.push_str("\t* ");
                out.push_str(&comment);
            }
            out.push('\n');
        }
        out.push_str("S\n\n");
    }
    let shops: Vec<&MobProto> = mobs.iter().copied().filter(|m| m.shop.is_some()).collect();
    if !shops.is_empty() {
        out.push_str("#SHOPS\n");
        for m in shops {
            if let Some(s) = &m.shop {
                let b = s.buy_types;
                let _ = writeln!(
                    out,
                    "{} {} {} {} {} {} {} {} {} {}\t* {}",
                    s.keeper.0,
                    b[0],
                    b[1],
                    b[2],
                    b[3],
                    b[4],
                    s.profit_buy,
                    s.profit_sell,
                    s.open_hour,
                    s.close_hour,
                    one_line(&m.short_descr)
                );
            }
        }
        out.push_str("0\n\n");
    }
    let specials: Vec<(&MobProto, &String)> = mobs
        .iter()
        .filter_map(|m| m.spec_fun.as_ref().map(|s| (*m, s)))
        .collect();
    if !specials.is_empty() {
        out.push_str("#SPECIALS\n");
        for (m, s) in specials {
            let _ = writeln!(out, "M {} {s}\t* {}", m.vnum.0, one_line(&m.short_descr));
        }
        out.push_str("S\n\n");
    }
    let progs: Vec<_> = p
        .mobprogs
        .values()
        .filter(|m| (a.low_vnum..=a.high_vnum).contains(&m.vnum))
        .collect();
    if !progs.is_empty() {
        out.push_str("#MOBPROGS\n");
        for m in progs {
            let _ = writeln!(out, "#{}", m.vnum);
            tilde(&mut out, &m.code);
        }
        out.push_str("#0\n\n");
    }
    out.push_str("#$\n");
    out
}

fn write_helps<'a>(out: &mut String, helps: impl Iterator<Item = &'a crate::world::Help>) {
    let mut any = false;
    for h in helps {
        if !any {
            out.push_str("#HELPS\n");
            any = true;
        }
        let _ = write!(out, "{} ", h.level);
        tilde(out, &h.keywords);
        tilde(out, &h.text);
    }
    if any {
        out.push_str("0 $~\n\n");
    }
}

/// What belongs to no area: helps read before any area header, the
/// socials, and mobprogs outside every area's vnums; `None` when there is
/// nothing.
pub fn write_unowned(p: &Protos) -> Option<String> {
    let mut out = String::new();
    write_helps(&mut out, p.helps.iter().filter(|h| h.area.is_none()));
    if !p.socials.is_empty() {
        out.push_str("#SOCIALS\n");
        for s in &p.socials {
            let _ = writeln!(out, "{}", s.name);
            let msgs = [
                &s.char_no_arg,
                &s.others_no_arg,
                &s.char_found,
                &s.others_found,
                &s.vict_found,
                &s.char_not_found,
                &s.char_auto,
                &s.others_auto,
            ];
            let last = msgs.iter().rposition(|m| m.is_some());
            for (i, m) in msgs.iter().enumerate() {
                if last.is_none_or(|l| i > l) {
                    out.push_str("#\n");
                    break;
                }
                match m {
                    Some(text) => {
                        out.push_str(text);
                        out.push('\n');
                    }
                    None => out.push_str("$\n"),
                }
            }
        }
        out.push_str("#0\n\n");
    }
    let orphans: Vec<_> = p
        .mobprogs
        .values()
        .filter(|m| {
            !p.areas
                .iter()
                .any(|a| (a.low_vnum..=a.high_vnum).contains(&m.vnum))
        })
        .collect();
    if !orphans.is_empty() {
        out.push_str("#MOBPROGS\n");
        for m in orphans {
            let _ = writeln!(out, "#{}", m.vnum);
            tilde(&mut out, &m.code);
        }
        out.push_str("#0\n\n");
    }
    if out.is_empty() {
        return None;
    }
    out.push_str("#$\n");
    Some(out)
}

/// A help file: the helps that belong to no area (`asave helps`).
pub fn write_help_file(p: &Protos) -> String {
    let mut out = String::new();
    write_helps(&mut out, p.helps.iter().filter(|h| h.area.is_none()));
    out.push_str("#$\n");
    out
}

/// Latin-1 bytes for a file (characters above U+00FF become '?').
pub fn latin1_bytes(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}
