//! `aedit`: an area's header (name, file, vnum range, builders, security,
//! credits), and `alist`, the list of areas.
//!
//! `aedit` edits the area you stand in; `aedit <number>` the area of that
//! number (as `alist` shows it); `aedit create` makes a new area (security
//! 9, as ROM). A new area is written to its file, and added to `area.lst`,
//! by the next `asave changed`/`asave world` (or copyover).

use super::{first_arg_keep_case, is_builder, parse_num, security, set_editor, EdCmd, Editor};
use crate::world::handler::one_argument;
use crate::world::{AreaId, AreaProto, CharId, World};

pub static TABLE: &[EdCmd<AreaId>] = &[
    EdCmd {
        name: "age",
        func: age,
    },
    EdCmd {
        name: "builder",
        func: builder,
    },
    EdCmd {
        name: "create",
        func: create_cmd,
    },
    EdCmd {
        name: "filename",
        func: filename,
    },
    EdCmd {
        name: "name",
        func: name,
    },
    EdCmd {
        name: "reset",
        func: reset,
    },
    EdCmd {
        name: "security",
        func: security_cmd,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
    EdCmd {
        name: "vnum",
        func: vnum,
    },
    EdCmd {
        name: "lvnum",
        func: lvnum,
    },
    EdCmd {
        name: "uvnum",
        func: uvnum,
    },
    EdCmd {
        name: "credits",
        func: credits,
    },
];

fn area(world: &World, a: AreaId) -> Option<&AreaProto> {
    world.areas.get(a.0).map(|x| &x.proto)
}

fn area_mut(world: &mut World, a: AreaId) -> Option<&mut AreaProto> {
    world.areas.get_mut(a.0).map(|x| &mut x.proto)
}

/// `show` (and an empty line).
pub fn show(world: &mut World, ch: CharId, a: AreaId, _arg: &str) {
    let Some(x) = world.areas.get(a.0) else {
        return;
    };
    let p = &x.proto;
    let text = format!(
        "Name:     [{:5}] {}\n\
         File:     {}\n\
         Vnums:    [{}-{}]\n\
         Age:      [{}]\n\
         Players:  [{}]\n\
         Security: [{}]\n\
         Builders: [{}]\n\
         Credits : [{}]\n\
         Flags:    [{}]\n",
        a.0,
        p.name,
        p.file,
        p.low_vnum,
        p.high_vnum,
        x.age,
        x.nplayer,
        p.security,
        p.builders,
        p.credits,
        if x.changed { "changed" } else { "none" }
    );
    world.send(ch, &text);
}

fn show_cmd(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    show(world, ch, a, arg);
    false
}

fn name(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    if arg.trim().is_empty() {
        world.send(ch, "Syntax:   name [$name]\n");
        return false;
    }
    if let Some(p) = area_mut(world, a) {
        p.name = arg.trim().to_string();
    }
    world.send(ch, "Name set.\n");
    true
}

fn credits(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    if arg.trim().is_empty() {
        world.send(ch, "Syntax:   credits [$credits]\n");
        return false;
    }
    if let Some(p) = area_mut(world, a) {
        p.credits = arg.trim().to_string();
    }
    world.send(ch, "Credits set.\n");
    true
}

/// A file name an area may take: letters, digits, `_` and `-`, at most 20
/// characters, `.are` added when missing.
pub fn valid_area_file(arg: &str) -> Option<String> {
    let stem = arg.strip_suffix(".are").unwrap_or(arg);
    let ok = !stem.is_empty()
        && stem.len() <= 20
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| format!("{}.are", stem.to_ascii_lowercase()))
}

fn filename(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let (word, _) = one_argument(arg);
    if word.is_empty() {
        world.send(ch, "Syntax:  filename [$file]\n");
        return false;
    }
    let Some(file) = valid_area_file(&word) else {
        world.send(
            ch,
            "A file name is up to 20 letters, digits, '_' or '-' (\".are\" is added).\n",
        );
        return false;
    };
    let taken = world
        .areas
        .iter()
        .enumerate()
        .any(|(i, x)| i != a.0 && x.proto.file.eq_ignore_ascii_case(&file));
    let reserved = ["area.lst", "help.are", "social.are", "music.txt"]
        .iter()
        .any(|r| r.eq_ignore_ascii_case(&file));
    if taken || reserved {
        world.send(ch, "AEdit:  That file name is already in use.\n");
        return false;
    }
    if world.areas.get(a.0).is_some_and(|x| !x.added) {
        world.send(
            ch,
            "AEdit:  This area's file is listed in area.lst already: rename the file and \
             its area.lst line by hand, then copyover.\n",
        );
        return false;
    }
    if let Some(p) = area_mut(world, a) {
        p.file = file.clone();
        p.header_file = file;
    }
    world.send(ch, "Filename set.\n");
    true
}

fn age(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let Some(n) = parse_num(arg).filter(|n| *n >= 0) else {
        world.send(ch, "Syntax:  age [#xage]\n");
        return false;
    };
    if let Some(x) = world.areas.get_mut(a.0) {
        x.age = n;
    }
    world.send(ch, "Age set.\n");
    false
}

fn reset(world: &mut World, ch: CharId, a: AreaId, _arg: &str) -> bool {
    world.reset_area(a);
    world.send(ch, "Area reset.\n");
    false
}

fn security_cmd(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let mine = security(world, ch);
    let Some(n) = parse_num(arg) else {
        world.send(ch, "Syntax:  security [#xlevel]\n");
        return false;
    };
    if n < 0 || n > mine {
        if mine > 0 {
            world.send(ch, &format!("Security is 0-{mine}.\n"));
        } else {
            world.send(ch, "Security is 0 only.\n");
        }
        return false;
    }
    if let Some(p) = area_mut(world, a) {
        p.security = n;
    }
    world.send(ch, "Security set.\n");
    true
}

fn builder(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let (who, _) = first_arg_keep_case(arg);
    if who.is_empty() {
        world.send(
            ch,
            "Syntax:  builder [$name]  -toggles builder\n\
             Syntax:  builder All      -allows everyone\n",
        );
        return false;
    }
    let who = crate::save::capitalize_name(&who);
    let Some(p) = area_mut(world, a) else {
        return false;
    };
    let mut names: Vec<String> = p
        .builders
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("none"))
        .map(str::to_string)
        .collect();
    let msg = if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(&who)) {
        names.remove(i);
        "Builder removed.\n"
    } else {
        names.push(who);
        "Builder added.\n"
    };
    p.builders = if names.is_empty() {
        "None".to_string()
    } else {
        names.join(" ")
    };
    world.send(ch, msg);
    true
}

/// Does `[lo, hi]` overlap another area's range?
fn overlaps(world: &World, a: AreaId, lo: i32, hi: i32) -> bool {
    world.areas.iter().enumerate().any(|(i, x)| {
        i != a.0
            && !(x.proto.low_vnum == 0 && x.proto.high_vnum == 0)
            && lo <= x.proto.high_vnum
            && x.proto.low_vnum <= hi
    })
}

/// Does anything of the area lie outside `[lo, hi]`?
fn strands(world: &World, a: AreaId, lo: i32, hi: i32) -> bool {
    let out = |v: i32| !(lo..=hi).contains(&v);
    world.rooms.values().any(|r| r.area == a && out(r.vnum.0))
        || world
            .mob_index
            .values()
            .any(|m| m.proto.area == a && out(m.proto.vnum.0))
        || world
            .obj_index
            .values()
            .any(|o| o.proto.area == a && out(o.proto.vnum.0))
}

fn set_range(world: &mut World, ch: CharId, a: AreaId, lo: i32, hi: i32) -> bool {
    if lo <= 0 || hi <= 0 {
        world.send(ch, "AEdit:  Vnums are positive numbers.\n");
        return false;
    }
    if lo > hi {
        world.send(ch, "AEdit:  Upper must be larger then lower.\n");
        return false;
    }
    if overlaps(world, a, lo, hi) {
        world.send(ch, "AEdit:  Range must include only this area.\n");
        return false;
    }
    if strands(world, a, lo, hi) {
        world.send(
            ch,
            "AEdit:  Rooms, mobiles or objects of this area lie outside that range.\n",
        );
        return false;
    }
    if let Some(p) = area_mut(world, a) {
        p.low_vnum = lo;
        p.high_vnum = hi;
    }
    world.send(ch, "Vnum range set.\n");
    true
}

fn vnum(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let (lo, rest) = one_argument(arg);
    let (hi, _) = one_argument(rest);
    match (lo.parse::<i32>(), hi.parse::<i32>()) {
        (Ok(lo), Ok(hi)) => set_range(world, ch, a, lo, hi),
        _ => {
            world.send(ch, "Syntax:  vnum [#xlower] [#xupper]\n");
            false
        }
    }
}

fn lvnum(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let hi = area(world, a).map_or(0, |p| p.high_vnum);
    match parse_num(arg) {
        Some(lo) => set_range(world, ch, a, lo, hi.max(lo)),
        None => {
            world.send(ch, "Syntax:  min_vnum [#xlower]\n");
            false
        }
    }
}

fn uvnum(world: &mut World, ch: CharId, a: AreaId, arg: &str) -> bool {
    let lo = area(world, a).map_or(0, |p| p.low_vnum);
    match parse_num(arg) {
        Some(hi) => set_range(world, ch, a, if lo == 0 { hi } else { lo }, hi),
        None => {
            world.send(ch, "Syntax:  max_vnum [#xupper]\n");
            false
        }
    }
}

/// `create` inside the area editor: a new area, which the builder then
/// edits.
fn create_cmd(world: &mut World, ch: CharId, _a: AreaId, _arg: &str) -> bool {
    create(world, ch);
    false
}

/// A fresh area (ROM's `new_area`): "New area", security 1, builders
/// "None", no vnums yet, file `area<N>.are` (a free name).
fn create(world: &mut World, ch: CharId) {
    if security(world, ch) < 9 {
        world.send(ch, "AEdit:  Insufficient security to create areas.\n");
        return;
    }
    let mut n = world.areas.len();
    let file = loop {
        let f = format!("area{n}.are");
        if !world.areas.iter().any(|x| x.proto.file == f) {
            break f;
        }
        n += 1;
    };
    world.areas.push(crate::world::Area {
        proto: AreaProto {
            file: file.clone(),
            header_file: file,
            name: "New area".into(),
            credits: String::new(),
            builders: "None".into(),
            security: 1,
            low_vnum: 0,
            high_vnum: 0,
            resets: Vec::new(),
        },
        age: 0,
        nplayer: 0,
        empty: true,
        changed: true,
        added: true,
    });
    let id = AreaId(world.areas.len() - 1);
    set_editor(world, ch, Some(Editor::Area(id)));
    world.send(ch, "Area Created.\n");
}

/// `aedit [number|create]`.
pub fn do_aedit(world: &mut World, ch: CharId, argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let (arg, _) = one_argument(argument);
    if arg == "create" {
        create(world, ch);
        return;
    }
    let id = if arg.is_empty() {
        world
            .ch(ch)
            .and_then(|c| c.room)
            .and_then(|r| world.room(r))
            .map(|r| r.area)
    } else {
        match arg.parse::<usize>() {
            Ok(n) if n < world.areas.len() => Some(AreaId(n)),
            _ => {
                world.send(ch, "That area vnum does not exist.\n");
                return;
            }
        }
    };
    let Some(id) = id else {
        world.send(ch, "You are nowhere.\n");
        return;
    };
    if !is_builder(world, ch, id) {
        world.send(ch, "Insufficient security to modify area.\n");
        return;
    }
    set_editor(world, ch, Some(Editor::Area(id)));
}

/// `alist`: every area with its number, vnums, file, security and
/// builders.
pub fn do_alist(world: &mut World, ch: CharId, _argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let mut out = format!(
        "[{:>3}] [{:<27}] ({:<5}-{:>5}) [{:<10}] {:>3} [{:<10}]\n",
        "Num", "Area Name", "lvnum", "uvnum", "Filename", "Sec", "Builders"
    );
    for (i, x) in world.areas.iter().enumerate() {
        let p = &x.proto;
        let name: String = p.name.chars().take(29).collect();
        out.push_str(&format!(
            "[{:3}] {:<29} ({:<5}-{:>5}) {:<12} [{}] [{:<10}]{}\n",
            i,
            name,
            p.low_vnum,
            p.high_vnum,
            p.file,
            p.security,
            p.builders,
            if x.changed { " *" } else { "" }
        ));
    }
    world.send(ch, &out);
}
