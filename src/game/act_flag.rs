//! `flag` (ROM's do_flag), `guild` and `dump`: immortal tools.
//!
//! `guild <char> <clan|none>` puts a player in one of the clans of
//! `db::tables::CLANS` (loner, an independent clan, or rom): clan members
//! may kill each other (rom-mechanics 5.5), leave lootable corpses, steal,
//! talk on `clan` and show their clan in `who`.
//!
//! `flag mob|char <name> <field> [+|-|=] <flags...>`: add (`+`), remove
//! (`-`), set exactly (`=`) or, with no sign, toggle the named flags of a
//! character's act/plr, aff, imm, res, vuln, form, parts or comm set, by
//! ROM's names. As in ROM, `act`, `form` and `parts` are for mobiles,
//! `plr` and `comm` for players, and bits that are not settable (a mobile's
//! `npc` bit) stay as they were.
//!
//! `dump` writes the counts ROM's dump gathered (prototypes and their
//! instances, characters, objects) into the server log rather than into
//! `mem.dmp` files; the prototypes with instances are listed by vnum.

use crate::db::tables::{self, FlagName};
use crate::world::handler::one_argument;
use crate::world::{comm, plr, CharId, Flags, World, ACT_IS_NPC};

/// ROM's player flag names (plr_flags), at our bits.
static PLR_NAMES: &[(&str, Flags)] = &[
    ("autoassist", plr::AUTOASSIST),
    ("autoexit", plr::AUTOEXIT),
    ("autoloot", plr::AUTOLOOT),
    ("autosac", plr::AUTOSAC),
    ("autogold", plr::AUTOGOLD),
    ("autosplit", plr::AUTOSPLIT),
    ("permit", plr::PERMIT),
    ("holylight", plr::HOLYLIGHT),
    ("can_loot", plr::CANLOOT),
    ("nosummon", plr::NOSUMMON),
    ("nofollow", plr::NOFOLLOW),
    ("log", plr::LOG),
    ("deny", plr::DENY),
    ("freeze", plr::FREEZE),
    ("thief", plr::THIEF),
    ("killer", plr::KILLER),
];

/// ROM's comm flag names (comm_flags), at our bits.
static COMM_NAMES: &[(&str, Flags)] = &[
    ("quiet", comm::QUIET),
    ("deaf", comm::DEAF),
    ("nowiz", comm::NOWIZ),
    ("noauction", comm::NOAUCTION),
    ("nogossip", comm::NOGOSSIP),
    ("noquestion", comm::NOQUESTION),
    ("nomusic", comm::NOMUSIC),
    ("noclan", comm::NOCLAN),
    ("noquote", comm::NOQUOTE),
    ("shoutsoff", comm::SHOUTSOFF),
    ("compact", comm::COMPACT),
    ("brief", comm::BRIEF),
    ("prompt", comm::PROMPT),
    ("combine", comm::COMBINE),
    ("telnet_ga", comm::TELNET_GA),
    ("show_affects", comm::SHOW_AFFECTS),
    ("nograts", comm::NOGRATS),
    ("noemote", comm::NOEMOTE),
    ("noshout", comm::NOSHOUT),
    ("notell", comm::NOTELL),
    ("nochannels", comm::NOCHANNELS),
    ("snoop_proof", comm::SNOOP_PROOF),
    ("afk", comm::AFK),
];

const SYNTAX: &str = "Syntax:\n  flag mob  <name> <field> <flags>\n  flag char <name> <field> <flags>\n  mob  flags: act,aff,off,imm,res,vuln,form,part\n  char flags: plr,comm,aff,imm,res,vuln\n  +: add flag, -: remove flag, = set equal to\n  otherwise the flags listed are toggled.\n";

/// The field a word names, for a mobile or a player.
#[derive(Clone, Copy)]
enum Field {
    Act,
    Plr,
    Aff,
    Off,
    Imm,
    Res,
    Vuln,
    Form,
    Parts,
    Comm,
}

fn names_of(field: Field) -> Vec<(&'static str, Flags)> {
    let table = |t: &'static [FlagName]| t.iter().map(|f| (f.name, f.bit)).collect();
    match field {
        Field::Act => table(tables::ACT_FLAGS),
        Field::Aff => table(tables::AFFECT_FLAGS),
        Field::Off => table(tables::OFF_FLAGS),
        Field::Imm | Field::Res | Field::Vuln => table(tables::IRV_FLAGS),
        Field::Form => table(tables::FORM_FLAGS),
        Field::Parts => table(tables::PART_FLAGS),
        Field::Plr => PLR_NAMES.to_vec(),
        Field::Comm => COMM_NAMES.to_vec(),
    }
}

pub fn do_flag(world: &mut World, ch: CharId, arg: &str) {
    let (kind, rest) = one_argument(arg);
    let (who, rest) = one_argument(rest);
    let (field_word, rest) = one_argument(rest);
    let rest = rest.trim_start();
    if kind.is_empty() || who.is_empty() || field_word.is_empty() || rest.is_empty() {
        world.send(ch, SYNTAX);
        return;
    }
    let (op, rest) = match rest.chars().next() {
        Some(c @ ('=' | '-' | '+')) => (Some(c), rest[1..].trim_start()),
        _ => (None, rest),
    };
    let is = |full: &str, w: &str| !w.is_empty() && full.starts_with(w);
    if !(is("mob", &kind) || is("char", &kind)) {
        for (k, msg) in [
            ("obj", "Use oset to change an object's flags.\n"),
            ("room", "Use rset to change a room's flags.\n"),
            ("skill", "Use sset to change a skill.\n"),
        ] {
            if is(k, &kind) {
                world.send(ch, msg);
                return;
            }
        }
        world.send(ch, SYNTAX);
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "You can't find them.\n");
        return;
    };
    let npc = world.ch(victim).is_some_and(|c| c.is_npc());
    let field = match field_word.as_str() {
        w if is("act", w) => {
            if !npc {
                world.send(ch, "Use plr for PCs.\n");
                return;
            }
            Field::Act
        }
        w if is("plr", w) => {
            if npc {
                world.send(ch, "Use act for NPCs.\n");
                return;
            }
            Field::Plr
        }
        w if is("affect", w) => Field::Aff,
        w if is("offensive", w) && npc => Field::Off,
        w if is("immunity", w) => Field::Imm,
        w if is("resist", w) => Field::Res,
        w if is("vuln", w) => Field::Vuln,
        w if is("form", w) => {
            if !npc {
                world.send(ch, "Form can't be set on PCs.\n");
                return;
            }
            Field::Form
        }
        w if is("parts", w) => {
            if !npc {
                world.send(ch, "Parts can't be set on PCs.\n");
                return;
            }
            Field::Parts
        }
        w if is("comm", w) => {
            if npc {
                world.send(ch, "Comm can't be set on NPCs.\n");
                return;
            }
            Field::Comm
        }
        _ => {
            world.send(ch, "That's not an acceptable flag.\n");
            return;
        }
    };
    let names = names_of(field);
    let mut marked: Flags = 0;
    let mut words = rest;
    loop {
        let (w, r) = one_argument(words);
        if w.is_empty() {
            break;
        }
        words = r;
        let Some(&(_, bit)) = names
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&w))
            .or_else(|| names.iter().find(|(n, _)| n.starts_with(w.as_str())))
        else {
            world.send(ch, "That flag doesn't exist!\n");
            return;
        };
        marked |= bit;
    }
    let Some(c) = world.ch_mut(victim) else {
        return;
    };
    let slot = match field {
        Field::Act | Field::Plr => &mut c.act,
        Field::Aff => &mut c.affected_by,
        Field::Off => &mut c.off,
        Field::Imm => &mut c.imm,
        Field::Res => &mut c.res,
        Field::Vuln => &mut c.vuln,
        Field::Form => &mut c.form,
        Field::Parts => &mut c.parts,
        Field::Comm => &mut c.comm,
    };
    let old = *slot;
    // The npc bit is not settable: it stays as it was.
    let locked = if matches!(field, Field::Act) {
        ACT_IS_NPC
    } else {
        0
    };
    let marked = marked & !locked;
    let new = match op {
        Some('=') => (old & locked) | marked,
        Some('+') => old | marked,
        Some('-') => old & !marked,
        _ => old ^ marked,
    };
    *slot = new;
    world.send(ch, "Ok.\n");
}

/// `guild <char> <clan|none>`: put a player in a clan (ROM's do_guild).
pub fn do_guild(world: &mut World, ch: CharId, arg: &str) {
    let (who, rest) = one_argument(arg);
    let (clan_word, _) = one_argument(rest);
    if who.is_empty() || clan_word.is_empty() {
        world.send(ch, "Syntax: guild <char> <clan name>\n");
        return;
    }
    let Some(victim) = world.get_char_world(ch, &who) else {
        world.send(ch, "They aren't playing.\n");
        return;
    };
    if "none".starts_with(clan_word.as_str()) {
        world.send(ch, "They are now clanless.\n");
        world.send(victim, "You are now a member of no clan!\n");
        if let Some(v) = world.ch_mut(victim) {
            v.clan = 0;
        }
        return;
    }
    let Some(clan) = tables::clan_lookup(&clan_word) else {
        world.send(ch, "No such clan exists.\n");
        return;
    };
    let name = tables::CLANS.get(clan).map_or("", |w| w.0);
    if tables::clan_independent(clan) {
        world.send(ch, &format!("They are now a {name}.\n"));
        world.send(victim, &format!("You are now a {name}.\n"));
    } else {
        let mut cap = name.chars();
        let title = cap
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + cap.as_str())
            .unwrap_or_default();
        world.send(ch, &format!("They are now a member of clan {title}.\n"));
        world.send(victim, &format!("You are now a member of clan {title}.\n"));
    }
    if let Some(v) = world.ch_mut(victim) {
        v.clan = clan;
    }
}

pub fn do_dump(world: &mut World, ch: CharId, _arg: &str) {
    let mobs: i32 = world.mob_index.values().map(|m| m.count).sum();
    let objs: i32 = world.obj_index.values().map(|o| o.count).sum();
    let lines = [
        format!(
            "dump: {} mobile prototypes, {mobs} instances; {} object prototypes, {objs} instances",
            world.mob_index.len(),
            world.obj_index.len()
        ),
        format!(
            "dump: {} rooms, {} areas, {} characters ({} players), {} objects, {} helps, {} socials",
            world.rooms.len(),
            world.areas.len(),
            world.chars.len(),
            world.players.len(),
            world.objs.len(),
            world.helps.len(),
            world.socials.len()
        ),
    ];
    let mut in_use: Vec<(i32, i32)> = world
        .mob_index
        .iter()
        .filter(|(_, m)| m.count > 0)
        .map(|(v, m)| (v.0, m.count))
        .collect();
    in_use.sort_unstable();
    let mut objs_in_use: Vec<(i32, i32)> = world
        .obj_index
        .iter()
        .filter(|(_, o)| o.count > 0)
        .map(|(v, o)| (v.0, o.count))
        .collect();
    objs_in_use.sort_unstable();
    for l in lines {
        world.log(l);
    }
    for chunk in in_use.chunks(20) {
        let list: Vec<String> = chunk.iter().map(|(v, n)| format!("{v}x{n}")).collect();
        world.log(format!("dump: mobiles {}", list.join(" ")));
    }
    for chunk in objs_in_use.chunks(20) {
        let list: Vec<String> = chunk.iter().map(|(v, n)| format!("{v}x{n}")).collect();
        world.log(format!("dump: objects {}", list.join(" ")));
    }
    world.send(ch, "The counts are in the server log.\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{pos, Char, PcData, RoomVnum, ACT_SENTINEL};

    fn world() -> (World, CharId, CharId, CharId) {
        let mut w = crate::game::nanny::tests::test_world();
        let room = w.rooms.keys().next().copied().unwrap_or(RoomVnum(1));
        let mk = |w: &mut World, name: &str, npc: bool| {
            let id = w.chars.insert(Char {
                name: name.into(),
                level: if npc { 5 } else { 60 },
                trust: if npc { 0 } else { 60 },
                act: if npc { ACT_IS_NPC } else { 0 },
                vnum: npc.then_some(crate::world::MobVnum(1)),
                position: pos::STANDING,
                pc: (!npc).then(|| Box::new(PcData::default())),
                conn: (!npc).then_some(crate::engine::ConnId(w.players.len() + 1)),
                ..Char::default()
            });
            if !npc {
                w.players.push(id);
            }
            w.char_to_room(id, room);
            id
        };
        let imp = mk(&mut w, "Overseer", false);
        let tess = mk(&mut w, "Tess", false);
        let rat = mk(&mut w, "rat", true);
        (w, imp, tess, rat)
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn flags_are_added_removed_set_and_toggled() {
        let (mut w, imp, tess, rat) = world();
        do_flag(&mut w, imp, "char tess plr +killer thief");
        assert_eq!(w.ch(tess).map(|c| c.act), Some(plr::KILLER | plr::THIEF));
        do_flag(&mut w, imp, "char tess plr -thief");
        assert_eq!(w.ch(tess).map(|c| c.act), Some(plr::KILLER));
        do_flag(&mut w, imp, "char tess plr killer nosummon");
        assert_eq!(w.ch(tess).map(|c| c.act), Some(plr::NOSUMMON), "toggled");
        do_flag(&mut w, imp, "char tess comm = deaf quiet");
        assert_eq!(w.ch(tess).map(|c| c.comm), Some(comm::DEAF | comm::QUIET));
        // A mobile keeps its npc bit whatever is set.
        do_flag(&mut w, imp, "mob rat act = sentinel");
        assert_eq!(w.ch(rat).map(|c| c.act), Some(ACT_IS_NPC | ACT_SENTINEL));
        out(&mut w, imp);
        do_flag(&mut w, imp, "char tess act +sentinel");
        assert!(out(&mut w, imp).contains("Use plr for PCs."));
        do_flag(&mut w, imp, "mob rat plr +killer");
        assert!(out(&mut w, imp).contains("Use act for NPCs."));
        do_flag(&mut w, imp, "char tess plr +nonsense");
        assert!(out(&mut w, imp).contains("That flag doesn't exist!"));
        do_flag(&mut w, imp, "mob nobody act +sentinel");
        assert!(out(&mut w, imp).contains("You can't find them."));
        do_flag(&mut w, imp, "");
        assert!(out(&mut w, imp).contains("Syntax:"));
    }

    #[test]
    fn guild_puts_players_in_clans() {
        let (mut w, imp, tess, _) = world();
        do_guild(&mut w, imp, "tess rom");
        assert!(out(&mut w, imp).contains("They are now a member of clan Rom."));
        assert!(out(&mut w, tess).contains("You are now a member of clan Rom."));
        assert_eq!(w.ch(tess).map(|c| c.clan), Some(2));
        do_guild(&mut w, imp, "tess loner");
        assert!(out(&mut w, tess).contains("You are now a loner."));
        do_guild(&mut w, imp, "tess bogus");
        assert!(out(&mut w, imp).contains("No such clan exists."));
        do_guild(&mut w, imp, "tess none");
        assert_eq!(w.ch(tess).map(|c| c.clan), Some(0));
        do_guild(&mut w, imp, "nobody rom");
        assert!(out(&mut w, imp).contains("They aren't playing."));
    }

    #[test]
    fn dump_logs_the_counts() {
        let (mut w, imp, _, _) = world();
        do_dump(&mut w, imp, "");
        assert!(out(&mut w, imp).contains("server log"));
        assert!(w
            .log
            .iter()
            .any(|l| l.starts_with("dump: ") && l.contains("rooms")));
    }
}
