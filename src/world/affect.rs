//! Affects on characters and objects (ROM's `affect_to_char`, `affect_remove`,
//! `affect_strip`, `is_affected`, `affect_join`, and the tick that ages
//! them; rom-mechanics 6.7).
//!
//! An [`Affect`] carries its skill number, level, duration in ticks (-1 =
//! permanent), an apply location with a modifier, and bits. Adding one
//! applies its modifier and sets its bits on the character; removing one
//! undoes the modifier, clears the bits, and sets them again if another
//! affect or a worn object still gives them. Skills and spells only declare
//! their affects and call these; nothing else touches `Char::affects`.
//!
//! Each tick [`World::affect_tick`] ages a character's affects: duration
//! down by one (and with 20 % chance the level too); an affect found at
//! duration 0 ends and its wear-off message is shown, unless the next affect
//! in the list is of the same skill and ends with it (two-part spells speak
//! once).

use super::rules::Sn;
use super::*;

/// What a character reads when an affect of a skill wears off: ROM's 37
/// `msg_off` lines, kept word for word because players' client triggers
/// key on them (recasting sanctuary when its aura fades is the classic).
/// A skill without an entry ends silently.
pub static WEAR_OFF: &[(&str, &str)] = &[
    ("armor", "You feel less armored."),
    ("bless", "You feel less righteous."),
    ("blindness", "You can see again."),
    ("calm", "You have lost your peace of mind."),
    ("change sex", "Your body feels familiar again."),
    ("charm person", "You feel more self-confident."),
    ("chill touch", "You feel less cold."),
    ("curse", "The curse wears off."),
    ("detect evil", "The red in your vision disappears."),
    ("detect good", "The gold in your vision disappears."),
    ("detect hidden", "You feel less aware of your surroundings."),
    ("detect invis", "You no longer see invisible objects."),
    ("detect magic", "The detect magic wears off."),
    ("faerie fire", "The pink aura around you fades away."),
    ("fly", "You slowly float to the ground."),
    ("frenzy", "Your rage ebbs."),
    ("giant strength", "You feel weaker."),
    ("haste", "You feel yourself slow down."),
    ("infravision", "You no longer see in the dark."),
    ("invisibility", "You are no longer invisible."),
    ("mass invis", "You are no longer invisible."),
    ("pass door", "You feel solid again."),
    ("plague", "Your sores vanish."),
    ("poison", "You feel less sick."),
    ("protection evil", "You feel less protected."),
    ("protection good", "You feel less protected."),
    ("sanctuary", "The white aura around your body fades."),
    ("shield", "Your force shield shimmers then fades away."),
    ("sleep", "You feel less tired."),
    ("slow", "You feel yourself speed up."),
    ("stone skin", "Your skin feels soft again."),
    ("weaken", "You feel stronger."),
    ("fire breath", "The smoke leaves your eyes."),
    ("berserk", "You feel your pulse slow down."),
    ("dirt kicking", "You rub the dirt out of your eyes."),
    ("hide", "You are no longer hidden."),
    ("sneak", "You no longer feel stealthy."),
];

/// What the holder and the room read when an affect on an object wears
/// off: ROM's five `msg_obj` lines (act() strings, `$p` the object).
pub static OBJ_WEAR_OFF: &[(&str, &str)] = &[
    ("bless", "$p's holy aura fades."),
    ("curse", "$p is no longer impure."),
    ("fireproof", "$p's protective aura fades."),
    ("invisibility", "$p fades into view."),
    ("poison", "The poison on $p dries up."),
];

/// The wear-off message of skill `sn`, if it has one.
pub fn wear_off_message(sn: Sn) -> Option<&'static str> {
    let name = sn.name()?;
    WEAR_OFF.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// The object wear-off message (an act() string) of skill `sn`, if any.
pub fn obj_wear_off_message(sn: Sn) -> Option<&'static str> {
    let name = sn.name()?;
    OBJ_WEAR_OFF
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, m)| *m)
}

impl World {
    /// Give `ch` an affect: its modifier and bits take effect now.
    pub fn affect_to_char(&mut self, ch: CharId, af: Affect) {
        let Some(c) = self.ch_mut(ch) else { return };
        // ROM puts new affects at the head of the list.
        c.affects.insert(0, af.clone());
        self.affect_apply(ch, &af, true);
    }

    /// Remove the affect at `index` of `ch`'s list, undoing it.
    pub fn affect_remove(&mut self, ch: CharId, index: usize) {
        let Some(c) = self.ch_mut(ch) else { return };
        if index >= c.affects.len() {
            return;
        }
        let af = c.affects.remove(index);
        self.affect_apply(ch, &af, false);
        self.affect_check(ch, af.where_, af.bits);
    }

    /// Remove every affect of skill `sn` (no wear-off message: the caller
    /// says what happened).
    pub fn affect_strip(&mut self, ch: CharId, sn: Sn) {
        while let Some(i) = self
            .ch(ch)
            .and_then(|c| c.affects.iter().position(|a| a.skill == sn))
        {
            self.affect_remove(ch, i);
        }
    }

    /// Is `ch` under an affect of skill `sn`?
    pub fn is_affected(&self, ch: CharId, sn: Sn) -> bool {
        self.ch(ch)
            .is_some_and(|c| c.affects.iter().any(|a| a.skill == sn))
    }

    /// Add an affect, merging it with one of the same skill if there is
    /// one: levels averaged, durations and modifiers added (poison, plague,
    /// sleep, chill touch stack this way).
    pub fn affect_join(&mut self, ch: CharId, mut af: Affect) {
        let old = self.ch(ch).and_then(|c| {
            c.affects
                .iter()
                .position(|a| a.skill == af.skill)
                .map(|i| (i, c.affects[i].clone()))
        });
        if let Some((i, old)) = old {
            af.level = (af.level + old.level) / 2;
            af.duration += old.duration;
            af.modifier += old.modifier;
            self.affect_remove(ch, i);
        }
        self.affect_to_char(ch, af);
    }

    /// One tick of `ch`'s affects (rom-mechanics 6.7 and 7.4 step 5).
    pub fn affect_tick(&mut self, ch: CharId) {
        let mut i = 0;
        loop {
            let Some(c) = self.ch(ch) else { return };
            let Some(af) = c.affects.get(i) else { return };
            if af.duration > 0 {
                let fade = af.level > 0 && self.rng.range(0, 4) == 0;
                if let Some(a) = self.ch_mut(ch).and_then(|c| c.affects.get_mut(i)) {
                    a.duration -= 1;
                    if fade {
                        a.level -= 1;
                    }
                }
                i += 1;
            } else if af.duration < 0 {
                i += 1;
            } else {
                let sn = af.skill;
                // A same-skill affect ending with this one speaks for both
                // (ROM: silent when the next is of the same type and not
                // going on).
                let next_ends_too = c
                    .affects
                    .get(i + 1)
                    .is_some_and(|n| n.skill == sn && n.duration <= 0);
                if sn > Sn(0) && !next_ends_too {
                    if let Some(msg) = wear_off_message(sn) {
                        self.send(ch, &format!("{msg}\n"));
                    }
                }
                self.affect_remove(ch, i);
            }
        }
    }

    /// Remove the affect at `index` of `obj`'s list (ROM's
    /// affect_remove_obj): a wearer loses its modifier and bits (set again
    /// if something else still gives them), and an object-flag affect takes
    /// its extra flags back off the object.
    pub fn affect_remove_obj(&mut self, obj: ObjId, index: usize) {
        let Some(o) = self.obj_mut(obj) else { return };
        if index >= o.affects.len() {
            return;
        }
        let af = o.affects.remove(index);
        if af.where_ == to::OBJECT {
            o.extra_flags &= !af.bits;
        }
        // A weapon affect (envenom's poison) takes its weapon flags back.
        if af.where_ == to::WEAPON && o.item_type == item::WEAPON {
            o.values[4] &= !(af.bits as i64);
        }
        let wearer = match o.loc {
            ObjLoc::Carried(ch) if o.wear_loc != wear_loc::NONE => Some(ch),
            _ => None,
        };
        if let Some(ch) = wearer {
            let bits = if af.where_ == to::AFFECTS { af.bits } else { 0 };
            self.affect_modify(ch, af.location, af.modifier, bits, false);
            self.affect_check(ch, af.where_, af.bits);
        }
    }

    /// An object's wear-off message, told to its holder, or to everyone
    /// in the room where it lies (ROM: carried_by TO_CHAR, room TO_ALL).
    fn obj_wear_off(&mut self, obj: ObjId, msg: &str) {
        let Some(o) = self.obj(obj) else { return };
        match o.loc {
            ObjLoc::Carried(ch) => {
                self.act(msg, ch, act::ActArgs::obj(obj), act::To::Char);
            }
            ObjLoc::Room(room) => {
                let first = self.room(room).and_then(|r| r.people.first().copied());
                if let Some(rch) = first {
                    self.act(msg, rch, act::ActArgs::obj(obj), act::To::Char);
                    self.act(msg, rch, act::ActArgs::obj(obj), act::To::Room);
                }
            }
            _ => {}
        }
    }

    /// One tick of `obj`'s affects (rom-mechanics 8.4): as for characters,
    /// duration down by one and, with 20 % chance, the level; an affect at
    /// duration 0 ends, with ROM's object message.
    pub fn obj_affect_tick(&mut self, obj: ObjId) {
        let mut i = 0;
        loop {
            let Some(af) = self.obj(obj).and_then(|o| o.affects.get(i)) else {
                return;
            };
            if af.duration > 0 {
                // ROM rolls before it looks at the level.
                let fade = self.rng.range(0, 4) == 0;
                if let Some(a) = self.obj_mut(obj).and_then(|o| o.affects.get_mut(i)) {
                    a.duration -= 1;
                    if fade && a.level > 0 {
                        a.level -= 1;
                    }
                }
                i += 1;
            } else if af.duration < 0 {
                i += 1;
            } else {
                let sn = af.skill;
                let next_ends_too = self
                    .obj(obj)
                    .and_then(|o| o.affects.get(i + 1))
                    .is_some_and(|n| n.skill == sn && n.duration <= 0);
                if sn > Sn(0) && !next_ends_too {
                    if let Some(msg) = obj_wear_off_message(sn) {
                        self.obj_wear_off(obj, msg);
                    }
                }
                self.affect_remove_obj(obj, i);
            }
        }
    }

    /// Apply the modifier and bits of an affect already in `ch`'s list (a
    /// copyover restoring a mobile: its list is read back as it was, the
    /// modifiers must count again).
    pub fn affect_reapply(&mut self, ch: CharId, af: &Affect) {
        self.affect_apply(ch, af, true);
    }

    /// Apply or undo one affect's modifier and bits.
    fn affect_apply(&mut self, ch: CharId, af: &Affect, add: bool) {
        match af.where_ {
            to::AFFECTS => self.affect_modify(ch, af.location, af.modifier, af.bits, add),
            to::IMMUNE | to::RESIST | to::VULN => {
                if let Some(c) = self.ch_mut(ch) {
                    let set = match af.where_ {
                        to::IMMUNE => &mut c.imm,
                        to::RESIST => &mut c.res,
                        _ => &mut c.vuln,
                    };
                    if add {
                        *set |= af.bits;
                    } else {
                        *set &= !af.bits;
                    }
                }
                self.affect_modify(ch, af.location, af.modifier, 0, add);
            }
            _ => self.affect_modify(ch, af.location, af.modifier, 0, add),
        }
    }

    /// After a removal: set `bits` again where another affect, a worn
    /// object, or (for a mobile) its prototype still gives them.
    pub fn affect_check(&mut self, ch: CharId, where_: i32, bits: Flags) {
        if bits == 0 || !matches!(where_, to::AFFECTS | to::IMMUNE | to::RESIST | to::VULN) {
            return;
        }
        let Some(c) = self.ch(ch) else { return };
        let mut still = 0;
        for a in &c.affects {
            if a.where_ == where_ {
                still |= a.bits & bits;
            }
        }
        if where_ == to::AFFECTS {
            for &o in &c.carrying {
                let Some(obj) = self.obj(o) else { continue };
                if obj.wear_loc < 0 {
                    continue;
                }
                for a in &obj.affects {
                    if a.where_ == to::AFFECTS {
                        still |= a.bits & bits;
                    }
                }
                if obj.affects.is_empty() {
                    if let Some(p) = self.obj_index.get(&obj.vnum) {
                        for a in &p.proto.applies {
                            if a.where_ == b'A' {
                                still |= a.bits & bits;
                            }
                        }
                    }
                }
            }
            if let Some(p) = c.vnum.and_then(|v| self.mob_index.get(&v)) {
                still |= p.proto.affected & bits;
            }
        }
        if still == 0 {
            return;
        }
        if let Some(c) = self.ch_mut(ch) {
            match where_ {
                to::AFFECTS => c.affected_by |= still,
                to::IMMUNE => c.imm |= still,
                to::RESIST => c.res |= still,
                _ => c.vuln |= still,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::rules::skill_lookup;

    fn world_with_player() -> (World, CharId) {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "T".into(),
            low_vnum: 1,
            high_vnum: 99,
            ..Default::default()
        });
        p.rooms.insert(
            RoomVnum(10),
            RoomProto {
                vnum: RoomVnum(10),
                area: AreaId(0),
                name: "Room".into(),
                ..Default::default()
            },
        );
        let mut w = World::new(p, 3);
        let ch = w.chars.insert(Char {
            name: "Tess".into(),
            pc: Some(Box::default()),
            level: 10,
            conn: Some(crate::engine::ConnId(1)),
            hitroll: 1,
            ..Char::default()
        });
        w.char_to_room(ch, RoomVnum(10));
        (w, ch)
    }

    fn sn(name: &str) -> Sn {
        skill_lookup(name).unwrap_or(Sn::NONE)
    }

    fn af(skill: Sn, duration: i32, location: i32, modifier: i32, bits: Flags) -> Affect {
        Affect {
            where_: to::AFFECTS,
            skill,
            level: 20,
            duration,
            location,
            modifier,
            bits,
        }
    }

    #[test]
    fn adding_and_removing_applies_and_undoes() {
        let (mut w, ch) = world_with_player();
        let bless = sn("bless");
        w.affect_to_char(ch, af(bless, 3, apply::HITROLL, 2, 0));
        w.affect_to_char(ch, af(bless, 3, apply::SAVING_SPELL, -2, 0));
        assert!(w.is_affected(ch, bless));
        assert_eq!(w.ch(ch).map(|c| (c.hitroll, c.saving_throw)), Some((3, -2)));
        w.affect_strip(ch, bless);
        assert!(!w.is_affected(ch, bless));
        assert_eq!(w.ch(ch).map(|c| (c.hitroll, c.saving_throw)), Some((1, 0)));
    }

    #[test]
    fn a_removed_bit_stays_while_another_affect_gives_it() {
        let (mut w, ch) = world_with_player();
        w.affect_to_char(
            ch,
            af(sn("invisibility"), 5, apply::NONE, 0, aff::INVISIBLE),
        );
        w.affect_to_char(ch, af(sn("mass invis"), 5, apply::NONE, 0, aff::INVISIBLE));
        w.affect_strip(ch, sn("invisibility"));
        assert!(w.ch(ch).is_some_and(|c| c.is_affected(aff::INVISIBLE)));
        w.affect_strip(ch, sn("mass invis"));
        assert!(!w.ch(ch).is_some_and(|c| c.is_affected(aff::INVISIBLE)));
    }

    #[test]
    fn join_stacks_duration_and_modifier_and_averages_level() {
        let (mut w, ch) = world_with_player();
        let poison = sn("poison");
        w.affect_join(ch, af(poison, 4, apply::STR, -1, aff::POISON));
        let mut second = af(poison, 6, apply::STR, -2, aff::POISON);
        second.level = 10;
        w.affect_join(ch, second);
        let c = w.ch(ch).cloned().unwrap_or_default();
        assert_eq!(c.affects.len(), 1);
        assert_eq!(
            (
                c.affects[0].duration,
                c.affects[0].modifier,
                c.affects[0].level
            ),
            (10, -3, 15)
        );
        assert_eq!(c.mod_stat[0], -3);
        assert!(c.is_affected(aff::POISON));
    }

    /// Duration d lasts through d more ticks and ends on the (d+1)-th, with
    /// one wear-off message for a two-part spell; permanent ones stay.
    #[test]
    fn ticks_age_affects_and_show_the_wear_off_message_once() {
        let (mut w, ch) = world_with_player();
        let bless = sn("bless");
        w.affect_to_char(ch, af(bless, 2, apply::HITROLL, 2, 0));
        w.affect_to_char(ch, af(bless, 2, apply::SAVING_SPELL, -2, 0));
        w.affect_to_char(ch, af(sn("sanctuary"), -1, apply::NONE, 0, aff::SANCTUARY));
        for _ in 0..2 {
            w.affect_tick(ch);
            assert!(w.is_affected(ch, bless));
        }
        w.affect_tick(ch);
        assert!(!w.is_affected(ch, bless));
        let out = w.ch(ch).map(|c| c.output.clone()).unwrap_or_default();
        assert_eq!(out.matches("You feel less righteous.").count(), 1, "{out}");
        assert_eq!(w.ch(ch).map(|c| c.hitroll), Some(1));
        for _ in 0..50 {
            w.affect_tick(ch);
        }
        assert!(w.ch(ch).is_some_and(|c| c.is_affected(aff::SANCTUARY)));
    }

    #[test]
    fn an_object_affect_ends_with_its_message_to_holder_and_room() {
        let (mut w, ch) = world_with_player();
        let other = w.chars.insert(Char {
            name: "Bram".into(),
            pc: Some(Box::default()),
            conn: Some(crate::engine::ConnId(2)),
            position: pos::STANDING,
            ..Char::default()
        });
        w.char_to_room(other, RoomVnum(10));
        if let Some(c) = w.ch_mut(ch) {
            c.position = pos::STANDING;
        }
        let mk = |w: &mut World, name: &str| {
            w.objs.insert(Obj {
                name: name.into(),
                short_descr: format!("a {name}"),
                wear_loc: -1,
                affects: vec![af(sn("fireproof"), 1, apply::NONE, 0, 0)],
                ..Obj::default()
            })
        };
        let held = mk(&mut w, "lamp");
        w.obj_to_char(held, ch);
        let lying = mk(&mut w, "rope");
        w.obj_to_room(lying, RoomVnum(10));
        for _ in 0..2 {
            w.obj_affect_tick(held);
            w.obj_affect_tick(lying);
        }
        let out = |w: &World, c| w.ch(c).map(|c| c.output.clone()).unwrap_or_default();
        let (tess, bram) = (out(&w, ch), out(&w, other));
        assert_eq!(
            tess.matches("A lamp's protective aura fades.").count(),
            1,
            "{tess:?} {bram:?}"
        );
        assert!(!bram.contains("lamp"), "{bram}");
        assert!(tess.contains("A rope's protective aura fades."), "{tess}");
        assert!(bram.contains("A rope's protective aura fades."), "{bram}");
        assert!(w.obj(held).is_some_and(|o| o.affects.is_empty()));
    }

    #[test]
    fn rom_counts_37_character_and_5_object_wear_off_messages() {
        assert_eq!(WEAR_OFF.len(), 37);
        assert_eq!(OBJ_WEAR_OFF.len(), 5);
        for (name, _) in OBJ_WEAR_OFF {
            assert!(crate::world::rules::skill_exact(name).is_some(), "{name}");
        }
        assert_eq!(
            wear_off_message(sn("sanctuary")),
            Some("The white aura around your body fades.")
        );
    }

    #[test]
    fn every_wear_off_message_names_a_skill() {
        for (name, _) in WEAR_OFF {
            assert!(
                crate::world::rules::skill_exact(name).is_some(),
                "{name} is not a skill"
            );
        }
    }
}
