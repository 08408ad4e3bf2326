//! `medit`: the mobile editor (ROM OLC's `medit`, QuickMUD's sub-commands).
//!
//! `medit <vnum>` edits a mobile prototype, `medit create <vnum>` makes a
//! new one. Inside the editor the first word of a line is matched by prefix
//! against [`TABLE`] in ROM's order (`a` is `alignment`, `s` is `shop`).
//!
//! Every edit leaves the prototype in a state the area writer writes and
//! the loader reads back the same:
//! * the act flags always keep `npc` (the loader sets it on every mobile);
//! * armour is kept as ROM keeps it, ten times the file's number: `armor`
//!   takes and `show` shows those stored values, and a value is rounded
//!   toward zero to a multiple of ten (what a save and a reload would do);
//! * dice are `NdS+B` with N, S ≥ 1 and B ≥ 0 (ROM's rule; `0d0+0` is only
//!   the new mobile's default);
//! * the material is one word or a phrase without quotes (the file keeps it
//!   as a word); the long description ends with a line break, its first
//!   letter upper-cased, as the loader would make it;
//! * a shop's keeper is always the mobile.
//!
//! `race` adds the new race's flags, as ROM's `medit_race` does; the writer
//! records bits of the race a builder then removes.
//!
//! Numbering: `show` numbers mob programs from 0 in the order they are
//! kept (file order, the newest last); `delmprog` takes that number.

use super::oedit::{file_text, upper_first, whole_arg};
use super::string::{string_append, StringTarget};
use super::{
    area_of_vnum, flag_names, is_builder, mark_changed, parse_num, parse_vnum, set_editor,
    set_field, show_commands, toggle_flags, EdCmd, EditedProto, Editor,
};
use crate::db::tables::{
    self, flag_string, FlagName, ACT_FLAGS, AFFECT_FLAGS, ATTACKS, FORM_FLAGS, IRV_FLAGS,
    ITEM_TYPES, MOBPROG_TRIGGERS, OFF_FLAGS, PART_FLAGS, POSITIONS, SEXES, SIZES, SPEC_FUNS,
};
use crate::world::handler::one_argument;
use crate::world::rules::{race_lookup, RACES};
use crate::world::{
    pos, CharId, Dice, Flags, MobIndex, MobProgTrigger, MobProto, MobVnum, Shop, Size, World,
    ACT_IS_NPC,
};

/// The sub-commands, in ROM's table order (prefixes resolve in this order).
pub static TABLE: &[EdCmd<MobVnum>] = &[
    EdCmd {
        name: "alignment",
        func: alignment,
    },
    EdCmd {
        name: "commands",
        func: commands,
    },
    EdCmd {
        name: "create",
        func: create,
    },
    EdCmd {
        name: "desc",
        func: desc,
    },
    EdCmd {
        name: "level",
        func: level,
    },
    EdCmd {
        name: "long",
        func: long,
    },
    EdCmd {
        name: "name",
        func: name,
    },
    EdCmd {
        name: "shop",
        func: shop,
    },
    EdCmd {
        name: "short",
        func: short,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
    EdCmd {
        name: "spec",
        func: spec,
    },
    EdCmd {
        name: "sex",
        func: sex,
    },
    EdCmd {
        name: "act",
        func: act,
    },
    EdCmd {
        name: "affect",
        func: affect,
    },
    EdCmd {
        name: "armor",
        func: armor,
    },
    EdCmd {
        name: "form",
        func: form,
    },
    EdCmd {
        name: "part",
        func: part,
    },
    EdCmd {
        name: "imm",
        func: imm,
    },
    EdCmd {
        name: "res",
        func: res,
    },
    EdCmd {
        name: "vuln",
        func: vuln,
    },
    EdCmd {
        name: "material",
        func: material,
    },
    EdCmd {
        name: "off",
        func: off,
    },
    EdCmd {
        name: "size",
        func: size,
    },
    EdCmd {
        name: "hitdice",
        func: hitdice,
    },
    EdCmd {
        name: "manadice",
        func: manadice,
    },
    EdCmd {
        name: "damdice",
        func: damdice,
    },
    EdCmd {
        name: "race",
        func: race,
    },
    EdCmd {
        name: "position",
        func: position,
    },
    EdCmd {
        name: "wealth",
        func: wealth,
    },
    EdCmd {
        name: "hitroll",
        func: hitroll,
    },
    EdCmd {
        name: "damtype",
        func: damtype,
    },
    EdCmd {
        name: "group",
        func: group,
    },
    EdCmd {
        name: "addmprog",
        func: addmprog,
    },
    EdCmd {
        name: "delmprog",
        func: delmprog,
    },
];

fn proto(world: &World, v: MobVnum) -> Option<&MobProto> {
    world.mob_index.get(&v).map(|m| &m.proto)
}

fn proto_mut(world: &mut World, v: MobVnum) -> Option<&mut MobProto> {
    v.proto_mut(world)
}

fn names<T>(table: &[T], name: fn(&T) -> &str) -> String {
    table.iter().map(name).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------

fn dice_text(d: &Dice) -> String {
    format!("{}d{}+{}", d.number, d.size, d.bonus)
}

/// ROM's `medit_show`: every field of the prototype, its shop and its
/// programs.
pub fn show(world: &mut World, ch: CharId, target: MobVnum, _arg: &str) {
    let Some(m) = proto(world, target) else {
        world.send(ch, "MEdit:  That mobile does not exist.\n");
        return;
    };
    let area_name = world
        .areas
        .get(m.area.0)
        .map_or("", |a| a.proto.name.as_str());
    let race = RACES.get(m.race).map_or("unique", |r| r.name);
    let sex = usize::try_from(m.sex)
        .ok()
        .and_then(|s| SEXES.get(s))
        .map_or("none", |w| w.0);
    let size = SIZES.get(m.size as usize).map_or("medium", |w| w.0);
    let dam = ATTACKS.get(m.dam_type).map_or("none", |a| a.name);
    let mut out = String::new();
    out.push_str(&format!("Name:        [{}]\n", m.keywords));
    out.push_str(&format!("Area:        [{:5}] {}\n", m.area.0, area_name));
    out.push_str(&format!(
        "Act:         [{}]\n",
        flag_string(ACT_FLAGS, m.act)
    ));
    out.push_str(&format!(
        "Vnum:        [{:5}] Sex:   [{sex}]   Race: [{race}]\n",
        m.vnum.0
    ));
    out.push_str(&format!(
        "Level:       [{:2}]    Align: [{:4}]   Hitroll: [{:2}]   Dam type: [{dam}]\n",
        m.level, m.alignment, m.hitroll
    ));
    out.push_str(&format!("Group:       [{:5}]\n", m.group));
    out.push_str(&format!(
        "Hit dice:    [{}]   Damage dice: [{}]   Mana dice: [{}]\n",
        dice_text(&m.hit),
        dice_text(&m.damage),
        dice_text(&m.mana)
    ));
    out.push_str(&format!(
        "Affected by: [{}]\n",
        flag_string(AFFECT_FLAGS, m.affected)
    ));
    out.push_str(&format!(
        "Armor:       [pierce: {}  bash: {}  slash: {}  magic: {}]\n",
        m.ac[0], m.ac[1], m.ac[2], m.ac[3]
    ));
    out.push_str(&format!(
        "Form:        [{}]\n",
        flag_string(FORM_FLAGS, m.form)
    ));
    out.push_str(&format!(
        "Parts:       [{}]\n",
        flag_string(PART_FLAGS, m.parts)
    ));
    out.push_str(&format!(
        "Imm:         [{}]\n",
        flag_string(IRV_FLAGS, m.imm)
    ));
    out.push_str(&format!(
        "Res:         [{}]\n",
        flag_string(IRV_FLAGS, m.res)
    ));
    out.push_str(&format!(
        "Vuln:        [{}]\n",
        flag_string(IRV_FLAGS, m.vuln)
    ));
    out.push_str(&format!(
        "Off:         [{}]\n",
        flag_string(OFF_FLAGS, m.off)
    ));
    out.push_str(&format!("Size:        [{size}]\n"));
    out.push_str(&format!("Material:    [{}]\n", m.material));
    out.push_str(&format!(
        "Start pos.:  [{}]\n",
        tables::position_name(m.start_pos)
    ));
    out.push_str(&format!(
        "Default pos.:[{}]\n",
        tables::position_name(m.default_pos)
    ));
    out.push_str(&format!("Wealth:      [{:5}]\n", m.wealth));
    out.push_str(&format!(
        "Spec fun:    [{}]\n",
        m.spec_fun.as_deref().unwrap_or("none")
    ));
    out.push_str(&format!("Short descr: {}\n", m.short_descr));
    out.push_str(&format!("Long descr:\n{}", m.long_descr));
    if !m.long_descr.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&format!("Description:\n{}", m.description));
    if !m.description.is_empty() && !m.description.ends_with('\n') {
        out.push('\n');
    }
    if let Some(s) = &m.shop {
        out.push_str(&format!("Shop data for [{:5}]:\n", s.keeper.0));
        out.push_str(&format!("  Markup for purchaser: {}%\n", s.profit_buy));
        out.push_str(&format!("  Markdown for seller:  {}%\n", s.profit_sell));
        out.push_str(&format!("  Hours: {} to {}.\n", s.open_hour, s.close_hour));
        if s.buy_types.iter().any(|&t| t != 0) {
            out.push_str("  Number Trades Type\n  ------ -----------\n");
        }
        for (i, &t) in s.buy_types.iter().enumerate().filter(|(_, &t)| t != 0) {
            out.push_str(&format!("  [{i:4}] {}\n", tables::item_type_name(t)));
        }
    }
    if !m.progs.is_empty() {
        out.push_str(&format!(
            "MOBPrograms for [{:5}]:\n Number Vnum Trigger Phrase\n ------ ---- ------- ------\n",
            m.vnum.0
        ));
        for (i, p) in m.progs.iter().enumerate() {
            out.push_str(&format!(
                "[{i:5}] {:4} {:>7} {}\n",
                p.prog, p.trigger, p.phrase
            ));
        }
    }
    world.send(ch, &out);
}

fn show_cmd(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    show(world, ch, v, arg);
    false
}

fn commands(world: &mut World, ch: CharId, _v: MobVnum, _arg: &str) -> bool {
    show_commands(world, ch, TABLE);
    false
}

// ---------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------

fn set_text(
    world: &mut World,
    ch: CharId,
    v: MobVnum,
    text: &str,
    syntax: &str,
    done: &str,
    field: fn(&mut MobProto) -> &mut String,
) -> bool {
    let text = (!text.is_empty()).then(|| file_text(text));
    set_field(world, ch, v, text, (syntax, done), field)
}

fn name(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        arg.trim(),
        "Syntax:  name [string]\n",
        "Name set.\n",
        |m| &mut m.keywords,
    )
}

fn short(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        arg.trim(),
        "Syntax:  short [string]\n",
        "Short description set.\n",
        |m| &mut m.short_descr,
    )
}

fn long(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let text = arg.trim();
    let text = if text.is_empty() {
        String::new()
    } else {
        format!("{}\n", upper_first(text))
    };
    set_text(
        world,
        ch,
        v,
        &text,
        "Syntax:  long [string]\n",
        "Long description set.\n",
        |m| &mut m.long_descr,
    )
}

fn material(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let text = whole_arg(arg);
    if text.contains(['\'', '"']) {
        world.send(ch, "MEdit:  A material cannot hold quotes.\n");
        return false;
    }
    // The file keeps the material as one word, of at most MAX_WORD bytes.
    if text.chars().count() > crate::db::reader::MAX_WORD {
        world.send(ch, "MEdit:  That material is too long.\n");
        return false;
    }
    set_text(
        world,
        ch,
        v,
        &text,
        "Syntax:  material [string]\n",
        "Material set.\n",
        |m| &mut m.material,
    )
}

fn desc(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    if !arg.trim().is_empty() {
        world.send(ch, "Syntax:  desc    - line edit\n");
        return false;
    }
    // The text editor marks the area changed as the text changes.
    string_append(world, ch, StringTarget::MobDesc(v));
    false
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

fn set_number(
    world: &mut World,
    ch: CharId,
    v: MobVnum,
    n: Option<i32>,
    syntax: &str,
    done: &str,
    field: fn(&mut MobProto) -> &mut i32,
) -> bool {
    set_field(world, ch, v, n, (syntax, done), field)
}

fn alignment(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        parse_num(arg).filter(|n| (-1000..=1000).contains(n)),
        "Syntax:  alignment [number -1000..1000]\n",
        "Alignment set.\n",
        |m| &mut m.alignment,
    )
}

fn level(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        parse_num(arg).filter(|&n| n >= 0),
        "Syntax:  level [number]\n",
        "Level set.\n",
        |m| &mut m.level,
    )
}

fn wealth(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        parse_num(arg).filter(|&n| n >= 0),
        "Syntax:  wealth [number]\n",
        "Wealth set.\n",
        |m| &mut m.wealth,
    )
}

fn hitroll(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        parse_num(arg),
        "Syntax:  hitroll [number]\n",
        "Hitroll set.\n",
        |m| &mut m.hitroll,
    )
}

fn group(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        parse_num(arg),
        "Syntax:  group [number]\n",
        "Group set.\n",
        |m| &mut m.group,
    )
}

/// `armor <pierce> [bash] [slash] [exotic]`: ROM's `medit_ac`. The values
/// are the stored ones (ten times the file's); missing ones stay.
fn armor(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    const SYNTAX: &str = "Syntax:  armor [ac-pierce [ac-bash [ac-slash [ac-exotic]]]]\n\
                          (stored values, ten times the area file's: -100 is the file's -10)\n";
    let words: Vec<&str> = arg.split_whitespace().collect();
    let parsed: Option<Vec<i32>> = words.iter().map(|w| parse_num(w)).collect();
    let Some(parsed) = parsed.filter(|p| (1..=4).contains(&p.len())) else {
        world.send(ch, SYNTAX);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    let mut rounded = false;
    for (slot, &n) in m.ac.iter_mut().zip(&parsed) {
        let stored = n / 10 * 10;
        rounded |= stored != n;
        *slot = stored;
    }
    let [p, b, s, e] = m.ac;
    if rounded {
        world.send(
            ch,
            &format!("Ac set to {p} {b} {s} {e} (area files keep multiples of ten).\n"),
        );
    } else {
        world.send(ch, "Ac set.\n");
    }
    true
}

/// `NdS+B` (blanks allowed between the parts; `+B` may be left out).
fn parse_dice(arg: &str) -> Option<Dice> {
    let s: String = arg.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.to_ascii_lowercase();
    let (number, rest) = s.split_once('d')?;
    let (size, bonus) = match rest.split_once('+') {
        Some((size, bonus)) => (size, bonus),
        None => (rest, "0"),
    };
    let number: i32 = number.parse().ok()?;
    let size: i32 = size.parse().ok()?;
    let bonus: i32 = bonus.parse().ok()?;
    (number >= 1 && size >= 1 && bonus >= 0).then_some(Dice {
        number,
        size,
        bonus,
    })
}

fn set_dice(
    world: &mut World,
    ch: CharId,
    v: MobVnum,
    arg: &str,
    which: &str,
    field: fn(&mut MobProto) -> &mut Dice,
) -> bool {
    let Some(d) = parse_dice(arg) else {
        world.send(
            ch,
            &format!("Syntax:  {which}dice <number> d <type> + <bonus>\n"),
        );
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    *field(m) = d;
    let cap = upper_first(which);
    world.send(ch, &format!("{cap}dice set.\n"));
    true
}

fn hitdice(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_dice(world, ch, v, arg, "hit", |m| &mut m.hit)
}

fn manadice(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_dice(world, ch, v, arg, "mana", |m| &mut m.mana)
}

fn damdice(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    set_dice(world, ch, v, arg, "dam", |m| &mut m.damage)
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

fn sex(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    // ROM OLC's own words for none and either are taken too.
    let word = whole_arg(arg);
    let s = match word.to_ascii_lowercase().as_str() {
        "neutral" => Some(0),
        "random" => Some(3),
        w => tables::sex_lookup(w),
    };
    let Some(s) = s else {
        let text = format!("Syntax:  sex [sex]\nSexes: {}\n", names(SEXES, |w| w.0));
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    m.sex = s;
    world.send(ch, "Sex set.\n");
    true
}

fn size(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let Some(s) = tables::size_lookup(&whole_arg(arg)) else {
        let text = format!("Syntax:  size [size]\nSizes: {}\n", names(SIZES, |w| w.0));
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    m.size = s;
    world.send(ch, "Size set.\n");
    true
}

fn damtype(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let Some(d) = tables::attack_lookup(&whole_arg(arg)) else {
        let text = format!(
            "Syntax:  damtype [damage message]\nAttacks: {}\n",
            names(ATTACKS, |a| a.name)
        );
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    m.dam_type = d;
    world.send(ch, "Damage type set.\n");
    true
}

fn spec(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let word = whole_arg(arg);
    let new = if word.eq_ignore_ascii_case("none") {
        None
    } else if let Some(s) = tables::spec_lookup(&word) {
        Some(s.to_string())
    } else {
        let text = format!(
            "Syntax:  spec [special function|none]\nFunctions: {}\n",
            names(SPEC_FUNS, |w| w.0)
        );
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    let removed = new.is_none();
    m.spec_fun = new;
    world.send(
        ch,
        if removed {
            "Spec removed.\n"
        } else {
            "Spec set.\n"
        },
    );
    true
}

fn race(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let Some(r) = race_lookup(&whole_arg(arg)) else {
        let text = format!(
            "Syntax:  race [race]\nRaces: {}\n",
            names(RACES, |r| r.name)
        );
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    let rc = &RACES[r];
    m.race = r;
    m.act |= rc.act;
    m.affected |= rc.aff;
    m.off |= rc.off;
    m.imm |= rc.imm;
    m.res |= rc.res;
    m.vuln |= rc.vuln;
    m.form |= rc.form;
    m.parts |= rc.parts;
    world.send(ch, "Race set.\n");
    true
}

fn position(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let (which, rest) = one_argument(arg);
    let p = tables::position_lookup(&whole_arg(rest));
    let start = !which.is_empty() && "start".starts_with(which.as_str());
    let default = !which.is_empty() && "default".starts_with(which.as_str());
    let (Some(p), true) = (p, start || default) else {
        let text = format!(
            "Syntax:  position [start|default] [position]\nPositions: {}\n",
            names(POSITIONS, |p| p.short_name)
        );
        world.send(ch, &text);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    if start {
        m.start_pos = p;
        world.send(ch, "Start position set.\n");
    } else {
        m.default_pos = p;
        world.send(ch, "Default position set.\n");
    }
    true
}

// ---------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------

fn toggle(
    world: &mut World,
    ch: CharId,
    v: MobVnum,
    arg: &str,
    (what, table, done): (&str, &[FlagName], &str),
    field: fn(&mut MobProto) -> &mut Flags,
) -> bool {
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    let Some(bits) = toggle_flags(table, *field(m), arg) else {
        world.send(
            ch,
            &format!("Syntax:  {what} [flag]\nFlags:\n{}", flag_names(table)),
        );
        return false;
    };
    *field(m) = bits;
    // Every mobile is an NPC: the loader sets the bit whatever the file says.
    m.act |= ACT_IS_NPC;
    world.send(ch, done);
    true
}

fn act(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("act", ACT_FLAGS, "Act flag toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.act)
}

fn affect(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("affect", AFFECT_FLAGS, "Affect flag toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.affected)
}

fn form(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("form", FORM_FLAGS, "Form toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.form)
}

fn part(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("part", PART_FLAGS, "Parts toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.parts)
}

fn imm(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("imm", IRV_FLAGS, "Immunity toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.imm)
}

fn res(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("res", IRV_FLAGS, "Resistance toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.res)
}

fn vuln(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("vuln", IRV_FLAGS, "Vulnerability toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.vuln)
}

fn off(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let how = ("off", OFF_FLAGS, "Offensive behaviour toggled.\n");
    toggle(world, ch, v, arg, how, |m| &mut m.off)
}

// ---------------------------------------------------------------------------
// Shop
// ---------------------------------------------------------------------------

const SHOP_SYNTAX: &str = "Syntax:  shop hours [#opening] [#closing]\n\
                           \x20        shop profit [#buying%] [#selling%]\n\
                           \x20        shop type [#0-4] [item type|none]\n\
                           \x20        shop delete\n";

/// ROM's `medit_shop`. A shop is made by the first `hours`, `profit` or
/// `type` (open 0 to 23, 100% both ways, buying nothing).
fn shop(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let (cmd, rest) = one_argument(arg);
    let (a1, rest) = one_argument(rest);
    let (a2, _) = one_argument(rest);
    enum Change {
        Hours(i32, i32),
        Profit(i32, i32),
        Type(usize, i32),
        Delete,
    }
    let change = match cmd.as_str() {
        "hours" => match (parse_num(&a1), parse_num(&a2)) {
            (Some(o), Some(c)) if (0..=23).contains(&o) && (0..=23).contains(&c) => {
                Some(Change::Hours(o, c))
            }
            _ => None,
        },
        "profit" => match (parse_num(&a1), parse_num(&a2)) {
            (Some(b), Some(s)) if b >= 0 && s >= 0 => Some(Change::Profit(b, s)),
            _ => None,
        },
        "type" => {
            let slot = a1.parse::<usize>().ok().filter(|&s| s < 5);
            let t = if a2 == "none" {
                Some(0)
            } else {
                tables::item_type_lookup(&a2).map(|t| t.number)
            };
            match (slot, t) {
                (Some(s), Some(t)) => Some(Change::Type(s, t)),
                (Some(_), None) if !a2.is_empty() => {
                    let text = format!(
                        "MEdit:  That type of item is not known.\nTypes: {}\n",
                        names(ITEM_TYPES, |t| t.name)
                    );
                    world.send(ch, &text);
                    return false;
                }
                _ => None,
            }
        }
        "delete" => Some(Change::Delete),
        _ => None,
    };
    let Some(change) = change else {
        world.send(ch, SHOP_SYNTAX);
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    if let Change::Delete = change {
        if m.shop.take().is_none() {
            world.send(ch, "MEdit:  This mobile has no shop.\n");
            return false;
        }
        world.send(ch, "Shop deleted.\n");
        return true;
    }
    let s = m.shop.get_or_insert(Shop {
        keeper: v,
        buy_types: [0; 5],
        profit_buy: 100,
        profit_sell: 100,
        open_hour: 0,
        close_hour: 23,
    });
    s.keeper = v;
    let msg = match change {
        Change::Hours(o, c) => {
            s.open_hour = o;
            s.close_hour = c;
            "Shop hours set.\n"
        }
        Change::Profit(b, sell) => {
            s.profit_buy = b;
            s.profit_sell = sell;
            "Shop profit set.\n"
        }
        Change::Type(slot, t) => {
            s.buy_types[slot] = t;
            "Shop type set.\n"
        }
        Change::Delete => "",
    };
    world.send(ch, msg);
    true
}

// ---------------------------------------------------------------------------
// Mob programs
// ---------------------------------------------------------------------------

fn addmprog(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let (num, rest) = one_argument(arg);
    let (trigger, rest) = one_argument(rest);
    let phrase = rest.trim();
    let (Some(prog), false, false) = (parse_vnum(&num), trigger.is_empty(), phrase.is_empty())
    else {
        world.send(ch, "Syntax:  addmprog [vnum] [trigger] [phrase]\n");
        return false;
    };
    let Some(t) = tables::trigger_lookup(&trigger) else {
        let text = format!(
            "Valid triggers are: {}\n",
            names(MOBPROG_TRIGGERS, |f| f.name)
        );
        world.send(ch, &text);
        return false;
    };
    if !world.mobprogs.contains_key(&prog) {
        world.send(ch, "MEdit: No such MOBProgram.\n");
        return false;
    }
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    m.progs.push(MobProgTrigger {
        trigger: t.name.to_string(),
        prog,
        phrase: file_text(phrase),
    });
    world.send(ch, "Mprog Added.\n");
    true
}

fn delmprog(world: &mut World, ch: CharId, v: MobVnum, arg: &str) -> bool {
    let Some(n) = one_argument(arg).0.parse::<usize>().ok() else {
        world.send(ch, "Syntax:  delmprog [#mprog]\n");
        return false;
    };
    let Some(m) = proto_mut(world, v) else {
        return false;
    };
    if n >= m.progs.len() {
        world.send(ch, "MEdit:  No such mprog.\n");
        return false;
    }
    m.progs.remove(n);
    world.send(ch, "Mprog removed.\n");
    true
}

// ---------------------------------------------------------------------------
// Entering the editor, creating
// ---------------------------------------------------------------------------

/// The prototype ROM's `new_mob_index` makes, with the human race's flags
/// (what the loader gives a human written with no flags of its own).
fn new_mob(v: MobVnum, area: crate::world::AreaId) -> MobProto {
    let race = race_lookup("human").unwrap_or(0);
    let r = &RACES[race];
    MobProto {
        vnum: v,
        area,
        keywords: "no name".into(),
        short_descr: "(no short description)".into(),
        long_descr: "(no long description)\n".into(),
        race,
        act: ACT_IS_NPC | r.act,
        affected: r.aff,
        off: r.off,
        imm: r.imm,
        res: r.res,
        vuln: r.vuln,
        form: r.form,
        parts: r.parts,
        start_pos: pos::STANDING,
        default_pos: pos::STANDING,
        size: Size::Medium,
        material: "unknown".into(),
        ..Default::default()
    }
}

/// ROM's `medit_create`: a new prototype at the vnum `arg` names, in its
/// area; the builder then edits it.
fn create_mob(world: &mut World, ch: CharId, arg: &str) -> Option<MobVnum> {
    let Some(vnum) = parse_vnum(arg) else {
        world.send(ch, "Syntax:  medit create [vnum]\n");
        return None;
    };
    let Some(area) = area_of_vnum(world, vnum) else {
        world.send(ch, "MEdit:  That vnum is not assigned an area.\n");
        return None;
    };
    if !is_builder(world, ch, area) {
        world.send(ch, "MEdit:  Vnum in an area you cannot build in.\n");
        return None;
    }
    let v = MobVnum(vnum);
    if world.mob_index.contains_key(&v) {
        world.send(ch, "MEdit:  Mobile vnum already exists.\n");
        return None;
    }
    world.mob_index.insert(
        v,
        MobIndex {
            proto: new_mob(v, area),
            count: 0,
        },
    );
    mark_changed(world, area);
    set_editor(world, ch, Some(Editor::Mob(v)));
    world.send(ch, "Mobile Created.\n");
    Some(v)
}

fn create(world: &mut World, ch: CharId, _v: MobVnum, arg: &str) -> bool {
    // The new mobile's area is marked by `create_mob`.
    create_mob(world, ch, arg);
    false
}

/// `medit <vnum>` / `medit create <vnum>`: enter the mobile editor.
pub fn do_medit(world: &mut World, ch: CharId, argument: &str) {
    super::enter_vnum_editor(
        world,
        ch,
        argument,
        &super::VnumEditor {
            name: "MEdit",
            noun: "mobile",
            plural: "mobiles",
            create: |w, c, a| {
                create_mob(w, c, a);
            },
            area_of: |w, v| w.mob_index.get(&MobVnum(v)).map(|x| x.proto.area),
            editor: |v| Editor::Mob(MobVnum(v)),
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::game::olc::editor_of;
    use crate::game::olc::oedit::tests::{builder, lines, out, reload, world};
    use crate::world::{AreaId, Char, ConnId};

    /// The guard of the test world (150): a human as the loader makes one.
    pub(crate) fn guard() -> MobProto {
        let mut m = new_mob(MobVnum(150), AreaId(0));
        m.keywords = "guard".into();
        m.short_descr = "the guard".into();
        m.long_descr = "A guard stands here.\n".into();
        m.level = 5;
        m.hit = Dice {
            number: 2,
            size: 8,
            bonus: 10,
        };
        m.ac = [-10, -10, -10, 0];
        m
    }

    fn canon(m: &MobProto) -> String {
        let mut m = m.clone();
        m.origin = Default::default();
        format!("{m:?}")
    }

    fn mob(w: &World, v: i32) -> &MobProto {
        &w.mob_index[&MobVnum(v)].proto
    }

    #[test]
    fn create_makes_a_default_mobile_and_enters_the_editor() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "create 130");
        assert_eq!(out(&mut w, b), "Mobile Created.\n");
        assert_eq!(editor_of(&w, b), Some(Editor::Mob(MobVnum(130))));
        assert!(w.areas[0].changed);
        let m = mob(&w, 130);
        assert_eq!(m.keywords, "no name");
        assert_eq!(m.short_descr, "(no short description)");
        assert_eq!(m.long_descr, "(no long description)\n");
        assert_eq!(RACES[m.race].name, "human");
        assert!(m.act & ACT_IS_NPC != 0);
        assert_eq!(m.start_pos, pos::STANDING);
        assert_eq!(m.default_pos, pos::STANDING);
        assert_eq!(m.size, Size::Medium);
        assert_eq!(m.material, "unknown");
        assert_eq!((m.level, m.sex), (0, 0));
        let p = reload(&w);
        assert_eq!(canon(&p.mobs[&MobVnum(130)]), canon(mob(&w, 130)));
        lines(&mut w, b, &["create 131"]);
        assert_eq!(out(&mut w, b), "Mobile Created.\n");
        assert_eq!(editor_of(&w, b), Some(Editor::Mob(MobVnum(131))));
    }

    #[test]
    fn refusals() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "");
        assert!(out(&mut w, b).starts_with("MEdit:  There is no default mobile to edit.\n"));
        do_medit(&mut w, b, "create 5000");
        assert_eq!(
            out(&mut w, b),
            "MEdit:  That vnum is not assigned an area.\n"
        );
        do_medit(&mut w, b, "create 150");
        assert_eq!(out(&mut w, b), "MEdit:  Mobile vnum already exists.\n");
        do_medit(&mut w, b, "151");
        assert_eq!(out(&mut w, b), "MEdit:  That vnum does not exist.\n");
        assert!(!w.areas[0].changed);
        let low = builder(&mut w, "Low", 1);
        do_medit(&mut w, low, "150");
        assert_eq!(
            out(&mut w, low),
            "Insufficient security to modify mobiles.\n"
        );
        do_medit(&mut w, low, "create 131");
        assert_eq!(
            out(&mut w, low),
            "MEdit:  Vnum in an area you cannot build in.\n"
        );
        assert_eq!(editor_of(&w, low), None);
        // A builder named on the area's list may, whatever the security.
        w.areas[0].proto.builders = "Low".into();
        do_medit(&mut w, low, "150");
        assert_eq!(editor_of(&w, low), Some(Editor::Mob(MobVnum(150))));
        let mobile = w.chars.insert(Char {
            name: "mob".into(),
            conn: Some(ConnId(2)),
            ..Default::default()
        });
        do_medit(&mut w, mobile, "create 132");
        assert!(!w.mob_index.contains_key(&MobVnum(132)));
    }

    #[test]
    fn strings_numbers_and_words() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(
            &mut w,
            b,
            &[
                "name captain guard",
                "short the captain",
                "long the captain of the guard stands here.",
                "alignment -350",
                "level 20",
                "wealth 400",
                "hitroll 3",
                "group 7",
                "sex female",
                "size large",
                "damtype slash",
                "material steel",
                "position start sleeping",
                "position default rest",
                "spec spec_guard",
            ],
        );
        let m = mob(&w, 150);
        assert_eq!(m.keywords, "captain guard");
        assert_eq!(m.long_descr, "The captain of the guard stands here.\n");
        assert_eq!((m.alignment, m.level, m.wealth), (-350, 20, 400));
        assert_eq!((m.hitroll, m.group, m.sex), (3, 7, 2));
        assert_eq!(m.size, Size::Large);
        assert_eq!(ATTACKS[m.dam_type].name, "slash");
        assert_eq!(m.material, "steel");
        assert_eq!(m.start_pos, pos::SLEEPING);
        assert_eq!(m.default_pos, pos::RESTING);
        assert_eq!(m.spec_fun.as_deref(), Some("spec_guard"));
        let t = out(&mut w, b);
        assert!(t.contains("Alignment set.\n"), "{t}");
        assert!(
            t.contains("Start position set.\nDefault position set.\nSpec set.\n"),
            "{t}"
        );
        lines(
            &mut w,
            b,
            &[
                "alignment 5000",
                "sex many",
                "position sideways stand",
                "spec spec_nothing",
                "material 'oak's bark'",
                "spec none",
            ],
        );
        let t = out(&mut w, b);
        assert!(t.starts_with("Syntax:  alignment"), "{t}");
        assert!(t.contains("Syntax:  sex [sex]"), "{t}");
        assert!(t.contains("Syntax:  position [start|default]"), "{t}");
        assert!(t.contains("Syntax:  spec"), "{t}");
        assert!(
            t.contains("MEdit:  A material cannot hold quotes.\n"),
            "{t}"
        );
        assert!(t.ends_with("Spec removed.\n"), "{t}");
        assert_eq!(mob(&w, 150).alignment, -350);
        assert_eq!(mob(&w, 150).spec_fun, None);
        lines(&mut w, b, &["sex neutral"]);
        assert_eq!(mob(&w, 150).sex, 0);
        lines(&mut w, b, &["sex random"]);
        assert_eq!(mob(&w, 150).sex, 3);
        lines(&mut w, b, &["sex female"]);
        out(&mut w, b);
        // `a` is `alignment`, `s` is `shop` (ROM's table order).
        lines(&mut w, b, &["a 100", "s"]);
        let t = out(&mut w, b);
        assert!(t.starts_with("Alignment set.\nSyntax:  shop hours"), "{t}");
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("Name:        [captain guard]"), "{t}");
        assert!(t.contains("Sex:   [female]"), "{t}");
        assert!(t.contains("Material:    [steel]"), "{t}");
    }

    #[test]
    fn dice_and_armor() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(
            &mut w,
            b,
            &["hitdice 3d9+20", "manadice 1 d 10 + 100", "damdice 2d4"],
        );
        assert_eq!(
            out(&mut w, b),
            "Hitdice set.\nManadice set.\nDamdice set.\n"
        );
        let m = mob(&w, 150);
        assert_eq!((m.hit.number, m.hit.size, m.hit.bonus), (3, 9, 20));
        assert_eq!((m.mana.number, m.mana.size, m.mana.bonus), (1, 10, 100));
        assert_eq!((m.damage.number, m.damage.size, m.damage.bonus), (2, 4, 0));
        lines(
            &mut w,
            b,
            &["hitdice 0d4+1", "damdice 2d4-1", "manadice lots"],
        );
        let t = out(&mut w, b);
        assert_eq!(t.matches("Syntax:").count(), 3, "{t}");
        assert_eq!(mob(&w, 150).hit.number, 3);
        lines(&mut w, b, &["armor -100 -90 -80 -70"]);
        assert_eq!(out(&mut w, b), "Ac set.\n");
        assert_eq!(mob(&w, 150).ac, [-100, -90, -80, -70]);
        lines(&mut w, b, &["armor -55 15"]);
        assert_eq!(
            out(&mut w, b),
            "Ac set to -50 10 -80 -70 (area files keep multiples of ten).\n"
        );
        assert_eq!(mob(&w, 150).ac, [-50, 10, -80, -70]);
        lines(&mut w, b, &["armor", "armor hard"]);
        assert_eq!(out(&mut w, b).matches("Syntax:").count(), 2);
    }

    #[test]
    fn flags_toggle_and_npc_stays() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(
            &mut w,
            b,
            &[
                "act sentinel aggressive",
                "affect sanctuary",
                "off bash kick",
                "imm fire",
                "res cold",
                "vuln iron",
                "form edible",
                "part tail",
            ],
        );
        let m = mob(&w, 150);
        assert_eq!(flag_string(ACT_FLAGS, m.act), "npc sentinel aggressive");
        assert_eq!(flag_string(AFFECT_FLAGS, m.affected), "sanctuary");
        assert_eq!(flag_string(OFF_FLAGS, m.off), "bash kick");
        assert_eq!(flag_string(IRV_FLAGS, m.imm), "fire");
        assert_eq!(flag_string(IRV_FLAGS, m.res), "cold");
        assert_eq!(flag_string(IRV_FLAGS, m.vuln), "iron");
        assert_eq!(flag_string(FORM_FLAGS, m.form), "sentient biped mammal");
        assert!(flag_string(PART_FLAGS, m.parts).ends_with("tail"));
        let t = out(&mut w, b);
        assert!(
            t.starts_with("Act flag toggled.\nAffect flag toggled.\n"),
            "{t}"
        );
        lines(&mut w, b, &["act npc sentinel", "act wings"]);
        assert_eq!(flag_string(ACT_FLAGS, mob(&w, 150).act), "npc aggressive");
        assert!(out(&mut w, b).contains("Syntax:  act [flag]"));
        // A race adds its flags.
        lines(&mut w, b, &["race elf"]);
        let m = mob(&w, 150);
        assert_eq!(RACES[m.race].name, "elf");
        assert_eq!(flag_string(AFFECT_FLAGS, m.affected), "sanctuary infrared");
        lines(&mut w, b, &["race martian"]);
        assert!(out(&mut w, b).contains("Syntax:  race [race]"));
        assert_eq!(RACES[mob(&w, 150).race].name, "elf");
    }

    #[test]
    fn shops() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(&mut w, b, &["shop delete"]);
        assert_eq!(out(&mut w, b), "MEdit:  This mobile has no shop.\n");
        assert!(!w.areas[0].changed);
        lines(
            &mut w,
            b,
            &[
                "shop hours 6 20",
                "shop profit 120 80",
                "shop type 0 weapon",
                "shop type 4 armor",
            ],
        );
        assert_eq!(
            out(&mut w, b),
            "Shop hours set.\nShop profit set.\nShop type set.\nShop type set.\n"
        );
        let s = mob(&w, 150).shop.clone().unwrap();
        assert_eq!(s.keeper, MobVnum(150));
        assert_eq!((s.open_hour, s.close_hour), (6, 20));
        assert_eq!((s.profit_buy, s.profit_sell), (120, 80));
        assert_eq!(s.buy_types, [5, 0, 0, 0, 9]);
        lines(
            &mut w,
            b,
            &[
                "shop type 0 none",
                "shop type 5 weapon",
                "shop type 1 gadget",
                "shop hours 6 25",
                "shop profit -1 5",
                "shop",
            ],
        );
        let t = out(&mut w, b);
        assert!(t.starts_with("Shop type set.\nSyntax:  shop hours"), "{t}");
        assert!(
            t.contains("MEdit:  That type of item is not known.\n"),
            "{t}"
        );
        assert_eq!(t.matches("Syntax:  shop hours").count(), 4, "{t}");
        let s = mob(&w, 150).shop.clone().unwrap();
        assert_eq!(s.buy_types, [0, 0, 0, 0, 9]);
        assert_eq!((s.open_hour, s.close_hour, s.profit_buy), (6, 20, 120));
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("Shop data for [  150]:"), "{t}");
        assert!(t.contains("[   4] armor"), "{t}");
        let p = reload(&w);
        assert_eq!(canon(&p.mobs[&MobVnum(150)]), canon(mob(&w, 150)));
        lines(&mut w, b, &["shop delete"]);
        assert_eq!(out(&mut w, b), "Shop deleted.\n");
        assert!(mob(&w, 150).shop.is_none());
    }

    #[test]
    fn mob_programs() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(
            &mut w,
            b,
            &[
                "addmprog 160 greet 100",
                "addmprog 160 speech hello there",
                "addmprog 161 greet 100",
                "addmprog 160 sneeze 100",
                "addmprog 160 greet",
            ],
        );
        let t = out(&mut w, b);
        assert!(t.starts_with("Mprog Added.\nMprog Added.\nMEdit: No such MOBProgram.\nValid triggers are: act bribe"), "{t}");
        assert!(
            t.ends_with("Syntax:  addmprog [vnum] [trigger] [phrase]\n"),
            "{t}"
        );
        let progs = &mob(&w, 150).progs;
        assert_eq!(progs.len(), 2);
        assert_eq!(
            (
                progs[1].trigger.as_str(),
                progs[1].prog,
                progs[1].phrase.as_str()
            ),
            ("speech", 160, "hello there")
        );
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("MOBPrograms for [  150]:"), "{t}");
        assert!(t.contains("[    1]  160  speech hello there"), "{t}");
        let p = reload(&w);
        assert_eq!(canon(&p.mobs[&MobVnum(150)]), canon(mob(&w, 150)));
        lines(&mut w, b, &["delmprog 2", "delmprog", "delmprog 0"]);
        assert_eq!(
            out(&mut w, b),
            "MEdit:  No such mprog.\nSyntax:  delmprog [#mprog]\nMprog removed.\n"
        );
        assert_eq!(mob(&w, 150).progs[0].trigger, "speech");
    }

    #[test]
    fn description_through_the_text_editor() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "150");
        lines(&mut w, b, &["desc"]);
        assert!(out(&mut w, b).contains("Entering EDIT Mode"));
        lines(
            &mut w,
            b,
            &["A stern guard watches you.", "He looks bored.", "@"],
        );
        assert_eq!(
            mob(&w, 150).description,
            "A stern guard watches you.\nHe looks bored.\n"
        );
        assert!(w.areas[0].changed);
        lines(&mut w, b, &["desc now"]);
        assert!(out(&mut w, b).ends_with("Syntax:  desc    - line edit\n"));
    }

    /// Every word a mobile's fields take, set through the editor, comes
    /// back the same from the area file.
    #[test]
    fn every_word_round_trips() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "create 130");
        let check = |w: &mut World, what: &str| {
            let t = out(w, b);
            assert!(
                !t.contains("Syntax") && !t.contains("MEdit:") && !t.contains("Valid"),
                "{what}: {t}"
            );
            let p = reload(w);
            assert_eq!(canon(&p.mobs[&MobVnum(130)]), canon(mob(w, 130)), "{what}");
        };
        let flag_sets: [(&str, &[FlagName]); 8] = [
            ("act", ACT_FLAGS),
            ("affect", AFFECT_FLAGS),
            ("off", OFF_FLAGS),
            ("imm", IRV_FLAGS),
            ("res", IRV_FLAGS),
            ("vuln", IRV_FLAGS),
            ("form", FORM_FLAGS),
            ("part", PART_FLAGS),
        ];
        for r in RACES {
            lines(&mut w, b, &[&format!("race {}", r.name)]);
            check(&mut w, r.name);
            // Take the race's bits away again: the file records removals.
            for (cmd, table) in flag_sets {
                for f in table {
                    let m = mob(&w, 130);
                    let field = match cmd {
                        "act" => m.act,
                        "affect" => m.affected,
                        "off" => m.off,
                        "imm" => m.imm,
                        "res" => m.res,
                        "vuln" => m.vuln,
                        "form" => m.form,
                        _ => m.parts,
                    };
                    if field & f.bit != 0 {
                        lines(&mut w, b, &[&format!("{cmd} {}", f.name)]);
                    }
                }
            }
            check(&mut w, r.name);
        }
        for (cmd, table) in flag_sets {
            for f in table {
                lines(&mut w, b, &[&format!("{cmd} {}", f.name)]);
                check(&mut w, f.name);
            }
        }
        for a in ATTACKS {
            lines(&mut w, b, &[&format!("damtype '{}'", a.name)]);
            check(&mut w, a.name);
        }
        for s in SPEC_FUNS {
            lines(&mut w, b, &[&format!("spec {}", s.0)]);
            check(&mut w, s.0);
        }
        for p in POSITIONS {
            lines(
                &mut w,
                b,
                &[
                    &format!("position start {}", p.name),
                    &format!("position default {}", p.short_name),
                ],
            );
            check(&mut w, p.name);
        }
        for s in SIZES {
            lines(&mut w, b, &[&format!("size {}", s.0)]);
            check(&mut w, s.0);
        }
        for s in SEXES {
            lines(&mut w, b, &[&format!("sex {}", s.0)]);
            check(&mut w, s.0);
        }
        for t in MOBPROG_TRIGGERS {
            lines(&mut w, b, &[&format!("addmprog 160 {} 100", t.name)]);
            check(&mut w, t.name);
        }
        for a in [-1005, -1000, -9, 0, 9, 11, 1000, 32767] {
            lines(&mut w, b, &[&format!("armor {a} {a} {a} {a}")]);
            out(&mut w, b);
            check(&mut w, "armor");
        }
    }

    #[test]
    fn edited_mobiles_round_trip_through_the_area_file() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_medit(&mut w, b, "create 130");
        lines(
            &mut w,
            b,
            &[
                "name wizard old",
                "short the old wizard",
                "long an old wizard mutters here.",
                "desc",
                "He has a long white beard.",
                "@",
                "race elf",
                "act sentinel mage",
                "affect detect_invis sanctuary",
                "off dodge",
                "imm charm",
                "res magic",
                "vuln iron",
                "form edible",
                "part fins",
                "armor -200 -150 -105 -50",
                "hitdice 10d10+300",
                "manadice 20d10+100",
                "damdice 3d6+10",
                "sex male",
                "size small",
                "material 'white silk'",
                "position start rest",
                "position default sleep",
                "wealth 1000",
                "group 12",
                "hitroll 8",
                "damtype 'magic'",
                "alignment 900",
                "level 40",
                "spec spec_cast_mage",
                "shop hours 8 18",
                "shop profit 150 50",
                "shop type 0 potion",
                "shop type 1 scroll",
                "addmprog 160 greet 50",
                "addmprog 160 speech teach me",
            ],
        );
        let t = out(&mut w, b);
        assert!(!t.contains("Syntax"), "{t}");
        assert!(!t.contains("MEdit:"), "{t}");
        let p = reload(&w);
        for v in [130, 150] {
            assert_eq!(canon(&p.mobs[&MobVnum(v)]), canon(mob(&w, v)), "mobile {v}");
        }
        let m = mob(&w, 130);
        assert_eq!(m.ac, [-200, -150, -100, -50]);
        assert_eq!(m.material, "white silk");
        assert_eq!(flag_string(FORM_FLAGS, m.form), "sentient biped mammal");
    }
}
