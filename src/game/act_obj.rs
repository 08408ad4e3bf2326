//! Handling objects: get, drop, put, give, wear (also `wield` and `hold`)
//! and remove — ROM's "act_obj.c" for the things a player carries.
//!
//! Every command takes the usual ROM forms: a plain name, `2.sword`, `all`
//! and `all.sword`, and (for get, put and drop) an optional container. Money
//! objects turn into coins in the purse when picked up; `drop 10 gold` and
//! `give 10 gold bob` move coins. Item counts and weights are ROM's, from
//! `world::handler` (containers, money, gems and jewelry count no items;
//! coins weigh). With `autosplit` picked-up coins are shared with the group.
//! `sacrifice` (also `junk` and `tap`) gives objects on the floor to Mota
//! for a little silver. Shops, looting rules beyond corpse ownership and the
//! donation pit are not handled here.

use crate::world::act::{ActArgs, To};
use crate::world::handler::{is_name, one_argument, weight_mult};
use crate::world::rules::str_app;
use crate::world::*;

// ------------------------------------------------------------------ helpers

/// ROM's can_drop_obj: no-drop items stick to mortals.
pub fn can_drop_obj(world: &World, ch: CharId, obj: ObjId) -> bool {
    let Some(o) = world.obj(obj) else {
        return false;
    };
    if o.extra_flags & extra::NODROP == 0 {
        return true;
    }
    world
        .ch(ch)
        .is_some_and(|c| !c.is_npc() && c.level >= LEVEL_IMMORTAL)
}

/// Is this a closed container?
fn is_closed(world: &World, obj: ObjId) -> bool {
    world.obj(obj).is_some_and(|o| {
        o.item_type == item::CONTAINER && (o.values[1] as Flags) & cont::CLOSED != 0
    })
}

fn obj_name(world: &World, obj: ObjId) -> String {
    world.obj(obj).map(|o| o.name.clone()).unwrap_or_default()
}

/// `all` or `all.<name>`: `Some("")` for all, `Some(name)` for all.name.
fn all_pattern(arg: &str) -> Option<&str> {
    if arg == "all" {
        Some("")
    } else {
        arg.strip_prefix("all.")
    }
}

fn matches_pattern(world: &World, obj: ObjId, pattern: &str) -> bool {
    pattern.is_empty() || world.obj(obj).is_some_and(|o| is_name(pattern, &o.name))
}

/// The `all` forms of drop, put and wear: run `act` on each object `ch`
/// carries (the list as it was at the start) that is not worn, can be seen
/// and passes `pick` when its turn comes. Whether any object did.
fn each_loose_carried(
    world: &mut World,
    ch: CharId,
    pick: impl Fn(&World, ObjId) -> bool,
    mut act: impl FnMut(&mut World, ObjId),
) -> bool {
    let carried = world.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
    let mut any = false;
    for obj in carried {
        let loose = world
            .obj(obj)
            .is_some_and(|o| o.loc == ObjLoc::Carried(ch) && o.wear_loc == wear_loc::NONE);
        if loose && world.can_see_obj(ch, obj) && pick(world, obj) {
            any = true;
            act(world, obj);
        }
    }
    any
}

/// If `container` is closed, tell `ch` ("The $d is closed.") and say so.
fn says_closed(world: &mut World, ch: CharId, container: ObjId) -> bool {
    if !is_closed(world, container) {
        return false;
    }
    let name = obj_name(world, container);
    world.act(
        "The $d is closed.",
        ch,
        ActArgs {
            text2: Some(&name),
            ..Default::default()
        },
        To::Char,
    );
    true
}

/// The single container named by `name` (in the inventory, worn or in the
/// room) for `get`/`put`; `None` after telling the character why not (an
/// `all` pattern, or nothing by that name here).
fn container_here(world: &mut World, ch: CharId, name: &str) -> Option<ObjId> {
    if all_pattern(name).is_some() {
        world.send(ch, "You can't do that.\n");
        return None;
    }
    let container = world.get_obj_here(ch, name);
    if container.is_none() {
        say_see_no(world, ch, name);
    }
    container
}

fn say_see_no(world: &mut World, ch: CharId, what: &str) {
    world.act(
        "I see no $T here.",
        ch,
        ActArgs {
            text2: Some(what),
            ..Default::default()
        },
        To::Char,
    );
}

/// Make a pile of coins (ROM's create_money), from objects 1–5 when they
/// exist, else a plain money object.
pub fn create_money(world: &mut World, gold: i64, silver: i64) -> Option<ObjId> {
    let (gold, silver) = if gold < 0 || silver < 0 || (gold == 0 && silver == 0) {
        (gold.max(1), silver.max(1))
    } else {
        (gold, silver)
    };
    let vnum = match (gold, silver) {
        (0, 1) => OBJ_VNUM_SILVER_ONE,
        (1, 0) => OBJ_VNUM_GOLD_ONE,
        (_, 0) => OBJ_VNUM_GOLD_SOME,
        (0, _) => OBJ_VNUM_SILVER_SOME,
        _ => OBJ_VNUM_COINS,
    };
    let id = match world.create_object(vnum, 0) {
        Some(id) => id,
        None => world.objs.insert(Obj {
            name: "coins gold silver".to_string(),
            short_descr: "%d coins".to_string(),
            description: "A pile of coins lies here.".to_string(),
            item_type: item::MONEY,
            wear_flags: wear::TAKE,
            wear_loc: wear_loc::NONE,
            condition: 100,
            ..Obj::default()
        }),
    };
    let o = world.obj_mut(id)?;
    o.item_type = item::MONEY;
    o.values[0] = silver;
    o.values[1] = gold;
    o.cost = (100 * gold + silver) as i32;
    o.weight = (gold / 5 + silver / 20) as i32;
    // Fill the %d slots: silver-only and gold-only piles name one amount,
    // mixed piles name silver then gold (the order object 5 is written in).
    let amounts: Vec<i64> = match (gold, silver) {
        (_, 0) => vec![gold],
        (0, _) => vec![silver],
        _ => vec![silver, gold],
    };
    let mut short = o.short_descr.clone();
    if short.contains("%d") {
        if vnum == OBJ_VNUM_COINS && !world.obj_index.contains_key(&OBJ_VNUM_COINS) {
            short = format!("{silver} silver and {gold} gold coins");
        } else {
            for a in amounts {
                short = short.replacen("%d", &a.to_string(), 1);
            }
        }
    }
    if let Some(o) = world.obj_mut(id) {
        o.short_descr = short;
    }
    Some(id)
}

/// Is someone sitting, resting or sleeping on this furniture?
fn furniture_user(world: &World, ch: CharId, obj: ObjId) -> Option<CharId> {
    let room = world.ch(ch)?.room?;
    world
        .room(room)?
        .people
        .iter()
        .copied()
        .find(|&p| world.ch(p).is_some_and(|c| c.on == Some(obj)))
}

// ---------------------------------------------------------------------- get

/// Take one object from the floor or from `container` (ROM's get_obj).
pub(crate) fn get_obj(world: &mut World, ch: CharId, obj: ObjId, container: Option<ObjId>) {
    let Some(o) = world.obj(obj) else { return };
    if o.wear_flags & wear::TAKE == 0 {
        world.send(ch, "You can't take that.\n");
        return;
    }
    let name = o.name.clone();
    let dname = ActArgs {
        text2: Some(&name),
        ..Default::default()
    };
    if world.carry_number(ch) + world.get_obj_number(obj) > world.can_carry_n(ch) {
        world.act("$d: you can't carry that many items.", ch, dname, To::Char);
        return;
    }
    let from_own_bag = container
        .and_then(|c| world.obj(c))
        .is_some_and(|c| c.loc == ObjLoc::Carried(ch));
    if !from_own_bag && world.carry_weight(ch) + world.get_obj_weight(obj) > world.can_carry_w(ch) {
        world.act("$d: you can't carry that much weight.", ch, dname, To::Char);
        return;
    }
    if let Some(user) = furniture_user(world, ch, obj) {
        world.act(
            "$N appears to be using $p.",
            ch,
            ActArgs::obj(obj).with_vict(user),
            To::Char,
        );
        return;
    }
    match container {
        Some(c) => {
            let args = ActArgs::obj(obj).with_obj2(c);
            world.act("You get $p from $P.", ch, args, To::Char);
            world.act("$n gets $p from $P.", ch, args, To::Room);
        }
        None => {
            world.act("You get $p.", ch, ActArgs::obj(obj), To::Char);
            world.act("$n gets $p.", ch, ActArgs::obj(obj), To::Room);
        }
    }
    let Some(o) = world.obj(obj) else { return };
    if o.item_type == item::MONEY {
        let (silver, gold) = (o.values[0].max(0), o.values[1].max(0));
        if let Some(c) = world.ch_mut(ch) {
            c.silver += silver;
            c.gold += gold;
        }
        // With autosplit, the group shares what was picked up (9.5).
        let autosplit = world.ch(ch).is_some_and(|c| c.act & plr::AUTOSPLIT != 0);
        if autosplit
            && super::act_comm::group_here(world, ch, true) > 1
            && (silver > 1 || gold != 0)
        {
            super::act_comm::do_split(world, ch, &format!("{silver} {gold}"));
        }
        world.extract_obj(obj);
    } else {
        world.obj_to_char(obj, ch);
    }
}

/// Can `ch` take things out of this container-like object?
pub(crate) fn check_container(world: &mut World, ch: CharId, container: ObjId) -> bool {
    let Some(c) = world.obj(container) else {
        return false;
    };
    match c.item_type {
        item::CONTAINER | item::CORPSE_NPC => {}
        item::CORPSE_PC => {
            let owner = c.owner.clone();
            let me = world
                .ch(ch)
                .map(|c| (c.name.clone(), c.is_immortal()))
                .unwrap_or_default();
            let allowed = me.1
                || owner
                    .as_deref()
                    .is_none_or(|o| o.eq_ignore_ascii_case(&me.0));
            if !allowed {
                world.send(ch, "You can't do that.\n");
                return false;
            }
        }
        _ => {
            world.send(ch, "That's not a container.\n");
            return false;
        }
    }
    !says_closed(world, ch, container)
}

/// `get <obj>|all|all.<name> [[from] <container>]`.
pub fn do_get(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    let (mut arg2, rest) = one_argument(rest);
    if arg2 == "from" {
        arg2 = one_argument(rest).0;
    }
    if arg1.is_empty() {
        world.send(ch, "Get what?\n");
        return;
    }
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };

    if arg2.is_empty() {
        let floor = world
            .room(room)
            .map(|r| r.contents.clone())
            .unwrap_or_default();
        match all_pattern(&arg1) {
            None => match world.get_obj_list(ch, &arg1, &floor) {
                Some(obj) => get_obj(world, ch, obj, None),
                None => say_see_no(world, ch, &arg1),
            },
            Some(pattern) => {
                let mut found = false;
                for obj in floor {
                    // Still on the floor (an earlier pickup cannot move it, but be safe).
                    let here = world.obj(obj).is_some_and(|o| o.loc == ObjLoc::Room(room));
                    if here && matches_pattern(world, obj, pattern) && world.can_see_obj(ch, obj) {
                        found = true;
                        get_obj(world, ch, obj, None);
                    }
                }
                if !found {
                    if pattern.is_empty() {
                        world.send(ch, "I see nothing here.\n");
                    } else {
                        say_see_no(world, ch, pattern);
                    }
                }
            }
        }
        return;
    }

    let Some(container) = container_here(world, ch, &arg2) else {
        return;
    };
    if !check_container(world, ch, container) {
        return;
    }
    let inside = world
        .obj(container)
        .map(|o| o.contains.clone())
        .unwrap_or_default();
    // ROM names the container as typed in these messages.
    let cname = arg2.clone();
    match all_pattern(&arg1) {
        None => match world.get_obj_list(ch, &arg1, &inside) {
            Some(obj) => get_obj(world, ch, obj, Some(container)),
            None => {
                let args = ActArgs {
                    text2: Some(&cname),
                    ..Default::default()
                };
                world.act("I see nothing like that in the $T.", ch, args, To::Char);
            }
        },
        Some(pattern) => {
            let mut found = false;
            for obj in inside {
                let still = world
                    .obj(obj)
                    .is_some_and(|o| o.loc == ObjLoc::In(container));
                if still && matches_pattern(world, obj, pattern) && world.can_see_obj(ch, obj) {
                    found = true;
                    get_obj(world, ch, obj, Some(container));
                }
            }
            if !found {
                let args = ActArgs {
                    text2: Some(&cname),
                    ..Default::default()
                };
                if pattern.is_empty() {
                    world.act("I see nothing in the $T.", ch, args, To::Char);
                } else {
                    world.act("I see nothing like that in the $T.", ch, args, To::Char);
                }
            }
        }
    }
}

// --------------------------------------------------------------------- drop

fn is_coin_word(word: &str) -> bool {
    matches!(word, "coins" | "coin" | "gold" | "silver")
}

/// Put one carried object on the floor, with messages.
fn drop_one(world: &mut World, ch: CharId, obj: ObjId, room: RoomVnum) {
    world.obj_to_room(obj, room);
    world.act("$n drops $p.", ch, ActArgs::obj(obj), To::Room);
    world.act("You drop $p.", ch, ActArgs::obj(obj), To::Char);
    if world
        .obj(obj)
        .is_some_and(|o| o.extra_flags & extra::MELT_DROP != 0)
    {
        world.act("$p dissolves into smoke.", ch, ActArgs::obj(obj), To::Room);
        world.act("$p dissolves into smoke.", ch, ActArgs::obj(obj), To::Char);
        world.extract_obj(obj);
    }
}

/// `drop <obj>|all|all.<name>` or `drop <n> gold|silver|coins`.
pub fn do_drop(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    if arg1.is_empty() {
        world.send(ch, "Drop what?\n");
        return;
    }
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };

    if let Ok(amount) = arg1.parse::<i64>() {
        let (what, _) = one_argument(rest);
        if amount <= 0 || !is_coin_word(&what) {
            world.send(ch, "Sorry, you can't do that.\n");
            return;
        }
        let silver_coins = what != "gold";
        let Some(c) = world.ch_mut(ch) else { return };
        if silver_coins {
            if c.silver < amount {
                world.send(ch, "You don't have that much silver.\n");
                return;
            }
            c.silver -= amount;
        } else {
            if c.gold < amount {
                world.send(ch, "You don't have that much gold.\n");
                return;
            }
            c.gold -= amount;
        }
        let (mut gold, mut silver) = if silver_coins {
            (0, amount)
        } else {
            (amount, 0)
        };
        // Coins already on the floor join the new pile.
        let floor = world
            .room(room)
            .map(|r| r.contents.clone())
            .unwrap_or_default();
        for obj in floor {
            if let Some(o) = world.obj(obj) {
                if o.item_type == item::MONEY {
                    silver += o.values[0].max(0);
                    gold += o.values[1].max(0);
                    world.extract_obj(obj);
                }
            }
        }
        if let Some(pile) = create_money(world, gold, silver) {
            world.obj_to_room(pile, room);
        }
        world.act("$n drops some coins.", ch, ActArgs::default(), To::Room);
        world.send(ch, "OK.\n");
        return;
    }

    match all_pattern(&arg1) {
        None => {
            let Some(obj) = world.get_obj_carry(ch, &arg1) else {
                world.send(ch, "You do not have that item.\n");
                return;
            };
            if !can_drop_obj(world, ch, obj) {
                world.send(ch, "You can't let go of it.\n");
                return;
            }
            drop_one(world, ch, obj, room);
        }
        Some(pattern) => {
            let found = each_loose_carried(
                world,
                ch,
                |w, obj| matches_pattern(w, obj, pattern) && can_drop_obj(w, ch, obj),
                |w, obj| drop_one(w, ch, obj, room),
            );
            if !found {
                if pattern.is_empty() {
                    world.send(ch, "You are not carrying anything.\n");
                } else {
                    let args = ActArgs {
                        text2: Some(pattern),
                        ..Default::default()
                    };
                    world.act("You are not carrying any $T.", ch, args, To::Char);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------- put

/// Why an object cannot go into a container, or `None` if it fits.
fn put_refusal(world: &World, obj: ObjId, container: ObjId) -> Option<&'static str> {
    let (Some(o), Some(c)) = (world.obj(obj), world.obj(container)) else {
        return Some("It won't fit.\n");
    };
    if weight_mult(o) != 100 {
        return Some("You have a feeling that would be a bad idea.\n");
    }
    let w = i64::from(world.get_obj_weight(obj));
    if w + i64::from(world.get_true_weight(container)) > c.values[0] * 10 || w > c.values[3] * 10 {
        return Some("It won't fit.\n");
    }
    None
}

fn put_one(world: &mut World, ch: CharId, obj: ObjId, container: ObjId) {
    world.obj_to_obj(obj, container);
    let on = world
        .obj(container)
        .is_some_and(|c| (c.values[1] as Flags) & cont::PUT_ON != 0);
    let args = ActArgs::obj(obj).with_obj2(container);
    if on {
        world.act("$n puts $p on $P.", ch, args, To::Room);
        world.act("You put $p on $P.", ch, args, To::Char);
    } else {
        world.act("$n puts $p in $P.", ch, args, To::Room);
        world.act("You put $p in $P.", ch, args, To::Char);
    }
}

/// `put <obj>|all|all.<name> [in|on] <container>`.
pub fn do_put(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    let (mut arg2, rest) = one_argument(rest);
    if arg2 == "in" || arg2 == "on" {
        arg2 = one_argument(rest).0;
    }
    if arg1.is_empty() || arg2.is_empty() {
        world.send(ch, "Put what in what?\n");
        return;
    }
    let Some(container) = container_here(world, ch, &arg2) else {
        return;
    };
    if world
        .obj(container)
        .is_none_or(|c| c.item_type != item::CONTAINER)
    {
        world.send(ch, "That's not a container.\n");
        return;
    }
    if says_closed(world, ch, container) {
        return;
    }

    match all_pattern(&arg1) {
        None => {
            let Some(obj) = world.get_obj_carry(ch, &arg1) else {
                world.send(ch, "You do not have that item.\n");
                return;
            };
            if obj == container {
                world.send(ch, "You can't fold it into itself.\n");
                return;
            }
            if !can_drop_obj(world, ch, obj) {
                world.send(ch, "You can't let go of it.\n");
                return;
            }
            if let Some(why) = put_refusal(world, obj, container) {
                world.send(ch, why);
                return;
            }
            put_one(world, ch, obj, container);
        }
        Some(pattern) => {
            let found = each_loose_carried(
                world,
                ch,
                |w, obj| {
                    obj != container
                        && matches_pattern(w, obj, pattern)
                        && can_drop_obj(w, ch, obj)
                        && put_refusal(w, obj, container).is_none()
                },
                |w, obj| put_one(w, ch, obj, container),
            );
            if !found {
                world.send(ch, "You have nothing that fits.\n");
            }
        }
    }
}

// --------------------------------------------------------------------- give

/// `give <obj> <char>` or `give <n> gold|silver|coins <char>`.
pub fn do_give(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    let (arg2, rest) = one_argument(rest);
    if arg1.is_empty() || arg2.is_empty() {
        world.send(ch, "Give what to whom?\n");
        return;
    }

    if let Ok(amount) = arg1.parse::<i64>() {
        if amount <= 0 || !is_coin_word(&arg2) {
            world.send(ch, "Sorry, you can't do that.\n");
            return;
        }
        let silver = arg2 != "gold";
        let (who, _) = one_argument(rest);
        if who.is_empty() {
            world.send(ch, "Give what to whom?\n");
            return;
        }
        let Some(victim) = world.get_char_room(ch, &who) else {
            world.send(ch, "They aren't here.\n");
            return;
        };
        let Some(c) = world.ch_mut(ch) else { return };
        let purse = if silver { &mut c.silver } else { &mut c.gold };
        if *purse < amount {
            world.send(ch, "You haven't got that much.\n");
            return;
        }
        *purse -= amount;
        if let Some(v) = world.ch_mut(victim) {
            if silver {
                v.silver += amount;
            } else {
                v.gold += amount;
            }
        }
        let amount_s = amount.to_string();
        let coin = if silver { "silver" } else { "gold" };
        let args = ActArgs {
            vict: Some(victim),
            text1: Some(&amount_s),
            text2: Some(coin),
            ..Default::default()
        };
        world.act("$n gives you $t $T.", ch, args, To::Vict);
        world.act("$n gives $N some coins.", ch, args, To::NotVict);
        world.act("You give $N $t $T.", ch, args, To::Char);
        return;
    }

    let Some(obj) = world.get_obj_carry(ch, &arg1) else {
        if world.get_obj_wear(ch, &arg1).is_some() {
            world.send(ch, "You must remove it first.\n");
        } else {
            world.send(ch, "You do not have that item.\n");
        }
        return;
    };
    let Some(victim) = world.get_char_room(ch, &arg2) else {
        world.send(ch, "They aren't here.\n");
        return;
    };
    let keeper = world
        .ch(victim)
        .and_then(|v| v.vnum)
        .and_then(|v| world.mob_index.get(&v))
        .is_some_and(|m| m.proto.shop.is_some());
    if keeper {
        world.act(
            "$N tells you 'Sorry, you'll have to sell that.'",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        if let Some(c) = world.ch_mut(ch) {
            c.reply = Some(victim);
        }
        return;
    }
    if !can_drop_obj(world, ch, obj) {
        world.send(ch, "You can't let go of it.\n");
        return;
    }
    if world.carry_number(victim) + world.get_obj_number(obj) > world.can_carry_n(victim) {
        world.act("$N has $S hands full.", ch, ActArgs::vict(victim), To::Char);
        return;
    }
    if world.carry_weight(victim) + world.get_obj_weight(obj) > world.can_carry_w(victim) {
        world.act(
            "$N can't carry that much weight.",
            ch,
            ActArgs::vict(victim),
            To::Char,
        );
        return;
    }
    if !world.can_see_obj(victim, obj) {
        world.act("$N can't see it.", ch, ActArgs::vict(victim), To::Char);
        return;
    }
    world.obj_to_char(obj, victim);
    let args = ActArgs::obj(obj).with_vict(victim);
    world.act("$n gives $p to $N.", ch, args, To::NotVict);
    world.act("$n gives you $p.", ch, args, To::Vict);
    world.act("You give $p to $N.", ch, args, To::Char);
}

// -------------------------------------------------------------- wear/remove

/// Empty a slot (ROM's remove_obj). True if the slot is now free.
pub(crate) fn remove_obj(world: &mut World, ch: CharId, loc: i32, replace: bool) -> bool {
    let Some(obj) = world.get_eq_char(ch, loc) else {
        return true;
    };
    if !replace {
        return false;
    }
    if world
        .obj(obj)
        .is_some_and(|o| o.extra_flags & extra::NOREMOVE != 0)
    {
        world.act("You can't remove $p.", ch, ActArgs::obj(obj), To::Char);
        return false;
    }
    world.unequip_char(ch, obj);
    world.act("$n stops using $p.", ch, ActArgs::obj(obj), To::Room);
    world.act("You stop using $p.", ch, ActArgs::obj(obj), To::Char);
    true
}

/// Equip with the alignment check of ROM's equip_char: an item that hates
/// the wearer's alignment zaps them and falls to the floor.
fn equip(world: &mut World, ch: CharId, obj: ObjId, loc: i32) {
    let (Some(c), Some(o)) = (world.ch(ch), world.obj(obj)) else {
        return;
    };
    let align = c.alignment;
    let room = c.room;
    let flags = o.extra_flags;
    let zapped = (flags & extra::ANTI_EVIL != 0 && align <= -350)
        || (flags & extra::ANTI_GOOD != 0 && align >= 350)
        || (flags & extra::ANTI_NEUTRAL != 0 && align > -350 && align < 350);
    if zapped {
        world.act(
            "You are zapped by $p and drop it.",
            ch,
            ActArgs::obj(obj),
            To::Char,
        );
        world.act(
            "$n is zapped by $p and drops it.",
            ch,
            ActArgs::obj(obj),
            To::Room,
        );
        if let Some(room) = room {
            world.obj_to_room(obj, room);
        }
        return;
    }
    world.equip_char(ch, obj, loc);
}

/// Wear in one of a pair of slots (fingers, neck, wrists).
fn wear_pair(
    world: &mut World,
    ch: CharId,
    obj: ObjId,
    replace: bool,
    slots: [i32; 2],
    msgs: [(&str, &str); 2],
    full: &str,
) {
    let [a, b] = slots;
    if world.get_eq_char(ch, a).is_some()
        && world.get_eq_char(ch, b).is_some()
        && !remove_obj(world, ch, a, replace)
        && !remove_obj(world, ch, b, replace)
    {
        return;
    }
    for (slot, (room_msg, char_msg)) in [a, b].into_iter().zip(msgs) {
        if world.get_eq_char(ch, slot).is_none() {
            world.act(room_msg, ch, ActArgs::obj(obj), To::Room);
            world.act(char_msg, ch, ActArgs::obj(obj), To::Char);
            equip(world, ch, obj, slot);
            return;
        }
    }
    world.send(ch, full);
}

/// Wear in a single slot, emptying it first when replacing.
fn wear_single(
    world: &mut World,
    ch: CharId,
    obj: ObjId,
    replace: bool,
    slot: i32,
    room_msg: &str,
    char_msg: &str,
) {
    if !remove_obj(world, ch, slot, replace) {
        return;
    }
    world.act(room_msg, ch, ActArgs::obj(obj), To::Room);
    world.act(char_msg, ch, ActArgs::obj(obj), To::Char);
    equip(world, ch, obj, slot);
}

fn two_handed(world: &World, obj: Option<ObjId>) -> bool {
    obj.and_then(|o| world.obj(o)).is_some_and(|o| {
        o.item_type == item::WEAPON && (o.values[4] as Flags) & weapon::TWO_HANDS != 0
    })
}

/// ROM's wear_obj: put one carried item on, choosing its slot by wear flags.
pub(crate) fn wear_obj(world: &mut World, ch: CharId, obj: ObjId, replace: bool) {
    let (Some(c), Some(o)) = (world.ch(ch), world.obj(obj)) else {
        return;
    };
    if c.level < o.level {
        world.send(
            ch,
            &format!("You must be level {} to use this object.\n", o.level),
        );
        world.act(
            "$n tries to use $p, but is too inexperienced.",
            ch,
            ActArgs::obj(obj),
            To::Room,
        );
        return;
    }
    let flags = o.wear_flags;
    let is_npc = c.is_npc();
    let size = c.size;
    if o.item_type == item::LIGHT {
        wear_single(
            world,
            ch,
            obj,
            replace,
            wear_loc::LIGHT,
            "$n lights $p and holds it.",
            "You light $p and hold it.",
        );
        return;
    }
    let single = |flag: Flags| flags & flag != 0;
    if single(wear::FINGER) {
        wear_pair(
            world,
            ch,
            obj,
            replace,
            [wear_loc::FINGER_L, wear_loc::FINGER_R],
            [
                (
                    "$n wears $p on $s left finger.",
                    "You wear $p on your left finger.",
                ),
                (
                    "$n wears $p on $s right finger.",
                    "You wear $p on your right finger.",
                ),
            ],
            "You already wear two rings.\n",
        );
        return;
    }
    if single(wear::NECK) {
        wear_pair(
            world,
            ch,
            obj,
            replace,
            [wear_loc::NECK_1, wear_loc::NECK_2],
            [
                (
                    "$n wears $p around $s neck.",
                    "You wear $p around your neck.",
                ),
                (
                    "$n wears $p around $s neck.",
                    "You wear $p around your neck.",
                ),
            ],
            "You already wear two neck items.\n",
        );
        return;
    }
    let simple: [(Flags, i32, &str, &str); 8] = [
        (
            wear::BODY,
            wear_loc::BODY,
            "$n wears $p on $s torso.",
            "You wear $p on your torso.",
        ),
        (
            wear::HEAD,
            wear_loc::HEAD,
            "$n wears $p on $s head.",
            "You wear $p on your head.",
        ),
        (
            wear::LEGS,
            wear_loc::LEGS,
            "$n wears $p on $s legs.",
            "You wear $p on your legs.",
        ),
        (
            wear::FEET,
            wear_loc::FEET,
            "$n wears $p on $s feet.",
            "You wear $p on your feet.",
        ),
        (
            wear::HANDS,
            wear_loc::HANDS,
            "$n wears $p on $s hands.",
            "You wear $p on your hands.",
        ),
        (
            wear::ARMS,
            wear_loc::ARMS,
            "$n wears $p on $s arms.",
            "You wear $p on your arms.",
        ),
        (
            wear::ABOUT,
            wear_loc::ABOUT,
            "$n wears $p about $s torso.",
            "You wear $p about your torso.",
        ),
        (
            wear::WAIST,
            wear_loc::WAIST,
            "$n wears $p about $s waist.",
            "You wear $p about your waist.",
        ),
    ];
    for (flag, slot, room_msg, char_msg) in simple {
        if single(flag) {
            wear_single(world, ch, obj, replace, slot, room_msg, char_msg);
            return;
        }
    }
    if single(wear::WRIST) {
        wear_pair(
            world,
            ch,
            obj,
            replace,
            [wear_loc::WRIST_L, wear_loc::WRIST_R],
            [
                (
                    "$n wears $p around $s left wrist.",
                    "You wear $p around your left wrist.",
                ),
                (
                    "$n wears $p around $s right wrist.",
                    "You wear $p around your right wrist.",
                ),
            ],
            "You already wear two wrist items.\n",
        );
        return;
    }
    if single(wear::SHIELD) {
        if !remove_obj(world, ch, wear_loc::SHIELD, replace) {
            return;
        }
        let weapon = world.get_eq_char(ch, wear_loc::WIELD);
        if size < Size::Large && two_handed(world, weapon) {
            world.send(ch, "Your hands are tied up with your weapon!\n");
            return;
        }
        world.act("$n wears $p as a shield.", ch, ActArgs::obj(obj), To::Room);
        world.act("You wear $p as a shield.", ch, ActArgs::obj(obj), To::Char);
        equip(world, ch, obj, wear_loc::SHIELD);
        return;
    }
    if single(wear::WIELD) {
        if !remove_obj(world, ch, wear_loc::WIELD, replace) {
            return;
        }
        if !is_npc {
            let strength = world.get_curr_stat(ch, STAT_STR);
            if world.get_obj_weight(obj) > str_app(strength).wield * 10 {
                world.send(ch, "It is too heavy for you to wield.\n");
                return;
            }
            if size < Size::Large
                && two_handed(world, Some(obj))
                && world.get_eq_char(ch, wear_loc::SHIELD).is_some()
            {
                world.send(ch, "You need two hands free for that weapon.\n");
                return;
            }
        }
        world.act("$n wields $p.", ch, ActArgs::obj(obj), To::Room);
        world.act("You wield $p.", ch, ActArgs::obj(obj), To::Char);
        equip(world, ch, obj, wear_loc::WIELD);
        return;
    }
    if single(wear::HOLD) {
        wear_single(
            world,
            ch,
            obj,
            replace,
            wear_loc::HOLD,
            "$n holds $p in $s hand.",
            "You hold $p in your hand.",
        );
        return;
    }
    if single(wear::FLOAT) {
        wear_single(
            world,
            ch,
            obj,
            replace,
            wear_loc::FLOAT,
            "$n releases $p to float next to $m.",
            "You release $p and it floats next to you.",
        );
        return;
    }
    if replace {
        world.send(ch, "You can't wear, wield, or hold that.\n");
    }
}

/// `wear`, `wield` and `hold`: `<obj>` or `all`.
pub fn do_wear(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, _) = one_argument(arg);
    if arg1.is_empty() {
        world.send(ch, "Wear, wield, or hold what?\n");
        return;
    }
    if arg1 == "all" {
        each_loose_carried(world, ch, |_, _| true, |w, obj| wear_obj(w, ch, obj, false));
        return;
    }
    let Some(obj) = world.get_obj_carry(ch, &arg1) else {
        world.send(ch, "You do not have that item.\n");
        return;
    };
    wear_obj(world, ch, obj, true);
}

/// `remove <obj>` or `remove all`.
pub fn do_remove(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, _) = one_argument(arg);
    if arg1.is_empty() {
        world.send(ch, "Remove what?\n");
        return;
    }
    if arg1 == "all" {
        let worn: Vec<(ObjId, i32)> = world
            .ch(ch)
            .map(|c| c.carrying.clone())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|o| world.obj(o).map(|x| (o, x.wear_loc)))
            .filter(|&(_, loc)| loc != wear_loc::NONE)
            .collect();
        if worn.is_empty() {
            world.send(ch, "You are not wearing anything.\n");
            return;
        }
        for (obj, loc) in worn {
            if world.can_see_obj(ch, obj) {
                remove_obj(world, ch, loc, true);
            }
        }
        return;
    }
    let Some(obj) = world.get_obj_wear(ch, &arg1) else {
        world.send(ch, "You do not have that item.\n");
        return;
    };
    let loc = world.obj(obj).map_or(wear_loc::NONE, |o| o.wear_loc);
    remove_obj(world, ch, loc, true);
}

// --------------------------------------------------------------- sacrifice

/// `sacrifice <obj>` (also `junk` and `tap`): an object on the floor goes
/// to Mota for `max(1, 3 × level)` silver, at most its cost unless it is a
/// corpse (rom-mechanics 5.12). Not yourself, not what cannot be taken or is
/// `no_sac`, not furniture in use, not a player corpse with anything in it.
pub fn do_sacrifice(world: &mut World, ch: CharId, arg: &str) {
    let (what, _) = one_argument(arg);
    let Some(c) = world.ch(ch) else { return };
    let Some(room) = c.room else { return };
    if what.is_empty() || what.eq_ignore_ascii_case(&c.name) {
        world.act(
            "$n offers $mself to Mota, who graciously declines.",
            ch,
            ActArgs::default(),
            To::Room,
        );
        world.send(ch, "Mota appreciates your offer and may accept it later.\n");
        return;
    }
    let floor = world
        .room(room)
        .map(|r| r.contents.clone())
        .unwrap_or_default();
    let Some(obj) = world.get_obj_list(ch, &what, &floor) else {
        world.send(ch, "You can't find it.\n");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    if o.item_type == item::CORPSE_PC && !o.contains.is_empty() {
        world.send(ch, "Mota wouldn't like that.\n");
        return;
    }
    if o.wear_flags & wear::TAKE == 0 || o.wear_flags & wear::NO_SAC != 0 {
        world.act(
            "$p is not an acceptable sacrifice.",
            ch,
            ActArgs::obj(obj),
            To::Char,
        );
        return;
    }
    if let Some(user) = furniture_user(world, ch, obj) {
        world.act(
            "$N appears to be using $p.",
            ch,
            ActArgs::obj(obj).with_vict(user),
            To::Char,
        );
        return;
    }
    let mut silver = (o.level * 3).max(1);
    if o.item_type != item::CORPSE_NPC && o.item_type != item::CORPSE_PC {
        // Reset-placed floor items cost 0, so they are worth 0 (quirk 23).
        silver = silver.min(o.cost);
    }
    if silver == 1 {
        world.send(ch, "Mota gives you one silver coin for your sacrifice.\n");
    } else {
        world.send(
            ch,
            &format!("Mota gives you {silver} silver coins for your sacrifice.\n"),
        );
    }
    let autosplit = match world.ch_mut(ch) {
        Some(c) => {
            c.silver += i64::from(silver);
            c.act & plr::AUTOSPLIT != 0
        }
        None => return,
    };
    // ROM counts charmed group members here (unlike `get`'s autosplit).
    if autosplit && silver > 1 && super::act_comm::group_here(world, ch, false) > 1 {
        super::act_comm::do_split(world, ch, &silver.to_string());
    }
    world.act("$n sacrifices $p to Mota.", ch, ActArgs::obj(obj), To::Room);
    super::wiznet::wiznet(
        world,
        "$N sends up $p as a burnt offering.",
        Some(ch),
        Some(obj),
        super::wiznet::SACCING,
        0,
        0,
    );
    world.extract_obj(obj);
}
