//! "interp.c": the command table and the interpreter.
//!
//! A player's line becomes `command argument`. A line that starts with
//! neither a letter nor a digit takes that one character as the command
//! word (`'hello`, `.hi`, `,grins`, `;hold on`, `:text`, `/`), as in ROM;
//! otherwise the first word does. The word is matched against [`COMMANDS`]
//! by prefix in table order, so `n` is north, `l` look and `sc` scan, as
//! ROM players expect; then against socials; else `Huh?`.
//!
//! Before any command runs, the character's hide bit is cleared: hiding
//! lasts until the next command (rom-mechanics 6.11).
//!
//! Each row names the command, its handler, the lowest position and level
//! that may use it, how its use is logged, and whether `commands` /
//! `wizhelp` list it: one line per command, at ROM's density, in ROM's
//! (QuickMUD's) order (rom-mechanics, Appendix A) with only the commands
//! this game has. Commands get `&mut World` and the actor's id, and only
//! queue text and requests.
//!
//! Deviation: ROM logs movement `never` only to spare the log; here
//! [`Log::Never`] means "never written anywhere" (the log, a copyover's state
//! file), i.e. secret, so movement is `Normal`, and so are `mpdump` and
//! `mpstat`; `mob` (what mob programs run) stays `Never`, as in ROM.

use super::{act_comm, act_config, act_info, act_magic_item, act_move, act_obj, act_shop};
use super::{act_flag, music};
use super::{
    act_info2, act_prefs, act_skill, act_talk, act_wiz, ban, fight, food, magic, mob_cmds,
    mob_prog, notes, olc, skills, wiznet,
};
use crate::world::handler::one_argument;
use crate::world::pos::{DEAD, FIGHTING, RESTING, SLEEPING, STANDING};
use crate::world::{aff, plr, pos, CharId, Position, World, LEVEL_HERO, LEVEL_IMMORTAL, MAX_LEVEL};

/// A command handler: acts on the world for `ch` with the rest of the line.
pub type CmdFn = fn(&mut World, CharId, &str);

/// ROM's named command levels (interp.h).
pub const ML: i32 = MAX_LEVEL; // implementor
pub const L1: i32 = MAX_LEVEL - 1; // creator
pub const L2: i32 = MAX_LEVEL - 2; // supreme being
pub const L3: i32 = MAX_LEVEL - 3; // deity
pub const L4: i32 = MAX_LEVEL - 4; // god
pub const L5: i32 = MAX_LEVEL - 5; // immortal
pub const L6: i32 = MAX_LEVEL - 6; // demigod
pub const L7: i32 = MAX_LEVEL - 7; // angel
pub const L8: i32 = MAX_LEVEL - 8; // avatar
pub const IM: i32 = LEVEL_IMMORTAL; // avatar
pub const HE: i32 = LEVEL_HERO; // hero

/// How a command's use is logged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Log {
    /// Logged when an immortal uses it.
    Normal,
    /// Logged for everyone.
    Always,
    /// Never written anywhere: not to the log, not into a copyover's state
    /// file. For commands whose arguments are secret (`password`).
    Never,
}

/// One row of the command table.
pub struct Cmd {
    pub name: &'static str,
    pub func: CmdFn,
    pub min_pos: Position,
    pub level: i32,
    pub log: Log,
    /// Listed by `commands` (levels below hero) or `wizhelp` (hero and up).
    pub show: bool,
}

const SHOWN: bool = true;
const HIDDEN: bool = false;

const fn cmd(
    name: &'static str,
    func: CmdFn,
    min_pos: Position,
    level: i32,
    log: Log,
    show: bool,
) -> Cmd {
    Cmd {
        name,
        func,
        min_pos,
        level,
        log,
        show,
    }
}

use Log::{Always, Never, Normal};

/// The command table, in ROM's order of precedence for abbreviations.
#[rustfmt::skip]
pub static COMMANDS: &[Cmd] = &[
    // Common movement commands.
    cmd("north",       act_move::do_north,       STANDING, 0,  Normal, HIDDEN),
    cmd("east",        act_move::do_east,        STANDING, 0,  Normal, HIDDEN),
    cmd("south",       act_move::do_south,       STANDING, 0,  Normal, HIDDEN),
    cmd("west",        act_move::do_west,        STANDING, 0,  Normal, HIDDEN),
    cmd("up",          act_move::do_up,          STANDING, 0,  Normal, HIDDEN),
    cmd("down",        act_move::do_down,        STANDING, 0,  Normal, HIDDEN),
    // Common other commands, placed here so one and two letter abbreviations work.
    cmd("at",          act_wiz::do_at,           DEAD,     L6, Normal, SHOWN),
    cmd("cast",        magic::do_cast,           FIGHTING, 0,  Normal, SHOWN),
    cmd("auction",     act_talk::do_auction,     SLEEPING, 0,  Normal, SHOWN),
    cmd("buy",         act_shop::do_buy,         RESTING,  0,  Normal, SHOWN),
    cmd("channels",    act_talk::do_channels,    DEAD,     0,  Normal, SHOWN),
    cmd("exits",       act_info::do_exits,       RESTING,  0,  Normal, SHOWN),
    cmd("get",         act_obj::do_get,          RESTING,  0,  Normal, SHOWN),
    cmd("goto",        act_wiz::do_goto,         DEAD,     L8, Normal, SHOWN),
    cmd("group",       act_comm::do_group,       SLEEPING, 0,  Normal, SHOWN),
    cmd("guild",       act_flag::do_guild,       DEAD,     L4, Always, SHOWN),
    cmd("hit",         fight::do_kill,           FIGHTING, 0,  Normal, HIDDEN),
    cmd("inventory",   act_info::do_inventory,   DEAD,     0,  Normal, SHOWN),
    cmd("kill",        fight::do_kill,           FIGHTING, 0,  Normal, SHOWN),
    cmd("look",        act_info::do_look,        RESTING,  0,  Normal, SHOWN),
    cmd("clan",        act_talk::do_clantalk,    SLEEPING, 0,  Normal, SHOWN),
    cmd("music",       act_talk::do_music,       SLEEPING, 0,  Normal, SHOWN),
    cmd("order",       act_shop::do_order,       RESTING,  0,  Normal, SHOWN),
    cmd("practice",    skills::do_practice,      SLEEPING, 0,  Normal, SHOWN),
    cmd("rest",        act_move::do_rest,        SLEEPING, 0,  Normal, SHOWN),
    cmd("scan",        act_info::do_scan,        SLEEPING, 0,  Normal, SHOWN),
    cmd("sit",         act_move::do_sit,         SLEEPING, 0,  Normal, SHOWN),
    cmd("sockets",     act_wiz::do_sockets,      DEAD,     L4, Normal, SHOWN),
    cmd("stand",       act_move::do_stand,       SLEEPING, 0,  Normal, SHOWN),
    cmd("tell",        act_comm::do_tell,        RESTING,  0,  Normal, SHOWN),
    cmd("unlock",      act_move::do_unlock,      RESTING,  0,  Normal, SHOWN),
    cmd("wield",       act_obj::do_wear,         RESTING,  0,  Normal, SHOWN),
    cmd("wizhelp",     do_wizhelp,               DEAD,     IM, Normal, SHOWN),
    // Informational commands.
    cmd("affects",     act_info::do_affects,     DEAD,     0,  Normal, SHOWN),
    cmd("areas",       act_info2::do_areas,      DEAD,     0,  Normal, SHOWN),
    cmd("bug",         act_info2::do_bug,        DEAD,     0,  Normal, SHOWN),
    cmd("changes",     notes::do_changes,        DEAD,     0,  Normal, SHOWN),
    cmd("commands",    do_commands,              DEAD,     0,  Normal, SHOWN),
    cmd("compare",     act_info2::do_compare,    RESTING,  0,  Normal, SHOWN),
    cmd("consider",    fight::do_consider,       RESTING,  0,  Normal, SHOWN),
    cmd("count",       act_info2::do_count,      SLEEPING, 0,  Normal, SHOWN),
    cmd("credits",     act_info2::do_credits,    DEAD,     0,  Normal, SHOWN),
    cmd("equipment",   act_info::do_equipment,   DEAD,     0,  Normal, SHOWN),
    cmd("examine",     act_info::do_examine,     RESTING,  0,  Normal, SHOWN),
    cmd("help",        act_info::do_help,        DEAD,     0,  Normal, SHOWN),
    cmd("idea",        notes::do_idea,           DEAD,     0,  Normal, SHOWN),
    cmd("info",        skills::do_groups,        SLEEPING, 0,  Normal, SHOWN),
    cmd("motd",        act_info2::do_motd,       DEAD,     0,  Normal, SHOWN),
    cmd("news",        notes::do_news,           DEAD,     0,  Normal, SHOWN),
    cmd("read",        act_info2::do_read,       RESTING,  0,  Normal, SHOWN),
    cmd("report",      act_info2::do_report,     RESTING,  0,  Normal, SHOWN),
    cmd("rules",       act_info2::do_rules,      DEAD,     0,  Normal, SHOWN),
    cmd("score",       act_info::do_score,       DEAD,     0,  Normal, SHOWN),
    cmd("skills",      skills::do_skills,        DEAD,     0,  Normal, SHOWN),
    cmd("socials",     act_comm::do_socials,     DEAD,     0,  Normal, SHOWN),
    cmd("show",        act_prefs::do_show,       DEAD,     0,  Normal, SHOWN),
    cmd("spells",      skills::do_spells,        DEAD,     0,  Normal, SHOWN),
    cmd("story",       act_info2::do_story,      DEAD,     0,  Normal, SHOWN),
    cmd("time",        act_info::do_time,        DEAD,     0,  Normal, SHOWN),
    cmd("typo",        act_info2::do_typo,       DEAD,     0,  Normal, SHOWN),
    cmd("weather",     act_info::do_weather,     RESTING,  0,  Normal, SHOWN),
    cmd("who",         act_info::do_who,         DEAD,     0,  Normal, SHOWN),
    cmd("whois",       act_info2::do_whois,      DEAD,     0,  Normal, SHOWN),
    cmd("wizlist",     act_info2::do_wizlist,    DEAD,     0,  Normal, SHOWN),
    cmd("worth",       act_info2::do_worth,      SLEEPING, 0,  Normal, SHOWN),
    // Configuration commands.
    cmd("alia",        act_prefs::do_alias,      DEAD,     0,  Normal, HIDDEN),
    cmd("alias",       act_prefs::do_alias,      DEAD,     0,  Normal, SHOWN),
    cmd("autolist",    act_info::do_autolist,    DEAD,     0,  Normal, SHOWN),
    cmd("autoall",     act_prefs::do_autoall,    DEAD,     0,  Normal, SHOWN),
    cmd("autoassist",  act_info::do_autoassist,  DEAD,     0,  Normal, SHOWN),
    cmd("autoexit",    act_info::do_autoexit,    DEAD,     0,  Normal, SHOWN),
    cmd("autogold",    act_info::do_autogold,    DEAD,     0,  Normal, SHOWN),
    cmd("autoloot",    act_info::do_autoloot,    DEAD,     0,  Normal, SHOWN),
    cmd("autosac",     act_info::do_autosac,     DEAD,     0,  Normal, SHOWN),
    cmd("autosplit",   act_info::do_autosplit,   DEAD,     0,  Normal, SHOWN),
    cmd("brief",       act_prefs::do_brief,      DEAD,     0,  Normal, SHOWN),
    cmd("colour",      act_config::do_colour,    DEAD,     0,  Normal, SHOWN),
    cmd("color",       act_config::do_colour,    DEAD,     0,  Normal, SHOWN),
    cmd("combine",     act_prefs::do_combine,    DEAD,     0,  Normal, SHOWN),
    cmd("compact",     act_prefs::do_compact,    DEAD,     0,  Normal, SHOWN),
    cmd("description", act_info::do_description, DEAD,     0,  Normal, SHOWN),
    cmd("delet",       act_prefs::do_delet,      DEAD,     0,  Always, HIDDEN),
    cmd("delete",      act_prefs::do_delete,     STANDING, 0,  Always, SHOWN),
    cmd("nofollow",    act_prefs::do_nofollow,   DEAD,     0,  Normal, SHOWN),
    cmd("noloot",      act_prefs::do_noloot,     DEAD,     0,  Normal, SHOWN),
    cmd("nosummon",    act_prefs::do_nosummon,   DEAD,     0,  Normal, SHOWN),
    cmd("outfit",      act_prefs::do_outfit,     RESTING,  0,  Normal, SHOWN),
    cmd("password",    act_info::do_password,    DEAD,     0,  Never,  SHOWN),
    cmd("prompt",      act_info::do_prompt,      DEAD,     0,  Normal, SHOWN),
    cmd("scroll",      act_prefs::do_scroll,     DEAD,     0,  Normal, SHOWN),
    cmd("telnetga",    act_config::do_telnetga,  DEAD,     0,  Normal, SHOWN),
    cmd("title",       act_info::do_title,       DEAD,     0,  Normal, SHOWN),
    cmd("unalias",     act_prefs::do_unalias,    DEAD,     0,  Normal, SHOWN),
    cmd("wimpy",       fight::do_wimpy,          DEAD,     0,  Normal, SHOWN),
    // Communication commands.
    cmd("afk",         act_talk::do_afk,         SLEEPING, 0,  Normal, SHOWN),
    cmd("answer",      act_talk::do_answer,      SLEEPING, 0,  Normal, SHOWN),
    cmd("deaf",        act_talk::do_deaf,        DEAD,     0,  Normal, SHOWN),
    cmd("emote",       act_comm::do_emote,       RESTING,  0,  Normal, SHOWN),
    cmd("pmote",       act_talk::do_pmote,       RESTING,  0,  Normal, SHOWN),
    cmd(".",           act_comm::do_gossip,      SLEEPING, 0,  Normal, HIDDEN),
    cmd("gossip",      act_comm::do_gossip,      SLEEPING, 0,  Normal, SHOWN),
    cmd(",",           act_comm::do_emote,       RESTING,  0,  Normal, HIDDEN),
    cmd("grats",       act_talk::do_grats,       SLEEPING, 0,  Normal, SHOWN),
    cmd("gtell",       act_comm::do_gtell,       DEAD,     0,  Normal, SHOWN),
    cmd(";",           act_comm::do_gtell,       DEAD,     0,  Normal, HIDDEN),
    cmd("note",        notes::do_note,           DEAD,     0,  Normal, SHOWN),
    cmd("pose",        act_talk::do_pose,        RESTING,  0,  Normal, SHOWN),
    cmd("question",    act_talk::do_question,    SLEEPING, 0,  Normal, SHOWN),
    cmd("quote",       act_talk::do_quote,       SLEEPING, 0,  Normal, SHOWN),
    cmd("quiet",       act_talk::do_quiet,       SLEEPING, 0,  Normal, SHOWN),
    cmd("reply",       act_comm::do_reply,       SLEEPING, 0,  Normal, SHOWN),
    cmd("replay",      act_talk::do_replay,      SLEEPING, 0,  Normal, SHOWN),
    cmd("say",         act_comm::do_say,         RESTING,  0,  Normal, SHOWN),
    cmd("'",           act_comm::do_say,         RESTING,  0,  Normal, HIDDEN),
    cmd("shout",       act_comm::do_shout,       RESTING,  3,  Normal, SHOWN),
    cmd("unread",      notes::do_unread,         SLEEPING, 0,  Normal, SHOWN),
    cmd("yell",        act_talk::do_yell,        RESTING,  0,  Normal, SHOWN),
    // Object manipulation commands.
    cmd("brandish",    act_magic_item::do_brandish, RESTING, 0, Normal, SHOWN),
    cmd("close",       act_move::do_close,       RESTING,  0,  Normal, SHOWN),
    cmd("drink",       food::do_drink,           RESTING,  0,  Normal, SHOWN),
    cmd("drop",        act_obj::do_drop,         RESTING,  0,  Normal, SHOWN),
    cmd("eat",         food::do_eat,             RESTING,  0,  Normal, SHOWN),
    cmd("envenom",     act_skill::do_envenom,    RESTING,  0,  Normal, SHOWN),
    cmd("fill",        food::do_fill,            RESTING,  0,  Normal, SHOWN),
    cmd("give",        act_obj::do_give,         RESTING,  0,  Normal, SHOWN),
    cmd("heal",        act_shop::do_heal,        RESTING,  0,  Normal, SHOWN),
    cmd("hold",        act_obj::do_wear,         RESTING,  0,  Normal, SHOWN),
    cmd("list",        act_shop::do_list,        RESTING,  0,  Normal, SHOWN),
    cmd("lock",        act_move::do_lock,        RESTING,  0,  Normal, SHOWN),
    cmd("open",        act_move::do_open,        RESTING,  0,  Normal, SHOWN),
    cmd("pick",        act_skill::do_pick,       RESTING,  0,  Normal, SHOWN),
    cmd("pour",        food::do_pour,            RESTING,  0,  Normal, SHOWN),
    cmd("put",         act_obj::do_put,          RESTING,  0,  Normal, SHOWN),
    cmd("quaff",       act_magic_item::do_quaff, RESTING,  0,  Normal, SHOWN),
    cmd("recite",      act_magic_item::do_recite, RESTING, 0,  Normal, SHOWN),
    cmd("remove",      act_obj::do_remove,       RESTING,  0,  Normal, SHOWN),
    cmd("sell",        act_shop::do_sell,        RESTING,  0,  Normal, SHOWN),
    cmd("take",        act_obj::do_get,          RESTING,  0,  Normal, SHOWN),
    cmd("sacrifice",   act_obj::do_sacrifice,    RESTING,  0,  Normal, SHOWN),
    cmd("junk",        act_obj::do_sacrifice,    RESTING,  0,  Normal, HIDDEN),
    cmd("tap",         act_obj::do_sacrifice,    RESTING,  0,  Normal, HIDDEN),
    cmd("value",       act_shop::do_value,       RESTING,  0,  Normal, SHOWN),
    cmd("wear",        act_obj::do_wear,         RESTING,  0,  Normal, SHOWN),
    cmd("zap",         act_magic_item::do_zap,   RESTING,  0,  Normal, SHOWN),
    // Combat commands.
    cmd("backstab",    act_skill::do_backstab,   FIGHTING, 0,  Normal, SHOWN),
    cmd("bash",        act_skill::do_bash,       FIGHTING, 0,  Normal, SHOWN),
    cmd("bs",          act_skill::do_backstab,   FIGHTING, 0,  Normal, HIDDEN),
    cmd("berserk",     act_skill::do_berserk,    FIGHTING, 0,  Normal, SHOWN),
    cmd("dirt",        act_skill::do_dirt,       FIGHTING, 0,  Normal, SHOWN),
    cmd("disarm",      act_skill::do_disarm,     FIGHTING, 0,  Normal, SHOWN),
    cmd("flee",        fight::do_flee,           FIGHTING, 0,  Normal, SHOWN),
    cmd("kick",        act_skill::do_kick,       FIGHTING, 0,  Normal, SHOWN),
    cmd("murde",       fight::do_murde,          FIGHTING, 0,  Normal, HIDDEN),
    cmd("murder",      fight::do_murder,         FIGHTING, 5,  Always, SHOWN),
    cmd("rescue",      fight::do_rescue,         FIGHTING, 0,  Normal, HIDDEN),
    cmd("surrender",   mob_prog::do_surrender,   FIGHTING, 0,  Normal, SHOWN),
    cmd("trip",        act_skill::do_trip,       FIGHTING, 0,  Normal, SHOWN),
    cmd("mob",         mob_cmds::do_mob,         DEAD,     0,  Never,  HIDDEN),
    // Miscellaneous commands.
    cmd("enter",       act_move::do_enter,       STANDING, 0,  Normal, SHOWN),
    cmd("follow",      act_comm::do_follow,      RESTING,  0,  Normal, SHOWN),
    cmd("gain",        skills::do_gain,          STANDING, 0,  Normal, SHOWN),
    cmd("go",          act_move::do_enter,       STANDING, 0,  Normal, HIDDEN),
    cmd("groups",      skills::do_groups,        SLEEPING, 0,  Normal, SHOWN),
    cmd("hide",        act_skill::do_hide,       RESTING,  0,  Normal, SHOWN),
    cmd("play",        music::do_play,           RESTING,  0,  Normal, SHOWN),
    cmd("qui",         act_comm::do_qui,         DEAD,     0,  Normal, HIDDEN),
    cmd("quit",        act_comm::do_quit,        DEAD,     0,  Normal, SHOWN),
    cmd("recall",      act_move::do_recall,      FIGHTING, 0,  Normal, SHOWN),
    cmd("/",           act_move::do_recall,      FIGHTING, 0,  Normal, HIDDEN),
    cmd("rent",        act_prefs::do_rent,       DEAD,     0,  Normal, HIDDEN),
    cmd("save",        act_comm::do_save,        DEAD,     0,  Normal, SHOWN),
    cmd("sleep",       act_move::do_sleep,       SLEEPING, 0,  Normal, SHOWN),
    cmd("sneak",       act_skill::do_sneak,      STANDING, 0,  Normal, SHOWN),
    cmd("split",       act_comm::do_split,       RESTING,  0,  Normal, SHOWN),
    cmd("steal",       act_skill::do_steal,      STANDING, 0,  Normal, SHOWN),
    cmd("train",       skills::do_train,         RESTING,  0,  Normal, SHOWN),
    cmd("visible",     act_prefs::do_visible,    SLEEPING, 0,  Normal, SHOWN),
    cmd("wake",        act_move::do_wake,        SLEEPING, 0,  Normal, SHOWN),
    cmd("where",       act_info::do_where,       RESTING,  0,  Normal, SHOWN),
    // GraceMUD's own client settings, last so they take no ROM abbreviation.
    cmd("compress",    act_config::do_compress,  DEAD,     0,  Normal, SHOWN),
    cmd("wrap",        act_config::do_wrap,      DEAD,     0,  Normal, SHOWN),
    cmd("client",      act_config::do_client,    DEAD,     0,  Normal, SHOWN),
    // Immortal commands.
    cmd("advance",     act_wiz::do_advance,      DEAD,     ML, Always, SHOWN),
    cmd("copyover",    act_wiz::do_copyover,     DEAD,     ML, Always, SHOWN),
    cmd("dump",        act_flag::do_dump,        DEAD,     ML, Always, HIDDEN),
    cmd("trust",       act_wiz::do_trust,        DEAD,     ML, Always, SHOWN),
    cmd("violate",     act_wiz::do_violate,      DEAD,     ML, Always, SHOWN),
    cmd("allow",       ban::do_allow,            DEAD,     L2, Always, SHOWN),
    cmd("ban",         ban::do_ban,              DEAD,     L2, Always, SHOWN),
    cmd("deny",        act_wiz::do_deny,         DEAD,     L1, Always, SHOWN),
    cmd("disconnect",  act_wiz::do_disconnect,   DEAD,     L3, Always, SHOWN),
    cmd("flag",        act_flag::do_flag,        DEAD,     L4, Always, SHOWN),
    cmd("freeze",      act_wiz::do_freeze,       DEAD,     L4, Always, SHOWN),
    cmd("permban",     ban::do_permban,          DEAD,     L1, Always, SHOWN),
    cmd("protect",     act_wiz::do_protect,      DEAD,     L1, Always, SHOWN),
    cmd("reboo",       act_wiz::do_reboo,        DEAD,     L1, Normal, HIDDEN),
    cmd("reboot",      act_wiz::do_reboot,       DEAD,     L1, Always, SHOWN),
    cmd("set",         act_wiz::do_set,          DEAD,     L2, Always, SHOWN),
    cmd("shutdow",     act_wiz::do_shutdow,      DEAD,     L1, Normal, HIDDEN),
    cmd("shutdown",    act_wiz::do_shutdown,     DEAD,     L1, Always, SHOWN),
    cmd("wizlock",     act_wiz::do_wizlock,      DEAD,     L2, Always, SHOWN),
    cmd("force",       act_wiz::do_force,        DEAD,     L7, Always, SHOWN),
    cmd("load",        act_wiz::do_load,         DEAD,     L4, Always, SHOWN),
    cmd("newlock",     act_wiz::do_newlock,      DEAD,     L4, Always, SHOWN),
    cmd("nochannels",  act_talk::do_nochannels,  DEAD,     L5, Always, SHOWN),
    cmd("noemote",     act_talk::do_noemote,     DEAD,     L5, Always, SHOWN),
    cmd("noshout",     act_talk::do_noshout,     DEAD,     L5, Always, SHOWN),
    cmd("notell",      act_talk::do_notell,      DEAD,     L5, Always, SHOWN),
    cmd("pecho",       act_wiz::do_pecho,        DEAD,     L4, Always, SHOWN),
    cmd("pardon",      act_wiz::do_pardon,       DEAD,     L3, Always, SHOWN),
    cmd("purge",       act_wiz::do_purge,        DEAD,     L4, Always, SHOWN),
    cmd("restore",     act_wiz::do_restore,      DEAD,     L4, Always, SHOWN),
    cmd("sla",         fight::do_sla,            DEAD,     L3, Normal, HIDDEN),
    cmd("slay",        fight::do_slay,           DEAD,     L3, Always, SHOWN),
    cmd("teleport",    act_wiz::do_transfer,     DEAD,     L5, Always, SHOWN),
    cmd("transfer",    act_wiz::do_transfer,     DEAD,     L5, Always, SHOWN),
    cmd("poofin",      act_wiz::do_bamfin,       DEAD,     L8, Normal, SHOWN),
    cmd("poofout",     act_wiz::do_bamfout,      DEAD,     L8, Normal, SHOWN),
    cmd("gecho",       act_wiz::do_echo,         DEAD,     L4, Always, SHOWN),
    cmd("holylight",   act_wiz::do_holylight,    DEAD,     IM, Normal, SHOWN),
    cmd("incognito",   act_wiz::do_incognito,    DEAD,     IM, Normal, SHOWN),
    cmd("invis",       act_wiz::do_invis,        DEAD,     IM, Normal, HIDDEN),
    cmd("log",         act_wiz::do_log,          DEAD,     L1, Always, SHOWN),
    cmd("memory",      act_wiz::do_memory,       DEAD,     IM, Normal, SHOWN),
    cmd("mwhere",      act_wiz::do_mwhere,       DEAD,     IM, Normal, SHOWN),
    cmd("owhere",      act_wiz::do_owhere,       DEAD,     IM, Normal, SHOWN),
    cmd("peace",       fight::do_peace,          DEAD,     L5, Normal, SHOWN),
    cmd("penalty",     notes::do_penalty,        DEAD,     L7, Normal, SHOWN),
    cmd("echo",        act_wiz::do_recho,        DEAD,     L6, Always, SHOWN),
    cmd("return",      act_wiz::do_return,       DEAD,     L6, Normal, SHOWN),
    cmd("snoop",       act_wiz::do_snoop,        DEAD,     L5, Always, SHOWN),
    cmd("stat",        act_wiz::do_stat,         DEAD,     IM, Normal, SHOWN),
    cmd("string",      act_wiz::do_string,       DEAD,     L5, Always, SHOWN),
    cmd("switch",      act_wiz::do_switch,       DEAD,     L6, Always, SHOWN),
    cmd("wizinvis",    act_wiz::do_invis,        DEAD,     IM, Normal, SHOWN),
    cmd("vnum",        act_wiz::do_vnum,         DEAD,     L4, Normal, SHOWN),
    cmd("zecho",       act_wiz::do_zecho,        DEAD,     L4, Always, SHOWN),
    cmd("clone",       act_wiz::do_clone,        DEAD,     L5, Always, SHOWN),
    cmd("wiznet",      wiznet::do_wiznet,        DEAD,     IM, Normal, SHOWN),
    cmd("immtalk",     act_comm::do_immtalk,     DEAD,     IM, Normal, SHOWN),
    cmd(":",           act_comm::do_immtalk,     DEAD,     IM, Normal, HIDDEN),
    cmd("imotd",       act_info2::do_imotd,      DEAD,     IM, Normal, SHOWN),
    cmd("smote",       act_wiz::do_smote,        DEAD,     IM, Normal, SHOWN),
    cmd("prefi",       act_wiz::do_prefi,        DEAD,     IM, Normal, HIDDEN),
    cmd("prefix",      act_wiz::do_prefix,       DEAD,     IM, Normal, SHOWN),
    cmd("mpdump",      mob_prog::do_mpdump,      DEAD,     IM, Normal, SHOWN),
    cmd("mpstat",      mob_prog::do_mpstat,      DEAD,     IM, Normal, SHOWN),
    cmd("edit",        olc::do_edit,             DEAD,     0,  Normal, SHOWN),
    cmd("asave",       olc::asave::do_asave,     DEAD,     0,  Normal, SHOWN),
    cmd("alist",       olc::aedit::do_alist,     DEAD,     0,  Normal, SHOWN),
    cmd("resets",      olc::resets::do_resets,   DEAD,     0,  Normal, SHOWN),
    cmd("redit",       olc::redit::do_redit,     DEAD,     0,  Normal, SHOWN),
    cmd("medit",       olc::medit::do_medit,     DEAD,     0,  Normal, SHOWN),
    cmd("aedit",       olc::aedit::do_aedit,     DEAD,     0,  Normal, SHOWN),
    cmd("oedit",       olc::oedit::do_oedit,     DEAD,     0,  Normal, SHOWN),
    cmd("mpedit",      olc::mpedit::do_mpedit,   DEAD,     0,  Normal, SHOWN),
    cmd("hedit",       olc::hedit::do_hedit,     DEAD,     0,  Normal, SHOWN),
    // ROM's set and vnum helpers under their old names (after ROM's rows,
    // so they take no abbreviation from them).
    cmd("mset",        act_wiz::do_mset,         DEAD,     L2, Always, SHOWN),
    cmd("oset",        act_wiz::do_oset,         DEAD,     L2, Always, SHOWN),
    cmd("rset",        act_wiz::do_rset,         DEAD,     L2, Always, SHOWN),
    cmd("sset",        act_wiz::do_sset,         DEAD,     L2, Always, SHOWN),
    cmd("mfind",       act_wiz::do_mfind,        DEAD,     L4, Normal, SHOWN),
    cmd("ofind",       act_wiz::do_ofind,        DEAD,     L4, Normal, SHOWN),
];

/// Find the command a typed word names, for a character of `trust`.
pub fn find_command(word: &str, trust: i32) -> Option<&'static Cmd> {
    if word.is_empty() {
        return None;
    }
    COMMANDS
        .iter()
        .find(|c| c.level <= trust && c.name.starts_with(word))
}

/// Split a line into the command word (lower-cased) and the rest, as ROM
/// does: a line starting with neither a letter nor a digit has that one
/// character as its command word (`'hi`, `.hi`, `:hi`).
pub fn split_command(line: &str) -> (String, &str) {
    let line = line.trim_start();
    match line.chars().next() {
        Some(c) if !c.is_alphanumeric() => (c.to_string(), line[c.len_utf8()..].trim_start()),
        _ => one_argument(line),
    }
}

/// Does this line (or the beginning of one) run a command whose arguments
/// are secret ([`Log::Never`], e.g. `password`)? Such lines are never logged
/// nor written into a copyover's state file. `at <where> <line>` is as
/// secret as the line it runs.
pub fn is_secret(line: &str, trust: i32) -> bool {
    let (word, rest) = split_command(line);
    match find_command(&word, trust) {
        Some(c) if c.log == Never => true,
        Some(c) if c.name == "at" => is_secret(one_argument(rest).1, trust),
        _ => false,
    }
}

/// Interpret one line typed by a playing character.
pub fn interpret(world: &mut World, ch: CharId, line: &str) {
    interpret_line(world, ch, line);
    mob_prog::run_heard(world);
}

fn interpret_line(world: &mut World, ch: CharId, line: &str) {
    let line = line.trim_start();
    if line.is_empty() {
        return;
    }
    // Hiding lasts only until the next command (rom-mechanics 6.11).
    if let Some(c) = world.ch_mut(ch) {
        c.affected_by &= !aff::HIDE;
    }
    // A frozen player can do nothing at all, not even a social.
    if world
        .ch(ch)
        .is_some_and(|c| !c.is_npc() && c.act & plr::FREEZE != 0)
    {
        world.send(ch, "You're totally frozen!\n");
        return;
    }
    let (word, rest) = split_command(line);
    let Some(c) = world.ch(ch) else { return };
    let trust = c.get_trust();
    let position = c.position;
    let Some(cmd) = find_command(&word, trust) else {
        if !act_comm::check_social(world, ch, &word, rest) {
            world.send(ch, "Huh?\n");
        }
        return;
    };
    let watched = world.log_all || world.ch(ch).is_some_and(|c| c.act & plr::LOG != 0);
    let logged = match cmd.log {
        Always => true,
        Normal => trust >= LEVEL_IMMORTAL || watched,
        Never => false,
    };
    if logged && !is_secret(line, trust) {
        let name = world.ch(ch).map(|c| c.name.clone()).unwrap_or_default();
        let entry = format!("Log {name}: {line}");
        wiznet::wiznet(world, &entry, Some(ch), None, wiznet::SECURE, 0, trust);
        world.log(entry);
    }
    if position < cmd.min_pos {
        let msg = match position {
            pos::DEAD => "Lie still; you are DEAD.\n",
            pos::MORTAL | pos::INCAP => "You are hurt far too bad for that.\n",
            pos::STUNNED => "You are too stunned to do that.\n",
            pos::SLEEPING => "In your dreams, or what?\n",
            pos::RESTING => "Nah... You feel too relaxed...\n",
            pos::SITTING => "Better stand up first.\n",
            pos::FIGHTING => "No way!  You are still fighting!\n",
            _ => "You can't do that right now.\n",
        };
        world.send(ch, msg);
        return;
    }
    (cmd.func)(world, ch, rest);
}

/// The names of the shown commands in `levels` that `ch` may use, six to a
/// row of twelve columns (ROM's `commands` and `wizhelp` layout).
fn command_columns(world: &World, ch: CharId, levels: std::ops::Range<i32>) -> String {
    let trust = world.ch(ch).map_or(0, |c| c.get_trust());
    let mut out = String::new();
    let mut col = 0;
    for cmd in COMMANDS {
        if !cmd.show || !levels.contains(&cmd.level) || cmd.level > trust {
            continue;
        }
        out.push_str(&format!("{:<12}", cmd.name));
        col += 1;
        if col % 6 == 0 {
            out.push('\n');
        }
    }
    if col % 6 != 0 {
        out.push('\n');
    }
    out
}

/// `commands`: the mortal commands (below hero level) `ch` may use.
pub fn do_commands(world: &mut World, ch: CharId, _arg: &str) {
    let text = command_columns(world, ch, 0..LEVEL_HERO);
    world.send(ch, &text);
}

/// `wizhelp`: the immortal commands (hero level and up) `ch`'s trust allows.
pub fn do_wizhelp(world: &mut World, ch: CharId, _arg: &str) {
    let text = command_columns(world, ch, LEVEL_HERO..MAX_LEVEL + 1);
    world.send(ch, &text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{AreaProto, Char, ConnId, PcData, Protos, RoomProto, RoomVnum};

    fn name(word: &str, trust: i32) -> Option<&'static str> {
        find_command(word, trust).map(|c| c.name)
    }

    #[test]
    fn abbreviations_follow_rom_table_order() {
        assert_eq!(name("n", 1), Some("north"));
        assert_eq!(name("l", 1), Some("look"));
        assert_eq!(name("g", 1), Some("get"));
        assert_eq!(name("i", 1), Some("inventory"));
        // ROM lists `hit` (17) before `help`, so `h` hits.
        assert_eq!(name("h", 1), Some("hit"));
        assert_eq!(name("he", 1), Some("help"));
        assert_eq!(name("k", 1), Some("kill"));
        assert_eq!(name("sc", 1), Some("scan"));
        assert_eq!(name("sco", 1), Some("score"));
        // ROM lists `clan` (21) among the common commands, before `close`.
        assert_eq!(name("cl", 1), Some("clan"));
        assert_eq!(name("clo", 1), Some("close"));
        // ROM lists `show` (53) among the informational commands, before `shout`.
        assert_eq!(name("sh", 60), Some("show"));
        assert_eq!(name("sho", 60), Some("show"));
        assert_eq!(name("shou", 60), Some("shout"));
        assert_eq!(name("wiz", 60), Some("wizhelp"));
        assert!(name("goto", 1).is_none());
        assert_eq!(name("goto", 60), Some("goto"));
    }

    #[test]
    fn quit_has_to_be_spelled_out() {
        // ROM's order: `q` and `qu` are question, `qui` is quiet.
        for word in ["q", "qu"] {
            assert_eq!(name(word, 1), Some("question"), "{word}");
            assert_eq!(name(word, 60), Some("question"), "{word}");
        }
        assert_eq!(name("qui", 1), Some("quiet"));
        assert_eq!(name("qui", 60), Some("quiet"));
        assert_eq!(name("quit", 1), Some("quit"));
    }

    #[test]
    fn levels_and_positions_are_roms() {
        let row = |n: &str| {
            COMMANDS
                .iter()
                .find(|c| c.name == n)
                .map(|c| (c.level, c.min_pos))
        };
        assert_eq!(row("at"), Some((54, DEAD)));
        assert_eq!(row("goto"), Some((52, DEAD)));
        assert_eq!(row("stat"), Some((52, DEAD)));
        assert_eq!(row("transfer"), Some((55, DEAD)));
        assert_eq!(row("restore"), Some((56, DEAD)));
        assert_eq!(row("load"), Some((56, DEAD)));
        assert_eq!(row("purge"), Some((56, DEAD)));
        assert_eq!(row("wizlock"), Some((58, DEAD)));
        assert_eq!(row("shutdown"), Some((59, DEAD)));
        assert_eq!(row("advance"), Some((60, DEAD)));
        for (n, level) in [
            ("trust", 60),
            ("violate", 60),
            ("allow", 58),
            ("ban", 58),
            ("deny", 59),
            ("disconnect", 57),
            ("freeze", 56),
            ("permban", 59),
            ("protect", 59),
            ("reboot", 59),
            ("set", 58),
            ("force", 53),
            ("newlock", 56),
            ("pecho", 56),
            ("pardon", 57),
            ("poofin", 52),
            ("poofout", 52),
            ("gecho", 56),
            ("holylight", 52),
            ("incognito", 52),
            ("invis", 52),
            ("log", 59),
            ("memory", 52),
            ("mwhere", 52),
            ("owhere", 52),
            ("echo", 54),
            ("return", 54),
            ("snoop", 55),
            ("string", 55),
            ("switch", 54),
            ("wizinvis", 52),
            ("vnum", 56),
            ("zecho", 56),
            ("clone", 55),
            ("wiznet", 52),
            ("smote", 52),
            ("prefix", 52),
            ("sockets", 56),
        ] {
            assert_eq!(row(n), Some((level, DEAD)), "{n}");
        }
        // ROM's order of the immortal rows decides their abbreviations.
        assert_eq!(name("sno", 60), Some("snoop"));
        assert_eq!(name("sw", 60), Some("switch"));
        assert_eq!(name("ret", 60), Some("return"));
        assert_eq!(name("pre", 60), Some("prefi"));
        assert_eq!(row("wizhelp"), Some((52, DEAD)));
        assert_eq!(row("shout"), Some((3, RESTING)));
        assert_eq!(row("scan"), Some((0, SLEEPING)));
        assert_eq!(row("reply"), Some((0, SLEEPING)));
        assert!(name("shout", 2).is_none());
        assert_eq!((IM, L8, L1, ML, HE), (52, 52, 59, 60, 51));
    }

    #[test]
    fn the_table_is_sound() {
        for (i, c) in COMMANDS.iter().enumerate() {
            assert!(!c.name.is_empty(), "row {i}");
            assert!(
                COMMANDS[..i].iter().all(|d| d.name != c.name),
                "{} twice",
                c.name
            );
            assert!((0..=MAX_LEVEL).contains(&c.level), "{}", c.name);
            // Punctuation rows are never listed.
            if !c.name.starts_with(|x: char| x.is_alphanumeric()) {
                assert!(!c.show, "{}", c.name);
            }
        }
        let secret: Vec<&str> = COMMANDS
            .iter()
            .filter(|c| c.log == Never)
            .map(|c| c.name)
            .collect();
        assert_eq!(secret, ["password", "mob"]);
    }

    #[test]
    fn punctuation_commands_need_no_space() {
        for (line, word, rest) in [
            ("'hello there", "'", "hello there"),
            (".hi all", ".", "hi all"),
            (",grins.", ",", "grins."),
            (";  wait up", ";", "wait up"),
            (":psst", ":", "psst"),
            ("/", "/", ""),
            ("  Look  north", "look", "north"),
        ] {
            assert_eq!(split_command(line), (word.to_string(), rest), "{line}");
        }
        assert_eq!(name(".", 1), Some("."));
        assert_eq!(name(",", 1), Some(","));
        assert_eq!(name(";", 1), Some(";"));
        assert!(name(":", 1).is_none(), "immtalk is for immortals");
        assert_eq!(name(":", 52), Some(":"));
    }

    #[test]
    fn secrets_follow_the_log_flag() {
        assert!(is_secret("password old new", 1));
        assert!(is_secret("  pass old new", 1));
        assert!(is_secret("PASSWORD", 1));
        assert!(!is_secret("say my password is long", 1));
        assert!(!is_secret("north", 1));
        assert!(!is_secret("", 1));
        assert!(is_secret("at 3001 password old new", 60));
        assert!(is_secret("at 'the hall' password old new", 60));
        assert!(!is_secret("at 3001 say hi", 60));
    }

    fn world_with(level: i32) -> (World, CharId) {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            name: "Test".into(),
            low_vnum: 1,
            high_vnum: 10,
            ..Default::default()
        });
        p.rooms.insert(
            RoomVnum(1),
            RoomProto {
                vnum: RoomVnum(1),
                name: "A room".into(),
                ..Default::default()
            },
        );
        let mut w = World::new(p, 1);
        let ch = w.chars.insert(Char {
            name: "Zed".into(),
            pc: Some(Box::new(PcData::default())),
            conn: Some(ConnId(1)),
            level,
            position: pos::STANDING,
            ..Default::default()
        });
        w.players.push(ch);
        w.char_to_room(ch, RoomVnum(1));
        (w, ch)
    }

    fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    #[test]
    fn qui_asks_for_quit_in_full() {
        let (mut w, ch) = world_with(1);
        // ROM's order: `q`, `qu` toggle the Q/A channel, `qui` quiet mode.
        interpret(&mut w, ch, "q");
        assert_eq!(out(&mut w, ch), "Q/A channel is now OFF.\n");
        interpret(&mut w, ch, "qu");
        assert_eq!(out(&mut w, ch), "Q/A channel is now ON.\n");
        interpret(&mut w, ch, "qui");
        assert_eq!(
            out(&mut w, ch),
            "From now on, you will only hear says and emotes.\n"
        );
        assert!(w.requests.is_empty(), "{:?}", w.requests);
    }

    #[test]
    fn passwords_are_never_logged() {
        let (mut w, ch) = world_with(60);
        interpret(&mut w, ch, "password OldSecret NewSecret");
        interpret(&mut w, ch, "at 1 pass OldSecret NewSecret");
        interpret(&mut w, ch, "say hello");
        assert!(w.log.iter().all(|l| !l.contains("Secret")), "{:?}", w.log);
        assert!(
            w.log.iter().any(|l| l == "Log Zed: say hello"),
            "{:?}",
            w.log
        );
        // Mortals: `always` commands only.
        let (mut w, ch) = world_with(1);
        interpret(&mut w, ch, "say hello");
        interpret(&mut w, ch, "password OldSecret NewSecret");
        assert!(w.log.is_empty(), "{:?}", w.log);
    }

    #[test]
    fn commands_and_wizhelp_split_by_level() {
        let (mut w, ch) = world_with(1);
        do_commands(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(
            text.starts_with(
                "cast        auction     buy         channels    exits       get         "
            ),
            "{text}"
        );
        for hidden in ["north", "qui ", "goto", "stat", "wizhelp", "'", "."] {
            assert!(!text.contains(hidden), "{hidden} in {text}");
        }
        assert!(text.contains("scan") && text.contains("quit"), "{text}");
        assert_eq!(name("wizhelp", 1), None);
        // An avatar sees the level-52 commands only; the implementor all.
        let (mut w, ch) = world_with(52);
        do_wizhelp(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            [
                "goto",
                "wizhelp",
                "poofin",
                "poofout",
                "holylight",
                "incognito",
                "memory",
                "mwhere",
                "owhere",
                "stat",
                "wizinvis",
                "wiznet",
                "immtalk",
                "imotd",
                "smote",
                "prefix",
                "mpdump",
                "mpstat"
            ]
        );
        do_commands(&mut w, ch, "");
        assert!(!out(&mut w, ch).contains("goto"));
        let (mut w, ch) = world_with(60);
        do_wizhelp(&mut w, ch, "");
        let text = out(&mut w, ch);
        assert!(
            text.starts_with(
                "at          goto        guild       sockets     wizhelp     advance     \n"
            ),
            "{text}"
        );
        assert!(text.contains("restore") && !text.contains(":"), "{text}");
        assert!(text.lines().all(|l| l.len() <= 72), "{text}");
    }
}
