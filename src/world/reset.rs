//! Area resets (ROM's `reset_area`), run at boot and as areas age.
//!
//! Commands run top to bottom per area: `M` loads a mobile (within its world
//! and room limits) and makes it the target of following `G`/`E`; `O` puts an
//! object on a floor nobody is standing on; `P` fills the last container
//! created; `D` sets door states on both sides; `R` shuffles exits.
//! Objects `G`/`E` give a shopkeeper are its unlimited stock (*inventory*);
//! mobiles reset in the room after a pet shop are flagged *pet*.

use super::*;

impl World {
    /// Reset every area (boot).
    pub fn reset_all(&mut self) {
        // Room for what the resets can make at most, once: growing the
        // arenas slot by slot copies every mobile and object at each
        // doubling (the boot's largest cost after parsing).
        let (mut mobs, mut objs) = (0, 0);
        for r in self.areas.iter().flat_map(|a| a.proto.resets.iter()) {
            match r.cmd {
                ResetCmd::Mob { .. } => mobs += 1,
                ResetCmd::Obj { .. }
                | ResetCmd::Put { .. }
                | ResetCmd::Give { .. }
                | ResetCmd::Equip { .. } => objs += 1,
                _ => {}
            }
        }
        self.chars.reserve(mobs);
        self.objs.reserve(objs);
        for a in 0..self.areas.len() {
            self.reset_area(AreaId(a));
        }
    }

    /// Run one area's resets.
    pub fn reset_area(&mut self, area: AreaId) {
        let Some(resets) = self.areas.get(area.0).map(|a| a.proto.resets.clone()) else {
            return;
        };
        self.run_resets(&resets);
        if let Some(a) = self.areas.get_mut(area.0) {
            a.age = 0;
            a.empty = a.nplayer == 0;
        }
    }

    /// Run reset commands top to bottom (an area's, or OLC's `redit
    /// reset` with one room's).
    pub fn run_resets(&mut self, resets: &[Reset]) {
        let mut last_mob: Option<CharId> = None;
        let mut last_mob_loaded = false;
        let mut last_obj: HashMap<ObjVnum, ObjId> = HashMap::new();
        let mut last_room: Option<RoomVnum> = None;
        for reset in resets {
            match reset.cmd {
                ResetCmd::Mob {
                    mob,
                    world_limit,
                    room,
                    room_limit,
                } => {
                    last_mob_loaded = false;
                    if !self.rooms.contains_key(&room) {
                        continue;
                    }
                    let Some(count) = self.mob_index.get(&mob).map(|m| m.count) else {
                        continue;
                    };
                    if count >= world_limit {
                        continue;
                    }
                    let in_room = self
                        .room(room)
                        .map(|r| {
                            r.people
                                .iter()
                                .filter(|&&c| self.ch(c).is_some_and(|c| c.vnum == Some(mob)))
                                .count() as i32
                        })
                        .unwrap_or(0);
                    if in_room >= room_limit {
                        continue;
                    }
                    let Some(id) = self.create_mobile(mob) else {
                        continue;
                    };
                    // Mobiles reset next door to a pet shop are its pets.
                    let pet_shop = self
                        .room(RoomVnum(room.0 - 1))
                        .is_some_and(|r| r.flags & ROOM_PET_SHOP != 0);
                    if pet_shop {
                        if let Some(c) = self.ch_mut(id) {
                            c.act |= ACT_PET;
                        }
                    }
                    self.char_to_room(id, room);
                    last_mob = Some(id);
                    last_mob_loaded = true;
                    last_room = Some(room);
                }
                ResetCmd::Obj { obj, room } => {
                    let Some(r) = self.room(room) else { continue };
                    let area_busy = self.areas.get(r.area.0).is_some_and(|a| a.nplayer > 0);
                    let already = r
                        .contents
                        .iter()
                        .any(|&o| self.obj(o).is_some_and(|o| o.vnum == obj));
                    if area_busy || already {
                        continue;
                    }
                    let Some(o) = self.create_object(obj, 0) else {
                        continue;
                    };
                    self.obj_to_room(o, room);
                    last_obj.insert(obj, o);
                    last_room = Some(room);
                }
                ResetCmd::Put {
                    obj,
                    limit,
                    container,
                    count,
                } => {
                    let Some(&cont) = last_obj.get(&container) else {
                        continue;
                    };
                    if !self.objs.contains(cont) {
                        continue;
                    }
                    let limit = match limit {
                        -1 => 999,
                        l if l > 50 => 6,
                        l => l,
                    };
                    let global = self.obj_index.get(&obj).map_or(0, |i| i.count);
                    if global >= limit && self.rng.range(0, 4) != 0 {
                        continue;
                    }
                    let count = count.max(1);
                    loop {
                        let inside = self
                            .obj(cont)
                            .map(|c| {
                                c.contains
                                    .iter()
                                    .filter(|&&o| self.obj(o).is_some_and(|o| o.vnum == obj))
                                    .count() as i32
                            })
                            .unwrap_or(count);
                        if inside >= count {
                            break;
                        }
                        let Some(o) = self.create_object(obj, 0) else {
                            break;
                        };
                        self.obj_to_obj(o, cont);
                        last_obj.insert(obj, o);
                    }
                }
                ResetCmd::Give { obj, limit } | ResetCmd::Equip { obj, limit, .. } => {
                    if !last_mob_loaded {
                        continue;
                    }
                    let Some(mob) = last_mob else { continue };
                    let is_shop = self
                        .ch(mob)
                        .and_then(|c| c.vnum)
                        .and_then(|v| self.mob_index.get(&v))
                        .is_some_and(|m| m.proto.shop.is_some());
                    let global = self.obj_index.get(&obj).map_or(0, |i| i.count);
                    let limit = if limit <= 0 { 999 } else { limit };
                    if !is_shop && global >= limit && self.rng.range(0, 4) != 0 {
                        continue;
                    }
                    let Some(o) = self.create_object(obj, 0) else {
                        continue;
                    };
                    if is_shop {
                        if let Some(ob) = self.obj_mut(o) {
                            ob.inventory = true;
                            ob.extra_flags |= extra::INVENTORY;
                        }
                    }
                    self.obj_to_char(o, mob);
                    if let ResetCmd::Equip { wear_loc, .. } = reset.cmd {
                        self.equip_char(mob, o, wear_loc);
                    }
                    last_obj.insert(obj, o);
                }
                ResetCmd::Door { room, dir, state } => {
                    self.set_door_state(room, dir, state);
                    last_room = Some(room);
                }
                ResetCmd::Randomize { room, count } => {
                    let count = count.clamp(0, 6) as usize;
                    if let Some(r) = self.rooms.get_mut(&room) {
                        for d in 0..count {
                            let j = self.rng.range(d as i32, count as i32 - 1) as usize;
                            r.exits.swap(d, j);
                        }
                    }
                }
            }
        }
        let _ = last_room;
    }

    /// Set a door (and its other side) to 0 open, 1 closed, 2 locked.
    pub fn set_door_state(&mut self, room: RoomVnum, dir: usize, state: i32) {
        let mut targets = vec![(room, dir)];
        if let Some(to) = self
            .room(room)
            .and_then(|r| r.exits.get(dir))
            .and_then(|e| e.as_ref())
            .and_then(|e| e.to())
        {
            targets.push((to, REV_DIR[dir]));
        }
        for (i, (r, d)) in targets.into_iter().enumerate() {
            let Some(exit) = self
                .rooms
                .get_mut(&r)
                .and_then(|r| r.exits.get_mut(d))
                .and_then(|e| e.as_mut())
            else {
                continue;
            };
            // The reverse side only follows when it leads back here.
            if i == 1 && exit.to() != Some(room) {
                continue;
            }
            if !exit.is_door() {
                continue;
            }
            exit.flags &= !(EX_CLOSED | EX_LOCKED);
            match state {
                1 => exit.flags |= EX_CLOSED,
                2 => exit.flags |= EX_CLOSED | EX_LOCKED,
                _ => {}
            }
        }
    }
}
