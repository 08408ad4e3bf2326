//! Looking at the world and at yourself ("act_info.c"): look, examine,
//! exits, scan, who, where, score, inventory, equipment, affects, help,
//! and the personal settings prompt, title, description and password
//! (`commands` and `wizhelp` live with the table in `interp`).
//!
//! Every command builds its text in one buffer and queues it with
//! `world.send`; the `show_*`/`format_*` helpers return strings so other
//! commands (shops, `get`, `put`) can reuse ROM's list formats. Wording
//! follows ROM where players or scripts rely on it.
//!
//! Race, class and skill names come from `world::rules`, liquid names from
//! `db::tables`.

use super::act_move::{dir_from_name, preposition};
use crate::db::tables::LIQUIDS;
use crate::world::act::{capitalize_first, ActArgs, To};
use crate::world::handler::{is_name, number_argument, one_argument, smash_tilde};
use crate::world::rules::{self, exp_per_level, RACES};
use crate::world::*;

// ------------------------------------------------------------- vocabularies

/// Equipment slot labels in wear-location order (rom-mechanics 8.2).
pub const WHERE_NAME: [&str; 19] = [
    "<used as light>     ",
    "<worn on finger>    ",
    "<worn on finger>    ",
    "<worn around neck>  ",
    "<worn around neck>  ",
    "<worn on torso>     ",
    "<worn on head>      ",
    "<worn on legs>      ",
    "<worn on feet>      ",
    "<worn on hands>     ",
    "<worn on arms>      ",
    "<worn as shield>    ",
    "<worn about body>   ",
    "<worn about waist>  ",
    "<worn around wrist> ",
    "<worn around wrist> ",
    "<wielded>           ",
    "<held>              ",
    "<floating nearby>   ",
];

/// The prompt `prompt all` restores.
pub const DEFAULT_PROMPT: &str = "<%hhp %mm %vmv> ";

/// Apply location names for `affects` (ROM affect_loc_name).
pub(crate) fn affect_loc_name(location: i32) -> &'static str {
    match location {
        0 => "none",
        1 => "strength",
        2 => "dexterity",
        3 => "intelligence",
        4 => "wisdom",
        5 => "constitution",
        6 => "sex",
        7 => "class",
        8 => "level",
        9 => "age",
        10 => "height",
        11 => "weight",
        12 => "mana",
        13 => "hp",
        14 => "moves",
        15 => "gold",
        16 => "experience",
        17 => "armor class",
        18 => "hit roll",
        19 => "damage roll",
        20 => "saves",
        21 => "save vs rod",
        22 => "save vs petrification",
        23 => "save vs breath",
        24 => "save vs spell",
        25 => "none",
        _ => "(unknown)",
    }
}

// ------------------------------------------------------------------ helpers

/// `s` with exactly one trailing newline (empty stays empty).
fn line(s: &str) -> String {
    let t = s.trim_end_matches(['\n', '\r']);
    if t.is_empty() {
        String::new()
    } else {
        format!("{t}\n")
    }
}

/// ROM's check_blind: false (with a message) when `ch` cannot see at all.
fn check_blind(world: &mut World, ch: CharId) -> bool {
    let Some(c) = world.ch(ch) else { return false };
    if c.has_holylight() {
        return true;
    }
    if c.is_affected(aff::BLIND) {
        world.send(ch, "You can't see a thing!\n");
        return false;
    }
    true
}

/// The extra description `name` picks from `list` (newest — last — first).
fn extra_descr<'a>(name: &str, list: &'a [ExtraDescr]) -> Option<&'a str> {
    list.iter()
        .rev()
        .find(|e| is_name(name, &e.keyword))
        .map(|e| e.description.as_str())
}

/// ROM's format_obj_to_char: tags plus the short (`short`) or long description.
pub fn format_obj_to_char(world: &World, obj: ObjId, ch: CharId, short: bool) -> String {
    let (Some(o), Some(c)) = (world.obj(obj), world.ch(ch)) else {
        return String::new();
    };
    let text = if short {
        o.short_descr.trim_end()
    } else {
        o.description.trim_end()
    };
    if text.is_empty() {
        return String::new();
    }
    let mut buf = String::new();
    if o.extra_flags & extra::INVIS != 0 {
        buf.push_str("(Invis) ");
    }
    if c.is_affected(aff::DETECT_EVIL) && o.extra_flags & extra::EVIL != 0 {
        buf.push_str("(Red Aura) ");
    }
    if c.is_affected(aff::DETECT_GOOD) && o.extra_flags & extra::BLESS != 0 {
        buf.push_str("(Blue Aura) ");
    }
    if c.is_affected(aff::DETECT_MAGIC) && o.extra_flags & extra::MAGIC != 0 {
        buf.push_str("(Magical) ");
    }
    if o.extra_flags & extra::GLOW != 0 {
        buf.push_str("(Glowing) ");
    }
    if o.extra_flags & extra::HUM != 0 {
        buf.push_str("(Humming) ");
    }
    buf.push_str(text);
    buf
}

/// ROM's show_list_to_char: the visible, unworn objects of `list`, with
/// duplicates combined as `( 2) ...` when the viewer combines.
pub fn show_list_to_char(
    world: &World,
    list: &[ObjId],
    ch: CharId,
    short: bool,
    show_nothing: bool,
) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let combine = c.is_npc() || c.comm & comm::COMBINE != 0;
    let mut shown: Vec<(String, usize)> = Vec::new();
    for &o in list {
        let Some(obj) = world.obj(o) else { continue };
        if obj.wear_loc != wear_loc::NONE || !world.can_see_obj(ch, o) {
            continue;
        }
        let text = format_obj_to_char(world, o, ch, short);
        if combine {
            if let Some(entry) = shown.iter_mut().find(|(t, _)| *t == text) {
                entry.1 += 1;
                continue;
            }
        }
        shown.push((text, 1));
    }
    let mut out = String::new();
    for (text, n) in &shown {
        if text.is_empty() {
            continue;
        }
        if combine {
            if *n != 1 {
                out.push_str(&format!("({n:2}) "));
            } else {
                out.push_str("     ");
            }
        }
        out.push_str(text);
        out.push('\n');
    }
    if show_nothing && shown.is_empty() {
        if combine {
            out.push_str("     ");
        }
        out.push_str("Nothing.\n");
    }
    out
}

/// ROM's show_char_to_char_0: the one line a character shows in a room.
pub fn show_char_line(world: &World, victim: CharId, ch: CharId) -> String {
    let (Some(v), Some(c)) = (world.ch(victim), world.ch(ch)) else {
        return String::new();
    };
    let mut buf = String::new();
    if v.comm & comm::AFK != 0 {
        buf.push_str("[AFK] ");
    }
    if v.is_affected(aff::INVISIBLE) {
        buf.push_str("(Invis) ");
    }
    if v.invis_level() >= LEVEL_HERO {
        buf.push_str("(Wizi) ");
    }
    if v.is_affected(aff::HIDE) {
        buf.push_str("(Hide) ");
    }
    if v.is_affected(aff::CHARM) {
        buf.push_str("(Charmed) ");
    }
    if v.is_affected(aff::PASS_DOOR) {
        buf.push_str("(Translucent) ");
    }
    if v.is_affected(aff::FAERIE_FIRE) {
        buf.push_str("(Pink Aura) ");
    }
    if v.alignment <= -350 && c.is_affected(aff::DETECT_EVIL) {
        buf.push_str("(Red Aura) ");
    }
    if v.alignment >= 350 && c.is_affected(aff::DETECT_GOOD) {
        buf.push_str("(Golden Aura) ");
    }
    if v.is_affected(aff::SANCTUARY) {
        buf.push_str("(White Aura) ");
    }
    if !v.is_npc() && v.act & plr::KILLER != 0 {
        buf.push_str("(KILLER) ");
    }
    if !v.is_npc() && v.act & plr::THIEF != 0 {
        buf.push_str("(THIEF) ");
    }
    if v.position == v.default_pos && !v.long_descr.trim().is_empty() {
        buf.push_str(&line(&v.long_descr));
        return buf;
    }
    buf.push_str(&world.pers(victim, ch));
    if let Some(p) = &v.pc {
        if c.comm & comm::BRIEF == 0 && v.position == pos::STANDING && v.on.is_none() {
            buf.push_str(&p.title);
        }
    }
    let on = v.on.filter(|&o| world.obj(o).is_some());
    let on_text = |at: Flags, onb: Flags| -> Option<(String, &'static str)> {
        on.map(|o| (world.obj_pers(o, ch), preposition(world, o, at, onb)))
    };
    match v.position {
        pos::DEAD => buf.push_str(" is DEAD!!"),
        pos::MORTAL => buf.push_str(" is mortally wounded."),
        pos::INCAP => buf.push_str(" is incapacitated."),
        pos::STUNNED => buf.push_str(" is lying here stunned."),
        pos::SLEEPING => match on_text(furn::SLEEP_AT, furn::SLEEP_ON) {
            Some((o, p)) => buf.push_str(&format!(" is sleeping {p} {o}.")),
            None => buf.push_str(" is sleeping here."),
        },
        pos::RESTING => match on_text(furn::REST_AT, furn::REST_ON) {
            Some((o, p)) => buf.push_str(&format!(" is resting {p} {o}.")),
            None => buf.push_str(" is resting here."),
        },
        pos::SITTING => match on_text(furn::SIT_AT, furn::SIT_ON) {
            Some((o, p)) => buf.push_str(&format!(" is sitting {p} {o}.")),
            None => buf.push_str(" is sitting here."),
        },
        pos::STANDING => match on_text(furn::STAND_AT, furn::STAND_ON) {
            Some((o, p)) => buf.push_str(&format!(" is standing {p} {o}.")),
            None => buf.push_str(" is here."),
        },
        pos::FIGHTING => {
            buf.push_str(" is here, fighting ");
            match v.fighting {
                None => buf.push_str("thin air??"),
                Some(f) if f == ch => buf.push_str("YOU!"),
                Some(f) if world.ch(f).and_then(|f| f.room) == v.room => {
                    buf.push_str(&world.pers(f, ch));
                    buf.push('.');
                }
                Some(_) => buf.push_str("someone who left??"),
            }
        }
    }
    capitalize_first(&mut buf);
    buf.push('\n');
    buf
}

/// ROM's show_char_to_char: everyone in `list` but `ch`, as `ch` sees them.
pub fn show_char_to_char(world: &World, list: &[CharId], ch: CharId) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let trust = c.get_trust();
    let dark = c.room.is_some_and(|r| world.room_is_dark(r));
    let mut out = String::new();
    for &rch in list {
        if rch == ch {
            continue;
        }
        show_one_char(world, ch, trust, dark, rch, &mut out);
    }
    out
}

/// One line of [`show_char_to_char`]: `rch` as `ch` (of trust `trust`, in
/// a room `dark` or not) sees them, if at all.
fn show_one_char(world: &World, ch: CharId, trust: i32, dark: bool, rch: CharId, out: &mut String) {
    let Some(r) = world.ch(rch) else { return };
    if trust < r.invis_level() {
        return;
    }
    if world.can_see(ch, rch) {
        out.push_str(&show_char_line(world, rch, ch));
    } else if dark && r.is_affected(aff::INFRARED) {
        out.push_str("You see glowing red eyes watching YOU!\n");
    }
}

/// Is `v`'s line in a room listing the same for every viewer who sees
/// plainly ([`sees_plainly`]), but for the viewer's `brief` setting (the
/// title)? True when nothing in [`show_char_line`] or `can_see` looks at
/// the viewer: no invisibility, wizinvis or incognito, no sneaking (whose
/// roll would draw on the random numbers) or hiding, no aura a detect
/// spell shows, no furniture (its name depends on who looks), no fight
/// (which names the viewer "YOU!").
fn same_for_every_viewer(v: &Char) -> bool {
    v.invis_level() == 0
        && v.incog_level() == 0
        && !v.is_affected(aff::INVISIBLE)
        && !v.is_affected(aff::SNEAK)
        && !v.is_affected(aff::HIDE)
        && v.alignment > -350
        && v.alignment < 350
        && v.on.is_none()
        && v.position != pos::FIGHTING
}

/// Does `c` (in a room `dark` or not) see everyone [`same_for_every_viewer`]
/// for certain? The viewer's side of `World::can_see`.
fn sees_plainly(c: &Char, dark: bool) -> bool {
    c.get_trust() >= 0
        && (c.has_holylight()
            || (!c.is_affected(aff::BLIND)
                && (!dark || c.is_affected(aff::INFRARED) || c.is_affected(aff::DARK_VISION))))
}

/// The lines of a room's people rendered once for every viewer who sees
/// plainly (a copyover shows a thousand players their rooms at once; in a
/// crowded room each `look` lists everyone else). Only lines that are
/// provably the same for every such viewer are shared; every other line,
/// and everything for any other viewer, is rendered per viewer as before.
#[derive(Default)]
pub struct SharedLooks {
    rooms: std::collections::HashMap<(RoomVnum, bool), SharedLines>,
}

struct SharedLines {
    /// The room's people when rendered (the cache is only used for the
    /// same list in the same order).
    people: Vec<CharId>,
    text: String,
    /// Per person: the byte range of their line in `text`, if shared.
    spans: Vec<Option<(usize, usize)>>,
}

/// [`show_char_to_char`] using `shared` where it provably gives the same
/// text.
fn show_char_to_char_shared(
    world: &World,
    list: &[CharId],
    ch: CharId,
    shared: &mut SharedLooks,
) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let Some(room) = c.room else {
        return show_char_to_char(world, list, ch);
    };
    let dark = world.room_is_dark(room);
    if !sees_plainly(c, dark) {
        return show_char_to_char(world, list, ch);
    }
    let brief = c.comm & comm::BRIEF != 0;
    let trust = c.get_trust();
    let lines = shared
        .rooms
        .entry((room, brief))
        .or_insert_with(|| SharedLines {
            people: Vec::new(),
            text: String::new(),
            spans: Vec::new(),
        });
    if lines.people != list {
        // Rendered as this viewer (who sees plainly) sees them: for the
        // lines kept, that is how every such viewer with this `brief` does.
        lines.people = list.to_vec();
        lines.text.clear();
        lines.spans.clear();
        for &rch in list {
            let span = world.ch(rch).filter(|v| same_for_every_viewer(v)).map(|_| {
                let start = lines.text.len();
                lines.text.push_str(&show_char_line(world, rch, ch));
                (start, lines.text.len())
            });
            lines.spans.push(span);
        }
    }
    let mut out = String::with_capacity(lines.text.len());
    // Consecutive shared lines are one slice of `text`.
    let mut run: Option<(usize, usize)> = None;
    for (i, &rch) in list.iter().enumerate() {
        let span = if rch == ch {
            None
        } else {
            lines.spans.get(i).copied().flatten()
        };
        match (span, run) {
            (Some((a, b)), Some((ra, rb))) if rb == a => run = Some((ra, b)),
            (Some(s), _) => {
                if let Some((ra, rb)) = run {
                    out.push_str(&lines.text[ra..rb]);
                }
                run = Some(s);
            }
            (None, _) => {
                if let Some((ra, rb)) = run.take() {
                    out.push_str(&lines.text[ra..rb]);
                }
                if rch != ch {
                    show_one_char(world, ch, trust, dark, rch, &mut out);
                }
            }
        }
    }
    if let Some((ra, rb)) = run {
        out.push_str(&lines.text[ra..rb]);
    }
    out
}

/// The condition line for `victim` ("... is in excellent condition.").
pub fn condition_line(world: &World, victim: CharId, ch: CharId) -> String {
    let Some(v) = world.ch(victim) else {
        return String::new();
    };
    let percent = if v.max_hit > 0 {
        v.hit * 100 / v.max_hit
    } else {
        -1
    };
    let what = match percent {
        p if p >= 100 => "is in excellent condition.",
        p if p >= 90 => "has a few scratches.",
        p if p >= 75 => "has some small wounds and bruises.",
        p if p >= 50 => "has quite a few wounds.",
        p if p >= 30 => "has some big nasty wounds and scratches.",
        p if p >= 15 => "looks pretty hurt.",
        p if p >= 0 => "is in awful condition.",
        _ => "is bleeding to death.",
    };
    let mut buf = format!("{} {what}", world.pers(victim, ch));
    capitalize_first(&mut buf);
    buf.push('\n');
    buf
}

/// ROM's show_char_to_char_1: looking at one character.
fn look_at_char(world: &mut World, victim: CharId, ch: CharId) {
    if world.can_see(victim, ch) {
        if ch == victim {
            world.act("$n looks at $mself.", ch, ActArgs::default(), To::Room);
        } else {
            world.act("$n looks at you.", ch, ActArgs::vict(victim), To::Vict);
            world.act("$n looks at $N.", ch, ActArgs::vict(victim), To::NotVict);
        }
    }
    let Some(v) = world.ch(victim) else { return };
    let mut out = if v.description.trim().is_empty() {
        world.act_format(
            "You see nothing special about $M.",
            ch,
            &ActArgs::vict(victim),
            ch,
        )
    } else {
        line(&v.description)
    };
    out.push_str(&condition_line(world, victim, ch));
    let mut found = false;
    for (slot, label) in WHERE_NAME.iter().enumerate() {
        let Some(o) = world.get_eq_char(victim, slot as i32) else {
            continue;
        };
        if !world.can_see_obj(ch, o) {
            continue;
        }
        if !found {
            out.push('\n');
            out.push_str(&world.act_format("$N is using:", ch, &ActArgs::vict(victim), ch));
            found = true;
        }
        out.push_str(label);
        out.push_str(&format_obj_to_char(world, o, ch, true));
        out.push('\n');
    }
    // Peek (rom-mechanics 6.11): a player may glimpse what the other carries.
    let is_pc = world.ch(ch).is_some_and(|c| !c.is_npc());
    if victim != ch && is_pc && world.rng.percent() < world.get_skill(ch, rules::gsn::PEEK) {
        out.push_str("\nYou peek at the inventory:\n");
        let carrying = world
            .ch(victim)
            .map(|v| v.carrying.clone())
            .unwrap_or_default();
        out.push_str(&show_list_to_char(world, &carrying, ch, true, true));
        world.send(ch, &out);
        super::skills::check_improve(world, ch, rules::gsn::PEEK, true, 4);
        return;
    }
    world.send(ch, &out);
}

/// The `[Exits: ...]` line (`auto`) or the long `exits` listing.
pub fn exits_text(world: &World, ch: CharId, auto: bool) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let Some(room) = c.room.and_then(|r| world.room(r)) else {
        return String::new();
    };
    let imm = c.is_immortal();
    let mut buf = if auto {
        "[Exits:".to_string()
    } else if imm {
        format!("Obvious exits from room {}:\n", room.vnum.0)
    } else {
        "Obvious exits:\n".to_string()
    };
    let mut found = false;
    for (dir, exit) in room.exits.iter().enumerate() {
        let Some(exit) = exit else { continue };
        let Some(to) = exit.to() else { continue };
        let Some(to_room) = world.room(to) else {
            continue;
        };
        if !world.can_see_room(ch, to) || exit.is_closed() {
            continue;
        }
        found = true;
        if auto {
            buf.push(' ');
            buf.push_str(DIR_NAMES[dir]);
        } else {
            let mut name = DIR_NAMES[dir].to_string();
            capitalize_first(&mut name);
            let dest = if world.room_is_dark(to) {
                "Too dark to tell"
            } else {
                to_room.name.as_str()
            };
            buf.push_str(&format!("{name:<5} - {dest}"));
            if imm {
                buf.push_str(&format!(" (room {})", to.0));
            }
            buf.push('\n');
        }
    }
    if !found {
        buf.push_str(if auto { " none" } else { "None.\n" });
    }
    if auto {
        buf.push_str("]\n");
    }
    buf
}

/// The room as `look` shows it (name, description, exits, things, people).
fn room_text(world: &World, ch: CharId, show_desc: bool) -> String {
    room_text_with(world, ch, show_desc, None)
}

fn room_text_with(
    world: &World,
    ch: CharId,
    show_desc: bool,
    shared: Option<&mut SharedLooks>,
) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let Some(room) = c.room.and_then(|r| world.room(r)) else {
        return String::new();
    };
    let mut out = room.name.clone();
    if c.is_immortal() && (c.is_npc() || c.has_holylight()) {
        out.push_str(&format!(" [Room {}]", room.vnum.0));
    }
    out.push('\n');
    if show_desc || (!c.is_npc() && c.comm & comm::BRIEF == 0) {
        let desc = line(&room.description);
        if !desc.is_empty() {
            out.push_str("  ");
            out.push_str(&desc);
        }
    }
    out.push('\n');
    if !c.is_npc() && c.act & plr::AUTOEXIT != 0 {
        out.push_str(&exits_text(world, ch, true));
    }
    out.push_str(&show_list_to_char(world, &room.contents, ch, false, false));
    match shared {
        Some(shared) => out.push_str(&show_char_to_char_shared(world, &room.people, ch, shared)),
        None => out.push_str(&show_char_to_char(world, &room.people, ch)),
    }
    out
}

/// `look auto` for many players at once (a copyover's recovery): exactly
/// what [`do_look`] with "auto" sends each, with the lines of a room's
/// people that are the same for every viewer rendered once
/// ([`SharedLooks`]). Anything but an ordinary look at a room is
/// [`do_look`] itself.
pub fn do_look_auto_shared(world: &mut World, ch: CharId, shared: &mut SharedLooks) {
    let Some(c) = world.ch(ch) else { return };
    let ordinary = c.conn.is_some()
        && c.position > pos::SLEEPING
        && (c.has_holylight() || !c.is_affected(aff::BLIND))
        && c.room.is_some_and(|room| {
            c.is_npc()
                || c.has_holylight()
                || c.is_affected(aff::DARK_VISION)
                || !world.room_is_dark(room)
        });
    if !ordinary {
        do_look(world, ch, "auto");
        return;
    }
    let text = room_text_with(world, ch, false, Some(shared));
    world.send(ch, &text);
}

/// `look in <container>`.
fn look_in(world: &mut World, ch: CharId, what: &str) {
    if what.is_empty() {
        world.send(ch, "Look in what?\n");
        return;
    }
    let Some(obj) = world.get_obj_here(ch, what) else {
        world.send(ch, "You do not see that here.\n");
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    match o.item_type {
        item::DRINK_CON => {
            if o.values[1] <= 0 {
                world.send(ch, "It is empty.\n");
                return;
            }
            let (cap, cur) = (o.values[0], o.values[1]);
            let amount = if cur < cap / 4 {
                "less than half-"
            } else if cur < 3 * cap / 4 {
                "about half-"
            } else {
                "more than half-"
            };
            let colour = usize::try_from(o.values[2])
                .ok()
                .and_then(|i| LIQUIDS.get(i))
                .map_or("clear", |l| l.color);
            world.send(
                ch,
                &format!("It's {amount}filled with  a {colour} liquid.\n"),
            );
        }
        item::CONTAINER | item::CORPSE_NPC | item::CORPSE_PC => {
            if o.item_type == item::CONTAINER && (o.values[1] as Flags) & cont::CLOSED != 0 {
                world.send(ch, "It is closed.\n");
                return;
            }
            let contents = o.contains.clone();
            let mut out = world.act_format("$p holds:", ch, &ActArgs::obj(obj), ch);
            out.push_str(&show_list_to_char(world, &contents, ch, true, true));
            world.send(ch, &out);
        }
        _ => world.send(ch, "That is not a container.\n"),
    }
}

/// Look for `name` (the `number`th match) among objects' extra descriptions
/// and names. Returns the text, or how many matches were seen.
fn look_objects(
    world: &World,
    ch: CharId,
    list: &[ObjId],
    name: &str,
    number: usize,
    count: &mut usize,
) -> Option<String> {
    for &o in list {
        if !world.can_see_obj(ch, o) {
            continue;
        }
        let Some(obj) = world.obj(o) else { continue };
        if let Some(d) = extra_descr(name, &obj.extra) {
            *count += 1;
            if *count == number {
                return Some(line(d));
            }
            continue;
        }
        let proto_extra = world
            .obj_index
            .get(&obj.vnum)
            .map(|i| i.proto.extra.as_slice())
            .unwrap_or(&[]);
        if let Some(d) = extra_descr(name, proto_extra) {
            *count += 1;
            if *count == number {
                return Some(line(d));
            }
            continue;
        }
        if is_name(name, &obj.name) {
            *count += 1;
            if *count == number {
                return Some(line(&obj.description));
            }
        }
    }
    None
}

// ----------------------------------------------------------------- commands

pub fn do_look(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.conn.is_none() {
        return;
    }
    if c.position < pos::SLEEPING {
        world.send(ch, "You can't see anything but stars!\n");
        return;
    }
    if c.position == pos::SLEEPING {
        world.send(ch, "You can't see anything, you're sleeping!\n");
        return;
    }
    if !check_blind(world, ch) {
        return;
    }
    let Some(c) = world.ch(ch) else { return };
    let Some(room) = c.room else { return };
    if !c.is_npc()
        && !c.has_holylight()
        && !c.is_affected(aff::DARK_VISION)
        && world.room_is_dark(room)
    {
        let people = world
            .room(room)
            .map(|r| r.people.clone())
            .unwrap_or_default();
        let mut out = "It is pitch black ... \n".to_string();
        out.push_str(&show_char_to_char(world, &people, ch));
        world.send(ch, &out);
        return;
    }
    let (arg1, rest) = one_argument(arg);
    let (arg2, _) = one_argument(rest);
    if arg1.is_empty() || arg1 == "auto" {
        let text = room_text(world, ch, arg1.is_empty());
        world.send(ch, &text);
        return;
    }
    if matches!(arg1.as_str(), "i" | "in" | "on") {
        look_in(world, ch, &arg2);
        return;
    }
    if let Some(victim) = world.get_char_room(ch, &arg1) {
        look_at_char(world, victim, ch);
        return;
    }
    let (number, name) = number_argument(&arg1);
    let mut count = 0;
    let carrying = c.carrying.clone();
    if let Some(text) = look_objects(world, ch, &carrying, name, number, &mut count) {
        world.send(ch, &text);
        return;
    }
    let contents = world
        .room(room)
        .map(|r| r.contents.clone())
        .unwrap_or_default();
    if let Some(text) = look_objects(world, ch, &contents, name, number, &mut count) {
        world.send(ch, &text);
        return;
    }
    if let Some(d) = world
        .room(room)
        .and_then(|r| extra_descr(name, &r.extra))
        .map(line)
    {
        count += 1;
        if count == number {
            world.send(ch, &d);
            return;
        }
    }
    if count > 0 && count != number {
        let msg = if count == 1 {
            format!("You only see one {name} here.\n")
        } else {
            format!("You only see {count} of those here.\n")
        };
        world.send(ch, &msg);
        return;
    }
    let Some(door) = dir_from_name(&arg1) else {
        world.send(ch, "You do not see that here.\n");
        return;
    };
    let Some(exit) = world.room(room).and_then(|r| r.exits[door].clone()) else {
        world.send(ch, "Nothing special there.\n");
        return;
    };
    let desc = line(&exit.proto.description);
    if desc.is_empty() {
        world.send(ch, "Nothing special there.\n");
    } else {
        world.send(ch, &desc);
    }
    let kw = exit.proto.keyword.clone();
    if !kw.is_empty() && !kw.starts_with(' ') {
        let args = ActArgs::default().with_text2(&kw);
        if exit.is_closed() {
            world.act("The $d is closed.", ch, args, To::Char);
        } else if exit.is_door() {
            world.act("The $d is open.", ch, args, To::Char);
        }
    }
}

pub fn do_examine(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Examine what?\n");
        return;
    }
    do_look(world, ch, &word);
    let Some(obj) = world.get_obj_here(ch, &word) else {
        return;
    };
    let Some(o) = world.obj(obj) else { return };
    match o.item_type {
        item::MONEY => {
            let (silver, gold) = (o.values[0], o.values[1]);
            let msg = match (silver, gold) {
                (0, 0) => "Odd...there's no coins in the pile.\n".to_string(),
                (0, 1) => "Wow. One gold coin.\n".to_string(),
                (0, g) => format!("There are {g} gold coins in the pile.\n"),
                (1, 0) => "Wow. One silver coin.\n".to_string(),
                (s, 0) => format!("There are {s} silver coins in the pile.\n"),
                (s, g) => format!("There are {g} gold and {s} silver coins in the pile.\n"),
            };
            world.send(ch, &msg);
        }
        item::DRINK_CON | item::CONTAINER | item::CORPSE_NPC | item::CORPSE_PC => {
            look_in(world, ch, &word);
        }
        _ => {}
    }
}

pub fn do_exits(world: &mut World, ch: CharId, arg: &str) {
    if !check_blind(world, ch) {
        return;
    }
    let auto = arg.trim().eq_ignore_ascii_case("auto");
    let text = exits_text(world, ch, auto);
    world.send(ch, &text);
}

pub fn do_scan(world: &mut World, ch: CharId, arg: &str) {
    const DISTANCE: [&str; 4] = [
        "right here.",
        "nearby to the",
        "not far",
        "off in the distance",
    ];
    let Some(c) = world.ch(ch) else { return };
    let Some(here) = c.room else { return };
    let trust = c.get_trust();
    let (word, _) = one_argument(arg);
    let list_room = |world: &World, room: RoomVnum, depth: usize, dir: usize, out: &mut String| {
        let Some(r) = world.room(room) else { return };
        for &rch in &r.people {
            if rch == ch {
                continue;
            }
            let Some(v) = world.ch(rch) else { continue };
            if v.invis_level() > trust || !world.can_see(ch, rch) {
                continue;
            }
            out.push_str(&world.pers(rch, ch));
            out.push_str(", ");
            if depth == 0 {
                out.push_str(DISTANCE[0]);
            } else {
                out.push_str(&format!("{} {}.", DISTANCE[depth], DIR_NAMES[dir]));
            }
            out.push('\n');
        }
    };
    // Walk up to three rooms in `dir`, stopping at closed doors.
    let walk = |world: &World, dir: usize, out: &mut String| {
        let mut room = here;
        for depth in 1..=3 {
            let Some(exit) = world.room(room).and_then(|r| r.exits[dir].as_ref()) else {
                break;
            };
            let Some(to) = exit.to() else { break };
            if exit.is_closed() || world.room(to).is_none() {
                break;
            }
            list_room(world, to, depth, dir, out);
            room = to;
        }
    };
    let mut out = String::new();
    if word.is_empty() {
        world.act("$n looks all around.", ch, ActArgs::default(), To::Room);
        out.push_str("Looking around you see:\n");
        list_room(world, here, 0, 0, &mut out);
        for dir in 0..6 {
            walk(world, dir, &mut out);
        }
    } else {
        let Some(dir) = dir_from_name(&word) else {
            world.send(ch, "Which way do you want to scan?\n");
            return;
        };
        let args = ActArgs::default().with_text2(DIR_NAMES[dir]);
        world.act("You peer intently $T.", ch, args, To::Char);
        world.act("$n peers intently $T.", ch, args, To::Room);
        out.push_str(&format!("Looking {} you see:\n", DIR_NAMES[dir]));
        walk(world, dir, &mut out);
    }
    world.send(ch, &out);
}

/// Can `ch` see `wch` in lists (`who`, `where`)? Like can_see, but a dark
/// room does not hide the whole game.
fn can_see_in_list(world: &World, ch: CharId, wch: CharId) -> bool {
    if ch == wch {
        return true;
    }
    let (Some(c), Some(w)) = (world.ch(ch), world.ch(wch)) else {
        return false;
    };
    if c.get_trust() < w.invis_level() {
        return false;
    }
    if c.has_holylight() {
        return true;
    }
    !w.is_affected(aff::INVISIBLE) || c.is_affected(aff::DETECT_INVIS)
}

/// The class column of `who`: immortal rank or class abbreviation.
fn who_class(c: &Char) -> &'static str {
    match c.level {
        60 => "IMP",
        59 => "CRE",
        58 => "SUP",
        57 => "DEI",
        56 => "GOD",
        55 => "IMM",
        54 => "DEM",
        53 => "ANG",
        52 => "AVA",
        _ => rules::class_by_number(c.class).map_or("   ", |k| k.who_name),
    }
}

/// One line of `who` (and `whois`) about player `w`.
pub fn who_line(w: &Char) -> String {
    // ROM's who names are five wide (" Elf ").
    let race = rules::pc_race_by_index(w.race)
        .map_or_else(|| "     ".to_string(), |r| format!("{:^5}", r.who_name));
    let pc = w.pc.as_deref();
    let mut tags = String::new();
    if w.invis_level() >= LEVEL_HERO {
        tags.push_str("(Wizi) ");
    }
    tags.push_str(
        crate::db::tables::CLAN_WHO
            .get(w.clan)
            .copied()
            .unwrap_or(""),
    );
    if w.comm & comm::AFK != 0 {
        tags.push_str("[AFK] ");
    }
    if w.act & plr::KILLER != 0 {
        tags.push_str("(KILLER) ");
    }
    if w.act & plr::THIEF != 0 {
        tags.push_str("(THIEF) ");
    }
    let title = pc.map_or("", |p| p.title.as_str());
    format!(
        "[{:2} {:>6} {}] {}{}{}\n",
        w.level,
        race,
        who_class(w),
        tags,
        w.name,
        title
    )
}

pub fn do_who(world: &mut World, ch: CharId, arg: &str) {
    let mut low = 0;
    let mut high = MAX_LEVEL;
    let mut numbers = 0;
    let mut imm_only = false;
    let mut classes: Vec<usize> = Vec::new();
    let mut races: Vec<usize> = Vec::new();
    let mut rest = arg;
    loop {
        let (word, r) = one_argument(rest);
        rest = r;
        if word.is_empty() {
            break;
        }
        if let Ok(n) = word.parse::<i32>() {
            numbers += 1;
            match numbers {
                1 => low = n,
                2 => high = n,
                _ => {
                    world.send(ch, "Only two level numbers allowed.\n");
                    return;
                }
            }
        } else if "immortals".starts_with(&word) && word.len() >= 3 {
            imm_only = true;
        } else if let Some(i) = rules::class_lookup(&word) {
            classes.push(i);
        } else if let Some(r) = rules::pc_race_lookup(&word) {
            races.push(r.race);
        } else {
            world.send(ch, "That's not a valid race or class.\n");
            return;
        }
    }
    let mut out = String::new();
    let mut found = 0;
    // An immortal switched into a mobile is still playing (ROM lists the
    // connection's original character).
    let switched: Vec<CharId> = world.chars.iter().filter_map(|(_, c)| c.original).collect();
    for &wid in &world.players {
        let Some(w) = world.ch(wid) else { continue };
        let linked = w.conn.is_some() || wid == ch || switched.contains(&wid);
        if w.is_npc() || !linked || !can_see_in_list(world, ch, wid) {
            continue;
        }
        if w.level < low || w.level > high || (imm_only && w.level < LEVEL_IMMORTAL) {
            continue;
        }
        if !classes.is_empty() && !classes.contains(&(w.class.max(0) as usize)) {
            continue;
        }
        if !races.is_empty() && !races.contains(&w.race) {
            continue;
        }
        found += 1;
        out.push_str(&who_line(w));
    }
    out.push_str(&format!("\nPlayers found: {found}\n"));
    world.send(ch, &out);
}

pub fn do_where(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let Some(here) = c.room else { return };
    let area = world.room(here).map(|r| r.area);
    let (word, _) = one_argument(arg);
    let mut out = String::new();
    if word.is_empty() {
        out.push_str("Players near you:\n");
        let mut found = false;
        for &vid in &world.players {
            let Some(v) = world.ch(vid) else { continue };
            let Some(vroom) = v.room.and_then(|r| world.room(r)) else {
                continue;
            };
            if v.is_npc() || vroom.flags & ROOM_NOWHERE != 0 || Some(vroom.area) != area {
                continue;
            }
            if !world.is_room_owner(ch, vroom.vnum) && world.room_is_private(vroom.vnum) {
                continue;
            }
            if !can_see_in_list(world, ch, vid) {
                continue;
            }
            found = true;
            out.push_str(&format!("{:<28} {}\n", v.name, vroom.name));
        }
        if !found {
            out.push_str("None\n");
        }
        world.send(ch, &out);
        return;
    }
    let mut ids: Vec<CharId> = world.players.clone();
    ids.extend(
        world
            .chars
            .ids()
            .into_iter()
            .filter(|id| !world.players.contains(id)),
    );
    for vid in ids {
        let Some(v) = world.ch(vid) else { continue };
        let Some(vroom) = v.room.and_then(|r| world.room(r)) else {
            continue;
        };
        if Some(vroom.area) != area
            || v.is_affected(aff::HIDE)
            || v.is_affected(aff::SNEAK)
            || !world.can_see(ch, vid)
            || !is_name(&word, &v.name)
        {
            continue;
        }
        out.push_str(&format!("{:<28} {}\n", world.pers(vid, ch), vroom.name));
        world.send(ch, &out);
        return;
    }
    world.act(
        "You didn't find any $T.",
        ch,
        ActArgs::default().with_text2(&word),
        To::Char,
    );
}

/// Seconds played in total, this session included.
fn played_secs(c: &Char) -> i64 {
    c.pc.as_deref().map_or(0, |pc| {
        crate::save::played_secs_at(pc, crate::save::now_secs())
    })
}

pub fn do_score(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let mut out = String::new();
    let title = c.pc.as_ref().map_or("", |p| p.title.as_str());
    let played = played_secs(c);
    out.push_str(&format!(
        "You are {}{}, level {}, {} years old ({} hours).\n",
        c.name,
        title,
        c.level,
        17 + played / 72000,
        played / 3600
    ));
    if c.get_trust() != c.level {
        out.push_str(&format!("You are trusted at level {}.\n", c.get_trust()));
    }
    let sex = match c.sex {
        0 => "sexless",
        1 => "male",
        _ => "female",
    };
    let class = if c.is_npc() {
        "mobile"
    } else {
        rules::class_by_number(c.class).map_or("unknown", |k| k.name)
    };
    let race = RACES.get(c.race).map_or("unknown", |r| r.name);
    out.push_str(&format!("Race: {race}  Sex: {sex}  Class: {class}\n"));
    out.push_str(&format!(
        "You have {}/{} hit, {}/{} mana, {}/{} movement.\n",
        c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv
    ));
    let (practice, train) = c.pc.as_ref().map_or((0, 0), |p| (p.practice, p.train));
    out.push_str(&format!(
        "You have {practice} practices and {train} training sessions.\n"
    ));
    out.push_str(&format!(
        "You are carrying {}/{} items with weight {}/{} pounds.\n",
        world.carry_number(ch),
        world.can_carry_n(ch),
        world.carry_weight(ch) / 10,
        world.can_carry_w(ch) / 10
    ));
    let stat = |i: usize| (c.perm_stat[i], world.get_curr_stat(ch, i));
    let s: Vec<(i32, i32)> = (0..5).map(stat).collect();
    out.push_str(&format!(
        "Str: {}({})  Int: {}({})  Wis: {}({})  Dex: {}({})  Con: {}({})\n",
        s[0].0, s[0].1, s[1].0, s[1].1, s[2].0, s[2].1, s[3].0, s[3].1, s[4].0, s[4].1
    ));
    out.push_str(&format!(
        "You have scored {} exp, and have {} gold and {} silver coins.\n",
        c.exp, c.gold, c.silver
    ));
    if !c.is_npc() && c.level < LEVEL_HERO {
        let need = i64::from(c.level + 1) * exp_per_level(c) - c.exp;
        out.push_str(&format!("You need {need} exp to level.\n"));
    }
    out.push_str(&format!("Wimpy set to {} hit points.\n", c.wimpy));
    if let Some(pc) = &c.pc {
        if pc.condition[COND_DRUNK] > 10 {
            out.push_str("You are drunk.\n");
        }
        if pc.condition[COND_THIRST] == 0 {
            out.push_str("You are thirsty.\n");
        }
        if pc.condition[COND_HUNGER] == 0 {
            out.push_str("You are hungry.\n");
        }
    }
    out.push_str(match c.position {
        pos::DEAD => "You are DEAD!!\n",
        pos::MORTAL => "You are mortally wounded.\n",
        pos::INCAP => "You are incapacitated.\n",
        pos::STUNNED => "You are stunned.\n",
        pos::SLEEPING => "You are sleeping.\n",
        pos::RESTING => "You are resting.\n",
        pos::SITTING => "You are sitting.\n",
        pos::FIGHTING => "You are fighting.\n",
        _ => "You are standing.\n",
    });
    let ac: Vec<i32> = (0..4).map(|i| world.get_ac(ch, i)).collect();
    if c.level >= 25 {
        out.push_str(&format!(
            "Armor: pierce: {}  bash: {}  slash: {}  magic: {}\n",
            ac[0], ac[1], ac[2], ac[3]
        ));
    }
    for (i, kind) in ["piercing", "bashing", "slashing", "magic"]
        .iter()
        .enumerate()
    {
        let desc = match ac[i] {
            a if a >= 101 => "hopelessly vulnerable to",
            a if a >= 80 => "defenseless against",
            a if a >= 60 => "barely protected from",
            a if a >= 40 => "slightly armored against",
            a if a >= 20 => "somewhat armored against",
            a if a >= 0 => "armored against",
            a if a >= -20 => "well-armored against",
            a if a >= -40 => "very well-armored against",
            a if a >= -60 => "heavily armored against",
            a if a >= -80 => "superbly armored against",
            a if a >= -100 => "almost invulnerable to",
            _ => "divinely armored against",
        };
        out.push_str(&format!("You are {desc} {kind}.\n"));
    }
    if c.is_immortal() {
        out.push_str("Holy Light: ");
        out.push_str(if c.has_holylight() { "on" } else { "off" });
        if let Some(pc) = &c.pc {
            if pc.invis_level > 0 {
                out.push_str(&format!("  Invisible: level {}", pc.invis_level));
            }
        }
        out.push('\n');
    }
    if c.level >= 15 {
        out.push_str(&format!(
            "Hitroll: {}  Damroll: {}.\n",
            world.get_hitroll(ch),
            world.get_damroll(ch)
        ));
    }
    if c.level >= 10 {
        out.push_str(&format!("Alignment: {}.  ", c.alignment));
    }
    out.push_str("You are ");
    out.push_str(match c.alignment {
        a if a > 900 => "angelic.\n",
        a if a > 700 => "saintly.\n",
        a if a > 350 => "good.\n",
        a if a > 100 => "kind.\n",
        a if a > -100 => "neutral.\n",
        a if a > -350 => "mean.\n",
        a if a > -700 => "evil.\n",
        a if a > -900 => "demonic.\n",
        _ => "satanic.\n",
    });
    let show_affects = c.comm & comm::SHOW_AFFECTS != 0;
    world.send(ch, &out);
    if show_affects {
        do_affects(world, ch, "");
    }
}

/// ROM's day and month names (rom-mechanics 13.1).
const DAY_NAMES: [&str; 7] = [
    "the Moon",
    "the Bull",
    "Deception",
    "Thunder",
    "Freedom",
    "the Great Gods",
    "the Sun",
];
const MONTH_NAMES: [&str; 17] = [
    "Winter",
    "the Winter Wolf",
    "the Frost Giant",
    "the Old Forces",
    "the Grand Struggle",
    "the Spring",
    "Nature",
    "Futility",
    "the Dragon",
    "the Sun",
    "the Heat",
    "the Battle",
    "the Dark Shades",
    "the Shadows",
    "the Long Shadows",
    "the Ancient Darkness",
    "the Great Evil",
];

/// The line `time` shows for a game clock (rom-mechanics 13.1).
pub fn time_line(hour: i32, day: i32, month: i32) -> String {
    let d = day + 1;
    let suffix = if (5..20).contains(&d) {
        "th"
    } else {
        match d % 10 {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        }
    };
    let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
    format!(
        "It is {h12} o'clock {}, Day of {}, {d}{suffix} the Month of {}.\n",
        if hour >= 12 { "pm" } else { "am" },
        DAY_NAMES[d.rem_euclid(7) as usize],
        MONTH_NAMES[month.clamp(0, 16) as usize],
    )
}

pub fn do_time(world: &mut World, ch: CharId, _arg: &str) {
    let line = time_line(world.hour, world.day, world.month);
    world.send(ch, &line);
}

pub fn do_weather(world: &mut World, ch: CharId, _arg: &str) {
    let outside = world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .is_some_and(crate::world::handler::room_is_outside);
    if !outside {
        world.send(ch, "You can't see the weather indoors.\n");
        return;
    }
    let sky = match world.weather.sky {
        0 => "cloudless",
        1 => "cloudy",
        2 => "rainy",
        _ => "lit by flashes of lightning",
    };
    let wind = if world.weather.change >= 0 {
        "a warm southerly breeze blows"
    } else {
        "a cold northern gust blows"
    };
    world.send(ch, &format!("The sky is {sky} and {wind}.\n"));
}

pub fn do_affects(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.affects.is_empty() {
        world.send(ch, "You are not affected by any spells.\n");
        return;
    }
    let mut out = "You are affected by the following spells:\n".to_string();
    let mut last: Option<rules::Sn> = None;
    for a in &c.affects {
        if last == Some(a.skill) {
            if c.level >= 20 {
                out.push_str("                      ");
            } else {
                continue;
            }
        } else {
            out.push_str(&format!(
                "Spell: {:<15}",
                rules::skill_name(a.skill).unwrap_or("unknown")
            ));
        }
        if c.level >= 20 {
            out.push_str(&format!(
                ": modifies {} by {} ",
                affect_loc_name(a.location),
                a.modifier
            ));
            if a.duration == -1 {
                out.push_str("permanently");
            } else {
                out.push_str(&format!("for {} hours", a.duration));
            }
        }
        out.push('\n');
        last = Some(a.skill);
    }
    world.send(ch, &out);
}

pub fn do_inventory(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let mut out = "You are carrying:\n".to_string();
    out.push_str(&show_list_to_char(world, &c.carrying, ch, true, true));
    world.send(ch, &out);
}

pub fn do_equipment(world: &mut World, ch: CharId, _arg: &str) {
    let mut out = "You are using:\n".to_string();
    let mut found = false;
    for (slot, label) in WHERE_NAME.iter().enumerate() {
        let Some(o) = world.get_eq_char(ch, slot as i32) else {
            continue;
        };
        out.push_str(label);
        if world.can_see_obj(ch, o) {
            out.push_str(&format_obj_to_char(world, o, ch, true));
            out.push('\n');
        } else {
            out.push_str("something.\n");
        }
        found = true;
    }
    if !found {
        out.push_str("Nothing.\n");
    }
    world.send(ch, &out);
}

// --------------------------------------------------------------------- help
//
// The one help lookup: `help` in the game and the login dialogue (greeting,
// MOTD, `help` at the race question) both find entries with [`find_helps`].

/// The keywords of a help entry (quoted phrases are one keyword), lower-cased.
fn help_keywords(keywords: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = keywords;
    loop {
        let (word, r) = one_argument(rest);
        if word.is_empty() {
            break;
        }
        out.push(word);
        rest = r;
    }
    out
}

/// ROM's is_name as help uses it: the whole phrase prefixes a keyword, or
/// every word of it prefixes some keyword.
pub fn help_matches(arg: &str, keywords: &str) -> bool {
    let names = help_keywords(keywords);
    let arg = arg.to_lowercase();
    if arg.trim().is_empty() {
        return false;
    }
    if names.iter().any(|n| n.starts_with(&arg)) {
        return true;
    }
    arg.split_whitespace()
        .all(|p| names.iter().any(|n| n.starts_with(p)))
}

/// A help topic as ROM's do_help reads it: the arguments one by one (a
/// quoted phrase is one argument), lower-cased and joined by single spaces,
/// so `'magic missile'` and `magic  missile` are the same topic.
pub fn help_topic(arg: &str) -> String {
    let mut words = Vec::new();
    let mut rest = arg;
    loop {
        let (word, r) = one_argument(rest);
        if word.is_empty() && r.is_empty() {
            break;
        }
        if !word.is_empty() {
            words.push(word);
        }
        rest = r;
    }
    words.join(" ")
}

/// The level a help entry needs: ROM stores a level-`n` entry whose
/// keywords are not shown as `-n - 1`.
fn help_level(h: &Help) -> i32 {
    if h.level < 0 {
        -h.level - 1
    } else {
        h.level
    }
}

/// Every help entry `topic` (as typed: see [`help_topic`]) names that
/// `trust` may read, in file order.
pub fn find_helps<'a>(world: &'a World, topic: &str, trust: i32) -> Vec<&'a Help> {
    let topic = help_topic(topic);
    world
        .helps
        .iter()
        .filter(|h| help_level(h) <= trust && help_matches(&topic, &h.keywords))
        .collect()
}

/// A help entry's text without ROM's leading `.` (which keeps initial blanks).
fn help_body(h: &Help) -> &str {
    h.text.strip_prefix('.').unwrap_or(&h.text)
}

/// What `help <topic>` shows: every entry found, each under its keywords
/// (unless hidden by a negative level), separated by a rule; `None` when
/// nothing is found.
pub fn help_text(world: &World, topic: &str, trust: i32) -> Option<String> {
    let topic = help_topic(topic);
    let helps = find_helps(world, &topic, trust);
    if helps.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, h) in helps.into_iter().enumerate() {
        if i > 0 {
            out.push_str("\n============================================================\n\n");
        }
        if h.level >= 0 && topic != "imotd" {
            out.push_str(h.keywords.trim());
            out.push('\n');
        }
        let text = help_body(h);
        out.push_str(text);
        if !text.is_empty() && !text.ends_with('\n') {
            out.push('\n');
        }
    }
    Some(out)
}

/// One entry's text alone, for the login screens (`greeting`, `motd`,
/// `imotd`): the entry with `topic` as one of its keywords, else the first
/// entry found (so GREETING wins over a later GREETINGS).
pub fn help_entry(world: &World, topic: &str, trust: i32) -> Option<String> {
    let topic = help_topic(topic);
    let helps = find_helps(world, &topic, trust);
    let exact = helps
        .iter()
        .find(|h| help_keywords(&h.keywords).contains(&topic));
    exact.or(helps.first()).map(|h| help_body(h).to_string())
}

pub fn do_help(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    let trust = c.get_trust();
    let topic = help_topic(arg);
    if topic.is_empty() {
        let text = help_text(world, "summary", trust).or_else(|| help_text(world, "help", trust));
        let text = text.unwrap_or_else(|| {
            let mut out = "Help is available on these topics:\n".to_string();
            let mut col = 0;
            for h in &world.helps {
                if help_level(h) > trust || h.level < 0 {
                    continue;
                }
                let Some(first) = help_keywords(&h.keywords).into_iter().next() else {
                    continue;
                };
                out.push_str(&format!("{first:<19}"));
                col += 1;
                if col % 4 == 0 {
                    out.push('\n');
                }
            }
            if col % 4 != 0 {
                out.push('\n');
            }
            out
        });
        world.send(ch, &text);
        return;
    }
    match help_text(world, &topic, trust) {
        Some(text) => world.send(ch, &text),
        None => {
            let name = c.name.clone();
            world.send(ch, "No help on that word.\n");
            world.log(format!("Missing help: {name}: {topic}"));
        }
    }
}

/// The first `n` characters of `s`.
fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

pub fn do_prompt(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    let arg = arg.trim();
    if arg.is_empty() {
        if c.comm & comm::PROMPT != 0 {
            c.comm &= !comm::PROMPT;
            c.send("You will no longer see prompts.\n");
        } else {
            c.comm |= comm::PROMPT;
            c.send("You will now see prompts.\n");
        }
        return;
    }
    let Some(pc) = c.pc.as_mut() else { return };
    let prompt = if arg == "all" {
        DEFAULT_PROMPT.to_string()
    } else {
        let mut p = smash_tilde(truncate_chars(arg, 50));
        if !p.ends_with("%c") {
            p.push(' ');
        }
        p
    };
    pc.prompt = prompt.clone();
    c.send(&format!("Prompt set to {prompt}\n"));
}

pub fn do_title(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    let arg = arg.trim();
    if arg.is_empty() {
        c.send("Change your title to what?\n");
        return;
    }
    let mut title = smash_tilde(truncate_chars(arg, 45));
    // A dangling colour code at the cut would swallow what follows.
    if title.ends_with('{') && !title.ends_with("{{") {
        title.pop();
    }
    let title = match title.chars().next() {
        Some('.' | ',' | '!' | '?') => title,
        _ => format!(" {title}"),
    };
    if let Some(pc) = c.pc.as_mut() {
        pc.title = title;
    }
    c.send("Ok.\n");
}

pub fn do_description(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    let arg = arg.trim_start();
    if !arg.is_empty() {
        let arg = smash_tilde(arg.trim_end());
        if arg.starts_with('-') {
            if c.description.is_empty() {
                c.send("No lines left to remove.\n");
                return;
            }
            let mut lines: Vec<&str> = c.description.lines().collect();
            lines.pop();
            if lines.is_empty() {
                c.description.clear();
                c.send("Description cleared.\n");
                return;
            }
            let mut d = lines.join("\n");
            d.push('\n');
            c.description = d;
        } else {
            let mut buf = String::new();
            let text = if let Some(more) = arg.strip_prefix('+') {
                buf.push_str(&c.description);
                more.trim_start()
            } else {
                arg.as_str()
            };
            if buf.len() + text.len() >= 1024 {
                c.send("Description too long.\n");
                return;
            }
            buf.push_str(text);
            buf.push('\n');
            c.description = buf;
        }
    }
    let desc = if c.description.is_empty() {
        "(None).\n".to_string()
    } else {
        c.description.clone()
    };
    c.send(&format!("Your description is:\n{desc}"));
}

/// The first word of `s` with its case kept (passwords are case-sensitive).
fn raw_argument(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    if let Some(q @ ('\'' | '"')) = s.chars().next() {
        let inner = &s[1..];
        return match inner.find(q) {
            Some(i) => (&inner[..i], inner[i + 1..].trim_start()),
            None => (inner, ""),
        };
    }
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

pub fn do_password(world: &mut World, ch: CharId, arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    let (old, rest) = raw_argument(arg);
    let (new, _) = raw_argument(rest);
    if old.is_empty() || new.is_empty() {
        world.send(ch, "Syntax: password <old> <new>.\n");
        return;
    }
    if new.chars().count() < 5 {
        world.send(ch, "New password must be at least five characters long.\n");
        return;
    }
    if new.contains('~') {
        world.send(ch, "New password not acceptable, try again.\n");
        return;
    }
    world.requests.push(Request::ChangePassword {
        ch,
        old: old.to_string(),
        new: new.to_string(),
    });
}

// ------------------------------------------------------------ auto flags

/// One of ROM's `auto*` toggles: flip `bit` in a player's act bits and
/// say which way it went. Mobiles have no such settings.
fn toggle_plr(world: &mut World, ch: CharId, bit: Flags, off: &str, on: &str) {
    let Some(c) = world.ch_mut(ch) else { return };
    if c.is_npc() {
        return;
    }
    c.act ^= bit;
    let now_on = c.act & bit != 0;
    world.send(ch, if now_on { on } else { off });
}

/// `autoassist`: help your group in its fights.
pub fn do_autoassist(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOASSIST,
        "Autoassist removed.\n",
        "You will now assist when needed.\n",
    );
}

/// `autoexit`: show the exits line whenever you look at a room.
pub fn do_autoexit(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOEXIT,
        "Exits will no longer be displayed.\n",
        "Exits will now be displayed.\n",
    );
}

/// `autogold`: take the coins from your kills' corpses.
pub fn do_autogold(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOGOLD,
        "Autogold removed.\n",
        "Automatic gold looting set.\n",
    );
}

/// `autoloot`: take everything from your kills' corpses.
pub fn do_autoloot(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOLOOT,
        "Autolooting removed.\n",
        "Automatic corpse looting set.\n",
    );
}

/// `autosac`: sacrifice your kills' (emptied) corpses.
pub fn do_autosac(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOSAC,
        "Autosacrificing removed.\n",
        "Automatic corpse sacrificing set.\n",
    );
}

/// `autosplit`: share the coins you pick up with your group.
pub fn do_autosplit(world: &mut World, ch: CharId, _arg: &str) {
    toggle_plr(
        world,
        ch,
        plr::AUTOSPLIT,
        "Autosplitting removed.\n",
        "Automatic gold splitting set.\n",
    );
}

/// `autolist`: the auto settings and a few others, as ROM lists them.
pub fn do_autolist(world: &mut World, ch: CharId, _arg: &str) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    let on = |set: bool| if set { "ON" } else { "OFF" };
    let rows: [(&str, bool); 9] = [
        ("autoassist", c.act & plr::AUTOASSIST != 0),
        ("autoexit", c.act & plr::AUTOEXIT != 0),
        ("autogold", c.act & plr::AUTOGOLD != 0),
        ("autoloot", c.act & plr::AUTOLOOT != 0),
        ("autosac", c.act & plr::AUTOSAC != 0),
        ("autosplit", c.act & plr::AUTOSPLIT != 0),
        ("compact mode", c.comm & comm::COMPACT != 0),
        ("prompt", c.comm & comm::PROMPT != 0),
        ("combine items", c.comm & comm::COMBINE != 0),
    ];
    let mut out = String::from("   action     status\n---------------------\n");
    for (name, set) in rows {
        out.push_str(&format!("{name:<15}{}\n", on(set)));
    }
    out.push_str(if c.act & plr::CANLOOT == 0 {
        "Your corpse is safe from thieves.\n"
    } else {
        "Your corpse may be looted.\n"
    });
    out.push_str(if c.act & plr::NOSUMMON != 0 {
        "You cannot be summoned.\n"
    } else {
        "You can be summoned.\n"
    });
    out.push_str(if c.act & plr::NOFOLLOW != 0 {
        "You do not welcome followers.\n"
    } else {
        "You accept followers.\n"
    });
    world.send(ch, &out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crowd in one room of the bundled world, seeing and being seen in
    /// every way `look` tells apart; the same crowd every time.
    fn crowd() -> (World, Vec<CharId>) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("areas");
        let r = crate::db::load_area_dir(&dir);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let mut w = World::new(r.protos, 7);
        let room = RoomVnum(3001);
        let mut all = Vec::new();
        for i in 0..60usize {
            let mut c = Char {
                name: format!("Crowd{}", (b'a' + (i % 26) as u8) as char).repeat(1)
                    + &i.to_string(),
                pc: Some(Box::new(PcData {
                    id: i as i64 + 1,
                    title: if i % 3 == 0 {
                        format!(" the {i}th")
                    } else {
                        String::new()
                    },
                    invis_level: if i == 5 { 55 } else { 0 },
                    ..PcData::default()
                })),
                level: if i == 4 || i == 5 { 60 } else { 10 },
                conn: Some(ConnId(i + 1)),
                position: pos::STANDING,
                default_pos: pos::STANDING,
                ..Char::default()
            };
            match i {
                1 => c.comm |= comm::BRIEF,
                2 => c.affected_by |= aff::BLIND,
                3 => c.affected_by |= aff::INVISIBLE,
                4 => c.act |= plr::HOLYLIGHT,
                6 => c.affected_by |= aff::HIDE,
                7 => c.affected_by |= aff::SNEAK,
                8 => c.affected_by |= aff::DETECT_INVIS | aff::DETECT_HIDDEN,
                9 => c.alignment = -700,
                10 => c.alignment = 700,
                11 => c.affected_by |= aff::DETECT_EVIL | aff::DETECT_GOOD,
                12 => c.position = pos::SITTING,
                13 => c.position = pos::SLEEPING,
                14 => c.affected_by |= aff::SANCTUARY,
                15 => c.comm |= comm::AFK | comm::BRIEF,
                16 => c.position = pos::FIGHTING,
                _ => {}
            }
            let id = w.chars.insert(c);
            w.players.push(id);
            w.char_to_room(id, room);
            all.push(id);
        }
        // A fight between two of them, and a mobile watching.
        let (a, b) = (all[16], all[17]);
        if let Some(c) = w.ch_mut(a) {
            c.fighting = Some(b);
        }
        if let Some(c) = w.ch_mut(b) {
            c.position = pos::FIGHTING;
            c.fighting = Some(a);
        }
        if let Some(m) = w.create_mobile(MobVnum(3011)) {
            w.char_to_room(m, room);
        }
        (w, all)
    }

    /// What each player sees of the room after a copyover must not change
    /// by sharing lines between viewers: compare with `do_look` itself, and
    /// the random numbers drawn (a sneaking player is rolled for).
    #[test]
    fn a_shared_look_is_each_viewers_own_look() {
        let (mut a, viewers) = crowd();
        let (mut b, _) = crowd();
        let mut shared = SharedLooks::default();
        for &ch in &viewers {
            do_look(&mut a, ch, "auto");
            do_look_auto_shared(&mut b, ch, &mut shared);
        }
        let mut compared = 0;
        for &ch in &viewers {
            let (x, y) = (
                a.ch(ch).map(|c| c.output.clone()),
                b.ch(ch).map(|c| c.output.clone()),
            );
            assert_eq!(x, y, "viewer {ch:?}");
            compared += usize::from(x.is_some_and(|t| t.contains(" is here")));
        }
        // Most viewers saw the room (not asleep, not blind).
        assert!(compared > 50, "{compared}");
        assert_eq!(a.rng.percent(), b.rng.percent());
        // The sharing did happen: the plain viewers' lists came from one text.
        assert!(shared.rooms.values().any(|l| !l.text.is_empty()));
    }

    #[test]
    fn help_keyword_matching() {
        assert!(help_matches("sum", "SUMMARY"));
        assert!(help_matches("death trap", "'DEATH TRAP' DT"));
        assert!(help_matches("de tr", "DEATH TRAP"));
        assert!(!help_matches("score", "SUMMARY"));
        assert!(!help_matches("", "SUMMARY"));
    }

    #[test]
    fn time_reads_as_rom() {
        assert_eq!(
            time_line(0, 0, 0),
            "It is 12 o'clock am, Day of the Bull, 1st the Month of Winter.\n"
        );
        assert_eq!(
            time_line(13, 10, 16),
            "It is 1 o'clock pm, Day of Freedom, 11th the Month of the Great Evil.\n"
        );
        assert!(time_line(12, 21, 5).starts_with("It is 12 o'clock pm, Day of the Bull, 22nd"));
        assert!(time_line(6, 2, 5).contains(", 3rd the Month of the Spring."));
    }

    #[test]
    fn help_topics_read_like_rom_arguments() {
        assert_eq!(help_topic("'magic missile'"), "magic missile");
        assert_eq!(help_topic("  Magic   MISSILE "), "magic missile");
        assert_eq!(help_topic("\"magic missile\" armor"), "magic missile armor");
        assert_eq!(help_topic("''"), "");
        assert_eq!(help_topic(""), "");
    }

    #[test]
    fn one_lookup_for_the_game_and_the_login() {
        let mut p = Protos::default();
        for (level, keywords, text) in [
            (0, "GREETINGS", "Many greetings.\n"),
            (0, "GREETING", ".  Hello.\n"),
            (0, "'MAGIC MISSILE' MISSILE", "Pew.\n"),
            (-1, "MOTD", "Be kind.\n"),
            (52, "IMOTD", "Gods only.\n"),
        ] {
            p.helps.push(Help {
                level,
                keywords: keywords.into(),
                text: text.into(),
                area: None,
            });
        }
        let w = World::new(p, 1);
        for typed in [
            "'magic missile'",
            "magic missile",
            "MAGIC MIS",
            "missile",
            "'magic",
        ] {
            assert_eq!(find_helps(&w, typed, 0).len(), 1, "{typed}");
            assert_eq!(
                help_text(&w, typed, 0).as_deref(),
                Some("'MAGIC MISSILE' MISSILE\nPew.\n"),
                "{typed}"
            );
        }
        assert!(find_helps(&w, "'magic shield'", 0).is_empty());
        // Login screens: the exact keyword wins, the text comes alone.
        assert_eq!(help_entry(&w, "greeting", 0).as_deref(), Some("  Hello.\n"));
        assert_eq!(
            help_entry(&w, "greet", 0).as_deref(),
            Some("Many greetings.\n")
        );
        assert_eq!(help_entry(&w, "motd", 0).as_deref(), Some("Be kind.\n"));
        assert_eq!(help_entry(&w, "imotd", 0), None);
        assert_eq!(help_entry(&w, "imotd", 60).as_deref(), Some("Gods only.\n"));
        // `help` lists both greetings; a hidden-keyword entry has no header.
        let both = help_text(&w, "greet", 0).unwrap_or_default();
        assert!(
            both.starts_with("GREETINGS\nMany greetings.\n\n====="),
            "{both}"
        );
        assert_eq!(help_text(&w, "motd", 0).as_deref(), Some("Be kind.\n"));
    }

    #[test]
    fn raw_arguments_keep_case() {
        assert_eq!(raw_argument("  Old1 NewPass"), ("Old1", "NewPass"));
        assert_eq!(raw_argument("'a b' c"), ("a b", "c"));
    }
}
