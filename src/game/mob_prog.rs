//! Mob programs (Lope's MOBprograms as QuickMUD ships them): the triggers,
//! the program interpreter (`if`/`or`/`and`/`else`/`endif`/`break`, the
//! if-checks, the `$` codes) and the immortal commands `mpstat` and
//! `mpdump`. The `mob` commands programs use are in [`super::mob_cmds`].
//!
//! A mobile's prototype links programs with `M <trigger> <vnum> <phrase>~`
//! lines; the code lives in `#MOBPROGS`. Triggers are tried in reverse file
//! order (ROM prepends them as it reads), and the first that matches runs.
//!
//! | trigger | where it is tried | phrase |
//! |---|---|---|
//! | act | a line `act()` shows a mobile (not an emote) | text to look for |
//! | speech | a player's `say` in the room | text to look for |
//! | random | mobile update, default position | percent |
//! | delay | mobile update when `mob delay` runs out | percent |
//! | greet / grall | a player arrives (greet: mob idle and sees him) | percent |
//! | entry | the mobile itself arrives | percent |
//! | exit / exall | a player leaves by that door (the move is blocked) | door number |
//! | give | an object is given to the mobile | keywords, `all` or vnum |
//! | bribe | money is given to the mobile | least silver |
//! | kill | someone starts a fight with the mobile | percent |
//! | fight / hpcnt | each combat round (hpcnt: below that hit percent) | percent |
//! | death | the mobile dies | percent |
//! | surr | a player surrenders to the mobile | percent |
//!
//! Protection: at most [`MAX_NESTED_LEVEL`] nested `if`s, [`MAX_CALL_LEVEL`]
//! programs running inside one another (`mob call`, triggers set off by
//! programs), and [`MAX_LINES`] lines for one trigger and all it calls. A
//! broken line is logged once (program vnum, line number) and ends its
//! program; nothing here panics. At boot, [`lint`] reports the mistakes it
//! can see without running a program.
//!
//! Departures from QuickMUD:
//! * `act` triggers run once the command or pulse that printed the line is
//!   over, not from inside `act()` (a trigger cannot then run in the middle
//!   of another command's bookkeeping); at most [`MAX_ACT_ROUNDS`] rounds of
//!   act triggers set off by act triggers, and [`MAX_ACT_RUNS`] in all, run
//!   after one command or pulse; the rest are dropped and logged.
//! * `money` counts gold as 100 silver plus silver (QuickMUD multiplies the
//!   silver by 100 instead, against its own comment).
//! * `$R` names the random character (QuickMUD names the actor by mistake);
//!   `$$` is a dollar sign.
//! * `mob remove` unequips from the victim (QuickMUD from the mobile).
//! * The call level is restored when a broken program ends (QuickMUD leaks
//!   it, so a few broken programs stop all programs until reboot).
//! * [`MAX_LINES`], the boot-time [`lint`] and the act caps are ours.
//! * `mob damage` takes `lethal` as well as QuickMUD's `kill`.
//! * `mob asound` speaks into the rooms next door without moving the mobile
//!   there and back (QuickMUD moves it; nobody can tell the difference).
//!
//! Kept as QuickMUD has them, though they surprise builders: `if rand N` is
//! true when a percentile roll comes out *above* N; a percent trigger fires
//! when the roll is below its number, so 100 fires 99 times in 100 (101
//! always); `clan` compares with the clan a name looks up to (a name that
//! is no clan matches the clanless).

use super::interp;
use crate::db::tables;
use crate::world::handler::{is_name, one_argument};
use crate::world::rules;
use crate::world::*;

/// ROM's MAX_NESTED_LEVEL: `if` depth.
pub const MAX_NESTED_LEVEL: usize = 12;
/// ROM's MAX_CALL_LEVEL: programs running inside one another.
pub const MAX_CALL_LEVEL: i32 = 5;
/// Lines one trigger (with everything it calls) may execute.
pub const MAX_LINES: i32 = 1000;
/// Rounds of act triggers run after one command or pulse.
pub const MAX_ACT_ROUNDS: usize = 8;
/// Act triggers tried after one command or pulse, all rounds together.
pub const MAX_ACT_RUNS: usize = 256;

/// The objects and second character a trigger passes to its program
/// (ROM's `arg1`/`arg2`): `$o`/`$O` is `obj1`, `$t`/`$T` is `vict`,
/// `$p`/`$P` is `obj2`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProgArgs {
    pub obj1: Option<ObjId>,
    pub vict: Option<CharId>,
    pub obj2: Option<ObjId>,
}

/// The if-checks, in ROM's `fn_keyword` order.
pub const CHECKS: &[&str] = &[
    "rand",
    "mobhere",
    "objhere",
    "mobexists",
    "objexists",
    "people",
    "players",
    "mobs",
    "clones",
    "order",
    "hour",
    "ispc",
    "isnpc",
    "isgood",
    "isevil",
    "isneutral",
    "isimmort",
    "ischarm",
    "isfollow",
    "isactive",
    "isdelay",
    "isvisible",
    "hastarget",
    "istarget",
    "exists",
    "affected",
    "act",
    "off",
    "imm",
    "carries",
    "wears",
    "has",
    "uses",
    "name",
    "pos",
    "clan",
    "race",
    "class",
    "objtype",
    "vnum",
    "hpcnt",
    "room",
    "sex",
    "level",
    "align",
    "money",
    "objval0",
    "objval1",
    "objval2",
    "objval3",
    "grpsize",
];

/// ROM's atoi: the leading integer, 0 if none.
pub fn atoi(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut n: i64 = 0;
    for b in digits.bytes().take_while(u8::is_ascii_digit) {
        n = n.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    if neg {
        -n
    } else {
        n
    }
}

/// ROM's is_number: an optional sign and digits only.
pub fn is_number(s: &str) -> bool {
    let d = s.strip_prefix(['+', '-']).unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

/// The trigger lines of `mob`'s prototype, in the order ROM tries them.
fn triggers(world: &World, mob: CharId) -> Vec<MobProgTrigger> {
    world
        .ch(mob)
        .and_then(|c| c.vnum)
        .and_then(|v| world.mob_index.get(&v))
        .map(|m| m.proto.progs.iter().rev().cloned().collect())
        .unwrap_or_default()
}

fn is_npc(world: &World, ch: CharId) -> bool {
    world.ch(ch).is_some_and(Char::is_npc)
}

fn at_default_pos(world: &World, mob: CharId) -> bool {
    world.ch(mob).is_some_and(|c| c.position == c.default_pos)
}

// ------------------------------------------------------------ triggers

/// ROM's mp_act_trigger: the first `trigger` program (act or speech) whose
/// phrase is in `text` runs.
pub fn act_trigger(
    world: &mut World,
    text: &str,
    mob: CharId,
    ch: CharId,
    args: ProgArgs,
    trigger: &str,
) {
    for t in triggers(world, mob) {
        if t.trigger == trigger && text.contains(t.phrase.as_str()) {
            program_flow(world, t.prog, mob, Some(ch), args);
            break;
        }
    }
}

/// ROM's mp_percent_trigger: the first `trigger` program whose percentage
/// roll passes runs; true if one did.
pub fn percent_trigger(
    world: &mut World,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
    trigger: &str,
) -> bool {
    for t in triggers(world, mob) {
        if t.trigger == trigger && i64::from(world.rng.percent()) < atoi(&t.phrase) {
            program_flow(world, t.prog, mob, ch, args);
            return true;
        }
    }
    false
}

/// `say` by a player: idle mobiles with speech programs listen.
pub fn speech_trigger(world: &mut World, ch: CharId, text: &str) {
    if is_npc(world, ch) {
        return;
    }
    let people = room_people(world, ch);
    for mob in people {
        if is_npc(world, mob)
            && world.has_trigger(mob, "speech")
            && at_default_pos(world, mob)
            && same_room(world, mob, ch)
        {
            act_trigger(world, text, mob, ch, ProgArgs::default(), "speech");
        }
    }
}

/// Money given to a mobile: the first bribe program asking no more runs.
pub fn bribe_trigger(world: &mut World, mob: CharId, ch: CharId, silver: i64) {
    if !is_npc(world, mob) || !world.has_trigger(mob, "bribe") {
        return;
    }
    for t in triggers(world, mob) {
        if t.trigger == "bribe" && silver >= atoi(&t.phrase) {
            program_flow(world, t.prog, mob, Some(ch), ProgArgs::default());
            break;
        }
    }
}

/// An object given to a mobile: a give program naming it (by vnum,
/// keyword or `all`) runs with the object as `$o`.
pub fn give_trigger(world: &mut World, mob: CharId, ch: CharId, obj: ObjId) {
    if !is_npc(world, mob) || !world.has_trigger(mob, "give") {
        return;
    }
    let Some((vnum, names)) = world.obj(obj).map(|o| (o.vnum.0, o.name.clone())) else {
        return;
    };
    let args = ProgArgs {
        obj1: Some(obj),
        ..Default::default()
    };
    for t in triggers(world, mob) {
        if t.trigger != "give" {
            continue;
        }
        let hit = if is_number(t.phrase.trim()) {
            atoi(&t.phrase) == i64::from(vnum)
        } else {
            t.phrase
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("all") || is_name(w, &names))
        };
        if hit {
            program_flow(world, t.prog, mob, Some(ch), args);
            return;
        }
    }
}

/// A player about to leave by `dir`: an exit program of a mobile in the
/// room for that door runs and the move is blocked (true).
pub fn exit_trigger(world: &mut World, ch: CharId, dir: usize) -> bool {
    if is_npc(world, ch) {
        return false;
    }
    for mob in room_people(world, ch) {
        if !is_npc(world, mob)
            || !(world.has_trigger(mob, "exit") || world.has_trigger(mob, "exall"))
        {
            continue;
        }
        for t in triggers(world, mob) {
            let door = atoi(&t.phrase) == dir as i64;
            let fires = match t.trigger.as_str() {
                "exit" => door && at_default_pos(world, mob) && world.can_see(mob, ch),
                "exall" => door,
                _ => false,
            };
            if fires {
                program_flow(world, t.prog, mob, Some(ch), ProgArgs::default());
                return true;
            }
        }
    }
    false
}

/// `ch` has arrived somewhere: a mobile's own entry programs, or for a
/// player the greet (idle mobiles that see him) and grall programs.
pub fn arrival_triggers(world: &mut World, ch: CharId) {
    if is_npc(world, ch) {
        if world.has_trigger(ch, "entry") {
            percent_trigger(world, ch, None, ProgArgs::default(), "entry");
        }
        return;
    }
    for mob in room_people(world, ch) {
        if !is_npc(world, mob) || !same_room(world, mob, ch) {
            continue;
        }
        if world.has_trigger(mob, "greet") && at_default_pos(world, mob) && world.can_see(mob, ch) {
            percent_trigger(world, mob, Some(ch), ProgArgs::default(), "greet");
        } else if world.has_trigger(mob, "grall") {
            percent_trigger(world, mob, Some(ch), ProgArgs::default(), "grall");
        }
    }
}

/// A combat round of mobile `ch` against `victim`: fight, then hpcnt.
pub fn fight_triggers(world: &mut World, ch: CharId, victim: CharId) {
    if !is_npc(world, ch) {
        return;
    }
    if world.has_trigger(ch, "fight") {
        percent_trigger(world, ch, Some(victim), ProgArgs::default(), "fight");
    }
    if world.has_trigger(ch, "hpcnt") {
        let Some(pct) = world.ch(ch).map(|c| 100 * c.hit / c.max_hit.max(1)) else {
            return;
        };
        for t in triggers(world, ch) {
            if t.trigger == "hpcnt" && i64::from(pct) < atoi(&t.phrase) {
                program_flow(world, t.prog, ch, Some(victim), ProgArgs::default());
                break;
            }
        }
    }
}

/// Mobile `victim` was attacked by `ch` and starts fighting back.
pub fn kill_trigger(world: &mut World, victim: CharId, ch: CharId) {
    if is_npc(world, victim) && world.has_trigger(victim, "kill") {
        percent_trigger(world, victim, Some(ch), ProgArgs::default(), "kill");
    }
}

/// Mobile `victim` is dying at `ch`'s hands: its death program runs with
/// the mobile set standing.
pub fn death_trigger(world: &mut World, victim: CharId, ch: CharId) {
    if is_npc(world, victim) && world.has_trigger(victim, "death") {
        if let Some(v) = world.ch_mut(victim) {
            v.position = pos::STANDING;
        }
        percent_trigger(world, victim, Some(ch), ProgArgs::default(), "death");
    }
}

/// The delay and random programs of `mob`'s mobile update (only in its
/// default position). True when one ran and the update of `mob` ends.
pub fn update_triggers(world: &mut World, mob: CharId) -> bool {
    if !is_npc(world, mob) || !at_default_pos(world, mob) {
        return false;
    }
    if world.has_trigger(mob, "delay") && world.ch(mob).is_some_and(|c| c.mprog_delay > 0) {
        let left = world.ch_mut(mob).map_or(0, |c| {
            c.mprog_delay -= 1;
            c.mprog_delay
        });
        if left <= 0 {
            percent_trigger(world, mob, None, ProgArgs::default(), "delay");
            return true;
        }
    }
    world.has_trigger(mob, "random")
        && percent_trigger(world, mob, None, ProgArgs::default(), "random")
}

/// Run the act triggers heard since the last call (see the module docs).
pub fn run_heard(world: &mut World) {
    if world.mprog.call_level > 0 {
        return;
    }
    let mut runs = 0;
    for _ in 0..MAX_ACT_ROUNDS {
        if world.mprog.heard.is_empty() || runs >= MAX_ACT_RUNS {
            break;
        }
        let mut heard = std::mem::take(&mut world.mprog.heard).into_iter();
        while let Some(h) = heard.next() {
            if !world.chars.contains(h.mob) || !world.chars.contains(h.ch) {
                continue;
            }
            if runs >= MAX_ACT_RUNS {
                // Left for the count of dropped ones below.
                world.mprog.heard.push(h);
                world.mprog.heard.extend(heard);
                break;
            }
            runs += 1;
            let args = ProgArgs {
                obj1: h.obj1.filter(|&o| world.objs.contains(o)),
                vict: h.vict.filter(|&v| world.chars.contains(v)),
                obj2: h.obj2.filter(|&o| world.objs.contains(o)),
            };
            act_trigger(world, &h.text, h.mob, h.ch, args, "act");
        }
    }
    let dropped = std::mem::take(&mut world.mprog.heard).len();
    if dropped > 0 {
        world.log(format!(
            "Mobprogs: act triggers set off one another too often; {dropped} dropped"
        ));
    }
}

/// After a command or update panicked: no program is running any more.
pub fn recover(world: &mut World) {
    world.mprog.call_level = 0;
    world.mprog.quiet = false;
    world.mprog.heard.clear();
}

fn room_people(world: &World, ch: CharId) -> Vec<CharId> {
    world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map(|r| r.people.clone())
        .unwrap_or_default()
}

fn same_room(world: &World, a: CharId, b: CharId) -> bool {
    let ra = world.ch(a).and_then(|c| c.room);
    ra.is_some() && ra == world.ch(b).and_then(|c| c.room)
}

// ------------------------------------------------------------ the interpreter

/// Log a broken program line, once per program and line.
pub fn prog_bug(world: &mut World, pvnum: i32, line: usize, msg: &str) {
    if world.mprog.reported.insert((pvnum, line)) {
        world.log(format!("Mobprog {pvnum} line {line}: {msg}"));
    }
}

const BEGIN_BLOCK: i8 = 0;
const IN_BLOCK: i8 = -1;
const END_BLOCK: i8 = -2;

/// ROM's program_flow: run program `pvnum` for `mob`, with `ch` the actor.
pub fn program_flow(
    world: &mut World,
    pvnum: i32,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
) {
    let Some(code) = world.mobprogs.get(&pvnum).map(|p| p.code.clone()) else {
        prog_bug(world, pvnum, 0, "no such program");
        return;
    };
    if world.mprog.call_level >= MAX_CALL_LEVEL {
        let vnum = world.ch(mob).and_then(|c| c.vnum).map_or(0, |v| v.0);
        prog_bug(
            world,
            pvnum,
            0,
            &format!("MAX_CALL_LEVEL exceeded, mob {vnum}"),
        );
        return;
    }
    if world.mprog.call_level == 0 {
        world.mprog.lines_left = MAX_LINES;
    }
    world.mprog.call_level += 1;
    run_program(world, pvnum, &code, mob, ch, args);
    world.mprog.call_level -= 1;
}

fn run_program(
    world: &mut World,
    pvnum: i32,
    code: &str,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
) {
    let mut rch: Option<CharId> = None;
    let mut state = [IN_BLOCK; MAX_NESTED_LEVEL];
    let mut cond = [true; MAX_NESTED_LEVEL];
    let mut level = 0usize;
    for (i, raw) in code.split(['\n', '\r']).enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('*') {
            continue;
        }
        if !world.chars.contains(mob) {
            return;
        }
        world.mprog.lines_left -= 1;
        if world.mprog.lines_left < 0 {
            prog_bug(world, pvnum, lineno, "too many lines run for one trigger");
            return;
        }
        let (control, data) = match line.split_once(char::is_whitespace) {
            Some((c, d)) => (c.to_ascii_lowercase(), d.trim_start()),
            None => (line.to_ascii_lowercase(), ""),
        };
        match control.as_str() {
            "if" => {
                if state[level] == BEGIN_BLOCK {
                    prog_bug(world, pvnum, lineno, "misplaced if statement");
                    return;
                }
                state[level] = BEGIN_BLOCK;
                level += 1;
                if level >= MAX_NESTED_LEVEL {
                    prog_bug(world, pvnum, lineno, "max nested level exceeded");
                    return;
                }
                if !cond[level - 1] {
                    cond[level] = false;
                    continue;
                }
                let Some(v) = if_check(world, pvnum, lineno, data, mob, ch, args, &rch) else {
                    return;
                };
                cond[level] = v;
                state[level] = END_BLOCK;
            }
            "or" | "and" => {
                if level == 0 || state[level - 1] != BEGIN_BLOCK {
                    prog_bug(world, pvnum, lineno, &format!("{control} without if"));
                    return;
                }
                if !cond[level - 1] {
                    continue;
                }
                let Some(v) = if_check(world, pvnum, lineno, data, mob, ch, args, &rch) else {
                    return;
                };
                cond[level] = if control == "or" {
                    cond[level] || v
                } else {
                    cond[level] && v
                };
            }
            "endif" => {
                if level == 0 || state[level - 1] != BEGIN_BLOCK {
                    prog_bug(world, pvnum, lineno, "endif without if");
                    return;
                }
                cond[level] = true;
                state[level] = IN_BLOCK;
                level -= 1;
                state[level] = END_BLOCK;
            }
            "else" => {
                if level == 0 || state[level - 1] != BEGIN_BLOCK {
                    prog_bug(world, pvnum, lineno, "else without if");
                    return;
                }
                if !cond[level - 1] {
                    continue;
                }
                state[level] = IN_BLOCK;
                cond[level] = !cond[level];
            }
            "break" | "end" if cond[level] => return,
            _ if level == 0 || cond[level] => {
                state[level] = IN_BLOCK;
                let text = expand_arg(world, line, mob, ch, args, &mut rch);
                if control == "mob" {
                    let (_, rest) = split_word(&text);
                    super::mob_cmds::mob_interpret(world, mob, rest, pvnum, lineno);
                } else {
                    interp::interpret(world, mob, &text);
                }
            }
            _ => {}
        }
    }
}

/// The first word and the rest (not lower-cased, unlike `one_argument`).
pub fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim_start()),
        None => (s, ""),
    }
}

/// `if <check> ...`: the check's value, or `None` (logged) when the line
/// is broken and the program must stop.
#[allow(clippy::too_many_arguments)]
fn if_check(
    world: &mut World,
    pvnum: i32,
    lineno: usize,
    data: &str,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
    rch: &Option<CharId>,
) -> Option<bool> {
    let (word, rest) = one_argument(data);
    let Some(check) = CHECKS.iter().position(|&k| k == word) else {
        prog_bug(world, pvnum, lineno, &format!("invalid if-check '{word}'"));
        return None;
    };
    match cmd_eval(world, CHECKS[check], rest, mob, ch, args, *rch) {
        Ok(v) => Some(v),
        Err(e) => {
            prog_bug(
                world,
                pvnum,
                lineno,
                &format!("syntax error: {e} in '{data}'"),
            );
            Some(false)
        }
    }
}

/// `== != > < >= <=`.
fn num_eval(lval: i64, oper: &str, rval: i64) -> Option<bool> {
    Some(match oper {
        "==" => lval == rval,
        ">=" => lval >= rval,
        "<=" => lval <= rval,
        ">" => lval > rval,
        "<" => lval < rval,
        "!=" => lval != rval,
        _ => return None,
    })
}

/// ROM's get_random_char: a player in the room the mobile sees, at random.
pub fn random_char(world: &World, mob: CharId) -> Option<CharId> {
    let mut best = None;
    let mut highest = 0;
    for v in room_people(world, mob) {
        if v != mob && !is_npc(world, v) && world.can_see(mob, v) {
            let now = world.rng.percent();
            if now > highest {
                best = Some(v);
                highest = now;
            }
        }
    }
    best
}

/// ROM's count_people_room: 0 everyone, 1 players, 2 mobiles, 3 clones of
/// `mob`, 4 `mob`'s group; only those `mob` sees, never itself.
fn count_people(world: &World, mob: CharId, which: i32) -> i64 {
    let my_vnum = world.ch(mob).and_then(|c| c.vnum);
    room_people(world, mob)
        .into_iter()
        .filter(|&v| {
            let Some(c) = world.ch(v) else { return false };
            v != mob
                && match which {
                    0 => true,
                    1 => !c.is_npc(),
                    2 => c.is_npc(),
                    3 => my_vnum.is_some() && c.vnum == my_vnum,
                    _ => super::act_comm::is_same_group(world, mob, v),
                }
                && world.can_see(mob, v)
        })
        .count() as i64
}

/// ROM's get_order: the mobile's place among its clones in the room.
fn get_order(world: &World, mob: CharId) -> i64 {
    let Some(my) = world.ch(mob).and_then(|c| c.vnum) else {
        return 0;
    };
    let mut i = 0;
    for v in room_people(world, mob) {
        if v == mob {
            return i;
        }
        if world.ch(v).is_some_and(|c| c.vnum == Some(my)) {
            i += 1;
        }
    }
    0
}

/// ROM's has_item: does `ch` carry (or wear) something of that vnum / type?
fn has_item(
    world: &World,
    ch: CharId,
    vnum: Option<i32>,
    item_type: Option<i32>,
    worn: bool,
) -> bool {
    world.ch(ch).is_some_and(|c| {
        c.carrying.iter().any(|&o| {
            world.obj(o).is_some_and(|o| {
                vnum.is_none_or(|v| o.vnum.0 == v)
                    && item_type.is_none_or(|t| o.item_type == t)
                    && (!worn || o.wear_loc != -1)
            })
        })
    })
}

fn item_type_of(word: &str) -> Option<i32> {
    tables::item_type_lookup(word).map(|t| t.number)
}

/// ROM's cmd_eval: evaluate one if-check. `Err` is a syntax error.
fn cmd_eval(
    world: &mut World,
    check: &str,
    line: &str,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
    rch: Option<CharId>,
) -> Result<bool, String> {
    let (buf, line) = one_argument(line);
    if buf.is_empty() {
        return Ok(false);
    }
    // A mobile without a target takes the actor as one.
    if let Some(m) = world.ch_mut(mob) {
        if m.mprog_target.is_none() {
            m.mprog_target = ch;
        }
    }
    let room_of = |w: &World| w.ch(mob).and_then(|c| c.room);
    // Case 1: keyword and value.
    let numeric = match check {
        "rand" => return Ok(atoi(&buf) < i64::from(world.rng.percent())),
        "mobhere" => {
            return Ok(if is_number(&buf) {
                let v = atoi(&buf);
                room_people(world, mob).iter().any(|&p| {
                    world
                        .ch(p)
                        .and_then(|c| c.vnum)
                        .is_some_and(|m| i64::from(m.0) == v)
                })
            } else {
                world.get_char_room(mob, &buf).is_some()
            })
        }
        "objhere" => {
            return Ok(if is_number(&buf) {
                let v = atoi(&buf);
                room_of(world).and_then(|r| world.room(r)).is_some_and(|r| {
                    r.contents
                        .iter()
                        .any(|&o| world.obj(o).is_some_and(|o| i64::from(o.vnum.0) == v))
                })
            } else {
                world.get_obj_here(mob, &buf).is_some()
            })
        }
        "mobexists" => return Ok(world.get_char_world(mob, &buf).is_some()),
        "objexists" => return Ok(world.get_obj_world(mob, &buf).is_some()),
        // Case 2: keyword, comparison and value.
        "people" => Some(count_people(world, mob, 0)),
        "players" => Some(count_people(world, mob, 1)),
        "mobs" => Some(count_people(world, mob, 2)),
        "clones" => Some(count_people(world, mob, 3)),
        "order" => Some(get_order(world, mob)),
        "hour" => Some(i64::from(world.hour)),
        _ => None,
    };
    if let Some(lval) = numeric {
        let (rv, _) = one_argument(line);
        return num_eval(lval, &buf, atoi(&rv)).ok_or_else(|| format!("bad operator '{buf}'"));
    }
    // Cases 3 to 5: an actor from a `$` code.
    let mut code_chars = buf.chars();
    let (Some('$'), Some(code)) = (code_chars.next(), code_chars.next()) else {
        return Err(format!("'{buf}' is not a $ code"));
    };
    let mut lval_char: Option<CharId> = None;
    let mut lval_obj: Option<ObjId> = None;
    match code {
        'i' => lval_char = Some(mob),
        'n' => lval_char = ch,
        't' => lval_char = args.vict,
        'r' => lval_char = rch.or_else(|| random_char(world, mob)),
        'o' => lval_obj = args.obj1,
        'p' => lval_obj = args.obj2,
        'q' => lval_char = world.ch(mob).and_then(|c| c.mprog_target),
        _ => return Err(format!("unknown $ code '{buf}'")),
    }
    let lval_char = lval_char.filter(|&c| world.chars.contains(c));
    let lval_obj = lval_obj.filter(|&o| world.objs.contains(o));
    if lval_char.is_none() && lval_obj.is_none() {
        return Ok(false);
    }
    let c = lval_char.and_then(|id| world.ch(id));
    let o = lval_obj.and_then(|id| world.obj(id));
    let is_obj_code = matches!(code, 'o' | 'p');
    // Case 3: keyword and actor.
    match check {
        "ispc" => return Ok(c.is_some_and(|c| !c.is_npc())),
        "isnpc" => return Ok(c.is_some_and(Char::is_npc)),
        "isgood" => return Ok(c.is_some_and(|c| c.alignment >= 350)),
        "isevil" => return Ok(c.is_some_and(|c| c.alignment <= -350)),
        "isneutral" => return Ok(c.is_some_and(|c| c.alignment.abs() < 350)),
        "isimmort" => return Ok(c.is_some_and(Char::is_immortal)),
        "ischarm" => return Ok(c.is_some_and(|c| c.is_affected(aff::CHARM))),
        "isfollow" => {
            return Ok(c.is_some_and(|c| {
                c.master
                    .and_then(|m| world.ch(m))
                    .is_some_and(|m| m.room == c.room)
            }))
        }
        "isactive" => return Ok(c.is_some_and(|c| c.position > pos::SLEEPING)),
        "isdelay" => return Ok(c.is_some_and(|c| c.mprog_delay > 0)),
        "isvisible" => {
            return Ok(if is_obj_code {
                lval_obj.is_some_and(|o| world.can_see_obj(mob, o))
            } else {
                lval_char.is_some_and(|v| world.can_see(mob, v))
            })
        }
        "hastarget" => {
            return Ok(c.is_some_and(|c| {
                c.mprog_target
                    .and_then(|t| world.ch(t))
                    .is_some_and(|t| t.room == c.room)
            }))
        }
        "istarget" => {
            return Ok(
                lval_char.is_some() && world.ch(mob).and_then(|m| m.mprog_target) == lval_char
            )
        }
        "exists" => return Ok(true),
        _ => {}
    }
    // Case 4: keyword, actor and value.
    let (buf, line) = one_argument(line);
    match check {
        "affected" => {
            return Ok(c.is_some_and(|c| {
                tables::flag_lookup(tables::AFFECT_FLAGS, &buf)
                    .is_some_and(|b| c.affected_by & b != 0)
            }))
        }
        "act" => {
            return Ok(c.is_some_and(|c| {
                tables::flag_lookup(tables::ACT_FLAGS, &buf).is_some_and(|b| c.act & b != 0)
            }))
        }
        "imm" => {
            return Ok(c.is_some_and(|c| {
                tables::flag_lookup(tables::IRV_FLAGS, &buf).is_some_and(|b| c.imm & b != 0)
            }))
        }
        "off" => {
            return Ok(c.is_some_and(|c| {
                tables::flag_lookup(tables::OFF_FLAGS, &buf).is_some_and(|b| c.off & b != 0)
            }))
        }
        "carries" | "wears" => {
            let worn = check == "wears";
            let Some(who) = lval_char else {
                return Ok(false);
            };
            return Ok(if is_number(&buf) {
                has_item(world, who, Some(atoi(&buf) as i32), None, worn)
            } else if worn {
                world.get_obj_wear(who, &buf).is_some()
            } else {
                world.get_obj_carry(who, &buf).is_some()
            });
        }
        "has" | "uses" => {
            let Some(who) = lval_char else {
                return Ok(false);
            };
            let Some(t) = item_type_of(&buf) else {
                return Ok(false);
            };
            return Ok(has_item(world, who, None, Some(t), check == "uses"));
        }
        "name" => {
            return Ok(if is_obj_code {
                o.is_some_and(|o| is_name(&buf, &o.name))
            } else {
                c.is_some_and(|c| is_name(&buf, &c.name))
            })
        }
        "pos" => return Ok(c.is_some_and(|c| tables::position_lookup(&buf) == Some(c.position))),
        "clan" => return Ok(c.is_some_and(|c| tables::clan_lookup(&buf).unwrap_or(0) == c.clan)),
        "race" => return Ok(c.is_some_and(|c| rules::race_lookup(&buf) == Some(c.race))),
        "class" => {
            return Ok(
                c.is_some_and(|c| rules::class_lookup(&buf).is_some_and(|k| k as i32 == c.class))
            )
        }
        "objtype" => return Ok(o.is_some_and(|o| item_type_of(&buf) == Some(o.item_type))),
        _ => {}
    }
    // Case 5: keyword, actor, comparison and value.
    let oper = buf;
    let (rv, _) = one_argument(line);
    let rval = atoi(&rv);
    let lval: i64 = match check {
        "vnum" => {
            if is_obj_code {
                o.map_or(0, |o| i64::from(o.vnum.0))
            } else {
                c.and_then(|c| c.vnum).map_or(0, |v| i64::from(v.0))
            }
        }
        "hpcnt" => c.map_or(0, |c| i64::from(c.hit * 100 / c.max_hit.max(1))),
        "room" => c.and_then(|c| c.room).map_or(0, |r| i64::from(r.0)),
        "sex" => c.map_or(0, |c| i64::from(c.sex)),
        "level" => c.map_or(0, |c| i64::from(c.level)),
        "align" => c.map_or(0, |c| i64::from(c.alignment)),
        "money" => c.map_or(0, |c| c.gold * 100 + c.silver),
        "objval0" => o.map_or(0, |o| o.values[0]),
        "objval1" => o.map_or(0, |o| o.values[1]),
        "objval2" => o.map_or(0, |o| o.values[2]),
        "objval3" => o.map_or(0, |o| o.values[3]),
        "grpsize" => lval_char.map_or(0, |v| count_people(world, v, 4)),
        _ => return Ok(false),
    };
    num_eval(lval, &oper, rval).ok_or_else(|| format!("bad operator '{oper}'"))
}

const HE: [&str; 3] = ["it", "he", "she"];
const HIM: [&str; 3] = ["it", "him", "her"];
const HIS: [&str; 3] = ["its", "his", "her"];

/// ROM's expand_arg: replace the `$` codes of a program line, as `mob`
/// sees things. `$r` picks a random player once per program run.
pub fn expand_arg(
    world: &World,
    format: &str,
    mob: CharId,
    ch: Option<CharId>,
    args: ProgArgs,
    rch: &mut Option<CharId>,
) -> String {
    let alive = |c: Option<CharId>| c.filter(|&c| world.chars.contains(c));
    let seen = |c: Option<CharId>| alive(c).filter(|&c| world.can_see(mob, c));
    let seen_obj =
        |o: Option<ObjId>| o.filter(|&o| world.objs.contains(o) && world.can_see_obj(mob, o));
    let first_name = |c: CharId| {
        let name = world.ch(c).map(|c| c.name.clone()).unwrap_or_default();
        let mut w = name.split_whitespace().next().unwrap_or("").to_string();
        crate::world::act::capitalize_first(&mut w);
        w
    };
    let full_name = |c: CharId| {
        world.ch(c).map_or_else(String::new, |c| {
            if c.is_npc() {
                c.short_descr.clone()
            } else {
                c.name.clone()
            }
        })
    };
    let sex = |c: CharId| world.ch(c).map_or(0, |c| c.sex.clamp(0, 2) as usize);
    let obj_word = |o: ObjId| {
        world
            .obj(o)
            .and_then(|o| o.name.split_whitespace().next().map(str::to_lowercase))
            .unwrap_or_default()
    };
    let obj_short = |o: ObjId| {
        world
            .obj(o)
            .map(|o| o.short_descr.clone())
            .unwrap_or_default()
    };
    let target = world.ch(mob).and_then(|c| c.mprog_target);
    let mut out = String::with_capacity(format.len() + 16);
    let mut it = format.chars();
    while let Some(c) = it.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        let Some(code) = it.next() else { break };
        if matches!(code, 'r' | 'R' | 'J' | 'K' | 'L') && rch.is_none() {
            *rch = random_char(world, mob);
        }
        let someone = "someone".to_string();
        let something = "something".to_string();
        let s = match code {
            'i' => {
                let n = world.ch(mob).map(|c| c.name.clone()).unwrap_or_default();
                n.split_whitespace().next().unwrap_or("").to_string()
            }
            'I' => world
                .ch(mob)
                .map(|c| c.short_descr.clone())
                .unwrap_or_default(),
            'n' => seen(ch).map_or(someone, first_name),
            'N' => seen(ch).map_or(someone, full_name),
            't' => seen(args.vict).map_or(someone, first_name),
            'T' => seen(args.vict).map_or(someone, full_name),
            'r' => seen(*rch).map_or(someone, first_name),
            'R' => seen(*rch).map_or(someone, full_name),
            'q' => seen(target).map_or(someone, first_name),
            'Q' => seen(target).map_or(someone, full_name),
            'j' => HE[sex(mob)].to_string(),
            'e' => seen(ch).map_or(someone, |c| HE[sex(c)].to_string()),
            'E' => seen(args.vict).map_or(someone, |c| HE[sex(c)].to_string()),
            'J' => seen(*rch).map_or(someone, |c| HE[sex(c)].to_string()),
            'X' => seen(target).map_or(someone, |c| HE[sex(c)].to_string()),
            'k' => HIM[sex(mob)].to_string(),
            'm' => seen(ch).map_or(someone, |c| HIM[sex(c)].to_string()),
            'M' => seen(args.vict).map_or(someone, |c| HIM[sex(c)].to_string()),
            'K' => seen(*rch).map_or(someone, |c| HIM[sex(c)].to_string()),
            'Y' => seen(target).map_or(someone, |c| HIM[sex(c)].to_string()),
            'l' => HIS[sex(mob)].to_string(),
            's' => seen(ch).map_or("someone's".into(), |c| HIS[sex(c)].to_string()),
            'S' => seen(args.vict).map_or("someone's".into(), |c| HIS[sex(c)].to_string()),
            'L' => seen(*rch).map_or("someone's".into(), |c| HIS[sex(c)].to_string()),
            'Z' => seen(target).map_or("someone's".into(), |c| HIS[sex(c)].to_string()),
            'o' => seen_obj(args.obj1).map_or(something, obj_word),
            'O' => seen_obj(args.obj1).map_or(something, obj_short),
            'p' => seen_obj(args.obj2).map_or(something, obj_word),
            'P' => seen_obj(args.obj2).map_or(something, obj_short),
            '$' => "$".into(),
            _ => " <@@@> ".into(),
        };
        out.push_str(&s);
    }
    out
}

// ------------------------------------------------------------ lint

/// The checks compared with an operator right after the keyword.
const COUNT_CHECKS: &[&str] = &["people", "players", "mobs", "clones", "order", "hour"];
/// The checks with an actor, an operator and a number.
const COMPARE_CHECKS: &[&str] = &[
    "vnum", "hpcnt", "room", "sex", "level", "align", "money", "objval0", "objval1", "objval2",
    "objval3", "grpsize",
];
/// The checks taking a word or number and nothing else.
const VALUE_CHECKS: &[&str] = &["rand", "mobhere", "objhere", "mobexists", "objexists"];
const OPERATORS: &[&str] = &["==", "!=", ">", "<", ">=", "<="];

fn lint_check(data: &str) -> Option<String> {
    let mut words = data.split_whitespace();
    let check = words.next().unwrap_or("").to_ascii_lowercase();
    if !CHECKS.contains(&check.as_str()) {
        return Some(format!("unknown if-check '{check}'"));
    }
    let a = words.next().unwrap_or("");
    if a.is_empty() {
        return Some(format!("'{check}' needs an argument"));
    }
    if VALUE_CHECKS.contains(&check.as_str()) {
        return None;
    }
    if COUNT_CHECKS.contains(&check.as_str()) {
        return (!OPERATORS.contains(&a))
            .then(|| format!("'{check}' needs an operator, not '{a}'"));
    }
    let mut cs = a.chars();
    let code_ok = cs.next() == Some('$') && cs.next().is_some_and(|c| "inrtopq".contains(c));
    if !code_ok {
        return Some(format!(
            "'{check}' needs $i, $n, $t, $r, $q, $o or $p, not '{a}'"
        ));
    }
    if COMPARE_CHECKS.contains(&check.as_str()) {
        let op = words.next().unwrap_or("");
        if !OPERATORS.contains(&op) {
            return Some(format!("'{check}' needs an operator, not '{op}'"));
        }
    }
    None
}

/// Problems QuickMUD would only find by running a program: unknown
/// if-checks and `mob` commands, malformed checks, unbalanced blocks.
/// Each is (line number, message).
pub fn lint(code: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut last = 0;
    for (i, raw) in code.split(['\n', '\r']).enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('*') {
            continue;
        }
        last = n;
        let (control, data) = split_word(line);
        match control.to_ascii_lowercase().as_str() {
            "if" => {
                depth += 1;
                if depth >= MAX_NESTED_LEVEL {
                    out.push((n, "ifs nested too deep".to_string()));
                }
                out.extend(lint_check(data).map(|m| (n, m)));
            }
            c @ ("or" | "and") => {
                if depth == 0 {
                    out.push((n, format!("{c} without if")));
                }
                out.extend(lint_check(data).map(|m| (n, m)));
            }
            "else" if depth == 0 => out.push((n, "else without if".to_string())),
            "endif" => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => out.push((n, "endif without if".to_string())),
            },
            "mob" => {
                let (word, _) = split_word(data);
                let word = word.to_ascii_lowercase();
                if word.is_empty()
                    || !super::mob_cmds::MOB_COMMANDS
                        .iter()
                        .any(|(c, _)| c.starts_with(&word))
                {
                    out.push((n, format!("unknown mob command '{word}'")));
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        out.push((last, "if without endif".to_string()));
    }
    out
}

/// [`lint`] for every program of the world, as log lines.
pub fn lint_world(world: &World) -> Vec<String> {
    world
        .mobprogs
        .values()
        .flat_map(|p| {
            lint(&p.code)
                .into_iter()
                .map(move |(n, m)| format!("Mobprog {} line {n}: {m}", p.vnum))
        })
        .collect()
}

// ------------------------------------------------------------ commands

/// `surrender`: stop fighting; a mobile without a surrender program (or
/// whose program does not run) ignores it and attacks.
pub fn do_surrender(world: &mut World, ch: CharId, _arg: &str) {
    let Some(mob) = world.ch(ch).and_then(|c| c.fighting) else {
        world.send(ch, "But you're not fighting!\n");
        return;
    };
    world.act("You surrender to $N!", ch, ActArgs::vict(mob), To::Char);
    world.act("$n surrenders to you!", ch, ActArgs::vict(mob), To::Vict);
    world.act(
        "$n tries to surrender to $N!",
        ch,
        ActArgs::vict(mob),
        To::NotVict,
    );
    world.stop_fighting(ch, true);
    if !is_npc(world, ch)
        && is_npc(world, mob)
        && (!world.has_trigger(mob, "surr")
            || !percent_trigger(world, mob, Some(ch), ProgArgs::default(), "surr"))
    {
        world.act(
            "$N seems to ignore your cowardly act!",
            ch,
            ActArgs::vict(mob),
            To::Char,
        );
        if world.chars.contains(mob) && world.chars.contains(ch) {
            super::fight::multi_hit(world, mob, ch, super::fight::TYPE_UNDEFINED);
        }
    }
}

/// `mpstat <mobile>`: a mobile's programs, delay and target.
pub fn do_mpstat(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Mpstat whom?\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &name) else {
        world.send(ch, "No such creature.\n");
        return;
    };
    let Some(v) = world.ch(victim) else { return };
    let Some(vnum) = v.vnum.filter(|_| v.is_npc()) else {
        world.send(ch, "That is not a mobile.\n");
        return;
    };
    let mut out = format!("Mobile #{:<6} [{}]\n", vnum.0, v.short_descr);
    let target = v
        .mprog_target
        .and_then(|t| world.ch(t))
        .map_or("No target".to_string(), |t| t.name.clone());
    out.push_str(&format!("Delay   {:<6} [{}]\n", v.mprog_delay, target));
    let progs = triggers(world, victim);
    if progs.is_empty() {
        out.push_str("[No programs set]\n");
    }
    for (i, t) in progs.iter().enumerate() {
        out.push_str(&format!(
            "[{:2}] Trigger [{:<8}] Program [{:4}] Phrase [{}]\n",
            i + 1,
            t.trigger,
            t.prog,
            t.phrase
        ));
    }
    world.send(ch, &out);
}

/// `mpdump <vnum>`: the code of a program.
pub fn do_mpdump(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let code = i32::try_from(atoi(&word))
        .ok()
        .and_then(|v| world.mobprogs.get(&v))
        .map(|p| p.code.clone());
    match code {
        Some(code) if is_number(&word) => {
            let mut text = code.replace('\r', "");
            if !text.ends_with('\n') {
                text.push('\n');
            }
            world.send(ch, &text);
        }
        _ => world.send(ch, "No such MOBprogram.\n"),
    }
}

use crate::world::act::{ActArgs, To};

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::world::{MobProg, MobProto, ObjProto, PcData, Protos};

    const GUARD: MobVnum = MobVnum(100);
    const GEM: ObjVnum = ObjVnum(200);

    fn prog(p: &mut Protos, vnum: i32, code: &str) {
        p.mobprogs.insert(
            vnum,
            MobProg {
                vnum,
                code: code.into(),
            },
        );
    }

    /// Rooms 3001 and 3002 (east of it), a player "Tess" (a mage) in 3001,
    /// and a guard (vnum 100) with `triggers` whose programs are `progs`.
    pub(crate) fn world(
        triggers: &[(&str, i32, &str)],
        progs: &[(i32, &str)],
    ) -> (World, CharId, CharId) {
        let mut p = crate::world::proto::two_room_protos();
        for &(v, code) in progs {
            prog(&mut p, v, code);
        }
        for (vnum, name, short) in [(100, "guard", "the guard"), (101, "rat", "a rat")] {
            p.mobs.insert(
                MobVnum(vnum),
                MobProto {
                    vnum: MobVnum(vnum),
                    keywords: name.into(),
                    short_descr: short.into(),
                    long_descr: format!("{short} is here.\n"),
                    level: 10,
                    start_pos: pos::STANDING,
                    default_pos: pos::STANDING,
                    sex: 1,
                    progs: if vnum == 100 {
                        triggers
                            .iter()
                            .map(|&(t, prog, phrase)| MobProgTrigger {
                                trigger: t.into(),
                                prog,
                                phrase: phrase.into(),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                    ..Default::default()
                },
            );
        }
        p.objs.insert(
            GEM,
            ObjProto {
                vnum: GEM,
                keywords: "gem red".into(),
                short_descr: "a red gem".into(),
                item_type: item::GEM,
                wear_flags: wear::TAKE,
                ..Default::default()
            },
        );
        let mut w = World::new(p, 7);
        let pc = w.chars.insert(Char {
            name: "Tess".into(),
            level: 5,
            hit: 100,
            max_hit: 100,
            silver: 1000,
            position: pos::STANDING,
            conn: Some(crate::engine::ConnId(1)),
            pc: Some(Box::new(PcData {
                id: 1,
                ..PcData::default()
            })),
            mv: 100,
            max_mv: 100,
            ..Char::default()
        });
        w.players.push(pc);
        w.char_to_room(pc, RoomVnum(3001));
        for a in w.areas.iter_mut() {
            a.empty = false;
        }
        let guard = w.create_mobile(GUARD).expect("guard");
        w.char_to_room(guard, RoomVnum(3001));
        (w, pc, guard)
    }

    pub(crate) fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    pub(crate) fn run(w: &mut World, pvnum: i32, mob: CharId, ch: CharId) {
        program_flow(w, pvnum, mob, Some(ch), ProgArgs::default());
        run_heard(w);
    }

    #[test]
    fn nested_ifs_else_and_or() {
        let code = "\
if ispc $n
  if class $n warrior
    say warrior
  else
    if level $n > 3
    and level $n < 6
      say mid level
    endif
    if isnpc $n
    or name $n tess
      say named
    endif
  endif
else
  say never
endif
say after";
        let (mut w, pc, guard) = world(&[], &[(1, code)]);
        run(&mut w, 1, guard, pc);
        let o = out(&mut w, pc);
        assert!(o.contains("mid level"), "{o}");
        assert!(o.contains("named"), "{o}");
        assert!(o.contains("after"), "{o}");
        assert!(!o.contains("warrior") && !o.contains("never"), "{o}");
    }

    #[test]
    fn garbage_never_panics() {
        let lines = [
            "if",
            "if $",
            "if level",
            "if level $z",
            "if level $n",
            "if level $n ==",
            "if rand",
            "if people",
            "if people ??? 3",
            "if name",
            "if name $o x",
            "if objval3 $p == 1",
            "if carries $n",
            "if affected $n nosuchflag",
            "or",
            "and",
            "else",
            "endif",
            "break",
            "$",
            "$$$",
            "$z$Q$R",
            "mob",
            "mob cast",
            "mob cast ''",
            "mob damage all x y",
            "mob damage $n -100 -50",
            "mob damage $n 50 10 lethal",
            "mob oload -5",
            "mob oload 200 99999999999 W",
            "mob oload 99999999999999999999",
            "mob mload -1",
            "mob call 99999999999999",
            "mob call",
            "mob transfer all 999999",
            "mob transfer",
            "mob goto",
            "mob goto nowhere",
            "mob at",
            "mob at 3002",
            "mob force",
            "mob force all",
            "mob gforce $n",
            "mob vforce x y",
            "mob delay x",
            "mob delay 99999999999",
            "mob remember",
            "mob junk",
            "mob junk all.",
            "mob remove $n",
            "mob remove $n x",
            "mob purge nobody",
            "mob otransfer x y",
            "mob echoat",
            "mob echoaround nobody hi",
            "mob asound",
            "mob zecho",
            "mob gecho",
            "mob kill",
            "mob kill $i",
            "mob assist $n",
            "mob flee",
            "say \u{3000}\u{85}é $n",
            "if ispc $n\nif ispc $n\nelse\nelse\nendif\nendif\nendif",
            "if level $é > 1",
        ];
        let (mut w, pc, guard) = world(&[], &[]);
        for (i, line) in lines.iter().enumerate() {
            let code = line.replace("\\n", "\n");
            let _ = lint(&code);
            w.mobprogs.insert(
                1000 + i as i32,
                MobProg {
                    vnum: 1000 + i as i32,
                    code,
                },
            );
            if w.chars.contains(guard) && w.chars.contains(pc) {
                run(&mut w, 1000 + i as i32, guard, pc);
            }
            assert_eq!(w.mprog.call_level, 0, "{line}");
        }
    }

    #[test]
    fn lint_finds_what_running_would() {
        let code = "* fine\nif ispc $n\nand level $n > 3\nor people >= 2\nsay hi\nelse\nmob echo x\nendif\n";
        assert!(lint(code).is_empty(), "{:?}", lint(code));
        let bad = "if frob $n\nif level\nif level $x > 1\nif level $n 5\nor people 3\nmob frob\nmob\nendif\nendif\nendif\nendif\nendif\nelse\nand ispc $n\nif rand 5";
        let problems = lint(bad);
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|(n, m)| (*n, &m[..m.len().min(12)]))
            .collect();
        assert_eq!(
            found,
            [
                (1, "unknown if-c"),
                (2, "'level' need"),
                (3, "'level' need"),
                (4, "'level' need"),
                (5, "'people' nee"),
                (6, "unknown mob "),
                (7, "unknown mob "),
                (12, "endif withou"),
                (13, "else without"),
                (14, "and without "),
                (15, "if without e"),
            ]
        );
    }

    #[test]
    fn recover_after_a_panic_lets_programs_run_again() {
        let (mut w, pc, guard) = world(&[], &[(1, "say alive")]);
        w.mprog.call_level = MAX_CALL_LEVEL;
        w.mprog.quiet = true;
        run(&mut w, 1, guard, pc);
        assert!(!out(&mut w, pc).contains("alive"));
        recover(&mut w);
        assert!(!w.mprog.quiet && w.mprog.heard.is_empty());
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("alive"));
    }

    #[test]
    fn break_ends_the_program() {
        let (mut w, pc, guard) = world(&[], &[(1, "say one\nif ispc $n\nbreak\nendif\nsay two")]);
        run(&mut w, 1, guard, pc);
        let o = out(&mut w, pc);
        assert!(o.contains("one") && !o.contains("two"), "{o}");
    }

    #[test]
    fn too_deep_nesting_is_logged_once_and_stops() {
        let mut code = String::new();
        for _ in 0..12 {
            code.push_str("if ispc $n\n");
        }
        code.push_str("say deep\n");
        let (mut w, pc, guard) = world(&[], &[(1, &code)]);
        run(&mut w, 1, guard, pc);
        run(&mut w, 1, guard, pc);
        assert!(!out(&mut w, pc).contains("deep"));
        let logged: Vec<_> = w.log.iter().filter(|l| l.contains("nested")).collect();
        assert_eq!(logged.len(), 1, "{:?}", w.log);
        assert!(logged[0].contains("Mobprog 1 line 12"), "{}", logged[0]);
        // Eleven levels are fine.
        let ok = "if ispc $n\n".repeat(11) + "say deep\n";
        let (mut w, pc, guard) = world(&[], &[(1, &ok)]);
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("deep"));
    }

    #[test]
    fn broken_lines_are_logged_not_fatal() {
        let (mut w, pc, guard) = world(
            &[],
            &[
                (1, "if frobnicate $n\nsay no\nendif"),
                (2, "endif\nsay no"),
                (3, "mob frob\nsay yes"),
            ],
        );
        run(&mut w, 1, guard, pc);
        run(&mut w, 2, guard, pc);
        run(&mut w, 3, guard, pc);
        let o = out(&mut w, pc);
        assert!(!o.contains("no") && o.contains("yes"), "{o}");
        assert!(w
            .log
            .iter()
            .any(|l| l.contains("Mobprog 1 line 1") && l.contains("frobnicate")));
        assert!(w
            .log
            .iter()
            .any(|l| l.contains("Mobprog 2 line 1") && l.contains("endif")));
        assert!(w
            .log
            .iter()
            .any(|l| l.contains("Mobprog 3 line 1") && l.contains("frob")));
        // A missing program, or an if-check with a bad operator.
        let (mut w, pc, guard) = world(&[], &[(4, "if level $n >> 3\nsay x\nendif")]);
        run(&mut w, 99, guard, pc);
        run(&mut w, 4, guard, pc);
        assert!(w.log.iter().any(|l| l.contains("Mobprog 99")));
        assert!(w.log.iter().any(|l| l.contains("Mobprog 4 line 1")));
    }

    #[test]
    fn mob_call_recursion_stops_at_the_call_level() {
        let (mut w, pc, guard) = world(&[], &[(1, "mob delay 0\nsay again\nmob call 1 $n")]);
        run(&mut w, 1, guard, pc);
        let o = out(&mut w, pc);
        assert_eq!(o.matches("again").count(), MAX_CALL_LEVEL as usize, "{o}");
        assert!(w.log.iter().any(|l| l.contains("MAX_CALL_LEVEL")));
        assert_eq!(w.mprog.call_level, 0);
        // A call with its own arguments: $n is the char named, $o the object.
        let (mut w, pc, guard) = world(&[], &[(1, "mob call 2 tess gem"), (2, "say $n holds $o")]);
        let gem = w.create_object(GEM, 1).expect("gem");
        w.obj_to_room(gem, RoomVnum(3001));
        run(&mut w, 1, guard, pc);
        assert!(out(&mut w, pc).contains("Tess holds gem"));
    }

    #[test]
    fn dollar_codes_expand_as_the_mobile_sees() {
        let (mut w, pc, guard) = world(&[], &[]);
        let gem = w.create_object(GEM, 1).expect("gem");
        let args = ProgArgs {
            obj1: Some(gem),
            vict: Some(pc),
            obj2: Some(gem),
        };
        if let Some(c) = w.ch_mut(pc) {
            c.sex = 2;
        }
        let mut rch = None;
        let s = expand_arg(
            &w,
            "$i|$I|$n|$N|$t|$T|$e|$m|$s|$E|$M|$S|$j|$k|$l|$o|$O|$p|$P|$r|$R|$J|$K|$L|$$",
            guard,
            Some(pc),
            args,
            &mut rch,
        );
        assert_eq!(
            s,
            "guard|the guard|Tess|Tess|Tess|Tess|she|her|her|she|her|her|he|him|his|gem|a red gem|gem|a red gem|Tess|Tess|she|her|her|$"
        );
        assert_eq!(rch, Some(pc));
        // $q: the remembered target; nobody seen is "someone".
        if let Some(g) = w.ch_mut(guard) {
            g.mprog_target = Some(pc);
        }
        let s = expand_arg(
            &w,
            "$q $Q $X $Y $Z",
            guard,
            None,
            ProgArgs::default(),
            &mut rch,
        );
        assert_eq!(s, "Tess Tess she her her");
        let s = expand_arg(&w, "$n $o $t", guard, None, ProgArgs::default(), &mut None);
        assert_eq!(s, "someone something someone");
    }

    fn check(w: &mut World, guard: CharId, pc: CharId, line: &str) -> bool {
        let code = format!("if {line}\nsay yes\nelse\nsay no\nendif");
        w.mobprogs.insert(50, MobProg { vnum: 50, code });
        let gem = w
            .get_obj_carry(pc, "gem")
            .or_else(|| w.get_obj_here(guard, "gem"));
        program_flow(
            w,
            50,
            guard,
            Some(pc),
            ProgArgs {
                obj1: gem,
                vict: Some(pc),
                obj2: gem,
            },
        );
        let o = out(w, pc);
        assert!(o.contains("yes") != o.contains("no"), "{line}: {o}");
        o.contains("yes")
    }

    #[test]
    fn the_if_checks() {
        let (mut w, pc, guard) = world(&[], &[]);
        let gem = w.create_object(GEM, 1).expect("gem");
        w.obj_to_char(gem, pc);
        let floor = w.create_object(GEM, 1).expect("gem");
        w.obj_to_room(floor, RoomVnum(3001));
        w.hour = 9;
        if let Some(c) = w.ch_mut(pc) {
            c.alignment = 500;
            c.class = 2;
            c.race = 1;
            c.sex = 2;
            c.gold = 3;
            c.silver = 7;
            c.hit = 40;
        }
        let rat = w.create_mobile(MobVnum(101)).expect("rat");
        w.char_to_room(rat, RoomVnum(3001));
        let yes = [
            "rand 0",
            "mobhere rat",
            "mobhere 101",
            "objhere gem",
            "objhere 200",
            "mobexists rat",
            "objexists gem",
            "people == 2",
            "players == 1",
            "mobs >= 1",
            "clones == 0",
            "order == 0",
            "hour == 9",
            "ispc $n",
            "isnpc $i",
            "isgood $n",
            "isneutral $i",
            "isactive $n",
            "isvisible $n",
            "isvisible $o",
            "exists $n",
            "istarget $n",
            "carries $n gem",
            "carries $n 200",
            "has $n gem",
            "name $n tess",
            "name $o red",
            "pos $n standing",
            "class $n thief",
            "objtype $o gem",
            "vnum $i == 100",
            "vnum $o == 200",
            "hpcnt $n < 50",
            "room $n == 3001",
            "sex $n == 2",
            "level $n != 4",
            "level $n <= 5",
            "align $n > 499",
            "money $n == 307",
            "objval0 $o == 0",
            "grpsize $n == 0",
            "clan $n none",
        ];
        for line in yes {
            assert!(check(&mut w, guard, pc, line), "{line}");
        }
        let no = [
            "rand 100",
            "mobhere dragon",
            "objexists sword",
            "isnpc $n",
            "isevil $n",
            "isimmort $n",
            "ischarm $n",
            "isfollow $n",
            "isdelay $i",
            "hastarget $n",
            "affected $n blind",
            "act $i sentinel",
            "off $i bash",
            "imm $i fire",
            "wears $n gem",
            "uses $n gem",
            "pos $n sleeping",
            "race $n dwarf",
            "objtype $o weapon",
        ];
        for line in no {
            assert!(!check(&mut w, guard, pc, line), "{line}");
        }
        // The guard took Tess as its target on the first check.
        assert_eq!(w.ch(guard).and_then(|c| c.mprog_target), Some(pc));
    }

    #[test]
    fn speech_greet_exit_bribe_and_give_triggers() {
        let (mut w, pc, guard) = world(
            &[
                ("speech", 1, "price"),
                ("greet", 2, "100"),
                ("exit", 3, "1"),
                ("bribe", 4, "50"),
                ("give", 5, "gem"),
            ],
            &[
                (1, "say Everything is free, $n."),
                (
                    2,
                    "if class $n mage\nsay Welcome, wizard.\nelse\nsay Hello.\nendif",
                ),
                (3, "say Nobody goes east."),
                (4, "say Thank you for the money."),
                (5, "say A fine $o!\nmob junk $o"),
            ],
        );
        interp::interpret(&mut w, pc, "say what is the price?");
        assert!(out(&mut w, pc).contains("The guard says 'Everything is free, Tess.'"));
        interp::interpret(&mut w, pc, "say hello");
        assert!(!out(&mut w, pc).contains("free"));
        // The exit program blocks the move.
        interp::interpret(&mut w, pc, "east");
        assert!(out(&mut w, pc).contains("Nobody goes east."));
        assert_eq!(w.ch(pc).and_then(|c| c.room), Some(RoomVnum(3001)));
        // Too little money does nothing; enough runs the bribe program.
        interp::interpret(&mut w, pc, "give 10 silver guard");
        assert!(!out(&mut w, pc).contains("Thank you"));
        interp::interpret(&mut w, pc, "give 60 silver guard");
        assert!(out(&mut w, pc).contains("Thank you for the money."));
        let gem = w.create_object(GEM, 1).expect("gem");
        w.obj_to_char(gem, pc);
        interp::interpret(&mut w, pc, "give gem guard");
        assert!(out(&mut w, pc).contains("A fine gem!"));
        assert!(!w.objs.contains(gem), "the guard junked it");
        // Greet: the guard meets a mage coming in from the east.
        w.char_from_room(guard);
        w.char_to_room(guard, RoomVnum(3002));
        interp::interpret(&mut w, pc, "east");
        assert!(out(&mut w, pc).contains("Welcome, wizard."));
    }

    #[test]
    fn random_delay_and_entry_triggers() {
        let (mut w, pc, guard) = world(
            &[
                ("random", 1, "100"),
                ("delay", 2, "100"),
                ("entry", 3, "100"),
            ],
            &[
                (
                    1,
                    "if isdelay $i\nsay waiting\nelse\nmob delay 2\nsay tick\nendif",
                ),
                (2, "say the time has come"),
                (3, "say I am here"),
            ],
        );
        assert!(update_triggers(&mut w, guard));
        assert!(out(&mut w, pc).contains("tick"));
        assert_eq!(w.ch(guard).map(|c| c.mprog_delay), Some(2));
        // Delay counts down before random gets its turn.
        update_triggers(&mut w, guard);
        let o = out(&mut w, pc);
        assert!(!o.contains("the time has come"), "{o}");
        assert!(update_triggers(&mut w, guard));
        assert!(out(&mut w, pc).contains("the time has come"));
        // Not in its default position: nothing.
        if let Some(g) = w.ch_mut(guard) {
            g.position = pos::SITTING;
        }
        assert!(!update_triggers(&mut w, guard));
        if let Some(g) = w.ch_mut(guard) {
            g.position = pos::STANDING;
        }
        // Entry: the guard walks in.
        interp::interpret(&mut w, pc, "east");
        out(&mut w, pc);
        super::super::act_move::move_char(&mut w, guard, 1, false);
        assert!(out(&mut w, pc).contains("I am here"));
    }

    #[test]
    fn act_triggers_run_after_the_command() {
        let (mut w, pc, guard) = world(&[("act", 1, "waves")], &[(1, "say I see $n waving.")]);
        interp::interpret(&mut w, pc, "say who waves?");
        assert!(out(&mut w, pc).contains("I see Tess waving."));
        // Emotes are not heard (ROM's MOBtrigger).
        interp::interpret(&mut w, pc, "emote waves happily.");
        assert!(!out(&mut w, pc).contains("I see Tess waving."));
        // A loop of act triggers is cut off and logged.
        let (mut w, pc, guard2) = world(&[("act", 1, "loops")], &[(1, "say loops")]);
        let other = w.create_mobile(GUARD).expect("guard");
        w.char_to_room(other, RoomVnum(3001));
        interp::interpret(&mut w, pc, "say loops");
        assert!(w.log.iter().any(|l| l.contains("dropped")), "{:?}", w.log);
        assert!(w.mprog.heard.is_empty());
        let _ = (guard, guard2);
        // A crowd of them: each line is heard by all the others, so the
        // rounds grow fast; the total is capped.
        let (mut w, pc, _) = world(&[("act", 1, "loops")], &[(1, "say loops")]);
        for _ in 0..20 {
            let g = w.create_mobile(GUARD).expect("guard");
            w.char_to_room(g, RoomVnum(3001));
        }
        interp::interpret(&mut w, pc, "say loops");
        let lines = out(&mut w, pc).matches("loops").count();
        assert!(lines > 21 && lines <= 1 + MAX_ACT_RUNS, "{lines}");
        assert!(w.log.iter().any(|l| l.contains("dropped")), "{:?}", w.log);
    }

    #[test]
    fn fight_kill_hpcnt_death_and_surrender() {
        let (mut w, pc, guard) = world(
            &[
                ("kill", 1, "100"),
                ("fight", 2, "100"),
                ("hpcnt", 3, "50"),
                ("death", 4, "100"),
                ("surr", 5, "100"),
            ],
            &[
                (1, "say You will regret this, $n."),
                (2, "say Take that!"),
                (3, "say I am wounded!"),
                (4, "mob echo $I falls with a last curse.\nmob oload 200 1 R"),
                (5, "say I accept, $n.\nmob remember $n"),
            ],
        );
        if let Some(g) = w.ch_mut(guard) {
            g.hit = 1000;
            g.max_hit = 1000;
        }
        super::super::fight::set_fighting(&mut w, pc, guard);
        super::super::fight::damage(
            &mut w,
            pc,
            guard,
            1,
            super::super::fight::TYPE_UNDEFINED,
            0,
            false,
        );
        assert!(out(&mut w, pc).contains("You will regret this, Tess."));
        super::super::fight::violence_update(&mut w);
        let o = out(&mut w, pc);
        assert!(o.contains("Take that!") && !o.contains("wounded"), "{o}");
        if let Some(g) = w.ch_mut(guard) {
            g.hit = 300;
        }
        fight_triggers(&mut w, guard, pc);
        assert!(out(&mut w, pc).contains("I am wounded!"));
        // Surrender: the program runs, the fight ends.
        interp::interpret(&mut w, pc, "surrender");
        let o = out(&mut w, pc);
        assert!(
            o.contains("You surrender to the guard!") && o.contains("I accept, Tess."),
            "{o}"
        );
        assert!(w.ch(pc).is_some_and(|c| c.fighting.is_none()));
        assert_eq!(w.ch(guard).and_then(|c| c.mprog_target), Some(pc));
        interp::interpret(&mut w, pc, "surrender");
        assert!(out(&mut w, pc).contains("But you're not fighting!"));
        // Death: the program runs before the corpse is made.
        if let Some(g) = w.ch_mut(guard) {
            g.hit = 1;
        }
        super::super::fight::damage(
            &mut w,
            pc,
            guard,
            50,
            super::super::fight::TYPE_UNDEFINED,
            0,
            false,
        );
        assert!(out(&mut w, pc).contains("falls with a last curse"));
        assert!(!w.chars.contains(guard));
        assert!(w.get_obj_here(pc, "gem").is_some());
    }

    #[test]
    fn surrender_to_a_mobile_without_a_program_is_ignored() {
        let (mut w, pc, guard) = world(&[], &[]);
        if let Some(g) = w.ch_mut(guard) {
            g.hit = 1000;
            g.max_hit = 1000;
        }
        super::super::fight::set_fighting(&mut w, pc, guard);
        interp::interpret(&mut w, pc, "surrender");
        assert!(out(&mut w, pc).contains("seems to ignore your cowardly act!"));
        assert_eq!(w.ch(guard).and_then(|c| c.fighting), Some(pc));
    }

    #[test]
    fn mpstat_and_mpdump() {
        let (mut w, pc, guard) = world(
            &[("greet", 2, "100"), ("speech", 1, "hi")],
            &[(1, "say a\nsay b"), (2, "say c")],
        );
        if let Some(c) = w.ch_mut(pc) {
            c.level = 60;
        }
        if let Some(g) = w.ch_mut(guard) {
            g.mprog_delay = 4;
            g.mprog_target = Some(pc);
        }
        interp::interpret(&mut w, pc, "mpstat guard");
        let o = out(&mut w, pc);
        assert!(o.contains("Mobile #100"), "{o}");
        assert!(o.contains("Delay   4      [Tess]"), "{o}");
        assert!(
            o.contains("[ 1] Trigger [speech  ] Program [   1] Phrase [hi]"),
            "{o}"
        );
        assert!(
            o.contains("[ 2] Trigger [greet   ] Program [   2] Phrase [100]"),
            "{o}"
        );
        interp::interpret(&mut w, pc, "mpstat tess");
        assert!(out(&mut w, pc).contains("That is not a mobile."));
        interp::interpret(&mut w, pc, "mpdump 1");
        assert_eq!(out(&mut w, pc), "say a\nsay b\n");
        interp::interpret(&mut w, pc, "mpdump 9");
        assert!(out(&mut w, pc).contains("No such MOBprogram."));
        // Mortals have neither, and cannot use `mob`.
        if let Some(c) = w.ch_mut(pc) {
            c.level = 5;
        }
        interp::interpret(&mut w, pc, "mpstat guard");
        assert!(out(&mut w, pc).contains("Huh?"));
        interp::interpret(&mut w, pc, "mob echo hacked");
        assert!(!out(&mut w, pc).contains("hacked"));
    }
}
