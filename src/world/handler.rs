//! "handler.c": moving characters and objects between places, equipment,
//! creating and extracting instances, and finding things by name — and the
//! one home of rules several command families share: visibility (rooms,
//! characters, objects, wizinvis), carry weight and item counts, and
//! `stop_fighting`/`update_pos`. Commands, fights and spells call these and
//! never copy them. The bits they test are in `flags`, the tables in `rules`.
//!
//! Every function keeps both sides of a relation in step (a room's `people`
//! and a character's `room`, a character's `carrying` and an object's `loc`),
//! and every function tolerates stale ids.

use super::rules::{dex_app, str_app};
use super::*;

impl Char {
    /// The wizinvis level: who is below this trust cannot see the
    /// character (0 for mobiles, which have none).
    pub fn invis_level(&self) -> i32 {
        self.pc.as_ref().map_or(0, |p| p.invis_level)
    }

    /// The incognito level: who is below this trust and not in the same
    /// room cannot see the character.
    pub fn incog_level(&self) -> i32 {
        self.pc.as_ref().map_or(0, |p| p.incog_level)
    }

    /// Does this player see everything (the holylight setting)?
    pub fn has_holylight(&self) -> bool {
        !self.is_npc() && self.act & plr::HOLYLIGHT != 0
    }
}

impl World {
    // ---------------------------------------------------------------- rooms

    /// Take a character out of its room (no-op if it is nowhere).
    pub fn char_from_room(&mut self, ch: CharId) {
        let Some(room) = self.ch(ch).and_then(|c| c.room) else {
            return;
        };
        let lights = self.char_light(ch);
        if let Some(r) = self.room_mut(room) {
            r.people.retain(|&c| c != ch);
            r.light = (r.light - lights).max(0);
        }
        let is_pc = self.ch(ch).is_some_and(|c| !c.is_npc());
        if is_pc {
            if let Some(area) = self.room(room).map(|r| r.area.0) {
                if let Some(a) = self.areas.get_mut(area) {
                    a.nplayer = (a.nplayer - 1).max(0);
                }
            }
        }
        if let Some(c) = self.ch_mut(ch) {
            c.room = None;
            c.on = None;
        }
    }

    /// Put a character into a room (taking it out of any other first).
    /// An unknown room falls back to the temple, then limbo, then the
    /// lowest vnum (not the hash map's first key: that would differ from
    /// one process to the next and break replays under `--seed`).
    pub fn char_to_room(&mut self, ch: CharId, room: RoomVnum) {
        self.char_from_room(ch);
        let room = if self.rooms.contains_key(&room) {
            room
        } else if self.rooms.contains_key(&ROOM_VNUM_TEMPLE) {
            ROOM_VNUM_TEMPLE
        } else if self.rooms.contains_key(&ROOM_VNUM_LIMBO) {
            ROOM_VNUM_LIMBO
        } else {
            match self.rooms.keys().min() {
                Some(&v) => v,
                None => return,
            }
        };
        if !self.chars.contains(ch) {
            return;
        }
        let lights = self.char_light(ch);
        let is_pc = self.ch(ch).is_some_and(|c| !c.is_npc());
        if let Some(r) = self.room_mut(room) {
            r.people.insert(0, ch);
            r.light += lights;
        }
        if is_pc {
            if let Some(area) = self.room(room).map(|r| r.area.0) {
                if let Some(a) = self.areas.get_mut(area) {
                    // ROM: a player entering an empty area wakes it and
                    // starts its reset clock again (rom-mechanics 12.1).
                    if a.empty {
                        a.empty = false;
                        a.age = 0;
                    }
                    a.nplayer += 1;
                }
            }
        }
        if let Some(c) = self.ch_mut(ch) {
            c.room = Some(room);
        }
    }

    /// 1 if the character holds a burning light, else 0.
    fn char_light(&self, ch: CharId) -> i32 {
        match self.get_eq_char(ch, wear_loc::LIGHT) {
            Some(o) => i32::from(
                self.obj(o)
                    .is_some_and(|o| o.item_type == item::LIGHT && o.values[2] != 0),
            ),
            None => 0,
        }
    }

    // ---------------------------------------------------------- objects

    /// Detach an object from wherever it is.
    pub fn obj_from(&mut self, obj: ObjId) {
        let Some(loc) = self.obj(obj).map(|o| o.loc) else {
            return;
        };
        match loc {
            ObjLoc::Nowhere => {}
            ObjLoc::Room(r) => {
                if let Some(room) = self.room_mut(r) {
                    room.contents.retain(|&o| o != obj);
                }
            }
            ObjLoc::Carried(ch) => {
                let worn = self.obj(obj).is_some_and(|o| o.wear_loc != wear_loc::NONE);
                if worn {
                    self.unequip_char(ch, obj);
                }
                if let Some(c) = self.ch_mut(ch) {
                    c.carrying.retain(|&o| o != obj);
                }
            }
            ObjLoc::In(container) => {
                if let Some(c) = self.obj_mut(container) {
                    c.contains.retain(|&o| o != obj);
                }
            }
        }
        if let Some(o) = self.obj_mut(obj) {
            o.loc = ObjLoc::Nowhere;
        }
    }

    pub fn obj_to_room(&mut self, obj: ObjId, room: RoomVnum) {
        self.obj_from(obj);
        if !self.rooms.contains_key(&room) {
            return;
        }
        if let Some(o) = self.obj_mut(obj) {
            o.loc = ObjLoc::Room(room);
        } else {
            return;
        }
        if let Some(r) = self.room_mut(room) {
            r.contents.insert(0, obj);
        }
    }

    pub fn obj_to_char(&mut self, obj: ObjId, ch: CharId) {
        self.obj_from(obj);
        if !self.chars.contains(ch) {
            return;
        }
        if let Some(o) = self.obj_mut(obj) {
            o.loc = ObjLoc::Carried(ch);
            o.wear_loc = wear_loc::NONE;
        } else {
            return;
        }
        if let Some(c) = self.ch_mut(ch) {
            c.carrying.insert(0, obj);
        }
    }

    pub fn obj_to_obj(&mut self, obj: ObjId, container: ObjId) {
        if obj == container {
            return;
        }
        self.obj_from(obj);
        if !self.objs.contains(container) {
            return;
        }
        if let Some(o) = self.obj_mut(obj) {
            o.loc = ObjLoc::In(container);
        } else {
            return;
        }
        if let Some(c) = self.obj_mut(container) {
            c.contains.insert(0, obj);
        }
    }

    /// The object worn at `loc`, if any.
    pub fn get_eq_char(&self, ch: CharId, loc: i32) -> Option<ObjId> {
        let c = self.ch(ch)?;
        c.carrying
            .iter()
            .copied()
            .find(|&o| self.obj(o).is_some_and(|o| o.wear_loc == loc))
    }

    /// Wear `obj` (already carried) at `loc`, applying its affects.
    pub fn equip_char(&mut self, ch: CharId, obj: ObjId, loc: i32) -> bool {
        if self.get_eq_char(ch, loc).is_some() {
            return false;
        }
        let Some(o) = self.obj(obj) else { return false };
        if o.loc != ObjLoc::Carried(ch) {
            return false;
        }
        let applies = self.obj_applies(obj);
        let item_type = o.item_type;
        let values = o.values;
        for i in 0..4 {
            let ac = apply_ac(item_type, &values, loc, i);
            if let Some(c) = self.ch_mut(ch) {
                c.armor[i] -= ac;
            }
        }
        if let Some(o) = self.obj_mut(obj) {
            o.wear_loc = loc;
        }
        for (location, modifier, bits) in applies {
            self.affect_modify(ch, location, modifier, bits, true);
        }
        if loc == wear_loc::LIGHT && item_type == item::LIGHT && values[2] != 0 {
            if let Some(r) = self.ch(ch).and_then(|c| c.room) {
                if let Some(room) = self.room_mut(r) {
                    room.light += 1;
                }
            }
        }
        true
    }

    /// Stop wearing `obj`, removing its affects; it stays carried.
    pub fn unequip_char(&mut self, ch: CharId, obj: ObjId) {
        let Some(o) = self.obj(obj) else { return };
        let loc = o.wear_loc;
        if loc == wear_loc::NONE {
            return;
        }
        let applies = self.obj_applies(obj);
        let item_type = o.item_type;
        let values = o.values;
        for i in 0..4 {
            let ac = apply_ac(item_type, &values, loc, i);
            if let Some(c) = self.ch_mut(ch) {
                c.armor[i] += ac;
            }
        }
        if let Some(o) = self.obj_mut(obj) {
            o.wear_loc = wear_loc::NONE;
        }
        for (location, modifier, bits) in applies {
            self.affect_modify(ch, location, modifier, bits, false);
        }
        if loc == wear_loc::LIGHT && item_type == item::LIGHT && values[2] != 0 {
            if let Some(r) = self.ch(ch).and_then(|c| c.room) {
                if let Some(room) = self.room_mut(r) {
                    room.light = (room.light - 1).max(0);
                }
            }
        }
    }

    /// (location, modifier, affect bits) of an object: its own affects and,
    /// unless it is enchanted (its own list then holds a copy), its
    /// prototype's applies.
    fn obj_applies(&self, obj: ObjId) -> Vec<(i32, i32, Flags)> {
        let Some(o) = self.obj(obj) else {
            return Vec::new();
        };
        let mut v: Vec<(i32, i32, Flags)> = o
            .affects
            .iter()
            .map(|a| {
                (
                    a.location,
                    a.modifier,
                    if a.where_ == to::AFFECTS { a.bits } else { 0 },
                )
            })
            .collect();
        if let Some(p) = self.obj_index.get(&o.vnum).filter(|_| !o.enchanted) {
            v.extend(p.proto.applies.iter().map(|a| {
                (
                    a.location,
                    a.modifier,
                    if a.where_ == b'A' { a.bits } else { 0 },
                )
            }));
        }
        v
    }

    /// Add (or remove) one apply's effect on a character.
    pub fn affect_modify(
        &mut self,
        ch: CharId,
        location: i32,
        modifier: i32,
        bits: Flags,
        add: bool,
    ) {
        let Some(c) = self.ch_mut(ch) else { return };
        let m = if add { modifier } else { -modifier };
        if add {
            c.affected_by |= bits;
        } else {
            c.affected_by &= !bits;
        }
        match location {
            apply::STR => c.mod_stat[0] += m,
            apply::INT => c.mod_stat[1] += m,
            apply::WIS => c.mod_stat[2] += m,
            apply::DEX => c.mod_stat[3] += m,
            apply::CON => c.mod_stat[4] += m,
            apply::SEX => c.sex = (c.sex + m).clamp(0, 2),
            apply::MANA => c.max_mana += m,
            apply::HIT => c.max_hit += m,
            apply::MOVE => c.max_mv += m,
            apply::AC => {
                for a in c.armor.iter_mut() {
                    *a += m;
                }
            }
            apply::HITROLL => c.hitroll += m,
            apply::DAMROLL => c.damroll += m,
            apply::SAVES..=apply::SAVING_SPELL => c.saving_throw += m,
            _ => {}
        }
    }

    // ------------------------------------------------ creation / extraction

    /// Instance a mobile from its prototype (not placed anywhere).
    pub fn create_mobile(&mut self, vnum: MobVnum) -> Option<CharId> {
        let proto = self.mob_index.get(&vnum)?.proto.clone();
        let hit = self.rng.dice(proto.hit.number, proto.hit.size) + proto.hit.bonus;
        let mana = self.rng.dice(proto.mana.number, proto.mana.size) + proto.mana.bonus;
        let sex = if proto.sex == SEX_EITHER {
            self.rng.range(1, 2)
        } else {
            proto.sex
        };
        let dam_type = if proto.dam_type == 0 {
            // slash, pound or pierce (attack table 3, 7, 11)
            [3, 7, 11][self.rng.range(0, 2) as usize]
        } else {
            proto.dam_type
        };
        let wealth = if proto.wealth > 0 {
            self.rng.range(proto.wealth / 2, proto.wealth * 3 / 2) as i64
        } else {
            0
        };
        let gold = if wealth > 0 {
            self.rng.range(wealth as i32 / 200, wealth as i32 / 100) as i64
        } else {
            0
        };
        let silver = (wealth - gold * 100).max(0);
        let level = proto.level;
        let mut perm_stat = [(11 + level / 4).min(25); 5];
        // Class flags, speed and size shape the stats (rom-mechanics 10.1).
        let class_mods: [(Flags, [i32; 5]); 4] = [
            (ACT_WARRIOR, [3, -1, 0, 0, 2]),
            (ACT_THIEF, [0, 1, -1, 3, 0]),
            (ACT_CLERIC, [1, 0, 3, -1, 0]),
            (ACT_MAGE, [-1, 3, 0, 1, 0]),
        ];
        for (flag, mods) in class_mods {
            if proto.act & flag != 0 {
                for (s, m) in perm_stat.iter_mut().zip(mods) {
                    *s += m;
                }
            }
        }
        if proto.off & off::FAST != 0 {
            perm_stat[STAT_DEX] += 2;
        }
        let size_diff = proto.size as i32 - Size::Medium as i32;
        perm_stat[STAT_STR] += size_diff;
        perm_stat[STAT_CON] += size_diff / 2;
        let ch = Char {
            vnum: Some(vnum),
            pc: None,
            name: proto.keywords.clone(),
            short_descr: proto.short_descr.clone(),
            long_descr: proto.long_descr.clone(),
            description: proto.description.clone(),
            level,
            sex,
            race: proto.race,
            hit: hit.max(1),
            max_hit: hit.max(1),
            mana: mana.max(0),
            max_mana: mana.max(0),
            mv: 100,
            max_mv: 100,
            gold,
            silver,
            alignment: proto.alignment,
            position: proto.start_pos,
            default_pos: proto.default_pos,
            act: proto.act | ACT_IS_NPC,
            affected_by: proto.affected,
            off: proto.off,
            imm: proto.imm,
            res: proto.res,
            vuln: proto.vuln,
            form: proto.form,
            parts: proto.parts,
            size: proto.size,
            perm_stat,
            comm: comm::NOCHANNELS | comm::NOSHOUT | comm::NOTELL,
            hitroll: proto.hitroll,
            damroll: proto.damage.bonus,
            armor: proto.ac,
            damage: Dice {
                number: proto.damage.number,
                size: proto.damage.size,
                bonus: 0,
            },
            dam_type,
            group_num: proto.group,
            spec_fun: proto.spec_fun.clone(),
            ..Char::default()
        };
        if let Some(idx) = self.mob_index.get_mut(&vnum) {
            idx.count += 1;
        }
        let id = self.chars.insert(ch);
        // Permanent spells behind the prototype's affect bits.
        let haste_dex =
            1 + i32::from(level >= 18) + i32::from(level >= 25) + i32::from(level >= 32);
        let spells: [(Flags, &str, i32, i32); 4] = [
            (aff::SANCTUARY, "sanctuary", apply::NONE, 0),
            (aff::HASTE, "haste", apply::DEX, haste_dex),
            (aff::PROTECT_EVIL, "protection evil", apply::SAVES, -1),
            (aff::PROTECT_GOOD, "protection good", apply::SAVES, -1),
        ];
        for (bit, name, location, modifier) in spells {
            if proto.affected & bit != 0 {
                if let Some(sn) = rules::skill_lookup(name) {
                    self.affect_to_char(
                        id,
                        Affect {
                            where_: to::AFFECTS,
                            skill: sn,
                            level,
                            duration: -1,
                            location,
                            modifier,
                            bits: bit,
                        },
                    );
                }
            }
        }
        Some(id)
    }

    /// Instance an object from its prototype (not placed anywhere).
    pub fn create_object(&mut self, vnum: ObjVnum, level: i32) -> Option<ObjId> {
        let idx = self.obj_index.get_mut(&vnum)?;
        idx.count += 1;
        let p = &idx.proto;
        let mut obj = Obj {
            vnum,
            name: p.keywords.clone(),
            short_descr: p.short_descr.clone(),
            description: p.long_descr.clone(),
            item_type: p.item_type,
            extra_flags: p.extra_flags,
            wear_flags: p.wear_flags,
            wear_loc: wear_loc::NONE,
            weight: p.weight,
            cost: p.cost,
            level: if level > 0 { level } else { p.level },
            condition: p.condition,
            values: p.values,
            ..Obj::default()
        };
        if obj.item_type == item::LIGHT && obj.values[2] == 999 {
            obj.values[2] = -1;
        }
        Some(self.objs.insert(obj))
    }

    /// Destroy an object and everything inside it.
    pub fn extract_obj(&mut self, obj: ObjId) {
        self.obj_from(obj);
        let contents = self
            .obj(obj)
            .map(|o| o.contains.clone())
            .unwrap_or_default();
        for c in contents {
            self.extract_obj(c);
        }
        if let Some(o) = self.objs.remove(obj) {
            if let Some(idx) = self.obj_index.get_mut(&o.vnum) {
                idx.count = (idx.count - 1).max(0);
            }
        }
    }

    /// Remove a character from the game: its objects are destroyed, and
    /// every reference to it is cleared.
    pub fn extract_char(&mut self, ch: CharId) {
        // A mobile an immortal drives gives the connection back first.
        if self.ch(ch).is_some_and(|c| c.original.is_some()) {
            self.return_to_body(ch);
        }
        let Some(c) = self.ch(ch) else { return };
        let carrying = c.carrying.clone();
        let vnum = c.vnum;
        self.stop_follower_refs(ch);
        for o in carrying {
            self.extract_obj(o);
        }
        self.char_from_room(ch);
        self.players.retain(|&p| p != ch);
        self.stop_fighting(ch, true);
        for (_, other) in self.chars.iter_mut() {
            if other.reply == Some(ch) {
                other.reply = None;
            }
            if other.mprog_target == Some(ch) {
                other.mprog_target = None;
            }
        }
        self.chars.remove(ch);
        if let Some(v) = vnum {
            if let Some(idx) = self.mob_index.get_mut(&v) {
                idx.count = (idx.count - 1).max(0);
            }
        }
    }

    /// A switched immortal goes back into their own body (ROM's
    /// `do_return` without its messages): the connection, and whoever
    /// snoops it, move back from the mobile `mob`, and the game is asked
    /// to rebind the connection. Returns the body.
    pub fn return_to_body(&mut self, mob: CharId) -> Option<CharId> {
        let body = self.ch(mob)?.original?;
        if self.ch(body).is_none() {
            // The body is gone: the mobile keeps the connection (and is
            // nobody's any more) rather than lose it.
            if let Some(m) = self.ch_mut(mob) {
                m.original = None;
                m.trust = 0;
            }
            return None;
        }
        let m = self.ch_mut(mob)?;
        m.original = None;
        let conn = m.conn.take();
        let output = std::mem::take(&mut m.output);
        let snoop_by = m.snoop_by.take();
        m.trust = 0;
        for (_, c) in self.chars.iter_mut() {
            if c.snoop_by == Some(mob) {
                c.snoop_by = Some(body);
            }
        }
        if let Some(b) = self.ch_mut(body) {
            b.conn = conn;
            b.snoop_by = snoop_by;
            b.timer = 0;
        }
        self.send(body, &output);
        if let Some(conn) = conn {
            self.requests.push(Request::Rebind { conn, ch: body });
        }
        Some(body)
    }

    /// Clear master/leader/pet links that name `ch`, in both directions.
    fn stop_follower_refs(&mut self, ch: CharId) {
        for (id, other) in self.chars.iter_mut() {
            if id == ch {
                continue;
            }
            if other.master == Some(ch) {
                other.master = None;
                other.affected_by &= !aff::CHARM;
            }
            if other.leader == Some(ch) {
                other.leader = None;
            }
            if other.pet == Some(ch) {
                other.pet = None;
            }
        }
    }

    // ------------------------------------------------------------ fights

    /// ROM's stop_fighting(ch, fBoth): `ch` stops fighting and, with `both`,
    /// so does everyone fighting `ch`. Each of them goes back to its default
    /// position (a mobile's `default_pos`, a player's standing), corrected by
    /// [`World::update_pos`] for the badly hurt.
    pub fn stop_fighting(&mut self, ch: CharId, both: bool) {
        let stopping: Vec<CharId> = self
            .chars
            .iter()
            .filter(|&(id, c)| id == ch || (both && c.fighting == Some(ch)))
            .map(|(id, _)| id)
            .collect();
        for id in stopping {
            if let Some(c) = self.ch_mut(id) {
                c.fighting = None;
                c.position = if c.is_npc() {
                    c.default_pos
                } else {
                    pos::STANDING
                };
            }
            self.update_pos(id);
        }
    }

    /// ROM's update_pos: the position hit points allow (rom-mechanics 5.8).
    /// Above 0 hp a stunned or worse character stands up; at 0 or below a
    /// mobile is dead, a player stunned (0..-2), incapacitated (-3..-5),
    /// mortally wounded (-6..-10) or dead (-11 and below).
    pub fn update_pos(&mut self, ch: CharId) {
        let Some(c) = self.ch_mut(ch) else { return };
        if c.hit > 0 {
            if c.position <= pos::STUNNED {
                c.position = pos::STANDING;
            }
            return;
        }
        c.position = match c.hit {
            _ if c.is_npc() => pos::DEAD,
            ..=-11 => pos::DEAD,
            -10..=-6 => pos::MORTAL,
            -5..=-3 => pos::INCAP,
            _ => pos::STUNNED,
        };
    }

    // ------------------------------------------------------------ vision

    pub fn room_is_dark(&self, room: RoomVnum) -> bool {
        let Some(r) = self.room(room) else {
            return true;
        };
        if r.light > 0 {
            return false;
        }
        if r.flags & ROOM_DARK != 0 {
            return true;
        }
        // Sectors inside (0) and city (1) are lit (the *indoors* flag does
        // not light a room); elsewhere darkness follows the sun, which is
        // set or down from hour 19 to hour 4 (rom-mechanics 13.2).
        if r.sector == 0 || r.sector == 1 {
            return false;
        }
        !sun_is_up(self.hour)
    }

    /// ROM's can_see_room: may `ch` enter (or see into) `room` at all?
    pub fn can_see_room(&self, ch: CharId, room: RoomVnum) -> bool {
        let (Some(c), Some(r)) = (self.ch(ch), self.room(room)) else {
            return false;
        };
        if r.flags & ROOM_IMP_ONLY != 0 && c.get_trust() < MAX_LEVEL {
            return false;
        }
        if r.flags & (ROOM_GODS_ONLY | ROOM_HEROES_ONLY) != 0 && !c.is_immortal() {
            return false;
        }
        if r.flags & ROOM_NEWBIES_ONLY != 0 && c.level > 5 && !c.is_immortal() {
            return false;
        }
        // A clan's own room is for its members.
        if r.clan != 0 && c.clan != r.clan && !c.is_immortal() {
            return false;
        }
        true
    }

    /// ROM's is_room_owner: is `ch` named among the room's owners?
    pub fn is_room_owner(&self, ch: CharId, room: RoomVnum) -> bool {
        let (Some(c), Some(r)) = (self.ch(ch), self.room(room)) else {
            return false;
        };
        r.owner.as_deref().is_some_and(|o| is_name(&c.name, o))
    }

    /// ROM's room_is_private: owned, or full for its private/solitary flag,
    /// or the implementors' own.
    pub fn room_is_private(&self, room: RoomVnum) -> bool {
        let Some(r) = self.room(room) else {
            return false;
        };
        if r.owner.as_deref().is_some_and(|o| !o.is_empty()) {
            return true;
        }
        let count = r.people.len();
        (r.flags & ROOM_PRIVATE != 0 && count >= 2)
            || (r.flags & ROOM_SOLITARY != 0 && count >= 1)
            || r.flags & ROOM_IMP_ONLY != 0
    }

    /// Can `ch` see `victim`?
    pub fn can_see(&self, ch: CharId, victim: CharId) -> bool {
        if ch == victim {
            return true;
        }
        let (Some(c), Some(v)) = (self.ch(ch), self.ch(victim)) else {
            return false;
        };
        if c.get_trust() < v.invis_level() {
            return false;
        }
        if c.get_trust() < v.incog_level() && c.room != v.room {
            return false;
        }
        if c.has_holylight() {
            return true;
        }
        if c.is_affected(aff::BLIND) {
            return false;
        }
        if let Some(r) = c.room {
            if self.room_is_dark(r)
                && !c.is_affected(aff::INFRARED)
                && !c.is_affected(aff::DARK_VISION)
            {
                return false;
            }
        }
        if v.is_affected(aff::INVISIBLE) && !c.is_affected(aff::DETECT_INVIS) {
            return false;
        }
        // A sneaking character may slip past an observer's eyes (rom-mechanics
        // 6.11, sneak): one roll per look.
        if v.is_affected(aff::SNEAK) && !c.is_affected(aff::DETECT_HIDDEN) && v.fighting.is_none() {
            let chance = self.get_skill(victim, rules::gsn::SNEAK)
                + self.get_curr_stat(victim, STAT_DEX) * 3 / 2
                - self.get_curr_stat(ch, STAT_INT) * 2
                - (c.level - v.level * 3 / 2);
            if self.rng.percent() < chance {
                return false;
            }
        }
        if v.is_affected(aff::HIDE) && !c.is_affected(aff::DETECT_HIDDEN) && v.fighting.is_none() {
            return false;
        }
        true
    }

    /// Can `ch` see `obj`?
    pub fn can_see_obj(&self, ch: CharId, obj: ObjId) -> bool {
        let (Some(c), Some(o)) = (self.ch(ch), self.obj(obj)) else {
            return false;
        };
        if c.has_holylight() {
            return true;
        }
        // A potion is the one thing the blind can still find (rom-mechanics 8.1).
        if c.is_affected(aff::BLIND) && o.item_type != item::POTION {
            return false;
        }
        if o.item_type == item::LIGHT && o.values[2] != 0 {
            return true;
        }
        if o.extra_flags & extra::INVIS != 0 && !c.is_affected(aff::DETECT_INVIS) {
            return false;
        }
        if o.extra_flags & extra::GLOW != 0 {
            return true;
        }
        if let Some(r) = c.room {
            if self.room_is_dark(r) && !c.is_affected(aff::DARK_VISION) {
                // Carried things can be felt in the dark.
                return o.loc == ObjLoc::Carried(ch);
            }
        }
        true
    }

    /// ROM's PERS(): the name `looker` sees for `ch`.
    pub fn pers(&self, ch: CharId, looker: CharId) -> String {
        if !self.can_see(looker, ch) {
            return "someone".to_string();
        }
        match self.ch(ch) {
            Some(c) if c.is_npc() => c.short_descr.clone(),
            Some(c) => c.name.clone(),
            None => "someone".to_string(),
        }
    }

    /// What `looker` sees an object called.
    pub fn obj_pers(&self, obj: ObjId, looker: CharId) -> String {
        if !self.can_see_obj(looker, obj) {
            return "something".to_string();
        }
        self.obj(obj)
            .map_or_else(|| "something".to_string(), |o| o.short_descr.clone())
    }

    // ----------------------------------------------------------- finding

    /// A character in `ch`'s room matching `arg` (`2.guard`, `self`).
    pub fn get_char_room(&self, ch: CharId, arg: &str) -> Option<CharId> {
        let (number, name) = number_argument(arg);
        if name.eq_ignore_ascii_case("self") {
            return Some(ch);
        }
        let room = self.ch(ch)?.room?;
        let people = self.room(room)?.people.iter().copied();
        nth(people, number, |&rch| {
            self.ch(rch)
                .is_some_and(|r| self.can_see(ch, rch) && is_name(name, &r.name))
        })
    }

    /// A character anywhere: first the room, then the world.
    pub fn get_char_world(&self, ch: CharId, arg: &str) -> Option<CharId> {
        if let Some(c) = self.get_char_room(ch, arg) {
            return Some(c);
        }
        let (number, name) = number_argument(arg);
        // Players first, then every character, like ROM's char_list walk.
        let mut seen = std::collections::HashSet::new();
        let all = self.players.iter().copied().chain(self.chars.ids());
        nth(all, number, |&id| {
            seen.insert(id)
                && self.ch(id).is_some_and(|c| {
                    c.room.is_some() && self.can_see(ch, id) && is_name(name, &c.name)
                })
        })
    }

    /// An object in `list` matching `arg`, visible to `ch`.
    pub fn get_obj_list(&self, ch: CharId, arg: &str, list: &[ObjId]) -> Option<ObjId> {
        let (number, name) = number_argument(arg);
        nth(list.iter().copied(), number, |&o| {
            self.obj(o)
                .is_some_and(|obj| self.can_see_obj(ch, o) && is_name(name, &obj.name))
        })
    }

    /// A carried (not worn) object.
    pub fn get_obj_carry(&self, ch: CharId, arg: &str) -> Option<ObjId> {
        let c = self.ch(ch)?;
        let list: Vec<ObjId> = c
            .carrying
            .iter()
            .copied()
            .filter(|&o| self.obj(o).is_some_and(|o| o.wear_loc == wear_loc::NONE))
            .collect();
        self.get_obj_list(ch, arg, &list)
    }

    /// A worn object.
    pub fn get_obj_wear(&self, ch: CharId, arg: &str) -> Option<ObjId> {
        let c = self.ch(ch)?;
        let list: Vec<ObjId> = c
            .carrying
            .iter()
            .copied()
            .filter(|&o| self.obj(o).is_some_and(|o| o.wear_loc != wear_loc::NONE))
            .collect();
        self.get_obj_list(ch, arg, &list)
    }

    /// An object in the room, carried, or worn.
    pub fn get_obj_here(&self, ch: CharId, arg: &str) -> Option<ObjId> {
        let room = self.ch(ch)?.room;
        if let Some(r) = room.and_then(|r| self.room(r)) {
            if let Some(o) = self.get_obj_list(ch, arg, &r.contents) {
                return Some(o);
            }
        }
        self.get_obj_carry(ch, arg)
            .or_else(|| self.get_obj_wear(ch, arg))
    }

    /// An object anywhere in the world.
    pub fn get_obj_world(&self, ch: CharId, arg: &str) -> Option<ObjId> {
        if let Some(o) = self.get_obj_here(ch, arg) {
            return Some(o);
        }
        let (number, name) = number_argument(arg);
        nth(self.objs.iter(), number, |&(id, o)| {
            self.can_see_obj(ch, id) && is_name(name, &o.name)
        })
        .map(|(id, _)| id)
    }

    /// ROM's get_obj_number: what an object counts against the item limit.
    /// Containers, money, gems and jewelry count nothing themselves; their
    /// contents do (rom-mechanics 8.3).
    pub fn get_obj_number(&self, obj: ObjId) -> i32 {
        let Some(o) = self.obj(obj) else { return 0 };
        let own = match o.item_type {
            item::CONTAINER | item::MONEY | item::GEM | item::JEWELRY => 0,
            _ => 1,
        };
        own + o
            .contains
            .iter()
            .map(|&c| self.get_obj_number(c))
            .sum::<i32>()
    }

    /// ROM's get_obj_weight: own weight plus each content's weight scaled
    /// by the container's multiplier, `v4` percent (rom-mechanics 8.3, 8.6).
    pub fn get_obj_weight(&self, obj: ObjId) -> i32 {
        let Some(o) = self.obj(obj) else { return 0 };
        let mult = weight_mult(o);
        o.contains.iter().fold(o.weight, |w, &c| {
            let inner = i64::from(self.get_obj_weight(c)) * mult / 100;
            w.saturating_add(i32::try_from(inner).unwrap_or(i32::MAX))
        })
    }

    /// ROM's get_true_weight: own weight plus contents, unscaled (what a
    /// container holds against its capacity).
    pub fn get_true_weight(&self, obj: ObjId) -> i32 {
        let Some(o) = self.obj(obj) else { return 0 };
        o.contains
            .iter()
            .fold(o.weight, |w, &c| w.saturating_add(self.get_true_weight(c)))
    }

    /// Items counted against the carry limit (ROM's `ch->carry_number`):
    /// everything carried or worn, by [`World::get_obj_number`].
    pub fn carry_number(&self, ch: CharId) -> i32 {
        self.ch(ch).map_or(0, |c| {
            c.carrying.iter().map(|&o| self.get_obj_number(o)).sum()
        })
    }

    /// Weight counted against the carry limit, coins included (ROM's
    /// get_carry_weight): objects by [`World::get_obj_weight`], plus a tenth
    /// of the silver and two fifths of the gold.
    pub fn carry_weight(&self, ch: CharId) -> i32 {
        let Some(c) = self.ch(ch) else { return 0 };
        let objs = c
            .carrying
            .iter()
            .fold(0i32, |w, &o| w.saturating_add(self.get_obj_weight(o)));
        let coins = c.silver / 10 + c.gold * 2 / 5;
        objs.saturating_add(i32::try_from(coins).unwrap_or(i32::MAX))
    }

    /// Current value of a stat (0 str, 1 int, 2 wis, 3 dex, 4 con), 3..25.
    pub fn get_curr_stat(&self, ch: CharId, stat: usize) -> i32 {
        self.ch(ch)
            .map_or(13, |c| (c.perm_stat[stat] + c.mod_stat[stat]).clamp(3, 25))
    }

    /// ROM's can_carry_n (rom-mechanics 8.3): how many items `ch` may
    /// carry — 19 + 2 × dex + level; immortals 1000, pets nothing.
    pub fn can_carry_n(&self, ch: CharId) -> i32 {
        let Some(c) = self.ch(ch) else { return 0 };
        if !c.is_npc() && c.level >= LEVEL_IMMORTAL {
            return 1000;
        }
        if c.is_npc() && c.act & ACT_PET != 0 {
            return 0;
        }
        wear_loc::MAX + 2 * self.get_curr_stat(ch, STAT_DEX) + c.level
    }

    /// ROM's can_carry_w (rom-mechanics 8.3): how much weight, in tenths
    /// of a pound — `str_app` carry × 10 + 25 a level; immortals
    /// 10,000,000, pets nothing.
    pub fn can_carry_w(&self, ch: CharId) -> i32 {
        let Some(c) = self.ch(ch) else { return 0 };
        if !c.is_npc() && c.level >= LEVEL_IMMORTAL {
            return 10_000_000;
        }
        if c.is_npc() && c.act & ACT_PET != 0 {
            return 0;
        }
        str_app(self.get_curr_stat(ch, STAT_STR)).carry * 10 + c.level * 25
    }

    /// ROM's GET_AC for armour type `i` (0 pierce, 1 bash, 2 slash, 3
    /// magic): dexterity helps while awake.
    pub fn get_ac(&self, ch: CharId, i: usize) -> i32 {
        let Some(c) = self.ch(ch) else { return 100 };
        let armor = c.armor.get(i).copied().unwrap_or(100);
        if c.position > pos::SLEEPING {
            armor + dex_app(self.get_curr_stat(ch, STAT_DEX)).defensive
        } else {
            armor
        }
    }

    /// ROM's GET_HITROLL: the hitroll plus strength's to-hit bonus.
    pub fn get_hitroll(&self, ch: CharId) -> i32 {
        self.ch(ch).map_or(0, |c| {
            c.hitroll + str_app(self.get_curr_stat(ch, STAT_STR)).tohit
        })
    }

    /// ROM's GET_DAMROLL: the damroll plus strength's damage bonus.
    pub fn get_damroll(&self, ch: CharId) -> i32 {
        self.ch(ch).map_or(0, |c| {
            c.damroll + str_app(self.get_curr_stat(ch, STAT_STR)).todam
        })
    }

    /// ROM's get_skill (rom-mechanics 6.3): a player's learned percentage
    /// once the class level is reached; a mobile's value by ROM's rules;
    /// then daze and drink lower it, clamped to 0..100. `Sn(-1)` is the
    /// exotic-weapon shorthand (treated as a non-spell skill when dazed,
    /// Appendix C.24).
    pub fn get_skill(&self, ch: CharId, sn: rules::Sn) -> i32 {
        use rules::{gsn, SkillKind};
        let Some(c) = self.ch(ch) else { return 0 };
        let entry = sn.skill();
        let is_spell = entry.is_some_and(|s| s.kind == SkillKind::Spell);
        let mut skill = if sn == rules::Sn::NONE {
            c.level * 5 / 2
        } else if let Some(pc) = &c.pc {
            let class_level = entry
                .and_then(|s| usize::try_from(c.class).ok().and_then(|i| s.levels.get(i)))
                .copied()
                .unwrap_or(LEVEL_IMMORTAL + 1);
            if c.level < class_level {
                0
            } else {
                pc.learned.get(&sn).copied().unwrap_or(0)
            }
        } else {
            let (lvl, act, off) = (c.level, c.act, c.off);
            match sn {
                _ if is_spell => 40 + 2 * lvl,
                gsn::SNEAK | gsn::HIDE => lvl * 2 + 20,
                gsn::DODGE if off & off::DODGE != 0 => lvl * 2,
                gsn::PARRY if off & off::PARRY != 0 => lvl * 2,
                gsn::SHIELD_BLOCK => 10 + 2 * lvl,
                gsn::SECOND_ATTACK if act & (ACT_WARRIOR | ACT_THIEF) != 0 => 10 + 3 * lvl,
                gsn::THIRD_ATTACK if act & ACT_WARRIOR != 0 => 4 * lvl - 40,
                gsn::HAND_TO_HAND => 40 + 2 * lvl,
                gsn::TRIP if off & off::TRIP != 0 => 10 + 3 * lvl,
                gsn::BASH if off & off::BASH != 0 => 10 + 3 * lvl,
                gsn::DISARM if off & off::DISARM != 0 || act & (ACT_WARRIOR | ACT_THIEF) != 0 => {
                    20 + 3 * lvl
                }
                gsn::BERSERK if off & off::BERSERK != 0 => 3 * lvl,
                gsn::KICK => 10 + 3 * lvl,
                gsn::BACKSTAB if act & ACT_THIEF != 0 => 20 + 2 * lvl,
                gsn::RESCUE | gsn::RECALL => 40 + lvl,
                gsn::SWORD
                | gsn::DAGGER
                | gsn::SPEAR
                | gsn::MACE
                | gsn::AXE
                | gsn::FLAIL
                | gsn::WHIP
                | gsn::POLEARM => 40 + 5 * lvl / 2,
                _ => 0,
            }
        };
        if c.daze > 0 {
            skill = if is_spell { skill / 2 } else { 2 * skill / 3 };
        }
        if c.pc.as_ref().is_some_and(|p| p.condition[COND_DRUNK] > 10) {
            skill = 9 * skill / 10;
        }
        skill.clamp(0, 100)
    }

    /// ROM's check_immune (rom-mechanics 6.5): how `victim` takes damage of
    /// class `dam_class`. A specific bit replaces the weapon/magic default
    /// entirely (Appendix C.13).
    pub fn check_immune(&self, victim: CharId, dam_class: i32) -> Immunity {
        let Some(v) = self.ch(victim) else {
            return Immunity::Normal;
        };
        if dam_class == DAM_NONE {
            return Immunity::Normal;
        }
        let global = if matches!(dam_class, DAM_BASH | DAM_PIERCE | DAM_SLASH) {
            irv::WEAPON
        } else {
            irv::MAGIC
        };
        let classify = |bit: Flags| {
            if v.imm & bit != 0 {
                Some(Immunity::Immune)
            } else if v.res & bit != 0 {
                Some(Immunity::Resistant)
            } else if v.vuln & bit != 0 {
                Some(Immunity::Vulnerable)
            } else {
                None
            }
        };
        let default = classify(global).unwrap_or(Immunity::Normal);
        let bit = match dam_class {
            DAM_BASH => irv::BASH,
            DAM_PIERCE => irv::PIERCE,
            DAM_SLASH => irv::SLASH,
            DAM_FIRE => irv::FIRE,
            DAM_COLD => irv::COLD,
            DAM_LIGHTNING => irv::LIGHTNING,
            DAM_ACID => irv::ACID,
            DAM_POISON => irv::POISON,
            DAM_NEGATIVE => irv::NEGATIVE,
            DAM_HOLY => irv::HOLY,
            DAM_ENERGY => irv::ENERGY,
            DAM_MENTAL => irv::MENTAL,
            DAM_DISEASE => irv::DISEASE,
            DAM_DROWNING => irv::DROWNING,
            DAM_LIGHT => irv::LIGHT,
            DAM_CHARM => irv::CHARM,
            DAM_SOUND => irv::SOUND,
            _ => return default,
        };
        classify(bit).unwrap_or(default)
    }
}

/// What [`World::check_immune`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Immunity {
    Normal,
    Immune,
    Resistant,
    Vulnerable,
}

/// A container's weight multiplier in percent (ROM's WEIGHT_MULT): `v4`
/// for containers, 100 for everything else.
pub fn weight_mult(o: &Obj) -> i64 {
    if o.item_type == item::CONTAINER {
        o.values[4]
    } else {
        100
    }
}

/// ROM's `2.sword` rule: the `number`-th item (from 1) that `matches`.
fn nth<T>(
    items: impl IntoIterator<Item = T>,
    number: usize,
    mut matches: impl FnMut(&T) -> bool,
) -> Option<T> {
    if number == 0 {
        return None;
    }
    items.into_iter().filter(|i| matches(i)).nth(number - 1)
}

/// Is it light outside at this hour? Light from hour 5 ("The day has
/// begun.") to hour 18; set at 19, dark from 20 to 4.
pub fn sun_is_up(hour: i32) -> bool {
    (5..19).contains(&hour)
}

/// Is this room outside, for sun and weather messages? Only the *indoors*
/// flag says no; the sector does not matter (rom-mechanics 13.3).
pub fn room_is_outside(room: &Room) -> bool {
    room.flags & ROOM_INDOORS == 0
}

/// Armour an item gives at a wear location, for AC type `i` (ROM apply_ac).
pub fn apply_ac(item_type: i32, values: &[i64; 5], loc: i32, i: usize) -> i32 {
    if item_type != item::ARMOR {
        return 0;
    }
    let v = values[i] as i32;
    match loc {
        wear_loc::BODY => 3 * v,
        wear_loc::HEAD | wear_loc::LEGS | wear_loc::ABOUT => 2 * v,
        _ => v,
    }
}

/// Split `2.sword` into (2, "sword"); a plain name is number 1.
pub fn number_argument(arg: &str) -> (usize, &str) {
    if let Some((n, rest)) = arg.split_once('.') {
        if let Ok(n) = n.parse::<usize>() {
            return (n.max(1), rest);
        }
    }
    (1, arg)
}

/// ROM's is_name: every word of `arg` is a prefix of some word in `namelist`.
pub fn is_name(arg: &str, namelist: &str) -> bool {
    let mut any = false;
    for part in arg.split_whitespace() {
        any = true;
        let part = part.to_ascii_lowercase();
        if !namelist
            .split_whitespace()
            .any(|n| n.to_ascii_lowercase().starts_with(&part))
        {
            return false;
        }
    }
    any
}

/// ROM's smash_tilde: `~` ends a string in area and player files, so text a
/// player typed must not carry one (it becomes `-`).
pub fn smash_tilde(s: &str) -> String {
    s.replace('~', "-")
}

/// ROM's one_argument: the first word (or quoted phrase), lower-cased, and the rest.
pub fn one_argument(input: &str) -> (String, &str) {
    let (word, rest) = first_arg(input);
    (word.to_lowercase(), rest)
}

/// [`one_argument`] with the word's case kept (names, keywords, text).
pub fn first_arg(input: &str) -> (&str, &str) {
    let s = input.trim_start();
    let (quote, s) = match s.chars().next() {
        Some(q @ ('\'' | '"')) => (Some(q), &s[1..]),
        _ => (None, s),
    };
    // The separator may be a multi-byte space (U+0085, U+3000, ...): step
    // over the whole character.
    let end = match quote {
        Some(q) => s.char_indices().find(|&(_, c)| c == q),
        None => s.char_indices().find(|&(_, c)| c.is_whitespace()),
    };
    match end {
        Some((i, c)) => (&s[..i], s[i + c.len_utf8()..].trim_start()),
        None => (s, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world_with_room() -> World {
        let mut p = Protos::default();
        p.rooms.insert(
            RoomVnum(10),
            RoomProto {
                vnum: RoomVnum(10),
                name: "Room".into(),
                ..Default::default()
            },
        );
        World::new(p, 1)
    }

    #[test]
    fn create_mobile_shapes_stats_and_gives_permanent_spells() {
        let mut p = Protos::default();
        p.mobs.insert(
            MobVnum(7),
            MobProto {
                vnum: MobVnum(7),
                keywords: "ogre".into(),
                level: 20,
                act: ACT_WARRIOR | ACT_MAGE,
                off: off::FAST,
                size: Size::Large,
                affected: aff::SANCTUARY | aff::HASTE,
                ..Default::default()
            },
        );
        let mut w = World::new(p, 1);
        let Some(m) = w.create_mobile(MobVnum(7)) else {
            panic!("no mobile");
        };
        let c = w.ch(m).cloned().unwrap_or_default();
        // 11 + 20/4 = 16 each; warrior str+3 int-1 con+2, mage int+3 str-1
        // dex+1, fast dex+2, large str+1 con+0.
        assert_eq!(c.perm_stat, [19, 18, 16, 19, 18]);
        assert_eq!(c.comm, comm::NOCHANNELS | comm::NOSHOUT | comm::NOTELL);
        let sanc = c.affects.iter().find(|a| a.bits == aff::SANCTUARY);
        assert_eq!(sanc.map(|a| (a.duration, a.level)), Some((-1, 20)));
        let haste = c.affects.iter().find(|a| a.bits == aff::HASTE);
        // Haste: dex +1, +1 at 18.
        assert_eq!(
            haste.map(|a| (a.location, a.modifier)),
            Some((apply::DEX, 2))
        );
        assert_eq!(c.mod_stat[STAT_DEX], 2);
    }

    fn add(w: &mut World, name: &str, npc: bool) -> CharId {
        let id = w.chars.insert(Char {
            name: name.into(),
            pc: (!npc).then(Box::default),
            vnum: npc.then_some(MobVnum(1)),
            hit: 10,
            position: pos::FIGHTING,
            default_pos: pos::SLEEPING,
            ..Char::default()
        });
        w.char_to_room(id, RoomVnum(10));
        id
    }

    #[test]
    fn a_player_entering_an_empty_area_restarts_its_age() {
        let mut w = world_with_room();
        let area = w.room(RoomVnum(10)).map_or(0, |r| r.area.0);
        while w.areas.len() <= area {
            w.areas.push(Area::default());
        }
        if let Some(a) = w.areas.get_mut(area) {
            a.empty = true;
            a.age = 25;
        }
        // A mobile does not wake it.
        add(&mut w, "Mob", true);
        assert_eq!(
            w.areas.get(area).map(|a| (a.empty, a.age)),
            Some((true, 25))
        );
        add(&mut w, "Pc", false);
        assert_eq!(
            w.areas.get(area).map(|a| (a.empty, a.age)),
            Some((false, 0))
        );
        // A second player finds it awake: the age goes on.
        if let Some(a) = w.areas.get_mut(area) {
            a.age = 7;
        }
        add(&mut w, "Pc2", false);
        assert_eq!(
            w.areas.get(area).map(|a| (a.empty, a.age, a.nplayer)),
            Some((false, 7, 2))
        );
    }

    #[test]
    fn an_unknown_room_falls_back_to_the_lowest_vnum() {
        let mut w = world_with_room();
        for v in [30, 7, 20] {
            w.rooms.insert(
                RoomVnum(v),
                Room {
                    vnum: RoomVnum(v),
                    ..Room::default()
                },
            );
        }
        let pc = add(&mut w, "Pc", false);
        w.char_to_room(pc, RoomVnum(12345));
        assert_eq!(w.ch(pc).and_then(|c| c.room), Some(RoomVnum(7)));
    }

    #[test]
    fn get_skill_follows_class_levels_mob_rules_daze_and_drink() {
        use crate::world::rules::gsn;
        let mut w = world_with_room();
        let pc = add(&mut w, "Pc", false);
        let mob = add(&mut w, "Mob", true);
        if let Some(c) = w.ch_mut(pc) {
            c.class = rules::CLASS_WARRIOR as i32;
            c.level = 1;
            if let Some(p) = c.pc.as_mut() {
                p.learned.insert(gsn::SWORD, 60);
                p.learned.insert(gsn::THIRD_ATTACK, 60);
            }
        }
        assert_eq!(w.get_skill(pc, gsn::SWORD), 60);
        // Third attack comes to warriors later than level 1.
        assert_eq!(w.get_skill(pc, gsn::THIRD_ATTACK), 0);
        assert_eq!(w.get_skill(pc, rules::Sn::NONE), 2);
        if let Some(c) = w.ch_mut(pc) {
            c.daze = 5;
        }
        assert_eq!(w.get_skill(pc, gsn::SWORD), 40);
        if let Some(c) = w.ch_mut(pc) {
            c.daze = 0;
            if let Some(p) = c.pc.as_mut() {
                p.condition[COND_DRUNK] = 11;
            }
        }
        assert_eq!(w.get_skill(pc, gsn::SWORD), 54);
        if let Some(c) = w.ch_mut(mob) {
            c.level = 20;
            c.act |= ACT_WARRIOR;
        }
        assert_eq!(w.get_skill(mob, gsn::SECOND_ATTACK), 70);
        assert_eq!(w.get_skill(mob, gsn::THIRD_ATTACK), 40);
        assert_eq!(w.get_skill(mob, gsn::DODGE), 0, "needs OFF_DODGE");
        if let Some(c) = w.ch_mut(mob) {
            c.off |= off::DODGE;
        }
        assert_eq!(w.get_skill(mob, gsn::DODGE), 40);
        assert_eq!(w.get_skill(mob, gsn::SWORD), 90);
    }

    #[test]
    fn check_immune_lets_a_specific_bit_replace_the_default() {
        let mut w = world_with_room();
        let mob = add(&mut w, "Mob", true);
        let set = |w: &mut World, imm: Flags, res: Flags, vuln: Flags| {
            if let Some(c) = w.ch_mut(mob) {
                c.imm = imm;
                c.res = res;
                c.vuln = vuln;
            }
        };
        assert_eq!(w.check_immune(mob, DAM_BASH), Immunity::Normal);
        set(&mut w, irv::WEAPON, 0, 0);
        assert_eq!(w.check_immune(mob, DAM_SLASH), Immunity::Immune);
        assert_eq!(w.check_immune(mob, DAM_FIRE), Immunity::Normal);
        // A specific vulnerability replaces the global weapon immunity.
        set(&mut w, irv::WEAPON, 0, irv::PIERCE);
        assert_eq!(w.check_immune(mob, DAM_PIERCE), Immunity::Vulnerable);
        set(&mut w, 0, irv::MAGIC, 0);
        assert_eq!(w.check_immune(mob, DAM_FIRE), Immunity::Resistant);
        assert_eq!(w.check_immune(mob, DAM_HARM), Immunity::Resistant);
        assert_eq!(w.check_immune(mob, DAM_NONE), Immunity::Normal);
        // Immune and vulnerable on the same bit stays immune (C.13).
        set(&mut w, irv::FIRE, 0, irv::FIRE);
        assert_eq!(w.check_immune(mob, DAM_FIRE), Immunity::Immune);
    }

    #[test]
    fn stop_fighting_one_side_or_both() {
        let mut w = world_with_room();
        let (pc, mob, other) = (
            add(&mut w, "pc", false),
            add(&mut w, "mob", true),
            add(&mut w, "x", true),
        );
        for (a, b) in [(pc, mob), (mob, pc), (other, pc)] {
            if let Some(c) = w.ch_mut(a) {
                c.fighting = Some(b);
            }
        }
        w.stop_fighting(pc, false);
        let state = |w: &World, id| w.ch(id).map(|c| (c.fighting, c.position));
        assert_eq!(state(&w, pc), Some((None, pos::STANDING)));
        assert_eq!(state(&w, mob), Some((Some(pc), pos::FIGHTING)));
        w.stop_fighting(pc, true);
        // A mobile goes back to its default position.
        assert_eq!(state(&w, mob), Some((None, pos::SLEEPING)));
        assert_eq!(state(&w, other), Some((None, pos::SLEEPING)));
    }

    #[test]
    fn carry_limits_follow_the_strength_and_dexterity_tables() {
        let mut w = world_with_room();
        let (pc, pet) = (add(&mut w, "pc", false), add(&mut w, "pet", true));
        for id in [pc, pet] {
            if let Some(c) = w.ch_mut(id) {
                c.level = 10;
                c.perm_stat = [16; 5];
                c.position = pos::STANDING;
                c.armor = [100; 4];
                c.hitroll = 1;
            }
        }
        // 19 + 2 * 16 + 10 items; str 16 carries 165 pounds + 25 tenths a level.
        assert_eq!(w.can_carry_n(pc), 61);
        assert_eq!(w.can_carry_w(pc), 1650 + 250);
        assert_eq!((w.get_ac(pc, 0), w.get_hitroll(pc)), (100 - 15, 1 + 1));
        if let Some(c) = w.ch_mut(pet) {
            c.act |= ACT_PET;
        }
        assert_eq!((w.can_carry_n(pet), w.can_carry_w(pet)), (0, 0));
        if let Some(c) = w.ch_mut(pc) {
            c.level = LEVEL_IMMORTAL;
            c.position = pos::SLEEPING;
        }
        assert_eq!((w.can_carry_n(pc), w.can_carry_w(pc)), (1000, 10_000_000));
        assert_eq!(w.get_ac(pc, 0), 100, "no dexterity bonus asleep");
    }

    #[test]
    fn update_pos_follows_hit_points() {
        let mut w = world_with_room();
        let (pc, mob) = (add(&mut w, "pc", false), add(&mut w, "mob", true));
        let mut at = |id, hit, position| {
            if let Some(c) = w.ch_mut(id) {
                c.hit = hit;
                c.position = position;
            }
            w.update_pos(id);
            w.ch(id).map(|c| c.position)
        };
        assert_eq!(at(pc, 5, pos::STUNNED), Some(pos::STANDING));
        assert_eq!(at(pc, 5, pos::RESTING), Some(pos::RESTING));
        assert_eq!(at(pc, 0, pos::STANDING), Some(pos::STUNNED));
        assert_eq!(at(pc, -3, pos::STANDING), Some(pos::INCAP));
        assert_eq!(at(pc, -10, pos::STANDING), Some(pos::MORTAL));
        assert_eq!(at(pc, -11, pos::STANDING), Some(pos::DEAD));
        assert_eq!(at(mob, 0, pos::STANDING), Some(pos::DEAD));
    }

    #[test]
    fn arguments() {
        assert_eq!(
            one_argument("  get 2.sword bag"),
            ("get".to_string(), "2.sword bag")
        );
        assert_eq!(
            one_argument("'big sword' here"),
            ("big sword".to_string(), "here")
        );
        assert_eq!(one_argument(""), (String::new(), ""));
        assert_eq!(one_argument("get\u{a0}sword"), ("get".to_string(), "sword"));
        assert_eq!(one_argument("x\u{3000}"), ("x".to_string(), ""));
        assert_eq!(smash_tilde("a~b~"), "a-b-");
        assert_eq!(number_argument("2.sword"), (2, "sword"));
        assert_eq!(number_argument("sword"), (1, "sword"));
        assert!(is_name("sw", "long sword"));
        assert!(is_name("long sw", "long sword"));
        assert!(!is_name("axe", "long sword"));
        assert!(!is_name("", "long sword"));
    }
}
