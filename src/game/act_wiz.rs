//! Immortal commands — ROM's "act_wiz.c": moving about and moving others
//! (goto, transfer, at, violate), looking inside things (stat, vnum,
//! mfind/ofind, mwhere/owhere, memory), making and unmaking them (load,
//! purge, clone, restore, advance, set/mset/oset/rset/sset, string),
//! watching and driving (snoop, switch, return, force), echoes (echo,
//! gecho, zecho, pecho), being an immortal (wizinvis, incognito, holylight,
//! poofin/poofout, prefix, smote), penalties (freeze, deny, disconnect,
//! log, pardon, protect, trust), and running the server (wizlock, newlock,
//! shutdown, reboot, copyover, sockets). Site bans are in `ban`, wiznet in
//! `wiznet`.
//!
//! The command table in `interp` gates each command by level; the checks
//! here are the ones that compare the immortal with the target. Nothing here
//! does file or socket work: saving, quitting, closing a connection
//! (`disconnect`), rebinding a connection to another character (`switch`,
//! `return`) and listing connections (`sockets`) are requests the game
//! carries out after the command; the reboot is a flag for the server loop.
//!
//! Snooping and switching live on the characters: `snoop_by` on the
//! character whose connection is watched (the world's `send` copies each
//! line to the snooper, marked `% `, and a snooper's snooper reads `% % `;
//! the game copies typed lines the same way), `original` on a mobile an
//! immortal drives. A switched mobile has the immortal's trust and comm
//! settings; when it is extracted (killed, purged) the immortal goes back to
//! their body. A copyover carries both (see `game::copyover`).
//!
//! Departures from ROM:
//! * `reboot` saves everyone and stops, like `shutdown`: the supervisor (or
//!   an operator) starts the game again; `copyover` is the reboot that keeps
//!   players connected.
//! * `set` takes ROM's fields except `hours` and the OLC-era ones; `oset`
//!   and `rset` take numbers for flags (as ROM's), `string` takes `spec` for
//!   a mobile's special procedure, and `clone` takes no count.
//! * `disconnect <name>` refuses players as trusted as you (ROM has no
//!   check); `disconnect <number>` closes that connection, if any, and says
//!   "Ok." either way.
//! * `memory` counts our structures, not ROM's allocator's.
//! * `mset`, `oset`, `rset`, `sset`, `mfind`, `ofind` are also commands of
//!   their own (after ROM's rows, so they take no abbreviation).
//! * `prefix` is kept in the player file (ROM forgets it at logout).
//! * `smote` replaces the whole-word names of those in the room with "you".

use crate::db::tables;
#[cfg(test)]
use crate::game::ban;
use crate::game::{act_info, interp, wiznet};
use crate::world::act::{ActArgs, To};
use crate::world::handler::{is_name, one_argument};
use crate::world::rules::{self, CLASSES};
use crate::world::*;

/// Flag bits as the letters area files use (`A`..`Z`, `a`..`f`), or "none";
/// bits above the 32 letters are not shown.
pub fn flag_letters(flags: Flags) -> String {
    match flags & 0xFFFF_FFFF {
        0 => "none".to_string(),
        low => crate::save::flag_letters(low),
    }
}

/// The room an object is in, following containers and carriers outwards.
fn obj_room(world: &World, obj: ObjId) -> Option<RoomVnum> {
    let mut cur = obj;
    for _ in 0..64 {
        match world.obj(cur)?.loc {
            ObjLoc::Room(r) => return Some(r),
            ObjLoc::Carried(c) => return world.ch(c)?.room,
            ObjLoc::In(o) => cur = o,
            ObjLoc::Nowhere => return None,
        }
    }
    None
}

/// ROM's find_location: a room vnum, else a character's or object's room.
pub fn find_location(world: &World, ch: CharId, arg: &str) -> Option<RoomVnum> {
    if let Ok(n) = arg.parse::<i32>() {
        let v = RoomVnum(n);
        return world.rooms.contains_key(&v).then_some(v);
    }
    if let Some(victim) = world.get_char_world(ch, arg) {
        return world.ch(victim)?.room;
    }
    world
        .get_obj_world(ch, arg)
        .and_then(|o| obj_room(world, o))
}

/// Show a custom bamf or the default line to everyone in ch's room who may see ch.
fn bamf(world: &mut World, ch: CharId, custom: &str, default: &str) {
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    let invis = world.ch(ch).map_or(0, |c| c.invis_level());
    for rch in people {
        if rch == ch || world.ch(rch).is_none_or(|r| r.get_trust() < invis) {
            continue;
        }
        if custom.trim().is_empty() {
            world.act(default, ch, ActArgs::vict(rch), To::Vict);
        } else {
            let args = ActArgs {
                vict: Some(rch),
                text1: Some(custom),
                ..Default::default()
            };
            world.act("$t", ch, args, To::Vict);
        }
    }
}

// ------------------------------------------------------------ moving about

/// `goto <room vnum | character | object>`.
pub fn do_goto(world: &mut World, ch: CharId, arg: &str) {
    let (target, _) = one_argument(arg);
    if target.is_empty() {
        world.send(ch, "Goto where?\n");
        return;
    }
    let Some(location) = find_location(world, ch, &target) else {
        world.send(ch, "No such location.\n");
        return;
    };
    if world.ch(ch).is_some_and(|c| c.fighting.is_some()) {
        world.stop_fighting(ch, true);
    }
    let (bamfout, bamfin) = world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .map(|p| (p.bamfout.clone(), p.bamfin.clone()))
        .unwrap_or_default();
    bamf(world, ch, &bamfout, "$n leaves in a swirling mist.");
    world.char_to_room(ch, location);
    bamf(world, ch, &bamfin, "$n appears in a swirling mist.");
    act_info::do_look(world, ch, "auto");
}

/// Move one character to `location`, with ROM's mushroom cloud.
fn transfer_one(world: &mut World, ch: CharId, victim: CharId, location: RoomVnum) {
    if world.ch(victim).is_none_or(|v| v.room.is_none()) {
        world.send(ch, "They are in limbo.\n");
        return;
    }
    if world.ch(victim).is_some_and(|c| c.fighting.is_some()) {
        world.stop_fighting(victim, true);
    }
    world.act(
        "$n disappears in a mushroom cloud.",
        victim,
        ActArgs::default(),
        To::Room,
    );
    world.char_to_room(victim, location);
    world.act(
        "$n arrives from a puff of smoke.",
        victim,
        ActArgs::default(),
        To::Room,
    );
    if ch != victim {
        world.act(
            "$n has transferred you.",
            ch,
            ActArgs::vict(victim),
            To::Vict,
        );
    }
    act_info::do_look(world, victim, "auto");
}

/// `transfer <char>|all [location]`: to your room unless a location is named.
pub fn do_transfer(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (where_, _) = one_argument(rest);
    if who.is_empty() {
        world.send(ch, "Transfer whom (and where)?\n");
        return;
    }
    let location = if where_.is_empty() {
        world.ch(ch).and_then(|c| c.room)
    } else {
        find_location(world, ch, &where_)
    };
    let Some(location) = location else {
        world.send(ch, "No such location.\n");
        return;
    };
    if who == "all" {
        let players = world.players.clone();
        for p in players {
            let placed = world
                .ch(p)
                .is_some_and(|c| c.room.is_some() && c.conn.is_some());
            if p != ch && placed && world.can_see(ch, p) {
                transfer_one(world, ch, p, location);
            }
        }
        world.send(ch, "Ok.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if world.ch(victim).is_none_or(|v| v.room.is_none()) {
        world.send(ch, "They are in limbo.\n");
        return;
    }
    transfer_one(world, ch, victim, location);
    world.send(ch, "Ok.\n");
}

/// `at <location> <command>`: run a command somewhere else, then come back.
pub fn do_at(world: &mut World, ch: CharId, arg: &str) {
    let (target, command) = one_argument(arg);
    if target.is_empty() || command.trim().is_empty() {
        world.send(ch, "At where what?\n");
        return;
    }
    let Some(location) = find_location(world, ch, &target) else {
        world.send(ch, "No such location.\n");
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    let original = c.room;
    let on = c.on;
    world.char_to_room(ch, location);
    interp::interpret(world, ch, command);
    // The command may have removed the character (the id then goes stale)
    // or moved it; a live character goes back where it was.
    if world.chars.contains(ch) {
        if let Some(room) = original {
            world.char_to_room(ch, room);
            // Furniture still there? Sit back on it.
            let on = on.filter(|&o| world.obj(o).is_some_and(|o| o.loc == ObjLoc::Room(room)));
            if let Some(c) = world.ch_mut(ch) {
                c.on = on;
            }
        }
    }
}

// ------------------------------------------------------------------- stat

fn name_of(world: &World, id: Option<CharId>) -> String {
    id.and_then(|i| world.ch(i)).map_or_else(
        || "(none)".to_string(),
        |c| {
            if c.is_npc() {
                c.short_descr.clone()
            } else {
                c.name.clone()
            }
        },
    )
}

fn item_type_name(t: i32) -> String {
    tables::item_type_by_number(t).map_or_else(|| format!("type {t}"), |it| it.name.to_string())
}

const SEXES: [&str; 3] = ["neutral", "male", "female"];

fn stat_room(world: &mut World, ch: CharId, arg: &str) {
    let location = if arg.is_empty() {
        world.ch(ch).and_then(|c| c.room)
    } else {
        find_location(world, ch, arg)
    };
    let Some(r) = location.and_then(|l| world.room(l)) else {
        world.send(ch, "No such location.\n");
        return;
    };
    let area = world
        .areas
        .get(r.area.0)
        .map(|a| a.proto.name.clone())
        .unwrap_or_default();
    let mut out = format!("Name: '{}'\nArea: '{}'\n", r.name, area);
    out.push_str(&format!(
        "Vnum: {}  Sector: {}  Light: {}  Healing: {}  Mana: {}\n",
        r.vnum.0, r.sector, r.light, r.heal_rate, r.mana_rate
    ));
    out.push_str(&format!(
        "Room flags: {}\nDescription:\n{}",
        flag_letters(r.flags),
        r.description
    ));
    if !r.description.ends_with('\n') {
        out.push('\n');
    }
    if !r.extra.is_empty() {
        let keys: Vec<&str> = r.extra.iter().map(|e| e.keyword.as_str()).collect();
        out.push_str(&format!(
            "Extra description keywords: '{}'.\n",
            keys.join(" ")
        ));
    }
    let first_word = |name: &str| name.split_whitespace().next().unwrap_or("").to_string();
    let people: Vec<String> = r
        .people
        .iter()
        .filter(|&&p| world.can_see(ch, p))
        .filter_map(|&p| world.ch(p))
        .map(|c| first_word(&c.name))
        .collect();
    out.push_str(&format!("Characters: {}.\n", people.join(" ")));
    let objs: Vec<String> = r
        .contents
        .iter()
        .filter(|&&o| world.can_see_obj(ch, o))
        .filter_map(|&o| world.obj(o))
        .map(|o| first_word(&o.name))
        .collect();
    out.push_str(&format!("Objects:   {}.\n", objs.join(" ")));
    for (door, exit) in r.exits.iter().enumerate() {
        if let Some(e) = exit {
            out.push_str(&format!(
                "Door: {} ({}).  To: {}.  Key: {}.  Exit flags: {}.\nKeyword: '{}'.  Description: {}",
                door,
                DIR_NAMES[door],
                e.to().map_or(-1, |v| v.0),
                e.proto.key.map_or(-1, |k| k.0),
                flag_letters(e.flags),
                e.proto.keyword,
                if e.proto.description.is_empty() { "(none).\n".to_string() } else { e.proto.description.clone() },
            ));
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    world.send(ch, &out);
}

fn stat_obj_id(world: &mut World, ch: CharId, obj: ObjId) {
    let Some(o) = world.obj(obj) else { return };
    let count = world.obj_index.get(&o.vnum).map_or(0, |i| i.count);
    let (in_room, in_obj, carried) = match o.loc {
        ObjLoc::Room(r) => (r.0, "(none)".to_string(), "(none)".to_string()),
        ObjLoc::In(c) => (
            0,
            world
                .obj(c)
                .map_or("(none)".into(), |c| c.short_descr.clone()),
            "(none)".into(),
        ),
        ObjLoc::Carried(c) => (0, "(none)".into(), name_of(world, Some(c))),
        ObjLoc::Nowhere => (0, "(none)".into(), "(none)".into()),
    };
    let mut out = format!("Name(s): {}\n", o.name);
    out.push_str(&format!(
        "Vnum: {}  Type: {}  Resets: {}\n",
        o.vnum.0,
        item_type_name(o.item_type),
        count
    ));
    out.push_str(&format!(
        "Short description: {}\nLong description: {}\n",
        o.short_descr, o.description
    ));
    out.push_str(&format!(
        "Wear bits: {}\nExtra bits: {}\n",
        flag_letters(o.wear_flags),
        flag_letters(o.extra_flags)
    ));
    out.push_str(&format!(
        "Number: {}/{}  Weight: {}/{} (10th pounds)\n",
        world.get_obj_number(obj),
        1,
        o.weight,
        world.get_obj_weight(obj)
    ));
    out.push_str(&format!(
        "Level: {}  Cost: {}  Condition: {}  Timer: {}\n",
        o.level, o.cost, o.condition, o.timer
    ));
    out.push_str(&format!(
        "In room: {}  In object: {}  Carried by: {}  Wear_loc: {}\n",
        in_room, in_obj, carried, o.wear_loc
    ));
    let v = o.values;
    out.push_str(&format!(
        "Values: {} {} {} {} {}\n",
        v[0], v[1], v[2], v[3], v[4]
    ));
    if let Some(owner) = &o.owner {
        out.push_str(&format!("Owner: {owner}\n"));
    }
    if !o.contains.is_empty() {
        let inside: Vec<String> = o
            .contains
            .iter()
            .filter_map(|&c| world.obj(c))
            .map(|c| c.short_descr.clone())
            .collect();
        out.push_str(&format!("Contents: {}\n", inside.join(", ")));
    }
    for a in &o.affects {
        out.push_str(&format!(
            "Affects location {} by {}, level {}, {} hours, bits {}.\n",
            a.location,
            a.modifier,
            a.level,
            a.duration,
            flag_letters(a.bits)
        ));
    }
    if let Some(p) = world.obj_index.get(&o.vnum) {
        for a in &p.proto.applies {
            out.push_str(&format!(
                "Affects location {} by {} (prototype).\n",
                a.location, a.modifier
            ));
        }
    }
    world.send(ch, &out);
}

fn stat_char_id(world: &mut World, ch: CharId, victim: CharId) {
    let Some(v) = world.ch(victim) else { return };
    let mut out = format!("Name: {}\n", v.name);
    let count = v
        .vnum
        .and_then(|n| world.mob_index.get(&n))
        .map_or(0, |i| i.count);
    out.push_str(&format!(
        "Vnum: {}  Format: {}  Race: {}  Group: {}  Sex: {}  Room: {}\n",
        v.vnum.map_or(0, |n| n.0),
        if v.is_npc() { "npc" } else { "pc" },
        rules::RACES.get(v.race).map_or("unknown", |r| r.name),
        v.group_num,
        SEXES
            .get(v.sex.clamp(0, 2) as usize)
            .copied()
            .unwrap_or("neutral"),
        v.room.map_or(0, |r| r.0)
    ));
    if v.is_npc() {
        out.push_str(&format!("Count: {count}\n"));
    }
    let stat = |i: usize| format!("{}({})", v.perm_stat[i], world.get_curr_stat(victim, i));
    out.push_str(&format!(
        "Str: {}  Int: {}  Wis: {}  Dex: {}  Con: {}\n",
        stat(0),
        stat(1),
        stat(2),
        stat(3),
        stat(4)
    ));
    let (prac, train) = v.pc.as_ref().map_or((0, 0), |p| (p.practice, p.train));
    out.push_str(&format!(
        "Hp: {}/{}  Mana: {}/{}  Move: {}/{}  Practices: {}  Trains: {}\n",
        v.hit, v.max_hit, v.mana, v.max_mana, v.mv, v.max_mv, prac, train
    ));
    out.push_str(&format!(
        "Lv: {}  Trust: {}  Class: {}  Align: {}  Gold: {}  Silver: {}  Exp: {}\n",
        v.level,
        v.get_trust(),
        if v.is_npc() {
            "mobile"
        } else {
            rules::class_by_number(v.class).map_or("unknown", |k| k.name)
        },
        v.alignment,
        v.gold,
        v.silver,
        v.exp
    ));
    out.push_str(&format!(
        "Armor: pierce: {}  bash: {}  slash: {}  magic: {}\n",
        v.armor[0], v.armor[1], v.armor[2], v.armor[3]
    ));
    out.push_str(&format!(
        "Hit: {}  Dam: {}  Saves: {}  Size: {}  Position: {}  Wimpy: {}\n",
        v.hitroll,
        v.damroll,
        v.saving_throw,
        i32::from(v.size),
        tables::position_name(v.position),
        v.wimpy
    ));
    if v.is_npc() {
        out.push_str(&format!(
            "Damage: {}d{}  Message: {}\n",
            v.damage.number, v.damage.size, v.dam_type
        ));
    }
    out.push_str(&format!("Fighting: {}\n", name_of(world, v.fighting)));
    out.push_str(&format!(
        "Carry number: {}  Carry weight: {}\n",
        world.carry_number(victim),
        world.carry_weight(victim) / 10
    ));
    if let Some(p) = &v.pc {
        out.push_str(&format!(
            "Played: {}  Timer: {}  Security: {}  Wait: {}\n",
            p.played_secs / 3600,
            v.timer,
            p.security,
            v.wait
        ));
    }
    out.push_str(&format!("Act: {}\n", flag_letters(v.act)));
    out.push_str(&format!("Comm: {}\n", flag_letters(v.comm)));
    if v.is_npc() {
        out.push_str(&format!("Offense: {}\n", flag_letters(v.off)));
    }
    out.push_str(&format!(
        "Immune: {}  Resist: {}  Vulnerable: {}\n",
        flag_letters(v.imm),
        flag_letters(v.res),
        flag_letters(v.vuln)
    ));
    out.push_str(&format!(
        "Form: {}\nParts: {}\n",
        flag_letters(v.form),
        flag_letters(v.parts)
    ));
    out.push_str(&format!("Affected by {}\n", flag_letters(v.affected_by)));
    out.push_str(&format!(
        "Master: {}  Leader: {}  Pet: {}\n",
        name_of(world, v.master),
        name_of(world, v.leader),
        name_of(world, v.pet)
    ));
    out.push_str(&format!(
        "Short description: {}\nLong  description: {}",
        v.short_descr, v.long_descr
    ));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if let Some(spec) = &v.spec_fun {
        out.push_str(&format!("Mobile has special procedure {spec}.\n"));
    }
    for a in &v.affects {
        out.push_str(&format!(
            "Spell: {} modifies location {} by {} for {} hours with bits {}, level {}.\n",
            a.skill.0,
            a.location,
            a.modifier,
            a.duration,
            flag_letters(a.bits),
            a.level
        ));
    }
    if !v.is_npc() {
        out.push_str(&super::act_config::describe_client(world, victim));
    }
    world.send(ch, &out);
}

/// `stat room [loc] | obj <name> | mob <name> | char <name> | <name>`.
pub fn do_stat(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    let (name, _) = one_argument(rest);
    match kind.as_str() {
        "" => world.send(
            ch,
            "Syntax:\n  stat <name>\n  stat obj <name>\n  stat mob <name>\n  stat char <name>\n  stat room <number>\n",
        ),
        "room" => stat_room(world, ch, &name),
        "obj" | "object" => match world.get_obj_world(ch, &name) {
            Some(o) if !name.is_empty() => stat_obj_id(world, ch, o),
            _ => world.send(ch, "Nothing like that in hell, earth, or heaven.\n"),
        },
        "mob" | "char" => match world.get_char_world(ch, &name) {
            Some(v) if !name.is_empty() => stat_char_id(world, ch, v),
            _ => world.send(ch, "They aren't here.\n"),
        },
        _ => {
            if let Some(v) = world.get_char_world(ch, &kind) {
                stat_char_id(world, ch, v);
            } else if let Some(o) = world.get_obj_world(ch, &kind) {
                stat_obj_id(world, ch, o);
            } else if kind.parse::<i32>().is_ok() {
                stat_room(world, ch, &kind);
            } else {
                world.send(ch, "Nothing by that name found anywhere.\n");
            }
        }
    }
}

// --------------------------------------------------- making and unmaking

/// `load mob <vnum>` or `load obj <vnum> [level]`.
pub fn do_load(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    let (vnum, rest) = one_argument(rest);
    let (level, _) = one_argument(rest);
    let syntax = "Syntax:\n  load mob <vnum>\n  load obj <vnum> <level>\n";
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    match kind.as_str() {
        "mob" | "char" => {
            let Ok(n) = vnum.parse::<i32>() else {
                world.send(ch, "Syntax: load mob <vnum>.\n");
                return;
            };
            let Some(mob) = world.create_mobile(MobVnum(n)) else {
                world.send(ch, "No mob has that vnum.\n");
                return;
            };
            world.char_to_room(mob, room);
            world.act("$n has created $N!", ch, ActArgs::vict(mob), To::Room);
            world.act("You have created $N!", ch, ActArgs::vict(mob), To::Char);
            let line = format!(
                "$N loads {}.",
                world.ch(mob).map_or("", |m| m.short_descr.as_str())
            );
            wiz(world, &line, ch, wiznet::LOAD, 0, trust_of(world, ch));
        }
        "obj" => {
            let Ok(n) = vnum.parse::<i32>() else {
                world.send(ch, "Syntax: load obj <vnum> <level>.\n");
                return;
            };
            let trust = world.ch(ch).map_or(0, |c| c.get_trust());
            let level = if level.is_empty() {
                trust
            } else {
                match level.parse::<i32>() {
                    Ok(l) if (0..=trust).contains(&l) => l,
                    Ok(_) => {
                        world.send(ch, "Level must be be between 0 and your level.\n");
                        return;
                    }
                    Err(_) => {
                        world.send(ch, "Syntax: load obj <vnum> <level>.\n");
                        return;
                    }
                }
            };
            let Some(obj) = world.create_object(ObjVnum(n), level) else {
                world.send(ch, "No object has that vnum.\n");
                return;
            };
            if world
                .obj(obj)
                .is_some_and(|o| o.wear_flags & wear::TAKE != 0)
            {
                world.obj_to_char(obj, ch);
            } else {
                world.obj_to_room(obj, room);
            }
            world.act("$n has created $p!", ch, ActArgs::obj(obj), To::Room);
            world.act("You have created $p!", ch, ActArgs::obj(obj), To::Char);
            let t = trust_of(world, ch);
            wiznet::wiznet(
                world,
                "$N loads $p.",
                Some(ch),
                Some(obj),
                wiznet::LOAD,
                0,
                t,
            );
        }
        _ => world.send(ch, syntax),
    }
}

/// `purge`: clear the room of mobiles and objects; `purge <mobile>`.
/// Players are never purged.
pub fn do_purge(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    if who.is_empty() {
        let people = world
            .room(room)
            .map(|r| r.people.clone())
            .unwrap_or_default();
        for p in people {
            let doomed = p != ch
                && world
                    .ch(p)
                    .is_some_and(|c| c.is_npc() && c.act & ACT_NOPURGE == 0);
            if doomed {
                world.extract_char(p);
            }
        }
        let contents = world
            .room(room)
            .map(|r| r.contents.clone())
            .unwrap_or_default();
        for o in contents {
            if world
                .obj(o)
                .is_some_and(|o| o.extra_flags & extra::NOPURGE == 0)
            {
                world.extract_obj(o);
            }
        }
        world.act("$n purges the room!", ch, ActArgs::default(), To::Room);
        world.send(ch, "Ok.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(v) = world.ch(victim) else { return };
    if !v.is_npc() {
        if victim == ch {
            world.send(ch, "Ho ho ho.\n");
        } else if world.ch(ch).map_or(0, |c| c.get_trust()) <= v.get_trust() {
            world.send(ch, "Maybe that wasn't a good idea...\n");
            let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
            world.send(victim, &format!("{name} tried to purge you!\n"));
        } else {
            world.send(
                ch,
                "Players are not purged; use transfer or let them quit.\n",
            );
        }
        return;
    }
    world.act("$n purges $N.", ch, ActArgs::vict(victim), To::NotVict);
    world.extract_char(victim);
    world.send(ch, "Ok.\n");
}

fn restore_one(world: &mut World, ch: CharId, victim: CharId) {
    // A restored character's fights end (everyone fighting it stops too).
    if world.ch(victim).is_some_and(|v| v.fighting.is_some()) {
        world.stop_fighting(victim, true);
    }
    let Some(v) = world.ch_mut(victim) else {
        return;
    };
    v.hit = v.max_hit;
    v.mana = v.max_mana;
    v.mv = v.max_mv;
    if v.position <= pos::STUNNED {
        v.position = if v.fighting.is_some() {
            pos::FIGHTING
        } else {
            pos::STANDING
        };
    }
    world.act("$n has restored you.", ch, ActArgs::vict(victim), To::Vict);
}

/// `restore [room] | all | <char>`: full hit points, mana and movement.
pub fn do_restore(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() || who == "room" {
        let Some(room) = world.ch(ch).and_then(|c| c.room) else {
            return;
        };
        let people = world
            .room(room)
            .map(|r| r.people.clone())
            .unwrap_or_default();
        for p in people {
            restore_one(world, ch, p);
        }
        let line = format!("$N restored room {}.", room.0);
        wiz(world, &line, ch, wiznet::RESTORE, 0, trust_of(world, ch));
        world.send(ch, "Room restored.\n");
        return;
    }
    if who == "all" && world.ch(ch).is_some_and(|c| c.get_trust() >= MAX_LEVEL - 1) {
        let players = world.players.clone();
        for p in players {
            restore_one(world, ch, p);
        }
        wiz(
            world,
            "$N has restored all active players.",
            ch,
            wiznet::RESTORE,
            0,
            trust_of(world, ch),
        );
        world.send(ch, "All active players restored.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    restore_one(world, ch, victim);
    let line = format!("$N restored {}.", pers(world, victim, ch));
    wiz(world, &line, ch, wiznet::RESTORE, 0, trust_of(world, ch));
    world.send(ch, "Ok.\n");
}

/// What one level gives a player (ROM's advance_level).
pub fn advance_level(world: &mut World, ch: CharId) {
    let stat = |w: &World, i: usize| w.get_curr_stat(ch, i).clamp(0, 25);
    let (st_int, st_wis, st_dex, st_con) = (
        stat(world, 1),
        stat(world, 2),
        stat(world, 3),
        stat(world, 4),
    );
    let class = world.ch(ch).map_or(3, |c| c.class.clamp(0, 3) as usize);
    let (hp_min, hp_max, gains_mana) = CLASSES
        .get(class)
        .map_or((11, 15, false), |k| (k.hp_min, k.hp_max, k.gains_mana));
    let mut hp = rules::con_app(st_con).hitp + world.rng.range(hp_min, hp_max);
    let mut mana = world.rng.range(2, (2 * st_int + st_wis) / 5);
    if !gains_mana {
        mana /= 2;
    }
    let mut mv = world.rng.range(1, (st_con + st_dex) / 6);
    let prac = rules::wis_app(st_wis).practice;
    hp = (hp * 9 / 10).max(2);
    mana = (mana * 9 / 10).max(2);
    mv = (mv * 9 / 10).max(6);
    let Some(c) = world.ch_mut(ch) else { return };
    c.max_hit += hp;
    c.max_mana += mana;
    c.max_mv += mv;
    if let Some(p) = c.pc.as_mut() {
        p.perm_hit += hp;
        p.perm_mana += mana;
        p.perm_move += mv;
        p.practice += prac;
        p.train += 1;
    }
}

/// `advance <char> <level>`: set a player's level (up to your own trust).
pub fn do_advance(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (lvl, _) = one_argument(rest);
    let Ok(level) = lvl.parse::<i32>() else {
        world.send(ch, "Syntax: advance <char> <level>.\n");
        return;
    };
    if who.is_empty() {
        world.send(ch, "Syntax: advance <char> <level>.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "That player is not here.\n");
        return;
    };
    let Some(v) = world.ch(victim) else { return };
    if v.is_npc() {
        world.send(ch, "Not on NPC's.\n");
        return;
    }
    if !(1..=MAX_LEVEL).contains(&level) {
        world.send(ch, &format!("Level must be 1 to {MAX_LEVEL}.\n"));
        return;
    }
    let trust = world.ch(ch).map_or(0, |c| c.get_trust());
    if level > trust {
        world.send(ch, "Limited to your trust level.\n");
        return;
    }
    if victim != ch && v.get_trust() >= trust {
        world.send(
            ch,
            "You can't change the level of someone as trusted as you.\n",
        );
        return;
    }
    if level <= v.level {
        world.send(ch, "Lowering a player's level!\n");
        world.send(victim, "**** OOOOHHHHHHHHHH  NNNNOOOO ****\n");
        if let Some(v) = world.ch_mut(victim) {
            v.level = 1;
            v.max_hit = 10;
            v.max_mana = 100;
            v.max_mv = 100;
            if let Some(p) = v.pc.as_mut() {
                p.perm_hit = 10;
                p.perm_mana = 100;
                p.perm_move = 100;
                p.practice = 0;
            }
            v.hit = v.max_hit;
            v.mana = v.max_mana;
            v.mv = v.max_mv;
        }
    } else {
        world.send(ch, "Raising a player's level!\n");
        world.send(victim, "**** OOOOHHHHHHHHHH  YYYYEEEESSS ****\n");
    }
    while world.ch(victim).is_some_and(|v| v.level < level) {
        if let Some(v) = world.ch_mut(victim) {
            v.level += 1;
        }
        advance_level(world, victim);
    }
    let Some(v) = world.ch_mut(victim) else {
        return;
    };
    v.exp = rules::exp_per_level(v) * i64::from(level.max(1));
    v.trust = 0;
    world.send(victim, &format!("You are now level {level}.\n"));
    world.requests.push(Request::Save(victim));
}

// -------------------------------------------------------- running the game

/// `wizlock`: toggle whether mortals may log in.
pub fn do_wizlock(world: &mut World, ch: CharId, _arg: &str) {
    world.wizlock = !world.wizlock;
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    if world.wizlock {
        world.log(format!("{name} has wizlocked the game."));
        world.send(ch, "Game wizlocked.\n");
    } else {
        world.log(format!("{name} removes wizlock."));
        world.send(ch, "Game un-wizlocked.\n");
    }
}

/// `shutdown`: announce it and ask the loop to save everyone and stop.
pub fn do_shutdown(world: &mut World, ch: CharId, _arg: &str) {
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    let line = format!("Shutdown by {name}.\n");
    world.log(format!("Shutdown by {name}."));
    let players = world.players.clone();
    for p in players {
        world.send(p, &line);
    }
    world.shutdown_requested = true;
}

/// `copyover [reason]`: ask the loop for a graceful reboot at a quiet point.
pub fn do_copyover(world: &mut World, ch: CharId, arg: &str) {
    world.copyover_requested = Some(CopyoverRequest {
        by: Some(ch),
        reason: arg.trim().to_string(),
    });
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    world.log(format!("Copyover requested by {name}."));
    world.send(ch, "Copyover requested.\n");
}

// ------------------------------------------------------------ shared checks

fn trust_of(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| c.get_trust())
}

fn is_npc(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_none_or(|c| c.is_npc())
}

/// ROM's PERS: the name `looker` knows `ch` by.
fn pers(world: &World, ch: CharId, looker: CharId) -> String {
    world.pers(ch, looker)
}

/// Is `victim` in a private room `ch` may not reach (implementors may)?
fn in_private_room(world: &World, ch: CharId, victim: CharId) -> bool {
    let (Some(c), Some(v)) = (world.ch(ch), world.ch(victim)) else {
        return false;
    };
    let Some(room) = v.room else { return false };
    c.room != v.room
        && !world.is_room_owner(ch, room)
        && world.room_is_private(room)
        && c.get_trust() < MAX_LEVEL
}

fn wiz(world: &mut World, text: &str, ch: CharId, flag: Flags, skip: Flags, level: i32) {
    wiznet::wiznet(world, text, Some(ch), None, flag, skip, level);
}

// ------------------------------------------------------------------ force

/// `force <char>|all|players|gods <command>`.
pub fn do_force(world: &mut World, ch: CharId, arg: &str) {
    let (who, command) = one_argument(arg);
    let command = command.trim();
    if who.is_empty() || command.is_empty() {
        world.send(ch, "Force whom to do what?\n");
        return;
    }
    let (first, _) = one_argument(command);
    // ROM refuses `delete`, and `mob` (mobprog commands) however short.
    if first == "delete" || "mob".starts_with(first.as_str()) {
        world.send(ch, "That will NOT be done.\n");
        return;
    }
    let trust = trust_of(world, ch);
    let args = ActArgs {
        text1: Some(command),
        ..Default::default()
    };
    type Pick = fn(&Char) -> bool;
    let group: Option<(i32, Pick)> = match who.as_str() {
        "all" => Some((MAX_LEVEL - 3, |_| true)),
        "players" => Some((MAX_LEVEL - 2, |c| c.level < LEVEL_HERO)),
        "gods" => Some((MAX_LEVEL - 2, |c| c.level >= LEVEL_HERO)),
        _ => None,
    };
    if let Some((needed, pick)) = group {
        if trust < needed {
            world.send(ch, "Not at your level!\n");
            return;
        }
        let players = world.players.clone();
        for v in players {
            let ok = v != ch
                && world
                    .ch(v)
                    .is_some_and(|c| c.get_trust() < trust && pick(c) && c.room.is_some());
            if ok {
                world.act(
                    "$n forces you to '$t'.",
                    ch,
                    ActArgs {
                        vict: Some(v),
                        ..args
                    },
                    To::Vict,
                );
                interp::interpret(world, v, command);
            }
        }
        world.send(ch, "Ok.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "Aye aye, right away!\n");
        return;
    }
    if in_private_room(world, ch, victim) {
        world.send(ch, "That character is in a private room.\n");
        return;
    }
    if trust_of(world, victim) >= trust {
        world.send(ch, "Do it yourself!\n");
        return;
    }
    if !is_npc(world, victim) && trust < MAX_LEVEL - 3 {
        world.send(ch, "Not at your level!\n");
        return;
    }
    world.act(
        "$n forces you to '$t'.",
        ch,
        ActArgs {
            vict: Some(victim),
            ..args
        },
        To::Vict,
    );
    interp::interpret(world, victim, command);
    world.send(ch, "Ok.\n");
}

// -------------------------------------------------------------------- set

const SET_SYNTAX: &str = "Syntax:\n  set mob   <name> <field> <value>\n  set obj   <name> <field> <value>\n  set room  <room> <field> <value>\n  set skill <name> <spell or skill> <value>\n";

/// `set mob|obj|room|skill ...`.
pub fn do_set(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    let k = kind.as_str();
    if k.is_empty() {
        world.send(ch, SET_SYNTAX);
    } else if "mobile".starts_with(k) || "character".starts_with(k) {
        do_mset(world, ch, rest);
    } else if "skill".starts_with(k) || "spell".starts_with(k) {
        do_sset(world, ch, rest);
    } else if "object".starts_with(k) {
        do_oset(world, ch, rest);
    } else if "room".starts_with(k) {
        do_rset(world, ch, rest);
    } else {
        do_set(world, ch, "");
    }
}

const MSET_SYNTAX: &str = "Syntax:\n  set char <name> <field> <value>\n  Field being one of:\n    str int wis dex con sex class level\n    race group gold silver hp mana move prac\n    align train thirst hunger drunk full\n    security\n";

/// `mset <name> <field> <value>` (ROM's set char).
pub fn do_mset(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (field, rest) = one_argument(rest);
    let value = rest.trim().to_string();
    if who.is_empty() || field.is_empty() || value.is_empty() {
        world.send(ch, MSET_SYNTAX);
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let npc = is_npc(world, victim);
    let num = value.parse::<i64>().ok();
    let trust = trust_of(world, ch);
    // A field, its range, and how it is stored.
    let ranged = |lo: i64, hi: i64| num.filter(|n| (lo..=hi).contains(n));
    let f = field.as_str();
    let stat = ["str", "int", "wis", "dex", "con"]
        .iter()
        .position(|s| *s == f);
    let reply: Result<(), String> = (|| {
        let v = |r: Option<i64>, msg: &str| r.ok_or_else(|| msg.to_string());
        if let Some(i) = stat {
            let names = [
                "Strength",
                "Intelligence",
                "Wisdom",
                "Dexterity",
                "Constitution",
            ];
            let n = v(ranged(3, 25), &format!("{} range is 3 to 25.\n", names[i]))?;
            if let Some(c) = world.ch_mut(victim) {
                c.perm_stat[i] = n as i32;
            }
            return Ok(());
        }
        match f {
            "sex" => {
                let n = v(ranged(0, 2), "Sex range is 0 to 2.\n")?;
                if let Some(c) = world.ch_mut(victim) {
                    c.sex = n as i32;
                    if let Some(p) = c.pc.as_mut() {
                        p.true_sex = n as i32;
                    }
                }
            }
            "class" => {
                if npc {
                    return Err("Mobiles have no class.\n".into());
                }
                let k = rules::class_lookup(&value).ok_or_else(|| {
                    "Possible classes are: mage cleric thief warrior.\n".to_string()
                })?;
                if let Some(c) = world.ch_mut(victim) {
                    c.class = k as i32;
                }
            }
            "level" => {
                if !npc {
                    return Err("Not on PC's.\n".into());
                }
                let n = v(
                    ranged(0, i64::from(MAX_LEVEL)),
                    &format!("Level range is 0 to {MAX_LEVEL}.\n"),
                )?;
                if let Some(c) = world.ch_mut(victim) {
                    c.level = n as i32;
                }
            }
            "gold" | "silver" => {
                let n = v(
                    num.filter(|n| *n >= 0),
                    "Amount must be a positive number.\n",
                )?;
                if let Some(c) = world.ch_mut(victim) {
                    if f == "gold" {
                        c.gold = n;
                    } else {
                        c.silver = n;
                    }
                }
            }
            "hp" => {
                let n = v(
                    ranged(-10, 30000),
                    "Hp range is -10 to 30,000 hit points.\n",
                )? as i32;
                if let Some(c) = world.ch_mut(victim) {
                    c.max_hit = n;
                    if let Some(p) = c.pc.as_mut() {
                        p.perm_hit = n;
                    }
                }
            }
            "mana" | "move" => {
                let n = v(
                    ranged(0, 30000),
                    &format!(
                        "{} range is 0 to 30,000 {} points.\n",
                        if f == "mana" { "Mana" } else { "Move" },
                        f
                    ),
                )? as i32;
                if let Some(c) = world.ch_mut(victim) {
                    if f == "mana" {
                        c.max_mana = n;
                        if let Some(p) = c.pc.as_mut() {
                            p.perm_mana = n;
                        }
                    } else {
                        c.max_mv = n;
                        if let Some(p) = c.pc.as_mut() {
                            p.perm_move = n;
                        }
                    }
                }
            }
            "practice" | "prac" | "train" => {
                let (hi, what) = if f == "train" {
                    (50, "Training session")
                } else {
                    (250, "Practice")
                };
                if npc {
                    return Err("Not on NPC's.\n".into());
                }
                let n = v(
                    ranged(0, hi),
                    &format!("{what} range is 0 to {hi} sessions.\n"),
                )? as i32;
                if let Some(p) = world.ch_mut(victim).and_then(|c| c.pc.as_mut()) {
                    if f == "train" {
                        p.train = n;
                    } else {
                        p.practice = n;
                    }
                }
            }
            "align" => {
                let n = v(ranged(-1000, 1000), "Alignment range is -1000 to 1000.\n")?;
                if let Some(c) = world.ch_mut(victim) {
                    c.alignment = n as i32;
                }
            }
            "drunk" | "full" | "thirst" | "hunger" => {
                if npc {
                    return Err("Not on NPC's.\n".into());
                }
                let i = match f {
                    "drunk" => 0,
                    "full" => 1,
                    "thirst" => 2,
                    _ => 3,
                };
                let n = v(ranged(-1, 100), "Values range is -1 to 100.\n")?;
                if let Some(p) = world.ch_mut(victim).and_then(|c| c.pc.as_mut()) {
                    p.condition[i] = n as i32;
                }
            }
            "race" => {
                let r = rules::race_lookup(&value)
                    .ok_or_else(|| "That is not a valid race.\n".to_string())?;
                if !npc && rules::pc_race_lookup(&value).is_none() {
                    return Err("That is not a valid player race.\n".into());
                }
                if let Some(c) = world.ch_mut(victim) {
                    c.race = r;
                }
            }
            "group" => {
                if !npc {
                    return Err("Only on NPCs.\n".into());
                }
                let n = v(num, "Group must be a number.\n")?;
                if let Some(c) = world.ch_mut(victim) {
                    c.group_num = n as i32;
                }
            }
            "security" => {
                if npc {
                    return Err("Not on NPC's.\n".into());
                }
                let n = v(ranged(0, 9), "Security range is 0 to 9.\n")?;
                if n > 0
                    && trust < MAX_LEVEL
                    && n > i64::from(
                        world
                            .ch(ch)
                            .and_then(|c| c.pc.as_ref())
                            .map_or(0, |p| p.security),
                    )
                {
                    return Err("Limited to your own security.\n".into());
                }
                if let Some(p) = world.ch_mut(victim).and_then(|c| c.pc.as_mut()) {
                    p.security = n as i32;
                }
            }
            _ => return Err(MSET_SYNTAX.to_string()),
        }
        Ok(())
    })();
    match reply {
        Ok(()) => {
            world.send(ch, "Ok.\n");
            if !npc {
                world.requests.push(Request::Save(victim));
            }
        }
        Err(msg) => world.send(ch, &msg),
    }
}

/// `oset <object> <field> <value>`: value0..4, extra, wear, level, weight,
/// cost, timer.
pub fn do_oset(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (field, rest) = one_argument(rest);
    let (value, _) = one_argument(rest);
    let syntax = "Syntax:\n  set obj <object> <field> <value>\n  Field being one of:\n    value0 value1 value2 value3 value4 (v1-v4)\n    extra wear level weight cost timer\n";
    if name.is_empty() || field.is_empty() || value.is_empty() {
        world.send(ch, syntax);
        return;
    }
    let Some(obj) = world.get_obj_world(ch, &name) else {
        world.send(ch, "Nothing like that in heaven or earth.\n");
        return;
    };
    let Ok(n) = value.parse::<i64>() else {
        world.send(ch, "The value must be a number.\n");
        return;
    };
    let Some(o) = world.obj_mut(obj) else { return };
    match field.as_str() {
        "value0" | "v0" => o.values[0] = n.min(50),
        "value1" | "v1" => o.values[1] = n,
        "value2" | "v2" => o.values[2] = n,
        "value3" | "v3" => o.values[3] = n,
        "value4" | "v4" => o.values[4] = n,
        "extra" => o.extra_flags = n as Flags,
        "wear" => o.wear_flags = n as Flags,
        "level" => o.level = n as i32,
        "weight" => o.weight = n as i32,
        "cost" => o.cost = n as i32,
        "timer" => o.timer = n as i32,
        _ => {
            world.send(ch, syntax);
            return;
        }
    }
    world.send(ch, "Ok.\n");
}

/// `rset <location> <field> <value>`: flags, sector.
pub fn do_rset(world: &mut World, ch: CharId, arg: &str) {
    let (loc, rest) = one_argument(arg);
    let (field, rest) = one_argument(rest);
    let (value, _) = one_argument(rest);
    let syntax =
        "Syntax:\n  set room <location> <field> <value>\n  Field being one of:\n    flags sector\n";
    if loc.is_empty() || field.is_empty() || value.is_empty() {
        world.send(ch, syntax);
        return;
    }
    let Some(room) = find_location(world, ch, &loc) else {
        world.send(ch, "No such location.\n");
        return;
    };
    if world.ch(ch).and_then(|c| c.room) != Some(room)
        && world.room_is_private(room)
        && trust_of(world, ch) < MAX_LEVEL
    {
        world.send(ch, "That room is private right now.\n");
        return;
    }
    let Ok(n) = value.parse::<i64>() else {
        world.send(ch, "Value must be numeric.\n");
        return;
    };
    let Some(r) = world.room_mut(room) else {
        return;
    };
    match field.as_str() {
        "flags" => r.flags = n as Flags,
        "sector" => r.sector = n as i32,
        _ => {
            world.send(ch, syntax);
            return;
        }
    }
    world.send(ch, "Ok.\n");
}

/// `sset <char> <skill|all> <value>`.
pub fn do_sset(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (skill, rest) = one_argument(rest);
    let (value, _) = one_argument(rest);
    if who.is_empty() || skill.is_empty() || value.is_empty() {
        world.send(ch, "Syntax:\n  set skill <name> <spell or skill> <value>\n  set skill <name> all <value>\n   (use the name of the skill, not the number)\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if is_npc(world, victim) {
        world.send(ch, "Not on NPC's.\n");
        return;
    }
    let all = skill == "all";
    let sn = rules::skill_lookup(&skill);
    if !all && sn.is_none() {
        world.send(ch, "No such skill or spell.\n");
        return;
    }
    let Some(n) = value.parse::<i32>().ok().filter(|n| (0..=100).contains(n)) else {
        world.send(ch, "Value range is 0 to 100.\n");
        return;
    };
    if let Some(p) = world.ch_mut(victim).and_then(|c| c.pc.as_mut()) {
        if all {
            for i in 1..rules::SKILLS.len() {
                p.learned.insert(rules::Sn(i as i32), n);
            }
        } else if let Some(sn) = sn {
            p.learned.insert(sn, n);
        }
    }
    world.send(ch, "Ok.\n");
    world.requests.push(Request::Save(victim));
}

// ----------------------------------------------------------------- string

/// `string char|obj <name> <field> <text>`.
pub fn do_string(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    let (name, rest) = one_argument(rest);
    let (field, rest) = one_argument(rest);
    let text = crate::world::handler::smash_tilde(rest.trim());
    let syntax = "Syntax:\n  string char <name> <field> <string>\n    fields: name short long desc title spec\n  string obj  <name> <field> <string>\n    fields: name short long extended\n";
    if kind.is_empty() || name.is_empty() || field.is_empty() || text.is_empty() {
        world.send(ch, syntax);
        return;
    }
    let k = kind.as_str();
    if "character".starts_with(k) || "mobile".starts_with(k) {
        let Some(victim) = world.get_char_world(ch, &name) else {
            world.send(ch, "They aren't here.\n");
            return;
        };
        let npc = is_npc(world, victim);
        let Some(v) = world.ch_mut(victim) else {
            return;
        };
        match field.as_str() {
            "name" if npc => v.name = text,
            "name" => {
                world.send(ch, "Not on PC's.\n");
                return;
            }
            "description" | "desc" => v.description = format!("{text}\n"),
            "short" => v.short_descr = text,
            "long" => v.long_descr = format!("{text}\n"),
            "title" if !npc => {
                if let Some(p) = v.pc.as_mut() {
                    p.title = format!(" {text}");
                }
            }
            "title" => {
                world.send(ch, "Not on NPC's.\n");
                return;
            }
            "spec" if npc => {
                if crate::game::special::spec_fn(&text).is_none() {
                    world.send(ch, "No such spec fun.\n");
                    return;
                }
                v.spec_fun = Some(text);
            }
            "spec" => {
                world.send(ch, "Not on PC's.\n");
                return;
            }
            _ => {
                world.send(ch, syntax);
                return;
            }
        }
        world.send(ch, "Ok.\n");
        return;
    }
    if "object".starts_with(k) {
        let Some(obj) = world.get_obj_world(ch, &name) else {
            world.send(ch, "Nothing like that in heaven or earth.\n");
            return;
        };
        let Some(o) = world.obj_mut(obj) else { return };
        match field.as_str() {
            "name" => o.name = text,
            "short" => o.short_descr = text,
            "long" => o.description = text,
            "ed" | "extended" => {
                let (keyword, desc) = one_argument(&text);
                if keyword.is_empty() || desc.trim().is_empty() {
                    world.send(ch, "Syntax: oset <object> ed <keyword> <string>\n");
                    return;
                }
                o.extra.insert(
                    0,
                    ExtraDescr {
                        keyword,
                        description: format!("{}\n", desc.trim()),
                    },
                );
            }
            _ => {
                world.send(ch, syntax);
                return;
            }
        }
        world.send(ch, "Ok.\n");
        return;
    }
    world.send(ch, syntax);
}

// ------------------------------------------------------------------ clone

fn clone_object_tree(world: &mut World, obj: ObjId) -> Option<ObjId> {
    let o = world.obj(obj)?.clone();
    let contents = o.contains.clone();
    let copy = world.objs.insert(Obj {
        loc: ObjLoc::Nowhere,
        contains: Vec::new(),
        wear_loc: -1,
        ..o
    });
    if let Some(i) = world.obj_index.get_mut(&world.objs.get(copy)?.vnum) {
        i.count += 1;
    }
    // Contents are kept newest first: put the oldest in first.
    for inner in contents.into_iter().rev() {
        if let Some(c) = clone_object_tree(world, inner) {
            world.obj_to_obj(c, copy);
        }
    }
    Some(copy)
}

/// `clone obj|mob <name>` (or just `<name>`: an object first).
pub fn do_clone(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    if kind.is_empty() {
        world.send(ch, "Clone what?\n");
        return;
    }
    let (want_obj, want_mob, name) = if "object".starts_with(kind.as_str()) {
        (true, false, one_argument(rest).0)
    } else if "mobile".starts_with(kind.as_str()) || "character".starts_with(kind.as_str()) {
        (false, true, one_argument(rest).0)
    } else {
        (true, true, kind.clone())
    };
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let obj = want_obj.then(|| world.get_obj_here(ch, &name)).flatten();
    let mob = if obj.is_none() && want_mob {
        world.get_char_room(ch, &name)
    } else {
        None
    };
    if let Some(obj) = obj {
        let Some(copy) = clone_object_tree(world, obj) else {
            return;
        };
        if world.obj(obj).is_some_and(|o| o.loc == ObjLoc::Carried(ch)) {
            world.obj_to_char(copy, ch);
        } else {
            world.obj_to_room(copy, room);
        }
        world.act("$n has created $p.", ch, ActArgs::obj(copy), To::Room);
        world.act("You clone $p.", ch, ActArgs::obj(copy), To::Char);
        wiznet::wiznet(
            world,
            "$N clones $p.",
            Some(ch),
            Some(copy),
            wiznet::LOAD,
            0,
            trust_of(world, ch),
        );
        return;
    }
    let Some(mob) = mob else {
        world.send(ch, "You don't see that here.\n");
        return;
    };
    let Some(m) = world.ch(mob) else { return };
    if !m.is_npc() {
        world.send(ch, "You can only clone mobiles.\n");
        return;
    }
    let trust = trust_of(world, ch);
    let level = m.level;
    let needed = match level {
        l if l > 20 => interp::L4,
        l if l > 10 => interp::L5,
        l if l > 5 => interp::L6,
        l if l > 0 => interp::L7,
        _ => interp::L8,
    };
    if trust < needed {
        world.send(ch, "Your powers are not great enough for such a task.\n");
        return;
    }
    let m = m.clone();
    let carrying = m.carrying.clone();
    let copy = world.chars.insert(Char {
        room: None,
        carrying: Vec::new(),
        master: None,
        leader: None,
        pet: None,
        fighting: None,
        reply: None,
        on: None,
        conn: None,
        output: String::new(),
        original: None,
        snoop_by: None,
        ..m
    });
    if let Some(v) = world.ch(copy).and_then(|c| c.vnum) {
        if let Some(i) = world.mob_index.get_mut(&v) {
            i.count += 1;
        }
    }
    for o in carrying.into_iter().rev() {
        let worn = world.obj(o).map_or(-1, |o| o.wear_loc);
        if let Some(c) = clone_object_tree(world, o) {
            world.obj_to_char(c, copy);
            // Worn as on the original, whose stats (copied) already hold
            // the gear's bonuses: not equipped again (as ROM).
            if let Some(o) = world.obj_mut(c) {
                o.wear_loc = worn;
            }
        }
    }
    world.char_to_room(copy, room);
    world.act("$n has created $N.", ch, ActArgs::vict(copy), To::Room);
    world.act("You clone $N.", ch, ActArgs::vict(copy), To::Char);
    let line = format!(
        "$N clones {}.",
        world.ch(copy).map_or("", |c| c.short_descr.as_str())
    );
    wiz(world, &line, ch, wiznet::LOAD, 0, trust);
}

// ------------------------------------------------------- finding things

/// One `[vnum] short description` line for each of `protos` (vnum,
/// keywords, short description) whose keywords match `name`, by vnum;
/// `None` when nothing matches.
fn list_matches<'a>(
    name: &str,
    protos: impl Iterator<Item = (i32, &'a str, &'a str)>,
) -> Option<String> {
    let mut found: Vec<(i32, &str)> = protos
        .filter(|(_, keywords, _)| is_name(name, keywords))
        .map(|(v, _, short)| (v, short))
        .collect();
    found.sort_unstable();
    (!found.is_empty()).then(|| {
        found
            .iter()
            .map(|(v, s)| format!("[{v:5}] {s}\n"))
            .collect()
    })
}

/// `mfind <name>`: mobile prototypes whose keywords match.
pub fn do_mfind(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Find whom?\n");
        return;
    }
    let out = list_matches(
        &name,
        world
            .mob_index
            .iter()
            .map(|(v, m)| (v.0, m.proto.keywords.as_str(), m.proto.short_descr.as_str())),
    );
    let out = out.unwrap_or_else(|| "No mobiles by that name.\n".into());
    world.send(ch, &out);
}

/// `ofind <name>`: object prototypes whose keywords match.
pub fn do_ofind(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Find what?\n");
        return;
    }
    let out = list_matches(
        &name,
        world
            .obj_index
            .iter()
            .map(|(v, o)| (v.0, o.proto.keywords.as_str(), o.proto.short_descr.as_str())),
    );
    let out = out.unwrap_or_else(|| "No objects by that name.\n".into());
    world.send(ch, &out);
}

/// `vnum obj|mob|skill <name>`, or both finds for a bare name.
pub fn do_vnum(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    match kind.as_str() {
        "" => world.send(
            ch,
            "Syntax:\n  vnum obj <name>\n  vnum mob <name>\n  vnum skill <skill or spell>\n",
        ),
        "obj" => do_ofind(world, ch, rest),
        "mob" | "char" => do_mfind(world, ch, rest),
        "skill" | "spell" => match rules::skill_lookup(rest.trim()) {
            Some(sn) => {
                let (name, slot) = sn.skill().map_or(("?", 0), |s| (s.name, s.slot));
                world.send(
                    ch,
                    &format!(
                        "Sn: {:3}  Slot: {:3}  Skill/spell: '{}'\n",
                        sn.0, slot, name
                    ),
                );
            }
            None => world.send(ch, "No such skill or spell.\n"),
        },
        _ => {
            do_mfind(world, ch, arg);
            do_ofind(world, ch, arg);
        }
    }
}

/// `mwhere [name]`: where the players are, or every character by a name.
pub fn do_mwhere(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    let mut out = String::new();
    let mut count = 0;
    let room_of = |w: &World, c: &Char| {
        c.room
            .and_then(|r| w.room(r).map(|x| (r.0, x.name.clone())))
            .unwrap_or((0, "nowhere".into()))
    };
    if name.is_empty() {
        // Everyone with a connection: players, and mobiles driven by one.
        for (id, c) in world.chars.iter() {
            if c.conn.is_none() || !world.can_see(ch, id) {
                continue;
            }
            count += 1;
            let (vnum, rname) = room_of(world, c);
            match c.original.and_then(|o| world.ch(o)) {
                Some(body) => out.push_str(&format!(
                    "{count:3}) {} (in the body of {}) is in {} [{}]\n",
                    body.name, c.short_descr, rname, vnum
                )),
                None => out.push_str(&format!(
                    "{count:3}) {} is in {} [{}]\n",
                    c.name, rname, vnum
                )),
            }
        }
    } else {
        let mut list: Vec<(CharId, &Char)> = world
            .chars
            .iter()
            .filter(|(id, c)| c.room.is_some() && is_name(&name, &c.name) && world.can_see(ch, *id))
            .collect();
        list.sort_by_key(|(_, c)| (c.vnum.map_or(0, |v| v.0), c.room));
        for (_, c) in list {
            count += 1;
            let (vnum, rname) = room_of(world, c);
            out.push_str(&format!(
                "{count:3}) [{:5}] {:<28} [{:5}] {}\n",
                c.vnum.map_or(0, |v| v.0),
                if c.is_npc() {
                    c.short_descr.as_str()
                } else {
                    c.name.as_str()
                },
                vnum,
                rname
            ));
        }
    }
    if count == 0 {
        if name.is_empty() {
            out = "Nobody is playing.\n".into();
        } else {
            out = format!("You didn't find any {name}.\n");
        }
    }
    world.send(ch, &out);
}

/// `owhere <name>`: every object by that name, and where it is.
pub fn do_owhere(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Find what?\n");
        return;
    }
    let mut ids: Vec<ObjId> = world
        .objs
        .iter()
        .filter(|(_, o)| is_name(&name, &o.name))
        .map(|(id, _)| id)
        .collect();
    ids.sort_by_key(|&o| world.obj(o).map_or(0, |o| o.vnum.0));
    let mut out = String::new();
    let mut count = 0;
    for o in ids {
        if !world.can_see_obj(ch, o) || count >= 200 {
            continue;
        }
        // The outermost container.
        let mut top = o;
        for _ in 0..64 {
            match world.obj(top).map(|x| x.loc) {
                Some(ObjLoc::In(p)) => top = p,
                _ => break,
            }
        }
        let short = world
            .obj(o)
            .map_or(String::new(), |x| x.short_descr.clone());
        let line = match world.obj(top).map(|x| x.loc) {
            Some(ObjLoc::Carried(c)) if world.can_see(ch, c) => {
                let holder = world.ch(c).map_or(String::new(), |h| {
                    if h.is_npc() {
                        h.short_descr.clone()
                    } else {
                        h.name.clone()
                    }
                });
                match world.ch(c).and_then(|h| h.room) {
                    Some(r) => format!("{short} is carried by {holder} [Room {}]", r.0),
                    None => format!("{short} is carried by {holder}"),
                }
            }
            Some(ObjLoc::Room(r)) => {
                let rname = world.room(r).map_or(String::new(), |x| x.name.clone());
                format!("{short} is in {rname} [Room {}]", r.0)
            }
            _ => continue,
        };
        count += 1;
        out.push_str(&format!("{count:3}) {line}\n"));
    }
    if count == 0 {
        out = "Nothing like that in heaven or earth.\n".into();
    }
    world.send(ch, &out);
}

// ------------------------------------------------------- snoop and switch

/// `snoop <char>`: read what they read; `snoop self` ends every snoop.
pub fn do_snoop(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Snoop whom?\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if world.ch(victim).is_none_or(|v| v.conn.is_none()) {
        world.send(ch, "No descriptor to snoop.\n");
        return;
    }
    if victim == ch {
        world.send(ch, "Cancelling all snoops.\n");
        wiz(
            world,
            "$N stops being such a snoop.",
            ch,
            wiznet::SNOOPS,
            0,
            trust_of(world, ch),
        );
        for (_, c) in world.chars.iter_mut() {
            if c.snoop_by == Some(ch) {
                c.snoop_by = None;
            }
        }
        return;
    }
    if world
        .ch(victim)
        .and_then(|v| v.snoop_by)
        .is_some_and(|s| world.ch(s).is_some())
    {
        world.send(ch, "Busy already.\n");
        return;
    }
    if in_private_room(world, ch, victim) {
        world.send(ch, "That character is in a private room.\n");
        return;
    }
    if trust_of(world, victim) >= trust_of(world, ch)
        || world
            .ch(victim)
            .is_some_and(|v| v.comm & comm::SNOOP_PROOF != 0)
    {
        world.send(ch, "You failed.\n");
        return;
    }
    // No loops: nobody snooping ch (directly or down a chain) is the victim.
    let mut by = world.ch(ch).and_then(|c| c.snoop_by);
    for _ in 0..16 {
        let Some(s) = by else { break };
        if s == victim {
            world.send(ch, "No snoop loops.\n");
            return;
        }
        by = world.ch(s).and_then(|c| c.snoop_by);
    }
    if let Some(v) = world.ch_mut(victim) {
        v.snoop_by = Some(ch);
    }
    let line = format!("$N starts snooping on {}.", pers(world, victim, ch));
    wiz(world, &line, ch, wiznet::SNOOPS, 0, trust_of(world, ch));
    world.send(ch, "Ok.\n");
}

/// `switch <mobile>`: drive a mobile with your connection.
pub fn do_switch(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Switch into whom?\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let Some(conn) = c.conn else { return };
    if c.original.is_some() {
        world.send(ch, "You are already switched.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if victim == ch {
        world.send(ch, "Ok.\n");
        return;
    }
    if !is_npc(world, victim) {
        world.send(ch, "You can only switch into mobiles.\n");
        return;
    }
    if in_private_room(world, ch, victim) {
        world.send(ch, "That character is in a private room.\n");
        return;
    }
    if world.ch(victim).is_some_and(|v| v.conn.is_some()) {
        world.send(ch, "Character in use.\n");
        return;
    }
    let trust = trust_of(world, ch);
    let line = format!("$N switches into {}.", pers(world, victim, ch));
    wiz(world, &line, ch, wiznet::SWITCHES, 0, trust);
    switch_into(world, ch, victim);
    world.requests.push(Request::Rebind { conn, ch: victim });
    world.send(victim, "Ok.\n");
}

/// Move `body`'s connection (and its snoopers) into the mobile `mob`.
pub fn switch_into(world: &mut World, body: CharId, mob: CharId) {
    let Some(b) = world.ch_mut(body) else { return };
    let conn = b.conn.take();
    let output = std::mem::take(&mut b.output);
    let snoop_by = b.snoop_by.take();
    let (trust, comm_bits) = (b.get_trust(), b.comm);
    for (_, c) in world.chars.iter_mut() {
        if c.snoop_by == Some(body) {
            c.snoop_by = Some(mob);
        }
    }
    if let Some(m) = world.ch_mut(mob) {
        m.conn = conn;
        m.original = Some(body);
        m.snoop_by = snoop_by;
        m.trust = trust;
        m.comm = comm_bits;
        m.timer = 0;
    }
    world.send(mob, &output);
}

/// `return`: back into your own body.
pub fn do_return(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.conn.is_none() {
        return;
    }
    let Some(body) = c.original else {
        world.send(ch, "You aren't switched.\n");
        return;
    };
    world.send(
        ch,
        "You return to your original body. Type replay to see any missed tells.\n",
    );
    let line = format!("$N returns from {}.", pers(world, ch, body));
    world.return_to_body(ch);
    wiz(
        world,
        &line,
        body,
        wiznet::SWITCHES,
        0,
        trust_of(world, body),
    );
}

// -------------------------------------------------------------- penalties

/// Find a player for a penalty command: the checks ROM's share.
fn penalty_target(world: &mut World, ch: CharId, who: &str, what: &str) -> Option<CharId> {
    if who.is_empty() {
        world.send(ch, &format!("{what} whom?\n"));
        return None;
    }
    let Some(victim) = world.get_char_world(ch, who) else {
        world.send(ch, "They aren't here.\n");
        return None;
    };
    if is_npc(world, victim) {
        world.send(ch, "Not on NPC's.\n");
        return None;
    }
    if trust_of(world, victim) >= trust_of(world, ch) {
        world.send(ch, "You failed.\n");
        return None;
    }
    Some(victim)
}

/// `freeze <player>`: toggle; a frozen player can do nothing at all.
pub fn do_freeze(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    let Some(victim) = penalty_target(world, ch, &who, "Freeze") else {
        return;
    };
    let frozen = world.ch(victim).is_some_and(|v| v.act & plr::FREEZE != 0);
    if let Some(v) = world.ch_mut(victim) {
        v.act ^= plr::FREEZE;
    }
    let name = pers(world, victim, ch);
    if frozen {
        world.send(victim, "You can play again.\n");
        world.send(ch, "FREEZE removed.\n");
        wiz(
            world,
            &format!("$N thaws {name}."),
            ch,
            wiznet::PENALTIES,
            wiznet::SECURE,
            0,
        );
    } else {
        world.send(victim, "You can't do ANYthing!\n");
        world.send(ch, "FREEZE set.\n");
        wiz(
            world,
            &format!("$N puts {name} in the deep freeze."),
            ch,
            wiznet::PENALTIES,
            wiznet::SECURE,
            0,
        );
    }
    world.requests.push(Request::Save(victim));
}

/// `deny <player>`: they may never log in again; they leave now.
pub fn do_deny(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    let Some(victim) = penalty_target(world, ch, &who, "Deny") else {
        return;
    };
    if let Some(v) = world.ch_mut(victim) {
        v.act |= plr::DENY;
    }
    world.send(victim, "You are denied access!\n");
    let name = pers(world, victim, ch);
    wiz(
        world,
        &format!("$N denies access to {name}."),
        ch,
        wiznet::PENALTIES,
        wiznet::SECURE,
        0,
    );
    world.send(ch, "OK.\n");
    world.stop_fighting(victim, true);
    // Quitting saves the file (with the deny bit) and closes the link.
    world.requests.push(Request::Quit(victim));
}

/// `disconnect <player | connection number>`: close their connection.
pub fn do_disconnect(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Disconnect whom?\n");
        return;
    }
    if let Ok(n) = who.parse::<usize>() {
        world.requests.push(Request::Disconnect(ConnId(n)));
        world.send(ch, "Ok.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let Some(conn) = world.ch(victim).and_then(|v| v.conn) else {
        world.act(
            "$N doesn't have a descriptor.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    };
    if trust_of(world, victim) >= trust_of(world, ch) && victim != ch {
        world.send(ch, "You failed.\n");
        return;
    }
    world.requests.push(Request::Disconnect(conn));
    let name = pers(world, victim, ch);
    wiz(
        world,
        &format!("$N disconnects {name}."),
        ch,
        wiznet::PENALTIES,
        0,
        0,
    );
    world.send(ch, "Ok.\n");
}

/// `log <player> | all`: log every command they type (or everybody's).
pub fn do_log(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Log whom?\n");
        return;
    }
    if who == "all" {
        world.log_all = !world.log_all;
        world.send(
            ch,
            if world.log_all {
                "Log ALL on.\n"
            } else {
                "Log ALL off.\n"
            },
        );
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if is_npc(world, victim) {
        world.send(ch, "Not on NPC's.\n");
        return;
    }
    let Some(v) = world.ch_mut(victim) else {
        return;
    };
    v.act ^= plr::LOG;
    let on = v.act & plr::LOG != 0;
    world.send(ch, if on { "LOG set.\n" } else { "LOG removed.\n" });
}

/// `protect <player>`: toggle being snoop-proof.
pub fn do_protect(world: &mut World, ch: CharId, arg: &str) {
    let (who, _) = one_argument(arg);
    if who.is_empty() {
        world.send(ch, "Protect whom from snooping?\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "You can't find them.\n");
        return;
    };
    let Some(v) = world.ch_mut(victim) else {
        return;
    };
    v.comm ^= comm::SNOOP_PROOF;
    if v.comm & comm::SNOOP_PROOF != 0 {
        world.act(
            "$N is now snoop-proof.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.send(victim, "You are now immune to snooping.\n");
    } else {
        world.act(
            "$N is no longer snoop-proof.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        world.send(victim, "Your snoop-proofing was just removed.\n");
    }
}

/// `pardon <player> killer|thief`.
pub fn do_pardon(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (what, _) = one_argument(rest);
    let syntax = "Syntax: pardon <character> <killer|thief>.\n";
    if who.is_empty() || what.is_empty() {
        world.send(ch, syntax);
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    if is_npc(world, victim) {
        world.send(ch, "Not on NPC's.\n");
        return;
    }
    let (bit, flag_gone, told) = match what.as_str() {
        "killer" => (
            plr::KILLER,
            "Killer flag removed.\n",
            "You are no longer a KILLER.\n",
        ),
        "thief" => (
            plr::THIEF,
            "Thief flag removed.\n",
            "You are no longer a THIEF.\n",
        ),
        _ => {
            world.send(ch, syntax);
            return;
        }
    };
    if let Some(v) = world.ch_mut(victim) {
        if v.act & bit != 0 {
            v.act &= !bit;
            world.send(ch, flag_gone);
            world.send(victim, told);
        }
    }
}

/// `trust <player> <level>`: 0 gives back the level's own trust.
pub fn do_trust(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (lvl, _) = one_argument(rest);
    let Ok(level) = lvl.parse::<i32>() else {
        world.send(ch, "Syntax: trust <char> <level>.\n");
        return;
    };
    let Some(victim) = world.get_char_world(ch, &who).filter(|_| !who.is_empty()) else {
        world.send(ch, "That player is not here.\n");
        return;
    };
    if !(0..=MAX_LEVEL).contains(&level) {
        world.send(
            ch,
            &format!("Level must be 0 (reset) or 1 to {MAX_LEVEL}.\n"),
        );
        return;
    }
    if level > trust_of(world, ch) {
        world.send(ch, "Limited to your trust.\n");
        return;
    }
    if let Some(v) = world.ch_mut(victim) {
        v.trust = level;
    }
    world.send(ch, "Ok.\n");
    world.requests.push(Request::Save(victim));
}

// ---------------------------------------------------------------- echoes

/// `echo <text>` (ROM's recho): to everyone in the room.
pub fn do_recho(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Local echo what?\n");
        return;
    }
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    echo_to(world, ch, &people, "local> ", text);
}

/// `gecho <text>`: to everyone playing.
pub fn do_echo(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Global echo what?\n");
        return;
    }
    let people: Vec<CharId> = world
        .chars
        .iter()
        .filter(|(_, c)| c.conn.is_some())
        .map(|(id, _)| id)
        .collect();
    echo_to(world, ch, &people, "global> ", text);
}

/// `zecho <text>`: to everyone in the area.
pub fn do_zecho(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "Zone echo what?\n");
        return;
    }
    let area = world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map(|r| r.area);
    let people: Vec<CharId> = world
        .chars
        .iter()
        .filter(|(_, c)| c.conn.is_some())
        .filter(|(_, c)| c.room.and_then(|r| world.room(r)).map(|r| r.area) == area)
        .map(|(id, _)| id)
        .collect();
    echo_to(world, ch, &people, "zone> ", text);
}

/// Send `text` to each of `people`; those as trusted as `ch` see `tag` first.
fn echo_to(world: &mut World, ch: CharId, people: &[CharId], tag: &str, text: &str) {
    let trust = trust_of(world, ch);
    for &p in people {
        let prefix = if trust_of(world, p) >= trust { tag } else { "" };
        world.send(p, &format!("{prefix}{text}\n"));
    }
}

/// `pecho <char> <text>`: to one character.
pub fn do_pecho(world: &mut World, ch: CharId, arg: &str) {
    let (who, text) = one_argument(arg);
    let text = text.trim();
    if who.is_empty() || text.is_empty() {
        world.send(ch, "Personal echo what?\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "Target not found.\n");
        return;
    };
    let trust = trust_of(world, ch);
    let prefix = if trust_of(world, victim) >= trust && trust != MAX_LEVEL {
        "personal> "
    } else {
        ""
    };
    world.send(victim, &format!("{prefix}{text}\n"));
    if victim != ch {
        world.send(ch, &format!("personal> {text}\n"));
    }
}

// -------------------------------------------------------- being an immortal

/// `wizinvis [level]` / `invis`: toggle, or vanish from those below `level`.
pub fn do_invis(world: &mut World, ch: CharId, arg: &str) {
    let (lvl, _) = one_argument(arg);
    let trust = trust_of(world, ch);
    let Some(current) = world
        .ch(ch)
        .filter(|c| !c.is_npc())
        .map(|c| c.invis_level())
    else {
        return;
    };
    let set = |world: &mut World, n: i32| {
        if let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            p.invis_level = n;
        }
    };
    if lvl.is_empty() {
        if current != 0 {
            set(world, 0);
            world.act(
                "$n slowly fades into existence.",
                ch,
                ActArgs::default(),
                To::Room,
            );
            world.send(ch, "You slowly fade back into existence.\n");
        } else {
            world.act(
                "$n slowly fades into thin air.",
                ch,
                ActArgs::default(),
                To::Room,
            );
            set(world, trust);
            world.send(ch, "You slowly vanish into thin air.\n");
        }
        return;
    }
    match lvl.parse::<i32>() {
        Ok(n) if (2..=trust).contains(&n) => {
            world.act(
                "$n slowly fades into thin air.",
                ch,
                ActArgs::default(),
                To::Room,
            );
            set(world, n);
            world.send(ch, "You slowly vanish into thin air.\n");
        }
        _ => world.send(ch, "Invis level must be between 2 and your level.\n"),
    }
}

/// `incognito [level]`: hidden from those below `level` outside your room.
pub fn do_incognito(world: &mut World, ch: CharId, arg: &str) {
    let (lvl, _) = one_argument(arg);
    let trust = trust_of(world, ch);
    let Some(current) = world
        .ch(ch)
        .filter(|c| !c.is_npc())
        .map(|c| c.incog_level())
    else {
        return;
    };
    let set = |world: &mut World, n: i32| {
        if let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            p.incog_level = n;
        }
    };
    let level = if lvl.is_empty() {
        if current != 0 {
            set(world, 0);
            world.act("$n is no longer cloaked.", ch, ActArgs::default(), To::Room);
            world.send(ch, "You are no longer cloaked.\n");
            return;
        }
        trust
    } else {
        match lvl.parse::<i32>() {
            Ok(n) if (2..=trust).contains(&n) => n,
            _ => {
                world.send(ch, "Incog level must be between 2 and your level.\n");
                return;
            }
        }
    };
    set(world, level);
    world.act("$n cloaks $s presence.", ch, ActArgs::default(), To::Room);
    world.send(ch, "You cloak your presence.\n");
}

/// `holylight`: see everything (darkness, invisibility) or not.
pub fn do_holylight(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch_mut(ch).filter(|c| !c.is_npc()) else {
        return;
    };
    c.act ^= plr::HOLYLIGHT;
    let on = c.act & plr::HOLYLIGHT != 0;
    world.send(
        ch,
        if on {
            "Holy light mode on.\n"
        } else {
            "Holy light mode off.\n"
        },
    );
}

fn bamf_set(world: &mut World, ch: CharId, arg: &str, out: bool) {
    let Some(c) = world.ch(ch).filter(|c| !c.is_npc()) else {
        return;
    };
    let name = c.name.clone();
    let word = if out { "poofout" } else { "poofin" };
    let text = crate::world::handler::smash_tilde(arg.trim());
    if text.is_empty() {
        let cur =
            c.pc.as_ref()
                .map(|p| {
                    if out {
                        p.bamfout.clone()
                    } else {
                        p.bamfin.clone()
                    }
                })
                .unwrap_or_default();
        world.send(ch, &format!("Your {word} is {cur}\n"));
        return;
    }
    if !text.to_lowercase().contains(&name.to_lowercase()) {
        world.send(ch, "You must include your name.\n");
        return;
    }
    if let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        if out {
            p.bamfout = text.clone();
        } else {
            p.bamfin = text.clone();
        }
    }
    world.send(ch, &format!("Your {word} is now {text}\n"));
}

/// `poofin <text>`: what the room sees when you arrive by goto.
pub fn do_bamfin(world: &mut World, ch: CharId, arg: &str) {
    bamf_set(world, ch, arg, false);
}

/// `poofout <text>`: what the room sees when you leave by goto.
pub fn do_bamfout(world: &mut World, ch: CharId, arg: &str) {
    bamf_set(world, ch, arg, true);
}

/// The prefix a player's lines get (`prefix`), kept in the settings.
pub fn prefix_of(world: &World, ch: CharId) -> Option<String> {
    world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .and_then(|p| p.settings.get("prefix").cloned())
        .filter(|p| !p.is_empty())
}

/// A typed line with the player's prefix in front: not an empty line, and
/// not a line starting with `prefix` (as ROM, so the prefix can be changed).
pub fn with_prefix(world: &World, ch: CharId, line: &str) -> String {
    let bare = line.trim_start();
    match prefix_of(world, ch) {
        Some(p) if !bare.is_empty() && !bare.to_ascii_lowercase().starts_with("prefix") => {
            format!("{p} {line}")
        }
        _ => line.to_string(),
    }
}

/// `prefix [text]`: put `text` before every line you type; no text clears it.
pub fn do_prefix(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim().to_string();
    let had = prefix_of(world, ch);
    let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    if text.is_empty() {
        if had.is_none() {
            world.send(ch, "You have no prefix to clear.\n");
            return;
        }
        p.settings.remove("prefix");
        world.send(ch, "Prefix removed.\n");
        return;
    }
    p.settings.insert("prefix".into(), text.clone());
    let verb = if had.is_some() { "changed" } else { "set" };
    world.send(ch, &format!("Prefix {verb} to {text}.\n"));
}

/// `prefi`: the prefix command is not abbreviated.
pub fn do_prefi(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "You cannot abbreviate the prefix command.\n");
}

/// `smote <text>`: an emote that must name you; others read "you" where
/// it names them.
pub fn do_smote(world: &mut World, ch: CharId, arg: &str) {
    let text = arg.trim();
    let Some(c) = world.ch(ch) else { return };
    if !c.is_npc() && c.comm & comm::NOEMOTE != 0 {
        world.send(ch, "You can't show your emotions.\n");
        return;
    }
    if text.is_empty() {
        world.send(ch, "Emote what?\n");
        return;
    }
    if !text.contains(c.name.as_str()) {
        world.send(ch, "You must include your name in an smote.\n");
        return;
    }
    let room = c.room;
    world.send(ch, &format!("{text}\n"));
    let Some(room) = room else { return };
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    for p in people {
        if p == ch {
            continue;
        }
        let name = world.ch(p).map(|v| v.name.clone()).unwrap_or_default();
        let seen = if name.is_empty() || is_npc(world, p) {
            text.to_string()
        } else {
            replace_word(text, &name, "you")
        };
        world.send(p, &format!("{seen}\n"));
    }
}

/// `text` with every whole-word `word` replaced by `with`.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        out.push_str(&rest[..at]);
        if boundary(before) && boundary(after) {
            out.push_str(with);
        } else {
            out.push_str(word);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------ running the game

/// `newlock`: toggle whether new characters may be made.
pub fn do_newlock(world: &mut World, ch: CharId, _arg: &str) {
    world.newlock = !world.newlock;
    if world.newlock {
        wiz(world, "$N locks out new characters.", ch, 0, 0, 0);
        world.send(ch, "New characters have been locked out.\n");
    } else {
        wiz(world, "$N allows new characters back in.", ch, 0, 0, 0);
        world.send(ch, "Newlock removed.\n");
    }
}

/// `violate <location>`: go into a private room (goto for the rest).
pub fn do_violate(world: &mut World, ch: CharId, arg: &str) {
    let (target, _) = one_argument(arg);
    if target.is_empty() {
        world.send(ch, "Goto where?\n");
        return;
    }
    let Some(location) = find_location(world, ch, &target) else {
        world.send(ch, "No such location.\n");
        return;
    };
    if !world.room_is_private(location) {
        world.send(ch, "That room isn't private, use goto.\n");
        return;
    }
    do_goto(world, ch, &location.0.to_string());
}

/// `sockets [name]`: the connections and who plays them (the game answers).
pub fn do_sockets(world: &mut World, ch: CharId, arg: &str) {
    let (filter, _) = one_argument(arg);
    world.requests.push(Request::Sockets { ch, filter });
}

/// `memory`: how much the world holds.
pub fn do_memory(world: &mut World, ch: CharId, _arg: &str) {
    let mobs = world.chars.iter().filter(|(_, c)| c.is_npc()).count();
    let affects: usize = world
        .chars
        .iter()
        .map(|(_, c)| c.affects.len())
        .sum::<usize>()
        + world
            .objs
            .iter()
            .map(|(_, o)| o.affects.len())
            .sum::<usize>();
    let out = format!(
        "Affects {:5}\nAreas   {:5}\nHelps   {:5}\nSocials {:5}\nMobs    {:5} ({} in the game)\nPlayers {:5}\nObjs    {:5} ({} in the game)\nRooms   {:5}\nBans    {:5}\n",
        affects,
        world.areas.len(),
        world.helps.len(),
        world.socials.len(),
        world.mob_index.len(),
        mobs,
        world.players.len(),
        world.obj_index.len(),
        world.objs.iter().count(),
        world.rooms.len(),
        world.bans.len(),
    );
    world.send(ch, &out);
}

/// `reboo`: a reboot has to be spelled out.
pub fn do_reboo(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "If you want to REBOOT, spell it out.\n");
}

/// `shutdow`: a shutdown has to be spelled out.
pub fn do_shutdow(world: &mut World, ch: CharId, _arg: &str) {
    world.send(ch, "If you want to SHUTDOWN, spell it out.\n");
}

/// `reboot`: save everyone and stop; the supervisor starts the game again.
pub fn do_reboot(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let (name, invis) = (c.name.clone(), c.invis_level());
    world.log(format!("Reboot by {name}."));
    if invis < LEVEL_HERO {
        let line = format!("Reboot by {name}.\n");
        let players = world.players.clone();
        for p in players {
            world.send(p, &line);
        }
    }
    world.shutdown_requested = true;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{AreaProto, Char, ConnId, MobProto, PcData, Protos, RoomProto, RoomVnum};

    fn world() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 10,
            ..Default::default()
        });
        for v in [1, 2] {
            p.rooms.insert(
                RoomVnum(v),
                RoomProto {
                    vnum: RoomVnum(v),
                    name: format!("Room {v}"),
                    ..Default::default()
                },
            );
        }
        p.mobs.insert(
            MobVnum(5),
            MobProto {
                vnum: MobVnum(5),
                keywords: "rat fat".into(),
                short_descr: "a fat rat".into(),
                long_descr: "A fat rat is here.\n".into(),
                level: 3,
                ..Default::default()
            },
        );
        World::new(p, 1)
    }

    fn player(w: &mut World, name: &str, level: i32, conn: usize) -> CharId {
        let ch = w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::new(PcData::default())),
            conn: Some(ConnId(conn)),
            level,
            position: pos::STANDING,
            ..Default::default()
        });
        w.players.push(ch);
        w.char_to_room(ch, RoomVnum(1));
        ch
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn mfind_and_ofind_list_matching_prototypes() {
        let mut w = world();
        let imp = player(&mut w, "Imp", 60, 1);
        do_mfind(&mut w, imp, "rat");
        let t = out(&mut w, imp);
        assert!(t.starts_with("[    5] "), "{t}");
        do_mfind(&mut w, imp, "dragon");
        assert_eq!(out(&mut w, imp), "No mobiles by that name.\n");
        do_ofind(&mut w, imp, "dragon");
        assert_eq!(out(&mut w, imp), "No objects by that name.\n");
        do_mfind(&mut w, imp, "");
        assert_eq!(out(&mut w, imp), "Find whom?\n");
    }

    #[test]
    fn force_obeys_trust() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let god = player(&mut w, "God", 53, 2);
        let bob = player(&mut w, "Bob", 5, 3);
        w.char_to_room(imm, RoomVnum(2));
        interp::interpret(&mut w, imm, "force bob say hi");
        assert_eq!(out(&mut w, imm), "Ok.\n");
        let b = out(&mut w, bob);
        assert!(
            b.contains("Imm forces you to 'say hi'.") && b.contains("You say 'hi'"),
            "{b}"
        );
        // A level-53 immortal may force mobiles only, and nobody above.
        out(&mut w, god);
        do_force(&mut w, god, "bob say hi");
        assert_eq!(out(&mut w, god), "Not at your level!\n");
        do_force(&mut w, god, "imm say hi");
        assert_eq!(out(&mut w, god), "Do it yourself!\n");
        do_force(&mut w, god, "all say hi");
        assert_eq!(out(&mut w, god), "Not at your level!\n");
        do_force(&mut w, imm, "bob delete");
        assert_eq!(out(&mut w, imm), "That will NOT be done.\n");
        do_force(&mut w, imm, "bob mo goto 1");
        assert_eq!(out(&mut w, imm), "That will NOT be done.\n");
    }

    #[test]
    fn mset_ranges_and_fields() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let bob = player(&mut w, "Bob", 5, 2);
        let rat = w.create_mobile(MobVnum(5)).expect("rat");
        w.char_to_room(rat, RoomVnum(1));
        do_set(&mut w, imm, "mob rat level 30");
        assert_eq!(out(&mut w, imm), "Ok.\n");
        assert_eq!(w.ch(rat).map(|c| c.level), Some(30));
        do_set(&mut w, imm, "mob bob level 30");
        assert_eq!(out(&mut w, imm), "Not on PC's.\n");
        do_mset(&mut w, imm, "bob str 30");
        assert_eq!(out(&mut w, imm), "Strength range is 3 to 25.\n");
        do_mset(&mut w, imm, "bob str 18");
        assert_eq!(w.ch(bob).map(|c| c.perm_stat[0]), Some(18));
        do_mset(&mut w, imm, "bob align -500");
        assert_eq!(w.ch(bob).map(|c| c.alignment), Some(-500));
        assert!(w.requests.contains(&Request::Save(bob)));
        do_sset(&mut w, imm, "bob dodge 75");
        let dodge = rules::skill_lookup("dodge").expect("dodge");
        assert_eq!(
            w.ch(bob)
                .and_then(|c| c.pc.as_ref())
                .and_then(|p| p.learned.get(&dodge).copied()),
            Some(75)
        );
        do_rset(&mut w, imm, "2 sector 5");
        assert_eq!(w.room(RoomVnum(2)).map(|r| r.sector), Some(5));
        do_string(&mut w, imm, "mob rat short a lean rat");
        assert_eq!(
            w.ch(rat).map(|c| c.short_descr.as_str()),
            Some("a lean rat")
        );
    }

    #[test]
    fn snoop_copies_output_and_refuses_loops() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let god = player(&mut w, "God", 58, 2);
        let bob = player(&mut w, "Bob", 5, 3);
        do_snoop(&mut w, god, "bob");
        assert_eq!(out(&mut w, god), "Ok.\n");
        w.send(bob, "line one\nline two\n");
        assert_eq!(out(&mut w, god), "% line one\n% line two\n");
        do_snoop(&mut w, imm, "bob");
        assert_eq!(out(&mut w, imm), "Busy already.\n");
        do_snoop(&mut w, imm, "god");
        assert_eq!(out(&mut w, imm), "Ok.\n");
        // Imm now reads God's screen, which holds Bob's.
        w.send(bob, "hi\n");
        assert_eq!(out(&mut w, imm), "% % hi\n");
        // God may not snoop Imm (trust), and no loops either way.
        out(&mut w, god);
        do_snoop(&mut w, god, "imm");
        assert_eq!(out(&mut w, god), "You failed.\n");
        // A loop: God reads Imm's screen (as a trust change could leave
        // it); Imm may then not snoop God.
        w.ch_mut(god).expect("god").snoop_by = None;
        w.ch_mut(imm).expect("imm").snoop_by = Some(god);
        out(&mut w, imm);
        do_snoop(&mut w, imm, "god");
        assert_eq!(out(&mut w, imm), "No snoop loops.\n");
        w.ch_mut(imm).expect("imm").snoop_by = None;
        out(&mut w, god);
        do_snoop(&mut w, god, "god");
        assert_eq!(out(&mut w, god), "Cancelling all snoops.\n");
        assert!(w.ch(bob).is_some_and(|c| c.snoop_by.is_none()));
        w.ch_mut(bob).expect("bob").comm |= comm::SNOOP_PROOF;
        do_snoop(&mut w, god, "bob");
        assert_eq!(out(&mut w, god), "You failed.\n");
    }

    #[test]
    fn switch_and_return_move_the_connection() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 7);
        let rat = w.create_mobile(MobVnum(5)).expect("rat");
        w.char_to_room(rat, RoomVnum(1));
        do_switch(&mut w, imm, "rat");
        assert_eq!(w.ch(rat).and_then(|c| c.conn), Some(ConnId(7)));
        assert_eq!(w.ch(imm).and_then(|c| c.conn), None);
        assert_eq!(w.ch(rat).and_then(|c| c.original), Some(imm));
        assert_eq!(w.ch(rat).map(|c| c.get_trust()), Some(60));
        assert!(w.requests.contains(&Request::Rebind {
            conn: ConnId(7),
            ch: rat
        }));
        assert_eq!(out(&mut w, rat), "Ok.\n");
        // The mobile may use immortal commands with the immortal's trust.
        interp::interpret(&mut w, rat, "switch rat");
        assert_eq!(out(&mut w, rat), "You are already switched.\n");
        w.requests.clear();
        interp::interpret(&mut w, rat, "return");
        assert_eq!(w.ch(imm).and_then(|c| c.conn), Some(ConnId(7)));
        assert_eq!(
            w.ch(rat).map(|c| (c.conn, c.original, c.trust)),
            Some((None, None, 0))
        );
        assert!(w.requests.contains(&Request::Rebind {
            conn: ConnId(7),
            ch: imm
        }));
        assert!(out(&mut w, imm).starts_with("You return to your original body."));
        // A switched-into mobile that dies gives the connection back.
        do_switch(&mut w, imm, "rat");
        w.extract_char(rat);
        assert_eq!(w.ch(imm).and_then(|c| c.conn), Some(ConnId(7)));
        // Players are not for switching into.
        let bob = player(&mut w, "Bob", 5, 8);
        out(&mut w, imm);
        do_switch(&mut w, imm, "bob");
        assert_eq!(out(&mut w, imm), "You can only switch into mobiles.\n");
        assert_eq!(w.ch(bob).and_then(|c| c.conn), Some(ConnId(8)));
    }

    #[test]
    fn penalties_and_echoes() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let bob = player(&mut w, "Bob", 5, 2);
        do_freeze(&mut w, imm, "bob");
        assert_eq!(out(&mut w, imm), "FREEZE set.\n");
        out(&mut w, bob);
        interp::interpret(&mut w, bob, "say hello");
        assert_eq!(out(&mut w, bob), "You're totally frozen!\n");
        do_freeze(&mut w, bob, "imm");
        do_freeze(&mut w, imm, "bob");
        interp::interpret(&mut w, bob, "say hello");
        assert!(out(&mut w, bob).contains("You say 'hello'"));
        do_deny(&mut w, imm, "bob");
        assert!(w.ch(bob).is_some_and(|c| c.act & plr::DENY != 0));
        assert!(w.requests.contains(&Request::Quit(bob)));
        do_disconnect(&mut w, imm, "bob");
        assert!(w.requests.contains(&Request::Disconnect(ConnId(2))));
        out(&mut w, bob);
        out(&mut w, imm);
        do_recho(&mut w, imm, "Thunder.");
        assert_eq!(out(&mut w, imm), "local> Thunder.\n");
        assert_eq!(out(&mut w, bob), "Thunder.\n");
        do_pecho(&mut w, imm, "bob Psst.");
        assert_eq!(out(&mut w, bob), "Psst.\n");
        assert_eq!(out(&mut w, imm), "personal> Psst.\n");
        do_log(&mut w, imm, "bob");
        assert_eq!(out(&mut w, imm), "LOG set.\n");
        w.log.clear();
        interp::interpret(&mut w, bob, "look");
        assert!(w.log.iter().any(|l| l == "Log Bob: look"), "{:?}", w.log);
        do_pardon(&mut w, imm, "bob killer");
        w.ch_mut(bob).expect("bob").act |= plr::KILLER;
        do_pardon(&mut w, imm, "bob killer");
        assert!(w.ch(bob).is_some_and(|c| c.act & plr::KILLER == 0));
        do_trust(&mut w, imm, "bob 55");
        assert_eq!(w.ch(bob).map(|c| c.get_trust()), Some(55));
    }

    #[test]
    fn invis_incognito_and_wiznet() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let god = player(&mut w, "God", 55, 2);
        let bob = player(&mut w, "Bob", 5, 3);
        do_invis(&mut w, imm, "56");
        assert!(!w.can_see(god, imm) && !w.can_see(bob, imm));
        do_invis(&mut w, imm, "");
        assert!(w.can_see(god, imm));
        do_incognito(&mut w, imm, "");
        // Same room: seen; elsewhere: not.
        assert!(w.can_see(bob, imm));
        w.char_to_room(bob, RoomVnum(2));
        assert!(!w.can_see(bob, imm));
        do_invis(&mut w, imm, "99");
        assert_eq!(
            out(&mut w, imm).lines().last(),
            Some("Invis level must be between 2 and your level.")
        );
        // wiznet: on, a flag, and the events reach only listeners.
        out(&mut w, god);
        wiznet::do_wiznet(&mut w, god, "");
        wiznet::do_wiznet(&mut w, god, "load");
        assert_eq!(out(&mut w, god), "Welcome to Wiznet!\nNo such option.\n");
        wiznet::do_wiznet(&mut w, god, "levels");
        assert_eq!(out(&mut w, god), "You will now see levels on wiznet.\n");
        wiznet::wiznet(
            &mut w,
            "$N has attained level 6!",
            Some(bob),
            None,
            wiznet::LEVELS,
            0,
            0,
        );
        assert_eq!(out(&mut w, god), "Bob has attained level 6!\n");
        wiznet::wiznet(&mut w, "$N loads x.", Some(bob), None, wiznet::LOAD, 0, 0);
        assert_eq!(out(&mut w, god), "");
        wiznet::do_wiznet(&mut w, god, "prefix");
        out(&mut w, god);
        wiznet::wiznet(&mut w, "TICK!", None, None, wiznet::LEVELS, 0, 0);
        assert_eq!(out(&mut w, god), "--> TICK!\n");
        assert!(!out(&mut w, bob).contains("TICK"));
    }

    #[test]
    fn prefix_smote_and_poofs() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        let al = player(&mut w, "Al", 5, 2);
        do_prefix(&mut w, imm, "");
        assert_eq!(out(&mut w, imm), "You have no prefix to clear.\n");
        do_prefix(&mut w, imm, "immtalk");
        assert_eq!(out(&mut w, imm), "Prefix set to immtalk.\n");
        assert_eq!(with_prefix(&w, imm, "hello"), "immtalk hello");
        assert_eq!(with_prefix(&w, imm, "prefix say"), "prefix say");
        assert_eq!(with_prefix(&w, imm, ""), "");
        assert_eq!(with_prefix(&w, al, "hello"), "hello");
        interp::interpret(&mut w, imm, "prefi");
        assert_eq!(
            out(&mut w, imm),
            "You cannot abbreviate the prefix command.\n"
        );
        do_smote(&mut w, imm, "Al and Also watch Imm.");
        assert_eq!(out(&mut w, imm), "Al and Also watch Imm.\n");
        assert_eq!(out(&mut w, al), "you and Also watch Imm.\n");
        do_smote(&mut w, imm, "Someone waves.");
        assert_eq!(
            out(&mut w, imm),
            "You must include your name in an smote.\n"
        );
        do_bamfin(&mut w, imm, "A wind blows.");
        assert_eq!(out(&mut w, imm), "You must include your name.\n");
        do_bamfin(&mut w, imm, "Imm drops from the sky.");
        assert_eq!(
            out(&mut w, imm),
            "Your poofin is now Imm drops from the sky.\n"
        );
        do_goto(&mut w, imm, "2");
        do_goto(&mut w, imm, "1");
        assert!(out(&mut w, al).contains("Imm drops from the sky."));
        // A frozen player cannot even use a social.
        w.ch_mut(al).expect("al").act |= plr::FREEZE;
        interp::interpret(&mut w, al, "smile");
        assert_eq!(out(&mut w, al), "You're totally frozen!\n");
    }

    #[test]
    fn finders_and_bans() {
        let mut w = world();
        let imm = player(&mut w, "Imm", 60, 1);
        do_mfind(&mut w, imm, "rat");
        assert_eq!(out(&mut w, imm), "[    5] a fat rat\n");
        do_vnum(&mut w, imm, "mob dragon");
        assert_eq!(out(&mut w, imm), "No mobiles by that name.\n");
        let rat = w.create_mobile(MobVnum(5)).expect("rat");
        w.char_to_room(rat, RoomVnum(2));
        do_mwhere(&mut w, imm, "rat");
        assert!(out(&mut w, imm).contains("a fat rat"));
        do_clone(&mut w, imm, "mob rat");
        assert_eq!(out(&mut w, imm), "You don't see that here.\n");
        w.char_to_room(rat, RoomVnum(1));
        // The rat wears a ring of +3 hitroll; its clone wears a copy, and
        // the bonus counts once.
        let ring = w.objs.insert(Obj {
            name: "ring".into(),
            short_descr: "a ring".into(),
            wear_loc: -1,
            affects: vec![Affect {
                where_: 0,
                skill: rules::Sn::NONE,
                level: 1,
                duration: -1,
                location: crate::world::apply::HITROLL,
                modifier: 3,
                bits: 0,
            }],
            ..Default::default()
        });
        w.obj_to_char(ring, rat);
        assert!(w.equip_char(rat, ring, 1));
        let hitroll = w.ch(rat).map(|c| c.hitroll);
        do_clone(&mut w, imm, "mob rat");
        assert_eq!(out(&mut w, imm), "You clone a fat rat.\n");
        assert_eq!(w.mob_index.get(&MobVnum(5)).map(|m| m.count), Some(2));
        let copy = w
            .room(RoomVnum(1))
            .and_then(|r| {
                r.people
                    .iter()
                    .copied()
                    .find(|&p| p != rat && is_npc(&w, p))
            })
            .expect("clone");
        assert_eq!(w.ch(copy).map(|c| c.hitroll), hitroll);
        assert!(w.get_eq_char(copy, 1).is_some_and(|o| o != ring));
        ban::do_ban(&mut w, imm, "*.evil.org newbies");
        assert_eq!(out(&mut w, imm), ".evil.org has been banned.\n");
        assert!(ban::check_ban(&w.bans, "x.evil.org", ban::BanKind::Newbies));
        assert!(w.requests.contains(&Request::SaveBans));
        w.ch_mut(imm).expect("imm").level = 58;
        w.bans[0].level = 60;
        ban::do_allow(&mut w, imm, "*.evil.org");
        assert_eq!(
            out(&mut w, imm),
            "You are not powerful enough to lift that ban.\n"
        );
        w.bans[0].level = 58;
        ban::do_allow(&mut w, imm, "*.evil.org");
        assert_eq!(out(&mut w, imm), "Ban on .evil.org lifted.\n");
        assert!(w.bans.is_empty());
    }
}
