//! The OLC text editor (ROM's `string.c`): a builder writes a description
//! a line at a time. Commands on a line of their own:
//!
//! | line | does |
//! |---|---|
//! | `.s` | show the text so far, numbered |
//! | `.c` | clear it |
//! | `.r 'old' 'new'` | replace every `old` with `new` |
//! | `.f` | format: wrap at 77 columns, two spaces after a full stop |
//! | `.ld N` / `.li N text` / `.lr N text` | delete / insert before / replace line N |
//! | `.h` | these commands |
//! | `@` or `~` | finish |
//!
//! Any other line is added to the end. As in ROM, the text is edited in
//! place: each change is the target's text at once (a `look` in the room
//! shows the description being written), and the area is marked changed.
//! A text is at most [`MAX_TEXT`] bytes; a line that would pass it is
//! refused and the text kept.

use crate::world::{CharId, MobVnum, ObjVnum, RoomVnum, World};

use super::{area_of_vnum, mark_changed};

/// ROM's MAX_STRING_LENGTH less a little: the longest text the editor keeps.
pub const MAX_TEXT: usize = 4_600;

/// Which text is being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringTarget {
    RoomDesc(RoomVnum),
    /// A room's extra description, by its keywords.
    RoomExtra(RoomVnum, String),
    /// An exit's description (room, direction).
    ExitDesc(RoomVnum, usize),
    ObjExtra(ObjVnum, String),
    MobDesc(MobVnum),
    /// `World::helps[i].text`.
    HelpText(usize),
    MobProgCode(i32),
}

/// A text being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringEdit {
    pub target: StringTarget,
}

/// The target's text now (`None`: it is gone).
pub fn get_text(world: &World, t: &StringTarget) -> Option<String> {
    match t {
        StringTarget::RoomDesc(v) => world.room(*v).map(|r| r.description.clone()),
        StringTarget::RoomExtra(v, kw) => world
            .room(*v)?
            .extra
            .iter()
            .find(|e| e.keyword == *kw)
            .map(|e| e.description.clone()),
        StringTarget::ExitDesc(v, d) => world
            .room(*v)?
            .exits
            .get(*d)?
            .as_ref()
            .map(|e| e.proto.description.clone()),
        StringTarget::ObjExtra(v, kw) => world
            .obj_index
            .get(v)?
            .proto
            .extra
            .iter()
            .find(|e| e.keyword == *kw)
            .map(|e| e.description.clone()),
        StringTarget::MobDesc(v) => world.mob_index.get(v).map(|m| m.proto.description.clone()),
        StringTarget::HelpText(i) => world.helps.get(*i).map(|h| h.text.clone()),
        StringTarget::MobProgCode(v) => world.mobprogs.get(v).map(|p| p.code.clone()),
    }
}

/// Store `text` as the target's text and mark its area changed. False
/// when the target is gone.
pub fn set_text(world: &mut World, t: &StringTarget, text: String) -> bool {
    // Stored as the area file will give it back: the loader (as ROM's
    // fread_string) skips blanks before a string, and capitalises a
    // mobile's description.
    let mut text = text.trim_start().to_string();
    if matches!(t, StringTarget::MobDesc(_)) {
        let mut cs = text.chars();
        if let Some(f) = cs.next() {
            text = f.to_uppercase().chain(cs).collect();
        }
    }
    let area = match t {
        StringTarget::RoomDesc(v) => {
            let Some(r) = world.rooms.get_mut(v) else {
                return false;
            };
            r.description = text;
            Some(r.area)
        }
        StringTarget::RoomExtra(v, kw) => {
            let Some(r) = world.rooms.get_mut(v) else {
                return false;
            };
            let Some(e) = r.extra.iter_mut().find(|e| e.keyword == *kw) else {
                return false;
            };
            e.description = text;
            Some(r.area)
        }
        StringTarget::ExitDesc(v, d) => {
            let Some(r) = world.rooms.get_mut(v) else {
                return false;
            };
            let Some(e) = r.exits.get_mut(*d).and_then(|e| e.as_mut()) else {
                return false;
            };
            e.proto.description = text;
            Some(r.area)
        }
        StringTarget::ObjExtra(v, kw) => {
            let Some(o) = world.obj_index.get_mut(v) else {
                return false;
            };
            let Some(e) = o.proto.extra.iter_mut().find(|e| e.keyword == *kw) else {
                return false;
            };
            e.description = text;
            Some(o.proto.area)
        }
        StringTarget::MobDesc(v) => {
            let Some(m) = world.mob_index.get_mut(v) else {
                return false;
            };
            m.proto.description = text;
            Some(m.proto.area)
        }
        StringTarget::HelpText(i) => {
            let Some(h) = world.helps.get_mut(*i) else {
                return false;
            };
            h.text = text;
            let area = h.area;
            if area.is_none() {
                world.helps_changed = true;
            }
            area
        }
        StringTarget::MobProgCode(v) => {
            let Some(p) = world.mobprogs.get_mut(v) else {
                return false;
            };
            p.code = text;
            area_of_vnum(world, *v)
        }
    };
    if let Some(a) = area {
        mark_changed(world, a);
    }
    true
}

/// ROM's `string_append`: start writing the target's text.
pub fn string_append(world: &mut World, ch: CharId, target: StringTarget) {
    let Some(text) = get_text(world, &target) else {
        world.send(ch, "There is no such text to edit.\n");
        return;
    };
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return;
    };
    pc.string_edit = Some(StringEdit { target });
    let mut out = String::from(
        "-========- Entering EDIT Mode -=========-\n\
         \x20   Type .h on a new line for help\n\
         \x20Terminate with a ~ or @ on a blank line.\n\
         -=======================================-\n",
    );
    out.push_str(&numbered(&text));
    world.send(ch, &out);
}

/// The text with line numbers, as `.s` shows it.
pub fn numbered(text: &str) -> String {
    let mut out = String::new();
    for (i, l) in text.lines().enumerate() {
        out.push_str(&format!("{:2}. {l}\n", i + 1));
    }
    out
}

const HELP: &str = "Sedit help (commands on blank line):\n\
.r 'old' 'new'   - replace a substring\n\
\x20                  (requires '', \"\")\n\
.h               - get help (this info)\n\
.s               - show string so far\n\
.f               - (word wrap) string\n\
.c               - clear string so far\n\
.ld <num>        - delete line number <num>\n\
.li <num> <str>  - insert <str> before line <num>\n\
.lr <num> <str>  - replace line <num> with <str>\n\
@                - end string\n";

/// ROM's `string_add`: one line typed while writing a text.
pub fn string_add(world: &mut World, ch: CharId, line: &str) {
    let Some(target) = world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .and_then(|p| p.string_edit.as_ref())
        .map(|s| s.target.clone())
    else {
        return;
    };
    let Some(mut text) = get_text(world, &target) else {
        world.send(ch, "The text you were writing is gone.\n");
        finish(world, ch);
        return;
    };
    let line = crate::world::handler::smash_tilde(line);
    let trimmed = line.trim();
    if trimmed == "@" || trimmed == "~" {
        finish(world, ch);
        return;
    }
    if let Some(cmd) = trimmed.strip_prefix('.') {
        let (word, rest) = match cmd.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim_start()),
            None => (cmd, ""),
        };
        match word {
            "c" => {
                set_text(world, &target, String::new());
                world.send(ch, "String cleared.\n");
            }
            "s" => {
                world.send(ch, &format!("String so far:\n{}", numbered(&text)));
            }
            "r" => {
                let (old, rest) = super::first_arg_keep_case(rest);
                let (new, _) = super::first_arg_keep_case(rest);
                if old.is_empty() {
                    world.send(ch, "usage:  .r \"old string\" \"new string\"\n");
                    return;
                }
                let replaced = text.replace(&old, &new);
                if replaced.len() > MAX_TEXT {
                    world.send(ch, "String too long; not replaced.\n");
                    return;
                }
                set_text(world, &target, replaced);
                world.send(ch, &format!("'{old}' replaced with '{new}'.\n"));
            }
            "f" => {
                set_text(world, &target, format_text(&text));
                world.send(ch, "String formatted.\n");
            }
            "h" => world.send(ch, HELP),
            "ld" | "li" | "lr" => {
                let (num, rest) = match rest.split_once(char::is_whitespace) {
                    Some((n, r)) => (n, r),
                    None => (rest, ""),
                };
                let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
                let n = num.parse::<usize>().ok().filter(|&n| n >= 1);
                let Some(n) = n else {
                    world.send(ch, "Which line?\n");
                    return;
                };
                match word {
                    "ld" if n <= lines.len() => {
                        lines.remove(n - 1);
                        world.send(ch, "Line deleted.\n");
                    }
                    "li" if n <= lines.len() + 1 => {
                        lines.insert(n - 1, rest.to_string());
                        world.send(ch, "Line inserted.\n");
                    }
                    "lr" if n <= lines.len() => {
                        lines[n - 1] = rest.to_string();
                        world.send(ch, "Line replaced.\n");
                    }
                    _ => {
                        world.send(ch, "There is no such line.\n");
                        return;
                    }
                }
                let mut joined = lines.join("\n");
                if !joined.is_empty() {
                    joined.push('\n');
                }
                if joined.len() > MAX_TEXT {
                    world.send(ch, "String too long; not changed.\n");
                    return;
                }
                set_text(world, &target, joined);
            }
            _ => world.send(ch, "Invalid dot command.\n"),
        }
        return;
    }
    if text.len() + line.len() + 1 > MAX_TEXT {
        world.send(ch, "String too long, last line skipped.\n");
        return;
    }
    text.push_str(&line);
    text.push('\n');
    set_text(world, &target, text);
}

fn finish(world: &mut World, ch: CharId) {
    let target = world
        .ch_mut(ch)
        .and_then(|c| c.pc.as_mut())
        .and_then(|p| p.string_edit.take())
        .map(|s| s.target);
    // A mob program that was rewritten may have new broken lines to report.
    if let Some(StringTarget::MobProgCode(v)) = target {
        world.mprog.reported.retain(|(p, _)| *p != v);
    }
    world.send(ch, "Ok.\n");
}

/// ROM's `format_string`: the words rewrapped at 77 columns, two spaces
/// after a sentence's end, the first letter of each sentence capitalised.
pub fn format_text(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut new_sentence = true;
    for w in text.split_whitespace() {
        let mut w = w.to_string();
        if new_sentence {
            let mut cs = w.chars();
            if let Some(f) = cs.next() {
                w = f.to_uppercase().chain(cs).collect();
            }
        }
        new_sentence = w.ends_with(['.', '!', '?']);
        words.push(w);
    }
    let mut out = String::new();
    let mut line = String::new();
    let mut after_stop = false;
    for w in words {
        let sep = if line.is_empty() {
            ""
        } else if after_stop {
            "  "
        } else {
            " "
        };
        if !line.is_empty() && line.len() + sep.len() + w.len() > 77 {
            out.push_str(&line);
            out.push('\n');
            line.clear();
            line.push_str(&w);
        } else {
            line.push_str(sep);
            line.push_str(&w);
        }
        after_stop = w.ends_with(['.', '!', '?']);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
