//! The world snapshot a copyover carries (`world::snapshot`): what it
//! writes comes back identical, damage is reported with line numbers, and
//! vanished prototypes are skipped with a note. On the bundled world.

use std::collections::HashMap;
use std::path::Path;

use gracemud::world::snapshot::{restore_snapshot, write_snapshot, SNAPSHOT_END, SNAPSHOT_HEADER};
use gracemud::world::*;

fn bundled_world() -> World {
    let r = gracemud::db::load_area_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/areas")));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    World::new(r.protos, 5)
}

/// A world where things moved: a mobile hurt and walked, an object
/// dropped, a renamed corpse with something inside, a door opened, an
/// area aged, the clock on.
fn disturbed() -> World {
    let mut w = bundled_world();
    w.reset_all();
    let mob = w
        .chars
        .iter()
        .find(|(_, c)| c.is_npc() && !c.carrying.is_empty())
        .map(|(id, _)| id)
        .expect("a mobile with gear");
    if let Some(c) = w.ch_mut(mob) {
        c.hit = 3;
        c.position = pos::RESTING;
        c.wait = 24;
        c.daze = 12;
    }
    w.char_to_room(mob, RoomVnum(3001));
    // Two mobiles in a fight (carried over a copyover, not stopped).
    let other = w
        .chars
        .iter()
        .find(|(id, c)| c.is_npc() && *id != mob)
        .map(|(id, _)| id)
        .expect("another mobile");
    w.char_to_room(other, RoomVnum(3001));
    if let Some(c) = w.ch_mut(mob) {
        c.fighting = Some(other);
    }
    if let Some(c) = w.ch_mut(other) {
        c.fighting = Some(mob);
        c.position = pos::FIGHTING;
    }
    let corpse = w.create_object(OBJ_VNUM_CORPSE_NPC, 0).expect("corpse");
    if let Some(o) = w.obj_mut(corpse) {
        o.name = "corpse goose".into();
        o.short_descr = "the corpse of a goose".into();
        o.description = "The corpse of a goose is lying here.".into();
        o.timer = 7;
    }
    w.obj_to_room(corpse, RoomVnum(3001));
    let coin = w.create_object(OBJ_VNUM_GOLD_ONE, 0).expect("coin");
    w.obj_to_obj(coin, corpse);
    // A player's corpse: its owner, timer and belongings survive.
    let pc_corpse = w.create_object(OBJ_VNUM_CORPSE_PC, 0).expect("pc corpse");
    if let Some(o) = w.obj_mut(pc_corpse) {
        o.name = "corpse alice".into();
        o.short_descr = "the corpse of Alice".into();
        o.owner = Some("Alice".into());
        o.timer = 31;
    }
    w.obj_to_room(pc_corpse, RoomVnum(3001));
    let vest = w.create_object(ObjVnum(3703), 0).expect("vest");
    w.obj_to_obj(vest, pc_corpse);
    let dropped = w.create_object(ObjVnum(3703), 0).expect("vest");
    w.obj_to_room(dropped, RoomVnum(3054));
    // A spell on the mobile (with its modifier applied) and on an object.
    let armor = gracemud::world::rules::skill_lookup("armor").expect("armor");
    w.affect_to_char(
        mob,
        Affect {
            skill: armor,
            level: 12,
            duration: 17,
            location: apply::AC,
            modifier: -20,
            ..Default::default()
        },
    );
    let giant = gracemud::world::rules::skill_lookup("giant strength").expect("giant");
    w.affect_to_char(
        mob,
        Affect {
            skill: giant,
            level: 12,
            duration: 9,
            location: apply::HIT,
            modifier: 30,
            ..Default::default()
        },
    );
    let fireproof = gracemud::world::rules::skill_lookup("fireproof").expect("fireproof");
    if let Some(o) = w.obj_mut(dropped) {
        o.affects.push(Affect {
            where_: to::OBJECT,
            skill: fireproof,
            level: 9,
            duration: 5,
            bits: extra::BURN_PROOF,
            ..Default::default()
        });
        o.extra_flags |= extra::BURN_PROOF;
        // An enchanted item (its own affects replace the prototype's).
        o.enchanted = true;
    }
    w.set_door_state(RoomVnum(3024), 1, 0);
    w.areas[1].age = 9;
    w.hour = 17;
    w.pulse = 12_345;
    w.channel_songs = [3, 1, 2, -1, -1, -1, -1, -1, -1, -1, -1];
    w.mayor = MayorWalk {
        path: 1,
        pos: 17,
        moving: true,
    };
    w.weather = Weather {
        mmhg: 987,
        change: -5,
        sky: SKY_RAINING,
    };
    w
}

#[test]
fn round_trip_restores_everything_it_wrote() {
    let a = disturbed();
    let text = write_snapshot(&a);
    let mut b = bundled_world();
    let notes = restore_snapshot(&mut b, &text, &HashMap::new()).expect("restore");
    assert!(notes.is_empty(), "{notes:?}");
    let again = write_snapshot(&b);
    let first = text
        .lines()
        .zip(again.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y);
    assert!(
        first.is_none() && text == again,
        "first difference at line {first:?}"
    );
    assert_eq!(a.chars.len(), b.chars.len());
    assert_eq!(a.objs.len(), b.objs.len());
    let fights = |w: &World| {
        w.chars
            .iter()
            .filter(|(_, c)| c.fighting.is_some())
            .map(|(_, c)| {
                let f = c
                    .fighting
                    .and_then(|f| w.ch(f))
                    .map(|f| f.short_descr.clone());
                (c.short_descr.clone(), f)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fights(&a).len(), 2);
    assert_eq!(fights(&a), fights(&b));
    let exit = |w: &World| {
        w.room(RoomVnum(3024))
            .and_then(|r| r.exits[1].as_ref())
            .map(|e| e.flags)
    };
    assert_eq!(exit(&a), exit(&b));
    assert_eq!(b.areas[1].age, 9);
    // Affects on mobiles and objects come back with their durations, and
    // the mobile's armour still counts the spell.
    let affected = |w: &World| {
        let mobs: Vec<(String, i32, i32, [i32; 4], i32)> = w
            .chars
            .iter()
            .filter(|(_, c)| !c.affects.is_empty())
            .map(|(_, c)| {
                (
                    c.short_descr.clone(),
                    c.affects[1].duration,
                    c.affects[1].modifier,
                    c.armor,
                    c.max_hit,
                )
            })
            .collect();
        let objs: Vec<(String, i32, bool)> = w
            .objs
            .iter()
            .filter(|(_, o)| !o.affects.is_empty())
            .map(|(_, o)| {
                (
                    o.short_descr.clone(),
                    o.affects[0].duration,
                    o.extra_flags & extra::BURN_PROOF != 0,
                )
            })
            .collect();
        (mobs, objs)
    };
    let (mobs, objs) = affected(&b);
    assert_eq!(mobs.len(), 1, "{mobs:?}");
    assert_eq!((mobs[0].1, mobs[0].2), (17, -20));
    assert_eq!(objs.len(), 1, "{objs:?}");
    assert_eq!((objs[0].1, objs[0].2), (5, true));
    assert_eq!(affected(&a), affected(&b));
    assert_eq!((b.hour, b.pulse), (17, 12_345));
    assert_eq!(
        (b.weather.mmhg, b.weather.change, b.weather.sky),
        (987, -5, SKY_RAINING)
    );
    // The same random numbers follow.
    let (ra, rb) = (a.rng.clone(), b.rng.clone());
    assert_eq!(ra.next_u64(), rb.next_u64());
    // What players see in the temple is the same, in the same order.
    let shorts = |w: &World, v: RoomVnum| -> Vec<String> {
        let r = w.room(v).expect("room");
        r.people
            .iter()
            .filter_map(|&c| w.ch(c).map(|c| format!("{} {}", c.short_descr, c.hit)))
            .chain(
                r.contents
                    .iter()
                    .filter_map(|&o| w.obj(o).map(|o| o.short_descr.clone())),
            )
            .collect()
    };
    assert_eq!(shorts(&a, RoomVnum(3001)), shorts(&b, RoomVnum(3001)));
    assert_eq!(shorts(&a, RoomVnum(3054)), shorts(&b, RoomVnum(3054)));
    let enchanted = |w: &World| w.objs.iter().filter(|(_, o)| o.enchanted).count();
    assert_eq!((enchanted(&a), enchanted(&b)), (1, 1));
    // Mobiles keep their command lag and daze.
    let lagged = |w: &World| {
        w.chars
            .iter()
            .filter(|(_, c)| c.is_npc() && (c.wait, c.daze) == (24, 12))
            .count()
    };
    assert_eq!((lagged(&a), lagged(&b)), (1, 1));
    // Corpses keep timer, owner and contents.
    let corpses = |w: &World| {
        let mut v: Vec<(String, i32, Option<String>, Vec<String>)> = w
            .objs
            .iter()
            .filter(|(_, o)| o.item_type == item::CORPSE_PC || o.item_type == item::CORPSE_NPC)
            .map(|(_, o)| {
                let inside = o
                    .contains
                    .iter()
                    .filter_map(|&i| w.obj(i).map(|i| i.short_descr.clone()))
                    .collect();
                (o.short_descr.clone(), o.timer, o.owner.clone(), inside)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(corpses(&a).len(), 2);
    assert_eq!(corpses(&a), corpses(&b));
    assert!(corpses(&b)
        .iter()
        .any(|c| c.1 == 31 && c.2.as_deref() == Some("Alice") && c.3.len() == 1));
}

#[test]
fn damaged_snapshots_are_errors_with_lines() {
    let text = write_snapshot(&disturbed());
    let mut w = bundled_world();
    let cut = &text[..text.len() / 2];
    let err = restore_snapshot(&mut w, cut, &HashMap::new()).unwrap_err();
    assert!(err.contains("snapshot"), "{err}");
    let mut w = bundled_world();
    let bad = text.replacen("Time ", "Time x", 1);
    let err = restore_snapshot(&mut w, &bad, &HashMap::new()).unwrap_err();
    assert!(err.starts_with("snapshot:2:"), "{err}");
    let mut w = bundled_world();
    assert!(restore_snapshot(&mut w, "nonsense", &HashMap::new()).is_err());
}

#[test]
fn repeated_orders_and_wear_slots_cost_no_rescans() {
    // Found with the fuzz harness (a large input run through `replay`):
    // every repeated `Order` line re-sorted its whole room, and every
    // object a mobile wore at an already filled slot scanned all it
    // carried (430 KB of snapshot: 5 s).
    let mut a = bundled_world();
    a.reset_all();
    let vnum = a.chars.iter().find_map(|(_, c)| c.vnum).expect("a mobile");
    let (mobs, objs, orders) = (2_000, 20_000, 20_000);
    let mut text = format!("{SNAPSHOT_HEADER}\n");
    for i in 0..mobs {
        text += &format!("#MOB\nId {i}\nVnum {}\nRoom 3001\nEnd\n", vnum.0);
    }
    for i in 0..objs {
        text += &format!("#OBJ\nId {i}\nVnum 3703\nLoc M 0\nWear 5\nEnd\n");
    }
    text += &"Order 3001 M1 M0\n".repeat(orders);
    text += &format!("{SNAPSHOT_END}\n");
    let mut w = bundled_world();
    let started = std::time::Instant::now();
    let notes = restore_snapshot(&mut w, &text, &HashMap::new()).expect("restore");
    let took = started.elapsed();
    assert!(took.as_secs() < 5, "took {took:?}");
    assert_eq!(
        notes.iter().filter(|n| n.contains("ordered twice")).count(),
        orders - 1
    );
    // The first Order holds, and one object is worn at the slot.
    let people = &w.room(RoomVnum(3001)).expect("temple").people;
    let m0 = people[1];
    assert_eq!(w.ch(people[0]).map(|c| c.vnum), Some(Some(vnum)));
    let carried = &w.ch(m0).expect("M0").carrying;
    assert_eq!(carried.len(), objs);
    let worn = carried
        .iter()
        .filter(|&&o| w.obj(o).is_some_and(|o| o.wear_loc == 5))
        .count();
    assert_eq!(worn, 1);
}

#[test]
fn vanished_prototypes_are_skipped_with_a_note() {
    let text = write_snapshot(&disturbed()).replacen("Vnum 3703", "Vnum 99999", 1);
    let mut w = bundled_world();
    let notes = restore_snapshot(&mut w, &text, &HashMap::new()).expect("restore");
    assert!(notes.iter().any(|n| n.contains("99999")), "{notes:?}");
}
