//! Player settings for how the game reaches their client: `colour`,
//! `compress`, `wrap`, `telnetga`, and `client` (what the client
//! negotiated; immortals may look at another player's).
//!
//! Settings live in `PcData.settings` (saved with the player) under the
//! keys `colour`, `compress`, `wrap` and `promptmark`, as `on`/`off`; the
//! game hands them to the net layer as [`Prefs`] with every output, and the
//! net layer carries them out (strips colour, finishes or re-offers MCCP,
//! wraps to the NAWS width, leaves out IAC GA/EOR).

use crate::engine::Prefs;
use crate::world::handler::one_argument;
use crate::world::{CharId, World};

/// A setting with its default.
fn setting(world: &World, ch: CharId, key: &str, default: bool) -> bool {
    world
        .ch(ch)
        .and_then(|c| c.pc.as_ref())
        .and_then(|p| p.settings.get(key))
        .map_or(default, |v| v == "on")
}

fn set(world: &mut World, ch: CharId, key: &str, on: bool) {
    if let Some(p) = world.ch_mut(ch).and_then(|c| c.pc.as_mut()) {
        p.settings
            .insert(key.to_string(), if on { "on" } else { "off" }.to_string());
    }
}

/// The player's settings as the net layer wants them.
pub fn prefs_of(world: &World, ch: CharId) -> Prefs {
    let d = Prefs::default();
    Prefs {
        colour: setting(world, ch, "colour", d.colour),
        wrap: setting(world, ch, "wrap", d.wrap),
        prompt_mark: setting(world, ch, "promptmark", d.prompt_mark),
        compress: setting(world, ch, "compress", d.compress),
    }
}

/// `on`, `off`, or nothing (toggle); anything else is `Err`.
fn choose(arg: &str, current: bool) -> Result<bool, ()> {
    let (word, _) = one_argument(arg);
    match word.as_str() {
        "" => Ok(!current),
        "on" | "yes" | "1" => Ok(true),
        "off" | "no" | "0" => Ok(false),
        _ => Err(()),
    }
}

/// One on/off command: toggle or set `key`, then say `on_text`/`off_text`.
fn toggle(
    world: &mut World,
    ch: CharId,
    arg: &str,
    key: &str,
    default: bool,
    usage: &str,
    texts: (&str, &str),
) {
    if world.ch(ch).is_none_or(|c| c.is_npc()) {
        return;
    }
    let current = setting(world, ch, key, default);
    match choose(arg, current) {
        Ok(on) => {
            set(world, ch, key, on);
            world.send(ch, if on { texts.0 } else { texts.1 });
        }
        Err(()) => world.send(ch, usage),
    }
}

/// `colour [on|off]` (also `color`).
pub fn do_colour(world: &mut World, ch: CharId, arg: &str) {
    let reader = world
        .ch(ch)
        .and_then(|c| c.conn)
        .and_then(|conn| world.clients.get(&conn))
        .is_some_and(|i| i.screen_reader);
    toggle(
        world,
        ch,
        arg,
        "colour",
        true,
        "Syntax: colour [on|off]\n",
        ("Colour is now {rO{gN{x.\n", "Colour is now OFF.\n"),
    );
    if reader && setting(world, ch, "colour", true) {
        world.send(
            ch,
            "Your client announced a screen reader, so no colour is sent to it.\n",
        );
    }
}

/// `compress [on|off]`: MCCP compression.
pub fn do_compress(world: &mut World, ch: CharId, arg: &str) {
    toggle(
        world,
        ch,
        arg,
        "compress",
        true,
        "Syntax: compress [on|off]\n",
        (
            "Compression is now ON (when your client supports MCCP).\n",
            "Compression is now OFF.\n",
        ),
    );
}

/// `wrap [on|off]`: wrap long lines to the client's window width.
pub fn do_wrap(world: &mut World, ch: CharId, arg: &str) {
    toggle(
        world,
        ch,
        arg,
        "wrap",
        false,
        "Syntax: wrap [on|off]\n",
        (
            "Long lines are now wrapped to your window width.\n",
            "Long lines are no longer wrapped.\n",
        ),
    );
    let width = world
        .ch(ch)
        .and_then(|c| c.conn)
        .and_then(|conn| world.clients.get(&conn))
        .map_or(0, |i| i.width);
    if setting(world, ch, "wrap", false) && width < crate::net::descriptor::MIN_WRAP_WIDTH {
        world.send(
            ch,
            "Your client has not told us its window width (NAWS), so nothing will be wrapped.\n",
        );
    }
}

/// `telnetga [on|off]`: mark the end of prompts (IAC GA or IAC EOR).
pub fn do_telnetga(world: &mut World, ch: CharId, arg: &str) {
    toggle(
        world,
        ch,
        arg,
        "promptmark",
        true,
        "Syntax: telnetga [on|off]\n",
        (
            "Prompts are now marked (telnet GA/EOR).\n",
            "Prompts are no longer marked.\n",
        ),
    );
}

/// `client [player]`: what a client negotiated.
pub fn do_client(world: &mut World, ch: CharId, arg: &str) {
    let Some(me) = world.ch(ch) else { return };
    let (name, _) = one_argument(arg);
    let target = if name.is_empty() {
        Some(ch)
    } else if me.is_immortal() {
        world.players.iter().copied().find(|&p| {
            world
                .ch(p)
                .is_some_and(|c| c.name.eq_ignore_ascii_case(&name))
        })
    } else {
        world.send(ch, "You can only look at your own client.\n");
        return;
    };
    let Some(target) = target else {
        world.send(ch, "They aren't playing.\n");
        return;
    };
    let text = describe_client(world, target);
    world.send(ch, &text);
}

/// A few lines about a character's client (also for immortals' tools).
pub fn describe_client(world: &World, ch: CharId) -> String {
    let Some(c) = world.ch(ch) else {
        return String::new();
    };
    let Some(info) = c.conn.and_then(|conn| world.clients.get(&conn)) else {
        return format!("{} has no client information.\n", c.name);
    };
    let or_unknown = |s: &str| {
        if s.is_empty() {
            "unknown".to_string()
        } else {
            s.to_string()
        }
    };
    let yn = |b: bool| if b { "yes" } else { "no" };
    let prefs = prefs_of(world, ch);
    let mut s = format!(
        "Client: {}{}   Terminal: {}   MTTS: {}\n",
        or_unknown(&info.client),
        if info.version.is_empty() {
            String::new()
        } else {
            format!(" {}", info.version)
        },
        or_unknown(&info.terminal),
        info.mtts
    );
    s.push_str(&format!(
        "Window: {}   Charset: {}   Colours: {}   Screen reader: {}\n",
        if info.width == 0 {
            "unknown".to_string()
        } else {
            format!("{}x{}", info.width, info.height)
        },
        if info.utf8 { "UTF-8" } else { "7-bit ASCII" },
        match info.colours {
            0 => "none".to_string(),
            n if n > 256 => "truecolour".to_string(),
            n => n.to_string(),
        },
        yn(info.screen_reader)
    ));
    s.push_str(&format!(
        "GMCP: {}{}   MCCP: {}   Prompt end: {}\n",
        yn(info.gmcp),
        if info.gmcp_supports.is_empty() {
            String::new()
        } else {
            format!(" ({})", info.gmcp_supports.join(", "))
        },
        if info.mccp { "compressing" } else { "off" },
        if !prefs.prompt_mark {
            "unmarked"
        } else if info.eor {
            "IAC EOR"
        } else {
            "IAC GA"
        }
    ));
    s.push_str(&format!(
        "Settings: colour {}, compress {}, wrap {}, telnetga {}\n",
        on_off(prefs.colour),
        on_off(prefs.compress),
        on_off(prefs.wrap),
        on_off(prefs.prompt_mark)
    ));
    s
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}
