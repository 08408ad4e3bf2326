//! The rest of ROM's information commands: `areas`, `bug`, `count`, `credits`,
//! `motd`, `imotd`, `read`, `rules`, `story`, `wizlist`, `whois`, `worth`,
//! `report`, `typo` and `compare`.
//!
//! `bug` and `typo` go to the server log (ROM appends them to `bugs.txt`
//! and `typos.txt`), where the immortals read it.
//!
//! `credits`, `motd`, `imotd`, `rules`, `story` and `wizlist` show the help
//! entry of that name, as ROM does. `count` remembers the most players seen
//! since boot in [`World::max_on`] (ROM: "today"; a copyover starts it
//! again from the players it carries).

use super::act_info;
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::*;

fn show_help(world: &mut World, ch: CharId, topic: &str) {
    act_info::do_help(world, ch, topic);
}

/// `credits`: where this game comes from.
pub fn do_credits(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "credits");
}

/// `motd`: the message of the day.
pub fn do_motd(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "motd");
}

/// `imotd`: the immortals' message of the day.
pub fn do_imotd(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "imotd");
}

/// `rules`: the rules of the game.
pub fn do_rules(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "rules");
}

/// `story`: the world's back story.
pub fn do_story(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "story");
}

/// `wizlist`: the immortals.
pub fn do_wizlist(world: &mut World, ch: CharId, _arg: &str) {
    show_help(world, ch, "wizlist");
}

/// `read <thing>`: ROM reads by looking.
pub fn do_read(world: &mut World, ch: CharId, arg: &str) {
    act_info::do_look(world, ch, arg);
}

/// A `bug` or `typo` report: into the server log with who and where.
fn report_to_log(world: &mut World, ch: CharId, kind: &str, arg: &str, answer: &str) {
    let text = arg.trim();
    if text.is_empty() {
        world.send(ch, "What would you like to report?\n");
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let name = c.name.clone();
    let room = c.room.map_or(0, |r| r.0);
    world.log(format!("{kind} report: [{room}] {name}: {text}"));
    world.send(ch, answer);
}

/// `bug <text>`: report a bug to the immortals (the server log).
pub fn do_bug(world: &mut World, ch: CharId, arg: &str) {
    report_to_log(world, ch, "Bug", arg, "Bug logged.\n");
}

/// `typo <text>`: report a typo to the immortals (the server log).
pub fn do_typo(world: &mut World, ch: CharId, arg: &str) {
    report_to_log(world, ch, "Typo", arg, "Typo logged.\n");
}

/// `areas`: every area's credits line, two columns, the list's first
/// half on the left.
pub fn do_areas(world: &mut World, ch: CharId, arg: &str) {
    if !arg.trim().is_empty() {
        world.send(ch, "No argument is used with this command.\n");
        return;
    }
    let names: Vec<String> = world
        .areas
        .iter()
        .map(|a| {
            if a.proto.credits.is_empty() {
                a.proto.name.clone()
            } else {
                a.proto.credits.clone()
            }
        })
        .collect();
    let half = names.len().div_ceil(2);
    let mut out = String::new();
    for i in 0..half {
        let left = &names[i];
        match names.get(i + half) {
            Some(right) => out.push_str(&format!("{left:<39}{right}\n")),
            None => out.push_str(&format!("{left}\n")),
        }
    }
    world.send(ch, &out);
}

/// `count`: players on now, and the most since boot.
pub fn do_count(world: &mut World, ch: CharId, _arg: &str) {
    let count = world
        .players
        .iter()
        .filter(|&&p| world.ch(p).is_some_and(|c| c.conn.is_some()) && world.can_see(ch, p))
        .count();
    world.max_on = world.max_on.max(count);
    let text = if world.max_on == count {
        format!("There are {count} characters on, the most so far today.\n")
    } else {
        format!(
            "There are {count} characters on, the most on today was {}.\n",
            world.max_on
        )
    };
    world.send(ch, &text);
}

/// `whois <name>`: the `who` line of each player whose name starts so.
pub fn do_whois(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "You must provide a name.\n");
        return;
    }
    let name = name.to_ascii_lowercase();
    let mut out = String::new();
    for &p in &world.players {
        let Some(w) = world.ch(p) else { continue };
        if w.conn.is_none() || !world.can_see(ch, p) {
            continue;
        }
        if w.name.to_ascii_lowercase().starts_with(&name) {
            out.push_str(&act_info::who_line(w));
        }
    }
    if out.is_empty() {
        out.push_str("No one of that name is playing.\n");
    }
    world.send(ch, &out);
}

/// `worth`: money and experience.
pub fn do_worth(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let text = if c.is_npc() {
        format!("You have {} gold and {} silver.\n", c.gold, c.silver)
    } else {
        let to_level = (i64::from(c.level) + 1) * rules::exp_per_level(c) - c.exp;
        format!(
            "You have {} gold, {} silver, and {} experience ({} exp to level).\n",
            c.gold, c.silver, c.exp, to_level
        )
    };
    world.send(ch, &text);
}

/// `report`: tell the room how you are.
pub fn do_report(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let state = format!(
        "I have {}/{} hp {}/{} mana {}/{} mv {} xp.",
        c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv, c.exp
    );
    world.send(ch, &format!("You say '{state}'\n"));
    world.act("$n says '$t'", ch, ActArgs::text(&state), To::Room);
}

/// `compare <obj> [obj]`: armour by its three armour values, weapons by
/// average damage `(1 + size) × number` (rom-mechanics: do_compare).
pub fn do_compare(world: &mut World, ch: CharId, arg: &str) {
    let (arg1, rest) = one_argument(arg);
    let (arg2, _) = one_argument(rest);
    if arg1.is_empty() {
        world.send(ch, "Compare what to what?\n");
        return;
    }
    let Some(obj1) = world.get_obj_carry(ch, &arg1) else {
        world.send(ch, "You do not have that item.\n");
        return;
    };
    let obj2 = if arg2.is_empty() {
        let Some(o1) = world.obj(obj1) else { return };
        let flags = o1.wear_flags & !wear::TAKE;
        let carried = world.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
        let found = carried.into_iter().find(|&o| {
            world.can_see_obj(ch, o)
                && world
                    .obj(o)
                    .is_some_and(|o2| o2.wear_loc != -1 && o2.wear_flags & flags != 0)
        });
        match found {
            Some(o) => o,
            None => {
                world.send(ch, "You aren't wearing anything comparable.\n");
                return;
            }
        }
    } else {
        match world.get_obj_carry(ch, &arg2) {
            Some(o) => o,
            None => {
                world.send(ch, "You do not have that item.\n");
                return;
            }
        }
    };
    let (Some(o1), Some(o2)) = (world.obj(obj1), world.obj(obj2)) else {
        return;
    };
    let args = ActArgs::obj(obj1).with_obj2(obj2);
    if obj1 == obj2 {
        world.act(
            "You compare $p to itself.  It looks about the same.",
            ch,
            args,
            To::Char,
        );
        return;
    }
    let worth = |o: &Obj| match o.item_type {
        item::ARMOR => Some(o.values[0] + o.values[1] + o.values[2]),
        item::WEAPON => Some((1 + o.values[2]) * o.values[1]),
        _ => None,
    };
    let values = if o1.item_type == o2.item_type {
        worth(o1).zip(worth(o2))
    } else {
        None
    };
    let msg = match values {
        None => "You can't compare $p and $P.",
        Some((a, b)) if a == b => "$p and $P look about the same.",
        Some((a, b)) if a > b => "$p looks better than $P.",
        Some(_) => "$p looks worse than $P.",
    };
    world.act(msg, ch, args, To::Char);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> (World, CharId) {
        let mut w = World::new(Default::default(), 1);
        let ch = w.chars.insert(Char {
            name: "Ann".into(),
            level: 10,
            position: pos::STANDING,
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::default()),
            ..Default::default()
        });
        w.players.push(ch);
        (w, ch)
    }

    fn sent(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    fn give(
        w: &mut World,
        ch: CharId,
        name: &str,
        kind: i32,
        wear: Flags,
        values: [i64; 5],
    ) -> ObjId {
        let o = w.objs.insert(Obj {
            name: name.into(),
            short_descr: format!("a {name}"),
            item_type: kind,
            wear_flags: wear::TAKE | wear,
            wear_loc: -1,
            values,
            ..Default::default()
        });
        w.obj_to_char(o, ch);
        o
    }

    #[test]
    fn compare_weighs_armour_by_its_ac_and_weapons_by_average_damage() {
        let (mut w, ch) = world();
        give(
            &mut w,
            ch,
            "tunic",
            item::ARMOR,
            wear::BODY,
            [1, 1, 1, 0, 0],
        );
        let plate = give(
            &mut w,
            ch,
            "plate",
            item::ARMOR,
            wear::BODY,
            [5, 5, 5, 3, 0],
        );
        // 2d6 → (1 + 6) × 2 = 14; 3d4 → (1 + 4) × 3 = 15.
        give(
            &mut w,
            ch,
            "sword",
            item::WEAPON,
            wear::WIELD,
            [1, 2, 6, 0, 0],
        );
        give(
            &mut w,
            ch,
            "mace",
            item::WEAPON,
            wear::WIELD,
            [4, 3, 4, 0, 0],
        );
        give(&mut w, ch, "bread", 19, 0, [0; 5]);
        do_compare(&mut w, ch, "tunic plate");
        assert_eq!(sent(&mut w, ch), "A tunic looks worse than a plate.\n");
        do_compare(&mut w, ch, "plate tunic");
        assert_eq!(sent(&mut w, ch), "A plate looks better than a tunic.\n");
        do_compare(&mut w, ch, "mace sword");
        assert_eq!(sent(&mut w, ch), "A mace looks better than a sword.\n");
        do_compare(&mut w, ch, "sword tunic");
        assert_eq!(sent(&mut w, ch), "You can't compare a sword and a tunic.\n");
        do_compare(&mut w, ch, "bread bread");
        assert!(sent(&mut w, ch).contains("to itself"));
        do_compare(&mut w, ch, "tunic");
        assert_eq!(
            sent(&mut w, ch),
            "You aren't wearing anything comparable.\n"
        );
        // With one item, the one worn in the same place.
        if let Some(o) = w.obj_mut(plate) {
            o.wear_loc = wear_loc::BODY;
        }
        do_compare(&mut w, ch, "tunic");
        assert_eq!(sent(&mut w, ch), "A tunic looks worse than a plate.\n");
        do_compare(&mut w, ch, "");
        assert_eq!(sent(&mut w, ch), "Compare what to what?\n");
        do_compare(&mut w, ch, "spoon");
        assert_eq!(sent(&mut w, ch), "You do not have that item.\n");
    }

    #[test]
    fn worth_report_count_and_whois() {
        let (mut w, ch) = world();
        if let Some(c) = w.ch_mut(ch) {
            c.gold = 7;
            c.silver = 30;
            c.exp = 11_000;
            c.hit = 20;
            c.max_hit = 25;
        }
        let per = w.ch(ch).map(rules::exp_per_level).unwrap_or_default();
        do_worth(&mut w, ch, "");
        assert_eq!(
            sent(&mut w, ch),
            format!(
                "You have 7 gold, 30 silver, and 11000 experience ({} exp to level).\n",
                11 * per - 11_000
            )
        );
        do_report(&mut w, ch, "");
        assert!(sent(&mut w, ch).starts_with("You say 'I have 20/25 hp"));
        do_count(&mut w, ch, "");
        assert_eq!(
            sent(&mut w, ch),
            "There are 1 characters on, the most so far today.\n"
        );
        w.max_on = 4;
        do_count(&mut w, ch, "");
        assert_eq!(
            sent(&mut w, ch),
            "There are 1 characters on, the most on today was 4.\n"
        );
        do_whois(&mut w, ch, "an");
        assert!(sent(&mut w, ch).contains("Ann"));
        do_whois(&mut w, ch, "bob");
        assert_eq!(sent(&mut w, ch), "No one of that name is playing.\n");
    }
}
