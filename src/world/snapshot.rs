//! A snapshot of the world's moving parts, so a copyover changes nothing a
//! player can see: mobiles where they stood with their hp, gear, command
//! lag and daze (and a description or channel flags that differ from the
//! prototype's, such as a pet's neck tag), objects on the ground (dropped
//! things, corpses with their timers, owners and contents), door states,
//! area reset clocks, game time, who follows whom, who fights whom, and
//! mob programs' delays and remembered targets.
//!
//! Players and what they carry are not in here: they travel in their own
//! player files. Followers, groups and pets that link players and mobiles
//! are recorded by player id.
//!
//! The format is plain text, versioned, one record per block:
//! `#MOB` / `#OBJ` blocks of `Key value` lines closed by `End`, plus single
//! `Area`, `Door`, `Time`, `Link` lines; strings end with `~`.

use std::collections::{HashMap, HashSet};

use super::handler::smash_tilde as tilde_free;
use super::rules::Sn;
use super::*;

pub const SNAPSHOT_HEADER: &str = "#WORLD 1";
pub const SNAPSHOT_END: &str = "#ENDWORLD";

/// How a record names a character across the exec.
fn char_ref(world: &World, id: CharId, mob_ids: &HashMap<CharId, usize>) -> Option<String> {
    let c = world.ch(id)?;
    if let Some(pc) = &c.pc {
        Some(format!("P{}", pc.id))
    } else {
        mob_ids.get(&id).map(|n| format!("M{n}"))
    }
}

/// Write every mobile, every object not carried by a player, door states,
/// area ages, time and follower links.
pub fn write_snapshot(world: &World) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(SNAPSHOT_HEADER);
    out.push('\n');
    out.push_str(&format!(
        "Time {} {} {} {} {} {}\n",
        world.pulse,
        world.hour,
        world.day,
        world.month,
        world.year,
        world.rng.state() as i64
    ));
    out.push_str(&format!(
        "Weather {} {} {}\n",
        world.weather.mmhg, world.weather.change, world.weather.sky
    ));
    out.push_str(&format!(
        "Mayor {} {} {}\n",
        world.mayor.path,
        world.mayor.pos,
        i32::from(world.mayor.moving)
    ));
    out.push_str("Music");
    for n in world.channel_songs {
        out.push_str(&format!(" {n}"));
    }
    out.push('\n');
    out.push_str(&format!("Wizlock {}\n", i32::from(world.wizlock)));
    // Builders stay in their OLC editors.
    for &p in &world.players {
        if let (Some(rec), Some(c)) = (crate::game::olc::editor_record(world, p), world.ch(p)) {
            out.push_str(&format!("Editor P{} {rec}\n", c.player_id()));
        }
    }
    for (i, a) in world.areas.iter().enumerate() {
        out.push_str(&format!(
            "Area {} {} {}\n",
            i,
            a.age,
            tilde_free(&a.proto.file)
        ));
    }
    let mut vnums: Vec<&RoomVnum> = world.rooms.keys().collect();
    vnums.sort();
    for v in vnums {
        let Some(room) = world.room(*v) else { continue };
        for (dir, exit) in room.exits.iter().enumerate() {
            if let Some(e) = exit {
                if e.flags != e.proto.flags {
                    out.push_str(&format!("Door {} {} {}\n", v.0, dir, e.flags));
                }
            }
        }
    }
    // Mobiles get small sequence numbers; objects too.
    let mut mob_ids: HashMap<CharId, usize> = HashMap::new();
    for (id, c) in world.chars.iter() {
        if c.is_npc() && c.room.is_some() {
            let n = mob_ids.len() + 1;
            mob_ids.insert(id, n);
        }
    }
    let mut mobs: Vec<(&CharId, &usize)> = mob_ids.iter().collect();
    mobs.sort_by_key(|(_, n)| **n);
    for (&id, &n) in mobs {
        let Some(c) = world.ch(id) else { continue };
        let (Some(vnum), Some(room)) = (c.vnum, c.room) else {
            continue;
        };
        out.push_str("#MOB\n");
        out.push_str(&format!("Id {n}\nVnum {}\nRoom {}\n", vnum.0, room.0));
        out.push_str(&format!(
            "HMV {} {} {} {} {} {}\n",
            c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv
        ));
        out.push_str(&format!(
            "Pos {}\nMoney {} {}\n",
            i32::from(c.position),
            c.gold,
            c.silver
        ));
        out.push_str(&format!(
            "Lev {}\nAlig {}\nAct {}\nAfBy {}\nSex {}\n",
            c.level, c.alignment, c.act, c.affected_by, c.sex
        ));
        let proto = world.mob_index.get(&vnum).map(|m| &m.proto);
        if proto.is_none_or(|p| p.keywords != c.name) {
            out.push_str(&format!("Name {}~\n", tilde_free(&c.name)));
        }
        if proto.is_none_or(|p| p.short_descr != c.short_descr) {
            out.push_str(&format!("ShD {}~\n", tilde_free(&c.short_descr)));
        }
        if proto.is_none_or(|p| p.long_descr != c.long_descr) {
            out.push_str(&format!("LnD {}~\n", tilde_free(&c.long_descr)));
        }
        // A pet's description carries its neck tag.
        if proto.is_none_or(|p| p.description != c.description) {
            out.push_str(&format!("Desc {}~\n", tilde_free(&c.description)));
        }
        if c.comm != 0 {
            out.push_str(&format!("Comm {}\n", c.comm));
        }
        // Command lag and daze (a mobile's run down in its combat rounds).
        if c.wait != 0 || c.daze != 0 {
            out.push_str(&format!("Lag {} {}\n", c.wait, c.daze));
        }
        if c.mprog_delay != 0 {
            out.push_str(&format!("MpDelay {}\n", c.mprog_delay));
        }
        for a in &c.affects {
            out.push_str(&format!(
                "Affc {} {} {} {} {} {} {}\n",
                a.where_, a.skill.0, a.level, a.duration, a.modifier, a.location, a.bits
            ));
        }
        out.push_str("End\n");
    }
    // Objects: on floors, on mobiles, and inside those, parents first.
    let mut obj_ids: HashMap<ObjId, usize> = HashMap::new();
    let mut order: Vec<ObjId> = Vec::new();
    let mut rooms: Vec<&Room> = world.rooms.values().collect();
    rooms.sort_by_key(|r| r.vnum);
    let mut stack: Vec<ObjId> = Vec::new();
    for r in rooms {
        stack.extend(r.contents.iter().copied());
    }
    let mut mob_list: Vec<(CharId, usize)> = mob_ids.iter().map(|(&c, &n)| (c, n)).collect();
    mob_list.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    for (mid, _) in mob_list {
        if let Some(c) = world.ch(mid) {
            stack.extend(c.carrying.iter().copied());
        }
    }
    // Depth-first, keeping list order on restore (objects are prepended when
    // placed, so write each list oldest first).
    while let Some(o) = stack.pop() {
        if obj_ids.contains_key(&o) {
            continue;
        }
        let Some(obj) = world.obj(o) else { continue };
        obj_ids.insert(o, obj_ids.len() + 1);
        order.push(o);
        stack.extend(obj.contains.iter().copied());
    }
    for o in order {
        let Some(obj) = world.obj(o) else { continue };
        let loc = match obj.loc {
            ObjLoc::Room(r) => format!("R {}", r.0),
            ObjLoc::Carried(c) => match mob_ids.get(&c) {
                Some(n) => format!("M {n}"),
                None => continue,
            },
            ObjLoc::In(p) => match obj_ids.get(&p) {
                Some(n) => format!("O {n}"),
                None => continue,
            },
            ObjLoc::Nowhere => continue,
        };
        out.push_str("#OBJ\n");
        out.push_str(&format!(
            "Id {}\nVnum {}\nLoc {}\nWear {}\n",
            obj_ids[&o], obj.vnum.0, loc, obj.wear_loc
        ));
        out.push_str(&format!(
            "Time {}\nCond {}\nCost {}\nLev {}\nWt {}\nItyp {}\nExtF {}\nWeaF {}\n",
            obj.timer,
            obj.condition,
            obj.cost,
            obj.level,
            obj.weight,
            obj.item_type,
            obj.extra_flags,
            obj.wear_flags
        ));
        out.push_str(&format!(
            "Val {} {} {} {} {}\nInv {}\nEnch {}\n",
            obj.values[0],
            obj.values[1],
            obj.values[2],
            obj.values[3],
            obj.values[4],
            i32::from(obj.inventory),
            i32::from(obj.enchanted)
        ));
        let proto = world.obj_index.get(&obj.vnum).map(|p| &p.proto);
        if proto.is_none_or(|p| p.keywords != obj.name) {
            out.push_str(&format!("Name {}~\n", tilde_free(&obj.name)));
        }
        if proto.is_none_or(|p| p.short_descr != obj.short_descr) {
            out.push_str(&format!("ShD {}~\n", tilde_free(&obj.short_descr)));
        }
        if proto.is_none_or(|p| p.long_descr != obj.description) {
            out.push_str(&format!("Desc {}~\n", tilde_free(&obj.description)));
        }
        if let Some(owner) = &obj.owner {
            out.push_str(&format!("Owner {}~\n", tilde_free(owner)));
        }
        for a in &obj.affects {
            out.push_str(&format!(
                "Affc {} {} {} {} {} {} {}\n",
                a.where_, a.skill.0, a.level, a.duration, a.modifier, a.location, a.bits
            ));
        }
        out.push_str("End\n");
    }
    // Who stands where in each room, newest first, so `look` reads the same.
    let mut rooms: Vec<&Room> = world
        .rooms
        .values()
        .filter(|r| r.people.len() > 1)
        .collect();
    rooms.sort_by_key(|r| r.vnum);
    for r in rooms {
        let refs: Vec<String> = r
            .people
            .iter()
            .filter_map(|&c| char_ref(world, c, &mob_ids))
            .collect();
        out.push_str(&format!("Order {} {}\n", r.vnum.0, refs.join(" ")));
    }
    // Links: follow/leader/pet between any characters, players included.
    for (id, c) in world.chars.iter() {
        let Some(me) = char_ref(world, id, &mob_ids) else {
            continue;
        };
        let mut link = |kind: &str, other: Option<CharId>| {
            if let Some(r) = other.and_then(|o| char_ref(world, o, &mob_ids)) {
                out.push_str(&format!("Link {kind} {me} {r}\n"));
            }
        };
        link("master", c.master);
        link("leader", c.leader);
        link("pet", c.pet);
        link("fighting", c.fighting);
        link("mptarget", c.mprog_target);
        // A mobile an immortal drives, and who snoops whom.
        link("original", c.original);
        link("snoop", c.snoop_by);
    }
    out.push_str(SNAPSHOT_END);
    out.push('\n');
    out
}

/// A small reader over the snapshot's lines.
struct Lines<'a> {
    it: std::iter::Peekable<std::iter::Enumerate<std::str::Lines<'a>>>,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Option<(usize, &'a str)> {
        self.it.next().map(|(i, l)| (i + 1, l))
    }
    /// A `~`-terminated string that may span lines; `first` is what follows the key.
    fn string(&mut self, first: &'a str, line: usize) -> Result<String, String> {
        if let Some(s) = first.strip_suffix('~') {
            return Ok(s.to_string());
        }
        let mut s = first.to_string();
        loop {
            let Some((_, l)) = self.next() else {
                return Err(format!("snapshot:{line}: string without '~'"));
            };
            s.push('\n');
            if let Some(end) = l.strip_suffix('~') {
                s.push_str(end);
                return Ok(s);
            }
            s.push_str(l);
        }
    }
}

fn nums<const N: usize>(s: &str, line: usize) -> Result<[i64; N], String> {
    let mut out = [0i64; N];
    let mut parts = s.split_whitespace();
    for slot in out.iter_mut() {
        *slot = parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| format!("snapshot:{line}: expected {N} numbers in '{s}'"))?;
    }
    Ok(out)
}

fn num(s: &str, line: usize) -> Result<i64, String> {
    Ok(nums::<1>(s, line)?[0])
}

/// Restore a snapshot onto a freshly loaded world (no resets run), with the
/// players already back in `players` (player id → character). Records whose
/// prototypes vanished in the new areas are skipped with a note in the
/// returned list; a malformed snapshot is an error naming the line.
pub fn restore_snapshot(
    world: &mut World,
    text: &str,
    players: &HashMap<i64, CharId>,
) -> Result<Vec<String>, String> {
    let mut lines = Lines {
        it: text.lines().enumerate().peekable(),
    };
    match lines.next() {
        Some((_, l)) if l.trim() == SNAPSHOT_HEADER => {}
        _ => return Err(format!("snapshot:1: expected '{SNAPSHOT_HEADER}'")),
    }
    let mut notes = Vec::new();
    let mut mobs: HashMap<i64, CharId> = HashMap::new();
    let mut objs: HashMap<i64, ObjId> = HashMap::new();
    // Wear slots already filled, and rooms already ordered: a damaged file
    // repeating them must not cost a scan of a whole list each time.
    let mut worn: HashSet<(CharId, i32)> = HashSet::new();
    // Mobiles' saved vitals, sex and bits, set again once their affects
    // and equipment have been applied (those already count in them).
    let mut fixups: Vec<MobFixup> = Vec::new();
    let mut ordered: HashSet<i32> = HashSet::new();
    let mut ended = false;
    // Restoring mobiles rolls dice; the generator is put back last.
    let mut rng_state = None;
    while let Some((ln, line)) = lines.next() {
        let line = line.trim_end();
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "" => {}
            SNAPSHOT_END => {
                ended = true;
                break;
            }
            "Time" => {
                let [pulse, hour, day, month, year, rng] = nums::<6>(rest, ln)?;
                world.pulse = pulse as u64;
                world.hour = hour as i32;
                world.day = day as i32;
                world.month = month as i32;
                world.year = year as i32;
                rng_state = Some(rng as u64);
            }
            "Weather" => {
                let [mmhg, change, sky] = nums::<3>(rest, ln)?;
                world.weather = Weather {
                    mmhg: (mmhg as i32).clamp(960, 1040),
                    change: (change as i32).clamp(-12, 12),
                    sky: (sky as i32).clamp(SKY_CLOUDLESS, SKY_LIGHTNING),
                };
            }
            "Mayor" => {
                let [path, at, moving] = nums::<3>(rest, ln)?;
                world.mayor = MayorWalk {
                    path: path.clamp(0, 2) as u8,
                    pos: at.clamp(0, 1000) as usize,
                    moving: moving != 0,
                };
            }
            "Music" => {
                let q = nums::<11>(rest, ln)?;
                for (slot, n) in world.channel_songs.iter_mut().zip(q) {
                    *slot = n.clamp(-1, 1000);
                }
            }
            "Wizlock" => world.wizlock = num(rest, ln)? != 0,
            "Editor" => {
                let (who, rec) = rest.split_once(' ').unwrap_or((rest, ""));
                if let Some(ch) = resolve_ref(who, players, &mobs) {
                    if let Err(e) = crate::game::olc::restore_editor_record(world, ch, rec) {
                        notes.push(e);
                    }
                }
            }
            "Area" => {
                let [idx, age] = nums::<2>(rest, ln)?;
                let file = rest.split_whitespace().nth(2).unwrap_or("");
                // Match by file name: the area list may have changed.
                let by_file = world.areas.iter_mut().find(|a| a.proto.file == file);
                match by_file {
                    Some(a) => a.age = age as i32,
                    None => notes.push(format!("area {idx} ({file}) is gone")),
                }
            }
            "Door" => {
                let [room, dir, flags] = nums::<3>(rest, ln)?;
                let exit = world
                    .rooms
                    .get_mut(&RoomVnum(room as i32))
                    .and_then(|r| r.exits.get_mut(dir as usize))
                    .and_then(|e| e.as_mut());
                match exit {
                    Some(e) if e.is_door() => {
                        e.flags = (e.proto.flags & !(EX_CLOSED | EX_LOCKED))
                            | (flags as Flags & (EX_CLOSED | EX_LOCKED));
                    }
                    _ => notes.push(format!("door {room} {dir} is gone")),
                }
            }
            "#MOB" => {
                let rec = read_block(&mut lines, ln)?;
                restore_mob(world, &rec, ln, &mut mobs, &mut notes, &mut fixups)?;
            }
            "#OBJ" => {
                let rec = read_block(&mut lines, ln)?;
                restore_obj(world, &rec, ln, &mobs, &mut objs, &mut worn, &mut notes)?;
            }
            "Order" => {
                let mut p = rest.split_whitespace();
                let room = p.next().and_then(|r| r.parse::<i32>().ok());
                let Some(room) = room else {
                    return Err(format!("snapshot:{ln}: expected 'Order room refs...'"));
                };
                if !ordered.insert(room) {
                    notes.push(format!("room {room} ordered twice; line {ln} ignored"));
                    continue;
                }
                let wanted: Vec<CharId> =
                    p.filter_map(|r| resolve_ref(r, players, &mobs)).collect();
                if let Some(r) = world.rooms.get_mut(&RoomVnum(room)) {
                    let here: std::collections::HashSet<CharId> =
                        r.people.iter().copied().collect();
                    let listed: std::collections::HashSet<CharId> =
                        wanted.iter().copied().collect();
                    let mut people: Vec<CharId> = wanted
                        .iter()
                        .copied()
                        .filter(|c| here.contains(c))
                        .collect();
                    people.extend(r.people.iter().copied().filter(|c| !listed.contains(c)));
                    r.people = people;
                }
            }
            "Link" => {
                let mut p = rest.split_whitespace();
                let (Some(kind), Some(a), Some(b)) = (p.next(), p.next(), p.next()) else {
                    return Err(format!("snapshot:{ln}: expected 'Link kind who whom'"));
                };
                let (Some(a), Some(b)) = (
                    resolve_ref(a, players, &mobs),
                    resolve_ref(b, players, &mobs),
                ) else {
                    continue;
                };
                if let Some(c) = world.ch_mut(a) {
                    match kind {
                        "master" => c.master = Some(b),
                        "leader" => c.leader = Some(b),
                        "pet" => c.pet = Some(b),
                        "fighting" => c.fighting = Some(b),
                        "mptarget" => c.mprog_target = Some(b),
                        "original" => c.original = Some(b),
                        "snoop" => c.snoop_by = Some(b),
                        _ => return Err(format!("snapshot:{ln}: unknown link '{kind}'")),
                    }
                }
            }
            other => return Err(format!("snapshot:{ln}: unknown record '{other}'")),
        }
    }
    if !ended {
        return Err(format!(
            "snapshot: no '{SNAPSHOT_END}' marker: the file is incomplete"
        ));
    }
    if let Some(state) = rng_state {
        world.rng = Rng::from_state(state);
    }
    for f in fixups {
        if let Some(c) = world.ch_mut(f.ch) {
            (c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv) =
                (f.hmv[0], f.hmv[1], f.hmv[2], f.hmv[3], f.hmv[4], f.hmv[5]);
            c.sex = f.sex;
            c.affected_by = f.affected_by;
        }
    }
    // Fights go on: whoever has an opponent back is fighting (a player's
    // file says standing, as ROM saves it); whoever lost theirs stands.
    for (_, c) in world.chars.iter_mut() {
        match (c.fighting.is_some(), c.position) {
            (true, pos::STANDING) => c.position = pos::FIGHTING,
            (false, pos::FIGHTING) => c.position = pos::STANDING,
            _ => {}
        }
    }

    Ok(notes)
}

fn resolve_ref(
    r: &str,
    players: &HashMap<i64, CharId>,
    mobs: &HashMap<i64, CharId>,
) -> Option<CharId> {
    let n: i64 = r.get(1..)?.parse().ok()?;
    match r.as_bytes().first()? {
        b'P' => players.get(&n).copied(),
        b'M' => mobs.get(&n).copied(),
        _ => None,
    }
}

type Block = Vec<(usize, String, String)>;

fn read_block(lines: &mut Lines<'_>, start: usize) -> Result<Block, String> {
    let mut rec = Vec::new();
    loop {
        let Some((ln, line)) = lines.next() else {
            return Err(format!("snapshot:{start}: block without 'End'"));
        };
        let line = line.trim_end();
        if line == "End" {
            return Ok(rec);
        }
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        let value = match key {
            "Name" | "ShD" | "LnD" | "Desc" | "Owner" => lines.string(rest, ln)?,
            _ => rest.to_string(),
        };
        rec.push((ln, key.to_string(), value));
    }
}

fn field<'b>(rec: &'b Block, key: &str) -> Option<(usize, &'b str)> {
    rec.iter()
        .find(|(_, k, _)| k == key)
        .map(|(l, _, v)| (*l, v.as_str()))
}

fn req_num(rec: &Block, key: &str, start: usize) -> Result<i64, String> {
    let (ln, v) =
        field(rec, key).ok_or_else(|| format!("snapshot:{start}: record without '{key}'"))?;
    num(v, ln)
}

fn parse_affect(v: &str, ln: usize) -> Result<Affect, String> {
    let [where_, skill, level, duration, modifier, location, bits] = nums::<7>(v, ln)?;
    Ok(Affect {
        where_: where_ as i32,
        skill: Sn(skill as i32),
        level: level as i32,
        duration: duration as i32,
        modifier: modifier as i32,
        location: location as i32,
        bits: bits as Flags,
    })
}

/// What a restored mobile's record said of the values its affects and
/// equipment also change.
struct MobFixup {
    ch: CharId,
    hmv: [i32; 6],
    sex: i32,
    affected_by: Flags,
}

fn restore_mob(
    world: &mut World,
    rec: &Block,
    start: usize,
    mobs: &mut HashMap<i64, CharId>,
    notes: &mut Vec<String>,
    fixups: &mut Vec<MobFixup>,
) -> Result<(), String> {
    let id = req_num(rec, "Id", start)?;
    let vnum = MobVnum(req_num(rec, "Vnum", start)? as i32);
    let room = RoomVnum(req_num(rec, "Room", start)? as i32);
    if !world.rooms.contains_key(&room) {
        notes.push(format!(
            "mobile {} stood in room {} which is gone",
            vnum.0, room.0
        ));
        return Ok(());
    }
    let Some(ch) = world.create_mobile(vnum) else {
        notes.push(format!("mobile {} is gone", vnum.0));
        return Ok(());
    };
    // Drop whatever create_mobile rolled; the snapshot says what it was.
    for (ln, key, v) in rec {
        let (ln, v) = (*ln, v.as_str());
        let Some(c) = world.ch_mut(ch) else { break };
        match key.as_str() {
            "HMV" => {
                let [h, mh, m, mm, mv, mmv] = nums::<6>(v, ln)?;
                (c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv) = (
                    h as i32, mh as i32, m as i32, mm as i32, mv as i32, mmv as i32,
                );
            }
            "Pos" => c.position = Position::clamped(num(v, ln)?),
            "Money" => {
                let [g, s] = nums::<2>(v, ln)?;
                (c.gold, c.silver) = (g, s);
            }
            "Lev" => c.level = num(v, ln)? as i32,
            "Alig" => c.alignment = num(v, ln)? as i32,
            "Act" => c.act = num(v, ln)? as Flags,
            "AfBy" => c.affected_by = num(v, ln)? as Flags,
            "Sex" => c.sex = num(v, ln)? as i32,
            "Name" => c.name = v.to_string(),
            "ShD" => c.short_descr = v.to_string(),
            "LnD" => c.long_descr = v.to_string(),
            "Desc" => c.description = v.to_string(),
            "Comm" => c.comm = num(v, ln)? as Flags,
            "Affc" => c.affects.push(parse_affect(v, ln)?),
            "Lag" => {
                let [w, d] = nums::<2>(v, ln)?;
                (c.wait, c.daze) = (w as i32, d as i32);
            }
            "MpDelay" => c.mprog_delay = num(v, ln)? as i32,
            "Id" | "Vnum" | "Room" => {}
            other => return Err(format!("snapshot:{ln}: unknown mobile key '{other}'")),
        }
    }
    // The record's own values first: the affects' modifiers re-applied
    // below (armour, hitroll, stats...) already count in these.
    if let Some(c) = world.ch(ch) {
        fixups.push(MobFixup {
            ch,
            hmv: [c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv],
            sex: c.sex,
            affected_by: c.affected_by,
        });
    }
    let affects = world.ch(ch).map(|c| c.affects.clone()).unwrap_or_default();
    for af in &affects {
        world.affect_reapply(ch, af);
    }
    world.char_to_room(ch, room);
    mobs.insert(id, ch);
    Ok(())
}

fn restore_obj(
    world: &mut World,
    rec: &Block,
    start: usize,
    mobs: &HashMap<i64, CharId>,
    objs: &mut HashMap<i64, ObjId>,
    worn: &mut HashSet<(CharId, i32)>,
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let id = req_num(rec, "Id", start)?;
    let vnum = ObjVnum(req_num(rec, "Vnum", start)? as i32);
    let Some(o) = world.create_object(vnum, 0) else {
        notes.push(format!("object {} is gone", vnum.0));
        return Ok(());
    };
    let mut loc = None;
    let mut wear = wear_loc::NONE;
    for (ln, key, v) in rec {
        let (ln, v) = (*ln, v.as_str());
        let Some(obj) = world.obj_mut(o) else { break };
        match key.as_str() {
            "Loc" => loc = Some((ln, v.to_string())),
            "Wear" => wear = num(v, ln)? as i32,
            "Time" => obj.timer = num(v, ln)? as i32,
            "Cond" => obj.condition = num(v, ln)? as i32,
            "Cost" => obj.cost = num(v, ln)? as i32,
            "Lev" => obj.level = num(v, ln)? as i32,
            "Wt" => obj.weight = num(v, ln)? as i32,
            "Ityp" => obj.item_type = num(v, ln)? as i32,
            "ExtF" => obj.extra_flags = num(v, ln)? as Flags,
            "WeaF" => obj.wear_flags = num(v, ln)? as Flags,
            "Val" => obj.values = nums::<5>(v, ln)?,
            "Inv" => obj.inventory = num(v, ln)? != 0,
            "Ench" => obj.enchanted = num(v, ln)? != 0,
            "Name" => obj.name = v.to_string(),
            "ShD" => obj.short_descr = v.to_string(),
            "Desc" => obj.description = v.to_string(),
            "Owner" => obj.owner = Some(v.to_string()),
            "Affc" => obj.affects.push(parse_affect(v, ln)?),
            "Id" | "Vnum" => {}
            other => return Err(format!("snapshot:{ln}: unknown object key '{other}'")),
        }
    }
    let Some((ln, loc)) = loc else {
        world.extract_obj(o);
        return Err(format!("snapshot:{start}: object without 'Loc'"));
    };
    let mut p = loc.split_whitespace();
    let (kind, n) = (
        p.next().unwrap_or(""),
        p.next().and_then(|n| n.parse::<i64>().ok()),
    );
    let Some(n) = n else {
        world.extract_obj(o);
        return Err(format!("snapshot:{ln}: expected 'Loc R|M|O number'"));
    };
    match kind {
        "R" if world.rooms.contains_key(&RoomVnum(n as i32)) => {
            world.obj_to_room(o, RoomVnum(n as i32))
        }
        "M" if mobs.contains_key(&n) => {
            let m = mobs[&n];
            world.obj_to_char(o, m);
            // One try per slot: equip_char scans everything the mobile carries.
            if (0..wear_loc::MAX).contains(&wear) && worn.insert((m, wear)) {
                world.equip_char(m, o, wear);
            }
        }
        "O" if objs.contains_key(&n) => world.obj_to_obj(o, objs[&n]),
        "R" | "M" | "O" => {
            notes.push(format!("object {} lost its place ({loc})", vnum.0));
            world.extract_obj(o);
            return Ok(());
        }
        _ => {
            world.extract_obj(o);
            return Err(format!("snapshot:{ln}: expected 'Loc R|M|O number'"));
        }
    }
    objs.insert(id, o);
    Ok(())
}
