//! Player files ("save.c"): one plain-text file per character, ROM style.
//!
//! The format is ROM's (`rom-area-format.md` section 5): a `#PLAYER` block of
//! `Key value` lines closed by `End`, one `#O` block per carried, worn or
//! contained object (containers first, then their contents one `Nest` level
//! deeper), and `#END`. Differences from ROM, on purpose:
//!
//! * `Pass` holds an argon2 PHC string, never a password or a `crypt()` hash;
//! * skills are written by quoted name as ROM does (`Sk 75 'sword'`,
//!   `Affc 'armor' ...`, names from `world::rules::SKILLS`); bare skill numbers,
//!   which earlier versions wrote, are still read;
//! * `Sett key value~` lines carry [`PcData::settings`];
//! * `Alias` (ROM's) and `Not` (stock ROM's five note read stamps) are
//!   written; so are, beyond ROM, the tells kept for `replay` (`Rply`) and
//!   an unposted note (`NDrf spool to~`, `NSub`, `NTxt`), so that a copyover
//!   loses neither;
//! * every object is kept (ROM drops keys and over-level items at save time);
//! * the `#PET` block is written with every key (ROM writes only what
//!   differs from the prototype; both read the same), `Race` excepted (a
//!   pet keeps its prototype's race). A pet whose prototype is gone is
//!   dropped with a warning (ROM substitutes a fido).
//!
//! The writer and reader are pure ([`write_player`], [`read_player`]) so that
//! copyover can reuse them; [`save_player`] adds the atomic disk write (temp
//! file in the same directory, fsync, rename, fsync of the directory), so a
//! failed save never truncates the old file. The reader never panics: a file
//! it cannot parse is a [`SaveError`] naming the file and line.
//!
//! This module knows nothing about connections or the login dialogue.

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::world::handler::smash_tilde;
use crate::world::rules::{self, Sn};
use crate::world::{
    aff, pos, wear_loc, Affect, Char, CharId, ExtraDescr, Flags, MobVnum, ObjId, ObjVnum, PcData,
    Position, RoomVnum, World, ACT_PET, ROOM_VNUM_LIMBO,
};

/// The file version we write (ROM's current one).
pub const SAVE_VERSION: i32 = 5;

/// What went wrong reading or writing a player file.
#[derive(Debug)]
pub enum SaveError {
    /// The name cannot be a player file name (letters only, 1..=12).
    BadName(String),
    /// The disk said no.
    Io { path: PathBuf, err: io::Error },
    /// The file does not parse: `file:line: message`.
    Parse {
        file: String,
        line: u32,
        msg: String,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::BadName(n) => write!(f, "{n:?} is not a valid player name"),
            SaveError::Io { path, err } => write!(f, "{}: {err}", path.display()),
            SaveError::Parse { file, line, msg } => write!(f, "{file}:{line}: {msg}"),
        }
    }
}

impl std::error::Error for SaveError {}

/// One object as read from a `#O` block, before it is instanced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedObj {
    pub vnum: ObjVnum,
    /// 0 = carried or worn; n = inside the last object read at depth n-1.
    pub nest: i32,
    pub wear_loc: i32,
    pub name: Option<String>,
    pub short_descr: Option<String>,
    pub description: Option<String>,
    pub extra_flags: Option<Flags>,
    pub wear_flags: Option<Flags>,
    pub item_type: Option<i32>,
    pub weight: Option<i32>,
    pub condition: Option<i32>,
    pub level: Option<i32>,
    pub timer: i32,
    pub cost: Option<i32>,
    pub values: Option<[i64; 5]>,
    pub affects: Vec<Affect>,
    /// `Enchanted`: the prototype's applies are in `affects`.
    pub enchanted: bool,
    pub extra: Vec<ExtraDescr>,
    /// The line of the block's `#O`, for messages.
    pub line: u32,
}

/// A pet as read from a `#PET` block, before it is instanced: what the
/// block said, each key optional (the prototype gives the rest).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedPet {
    pub vnum: MobVnum,
    pub name: Option<String>,
    pub short_descr: Option<String>,
    pub long_descr: Option<String>,
    pub description: Option<String>,
    pub sex: Option<i32>,
    pub level: Option<i32>,
    pub hmv: Option<[i32; 6]>,
    pub gold: Option<i64>,
    pub silver: Option<i64>,
    pub exp: Option<i64>,
    pub act: Option<Flags>,
    pub affected_by: Option<Flags>,
    pub comm: Option<Flags>,
    pub position: Option<Position>,
    pub saving_throw: Option<i32>,
    pub alignment: Option<i32>,
    pub hitroll: Option<i32>,
    pub damroll: Option<i32>,
    pub armor: Option<[i32; 4]>,
    pub perm_stat: Option<[i32; 5]>,
    pub mod_stat: Option<[i32; 5]>,
    pub affects: Vec<Affect>,
    /// The line of the block's `#PET`, for messages.
    pub line: u32,
}

/// A parsed player file.
#[derive(Clone, Debug, Default)]
pub struct LoadedPlayer {
    /// The character (a player: `pc` is set), not yet in any arena.
    pub ch: Char,
    /// Objects in file order.
    pub objs: Vec<SavedObj>,
    /// `LogO`: Unix seconds of the last save (0 if absent).
    pub last_logoff: i64,
    /// Things skipped while reading (unknown keys, ...), as `file:line: ...`.
    pub warnings: Vec<String>,
    /// The `#PET` block, if any ([`load_pet`] instances it).
    pub pet: Option<SavedPet>,
}

// ------------------------------------------------------------------ names

/// Whether `name` may name a player file: ASCII letters only, 1..=12 long.
/// (The stricter rules for new names live in the login dialogue.)
pub fn valid_file_name(name: &str) -> bool {
    (1..=12).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphabetic())
}

/// `alice` -> `Alice`.
pub fn capitalize_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

/// The path of a player's file; refuses anything that is not a plain name,
/// so no name can address a path outside `dir`.
pub fn player_path(dir: &Path, name: &str) -> Result<PathBuf, SaveError> {
    if !valid_file_name(name) {
        return Err(SaveError::BadName(name.to_string()));
    }
    Ok(dir.join(capitalize_name(name)))
}

/// Does a file exist for this name? An error (other than "not found")
/// is an error: never taken for "no such player".
pub fn player_exists(dir: &Path, name: &str) -> io::Result<bool> {
    let Ok(p) = player_path(dir, name) else {
        return Ok(false);
    };
    match fs::metadata(&p) {
        Ok(m) => Ok(m.is_file()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

// ------------------------------------------------------------------ flags

/// ROM's flag letters: `A`..`Z` = bits 0..25, `a`..`f` = bits 26..31; `0` for none.
pub fn flag_letters(flags: Flags) -> String {
    if flags == 0 {
        return "0".to_string();
    }
    if flags >> 32 != 0 {
        return flags.to_string();
    }
    let mut s = String::new();
    for bit in 0..32u32 {
        if flags & (1 << bit) != 0 {
            let c = if bit < 26 {
                b'A' + bit as u8
            } else {
                b'a' + (bit - 26) as u8
            };
            s.push(c as char);
        }
    }
    s
}

/// Read letters, a decimal number, or `|`-joined parts of both.
fn parse_flags(word: &str) -> Option<Flags> {
    let mut total: Flags = 0;
    for part in word.split('|') {
        if part.is_empty() {
            return None;
        }
        if let Ok(n) = part.parse::<i64>() {
            total |= n as u64;
            continue;
        }
        for b in part.bytes() {
            let bit = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'f' => 26 + b - b'a',
                _ => return None,
            };
            total |= 1 << bit;
        }
    }
    Some(total)
}

// ----------------------------------------------------------------- writer

/// Current Unix time in seconds.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Seconds `pc` has played by `now`: the saved total plus this session.
pub fn played_secs_at(pc: &PcData, now: i64) -> i64 {
    let session = if pc.last_logon > 0 {
        (now - pc.last_logon).max(0)
    } else {
        0
    };
    pc.played_secs + session
}

/// A skill as the file names it: `'name'`, or the bare number when the
/// skill table has no such entry.
fn skill_word(sn: Sn) -> String {
    match sn.name() {
        Some(name) => format!("'{name}'"),
        None => sn.0.to_string(),
    }
}

/// A skill word read back: a quoted name (exact, else ROM's prefix rule) or
/// a bare number as earlier versions wrote it.
fn skill_from_word(word: &str) -> Option<Sn> {
    if let Ok(sn) = word.parse::<i32>() {
        return Some(Sn(sn));
    }
    rules::skill_exact(word).or_else(|| rules::skill_lookup(word))
}

/// The whole player file for `ch`, as text (empty for mobiles and stale ids).
pub fn write_player(world: &World, ch: CharId) -> String {
    write_player_at(world, ch, now_secs())
}

/// [`write_player`] with the clock given (for tests).
pub fn write_player_at(world: &World, ch: CharId, now: i64) -> String {
    use std::fmt::Write as _;
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let Some(pc) = c.pc.as_deref() else {
        return String::new();
    };
    let mut o = String::with_capacity(2048);
    let _ = writeln!(o, "#PLAYER");
    let _ = writeln!(o, "Name {}~", smash_tilde(&c.name));
    let _ = writeln!(o, "Id   {}", pc.id);
    let _ = writeln!(o, "LogO {now}");
    let _ = writeln!(o, "Vers {SAVE_VERSION}");
    if !c.description.is_empty() {
        let _ = writeln!(o, "Desc {}~", smash_tilde(&c.description));
    }
    if !pc.prompt.is_empty() {
        let _ = writeln!(o, "Prom {}~", smash_tilde(&pc.prompt));
    }
    let race = rules::pc_race_by_index(c.race).map_or("human", |r| r.name);
    let _ = writeln!(o, "Race {race}~");
    if let Some(clan) = crate::db::tables::CLANS.get(c.clan).filter(|_| c.clan != 0) {
        let _ = writeln!(o, "Clan {}~", clan.0);
    }
    let _ = writeln!(o, "Sex  {}", c.sex);
    let _ = writeln!(o, "Cla  {}", c.class);
    let _ = writeln!(o, "Levl {}", c.level);
    if c.trust != 0 {
        let _ = writeln!(o, "Tru  {}", c.trust);
    }
    if pc.security != 0 {
        let _ = writeln!(o, "Sec  {}", pc.security);
    }
    let _ = writeln!(o, "Plyd {}", played_secs_at(pc, now));
    if pc.lines != 0 {
        let _ = writeln!(o, "Scro {}", pc.lines);
    }
    // A player idled into limbo is saved where they came from.
    let room = pc.saved_room.or(c.room).unwrap_or(ROOM_VNUM_LIMBO);
    let _ = writeln!(o, "Room {}", room.0);
    let _ = writeln!(
        o,
        "HMV  {} {} {} {} {} {}",
        c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv
    );
    let _ = writeln!(o, "HMVP {} {} {}", pc.perm_hit, pc.perm_mana, pc.perm_move);
    let _ = writeln!(o, "Gold {}", c.gold);
    let _ = writeln!(o, "Silv {}", c.silver);
    let _ = writeln!(o, "Exp  {}", c.exp);
    let _ = writeln!(o, "Act  {}", flag_letters(c.act));
    let _ = writeln!(o, "AfBy {}", flag_letters(c.affected_by));
    let _ = writeln!(o, "Comm {}", flag_letters(c.comm));
    if pc.invis_level != 0 {
        let _ = writeln!(o, "Invi {}", pc.invis_level);
    }
    if pc.incog_level != 0 {
        let _ = writeln!(o, "Inco {}", pc.incog_level);
    }
    if pc.wiznet != 0 {
        let _ = writeln!(o, "Wizn {}", flag_letters(pc.wiznet));
    }
    let position = if c.position == pos::FIGHTING {
        pos::STANDING
    } else {
        c.position
    };
    let _ = writeln!(o, "Pos  {}", i32::from(position));
    let _ = writeln!(o, "Prac {}", pc.practice);
    let _ = writeln!(o, "Trai {}", pc.train);
    if c.saving_throw != 0 {
        let _ = writeln!(o, "Save {}", c.saving_throw);
    }
    let _ = writeln!(o, "Alig {}", c.alignment);
    let _ = writeln!(o, "Hit  {}", c.hitroll);
    let _ = writeln!(o, "Dam  {}", c.damroll);
    let a = c.armor;
    let _ = writeln!(o, "ACs  {} {} {} {}", a[0], a[1], a[2], a[3]);
    if c.wimpy != 0 {
        let _ = writeln!(o, "Wimp {}", c.wimpy);
    }
    let p = c.perm_stat;
    let _ = writeln!(o, "Attr {} {} {} {} {}", p[0], p[1], p[2], p[3], p[4]);
    let m = c.mod_stat;
    let _ = writeln!(o, "AMod {} {} {} {} {}", m[0], m[1], m[2], m[3], m[4]);
    let _ = writeln!(o, "Pass {}~", smash_tilde(&pc.password_hash));
    if !pc.bamfin.is_empty() {
        let _ = writeln!(o, "Bin  {}~", smash_tilde(&pc.bamfin));
    }
    if !pc.bamfout.is_empty() {
        let _ = writeln!(o, "Bout {}~", smash_tilde(&pc.bamfout));
    }
    let _ = writeln!(o, "Titl {}~", smash_tilde(&pc.title));
    let _ = writeln!(o, "Pnts {}", pc.points);
    let _ = writeln!(o, "TSex {}", pc.true_sex);
    let k = pc.condition;
    let _ = writeln!(o, "Cnd  {} {} {} {}", k[0], k[1], k[2], k[3]);
    for (sn, pct) in &pc.learned {
        let _ = writeln!(o, "Sk {pct} {}", skill_word(*sn));
    }
    for g in &pc.groups {
        let _ = writeln!(o, "Gr '{}'", g.replace('\'', ""));
    }
    for af in &c.affects {
        write_affect(&mut o, af);
    }
    if pc.last_note != [0; 5] {
        let n = &pc.last_note;
        let _ = writeln!(o, "Not  {} {} {} {} {}", n[0], n[1], n[2], n[3], n[4]);
    }
    for (word, sub) in &pc.aliases {
        if word.is_empty() || word.contains(|ch: char| ch.is_whitespace() || ch == '~') {
            continue;
        }
        let _ = writeln!(o, "Alias {word} {}~", smash_tilde(sub));
    }
    if !pc.replay.is_empty() {
        let _ = writeln!(o, "Rply {}~", smash_tilde(&pc.replay));
    }
    if let Some(d) = &pc.note_draft {
        let _ = writeln!(o, "NDrf {} {}~", d.spool, smash_tilde(&d.to));
        let _ = writeln!(o, "NSub {}~", smash_tilde(&d.subject));
        let _ = writeln!(o, "NTxt {}~", smash_tilde(&d.text));
    }
    for (key, value) in &pc.settings {
        if key.is_empty() || key.contains(|ch: char| ch.is_whitespace() || ch == '~') {
            continue;
        }
        let _ = writeln!(o, "Sett {key} {}~", smash_tilde(value));
    }
    let _ = writeln!(o, "End\n");
    write_objs(world, &mut o, &c.carrying, 0);
    // The pet, only if it stands with its owner (ROM).
    if let Some(pet) = c
        .pet
        .filter(|&p| world.ch(p).is_some_and(|p| p.room == c.room))
    {
        write_pet(world, &mut o, pet, now);
    }
    let _ = writeln!(o, "#END");
    o
}

/// A `#PET` block (rom-area-format 5.4).
fn write_pet(world: &World, o: &mut String, pet: CharId, now: i64) {
    use std::fmt::Write as _;
    let Some(p) = world.ch(pet) else { return };
    let Some(vnum) = p.vnum else { return };
    let _ = writeln!(o, "#PET");
    let _ = writeln!(o, "Vnum {}", vnum.0);
    let _ = writeln!(o, "Name {}~", smash_tilde(&p.name));
    let _ = writeln!(o, "LogO {now}");
    let _ = writeln!(o, "ShD  {}~", smash_tilde(&p.short_descr));
    let _ = writeln!(o, "LnD  {}~", smash_tilde(&p.long_descr));
    let _ = writeln!(o, "Desc {}~", smash_tilde(&p.description));
    let _ = writeln!(o, "Sex  {}", p.sex);
    let _ = writeln!(o, "Levl {}", p.level);
    let _ = writeln!(
        o,
        "HMV  {} {} {} {} {} {}",
        p.hit, p.max_hit, p.mana, p.max_mana, p.mv, p.max_mv
    );
    let _ = writeln!(o, "Gold {}", p.gold);
    let _ = writeln!(o, "Silv {}", p.silver);
    let _ = writeln!(o, "Exp  {}", p.exp);
    let _ = writeln!(o, "Act  {}", flag_letters(p.act));
    let _ = writeln!(o, "AfBy {}", flag_letters(p.affected_by));
    let _ = writeln!(o, "Comm {}", flag_letters(p.comm));
    let position = if p.position == pos::FIGHTING {
        pos::STANDING
    } else {
        p.position
    };
    let _ = writeln!(o, "Pos  {}", i32::from(position));
    let _ = writeln!(o, "Save {}", p.saving_throw);
    let _ = writeln!(o, "Alig {}", p.alignment);
    let _ = writeln!(o, "Hit  {}", p.hitroll);
    let _ = writeln!(o, "Dam  {}", p.damroll);
    let a = p.armor;
    let _ = writeln!(o, "ACs  {} {} {} {}", a[0], a[1], a[2], a[3]);
    let st = p.perm_stat;
    let _ = writeln!(o, "Attr {} {} {} {} {}", st[0], st[1], st[2], st[3], st[4]);
    let m = p.mod_stat;
    let _ = writeln!(o, "AMod {} {} {} {} {}", m[0], m[1], m[2], m[3], m[4]);
    for af in &p.affects {
        write_affect(o, af);
    }
    let _ = writeln!(o, "End\n");
}

fn write_affect(o: &mut String, af: &Affect) {
    use std::fmt::Write as _;
    let _ = writeln!(
        o,
        "Affc {} {} {} {} {} {} {}",
        skill_word(af.skill),
        af.where_,
        af.level,
        af.duration,
        af.modifier,
        af.location,
        af.bits
    );
}

/// Objects in reverse list order, each container followed by its contents,
/// so that reading them back (each prepended) rebuilds the same order.
fn write_objs(world: &World, o: &mut String, list: &[ObjId], nest: i32) {
    use std::fmt::Write as _;
    for &id in list.iter().rev() {
        let Some(obj) = world.obj(id) else { continue };
        let proto = world.obj_index.get(&obj.vnum).map(|i| &i.proto);
        let _ = writeln!(o, "#O");
        let _ = writeln!(o, "Vnum {}", obj.vnum.0);
        let _ = writeln!(o, "Nest {nest}");
        if proto.is_none_or(|p| p.keywords != obj.name) {
            let _ = writeln!(o, "Name {}~", smash_tilde(&obj.name));
        }
        if proto.is_none_or(|p| p.short_descr != obj.short_descr) {
            let _ = writeln!(o, "ShD  {}~", smash_tilde(&obj.short_descr));
        }
        if proto.is_none_or(|p| p.long_descr != obj.description) {
            let _ = writeln!(o, "Desc {}~", smash_tilde(&obj.description));
        }
        if proto.is_none_or(|p| p.extra_flags != obj.extra_flags) {
            let _ = writeln!(o, "ExtF {}", obj.extra_flags);
        }
        if proto.is_none_or(|p| p.wear_flags != obj.wear_flags) {
            let _ = writeln!(o, "WeaF {}", obj.wear_flags);
        }
        if proto.is_none_or(|p| p.item_type != obj.item_type) {
            let _ = writeln!(o, "Ityp {}", obj.item_type);
        }
        if proto.is_none_or(|p| p.weight != obj.weight) {
            let _ = writeln!(o, "Wt   {}", obj.weight);
        }
        let _ = writeln!(o, "Cond {}", obj.condition);
        let _ = writeln!(o, "Wear {}", obj.wear_loc);
        let _ = writeln!(o, "Lev  {}", obj.level);
        if obj.timer != 0 {
            let _ = writeln!(o, "Time {}", obj.timer);
        }
        let _ = writeln!(o, "Cost {}", obj.cost);
        let v = obj.values;
        let _ = writeln!(o, "Val  {} {} {} {} {}", v[0], v[1], v[2], v[3], v[4]);
        if obj.enchanted {
            let _ = writeln!(o, "Enchanted");
        }
        for af in &obj.affects {
            write_affect(o, af);
        }
        for ed in &obj.extra {
            let _ = writeln!(
                o,
                "ExDe {}~ {}~",
                smash_tilde(&ed.keyword),
                smash_tilde(&ed.description)
            );
        }
        let _ = writeln!(o, "End\n");
        write_objs(world, o, &obj.contains, nest + 1);
    }
}

// ----------------------------------------------------------------- reader

/// A small tokenizer over the file text that knows its line.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    file: &'a str,
}

impl<'a> Reader<'a> {
    fn err(&self, msg: impl Into<String>) -> SaveError {
        SaveError::Parse {
            file: self.file.to_string(),
            line: self.line,
            msg: msg.into(),
        }
    }
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }
    /// The length of the character at byte `pos` if it is whitespace
    /// (`char::is_whitespace`; ASCII without decoding).
    fn ws_at(&self, pos: usize) -> Option<usize> {
        let b = *self.text.as_bytes().get(pos)?;
        if b < 0x80 {
            return matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r').then_some(1);
        }
        let c = self.text.get(pos..)?.chars().next()?;
        c.is_whitespace().then(|| c.len_utf8())
    }
    /// The length of the character at byte `pos` (1 for ASCII).
    fn char_len_at(&self, pos: usize) -> usize {
        match self.text.as_bytes().get(pos) {
            Some(&b) if b < 0x80 => 1,
            _ => self
                .text
                .get(pos..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8),
        }
    }
    fn skip_ws(&mut self) {
        while let Some(n) = self.ws_at(self.pos) {
            if self.text.as_bytes()[self.pos] == b'\n' {
                self.line += 1;
            }
            self.pos += n;
        }
    }
    fn at_eof(&mut self) -> bool {
        self.skip_ws();
        self.pos >= self.text.len()
    }
    /// Skip blanks on this line only (so a missing value is noticed).
    fn skip_blanks(&mut self) {
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(self.pos), Some(b' ' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }
    /// A word, or a `'quoted phrase'`; `None` at the end of the line.
    /// Borrowed from the text: reading a thousand player files at a
    /// copyover allocates nothing per word.
    fn word_on_line(&mut self) -> Option<&'a str> {
        self.skip_blanks();
        let text: &'a str = self.text;
        let bytes = text.as_bytes();
        let first = *bytes.get(self.pos)?;
        if first == b'\n' {
            return None;
        }
        if first == b'\'' || first == b'"' {
            self.pos += 1;
            let start = self.pos;
            // Up to the closing quote (taken) or the end of the line (not).
            while let Some(&b) = bytes.get(self.pos) {
                if b == b'\n' {
                    return Some(&text[start..self.pos]);
                }
                self.pos += 1;
                if b == first {
                    return Some(&text[start..self.pos - 1]);
                }
            }
            return Some(&text[start..]);
        }
        let start = self.pos;
        while self.pos < bytes.len() && self.ws_at(self.pos).is_none() {
            self.pos += self.char_len_at(self.pos);
        }
        Some(&text[start..self.pos])
    }
    /// The next word anywhere (keys), `None` at end of file.
    fn key(&mut self) -> Option<&'a str> {
        self.skip_ws();
        self.word_on_line()
    }
    fn number(&mut self) -> Result<i64, SaveError> {
        let w = self
            .word_on_line()
            .ok_or_else(|| self.err("expected a number, found the end of the line"))?;
        w.parse::<i64>()
            .map_err(|_| self.err(format!("expected a number, found {w:?}")))
    }
    fn int(&mut self) -> Result<i32, SaveError> {
        let n = self.number()?;
        i32::try_from(n).map_err(|_| self.err(format!("number {n} out of range")))
    }
    fn ints<const N: usize>(&mut self) -> Result<[i32; N], SaveError> {
        let mut a = [0; N];
        for v in a.iter_mut() {
            *v = self.int()?;
        }
        Ok(a)
    }
    fn flags(&mut self) -> Result<Flags, SaveError> {
        let w = self
            .word_on_line()
            .ok_or_else(|| self.err("expected flags, found the end of the line"))?;
        parse_flags(w).ok_or_else(|| self.err(format!("bad flags {w:?}")))
    }
    /// A `~`-terminated string; leading blanks skipped, CRs dropped.
    fn string(&mut self) -> Result<String, SaveError> {
        let start_line = self.line;
        self.skip_ws();
        let text: &'a str = self.text;
        let rest = &text[self.pos..];
        let Some(end) = rest.find('~') else {
            self.pos = text.len();
            self.line = start_line;
            return Err(self.err("string not terminated by '~'"));
        };
        let body = &rest[..end];
        self.line += body.bytes().filter(|&b| b == b'\n').count() as u32;
        self.pos += end + 1;
        Ok(if body.contains('\r') {
            body.replace('\r', "")
        } else {
            body.to_string()
        })
    }
    fn skip_line(&mut self) {
        match self.text[self.pos..].find('\n') {
            Some(i) => {
                self.pos += i + 1;
                self.line += 1;
            }
            None => self.pos = self.text.len(),
        }
    }
}

/// Parse a player file. `file_name` is only used in messages.
pub fn read_player(text: &str, file_name: &str) -> Result<LoadedPlayer, SaveError> {
    let mut r = Reader {
        text,
        pos: 0,
        line: 1,
        file: file_name,
    };
    let mut out = LoadedPlayer::default();
    let mut have_player = false;
    loop {
        if r.at_eof() {
            return Err(r.err("the file ends without #END (truncated?)"));
        }
        match r.bump() {
            Some('*') => {
                r.skip_line();
                continue;
            }
            Some('#') => {}
            other => {
                return Err(r.err(format!("expected '#', found {:?}", other.unwrap_or(' '))));
            }
        }
        let word = r.word_on_line().unwrap_or_default().to_ascii_uppercase();
        match word.as_str() {
            "PLAYER" => {
                if have_player {
                    return Err(r.err("a second #PLAYER block"));
                }
                read_player_block(&mut r, &mut out)?;
                have_player = true;
            }
            "O" | "OBJECT" => {
                if !have_player {
                    return Err(r.err("#O before #PLAYER"));
                }
                let obj = read_obj_block(&mut r, &mut out.warnings)?;
                out.objs.push(obj);
            }
            "PET" => {
                if !have_player {
                    return Err(r.err("#PET before #PLAYER"));
                }
                out.pet = read_pet_block(&mut r, &mut out.warnings)?;
            }
            "END" => break,
            other => return Err(r.err(format!("unknown section #{other}"))),
        }
    }
    if !have_player {
        return Err(r.err("no #PLAYER block"));
    }
    let pc = out.ch.pc.as_deref();
    if out.ch.name.is_empty() {
        return Err(SaveError::Parse {
            file: file_name.into(),
            line: 1,
            msg: "no Name".into(),
        });
    }
    if pc.is_none_or(|p| p.password_hash.is_empty()) {
        return Err(SaveError::Parse {
            file: file_name.into(),
            line: 1,
            msg: "no Pass".into(),
        });
    }
    Ok(out)
}

fn read_player_block(r: &mut Reader<'_>, out: &mut LoadedPlayer) -> Result<(), SaveError> {
    let ch = &mut out.ch;
    let mut pc = Box::<PcData>::default();
    ch.position = pos::STANDING;
    ch.race = 1;
    while let Some(key) = r.key() {
        let key_line = r.line;
        match key {
            "End" | "END" => break,
            "Name" => ch.name = r.string()?,
            "Id" => pc.id = r.number()?,
            "LogO" => out.last_logoff = r.number()?,
            "Vers" | "Version" => {
                r.int()?;
            }
            "ShD" | "ShortDescr" => ch.short_descr = r.string()?,
            "LnD" | "LongDescr" => ch.long_descr = r.string()?,
            "Desc" | "Description" => ch.description = r.string()?,
            "Prom" | "Prompt" => pc.prompt = r.string()?,
            "Clan" => {
                let name = r.string()?;
                match crate::db::tables::clan_lookup(&name) {
                    Some(clan) => ch.clan = clan,
                    None => out.warnings.push(format!(
                        "{}:{key_line}: unknown clan {name:?}; none",
                        r.file
                    )),
                }
            }
            "Race" => {
                let name = r.string()?;
                ch.race = match rules::pc_race_exact(&name) {
                    Some(race) => race.race,
                    None => {
                        out.warnings.push(format!(
                            "{}:{key_line}: unknown race {name:?}; human",
                            r.file
                        ));
                        1
                    }
                };
            }
            "Sex" => ch.sex = r.int()?.clamp(0, 2),
            "Cla" | "Class" => ch.class = r.int()?.clamp(0, rules::CLASSES.len() as i32 - 1),
            "Levl" | "Lev" | "Level" => ch.level = r.int()?,
            "Tru" | "Trust" => ch.trust = r.int()?,
            "Sec" => pc.security = r.int()?,
            "Plyd" | "Played" => pc.played_secs = r.number()?,
            "Scro" => pc.lines = r.int()?,
            "Room" => {
                let v = r.int()?;
                pc.saved_room = Some(RoomVnum(v));
            }
            "HMV" | "HpManaMove" => {
                let [h, mh, m, mm, v, mv] = r.ints::<6>()?;
                (ch.hit, ch.max_hit, ch.mana, ch.max_mana, ch.mv, ch.max_mv) =
                    (h, mh, m, mm, v, mv);
            }
            "HMVP" | "HpManaMovePerm" => {
                let [h, m, v] = r.ints::<3>()?;
                (pc.perm_hit, pc.perm_mana, pc.perm_move) = (h, m, v);
            }
            "Gold" => ch.gold = r.number()?,
            "Silv" | "Silver" => ch.silver = r.number()?,
            "Exp" => ch.exp = r.number()?,
            "Act" => ch.act = r.flags()?,
            "AfBy" | "AffectedBy" => ch.affected_by = r.flags()?,
            "Comm" => ch.comm = r.flags()?,
            "Invi" | "InvisLevel" => pc.invis_level = r.int()?,
            "Inco" => pc.incog_level = r.int()?,
            "Wizn" => pc.wiznet = r.flags()?,
            "Pos" | "Position" => {
                let p = Position::clamped(i64::from(r.int()?));
                ch.position = if p == pos::FIGHTING { pos::STANDING } else { p };
            }
            "Prac" | "Practice" => pc.practice = r.int()?,
            "Trai" | "Train" => pc.train = r.int()?,
            "Save" | "SavingThrow" => ch.saving_throw = r.int()?,
            "Alig" | "Alignment" => ch.alignment = r.int()?,
            "Hit" | "Hitroll" => ch.hitroll = r.int()?,
            "Dam" | "Damroll" => ch.damroll = r.int()?,
            "ACs" => ch.armor = r.ints::<4>()?,
            "Wimp" | "Wimpy" => ch.wimpy = r.int()?,
            "Attr" | "AttrPerm" => ch.perm_stat = r.ints::<5>()?,
            "AMod" | "AttrMod" => ch.mod_stat = r.ints::<5>()?,
            "Pass" | "Password" => pc.password_hash = r.string()?,
            "Bin" | "Bamfin" => pc.bamfin = r.string()?,
            "Bout" | "Bamfout" => pc.bamfout = r.string()?,
            "Titl" | "Title" => {
                let t = r.string()?;
                pc.title = if t.is_empty() || t.starts_with(['.', ',', '!', '?']) {
                    t
                } else {
                    format!(" {t}")
                };
            }
            "Pnts" | "Points" => pc.points = r.int()?,
            "TSex" | "TrueSex" => pc.true_sex = r.int()?,
            "Cnd" => pc.condition = r.ints::<4>()?,
            "Sk" | "Skill" => {
                let pct = r.int()?;
                let w = r.word_on_line().unwrap_or_default();
                match skill_from_word(w) {
                    Some(sn) => {
                        pc.learned.insert(sn, pct);
                    }
                    None => out.warnings.push(format!(
                        "{}:{key_line}: unknown skill {w:?}; skipped",
                        r.file
                    )),
                }
            }
            "Gr" | "Group" => {
                let g = r.word_on_line().unwrap_or_default();
                if !g.is_empty() {
                    pc.groups.push(g.to_string());
                }
            }
            "Affc" => ch.affects.push(read_affect(r)?),
            "Not" => {
                for v in pc.last_note.iter_mut() {
                    *v = r.number()?;
                }
            }
            "Alias" => {
                let k = r
                    .word_on_line()
                    .ok_or_else(|| r.err("Alias without a word"))?;
                let v = r.string()?;
                if pc.aliases.len() < crate::game::act_prefs::MAX_ALIAS {
                    pc.aliases.push((k.to_string(), v.trim().to_string()));
                }
            }
            "Rply" => pc.replay = r.string()?,
            "NDrf" => {
                let spool = r.int()?;
                let to = r.string()?;
                pc.note_draft = usize::try_from(spool)
                    .ok()
                    .filter(|&n| n < crate::game::notes::SPOOLS.len())
                    .map(|spool| crate::world::NoteDraft {
                        spool,
                        to,
                        ..Default::default()
                    });
            }
            "NSub" => {
                let v = r.string()?;
                if let Some(d) = pc.note_draft.as_mut() {
                    d.subject = v;
                }
            }
            "NTxt" => {
                let v = r.string()?;
                if let Some(d) = pc.note_draft.as_mut() {
                    d.text = v;
                }
            }
            "Sett" => {
                let k = r
                    .word_on_line()
                    .ok_or_else(|| r.err("Sett without a key"))?;
                let v = r.string()?;
                pc.settings.insert(k.to_string(), v);
            }
            _ => {
                out.warnings.push(format!(
                    "{}:{key_line}: unknown key {key:?}; line skipped",
                    r.file
                ));
                r.skip_line();
                continue;
            }
        }
        r.skip_blanks();
    }
    ch.pc = Some(pc);
    ch.vnum = None;
    Ok(())
}

/// A `#PET` block; `None` (with a warning) when it names no `Vnum`.
fn read_pet_block(
    r: &mut Reader<'_>,
    warnings: &mut Vec<String>,
) -> Result<Option<SavedPet>, SaveError> {
    let mut p = SavedPet {
        line: r.line,
        ..Default::default()
    };
    let mut have_vnum = false;
    while let Some(key) = r.key() {
        let key_line = r.line;
        match key {
            "End" | "END" => break,
            "Vnum" => {
                p.vnum = MobVnum(r.int()?);
                have_vnum = true;
            }
            "Name" => p.name = Some(r.string()?),
            "LogO" => {
                r.number()?;
            }
            "ShD" | "ShortDescr" => p.short_descr = Some(r.string()?),
            "LnD" | "LongDescr" => p.long_descr = Some(r.string()?),
            "Desc" | "Description" => p.description = Some(r.string()?),
            "Sex" => p.sex = Some(r.int()?.clamp(0, 2)),
            "Levl" | "Lev" | "Level" => p.level = Some(r.int()?),
            "HMV" | "HpManaMove" => p.hmv = Some(r.ints::<6>()?),
            "Gold" => p.gold = Some(r.number()?),
            "Silv" | "Silver" => p.silver = Some(r.number()?),
            "Exp" => p.exp = Some(r.number()?),
            "Act" => p.act = Some(r.flags()?),
            "AfBy" | "AffectedBy" => p.affected_by = Some(r.flags()?),
            "Comm" => p.comm = Some(r.flags()?),
            "Pos" | "Position" => {
                let pos_ = Position::clamped(i64::from(r.int()?));
                p.position = Some(if pos_ == pos::FIGHTING {
                    pos::STANDING
                } else {
                    pos_
                });
            }
            "Save" | "SavingThrow" => p.saving_throw = Some(r.int()?),
            "Alig" | "Alignment" => p.alignment = Some(r.int()?),
            "Hit" | "Hitroll" => p.hitroll = Some(r.int()?),
            "Dam" | "Damroll" => p.damroll = Some(r.int()?),
            "ACs" => p.armor = Some(r.ints::<4>()?),
            "Attr" | "AttrPerm" => p.perm_stat = Some(r.ints::<5>()?),
            "AMod" | "AttrMod" => p.mod_stat = Some(r.ints::<5>()?),
            "Affc" => p.affects.push(read_affect(r)?),
            _ => {
                warnings.push(format!(
                    "{}:{key_line}: unknown pet key {key:?}; line skipped",
                    r.file
                ));
                r.skip_line();
                continue;
            }
        }
        r.skip_blanks();
    }
    if !have_vnum {
        warnings.push(format!("{}:{}: #PET without Vnum; skipped", r.file, p.line));
        return Ok(None);
    }
    Ok(Some(p))
}

fn read_affect(r: &mut Reader<'_>) -> Result<Affect, SaveError> {
    let w = r
        .word_on_line()
        .ok_or_else(|| r.err("Affc without a skill"))?;
    let skill = skill_from_word(w).unwrap_or(Sn::NONE);
    let [where_, level, duration, modifier, location] = r.ints::<5>()?;
    let bits = r.number()? as u64;
    Ok(Affect {
        where_,
        skill,
        level,
        duration,
        location,
        modifier,
        bits,
    })
}

fn read_obj_block(r: &mut Reader<'_>, warnings: &mut Vec<String>) -> Result<SavedObj, SaveError> {
    let mut o = SavedObj {
        line: r.line,
        wear_loc: wear_loc::NONE,
        ..Default::default()
    };
    let mut have_vnum = false;
    while let Some(key) = r.key() {
        let key_line = r.line;
        match key {
            "End" | "END" => break,
            "Vnum" => {
                o.vnum = ObjVnum(r.int()?);
                have_vnum = true;
            }
            "Nest" => {
                o.nest = r.int()?;
                if !(0..100).contains(&o.nest) {
                    return Err(r.err(format!("Nest {} out of range", o.nest)));
                }
            }
            "Name" => o.name = Some(r.string()?),
            "ShD" | "ShortDescr" => o.short_descr = Some(r.string()?),
            "Desc" | "Description" => o.description = Some(r.string()?),
            "ExtF" | "ExtraFlags" => o.extra_flags = Some(r.flags()?),
            "WeaF" | "WearFlags" => o.wear_flags = Some(r.flags()?),
            "Ityp" | "ItemType" => o.item_type = Some(r.int()?),
            "Wt" | "Weight" => o.weight = Some(r.int()?),
            "Cond" | "Condition" => o.condition = Some(r.int()?),
            "Wear" | "WearLoc" => {
                let w = r.int()?;
                o.wear_loc = if (wear_loc::NONE..wear_loc::MAX).contains(&w) {
                    w
                } else {
                    wear_loc::NONE
                };
            }
            "Lev" | "Level" => o.level = Some(r.int()?),
            "Time" | "Timer" => o.timer = r.int()?,
            "Cost" => o.cost = Some(r.int()?),
            "Val" => {
                let mut v = [0i64; 5];
                for x in v.iter_mut() {
                    *x = r.number()?;
                }
                o.values = Some(v);
            }
            "Affc" => o.affects.push(read_affect(r)?),
            "ExDe" | "ExtraDescr" => {
                let keyword = r.string()?;
                let description = r.string()?;
                o.extra.push(ExtraDescr {
                    keyword,
                    description,
                });
            }
            "Enchanted" => o.enchanted = true,
            "Oldstyle" => {}
            _ => {
                warnings.push(format!(
                    "{}:{key_line}: unknown object key {key:?}; line skipped",
                    r.file
                ));
                r.skip_line();
                continue;
            }
        }
        r.skip_blanks();
    }
    if !have_vnum {
        return Err(SaveError::Parse {
            file: r.file.to_string(),
            line: o.line,
            msg: "#O without Vnum".into(),
        });
    }
    Ok(o)
}

// ---------------------------------------------------------- into the world

/// What a player's race gives that the file does not store (ROM derives
/// these on load too): size, and the race's affect, immunity, resistance,
/// vulnerability, form and part bits.
pub fn apply_race(ch: &mut Char) {
    if let Some(info) = rules::pc_race_by_index(ch.race) {
        ch.size = info.size;
    }
    if let Some(race) = rules::RACES.get(ch.race) {
        ch.affected_by |= race.aff;
        ch.imm |= race.imm;
        ch.res |= race.res;
        ch.vuln |= race.vuln;
        ch.form |= race.form;
        ch.parts |= race.parts;
    }
}

/// Instance a loaded player and its objects in `world`. The character is in
/// no room and not in `world.players` yet; the caller places it. Objects
/// whose prototype is gone are dropped with a warning (returned).
pub fn load_into_world(world: &mut World, loaded: LoadedPlayer) -> (CharId, Vec<String>) {
    let LoadedPlayer {
        mut ch,
        objs,
        mut warnings,
        ..
    } = loaded;
    ch.room = None;
    ch.conn = None;
    ch.carrying.clear();
    ch.output.clear();
    apply_race(&mut ch);
    let name = ch.name.clone();
    // Files written before skills were recorded know their groups but no
    // skill: give them their groups' skills (at 1 %) as creation now does,
    // so they can practise.
    if let Some(pc) = ch.pc.as_mut() {
        if pc.learned.is_empty() && !pc.groups.is_empty() {
            for g in pc.groups.clone() {
                crate::world::rules::group_add(pc, &g);
            }
            warnings.push(format!(
                "{name}: no skills recorded; the skills of groups {} given at 1%",
                pc.groups.join(", ")
            ));
        }
    }
    let id = world.chars.insert(ch);
    // stack[n] = the last object read at nest depth n (None: it was dropped).
    let mut stack: Vec<Option<ObjId>> = Vec::new();
    let mut worn = std::collections::HashSet::new();
    for so in objs {
        let parent = if so.nest > 0 {
            match stack.get(so.nest as usize - 1) {
                Some(p) => *p,
                None => {
                    warnings.push(format!(
                        "{name}: object {} at line {}: Nest {} has no container; carried",
                        so.vnum.0, so.line, so.nest
                    ));
                    None
                }
            }
        } else {
            None
        };
        stack.truncate(so.nest.max(0) as usize);
        let Some(obj) = world.create_object(so.vnum, 0) else {
            warnings.push(format!(
                "{name}: object vnum {} (line {}) no longer exists; dropped",
                so.vnum.0, so.line
            ));
            while stack.len() < so.nest.max(0) as usize {
                stack.push(None);
            }
            stack.push(None);
            continue;
        };
        if let Some(o) = world.obj_mut(obj) {
            if let Some(v) = so.name {
                o.name = v;
            }
            if let Some(v) = so.short_descr {
                o.short_descr = v;
            }
            if let Some(v) = so.description {
                o.description = v;
            }
            if let Some(v) = so.extra_flags {
                o.extra_flags = v;
            }
            if let Some(v) = so.wear_flags {
                o.wear_flags = v;
            }
            if let Some(v) = so.item_type {
                o.item_type = v;
            }
            if let Some(v) = so.weight {
                o.weight = v;
            }
            if let Some(v) = so.condition {
                o.condition = v;
            }
            if let Some(v) = so.level {
                o.level = v;
            }
            if let Some(v) = so.cost {
                o.cost = v;
            }
            if let Some(v) = so.values {
                o.values = v;
            }
            o.timer = so.timer;
            o.affects = so.affects;
            o.enchanted = so.enchanted;
            o.extra = so.extra;
        }
        match parent {
            Some(container) if so.nest > 0 => world.obj_to_obj(obj, container),
            _ => {
                world.obj_to_char(obj, id);
                // The saved stats already include what worn things give (as in
                // ROM), so the wear location is restored without equip_char.
                let loc = if so.nest == 0 {
                    so.wear_loc
                } else {
                    wear_loc::NONE
                };
                if loc != wear_loc::NONE && worn.insert(loc) {
                    if let Some(o) = world.obj_mut(obj) {
                        o.wear_loc = loc;
                    }
                }
            }
        }
        while stack.len() < so.nest.max(0) as usize {
            stack.push(None);
        }
        stack.push(Some(obj));
    }
    (id, warnings)
}

/// Instance a saved pet for `owner` (not placed in any room): the
/// prototype, then what the file says; it follows and is grouped with its
/// owner, charmed and pet-flagged. `None` (with a warning) if the
/// prototype is gone.
pub fn load_pet(
    world: &mut World,
    owner: CharId,
    saved: SavedPet,
) -> (Option<CharId>, Vec<String>) {
    let mut warnings = Vec::new();
    let owner_name = world.ch(owner).map(|c| c.name.clone()).unwrap_or_default();
    let Some(pet) = world.create_mobile(saved.vnum) else {
        warnings.push(format!(
            "{owner_name}: pet vnum {} (line {}) no longer exists; dropped",
            saved.vnum.0, saved.line
        ));
        return (None, warnings);
    };
    if let Some(p) = world.ch_mut(pet) {
        if let Some(v) = saved.name {
            p.name = v;
        }
        if let Some(v) = saved.short_descr {
            p.short_descr = v;
        }
        if let Some(v) = saved.long_descr {
            p.long_descr = v;
        }
        if let Some(v) = saved.description {
            p.description = v;
        }
        if let Some(v) = saved.sex {
            p.sex = v;
        }
        if let Some(v) = saved.level {
            p.level = v;
        }
        if let Some([h, mh, m, mm, v, mv]) = saved.hmv {
            (p.hit, p.max_hit, p.mana, p.max_mana, p.mv, p.max_mv) = (h, mh, m, mm, v, mv);
        }
        if let Some(v) = saved.gold {
            p.gold = v;
        }
        if let Some(v) = saved.silver {
            p.silver = v;
        }
        if let Some(v) = saved.exp {
            p.exp = v;
        }
        if let Some(v) = saved.act {
            p.act = v | crate::world::ACT_IS_NPC;
        }
        if let Some(v) = saved.affected_by {
            p.affected_by = v;
        }
        if let Some(v) = saved.comm {
            p.comm = v;
        }
        if let Some(v) = saved.position {
            p.position = v;
        }
        if let Some(v) = saved.saving_throw {
            p.saving_throw = v;
        }
        if let Some(v) = saved.alignment {
            p.alignment = v;
        }
        if let Some(v) = saved.hitroll {
            p.hitroll = v;
        }
        if let Some(v) = saved.damroll {
            p.damroll = v;
        }
        if let Some(v) = saved.armor {
            p.armor = v;
        }
        if let Some(v) = saved.perm_stat {
            p.perm_stat = v;
        }
        if let Some(v) = saved.mod_stat {
            p.mod_stat = v;
        }
        // The saved values already count the affects (as for players).
        p.affects = saved.affects;
        p.act |= ACT_PET;
        p.affected_by |= aff::CHARM;
        p.master = Some(owner);
        p.leader = Some(owner);
    }
    if let Some(c) = world.ch_mut(owner) {
        c.pet = Some(pet);
    }
    (Some(pet), warnings)
}

// ------------------------------------------------------------------- disk

/// Write `contents` to `path` atomically: `path.tmp` in the same directory,
/// fsync, rename over `path`, fsync the directory. On any failure the old
/// file is untouched.
pub fn atomic_write(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_then_rename(path, contents, true)
}

/// [`atomic_write`] without the fsyncs: `path.tmp`, then a rename over
/// `path`. A process that dies at any point leaves `path` whole (old or
/// new); only a machine crash before the kernel writes it back can lose
/// it. For files that only have to survive an `execv` (the copyover's
/// hand-over files: the page cache survives the exec).
pub fn atomic_write_unsynced(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_then_rename(path, contents, false)
}

fn write_then_rename(path: &Path, contents: &[u8], sync: bool) -> io::Result<()> {
    // A bare file name has an empty parent: that is the working directory.
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = name.to_os_string();
    tmp_name.push(".tmp");
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)?;
        // Also when the temp file was left by an earlier run.
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
        f.write_all(contents)?;
        if sync {
            f.sync_all()?;
        }
        drop(f);
        fs::rename(&tmp, path)?;
        if sync {
            fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() && tmp.is_file() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The spare beside a player file: the previous save, and the file the next
/// save is written into.
pub fn spare_path(path: &Path) -> PathBuf {
    path.with_extension("old")
}

/// Write a player file atomically without creating a file each time: the
/// new text goes into the spare (`Name.old`, the save before last), is
/// synced, and then the two names are swapped in one `renameat2` exchange.
/// `Name` is always a complete save (the new one once the exchange is
/// done); `Name.old` keeps the previous one. Creating and deleting a file per
/// save costs ten times more on ext4 than overwriting one, which matters
/// when a copyover saves a thousand players. Falls back to [`atomic_write`]
/// for a first save or where the file system cannot exchange names.
pub fn replace_player_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    let spare = spare_path(path);
    let first = !path.exists();
    write_spare(&spare, contents, true)?;
    exchange_or_rename(&spare, path)?;
    if first {
        // A first save leaves no spare behind; make one now (on the writer
        // thread) so later saves, a copyover's above all, create nothing.
        write_spare(&spare, contents, false)?;
    }
    sync_dir_of(path)
}

/// Put `contents` into a player file's spare (creating it if needed),
/// synced if `sync`. The player file itself is not touched.
pub fn write_spare(spare: &Path, contents: &[u8], sync: bool) -> io::Result<()> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(spare)?;
    // One fstat instead of an fchmod and an ftruncate every time (a
    // copyover writes a thousand spares while everybody waits; each of
    // those calls is a journal transaction on ext4).
    let meta = f.metadata()?;
    // Player files hold password hashes: readable by the server's user
    // only, also when an older file was 0644.
    if meta.permissions().mode() & 0o7777 != 0o600 {
        f.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(contents)?;
    // Cut off what is left of a longer previous text.
    if meta.len() > contents.len() as u64 {
        f.set_len(contents.len() as u64)?;
    }
    if sync {
        f.sync_all()?;
    }
    Ok(())
}

/// Make `spare` the file at `path`: swap the two names when `path` exists
/// (its old text then lives on as the spare), else rename.
pub fn exchange_or_rename(spare: &Path, path: &Path) -> io::Result<()> {
    use nix::fcntl::{renameat2, RenameFlags};
    // No `exists()` first (a copyover does this a thousand times): the
    // exchange itself says ENOENT when `path` is not there yet.
    match renameat2(None, spare, None, path, RenameFlags::RENAME_EXCHANGE) {
        Ok(()) => return Ok(()),
        // `path` does not exist yet (or the spare does not: then the
        // rename below says so), or the file system cannot exchange names.
        Err(nix::errno::Errno::ENOENT)
        | Err(nix::errno::Errno::EINVAL)
        | Err(nix::errno::Errno::ENOSYS) => {}
        Err(e) => return Err(io::Error::from(e)),
    }
    fs::rename(spare, path)
}

/// `syncfs` the file system holding directory `dir`, then fsync `dir`
/// itself: every file written there and every rename in it is on disk.
pub fn sync_fs_and_dir(dir: &Path) -> io::Result<()> {
    let d = fs::File::open(dir)?;
    nix::unistd::syncfs(std::os::fd::AsRawFd::as_raw_fd(&d)).map_err(io::Error::from)?;
    d.sync_all()
}

/// fsync the directory holding `path` (makes renames durable).
pub fn sync_dir_of(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::File::open(dir)?.sync_all()
}

/// Save one player to `dir/Name` atomically.
pub fn save_player(world: &World, ch: CharId, dir: &Path) -> Result<(), SaveError> {
    let Some(c) = world.ch(ch).filter(|c| !c.is_npc()) else {
        return Ok(());
    };
    let path = player_path(dir, &c.name)?;
    let text = write_player(world, ch);
    fs::create_dir_all(dir).map_err(|err| SaveError::Io {
        path: dir.to_path_buf(),
        err,
    })?;
    atomic_write(&path, text.as_bytes()).map_err(|err| SaveError::Io { path, err })
}

/// Read and parse `dir/Name`: `Ok(None)` when there is no such file.
pub fn load_player(dir: &Path, name: &str) -> Result<Option<LoadedPlayer>, SaveError> {
    let path = player_path(dir, name)?;
    let mut text = String::new();
    match fs::File::open(&path) {
        Ok(mut f) => {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).map_err(|err| SaveError::Io {
                path: path.clone(),
                err,
            })?;
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(SaveError::Io { path, err }),
    }
    read_player(&text, &path.display().to_string()).map(Some)
}

/// A hash of a player file's text without the lines that only move with
/// the clock (`LogO`, `Plyd`): equal hashes mean nothing worth saving changed.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for line in text.lines() {
        if !line.starts_with("LogO ") && !line.starts_with("Plyd ") {
            line.hash(&mut h);
        }
    }
    h.finish()
}

/// What a boot-time look at the player directory found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Census {
    /// Player files in the directory (whatever their contents).
    pub files: usize,
    /// The highest `Id` found in them (0 when none has one).
    pub max_id: i64,
}

/// Count the player files and find the highest id. Unlike
/// [`scan_player_dir`], a directory that cannot be read is an error, never
/// "no players": the first-implementor rule rests on this answer. A missing
/// directory is created and is empty.
pub fn player_census(dir: &Path) -> io::Result<Census> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir)?;
            return Ok(Census::default());
        }
        Err(e) => return Err(e),
    };
    let mut census = Census::default();
    for e in entries {
        let e = e?;
        let name = e.file_name().to_string_lossy().to_string();
        if !valid_file_name(&name) || !e.file_type()?.is_file() {
            continue;
        }
        census.files += 1;
        let id = fs::read_to_string(e.path())
            .ok()
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("Id ").map(|v| v.trim().parse::<i64>().ok()))
            })
            .flatten()
            .unwrap_or(0);
        census.max_id = census.max_id.max(id);
    }
    Ok(census)
}

#[cfg(test)]
mod tests {
    /// The reader works on bytes and borrows its words; it must read what
    /// the char-by-char reader read: quoted phrases, CRs dropped from
    /// strings, Unicode whitespace between words, line numbers in errors.
    #[test]
    fn the_reader_reads_words_strings_and_lines_as_before() {
        use super::Reader;
        let text = "Key  'two words' \"q\" é\u{2003}x\nStr  multi\r\nline~ Next\n~\nBad no tilde";
        let mut r = Reader {
            text,
            pos: 0,
            line: 1,
            file: "t",
        };
        assert_eq!(r.key(), Some("Key"));
        assert_eq!(r.word_on_line(), Some("two words"));
        assert_eq!(r.word_on_line(), Some("q"));
        assert_eq!(r.word_on_line(), Some("é"));
        // U+2003 is whitespace to `char::is_whitespace`, and ends a word.
        assert_eq!(r.key(), Some("x"));
        assert_eq!(r.word_on_line(), None);
        assert_eq!(r.key(), Some("Str"));
        assert_eq!(r.string().ok().as_deref(), Some("multi\nline"));
        assert_eq!(r.line, 3);
        assert_eq!(r.key(), Some("Next"));
        assert_eq!(r.string().ok().as_deref(), Some(""));
        assert_eq!(r.key(), Some("Bad"));
        r.skip_line();
        assert!(r.at_eof());
        let mut r = Reader {
            text: "\n\n  unterminated\nstring",
            pos: 0,
            line: 1,
            file: "t",
        };
        match r.string() {
            Err(SaveError::Parse { line, .. }) => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
        let mut r = Reader {
            text: "'open quote\nnext",
            pos: 0,
            line: 1,
            file: "t",
        };
        assert_eq!(r.word_on_line(), Some("open quote"));
        assert_eq!(r.key(), Some("next"));
    }

    #[test]
    fn a_spare_left_readable_by_others_is_made_private_and_cut_to_size() {
        let dir = std::env::temp_dir().join(format!("gracemud-spare-mode-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("mkdir");
        let spare = dir.join("Bob.old");
        fs::write(&spare, b"an older, longer text than the new one").expect("write");
        fs::set_permissions(&spare, fs::Permissions::from_mode(0o644)).expect("chmod");
        write_spare(&spare, b"new text", false).expect("spare");
        let meta = fs::metadata(&spare).expect("stat");
        assert_eq!(meta.permissions().mode() & 0o7777, 0o600);
        assert_eq!(fs::read(&spare).expect("read"), b"new text");
        // Longer than before: written in full.
        write_spare(&spare, b"a text longer than the one before", false).expect("spare");
        assert_eq!(
            fs::read(&spare).expect("read"),
            b"a text longer than the one before"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn replacing_a_player_file_keeps_the_previous_save_as_the_spare() {
        let dir = std::env::temp_dir().join(format!("gracemud-spare-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("mkdir");
        let p = dir.join("Alice");
        replace_player_file(&p, b"first").expect("first save");
        assert_eq!(fs::read(&p).expect("read"), b"first");
        replace_player_file(&p, b"second, longer").expect("second save");
        assert_eq!(fs::read(&p).expect("read"), b"second, longer");
        assert_eq!(fs::read(spare_path(&p)).expect("spare"), b"first");
        // The spare is overwritten, not appended to, even when shorter.
        replace_player_file(&p, b"3rd").expect("third save");
        assert_eq!(fs::read(&p).expect("read"), b"3rd");
        assert_eq!(fs::read(spare_path(&p)).expect("spare"), b"second, longer");
        // A spare that cannot be written leaves the player file whole.
        fs::remove_file(spare_path(&p)).expect("rm spare");
        fs::create_dir_all(spare_path(&p)).expect("spare as a directory");
        assert!(replace_player_file(&p, b"fourth").is_err());
        assert_eq!(fs::read(&p).expect("read"), b"3rd");
        let _ = fs::remove_dir_all(&dir);
    }

    use super::*;
    use crate::world::rules::gsn;
    use crate::world::{item, wear, AreaId, AreaProto, ObjProto, Protos, RoomProto};

    fn world() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "T".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        for v in [2, 3001, 3005] {
            p.rooms.insert(
                RoomVnum(v),
                RoomProto {
                    vnum: RoomVnum(v),
                    area: AreaId(0),
                    name: format!("R{v}"),
                    ..Default::default()
                },
            );
        }
        let obj = |v: i32, kw: &str, t: i32, wf: u64| ObjProto {
            vnum: ObjVnum(v),
            keywords: kw.into(),
            short_descr: format!("a {kw}"),
            long_descr: format!("A {kw} is here."),
            item_type: t,
            wear_flags: wf,
            values: [1, 2, 3, 4, 0],
            cost: 5,
            condition: 100,
            level: 1,
            ..Default::default()
        };
        p.objs
            .insert(ObjVnum(10), obj(10, "bag", item::CONTAINER, wear::TAKE));
        p.objs
            .insert(ObjVnum(11), obj(11, "gem", item::TREASURE, wear::TAKE));
        p.objs
            .insert(ObjVnum(12), obj(12, "pouch", item::CONTAINER, wear::TAKE));
        p.objs.insert(
            ObjVnum(13),
            obj(13, "vest", item::ARMOR, wear::TAKE | wear::BODY),
        );
        p.objs.insert(
            ObjVnum(14),
            obj(14, "sword", item::WEAPON, wear::TAKE | wear::WIELD),
        );
        World::new(p, 3)
    }

    fn player(w: &mut World) -> CharId {
        let mut pc = PcData {
            id: 42,
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into(),
            title: " the Tester".into(),
            prompt: "<%hhp> ".into(),
            condition: [0, 40, 41, 42],
            practice: 5,
            train: 3,
            points: 45,
            true_sex: 2,
            ..Default::default()
        };
        pc.settings.insert("colour".into(), "on".into());
        pc.settings.insert("wrap".into(), "80 cols".into());
        pc.groups.push("rom basics".into());
        pc.learned.insert(Sn(12), 75);
        let mut c = Char {
            name: "Alice".into(),
            pc: Some(Box::new(pc)),
            description: "A tall woman.\nShe smiles.\n".into(),
            level: 7,
            sex: 2,
            class: 2,
            race: 2,
            hit: 30,
            max_hit: 40,
            mana: 50,
            max_mana: 60,
            mv: 70,
            max_mv: 80,
            gold: 12,
            silver: 345,
            exp: 7000,
            alignment: -350,
            position: pos::RESTING,
            act: (1 << 16) | (1 << 3),
            comm: (1 << 17) | (1 << 18),
            perm_stat: [12, 14, 13, 18, 11],
            mod_stat: [1, 0, 0, 0, -1],
            armor: [90, 91, 92, 93],
            hitroll: 2,
            damroll: 3,
            affects: vec![Affect {
                where_: 0,
                skill: Sn(5),
                level: 7,
                duration: 10,
                location: 18,
                modifier: 2,
                bits: 0,
            }],
            ..Default::default()
        };
        // A saved character carries what its race gives (as after a load).
        apply_race(&mut c);
        let id = w.chars.insert(c);
        w.players.push(id);
        w.char_to_room(id, RoomVnum(3005));
        // bag { gem, pouch { gem } }, a worn vest, a wielded renamed sword.
        let bag = w
            .create_object(ObjVnum(10), 0)
            .unwrap_or_else(|| panic!("bag"));
        let gem1 = w
            .create_object(ObjVnum(11), 0)
            .unwrap_or_else(|| panic!("gem"));
        let pouch = w
            .create_object(ObjVnum(12), 0)
            .unwrap_or_else(|| panic!("pouch"));
        let gem2 = w
            .create_object(ObjVnum(11), 0)
            .unwrap_or_else(|| panic!("gem"));
        let vest = w
            .create_object(ObjVnum(13), 0)
            .unwrap_or_else(|| panic!("vest"));
        let sword = w
            .create_object(ObjVnum(14), 0)
            .unwrap_or_else(|| panic!("sword"));
        w.obj_to_obj(gem2, pouch);
        w.obj_to_obj(pouch, bag);
        w.obj_to_obj(gem1, bag);
        w.obj_to_char(bag, id);
        w.obj_to_char(vest, id);
        w.obj_to_char(sword, id);
        w.equip_char(id, vest, wear_loc::BODY);
        w.equip_char(id, sword, wear_loc::WIELD);
        if let Some(o) = w.obj_mut(sword) {
            o.short_descr = "Stinger, a ~blue~ sword".into();
            o.timer = 9;
            o.values[4] = 77;
        }
        id
    }

    /// (vnum, wear_loc, short, nested shape) of a list, recursively.
    #[allow(clippy::type_complexity)]
    fn shape(
        w: &World,
        list: &[ObjId],
    ) -> Vec<(i32, i32, String, i64, Vec<(i32, i32, String, i64, Vec<()>)>)> {
        list.iter()
            .filter_map(|&o| w.obj(o))
            .map(|o| {
                let inner = o
                    .contains
                    .iter()
                    .filter_map(|&i| w.obj(i))
                    .map(|i| {
                        (
                            i.vnum.0,
                            i.wear_loc,
                            i.short_descr.clone(),
                            i.contains.len() as i64,
                            vec![],
                        )
                    })
                    .collect();
                (
                    o.vnum.0,
                    o.wear_loc,
                    o.short_descr.clone(),
                    o.values[4] + o.timer as i64,
                    inner,
                )
            })
            .collect()
    }

    #[test]
    fn enchanted_objects_stay_enchanted() {
        let mut w = world();
        let ch = player(&mut w);
        let carried = w.ch(ch).map(|c| c.carrying.clone()).unwrap_or_default();
        assert!(!carried.is_empty());
        for &o in &carried {
            if let Some(o) = w.obj_mut(o) {
                o.enchanted = true;
            }
        }
        let text = write_player_at(&w, ch, 1_000);
        assert!(text.contains("\nEnchanted\n"), "{text}");
        let loaded = read_player(&text, "Alice").unwrap_or_else(|e| panic!("{e}"));
        let mut w2 = world();
        let (ch2, _) = load_into_world(&mut w2, loaded);
        let carried = w2.ch(ch2).map(|c| c.carrying.clone()).unwrap_or_default();
        assert!(!carried.is_empty());
        assert!(carried
            .iter()
            .all(|&o| w2.obj(o).is_some_and(|o| o.enchanted)));
    }

    #[test]
    fn round_trip_keeps_character_inventory_worn_and_containers() {
        let mut w = world();
        let ch = player(&mut w);
        let text = write_player_at(&w, ch, 1_000);
        assert!(text.starts_with("#PLAYER\nName Alice~\n"), "{text}");
        assert!(
            text.contains("\nRace elf~\n")
                && text.contains("\nAct  DQ\n")
                && text.contains("\nSett wrap 80 cols~\n")
        );
        assert!(
            text.contains("ShD  Stinger, a -blue- sword~"),
            "tilde not smashed"
        );
        assert!(
            !text.contains("Name bag~"),
            "unchanged names are not written"
        );
        let loaded = read_player(&text, "Alice").unwrap_or_else(|e| panic!("{e}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.last_logoff, 1_000);
        let mut w2 = world();
        let (ch2, warnings) = load_into_world(&mut w2, loaded);
        assert!(warnings.is_empty(), "{warnings:?}");
        let (a, b) = (
            w.ch(ch).cloned().unwrap_or_default(),
            w2.ch(ch2).cloned().unwrap_or_default(),
        );
        assert_eq!(
            (
                &a.name, a.level, a.sex, a.class, a.race, a.hit, a.max_hit, a.mana, a.max_mana,
                a.mv, a.max_mv
            ),
            (
                &b.name, b.level, b.sex, b.class, b.race, b.hit, b.max_hit, b.mana, b.max_mana,
                b.mv, b.max_mv
            )
        );
        assert_eq!(
            (
                a.gold,
                a.silver,
                a.exp,
                a.alignment,
                a.position,
                a.act,
                a.comm
            ),
            (
                b.gold,
                b.silver,
                b.exp,
                b.alignment,
                b.position,
                b.act,
                b.comm
            )
        );
        assert_eq!(
            (a.perm_stat, a.mod_stat, a.armor, a.hitroll, a.damroll),
            (b.perm_stat, b.mod_stat, b.armor, b.hitroll, b.damroll)
        );
        assert_eq!(a.description, b.description);
        assert_eq!(a.affects, b.affects);
        let (pa, pb) = (
            a.pc.as_deref().cloned().unwrap_or_default(),
            b.pc.as_deref().cloned().unwrap_or_default(),
        );
        assert_eq!(
            (pa.id, &pa.password_hash, &pa.title, &pa.prompt),
            (pb.id, &pb.password_hash, &pb.title, &pb.prompt)
        );
        assert_eq!(
            (pa.condition, pa.practice, pa.train, pa.points, pa.true_sex),
            (pb.condition, pb.practice, pb.train, pb.points, pb.true_sex)
        );
        assert_eq!(
            (&pa.settings, &pa.groups, &pa.learned),
            (&pb.settings, &pb.groups, &pb.learned)
        );
        assert_eq!(pb.saved_room, Some(RoomVnum(3005)));
        // Same objects, same order, same places, same nesting.
        let mut want = shape(&w, &a.carrying);
        want[0].2 = want[0].2.replace('~', "-");
        assert_eq!(want, shape(&w2, &b.carrying));
        assert_eq!(a.carrying.len(), 3);
        // Reloaded worn items do not apply twice (ROM saves totals).
        assert_eq!(b.armor, a.armor);
        // And writing it again gives the same file.
        assert_eq!(
            write_player_at(&w2, ch2, 1_000).replace("Plyd 0", ""),
            text.replace("Plyd 0", "")
        );
    }

    #[test]
    fn auto_settings_are_act_letters_that_round_trip() {
        let mut w = world();
        let ch = player(&mut w);
        use crate::world::plr;
        let all = plr::AUTOASSIST
            | plr::AUTOEXIT
            | plr::AUTOLOOT
            | plr::AUTOSAC
            | plr::AUTOGOLD
            | plr::AUTOSPLIT
            | plr::NOSUMMON;
        if let Some(c) = w.ch_mut(ch) {
            c.act = all;
        }
        let text = write_player_at(&w, ch, 1_000);
        // ROM's letters: autoassist C ... autosplit H, nosummon Q.
        assert!(text.contains("\nAct  CDEFGHQ\n"), "{text}");
        let back = read_player(&text, "Alice").map(|p| p.ch.act).ok();
        assert_eq!(back, Some(all));
    }

    #[test]
    fn aliases_note_marks_replay_draft_and_comm_flags_round_trip() {
        use crate::world::{comm, NoteDraft};
        let mut w = world();
        let ch = player(&mut w);
        let comm_bits = comm::NOMUSIC | comm::NOGRATS | comm::AFK | comm::COMPACT;
        if let Some(c) = w.ch_mut(ch) {
            c.comm = comm_bits;
            let pc = c.pc.as_mut().expect("pc");
            pc.aliases = vec![
                ("gg".into(), "get all corpse".into()),
                ("x".into(), "look".into()),
            ];
            pc.last_note = [5, 0, 0, 1_700_000_000_000, 9];
            pc.replay = "Bob tells you 'hi'\nBob tells you 'bye'\n".into();
            pc.note_draft = Some(NoteDraft {
                spool: 1,
                to: "all".into(),
                subject: "An idea".into(),
                text: "line one\nline two\n".into(),
            });
        }
        let text = write_player_at(&w, ch, 1_000);
        assert!(text.contains("Alias gg get all corpse~"), "{text}");
        assert!(text.contains("Not  5 0 0 1700000000000 9"), "{text}");
        let back = read_player(&text, "Alice").expect("reads");
        assert_eq!(back.ch.comm, comm_bits);
        let (a, b) = (
            back.ch.pc.as_ref().expect("pc"),
            w.ch(ch).and_then(|c| c.pc.as_ref()).expect("pc"),
        );
        assert_eq!(a.aliases, b.aliases);
        assert_eq!(a.last_note, b.last_note);
        assert_eq!(a.replay, b.replay);
        assert_eq!(a.note_draft, b.note_draft);
    }

    #[test]
    fn immortal_settings_round_trip() {
        let mut w = world();
        let ch = player(&mut w);
        use crate::game::wiznet;
        if let Some(p) = w.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
            p.wiznet = wiznet::ON | wiznet::LOGINS | wiznet::SECURE;
            p.incog_level = 55;
            p.invis_level = 53;
            p.bamfin = "Alice steps out of a rainbow.".into();
            p.bamfout = "Alice fades.".into();
        }
        let text = write_player_at(&w, ch, 1_000);
        let back = read_player(&text, "Alice").expect("reads");
        let pc = back.ch.pc.expect("pc");
        assert_eq!(pc.wiznet, wiznet::ON | wiznet::LOGINS | wiznet::SECURE);
        assert_eq!((pc.incog_level, pc.invis_level), (55, 53));
        assert_eq!(pc.bamfin, "Alice steps out of a rainbow.");
        assert_eq!(pc.bamfout, "Alice fades.");
    }

    /// A file from before skills were recorded (groups, no `Sk` lines)
    /// gets its groups' skills at 1 % when loaded, so it can practise.
    #[test]
    fn a_file_without_skills_gets_its_groups_skills() {
        let file = "#PLAYER\nName Old~\nPass h~\nLevl 3\nGr 'rom basics'\nGr 'warrior basics'\nEnd\n\n#END\n";
        let loaded = read_player(file, "Old").expect("reads");
        let mut w = world();
        let (ch, warnings) = load_into_world(&mut w, loaded);
        let learned = w
            .ch(ch)
            .and_then(|c| c.pc.as_ref())
            .map(|pc| pc.learned.clone())
            .unwrap_or_default();
        let sword = crate::world::rules::skill_lookup("sword").expect("sword");
        let recall = crate::world::rules::skill_lookup("recall").expect("recall");
        assert_eq!(learned.get(&sword), Some(&1), "{learned:?}");
        assert_eq!(learned.get(&recall), Some(&1), "{learned:?}");
        assert!(
            warnings.iter().any(|w| w.contains("no skills recorded")),
            "{warnings:?}"
        );
    }

    #[test]
    fn skills_are_written_by_name_and_read_by_name_or_number() {
        let mut w = world();
        let ch = player(&mut w);
        let text = write_player_at(&w, ch, 1);
        assert!(text.contains("\nSk 75 'chain lightning'\n"), "{text}");
        assert!(
            text.contains("\nAffc 'burning hands' 0 7 10 2 18 0\n"),
            "{text}"
        );
        // Numbers (as earlier versions wrote), names, ROM's prefix rule; an
        // unknown name is skipped with a warning, an unknown affect is -1.
        let file = "#PLAYER\nName Bob~\nPass h~\nSk 75 12\nSk 50 'sword'\nSk 40 'fast h'\n\
                    Sk 1 'no such skill'\nAffc 5 0 7 10 2 18 0\nAffc 'armor' 0 1 2 3 4 0\n\
                    Affc 'nothing' 0 1 2 3 4 0\nEnd\n#END\n";
        let p = read_player(file, "Bob").unwrap_or_else(|e| panic!("{e}"));
        let learned = p.ch.pc.as_deref().map(|pc| pc.learned.clone());
        assert_eq!(
            learned,
            Some(
                [(Sn(12), 75), (gsn::SWORD, 50), (gsn::FAST_HEALING, 40)]
                    .into_iter()
                    .collect()
            )
        );
        assert!(
            p.warnings.len() == 1 && p.warnings[0].contains("Bob:7: unknown skill"),
            "{:?}",
            p.warnings
        );
        let skills: Vec<Sn> = p.ch.affects.iter().map(|a| a.skill).collect();
        assert_eq!(skills, [Sn(5), Sn(2), Sn::NONE]);
        // A skill number the table does not know stays a number.
        if let Some(pc) = w.ch_mut(ch).and_then(|c| c.pc.as_deref_mut()) {
            pc.learned.insert(Sn(999), 10);
        }
        let text = write_player_at(&w, ch, 1);
        assert!(text.contains("\nSk 10 999\n"), "{text}");
        let back = read_player(&text, "Alice").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            back.ch
                .pc
                .as_deref()
                .and_then(|pc| pc.learned.get(&Sn(999)).copied()),
            Some(10)
        );
    }

    #[test]
    fn malformed_files_name_file_and_line() {
        let cases = [
            (
                "#PLAYER\nName Bob~\nHMV 1 2 x 4 5 6\nEnd\n#END\n",
                3,
                "expected a number",
            ),
            ("#PLAYER\nName Bob~\nPass h~\nEnd\n", 5, "without #END"),
            ("#PLAYER\nName Bob~\nTitl never ends\n", 3, "not terminated"),
            (
                "#PLAYER\nName Bob~\nPass h~\nEnd\n#O\nNest 0\nEnd\n#END\n",
                5,
                "#O without Vnum",
            ),
            ("hello\n", 1, "expected '#'"),
            ("#PLAYER\nName Bob~\nEnd\n#WHAT\n", 4, "unknown section"),
            ("#PLAYER\nName Bob~\nEnd\n#END\n", 1, "no Pass"),
            ("", 1, "without #END"),
            (
                "#PLAYER\nName Bob~\nLevl 99999999999\nEnd\n#END\n",
                3,
                "out of range",
            ),
        ];
        for (text, line, msg) in cases {
            match read_player(text, "player/Bob") {
                Err(e @ SaveError::Parse { .. }) => {
                    let s = e.to_string();
                    assert!(
                        s.starts_with(&format!("player/Bob:{line}: ")) && s.contains(msg),
                        "{text:?} -> {s}"
                    );
                }
                other => panic!("{text:?} -> {other:?}"),
            }
        }
        // Unknown keys are skipped with a warning, not fatal.
        let ok = read_player(
            "#PLAYER\nName Bob~\nPass h~\nFoo 1 2 3\nLevl 3\nEnd\n#END\n",
            "Bob",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ok.ch.level, 3);
        assert!(ok.warnings[0].contains("Bob:4"), "{:?}", ok.warnings);
    }

    #[test]
    fn reader_never_panics_on_garbage() {
        let mut w = world();
        let ch = player(&mut w);
        let text = write_player_at(&w, ch, 5);
        // Every truncation and a few corruptions: errors, never panics.
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                let _ = read_player(&text[..cut], "x");
            }
        }
        for junk in ["~~~~", "#O\n#O\n", "Nest -5", "\u{0}\u{ff}", "Val 1 2"] {
            let t = text.replacen("Nest 1", junk, 1);
            if let Ok(p) = read_player(&t, "x") {
                let mut w2 = world();
                let _ = load_into_world(&mut w2, p);
            }
        }
    }

    #[test]
    fn missing_prototypes_are_dropped_not_fatal() {
        let text = "#PLAYER\nName Bob~\nPass h~\nEnd\n#O\nVnum 999\nNest 0\nEnd\n#O\nVnum 11\nNest 1\nEnd\n#O\nVnum 13\nNest 0\nWear 5\nEnd\n#END\n";
        let p = read_player(text, "Bob").unwrap_or_else(|e| panic!("{e}"));
        let mut w = world();
        let (ch, warnings) = load_into_world(&mut w, p);
        assert!(warnings.iter().any(|x| x.contains("999")), "{warnings:?}");
        let c = w.ch(ch).cloned().unwrap_or_default();
        let vn: Vec<(i32, i32)> = c
            .carrying
            .iter()
            .filter_map(|&o| w.obj(o))
            .map(|o| (o.vnum.0, o.wear_loc))
            .collect();
        assert!(vn.contains(&(13, 5)) && vn.contains(&(11, -1)), "{vn:?}");
    }

    fn temp_dir(tag: &str) -> PathBuf {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let d =
            std::env::temp_dir().join(format!("gracemud-save-{tag}-{}-{n}", std::process::id()));
        let _ = fs::create_dir_all(&d);
        d
    }

    #[test]
    fn atomic_write_keeps_the_old_file_on_failure() {
        let dir = temp_dir("atomic");
        let mut w = world();
        let ch = player(&mut w);
        save_player(&w, ch, &dir).unwrap_or_else(|e| panic!("{e}"));
        let before = fs::read_to_string(dir.join("Alice")).unwrap_or_default();
        assert!(before.contains("Name Alice~"));
        // A directory where the temp file should go: the save must fail...
        fs::create_dir_all(dir.join("Alice.tmp")).unwrap_or(());
        if let Some(c) = w.ch_mut(ch) {
            c.level = 8;
        }
        assert!(matches!(
            save_player(&w, ch, &dir),
            Err(SaveError::Io { .. })
        ));
        // ...and leave the old file whole.
        assert_eq!(
            fs::read_to_string(dir.join("Alice")).unwrap_or_default(),
            before
        );
        fs::remove_dir_all(dir.join("Alice.tmp")).unwrap_or(());
        save_player(&w, ch, &dir).unwrap_or_else(|e| panic!("{e}"));
        let loaded = load_player(&dir, "alice")
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_default();
        assert_eq!(loaded.ch.level, 8);
        assert!(!dir.join("Alice.tmp").exists());
        assert_eq!(
            player_census(&dir).map(|c| (c.files, c.max_id)).ok(),
            Some((1, 42))
        );
        assert!(load_player(&dir, "nobody").is_ok_and(|p| p.is_none()));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_cannot_escape_the_player_dir() {
        let d = Path::new("/tmp/p");
        for bad in [
            "../etc",
            "a/b",
            "",
            ".",
            "abc.tmp",
            "x y",
            "abcdefghijklm",
            "é",
        ] {
            assert!(player_path(d, bad).is_err(), "{bad}");
        }
        assert_eq!(player_path(d, "aLiCe").ok(), Some(d.join("Alice")));
    }

    #[test]
    fn flags_as_letters() {
        assert_eq!(flag_letters(0), "0");
        assert_eq!(flag_letters(1 | (1 << 25) | (1 << 26) | (1 << 31)), "AZaf");
        assert_eq!(
            parse_flags("AZaf"),
            Some(1 | (1 << 25) | (1 << 26) | (1 << 31))
        );
        assert_eq!(parse_flags("12"), Some(12));
        assert_eq!(parse_flags("A|4"), Some(5));
        assert_eq!(parse_flags("A?"), None);
    }
}

/// Writes player files on a thread of its own, so a disk flush never holds
/// up the game loop (an autosave round at a thousand players is a thousand
/// fsyncs). The loop serialises the character (pure, fast) and hands over
/// the text; the writer does the atomic write ([`replace_player_file`]) in
/// submission order. Nothing of the game's state crosses over: only paths
/// and text. Each file handed over gets a ticket, and its result comes back
/// under that ticket (from [`Writer::poll`]), so the game can answer a
/// `save` or finish a `quit` only once the file is on disk; after each
/// write the thread calls the wake function ([`Writer::set_wake`]) so the
/// loop picks the result up at once instead of at the next pulse.
/// [`Writer::flush`] waits until every file handed over is on disk —
/// before a player file is read, before a copyover's exec and at shutdown —
/// so no write is ever in flight when it matters.
pub struct Writer {
    /// The one-off flush of a directory after a copyover (see
    /// [`Writer::sync_later`]); joined by [`Writer::flush`].
    syncing: Option<std::thread::JoinHandle<()>>,
    jobs: Option<std::sync::mpsc::Sender<WriteJob>>,
    done: Option<std::sync::mpsc::Receiver<Written>>,
    in_flight: usize,
    next_ticket: u64,
    /// Results of files written on the calling thread (no writer thread).
    ready: Vec<Written>,
    wake: std::sync::Arc<std::sync::Mutex<Option<Wake>>>,
}

/// Called by the writer thread after each file: "a result is waiting".
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

struct WriteJob {
    path: PathBuf,
    text: String,
    player_id: i64,
    hash: u64,
    ticket: u64,
}

/// One finished write.
#[derive(Debug)]
pub struct Written {
    pub player_id: i64,
    pub path: PathBuf,
    /// The hash the caller attached to the text (see `Game`).
    pub hash: u64,
    /// What [`Writer::submit`] returned for this file.
    pub ticket: u64,
    pub result: io::Result<()>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// A writer; its thread starts with the first file.
    pub fn new() -> Writer {
        Writer {
            syncing: None,
            jobs: None,
            done: None,
            in_flight: 0,
            next_ticket: 1,
            ready: Vec::new(),
            wake: std::sync::Arc::new(std::sync::Mutex::new(None)),
        }
    }

    /// What the writer thread calls after each file (the loop's waker).
    pub fn set_wake(&mut self, wake: Wake) {
        if let Ok(mut slot) = self.wake.lock() {
            *slot = Some(wake);
        }
    }

    fn start(&mut self) -> bool {
        if self.jobs.is_some() {
            return true;
        }
        let (jtx, jrx) = std::sync::mpsc::channel::<WriteJob>();
        let (dtx, drx) = std::sync::mpsc::channel::<Written>();
        let wake = std::sync::Arc::clone(&self.wake);
        let spawned = std::thread::Builder::new()
            .name("player-writer".into())
            .spawn(move || {
                for job in jrx {
                    if dtx.send(write_now(job)).is_err() {
                        break;
                    }
                    if let Ok(slot) = wake.lock() {
                        if let Some(wake) = slot.as_ref() {
                            wake();
                        }
                    }
                }
            });
        match spawned {
            Ok(_) => {
                self.jobs = Some(jtx);
                self.done = Some(drx);
                true
            }
            Err(e) => {
                log::warn!("cannot start the player-file writer ({e}); saving on the loop");
                false
            }
        }
    }

    /// Hand a file over; returns its ticket. If no writer thread can run,
    /// the file is written now and its result comes from the next
    /// [`Writer::poll`].
    pub fn submit(&mut self, path: PathBuf, text: String, player_id: i64, hash: u64) -> u64 {
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        let job = WriteJob {
            path,
            text,
            player_id,
            hash,
            ticket,
        };
        let job = match (self.start(), &self.jobs) {
            (true, Some(tx)) => match tx.send(job) {
                Ok(()) => {
                    self.in_flight += 1;
                    return ticket;
                }
                Err(std::sync::mpsc::SendError(job)) => job,
            },
            _ => job,
        };
        self.ready.push(write_now(job));
        ticket
    }

    /// Files written since the last call (never blocks).
    pub fn poll(&mut self) -> Vec<Written> {
        let mut out = std::mem::take(&mut self.ready);
        let before = out.len();
        if let Some(rx) = &self.done {
            while let Ok(w) = rx.try_recv() {
                out.push(w);
            }
        }
        self.in_flight -= (out.len() - before).min(self.in_flight);
        out
    }

    /// Make everything written into `dir` durable on a thread of its own
    /// (`syncfs` on its file system, then an fsync of the directory), so
    /// the loop never waits for the disk. A copyover writes the player
    /// files without syncing them (the page cache survives `execv`); the
    /// new image calls this right after recovery. Until the thread is done
    /// a machine crash (not a process crash) can lose or tear the files of
    /// that copyover; see `Game::save_everyone`.
    pub fn sync_later(&mut self, dir: &Path) {
        self.join_sync();
        let owned = dir.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("player-sync".into())
            .spawn(move || {
                let t = std::time::Instant::now();
                match sync_fs_and_dir(&owned) {
                    Ok(()) => log::info!(
                        "player files synced to disk in {:.1} ms",
                        t.elapsed().as_secs_f64() * 1000.0
                    ),
                    Err(e) => log::error!("cannot sync {}: {e}", owned.display()),
                }
            });
        match spawned {
            Ok(h) => self.syncing = Some(h),
            Err(e) => {
                log::warn!("cannot start the sync thread ({e}); syncing on the loop");
                if let Err(e) = sync_fs_and_dir(dir) {
                    log::error!("cannot sync {}: {e}", dir.display());
                }
            }
        }
    }

    /// Wait for the thread of [`Writer::sync_later`], if one runs.
    fn join_sync(&mut self) {
        if let Some(h) = self.syncing.take() {
            let _ = h.join();
        }
    }

    /// Wait until every file handed over is written (and a pending
    /// [`Writer::sync_later`] is done); returns their results.
    pub fn flush(&mut self) -> Vec<Written> {
        self.join_sync();
        let mut out = self.poll();
        while self.in_flight > 0 {
            let Some(rx) = &self.done else { break };
            match rx.recv() {
                Ok(w) => {
                    out.push(w);
                    self.in_flight -= 1;
                }
                Err(_) => {
                    // The thread is gone: nothing more will come back.
                    self.in_flight = 0;
                    self.jobs = None;
                    self.done = None;
                }
            }
        }
        out
    }

    /// Files handed over and not yet reported back.
    pub fn in_flight(&self) -> usize {
        self.in_flight + self.ready.len()
    }
}

fn write_now(job: WriteJob) -> Written {
    let result = replace_player_file(&job.path, job.text.as_bytes());
    Written {
        player_id: job.player_id,
        path: job.path,
        hash: job.hash,
        ticket: job.ticket,
        result,
    }
}
