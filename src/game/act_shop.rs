//! Shops, pet shops, healers and ordering charmed followers (rom-mechanics
//! 9.1–9.3, 8.7 `deduct_cost`, 10.4 `order`): ROM's `list`, `buy`, `sell`,
//! `value`, `heal` and `order`.
//!
//! A shop hangs on a mobile prototype (`MobProto::shop`): the first keeper
//! in the room serves, within its opening hours and only customers it can
//! see. Items a keeper got from `G`/`E` resets are flagged *inventory*
//! (`world::reset`) and never run out; items players sell are ordinary
//! stock, sold once. Prices follow [`get_cost`]; haggling uses the
//! customer's `haggle` skill. As in ROM, a sold item joins its twins in the
//! keeper's stock at their price, and one identical to unlimited stock is
//! simply destroyed. A room flagged `pet_shop` sells the pets of
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
//! * The healer's words are a plain murmur instead of ROM's scrambled
//!   spell names (a world whose spell were somehow missing would hear that
//!   the healer cannot help, and keep its money).
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
        let carried = world
            .ch(keeper)
            .map(|k| k.carrying.clone())
            .unwrap_or_default();
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
            // Values come from files: never overflow on strange charges.
            cost = cost
                .saturating_mul(o.values[2])
                .checked_div(o.values[1])
                .unwrap_or(0);
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
    let carried = world
        .ch(keeper)
        .map(|k| k.carrying.clone())
        .unwrap_or_default();
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
        let at = k
            .carrying
            .iter()
            .position(|&x| x == twin)
            .map_or(0, |i| i + 1);
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
    let carried = world
        .ch(keeper)
        .map(|k| k.carrying.clone())
        .unwrap_or_default();
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
        if listed.iter().any(|&l| {
            world
                .obj(l)
                .is_some_and(|lo| !is_inventory(lo) && same_stock(lo, o))
        }) && !is_inventory(o)
        {
            continue;
        }
        listed.push(obj);
        if buf.is_empty() {
            buf.push_str("[Lv Price Qty] Item\n");
        }
        if is_inventory(o) {
            buf.push_str(&format!(
                "[{:2} {:5} -- ] {}\n",
                o.level, cost, o.short_descr
            ));
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

/// `buy [N*]item` (or `buy N item`), or `buy <pet> [name]` in a pet shop.
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
    let (word, rest) = one_argument(arg);
    let (second, _) = one_argument(rest);
    // ROM's `buy 2*bread`; `buy 2 bread` is read the same way (ROM itself
    // would look for an item named "2").
    let spaced = (!second.is_empty() && !word.contains('*'))
        .then(|| word.parse::<i64>().ok())
        .flatten();
    let (number, name) = match spaced {
        Some(n) => (n, second.as_str()),
        None => mult_argument(&word),
    };
    let obj = get_obj_keeper(world, ch, keeper, name);
    let mut cost = obj.map_or(0, |o| get_cost(world, keeper, o, true));
    if !(1..=99).contains(&number) {
        keeper_tells(world, keeper, ch, "Be reasonable!", None);
        return;
    }
    let Some(obj) = obj.filter(|&o| cost > 0 && world.can_see_obj(ch, o)) else {
        keeper_tells(world, keeper, ch, "I don't sell that -- try 'list'.", None);
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
    let people = world
        .room(kennel)
        .map(|r| r.people.clone())
        .unwrap_or_default();
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
        p.description = format!("{}A neck tag says 'I belong to {owner}'.\n", p.description);
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
    HealerSpell {
        keywords: &["light"],
        spell: Some("cure light"),
        price: 1000,
        label: "cure light wounds",
    },
    HealerSpell {
        keywords: &["serious"],
        spell: Some("cure serious"),
        price: 1600,
        label: "cure serious wounds",
    },
    HealerSpell {
        keywords: &["critical"],
        spell: Some("cure critical"),
        price: 2500,
        label: "cure critical wounds",
    },
    HealerSpell {
        keywords: &["heal"],
        spell: Some("heal"),
        price: 5000,
        label: "healing spell",
    },
    HealerSpell {
        keywords: &["blindness"],
        spell: Some("cure blindness"),
        price: 2000,
        label: "cure blindness",
    },
    HealerSpell {
        keywords: &["disease"],
        spell: Some("cure disease"),
        price: 1500,
        label: "cure disease",
    },
    HealerSpell {
        keywords: &["poison"],
        spell: Some("cure poison"),
        price: 2500,
        label: "cure poison",
    },
    HealerSpell {
        keywords: &["uncurse", "curse"],
        spell: Some("remove curse"),
        price: 5000,
        label: "remove curse",
    },
    HealerSpell {
        keywords: &["mana", "energize"],
        spell: None,
        price: 1000,
        label: "restore mana",
    },
    HealerSpell {
        keywords: &["refresh", "moves"],
        spell: Some("refresh"),
        price: 500,
        label: "restore movement",
    },
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
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
    let Some(healer) = people.into_iter().find(|&p| {
        world
            .ch(p)
            .is_some_and(|m| m.is_npc() && m.act & ACT_HEALER != 0)
    }) else {
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
        Some(name) => {
            match rules::skill_lookup(name).and_then(|sn| Some((sn, magic::spell_fn(sn)?))) {
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
            }
        }
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
                c.mana = (c.mana + gain).min(c.max_mana);
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
    let people = world
        .room(room)
        .map(|r| r.people.clone())
        .unwrap_or_default();
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
        world.act("$N slowly fades away.", ch, ActArgs::vict(pet), To::NotVict);
    }
    world.extract_char(pet);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ConnId;
    use crate::world::{
        AreaId, AreaProto, MobProto, MobVnum, ObjProto, ObjVnum, Protos, RoomProto,
    };

    const SHOP: RoomVnum = RoomVnum(3001);
    const PETS: RoomVnum = RoomVnum(3010);
    const KENNEL: RoomVnum = RoomVnum(3011);
    const KEEPER: MobVnum = MobVnum(3000);
    const HEALER: MobVnum = MobVnum(3002);
    const PUP: MobVnum = MobVnum(3003);
    const BREAD: ObjVnum = ObjVnum(3100);
    const LAMP: ObjVnum = ObjVnum(3101);
    const WAND: ObjVnum = ObjVnum(3102);
    const RAG: ObjVnum = ObjVnum(3103);
    const RELIC: ObjVnum = ObjVnum(3104);
    const BLADE: ObjVnum = ObjVnum(3105);

    fn world(seed: u64) -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 3000,
            high_vnum: 3199,
            ..Default::default()
        });
        for (v, flags) in [(SHOP, 0), (PETS, ROOM_PET_SHOP), (KENNEL, 0)] {
            p.rooms.insert(
                v,
                RoomProto {
                    vnum: v,
                    area: AreaId(0),
                    name: format!("Room {}", v.0),
                    flags,
                    ..Default::default()
                },
            );
        }
        let mob = |vnum: MobVnum, kw: &str, level: i32| MobProto {
            vnum,
            keywords: kw.into(),
            short_descr: format!("the {kw}"),
            long_descr: format!("The {kw} is here.\n"),
            description: format!("A {kw}.\n"),
            level,
            hit: crate::world::Dice {
                number: 0,
                size: 0,
                bonus: 100,
            },
            start_pos: pos::STANDING,
            default_pos: pos::STANDING,
            ..Default::default()
        };
        let mut keeper = mob(KEEPER, "baker keeper", 20);
        keeper.wealth = 1000;
        keeper.shop = Some(Shop {
            keeper: KEEPER,
            buy_types: [item::FOOD, item::LIGHT, item::WAND, item::TRASH, 0],
            profit_buy: 110,
            profit_sell: 40,
            open_hour: 6,
            close_hour: 20,
        });
        p.mobs.insert(KEEPER, keeper);
        let mut healer = mob(HEALER, "healer", 30);
        healer.act = ACT_HEALER;
        p.mobs.insert(HEALER, healer);
        p.mobs.insert(PUP, mob(PUP, "pup dog", 3));
        let obj = |vnum: ObjVnum, kw: &str, item_type: i32, cost: i32| ObjProto {
            vnum,
            keywords: kw.into(),
            short_descr: format!("a {kw}"),
            long_descr: format!("A {kw} lies here."),
            item_type,
            wear_flags: wear::TAKE,
            cost,
            weight: 1,
            condition: 100,
            ..Default::default()
        };
        p.objs.insert(BREAD, obj(BREAD, "bread", item::FOOD, 9));
        p.objs.insert(LAMP, obj(LAMP, "lamp", item::LIGHT, 200));
        let mut wand = obj(WAND, "wand", item::WAND, 1000);
        wand.values = [10, 10, 5, 0, 0];
        p.objs.insert(WAND, wand);
        p.objs.insert(RAG, obj(RAG, "rag", item::TRASH, 100));
        let mut relic = obj(RELIC, "relic", item::LIGHT, 400);
        relic.extra_flags = extra::SELL_EXTRACT;
        p.objs.insert(RELIC, relic);
        p.objs.insert(BLADE, obj(BLADE, "blade", item::WEAPON, 500));
        let mut w = World::new(p, seed);
        w.hour = 12;
        w
    }

    fn player(w: &mut World, silver: i64, gold: i64) -> CharId {
        let id = w.chars.insert(Char {
            name: "Bob".into(),
            pc: Some(Box::default()),
            level: 10,
            class: rules::CLASS_WARRIOR as i32,
            hit: 10,
            max_hit: 100,
            mana: 10,
            max_mana: 100,
            mv: 10,
            max_mv: 100,
            silver,
            gold,
            perm_stat: [15; 5],
            position: pos::STANDING,
            conn: Some(ConnId(w.players.len() + 1)),
            ..Char::default()
        });
        w.char_to_room(id, SHOP);
        w.players.push(id);
        id
    }

    fn haggler(w: &mut World, ch: CharId, pct: i32) {
        if let Some(c) = w.ch_mut(ch) {
            c.class = rules::CLASS_THIEF as i32;
            if let Some(pc) = c.pc.as_mut() {
                pc.learned.insert(gsn::HAGGLE, pct);
            }
        }
    }

    /// A keeper in the shop with `stock` given as a reset would (inventory).
    fn keeper(w: &mut World, stock: &[ObjVnum]) -> CharId {
        let k = w.create_mobile(KEEPER).expect("keeper");
        w.char_to_room(k, SHOP);
        for &v in stock.iter().rev() {
            let o = w.create_object(v, 0).expect("obj");
            if let Some(ob) = w.obj_mut(o) {
                ob.inventory = true;
                ob.extra_flags |= extra::INVENTORY;
            }
            w.obj_to_char(o, k);
        }
        k
    }

    fn give(w: &mut World, ch: CharId, v: ObjVnum) -> ObjId {
        let o = w.create_object(v, 0).expect("obj");
        w.obj_to_char(o, ch);
        o
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
    fn deduct_cost_takes_silver_first_then_gold_with_change() {
        let mut w = world(1);
        let ch = player(&mut w, 5, 1);
        deduct_cost(&mut w, ch, 50);
        assert_eq!(purse(&w, ch), (55, 0));
        let ch = player(&mut w, 10, 5);
        deduct_cost(&mut w, ch, 250);
        assert_eq!(purse(&w, ch), (60, 2));
        let ch = player(&mut w, 300, 2);
        deduct_cost(&mut w, ch, 120);
        assert_eq!(purse(&w, ch), (180, 2));
    }

    #[test]
    fn buy_price_is_cost_times_profit_buy_and_list_shows_unlimited_stock() {
        let mut w = world(1);
        let k = keeper(&mut w, &[BREAD, LAMP]);
        let ch = player(&mut w, 100, 0);
        let bread = w.ch(k).map(|c| c.carrying[0]).expect("bread");
        // 9 * 110 / 100 = 9; 200 * 110 / 100 = 220.
        assert_eq!(get_cost(&w, k, bread, true), 9);
        do_list(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(text.contains("[Lv Price Qty] Item"), "{text}");
        assert!(text.contains("[ 0     9 -- ] a bread"), "{text}");
        assert!(text.contains("[ 0   220 -- ] a lamp"), "{text}");
        do_list(&mut w, ch, "lamp");
        let text = out(&mut w, ch);
        assert!(!text.contains("bread") && text.contains("lamp"), "{text}");

        do_buy(&mut w, ch, "2*bread");
        let text = out(&mut w, ch);
        assert!(text.contains("You buy a bread[2] for 18 silver."), "{text}");
        assert_eq!(purse(&w, ch), (82, 0));
        let keeper_money = w.ch(k).map(wealth).unwrap_or(0);
        let breads = w.ch(ch).map(|c| c.carrying.len()).unwrap_or(0);
        assert_eq!(breads, 2);
        // Unlimited: the keeper still has its bread, and was paid.
        do_list(&mut w, ch, "bread");
        assert!(out(&mut w, ch).contains("-- ] a bread"));
        let before = keeper_money - 18;
        do_buy(&mut w, ch, "bread");
        assert_eq!(w.ch(k).map(wealth).unwrap_or(0), keeper_money + 9);
        // `buy 3 bread` is `buy 3*bread`.
        do_buy(&mut w, ch, "3 bread");
        assert!(out(&mut w, ch).contains("You buy a bread[3] for 27 silver."));
        assert_eq!(w.ch(k).map(wealth).unwrap_or(0), keeper_money + 36);
        assert!(before < keeper_money);
        // Bought copies are not stock-flagged.
        assert!(w.ch(ch).is_some_and(|c| c
            .carrying
            .iter()
            .all(|&o| w.obj(o).is_some_and(|o| !is_inventory(o)))));
    }

    #[test]
    fn buying_is_refused_without_money_level_or_stock() {
        let mut w = world(1);
        let k = keeper(&mut w, &[LAMP]);
        let ch = player(&mut w, 100, 0);
        do_buy(&mut w, ch, "lamp");
        assert!(out(&mut w, ch).contains("can't afford"));
        assert_eq!(purse(&w, ch), (100, 0));
        do_buy(&mut w, ch, "100*lamp");
        assert!(out(&mut w, ch).contains("Be reasonable"));
        do_buy(&mut w, ch, "sword");
        assert!(out(&mut w, ch).contains("I don't sell that"));
        assert_eq!(w.ch(ch).and_then(|c| c.reply), Some(k));
        let lamp = w.ch(k).map(|c| c.carrying[0]).expect("lamp");
        if let Some(o) = w.obj_mut(lamp) {
            o.level = 11;
        }
        if let Some(c) = w.ch_mut(ch) {
            c.gold = 10;
        }
        do_buy(&mut w, ch, "lamp");
        assert!(out(&mut w, ch).contains("can't use a lamp yet"));
    }

    #[test]
    fn hours_and_sight_decide_whether_the_keeper_trades() {
        let mut w = world(1);
        keeper(&mut w, &[BREAD]);
        let ch = player(&mut w, 100, 0);
        w.hour = 5;
        do_list(&mut w, ch, "");
        assert!(out(&mut w, ch).contains("Sorry, I am closed. Come back later."));
        w.hour = 21;
        do_buy(&mut w, ch, "bread");
        assert!(out(&mut w, ch).contains("Sorry, I am closed. Come back tomorrow."));
        assert_eq!(purse(&w, ch), (100, 0));
        w.hour = 20;
        do_list(&mut w, ch, "");
        assert!(out(&mut w, ch).contains("a bread"));
        if let Some(c) = w.ch_mut(ch) {
            c.affected_by |= aff::INVISIBLE;
        }
        do_list(&mut w, ch, "");
        assert!(out(&mut w, ch).contains("I don't trade with folks I can't see."));
        // No keeper at all.
        let ch2 = player(&mut w, 0, 0);
        w.char_to_room(ch2, KENNEL);
        do_value(&mut w, ch2, "bread");
        assert!(out(&mut w, ch2).contains("You can't do that here."));
    }

    #[test]
    fn sell_price_halves_per_unlimited_twin_and_loses_a_quarter_per_stock_twin() {
        let mut w = world(1);
        let k = keeper(&mut w, &[]);
        let ch = player(&mut w, 0, 0);
        let lamp = give(&mut w, ch, LAMP);
        // 200 * 40 / 100 = 80.
        assert_eq!(get_cost(&w, k, lamp, false), 80);
        // Not a type the shop buys.
        let blade = give(&mut w, ch, BLADE);
        assert_eq!(get_cost(&w, k, blade, false), 0);
        do_sell(&mut w, ch, "blade");
        assert!(out(&mut w, ch).contains("looks uninterested in a blade"));
        // One ordinary twin: * 3/4 -> 60; then an unlimited one: / 2 -> 30.
        let twin = give(&mut w, k, LAMP);
        assert_eq!(get_cost(&w, k, lamp, false), 60);
        let inv = give(&mut w, k, LAMP);
        if let Some(o) = w.obj_mut(inv) {
            o.inventory = true;
        }
        let _ = twin;
        assert_eq!(get_cost(&w, k, lamp, false), 30);
        // sell_extract items ignore twins.
        let relic = give(&mut w, ch, RELIC);
        let _ = give(&mut w, k, RELIC);
        assert_eq!(get_cost(&w, k, relic, false), 160);
        // value agrees with the price.
        do_value(&mut w, ch, "lamp");
        let text = out(&mut w, ch);
        assert!(
            text.contains("30 silver and 0 gold coins for a lamp"),
            "{text}"
        );
    }

    #[test]
    fn wands_are_priced_by_charges_left() {
        let mut w = world(1);
        let k = keeper(&mut w, &[]);
        let ch = player(&mut w, 0, 0);
        let wand = give(&mut w, ch, WAND);
        // buy 1100 * 5/10 = 550; sell 400 * 5/10 = 200.
        assert_eq!(get_cost(&w, k, wand, true), 550);
        assert_eq!(get_cost(&w, k, wand, false), 200);
        if let Some(o) = w.obj_mut(wand) {
            o.values[1] = 0;
        }
        assert_eq!(get_cost(&w, k, wand, true), 275);
        assert_eq!(get_cost(&w, k, wand, false), 100);
    }

    #[test]
    fn sold_things_become_stock_sold_once_and_trash_is_destroyed() {
        let mut w = world(3);
        let k = keeper(&mut w, &[]);
        let ch = player(&mut w, 0, 0);
        let keeper_before = w.ch(k).map(wealth).unwrap_or(0);
        assert!(keeper_before >= 500, "{keeper_before}");
        let lamp = give(&mut w, ch, LAMP);
        do_sell(&mut w, ch, "lamp");
        let text = out(&mut w, ch);
        assert!(
            text.contains("You sell a lamp for 80 silver and 0 gold pieces."),
            "{text}"
        );
        assert_eq!(purse(&w, ch), (80, 0));
        assert_eq!(w.ch(k).map(wealth), Some(keeper_before - 80));
        let o = w.obj(lamp).expect("kept");
        assert_eq!(o.loc, ObjLoc::Carried(k));
        assert!((50..=100).contains(&o.timer), "{}", o.timer);
        assert!(!is_inventory(o));
        // A second lamp joins the first: the list counts 2.
        give(&mut w, ch, LAMP);
        do_sell(&mut w, ch, "lamp");
        let text = out(&mut w, ch);
        assert!(text.contains("for 60 silver"), "{text}");
        do_list(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(text.contains("[ 0   220  2 ] a lamp"), "{text}");
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 1000;
        }
        do_buy(&mut w, ch, "3*lamp");
        assert!(out(&mut w, ch).contains("haven't that many"));
        do_buy(&mut w, ch, "2*lamp");
        assert!(out(&mut w, ch).contains("You buy a lamp[2] for 440 silver."));
        do_list(&mut w, ch, "");
        assert!(out(&mut w, ch).contains("nothing here you can buy"));
        // The bought lamp lost the shop's decay timer.
        assert!(w
            .obj(lamp)
            .is_some_and(|o| o.timer == 0 && o.loc == ObjLoc::Carried(ch)));
        // Trash and sell_extract things are destroyed when sold.
        let rag = give(&mut w, ch, RAG);
        do_sell(&mut w, ch, "rag");
        assert!(w.obj(rag).is_none());
        let relic = give(&mut w, ch, RELIC);
        do_sell(&mut w, ch, "relic");
        assert!(w.obj(relic).is_none());
    }

    #[test]
    fn a_keeper_short_of_cash_buys_nothing_and_refills_slowly() {
        let mut w = world(1);
        let k = keeper(&mut w, &[]);
        if let Some(c) = w.ch_mut(k) {
            c.gold = 0;
            c.silver = 10;
        }
        let ch = player(&mut w, 0, 0);
        give(&mut w, ch, LAMP);
        do_sell(&mut w, ch, "lamp");
        assert!(out(&mut w, ch).contains("haven't the money"));
        assert_eq!(purse(&w, ch), (0, 0));
        // wealth 1000: silver += 1000 * (1..20) / 50000 -> 0; raise it.
        if let Some(m) = w.mob_index.get_mut(&KEEPER) {
            m.proto.wealth = 5_000_000;
        }
        keeper_refill(&mut w, k);
        let (silver, gold) = w.ch(k).map(|c| (c.silver, c.gold)).unwrap_or_default();
        assert!((1..=20).contains(&gold), "{gold}");
        assert!((10 + 100..=10 + 2000).contains(&silver), "{silver}");
        // At its wealth it gets nothing more.
        if let Some(c) = w.ch_mut(k) {
            c.gold = 50_000;
        }
        keeper_refill(&mut w, k);
        assert_eq!(w.ch(k).map(|c| c.gold), Some(50_000));
    }

    #[test]
    fn haggling_stays_within_roms_bounds() {
        for seed in 1..40 {
            let mut w = world(seed);
            let k = keeper(&mut w, &[LAMP]);
            let ch = player(&mut w, 0, 10);
            haggler(&mut w, ch, 100);
            do_buy(&mut w, ch, "lamp");
            let paid = 1000 - wealth(w.ch(ch).expect("ch"));
            // 220 at most, less up to 200/2 * 99/100 = 99.
            assert!((121..=220).contains(&paid), "seed {seed}: {paid}");
            let lamp = w
                .ch(ch)
                .and_then(|c| c.carrying.first().copied())
                .expect("lamp");
            // Bought below its cost: the cost drops to the price paid.
            assert!(w
                .obj(lamp)
                .is_some_and(|o| i64::from(o.cost) == paid.min(200)));
            if let Some(o) = w.obj_mut(lamp) {
                o.cost = 200;
            }
            // Selling: 80 plus up to 99, capped at 95% of 220 = 209 and cash.
            let before = wealth(w.ch(ch).expect("ch"));
            do_sell(&mut w, ch, "lamp");
            let got = wealth(w.ch(ch).expect("ch")) - before;
            // The unlimited lamp halves it: 40 + up to 99.
            assert!((40..=139).contains(&got), "seed {seed}: {got}");
            let _ = k;
        }
    }

    #[test]
    fn sell_haggle_is_capped_by_the_keepers_cash() {
        let mut w = world(5);
        let k = keeper(&mut w, &[]);
        if let Some(c) = w.ch_mut(k) {
            c.gold = 0;
            c.silver = 85;
        }
        let ch = player(&mut w, 0, 0);
        haggler(&mut w, ch, 100);
        give(&mut w, ch, LAMP);
        // Seeds vary the roll; with skill 100 almost every roll haggles.
        do_sell(&mut w, ch, "lamp");
        let got = wealth(w.ch(ch).expect("ch"));
        assert!((80..=85).contains(&got), "{got}");
        assert_eq!(w.ch(k).map(wealth), Some(85 - got));
    }

    fn healer(w: &mut World) -> CharId {
        let h = w.create_mobile(HEALER).expect("healer");
        w.char_to_room(h, SHOP);
        h
    }

    #[test]
    fn the_healer_lists_and_sells_refresh_and_mana() {
        let mut w = world(2);
        let h = healer(&mut w);
        let ch = player(&mut w, 600, 10);
        do_heal(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(text.contains("refresh:"), "{text}");
        assert!(text.contains("light:"), "{text}");
        assert!(text.contains(" 50 gold"), "{text}");
        assert!(text.contains("  5 gold"), "{text}");
        do_heal(&mut w, ch, "ref");
        // refresh at the healer's level 30: 10 + 30 moves.
        assert_eq!(w.ch(ch).map(|c| c.mv), Some(40));
        assert_eq!(purse(&w, ch), (100, 10));
        assert_eq!(w.ch(ch).map(|c| c.wait), Some(12));
        let (hs, hg) = w.ch(h).map(|c| (c.silver, c.gold)).unwrap_or_default();
        assert_eq!((hs, hg), (0, 5));
        do_heal(&mut w, ch, "energize");
        // 2d8 + 30/3: 12..26 mana, from 10.
        let mana = w.ch(ch).map_or(0, |c| c.mana);
        assert!((22..=36).contains(&mana), "{mana}");
        assert_eq!(purse(&w, ch), (0, 1));
        do_heal(&mut w, ch, "light");
        assert!(out(&mut w, ch).contains("cannot pay"));
        do_heal(&mut w, ch, "xyzzy");
        assert!(out(&mut w, ch).contains("Type 'heal'"));
    }

    #[test]
    fn the_healer_casts_cures_and_declines_unwritten_spells() {
        let mut w = world(2);
        healer(&mut w);
        let ch = player(&mut w, 0, 100);
        do_heal(&mut w, ch, "light");
        // 1d8 + 30/3 from 10 hit points.
        let hit = w.ch(ch).map_or(0, |c| c.hit);
        assert!((21..=28).contains(&hit), "{hit}");
        assert_eq!(purse(&w, ch), (0, 90));
        for (word, sn) in [("disease", "cure disease"), ("uncurse", "remove curse")] {
            let written = rules::skill_lookup(sn).and_then(magic::spell_fn).is_some();
            let before = purse(&w, ch);
            do_heal(&mut w, ch, word);
            let text = out(&mut w, ch);
            if written {
                assert_ne!(purse(&w, ch), before);
            } else {
                assert!(text.contains("not yet learned"), "{text}");
                assert_eq!(purse(&w, ch), before);
            }
        }
        assert_eq!(
            healer_spell("c").map(|h| h.spell),
            Some(Some("cure critical"))
        );
        assert_eq!(healer_spell("curse").map(|h| h.price), Some(5000));
        assert_eq!(healer_spell("moves").map(|h| h.price), Some(500));
    }

    fn pet_shop(w: &mut World) -> CharId {
        let pup = w.create_mobile(PUP).expect("pup");
        if let Some(c) = w.ch_mut(pup) {
            c.act |= ACT_PET;
        }
        w.char_to_room(pup, KENNEL);
        let ch = player(w, 0, 0);
        w.char_to_room(ch, PETS);
        ch
    }

    #[test]
    fn pet_shops_list_and_sell_charmed_followers() {
        let mut w = world(1);
        let ch = pet_shop(&mut w);
        assert_eq!(pet_price(3), 90);
        assert_eq!(pet_room(RoomVnum(9621)), RoomVnum(9706));
        do_list(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(text.contains("[ 3]       90 - the pup dog"), "{text}");
        do_buy(&mut w, ch, "pup");
        assert!(out(&mut w, ch).contains("can't afford"));
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 100;
        }
        do_buy(&mut w, ch, "pup Rex");
        assert!(out(&mut w, ch).contains("Enjoy your pet."));
        assert_eq!(purse(&w, ch), (10, 0));
        let pet = w.ch(ch).and_then(|c| c.pet).expect("pet");
        let p = w.ch(pet).expect("pet");
        assert_eq!(p.room, Some(PETS));
        assert!(p.act & ACT_PET != 0 && p.is_affected(aff::CHARM));
        assert_eq!((p.master, p.leader), (Some(ch), Some(ch)));
        assert!(is_name("rex", &p.name));
        assert!(p
            .description
            .ends_with("A neck tag says 'I belong to Bob'.\n"));
        // The kennel keeps its own pup.
        assert_eq!(w.room(KENNEL).map(|r| r.people.len()), Some(1));
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 1000;
        }
        do_buy(&mut w, ch, "pup");
        assert!(out(&mut w, ch).contains("already have a pet"));
        assert_eq!(purse(&w, ch), (1000, 0));
    }

    #[test]
    fn pet_haggling_takes_at_most_half_off() {
        for seed in 1..20 {
            let mut w = world(seed);
            let ch = pet_shop(&mut w);
            haggler(&mut w, ch, 100);
            if let Some(c) = w.ch_mut(ch) {
                c.silver = 90;
            }
            do_buy(&mut w, ch, "pup");
            let left = purse(&w, ch).0;
            // 90 - 90/2 * roll/100 with roll < 100: 46..=90 paid.
            assert!((0..=44).contains(&left), "seed {seed}: {left}");
        }
    }

    #[test]
    fn order_makes_charmed_followers_act() {
        let mut w = world(1);
        let ch = pet_shop(&mut w);
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 100;
        }
        do_buy(&mut w, ch, "pup");
        let pet = w.ch(ch).and_then(|c| c.pet).expect("pet");
        out(&mut w, ch);
        do_order(&mut w, ch, "pup say woof");
        let text = out(&mut w, ch);
        assert!(
            text.contains("says 'woof'") && text.contains("Ok."),
            "{text}"
        );
        assert_eq!(w.ch(ch).map(|c| c.wait), Some(12));
        do_order(&mut w, ch, "all delete");
        assert!(out(&mut w, ch).contains("NOT be done"));
        do_order(&mut w, ch, "pup");
        assert!(out(&mut w, ch).contains("Order whom to do what?"));
        // A creature that does not follow you will not obey.
        let stray = w.create_mobile(PUP).expect("pup");
        w.char_to_room(stray, PETS);
        // The stray came in last, so it is the first `pup` here.
        do_order(&mut w, ch, "pup sit");
        let text = out(&mut w, ch);
        assert!(text.contains("Do it yourself!"), "{text}");
        // A charmed creature cannot give orders.
        do_order(&mut w, pet, "all sit");
        assert_eq!(w.ch(stray).map(|c| c.position), Some(pos::STANDING));
        do_order(&mut w, ch, "all sit");
        assert_eq!(w.ch(pet).map(|c| c.position), Some(pos::SITTING));
        nuke_pets(&mut w, ch);
        assert!(w.ch(pet).is_none());
        assert_eq!(w.ch(ch).and_then(|c| c.pet), None);
        do_order(&mut w, ch, "all sit");
        assert!(out(&mut w, ch).contains("You have no followers here."));
    }

    #[test]
    fn a_pet_goes_into_the_player_file_and_comes_back() {
        let mut w = world(1);
        let ch = pet_shop(&mut w);
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 100;
            if let Some(pc) = c.pc.as_mut() {
                pc.password_hash = "x".into();
            }
        }
        do_buy(&mut w, ch, "pup Rex");
        let pet = w.ch(ch).and_then(|c| c.pet).expect("pet");
        if let Some(p) = w.ch_mut(pet) {
            p.hit = 7;
        }
        let text = crate::save::write_player_at(&w, ch, 1);
        assert!(text.contains("#PET\nVnum 3003\n"), "{text}");
        let mut loaded = crate::save::read_player(&text, "Bob").expect("reads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let saved = loaded.pet.take().expect("pet block");
        let mut w2 = world(2);
        let (owner, _) = crate::save::load_into_world(&mut w2, loaded);
        let (back, warnings) = crate::save::load_pet(&mut w2, owner, saved);
        assert!(warnings.is_empty(), "{warnings:?}");
        let back = back.expect("pet");
        let p = w2.ch(back).expect("pet");
        assert_eq!(p.hit, 7);
        assert!(is_name("rex", &p.name));
        assert!(p.description.contains("I belong to Bob"));
        assert!(p.act & ACT_PET != 0 && p.is_affected(aff::CHARM));
        assert_eq!((p.master, p.leader), (Some(owner), Some(owner)));
        assert_eq!(w2.ch(owner).and_then(|c| c.pet), Some(back));
        // A pet left in another room is not saved.
        w.char_to_room(pet, KENNEL);
        let text = crate::save::write_player_at(&w, ch, 1);
        assert!(!text.contains("#PET"), "{text}");
    }

    #[test]
    fn a_pet_stays_a_pet_across_a_copyover_snapshot() {
        use crate::world::snapshot::{restore_snapshot, write_snapshot};
        let mut w = world(1);
        let ch = pet_shop(&mut w);
        if let Some(c) = w.ch_mut(ch) {
            c.silver = 100;
            if let Some(pc) = c.pc.as_mut() {
                pc.id = 42;
            }
        }
        do_buy(&mut w, ch, "pup Rex");
        let text = write_snapshot(&w);
        // The new image: the world from its areas, the player from the file.
        let mut w2 = world(2);
        let owner = player(&mut w2, 0, 0);
        if let Some(pc) = w2.ch_mut(owner).and_then(|c| c.pc.as_mut()) {
            pc.id = 42;
        }
        w2.char_to_room(owner, PETS);
        let players = std::collections::HashMap::from([(42, owner)]);
        let notes = restore_snapshot(&mut w2, &text, &players).expect("restores");
        assert!(notes.is_empty(), "{notes:?}");
        let pet = w2.ch(owner).and_then(|c| c.pet).expect("pet link");
        let p = w2.ch(pet).expect("pet");
        assert_eq!(p.room, Some(PETS));
        assert!(p.act & ACT_PET != 0 && p.is_affected(aff::CHARM));
        assert_eq!((p.master, p.leader), (Some(owner), Some(owner)));
        assert!(is_name("rex", &p.name));
        assert!(
            p.description.contains("I belong to Bob"),
            "{}",
            p.description
        );
        assert!(p.comm & comm::NOCHANNELS != 0);
    }

    #[test]
    fn wrenford_has_shops_a_healer_and_a_kennel() {
        let r = crate::db::load_area_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/areas"
        )));
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let mut w = World::new(r.protos, 1);
        w.reset_all();
        w.hour = 12;
        let ch = player(&mut w, 0, 0);
        for (room, wares) in [
            (3031, "a hooded lantern"),
            (3030, "a plain longsword"),
            (3051, "a honey cake"),
        ] {
            w.char_to_room(ch, RoomVnum(room));
            do_list(&mut w, ch, "");
            let text = out(&mut w, ch);
            assert!(text.contains(wares), "{room}: {text}");
        }
        w.char_to_room(ch, RoomVnum(3056));
        do_list(&mut w, ch, "");
        let text = out(&mut w, ch);
        for pet in ["terrier pup", "tabby mouser", "grey wolfhound"] {
            assert!(text.contains(pet), "{text}");
        }
        // The wolfhound is level 8: 640 silver.
        assert!(text.contains("[ 8]      640 - a grey wolfhound"), "{text}");
        w.char_to_room(ch, RoomVnum(3055));
        do_heal(&mut w, ch, "");
        assert!(out(&mut w, ch).contains("refresh:"));
    }

    #[test]
    fn odd_pet_blocks_are_read_with_warnings_not_errors() {
        let file =
            |pet: &str| format!("#PLAYER\nName Bob~\nPass x~\nEnd\n\n#PET\n{pet}End\n\n#END\n");
        // ROM's own keys, one it does not know, and its `Pos 8`.
        let loaded =
            crate::save::read_player(&file("Vnum 3003\nLevl 4\nCute 1\nPos  8\nAct  AI\n"), "Bob")
                .expect("reads");
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        let pet = loaded.pet.clone().expect("pet");
        assert_eq!((pet.vnum, pet.level), (PUP, Some(4)));
        let loaded2 = crate::save::read_player(&file("Levl 4\n"), "Bob").expect("reads");
        assert!(loaded2.pet.is_none());
        assert!(loaded2.warnings.iter().any(|w| w.contains("without Vnum")));
        // A pet whose prototype is gone is dropped with a warning.
        let mut w = world(1);
        let (owner, _) = crate::save::load_into_world(&mut w, loaded);
        let gone = crate::save::SavedPet {
            vnum: MobVnum(9999),
            ..pet.clone()
        };
        let (none, warnings) = crate::save::load_pet(&mut w, owner, gone);
        assert!(none.is_none() && warnings.len() == 1, "{warnings:?}");
        let (back, _) = crate::save::load_pet(&mut w, owner, pet);
        let p = back.and_then(|b| w.ch(b)).expect("pet");
        assert_eq!(p.level, 4);
        assert!(p.is_npc() && p.act & ACT_PET != 0);
    }

    #[test]
    fn resets_flag_shop_stock_and_pets_next_to_a_pet_shop() {
        let mut w = world(1);
        let resets = vec![
            crate::world::Reset {
                cmd: crate::world::ResetCmd::Mob {
                    mob: KEEPER,
                    world_limit: 1,
                    room: SHOP,
                    room_limit: 1,
                },
                line: 1,
            },
            crate::world::Reset {
                cmd: crate::world::ResetCmd::Give {
                    obj: BREAD,
                    limit: -1,
                },
                line: 2,
            },
            crate::world::Reset {
                cmd: crate::world::ResetCmd::Mob {
                    mob: PUP,
                    world_limit: 1,
                    room: KENNEL,
                    room_limit: 1,
                },
                line: 3,
            },
        ];
        if let Some(a) = w.areas.get_mut(0) {
            a.proto.resets = resets;
        }
        w.reset_area(AreaId(0));
        let k = w
            .room(SHOP)
            .and_then(|r| r.people.first().copied())
            .expect("keeper");
        let bread = w
            .ch(k)
            .and_then(|c| c.carrying.first().copied())
            .expect("bread");
        assert!(w.obj(bread).is_some_and(is_inventory));
        let pup = w
            .room(KENNEL)
            .and_then(|r| r.people.first().copied())
            .expect("pup");
        assert!(w.ch(pup).is_some_and(|p| p.act & ACT_PET != 0));
        assert!(w.ch(k).is_some_and(|p| p.act & ACT_PET == 0));
    }
}
