//! Online creation (OLC, as ROM OLC 1.81 and QuickMUD play it): builders
//! edit areas, rooms, objects, mobiles, resets, helps and mob programs from
//! inside the game, and `asave` writes them back as ROM 2.4 area files.
//!
//! Module map: this file holds the editor state, the security rule, the
//! entry commands (`edit`, `aedit`, `redit`, `oedit`, `medit`, `hedit`,
//! `mpedit`) and the dispatcher that hands a builder's lines to the editor
//! they are in; [`string`] is the text editor for descriptions (`.s`, `.c`,
//! `.r`, `.f`, `.h`, `@`); [`aedit`], [`redit`], [`oedit`], [`medit`],
//! [`hedit`], [`mpedit`] are the editors' sub-commands; [`resets`] the
//! `resets` command and the room/area reset helpers; [`asave`] the saving
//! (it runs in the game, which owns the area directory: the command only
//! asks, through [`crate::world::Request::Asave`]).
//!
//! How a line flows (ROM's `run_olc_editor`): a builder writing a text gets
//! every line into [`string::string_add`]; otherwise, in an editor, the
//! first word is matched by prefix against the editor's table in table
//! order (so in `redit`, `n` is `name`, as in ROM); `done` leaves; an empty
//! line shows what is being edited; anything else is an ordinary command.
//!
//! Everything an editor changes is the running world's own data (room
//! fields, the mobile and object prototypes, area headers and resets), so a
//! change shows at once: the next `look` sees the new description, the next
//! mobile made from a prototype has its new level. Instances already made
//! keep what they were made with, as in ROM. The area is marked changed;
//! `asave changed` (and every copyover, first) writes it.
//!
//! Security (ROM's `IS_BUILDER`): a player may edit an area when their
//! security is at least the area's, or their name is on its builder list,
//! or the list says `All`. Departure: the name must be a whole word of the
//! list (ROM's `strstr` let "Bo" build Bob's area).

pub mod aedit;
pub mod asave;
pub mod hedit;
pub mod medit;
pub mod mpedit;
pub mod oedit;
pub mod redit;
pub mod resets;
pub mod string;

use crate::world::handler::one_argument;
use crate::world::{AreaId, CharId, MobVnum, ObjVnum, RoomVnum, World};

pub use string::{string_append as string_append_target, StringEdit, StringTarget};

/// The editor a builder is in, and what it edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editor {
    Area(AreaId),
    Room(RoomVnum),
    Obj(ObjVnum),
    Mob(MobVnum),
    /// An index into `World::helps`.
    Help(usize),
    /// A mob program's vnum.
    MobProg(i32),
}

impl Editor {
    /// The editor's name as the prompt and `olc` show it.
    pub fn name(self) -> &'static str {
        match self {
            Editor::Area(_) => "AEdit",
            Editor::Room(_) => "REdit",
            Editor::Obj(_) => "OEdit",
            Editor::Mob(_) => "MEdit",
            Editor::Help(_) => "HEdit",
            Editor::MobProg(_) => "MPEdit",
        }
    }

    /// What is being edited, as the prompt shows it: a vnum, an area
    /// number, or a help's first keyword.
    pub fn label(self, world: &World) -> String {
        match self {
            Editor::Area(a) => a.0.to_string(),
            Editor::Room(v) => v.0.to_string(),
            Editor::Obj(v) => v.0.to_string(),
            Editor::Mob(v) => v.0.to_string(),
            Editor::Help(i) => world
                .helps
                .get(i)
                .map(|h| one_argument(&h.keywords).0)
                .unwrap_or_default(),
            Editor::MobProg(v) => v.to_string(),
        }
    }
}

/// One sub-command of an editor: its name and what it does. The function
/// returns true when it changed something (the area is then marked
/// changed).
pub struct EdCmd<T> {
    pub name: &'static str,
    pub func: fn(&mut World, CharId, T, &str) -> bool,
}

/// The builder's security (0 for mobiles and characters without one).
pub fn security(world: &World, ch: CharId) -> i32 {
    world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .map_or(0, |p| p.security)
}

/// ROM's `IS_BUILDER`: may `ch` edit `area`?
pub fn is_builder(world: &World, ch: CharId, area: AreaId) -> bool {
    let Some(c) = world.ch(ch) else { return false };
    let Some(pc) = c.pc.as_ref() else {
        return false;
    };
    // A switched immortal plays a mobile, which builds nothing.
    if c.is_npc() {
        return false;
    }
    let Some(a) = world.areas.get(area.0) else {
        return false;
    };
    let builders = &a.proto.builders;
    pc.security >= a.proto.security
        || (!c.name.is_empty()
            && builders
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(&c.name)))
        || builders
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("all"))
}

/// The area whose vnum range holds `vnum`.
pub fn area_of_vnum(world: &World, vnum: i32) -> Option<AreaId> {
    world
        .areas
        .iter()
        .position(|a| (a.proto.low_vnum..=a.proto.high_vnum).contains(&vnum))
        .map(AreaId)
}

/// Mark an area as changed since it was saved.
pub fn mark_changed(world: &mut World, area: AreaId) {
    if let Some(a) = world.areas.get_mut(area.0) {
        a.changed = true;
    }
}

/// The editor `ch` is in.
pub fn editor_of(world: &World, ch: CharId) -> Option<Editor> {
    world.ch(ch)?.pc.as_ref()?.editor
}

/// Put `ch` in an editor (or out of every editor with `None`).
pub fn set_editor(world: &mut World, ch: CharId, editor: Option<Editor>) {
    if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        pc.editor = editor;
    }
}

/// ROM's `edit_done`: leave the editor.
pub fn edit_done(world: &mut World, ch: CharId) {
    set_editor(world, ch, None);
}

/// The area an editor's subject belongs to (for the security check and
/// the changed mark); `None` when the subject is gone.
pub fn editor_area(world: &World, editor: Editor) -> Option<AreaId> {
    match editor {
        Editor::Area(a) => world.areas.get(a.0).map(|_| a),
        Editor::Room(v) => world.room(v).map(|r| r.area),
        Editor::Obj(v) => world.obj_index.get(&v).map(|o| o.proto.area),
        Editor::Mob(v) => world.mob_index.get(&v).map(|m| m.proto.area),
        Editor::Help(i) => world.helps.get(i).and_then(|h| h.area),
        Editor::MobProg(v) => area_of_vnum(world, v),
    }
}

/// Mark what an editor edits as changed: its area, or for a help that
/// belongs to no area, the help files.
pub fn mark_subject_changed(world: &mut World, editor: Editor) {
    match (editor, editor_area(world, editor)) {
        (_, Some(a)) => mark_changed(world, a),
        (Editor::Help(_), None) => world.helps_changed = true,
        _ => {}
    }
}

/// May `ch` edit what `editor` edits? A help without an area needs
/// security 9 (it lives in the help files every builder shares).
pub fn may_edit(world: &World, ch: CharId, editor: Editor) -> bool {
    match (editor, editor_area(world, editor)) {
        (_, Some(a)) => is_builder(world, ch, a),
        (Editor::Help(_), None) => {
            security(world, ch) >= 9 && world.ch(ch).is_some_and(|c| !c.is_npc())
        }
        _ => false,
    }
}

/// Handle one line of a builder in an editor or writing a text. Returns
/// false when the line is an ordinary command (the caller interprets it).
pub fn olc_line(world: &mut World, ch: CharId, line: &str) -> bool {
    let Some(pc) = world.ch(ch).and_then(|c| c.pc.as_ref()) else {
        return false;
    };
    if pc.string_edit.is_some() {
        string::string_add(world, ch, line);
        return true;
    }
    let Some(editor) = pc.editor else {
        return false;
    };
    run_editor(world, ch, editor, line)
}

/// ROM's `run_olc_editor` and the editors' interpreters.
fn run_editor(world: &mut World, ch: CharId, editor: Editor, line: &str) -> bool {
    let line = crate::world::handler::smash_tilde(line);
    let (command, arg) = one_argument(&line);
    if editor_area(world, editor).is_none()
        && !matches!(editor, Editor::Help(i) if i < world.helps.len())
    {
        world.send(ch, "What you were editing is gone.\n");
        edit_done(world, ch);
        return command.is_empty() || command == "done";
    }
    if !may_edit(world, ch, editor) {
        world.send(
            ch,
            &format!("{}:  Insufficient security to modify.\n", editor.name()),
        );
        edit_done(world, ch);
        return true;
    }
    if command == "done" {
        edit_done(world, ch);
        return true;
    }
    macro_rules! dispatch {
        ($table:expr, $target:expr, $show:expr) => {{
            if command.is_empty() {
                $show(world, ch, $target, arg);
                return true;
            }
            if command == "commands" || command == "?" {
                show_commands(world, ch, $table);
                return true;
            }
            for c in $table {
                if c.name.starts_with(&command) {
                    if (c.func)(world, ch, $target, arg) {
                        mark_subject_changed(world, editor);
                    }
                    return true;
                }
            }
            false
        }};
    }
    match editor {
        Editor::Area(a) => dispatch!(aedit::TABLE, a, aedit::show),
        Editor::Room(v) => dispatch!(redit::TABLE, v, redit::show),
        Editor::Obj(v) => dispatch!(oedit::TABLE, v, oedit::show),
        Editor::Mob(v) => dispatch!(medit::TABLE, v, medit::show),
        Editor::Help(i) => dispatch!(hedit::TABLE, i, hedit::show),
        Editor::MobProg(v) => dispatch!(mpedit::TABLE, v, mpedit::show),
    }
}

/// `commands` inside an editor: the sub-commands, six to a line.
pub fn show_commands<T>(world: &mut World, ch: CharId, table: &[EdCmd<T>]) {
    let mut out = String::new();
    for (i, c) in table.iter().enumerate() {
        out.push_str(&format!("{:<15}", c.name));
        if i % 5 == 4 {
            out.push('\n');
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("done           (leave the editor)\n");
    world.send(ch, &out);
}

/// `edit <area|room|object|mobile|mpcode|help> [arguments]` (ROM's
/// `do_olc`): the editors by one name.
pub fn do_edit(world: &mut World, ch: CharId, argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let (which, rest) = one_argument(argument);
    let f: fn(&mut World, CharId, &str) = match which.as_str() {
        "area" => aedit::do_aedit,
        "room" => redit::do_redit,
        "object" => oedit::do_oedit,
        "mobile" => medit::do_medit,
        "mpcode" => mpedit::do_mpedit,
        "help" => hedit::do_hedit,
        _ => {
            world.send(
                ch,
                "Syntax:  edit <editor> [arguments]\n\
                 Editors: area, room, object, mobile, mpcode, help.\n",
            );
            return;
        }
    };
    f(world, ch, rest);
}

/// What `oedit` and `medit` share at the door: `<vnum>` opens that
/// prototype (when the builder may edit its area), `create <vnum>` makes one.
pub struct VnumEditor {
    /// "OEdit", "MEdit".
    pub name: &'static str,
    /// "object", "mobile" (in the syntax lines), and the plural in the
    /// security refusal ("objects").
    pub noun: &'static str,
    pub plural: &'static str,
    pub create: fn(&mut World, CharId, &str),
    /// The area of an existing prototype.
    pub area_of: fn(&World, i32) -> Option<AreaId>,
    pub editor: fn(i32) -> Editor,
}

/// `oedit`/`medit <vnum | create <vnum>>`.
pub fn enter_vnum_editor(world: &mut World, ch: CharId, argument: &str, e: &VnumEditor) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let (arg1, rest) = first_arg_keep_case(argument);
    if arg1.eq_ignore_ascii_case("create") {
        (e.create)(world, ch, rest);
        return;
    }
    let cmd = e.name.to_ascii_lowercase();
    let syntax = format!("Syntax:  {cmd} [vnum]\n\x20        {cmd} create [vnum]\n");
    if arg1.is_empty() {
        world.send(
            ch,
            &format!(
                "{}:  There is no default {} to edit.\n{syntax}",
                e.name, e.noun
            ),
        );
        return;
    }
    let Some(vnum) = parse_vnum(&arg1) else {
        world.send(ch, &syntax);
        return;
    };
    let Some(area) = (e.area_of)(world, vnum) else {
        world.send(ch, &format!("{}:  That vnum does not exist.\n", e.name));
        return;
    };
    if !is_builder(world, ch, area) {
        world.send(
            ch,
            &format!("Insufficient security to modify {}.\n", e.plural),
        );
        return;
    }
    set_editor(world, ch, Some((e.editor)(vnum)));
}

/// A prototype an editor changes in place, found by its vnum (`medit`'s
/// mobiles, `oedit`'s objects).
pub(super) trait EditedProto: Copy {
    type Proto;
    fn proto_mut(self, world: &mut World) -> Option<&mut Self::Proto>;
}

impl EditedProto for MobVnum {
    type Proto = crate::world::proto::MobProto;
    fn proto_mut(self, world: &mut World) -> Option<&mut Self::Proto> {
        world.mob_index.get_mut(&self).map(|m| &mut m.proto)
    }
}

impl EditedProto for ObjVnum {
    type Proto = crate::world::proto::ObjProto;
    fn proto_mut(self, world: &mut World) -> Option<&mut Self::Proto> {
        world.obj_index.get_mut(&self).map(|o| &mut o.proto)
    }
}

/// Set one field of prototype `v` and tell the builder `done`; with no
/// value (an empty text, a word that is not a number) tell `syntax`
/// instead. Whether the prototype changed.
pub(super) fn set_field<V: EditedProto, T>(
    world: &mut World,
    ch: CharId,
    v: V,
    value: Option<T>,
    (syntax, done): (&str, &str),
    field: fn(&mut V::Proto) -> &mut T,
) -> bool {
    let Some(value) = value else {
        world.send(ch, syntax);
        return false;
    };
    let Some(p) = v.proto_mut(world) else {
        return false;
    };
    *field(p) = value;
    world.send(ch, done);
    true
}

/// Parse a vnum argument.
pub fn parse_vnum(arg: &str) -> Option<i32> {
    one_argument(arg).0.parse::<i32>().ok().filter(|&v| v > 0)
}

/// Parse a plain number.
pub fn parse_num(arg: &str) -> Option<i32> {
    arg.trim().parse::<i32>().ok()
}

/// The first word of `arg` with its case kept (quotes allowed), and the
/// rest: for names and keywords, which one_argument would lowercase.
pub fn first_arg_keep_case(arg: &str) -> (String, &str) {
    let (word, rest) = crate::world::handler::first_arg(arg);
    (word.to_string(), rest)
}

/// Toggle the flags named in `arg` (every word must name one of `table`);
/// `None` when a word names no flag.
pub fn toggle_flags(
    table: &[crate::db::tables::FlagName],
    bits: crate::world::Flags,
    arg: &str,
) -> Option<crate::world::Flags> {
    let mut out = bits;
    let mut any = false;
    for w in arg.split_whitespace() {
        let f = crate::db::tables::flag_lookup(table, w)?;
        out ^= f;
        any = true;
    }
    any.then_some(out)
}

/// The names of a flag table, for syntax lines.
pub fn flag_names(table: &[crate::db::tables::FlagName]) -> String {
    let mut out = String::new();
    for (i, f) in table.iter().enumerate() {
        out.push_str(&format!("{:<19}", f.name));
        if i % 4 == 3 {
            out.push('\n');
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// ROM's `olc_ed_name`/`olc_ed_vnum` for the prompt: `[REdit 3001] `, or
/// nothing outside the editors.
pub fn prompt_tag(world: &World, ch: CharId) -> Option<String> {
    let e = editor_of(world, ch)?;
    Some(format!("[{} {}] ", e.name(), e.label(world)))
}

#[cfg(test)]
pub(crate) mod tests;

/// What a builder is editing, as a copyover's snapshot carries it (one
/// line's worth after `Editor P<id> `): the editor and, when a text is
/// being written, which. Helps are named by their keywords (their order
/// may differ in the next image); texts end with `~`.
pub fn editor_record(world: &World, ch: CharId) -> Option<String> {
    let pc = world.ch(ch)?.pc.as_ref()?;
    let help_kw = |i: usize| {
        world
            .helps
            .get(i)
            .map(|h| crate::world::handler::smash_tilde(&h.keywords))
    };
    let ed = match pc.editor {
        None => "none".to_string(),
        Some(Editor::Area(a)) => format!(
            "area {}~",
            world
                .areas
                .get(a.0)
                .map_or(String::new(), |x| crate::world::handler::smash_tilde(
                    &x.proto.file
                ))
        ),
        Some(Editor::Room(v)) => format!("room {}", v.0),
        Some(Editor::Obj(v)) => format!("obj {}", v.0),
        Some(Editor::Mob(v)) => format!("mob {}", v.0),
        Some(Editor::Help(i)) => format!("help {}~", help_kw(i)?),
        Some(Editor::MobProg(v)) => format!("mprog {v}"),
    };
    let text = match pc.string_edit.as_ref().map(|s| &s.target) {
        None => "none".to_string(),
        Some(StringTarget::RoomDesc(v)) => format!("roomdesc {}", v.0),
        Some(StringTarget::RoomExtra(v, kw)) => format!(
            "roomextra {} {}~",
            v.0,
            crate::world::handler::smash_tilde(kw)
        ),
        Some(StringTarget::ExitDesc(v, d)) => format!("exitdesc {} {d}", v.0),
        Some(StringTarget::ObjExtra(v, kw)) => format!(
            "objextra {} {}~",
            v.0,
            crate::world::handler::smash_tilde(kw)
        ),
        Some(StringTarget::MobDesc(v)) => format!("mobdesc {}", v.0),
        Some(StringTarget::HelpText(i)) => format!("helptext {}~", help_kw(*i)?),
        Some(StringTarget::MobProgCode(v)) => format!("mpcode {v}"),
    };
    if pc.editor.is_none() && pc.string_edit.is_none() {
        return None;
    }
    Some(format!("{ed}|{text}"))
}

/// Put a builder back in the editor an [`editor_record`] names, if what it
/// edited still exists; otherwise a note for the log.
pub fn restore_editor_record(world: &mut World, ch: CharId, rec: &str) -> Result<(), String> {
    let (ed, text) = rec
        .split_once('|')
        .ok_or_else(|| format!("bad editor record '{rec}'"))?;
    let help_by_kw = |world: &World, kw: &str| {
        world
            .helps
            .iter()
            .position(|h| crate::world::handler::smash_tilde(&h.keywords) == kw)
    };
    let (kind, rest) = ed.split_once(' ').unwrap_or((ed, ""));
    let vnum = || rest.trim().parse::<i32>().ok();
    let editor = match kind {
        "none" => None,
        "area" => {
            let file = rest.trim_end_matches('~');
            world
                .areas
                .iter()
                .position(|a| a.proto.file == file)
                .map(|i| Editor::Area(AreaId(i)))
        }
        "room" => vnum()
            .map(RoomVnum)
            .filter(|v| world.rooms.contains_key(v))
            .map(Editor::Room),
        "obj" => vnum()
            .map(ObjVnum)
            .filter(|v| world.obj_index.contains_key(v))
            .map(Editor::Obj),
        "mob" => vnum()
            .map(MobVnum)
            .filter(|v| world.mob_index.contains_key(v))
            .map(Editor::Mob),
        "help" => help_by_kw(world, rest.trim_end_matches('~')).map(Editor::Help),
        "mprog" => vnum()
            .filter(|v| world.mobprogs.contains_key(v))
            .map(Editor::MobProg),
        _ => return Err(format!("bad editor record '{rec}'")),
    };
    let (tkind, trest) = text.split_once(' ').unwrap_or((text, ""));
    let mut parts = trest.splitn(2, ' ');
    let v = parts.next().and_then(|x| x.parse::<i32>().ok());
    let tail = parts.next().unwrap_or("").trim_end_matches('~').to_string();
    let target = match (tkind, v) {
        ("none", _) => None,
        ("roomdesc", Some(v)) => Some(StringTarget::RoomDesc(RoomVnum(v))),
        ("roomextra", Some(v)) => Some(StringTarget::RoomExtra(RoomVnum(v), tail)),
        ("exitdesc", Some(v)) => tail
            .parse::<usize>()
            .ok()
            .filter(|d| *d < 6)
            .map(|d| StringTarget::ExitDesc(RoomVnum(v), d)),
        ("objextra", Some(v)) => Some(StringTarget::ObjExtra(ObjVnum(v), tail)),
        ("mobdesc", Some(v)) => Some(StringTarget::MobDesc(MobVnum(v))),
        ("helptext", _) => {
            help_by_kw(world, trest.trim_end_matches('~')).map(StringTarget::HelpText)
        }
        ("mpcode", Some(v)) => Some(StringTarget::MobProgCode(v)),
        _ => return Err(format!("bad editor record '{rec}'")),
    };
    let target = target.filter(|t| string::get_text(world, t).is_some());
    let lost = (kind != "none" && editor.is_none()) || (tkind != "none" && target.is_none());
    if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        pc.editor = editor;
        pc.string_edit = target.map(|target| StringEdit { target });
    }
    if lost {
        world.send(ch, "What you were editing is gone.\n");
        return Err(format!("editor record '{rec}': its subject is gone"));
    }
    Ok(())
}
