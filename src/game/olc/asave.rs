//! `asave`: OLC's work back into the area files.
//!
//! ```text
//! asave changed      every area changed since it was saved (and area.lst,
//!                    and the shared helps, when they changed)
//! asave world        every area you may build
//! asave area         the area you are editing (or standing in)
//! asave <number>     that area (numbers as alist shows them)
//! asave list         area.lst, with the areas OLC created added
//! asave helps        the helps that belong to no area, into the help file
//! asave force <...>  the same, overwriting files changed on disk
//! ```
//!
//! Each file is written whole to a temporary file beside it, synced, and
//! renamed over the old one, so a crash leaves either the old file or the
//! new one, never half of one. The text is `db::writer`'s, which the loader
//! reads back to the same prototypes.
//!
//! Hand edits: the server remembers each file's modification time and
//! length as it read (or last wrote) it. When a file changed on disk since,
//! a builder edited it by hand: `asave` does not overwrite it and says so;
//! `copyover` loads the hand edit (OLC changes to that area not yet saved
//! are then lost: the builder chooses), and `asave force` keeps OLC's
//! version instead. `area.lst` is merged, never overwritten: new areas are
//! added to the list as it is on disk.
//!
//! A copyover saves the changed areas first ([`Game::save_changed_areas`]);
//! if one cannot be saved, the copyover is refused with the reason.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{is_builder, security};
use crate::db::writer;
use crate::game::Game;
use crate::world::handler::one_argument;
use crate::world::{AreaId, CharId, Request, World};

/// What tells one version of a file from another without reading it:
/// modification time (nanoseconds) and length.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileStamp {
    pub mtime_ns: i128,
    pub len: u64,
}

impl FileStamp {
    /// The stamp of the file at `path` now (`None`: it cannot be read).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        let mtime_ns = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        Some(FileStamp {
            mtime_ns,
            len: m.len(),
        })
    }
}

/// The files `area.lst` names, in order (up to the `$` line).
pub fn list_files(area_dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read(area_dir.join("area.lst")) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&text)
        .lines()
        .map(str::trim)
        .take_while(|l| *l != "$")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The stamps of `area.lst`'s files as they are now (at boot).
pub fn stamp_files(area_dir: &Path) -> HashMap<String, FileStamp> {
    list_files(area_dir)
        .into_iter()
        .filter_map(|f| FileStamp::of(&area_dir.join(&f)).map(|s| (f, s)))
        .collect()
}

/// Write `bytes` to `path` all or nothing: a temporary file beside it,
/// synced, renamed over `path`, and the directory synced. The old file's
/// permissions are kept (0644 for a new one).
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    let tmp = dir.join(tmp_name);
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(mode)
            .open(&tmp)?;
        f.set_permissions(std::fs::Permissions::from_mode(mode))?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(&dir)?.sync_all()
    })();
    if result.is_err() && tmp.is_file() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The command only asks; the game, which owns the area directory, saves.
pub fn do_asave(world: &mut World, ch: CharId, argument: &str) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    world.requests.push(Request::Asave {
        ch,
        arg: argument.to_string(),
    });
}

const SYNTAX: &str = "Syntax:\n\
\x20 asave <number> - saves a particular area\n\
\x20 asave list     - saves the area.lst file\n\
\x20 asave area     - saves the area being edited\n\
\x20 asave changed  - saves all changed zones\n\
\x20 asave world    - saves the world! (db dump)\n\
\x20 asave helps    - saves the help file\n\
\x20 asave force <one of the above> - also over files edited by hand\n\
\x20 asave drop <area|number> - forget OLC's changes (a copyover loads the file)\n";

impl Game {
    /// Write area `id` to its file. `force`: even when the file changed on
    /// disk since it was read. Returns the file name.
    pub(crate) fn save_area(&mut self, id: AreaId, force: bool) -> Result<String, String> {
        let protos = self.world.protos();
        self.save_area_from(&protos, id, force)
    }

    /// [`Game::save_area`] from prototypes already taken from the world
    /// (one copy for a whole `asave world`, not one per area).
    fn save_area_from(
        &mut self,
        protos: &crate::world::Protos,
        id: AreaId,
        force: bool,
    ) -> Result<String, String> {
        let Some(a) = self.world.areas.get(id.0) else {
            return Err(format!("there is no area {}", id.0));
        };
        let file = a.proto.file.clone();
        if file.is_empty() || file.contains('/') || file.starts_with('.') {
            return Err(format!("area {} has no usable file name", id.0));
        }
        if a.proto.low_vnum <= 0 || a.proto.high_vnum < a.proto.low_vnum {
            return Err(format!(
                "{file}: set the area's vnums first (aedit: vnum <lower> <upper>)"
            ));
        }
        let path = self.cfg.area_dir.join(&file);
        self.check_unchanged_on_disk(&file, &path, force)?;
        let text = writer::write_area(protos, id);
        write_file_atomic(&path, &writer::latin1_bytes(&text))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(s) = FileStamp::of(&path) {
            self.file_stamps.insert(file.clone(), s);
        }
        if let Some(a) = self.world.areas.get_mut(id.0) {
            a.changed = false;
        }
        log::info!("asave: wrote {}", path.display());
        Ok(file)
    }

    /// Refuse to overwrite a file a builder edited by hand since we read it
    /// (or a file we never read: a new area's name already on disk).
    fn check_unchanged_on_disk(&self, file: &str, path: &Path, force: bool) -> Result<(), String> {
        if force {
            return Ok(());
        }
        let now = FileStamp::of(path);
        let known = self.file_stamps.get(file).copied();
        match (known, now) {
            (_, None) => Ok(()),
            (Some(k), Some(n)) if k == n => Ok(()),
            (Some(_), Some(_)) => Err(format!(
                "{} changed on disk since the server read it (a hand edit?): not overwritten. \
                 Run copyover to load the hand edit (OLC changes to it not yet saved are then \
                 dropped), or 'asave force ...' to overwrite it with what OLC holds.",
                path.display()
            )),
            (None, Some(_)) => Err(format!(
                "{} exists on disk but the server never read it: not overwritten. Add it to \
                 area.lst and copyover, or 'asave force ...' to overwrite it.",
                path.display()
            )),
        }
    }

    /// Add the areas OLC created to `area.lst` as it is on disk now (before
    /// the `$` line); the rest of the file is kept as it is.
    pub(crate) fn save_area_list(&mut self) -> Result<usize, String> {
        let added: Vec<(usize, String)> = self
            .world
            .areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.added)
            .map(|(i, a)| (i, a.proto.file.clone()))
            .collect();
        if added.is_empty() {
            return Ok(0);
        }
        // A new area goes into the list only once its file is on disk: the
        // next boot must find every file the list names.
        let missing: Vec<&str> = added
            .iter()
            .filter(|(_, f)| !self.cfg.area_dir.join(f).is_file())
            .map(|(_, f)| f.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "not yet written, so not added to area.lst: {}",
                missing.join(" ")
            ));
        }
        let path = self.cfg.area_dir.join("area.lst");
        let old = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let old = String::from_utf8_lossy(&old).to_string();
        let listed = list_files(&self.cfg.area_dir);
        let mut lines: Vec<String> = Vec::new();
        let mut rest: Vec<String> = Vec::new();
        let mut seen_end = false;
        for l in old.lines() {
            if seen_end {
                rest.push(l.to_string());
            } else if l.trim() == "$" {
                seen_end = true;
            } else {
                lines.push(l.to_string());
            }
        }
        let mut n = 0;
        for (_, f) in &added {
            if !listed.iter().any(|l| l == f) {
                lines.push(f.clone());
                n += 1;
            }
        }
        let mut text = lines.join("\n");
        text.push_str("\n$\n");
        for l in rest {
            text.push_str(&l);
            text.push('\n');
        }
        write_file_atomic(&path, text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for (i, _) in added {
            if let Some(a) = self.world.areas.get_mut(i) {
                a.added = false;
            }
        }
        log::info!("asave: added {n} areas to {}", path.display());
        Ok(n)
    }

    /// The file the shared helps live in: the first file of `area.lst`
    /// that is no area's and holds helps and nothing else.
    fn help_file(&self) -> Result<String, String> {
        for f in list_files(&self.cfg.area_dir) {
            if self.world.areas.iter().any(|a| a.proto.file == f) {
                continue;
            }
            let Ok(bytes) = std::fs::read(self.cfg.area_dir.join(&f)) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes);
            let sections: Vec<&str> = text
                .lines()
                .filter(|l| l.starts_with('#'))
                .filter(|l| l.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic()))
                .collect();
            if sections.contains(&"#HELPS") && sections.iter().all(|s| *s == "#HELPS") {
                return Ok(f);
            }
        }
        Err(
            "area.lst names no file that holds only helps; the shared helps have nowhere to go"
                .into(),
        )
    }

    /// Write the helps of no area into the help file.
    pub(crate) fn save_helps(&mut self, force: bool) -> Result<String, String> {
        let file = self.help_file()?;
        let path = self.cfg.area_dir.join(&file);
        self.check_unchanged_on_disk(&file, &path, force)?;
        let text = writer::write_help_file(&self.world.protos());
        write_file_atomic(&path, &writer::latin1_bytes(&text))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(s) = FileStamp::of(&path) {
            self.file_stamps.insert(file.clone(), s);
        }
        self.world.helps_changed = false;
        log::info!("asave: wrote {}", path.display());
        Ok(file)
    }

    /// Before a copyover: every changed area, the shared helps if changed,
    /// and area.lst if OLC made areas. The first failure stops it (the
    /// copyover is then refused); the number of files written otherwise.
    pub fn save_changed_areas(&mut self) -> Result<usize, String> {
        let mut n = 0;
        let any = self.world.areas.iter().any(|a| a.changed);
        let protos = if any {
            self.world.protos()
        } else {
            Default::default()
        };
        for i in 0..self.world.areas.len() {
            if self.world.areas[i].changed {
                self.save_area_from(&protos, AreaId(i), false)?;
                n += 1;
            }
        }
        if self.world.helps_changed {
            self.save_helps(false)?;
            n += 1;
        }
        if self.save_area_list()? > 0 {
            n += 1;
        }
        Ok(n)
    }

    /// `asave ...` for `ch`.
    pub(crate) fn asave_command(&mut self, ch: CharId, arg: &str) {
        let out = self.asave_text(ch, arg);
        self.world.send(ch, &out);
        if let Some(conn) = self.world.ch(ch).and_then(|c| c.conn) {
            self.dirty.insert(conn);
        }
    }

    /// `asave drop <area|number>`: forget that an area changed, so that
    /// neither `asave changed` nor a copyover writes it: the next copyover
    /// loads its file as it is on disk (a hand edit wins over OLC).
    fn asave_drop(&mut self, ch: CharId, arg: &str) -> String {
        let (word, _) = one_argument(arg);
        let id = if word == "area" || word.is_empty() {
            super::editor_of(&self.world, ch)
                .and_then(|e| super::editor_area(&self.world, e))
                .or_else(|| {
                    self.world
                        .ch(ch)
                        .and_then(|c| c.room)
                        .and_then(|r| self.world.room(r))
                        .map(|r| r.area)
                })
        } else {
            word.parse::<usize>()
                .ok()
                .filter(|&i| i < self.world.areas.len())
                .map(AreaId)
        };
        let Some(id) = id else {
            return "Syntax:  asave drop <area | number>\n".into();
        };
        if !is_builder(&self.world, ch, id) {
            return "You are not a builder for this area.\n".into();
        }
        let Some(a) = self.world.areas.get_mut(id.0) else {
            return "There is no such area.\n".into();
        };
        if a.added {
            return "That area was made with OLC and has no file to fall back on.\n".into();
        }
        a.changed = false;
        format!(
            "OLC changes to {} will not be saved: the next copyover loads the file as it is \
             on disk.\n",
            a.proto.file
        )
    }

    fn asave_text(&mut self, ch: CharId, arg: &str) -> String {
        let (mut word, mut rest) = one_argument(arg);
        let force = word == "force";
        if force {
            (word, rest) = one_argument(rest);
        }
        if word == "drop" {
            return self.asave_drop(ch, rest);
        }
        let mut out = String::new();
        let mut saved: Vec<String> = Vec::new();
        let mut failed: Vec<String> = Vec::new();
        match word.as_str() {
            "" => return SYNTAX.to_string(),
            "world" | "changed" => {
                let only_changed = word == "changed";
                let protos = self.world.protos();
                for i in 0..self.world.areas.len() {
                    let a = &self.world.areas[i];
                    if (only_changed && !a.changed) || !is_builder(&self.world, ch, AreaId(i)) {
                        continue;
                    }
                    match self.save_area_from(&protos, AreaId(i), force) {
                        Ok(f) => {
                            let name = self.world.areas[i].proto.name.clone();
                            saved.push(format!("{name:>24} - '{f}'"));
                        }
                        Err(e) => failed.push(e),
                    }
                }
                if (self.world.helps_changed || !only_changed) && security(&self.world, ch) >= 9 {
                    match self.save_helps(force) {
                        Ok(f) => saved.push(format!("{:>24} - '{f}'", "(shared helps)")),
                        Err(e) if self.world.helps_changed => failed.push(e),
                        Err(_) => {}
                    }
                }
                match self.save_area_list() {
                    Ok(n) if n > 0 => {
                        saved.push(format!("{:>24} - 'area.lst'", format!("({n} new)")))
                    }
                    Ok(_) => {}
                    Err(e) => failed.push(e),
                }
                out.push_str("Saved zones:\n");
                if saved.is_empty() {
                    out.push_str("None.\n");
                }
            }
            "list" => {
                return match self.save_area_list() {
                    Ok(0) => "area.lst already lists every area.\n".into(),
                    Ok(n) => format!("area.lst saved ({n} areas added).\n"),
                    Err(e) => format!("area.lst not saved: {e}\n"),
                };
            }
            "helps" => {
                if security(&self.world, ch) < 9 {
                    return "You need security 9 to save the shared helps.\n".into();
                }
                return match self.save_helps(force) {
                    Ok(f) => format!("Helps saved to {f}.\n"),
                    Err(e) => format!("Helps not saved: {e}\n"),
                };
            }
            "area" => {
                let editing = super::editor_of(&self.world, ch)
                    .and_then(|e| super::editor_area(&self.world, e));
                let here = self
                    .world
                    .ch(ch)
                    .and_then(|c| c.room)
                    .and_then(|r| self.world.room(r))
                    .map(|r| r.area);
                let Some(id) = editing.or(here) else {
                    return "You are not editing an area, therefore an area vnum is required.\n"
                        .into();
                };
                if !is_builder(&self.world, ch, id) {
                    return "You are not a builder for this area.\n".into();
                }
                return match self.save_area(id, force) {
                    Ok(f) => {
                        let list = match self.save_area_list() {
                            Ok(n) if n > 0 => " (and added to area.lst)",
                            _ => "",
                        };
                        format!("Area saved to {f}{list}.\n")
                    }
                    Err(e) => format!("Area not saved: {e}\n"),
                };
            }
            n => {
                let Some(id) = n
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < self.world.areas.len())
                else {
                    return SYNTAX.to_string();
                };
                if !is_builder(&self.world, ch, AreaId(id)) {
                    return "You are not a builder for this area.\n".into();
                }
                return match self.save_area(AreaId(id), force) {
                    Ok(f) => {
                        let _ = self.save_area_list();
                        format!("Area saved to {f}.\n")
                    }
                    Err(e) => format!("Area not saved: {e}\n"),
                };
            }
        }
        for s in saved {
            out.push_str(&s);
            out.push('\n');
        }
        for e in failed {
            out.push_str("NOT saved: ");
            out.push_str(&e);
            out.push('\n');
        }
        out
    }
}
