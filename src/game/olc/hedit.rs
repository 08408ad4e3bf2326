//! `hedit`: help entries.
//!
//! `hedit <keyword>` edits the help that keyword finds; `hedit new
//! <keywords>` makes one (in the area you stand in, or, with security 9,
//! among the shared helps of the help file when the room's area is not
//! yours). Sub-commands: `keyword <keywords>`, `level <n>` (-1 hides the
//! keyword line, as in area files), `text` (the text editor), `delete`,
//! `list [all]`, `show`.

use super::{is_builder, may_edit, security, set_editor, string_append_target, EdCmd, Editor};
use crate::world::handler::{is_name, one_argument};
use crate::world::{CharId, Help, World, MAX_LEVEL};

pub static TABLE: &[EdCmd<usize>] = &[
    EdCmd {
        name: "keyword",
        func: keyword,
    },
    EdCmd {
        name: "text",
        func: text,
    },
    EdCmd {
        name: "new",
        func: new_cmd,
    },
    EdCmd {
        name: "level",
        func: level,
    },
    EdCmd {
        name: "delete",
        func: delete,
    },
    EdCmd {
        name: "list",
        func: list,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
];

pub fn show(world: &mut World, ch: CharId, i: usize, _arg: &str) {
    let Some(h) = world.helps.get(i) else { return };
    let area = h
        .area
        .and_then(|a| world.areas.get(a.0))
        .map_or("(the help file)".to_string(), |a| a.proto.file.clone());
    let text = format!(
        "Keyword : [{}]\nLevel   : [{}]\nFile    : [{}]\nText    :\n{}",
        h.keywords, h.level, area, h.text
    );
    world.send(ch, &text);
}

fn show_cmd(world: &mut World, ch: CharId, i: usize, arg: &str) -> bool {
    show(world, ch, i, arg);
    false
}

fn keyword(world: &mut World, ch: CharId, i: usize, arg: &str) -> bool {
    let kw = arg.trim();
    if kw.is_empty() {
        world.send(ch, "Syntax: keyword [keywords]\n");
        return false;
    }
    if let Some(h) = world.helps.get_mut(i) {
        h.keywords = kw.to_uppercase();
    }
    world.send(ch, "Ok.\n");
    true
}

fn level(world: &mut World, ch: CharId, i: usize, arg: &str) -> bool {
    let Some(n) = arg
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (-1..=MAX_LEVEL).contains(n))
    else {
        world.send(ch, &format!("Syntax: level [-1..{MAX_LEVEL}]\n"));
        return false;
    };
    if let Some(h) = world.helps.get_mut(i) {
        h.level = n;
    }
    world.send(ch, "Ok.\n");
    true
}

fn text(world: &mut World, ch: CharId, i: usize, arg: &str) -> bool {
    if !arg.trim().is_empty() {
        world.send(ch, "Syntax: text\n");
        return false;
    }
    string_append_target(world, ch, super::StringTarget::HelpText(i));
    true
}

fn new_cmd(world: &mut World, ch: CharId, _i: usize, arg: &str) -> bool {
    new_help(world, ch, arg);
    false
}

/// Make a help with these keywords and edit it.
fn new_help(world: &mut World, ch: CharId, arg: &str) {
    let kw = arg.trim();
    if kw.is_empty() {
        world.send(ch, "Syntax: hedit new [keywords]\n");
        return;
    }
    if world
        .helps
        .iter()
        .any(|h| h.keywords.eq_ignore_ascii_case(kw))
    {
        world.send(ch, "HEdit : help exists.\n");
        return;
    }
    let here = world
        .ch(ch)
        .and_then(|c| c.room)
        .and_then(|r| world.room(r))
        .map(|r| r.area);
    let area = here.filter(|&a| is_builder(world, ch, a));
    if area.is_none() && security(world, ch) < 9 {
        world.send(ch, "HEdit : insufficient security to add helps here.\n");
        return;
    }
    world.helps.push(Help {
        level: 0,
        keywords: kw.to_uppercase(),
        text: String::new(),
        area,
    });
    let i = world.helps.len() - 1;
    super::mark_subject_changed(world, Editor::Help(i));
    set_editor(world, ch, Some(Editor::Help(i)));
    world.send(ch, "Help created.\n");
}

fn delete(world: &mut World, ch: CharId, i: usize, _arg: &str) -> bool {
    super::mark_subject_changed(world, Editor::Help(i));
    if i >= world.helps.len() {
        return false;
    }
    world.helps.remove(i);
    // Whoever edits a later help keeps editing it; whoever edits this one
    // is out.
    let ids: Vec<CharId> = world.players.clone();
    for p in ids {
        if let Some(pc) = world.ch_mut(p).and_then(|c| c.pc.as_mut()) {
            match pc.editor {
                Some(Editor::Help(j)) if j == i => pc.editor = None,
                Some(Editor::Help(j)) if j > i => pc.editor = Some(Editor::Help(j - 1)),
                _ => {}
            }
            if let Some(super::StringTarget::HelpText(j)) =
                pc.string_edit.as_ref().map(|s| s.target.clone())
            {
                if j == i {
                    pc.string_edit = None;
                } else if j > i {
                    pc.string_edit = Some(super::StringEdit {
                        target: super::StringTarget::HelpText(j - 1),
                    });
                }
            }
        }
    }
    world.send(ch, "Help deleted.\n");
    false
}

fn list(world: &mut World, ch: CharId, i: usize, arg: &str) -> bool {
    let (which, _) = one_argument(arg);
    let area = world.helps.get(i).and_then(|h| h.area);
    let mut out = String::new();
    let mut n = 0;
    for h in &world.helps {
        if which != "all" && h.area != area {
            continue;
        }
        let first: String = one_argument(&h.keywords).0.chars().take(20).collect();
        out.push_str(&format!("{n:3}. {first:<20}"));
        n += 1;
        if n % 3 == 0 {
            out.push('\n');
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    world.send(ch, &out);
    false
}

/// `hedit <keyword>` / `hedit new <keywords>`.
pub fn do_hedit(world: &mut World, ch: CharId, argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let (first, rest) = one_argument(argument);
    if first == "new" {
        new_help(world, ch, rest);
        return;
    }
    let want = argument.trim();
    if want.is_empty() {
        world.send(
            ch,
            "Syntax: hedit [keyword]\n        hedit new [keywords]\n",
        );
        return;
    }
    let found = world
        .helps
        .iter()
        .position(|h| h.keywords.eq_ignore_ascii_case(want))
        .or_else(|| world.helps.iter().position(|h| is_name(want, &h.keywords)));
    let Some(i) = found else {
        world.send(ch, "HEdit:  There is no default help to edit.\n");
        return;
    };
    if !may_edit(world, ch, Editor::Help(i)) {
        world.send(ch, "Insufficient security to edit helps.\n");
        return;
    }
    set_editor(world, ch, Some(Editor::Help(i)));
}
