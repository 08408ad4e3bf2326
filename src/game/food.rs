//! Eating and drinking (rom-mechanics 7.2 and 7.3): `eat`, `drink`,
//! `fill` and `pour`, the liquid table's effects on the four conditions,
//! poisoned food and drink, and pills.
//!
//! ROM's short condition lines ("You are full.", "Your thirst is
//! quenched.", "You feel drunk.", "You are no longer hungry.") are kept as
//! players know them; the rest is in our own words. A pill's spells go
//! through `obj_cast_spell`, as a potion's do, at `value[0]` on the eater.

use super::act_magic_item::obj_cast_spell;
use crate::db::tables::LIQUIDS;
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::rules::gsn;
use crate::world::{aff, apply, item, Affect, CharId, ObjId, World, LEVEL_IMMORTAL};
use crate::world::{COND_DRUNK, COND_FULL, COND_HUNGER, COND_THIRST};

use super::update::gain_condition;

fn send(world: &mut World, ch: CharId, text: &str) {
    world.send(ch, &format!("{text}\n"));
}

fn condition(world: &World, ch: CharId, which: usize) -> i32 {
    world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .map_or(0, |pc| pc.condition[which])
}

fn is_mortal(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(|c| c.level < LEVEL_IMMORTAL)
}

/// Poison `ch` from tainted food or drink: str -1, joined with any poison
/// already there.
fn poison_eater(world: &mut World, ch: CharId, level: i32, duration: i32) {
    world.act("$n chokes and gags.", ch, ActArgs::default(), To::Room);
    send(world, ch, "You choke and gag.");
    let level = world.rng.fuzzy(level);
    world.affect_join(
        ch,
        Affect {
            skill: gsn::POISON,
            level,
            duration,
            location: apply::STR,
            modifier: -1,
            bits: aff::POISON,
            ..Affect::default()
        },
    );
}

/// `eat <item>`: food and pills (mortals), anything (immortals).
pub fn do_eat(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        send(world, ch, "Eat what?");
        return;
    }
    let Some(obj) = world.get_obj_carry(ch, &word) else {
        send(world, ch, "You do not have that item.");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    let (kind, values) = (o.item_type, o.values);
    if is_mortal(world, ch) {
        if kind != item::FOOD && kind != item::PILL {
            send(world, ch, "That's not edible.");
            return;
        }
        if condition(world, ch, COND_FULL) > 40 {
            send(world, ch, "You are too full to eat more.");
            return;
        }
    }
    world.act("$n eats $p.", ch, ActArgs::obj(obj), To::Room);
    world.act("You eat $p.", ch, ActArgs::obj(obj), To::Char);
    match kind {
        item::FOOD => {
            let was_starving = condition(world, ch, COND_HUNGER) == 0;
            gain_condition(world, ch, COND_FULL, values[0] as i32);
            gain_condition(world, ch, COND_HUNGER, values[1] as i32);
            if world.ch(ch).is_some_and(|c| c.pc.is_some()) {
                if was_starving && condition(world, ch, COND_HUNGER) > 0 {
                    send(world, ch, "You are no longer hungry.");
                } else if condition(world, ch, COND_FULL) > 40 {
                    send(world, ch, "You are full.");
                }
            }
            if values[3] != 0 {
                let v0 = values[0] as i32;
                poison_eater(world, ch, v0, 2 * v0);
            }
        }
        item::PILL => {
            let level = values[0] as i32;
            for &sn in &values[1..=3] {
                obj_cast_spell(world, sn, level, ch, Some(ch), None);
            }
        }
        _ => {}
    }
    world.extract_obj(obj);
}

/// The first fountain in `ch`'s room.
fn fountain_here(world: &World, ch: CharId) -> Option<ObjId> {
    let room = world.ch(ch)?.room?;
    world
        .room(room)?
        .contents
        .iter()
        .copied()
        .find(|&o| world.obj(o).is_some_and(|o| o.item_type == item::FOUNTAIN))
}

/// The liquid index in an item's `value[2]`, clamped into the table.
fn liquid_of(values: &[i64; 5]) -> usize {
    usize::try_from(values[2])
        .ok()
        .filter(|&l| l < LIQUIDS.len())
        .unwrap_or(0)
}

/// `drink [item]`: from a fountain (no argument: the first here) or a
/// drink container.
pub fn do_drink(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let obj = if word.is_empty() {
        match fountain_here(world, ch) {
            Some(o) => o,
            None => {
                send(world, ch, "Drink what?");
                return;
            }
        }
    } else {
        match world.get_obj_here(ch, &word) {
            Some(o) => o,
            None => {
                send(world, ch, "You can't find it.");
                return;
            }
        }
    };
    if condition(world, ch, COND_DRUNK) > 10 {
        send(world, ch, "You fail to reach your mouth.  *Hic*");
        return;
    }
    let Some(o) = world.obj(obj) else { return };
    let (kind, values) = (o.item_type, o.values);
    let liquid = liquid_of(&values);
    let Some(liq) = LIQUIDS.get(liquid) else {
        return;
    };
    let amount = match kind {
        item::FOUNTAIN => liq.sip * 3,
        item::DRINK_CON => {
            if values[1] <= 0 {
                send(world, ch, "It is already empty.");
                return;
            }
            (liq.sip as i64).min(values[1]) as i32
        }
        _ => {
            send(world, ch, "You can't drink from that.");
            return;
        }
    };
    if is_mortal(world, ch) && condition(world, ch, COND_FULL) > 45 {
        send(world, ch, "You're too full to drink more.");
        return;
    }
    let args = ActArgs::obj(obj).with_text2(liq.name);
    world.act("$n drinks $T from $p.", ch, args, To::Room);
    world.act("You drink $T from $p.", ch, args, To::Char);
    gain_condition(world, ch, COND_DRUNK, amount * liq.proof / 36);
    gain_condition(world, ch, COND_FULL, amount * liq.full / 4);
    gain_condition(world, ch, COND_THIRST, amount * liq.thirst / 10);
    gain_condition(world, ch, COND_HUNGER, amount * liq.food / 2);
    if world.ch(ch).is_some_and(|c| c.pc.is_some()) {
        if condition(world, ch, COND_DRUNK) > 10 {
            send(world, ch, "You feel drunk.");
        }
        if condition(world, ch, COND_FULL) > 40 {
            send(world, ch, "You are full.");
        }
        if condition(world, ch, COND_THIRST) > 40 {
            send(world, ch, "Your thirst is quenched.");
        }
    }
    if values[3] != 0 {
        poison_eater(world, ch, amount, 3 * amount);
    }
    if kind == item::DRINK_CON && values[0] > 0 {
        if let Some(o) = world.obj_mut(obj) {
            o.values[1] -= i64::from(amount);
        }
    }
}

/// `fill <container>`: from a fountain in the room, to the brim.
pub fn do_fill(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        send(world, ch, "Fill what?");
        return;
    }
    let Some(obj) = world.get_obj_carry(ch, &word) else {
        send(world, ch, "You do not have that item.");
        return;
    };
    let Some(fountain) = fountain_here(world, ch) else {
        send(world, ch, "There is no fountain here!");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    let values = o.values;
    if o.item_type != item::DRINK_CON {
        send(world, ch, "You can't fill that.");
        return;
    }
    let source = world.obj(fountain).map_or(0, |f| liquid_of(&f.values));
    if values[1] != 0 && liquid_of(&values) != source {
        send(world, ch, "There is already another liquid in it.");
        return;
    }
    if values[1] >= values[0] {
        send(world, ch, "Your container is full.");
        return;
    }
    let name = LIQUIDS.get(source).map_or("water", |l| l.name);
    let args = ActArgs::obj(obj).with_text2(name).with_obj2(fountain);
    world.act("You fill $p with $T from $P.", ch, args, To::Char);
    world.act("$n fills $p with $T from $P.", ch, args, To::Room);
    if let Some(o) = world.obj_mut(obj) {
        o.values[2] = source as i64;
        o.values[1] = o.values[0];
    }
}

/// `pour <container> out`, or `pour <container> <container|someone>`.
pub fn do_pour(world: &mut World, ch: CharId, arg: &str) {
    let (from_word, rest) = one_argument(arg);
    let (to_word, _) = one_argument(rest);
    if from_word.is_empty() || to_word.is_empty() {
        send(world, ch, "Pour what into what?");
        return;
    }
    let Some(out) = world.get_obj_carry(ch, &from_word) else {
        send(world, ch, "You don't have that item.");
        return;
    };
    let Some(o) = world.obj(out) else { return };
    let values = o.values;
    if o.item_type != item::DRINK_CON {
        send(world, ch, "That's not a drink container.");
        return;
    }
    let liquid = liquid_of(&values);
    let name = LIQUIDS.get(liquid).map_or("water", |l| l.name).to_string();
    if to_word.eq_ignore_ascii_case("out") {
        if values[1] == 0 {
            send(world, ch, "It's already empty.");
            return;
        }
        if let Some(o) = world.obj_mut(out) {
            o.values[1] = 0;
            o.values[3] = 0;
        }
        let args = ActArgs::obj(out).with_text2(&name);
        world.act(
            "You tip $p over and the $T runs out onto the ground.",
            ch,
            args,
            To::Char,
        );
        world.act(
            "$n tips $p over and the $T runs out onto the ground.",
            ch,
            args,
            To::Room,
        );
        return;
    }
    // Into another container: one here, one carried, or one held by someone.
    let mut holder = None;
    let target = match world.get_obj_here(ch, &to_word) {
        Some(t) => Some(t),
        None => match world.get_char_room(ch, &to_word) {
            Some(v) => {
                holder = Some(v);
                world.get_eq_char(v, crate::world::wear_loc::HOLD)
            }
            None => {
                send(world, ch, "Pour into what?");
                return;
            }
        },
    };
    let Some(into) = target else {
        send(world, ch, "They aren't holding anything.");
        return;
    };
    let Some(t) = world.obj(into) else { return };
    let tv = t.values;
    if t.item_type != item::DRINK_CON {
        send(world, ch, "You can only pour into other drink containers.");
        return;
    }
    if into == out {
        send(world, ch, "You cannot change the laws of physics!");
        return;
    }
    if tv[1] != 0 && liquid_of(&tv) != liquid {
        send(world, ch, "They don't hold the same liquid.");
        return;
    }
    if values[1] == 0 {
        world.act(
            "There's nothing in $p to pour.",
            ch,
            ActArgs::obj(out),
            To::Char,
        );
        return;
    }
    if tv[1] >= tv[0] {
        world.act(
            "$p is already filled to the top.",
            ch,
            ActArgs::obj(into),
            To::Char,
        );
        return;
    }
    let amount = values[1].min(tv[0] - tv[1]);
    if let Some(o) = world.obj_mut(out) {
        o.values[1] -= amount;
    }
    if let Some(t) = world.obj_mut(into) {
        t.values[1] += amount;
        t.values[2] = liquid as i64;
    }
    let args = ActArgs::obj(out).with_text2(&name).with_obj2(into);
    match holder {
        None => {
            world.act("You pour $T from $p into $P.", ch, args, To::Char);
            world.act("$n pours $T from $p into $P.", ch, args, To::Room);
        }
        Some(v) => {
            let args = args.with_vict(v);
            world.act("You pour some $T for $N.", ch, args, To::Char);
            world.act("$n pours you some $T.", ch, args, To::Vict);
            world.act("$n pours some $T for $N.", ch, args, To::NotVict);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{AreaId, AreaProto, Char, Obj, PcData, Protos, RoomProto, RoomVnum};

    fn world() -> (World, CharId) {
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
        let mut w = World::new(p, 11);
        let ch = w.chars.insert(Char {
            name: "Tess".into(),
            level: 5,
            position: crate::world::pos::STANDING,
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::new(PcData {
                condition: [0, 20, 0, 0],
                ..PcData::default()
            })),
            ..Char::default()
        });
        w.char_to_room(ch, RoomVnum(10));
        (w, ch)
    }

    fn give(w: &mut World, ch: CharId, name: &str, kind: i32, values: [i64; 5]) -> ObjId {
        let o = w.objs.insert(Obj {
            name: name.into(),
            short_descr: format!("a {name}"),
            item_type: kind,
            values,
            wear_loc: -1,
            ..Obj::default()
        });
        w.obj_to_char(o, ch);
        o
    }

    fn cond(w: &World, ch: CharId) -> [i32; 4] {
        w.ch(ch)
            .and_then(|c| c.pc.as_ref())
            .map(|p| p.condition)
            .unwrap_or_default()
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn eating_fills_and_feeds_and_poison_chokes() {
        let (mut w, ch) = world();
        let bread = give(&mut w, ch, "bread", item::FOOD, [5, 12, 0, 0, 0]);
        do_eat(&mut w, ch, "bread");
        assert_eq!(cond(&w, ch), [0, 25, 0, 12]);
        let t = out(&mut w, ch);
        assert!(
            t.contains("You eat a bread.") && t.contains("You are no longer hungry."),
            "{t}"
        );
        assert!(w.obj(bread).is_none(), "eaten");
        // Tainted meat: poison joined, level fuzzy(v0), duration 2 × v0.
        give(&mut w, ch, "meat", item::FOOD, [4, 4, 0, 1, 0]);
        do_eat(&mut w, ch, "meat");
        let p = w
            .ch(ch)
            .and_then(|c| c.affects.first().cloned())
            .unwrap_or_default();
        assert_eq!((p.skill, p.duration, p.modifier), (gsn::POISON, 8, -1));
        assert!((3..=5).contains(&p.level), "{}", p.level);
        assert!(w.ch(ch).is_some_and(|c| c.is_affected(aff::POISON)));
        // Full above 40: no more eating; and only food.
        if let Some(pc) = w.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            pc.condition[COND_FULL] = 41;
        }
        give(&mut w, ch, "cake", item::FOOD, [5, 5, 0, 0, 0]);
        out(&mut w, ch);
        do_eat(&mut w, ch, "cake");
        assert!(out(&mut w, ch).contains("too full"));
        give(&mut w, ch, "rock", item::TREASURE, [0; 5]);
        do_eat(&mut w, ch, "rock");
        assert!(out(&mut w, ch).contains("not edible"));
    }

    #[test]
    fn a_pill_casts_its_spells_on_the_eater() {
        let (mut w, ch) = world();
        let armor = crate::world::rules::skill_lookup("armor").map_or(0, |s| s.0);
        give(
            &mut w,
            ch,
            "pill",
            item::PILL,
            [12, i64::from(armor), -1, 0, 0],
        );
        do_eat(&mut w, ch, "pill");
        let a = w
            .ch(ch)
            .and_then(|c| c.affects.first().cloned())
            .unwrap_or_default();
        assert_eq!((a.location, a.modifier, a.duration), (apply::AC, -20, 24));
    }

    #[test]
    fn drinking_follows_the_liquid_table() {
        let (mut w, ch) = world();
        // Ale (index 3): proof 15, full 1, thirst 8, food 1, sip 12.
        let skin = give(&mut w, ch, "skin", item::DRINK_CON, [20, 20, 3, 0, 0]);
        do_drink(&mut w, ch, "skin");
        // drunk 12*15/36 = 5, full 20 + 12/4 = 23, thirst 12*8/10 = 9, hunger 12/2 = 6.
        assert_eq!(cond(&w, ch), [5, 23, 9, 6]);
        assert_eq!(w.obj(skin).map(|o| o.values[1]), Some(8));
        do_drink(&mut w, ch, "skin");
        // Only 8 left: drunk 5 + 8*15/36 = 8.
        assert_eq!(cond(&w, ch)[COND_DRUNK], 8);
        assert_eq!(w.obj(skin).map(|o| o.values[1]), Some(0));
        out(&mut w, ch);
        do_drink(&mut w, ch, "skin");
        assert!(out(&mut w, ch).contains("already empty"));
        // Too drunk to drink.
        if let Some(pc) = w.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            pc.condition[COND_DRUNK] = 11;
        }
        do_drink(&mut w, ch, "skin");
        assert!(out(&mut w, ch).contains("fail to reach your mouth"));
    }

    #[test]
    fn a_fountain_quenches_fills_and_pour_moves_liquid() {
        let (mut w, ch) = world();
        let fountain = w.objs.insert(Obj {
            name: "fountain".into(),
            short_descr: "a fountain".into(),
            item_type: item::FOUNTAIN,
            values: [0, 0, 0, 0, 0],
            wear_loc: -1,
            ..Obj::default()
        });
        w.obj_to_room(fountain, RoomVnum(10));
        do_drink(&mut w, ch, "");
        // Water from a fountain: 3 sips of 16 = 48; thirst 48*10/10 = 48.
        assert_eq!(cond(&w, ch)[COND_THIRST], 48);
        assert!(out(&mut w, ch).contains("Your thirst is quenched."));
        let skin = give(&mut w, ch, "skin", item::DRINK_CON, [30, 0, 3, 0, 0]);
        do_fill(&mut w, ch, "skin");
        assert_eq!(
            w.obj(skin).map(|o| (o.values[1], o.values[2])),
            Some((30, 0))
        );
        do_fill(&mut w, ch, "skin");
        assert!(out(&mut w, ch).contains("Your container is full."));
        let cup = give(&mut w, ch, "cup", item::DRINK_CON, [10, 0, 5, 0, 0]);
        do_pour(&mut w, ch, "skin cup");
        assert_eq!(
            w.obj(cup).map(|o| (o.values[1], o.values[2])),
            Some((10, 0))
        );
        assert_eq!(w.obj(skin).map(|o| o.values[1]), Some(20));
        do_pour(&mut w, ch, "skin out");
        assert_eq!(w.obj(skin).map(|o| o.values[1]), Some(0));
        // A wine cup cannot take water once it holds wine.
        let wine = give(&mut w, ch, "goblet", item::DRINK_CON, [10, 5, 2, 0, 0]);
        if let Some(c) = w.obj_mut(cup) {
            c.values[1] = 1;
        }
        out(&mut w, ch);
        do_pour(&mut w, ch, "goblet cup");
        assert!(out(&mut w, ch).contains("same liquid"));
        assert_eq!(w.obj(wine).map(|o| o.values[1]), Some(5));
    }
}
