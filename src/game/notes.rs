//! ROM 2.4's note spools ("note.c"): `note`, `idea`, `penalty`, `news` and
//! `changes`, and `unread`.
//!
//! Each spool is a list of [`Note`]s in [`World::notes`], oldest first. A
//! player writes one note at a time (`note +`, `note -`, `note to`,
//! `note subject`, `note show`, `note clear`, `note post`), kept on the
//! character as a [`NoteDraft`]; reads them with `note read [n|next]` and
//! `note list`, removes their own with `note remove <n>`, and marks a whole
//! spool read with `note catchup`. What a player has read is a time stamp
//! per spool (`PcData::last_note`, the player file's `Not` line).
//!
//! Posting or removing changes the world's spool and asks the game
//! ([`Request::WriteSpool`]) to write that spool's file: one plain-text file
//! per spool in the notes directory next to the player directory
//! (`Config::note_dir`), written atomically. The format is ROM's:
//! `Sender`, `Date`, `Stamp`, `To`, `Subject` and `Text` fields, strings
//! ending in `~`.
//!
//! These are stock ROM 2.4's spools; QuickMUD's `board` system is not
//! provided.
//!
//! Departures from ROM: spool files go to disk on the player files' writer
//! thread (the previous version kept as the spare, as for players); notes
//! never expire; a
//! stamp is made unique within its spool so read marks are exact; the
//! implementor does not read notes addressed to others.

use std::fmt::Write as _;

use crate::world::handler::one_argument;
use crate::world::*;

/// The spools, in the order of [`World::notes`] and of the `Not` line.
pub const SPOOLS: [Spool; 5] = [
    Spool {
        cmd: "note",
        file: "notes.not",
        plural: "notes",
        level: 0,
    },
    Spool {
        cmd: "idea",
        file: "ideas.not",
        plural: "ideas",
        level: 0,
    },
    Spool {
        cmd: "penalty",
        file: "penal.not",
        plural: "penalties",
        level: LEVEL_IMMORTAL + 1,
    },
    Spool {
        cmd: "news",
        file: "news.not",
        plural: "news",
        level: 0,
    },
    Spool {
        cmd: "changes",
        file: "chang.not",
        plural: "changes",
        level: 0,
    },
];

pub const NOTE: usize = 0;
pub const IDEA: usize = 1;
pub const PENALTY: usize = 2;
pub const NEWS: usize = 3;
pub const CHANGES: usize = 4;

/// Longest note text ROM accepts.
const MAX_NOTE_TEXT: usize = 4096;

/// A spool's names and who may read it.
pub struct Spool {
    pub cmd: &'static str,
    pub file: &'static str,
    pub plural: &'static str,
    /// Lowest trust that reads and writes it.
    pub level: i32,
}

/// ROM's smash_tilde: a `~` would end a string in the file.
fn smash_tilde(s: &str) -> String {
    s.replace('~', "-")
}

fn words(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split_whitespace().map(|w| w.to_ascii_lowercase())
}

/// Whether `note` is addressed to `ch` (or written by it).
pub fn is_note_to(c: &Char, note: &Note) -> bool {
    if c.name.eq_ignore_ascii_case(&note.sender) {
        return true;
    }
    let name = c.name.to_ascii_lowercase();
    words(&note.to).any(|w| {
        w == "all"
            || w == name
            || (c.is_immortal() && (w == "immortal" || w == "immortals" || w == "imm"))
    })
}

/// Whether a note counts as unread for `c`.
fn is_unread(c: &Char, spool: usize, note: &Note) -> bool {
    let last = c.pc.as_ref().map_or(i64::MAX, |p| p.last_note[spool]);
    note.stamp > last && !c.name.eq_ignore_ascii_case(&note.sender) && is_note_to(c, note)
}

/// How many notes of `spool` are unread by `ch`.
pub fn count_unread(world: &World, ch: CharId, spool: usize) -> usize {
    let Some(c) = world.ch(ch) else { return 0 };
    world.notes[spool]
        .iter()
        .filter(|n| is_unread(c, spool, n))
        .count()
}

/// What `unread` and logging in say about waiting notes.
pub fn unread_summary(world: &World, ch: CharId) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let mut out = String::new();
    let n = |s| count_unread(world, ch, s);
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let news = n(NEWS);
    if news > 0 {
        let _ = writeln!(
            out,
            "There {} {news} new news article{} waiting.",
            if news == 1 { "is" } else { "are" },
            plural(news)
        );
    }
    let changes = n(CHANGES);
    if changes > 0 {
        let _ = writeln!(
            out,
            "There {} {changes} change{} waiting.",
            if changes == 1 { "is" } else { "are" },
            plural(changes)
        );
    }
    let notes = n(NOTE);
    if notes > 0 {
        let _ = writeln!(out, "You have {notes} new note{} waiting.", plural(notes));
    }
    let ideas = n(IDEA);
    if ideas > 0 {
        let _ = writeln!(
            out,
            "You have {ideas} unread idea{} to peruse.",
            plural(ideas)
        );
    }
    if c.get_trust() >= SPOOLS[PENALTY].level {
        let pens = n(PENALTY);
        if pens > 0 {
            let _ = writeln!(
                out,
                "{pens} {} been added.",
                if pens == 1 {
                    "penalty has"
                } else {
                    "penalties have"
                }
            );
        }
    }
    if out.is_empty() {
        out.push_str("You have no unread notes.\n");
    }
    out
}

/// `unread`: the unread notes in every spool.
pub fn do_unread(world: &mut World, ch: CharId, _arg: &str) {
    let text = unread_summary(world, ch);
    world.send(ch, &text);
}

pub fn do_note(world: &mut World, ch: CharId, arg: &str) {
    parse_note(world, ch, arg, NOTE);
}
pub fn do_idea(world: &mut World, ch: CharId, arg: &str) {
    parse_note(world, ch, arg, IDEA);
}
pub fn do_penalty(world: &mut World, ch: CharId, arg: &str) {
    parse_note(world, ch, arg, PENALTY);
}
pub fn do_news(world: &mut World, ch: CharId, arg: &str) {
    parse_note(world, ch, arg, NEWS);
}
pub fn do_changes(world: &mut World, ch: CharId, arg: &str) {
    parse_note(world, ch, arg, CHANGES);
}

/// One note as `read` shows it.
fn show_note(n: usize, note: &Note) -> String {
    let mut text = note.text.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    format!(
        "[{n:3}] {}: {}\n{}\nTo: {}\n{text}",
        note.sender, note.subject, note.date, note.to
    )
}

fn mark_read(world: &mut World, ch: CharId, spool: usize, stamp: i64) {
    if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        pc.last_note[spool] = pc.last_note[spool].max(stamp);
    }
}

/// Write access to `spool` for `ch` (news and changes are the immortals').
fn may_write(world: &World, ch: CharId, spool: usize) -> Result<(), &'static str> {
    let Some(c) = world.ch(ch) else {
        return Err("");
    };
    match spool {
        NEWS if !c.is_immortal() => Err("You aren't high enough level to write the news.\n"),
        CHANGES if !c.is_immortal() => Err("You aren't high enough level to write changes.\n"),
        _ => Ok(()),
    }
}

/// The draft for `spool`, started if there is none; an error when a note
/// for another spool is in progress.
fn draft(world: &mut World, ch: CharId, spool: usize) -> Result<&mut NoteDraft, String> {
    let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) else {
        return Err(String::new());
    };
    match pc.note_draft {
        Some(ref d) if d.spool != spool => {
            return Err(format!(
                "You already have a different note in progress ({}).\n",
                SPOOLS[d.spool].cmd
            ))
        }
        Some(_) => {}
        None => {
            pc.note_draft = Some(NoteDraft {
                spool,
                ..Default::default()
            })
        }
    }
    pc.note_draft
        .as_mut()
        .ok_or_else(|| "Something went wrong with your note.\n".to_string())
}

/// ROM's parse_note: every `note` subcommand, for any spool.
pub fn parse_note(world: &mut World, ch: CharId, arg: &str, spool: usize) {
    let Some(c) = world.ch(ch) else { return };
    if c.is_npc() {
        return;
    }
    if c.get_trust() < SPOOLS[spool].level {
        world.send(ch, "Huh?\n");
        return;
    }
    let (word, rest) = one_argument(arg);
    let word = word.to_ascii_lowercase();
    let rest = rest.trim();
    let plural = SPOOLS[spool].plural;
    match word.as_str() {
        "" | "read" | "next" => read_note(world, ch, spool, if word == "read" { rest } else { "" }),
        "list" => {
            let Some(c) = world.ch(ch) else { return };
            let mut out = String::new();
            for (i, n) in world.notes[spool].iter().enumerate() {
                if is_note_to(c, n) {
                    let mark = if is_unread(c, spool, n) { "N" } else { " " };
                    let _ = writeln!(out, "[{i:3}{mark}] {}: {}", n.sender, n.subject);
                }
            }
            if out.is_empty() {
                out = format!("There are no {plural} for you.\n");
            }
            world.send(ch, &out);
        }
        "remove" | "delete" => {
            let Ok(n) = rest.parse::<usize>() else {
                world.send(ch, "Note remove which number?\n");
                return;
            };
            let Some(c) = world.ch(ch) else { return };
            let found = world.notes[spool]
                .get(n)
                .filter(|note| is_note_to(c, note))
                .cloned();
            let Some(note) = found else {
                world.send(ch, &format!("There aren't that many {plural}.\n"));
                return;
            };
            if !c.name.eq_ignore_ascii_case(&note.sender) && c.get_trust() < MAX_LEVEL {
                world.send(ch, "You can only remove notes you wrote.\n");
                return;
            }
            world.notes[spool].remove(n);
            world.requests.push(Request::WriteSpool(spool));
            world.send(ch, "Ok.\n");
        }
        "catchup" => {
            let last = world.notes[spool].last().map_or(0, |n| n.stamp);
            mark_read(world, ch, spool, last);
            world.send(ch, &format!("All {plural} are now marked as read.\n"));
        }
        "+" | "-" | "subject" | "to" | "clear" | "show" | "post" | "send" => {
            if let Err(e) = may_write(world, ch, spool) {
                world.send(ch, e);
                return;
            }
            edit_note(world, ch, spool, &word, rest);
        }
        _ => world.send(ch, "You can't do that.\n"),
    }
}

/// `note read [n|next]`.
fn read_note(world: &mut World, ch: CharId, spool: usize, which: &str) {
    let Some(c) = world.ch(ch) else { return };
    let plural = SPOOLS[spool].plural;
    let which = which.to_ascii_lowercase();
    let pick = if which.is_empty() || which == "next" {
        world.notes[spool]
            .iter()
            .position(|n| is_unread(c, spool, n))
    } else if let Ok(n) = which.parse::<usize>() {
        match world.notes[spool].get(n) {
            Some(note) if is_note_to(c, note) => Some(n),
            _ => {
                world.send(ch, &format!("There aren't that many {plural}.\n"));
                return;
            }
        }
    } else {
        world.send(ch, "Read which number?\n");
        return;
    };
    let Some(n) = pick else {
        world.send(ch, &format!("You have no unread {plural}.\n"));
        return;
    };
    let note = world.notes[spool][n].clone();
    world.send(ch, &show_note(n, &note));
    mark_read(world, ch, spool, note.stamp);
}

/// Writing: `+ line`, `-`, `subject`, `to`, `clear`, `show`, `post`.
fn edit_note(world: &mut World, ch: CharId, spool: usize, word: &str, rest: &str) {
    match word {
        "clear" => {
            if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
                pc.note_draft = None;
            }
            world.send(ch, "Note cleared.\n");
            return;
        }
        "show" => {
            let shown = world
                .ch(ch)
                .and_then(|c| c.pc.as_ref())
                .and_then(|p| p.note_draft.as_ref())
                .filter(|d| d.spool == spool)
                .map(|d| {
                    format!(
                        "{}: {}\nTo: {}\n{}",
                        world.ch(ch).map_or("", |c| c.name.as_str()),
                        d.subject,
                        d.to,
                        d.text
                    )
                });
            match shown {
                Some(text) => world.send(ch, &text),
                None => world.send(ch, "You have no note in progress.\n"),
            }
            return;
        }
        "post" | "send" => {
            post_note(world, ch, spool);
            return;
        }
        _ => {}
    }
    let d = match draft(world, ch, spool) {
        Ok(d) => d,
        Err(e) => {
            world.send(ch, &e);
            return;
        }
    };
    let answer = match word {
        "+" => {
            if d.text.len() + rest.len() >= MAX_NOTE_TEXT {
                "Note too long.\n"
            } else {
                d.text.push_str(&smash_tilde(rest));
                d.text.push('\n');
                "Ok.\n"
            }
        }
        "-" => {
            if d.text.is_empty() {
                "No lines left to remove.\n"
            } else {
                d.text.pop();
                match d.text.rfind('\n') {
                    Some(i) => d.text.truncate(i + 1),
                    None => d.text.clear(),
                }
                "Ok.\n"
            }
        }
        "subject" => {
            d.subject = smash_tilde(rest);
            "Ok.\n"
        }
        "to" => {
            d.to = smash_tilde(rest);
            "Ok.\n"
        }
        _ => "You can't do that.\n",
    };
    world.send(ch, answer);
}

/// `note post`: the draft joins the spool, which is written to disk.
fn post_note(world: &mut World, ch: CharId, spool: usize) {
    let Some(c) = world.ch(ch) else { return };
    let sender = c.name.clone();
    let Some(d) =
        c.pc.as_ref()
            .and_then(|p| p.note_draft.clone())
            .filter(|d| d.spool == spool)
    else {
        world.send(ch, "You have no note in progress.\n");
        return;
    };
    if d.to.trim().is_empty() {
        world.send(
            ch,
            "You need to provide a recipient (name, all, or immortal).\n",
        );
        return;
    }
    if d.subject.trim().is_empty() {
        world.send(ch, "You need to provide a subject.\n");
        return;
    }
    let now = crate::save::now_secs();
    let last = world.notes[spool].last().map_or(0, |n| n.stamp);
    let stamp = now.max(last + 1);
    let note = Note {
        sender,
        date: date_text(stamp),
        stamp,
        to: d.to,
        subject: d.subject,
        text: d.text,
    };
    world.notes[spool].push(note);
    if let Some(pc) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        pc.note_draft = None;
    }
    world.requests.push(Request::WriteSpool(spool));
    world.send(ch, "Note posted.\n");
}

/// A time stamp as `YYYY-MM-DD HH:MM UTC`.
pub fn date_text(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

// ------------------------------------------------------------------ files

/// A spool as its file holds it.
pub fn write_spool(notes: &[Note]) -> String {
    let mut o = String::new();
    for n in notes {
        let _ = write!(
            o,
            "Sender  {}~\nDate    {}~\nStamp   {}\nTo      {}~\nSubject {}~\nText\n{}~\n",
            smash_tilde(&n.sender),
            smash_tilde(&n.date),
            n.stamp,
            smash_tilde(&n.to),
            smash_tilde(&n.subject),
            smash_tilde(&n.text)
        );
    }
    o
}

/// Read a spool file's text; malformed notes are skipped and reported.
pub fn read_spool(text: &str) -> (Vec<Note>, Vec<String>) {
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    let mut rest = text;
    let mut cur = Note::default();
    let mut fields = 0;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = &rest[key_end..];
        let string_field = matches!(key, "Sender" | "Date" | "To" | "Subject" | "Text");
        if string_field {
            // Text starts on the next line; the others after spaces.
            let body = if key == "Text" {
                rest.strip_prefix('\n')
                    .or_else(|| rest.strip_prefix("\r\n"))
                    .unwrap_or(rest.trim_start_matches([' ', '\t']))
            } else {
                rest.trim_start_matches([' ', '\t'])
            };
            let Some(end) = body.find('~') else {
                errors.push(format!("unterminated {key} field"));
                break;
            };
            let value = body[..end].to_string();
            rest = &body[end + 1..];
            match key {
                "Sender" => cur.sender = value,
                "Date" => cur.date = value,
                "To" => cur.to = value,
                "Subject" => cur.subject = value,
                _ => {
                    cur.text = value;
                    if fields == 4 {
                        notes.push(std::mem::take(&mut cur));
                    } else {
                        errors.push(format!("a note with missing fields ({fields} of 4)"));
                        cur = Note::default();
                    }
                    fields = 0;
                    continue;
                }
            }
            fields += 1;
        } else if key == "Stamp" {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            match rest[..line_end].trim().parse::<i64>() {
                Ok(v) => cur.stamp = v,
                Err(_) => errors.push("a bad Stamp".to_string()),
            }
            rest = &rest[line_end..];
        } else {
            errors.push(format!("unknown field {key:?}"));
            let line_end = rest.find('\n').unwrap_or(rest.len());
            rest = &rest[line_end..];
        }
    }
    notes.sort_by_key(|n| n.stamp);
    (notes, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world_with(names: &[&str]) -> (World, Vec<CharId>) {
        let mut w = World::new(Default::default(), 1);
        let ids = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                w.chars.insert(Char {
                    name: n.to_string(),
                    level: 10,
                    conn: Some(crate::engine::ConnId(i + 1)),
                    pc: Some(Box::default()),
                    ..Default::default()
                })
            })
            .collect();
        (w, ids)
    }

    fn sent(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn write_post_list_read_and_catch_up() {
        let (mut w, ids) = world_with(&["Ann", "Bob", "Cid"]);
        let (ann, bob, cid) = (ids[0], ids[1], ids[2]);
        for line in [
            "to bob",
            "subject Hello",
            "+ first line",
            "+ second line",
            "-",
            "+ third line",
        ] {
            do_note(&mut w, ann, line);
        }
        do_note(&mut w, ann, "post");
        assert_eq!(w.notes[NOTE].len(), 1);
        assert_eq!(w.notes[NOTE][0].text, "first line\nthird line\n");
        assert!(w.requests.contains(&Request::WriteSpool(NOTE)));
        assert_eq!(count_unread(&w, bob, NOTE), 1);
        assert_eq!(count_unread(&w, cid, NOTE), 0, "not addressed to Cid");
        assert_eq!(count_unread(&w, ann, NOTE), 0, "the sender's own");
        assert!(unread_summary(&w, bob).contains("You have 1 new note waiting."));
        let _ = sent(&mut w, bob);
        do_note(&mut w, bob, "list");
        assert!(sent(&mut w, bob).contains("[  0N] Ann: Hello"));
        do_note(&mut w, bob, "read");
        let text = sent(&mut w, bob);
        assert!(text.contains("[  0] Ann: Hello") && text.contains("third line"));
        assert_eq!(count_unread(&w, bob, NOTE), 0);
        do_note(&mut w, bob, "read");
        assert!(sent(&mut w, bob).contains("You have no unread notes."));
        do_note(&mut w, cid, "read 0");
        assert!(sent(&mut w, cid).contains("There aren't that many notes."));
        // Bob cannot remove Ann's note; Ann can.
        do_note(&mut w, bob, "remove 0");
        assert!(sent(&mut w, bob).contains("only remove notes you wrote"));
        do_note(&mut w, ann, "remove 0");
        assert!(w.notes[NOTE].is_empty());
    }

    #[test]
    fn posting_needs_a_recipient_and_a_subject_and_news_is_immortal() {
        let (mut w, ids) = world_with(&["Ann"]);
        let ann = ids[0];
        do_note(&mut w, ann, "+ text");
        do_note(&mut w, ann, "post");
        assert!(sent(&mut w, ann).contains("provide a recipient"));
        do_note(&mut w, ann, "to all");
        do_note(&mut w, ann, "post");
        assert!(sent(&mut w, ann).contains("provide a subject"));
        do_idea(&mut w, ann, "+ an idea");
        assert!(sent(&mut w, ann).contains("different note in progress"));
        do_news(&mut w, ann, "+ big news");
        assert!(sent(&mut w, ann).contains("high enough level"));
        do_penalty(&mut w, ann, "list");
        assert_eq!(sent(&mut w, ann), "Huh?\n");
    }

    #[test]
    fn the_spool_reader_never_panics_on_garbage() {
        let good = write_spool(&[Note {
            sender: "Ann".into(),
            date: "d".into(),
            stamp: 3,
            to: "all".into(),
            subject: "s é".into(),
            text: "t\n".into(),
        }]);
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for round in 0..2000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Cut the good file anywhere, or splice in junk.
            let cut = (seed as usize) % (good.len() + 1);
            let mut text: String = good.chars().take(cut).collect();
            if round % 3 == 0 {
                text.push_str(&format!("Stamp x{seed}\n~~ é\tSender"));
            }
            let _ = read_spool(&text);
        }
    }

    #[test]
    fn spool_files_round_trip() {
        let notes = vec![
            Note {
                sender: "Ann".into(),
                date: date_text(86_400 * 365),
                stamp: 5,
                to: "all".into(),
                subject: "Hi ~there".into(),
                text: "one\ntwo\n".into(),
            },
            Note {
                sender: "Bob".into(),
                date: "x".into(),
                stamp: 9,
                to: "ann bob".into(),
                subject: "S".into(),
                text: String::new(),
            },
        ];
        let text = write_spool(&notes);
        let (back, errors) = read_spool(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].subject, "Hi -there");
        assert_eq!(back[0].text, "one\ntwo\n");
        assert_eq!(back[1], notes[1]);
        assert_eq!(date_text(86_400 * 365), "1971-01-01 00:00 UTC");
        let (_, errors) = read_spool("Sender Ann~\nGarbage\nText\nunterminated");
        assert!(!errors.is_empty());
    }
}
