//! `mpedit`: mob programs' code.
//!
//! `mpedit <vnum>` edits a program; `mpedit create <vnum>` makes one (the
//! vnum in an area you may build). Sub-commands: `code` (the text editor),
//! `show`, `list` (the programs of the area and the mobiles that use
//! them), `create <vnum>`. A mobile runs a program once `medit`'s
//! `addmprog` links it to a trigger.

use super::{
    area_of_vnum, is_builder, parse_vnum, set_editor, string_append_target, EdCmd, Editor,
};
use crate::world::handler::one_argument;
use crate::world::{CharId, MobProg, World};

pub static TABLE: &[EdCmd<i32>] = &[
    EdCmd {
        name: "commands",
        func: nothing,
    },
    EdCmd {
        name: "create",
        func: create_cmd,
    },
    EdCmd {
        name: "code",
        func: code,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
    EdCmd {
        name: "list",
        func: list,
    },
];

fn nothing(_: &mut World, _: CharId, _: i32, _: &str) -> bool {
    false
}

pub fn show(world: &mut World, ch: CharId, v: i32, _arg: &str) {
    let Some(p) = world.mobprogs.get(&v) else {
        return;
    };
    let text = format!(
        "Vnum:       [{}]\nCode:\n{}",
        v,
        super::string::numbered(&p.code)
    );
    world.send(ch, &text);
}

fn show_cmd(world: &mut World, ch: CharId, v: i32, arg: &str) -> bool {
    show(world, ch, v, arg);
    false
}

fn code(world: &mut World, ch: CharId, v: i32, arg: &str) -> bool {
    if !arg.trim().is_empty() {
        world.send(ch, "Syntax: code\n");
        return false;
    }
    string_append_target(world, ch, super::StringTarget::MobProgCode(v));
    true
}

fn list(world: &mut World, ch: CharId, v: i32, _arg: &str) -> bool {
    let Some(area) = area_of_vnum(world, v) else {
        return false;
    };
    let Some((lo, hi)) = world
        .areas
        .get(area.0)
        .map(|a| (a.proto.low_vnum, a.proto.high_vnum))
    else {
        return false;
    };
    let mut out = String::new();
    for p in world
        .mobprogs
        .values()
        .filter(|p| (lo..=hi).contains(&p.vnum))
    {
        let users: Vec<String> = world
            .mob_index
            .values()
            .filter(|m| m.proto.progs.iter().any(|t| t.prog == p.vnum))
            .map(|m| m.proto.vnum.0.to_string())
            .collect();
        let first = p.code.lines().next().unwrap_or("");
        out.push_str(&format!(
            "[{:5}] {:<40} used by: {}\n",
            p.vnum,
            first.chars().take(40).collect::<String>(),
            if users.is_empty() {
                "none".to_string()
            } else {
                users.join(" ")
            }
        ));
    }
    if out.is_empty() {
        out.push_str("No mob programs in this area.\n");
    }
    world.send(ch, &out);
    false
}

fn create(world: &mut World, ch: CharId, arg: &str) -> bool {
    let Some(v) = parse_vnum(arg) else {
        world.send(ch, "Syntax: mpedit create [vnum]\n");
        return false;
    };
    let Some(area) = area_of_vnum(world, v) else {
        world.send(ch, "MPEdit: That vnum is not assigned an area.\n");
        return false;
    };
    if !is_builder(world, ch, area) {
        world.send(ch, "MPEdit: Vnum in an area you cannot build in.\n");
        return false;
    }
    if world.mobprogs.contains_key(&v) {
        world.send(ch, "MPEdit: Code vnum already exists.\n");
        return false;
    }
    world.mobprogs.insert(
        v,
        MobProg {
            vnum: v,
            code: String::new(),
        },
    );
    super::mark_changed(world, area);
    set_editor(world, ch, Some(Editor::MobProg(v)));
    world.send(ch, "MobProgram code created.\n");
    true
}

fn create_cmd(world: &mut World, ch: CharId, _v: i32, arg: &str) -> bool {
    create(world, ch, arg);
    false
}

/// `mpedit <vnum>` / `mpedit create <vnum>`.
pub fn do_mpedit(world: &mut World, ch: CharId, argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let (first, rest) = one_argument(argument);
    if first == "create" {
        create(world, ch, rest);
        return;
    }
    let Some(v) = parse_vnum(&first) else {
        world.send(
            ch,
            "Syntax : mpedit [vnum]\n         mpedit create [vnum]\n",
        );
        return;
    };
    if !world.mobprogs.contains_key(&v) {
        world.send(ch, "MPEdit : That vnum does not exist.\n");
        return;
    }
    match area_of_vnum(world, v) {
        Some(a) if is_builder(world, ch, a) => set_editor(world, ch, Some(Editor::MobProg(v))),
        Some(_) => world.send(ch, "MPEdit : Insufficient security to modify code.\n"),
        None => world.send(ch, "MPEdit : That program lies in no area.\n"),
    }
}
