//! Shops, pet shops, healers and ordering charmed followers (rom-mechanics
//! 9.1–9.3, 8.7 `deduct_cost`, 10.4 `order`): ROM's `list`, `buy`, `sell`,
//! `value`, `heal` and `order`.
//!
//! A shop hangs on a mobile prototype (`MobProto::shop`): the first keeper
//! in the room serves, within its opening hours and only customers it can
//! see. Items a keeper got from `G`/`E` resets are flagged *inventory*
//! (`world::reset`) and never run out; items players sell are ordinary
//! stock, sold once. Prices follow [`get_cost`]; haggling uses the
//! customer's `haggle` skill. A room flagged `pet_shop` sells the pets of
//! the next room ([`pet_room`]). A mobile with the `healer` act flag sells
//! the spells of [`HEALER_SPELLS`], cast through the spell registry
//! (`magic::spell_fn`).
//!
//! Departures from ROM:
//! * Refusals and chatter are our own words; the functional lines players
//!   and scripts rely on (`You buy $p for N silver.`, the `list` columns,
//!   the closed/can't-see answers, "looks uninterested", the neck tag) are
//!   ROM's.
//! * `list` counts ordinary stock by prototype and short description over
//!   the whole inventory rather than by neighbours in the list (ROM keeps
//!   identical items together, so the counts agree).
//! * A healer whose spell has no function yet (while some spells are still
//!   being written) says so and takes no money; the healer's words are a
//!   plain murmur instead of ROM's scrambled spell names.
//! * `order` shows the ordered command through `$T`, so a `$` in it is not
//!   read as an act code.

use super::{act_comm, interp, magic, skills};
use crate::world::act::{ActArgs, To};
use crate::world::handler::{is_name, number_argument, one_argument};
use crate::world::rules::{self, gsn};
use crate::world::*;

/// Command lag of `heal` and `order` (ROM's PULSE_VIOLENCE).
const PULSE_VIOLENCE: i32 = 12;

// ------------------------------------------------------------------ money

/// ROM's deduct_cost: take `cost` silver, silver coins first, then whole
/// gold coins with the change given back in silver.
pub fn deduct_cost(world: &mut World, ch: CharId, cost: i64) {
    let Some(c) = world.ch_mut(ch) else { return };
    let mut silver = c.silver.min(cost);
    let mut gold = 0;
    if silver < cost {
        gold = (cost - silver + 99) / 100;
        silver = cost - 100 * gold;
    }
    c.gold -= gold;
    c.silver -= silver;
    if c.gold < 0 {
        c.gold = 0;
    }
    if c.silver < 0 {
        c.silver = 0;
    }
}

/// Everything a character has, in silver.
fn wealth(c: &Char) -> i64 {
    c.silver + 100 * c.gold
}

/// Give `amount` silver to a keeper or healer as ROM does (gold + silver).
fn pay(world: &mut World, to: CharId, amount: i64) {
    if let Some(k) = world.ch_mut(to) {
        k.gold += amount / 100;
        k.silver += amount % 100;
    }
}

// ------------------------------------------------------------------ shops

/// The shop of a mobile's prototype, if it keeps one.
pub fn shop_of(world: &World, keeper: CharId) -> Option<Shop> {
    let vnum = world.ch(keeper)?.vnum?;
    world.mob_index.get(&vnum)?.proto.shop.clone()
}

/// Is this an unlimited (reset-given) stock item?
fn is_inventory(o: &Obj) -> bool {
    o.inventory || o.extra_flags & extra::INVENTORY != 0
}

/// Same prototype and same short description: one line of stock.
fn same_stock(a: &Obj, b: &Obj) -> bool {
    a.vnum == b.vnum && a.short_descr.eq_ignore_ascii_case(&b.short_descr)
}

/// ROM's get_cost: what `keeper` asks for `obj` (`buy`) or offers for it.
pub fn get_cost(world: &World, keeper: CharId, obj: ObjId, buy: bool) -> i64 {
    let (Some(o), Some(shop)) = (world.obj(obj), shop_of(world, keeper)) else {
        return 0;
    };
    let base = i64::from(o.cost);
    let mut cost = if buy {
        base * i64::from(shop.profit_buy) / 100
    } else if shop.buy_types.iter().any(|&t| t > 0 && t == o.item_type) {
        base * i64::from(shop.profit_sell) / 100
    } else {
        0
    };
    if !buy && o.extra_flags & extra::SELL_EXTRACT == 0 {
        let carried = world.ch(keeper).map(|k| k.carrying.clone()).unwrap_or_default();
        for other in carried {
            if other == obj {
                continue;
            }
            let Some(o2) = world.obj(other) else { continue };
            if same_stock(o, o2) {
                if is_inventory(o2) {
                    cost /= 2;
                } else {
                    cost = cost * 3 / 4;
                }
            }
        }
    }
    if o.item_type == item::STAFF || o.item_type == item::WAND {
        if o.values[1] == 0 {
            cost /= 4;
        } else {
            cost = cost * o.values[2] / o.values[1];
        }
    }
    cost
}

/// ROM's find_keeper: the serving shopkeeper here, or `None` after telling
/// the customer why not (none here, closed, can't see them).
pub fn find_keeper(world: &mut World, ch: CharId) -> Option<CharId> {
    let room = world.ch(ch)?.room?;
    let people = world.room(room)?.people.clone();
    let keeper = people
        .into_iter()
        .find(|&p| world.ch(p).is_some_and(|c| c.is_npc()) && shop_of(world, p).is_some());
    let Some(keeper) = keeper else {
        world.send(ch, "You can't do that here.\n");
        return None;
    };
    let shop = shop_of(world, keeper)?;
    if world.hour < shop.open_hour {
        act_comm::do_say(world, keeper, "Sorry, I am closed. Come back later.");
        return None;
    }
    if world.hour > shop.close_hour {
        act_comm::do_say(world, keeper, "Sorry, I am closed. Come back tomorrow.");
        return None;
    }
    if !world.can_see(keeper, ch) {
        act_comm::do_say(world, keeper, "I don't trade with folks I can't see.");
        return None;
    }
    Some(keeper)
}

/// `$n tells you '<what>'` from the keeper, who becomes the customer's
/// `reply` target. `what` may hold `$p` (the object).
fn keeper_tells(world: &mut World, keeper: CharId, ch: CharId, what: &str, obj: Option<ObjId>) {
    let args = ActArgs {
        vict: Some(ch),
        obj1: obj,
        ..Default::default()
    };
    world.act(&format!("$n tells you '{what}'"), keeper, args, To::Vict);
    if let Some(c) = world.ch_mut(ch) {
        c.reply = Some(keeper);
    }
}

/// The keeper's stock `ch` names (`bread`, `2.bread`): loose, seen by both,
/// each line of identical ordinary stock counting once (ROM's get_obj_keeper).
fn get_obj_keeper(world: &World, ch: CharId, keeper: CharId, arg: &str) -> Option<ObjId> {
    let (number, name) = number_argument(arg);
    let carried = world.ch(keeper)?.carrying.clone();
    let mut count = 0;
    let mut seen: Vec<ObjId> = Vec::new();
    for obj in carried {
        let Some(o) = world.obj(obj) else { continue };
        if o.wear_loc != wear_loc::NONE
            || !world.can_see_obj(keeper, obj)
            || !world.can_see_obj(ch, obj)
            || !is_name(name, &o.name)
        {
            continue;
        }
        let dup = seen
            .iter()
            .any(|&s| world.obj(s).is_some_and(|so| same_stock(so, o)));
        if dup {
            continue;
        }
        seen.push(obj);
        count += 1;
        if count == number {
            return Some(obj);
        }
    }
    None
}

/// Ordinary stock identical to `obj` (itself included), in list order.
fn stock_like(world: &World, keeper: CharId, obj: ObjId) -> Vec<ObjId> {
    let Some(o) = world.obj(obj) else {
        return Vec::new();
    };
    world
        .ch(keeper)
        .map(|k| k.carrying.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|&x| {
            world.obj(x).is_some_and(|ox| {
                ox.wear_loc == wear_loc::NONE && !is_inventory(ox) && same_stock(o, ox)
            })
        })
        .collect()
}

/// ROM's obj_to_keeper: a sold item joins the keeper's stock next to its
/// twins (taking their price); a twin of unlimited stock is destroyed.
fn obj_to_keeper(world: &mut World, obj: ObjId, keeper: CharId) {
    let carried = world.ch(keeper).map(|k| k.carrying.clone()).unwrap_or_default();
    let twin = world.obj(obj).and_then(|o| {
        carried
            .iter()
            .copied()
            .find(|&t| world.obj(t).is_some_and(|to| same_stock(o, to)))
    });
    let Some(twin) = twin else {
        world.obj_to_char(obj, keeper);
        return;
    };
    if world.obj(twin).is_some_and(is_inventory) {
        world.extract_obj(obj);
        return;
    }
    let cost = world.obj(twin).map_or(0, |t| t.cost);
    if let Some(o) = world.obj_mut(obj) {
        o.cost = cost;
    }
    world.obj_to_char(obj, keeper);
    // obj_to_char put it first; move it right after its twin.
    if let Some(k) = world.ch_mut(keeper) {
        k.carrying.retain(|&x| x != obj);
        let at = k.carrying.iter().position(|&x| x == twin).map_or(0, |i| i + 1);
        k.carrying.insert(at, obj);
    }
}

/// `N*item` → (N, item); no star → (1, whole).
fn mult_argument(arg: &str) -> (i64, &str) {
    match arg.split_once('*') {
        Some((n, rest)) => (n.trim().parse().unwrap_or(0), rest),
        None => (1, arg),
    }
}

/// Does `ch` stand in a pet shop?
fn in_pet_shop(world: &World, ch: CharId) -> Option<RoomVnum> {
    let room = world.ch(ch)?.room?;
    let r = world.room(room)?;
    (r.flags & ROOM_PET_SHOP != 0).then_some(room)
}

/// The room whose mobiles a pet shop sells: the next vnum (New Thalos's
/// shop 9621 keeps its pets in 9706, as hard-coded in ROM).
pub fn pet_room(shop: RoomVnum) -> RoomVnum {
    if shop.0 == 9621 {
        RoomVnum(9706)
    } else {
        RoomVnum(shop.0 + 1)
    }
}

/// A pet's price: 10 × level² silver.
pub fn pet_price(level: i32) -> i64 {
    10 * i64::from(level) * i64::from(level)
}

/// `list [name]`: the keeper's wares, or the pets of a pet shop.
pub fn do_list(world: &mut World, ch: CharId, arg: &str) {
    if let Some(shop) = in_pet_shop(world, ch) {
        let Some(kennel) = world.room(pet_room(shop)) else {
            world.send(ch, "You can't do that here.\n");
            return;
        };
        let mut buf = String::new();
        for &p in &kennel.people {
            let Some(pet) = world.ch(p) else { continue };
            if pet.act & ACT_PET == 0 {
                continue;
            }
            if buf.is_empty() {
                buf.push_str("Pets for sale:\n");
            }
            buf.push_str(&format!(
                "[{:2}] {:8} - {}\n",
                pet.level,
                pet_price(pet.level),
                pet.short_descr
            ));
        }
        if buf.is_empty() {
            buf.push_str("No pets are for sale just now.\n");
        }
        world.send(ch, &buf);
        return;
    }
    let Some(keeper) = find_keeper(world, ch) else {
        return;
    };
    let (filter, _) = one_argument(arg);
    let carried = world.ch(keeper).map(|k| k.carrying.clone()).unwrap_or_default();
    let mut buf = String::new();
    let mut listed: Vec<ObjId> = Vec::new();
    for obj in carried {
        let Some(o) = world.obj(obj) else { continue };
        if o.wear_loc != wear_loc::NONE || !world.can_see_obj(ch, obj) {
            continue;
        }
        let cost = get_cost(world, keeper, obj, true);
        if cost <= 0 || !(filter.is_empty() || is_name(&filter, &o.name)) {
            continue;
        }
        if listed
            .iter()
            .any(|&l| world.obj(l).is_some_and(|lo| !is_inventory(lo) && same_stock(lo, o)))
            && !is_inventory(o)
        {
            continue;
        }
        listed.push(obj);
        if buf.is_empty() {
            buf.push_str("[Lv Price Qty] Item\n");
        }
        if is_inventory(o) {
            buf.push_str(&format!("[{:2} {:5} -- ] {}\n", o.level, cost, o.short_descr));
        } else {
            let count = stock_like(world, keeper, obj).len();
            buf.push_str(&format!(
                "[{:2} {:5} {:2} ] {}\n",
                o.level, cost, count, o.short_descr
            ));
        }
    }
    if buf.is_empty() {
        buf.push_str("There is nothing here you can buy.\n");
    }
    world.send(ch, &buf);
}

/// `buy [N*]item`, or `buy <pet> [name]` in a pet shop.
pub fn do_buy(world: &mut World, ch: CharId, arg: &str) {
    let arg = arg.trim();
    if arg.is_empty() {
        world.send(ch, "Buy what?\n");
        return;
    }
    if let Some(shop) = in_pet_shop(world, ch) {
        buy_pet(world, ch, shop, arg);
        return;
    }
    let Some(keeper) = find_keeper(world, ch) else {
        return;
    };
    let (word, _) = one_argument(arg);
    let (number, name) = mult_argument(&word);
    let obj = get_obj_keeper(world, ch, keeper, name);
    let mut cost = obj.map_or(0, |o| get_cost(world, keeper, o, true));
    if !(1..=99).contains(&number) {
        keeper_tells(world, keeper, ch, "Be reasonable!", None);
        return;
    }
    let Some(obj) = obj.filter(|&o| cost > 0 && world.can_see_obj(ch, o)) else {
        keeper_tells(
            world,
            keeper,
            ch,
            "I don't sell that -- try 'list'.",
            None,
        );
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    let (inventory, level, sell_extract, base) = (
        is_inventory(o),
        o.level,
        o.extra_flags & extra::SELL_EXTRACT != 0,
        i64::from(o.cost),
    );
    let stock = if inventory {
        Vec::new()
    } else {
        stock_like(world, keeper, obj)
    };
    if !inventory && (stock.len() as i64) < number {
        keeper_tells(world, keeper, ch, "I haven't that many in stock.", None);
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if wealth(c) < cost * number {
        let what = if number > 1 {
            "You can't afford that many."
        } else {
            "You can't afford $p."
        };
        keeper_tells(world, keeper, ch, what, Some(obj));
        return;
    }
    if level > c.level {
        keeper_tells(world, keeper, ch, "You can't use $p yet.", Some(obj));
        return;
    }
    let n = number as i32;
    if world.carry_number(ch) + n * world.get_obj_number(obj) > world.can_carry_n(ch) {
        world.send(ch, "You can't carry that many items.\n");
        return;
    }
    if world.carry_weight(ch) + n * world.get_obj_weight(obj) > world.can_carry_w(ch) {
        world.send(ch, "You can't carry that much weight.\n");
        return;
    }
    let roll = world.rng.percent();
    if !sell_extract && roll < world.get_skill(ch, gsn::HAGGLE) {
        cost -= base / 2 * i64::from(roll) / 100;
        world.act("You haggle with $N.", ch, ActArgs::vict(keeper), To::Char);
        skills::check_improve(world, ch, gsn::HAGGLE, true, 4);
    }
    let total = cost * number;
    if number > 1 {
        world.act(
            &format!("$n buys $p[{number}]."),
            ch,
            ActArgs::obj(obj),
            To::Room,
        );
        world.act(
            &format!("You buy $p[{number}] for {total} silver."),
            ch,
            ActArgs::obj(obj),
            To::Char,
        );
    } else {
        world.act("$n buys $p.", ch, ActArgs::obj(obj), To::Room);
        world.act(
            &format!("You buy $p for {cost} silver."),
            ch,
            ActArgs::obj(obj),
            To::Char,
        );
    }
    deduct_cost(world, ch, total);
    pay(world, keeper, total);
    for i in 0..number as usize {
        let item = if inventory {
            let vnum = world.obj(obj).map(|o| o.vnum);
            match vnum.and_then(|v| world.create_object(v, level)) {
                Some(x) => x,
                None => break,
            }
        } else {
            match stock.get(i) {
                Some(&x) => x,
                None => break,
            }
        };
        if let Some(t) = world.obj_mut(item) {
            if t.timer > 0 && t.extra_flags & extra::HAD_TIMER == 0 {
                t.timer = 0;
            }
            t.extra_flags &= !extra::HAD_TIMER;
            if cost < i64::from(t.cost) {
                t.cost = cost as i32;
            }
        }
        world.obj_to_char(item, ch);
    }
}

/// `buy <pet> [name]` in a pet shop.
fn buy_pet(world: &mut World, ch: CharId, shop: RoomVnum, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    let (word, rest) = one_argument(arg);
    let kennel = pet_room(shop);
    let (number, name) = number_argument(&word);
    let people = world.room(kennel).map(|r| r.people.clone()).unwrap_or_default();
    let pet = people
        .into_iter()
        .filter(|&p| {
            world
                .ch(p)
                .is_some_and(|m| world.can_see(ch, p) && is_name(name, &m.name))
        })
        .nth(number.saturating_sub(1));
    let Some((pet_vnum, pet_level)) = pet
        .and_then(|p| world.ch(p))
        .filter(|m| m.act & ACT_PET != 0)
        .and_then(|m| Some((m.vnum?, m.level)))
    else {
        world.send(ch, "There is no such pet for sale here.\n");
        return;
    };
    let Some(c) = world.ch(ch) else { return };
    if c.pet.is_some_and(|p| world.chars.contains(p)) {
        world.send(ch, "You already have a pet; one is enough.\n");
        return;
    }
    let mut cost = pet_price(pet_level);
    if wealth(c) < cost {
        world.send(ch, "You can't afford that pet.\n");
        return;
    }
    if c.level < pet_level {
        world.send(ch, "That pet would not obey someone of your level.\n");
        return;
    }
    let roll = world.rng.percent();
    if roll < world.get_skill(ch, gsn::HAGGLE) {
        cost -= cost / 2 * i64::from(roll) / 100;
        world.send(ch, &format!("You haggle the price down to {cost} coins.\n"));
        skills::check_improve(world, ch, gsn::HAGGLE, true, 4);
    }
    deduct_cost(world, ch, cost);
    let Some(pet) = world.create_mobile(pet_vnum) else {
        return;
    };
    let (owner, room) = match world.ch(ch) {
        Some(c) => (c.name.clone(), c.room),
        None => return,
    };
    let (extra_name, _) = one_argument(rest);
    if let Some(p) = world.ch_mut(pet) {
        p.act |= ACT_PET;
        p.affected_by |= aff::CHARM;
        p.comm = comm::NOTELL | comm::NOSHOUT | comm::NOCHANNELS;
        if !extra_name.is_empty() {
            p.name = format!("{} {}", p.name, extra_name);
        }
        p.description = format!(
            "{}A neck tag says 'I belong to {owner}'.\n",
            p.description
        );
    }
    let Some(room) = room else { return };
    world.char_to_room(pet, room);
    act_comm::add_follower(world, pet, ch);
    if let Some(p) = world.ch_mut(pet) {
        p.leader = Some(ch);
    }
    if let Some(c) = world.ch_mut(ch) {
        c.pet = Some(pet);
    }
    world.send(ch, "Enjoy your pet.\n");
    world.act("$n bought $N as a pet.", ch, ActArgs::vict(pet), To::Room);
}

/// `sell <item>`.
pub fn do_sell(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Sell what?\n");
        return;
    }
    let Some(keeper) = find_keeper(world, ch) else {
        return;
    };
    let Some(obj) = world.get_obj_carry(ch, &word) else {
        keeper_tells(world, keeper, ch, "You aren't carrying that.", None);
        return;
    };
    if !super::act_obj::can_drop_obj(world, ch, obj) {
        world.send(ch, "You can't let go of it.\n");
        return;
    }
    if !world.can_see_obj(keeper, obj) {
        world.act(
            "$n doesn't see what you are offering.",
            keeper,
            ActArgs::vict(ch),
            To::Vict,
        );
        return;
    }
    let mut cost = get_cost(world, keeper, obj, false);
    if cost <= 0 {
        world.act(
            "$n looks uninterested in $p.",
            keeper,
            ActArgs::obj(obj).with_vict(ch),
            To::Vict,
        );
        return;
    }
    let keeper_cash = world.ch(keeper).map_or(0, wealth);
    if cost > keeper_cash {
        keeper_tells(
            world,
            keeper,
            ch,
            "I haven't the money to pay for $p.",
            Some(obj),
        );
        return;
    }
    world.act("$n sells $p.", ch, ActArgs::obj(obj), To::Room);
    let Some(o) = world.obj(obj) else { return };
    let (base, sell_extract, trash, timer) = (
        i64::from(o.cost),
        o.extra_flags & extra::SELL_EXTRACT != 0,
        o.item_type == item::TRASH,
        o.timer,
    );
    let roll = world.rng.percent();
    if !sell_extract && roll < world.get_skill(ch, gsn::HAGGLE) {
        world.send(ch, "You haggle with the shopkeeper.\n");
        cost += base / 2 * i64::from(roll) / 100;
        cost = cost.min(95 * get_cost(world, keeper, obj, true) / 100);
        cost = cost.min(keeper_cash);
        skills::check_improve(world, ch, gsn::HAGGLE, true, 4);
    }
    let (gold, silver) = (cost / 100, cost % 100);
    world.act(
        &format!(
            "You sell $p for {silver} silver and {gold} gold piece{}.",
            if cost == 1 { "" } else { "s" }
        ),
        ch,
        ActArgs::obj(obj),
        To::Char,
    );
    if let Some(c) = world.ch_mut(ch) {
        c.gold += gold;
        c.silver += silver;
    }
    deduct_cost(world, keeper, cost);
    if trash || sell_extract {
        world.extract_obj(obj);
        return;
    }
    if timer != 0 {
        if let Some(o) = world.obj_mut(obj) {
            o.extra_flags |= extra::HAD_TIMER;
        }
    } else {
        let t = world.rng.range(50, 100);
        if let Some(o) = world.obj_mut(obj) {
            o.timer = t;
        }
    }
    obj_to_keeper(world, obj, keeper);
}

/// `value <item>`: what the keeper would pay (no haggling).
pub fn do_value(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Value what?\n");
        return;
    }
    let Some(keeper) = find_keeper(world, ch) else {
        return;
    };
    let Some(obj) = world.get_obj_carry(ch, &word) else {
        keeper_tells(world, keeper, ch, "You aren't carrying that.", None);
        return;
    };
    if !world.can_see_obj(keeper, obj) {
        world.act(
            "$n doesn't see what you are offering.",
            keeper,
            ActArgs::vict(ch),
            To::Vict,
        );
        return;
    }
    if !super::act_obj::can_drop_obj(world, ch, obj) {
        world.send(ch, "You can't let go of it.\n");
        return;
    }
    let cost = get_cost(world, keeper, obj, false);
    if cost <= 0 {
        world.act(
            "$n looks uninterested in $p.",
            keeper,
            ActArgs::obj(obj).with_vict(ch),
            To::Vict,
        );
        return;
    }
    keeper_tells(
        world,
        keeper,
        ch,
        &format!(
            "I'll give you {} silver and {} gold coins for $p.",
            cost % 100,
            cost / 100
        ),
        Some(obj),
    );
}

/// Each mobile update: a keeper short of its prototype's wealth gets a
/// little money (rom-mechanics 9.1).
pub fn keeper_refill(world: &mut World, keeper: CharId) {
    let Some(vnum) = world.ch(keeper).and_then(|c| c.vnum) else {
        return;
    };
    let Some(proto) = world.mob_index.get(&vnum).map(|m| &m.proto) else {
        return;
    };
    if proto.shop.is_none() {
        return;
    }
    let w = i64::from(proto.wealth);
    if world.ch(keeper).is_none_or(|k| wealth(k) >= w) {
        return;
    }
    let g = w * i64::from(world.rng.range(1, 20)) / 5_000_000;
    let s = w * i64::from(world.rng.range(1, 20)) / 50_000;
    if let Some(k) = world.ch_mut(keeper) {
        k.gold += g;
        k.silver += s;
    }
}

// ---------------------------------------------------------------- healers

/// One service of a healer: keywords (prefixes, checked in order), the
/// spell it casts (`None`: mana), price in silver, and the list's line.
pub struct HealerSpell {
    pub keywords: &'static [&'static str],
    pub spell: Option<&'static str>,
    pub price: i64,
    pub label: &'static str,
}

/// The healer's price list (rom-mechanics 9.3).
pub static HEALER_SPELLS: &[HealerSpell] = &[
    HealerSpell { keywords: &["light"], spell: Some("cure light"), price: 1000, label: "cure light wounds" },
    HealerSpell { keywords: &["serious"], spell: Some("cure serious"), price: 1600, label: "cure serious wounds" },
    HealerSpell { keywords: &["critical"], spell: Some("cure critical"), price: 2500, label: "cure critical wounds" },
    HealerSpell { keywords: &["heal"], spell: Some("heal"), price: 5000, label: "healing spell" },
    HealerSpell { keywords: &["blindness"], spell: Some("cure blindness"), price: 2000, label: "cure blindness" },
    HealerSpell { keywords: &["disease"], spell: Some("cure disease"), price: 1500, label: "cure disease" },
    HealerSpell { keywords: &["poison"], spell: Some("cure poison"), price: 2500, label: "cure poison" },
    HealerSpell { keywords: &["uncurse", "curse"], spell: Some("remove curse"), price: 5000, label: "remove curse" },
    HealerSpell { keywords: &["mana", "energize"], spell: None, price: 1000, label: "restore mana" },
    HealerSpell { keywords: &["refresh", "moves"], spell: Some("refresh"), price: 500, label: "restore movement" },
];

/// The service `word` names (ROM's `str_prefix` order).
pub fn healer_spell(word: &str) -> Option<&'static HealerSpell> {
    if word.is_empty() {
        return None;
    }
    let word = word.to_ascii_lowercase();
    HEALER_SPELLS
        .iter()
        .find(|h| h.keywords.iter().any(|k| k.starts_with(&word)))
}

/// `heal [type]`: a healer's price list, or buy one service.
pub fn do_heal(world: &mut World, ch: CharId, arg: &str) {
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world.room(room).map(|r| r.people.clone()).unwrap_or_default();
    let Some(healer) = people
        .into_iter()
        .find(|&p| world.ch(p).is_some_and(|m| m.is_npc() && m.act & ACT_HEALER != 0))
    else {
        world.send(ch, "You can't do that here.\n");
        return;
    };
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.act(
            "$N says 'These are the services I offer:'",
            ch,
            ActArgs::vict(healer),
            To::Char,
        );
        let mut buf = String::new();
        for h in HEALER_SPELLS {
            buf.push_str(&format!(
                "  {:<9} {:<22} {:>3} gold\n",
                format!("{}:", h.keywords[0]),
                h.label,
                h.price / 100
            ));
        }
        buf.push_str(" Type heal <type> to be healed.\n");
        world.send(ch, &buf);
        return;
    }
    let Some(service) = healer_spell(&word) else {
        world.act(
            "$N says 'Type 'heal' to see what I can do for you.'",
            ch,
            ActArgs::vict(healer),
            To::Char,
        );
        return;
    };
    let cast = match service.spell {
        None => None,
        Some(name) => match rules::skill_lookup(name).and_then(|sn| Some((sn, magic::spell_fn(sn)?))) {
            Some(found) => Some(found),
            None => {
                world.act(
                    "$N says 'I am sorry, I have not yet learned that one.'",
                    ch,
                    ActArgs::vict(healer),
                    To::Char,
                );
                return;
            }
        },
    };
    if world.ch(ch).is_none_or(|c| wealth(c) < service.price) {
        world.act(
            "$N says 'You cannot pay for that, I'm afraid.'",
            ch,
            ActArgs::vict(healer),
            To::Char,
        );
        return;
    }
    if let Some(c) = world.ch_mut(ch) {
        c.wait = c.wait.max(PULSE_VIOLENCE);
    }
    deduct_cost(world, ch, service.price);
    pay(world, healer, service.price);
    world.act(
        "$n closes $s eyes and murmurs a prayer.",
        healer,
        ActArgs::default(),
        To::Room,
    );
    let level = world.ch(healer).map_or(1, |h| h.level);
    match cast {
        Some((sn, spell)) => spell(world, sn, level, healer, magic::SpellTarget::Char(ch)),
        None => {
            let gain = world.rng.dice(2, 8) + level / 3;
            if let Some(c) = world.ch_mut(ch) {
                c.mana = (c.mana + gain).min(c.max_mana.max(c.mana));
            }
            world.send(ch, "A warm glow passes through you.\n");
        }
    }
}

// ------------------------------------------------------------------ order

/// `order <follower|all> <command>`: charmed followers here obey.
pub fn do_order(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let command = rest.trim();
    let (verb, _) = one_argument(command);
    if verb == "delete" || verb == "mob" {
        world.send(ch, "That will NOT be done.\n");
        return;
    }
    if who.is_empty() || command.is_empty() {
        world.send(ch, "Order whom to do what?\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    if c.is_affected(aff::CHARM) {
        world.send(ch, "You feel like taking, not giving, orders.\n");
        return;
    }
    let trust = c.get_trust();
    let all = who == "all";
    let victim = if all {
        None
    } else {
        let Some(v) = world.get_char_room(ch, &who) else {
            world.send(ch, "They aren't here.\n");
            return;
        };
        if v == ch {
            world.send(ch, "Aye aye, right away!\n");
            return;
        }
        let obeys = world.ch(v).is_some_and(|vc| {
            vc.is_affected(aff::CHARM)
                && vc.master == Some(ch)
                && !(vc.is_immortal() && vc.trust >= trust)
        });
        if !obeys {
            world.send(ch, "Do it yourself!\n");
            return;
        }
        Some(v)
    };
    let Some(room) = world.ch(ch).and_then(|c| c.room) else {
        return;
    };
    let people = world.room(room).map(|r| r.people.clone()).unwrap_or_default();
    let mut found = false;
    for och in people {
        let follows = world.ch(och).is_some_and(|o| {
            o.is_affected(aff::CHARM) && o.master == Some(ch) && o.room == Some(room)
        });
        if !follows || !(all || victim == Some(och)) {
            continue;
        }
        found = true;
        world.act(
            "$n orders you to '$T'.",
            ch,
            ActArgs::vict(och).with_text2(command),
            To::Vict,
        );
        interp::interpret(world, och, command);
    }
    if found {
        if let Some(c) = world.ch_mut(ch) {
            c.wait = c.wait.max(PULSE_VIOLENCE);
        }
        world.send(ch, "Ok.\n");
    } else {
        world.send(ch, "You have no followers here.\n");
    }
}

/// When a player leaves the game: the pet goes with them (ROM's nuke_pets).
pub fn nuke_pets(world: &mut World, ch: CharId) {
    let Some(pet) = world.ch_mut(ch).and_then(|c| c.pet.take()) else {
        return;
    };
    if !world.chars.contains(pet) {
        return;
    }
    act_comm::stop_follower(world, pet);
    if world.ch(pet).is_some_and(|p| p.room.is_some()) {
        world.act(
            "$N slowly fades away.",
            ch,
            ActArgs::vict(pet),
            To::NotVict,
        );
    }
    world.extract_char(pet);
}
