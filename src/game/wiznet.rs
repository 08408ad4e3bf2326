//! Wiznet — ROM's immortal news channel: the game tells the immortals who
//! listen what happens (logins, deaths, levels, loads, snoops...), each kind
//! of event on its own flag, each flag with the lowest trust that may hear it.
//!
//! `wiznet` toggles the channel, `wiznet status` lists what one hears,
//! `wiznet show` what one may turn on, and `wiznet <flag>` toggles one kind.
//! The flags are kept in the player file (`Wizn`). A line reaches every
//! playing immortal with the channel on and the event's flag set (and not
//! the skip flag), of at least the event's level, except the actor; with
//! `prefix` set it starts with `--> `.
//!
//! Which events are hooked here: logins and logouts (`logins`, `sites`,
//! `newbies`), link loss (`links`), player deaths (`deaths`), levels gained
//! (`levels`), `load`, `restore`, `snoop`, `switch`/`return`, penalties
//! (`freeze`, `deny`, `disconnect`...), `secure` (the command log), and the
//! tick (`ticks`). Departure: `resets`, `mobdeaths`, `flags`, `saccing` and
//! `spam` exist as flags but nothing sends on them yet.

use crate::world::handler::one_argument;
use crate::world::{CharId, Flags, ObjId, World, LEVEL_IMMORTAL, MAX_LEVEL};

pub const ON: Flags = 1 << 0; // A
pub const TICKS: Flags = 1 << 1; // B
pub const LOGINS: Flags = 1 << 2; // C
pub const SITES: Flags = 1 << 3; // D
pub const LINKS: Flags = 1 << 4; // E
pub const DEATHS: Flags = 1 << 5; // F
pub const RESETS: Flags = 1 << 6; // G
pub const MOBDEATHS: Flags = 1 << 7; // H
pub const FLAGS: Flags = 1 << 8; // I
pub const PENALTIES: Flags = 1 << 9; // J
pub const SACCING: Flags = 1 << 10; // K
pub const LEVELS: Flags = 1 << 11; // L
pub const SECURE: Flags = 1 << 12; // M
pub const SWITCHES: Flags = 1 << 13; // N
pub const SNOOPS: Flags = 1 << 14; // O
pub const RESTORE: Flags = 1 << 15; // P
pub const LOAD: Flags = 1 << 16; // Q
pub const NEWBIE: Flags = 1 << 17; // R
pub const PREFIX: Flags = 1 << 18; // S
pub const SPAM: Flags = 1 << 19; // T

const IM: i32 = LEVEL_IMMORTAL;

/// ROM's wiznet table: name, bit, lowest trust.
pub const TABLE: &[(&str, Flags, i32)] = &[
    ("on", ON, IM),
    ("prefix", PREFIX, IM),
    ("ticks", TICKS, IM),
    ("logins", LOGINS, IM),
    ("sites", SITES, MAX_LEVEL - 4),
    ("links", LINKS, MAX_LEVEL - 7),
    ("newbies", NEWBIE, IM),
    ("spam", SPAM, MAX_LEVEL - 5),
    ("deaths", DEATHS, IM),
    ("resets", RESETS, MAX_LEVEL - 4),
    ("mobdeaths", MOBDEATHS, MAX_LEVEL - 4),
    ("flags", FLAGS, MAX_LEVEL - 5),
    ("penalties", PENALTIES, MAX_LEVEL - 5),
    ("saccing", SACCING, MAX_LEVEL - 5),
    ("levels", LEVELS, IM),
    ("load", LOAD, MAX_LEVEL - 2),
    ("restore", RESTORE, MAX_LEVEL - 2),
    ("snoops", SNOOPS, MAX_LEVEL - 2),
    ("switches", SWITCHES, MAX_LEVEL - 2),
    ("secure", SECURE, MAX_LEVEL - 1),
];

fn flags_of(world: &World, ch: CharId) -> Flags {
    world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .map_or(0, |p| p.wiznet)
}

/// Send `text` (an act format: `$N` is the actor, `$p` the object; nothing else is expanded) to the
/// immortals listening for `flag` (0: any) and not `skip`, of at least
/// `min_level` trust, except `actor`.
pub fn wiznet(
    world: &mut World,
    text: &str,
    actor: Option<CharId>,
    obj: Option<ObjId>,
    flag: Flags,
    skip: Flags,
    min_level: i32,
) {
    let listeners: Vec<CharId> = world
        .players
        .iter()
        .copied()
        .filter(|&p| Some(p) != actor)
        .filter(|&p| {
            world.ch(p).is_some_and(|c| {
                let w = c.pc.as_ref().map_or(0, |pc| pc.wiznet);
                c.conn.is_some()
                    && c.is_immortal()
                    && w & ON != 0
                    && (flag == 0 || w & flag != 0)
                    && (skip == 0 || w & skip == 0)
                    && c.get_trust() >= min_level
            })
        })
        .collect();
    for p in listeners {
        // `$N` and `$p` only: anything else (a logged command line) is
        // shown as it is.
        let mut line = text.to_string();
        if let Some(a) = actor {
            line = line.replace("$N", &world.pers(a, p));
        }
        if let Some(o) = obj {
            line = line.replace("$p", &world.obj_pers(o, p));
        }
        let prefix = if flags_of(world, p) & PREFIX != 0 {
            "--> "
        } else {
            ""
        };
        world.send(p, &format!("{prefix}{line}\n"));
    }
}

fn set_flags(world: &mut World, ch: CharId, f: impl FnOnce(Flags) -> Flags) {
    if let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        p.wiznet = f(p.wiznet);
    }
}

/// `wiznet [on|off|status|show|<flag>]`.
pub fn do_wiznet(world: &mut World, ch: CharId, arg: &str) {
    let (word, _) = one_argument(arg);
    let current = flags_of(world, ch);
    let trust = world.ch(ch).map_or(0, |c| c.get_trust());
    match word.as_str() {
        "" => {
            if current & ON != 0 {
                world.send(ch, "Signing off of Wiznet.\n");
                set_flags(world, ch, |w| w & !ON);
            } else {
                world.send(ch, "Welcome to Wiznet!\n");
                set_flags(world, ch, |w| w | ON);
            }
        }
        "on" => {
            world.send(ch, "Welcome to Wiznet!\n");
            set_flags(world, ch, |w| w | ON);
        }
        "off" => {
            world.send(ch, "Signing off of Wiznet.\n");
            set_flags(world, ch, |w| w & !ON);
        }
        "status" => {
            let mut names: Vec<&str> = Vec::new();
            if current & ON == 0 {
                names.push("off");
            }
            names.extend(
                TABLE
                    .iter()
                    .filter(|(_, bit, _)| current & bit != 0)
                    .map(|(n, _, _)| *n),
            );
            world.send(ch, &format!("Wiznet status:\n{}\n", names.join(" ")));
        }
        "show" => {
            let names: Vec<&str> = TABLE
                .iter()
                .filter(|(_, _, lvl)| *lvl <= trust)
                .map(|(n, _, _)| *n)
                .collect();
            world.send(
                ch,
                &format!(
                    "Wiznet options available to you are:\n{}\n",
                    names.join(" ")
                ),
            );
        }
        w => {
            let Some(&(name, bit, _)) = TABLE
                .iter()
                .find(|(n, _, lvl)| n.starts_with(w) && *lvl <= trust)
            else {
                world.send(ch, "No such option.\n");
                return;
            };
            if current & bit != 0 {
                world.send(ch, &format!("You will no longer see {name} on wiznet.\n"));
                set_flags(world, ch, |f| f & !bit);
            } else {
                world.send(ch, &format!("You will now see {name} on wiznet.\n"));
                set_flags(world, ch, |f| f | bit);
            }
        }
    }
}
