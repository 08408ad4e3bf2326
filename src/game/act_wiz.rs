//! Immortal commands — ROM's "act_wiz.c": moving about and moving others
//! (goto, transfer, at), looking inside things (stat), making and unmaking
//! them (load, purge, restore, advance), and running the server (wizlock,
//! shutdown, copyover).
//!
//! The command table in `interp` gates each command by level; the checks
//! here are the ones that compare the immortal with the target. Nothing here
//! does file or socket work: saving and the reboot are queued as requests or
//! flags on the world for the server loop.

use crate::db::tables;
use crate::game::{act_info, interp};
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
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
        world.send(ch, "Room restored.\n");
        return;
    }
    if who == "all" && world.ch(ch).is_some_and(|c| c.get_trust() >= MAX_LEVEL - 1) {
        let players = world.players.clone();
        for p in players {
            restore_one(world, ch, p);
        }
        world.send(ch, "All active players restored.\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    restore_one(world, ch, victim);
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
