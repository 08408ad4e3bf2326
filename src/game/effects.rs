//! "effects.c": what acid, cold, fire, poison and lightning do besides
//! hurting (rom-mechanics 6.10).
//!
//! Each effect works on a character (a saving throw at `L/4 + dam/20`
//! against a lasting ailment, then every item carried), on a room (every
//! item on the floor) or on one object. An object is spared if it is
//! burn-proof or no-purge (poison: blessed instead), and one time in five
//! anyway; otherwise `chance = L/4 + dam/10` (compressed above 25 and
//! above 50), −5 if blessed (not for poison), −2 × the object's level,
//! plus an adjustment by item type, clamped to 5..95, and the object is
//! ruined when `number_percent() <= chance`. Ruined containers spill
//! their contents to the floor, where acid and fire work on each at half
//! level and half damage; acid only etches armour (a permanent +1 AC
//! affect, felt at once by the wearer); poison taints food and drink.
//!
//! Breath weapons (`magic3`) and flaming, frost and shocking weapons
//! (`fight::one_hit`) use these. Messages are our own words.
//!
//! Departures from ROM: none in the rules. (A ruined container that is
//! neither carried nor on a floor, e.g. inside another, takes its contents
//! with it, as in ROM.)

use super::magic::saves_spell;
use super::update::gain_condition;
use crate::world::act::{ActArgs, To};
use crate::world::rules::{self, gsn, Sn};
use crate::world::{aff, apply, extra, item, to, wear_loc};
use crate::world::{Affect, CharId, ObjId, ObjLoc, RoomVnum, World};
use crate::world::{COND_HUNGER, COND_THIRST, DAM_COLD, DAM_FIRE, DAM_LIGHTNING, DAM_POISON};

/// What an elemental effect works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EffectTarget {
    /// A character and then everything it carries.
    Char(CharId),
    /// Every object on a room's floor.
    Room(RoomVnum),
    /// One object.
    Obj(ObjId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    Acid,
    Cold,
    Fire,
    Poison,
    Shock,
}

pub fn acid_effect(world: &mut World, target: EffectTarget, level: i32, dam: i32) {
    effect(world, Element::Acid, target, level, dam);
}

pub fn cold_effect(world: &mut World, target: EffectTarget, level: i32, dam: i32) {
    effect(world, Element::Cold, target, level, dam);
}

pub fn fire_effect(world: &mut World, target: EffectTarget, level: i32, dam: i32) {
    effect(world, Element::Fire, target, level, dam);
}

pub fn poison_effect(world: &mut World, target: EffectTarget, level: i32, dam: i32) {
    effect(world, Element::Poison, target, level, dam);
}

pub fn shock_effect(world: &mut World, target: EffectTarget, level: i32, dam: i32) {
    effect(world, Element::Shock, target, level, dam);
}

fn effect(world: &mut World, el: Element, target: EffectTarget, level: i32, dam: i32) {
    match target {
        EffectTarget::Room(room) => {
            let floor = world
                .room(room)
                .map(|r| r.contents.clone())
                .unwrap_or_default();
            for obj in floor {
                obj_effect(world, el, obj, level, dam);
            }
        }
        EffectTarget::Char(victim) => {
            char_effect(world, el, victim, level, dam);
            let carried = world
                .ch(victim)
                .map(|c| c.carrying.clone())
                .unwrap_or_default();
            for obj in carried {
                obj_effect(world, el, obj, level, dam);
            }
        }
        EffectTarget::Obj(obj) => obj_effect(world, el, obj, level, dam),
    }
}

fn skill(name: &str) -> Sn {
    rules::skill_exact(name).unwrap_or(Sn::NONE)
}

/// The ailment a character may catch (before its items are exposed).
fn char_effect(world: &mut World, el: Element, victim: CharId, level: i32, dam: i32) {
    let Some(v) = world.ch(victim) else { return };
    let is_pc = !v.is_npc();
    let blind = v.is_affected(aff::BLIND);
    let save_level = level / 4 + dam / 20;
    match el {
        Element::Acid => {}
        Element::Cold => {
            if !saves_spell(world, save_level, victim, DAM_COLD) {
                world.act(
                    "$n shivers, lips turning blue.",
                    victim,
                    ActArgs::default(),
                    To::Room,
                );
                world.send(victim, "The cold bites deep into your bones.\n");
                world.affect_join(
                    victim,
                    Affect {
                        where_: to::AFFECTS,
                        skill: skill("chill touch"),
                        level,
                        duration: 6,
                        location: apply::STR,
                        modifier: -1,
                        bits: 0,
                    },
                );
            }
            // The cold steals warmth: ROM adds to the hunger counter.
            if is_pc {
                gain_condition(world, victim, COND_HUNGER, dam / 20);
            }
        }
        Element::Fire => {
            if !blind && !saves_spell(world, save_level, victim, DAM_FIRE) {
                world.act("Smoke blinds $n!", victim, ActArgs::default(), To::Room);
                world.send(victim, "Smoke fills your eyes; you cannot see!\n");
                let duration = world.rng.range(0, level / 10);
                world.affect_to_char(
                    victim,
                    Affect {
                        where_: to::AFFECTS,
                        skill: skill("fire breath"),
                        level,
                        duration,
                        location: apply::HITROLL,
                        modifier: -4,
                        bits: aff::BLIND,
                    },
                );
            }
            if is_pc {
                gain_condition(world, victim, COND_THIRST, dam / 20);
            }
        }
        Element::Poison => {
            if !saves_spell(world, save_level, victim, DAM_POISON) {
                world.send(victim, "Poison burns through your veins.\n");
                world.act("$n looks very ill.", victim, ActArgs::default(), To::Room);
                world.affect_join(
                    victim,
                    Affect {
                        where_: to::AFFECTS,
                        skill: gsn::POISON,
                        level,
                        duration: level / 2,
                        location: apply::STR,
                        modifier: -1,
                        bits: aff::POISON,
                    },
                );
            }
        }
        Element::Shock => {
            if !saves_spell(world, save_level, victim, DAM_LIGHTNING) {
                world.send(victim, "Your muscles will not answer you.\n");
                let daze = 12.max(save_level);
                if let Some(v) = world.ch_mut(victim) {
                    v.daze = v.daze.max(daze);
                }
            }
        }
    }
}

/// ROM's chance compression: above 25 and above 50 only half counts.
pub fn compress_chance(mut chance: i32) -> i32 {
    if chance > 25 {
        chance = (chance - 25) / 2 + 25;
    }
    if chance > 50 {
        chance = (chance - 50) / 2 + 50;
    }
    chance
}

/// The item-type adjustment and the message for an element, or `None`
/// when the element leaves that kind of object alone.
fn vulnerability(el: Element, item_type: i32) -> Option<(i32, &'static str)> {
    match (el, item_type) {
        (Element::Acid, item::CONTAINER | item::CORPSE_NPC | item::CORPSE_PC) => {
            Some((0, "$p hisses and dissolves."))
        }
        (Element::Acid, item::ARMOR) => Some((0, "$p is eaten and pitted by the acid.")),
        (Element::Acid, item::CLOTHING) => Some((0, "$p rots away into rags.")),
        (Element::Acid, item::STAFF | item::WAND) => Some((-10, "$p corrodes and snaps.")),
        (Element::Acid, item::SCROLL) => Some((10, "$p blackens and crumbles.")),
        (Element::Cold, item::POTION) => Some((25, "$p freezes solid and cracks apart!")),
        (Element::Cold, item::DRINK_CON) => Some((5, "$p freezes solid and cracks apart!")),
        (Element::Fire, item::CONTAINER) => Some((0, "$p catches fire and burns!")),
        (Element::Fire, item::POTION) => Some((25, "$p boils over and bursts!")),
        (Element::Fire, item::SCROLL) => Some((50, "$p curls up in flames!")),
        (Element::Fire, item::STAFF) => Some((10, "$p smoulders and chars!")),
        (Element::Fire, item::WAND) => Some((0, "$p spits sparks and fizzles!")),
        (Element::Fire, item::FOOD) => Some((0, "$p is burned to a crisp!")),
        (Element::Fire, item::PILL) => Some((0, "$p melts into a puddle!")),
        (Element::Poison, item::FOOD | item::DRINK_CON) => Some((0, "")),
        (Element::Shock, item::WAND | item::STAFF) => Some((10, "$p overloads and bursts!")),
        (Element::Shock, item::JEWELRY) => Some((-10, "$p fuses into a worthless lump.")),
        _ => None,
    }
}

/// One object exposed to an element.
fn obj_effect(world: &mut World, el: Element, obj: ObjId, level: i32, dam: i32) {
    let Some(o) = world.obj(obj) else { return };
    let spared_by = if el == Element::Poison {
        extra::BURN_PROOF | extra::BLESS
    } else {
        extra::BURN_PROOF | extra::NOPURGE
    };
    if o.extra_flags & spared_by != 0 {
        return;
    }
    let (blessed, obj_level, item_type, full) = (
        o.extra_flags & extra::BLESS != 0,
        o.level,
        o.item_type,
        o.values[0] == o.values[1],
    );
    if world.rng.range(0, 4) == 0 {
        return;
    }
    let mut chance = compress_chance(level / 4 + dam / 10);
    if blessed && el != Element::Poison {
        chance -= 5;
    }
    chance -= obj_level * 2;
    let Some((adjust, msg)) = vulnerability(el, item_type) else {
        return;
    };
    if el == Element::Poison && item_type == item::DRINK_CON && full {
        return;
    }
    let chance = (chance + adjust).clamp(5, 95);
    if world.rng.percent() > chance {
        return;
    }
    if el == Element::Poison {
        if let Some(o) = world.obj_mut(obj) {
            o.values[3] = 1;
        }
        return;
    }
    show(world, obj, msg);
    if el == Element::Acid && item_type == item::ARMOR {
        etch(world, obj, level);
        return;
    }
    if matches!(el, Element::Acid | Element::Fire) {
        spill(world, el, obj, level, dam);
    }
    world.extract_obj(obj);
}

/// The ruin message, to the carrier and those around, or to a room the
/// object lies in (nobody sees what happens inside containers).
fn show(world: &mut World, obj: ObjId, msg: &str) {
    let Some(o) = world.obj(obj) else { return };
    let actor = match o.loc {
        ObjLoc::Carried(ch) => Some(ch),
        ObjLoc::Room(r) => world.room(r).and_then(|r| r.people.first().copied()),
        _ => None,
    };
    if let Some(actor) = actor {
        world.act(msg, actor, ActArgs::obj(obj), To::All);
    }
}

/// Acid on armour: one more point of AC penalty, for good.
fn etch(world: &mut World, obj: ObjId, level: i32) {
    let Some(o) = world.obj_mut(obj) else { return };
    match o.affects.iter_mut().find(|a| a.location == apply::AC) {
        Some(a) => {
            a.skill = Sn::NONE;
            a.modifier += 1;
            a.level = a.level.max(level);
        }
        None => o.affects.insert(
            0,
            Affect {
                where_: to::AFFECTS,
                skill: Sn::NONE,
                level,
                duration: -1,
                location: apply::AC,
                modifier: 1,
                bits: 0,
            },
        ),
    }
    let wearer = match o.loc {
        ObjLoc::Carried(ch) if o.wear_loc != wear_loc::NONE => Some(ch),
        _ => None,
    };
    if let Some(c) = wearer.and_then(|ch| world.ch_mut(ch)) {
        for ac in &mut c.armor {
            *ac += 1;
        }
    }
}

/// A ruined container's contents fall to the floor (of its room, or its
/// carrier's), each exposed at half level and half damage.
fn spill(world: &mut World, el: Element, obj: ObjId, level: i32, dam: i32) {
    let Some(o) = world.obj(obj) else { return };
    let floor = match o.loc {
        ObjLoc::Room(r) => Some(r),
        ObjLoc::Carried(ch) => world.ch(ch).and_then(|c| c.room),
        _ => None,
    };
    for inner in o.contains.clone() {
        match floor {
            Some(room) => {
                world.obj_to_room(inner, room);
                obj_effect(world, el, inner, level / 2, dam / 2);
            }
            None => world.extract_obj(inner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ConnId;
    use crate::world::{
        pos, AreaId, AreaProto, Char, ObjProto, ObjVnum, Protos, RoomProto, LEVEL_IMMORTAL,
    };

    const HERE: RoomVnum = RoomVnum(3001);

    fn world(seed: u64) -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        p.rooms.insert(
            HERE,
            RoomProto {
                vnum: HERE,
                area: AreaId(0),
                name: "Room".into(),
                ..Default::default()
            },
        );
        for (v, kind, word) in [
            (60, item::POTION, "potion"),
            (61, item::SCROLL, "scroll"),
            (62, item::ARMOR, "shield"),
            (63, item::FOOD, "bread"),
            (64, item::CONTAINER, "bag"),
            (65, item::WAND, "wand"),
            (66, item::DRINK_CON, "flask"),
            (67, item::TREASURE, "gem"),
        ] {
            p.objs.insert(
                ObjVnum(v),
                ObjProto {
                    vnum: ObjVnum(v),
                    keywords: word.into(),
                    short_descr: format!("a {word}"),
                    item_type: kind,
                    values: [4, 2, 0, 0, 0],
                    ..Default::default()
                },
            );
        }
        World::new(p, seed)
    }

    fn player(w: &mut World) -> CharId {
        let id = w.chars.insert(Char {
            name: "Tess".into(),
            pc: Some(Box::default()),
            level: 10,
            hit: 100,
            max_hit: 100,
            perm_stat: [13; 5],
            armor: [100; 4],
            position: pos::STANDING,
            conn: Some(ConnId(1)),
            ..Char::default()
        });
        w.char_to_room(id, HERE);
        w.players.push(id);
        id
    }

    fn make(w: &mut World, vnum: i32) -> ObjId {
        w.create_object(ObjVnum(vnum), 0)
            .unwrap_or_else(|| panic!("no object {vnum}"))
    }

    /// How often (out of `n`) a fresh object of `vnum` is ruined.
    fn ruin_rate(w: &mut World, vnum: i32, el: Element, level: i32, dam: i32) -> f64 {
        let n = 4000;
        let mut ruined = 0;
        for _ in 0..n {
            let o = make(w, vnum);
            w.obj_to_room(o, HERE);
            obj_effect(w, el, o, level, dam);
            match w.obj(o) {
                None => ruined += 1,
                Some(_) => w.extract_obj(o),
            }
        }
        f64::from(ruined) / f64::from(n)
    }

    #[test]
    fn chance_is_compressed_above_25_and_50() {
        assert_eq!(compress_chance(20), 20);
        assert_eq!(compress_chance(35), 30);
        assert_eq!(compress_chance(85), 52);
        assert_eq!(compress_chance(125), 62);
    }

    #[test]
    fn cold_shatters_potions_at_the_docs_rate() {
        let mut w = world(1);
        // L 40, dam 0: chance 10 + 25 = 35 %, times the 80 % not spared.
        let r = ruin_rate(&mut w, 60, Element::Cold, 40, 0);
        assert!((r - 0.28).abs() < 0.03, "{r}");
        let r = ruin_rate(&mut w, 67, Element::Cold, 40, 0);
        assert_eq!(r, 0.0, "cold leaves treasure alone");
        // burn-proof potions never shatter.
        for _ in 0..200 {
            let o = make(&mut w, 60);
            if let Some(ob) = w.obj_mut(o) {
                ob.extra_flags |= extra::BURN_PROOF;
            }
            cold_effect(&mut w, EffectTarget::Obj(o), 100, 1000);
            assert!(w.obj(o).is_some());
            w.extract_obj(o);
        }
    }

    #[test]
    fn fire_burns_scrolls_and_spills_containers() {
        let mut w = world(2);
        // L 20, dam 0: 5 + 50 = 55 % -> 44 %.
        let r = ruin_rate(&mut w, 61, Element::Fire, 20, 0);
        assert!((r - 0.44).abs() < 0.03, "{r}");
        // a burning bag drops its contents on the floor.
        let p = player(&mut w);
        let mut spilled = false;
        for _ in 0..200 {
            let bag = make(&mut w, 64);
            let gem = make(&mut w, 67);
            w.obj_to_obj(gem, bag);
            w.obj_to_char(bag, p);
            fire_effect(&mut w, EffectTarget::Obj(bag), 400, 0);
            if w.obj(bag).is_none() {
                assert_eq!(w.obj(gem).map(|o| o.loc), Some(ObjLoc::Room(HERE)));
                spilled = true;
                break;
            }
            w.extract_obj(bag);
        }
        assert!(spilled);
        let out = w.ch_mut(p).map(|c| std::mem::take(&mut c.output));
        assert!(out.is_some_and(|o| o.contains("catches fire")));
    }

    #[test]
    fn acid_etches_worn_armour_for_good() {
        let mut w = world(3);
        let p = player(&mut w);
        let shield = make(&mut w, 62);
        w.obj_to_char(shield, p);
        assert!(w.equip_char(p, shield, wear_loc::SHIELD));
        let before = w.get_ac(p, 0);
        let mut tries = 0;
        while w.obj(shield).is_some_and(|o| o.affects.is_empty()) {
            acid_effect(&mut w, EffectTarget::Char(p), 400, 0);
            tries += 1;
            assert!(tries < 100);
        }
        let a = w.obj(shield).map(|o| o.affects[0].clone());
        assert_eq!(
            a.map(|a| (a.location, a.modifier, a.duration)),
            Some((apply::AC, 1, -1))
        );
        assert_eq!(w.get_ac(p, 0), before + 1);
        // a second etch deepens the same affect; taking it off undoes both.
        while w.obj(shield).is_some_and(|o| o.affects[0].modifier == 1) {
            acid_effect(&mut w, EffectTarget::Obj(shield), 400, 0);
        }
        assert_eq!(w.get_ac(p, 0), before + 2);
        w.unequip_char(p, shield);
        assert_eq!(w.get_ac(p, 0), 100);
    }

    /// Acid ruins a bag on the floor; what was inside falls out and is
    /// exposed at half level and half damage: some scrolls survive on the
    /// floor, some are eaten too.
    #[test]
    fn acid_dissolves_containers_and_exposes_their_contents() {
        let mut w = world(7);
        let (mut survived, mut eaten) = (0, 0);
        for _ in 0..300 {
            let bag = make(&mut w, 64);
            let scroll = make(&mut w, 61);
            w.obj_to_obj(scroll, bag);
            w.obj_to_room(bag, HERE);
            acid_effect(&mut w, EffectTarget::Room(HERE), 400, 0);
            if w.obj(bag).is_some() {
                w.extract_obj(bag);
                continue;
            }
            match w.obj(scroll).map(|o| o.loc) {
                Some(ObjLoc::Room(r)) => {
                    assert_eq!(r, HERE);
                    survived += 1;
                    w.extract_obj(scroll);
                }
                Some(other) => panic!("scroll left at {other:?}"),
                None => eaten += 1,
            }
        }
        assert!(survived > 0 && eaten > 0, "{survived} {eaten}");
        // at half strength (L 200: 50 -> 37, +10 for a scroll = 47 %, of
        // the 80 % not spared) fewer than half are eaten.
        let rate = f64::from(eaten) / f64::from(eaten + survived);
        assert!((rate - 0.376).abs() < 0.08, "{rate}");
    }

    #[test]
    fn poison_taints_food_and_drink_unless_full_or_blessed() {
        let mut w = world(4);
        let bread = make(&mut w, 63);
        let mut tries = 0;
        while w.obj(bread).is_some_and(|o| o.values[3] == 0) {
            poison_effect(&mut w, EffectTarget::Obj(bread), 40, 100);
            tries += 1;
            assert!(tries < 100);
        }
        assert!(w.obj(bread).is_some(), "poison does not destroy");
        // a full flask (v0 == v1) and blessed food are never tainted.
        let flask = make(&mut w, 66);
        let holy = make(&mut w, 63);
        if let Some(o) = w.obj_mut(flask) {
            o.values[1] = o.values[0];
        }
        if let Some(o) = w.obj_mut(holy) {
            o.extra_flags |= extra::BLESS;
        }
        for _ in 0..200 {
            poison_effect(&mut w, EffectTarget::Obj(flask), 400, 1000);
            poison_effect(&mut w, EffectTarget::Obj(holy), 400, 1000);
        }
        assert_eq!(w.obj(flask).map(|o| o.values[3]), Some(0));
        assert_eq!(w.obj(holy).map(|o| o.values[3]), Some(0));
    }

    #[test]
    fn shock_explodes_wands_on_the_floor() {
        let mut w = world(5);
        // L 40, dam 100: 10 + 10 = 20 + 10 = 30 % -> 24 %.
        let r = ruin_rate(&mut w, 65, Element::Shock, 40, 100);
        assert!((r - 0.24).abs() < 0.03, "{r}");
        let wand = make(&mut w, 65);
        w.obj_to_room(wand, HERE);
        let mut tries = 0;
        while w.obj(wand).is_some() {
            shock_effect(&mut w, EffectTarget::Room(HERE), 400, 1000);
            tries += 1;
            assert!(tries < 100);
        }
    }

    #[test]
    fn ailments_on_characters() {
        let mut w = world(6);
        let p = player(&mut w);
        if let Some(pc) = w.ch_mut(p).and_then(|c| c.pc.as_mut()) {
            pc.condition[COND_HUNGER] = 10;
            pc.condition[COND_THIRST] = 10;
        }
        // cold: chill touch str -1 for 6 (joined), hunger + dam/20.
        while !w.is_affected(p, skill("chill touch")) {
            cold_effect(&mut w, EffectTarget::Char(p), 200, 100);
        }
        let a = w.ch(p).map(|c| c.affects[0].clone());
        assert_eq!(
            a.map(|a| (a.duration, a.location, a.modifier, a.level)),
            Some((6, apply::STR, -1, 200))
        );
        let hunger = w
            .ch(p)
            .and_then(|c| c.pc.as_ref())
            .map(|pc| pc.condition[COND_HUNGER]);
        assert!(
            hunger.is_some_and(|h| h > 10 && (h - 10) % 5 == 0),
            "{hunger:?}"
        );
        // fire: blindness typed as fire breath, hitroll -4, at most L/10.
        while !w.is_affected(p, skill("fire breath")) {
            fire_effect(&mut w, EffectTarget::Char(p), 50, 100);
        }
        let a = w.ch(p).and_then(|c| {
            c.affects
                .iter()
                .find(|a| a.skill == skill("fire breath"))
                .cloned()
        });
        assert!(a.as_ref().is_some_and(|a| a.bits == aff::BLIND
            && a.modifier == -4
            && (0..=5).contains(&a.duration)));
        // poison: str -1, level L, duration L/2.
        while !w.is_affected(p, gsn::POISON) {
            poison_effect(&mut w, EffectTarget::Char(p), 40, 0);
        }
        let a = w
            .ch(p)
            .and_then(|c| c.affects.iter().find(|a| a.skill == gsn::POISON).cloned());
        assert_eq!(
            a.map(|a| (a.level, a.duration, a.modifier, a.bits)),
            Some((40, 20, -1, aff::POISON))
        );
        // shock: daze max(12, L/4 + dam/20).
        while w.ch(p).is_some_and(|c| c.daze == 0) {
            shock_effect(&mut w, EffectTarget::Char(p), 200, 200);
        }
        assert_eq!(w.ch(p).map(|c| c.daze), Some(60));
        if let Some(c) = w.ch_mut(p) {
            c.daze = 0;
            c.level = LEVEL_IMMORTAL;
        }
        while w.ch(p).is_some_and(|c| c.daze == 0) {
            shock_effect(&mut w, EffectTarget::Char(p), 8, 0);
        }
        assert_eq!(w.ch(p).map(|c| c.daze), Some(12));
    }
}
