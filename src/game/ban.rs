//! Site bans — ROM's "ban.c": `ban`, `permban` and `allow`, the matching,
//! and the ban file.
//!
//! A ban names a site (the address a connection comes from) with ROM's
//! wildcards: `*name` matches addresses ending in `name`, `name*` those
//! beginning with it, `*name*` those containing it, and a bare `name` that
//! address only. A ban's type is `all` (nobody connects from there),
//! `newbies` (no new characters) or `permit` (only players with the permit
//! flag). Its level is the trust of whoever set it; only someone as
//! trusted may lift or replace it.
//!
//! The game checks `all` bans when a connection is accepted
//! (`Game::connected`), and `newbies` and `permit` bans in the login
//! dialogue (`nanny`). Commands change `World::bans` and ask for
//! [`Request::SaveBans`]; the game writes the file atomically.
//!
//! The ban file holds one permanent ban per line: `pattern level type`,
//! e.g. `*.example.com 59 all`; `#` starts a comment. A line that cannot be
//! read is reported (`file:line: why`) and skipped.
//!
//! Departures from ROM: the file format is our own (ROM writes flag letters);
//! as in ROM only `permban` bans are written, so a plain `ban` lasts until
//! the next reboot (a copyover carries it in its state file, where ROM
//! loses it); the site is matched against the numeric address, as we do
//! not resolve host names.

use std::path::Path;

use crate::world::handler::one_argument;
use crate::world::{CharId, Request, World};

/// What a ban keeps out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BanKind {
    All,
    Newbies,
    Permit,
}

impl BanKind {
    pub fn name(self) -> &'static str {
        match self {
            BanKind::All => "all",
            BanKind::Newbies => "newbies",
            BanKind::Permit => "permit",
        }
    }
    fn parse(word: &str) -> Option<BanKind> {
        match word.to_ascii_lowercase().as_str() {
            "all" => Some(BanKind::All),
            "newbies" => Some(BanKind::Newbies),
            "permit" => Some(BanKind::Permit),
            _ => None,
        }
    }
}

/// One banned site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ban {
    /// The site without its wildcards, lower case.
    pub site: String,
    /// `*` before the site: matches addresses ending in it.
    pub prefix: bool,
    /// `*` after the site: matches addresses beginning with it.
    pub suffix: bool,
    pub level: i32,
    pub kind: BanKind,
    /// Written to the ban file (`permban`).
    pub permanent: bool,
}

impl Ban {
    /// The site as typed, wildcards included.
    pub fn pattern(&self) -> String {
        format!(
            "{}{}{}",
            if self.prefix { "*" } else { "" },
            self.site,
            if self.suffix { "*" } else { "" }
        )
    }

    /// Does this ban cover `host`?
    pub fn matches(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        match (self.prefix, self.suffix) {
            (true, true) => host.contains(&self.site),
            (true, false) => host.ends_with(&self.site),
            (false, true) => host.starts_with(&self.site),
            (false, false) => host == self.site,
        }
    }
}

/// Split a typed pattern into site and wildcards.
fn parse_pattern(pattern: &str) -> (String, bool, bool) {
    let mut site = pattern.to_ascii_lowercase();
    let prefix = site.starts_with('*');
    if prefix {
        site.remove(0);
    }
    let suffix = site.ends_with('*');
    if suffix {
        site.pop();
    }
    (site, prefix, suffix)
}

/// Is `host` banned for `kind`? (ROM's check_ban.)
pub fn check_ban(bans: &[Ban], host: &str, kind: BanKind) -> bool {
    bans.iter().any(|b| b.kind == kind && b.matches(host))
}

/// The ban file's text: the permanent bans.
pub fn render(bans: &[Ban]) -> String {
    let mut out = String::from("# GraceMUD ban file: pattern level type\n");
    for b in bans.iter().filter(|b| b.permanent) {
        out.push_str(&format!("{} {} {}\n", b.pattern(), b.level, b.kind.name()));
    }
    out
}

/// Read a ban file's text; bad lines come back as `file:line: why`.
pub fn parse(text: &str, file: &str) -> (Vec<Ban>, Vec<String>) {
    let mut bans = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let w: Vec<&str> = line.split_whitespace().collect();
        let parsed = match w.as_slice() {
            [pattern, level, kind] => match (level.parse::<i32>(), BanKind::parse(kind)) {
                (Ok(level), Some(kind)) => {
                    let (site, prefix, suffix) = parse_pattern(pattern);
                    (!site.is_empty()).then_some(Ban {
                        site,
                        prefix,
                        suffix,
                        level,
                        kind,
                        permanent: true,
                    })
                }
                _ => None,
            },
            _ => None,
        };
        match parsed {
            Some(b) => bans.push(b),
            None => errors.push(format!(
                "{file}:{}: cannot read ban '{line}' (want: pattern level all|newbies|permit); skipped",
                i + 1
            )),
        }
    }
    (bans, errors)
}

/// Read the ban file at boot: a missing file means no bans.
pub fn load(path: &Path) -> (Vec<Ban>, Vec<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, &path.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), Vec::new()),
        Err(e) => (Vec::new(), vec![format!("{}: {e}", path.display())]),
    }
}

/// Write the ban file atomically (temp file, fsync, rename).
pub fn save(path: &Path, bans: &[Ban]) -> std::io::Result<()> {
    crate::save::atomic_write(path, render(bans).as_bytes())
}

fn trust(world: &World, ch: CharId) -> i32 {
    world.ch(ch).map_or(0, |c| c.get_trust())
}

fn ban_site(world: &mut World, ch: CharId, arg: &str, permanent: bool) {
    let (name, rest) = one_argument(arg);
    let (kind, _) = one_argument(rest);
    if name.is_empty() {
        if world.bans.is_empty() {
            world.send(ch, "No sites banned at this time.\n");
            return;
        }
        let mut out = String::from("Banned sites  level  type     status\n");
        for b in &world.bans {
            out.push_str(&format!(
                "{:<12}    {:<3}  {:<7}  {}\n",
                b.pattern(),
                b.level,
                b.kind.name(),
                if b.permanent { "perm" } else { "temp" }
            ));
        }
        world.send(ch, &out);
        return;
    }
    let kind = if kind.is_empty() {
        BanKind::All
    } else {
        match BanKind::parse(&kind) {
            Some(k) => k,
            None => {
                world.send(ch, "Acceptable ban types are all, newbies, and permit.\n");
                return;
            }
        }
    };
    let (site, prefix, suffix) = parse_pattern(&name);
    if site.is_empty() {
        world.send(ch, "You have to ban SOMETHING.\n");
        return;
    }
    let me = trust(world, ch);
    if let Some(i) = world.bans.iter().position(|b| b.site == site) {
        if world.bans[i].level > me {
            world.send(ch, "That ban was set by a higher power.\n");
            return;
        }
        world.bans.remove(i);
    }
    let ban = Ban {
        site,
        prefix,
        suffix,
        level: me,
        kind,
        permanent,
    };
    world.send(ch, &format!("{} has been banned.\n", ban.site));
    world.bans.insert(0, ban);
    world.requests.push(Request::SaveBans);
}

/// `ban [site [all|newbies|permit]]`: list the bans, or ban a site until
/// the next reboot.
pub fn do_ban(world: &mut World, ch: CharId, arg: &str) {
    ban_site(world, ch, arg, false);
}

/// `permban site [type]`: a ban written to the ban file.
pub fn do_permban(world: &mut World, ch: CharId, arg: &str) {
    ban_site(world, ch, arg, true);
}

/// `allow site`: lift a ban.
pub fn do_allow(world: &mut World, ch: CharId, arg: &str) {
    let (name, _) = one_argument(arg);
    if name.is_empty() {
        world.send(ch, "Remove which site from the ban list?\n");
        return;
    }
    let (site, _, _) = parse_pattern(&name);
    let Some(i) = world.bans.iter().position(|b| b.site == site) else {
        world.send(ch, "Site is not banned.\n");
        return;
    };
    if world.bans[i].level > trust(world, ch) {
        world.send(ch, "You are not powerful enough to lift that ban.\n");
        return;
    }
    world.bans.remove(i);
    world.send(ch, &format!("Ban on {site} lifted.\n"));
    world.requests.push(Request::SaveBans);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ban(pattern: &str, kind: BanKind) -> Ban {
        let (site, prefix, suffix) = parse_pattern(pattern);
        Ban {
            site,
            prefix,
            suffix,
            level: 58,
            kind,
            permanent: true,
        }
    }

    #[test]
    fn wildcards_match_as_rom() {
        let b = ban("*.evil.org", BanKind::All);
        assert!(b.matches("host.EVIL.org") && !b.matches("evil.org.uk"));
        let b = ban("10.0.*", BanKind::All);
        assert!(b.matches("10.0.3.4") && !b.matches("110.0.3.4"));
        let b = ban("*bad*", BanKind::All);
        assert!(b.matches("a.bad.host") && !b.matches("good"));
        let b = ban("127.0.0.5", BanKind::All);
        assert!(b.matches("127.0.0.5") && !b.matches("127.0.0.50"));
        let bans = [b, ban("10.*", BanKind::Newbies)];
        assert!(check_ban(&bans, "127.0.0.5", BanKind::All));
        assert!(!check_ban(&bans, "10.1.1.1", BanKind::All));
        assert!(check_ban(&bans, "10.1.1.1", BanKind::Newbies));
    }

    #[test]
    fn the_file_round_trips_and_bad_lines_are_reported() {
        let mut bans = vec![
            ban("*.evil.org*", BanKind::Permit),
            ban("1.2.3.4", BanKind::All),
        ];
        bans.push(Ban {
            permanent: false,
            ..ban("temp.site", BanKind::All)
        });
        let text = render(&bans);
        let (back, errors) = parse(&text, "ban.txt");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, bans[..2].to_vec());
        let (back, errors) = parse(
            "1.2.3.4 58 all\nnonsense\n5.6.7.8 x all\n9.9.9.9 52 permit\n",
            "b",
        );
        assert_eq!(back.len(), 2);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("b:2: "), "{errors:?}");
        assert!(errors[1].starts_with("b:3: "), "{errors:?}");
    }
}
