//! Section loaders (format document sections 2 and 3) and the link phase
//! (2.4, 2.5).
//!
//! A [`Loader`] accumulates one world from any number of files. Each file is
//! read by a `FileParser`: a section dispatcher (`#NAME` ... `#$`) and one
//! loader per section, reading with the token methods of [`Reader`]. Errors
//! never stop a file: a bad token is reported and the parser resynchronises
//! at the next record (`#<vnum>`), the next line (resets, shops, specials),
//! the next help or the next section, so one run reports every problem.
//! Unknown words (race, attack, spell, ...) are reported without losing the
//! record. Cross references are only *recorded* while parsing; [`Loader::link`]
//! resolves them once every file is in, so load order does not matter.
//!
//! This module is for turning area text into [`Protos`]; it does not create
//! instances or run resets (`crate::world` does).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use super::reader::{latin1, FieldExt, Mark, Pos, Reader, Result, SyntaxError, SECTION_NAMES};
use super::tables::{self, Named, ValueLayout};
use super::{Diagnostic, LoadReport, Severity};
use crate::world::flags::*;
use crate::world::proto::*;
use crate::world::rules;

/// Where something was written: file index and position.
#[derive(Clone, Copy, Debug)]
struct Loc {
    file: usize,
    pos: Pos,
}

/// What a recorded reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Target {
    Room(i32),
    Mob(i32),
    Obj(i32),
}

impl Target {
    fn describe(self) -> String {
        match self {
            Target::Room(v) => format!("room #{v}"),
            Target::Mob(v) => format!("mobile #{v}"),
            Target::Obj(v) => format!("object #{v}"),
        }
    }
    fn vnum(self) -> i32 {
        match self {
            Target::Room(v) | Target::Mob(v) | Target::Obj(v) => v,
        }
    }
}

/// A reference made by a reset line, checked in the link phase.
#[derive(Clone, Copy, Debug)]
struct RefCheck {
    target: Target,
    /// The reset command letter.
    cmd: u8,
    /// What the reset does with the target ("loads", "puts it into", ...).
    verb: &'static str,
    loc: Loc,
}

/// One exit, remembered for the link phase.
#[derive(Clone, Copy, Debug)]
struct ExitRef {
    room: i32,
    dir: usize,
    to: i32,
    key: i32,
    to_loc: Loc,
    key_loc: Loc,
}

/// A `D` reset: the exit must exist and be a door.
#[derive(Clone, Copy, Debug)]
struct DoorCheck {
    room: i32,
    dir: usize,
    loc: Loc,
}

/// Per-area state of the `#RESETS` checks that depend on earlier lines.
#[derive(Clone, Debug, Default)]
struct ResetState {
    has_mob: bool,
    has_room_cmd: bool,
    loaded_objs: HashSet<i32>,
}

/// Accumulates protos, diagnostics and pending references across files.
#[derive(Debug, Default)]
pub struct Loader {
    protos: Protos,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Display paths by file index.
    files: Vec<String>,
    exits: Vec<ExitRef>,
    reset_refs: Vec<RefCheck>,
    door_checks: Vec<DoorCheck>,
    shops: Vec<(Shop, Loc)>,
    specials: Vec<(i32, &'static str, Loc)>,
    prog_links: Vec<(i32, i32, Loc)>,
    reset_state: Vec<ResetState>,
    /// `#OBJOLD` objects, to be given a level from the resets that load them.
    old_objs: HashSet<i32>,
    social_names: HashMap<String, Loc>,
    /// Records dropped because of a syntax error: references to them are
    /// not reported again (the error already explains them).
    broken: HashSet<Target>,
}

/// Capitalises the first byte if it is an ASCII letter (ROM's `UPPER`).
fn upper_first(s: &mut str) {
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
}

/// Lower-cases the first byte if it is an ASCII letter (ROM's `LOWER`).
fn lower_first(s: &mut str) {
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
}

/// "a, b, c, ..." for messages: the first names of a table.
fn name_list<T: Named>(table: &[T]) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<&str> = table.iter().take(SHOWN).map(Named::name).collect();
    if table.len() > SHOWN {
        out.push("...");
    }
    out.join(", ")
}

/// ROM's `interpolate(level, value_00, value_32)`.
fn interpolate(level: i32, v00: i32, v32: i32) -> i32 {
    v00 + level * (v32 - v00) / 32
}

impl Loader {
    fn diag(&mut self, severity: Severity, loc: Loc, message: String) {
        let d = Diagnostic {
            file: self.files.get(loc.file).cloned().unwrap_or_default(),
            line: loc.pos.line,
            col: loc.pos.col,
            severity,
            message,
        };
        match severity {
            Severity::Error => self.errors.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

    fn add_file(&mut self, display: &str) -> usize {
        self.files.push(display.to_owned());
        self.files.len() - 1
    }

    /// Parses one file. `list_name` is the name as `area.lst` gives it (kept
    /// in `AreaProto::file`); `display` is the path used in messages.
    pub fn parse_file(&mut self, list_name: &str, display: &str, text: &[u8]) {
        let file = self.add_file(display);
        let mut parser = FileParser {
            rd: Reader::new(text),
            ld: self,
            file,
            list_name,
            area: None,
            section: "",
            vnum: None,
            at_end: false,
        };
        parser.run();
        for (pos, message) in parser.rd.take_warnings() {
            parser
                .ld
                .diag(Severity::Warning, Loc { file, pos }, message);
        }
    }

    /// Whether some loaded area's vnum range includes `vnum`.
    fn covered(&self, vnum: i32) -> bool {
        self.protos.areas.iter().any(|a| {
            (a.low_vnum != 0 || a.high_vnum != 0) && a.low_vnum <= vnum && vnum <= a.high_vnum
        })
    }

    fn exists(&self, target: Target) -> bool {
        match target {
            Target::Room(v) => self.protos.rooms.contains_key(&RoomVnum(v)),
            Target::Mob(v) => self.protos.mobs.contains_key(&MobVnum(v)),
            Target::Obj(v) => self.protos.objs.contains_key(&ObjVnum(v)),
        }
    }

    /// Reports a reference that does not resolve: an error when a loaded
    /// area covers the vnum (so it should exist), else a warning that the
    /// area holding it is not loaded. `consequence` is appended to warnings.
    fn dangling(&mut self, loc: Loc, what: &str, target: Target, consequence: &str) {
        if self.broken.contains(&target) {
            return;
        }
        let vnum = target.vnum();
        if self.covered(vnum) {
            let msg = format!("{what} {}, which does not exist", target.describe());
            self.diag(Severity::Error, loc, msg);
        } else {
            let msg = format!(
                "{what} {}, which is not loaded (no loaded area covers vnum {vnum}); {consequence}",
                target.describe()
            );
            self.diag(Severity::Warning, loc, msg);
        }
    }

    /// The link phase (2.4, 2.5): resolves every recorded reference and
    /// applies ROM's load-time adjustments. Consumes the loader.
    pub fn link(mut self) -> LoadReport {
        self.link_shops_and_specials();
        self.link_exits();
        self.link_resets();
        self.adjust_rooms();
        self.check_reverse_exits();
        self.level_old_objects();
        LoadReport {
            protos: self.protos,
            errors: self.errors,
            warnings: self.warnings,
            elapsed: std::time::Duration::ZERO,
        }
    }

    fn link_shops_and_specials(&mut self) {
        for (shop, loc) in std::mem::take(&mut self.shops) {
            let keeper = shop.keeper.0;
            match self.protos.mobs.get_mut(&shop.keeper) {
                Some(mob) => {
                    let replaced = mob.shop.replace(shop).is_some();
                    if replaced {
                        let msg = format!(
                            "in #SHOPS: mobile #{keeper} already has a shop; this one replaces it"
                        );
                        self.diag(Severity::Warning, loc, msg);
                    }
                }
                None => self.dangling(
                    loc,
                    "in #SHOPS: the shop keeper is",
                    Target::Mob(keeper),
                    "the shop is ignored",
                ),
            }
        }
        for (vnum, name, loc) in std::mem::take(&mut self.specials) {
            match self.protos.mobs.get_mut(&MobVnum(vnum)) {
                Some(mob) => {
                    if let Some(old) = mob.spec_fun.replace(name.to_owned()) {
                        let msg = format!(
                            "in #SPECIALS: mobile #{vnum} already has {old}; {name} replaces it"
                        );
                        self.diag(Severity::Warning, loc, msg);
                    }
                }
                None => self.dangling(
                    loc,
                    "in #SPECIALS: the special function is for",
                    Target::Mob(vnum),
                    "it is ignored",
                ),
            }
        }
        for (mob, prog, loc) in std::mem::take(&mut self.prog_links) {
            if !self.protos.mobprogs.contains_key(&prog) {
                let msg = format!(
                    "in #MOBILES #{mob}: mobprog #{prog} does not exist (no #MOBPROGS entry)"
                );
                self.diag(Severity::Error, loc, msg);
            }
        }
    }

    fn link_exits(&mut self) {
        for i in 0..self.exits.len() {
            let e = self.exits[i];
            let dir = DIR_NAMES[e.dir];
            if e.to > 0 && !self.protos.rooms.contains_key(&RoomVnum(e.to)) {
                let what = format!("in #ROOMS #{}: exit {dir} leads to", e.room);
                self.dangling(
                    e.to_loc,
                    &what,
                    Target::Room(e.to),
                    "the exit leads nowhere",
                );
                if let Some(Some(exit)) = self
                    .protos
                    .rooms
                    .get_mut(&RoomVnum(e.room))
                    .map(|r| r.exits[e.dir].as_mut())
                {
                    exit.to = None;
                }
            }
            if e.key > 0 && !self.protos.objs.contains_key(&ObjVnum(e.key)) {
                let msg = format!(
                    "in #ROOMS #{}: exit {dir} names key object #{}, which does not exist; the door cannot be unlocked with a key",
                    e.room, e.key
                );
                self.diag(Severity::Warning, e.key_loc, msg);
            }
        }
    }

    fn link_resets(&mut self) {
        for r in std::mem::take(&mut self.reset_refs) {
            if !self.exists(r.target) {
                let what = format!("in #RESETS: '{}' reset {}", char::from(r.cmd), r.verb);
                self.dangling(r.loc, &what, r.target, "the reset does nothing");
            }
        }
        for d in std::mem::take(&mut self.door_checks) {
            let dir = DIR_NAMES[d.dir];
            let Some(room) = self.protos.rooms.get(&RoomVnum(d.room)) else {
                self.dangling(
                    d.loc,
                    "in #RESETS: 'D' reset sets a door of",
                    Target::Room(d.room),
                    "the reset does nothing",
                );
                continue;
            };
            let problem = match &room.exits[d.dir] {
                None => Some(format!("room #{} has no exit {dir}", d.room)),
                Some(exit) if exit.flags & EX_ISDOOR == 0 => Some(format!(
                    "exit {dir} of room #{} is not a door (lock code 0)",
                    d.room
                )),
                Some(_) => None,
            };
            if let Some(problem) = problem {
                self.diag(
                    Severity::Error,
                    d.loc,
                    format!("in #RESETS: 'D' reset: {problem}"),
                );
            }
        }
    }

    /// NO_MOB for rooms without a usable exit, LAW for 3000-3399 (2.5).
    fn adjust_rooms(&mut self) {
        for room in self.protos.rooms.values_mut() {
            if room.exits.iter().flatten().all(|e| e.to.is_none()) {
                room.flags |= ROOM_NO_MOB;
            }
            if (3000..=3399).contains(&room.vnum.0) {
                room.flags |= ROOM_LAW;
            }
        }
    }

    /// Warns about exits whose reverse exit leads elsewhere (2.5): the first
    /// few individually, the rest as one count.
    fn check_reverse_exits(&mut self) {
        const LISTED: usize = 10;
        let mut found = Vec::new();
        for e in &self.exits {
            let Some(room) = self.protos.rooms.get(&RoomVnum(e.room)) else {
                continue;
            };
            let Some(to) = room.exits[e.dir].as_ref().and_then(|x| x.to) else {
                continue;
            };
            let Some(back) = self
                .protos
                .rooms
                .get(&to)
                .and_then(|t| t.exits[REV_DIR[e.dir]].as_ref())
            else {
                continue;
            };
            if back.to != Some(RoomVnum(e.room)) {
                let leads = back
                    .to
                    .map_or_else(|| "nowhere".to_owned(), |v| format!("to #{}", v.0));
                found.push((
                    e.to_loc,
                    format!(
                        "in #ROOMS #{}: exit {} leads to #{}, but the {} exit of #{} leads {leads}",
                        e.room, DIR_NAMES[e.dir], to.0, DIR_NAMES[REV_DIR[e.dir]], to.0
                    ),
                ));
            }
        }
        let total = found.len();
        for (i, (loc, msg)) in found.into_iter().enumerate() {
            if i < LISTED {
                self.diag(Severity::Warning, loc, msg);
            } else {
                let msg = format!("{} more asymmetric exits not listed", total - LISTED);
                self.diag(Severity::Warning, loc, msg);
                break;
            }
        }
    }

    /// Gives `#OBJOLD` objects the level of the first reset that loads them
    /// (ROM: the last mobile's level - 2, clamped to 0..50) and the weapon
    /// dice and armour values ROM derives from it (without ROM's random fuzz).
    fn level_old_objects(&mut self) {
        if self.old_objs.is_empty() {
            return;
        }
        let mut levels: HashMap<i32, i32> = HashMap::new();
        for area in &self.protos.areas {
            let mut level = 0;
            for reset in &area.resets {
                let obj = match reset.cmd {
                    ResetCmd::Mob { mob, .. } => {
                        if let Some(m) = self.protos.mobs.get(&mob) {
                            level = m.level.saturating_sub(2).clamp(0, 50);
                        }
                        continue;
                    }
                    ResetCmd::Obj { obj, .. }
                    | ResetCmd::Put { obj, .. }
                    | ResetCmd::Give { obj, .. }
                    | ResetCmd::Equip { obj, .. } => obj,
                    ResetCmd::Door { .. } | ResetCmd::Randomize { .. } => continue,
                };
                if self.old_objs.contains(&obj.0) {
                    levels.entry(obj.0).or_insert(level);
                }
            }
        }
        for vnum in &self.old_objs {
            let Some(obj) = self.protos.objs.get_mut(&ObjVnum(*vnum)) else {
                continue;
            };
            let level = levels.get(vnum).copied().unwrap_or(0);
            obj.level = level;
            let l = i64::from(level);
            match obj.item_type {
                item::WEAPON => {
                    obj.values[1] = l / 4 + 2;
                    obj.values[2] = 3 * l / 4 + 6;
                }
                item::ARMOR => {
                    for v in &mut obj.values[..3] {
                        *v = l / 5 + 3;
                    }
                }
                _ => {}
            }
        }
    }
}

/// Loads `dir/area.lst` and every file it names; returns the report and the
/// display paths of the files read, in load order.
pub fn load_dir(dir: &Path) -> (LoadReport, Vec<String>) {
    let start = Instant::now();
    let mut ld = Loader::default();
    let lst_path = dir.join("area.lst");
    let lst_display = lst_path.display().to_string();
    let list_file = ld.add_file(&lst_display);
    match std::fs::read(&lst_path) {
        Err(e) => {
            let loc = Loc {
                file: list_file,
                pos: Pos { line: 1, col: 1 },
            };
            ld.diag(
                Severity::Error,
                loc,
                format!("cannot read the area list: {e}"),
            );
        }
        Ok(bytes) => read_area_list(&mut ld, dir, list_file, &bytes),
    }
    let files = ld.files.clone();
    let mut report = ld.link();
    report.elapsed = start.elapsed();
    (report, files)
}

fn read_area_list(ld: &mut Loader, dir: &Path, list_file: usize, bytes: &[u8]) {
    let mut rd = Reader::new(bytes);
    let mut seen = HashSet::new();
    loop {
        if rd.at_eof() {
            let loc = Loc {
                file: list_file,
                pos: rd.pos(),
            };
            ld.diag(Severity::Error, loc, "missing terminating '$'".to_owned());
            return;
        }
        let word = match rd.word() {
            Ok(w) => w,
            Err(e) => {
                ld.diag(
                    Severity::Error,
                    Loc {
                        file: list_file,
                        pos: e.pos,
                    },
                    e.message,
                );
                return;
            }
        };
        let loc = Loc {
            file: list_file,
            pos: rd.token_start(),
        };
        match word.first() {
            Some(b'$') => return,
            Some(b'-') => {
                let msg = format!(
                    "'{}': reading an area from standard input is not supported",
                    latin1(word)
                );
                ld.diag(Severity::Error, loc, msg);
                continue;
            }
            _ => {}
        }
        let name = latin1(word);
        if !seen.insert(name.clone()) {
            ld.diag(Severity::Error, loc, format!("'{name}' is listed twice"));
            continue;
        }
        let path = dir.join(&name);
        let display = path.display().to_string();
        match std::fs::read(&path) {
            Ok(text) => ld.parse_file(&name, &display, &text),
            Err(e) => ld.diag(
                Severity::Error,
                loc,
                format!("cannot read '{display}': {e}"),
            ),
        }
    }
}

/// Field names of the five object values, for messages.
const VALUE_NAMES: [&str; 5] = ["value 0", "value 1", "value 2", "value 3", "value 4"];
const SPELL_NAMES: [&str; 5] = ["spell 0", "spell 1", "spell 2", "spell 3", "spell 4"];

/// Which record grammar a `#<vnum>` section uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecordKind {
    Mobile,
    MobOld,
    Object,
    ObjOld,
    Room,
    MobProg,
}

impl RecordKind {
    /// What may follow a record other than the next `#`.
    fn trailers(self) -> &'static str {
        match self {
            RecordKind::Mobile => "a trailer (F or M) or ",
            RecordKind::Object => "a trailer (A, F or E) or ",
            RecordKind::ObjOld => "a trailer (A or E) or ",
            RecordKind::MobOld | RecordKind::Room | RecordKind::MobProg => "",
        }
    }
}

/// Parses one file into its [`Loader`].
struct FileParser<'a, 'l> {
    rd: Reader<'a>,
    ld: &'l mut Loader,
    file: usize,
    list_name: &'a str,
    /// The most recent `#AREA`/`#AREADATA` of this file.
    area: Option<AreaId>,
    /// Context for messages: the section being read and the record's vnum.
    section: &'static str,
    vnum: Option<i32>,
    /// Set once the end of the file was reported or reached while
    /// recovering, so it is not reported again.
    at_end: bool,
}

impl FileParser<'_, '_> {
    fn loc(&self, pos: Pos) -> Loc {
        Loc {
            file: self.file,
            pos,
        }
    }

    fn with_context(&self, message: &str) -> String {
        match (self.section, self.vnum) {
            ("", _) => message.to_owned(),
            (s, None) => format!("in {s}: {message}"),
            (s, Some(v)) => format!("in {s} #{v}: {message}"),
        }
    }

    fn error(&mut self, pos: Pos, message: &str) {
        let m = self.with_context(message);
        self.ld.diag(Severity::Error, self.loc(pos), m);
    }

    fn warning(&mut self, pos: Pos, message: &str) {
        let m = self.with_context(message);
        self.ld.diag(Severity::Warning, self.loc(pos), m);
    }

    /// Reports an unexpected end of file.
    fn eof(&mut self, pos: Pos, expected: &str) {
        self.error(pos, &format!("unexpected end of file, expected {expected}"));
        self.at_end = true;
    }

    /// Resynchronisation wrappers that remember running off the end.
    fn resync_record(&mut self, mark: Mark) -> bool {
        let found = self.rd.resync_record(mark);
        self.at_end |= !found;
        found
    }

    fn resync_section(&mut self, mark: Mark) -> bool {
        let found = self.rd.resync_section(mark);
        self.at_end |= !found;
        found
    }

    fn resync_help(&mut self, mark: Mark) -> bool {
        let found = self.rd.resync_help(mark);
        self.at_end |= !found && self.rd.at_eof();
        found
    }

    fn report(&mut self, e: SyntaxError) {
        // Token errors at the end of the file ("unexpected end of file",
        // "end of file before its closing '~'") already say it.
        self.at_end |= e.message.contains("end of file");
        self.error(e.pos, &e.message);
    }

    fn origin(&self, pos: Pos) -> Origin {
        Origin {
            file: self.ld.files[self.file].clone(),
            line: pos.line,
        }
    }

    /// A bit-set field checked against its table: bits the table does not
    /// name are kept (ROM keeps them) but warned about.
    fn flags_in(&mut self, table: &[tables::FlagName], field: &str) -> Result<Flags> {
        let bits = self.rd.flag().field(field)?;
        let unknown = tables::unknown_bits(table, bits);
        if unknown != 0 {
            let letters: String = (0..32u8)
                .filter(|b| unknown & (1 << b) != 0)
                .map(|b| char::from(if b < 26 { b'A' + b } else { b'a' + b - 26 }))
                .collect();
            let pos = self.rd.token_start();
            let (noun, verb) = if letters.len() == 1 {
                ("letter", "means")
            } else {
                ("letters", "mean")
            };
            self.warning(
                pos,
                &format!("{field}: {noun} {letters} {verb} nothing in ROM (kept, unused)"),
            );
        }
        Ok(bits)
    }

    /// Reads a `~` string that should hold one line (names, keywords): a
    /// line break in it usually means a `~` is missing.
    fn single_line_string(&mut self, field: &str) -> Result<String> {
        let s = self.rd.string().field(field)?;
        if s.contains('\n') {
            let pos = self.rd.token_start();
            self.warning(
                pos,
                &format!(
                    "{field} spans several lines; is a '~' missing at the end of line {}?",
                    pos.line
                ),
            );
        }
        Ok(s)
    }

    /// Looks a word up in a table by ROM's prefix rule; an unknown word is an
    /// error, an abbreviation a warning when `warn_abbrev`.
    fn lookup<T: Named>(
        &mut self,
        table: &[T],
        word: &[u8],
        pos: Pos,
        what: &str,
        warn_abbrev: bool,
    ) -> Option<usize> {
        match tables::prefix_lookup(table, word) {
            Some((i, exact)) => {
                if !exact && warn_abbrev {
                    let msg = format!(
                        "{what} '{}' is an abbreviation of '{}'",
                        latin1(word),
                        table[i].name()
                    );
                    self.warning(pos, &msg);
                }
                Some(i)
            }
            None => {
                let msg = format!(
                    "unknown {what} '{}'; expected one of {}",
                    latin1(word),
                    name_list(table)
                );
                self.error(pos, &msg);
                None
            }
        }
    }

    /// A word looked up in `table`; returns the index (0 when unknown, after
    /// reporting).
    fn word_lookup<T: Named>(
        &mut self,
        table: &[T],
        field: &str,
        warn_abbrev: bool,
    ) -> Result<usize> {
        let word = self.rd.word().field(field)?;
        let pos = self.rd.token_start();
        Ok(self
            .lookup(table, word, pos, field, warn_abbrev)
            .unwrap_or(0))
    }

    /// The area records of this section belong to; reports (once per
    /// section) and invents one when the file has no header yet (2.3).
    fn need_area(&mut self, header: Pos) -> AreaId {
        if let Some(a) = self.area {
            return a;
        }
        let msg = format!(
            "{} needs an #AREA or #AREADATA header earlier in this file",
            self.section
        );
        self.ld.diag(Severity::Error, self.loc(header), msg);
        let id = self.push_area(AreaProto {
            file: self.list_name.to_owned(),
            name: self.list_name.to_owned(),
            security: 9,
            ..AreaProto::default()
        });
        self.area = Some(id);
        id
    }

    fn push_area(&mut self, area: AreaProto) -> AreaId {
        self.ld.protos.areas.push(area);
        self.ld.reset_state.push(ResetState::default());
        AreaId(self.ld.protos.areas.len() - 1)
    }

    /// A record about to be stored under `vnum`: when `first` (where that
    /// vnum was already defined) is set, reports the duplicate and returns
    /// false (the first definition is kept); otherwise claims the vnum for
    /// the area and returns true.
    fn claim_new_vnum(
        &mut self,
        first: Option<Origin>,
        what: &str,
        vnum: i32,
        area: AreaId,
        at: Pos,
    ) -> bool {
        if let Some(first) = first {
            let msg = format!(
                "duplicate {what} #{vnum} (first defined at {}:{})",
                first.file, first.line
            );
            self.error(at, &msg);
            return false;
        }
        self.claim_vnum(area, vnum, at, what);
        true
    }

    /// Checks a record's vnum against its area's declared range (warning
    /// when outside) and widens the range to cover it.
    fn claim_vnum(&mut self, area: AreaId, vnum: i32, pos: Pos, what: &str) {
        let Some(a) = self.ld.protos.areas.get_mut(area.0) else {
            return;
        };
        if a.low_vnum == 0 && a.high_vnum == 0 {
            a.low_vnum = vnum;
            a.high_vnum = vnum;
            return;
        }
        if vnum >= a.low_vnum && vnum <= a.high_vnum {
            return;
        }
        let msg = format!(
            "{what} #{vnum} is outside the area's vnum range {}-{}",
            a.low_vnum, a.high_vnum
        );
        a.low_vnum = a.low_vnum.min(vnum);
        a.high_vnum = a.high_vnum.max(vnum);
        self.warning(pos, &msg);
    }

    // ---------------------------------------------------------------------
    // The section dispatcher
    // ---------------------------------------------------------------------

    fn run(&mut self) {
        loop {
            self.section = "";
            self.vnum = None;
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                if !self.at_end {
                    self.error(pos, "unexpected end of file, expected a section or '#$'");
                }
                return;
            }
            let hash = self.rd.letter("'#'").unwrap_or(b'#');
            let pos = self.rd.token_start();
            if hash != b'#' {
                let msg = format!(
                    "expected '#' to start a section, found '{}'",
                    latin1(&[hash])
                );
                self.error(pos, &msg);
                if !self.resync_section(mark) {
                    return;
                }
                continue;
            }
            let name = match self.rd.word() {
                Ok(w) => w,
                Err(e) => {
                    self.report(e);
                    return;
                }
            };
            if name.first() == Some(&b'$') {
                if let Some(tail) = self.rd.trailing_text() {
                    self.warning(tail, "text after '#$' is ignored");
                }
                return;
            }
            let Some(section) = SECTION_NAMES
                .iter()
                .find(|s| s.as_bytes().eq_ignore_ascii_case(name))
            else {
                let msg = format!(
                    "unknown section '#{}'; expected one of {} or '#$'",
                    latin1(name),
                    SECTION_NAMES.join(", ")
                );
                self.error(pos, &msg);
                if !self.resync_section(mark) {
                    return;
                }
                continue;
            };
            match *section {
                "AREA" => {
                    self.section = "#AREA";
                    self.area_header(mark);
                }
                "AREADATA" => {
                    self.section = "#AREADATA";
                    self.area_data();
                }
                "HELPS" => {
                    self.section = "#HELPS";
                    self.helps();
                }
                "MOBILES" => {
                    self.section = "#MOBILES";
                    self.records(RecordKind::Mobile, pos);
                }
                "MOBOLD" => {
                    self.section = "#MOBOLD";
                    self.records(RecordKind::MobOld, pos);
                }
                "OBJECTS" => {
                    self.section = "#OBJECTS";
                    self.records(RecordKind::Object, pos);
                }
                "OBJOLD" => {
                    self.section = "#OBJOLD";
                    self.records(RecordKind::ObjOld, pos);
                }
                "ROOMS" => {
                    self.section = "#ROOMS";
                    self.records(RecordKind::Room, pos);
                }
                "MOBPROGS" => {
                    self.section = "#MOBPROGS";
                    self.records(RecordKind::MobProg, pos);
                }
                "RESETS" => {
                    self.section = "#RESETS";
                    self.resets(pos);
                }
                "SHOPS" => {
                    self.section = "#SHOPS";
                    self.shops();
                }
                "SPECIALS" => {
                    self.section = "#SPECIALS";
                    self.specials();
                }
                _ => {
                    self.section = "#SOCIALS";
                    self.socials();
                }
            }
        }
    }

    /// True (and reports) when the next token is a `#` in column 1, i.e. a
    /// line-based section ran into the next section without its terminator.
    fn ran_into_section(&mut self, terminator: &str) -> bool {
        if self.rd.peek_letter() == Some(b'#') && self.rd.at_line_start() {
            let pos = self.rd.pos();
            let msg = format!("section not terminated by {terminator} before the next section");
            self.error(pos, &msg);
            return true;
        }
        false
    }

    // ---------------------------------------------------------------------
    // #AREA, #AREADATA
    // ---------------------------------------------------------------------

    fn area_header(&mut self, mark: Mark) {
        let header = match self.area_fields() {
            Ok(area) => area,
            Err(e) => {
                self.report(e);
                self.resync_section(mark);
                AreaProto {
                    file: self.list_name.to_owned(),
                    name: self.list_name.to_owned(),
                    security: 9,
                    ..AreaProto::default()
                }
            }
        };
        let id = self.push_area(header);
        self.area = Some(id);
    }

    fn area_fields(&mut self) -> Result<AreaProto> {
        let header_file = self.single_line_string("file name")?;
        let file_pos = self.rd.token_start();
        let name = self.single_line_string("area name")?;
        let credits = self.single_line_string("credits")?;
        let low_vnum = self.rd.number().field("low vnum")?;
        let low_pos = self.rd.token_start();
        let high_vnum = self.rd.number().field("high vnum")?;
        let base = Path::new(self.list_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if header_file != base {
            let msg = format!("the header names file '{header_file}', but the file is '{base}'");
            self.warning(file_pos, &msg);
        }
        if low_vnum > high_vnum || low_vnum < 0 {
            let msg = format!("bad vnum range {low_vnum}-{high_vnum}");
            self.error(low_pos, &msg);
        }
        Ok(AreaProto {
            file: self.list_name.to_owned(),
            header_file,
            name,
            credits,
            builders: String::new(),
            security: 9,
            low_vnum,
            high_vnum,
            resets: Vec::new(),
        })
    }

    fn area_data(&mut self) {
        let mut area = AreaProto {
            file: self.list_name.to_owned(),
            header_file: self.list_name.to_owned(),
            name: "New Area".to_owned(),
            security: 9,
            ..AreaProto::default()
        };
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'End'");
                break;
            }
            if self.ran_into_section("'End'") {
                break;
            }
            let key = match self.rd.word() {
                Ok(k) => k.to_ascii_lowercase(),
                Err(e) => {
                    self.report(e);
                    break;
                }
            };
            let key_pos = self.rd.token_start();
            let r: Result<()> = match key.as_slice() {
                b"end" => break,
                b"name" => self.rd.string().field("Name").map(|s| area.name = s),
                b"builders" => self
                    .rd
                    .string()
                    .field("Builders")
                    .map(|s| area.builders = s),
                b"credits" => self.rd.string().field("Credits").map(|s| area.credits = s),
                b"security" => self
                    .rd
                    .number()
                    .field("Security")
                    .map(|n| area.security = n),
                b"vnums" => self
                    .rd
                    .number()
                    .field("VNUMs low")
                    .and_then(|lo| self.rd.number().field("VNUMs high").map(|hi| (lo, hi)))
                    .map(|(lo, hi)| {
                        area.low_vnum = lo;
                        area.high_vnum = hi;
                    }),
                _ => {
                    let msg = format!(
                        "unknown key '{}'; expected Name, Builders, VNUMs, Credits, Security or End",
                        latin1(&key)
                    );
                    self.error(key_pos, &msg);
                    self.rd.skip_line_after(mark);
                    Ok(())
                }
            };
            if let Err(e) = r {
                self.report(e);
                self.rd.skip_line_after(mark);
            }
        }
        let id = self.push_area(area);
        self.area = Some(id);
    }

    // ---------------------------------------------------------------------
    // #HELPS
    // ---------------------------------------------------------------------

    fn helps(&mut self) {
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'0 $~'");
                return;
            }
            if self.ran_into_section("'0 $~'") {
                return;
            }
            match self.help() {
                Ok(true) => {}
                Ok(false) => return,
                Err(e) => {
                    self.report(e);
                    if !self.resync_help(mark) {
                        return;
                    }
                }
            }
        }
    }

    /// One help; false at the `$` terminator.
    fn help(&mut self) -> Result<bool> {
        let level = self.rd.number().field("help level")?;
        let keywords = self.rd.string().field("help keywords")?;
        if keywords.starts_with('$') {
            return Ok(false);
        }
        let text = self.rd.string().field("help text")?;
        self.ld.protos.helps.push(Help {
            level,
            keywords,
            text,
            area: self.area,
        });
        Ok(true)
    }

    // ---------------------------------------------------------------------
    // #<vnum> record sections
    // ---------------------------------------------------------------------

    fn records(&mut self, kind: RecordKind, header: Pos) {
        let needs_area = kind != RecordKind::MobProg;
        let area = if needs_area {
            self.need_area(header)
        } else {
            self.area.unwrap_or_default()
        };
        loop {
            self.vnum = None;
            let mark = self.rd.mark();
            match self.rd.peek_letter() {
                None => {
                    let pos = self.rd.pos();
                    self.eof(pos, "'#0'");
                    return;
                }
                Some(b'#') => {}
                Some(_) => {
                    let word = self.rd.word().map(latin1).unwrap_or_default();
                    let pos = self.rd.token_start();
                    let msg = format!("expected '#<vnum>' or '#0', found '{word}'");
                    self.error(pos, &msg);
                    if !self.resync_record(mark) {
                        return;
                    }
                    continue;
                }
            }
            let _ = self.rd.letter("'#'");
            let hash = self.rd.token_start();
            if !matches!(self.rd.peek_letter(), Some(b'0'..=b'9' | b'-' | b'+')) {
                self.error(
                    hash,
                    "section not terminated by '#0' before the next section",
                );
                self.rd.reset(mark);
                return;
            }
            let vnum = match self.rd.number().field("vnum") {
                Ok(0) => return,
                Ok(v) if v > 0 => v,
                Ok(v) => {
                    let pos = self.rd.token_start();
                    self.error(pos, &format!("bad vnum {v}; vnums are positive"));
                    if !self.resync_record(mark) {
                        return;
                    }
                    continue;
                }
                Err(e) => {
                    self.report(e);
                    if !self.resync_record(mark) {
                        return;
                    }
                    continue;
                }
            };
            self.vnum = Some(vnum);
            let parsed = match kind {
                RecordKind::Mobile => self.mobile(vnum, area, hash),
                RecordKind::MobOld => self.mob_old(vnum, area, hash),
                RecordKind::Object => self.object(vnum, area, hash),
                RecordKind::ObjOld => self.obj_old(vnum, area, hash),
                RecordKind::Room => self.room(vnum, area, hash),
                RecordKind::MobProg => self.mobprog(vnum, hash),
            };
            if let Err(e) = parsed {
                self.report(e);
                let target = match kind {
                    RecordKind::Mobile | RecordKind::MobOld => Some(Target::Mob(vnum)),
                    RecordKind::Object | RecordKind::ObjOld => Some(Target::Obj(vnum)),
                    RecordKind::Room => Some(Target::Room(vnum)),
                    RecordKind::MobProg => None,
                };
                self.ld.broken.extend(target);
                if !self.resync_record(mark) {
                    return;
                }
                continue;
            }
            // The record is in; anything but the next '#' here is stray text.
            let after = self.rd.mark();
            if let Some(c) = self.rd.peek_letter() {
                if c != b'#' {
                    let word = self.rd.word().map(latin1).unwrap_or_default();
                    let pos = self.rd.token_start();
                    let msg = format!(
                        "expected {}'#<vnum>' or '#0', found '{word}'",
                        kind.trailers()
                    );
                    self.error(pos, &msg);
                    if !self.resync_record(after) {
                        return;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------
    // #MOBILES
    // ---------------------------------------------------------------------

    fn mobile(&mut self, vnum: i32, area: AreaId, at: Pos) -> Result<()> {
        let keywords = self.single_line_string("keywords")?;
        let short_descr = self.single_line_string("short description")?;
        let mut long_descr = self.rd.string().field("long description")?;
        upper_first(&mut long_descr);
        let mut description = self.rd.string().field("description")?;
        upper_first(&mut description);
        let race_name = self.rd.string().field("race")?;
        let race_pos = self.rd.token_start();
        let race = self
            .lookup(rules::RACES, race_name.as_bytes(), race_pos, "race", true)
            .unwrap_or(0);
        let r = &rules::RACES[race];
        let act = self.flags_in(tables::ACT_FLAGS, "act flags")? | ACT_IS_NPC | r.act;
        let affected = self.flags_in(tables::AFFECT_FLAGS, "affect flags")? | r.aff;
        let alignment = self.rd.number().field("alignment")?;
        let group = self.rd.number().field("group")?;
        let level = self.rd.number().field("level")?;
        let hitroll = self.rd.number().field("hitroll")?;
        let hit = self.rd.dice().field("hit dice")?;
        let mana = self.rd.dice().field("mana dice")?;
        let damage = self.rd.dice().field("damage dice")?;
        let dam_type = self.word_lookup(tables::ATTACKS, "damage noun", true)?;
        let mut ac = [0; 4];
        for (slot, name) in ac
            .iter_mut()
            .zip(["pierce AC", "bash AC", "slash AC", "exotic AC"])
        {
            let v = self.rd.number().field(name)?;
            *slot = v.checked_mul(10).ok_or_else(|| {
                SyntaxError::new(self.rd.token_start(), format!("{name}: {v} is too large"))
            })?;
        }
        let off = self.flags_in(tables::OFF_FLAGS, "offensive flags")? | r.off;
        let imm = self.flags_in(tables::IRV_FLAGS, "immunity flags")? | r.imm;
        let res = self.flags_in(tables::IRV_FLAGS, "resistance flags")? | r.res;
        let vuln = self.flags_in(tables::IRV_FLAGS, "vulnerability flags")? | r.vuln;
        let start_pos = self.word_lookup(tables::POSITIONS, "start position", false)?;
        let default_pos = self.word_lookup(tables::POSITIONS, "default position", false)?;
        let sex = self.word_lookup(tables::SEXES, "sex", true)?;
        let wealth = self.rd.number().field("wealth")?;
        let form = self.flags_in(tables::FORM_FLAGS, "form flags")? | r.form;
        let parts = self.flags_in(tables::PART_FLAGS, "part flags")? | r.parts;
        let size = self.word_lookup(tables::SIZES, "size", true)?;
        let material = latin1(self.rd.word().field("material")?);
        let mut mob = MobProto {
            vnum: MobVnum(vnum),
            area,
            keywords,
            short_descr,
            long_descr,
            description,
            race,
            act,
            affected,
            alignment,
            group,
            level,
            hitroll,
            hit,
            mana,
            damage,
            dam_type,
            ac,
            off,
            imm,
            res,
            vuln,
            start_pos: Position::ALL
                .get(start_pos)
                .copied()
                .unwrap_or(pos::STANDING),
            default_pos: Position::ALL
                .get(default_pos)
                .copied()
                .unwrap_or(pos::STANDING),
            sex: i32::try_from(sex).unwrap_or(0),
            wealth,
            form,
            parts,
            size: Size::ALL.get(size).copied().unwrap_or(Size::Medium),
            material,
            origin: self.origin(at),
            ..MobProto::default()
        };
        self.mobile_trailers(&mut mob)?;
        self.insert_mob(mob, area, at);
        Ok(())
    }

    /// `F <set> <bits>` removals and `M <trigger> <vnum> <phrase>~` links.
    fn mobile_trailers(&mut self, mob: &mut MobProto) -> Result<()> {
        loop {
            match self.rd.peek_letter() {
                Some(b'F') => {
                    let _ = self.rd.letter("'F'");
                    let set = self.rd.word().field("F trailer flag set")?;
                    let set_pos = self.rd.token_start();
                    let bits = self.rd.flag().field("F trailer bits")?;
                    let Some((i, _)) = tables::prefix_lookup(tables::FLAG_SETS, set) else {
                        let msg = format!(
                            "unknown flag set '{}' in F trailer; expected act, aff, off, imm, res, vul, for or par",
                            latin1(set)
                        );
                        self.error(set_pos, &msg);
                        continue;
                    };
                    let field = match i {
                        0 => &mut mob.act,
                        1 => &mut mob.affected,
                        2 => &mut mob.off,
                        3 => &mut mob.imm,
                        4 => &mut mob.res,
                        5 => &mut mob.vuln,
                        6 => &mut mob.form,
                        _ => &mut mob.parts,
                    };
                    *field &= !bits;
                }
                Some(b'M') => {
                    let _ = self.rd.letter("'M'");
                    let word = self.rd.word().field("mobprog trigger")?;
                    let trig_pos = self.rd.token_start();
                    let prog = self.rd.number().field("mobprog vnum")?;
                    let prog_pos = self.rd.token_start();
                    let phrase = self.rd.string().field("mobprog argument")?;
                    let Some(i) = self.lookup(
                        tables::MOBPROG_TRIGGERS,
                        word,
                        trig_pos,
                        "mobprog trigger",
                        true,
                    ) else {
                        continue;
                    };
                    mob.progs.push(MobProgTrigger {
                        trigger: tables::MOBPROG_TRIGGERS[i].name.to_owned(),
                        prog,
                        phrase,
                    });
                    let loc = self.loc(prog_pos);
                    self.ld.prog_links.push((mob.vnum.0, prog, loc));
                }
                _ => return Ok(()),
            }
        }
    }

    fn insert_mob(&mut self, mob: MobProto, area: AreaId, at: Pos) {
        let vnum = mob.vnum;
        let first = self.ld.protos.mobs.get(&vnum).map(|m| m.origin.clone());
        if self.claim_new_vnum(first, "mobile", vnum.0, area, at) {
            self.ld.protos.mobs.insert(vnum, mob);
        }
    }

    // ---------------------------------------------------------------------
    // #MOBOLD (converted to the new format)
    // ---------------------------------------------------------------------

    /// A Merc-format mobile (3.5), converted as QuickMUD does at load: race
    /// from the first keyword (else a human that dodges, disarms, trips and
    /// assists its vnum), the warrior flag, positions below sleeping made
    /// standing, and new-format stats from the level: hit dice spanning ROM's
    /// old hit-point formula, mana `Ld10+100`, damage dice around ROM's
    /// `L/2..3L/2`, armour interpolated from the level, gold / 20 as wealth.
    fn mob_old(&mut self, vnum: i32, area: AreaId, at: Pos) -> Result<()> {
        let keywords = self.single_line_string("keywords")?;
        let short_descr = self.single_line_string("short description")?;
        let mut long_descr = self.rd.string().field("long description")?;
        upper_first(&mut long_descr);
        let mut description = self.rd.string().field("description")?;
        upper_first(&mut description);
        let act = self.rd.flag().field("act flags")?;
        let affected = self.rd.flag().field("affect flags")?;
        let alignment = self.rd.number().field("alignment")?;
        let s = self.rd.letter("'S'")?;
        if s != b'S' {
            let pos = self.rd.token_start();
            return Err(SyntaxError::new(
                pos,
                format!(
                    "expected 'S' after the alignment of an old-format mobile, found '{}'",
                    latin1(&[s])
                ),
            ));
        }
        let level = self.rd.number().field("level")?;
        let hitroll = self.rd.number().field("hitroll")?;
        let _armor = self.rd.number().field("armor")?;
        let _hit = self.rd.dice().field("hit dice")?;
        let _damage = self.rd.dice().field("damage dice")?;
        let gold = self.rd.number().field("gold")?;
        let _exp = self.rd.number().field("experience")?;
        let mut positions = [pos::STANDING; 2];
        for (p, name) in positions
            .iter_mut()
            .zip(["start position", "default position"])
        {
            let v = self.rd.number().field(name)?;
            let read = Position::try_from(v);
            if read.is_err() {
                let pos = self.rd.token_start();
                self.error(pos, &format!("{name}: {v} is not a position (0..8)"));
            }
            *p = match read {
                Ok(v) if v >= pos::SLEEPING => v,
                _ => pos::STANDING,
            };
        }
        let sex = self.rd.number().field("sex")?;
        if !(0..=2).contains(&sex) {
            let pos = self.rd.token_start();
            self.error(
                pos,
                &format!("sex: {sex} is not 0 (none), 1 (male) or 2 (female)"),
            );
        }

        // The race comes from the first keyword; without a match, a human
        // with the fixed behaviour ROM gives old mobiles.
        let first_kw = keywords.split_whitespace().next().unwrap_or("");
        let (race, extra_off) = match rules::race_lookup(first_kw) {
            Some(r) if r != 0 => (r, 0),
            _ => (
                1,
                tables::letters("EFNU"), // dodge, disarm, trip, assist_vnum
            ),
        };
        let r = &rules::RACES[race];
        // New-format stats with about the spread ROM gives old mobiles at
        // creation (hit points, damage) and its level-based armour.
        let l = level.clamp(0, 1000);
        let hp_lo = ((8 * l + l * l / 4) * 9 / 10).max(1);
        let hp_hi = (8 * l + l * l) * 9 / 10;
        let hit_n = (l / 3).clamp(1, 10);
        let hit = Dice {
            number: hit_n,
            size: ((hp_hi - hp_lo) / hit_n + 1).max(1),
            bonus: hp_lo - hit_n,
        };
        let dam_n = (l / 10 + 1).clamp(1, 5);
        let damage = Dice {
            number: dam_n,
            size: (l / dam_n + 1).max(2),
            bonus: (l / 2 - dam_n).max(0),
        };
        let ac_main = interpolate(l, 100, -100);
        let mob = MobProto {
            vnum: MobVnum(vnum),
            area,
            keywords,
            short_descr,
            long_descr,
            description,
            race,
            act: act | ACT_IS_NPC | tables::letters("T") | r.act,
            affected: affected | r.aff,
            alignment,
            group: 0,
            level,
            hitroll,
            hit,
            mana: Dice {
                number: l,
                size: 10,
                bonus: 100,
            },
            damage,
            dam_type: 0,
            ac: [ac_main, ac_main, ac_main, interpolate(l, 100, 0)],
            off: r.off | extra_off,
            imm: r.imm,
            res: r.res,
            vuln: r.vuln,
            start_pos: positions[0],
            default_pos: positions[1],
            sex: sex.clamp(0, 2),
            wealth: gold / 20,
            form: r.form,
            parts: r.parts,
            size: Size::Medium,
            material: "none".to_owned(),
            origin: self.origin(at),
            ..MobProto::default()
        };
        self.insert_mob(mob, area, at);
        Ok(())
    }

    // ---------------------------------------------------------------------
    // #OBJECTS
    // ---------------------------------------------------------------------

    fn object(&mut self, vnum: i32, area: AreaId, at: Pos) -> Result<()> {
        let keywords = self.single_line_string("keywords")?;
        let short_descr = self.single_line_string("short description")?;
        let long_descr = self.rd.string().field("long description")?;
        let material = self.single_line_string("material")?;
        let type_word = self.rd.word().field("item type")?;
        let type_pos = self.rd.token_start();
        let item = self
            .lookup(tables::ITEM_TYPES, type_word, type_pos, "item type", true)
            .map(|i| tables::ITEM_TYPES[i]);
        let extra_flags = self.flags_in(tables::EXTRA_FLAGS, "extra flags")?;
        let wear_flags = self.flags_in(tables::WEAR_FLAGS, "wear flags")?;
        let layout = item.map_or(ValueLayout::Flags, |t| t.values);
        let values = self.object_values(layout)?;
        let level = self.rd.number().field("level")?;
        let weight = self.rd.number().field("weight")?;
        let cost = self.rd.number().field("cost")?;
        let cond = self.rd.letter("a condition letter")?;
        let cond_pos = self.rd.token_start();
        let condition = match cond {
            b'P' => 100,
            b'G' => 90,
            b'A' => 75,
            b'W' => 50,
            b'D' => 25,
            b'B' => 10,
            b'R' => 0,
            c if c.is_ascii_alphabetic() => {
                let msg = format!(
                    "unknown condition letter '{}' (means 100%); expected P, G, A, W, D, B or R",
                    char::from(c)
                );
                self.warning(cond_pos, &msg);
                100
            }
            c => {
                return Err(SyntaxError::new(
                    cond_pos,
                    format!(
                        "expected a condition letter (P, G, A, W, D, B or R), found '{}'",
                        latin1(&[c])
                    ),
                ))
            }
        };
        let mut obj = ObjProto {
            vnum: ObjVnum(vnum),
            area,
            keywords,
            short_descr,
            long_descr,
            material,
            item_type: item.map_or(0, |t| t.number),
            extra_flags,
            wear_flags,
            values,
            level,
            weight,
            cost,
            condition,
            origin: self.origin(at),
            ..ObjProto::default()
        };
        self.object_trailers(&mut obj, true)?;
        self.insert_obj(obj, area, at);
        Ok(())
    }

    /// A spell word: `''` is "no spell" (-1).
    fn spell(&mut self, field: &str) -> Result<i64> {
        let word = self.rd.word().field(field)?;
        if word.is_empty() {
            return Ok(-1);
        }
        let pos = self.rd.token_start();
        Ok(self
            .lookup(&rules::SKILLS[1..], word, pos, "spell", true)
            .map_or(-1, |i| i as i64 + 1))
    }

    fn num(&mut self, field: &str) -> Result<i64> {
        self.rd.number().field(field).map(i64::from)
    }

    /// The five values, read as the item type dictates (3.6).
    fn object_values(&mut self, layout: ValueLayout) -> Result<[i64; 5]> {
        let mut v = [0i64; 5];
        match layout {
            ValueLayout::Flags => {
                for (i, slot) in v.iter_mut().enumerate() {
                    *slot = i64::from(self.rd.flag_value().field(VALUE_NAMES[i])?);
                }
            }
            ValueLayout::Weapon => {
                let word = self.rd.word().field("weapon class")?;
                let pos = self.rd.token_start();
                v[0] = i64::from(self.weapon_class(word, pos));
                v[1] = self.num("weapon dice count")?;
                v[2] = self.num("weapon dice sides")?;
                v[3] = self.word_lookup(tables::ATTACKS, "attack noun", true)? as i64;
                v[4] = self.flags_in(tables::WEAPON_FLAGS, "weapon flags")? as i64;
            }
            ValueLayout::Container => {
                v[0] = self.num("capacity")?;
                v[1] = self.flags_in(tables::CONTAINER_FLAGS, "container flags")? as i64;
                v[2] = self.num("key vnum")?;
                v[3] = self.num("maximum item weight")?;
                v[4] = self.num("weight multiplier")?;
            }
            ValueLayout::Drink => {
                v[0] = self.num("capacity")?;
                v[1] = self.num("current amount")?;
                v[2] = self.word_lookup(tables::LIQUIDS, "liquid", true)? as i64;
                v[3] = self.num("poisoned")?;
                v[4] = self.num("value 4")?;
            }
            ValueLayout::WandStaff => {
                v[0] = self.num("spell level")?;
                v[1] = self.num("maximum charges")?;
                v[2] = self.num("charges")?;
                v[3] = self.spell("spell")?;
                v[4] = self.num("value 4")?;
            }
            ValueLayout::PotionPillScroll => {
                v[0] = self.num("spell level")?;
                for (i, slot) in v.iter_mut().enumerate().skip(1) {
                    *slot = self.spell(SPELL_NAMES[i])?;
                }
            }
        }
        Ok(v)
    }

    /// Weapon v0: ROM's weapon table, `exotic` for exotic, and `spear`
    /// (which ROM would make exotic) taken as the spear class with a warning.
    fn weapon_class(&mut self, word: &[u8], pos: Pos) -> i32 {
        if let Some((i, exact)) = tables::prefix_lookup(tables::WEAPON_CLASSES, word) {
            let class = tables::WEAPON_CLASSES[i];
            if !exact {
                let msg = format!(
                    "weapon class '{}' is an abbreviation of '{}'",
                    latin1(word),
                    class.name
                );
                self.warning(pos, &msg);
            }
            return class.class;
        }
        if word.eq_ignore_ascii_case(b"exotic") {
            return WEAPON_EXOTIC;
        }
        if word.eq_ignore_ascii_case(b"spear") {
            self.warning(
                pos,
                "weapon class 'spear' is not in ROM's table (ROM makes it exotic; its spelling is 'staff'); loaded as spear",
            );
            return WEAPON_SPEAR;
        }
        let msg = format!(
            "unknown weapon class '{}'; expected exotic, sword, mace, dagger, axe, staff (spear), flail, whip or polearm",
            latin1(word)
        );
        self.error(pos, &msg);
        WEAPON_EXOTIC
    }

    /// `A`, `F` (new format only) and `E` trailers, in any order.
    fn object_trailers(&mut self, obj: &mut ObjProto, new_format: bool) -> Result<()> {
        loop {
            match self.rd.peek_letter() {
                Some(b'A') => {
                    let _ = self.rd.letter("'A'");
                    let location = self.rd.number().field("apply location")?;
                    let loc_pos = self.rd.token_start();
                    let modifier = self.rd.number().field("apply modifier")?;
                    self.check_apply(location, loc_pos);
                    obj.applies.push(ObjApply {
                        where_: 0,
                        location,
                        modifier,
                        bits: 0,
                    });
                }
                Some(b'F') if new_format => {
                    let _ = self.rd.letter("'F'");
                    let w = self.rd.letter("where letter (A, I, R or V)")?;
                    let w_pos = self.rd.token_start();
                    if !matches!(w, b'A' | b'I' | b'R' | b'V') {
                        return Err(SyntaxError::new(
                            w_pos,
                            format!(
                                "F trailer: expected where letter A (affects), I (immunity), R (resistance) or V (vulnerability), found '{}'",
                                latin1(&[w])
                            ),
                        ));
                    }
                    let location = self.rd.number().field("F trailer location")?;
                    let loc_pos = self.rd.token_start();
                    let modifier = self.rd.number().field("F trailer modifier")?;
                    let bits = self.rd.flag().field("F trailer bits")?;
                    self.check_apply(location, loc_pos);
                    obj.applies.push(ObjApply {
                        where_: w,
                        location,
                        modifier,
                        bits,
                    });
                }
                Some(b'E') => {
                    let _ = self.rd.letter("'E'");
                    let keyword = self.single_line_string("extra description keywords")?;
                    let description = self.rd.string().field("extra description")?;
                    obj.extra.push(ExtraDescr {
                        keyword,
                        description,
                    });
                }
                _ => return Ok(()),
            }
        }
    }

    fn check_apply(&mut self, location: i32, pos: Pos) {
        if tables::apply_name(location).is_none() {
            let msg = format!("unknown apply location {location} (0..25); it has no effect");
            self.warning(pos, &msg);
        }
    }

    fn insert_obj(&mut self, obj: ObjProto, area: AreaId, at: Pos) {
        let vnum = obj.vnum;
        let first = self.ld.protos.objs.get(&vnum).map(|o| o.origin.clone());
        if self.claim_new_vnum(first, "object", vnum.0, area, at) {
            self.ld.protos.objs.insert(vnum, obj);
        }
    }

    // ---------------------------------------------------------------------
    // #OBJOLD (converted to the new format)
    // ---------------------------------------------------------------------

    /// A Merc-format object (3.7): numeric item type, four values, spells by
    /// slot number (translated to skill numbers), short description
    /// lower-cased and long description upper-cased in their first letter,
    /// `two`/`two-handed`/`claymore` weapons two-handed, armour v0 copied to
    /// v1 and v2. Its level comes from the resets in the link phase.
    fn obj_old(&mut self, vnum: i32, area: AreaId, at: Pos) -> Result<()> {
        let keywords = self.single_line_string("keywords")?;
        let mut short_descr = self.single_line_string("short description")?;
        lower_first(&mut short_descr);
        let mut long_descr = self.rd.string().field("long description")?;
        upper_first(&mut long_descr);
        let _action = self.rd.string().field("action description")?;
        let type_number = self.rd.number().field("item type")?;
        let type_pos = self.rd.token_start();
        let item = tables::item_type_by_number(type_number);
        if item.is_none() {
            let msg = format!("{type_number} is not a ROM item type number (see 4.2)");
            self.error(type_pos, &msg);
        }
        let extra_flags = self.rd.flag().field("extra flags")?;
        let wear_flags = self.rd.flag().field("wear flags")?;
        let mut values = [0i64; 5];
        let mut value_pos = [Pos::default(); 4];
        for i in 0..4 {
            values[i] = self.num(VALUE_NAMES[i])?;
            value_pos[i] = self.rd.token_start();
        }
        let weight = self.rd.number().field("weight")?;
        let cost = self.rd.number().field("cost")?;
        let _rent = self.rd.number().field("cost per day")?;

        let item_type = item.map_or(0, |t| t.number);
        match item.map(|t| t.values) {
            Some(ValueLayout::Weapon) => {
                let two = keywords.split_whitespace().any(|k| {
                    ["two", "two-handed", "claymore"]
                        .iter()
                        .any(|t| k.eq_ignore_ascii_case(t))
                });
                if two {
                    values[4] |= i64::try_from(tables::letters("F")).unwrap_or(0);
                }
            }
            Some(ValueLayout::PotionPillScroll) => {
                for i in 1..4 {
                    values[i] = self.old_slot(values[i], value_pos[i]);
                }
            }
            Some(ValueLayout::WandStaff) => values[3] = self.old_slot(values[3], value_pos[3]),
            _ => {}
        }
        if item_type == item::ARMOR {
            values[1] = values[0];
            values[2] = values[0];
        }
        let mut obj = ObjProto {
            vnum: ObjVnum(vnum),
            area,
            keywords,
            short_descr,
            long_descr,
            material: String::new(),
            item_type,
            extra_flags,
            wear_flags,
            values,
            level: 0,
            weight,
            cost,
            condition: 100,
            origin: self.origin(at),
            ..ObjProto::default()
        };
        self.object_trailers(&mut obj, false)?;
        self.ld.old_objs.insert(vnum);
        self.insert_obj(obj, area, at);
        Ok(())
    }

    /// An `#OBJOLD` spell slot number to a skill number (-1 = none).
    fn old_slot(&mut self, slot: i64, pos: Pos) -> i64 {
        if slot <= 0 {
            return -1;
        }
        match i32::try_from(slot).ok().and_then(rules::skill_by_slot) {
            Some(sn) => i64::from(sn.0),
            None => {
                self.error(pos, &format!("unknown spell slot number {slot}"));
                -1
            }
        }
    }

    // ---------------------------------------------------------------------
    // #ROOMS
    // ---------------------------------------------------------------------

    fn room(&mut self, vnum: i32, area: AreaId, at: Pos) -> Result<()> {
        let name = self.single_line_string("name")?;
        let description = self.rd.string().field("description")?;
        let _area_number = self.rd.number().field("area number")?;
        let flags = self.flags_in(tables::ROOM_FLAGS, "room flags")?;
        let mut sector = self.rd.number().field("sector")?;
        if !(0..=SECT_DESERT).contains(&sector) {
            let pos = self.rd.token_start();
            let msg = format!("sector {sector} is not a sector type (0..10); using 0 (inside)");
            self.warning(pos, &msg);
            sector = SECT_INSIDE;
        }
        let mut room = RoomProto {
            vnum: RoomVnum(vnum),
            area,
            name,
            description,
            flags,
            sector,
            heal_rate: 100,
            mana_rate: 100,
            origin: self.origin(at),
            ..RoomProto::default()
        };
        let mut exits = Vec::new();
        loop {
            let c = self
                .rd
                .letter("a room trailer (D0-D5, E, H, M, C, O) or 'S'")?;
            let pos = self.rd.token_start();
            match c {
                b'S' => break,
                b'D' => {
                    if let Some(e) = self.exit(&mut room, pos)? {
                        exits.retain(|x: &ExitRef| x.dir != e.dir);
                        exits.push(e);
                    }
                }
                b'E' => {
                    let keyword = self.single_line_string("extra description keywords")?;
                    let description = self.rd.string().field("extra description")?;
                    room.extra.push(ExtraDescr {
                        keyword,
                        description,
                    });
                }
                b'H' => room.heal_rate = self.rd.number().field("heal rate")?,
                b'M' => room.mana_rate = self.rd.number().field("mana rate")?,
                b'C' => {
                    let clan = self.single_line_string("clan")?;
                    let clan_pos = self.rd.token_start();
                    if room.clan.is_some() {
                        return Err(SyntaxError::new(pos, "second clan (C) line in one room"));
                    }
                    match tables::clan_lookup(&clan) {
                        Some(i) => room.clan = Some(tables::CLANS[i].0.to_owned()),
                        None => {
                            let msg = format!(
                                "unknown clan '{clan}' (known: loner, rom); the room gets no clan"
                            );
                            self.warning(clan_pos, &msg);
                        }
                    }
                }
                b'O' => {
                    let owner = self.single_line_string("owner")?;
                    if room.owner.is_some() {
                        return Err(SyntaxError::new(pos, "second owner (O) line in one room"));
                    }
                    room.owner = Some(owner);
                }
                other => {
                    return Err(SyntaxError::new(
                        pos,
                        format!(
                            "expected a room trailer (D0-D5, E, H, M, C, O) or 'S', found '{}'",
                            latin1(&[other])
                        ),
                    ))
                }
            }
        }
        let first = self
            .ld
            .protos
            .rooms
            .get(&RoomVnum(vnum))
            .map(|r| r.origin.clone());
        if self.claim_new_vnum(first, "room", vnum, area, at) {
            self.ld.exits.extend(exits);
            self.ld.protos.rooms.insert(RoomVnum(vnum), room);
        }
        Ok(())
    }

    /// One `D<dir>` block; `None` when the direction is bad (reported).
    fn exit(&mut self, room: &mut RoomProto, d_pos: Pos) -> Result<Option<ExitRef>> {
        let dir = self.rd.number().field("exit direction")?;
        let dir_pos = self.rd.token_start();
        let description = self.rd.string().field("exit description")?;
        let keyword = self.single_line_string("exit keywords")?;
        let lock = self.rd.number().field("exit lock code")?;
        let lock_pos = self.rd.token_start();
        let key = self.rd.number().field("exit key vnum")?;
        let key_loc = self.loc(self.rd.token_start());
        let to = self.rd.number().field("exit destination vnum")?;
        let to_loc = self.loc(self.rd.token_start());
        let Some(d) = usize::try_from(dir).ok().filter(|&d| d < 6) else {
            let msg = format!(
                "bad exit direction {dir}; expected 0..5 (north, east, south, west, up, down)"
            );
            self.error(dir_pos, &msg);
            return Ok(None);
        };
        let flags = match lock {
            0 => 0,
            1 => EX_ISDOOR,
            2 => EX_ISDOOR | EX_PICKPROOF,
            3 => EX_ISDOOR | EX_NOPASS,
            4 => EX_ISDOOR | EX_PICKPROOF | EX_NOPASS,
            _ => {
                let msg = format!("unknown lock code {lock} (0..4); the exit gets no door");
                self.warning(lock_pos, &msg);
                0
            }
        };
        if room.exits[d].is_some() {
            let msg = format!("second exit {} replaces the first", DIR_NAMES[d]);
            self.warning(d_pos, &msg);
        }
        room.exits[d] = Some(ExitProto {
            description,
            keyword,
            flags,
            key: (key > 0).then_some(ObjVnum(key)),
            to: (to > 0).then_some(RoomVnum(to)),
        });
        Ok(Some(ExitRef {
            room: room.vnum.0,
            dir: d,
            to,
            key,
            to_loc,
            key_loc,
        }))
    }

    // ---------------------------------------------------------------------
    // #MOBPROGS
    // ---------------------------------------------------------------------

    fn mobprog(&mut self, vnum: i32, at: Pos) -> Result<()> {
        let code = self.rd.string().field("program code")?;
        if self.ld.protos.mobprogs.contains_key(&vnum) {
            self.error(at, &format!("duplicate mobprog #{vnum}"));
            return Ok(());
        }
        self.ld.protos.mobprogs.insert(vnum, MobProg { vnum, code });
        Ok(())
    }

    // ---------------------------------------------------------------------
    // #RESETS
    // ---------------------------------------------------------------------

    fn resets(&mut self, header: Pos) {
        let area = self.need_area(header);
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'S'");
                return;
            }
            if self.ran_into_section("'S'") {
                return;
            }
            let cmd = self.rd.letter("a reset command").unwrap_or(b'S');
            let pos = self.rd.token_start();
            match cmd {
                b'S' => return,
                b'*' => {
                    self.rd.to_eol();
                    continue;
                }
                b'M' | b'O' | b'P' | b'G' | b'E' | b'D' | b'R' => {}
                other => {
                    let msg = format!(
                        "unknown reset command '{}'; expected M, O, P, G, E, D, R, '*' (comment) or 'S' (end)",
                        latin1(&[other])
                    );
                    self.error(pos, &msg);
                    self.rd.skip_line_after(mark);
                    continue;
                }
            }
            match self.reset(cmd, pos, area) {
                Ok(()) => self.rd.to_eol(),
                Err(e) => {
                    self.report(e);
                    self.rd.skip_line_after(mark);
                }
            }
        }
    }

    /// The arguments of one reset line (all on the command's line).
    fn reset(&mut self, cmd: u8, pos: Pos, area: AreaId) -> Result<()> {
        let names = reset_arg_names(cmd);
        let c = char::from(cmd);
        let mut args = [(0i32, Pos::default()); 5];
        for (i, name) in names.iter().enumerate() {
            if self.rd.next_token_line() != Some(pos.line) {
                return Err(SyntaxError::new(
                    pos,
                    format!(
                        "'{c}' reset needs {} numbers ({}) on its line, found {i}",
                        names.len(),
                        names.join(", ")
                    ),
                ));
            }
            let v = self.rd.number().map_err(|mut e| {
                e.message = format!("'{c}' reset {name}: {}", e.message);
                e
            })?;
            args[i] = (v, self.rd.token_start());
        }
        let arg = |i: usize| args[i].0;
        let file = self.file;
        let loc = move |i: usize| Loc {
            file,
            pos: args[i].1,
        };
        // References for the link phase: target, verb, argument index.
        let mut refs: [Option<(Target, &'static str, usize)>; 2] = [None, None];
        let mut problem: Option<(Pos, String)> = None;
        let mut unloaded_container = false;
        let state = &mut self.ld.reset_state[area.0];
        let cmd_value = match cmd {
            b'M' => {
                state.has_mob = true;
                state.has_room_cmd = true;
                refs = [
                    Some((Target::Mob(arg(1)), "loads", 1)),
                    Some((Target::Room(arg(3)), "puts it into", 3)),
                ];
                ResetCmd::Mob {
                    mob: MobVnum(arg(1)),
                    world_limit: arg(2),
                    room: RoomVnum(arg(3)),
                    room_limit: arg(4),
                }
            }
            b'O' => {
                state.has_room_cmd = true;
                state.loaded_objs.insert(arg(1));
                refs = [
                    Some((Target::Obj(arg(1)), "loads", 1)),
                    Some((Target::Room(arg(3)), "puts it into", 3)),
                ];
                ResetCmd::Obj {
                    obj: ObjVnum(arg(1)),
                    room: RoomVnum(arg(3)),
                }
            }
            b'P' => {
                if !state.has_room_cmd {
                    problem = Some((
                        pos,
                        "'P' reset before any 'M' or 'O' reset in this area".to_owned(),
                    ));
                } else {
                    unloaded_container = !state.loaded_objs.contains(&arg(3));
                }
                state.loaded_objs.insert(arg(1));
                refs = [
                    Some((Target::Obj(arg(1)), "loads", 1)),
                    Some((Target::Obj(arg(3)), "puts it into", 3)),
                ];
                ResetCmd::Put {
                    obj: ObjVnum(arg(1)),
                    limit: arg(2),
                    container: ObjVnum(arg(3)),
                    count: arg(4),
                }
            }
            b'G' | b'E' => {
                if !state.has_mob {
                    problem = Some((
                        pos,
                        format!("'{c}' reset with no earlier 'M' reset in this area"),
                    ));
                }
                state.loaded_objs.insert(arg(1));
                refs[0] = Some((Target::Obj(arg(1)), "gives", 1));
                if cmd == b'G' {
                    ResetCmd::Give {
                        obj: ObjVnum(arg(1)),
                        limit: arg(2),
                    }
                } else {
                    let wear_loc = arg(3);
                    if !(0..wear_loc::MAX).contains(&wear_loc) {
                        problem = Some((
                            args[3].1,
                            format!("'E' reset: wear location {wear_loc} does not exist (0..18)"),
                        ));
                    }
                    ResetCmd::Equip {
                        obj: ObjVnum(arg(1)),
                        limit: arg(2),
                        wear_loc,
                    }
                }
            }
            b'D' => {
                state.has_room_cmd = true;
                let (dir, door_state) = (arg(2), arg(3));
                let d = usize::try_from(dir).ok().filter(|&d| d < 6);
                if d.is_none() {
                    problem = Some((
                        args[2].1,
                        format!("'D' reset: bad direction {dir}; expected 0..5"),
                    ));
                } else if !(0..=2).contains(&door_state) {
                    problem = Some((
                        args[3].1,
                        format!(
                            "'D' reset: bad door state {door_state}; expected 0 (open), 1 (closed) or 2 (locked)"
                        ),
                    ));
                }
                if let (Some(d), None) = (d, &problem) {
                    self.ld.door_checks.push(DoorCheck {
                        room: arg(1),
                        dir: d,
                        loc: loc(1),
                    });
                }
                ResetCmd::Door {
                    room: RoomVnum(arg(1)),
                    dir: d.unwrap_or(0),
                    state: door_state,
                }
            }
            _ => {
                state.has_room_cmd = true;
                let count = arg(2);
                if !(0..=6).contains(&count) {
                    problem = Some((
                        args[2].1,
                        format!("'R' reset: bad exit count {count}; expected 0..6"),
                    ));
                }
                refs[0] = Some((Target::Room(arg(1)), "shuffles the exits of", 1));
                ResetCmd::Randomize {
                    room: RoomVnum(arg(1)),
                    count,
                }
            }
        };
        if unloaded_container {
            let msg = format!(
                "'P' reset puts objects into #{}, but no earlier reset in this area loads it",
                arg(3)
            );
            self.warning(args[3].1, &msg);
        }
        if let Some((at, msg)) = problem {
            self.error(at, &msg);
            return Ok(());
        }
        for (target, verb, i) in refs.into_iter().flatten() {
            self.ld.reset_refs.push(RefCheck {
                target,
                cmd,
                verb,
                loc: loc(i),
            });
        }
        if let Some(a) = self.ld.protos.areas.get_mut(area.0) {
            a.resets.push(Reset {
                cmd: cmd_value,
                line: pos.line,
            });
        }
        Ok(())
    }

    // ---------------------------------------------------------------------
    // #SHOPS, #SPECIALS
    // ---------------------------------------------------------------------

    fn shops(&mut self) {
        const NAMES: [&str; 10] = [
            "keeper vnum",
            "buy type 1",
            "buy type 2",
            "buy type 3",
            "buy type 4",
            "buy type 5",
            "profit when buying",
            "profit when selling",
            "opening hour",
            "closing hour",
        ];
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'0'");
                return;
            }
            if self.ran_into_section("'0'") {
                return;
            }
            let mut v = [0i32; 10];
            let mut keeper_pos = Pos::default();
            let mut result = Ok(());
            for (i, name) in NAMES.iter().enumerate() {
                if i > 0 && self.rd.next_token_line() != Some(keeper_pos.line) {
                    result = Err(SyntaxError::new(
                        keeper_pos,
                        format!(
                            "a shop needs 10 numbers ({}) on its line, found {i}",
                            NAMES.join(", ")
                        ),
                    ));
                    break;
                }
                match self.rd.number().field(name) {
                    Ok(n) => v[i] = n,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
                if i == 0 {
                    keeper_pos = self.rd.token_start();
                    if v[0] == 0 {
                        return;
                    }
                }
            }
            if let Err(e) = result {
                self.report(e);
                self.rd.skip_line_after(mark);
                continue;
            }
            self.rd.to_eol();
            let shop = Shop {
                keeper: MobVnum(v[0]),
                buy_types: [v[1], v[2], v[3], v[4], v[5]],
                profit_buy: v[6],
                profit_sell: v[7],
                open_hour: v[8],
                close_hour: v[9],
            };
            let loc = self.loc(keeper_pos);
            self.ld.shops.push((shop, loc));
        }
    }

    fn specials(&mut self) {
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'S'");
                return;
            }
            if self.ran_into_section("'S'") {
                return;
            }
            let c = self.rd.letter("'M', '*' or 'S'").unwrap_or(b'S');
            let pos = self.rd.token_start();
            match c {
                b'S' => return,
                b'*' => self.rd.to_eol(),
                b'M' => match self.special(pos) {
                    Ok(()) => self.rd.to_eol(),
                    Err(e) => {
                        self.report(e);
                        self.rd.skip_line_after(mark);
                    }
                },
                other => {
                    let msg = format!(
                        "expected 'M' (a special), '*' (comment) or 'S' (end), found '{}'",
                        latin1(&[other])
                    );
                    self.error(pos, &msg);
                    self.rd.skip_line_after(mark);
                }
            }
        }
    }

    fn special(&mut self, pos: Pos) -> Result<()> {
        let vnum = self.rd.number().field("mobile vnum")?;
        let vnum_pos = self.rd.token_start();
        if self.rd.next_token_line() != Some(pos.line) {
            return Err(SyntaxError::new(
                pos,
                "'M' special needs a mobile vnum and a spec-fun name on its line",
            ));
        }
        let word = self.rd.word().field("spec-fun name")?;
        let word_pos = self.rd.token_start();
        if let Some(i) = self.lookup(tables::SPEC_FUNS, word, word_pos, "special function", true) {
            let loc = self.loc(vnum_pos);
            self.ld.specials.push((vnum, tables::SPEC_FUNS[i].0, loc));
        }
        Ok(())
    }

    // ---------------------------------------------------------------------
    // #SOCIALS
    // ---------------------------------------------------------------------

    fn socials(&mut self) {
        loop {
            let mark = self.rd.mark();
            if self.rd.at_eof() {
                let pos = self.rd.pos();
                self.eof(pos, "'#0'");
                return;
            }
            let name = match self.rd.word() {
                Ok(w) => w,
                Err(e) => {
                    self.report(e);
                    return;
                }
            };
            let pos = self.rd.token_start();
            if name == b"#0" {
                return;
            }
            if name.first() == Some(&b'#') && pos.col == 1 {
                self.error(
                    pos,
                    "section not terminated by '#0' before the next section",
                );
                self.rd.reset(mark);
                return;
            }
            let name = latin1(name);
            self.rd.to_eol();
            if let Err(e) = self.social(name, pos) {
                self.report(e);
                return;
            }
        }
    }

    fn social(&mut self, name: String, pos: Pos) -> Result<()> {
        let mut messages: [Option<String>; 8] = Default::default();
        for slot in messages.iter_mut() {
            let line = self.rd.string_eol().field("social message")?;
            let line_pos = self.rd.token_start();
            let trimmed = line.trim_end_matches([' ', '\t']);
            if trimmed == "#" || trimmed == "$" {
                if trimmed.len() != line.len() {
                    let msg = format!(
                        "'{line}' has trailing blanks; taken as the marker '{trimmed}' (ROM would show it as a message)"
                    );
                    self.warning(line_pos, &msg);
                }
                if trimmed == "#" {
                    break;
                }
                continue;
            }
            *slot = Some(line);
        }
        let loc = self.loc(pos);
        if let Some(first) = self.ld.social_names.get(&name) {
            let first_file = self.ld.files.get(first.file).cloned().unwrap_or_default();
            let msg = format!(
                "duplicate social '{name}' (first defined at {first_file}:{}); the first one is used",
                first.pos.line
            );
            self.warning(pos, &msg);
        } else {
            self.ld.social_names.insert(name.clone(), loc);
        }
        let [char_no_arg, others_no_arg, char_found, others_found, vict_found, char_not_found, char_auto, others_auto] =
            messages;
        self.ld.protos.socials.push(Social {
            name,
            char_no_arg,
            others_no_arg,
            char_found,
            others_found,
            vict_found,
            char_not_found,
            char_auto,
            others_auto,
        });
        Ok(())
    }
}

/// The numbers each reset command takes after its letter (3.9).
fn reset_arg_names(cmd: u8) -> &'static [&'static str] {
    match cmd {
        b'M' => &[
            "if-flag",
            "mobile vnum",
            "world limit",
            "room vnum",
            "room limit",
        ],
        b'O' => &["if-flag", "object vnum", "limit", "room vnum"],
        b'P' => &["if-flag", "object vnum", "limit", "container vnum", "count"],
        b'G' => &["if-flag", "object vnum", "limit"],
        b'E' => &["if-flag", "object vnum", "limit", "wear location"],
        b'D' => &["if-flag", "room vnum", "direction", "state"],
        _ => &["if-flag", "room vnum", "exit count"],
    }
}

#[cfg(test)]
mod tests {
    use super::super::{load_area_str, tables, LoadReport};
    use crate::world::flags::*;
    use crate::world::proto::*;
    use crate::world::rules;

    /// A small but complete area: every record kind, resets, shop, special,
    /// mobprog. Line numbers in the tests below refer to this text.
    const BASE: &str = r#"#AREA
t.are~
Test~
{ 1 10} Me  Test~
100 199
#MOBILES
#100
guard~
a guard~
a guard stands here.
~
he looks bored.
~
human~
AB 0 0 0
10 0 2d8+100 1d1+99 1d6+2 slash
-5 -4 -3 0
0 0 0 0
stand stand male 50
0 0 medium 0
F par K
M greet 100 100~
#0
#OBJECTS
#100
sword~
a sword~
A sword lies here.~
steel~
weapon A AN
sword 2 5 slash E
5 10 100 P
A
18 2
E
sword~
It is sharp.
~
#101
bag~
a bag~
A bag.~
cloth~
container 0 A
50 AC 0 10 100
1 2 3 G
#102
potion~
a potion~
A potion.~
glass~
potion 0 AO
10 'cure light' '' '' ''
1 1 1 P
#0
#ROOMS
#100
Room One~
First room.
~
0 D 1
D1
~
door~
1 101 101
S
#101
Room Two~
Second.
~
0 0 1
D3
~
door~
1 101 100
S
#102
Closet~
No exits.
~
0 0 0
S
#0
#RESETS
M 0 100 1 100 1	* guard
E 1 100 -1 16
O 0 101 0 101
P 1 102 1 101 1
D 0 100 1 2
S
#SHOPS
100 2 3 0 0 0 110 90 0 23 * the guard
0
#SPECIALS
M 100 spec_guard
S
#MOBPROGS
#100
say hi
~
#0
#$
"#;

    fn load(text: &str) -> LoadReport {
        load_area_str("t.are", text.as_bytes())
    }

    /// `line:col: message` for every error.
    fn errors(r: &LoadReport) -> Vec<String> {
        r.errors
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect()
    }

    fn warnings(r: &LoadReport) -> Vec<String> {
        r.warnings
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect()
    }

    /// Replaces exactly one occurrence of `from`.
    fn edit(from: &str, to: &str) -> String {
        assert_eq!(BASE.matches(from).count(), 1, "{from:?} must occur once");
        BASE.replacen(from, to, 1)
    }

    #[test]
    fn base_area_loads_with_rom_meanings() {
        let r = load(BASE);
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        assert!(r.warnings.is_empty(), "{:?}", warnings(&r));
        let p = &r.protos;
        assert_eq!(p.areas.len(), 1);
        let area = &p.areas[0];
        assert_eq!(
            (area.name.as_str(), area.low_vnum, area.high_vnum),
            ("Test", 100, 199)
        );
        assert_eq!(area.credits, "{ 1 10} Me  Test");

        let mob = &p.mobs[&MobVnum(100)];
        assert_eq!(
            mob.origin,
            Origin {
                file: "t.are".into(),
                line: 7
            }
        );
        assert_eq!(mob.long_descr, "A guard stands here.\n");
        assert_eq!(mob.description, "He looks bored.\n");
        assert_eq!(mob.race, 1);
        assert_eq!(mob.act, ACT_IS_NPC | ACT_SENTINEL);
        let human = &rules::RACES[1];
        assert_eq!(mob.form, human.form);
        assert_eq!(mob.parts, human.parts & !tables::letters("K"));
        assert_eq!(mob.ac, [-50, -40, -30, 0]);
        assert_eq!(
            mob.hit,
            Dice {
                number: 2,
                size: 8,
                bonus: 100
            }
        );
        assert_eq!(mob.dam_type, 3);
        assert_eq!(
            (mob.start_pos, mob.default_pos, mob.sex),
            (pos::STANDING, pos::STANDING, 1)
        );
        assert_eq!(mob.size, Size::Medium);
        assert_eq!(mob.material, "0");
        assert_eq!(mob.spec_fun.as_deref(), Some("spec_guard"));
        let shop = mob.shop.as_ref().unwrap();
        assert_eq!(shop.buy_types, [2, 3, 0, 0, 0]);
        assert_eq!(
            (shop.profit_buy, shop.profit_sell, shop.close_hour),
            (110, 90, 23)
        );
        assert_eq!(mob.progs.len(), 1);
        assert_eq!(mob.progs[0].trigger, "greet");
        assert_eq!(
            (mob.progs[0].prog, mob.progs[0].phrase.as_str()),
            (100, "100")
        );
        assert_eq!(p.mobprogs[&100].code, "say hi\n");

        let sword = &p.objs[&ObjVnum(100)];
        assert_eq!(sword.item_type, item::WEAPON);
        assert_eq!(sword.values, [1, 2, 5, 3, 16]);
        assert_eq!(sword.wear_flags, wear::TAKE | wear::WIELD);
        assert_eq!(
            (sword.level, sword.weight, sword.cost, sword.condition),
            (5, 10, 100, 100)
        );
        assert_eq!(
            sword.applies,
            vec![ObjApply {
                where_: 0,
                location: 18,
                modifier: 2,
                bits: 0
            }]
        );
        assert_eq!(sword.extra[0].description, "It is sharp.\n");
        let bag = &p.objs[&ObjVnum(101)];
        assert_eq!(bag.values, [50, 5, 0, 10, 100]);
        assert_eq!(bag.condition, 90);
        let potion = &p.objs[&ObjVnum(102)];
        assert_eq!(potion.values, [10, 26, -1, -1, -1]);

        let one = &p.rooms[&RoomVnum(100)];
        let east = one.exits[1].as_ref().unwrap();
        assert_eq!(east.flags, EX_ISDOOR);
        assert_eq!(
            (east.key, east.to),
            (Some(ObjVnum(101)), Some(RoomVnum(101)))
        );
        assert_eq!(east.keyword, "door");
        assert_eq!(one.flags, ROOM_INDOORS);
        assert_eq!(one.sector, 1);
        assert_eq!((one.heal_rate, one.mana_rate), (100, 100));
        assert_eq!(p.rooms[&RoomVnum(102)].flags, ROOM_NO_MOB);

        let lines: Vec<u32> = area.resets.iter().map(|r| r.line).collect();
        assert_eq!(lines, [85, 86, 87, 88, 89]);
        assert_eq!(
            area.resets[0].cmd,
            ResetCmd::Mob {
                mob: MobVnum(100),
                world_limit: 1,
                room: RoomVnum(100),
                room_limit: 1
            }
        );
        assert_eq!(
            area.resets[3].cmd,
            ResetCmd::Put {
                obj: ObjVnum(102),
                limit: 1,
                container: ObjVnum(101),
                count: 1
            }
        );
        assert_eq!(
            area.resets[4].cmd,
            ResetCmd::Door {
                room: RoomVnum(100),
                dir: 1,
                state: 2
            }
        );
    }

    #[test]
    fn crlf_file_loads_like_lf() {
        let crlf = BASE.replace('\n', "\r\n");
        let r = load(&crlf);
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        assert_eq!(
            r.protos.mobs[&MobVnum(100)].long_descr,
            "A guard stands here.\n"
        );
        assert_eq!(r.protos.areas[0].resets[4].line, 89);
    }

    #[test]
    fn bad_number_names_field_and_place() {
        let r = load(&edit("10 0 2d8+100", "1O 0 2d8+100"));
        assert_eq!(
            errors(&r)[0],
            "16:1: in #MOBILES #100: level: expected a number, found '1O'"
        );
        // The mobile is lost; what names it is not reported again.
        assert_eq!(r.errors.len(), 1, "{:?}", errors(&r));
        assert!(
            r.protos.objs.contains_key(&ObjVnum(100)),
            "later records still load"
        );
    }

    #[test]
    fn missing_tilde_is_reported_where_the_string_started() {
        let r = load(&edit("No exits.\n~\n", "No exits.\n\n"));
        assert_eq!(
            errors(&r),
            ["79:1: in #ROOMS #102: description: unterminated string: no '~' before line 83, which starts '#0'"]
        );
        assert_eq!(r.protos.shop_count(), 1, "the sections after it still load");

        let cut = BASE.find("No exits.").unwrap();
        let r = load(&BASE[..cut + 10]);
        assert_eq!(
            errors(&r),
            [
                "79:1: in #ROOMS #102: description: unterminated string: end of file before its closing '~'",
                "22:9: in #MOBILES #100: mobprog #100 does not exist (no #MOBPROGS entry)"
            ]
        );
    }

    #[test]
    fn missing_tilde_in_a_name_is_hinted() {
        let r = load(&edit("Room Two~", "Room Two"));
        assert_eq!(
            warnings(&r),
            ["68:1: in #ROOMS #101: name spans several lines; is a '~' missing at the end of line 68?"]
        );
        assert_eq!(
            errors(&r)[0],
            "74:1: in #ROOMS #101: area number: expected a number, found 'door~'"
        );
    }

    #[test]
    fn unknown_section() {
        let r = load(&edit("#SPECIALS", "#SPECIAL"));
        assert_eq!(
            errors(&r),
            ["94:1: unknown section '#SPECIAL'; expected one of AREA, AREADATA, HELPS, MOBILES, \
              MOBOLD, OBJECTS, OBJOLD, ROOMS, RESETS, SHOPS, SPECIALS, SOCIALS, MOBPROGS or '#$'"]
        );
        assert_eq!(
            r.protos.mobprogs.len(),
            1,
            "loading resumes at the next section"
        );
    }

    #[test]
    fn bad_flag_letters() {
        let r = load(&edit("0 D 1\n", "0 Dg 1\n"));
        assert_eq!(
            errors(&r)[0],
            "61:4: in #ROOMS #100: room flags: 'g' is not a flag letter (only A-Z and a-f, bits 0..31, exist)"
        );
        let r = load(&edit("AB 0 0 0", "AB1 0 0 0"));
        assert_eq!(
            errors(&r)[0],
            "15:1: in #MOBILES #100: act flags: flag letters followed by digits in 'AB1'; write letters or a number"
        );
        let r = load(&edit("AB 0 0 0", "ABB 0 0 0"));
        assert!(r.errors.is_empty());
        assert_eq!(
            warnings(&r),
            ["15:3: flag letter 'B' repeated (ROM would add its value twice)"]
        );
        let r = load(&edit("AB 0 0 0", "ABD 0 0 0"));
        assert_eq!(
            warnings(&r),
            ["15:1: in #MOBILES #100: act flags: letter D means nothing in ROM (kept, unused)"]
        );
    }

    #[test]
    fn unknown_item_type() {
        let r = load(&edit("potion 0 AO", "poison 0 AO"));
        assert_eq!(
            errors(&r),
            [
                "52:1: in #OBJECTS #102: unknown item type 'poison'; expected one of light, scroll, \
                 wand, staff, weapon, treasure, armor, potion, clothing, furniture, trash, container, ...",
                "53:4: in #OBJECTS #102: value 1: expected a flag set (letters A-Z, a-f or a number), found ''cure'"
            ]
        );
        let r = load(&edit("potion 0 AO", "pot 0 AO"));
        assert!(r.errors.is_empty());
        assert_eq!(
            warnings(&r),
            ["52:1: in #OBJECTS #102: item type 'pot' is an abbreviation of 'potion'"]
        );
    }

    #[test]
    fn unknown_words_in_mobiles_and_objects() {
        let r = load(&edit("human~", "humam~"));
        assert!(errors(&r)[0].starts_with(
            "14:1: in #MOBILES #100: unknown race 'humam'; expected one of unique, human,"
        ));
        assert_eq!(
            r.protos.mobs[&MobVnum(100)].race,
            0,
            "the record still loads"
        );
        let r = load(&edit("1d6+2 slash", "1d6+2 slashh"));
        assert!(errors(&r)[0].starts_with("16:27: in #MOBILES #100: unknown damage noun 'slashh'; expected one of none, slice, stab,"),"{:?}",errors(&r));
        let r = load(&edit("'cure light'", "'cure lite'"));
        assert!(
            errors(&r)[0].starts_with("53:4: in #OBJECTS #102: unknown spell 'cure lite'"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("sword 2 5 slash E", "laser 2 5 slash E"));
        assert!(
            errors(&r)[0].starts_with("31:1: in #OBJECTS #100: unknown weapon class 'laser'"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("sword 2 5 slash E", "exotic 2 5 slash E"));
        assert!(r.errors.is_empty() && r.warnings.is_empty());
        assert_eq!(r.protos.objs[&ObjVnum(100)].values[0], 0);
        let r = load(&edit("sword 2 5 slash E", "spear 2 5 slash E"));
        assert!(r.errors.is_empty());
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(
            r.protos.objs[&ObjVnum(100)].values[0],
            i64::from(WEAPON_SPEAR)
        );
        let r = load(&edit("stand stand male", "stand stand malee"));
        assert!(
            errors(&r)[0].starts_with("19:13: in #MOBILES #100: unknown sex 'malee'"),
            "{:?}",
            errors(&r)
        );
    }

    #[test]
    fn bad_dice() {
        let r = load(&edit("1d6+2 slash", "1d6-2 slash"));
        assert_eq!(
            errors(&r)[0],
            "16:21: in #MOBILES #100: damage dice: dice '1d6-2': write a negative bonus as 'NdS+-B' (ROM reads 'NdS-B' as +B)"
        );
        let r = load(&edit("1d6+2 slash", "1d6+-2 slash"));
        assert!(r.errors.is_empty());
        assert_eq!(r.protos.mobs[&MobVnum(100)].damage.bonus, -2);
    }

    #[test]
    fn bad_exit_direction() {
        let r = load(&edit("D1\n", "D7\n"));
        assert_eq!(
            errors(&r),
            [
                "62:2: in #ROOMS #100: bad exit direction 7; expected 0..5 (north, east, south, west, up, down)",
                "89:5: in #RESETS: 'D' reset: room #100 has no exit east"
            ]
        );
        assert!(r.protos.rooms[&RoomVnum(100)].flags & ROOM_NO_MOB != 0);
    }

    #[test]
    fn room_trailers() {
        let r = load(&edit("1 101 101\nS\n", "1 101 101\nX\n"));
        assert_eq!(
            errors(&r)[0],
            "66:1: in #ROOMS #100: expected a room trailer (D0-D5, E, H, M, C, O) or 'S', found 'X'"
        );
        let r = load(&edit("0 0 0\nS\n", "0 0 0 H 110 M 90 C rom~ O Saska~\nS\n"));
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let closet = &r.protos.rooms[&RoomVnum(102)];
        assert_eq!((closet.heal_rate, closet.mana_rate), (110, 90));
        assert_eq!(
            (closet.clan.as_deref(), closet.owner.as_deref()),
            (Some("rom"), Some("Saska"))
        );
        let r = load(&edit("0 0 0\nS\n", "0 0 0 O a~ O b~\nS\n"));
        assert_eq!(
            errors(&r)[0],
            "81:12: in #ROOMS #102: second owner (O) line in one room"
        );
        let r = load(&edit("0 0 0\nS\n", "0 0 -1\nS\n"));
        assert_eq!(
            warnings(&r),
            ["81:5: in #ROOMS #102: sector -1 is not a sector type (0..10); using 0 (inside)"]
        );
    }

    #[test]
    fn second_exit_replaces_first() {
        let r = load(&edit("1 101 100\nS\n", "1 101 100\nD3\n~\n~\n0 0 102\nS\n"));
        assert!(r.errors.is_empty());
        assert_eq!(
            warnings(&r)[0],
            "76:1: in #ROOMS #101: second exit west replaces the first"
        );
        let west = r.protos.rooms[&RoomVnum(101)].exits[3].as_ref().unwrap();
        assert_eq!((west.to, west.flags), (Some(RoomVnum(102)), 0));
    }

    #[test]
    fn resets_with_unknown_vnums() {
        let r = load(&edit("O 0 101 0 101", "O 0 199 0 101"));
        assert_eq!(
            errors(&r),
            ["87:5: in #RESETS: 'O' reset loads object #199, which does not exist"]
        );
        assert_eq!(
            warnings(&r),
            ["88:11: in #RESETS: 'P' reset puts objects into #101, but no earlier reset in this area loads it"]
        );
        // A vnum no loaded area covers belongs to an area that is not installed.
        let r = load(&edit("O 0 101 0 101", "O 0 101 0 5101"));
        assert!(r.errors.is_empty());
        assert_eq!(
            warnings(&r),
            ["87:11: in #RESETS: 'O' reset puts it into room #5101, which is not loaded (no loaded area \
              covers vnum 5101); the reset does nothing"]
        );
        assert_eq!(
            r.protos.areas[0].resets.len(),
            5,
            "kept; the reset runner skips it"
        );
    }

    #[test]
    fn reset_line_errors() {
        let r = load(&edit("E 1 100 -1 16", "E 1 100 -1"));
        assert_eq!(
            errors(&r),
            ["86:1: in #RESETS: 'E' reset needs 4 numbers (if-flag, object vnum, limit, wear location) on its line, found 3"]
        );
        assert_eq!(r.protos.areas[0].resets.len(), 4, "the other lines load");
        let r = load(&edit("E 1 100 -1 16", "X 1 100 -1 16"));
        assert!(
            errors(&r)[0].starts_with("86:1: in #RESETS: unknown reset command 'X'"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("D 0 100 1 2", "D 0 100 1 3"));
        assert_eq!(
            errors(&r),
            ["89:11: in #RESETS: 'D' reset: bad door state 3; expected 0 (open), 1 (closed) or 2 (locked)"]
        );
        let r = load(&edit("E 1 100 -1 16", "E 1 100 -1 19"));
        assert_eq!(
            errors(&r),
            ["86:12: in #RESETS: 'E' reset: wear location 19 does not exist (0..18)"]
        );
        let r = load(&edit("M 0 100 1 100 1\t* guard", "G 1 101 1\t* no mob"));
        assert_eq!(
            errors(&r)[0],
            "85:1: in #RESETS: 'G' reset with no earlier 'M' reset in this area"
        );
        let r = load(&edit("D 0 100 1 2", "D 0 102 1 2"));
        assert_eq!(
            errors(&r),
            ["89:5: in #RESETS: 'D' reset: room #102 has no exit east"]
        );
        let r = load(&edit("S\n#SHOPS", "*\tjust a comment\nS\n#SHOPS"));
        assert!(r.errors.is_empty());
    }

    #[test]
    fn door_reset_on_a_non_door() {
        let r = load(&edit("1 101 101\n", "0 101 101\n"));
        assert_eq!(
            errors(&r),
            ["89:5: in #RESETS: 'D' reset: exit east of room #100 is not a door (lock code 0)"]
        );
    }

    #[test]
    fn lock_codes_become_exit_bits() {
        for (code, bits) in [
            ("0", 0),
            ("1", EX_ISDOOR),
            ("2", EX_ISDOOR | EX_PICKPROOF),
            ("3", EX_ISDOOR | EX_NOPASS),
            ("4", EX_ISDOOR | EX_PICKPROOF | EX_NOPASS),
        ] {
            let r = load(&edit("1 101 100\n", &format!("{code} 101 100\n")));
            assert_eq!(
                r.protos.rooms[&RoomVnum(101)].exits[3]
                    .as_ref()
                    .unwrap()
                    .flags,
                bits
            );
        }
    }

    #[test]
    fn duplicate_vnums() {
        let r = load(&edit("#102\nCloset~", "#100\nCloset~"));
        assert_eq!(
            errors(&r)[0],
            "77:1: in #ROOMS #100: duplicate room #100 (first defined at t.are:57)"
        );
        assert_eq!(r.protos.rooms[&RoomVnum(100)].name, "Room One");
    }

    #[test]
    fn duplicate_mobile_and_object_vnums() {
        let r = load(&edit("#101\nbag~", "#100\nbag~"));
        assert_eq!(
            errors(&r)[0],
            "39:1: in #OBJECTS #100: duplicate object #100 (first defined at t.are:25)"
        );
        assert_eq!(r.protos.objs[&ObjVnum(100)].short_descr, "a sword");
        let start = BASE.find("#MOBILES\n").unwrap() + "#MOBILES\n".len();
        let end = BASE.find("#0\n#OBJECTS").unwrap();
        let mob = &BASE[start..end];
        let r = load(&BASE.replacen("#0\n#OBJECTS", &format!("{mob}#0\n#OBJECTS"), 1));
        assert_eq!(
            errors(&r),
            ["23:1: in #MOBILES #100: duplicate mobile #100 (first defined at t.are:7)"]
        );
    }

    #[test]
    fn shops_specials_and_progs_must_resolve() {
        let r = load(&edit(
            "100 2 3 0 0 0 110 90 0 23",
            "150 2 3 0 0 0 110 90 0 23",
        ));
        assert_eq!(
            errors(&r),
            ["92:1: in #SHOPS: the shop keeper is mobile #150, which does not exist"]
        );
        let r = load(&edit(
            "100 2 3 0 0 0 110 90 0 23 * the guard",
            "100 2 3 0 0 0 110 90",
        ));
        assert!(
            errors(&r)[0].starts_with("92:1: in #SHOPS: a shop needs 10 numbers"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("M 100 spec_guard", "M 100 spec_gaurd"));
        assert!(
            errors(&r)[0].starts_with("95:7: in #SPECIALS: unknown special function 'spec_gaurd'"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("M 100 spec_guard", "M 100 guard"));
        assert_eq!(r.errors.len(), 1, "short forms are not accepted");
        let r = load(&edit("M greet 100 100~", "M greet 101 100~"));
        assert_eq!(
            errors(&r),
            ["22:9: in #MOBILES #100: mobprog #101 does not exist (no #MOBPROGS entry)"]
        );
        let r = load(&edit("M greet 100 100~", "M grete 100 100~"));
        assert!(
            errors(&r)[0].starts_with("22:3: in #MOBILES #100: unknown mobprog trigger 'grete'"),
            "{:?}",
            errors(&r)
        );
        let r = load(&edit("F par K", "F parts K"));
        assert_eq!(
            errors(&r),
            ["21:3: in #MOBILES #100: unknown flag set 'parts' in F trailer; expected act, aff, off, imm, res, vul, for or par"]
        );
    }

    #[test]
    fn stray_text_and_file_edges() {
        let r = load(&edit("1 1 1 P\n", "1 1 1 P\nA 1\n"));
        assert_eq!(
            errors(&r)[0],
            "56:1: in #OBJECTS #102: apply modifier: expected a number, found '#0'"
        );
        let r = load(&edit("1 2 3 G\n", "1 2 3 G\nstray\n"));
        assert_eq!(
            errors(&r),
            ["47:1: in #OBJECTS #101: expected a trailer (A, F or E) or '#<vnum>' or '#0', found 'stray'"]
        );
        assert_eq!(r.protos.objs.len(), 3);
        let r = load(&format!("junk\n{BASE}"));
        assert_eq!(
            errors(&r),
            ["1:1: expected '#' to start a section, found 'j'"]
        );
        let r = load(&format!("{BASE}trailing words\n"));
        assert!(r.errors.is_empty());
        assert_eq!(warnings(&r), ["103:1: text after '#$' is ignored"]);
        let r = load(&BASE.replace("#$\n", ""));
        assert_eq!(
            errors(&r),
            ["102:1: unexpected end of file, expected a section or '#$'"]
        );
        let r = load(&edit("#0\n#OBJECTS", "#OBJECTS"));
        assert_eq!(
            errors(&r),
            ["23:1: in #MOBILES: section not terminated by '#0' before the next section"]
        );
        assert_eq!(r.protos.objs.len(), 3);
        let r = load(&edit("100 199\n", "XX00 XX99\n"));
        assert_eq!(
            errors(&r)[0],
            "5:1: in #AREA: low vnum: expected a number, found 'XX00'"
        );
    }

    #[test]
    fn records_need_an_area_header() {
        let r = load("#ROOMS\n#1\nA~\nB~\n0 0 0\nS\n#0\n#$\n");
        assert_eq!(
            errors(&r),
            ["1:1: #ROOMS needs an #AREA or #AREADATA header earlier in this file"]
        );
        assert_eq!(r.protos.rooms.len(), 1);
    }

    #[test]
    fn object_value_readers() {
        let text = "#AREA\nv.are~\nV~\nc~\n1 99\n#OBJECTS\n\
            #1\nlamp~\na lamp~\nA lamp.~\n~\nlight 0 AO\n0 0 -1 0 ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef\n1 1 1 R\n\
            #2\nfountain~\na fountain~\nA fountain.~\nstone~\nfountain 0 0\n100000 100000 'local specialty' 0 0\n1 1 1 W\n\
            #3\nwand~\na wand~\nA wand.~\nwood~\nwand 0 AO\n10 5 5 'magic missile' 0\n1 1 1 D\n\
            #4\nring~\nthe One Ring~\nA ring.~\ngold~\njewelry G AB\n0 0 0 0 0\n20 30 1660 Q\nF\nA 0 0 B\nA\n1 -1\n\
            #0\n#$\n";
        let r = load_area_str("v.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let o = &r.protos.objs;
        assert_eq!(o[&ObjVnum(1)].values, [0, 0, -1, 0, -1]);
        assert_eq!(o[&ObjVnum(1)].condition, 0);
        assert_eq!(o[&ObjVnum(2)].values, [100_000, 100_000, 8, 0, 0]);
        assert_eq!(o[&ObjVnum(2)].condition, 50);
        assert_eq!(o[&ObjVnum(3)].values, [10, 5, 5, 66, 0]);
        let ring = &o[&ObjVnum(4)];
        assert_eq!(
            ring.applies,
            [
                ObjApply {
                    where_: b'A',
                    location: 0,
                    modifier: 0,
                    bits: tables::letters("B")
                },
                ObjApply {
                    where_: 0,
                    location: 1,
                    modifier: -1,
                    bits: 0
                },
            ]
        );
        assert_eq!(ring.condition, 100);
        assert_eq!(warnings(&r), ["38:12: in #OBJECTS #4: unknown condition letter 'Q' (means 100%); expected P, G, A, W, D, B or R"]);
    }

    #[test]
    fn room_adjustments_law_and_no_mob() {
        let text = "#AREA\nm.are~\nM~\nc~\n3000 3099\n#ROOMS\n\
            #3001\nTemple~\nT.\n~\n0 0 1\nD0\n~\n~\n0 -1 3002\nS\n\
            #3002\nNorth~\nN.\n~\n0 0 1\nD2\n~\n~\n0 0 3003\nS\n\
            #3003\nSouth~\nS.\n~\n0 0 1\nD0\n~\n~\n0 0 3002\nD1\n~\n~\n0 0 9999\nS\n#0\n#$\n";
        let r = load_area_str("m.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let rooms = &r.protos.rooms;
        assert_eq!(rooms[&RoomVnum(3001)].flags, ROOM_LAW);
        assert_eq!(rooms[&RoomVnum(3003)].exits[1].as_ref().unwrap().to, None);
        assert_eq!(
            warnings(&r),
            [
                "39:5: in #ROOMS #3003: exit east leads to room #9999, which is not loaded (no loaded area \
                 covers vnum 9999); the exit leads nowhere",
                "15:6: in #ROOMS #3001: exit north leads to #3002, but the south exit of #3002 leads to #3003",
            ]
        );
        let text = text.replace("0 0 9999", "0 0 3050");
        let r = load_area_str("m.are", text.as_bytes());
        assert_eq!(
            errors(&r),
            ["39:5: in #ROOMS #3003: exit east leads to room #3050, which does not exist"]
        );
        let lonely = "#AREA\nl.are~\nL~\nc~\n1 9\n#ROOMS\n#1\nA~\nB~\n0 0 0\nD0\n~\n~\n0 0 9999\nS\n#0\n#$\n";
        let r = load_area_str("l.are", lonely.as_bytes());
        assert_eq!(
            r.protos.rooms[&RoomVnum(1)].flags,
            ROOM_NO_MOB,
            "an exit to nowhere does not count"
        );
    }

    #[test]
    fn helps() {
        let text = "#HELPS\n-1 'RACE HELP' RACES~\n.  Indented\nline.\n~\n\n60 IMP~\nFor gods.\n~\n0 $~\n#$\n";
        let r = load_area_str("h.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let h = &r.protos.helps;
        assert_eq!(h.len(), 2);
        assert_eq!(
            (h[0].level, h[0].keywords.as_str()),
            (-1, "'RACE HELP' RACES")
        );
        assert_eq!(h[0].text, ".  Indented\nline.\n");
        assert_eq!(h[1].area, None);
        let broken = text.replace("60 IMP~", "6O IMP~");
        let r = load_area_str("h.are", broken.as_bytes());
        assert_eq!(
            errors(&r),
            ["7:1: in #HELPS: help level: expected a number, found '6O'"]
        );
        assert_eq!(r.protos.helps.len(), 1);
        let r = load_area_str("h.are", text.replace("0 $~\n", "").as_bytes());
        assert_eq!(
            errors(&r),
            ["10:1: in #HELPS: section not terminated by '0 $~' before the next section"]
        );
    }

    #[test]
    fn socials() {
        let text = "#SOCIALS\n\ngack\nGaaack!\n$n gacks.\n#\nkiss 0 0\nWho?\n$\nYou kiss $M. \n$n kisses $N.\n\
            $n kisses you.\nNever around.\nAll the lonely people :(\n#\n \nnod 0 0\nYou nod.\n$n nods.\n# \n#0\n#$\n";
        let r = load_area_str("s.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let s = &r.protos.socials;
        assert_eq!(s.len(), 3);
        let kiss = &s[1];
        assert_eq!(kiss.name, "kiss");
        assert_eq!(kiss.char_no_arg.as_deref(), Some("Who?"));
        assert_eq!(kiss.others_no_arg, None);
        assert_eq!(kiss.char_found.as_deref(), Some("You kiss $M. "));
        assert_eq!(kiss.others_auto, None);
        assert_eq!(kiss.char_auto.as_deref(), Some("All the lonely people :("));
        assert_eq!(s[0].others_no_arg.as_deref(), Some("$n gacks."));
        assert_eq!(
            s[0].char_found, None,
            "the gack social has only two lines before kiss"
        );
        assert_eq!(s[2].others_no_arg.as_deref(), Some("$n nods."));
        assert_eq!(
            warnings(&r),
            ["20:1: in #SOCIALS: '# ' has trailing blanks; taken as the marker '#' (ROM would show it as a message)"]
        );
    }

    #[test]
    fn areadata_header() {
        let text = "#AREADATA\nName Olc Zone~\nBuilders Bob~\nVNUMs 500 599\nCredits {5 10} Bob~\nSecurity 3\nEnd\n\
            #ROOMS\n#500\nR~\nD~\n0 8 0\nS\n#0\n#$\n";
        let r = load_area_str("o.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let a = &r.protos.areas[0];
        assert_eq!(
            (a.name.as_str(), a.builders.as_str(), a.security),
            ("Olc Zone", "Bob", 3)
        );
        assert_eq!(
            (a.low_vnum, a.high_vnum, a.file.as_str()),
            (500, 599, "o.are")
        );
        assert_eq!(
            r.protos.rooms[&RoomVnum(500)].flags,
            ROOM_INDOORS | ROOM_NO_MOB
        );
        let r = load_area_str("o.are", text.replace("Security 3", "Flags 3").as_bytes());
        assert_eq!(
            errors(&r),
            ["6:1: in #AREADATA: unknown key 'flags'; expected Name, Builders, VNUMs, Credits, Security or End"]
        );
    }

    #[test]
    fn old_format_mobiles_and_objects_are_converted() {
        let text = "#AREA\no.are~\nOld~\nc~\n1 99\n#MOBOLD\n#1\ndragon old~\nan old dragon~\nan old dragon is here.\n~\n~\n\
            BF 0 -500 S\n20 5 0 1d1+1 1d1+1\n1000 0\n2 8 1\n#0\n#OBJOLD\n#2\npotion~\nA Potion~\na potion.~\n~\n\
            10 0 AO\n12 16 53 0\n1 100 0\n#3\nclaymore~\nA claymore~\na claymore.~\n~\n5 0 AN\n0 0 0 3\n1 100 0\nA 18 1\n#0\n\
            #RESETS\nM 0 1 1 1 1\nG 1 3 1\nS\n#ROOMS\n#1\nR~\nD~\n0 0 0\nS\n#0\n#$\n";
        let r = load_area_str("o.are", text.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let m = &r.protos.mobs[&MobVnum(1)];
        assert_eq!(m.race, rules::race_lookup("dragon").unwrap());
        assert_eq!(m.long_descr, "An old dragon is here.\n");
        assert_eq!((m.level, m.hitroll, m.alignment), (20, 5, -500));
        assert_eq!(
            (m.start_pos, m.default_pos, m.sex),
            (pos::STANDING, pos::STANDING, 1)
        );
        assert_eq!(
            m.act & (ACT_IS_NPC | ACT_SENTINEL),
            ACT_IS_NPC | ACT_SENTINEL
        );
        assert_eq!(m.wealth, 50);
        assert_eq!(m.ac[0], 100 + 20 * -200 / 32);
        assert!(m.hit.number >= 1 && m.hit.size >= 1);
        let potion = &r.protos.objs[&ObjVnum(2)];
        assert_eq!(potion.short_descr, "a Potion");
        assert_eq!(potion.long_descr, "A potion.");
        assert_eq!(
            potion.values,
            [12, 26, 60, -1, 0],
            "slots 16 and 53 are cure light and identify"
        );
        let sword = &r.protos.objs[&ObjVnum(3)];
        assert_eq!(
            sword.values[4],
            i64::try_from(tables::letters("F")).unwrap(),
            "two-handed"
        );
        assert_eq!(sword.level, 18, "level from the reset: mobile level - 2");
        assert_eq!(sword.values[1..3], [18 / 4 + 2, 3 * 18 / 4 + 6]);
        let r = load_area_str("o.are", text.replace("-500 S", "-500 X").as_bytes());
        assert!(
            errors(&r)[0].starts_with("13:11: in #MOBOLD #1: expected 'S' after the alignment"),
            "{:?}",
            errors(&r)
        );
        let r = load_area_str(
            "o.are",
            text.replace("12 16 53 0", "12 16 999 0").as_bytes(),
        );
        assert_eq!(
            errors(&r),
            ["25:7: in #OBJOLD #2: unknown spell slot number 999"]
        );
    }

    #[test]
    fn mobile_trailers_remove_race_bits() {
        let text = BASE
            .replace("human~", "dragon~")
            .replace("F par K", "F res H\nF a B");
        let r = load(&text);
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
        let m = &r.protos.mobs[&MobVnum(100)];
        let dragon = &rules::RACES[11];
        assert_eq!(m.res, dragon.res & !tables::letters("H"));
        assert_eq!(m.act, ACT_IS_NPC, "'a' is a prefix of 'act'");
        assert_eq!(m.parts, dragon.parts);
    }

    #[test]
    fn never_panics_on_damaged_input() {
        let bytes = BASE.as_bytes();
        for cut in 0..bytes.len() {
            let _ = load_area_str("t.are", &bytes[..cut]);
        }
        for at in 0..bytes.len() {
            for b in [b'~', b'#', b'\n', b'x', b'9', b'-', b'\'', b' ', 0xff] {
                let mut v = bytes.to_vec();
                v[at] = b;
                let r = load_area_str("t.are", &v);
                for d in r.errors.iter().chain(&r.warnings) {
                    assert!(d.line >= 1 && d.col >= 1, "{d}");
                }
            }
        }
        let big = "#AREA\nb.are~\nB~\nc~\n1 2147483647\n#MOBOLD\n#1\nx~\nx~\nx~\nx~\n0 0 0 S\n\
            2147483647 0 0 1d1+1 1d1+1\n2147483647 0\n8 8 1\n#0\n#$\n";
        let r = load_area_str("b.are", big.as_bytes());
        assert!(r.errors.is_empty(), "{:?}", errors(&r));
    }
}
