//! What a player's auto settings do after a kill (rom-mechanics 5.12):
//! `autoloot`, `autogold`, `autosac`, and through `get` and `sacrifice`,
//! `autosplit`.
//!
//! The fight code calls [`after_kill`] once the victim is dead and its
//! corpse made. This module decides nothing about the fight itself.
//!
//! As in ROM, the corpse acted on is the first object named "corpse" in the
//! killer's room that the killer can see — which may be an older corpse
//! (Appendix C, quirk 22) — and only a **mob** corpse is ever touched: a
//! player's corpse is never auto-looted or auto-sacrificed.

use super::act_obj::{check_container, do_get, do_sacrifice, get_obj};
use crate::world::{item, plr, CharId, ObjId, ObjLoc, World};

/// After `killer` killed someone: autoloot (`get all corpse`), else
/// autogold (the coins only), then autosac (unless autoloot left something
/// in the corpse). Coins picked up or sacrifice silver are shared with the
/// group by `get`/`sacrifice` when the killer has autosplit.
///
/// `victim_was_npc` and `corpse` are what the fight code knows; ROM looks
/// the corpse up by name instead (quirk 22), and so does this: a player
/// victim's fresh corpse is the first "corpse" in the room and, being a pc
/// corpse, stops everything, exactly as `victim_was_npc == false` would.
pub fn after_kill(world: &mut World, killer: CharId, victim_was_npc: bool, corpse: Option<ObjId>) {
    let _ = (victim_was_npc, corpse);
    let Some(k) = world.ch(killer) else { return };
    if k.is_npc() {
        return;
    }
    let flags = k.act;
    let Some(room) = k.room else { return };
    let Some(corpse) = first_corpse(world, killer, room) else {
        return;
    };
    let holds_something = |w: &World| w.obj(corpse).is_some_and(|o| !o.contains.is_empty());
    if flags & plr::AUTOLOOT != 0 && holds_something(world) {
        do_get(world, killer, "all corpse");
    }
    if flags & plr::AUTOGOLD != 0 && flags & plr::AUTOLOOT == 0 && holds_something(world) {
        take_coins(world, killer, corpse);
    }
    if flags & plr::AUTOSAC != 0 {
        if flags & plr::AUTOLOOT != 0 && holds_something(world) {
            return; // leave a corpse that still holds treasure
        }
        do_sacrifice(world, killer, "corpse");
    }
}

/// ROM's test: the first visible object named "corpse" on the floor, if it
/// is a mob corpse.
fn first_corpse(world: &World, ch: CharId, room: crate::world::RoomVnum) -> Option<ObjId> {
    let floor = world.room(room)?.contents.clone();
    let corpse = world.get_obj_list(ch, "corpse", &floor)?;
    let o = world.obj(corpse)?;
    (o.item_type == item::CORPSE_NPC && world.can_see_obj(ch, corpse)).then_some(corpse)
}

/// `get all.gcash corpse`: every pile of coins in the corpse.
///
/// Departure: ROM finds the coins by the keyword `gcash` that stock ROM's
/// coin objects carry; ours (and many areas') do not, so the coins are found
/// by item type. Same messages as `get`.
fn take_coins(world: &mut World, ch: CharId, corpse: ObjId) {
    if !check_container(world, ch, corpse) {
        return;
    }
    let inside = world
        .obj(corpse)
        .map(|o| o.contains.clone())
        .unwrap_or_default();
    for obj in inside {
        let coins = world
            .obj(obj)
            .is_some_and(|o| o.item_type == item::MONEY && o.loc == ObjLoc::In(corpse));
        if coins && world.can_see_obj(ch, obj) {
            get_obj(world, ch, obj, Some(corpse));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::interp::interpret;
    use crate::world::{
        aff, wear, AreaProto, Char, ConnId, Obj, PcData, Protos, RoomProto, RoomVnum,
    };

    const HERE: RoomVnum = RoomVnum(3001);

    fn world() -> World {
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
                name: "The Field".into(),
                ..Default::default()
            },
        );
        World::new(p, 3)
    }

    fn player(w: &mut World, name: &str, act: u64) -> CharId {
        let id = w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::new(PcData::default())),
            level: 10,
            hit: 100,
            max_hit: 100,
            perm_stat: [18; 5],
            position: crate::world::pos::STANDING,
            act,
            conn: Some(ConnId(w.players.len() + 1)),
            ..Default::default()
        });
        w.players.push(id);
        w.char_to_room(id, HERE);
        id
    }

    fn thing(w: &mut World, name: &str, item_type: i32, cost: i32, level: i32) -> ObjId {
        w.objs.insert(Obj {
            name: name.into(),
            short_descr: format!("a {name}"),
            description: format!("A {name} is here."),
            item_type,
            wear_flags: wear::TAKE,
            wear_loc: -1,
            cost,
            level,
            condition: 100,
            ..Obj::default()
        })
    }

    fn coins(w: &mut World, silver: i64, gold: i64) -> ObjId {
        let c = thing(w, "coins", item::MONEY, 0, 0);
        if let Some(o) = w.obj_mut(c) {
            o.values[0] = silver;
            o.values[1] = gold;
            o.short_descr = format!("{silver} silver and {gold} gold coins");
        }
        c
    }

    /// A goblin's corpse on the floor with a dagger and some coins.
    fn npc_corpse(w: &mut World) -> (ObjId, ObjId, ObjId) {
        let corpse = thing(w, "corpse goblin", item::CORPSE_NPC, 0, 5);
        if let Some(o) = w.obj_mut(corpse) {
            o.short_descr = "the corpse of a goblin".into();
            o.timer = 4;
        }
        w.obj_to_room(corpse, HERE);
        let dagger = thing(w, "dagger", item::WEAPON, 10, 1);
        w.obj_to_obj(dagger, corpse);
        let money = coins(w, 30, 2);
        w.obj_to_obj(money, corpse);
        (corpse, dagger, money)
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn purse(w: &World, ch: CharId) -> (i64, i64) {
        w.ch(ch).map_or((0, 0), |c| (c.silver, c.gold))
    }

    #[test]
    fn autoloot_takes_everything_then_autosac_gives_the_corpse_to_mota() {
        let mut w = world();
        let me = player(&mut w, "Hero", plr::AUTOLOOT | plr::AUTOSAC);
        let (corpse, dagger, money) = npc_corpse(&mut w);
        after_kill(&mut w, me, true, Some(corpse));
        let text = out(&mut w, me);
        assert!(
            text.contains("You get a dagger from the corpse of a goblin."),
            "{text}"
        );
        assert_eq!(w.obj(dagger).map(|o| o.loc), Some(ObjLoc::Carried(me)));
        assert!(w.obj(money).is_none());
        // 30 silver from the corpse, 15 (3 × level 5) from Mota.
        assert!(
            text.contains("Mota gives you 15 silver coins for your sacrifice."),
            "{text}"
        );
        assert_eq!(purse(&w, me), (45, 2));
        assert!(w.obj(corpse).is_none());
    }

    #[test]
    fn autogold_takes_only_the_coins_and_autosac_then_destroys_the_rest() {
        let mut w = world();
        let me = player(&mut w, "Hero", plr::AUTOGOLD);
        let (corpse, dagger, money) = npc_corpse(&mut w);
        after_kill(&mut w, me, true, Some(corpse));
        assert!(w.obj(money).is_none());
        assert_eq!(purse(&w, me), (30, 2));
        assert_eq!(w.obj(dagger).map(|o| o.loc), Some(ObjLoc::In(corpse)));
        // With autosac too, the corpse (and the dagger in it) goes.
        if let Some(c) = w.ch_mut(me) {
            c.act |= plr::AUTOSAC;
        }
        after_kill(&mut w, me, true, Some(corpse));
        assert!(w.obj(corpse).is_none() && w.obj(dagger).is_none());
    }

    #[test]
    fn autosac_leaves_a_corpse_that_autoloot_could_not_empty() {
        let mut w = world();
        let me = player(&mut w, "Hero", plr::AUTOLOOT | plr::AUTOSAC);
        let (corpse, _, _) = npc_corpse(&mut w);
        let anvil = thing(&mut w, "anvil", item::TRASH, 0, 0);
        if let Some(o) = w.obj_mut(anvil) {
            o.weight = 100_000;
        }
        w.obj_to_obj(anvil, corpse);
        after_kill(&mut w, me, true, Some(corpse));
        let text = out(&mut w, me);
        assert!(text.contains("you can't carry that much weight"), "{text}");
        assert!(!text.contains("Mota"), "{text}");
        assert_eq!(w.obj(corpse).map(|o| o.contains.len()), Some(1));
    }

    #[test]
    fn player_corpses_and_npc_killers_are_left_alone() {
        let mut w = world();
        let me = player(&mut w, "Hero", plr::AUTOLOOT | plr::AUTOGOLD | plr::AUTOSAC);
        let corpse = thing(&mut w, "corpse alice", item::CORPSE_PC, 0, 5);
        w.obj_to_room(corpse, HERE);
        let ring = thing(&mut w, "ring", item::JEWELRY, 10, 1);
        w.obj_to_obj(ring, corpse);
        after_kill(&mut w, me, false, Some(corpse));
        assert_eq!(w.obj(ring).map(|o| o.loc), Some(ObjLoc::In(corpse)));
        assert!(out(&mut w, me).is_empty());
        // A mobile killer has no auto settings.
        let mob = w.chars.insert(Char {
            name: "orc".into(),
            vnum: Some(crate::world::MobVnum(1)),
            act: plr::AUTOLOOT,
            ..Default::default()
        });
        w.char_to_room(mob, HERE);
        let (npc, dagger, _) = npc_corpse(&mut w);
        after_kill(&mut w, mob, true, Some(npc));
        assert_eq!(w.obj(dagger).map(|o| o.loc), Some(ObjLoc::In(npc)));
    }

    #[test]
    fn autosplit_shares_looted_coins_with_the_group() {
        let mut w = world();
        let me = player(&mut w, "Hero", plr::AUTOLOOT | plr::AUTOSPLIT);
        let friend = player(&mut w, "Friend", 0);
        if let Some(c) = w.ch_mut(friend) {
            c.leader = Some(me);
            c.master = Some(me);
        }
        let (corpse, _, _) = npc_corpse(&mut w);
        after_kill(&mut w, me, true, Some(corpse));
        let text = out(&mut w, me);
        assert!(
            text.contains("You split 30 silver coins. Your share is 15 silver."),
            "{text}"
        );
        assert!(
            text.contains("You split 2 gold coins. Your share is 1 gold."),
            "{text}"
        );
        assert_eq!(purse(&w, me), (15, 1));
        assert_eq!(purse(&w, friend), (15, 1));
        let heard = out(&mut w, friend);
        assert!(
            heard.contains(
                "Hero splits 30 silver and 2 gold coins, giving you 15 silver and 1 gold."
            ),
            "{heard}"
        );
    }

    #[test]
    fn sacrifice_follows_roms_rules_and_rewards() {
        let mut w = world();
        let me = player(&mut w, "Hero", 0);
        interpret(&mut w, me, "sacrifice");
        assert!(out(&mut w, me).contains("Mota appreciates your offer and may accept it later."));
        interpret(&mut w, me, "sacrifice hero");
        assert!(out(&mut w, me).contains("Mota appreciates"));
        interpret(&mut w, me, "sacrifice nothing");
        assert_eq!(out(&mut w, me), "You can't find it.\n");
        // Worth 3 × level, capped by the cost for anything but a corpse.
        let sword = thing(&mut w, "sword", item::WEAPON, 7, 10);
        w.obj_to_room(sword, HERE);
        interpret(&mut w, me, "junk sword");
        assert!(out(&mut w, me).contains("Mota gives you 7 silver coins for your sacrifice."));
        assert!(w.obj(sword).is_none());
        // Reset-placed floor items cost 0: worth nothing.
        let rock = thing(&mut w, "rock", item::TRASH, 0, 10);
        w.obj_to_room(rock, HERE);
        interpret(&mut w, me, "tap rock");
        assert!(out(&mut w, me).contains("Mota gives you 0 silver coins for your sacrifice."));
        // A level 0 corpse still gives one coin.
        let bones = thing(&mut w, "corpse rat", item::CORPSE_NPC, 0, 0);
        w.obj_to_room(bones, HERE);
        interpret(&mut w, me, "sac corpse");
        assert!(out(&mut w, me).contains("Mota gives you one silver coin for your sacrifice."));
        assert_eq!(purse(&w, me), (8, 0));
        // Not takeable, no_sac: refused.
        let altar = thing(&mut w, "altar", item::FURNITURE, 100, 10);
        if let Some(o) = w.obj_mut(altar) {
            o.wear_flags = 0;
        }
        w.obj_to_room(altar, HERE);
        interpret(&mut w, me, "sacrifice altar");
        assert_eq!(out(&mut w, me), "A altar is not an acceptable sacrifice.\n");
        let idol = thing(&mut w, "idol", item::TRASH, 100, 10);
        if let Some(o) = w.obj_mut(idol) {
            o.wear_flags |= wear::NO_SAC;
        }
        w.obj_to_room(idol, HERE);
        interpret(&mut w, me, "sacrifice idol");
        assert!(out(&mut w, me).contains("is not an acceptable sacrifice."));
        // Furniture in use.
        let bench = thing(&mut w, "bench", item::FURNITURE, 100, 10);
        w.obj_to_room(bench, HERE);
        let other = player(&mut w, "Sitter", 0);
        if let Some(c) = w.ch_mut(other) {
            c.on = Some(bench);
        }
        interpret(&mut w, me, "sacrifice bench");
        assert_eq!(out(&mut w, me), "Sitter appears to be using a bench.\n");
        // A player corpse only when empty.
        let corpse = thing(&mut w, "corpse alice", item::CORPSE_PC, 0, 5);
        w.obj_to_room(corpse, HERE);
        let ring = thing(&mut w, "ring", item::JEWELRY, 10, 1);
        w.obj_to_obj(ring, corpse);
        interpret(&mut w, me, "sacrifice corpse");
        assert_eq!(out(&mut w, me), "Mota wouldn't like that.\n");
        w.obj_to_room(ring, HERE);
        interpret(&mut w, me, "sacrifice corpse");
        assert!(out(&mut w, me).contains("15 silver coins"));
        assert!(out(&mut w, other).contains("Hero sacrifices a corpse alice to Mota."));
    }

    #[test]
    fn split_divides_among_uncharmed_members_here() {
        let mut w = world();
        let me = player(&mut w, "Hero", 0);
        if let Some(c) = w.ch_mut(me) {
            c.silver = 100;
            c.gold = 10;
        }
        for (line, want) in [
            ("split", "Split how much?\n"),
            ("split -5", "Your group wouldn't like that.\n"),
            ("split 0", "You hand out zero coins, but no one notices.\n"),
            (
                "split lots",
                "You hand out zero coins, but no one notices.\n",
            ),
            ("split 500", "You don't have that much to split.\n"),
            ("split 10", "Just keep it all.\n"),
        ] {
            interpret(&mut w, me, line);
            assert_eq!(out(&mut w, me), want, "{line}");
        }
        let a = player(&mut w, "Anna", 0);
        let b = player(&mut w, "Bert", 0);
        let pet = player(&mut w, "Pet", 0);
        for m in [a, b, pet] {
            if let Some(c) = w.ch_mut(m) {
                c.leader = Some(me);
            }
        }
        if let Some(c) = w.ch_mut(pet) {
            c.affected_by |= aff::CHARM;
        }
        interpret(&mut w, me, "split 2");
        assert_eq!(out(&mut w, me), "Don't even bother, cheapskate.\n");
        interpret(&mut w, me, "split 10");
        assert_eq!(
            out(&mut w, me),
            "You split 10 silver coins. Your share is 4 silver.\n"
        );
        assert_eq!(purse(&w, me), (94, 10));
        assert_eq!(purse(&w, a), (3, 0));
        assert_eq!(purse(&w, pet), (0, 0));
        assert!(out(&mut w, b).contains("Hero splits 10 silver coins. Your share is 3 silver."));
        interpret(&mut w, me, "split 0 7");
        assert_eq!(
            out(&mut w, me),
            "You split 7 gold coins. Your share is 3 gold.\n"
        );
        assert!(out(&mut w, a).contains("Hero splits 7 gold coins. Your share is 2 gold."));
        assert_eq!(purse(&w, me), (94, 6));
    }
}
