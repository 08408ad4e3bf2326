//! Magic items (rom-mechanics 8.1 and 6.4's `obj_cast_spell`): `quaff`
//! (potions), `recite` (scrolls), `brandish` (staves) and `zap` (wands).
//!
//! The spell values of these items hold skill numbers (the area loader
//! turns the spell words into them; -1 or 0 is an empty slot). Every spell
//! runs through [`obj_cast_spell`] at the item's spell level (value 0): no
//! mana, no failure roll, no wait of its own, and the spell's target picked
//! from the user's choice with defaults (offensive spells fall back to the
//! user's opponent, defensive ones to the user). Scrolls, staves and wands
//! need a roll against `20 + skill × 4/5` of the scrolls, staves or wands
//! skill, which improves by use (ROM's multiplier 2); staves and wands cost
//! a charge either way and lag their user 24 pulses.
//!
//! Departures from ROM:
//! * Pills are eaten (`food::do_eat`), through [`obj_cast_spell`] too.
//! * For the object-or-character offensive target a character is checked
//!   with `is_safe` (and its messages), where ROM uses the silent
//!   `is_safe_spell` — the same choice `cast` makes (see `magic`).
//! * A spell with no function yet is handled as ROM handles a bad spell
//!   number: logged and skipped (a staff refuses before its lag, as ROM's
//!   `brandish` does; an empty slot, -1 or 0, is silently nothing).
//! * Messages are our own words except the short functional ones.

use super::fight;
use super::magic::{self, SpellTarget};
use super::skills::check_improve;
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::rules::{gsn, Sn, Target};
use crate::world::*;

/// Staves and wands lag their user two combat rounds.
const ITEM_WAIT: i32 = 24;

fn wait_state(world: &mut World, ch: CharId, pulses: i32) {
    if let Some(c) = world.ch_mut(ch) {
        c.wait = c.wait.max(pulses);
    }
}

/// The spell number held in an item value (`None` for an empty slot).
fn spell_in(value: i64) -> Option<Sn> {
    i32::try_from(value).ok().filter(|&n| n > 0).map(Sn)
}

/// Does the roll with a scrolls/staves/wands skill succeed?
fn item_roll(world: &mut World, ch: CharId, sn: Sn) -> bool {
    let skill = world.get_skill(ch, sn);
    world.rng.percent() < 20 + skill * 4 / 5
}

/// ROM's obj_cast_spell: cast `sn` from an object at `level`, at `victim`
/// or `obj` if given, else at the default target of the spell.
pub fn obj_cast_spell(
    world: &mut World,
    sn: i64,
    level: i32,
    ch: CharId,
    victim: Option<CharId>,
    obj: Option<ObjId>,
) {
    let Some(sn) = spell_in(sn) else { return };
    let (Some(skill), Some(f)) = (sn.skill(), magic::spell_fn(sn)) else {
        world.log(format!("obj_cast_spell: bad spell number {}", sn.0));
        return;
    };
    let fighting = world.ch(ch).and_then(|c| c.fighting);
    let mut victim = victim;
    let target = match skill.target {
        Target::Ignore => SpellTarget::None,
        Target::CharOffensive => {
            let Some(v) = victim.or(fighting) else {
                world.send(ch, "You can't do that.\n");
                return;
            };
            if v != ch && fight::is_safe(world, ch, v) {
                world.send(ch, "Something isn't right...\n");
                return;
            }
            victim = Some(v);
            SpellTarget::Char(v)
        }
        Target::CharDefensive | Target::CharSelf => {
            let v = victim.unwrap_or(ch);
            victim = Some(v);
            SpellTarget::Char(v)
        }
        Target::ObjInv => match obj {
            Some(o) => SpellTarget::Obj(o),
            None => {
                world.send(ch, "You can't do that.\n");
                return;
            }
        },
        Target::ObjCharOffensive => {
            if victim.is_none() && obj.is_none() {
                match fighting {
                    Some(v) => victim = Some(v),
                    None => {
                        world.send(ch, "You can't do that.\n");
                        return;
                    }
                }
            }
            match (victim, obj) {
                (Some(v), _) => {
                    if v != ch && fight::is_safe(world, ch, v) {
                        world.send(ch, "Something isn't right...\n");
                        return;
                    }
                    SpellTarget::Char(v)
                }
                (None, Some(o)) => SpellTarget::Obj(o),
                (None, None) => return,
            }
        }
        Target::ObjCharDefensive => match (victim, obj) {
            (Some(v), _) => SpellTarget::Char(v),
            (None, Some(o)) => SpellTarget::Obj(o),
            (None, None) => {
                victim = Some(ch);
                SpellTarget::Char(ch)
            }
        },
    };
    f(world, sn, level, ch, target);
    let offensive = skill.target == Target::CharOffensive
        || (skill.target == Target::ObjCharOffensive && matches!(target, SpellTarget::Char(_)));
    if offensive {
        magic::retaliate(world, ch, victim);
    }
}

/// `quaff <potion>`: drink a potion; its spells act on you.
pub fn do_quaff(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Quaff what?\n");
        return;
    }
    let Some(obj) = world.get_obj_carry(ch, &name) else {
        world.send(ch, "You do not have that potion.\n");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    if o.item_type != item::POTION {
        world.send(ch, "You can quaff only potions.\n");
        return;
    }
    let (obj_level, values) = (o.level, o.values);
    if world.ch(ch).is_some_and(|c| c.level < obj_level) {
        world.send(ch, "This liquid is too powerful for you to drink.\n");
        return;
    }
    world.act("$n quaffs $p.", ch, ActArgs::obj(obj), To::Room);
    world.act("You quaff $p.", ch, ActArgs::obj(obj), To::Char);
    let level = values[0] as i32;
    for &sn in &values[1..4] {
        obj_cast_spell(world, sn, level, ch, Some(ch), None);
    }
    world.extract_obj(obj);
}

/// `recite <scroll> [char|obj]`: read a scroll aloud; it crumbles either way.
pub fn do_recite(world: &mut World, ch: CharId, arg: &str) {
    let (name, rest) = one_argument(arg);
    let (target, _) = one_argument(rest);
    let Some(scroll) = world.get_obj_carry(ch, &name) else {
        world.send(ch, "You do not have that scroll.\n");
        return;
    };
    let Some(o) = world.obj(scroll) else { return };
    if o.item_type != item::SCROLL {
        world.send(ch, "You can recite only scrolls.\n");
        return;
    }
    let (scroll_level, values) = (o.level, o.values);
    if world.ch(ch).is_some_and(|c| c.level < scroll_level) {
        world.send(ch, "This scroll is too complex for you to comprehend.\n");
        return;
    }
    let (victim, obj) = if target.is_empty() {
        (Some(ch), None)
    } else {
        match world.get_char_room(ch, &target) {
            Some(v) => (Some(v), None),
            None => match world.get_obj_here(ch, &target) {
                Some(o) => (None, Some(o)),
                None => {
                    world.send(ch, "You can't find it.\n");
                    return;
                }
            },
        }
    };
    world.act("$n recites $p.", ch, ActArgs::obj(scroll), To::Room);
    world.act("You recite $p.", ch, ActArgs::obj(scroll), To::Char);
    if !item_roll(world, ch, gsn::SCROLLS) {
        world.send(ch, "You mispronounce a syllable.\n");
        check_improve(world, ch, gsn::SCROLLS, false, 2);
    } else {
        let level = values[0] as i32;
        for &sn in &values[1..4] {
            obj_cast_spell(world, sn, level, ch, victim, obj);
        }
        check_improve(world, ch, gsn::SCROLLS, true, 2);
    }
    world.extract_obj(scroll);
}

/// The held item of `kind`, or a message and `None`.
fn held(world: &mut World, ch: CharId, kind: i32, wrong: &str) -> Option<ObjId> {
    let Some(obj) = world.get_eq_char(ch, wear_loc::HOLD) else {
        world.send(ch, "You hold nothing in your hand.\n");
        return None;
    };
    if world.obj(obj).is_none_or(|o| o.item_type != kind) {
        world.send(ch, wrong);
        return None;
    }
    Some(obj)
}

/// One charge of a staff or wand is gone; at none left the item is too.
fn use_charge(world: &mut World, ch: CharId, obj: ObjId, to_room: &str, to_char: &str) {
    let left = match world.obj_mut(obj) {
        Some(o) => {
            o.values[2] -= 1;
            o.values[2]
        }
        None => return,
    };
    if left <= 0 {
        world.act(to_room, ch, ActArgs::obj(obj), To::Room);
        world.act(to_char, ch, ActArgs::obj(obj), To::Char);
        world.extract_obj(obj);
    }
}

/// `brandish`: wave the held staff; its spell reaches everyone it suits.
pub fn do_brandish(world: &mut World, ch: CharId, _arg: &str) {
    let Some(staff) = held(
        world,
        ch,
        item::STAFF,
        "You can brandish only with a staff.\n",
    ) else {
        return;
    };
    let Some(o) = world.obj(staff) else { return };
    let (staff_level, values) = (o.level, o.values);
    let Some(kind) = spell_in(values[3])
        .filter(|&sn| magic::spell_fn(sn).is_some())
        .and_then(|sn| sn.skill().map(|s| s.target))
    else {
        world.log(format!("do_brandish: bad spell number {}", values[3]));
        return;
    };
    wait_state(world, ch, ITEM_WAIT);
    if values[2] > 0 {
        world.act("$n brandishes $p.", ch, ActArgs::obj(staff), To::Room);
        world.act("You brandish $p.", ch, ActArgs::obj(staff), To::Char);
        let Some(c) = world.ch(ch) else { return };
        let (my_level, is_npc, room) = (c.level, c.is_npc(), c.room);
        if my_level < staff_level || !item_roll(world, ch, gsn::STAVES) {
            world.act("You fail to invoke $p.", ch, ActArgs::obj(staff), To::Char);
            world.act("...and nothing happens.", ch, ActArgs::default(), To::Room);
            check_improve(world, ch, gsn::STAVES, false, 2);
        } else {
            let people = room
                .and_then(|r| world.room(r))
                .map(|r| r.people.clone())
                .unwrap_or_default();
            for vch in people {
                let Some(v) = world.ch(vch) else { continue };
                if v.room != room {
                    continue;
                }
                let hit = match kind {
                    Target::Ignore | Target::CharSelf => vch == ch,
                    Target::CharOffensive => v.is_npc() != is_npc,
                    Target::CharDefensive => v.is_npc() == is_npc,
                    // ROM gives up on a staff of an object spell, charge and all.
                    _ => return,
                };
                if !hit {
                    continue;
                }
                obj_cast_spell(world, values[3], values[0] as i32, ch, Some(vch), None);
                check_improve(world, ch, gsn::STAVES, true, 2);
            }
        }
    }
    use_charge(
        world,
        ch,
        staff,
        "$n's $p flares blindingly and is gone.",
        "Your $p flares blindingly and is gone.",
    );
}

/// `zap [char|obj]`: point the held wand (at your opponent by default).
pub fn do_zap(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    let fighting = world.ch(ch).and_then(|c| c.fighting);
    if name.is_empty() && fighting.is_none() {
        world.send(ch, "Zap whom or what?\n");
        return;
    }
    let Some(wand) = held(world, ch, item::WAND, "You can zap only with a wand.\n") else {
        return;
    };
    let (victim, obj) = if name.is_empty() {
        (fighting, None)
    } else {
        match world.get_char_room(ch, &name) {
            Some(v) => (Some(v), None),
            None => match world.get_obj_here(ch, &name) {
                Some(o) => (None, Some(o)),
                None => {
                    world.send(ch, "You can't find it.\n");
                    return;
                }
            },
        }
    };
    wait_state(world, ch, ITEM_WAIT);
    let Some(w) = world.obj(wand) else { return };
    let (wand_level, values) = (w.level, w.values);
    if values[2] > 0 {
        match (victim, obj) {
            (Some(v), _) => {
                let args = ActArgs::obj(wand).with_vict(v);
                world.act("$n zaps $N with $p.", ch, args, To::NotVict);
                world.act("You zap $N with $p.", ch, args, To::Char);
                world.act("$n zaps you with $p.", ch, args, To::Vict);
            }
            (None, Some(o)) => {
                let args = ActArgs::obj(wand).with_obj2(o);
                world.act("$n zaps $P with $p.", ch, args, To::Room);
                world.act("You zap $P with $p.", ch, args, To::Char);
            }
            (None, None) => {}
        }
        let my_level = world.ch(ch).map_or(0, |c| c.level);
        if my_level < wand_level || !item_roll(world, ch, gsn::WANDS) {
            world.act(
                "$p only sputters smoke and sparks.",
                ch,
                ActArgs::obj(wand),
                To::Char,
            );
            world.act(
                "$n's $p only sputters smoke and sparks.",
                ch,
                ActArgs::obj(wand),
                To::Room,
            );
            check_improve(world, ch, gsn::WANDS, false, 2);
        } else {
            obj_cast_spell(world, values[3], values[0] as i32, ch, victim, obj);
            check_improve(world, ch, gsn::WANDS, true, 2);
        }
    }
    use_charge(
        world,
        ch,
        wand,
        "$n's $p bursts into fragments.",
        "Your $p bursts into fragments.",
    );
}
