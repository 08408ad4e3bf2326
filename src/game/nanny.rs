//! "nanny": the login and character-creation dialogue, one state machine per
//! connection.
//!
//! The questions keep ROM's wording (`By what name do you wish to be
//! known?`, `Password: `, `[Hit Return to continue]`, ...) so that client
//! autologin triggers and habits work. Passwords are checked and hashed off
//! the loop through `HashJob`s; while one is running the connection is not
//! `ready`, so no further line arrives in a half-finished state. Creation
//! skips ROM's customisation menu and weapon choice: a new character gets
//! the class's default groups.
//!
//! Nothing here touches a socket: text goes into the `Session`, and the
//! character enters the `World` only after the MOTD.

use super::act_info::{help_entry, help_text};
use super::{creation, Game, JobPurpose, Session, DEFAULT_PROMPT};
use crate::engine::{ConnId, HashJob, HashResult};
use crate::save::{self, capitalize_name, LoadedPlayer};
use crate::world::act::{ActArgs, To};
use crate::world::handler::one_argument;
use crate::world::rules::{self, exp_per_level, CLASSES, PC_RACES};
use crate::world::{
    aff, comm, item, plr, pos, wear, wear_loc, Char, CharId, ObjVnum, PcData, RoomVnum, Size,
    World, IMPLEMENTOR, ROOM_VNUM_SCHOOL, ROOM_VNUM_TEMPLE,
};

/// Where a connection is in the dialogue.
pub(crate) enum State {
    GetName,
    GetOldPassword {
        player: Box<LoadedPlayer>,
        tries: u32,
    },
    /// A Verify job is running.
    CheckOldPassword {
        player: Box<LoadedPlayer>,
        tries: u32,
    },
    /// "That character is already playing. Do you wish to connect anyway?"
    BreakConnect {
        player: Box<LoadedPlayer>,
    },
    ConfirmNewName {
        name: String,
    },
    GetNewPassword {
        name: String,
    },
    ConfirmNewPassword {
        name: String,
        first: String,
    },
    /// A Hash job is running.
    HashNewPassword {
        name: String,
    },
    GetRace {
        new: Box<Char>,
    },
    GetSex {
        new: Box<Char>,
    },
    GetClass {
        new: Box<Char>,
    },
    GetAlignment {
        new: Box<Char>,
    },
    /// "Customize (Y/N)?"
    DefaultChoice {
        new: Box<Char>,
    },
    /// The customisation menu (`creation`).
    GenGroups {
        new: Box<Char>,
        gen: Box<creation::GenData>,
    },
    /// "Please pick a weapon".
    PickWeapon {
        new: Box<Char>,
    },
    ReadMotd {
        pending: Pending,
    },
    Playing(CharId),
    /// The connection is being closed; input is ignored.
    Closing,
}

/// The character waiting behind the MOTD.
pub(crate) enum Pending {
    New(Box<Char>),
    Old(Box<LoadedPlayer>),
}

/// Wrong passwords before the connection is closed.
pub const MAX_PASSWORD_TRIES: u32 = 3;

/// Names nobody may take (ROM's list plus `none`).
const RESERVED_NAMES: [&str; 10] = [
    "all",
    "auto",
    "immortal",
    "self",
    "someone",
    "something",
    "the",
    "you",
    "loner",
    "none",
];

pub(crate) const NAME_PROMPT: &str = "By what name do you wish to be known? ";

// ----------------------------------------------------------------- tables

/// Level-1 titles per class (male/neutral, female), and the implementor's.
const FIRST_TITLES: [[&str; 2]; 4] = [
    ["Apprentice of Magic", "Apprentice of Magic"],
    ["Believer", "Believer"],
    ["Pilferer", "Pilferess"],
    ["Swordpupil", "Swordpupil"],
];

/// School objects for new characters (if the world has them).
const OBJ_VNUM_SCHOOL_MACE: ObjVnum = ObjVnum(3700);
const OBJ_VNUM_SCHOOL_DAGGER: ObjVnum = ObjVnum(3701);
const OBJ_VNUM_SCHOOL_SWORD: ObjVnum = ObjVnum(3702);
const OBJ_VNUM_SCHOOL_VEST: ObjVnum = ObjVnum(3703);
const OBJ_VNUM_SCHOOL_SHIELD: ObjVnum = ObjVnum(3704);
const OBJ_VNUM_SCHOOL_BANNER: ObjVnum = ObjVnum(3716);
/// The town map every new character carries (ROM's map of Midgaard; the
/// bundled world's map of Wrenford).
const OBJ_VNUM_MAP: ObjVnum = ObjVnum(3162);

/// Immortals without a saved room start in the immortals' chat room.
const ROOM_VNUM_CHAT: RoomVnum = RoomVnum(1200);

// ------------------------------------------------------------------ names

/// ROM's `check_parse_name` for a new name: letters only, 2..=12 long, not a
/// reserved word, not the keyword of any mobile in the world.
pub fn check_parse_name(world: &World, name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if RESERVED_NAMES.contains(&lower.as_str()) {
        return false;
    }
    if !(2..=12).contains(&name.len()) || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    !world.mob_index.values().any(|m| {
        m.proto
            .keywords
            .split_whitespace()
            .any(|k| k.eq_ignore_ascii_case(&lower))
    })
}

// -------------------------------------------------------------- dialogue

/// The greeting: the `GREETING` help if the world has one, then the name
/// question (unless the greeting already asks it).
pub(crate) fn greet(world: &World, s: &mut Session) {
    match help_entry(world, "greeting", 0) {
        Some(text) => {
            s.send(&text);
            if !text.to_ascii_lowercase().contains("wish to be known?") {
                if !text.ends_with('\n') {
                    s.send("\n");
                }
                s.send(NAME_PROMPT);
            }
        }
        None => {
            s.send("\nWelcome to GraceMUD, a ROM-style world.\n\n");
            s.send(NAME_PROMPT);
        }
    }
}

fn race_menu() -> String {
    let names: Vec<&str> = PC_RACES.iter().map(|r| r.name).collect();
    format!(
        "The following races are available:\n  {}\n",
        names.join(" ")
    )
}

const RACE_PROMPT: &str = "What is your race (help for more information)? ";
const CLASS_PROMPT: &str = "Select a class [mage cleric thief warrior]: ";
const ALIGN_PROMPT: &str = "You may be good, neutral, or evil.\nWhich alignment (G/N/E)? ";

/// The customisation menu's prompt, on a line of its own.
fn menu_choice(s: &mut Session) {
    if !s.out.ends_with('\n') && !s.out.is_empty() {
        s.send("\n");
    }
    s.send(creation::MENU_PROMPT);
}

fn close(s: &mut Session) {
    s.close = true;
    s.state = State::Closing;
}

fn yes_no(line: &str) -> Option<bool> {
    match line.trim().chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('y') => Some(true),
        Some('n') => Some(false),
        _ => None,
    }
}

/// One line typed by a connection that is not playing yet.
pub(crate) fn input(game: &mut Game, conn: ConnId, s: &mut Session, line: &str) {
    let state = std::mem::replace(&mut s.state, State::Closing);
    s.state = match state {
        State::GetName => get_name(game, s, line),
        State::GetOldPassword { player, tries } => {
            s.send("\n");
            let hash = player
                .ch
                .pc
                .as_ref()
                .map(|p| p.password_hash.clone())
                .unwrap_or_default();
            // Checked when the throttle lets it: at once, unless this
            // account or address has been guessing wrong.
            s.gated_job(
                HashJob::Verify {
                    password: line.to_string(),
                    hash,
                },
                JobPurpose::LoginVerify,
                Some(player.ch.name.to_ascii_lowercase()),
            );
            State::CheckOldPassword { player, tries }
        }
        st @ (State::CheckOldPassword { .. } | State::HashNewPassword { .. }) => st,
        State::BreakConnect { player } => match yes_no(line) {
            Some(true) => {
                let name = player.ch.name.clone();
                match game.world.find_player_by_name(&name) {
                    Some(ch) => {
                        take_over(game, conn, s, ch);
                        State::Playing(ch)
                    }
                    // They left meanwhile: a normal login.
                    None => show_motd(game, s, Pending::Old(player)),
                }
            }
            Some(false) => {
                s.send("Name: ");
                State::GetName
            }
            None => {
                s.send("Please type Y or N: ");
                State::BreakConnect { player }
            }
        },
        State::ConfirmNewName { name } => match yes_no(line) {
            Some(true) => {
                s.send(&format!("New character.\nGive me a password for {name}: "));
                s.echo = Some(false);
                State::GetNewPassword { name }
            }
            Some(false) => {
                s.send("Ok, what IS it, then? ");
                State::GetName
            }
            None => {
                s.send("Please type Yes or No? ");
                State::ConfirmNewName { name }
            }
        },
        State::GetNewPassword { name } => {
            s.send("\n");
            if line.chars().count() < 5 {
                s.send("Password must be at least five characters long.\nPassword: ");
                State::GetNewPassword { name }
            } else {
                s.send("Please retype password: ");
                State::ConfirmNewPassword {
                    name,
                    first: line.to_string(),
                }
            }
        }
        State::ConfirmNewPassword { name, first } => {
            s.send("\n");
            if line != first {
                s.send("Passwords don't match.\nRetype password: ");
                State::GetNewPassword { name }
            } else {
                s.echo = Some(true);
                s.gated_job(
                    HashJob::Hash { password: first },
                    JobPurpose::NewCharHash,
                    None,
                );
                State::HashNewPassword { name }
            }
        }
        State::GetRace { new } => get_race(game, s, new, line),
        State::GetSex { mut new } => {
            match line.trim().chars().next().map(|c| c.to_ascii_lowercase()) {
                Some(c @ ('m' | 'f')) => {
                    new.sex = if c == 'm' { 1 } else { 2 };
                    if let Some(pc) = new.pc.as_mut() {
                        pc.true_sex = new.sex;
                    }
                    s.send(CLASS_PROMPT);
                    State::GetClass { new }
                }
                _ => {
                    s.send("That's not a sex.\nWhat IS your sex? ");
                    State::GetSex { new }
                }
            }
        }
        State::GetClass { mut new } => {
            let arg = line.trim().to_ascii_lowercase();
            match rules::class_lookup(&arg) {
                Some(class) => {
                    new.class = class as i32;
                    s.send(ALIGN_PROMPT);
                    State::GetAlignment { new }
                }
                None => {
                    s.send("That's not a class.\nWhat IS your class? ");
                    State::GetClass { new }
                }
            }
        }
        State::GetAlignment { mut new } => {
            let align = match line.trim().chars().next().map(|c| c.to_ascii_lowercase()) {
                Some('g') => Some(750),
                Some('n') => Some(0),
                Some('e') => Some(-750),
                _ => None,
            };
            match align {
                Some(a) => {
                    new.alignment = a;
                    creation::begin(&mut new);
                    s.send("\n");
                    s.send(creation::CUSTOMIZE_PROMPT);
                    State::DefaultChoice { new }
                }
                None => {
                    s.send("That's not a valid alignment.\nWhich alignment (G/N/E)? ");
                    State::GetAlignment { new }
                }
            }
        }
        State::DefaultChoice { mut new } => match yes_no(line) {
            Some(false) => {
                creation::add_default(&mut new);
                s.send("\n");
                s.send(&creation::weapon_prompt(&new));
                State::PickWeapon { new }
            }
            Some(true) => {
                let gen = Box::new(creation::start(&new));
                if let Some(t) = help_text(&game.world, "group header", 0) {
                    s.send(&t);
                }
                s.send(&creation::list_costs(&new, &gen));
                s.send("You already have the following skills:\n");
                s.send(&creation::known_list(&new));
                menu_choice(s);
                State::GenGroups { new, gen }
            }
            None => {
                s.send("Please answer (Y/N)? ");
                State::DefaultChoice { new }
            }
        },
        State::GenGroups { mut new, mut gen } => match creation::parse(&mut new, &mut gen, line) {
            creation::Menu::Done(t) => {
                s.send(&t);
                s.send("\n");
                s.send(&creation::weapon_prompt(&new));
                State::PickWeapon { new }
            }
            creation::Menu::Stay(t) => {
                s.send(&t);
                menu_choice(s);
                State::GenGroups { new, gen }
            }
            creation::Menu::Help(topic) => {
                match help_text(&game.world, &topic, 0) {
                    Some(t) => s.send(&t),
                    None => match creation::fallback_help(&topic) {
                        Some(t) => s.send(t),
                        None => s.send("No help on that word.\n"),
                    },
                }
                menu_choice(s);
                State::GenGroups { new, gen }
            }
        },
        State::PickWeapon { mut new } => {
            if creation::pick_weapon(&mut new, line) {
                finish_creation(&mut new);
                log::info!("{}@{} new player.", new.name, s.peer);
                s.send("\n");
                show_motd(game, s, Pending::New(new))
            } else {
                s.send("That's not a valid selection. Choices are:\n");
                s.send(&creation::weapon_choices(&new).join(" "));
                s.send("\nYour choice? ");
                State::PickWeapon { new }
            }
        }
        State::ReadMotd { pending } => enter_game(game, conn, s, pending),
        State::Playing(ch) => State::Playing(ch),
        State::Closing => State::Closing,
    };
}

fn get_name(game: &mut Game, s: &mut Session, line: &str) -> State {
    let arg = line.trim();
    if arg.is_empty() {
        close(s);
        return State::Closing;
    }
    if !save::valid_file_name(arg) {
        s.send("Illegal name, try another.\nName: ");
        return State::GetName;
    }
    let name = capitalize_name(arg);
    // A file handed to the writer must be on disk before we read it.
    game.flush_saves();
    match save::load_player(&game.cfg.player_dir, &name) {
        Err(e) => {
            log::error!("cannot read player file: {e}");
            s.send("Sorry, that character's file cannot be read right now. Please tell the immortals.\n");
            close(s);
            State::Closing
        }
        Ok(Some(player)) => {
            for w in &player.warnings {
                log::warn!("{w}");
            }
            if player.ch.act & plr::DENY != 0 {
                log::info!("Denying access to {name}@{}.", s.peer);
                s.send("You are denied access.\n");
                close(s);
                return State::Closing;
            }
            if super::ban::check_ban(&game.world.bans, &s.addr, super::ban::BanKind::Permit)
                && player.ch.act & plr::PERMIT == 0
            {
                s.send("Your site has been banned from this mud.\n");
                close(s);
                return State::Closing;
            }
            if game.world.wizlock && !player.ch.is_immortal() {
                s.send("The game is wizlocked.\n");
                close(s);
                return State::Closing;
            }
            s.send("Password: ");
            s.echo = Some(false);
            State::GetOldPassword {
                player: Box::new(player),
                tries: 0,
            }
        }
        Ok(None) => {
            if !check_parse_name(&game.world, arg) {
                s.send("Illegal name, try another.\nName: ");
                return State::GetName;
            }
            if game.world.wizlock {
                s.send("The game is wizlocked.\n");
                close(s);
                return State::Closing;
            }
            if game.world.newlock {
                s.send("The game is newlocked.\n");
                close(s);
                return State::Closing;
            }
            if super::ban::check_ban(&game.world.bans, &s.addr, super::ban::BanKind::Newbies) {
                s.send("New players are not allowed from your site.\n");
                close(s);
                return State::Closing;
            }
            s.send(&format!("Did I get that right, {name} (Y/N)? "));
            State::ConfirmNewName { name }
        }
    }
}

fn get_race(game: &mut Game, s: &mut Session, mut new: Box<Char>, line: &str) -> State {
    let arg = line.trim().to_ascii_lowercase();
    let (word, topic) = one_argument(&arg);
    if word == "help" {
        let topic = if topic.is_empty() { "race help" } else { topic };
        match help_text(&game.world, topic, 0) {
            Some(t) => s.send(&t),
            None => s.send("No help on that word.\n"),
        }
        if !s.out.ends_with('\n') {
            s.send("\n");
        }
        s.send(RACE_PROMPT);
        return State::GetRace { new };
    }
    match rules::pc_race_lookup(&arg) {
        Some(info) => {
            new.race = info.race;
            new.perm_stat = info.stats;
            new.affected_by = 0;
            save::apply_race(&mut new);
            if let Some(pc) = new.pc.as_mut() {
                pc.points = info.points;
            }
            s.send("What is your sex (M/F)? ");
            State::GetSex { new }
        }
        None => {
            s.send("That is not a valid race.\n");
            s.send(&race_menu());
            s.send(RACE_PROMPT);
            State::GetRace { new }
        }
    }
}

/// A password job came back for a connection in the dialogue.
pub(crate) fn hash_done(
    game: &mut Game,
    conn: ConnId,
    s: &mut Session,
    purpose: JobPurpose,
    result: HashResult,
) {
    let state = std::mem::replace(&mut s.state, State::Closing);
    s.state = match (state, purpose, result) {
        (
            State::CheckOldPassword { player, tries },
            JobPurpose::LoginVerify,
            HashResult::Verified(ok),
        ) => {
            let account = player.ch.name.to_ascii_lowercase();
            if !ok {
                let tries = tries + 1;
                let now = game.now_ms();
                let f = game.throttle.failure(&s.addr, &account, now);
                log::warn!(
                    "login failure: name={} addr={} failures(account)={} failures(addr)={} delay={}",
                    player.ch.name,
                    s.addr,
                    f.account_failures,
                    f.addr_failures,
                    seconds(f.delay_ms)
                );
                s.send("Wrong password.\n");
                if tries >= MAX_PASSWORD_TRIES {
                    close(s);
                    State::Closing
                } else {
                    s.send("Password: ");
                    State::GetOldPassword { player, tries }
                }
            } else {
                game.throttle.success(&s.addr, &account);
                s.echo = Some(true);
                password_ok(game, conn, s, player)
            }
        }
        (
            State::HashNewPassword { name },
            JobPurpose::NewCharHash,
            HashResult::Hashed(Ok(hash)),
        ) => {
            let new = Box::new(blank_character(&name, hash));
            s.send(&race_menu());
            s.send(RACE_PROMPT);
            State::GetRace { new }
        }
        (State::HashNewPassword { name }, _, _) => {
            log::error!("password hashing failed for new player {name}");
            s.send("Sorry, something went wrong storing your password. Please try again later.\n");
            close(s);
            State::Closing
        }
        (state, _, _) => state,
    };
}

/// Milliseconds as the log shows them: `2s`, `0.25s`.
fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.2}s", ms as f64 / 1000.0)
    }
}

/// After a correct password: reconnect, ask about the other link, or MOTD.
fn password_ok(game: &mut Game, conn: ConnId, s: &mut Session, player: Box<LoadedPlayer>) -> State {
    let name = player.ch.name.clone();
    match game.world.find_player_by_name(&name) {
        Some(ch) if game.world.ch(ch).is_some_and(|c| c.conn.is_none()) => {
            take_over(game, conn, s, ch);
            State::Playing(ch)
        }
        Some(_) => {
            s.send("That character is already playing.\nDo you wish to connect anyway (Y/N)?");
            State::BreakConnect { player }
        }
        None => match reread(game, s, &player, 0) {
            Ok(fresh) => show_motd(game, s, Pending::Old(fresh)),
            Err(state) => state,
        },
    }
}

fn password_hash(p: &LoadedPlayer) -> &str {
    p.ch.pc.as_ref().map_or("", |pc| pc.password_hash.as_str())
}

/// Read a player's file again at the moment it is used. The copy read at
/// the name prompt may be stale: the character may have played, saved,
/// given things away and quit on another connection meanwhile, and using
/// the old copy would bring those things back. If the password changed
/// meanwhile, the new one is asked for.
fn reread(
    game: &mut Game,
    s: &mut Session,
    before: &LoadedPlayer,
    tries: u32,
) -> Result<Box<LoadedPlayer>, State> {
    let name = before.ch.name.clone();
    game.flush_saves();
    match save::load_player(&game.cfg.player_dir, &name) {
        Ok(Some(fresh)) => {
            if password_hash(&fresh) != password_hash(before) {
                log::info!("{name}@{}: password changed during the login.", s.peer);
                s.send("Your password has changed meanwhile.\nPassword: ");
                s.echo = Some(false);
                return Err(State::GetOldPassword {
                    player: Box::new(fresh),
                    tries,
                });
            }
            Ok(Box::new(fresh))
        }
        Ok(None) => {
            s.send("That character no longer exists.\n");
            close(s);
            Err(State::Closing)
        }
        Err(e) => {
            log::error!("cannot read player file: {e}");
            s.send("Sorry, that character's file cannot be read right now. Please tell the immortals.\n");
            close(s);
            Err(State::Closing)
        }
    }
}

/// Attach this connection to a character already in the game, closing any
/// other link that plays it.
fn take_over(game: &mut Game, conn: ConnId, s: &mut Session, ch: CharId) {
    // An immortal switched into a mobile: the old link drives the mobile;
    // it is closed, and the body comes back for the new one.
    let switched: Vec<CharId> = game
        .world
        .chars
        .iter()
        .filter(|(_, c)| c.original == Some(ch))
        .map(|(id, _)| id)
        .collect();
    for mob in switched {
        if let Some(old) = game.world.ch(mob).and_then(|c| c.conn) {
            if let Some(o) = game.session_mut(old) {
                o.send("This character has been taken over by a new connection. Goodbye.\n");
                o.close = true;
                o.state = State::Closing;
            }
            game.mark_dirty(old);
        }
        game.world.return_to_body(mob);
    }
    for other in game.conns_playing(ch, conn) {
        if let Some(o) = game.session_mut(other) {
            o.send("This character has been taken over by a new connection. Goodbye.\n");
            o.close = true;
            o.state = State::Closing;
        }
        game.mark_dirty(other);
    }
    let world = &mut game.world;
    let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
    if let Some(c) = world.ch_mut(ch) {
        c.conn = Some(conn);
        c.timer = 0;
        c.output.clear();
    }
    world.send(ch, "Reconnecting.\n");
    world.act("$n has reconnected.", ch, ActArgs::default(), To::Room);
    super::wiznet::wiznet(
        world,
        "$N has reconnected.",
        Some(ch),
        None,
        super::wiznet::LINKS,
        0,
        0,
    );
    log::info!("{name}@{} reconnected.", s.peer);
}

/// Show the MOTD (and the IMOTD to immortals) and wait for Return.
fn show_motd(game: &Game, s: &mut Session, pending: Pending) -> State {
    let immortal = match &pending {
        Pending::New(c) => c.is_immortal(),
        Pending::Old(p) => p.ch.is_immortal(),
    };
    if immortal {
        if let Some(t) = help_entry(&game.world, "imotd", IMPLEMENTOR) {
            s.send(&t);
        }
    }
    if let Some(t) = help_entry(&game.world, "motd", 0) {
        s.send(&t);
    }
    if !s.out.contains("[Hit Return to continue]") {
        if !s.out.ends_with('\n') {
            s.send("\n");
        }
        s.send("[Hit Return to continue]\n");
    }
    State::ReadMotd { pending }
}

/// A fresh level-0 player with a name and password hash.
fn blank_character(name: &str, hash: String) -> Char {
    Char {
        name: name.to_string(),
        pc: Some(Box::new(PcData {
            password_hash: hash,
            prompt: DEFAULT_PROMPT.to_string(),
            ..Default::default()
        })),
        race: 1,
        perm_stat: [13; 5],
        size: Size::Medium,
        position: pos::STANDING,
        default_pos: pos::STANDING,
        comm: comm::COMBINE | comm::PROMPT,
        // ROM sets only `nosummon`; the exits line stays on for new
        // players as it was before `autoexit` existed (rom-mechanics is
        // silent on it).
        act: plr::NOSUMMON | plr::AUTOEXIT,
        armor: [100; 4],
        form: crate::db::tables::letters("AHIV"),
        parts: (0..11).fold(0, |acc, b| acc | (1 << b)),
        ..Default::default()
    }
}

/// Everything ROM sets on a new character's first entry (rom-mechanics 2.5).
fn finish_creation(c: &mut Char) {
    let class = c.class.clamp(0, 3) as usize;
    let info = &CLASSES[class];
    c.perm_stat[info.prime_stat] += 3;
    c.level = 1;
    (c.hit, c.max_hit, c.mana, c.max_mana, c.mv, c.max_mv) = (20, 20, 100, 100, 100, 100);
    let female = usize::from(c.sex == 2);
    if let Some(pc) = c.pc.as_mut() {
        pc.perm_hit = 20;
        pc.perm_mana = 100;
        pc.perm_move = 100;
        pc.practice = 5;
        pc.train = 3;
        pc.condition = [0, 48, 48, 48];
        pc.title = format!(" the {}", FIRST_TITLES[class][female]);
    }
    c.exp = exp_per_level(c);
}

/// Give a character the school kit that exists in this world, for each
/// slot it has nothing in (a new character; `outfit` at low levels).
pub(crate) fn outfit(world: &mut World, ch: CharId) {
    let class = world.ch(ch).map_or(3, |c| c.class.clamp(0, 3) as usize);
    let weapon = [
        OBJ_VNUM_SCHOOL_DAGGER,
        OBJ_VNUM_SCHOOL_MACE,
        OBJ_VNUM_SCHOOL_DAGGER,
        OBJ_VNUM_SCHOOL_SWORD,
    ][class];
    let kit = [
        (OBJ_VNUM_SCHOOL_BANNER, wear_loc::LIGHT),
        (OBJ_VNUM_SCHOOL_VEST, wear_loc::BODY),
        (weapon, wear_loc::WIELD),
        (OBJ_VNUM_SCHOOL_SHIELD, wear_loc::SHIELD),
    ];
    for (vnum, loc) in kit {
        if world.get_eq_char(ch, loc).is_some() {
            continue;
        }
        let Some(o) = world.create_object(vnum, 0) else {
            continue;
        };
        let fits = world.obj_mut(o).is_some_and(|obj| {
            obj.cost = 0;
            match loc {
                wear_loc::LIGHT => obj.item_type == item::LIGHT,
                wear_loc::BODY => obj.wear_flags & wear::BODY != 0,
                wear_loc::WIELD => obj.wear_flags & wear::WIELD != 0,
                wear_loc::SHIELD => obj.wear_flags & wear::SHIELD != 0,
                _ => false,
            }
        });
        world.obj_to_char(o, ch);
        if fits {
            world.equip_char(ch, o, loc);
        }
    }
}

/// Put a character that is in the arena into its room and the player list,
/// attached to `conn`.
pub(crate) fn place_in_world(world: &mut World, ch: CharId, conn: ConnId) {
    let Some(c) = world.ch_mut(ch) else { return };
    c.conn = Some(conn);
    c.timer = 0;
    let immortal = c.is_immortal();
    let saved = c.pc.as_mut().and_then(|p| {
        p.last_logon = save::now_secs();
        p.saved_room.take()
    });
    let room = saved.unwrap_or(if immortal && world.rooms.contains_key(&ROOM_VNUM_CHAT) {
        ROOM_VNUM_CHAT
    } else {
        ROOM_VNUM_TEMPLE
    });
    if !world.players.contains(&ch) {
        world.players.push(ch);
    }
    world.char_to_room(ch, room);
    // A pet from the player file comes in beside its owner.
    let pet = world
        .ch(ch)
        .and_then(|c| c.pet)
        .filter(|&p| world.ch(p).is_some_and(|p| p.room.is_none()));
    if let Some(pet) = pet {
        world.char_to_room(pet, room);
        world.act(
            "$n has entered the game.",
            pet,
            ActArgs::default(),
            To::Room,
        );
    }
}

/// Return after the MOTD: into the game.
fn enter_game(game: &mut Game, conn: ConnId, s: &mut Session, pending: Pending) -> State {
    s.send("\nWelcome to GraceMUD. Please do not feed the mobiles.\n");
    let (ch, is_new) = match pending {
        Pending::New(mut new) => {
            game.flush_saves();
            let taken = match save::player_exists(&game.cfg.player_dir, &new.name) {
                Ok(on_disk) => on_disk || game.world.find_player_by_name(&new.name).is_some(),
                Err(e) => {
                    log::error!("cannot check for player file {}: {e}", new.name);
                    s.send(
                        "Sorry, characters cannot be created right now. Please try again later.\n",
                    );
                    close(s);
                    return State::Closing;
                }
            };
            if taken {
                s.send("Someone took that name while you were creating your character. Sorry!\n");
                close(s);
                return State::Closing;
            }
            // Decided from what the game knows, not from a directory read
            // now: a read that fails (out of descriptors) must never look
            // like an empty player directory.
            if std::mem::take(&mut game.first_player_open) {
                new.level = IMPLEMENTOR;
                new.trust = IMPLEMENTOR;
                if let Some(pc) = new.pc.as_mut() {
                    pc.title = " the Implementor".to_string();
                    // The owner may build anywhere (OLC security 9) and
                    // hand security on with `set char <name> security`.
                    pc.security = 9;
                }
                log::info!(
                    "{} is the first character here: made implementor (level {IMPLEMENTOR}).",
                    new.name
                );
                s.send("You are the first player here: you have been made the implementor.\n");
            }
            // Its creator's address is trusted for it (see `throttle`).
            game.throttle
                .success(&s.addr, &new.name.to_ascii_lowercase());
            let id = game.new_player_id();
            let room = if game.world.rooms.contains_key(&ROOM_VNUM_SCHOOL) {
                ROOM_VNUM_SCHOOL
            } else {
                ROOM_VNUM_TEMPLE
            };
            if let Some(pc) = new.pc.as_mut() {
                pc.id = id;
                pc.saved_room = Some(room);
            }
            let ch = game.world.chars.insert(*new);
            outfit(&mut game.world, ch);
            if let Some(map) = game.world.create_object(OBJ_VNUM_MAP, 0) {
                game.world.obj_to_char(map, ch);
            }
            (ch, true)
        }
        Pending::Old(player) => {
            let name = player.ch.name.clone();
            if let Some(ch) = game.world.find_player_by_name(&name) {
                // Logged in elsewhere while this one read the MOTD.
                take_over(game, conn, s, ch);
                return State::Playing(ch);
            }
            // The file as it is now, not as it was at the name prompt.
            let mut player = match reread(game, s, &player, 0) {
                Ok(p) => p,
                Err(state) => return state,
            };
            let away = save::now_secs() - player.last_logoff;
            let pet = player.pet.take();
            let (ch, mut warnings) = save::load_into_world(&mut game.world, *player);
            if let Some(pet) = pet {
                warnings.extend(save::load_pet(&mut game.world, ch, pet).1);
            }
            for w in warnings {
                log::warn!("{w}");
            }
            recover_while_away(&mut game.world, ch, away);
            (ch, false)
        }
    };
    place_in_world(&mut game.world, ch, conn);
    let name = game
        .world
        .ch(ch)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    game.world
        .act("$n has entered the game.", ch, ActArgs::default(), To::Room);
    super::act_info::do_look(&mut game.world, ch, "auto");
    super::notes::do_unread(&mut game.world, ch, "");
    log::info!("{name}@{} has connected.", s.peer);
    let trust = game.world.ch(ch).map_or(0, |c| c.get_trust());
    let w = &mut game.world;
    super::wiznet::wiznet(
        w,
        "$N has left real life behind.",
        Some(ch),
        None,
        super::wiznet::LOGINS,
        super::wiznet::SITES,
        trust,
    );
    let site = format!("$N@{} has connected.", s.addr);
    super::wiznet::wiznet(
        w,
        &site,
        Some(ch),
        None,
        super::wiznet::SITES,
        0,
        trust.max(super::interp::L4),
    );
    if is_new {
        super::wiznet::wiznet(
            w,
            "Newbie alert!  $N sighted.",
            Some(ch),
            None,
            super::wiznet::NEWBIE,
            0,
            0,
        );
        game.save_char(ch);
    }
    State::Playing(ch)
}

/// Hit, mana and move come back 25 % per two real hours away (ROM).
fn recover_while_away(world: &mut World, ch: CharId, away_secs: i64) {
    let Some(c) = world.ch_mut(ch) else { return };
    if away_secs <= 0 || c.is_affected(aff::POISON) {
        return;
    }
    let pct = (away_secs * 25 / 7200).clamp(0, 100) as i32;
    c.hit += (c.max_hit - c.hit).max(0) * pct / 100;
    c.mana += (c.max_mana - c.mana).max(0) * pct / 100;
    c.mv += (c.max_mv - c.mv).max(0) * pct / 100;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::{Engine, Outbound};
    use crate::game::Config;
    use crate::world::{AreaId, AreaProto, Help, MobProto, MobVnum, ObjProto, Protos, RoomProto};
    use std::path::PathBuf;

    pub(crate) fn test_world() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 9999,
            ..Default::default()
        });
        for v in [2, 3001, 3700] {
            p.rooms.insert(
                RoomVnum(v),
                RoomProto {
                    vnum: RoomVnum(v),
                    area: AreaId(0),
                    name: format!("Room {v}"),
                    heal_rate: 100,
                    mana_rate: 100,
                    ..Default::default()
                },
            );
        }
        let obj = |v: i32, kw: &str, item_type: i32, wear_flags: u64| ObjProto {
            vnum: ObjVnum(v),
            keywords: kw.into(),
            short_descr: format!("a {kw}"),
            long_descr: format!("A {kw} lies here."),
            item_type,
            wear_flags,
            cost: 10,
            condition: 100,
            ..Default::default()
        };
        p.objs.insert(
            ObjVnum(3703),
            obj(3703, "vest", item::ARMOR, wear::TAKE | wear::BODY),
        );
        p.objs.insert(
            ObjVnum(3701),
            obj(3701, "dagger", item::WEAPON, wear::TAKE | wear::WIELD),
        );
        p.objs.insert(
            ObjVnum(3702),
            obj(3702, "sword", item::WEAPON, wear::TAKE | wear::WIELD),
        );
        p.mobs.insert(
            MobVnum(3000),
            MobProto {
                vnum: MobVnum(3000),
                keywords: "guard cityguard".into(),
                ..Default::default()
            },
        );
        p.helps.push(Help {
            level: 0,
            keywords: "MOTD".into(),
            text: "Be nice.\n".into(),
            area: None,
        });
        World::new(p, 1)
    }

    pub(crate) fn temp_dir(tag: &str) -> PathBuf {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let d =
            std::env::temp_dir().join(format!("gracemud-nanny-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::create_dir_all(&d);
        d
    }

    struct Fixture {
        game: Game,
        dir: PathBuf,
    }
    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn fixture(tag: &str) -> Fixture {
        let dir = temp_dir(tag);
        let cfg = Config {
            area_dir: PathBuf::new(),
            player_dir: dir.clone(),
            seed: 1,
            ..Default::default()
        };
        Fixture {
            game: Game::from_world(test_world(), cfg).expect("temp player dir"),
            dir,
        }
    }

    /// Take output, running password jobs inline, until nothing is queued.
    fn drain(game: &mut Game, conn: ConnId) -> (String, Vec<Outbound>) {
        let mut text = String::new();
        let mut all = Vec::new();
        loop {
            let out = game.take_output(conn);
            text.push_str(&out.text);
            if let Some(p) = &out.prompt {
                text.push_str(p);
            }
            let jobs = out.hash_jobs.clone();
            all.push(out);
            if jobs.is_empty() {
                break;
            }
            for j in jobs {
                assert!(!game.ready(conn), "ready while a password job runs");
                let r = crate::net::hash::run_job(&j);
                game.hash_done(conn, r);
            }
        }
        (text, all)
    }

    fn say(game: &mut Game, conn: ConnId, line: &str) -> String {
        game.input(conn, line);
        drain(game, conn).0
    }

    fn create(game: &mut Game, conn: ConnId, name: &str, pw: &str) -> String {
        game.connected(conn, "test");
        let mut all = drain(game, conn).0;
        for line in [
            name, "y", pw, pw, "human", "m", "warrior", "n", "n", "sword", "",
        ] {
            all.push_str(&say(game, conn, line));
        }
        all
    }

    #[test]
    fn new_character_dialogue_with_rom_prompts() {
        let mut f = fixture("new");
        let g = &mut f.game;
        let c = ConnId(1);
        g.connected(c, "127.0.0.1");
        assert!(drain(g, c)
            .0
            .contains("By what name do you wish to be known? "));
        assert!(say(g, c, "bob").contains("Did I get that right, Bob (Y/N)? "));
        g.input(c, "y");
        let (t, outs) = drain(g, c);
        assert!(t.contains("Give me a password for Bob: "));
        assert_eq!(outs[0].echo, Some(false));
        assert!(say(g, c, "abc").contains("Password must be at least five characters long."));
        assert!(say(g, c, "secret1").contains("Please retype password: "));
        assert!(say(g, c, "secret2").contains("Passwords don't match.\nRetype password: "));
        say(g, c, "secret1");
        g.input(c, "secret1");
        let (t, outs) = drain(g, c);
        assert!(
            outs.iter().any(|o| o.echo == Some(true)),
            "echo never turned back on"
        );
        assert!(
            t.contains("The following races are available:\n  human elf dwarf giant"),
            "{t}"
        );
        assert!(say(g, c, "orc").contains("That is not a valid race."));
        assert!(say(g, c, "el").contains("What is your sex (M/F)? "));
        assert!(say(g, c, "x").contains("That's not a sex."));
        assert!(say(g, c, "f").contains("Select a class [mage cleric thief warrior]: "));
        assert!(say(g, c, "th").contains("Which alignment (G/N/E)? "));
        assert!(say(g, c, "g").contains("Customize (Y/N)? "));
        let t = say(g, c, "n");
        assert!(
            t.contains("choices:\nsword mace dagger\nYour choice? "),
            "{t}"
        );
        assert!(say(g, c, "axe").contains("That's not a valid selection."));
        let t = say(g, c, "sw");
        assert!(
            t.contains("Be nice.") && t.contains("[Hit Return to continue]"),
            "{t}"
        );
        let t = say(g, c, "");
        assert!(t.contains("Welcome to GraceMUD"), "{t}");
        assert!(t.contains("implementor"), "{t}");
        let ch = g.char_of(c).unwrap_or_else(|| panic!("not playing"));
        let bob = g.world.ch(ch).cloned().unwrap_or_default();
        assert_eq!(
            (
                bob.level,
                bob.trust,
                bob.race,
                bob.sex,
                bob.class,
                bob.alignment
            ),
            (60, 60, 2, 2, 2, 750)
        );
        assert_eq!(bob.room, Some(ROOM_VNUM_SCHOOL));
        // Elf: dex 15 + 3 for the thief's prime stat.
        assert_eq!(bob.perm_stat, [12, 14, 13, 18, 11]);
        let pc = bob.pc.as_deref().cloned().unwrap_or_default();
        assert!(
            pc.password_hash.starts_with("$argon2"),
            "{}",
            pc.password_hash
        );
        assert_eq!((pc.practice, pc.train, pc.id), (5, 3, 1));
        assert_eq!(bob.comm & comm::PROMPT, comm::PROMPT);
        // Thief: vest on the body, dagger wielded.
        let worn: Vec<(i32, i32)> = bob
            .carrying
            .iter()
            .filter_map(|&o| g.world.obj(o).map(|o| (o.vnum.0, o.wear_loc)))
            .collect();
        assert!(
            worn.contains(&(3703, wear_loc::BODY)) && worn.contains(&(3701, wear_loc::WIELD)),
            "{worn:?}"
        );
        g.flush_saves();
        assert!(f.dir.join("Bob").is_file(), "new character not saved");
        // The file never holds the password.
        let file = std::fs::read_to_string(f.dir.join("Bob")).unwrap_or_default();
        assert!(!file.contains("secret1"));

        // A second character is an ordinary level-1 mortal with the next id.
        let t = create(g, ConnId(2), "Carol", "hunter22");
        assert!(!t.contains("implementor"), "{t}");
        let carol = g
            .char_of(ConnId(2))
            .and_then(|ch| g.world.ch(ch))
            .cloned()
            .unwrap_or_default();
        assert_eq!((carol.level, carol.trust, carol.player_id()), (1, 0, 2));
        assert_eq!(
            carol.pc.map(|p| p.title),
            Some(" the Swordpupil".to_string())
        );
        // Playing: the prompt follows the output.
        let out = {
            g.input(ConnId(2), "xyzzy");
            g.take_output(ConnId(2))
        };
        assert!(out.text.contains("Huh?"), "{}", out.text);
        assert_eq!(out.prompt.as_deref(), Some("<20hp 100m 100mv> "));
    }

    #[test]
    fn a_new_character_carries_the_town_map_when_the_world_has_one() {
        let mut f = fixture("map");
        let g = &mut f.game;
        create(g, ConnId(1), "Nomap", "password1");
        g.world.obj_index.insert(
            OBJ_VNUM_MAP,
            crate::world::ObjIndex {
                proto: ObjProto {
                    vnum: OBJ_VNUM_MAP,
                    keywords: "map town".into(),
                    short_descr: "a map of the town".into(),
                    item_type: item::MAP,
                    wear_flags: wear::TAKE,
                    ..Default::default()
                },
                count: 0,
            },
        );
        create(g, ConnId(2), "Mapper", "password2");
        let vnums = |g: &Game, conn| {
            g.char_of(conn)
                .and_then(|ch| g.world.ch(ch))
                .map(|c| {
                    c.carrying
                        .iter()
                        .filter_map(|&o| g.world.obj(o).map(|o| (o.vnum, o.wear_loc)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        assert!(!vnums(g, ConnId(1)).iter().any(|v| v.0 == OBJ_VNUM_MAP));
        assert!(
            vnums(g, ConnId(2)).contains(&(OBJ_VNUM_MAP, wear_loc::NONE)),
            "{:?}",
            vnums(g, ConnId(2))
        );
    }

    #[test]
    fn name_rules() {
        let w = test_world();
        for bad in [
            "a",
            "all",
            "Self",
            "someone",
            "abcdefghijklm",
            "bob1",
            "b-b",
            "guard",
            "Cityguard",
            "none",
            "",
        ] {
            assert!(!check_parse_name(&w, bad), "{bad} accepted");
        }
        for good in ["Al", "Bob", "abcdefghijkl", "Guardian"] {
            assert!(check_parse_name(&w, good), "{good} refused");
        }
        let mut f = fixture("names");
        let c = ConnId(1);
        f.game.connected(c, "x");
        drain(&mut f.game, c);
        assert!(say(&mut f.game, c, "guard").contains("Illegal name, try another.\nName: "));
        assert!(say(&mut f.game, c, "../etc").contains("Illegal name, try another."));
        assert!(say(&mut f.game, c, "Bob").contains("Did I get that right"));
        assert!(say(&mut f.game, c, "n").contains("Ok, what IS it, then?"));
    }

    #[test]
    fn three_wrong_passwords_disconnect() {
        let mut f = fixture("wrongpw");
        let g = &mut f.game;
        create(g, ConnId(1), "Dave", "rightpass");
        g.input(ConnId(1), "quit");
        // do_quit may not exist yet: quit through the request the command queues.
        if let Some(ch) = g.char_of(ConnId(1)) {
            g.quit_char(ch);
        }
        // The character leaves once its file is written.
        g.flush_saves();
        let out = g.take_output(ConnId(1));
        assert!(
            out.close
                && out
                    .text
                    .contains("Alas, all good things must come to an end."),
            "{out:?}"
        );
        g.disconnected(ConnId(1));
        let c = ConnId(2);
        g.connected(c, "x");
        drain(g, c);
        g.input(c, "dave");
        let (t, outs) = drain(g, c);
        assert!(t.contains("Password: ") && outs[0].echo == Some(false));
        for i in 0..3 {
            g.input(c, "wrongpass");
            let (t, outs) = drain(g, c);
            assert!(t.contains("Wrong password."), "{t}");
            let closed = outs.iter().any(|o| o.close);
            assert_eq!(closed, i == 2, "try {i}: {t}");
        }
        // The right password still works on a new connection, and the
        // character comes back where it was with its kit; but after three
        // failures the account's next check from this address waits a
        // second (on the pulse, the loop never sleeps).
        let c = ConnId(3);
        g.connected(c, "x");
        drain(g, c);
        say(g, c, "Dave");
        let t = say(g, c, "rightpass");
        assert!(!t.contains("[Hit Return"), "not held: {t}");
        assert!(!g.ready(c), "ready while the password waits");
        g.skew_ms += 999;
        g.pulse();
        assert!(!g.ready(c));
        g.skew_ms += 1;
        g.pulse();
        let (t, _) = drain(g, c);
        assert!(t.contains("[Hit Return to continue]"), "{t}");
        say(g, c, "");
        let ch = g
            .char_of(c)
            .and_then(|ch| g.world.ch(ch))
            .cloned()
            .unwrap_or_default();
        assert_eq!(ch.room, Some(ROOM_VNUM_SCHOOL));
        assert_eq!(ch.carrying.len(), 2);
    }

    #[test]
    fn one_address_has_two_password_jobs_at_most() {
        let mut f = fixture("addrcap");
        let g = &mut f.game;
        create(g, ConnId(1), "Gail", "password1");
        let conns = [ConnId(2), ConnId(3), ConnId(4)];
        for &c in &conns {
            g.connected(c, "9.9.9.9:1000");
            drain(g, c);
            say(g, c, "gail");
            g.input(c, "guess");
        }
        let jobs: Vec<usize> = conns
            .iter()
            .map(|&c| g.take_output(c).hash_jobs.len())
            .collect();
        assert_eq!(
            jobs,
            [1, 0, 0],
            "a stranger's checks of one account run one at a time"
        );
        // Another address is not held up by them, nor is the owner's.
        g.connected(ConnId(5), "8.8.8.8:1");
        drain(g, ConnId(5));
        say(g, ConnId(5), "Newbie");
        say(g, ConnId(5), "y");
        say(g, ConnId(5), "newpass1");
        g.input(ConnId(5), "newpass1");
        assert_eq!(g.take_output(ConnId(5)).hash_jobs.len(), 1);
        g.connected(ConnId(6), "test");
        drain(g, ConnId(6));
        say(g, ConnId(6), "gail");
        g.input(ConnId(6), "password1");
        assert_eq!(g.take_output(ConnId(6)).hash_jobs.len(), 1, "owner held");
        // The first guess fails: the next goes.
        g.hash_done(ConnId(2), HashResult::Verified(false));
        assert_eq!(g.take_output(ConnId(3)).hash_jobs.len(), 1);
        // New-character passwords from the same address: two at most.
        let newbies = [ConnId(7), ConnId(8)];
        for (i, &c) in newbies.iter().enumerate() {
            g.connected(c, "9.9.9.9:2000");
            drain(g, c);
            say(g, c, &format!("Newbie{}", ["a", "b"][i]));
            say(g, c, "y");
            say(g, c, "newpass1");
            g.input(c, "newpass1");
        }
        // Conn 3's check and one creation run; the other waits.
        let jobs: Vec<usize> = newbies
            .iter()
            .map(|&c| g.take_output(c).hash_jobs.len())
            .collect();
        assert_eq!(jobs, [1, 0]);
        // A connection that goes away gives its place back: to the oldest
        // waiting (conn 4's check), then, as the creation is done, conn 8.
        g.disconnected(ConnId(3));
        assert_eq!(g.take_output(ConnId(4)).hash_jobs.len(), 1);
        assert_eq!(g.take_output(ConnId(8)).hash_jobs.len(), 0);
        g.hash_done(ConnId(7), HashResult::Hashed(Ok("$argon2id$x".into())));
        assert_eq!(g.take_output(ConnId(8)).hash_jobs.len(), 1);
    }

    #[test]
    fn link_dead_takeover_and_kicking_the_old_link() {
        let mut f = fixture("linkdead");
        let g = &mut f.game;
        create(g, ConnId(1), "Erin", "password1");
        let ch = g
            .char_of(ConnId(1))
            .unwrap_or_else(|| panic!("not playing"));
        create(g, ConnId(9), "Frank", "password2");
        let frank = g.char_of(ConnId(9)).unwrap_or_else(|| panic!("frank"));
        g.take_output(ConnId(9));
        g.disconnected(ConnId(1));
        assert_eq!(g.world.ch(ch).map(|c| c.conn), Some(None), "not link-dead");
        assert!(g.world.players.contains(&ch));
        assert!(g
            .world
            .ch(frank)
            .is_some_and(|c| c.output.contains("Erin has lost his link.")));
        // Logging back in takes the link-dead body over.
        let c = ConnId(2);
        g.connected(c, "x");
        drain(g, c);
        say(g, c, "erin");
        let t = say(g, c, "password1");
        assert!(t.contains("Reconnecting."), "{t}");
        assert_eq!(g.char_of(c), Some(ch));
        assert_eq!(g.world.ch(ch).and_then(|c| c.conn), Some(c));
        // A second login asks, and on Y kicks the old link.
        let c3 = ConnId(3);
        g.connected(c3, "x");
        drain(g, c3);
        say(g, c3, "erin");
        let t = say(g, c3, "password1");
        assert!(
            t.contains("That character is already playing.\nDo you wish to connect anyway (Y/N)?"),
            "{t}"
        );
        let t = say(g, c3, "y");
        assert!(t.contains("Reconnecting."), "{t}");
        let old = g.take_output(c);
        assert!(old.close, "old link not closed");
        assert!(old.text.contains("taken over"));
        assert_eq!(g.char_of(c3), Some(ch));
        g.disconnected(c);
        assert_eq!(
            g.world.ch(ch).and_then(|c| c.conn),
            Some(c3),
            "old link's close made it link-dead"
        );
        assert_eq!(g.world.players.iter().filter(|&&p| p == ch).count(), 1);
    }

    #[test]
    fn unreadable_player_file_is_refused_politely() {
        let mut f = fixture("badfile");
        std::fs::write(f.dir.join("Gina"), "#PLAYER\nName Gina~\nHMV 1 2 x\n").unwrap_or(());
        let c = ConnId(1);
        f.game.connected(c, "x");
        drain(&mut f.game, c);
        f.game.input(c, "gina");
        let out = f.game.take_output(c);
        assert!(out.close && out.text.contains("cannot be read"), "{out:?}");
    }

    #[test]
    fn wait_state_holds_input() {
        let mut f = fixture("wait");
        create(&mut f.game, ConnId(1), "Hank", "password1");
        let ch = f.game.char_of(ConnId(1)).unwrap_or_else(|| panic!("hank"));
        assert!(f.game.ready(ConnId(1)));
        if let Some(c) = f.game.world.ch_mut(ch) {
            c.wait = 2;
        }
        assert!(!f.game.ready(ConnId(1)));
        f.game.pulse();
        f.game.pulse();
        assert!(f.game.ready(ConnId(1)));
    }

    #[test]
    fn password_change_checks_the_old_one_off_the_loop() {
        let mut f = fixture("passwd");
        let g = &mut f.game;
        let c = ConnId(1);
        create(g, c, "Ivan", "oldpass1");
        let t = say(g, c, "password wrongold newpass1");
        assert!(t.contains("Wrong password."), "{t}");
        let ch = g.char_of(c).unwrap_or_else(|| panic!("ivan"));
        assert!(
            g.world.ch(ch).is_some_and(|c| c.wait >= 40),
            "no lag after a wrong password"
        );
        if let Some(c) = g.world.ch_mut(ch) {
            c.wait = 0;
        }
        let t = say(g, c, "password oldpass1 newpass1");
        assert!(t.contains("Ok."), "{t}");
        g.flush_saves();
        let file = std::fs::read_to_string(f.dir.join("Ivan")).unwrap_or_default();
        let hash = file
            .lines()
            .find_map(|l| l.strip_prefix("Pass "))
            .unwrap_or("")
            .trim_end_matches('~');
        assert!(
            crate::net::hash::verify_password("newpass1", hash),
            "new password not saved"
        );
        assert!(!crate::net::hash::verify_password("oldpass1", hash));
    }

    #[test]
    fn autosave_and_idle_void_then_quit() {
        let mut f = fixture("idle");
        let g = &mut f.game;
        let c = ConnId(1);
        create(g, ConnId(5), "Boss", "password0"); // the implementor never idles out
        create(g, c, "Jill", "password1");
        let ch = g.char_of(c).unwrap_or_else(|| panic!("jill"));
        if let Some(x) = g.world.ch_mut(ch) {
            x.gold = 777;
        }
        // Autosave within one round.
        for _ in 0..crate::game::AUTOSAVE_PULSES + 2 {
            g.pulse();
        }
        g.flush_saves();
        let file = std::fs::read_to_string(f.dir.join("Jill")).unwrap_or_default();
        assert!(file.contains("\nGold 777\n"), "not autosaved:\n{file}");
        // Idle for 12 ticks: into the void (limbo), saved at the old room.
        if let Some(x) = g.world.ch_mut(ch) {
            x.timer = 11;
        }
        for _ in 0..super::super::update::PULSE_TICK {
            g.pulse();
        }
        assert_eq!(
            g.world.ch(ch).and_then(|x| x.room),
            Some(crate::world::ROOM_VNUM_LIMBO)
        );
        // Typing brings them back.
        say(g, c, "xyzzy");
        assert_eq!(g.world.ch(ch).and_then(|x| x.room), Some(ROOM_VNUM_SCHOOL));
        // Link-dead and idle past 30 ticks: quit and saved.
        g.disconnected(c);
        if let Some(x) = g.world.ch_mut(ch) {
            x.timer = 31;
        }
        for _ in 0..super::super::update::PULSE_TICK {
            g.pulse();
        }
        g.flush_saves();
        assert!(
            g.world.ch(ch).is_none(),
            "idle link-dead player still in the game"
        );
        assert_eq!(g.world.players.len(), 1, "only the implementor is left");
    }

    #[test]
    fn a_link_dead_player_whose_save_fails_stays_until_saved() {
        let mut f = fixture("savefail");
        let g = &mut f.game;
        create(g, ConnId(5), "Boss", "password0"); // the implementor never idles out
        create(g, ConnId(1), "Kurt", "password1");
        g.flush_saves();
        let ch = g.char_of(ConnId(1)).unwrap_or_else(|| panic!("kurt"));
        // A directory where Kurt's spare file goes: his saves fail (EISDIR).
        let spare = f.dir.join("Kurt.old");
        let _ = std::fs::remove_file(&spare);
        std::fs::create_dir_all(spare.join("x")).unwrap_or(());
        if let Some(x) = g.world.ch_mut(ch) {
            x.gold = 555;
        }
        g.disconnected(ConnId(1));
        g.flush_saves();
        assert_eq!(g.unsaved_players(), ["Kurt"]);
        // Idle past the auto-quit: the quit is refused while saves fail.
        if let Some(x) = g.world.ch_mut(ch) {
            x.timer = 31;
        }
        for _ in 0..super::super::update::PULSE_TICK {
            g.pulse();
        }
        g.flush_saves();
        assert!(g.world.ch(ch).is_some(), "discarded while unsaved");
        // The disk is mended: the retry saves him, then he times out.
        std::fs::remove_dir_all(&spare).unwrap_or(());
        for _ in 0..crate::game::SAVE_RETRY_PULSES {
            g.pulse();
        }
        g.flush_saves();
        assert!(g.unsaved_players().is_empty());
        let file = std::fs::read_to_string(f.dir.join("Kurt")).unwrap_or_default();
        assert!(file.contains("\nGold 555\n"), "{file}");
        for _ in 0..super::super::update::PULSE_TICK {
            g.pulse();
        }
        g.flush_saves();
        assert!(g.world.ch(ch).is_none(), "never timed out");
    }

    #[test]
    fn save_is_answered_once_written() {
        let mut f = fixture("saveanswer");
        let g = &mut f.game;
        create(g, ConnId(1), "Lena", "password1");
        g.flush_saves();
        g.input(ConnId(1), "save");
        let out = g.take_output(ConnId(1));
        assert!(!out.text.contains("Saving."), "answered before the write");
        assert_eq!(out.prompt, None, "prompt before the answer");
        g.flush_saves();
        let out = g.take_output(ConnId(1));
        assert!(out.text.contains("Saving."), "{out:?}");
        assert!(out.prompt.is_some());
        // And a save that fails says so instead.
        let spare = f.dir.join("Lena.old");
        let _ = std::fs::remove_file(&spare);
        std::fs::create_dir_all(spare.join("x")).unwrap_or(());
        if let Some(c) = g.char_of(ConnId(1)).and_then(|ch| g.world.ch_mut(ch)) {
            c.wait = 0;
        }
        g.input(ConnId(1), "save");
        g.flush_saves();
        let out = g.take_output(ConnId(1));
        assert!(
            out.text.contains("could not be saved") && !out.text.contains("Saving."),
            "{out:?}"
        );
    }

    #[test]
    fn wizlock_lets_only_immortals_in() {
        let mut f = fixture("wizlock");
        let g = &mut f.game;
        create(g, ConnId(1), "Root", "password1"); // implementor
        create(g, ConnId(2), "Mort", "password2");
        for (conn, ch) in [(ConnId(1), "Root"), (ConnId(2), "Mort")] {
            let id = g.char_of(conn).unwrap_or_else(|| panic!("{ch}"));
            g.quit_char(id);
            g.flush_saves();
            g.take_output(conn);
            g.disconnected(conn);
        }
        g.world.wizlock = true;
        let c = ConnId(3);
        g.connected(c, "x");
        drain(g, c);
        g.input(c, "Newbie");
        let out = g.take_output(c);
        assert!(
            out.close && out.text.contains("The game is wizlocked."),
            "{out:?}"
        );
        let c = ConnId(4);
        g.connected(c, "x");
        drain(g, c);
        g.input(c, "Mort");
        let out = g.take_output(c);
        assert!(out.close && out.text.contains("wizlocked"), "{out:?}");
        let c = ConnId(5);
        g.connected(c, "x");
        drain(g, c);
        assert!(say(g, c, "Root").contains("Password:"));
    }

    #[test]
    fn creation_makes_the_groups_and_race_skills_known() {
        use crate::world::rules::gsn;
        let mut c = blank_character("x", String::new());
        c.race = rules::pc_race_lookup("elf").map_or(0, |r| r.race);
        c.class = rules::CLASS_THIEF as i32;
        creation::begin(&mut c);
        creation::add_default(&mut c);
        finish_creation(&mut c);
        let p = c.pc.as_deref().cloned().unwrap_or_default();
        let has = |sn| p.learned.get(&sn).copied().unwrap_or(0);
        assert_eq!(has(gsn::RECALL), 50);
        // rom basics, thief basics, thief default, and the elf's sneak/hide.
        for sn in [gsn::DAGGER, gsn::BACKSTAB, gsn::SNEAK, gsn::HIDE] {
            assert_eq!(has(sn), 1, "{sn:?}");
        }
        assert_eq!(has(gsn::BASH), 0);
        assert_eq!(
            &p.groups[..3],
            ["rom basics", "thief basics", "thief default"]
        );
    }

    #[test]
    fn exp_per_level_follows_rom() {
        let mut c = blank_character("x", String::new());
        c.race = 1;
        c.class = 3;
        if let Some(p) = c.pc.as_mut() {
            p.points = 40;
        }
        assert_eq!(exp_per_level(&c), 1000);
        c.race = 2; // elf, 45 points, mage x100: 1000 + 5*500/10 = 1250
        c.class = 0;
        if let Some(p) = c.pc.as_mut() {
            p.points = 45;
        }
        assert_eq!(exp_per_level(&c), 1250);
        c.race = 4; // giant warrior, 46 points, x105: (1000 + 300) * 105 / 100
        c.class = 3;
        if let Some(p) = c.pc.as_mut() {
            p.points = 46;
        }
        assert_eq!(exp_per_level(&c), 1365);
    }
}
