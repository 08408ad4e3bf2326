//! `oedit`: the object editor (ROM OLC's `oedit`, QuickMUD's sub-commands).
//!
//! `oedit <vnum>` edits an object prototype, `oedit create <vnum>` makes a
//! new one. Inside the editor the first word of a line is matched by prefix
//! against [`TABLE`] in ROM's order (`c` is `commands`, `w` is `weight`).
//!
//! Every edit leaves the prototype in a state the area writer writes and
//! the loader reads back the same: values are set through the same tables
//! the loader reads them with (weapon classes, attack nouns, liquids,
//! spells, flag tables), spell slots that hold nothing are -1 (the file's
//! `''`), and a condition is stored as one of the percentages the file's
//! condition letters can carry.
//!
//! Numbering: `show` numbers the affects from 0 in the order they are kept
//! (file order, the newest last); `delaffect` takes that number.

use super::string::{format_text, string_append, StringTarget};
use super::{
    area_of_vnum, flag_names, is_builder, mark_changed, parse_num, parse_vnum, set_editor,
    set_field, show_commands, toggle_flags, EdCmd, EditedProto, Editor,
};
use crate::db::tables::{
    self, flag_string, FlagName, ValueLayout, AFFECT_FLAGS, APPLY_LOCATIONS, ATTACKS,
    CONTAINER_FLAGS, EXIT_FLAGS, EXTRA_FLAGS, FURNITURE_FLAGS, GATE_FLAGS, IRV_FLAGS, ITEM_TYPES,
    LIQUIDS, WEAPON_CLASS_NAMES, WEAPON_FLAGS, WEAR_FLAGS,
};
use crate::world::handler::{is_name, one_argument};
use crate::world::rules::{prefix_lookup, SkillKind, SKILLS};
use crate::world::{item, CharId, ExtraDescr, Flags, ObjApply, ObjIndex, ObjProto, ObjVnum, World};

/// The sub-commands, in ROM's table order (prefixes resolve in this order).
pub static TABLE: &[EdCmd<ObjVnum>] = &[
    EdCmd {
        name: "addaffect",
        func: addaffect,
    },
    EdCmd {
        name: "addapply",
        func: addapply,
    },
    EdCmd {
        name: "commands",
        func: commands,
    },
    EdCmd {
        name: "cost",
        func: cost,
    },
    EdCmd {
        name: "create",
        func: create,
    },
    EdCmd {
        name: "delaffect",
        func: delaffect,
    },
    EdCmd {
        name: "ed",
        func: ed,
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
        name: "short",
        func: short,
    },
    EdCmd {
        name: "show",
        func: show_cmd,
    },
    EdCmd {
        name: "v0",
        func: v0,
    },
    EdCmd {
        name: "v1",
        func: v1,
    },
    EdCmd {
        name: "v2",
        func: v2,
    },
    EdCmd {
        name: "v3",
        func: v3,
    },
    EdCmd {
        name: "v4",
        func: v4,
    },
    EdCmd {
        name: "weight",
        func: weight,
    },
    EdCmd {
        name: "extra",
        func: extra,
    },
    EdCmd {
        name: "wear",
        func: wear,
    },
    EdCmd {
        name: "type",
        func: item_type,
    },
    EdCmd {
        name: "material",
        func: material,
    },
    EdCmd {
        name: "level",
        func: level,
    },
    EdCmd {
        name: "condition",
        func: condition,
    },
];

fn proto(world: &World, v: ObjVnum) -> Option<&ObjProto> {
    world.obj_index.get(&v).map(|o| &o.proto)
}

fn proto_mut(world: &mut World, v: ObjVnum) -> Option<&mut ObjProto> {
    v.proto_mut(world)
}

/// The whole argument, trimmed, without one pair of enclosing quotes:
/// multi-word names (`red wine`, `'cure light'`) either way.
pub(super) fn whole_arg(arg: &str) -> String {
    let a = arg.trim();
    for q in ['\'', '"'] {
        if a.len() >= 2 && a.starts_with(q) && a.ends_with(q) {
            return a[1..a.len() - 1].trim().to_string();
        }
    }
    a.to_string()
}

/// Text as an area file can keep it: the writer stores Latin-1, so a
/// character beyond it becomes `?` now rather than at the next save.
pub(super) fn file_text(s: &str) -> String {
    s.chars()
        .map(|c| if u32::from(c) > 0xFF { '?' } else { c })
        .collect()
}

/// The first byte upper-cased when it is an ASCII letter (ROM's `UPPER`).
pub(super) fn upper_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

// ---------------------------------------------------------------------------
// Values by item type
// ---------------------------------------------------------------------------

/// What one of the five values means for an item type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Val {
    /// A plain number, with its label.
    Num(&'static str),
    /// A spell (skill number; -1 for none).
    Spell,
    /// A weapon class (`WEAPON_CLASS_NAMES` index).
    Class,
    /// An attack noun (`ATTACKS` index).
    Attack,
    /// A liquid (`LIQUIDS` index).
    Liquid,
    /// A bit set of a flag table, toggled.
    Bits(&'static str, &'static [FlagName]),
}

/// The meaning of each value for item type `t` (ROM's `show_obj_values`
/// and `set_obj_values`; the layout is the loader's).
fn value_kinds(t: i32) -> [Val; 5] {
    use Val::*;
    let layout = tables::item_type_by_number(t).map_or(ValueLayout::Flags, |t| t.values);
    match layout {
        ValueLayout::Weapon => [
            Class,
            Num("Number of dice"),
            Num("Type of dice"),
            Attack,
            Bits("Special type", WEAPON_FLAGS),
        ],
        ValueLayout::Container => [
            Num("Weight capacity"),
            Bits("Flags", CONTAINER_FLAGS),
            Num("Key (vnum)"),
            Num("Max weight of one item"),
            Num("Weight multiplier (%)"),
        ],
        ValueLayout::Drink => [
            Num("Liquid total"),
            Num("Liquid left"),
            Liquid,
            Num("Poisoned (0 = no)"),
            Num("Unused"),
        ],
        ValueLayout::WandStaff => [
            Num("Level"),
            Num("Charges total"),
            Num("Charges left"),
            Spell,
            Num("Unused"),
        ],
        ValueLayout::PotionPillScroll => [Num("Level"), Spell, Spell, Spell, Spell],
        ValueLayout::Flags => match t {
            item::LIGHT => [
                Num("Unused"),
                Num("Unused"),
                Num("Hours of light (-1 = infinite)"),
                Num("Unused"),
                Num("Unused"),
            ],
            item::ARMOR => [
                Num("AC pierce"),
                Num("AC bash"),
                Num("AC slash"),
                Num("AC exotic"),
                Num("Bulk"),
            ],
            item::FURNITURE => [
                Num("Max people"),
                Num("Max weight"),
                Bits("Furniture flags", FURNITURE_FLAGS),
                Num("Heal bonus (%)"),
                Num("Mana bonus (%)"),
            ],
            item::FOOD => [
                Num("Food hours"),
                Num("Full hours"),
                Num("Unused"),
                Num("Poisoned (0 = no)"),
                Num("Unused"),
            ],
            item::MONEY => [
                Num("Silver"),
                Num("Gold"),
                Num("Unused"),
                Num("Unused"),
                Num("Unused"),
            ],
            item::PORTAL => [
                Num("Charges (-1 = unlimited)"),
                Bits("Exit flags", EXIT_FLAGS),
                Bits("Portal flags", GATE_FLAGS),
                Num("Goes to (room vnum)"),
                Num("Unused"),
            ],
            item::MAP => [
                Num("Kept when saved (0 = no)"),
                Num("Unused"),
                Num("Unused"),
                Num("Unused"),
                Num("Unused"),
            ],
            _ => [Num("Value"); 5],
        },
    }
}

/// The values a new prototype of type `t` starts with: zeros, and "no
/// spell" (-1, the file's `''`) in spell slots.
fn default_values(t: i32) -> [i64; 5] {
    let mut v = [0; 5];
    for (slot, kind) in v.iter_mut().zip(value_kinds(t)) {
        if kind == Val::Spell {
            *slot = -1;
        }
    }
    v
}

fn spell_name(sn: i64) -> String {
    usize::try_from(sn)
        .ok()
        .filter(|&i| i > 0)
        .and_then(|i| SKILLS.get(i))
        .map_or_else(|| "none".to_string(), |s| format!("'{}'", s.name))
}

/// The spell a word names, as the loader reads it (prefix rule over the
/// skill table after `reserved`), but only real spells.
fn spell_lookup(word: &str) -> Option<i64> {
    let (i, _) = prefix_lookup(&SKILLS[1..], word.as_bytes())?;
    let sn = i + 1;
    (SKILLS[sn].kind == SkillKind::Spell).then_some(sn as i64)
}

fn weapon_class_lookup(word: &str) -> Option<i64> {
    if let Some(i) = WEAPON_CLASS_NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(word))
    {
        return Some(i as i64);
    }
    if let Some(c) = tables::weapon_class_lookup(word) {
        return Some(i64::from(c));
    }
    WEAPON_CLASS_NAMES
        .iter()
        .position(|n| {
            !word.is_empty()
                && n.len() >= word.len()
                && n.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        })
        .map(|i| i as i64)
}

fn value_text(kind: Val, v: i64) -> String {
    match kind {
        Val::Num(_) => format!("[{v}]"),
        Val::Spell => spell_name(v),
        Val::Class => usize::try_from(v)
            .ok()
            .and_then(|i| WEAPON_CLASS_NAMES.get(i))
            .map_or_else(|| format!("[{v}]"), |n| n.to_string()),
        Val::Attack => usize::try_from(v)
            .ok()
            .and_then(|i| ATTACKS.get(i))
            .map_or_else(|| format!("[{v}]"), |a| a.name.to_string()),
        Val::Liquid => usize::try_from(v)
            .ok()
            .and_then(|i| LIQUIDS.get(i))
            .map_or_else(|| format!("[{v}]"), |l| l.name.to_string()),
        Val::Bits(_, table) => format!("[{}]", flag_string(table, v as Flags)),
    }
}

fn value_label(kind: Val) -> &'static str {
    match kind {
        Val::Num(l) | Val::Bits(l, _) => l,
        Val::Spell => "Spell",
        Val::Class => "Weapon class",
        Val::Attack => "Attack",
        Val::Liquid => "Liquid",
    }
}

/// ROM's `show_obj_values`: the five values, named as the type uses them.
fn values_text(o: &ObjProto) -> String {
    let mut out = String::new();
    for (i, kind) in value_kinds(o.item_type).into_iter().enumerate() {
        out.push_str(&format!(
            "[v{i}] {:<26} {}\n",
            format!("{}:", value_label(kind)),
            value_text(kind, o.values[i])
        ));
    }
    out
}

/// What `v<n>` accepts for a kind of value.
fn value_syntax(n: usize, kind: Val) -> String {
    match kind {
        Val::Num(l) => format!("Syntax:  v{n} [number]   ({l})\n"),
        Val::Spell => format!("Syntax:  v{n} [spell name|none]\n"),
        Val::Class => format!(
            "Syntax:  v{n} [weapon class]\nClasses: {}\n",
            WEAPON_CLASS_NAMES.join(" ")
        ),
        Val::Attack => {
            let names: Vec<&str> = ATTACKS.iter().map(|a| a.name).collect();
            format!("Syntax:  v{n} [attack]\nAttacks: {}\n", names.join(" "))
        }
        Val::Liquid => {
            let names: Vec<&str> = LIQUIDS.iter().map(|l| l.name).collect();
            format!("Syntax:  v{n} [liquid]\nLiquids: {}\n", names.join(", "))
        }
        Val::Bits(l, table) => format!(
            "Syntax:  v{n} [flags]   ({l}, toggled)\n{}",
            flag_names(table)
        ),
    }
}

/// ROM's `set_obj_values` for value `n`.
fn set_value(world: &mut World, ch: CharId, v: ObjVnum, n: usize, arg: &str) -> bool {
    let Some(o) = proto(world, v) else {
        return false;
    };
    let kind = value_kinds(o.item_type)[n];
    let old = o.values[n];
    if arg.trim().is_empty() {
        let text = value_syntax(n, kind);
        world.send(ch, &text);
        return false;
    }
    let word = whole_arg(arg);
    let new = match kind {
        Val::Num(_) => parse_num(arg).map(i64::from),
        Val::Spell => {
            if word.is_empty() || word.eq_ignore_ascii_case("none") {
                Some(-1)
            } else {
                spell_lookup(&word)
            }
        }
        Val::Class => weapon_class_lookup(&word),
        Val::Attack => tables::attack_lookup(&word).map(|i| i as i64),
        Val::Liquid => tables::liquid_lookup(&word).map(|i| i as i64),
        Val::Bits(_, table) => toggle_flags(table, old as Flags, arg).map(|f| f as i64),
    };
    let Some(new) = new else {
        let text = match kind {
            Val::Spell => "OEdit:  No such spell.\n".to_string(),
            _ => value_syntax(n, kind),
        };
        world.send(ch, &text);
        return false;
    };
    if let Some(o) = proto_mut(world, v) {
        o.values[n] = new;
    }
    world.send(
        ch,
        if matches!(kind, Val::Bits(..)) {
            "Value toggled.\n"
        } else {
            "Value set.\n"
        },
    );
    true
}

fn v0(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_value(world, ch, v, 0, arg)
}
fn v1(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_value(world, ch, v, 1, arg)
}
fn v2(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_value(world, ch, v, 2, arg)
}
fn v3(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_value(world, ch, v, 3, arg)
}
fn v4(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_value(world, ch, v, 4, arg)
}

// ---------------------------------------------------------------------------
// show
// ---------------------------------------------------------------------------

fn where_name(w: u8) -> &'static str {
    match w {
        b'A' => "affects",
        b'I' => "immune",
        b'R' => "resist",
        b'V' => "vuln",
        _ => "apply",
    }
}

/// ROM's `oedit_show`: every field of the prototype.
pub fn show(world: &mut World, ch: CharId, target: ObjVnum, _arg: &str) {
    let Some(o) = proto(world, target) else {
        world.send(ch, "OEdit:  That object does not exist.\n");
        return;
    };
    let area_name = world
        .areas
        .get(o.area.0)
        .map_or("", |a| a.proto.name.as_str());
    let mut out = String::new();
    out.push_str(&format!("Name:        [{}]\n", o.keywords));
    out.push_str(&format!("Area:        [{:5}] {}\n", o.area.0, area_name));
    out.push_str(&format!("Vnum:        [{:5}]\n", o.vnum.0));
    out.push_str(&format!(
        "Type:        [{}]\n",
        tables::item_type_name(o.item_type)
    ));
    out.push_str(&format!("Level:       [{:5}]\n", o.level));
    out.push_str(&format!(
        "Wear flags:  [{}]\n",
        flag_string(WEAR_FLAGS, o.wear_flags)
    ));
    out.push_str(&format!(
        "Extra flags: [{}]\n",
        flag_string(EXTRA_FLAGS, o.extra_flags)
    ));
    out.push_str(&format!("Material:    [{}]\n", o.material));
    out.push_str(&format!("Condition:   [{:5}]\n", o.condition));
    out.push_str(&format!("Weight:      [{:5}]\n", o.weight));
    out.push_str(&format!("Cost:        [{:5}]\n", o.cost));
    out.push_str("Ex desc kwd: ");
    if o.extra.is_empty() {
        out.push_str("[none]");
    }
    for e in &o.extra {
        out.push_str(&format!("[{}] ", e.keyword));
    }
    out.push('\n');
    out.push_str(&format!("Short desc:  {}\n", o.short_descr));
    out.push_str(&format!("Long desc:\n     {}\n", o.long_descr));
    if !o.applies.is_empty() {
        out.push_str("Number Modifier Affects\n------ -------- -------\n");
        for (i, a) in o.applies.iter().enumerate() {
            let loc = tables::apply_name(a.location).unwrap_or("(unknown)");
            out.push_str(&format!("[{i:4}] {:<8} {loc}", a.modifier));
            if a.where_ != 0 {
                let table = if a.where_ == b'A' {
                    AFFECT_FLAGS
                } else {
                    IRV_FLAGS
                };
                out.push_str(&format!(
                    " ({} {})",
                    where_name(a.where_),
                    flag_string(table, a.bits)
                ));
            }
            out.push('\n');
        }
    }
    out.push_str(&values_text(o));
    world.send(ch, &out);
}

fn show_cmd(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    show(world, ch, v, arg);
    false
}

fn commands(world: &mut World, ch: CharId, _v: ObjVnum, _arg: &str) -> bool {
    show_commands(world, ch, TABLE);
    false
}

// ---------------------------------------------------------------------------
// Strings and numbers
// ---------------------------------------------------------------------------

/// Set a one-line text field (keywords, short, long, material).
fn set_text(
    world: &mut World,
    ch: CharId,
    v: ObjVnum,
    arg: &str,
    syntax: &str,
    done: &str,
    field: fn(&mut ObjProto) -> &mut String,
) -> bool {
    let text = arg.trim();
    let text = (!text.is_empty()).then(|| file_text(text));
    set_field(world, ch, v, text, (syntax, done), field)
}

fn name(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        arg,
        "Syntax:  name [string]\n",
        "Name set.\n",
        |o| &mut o.keywords,
    )
}

fn short(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        arg,
        "Syntax:  short [string]\n",
        "Short description set.\n",
        |o| &mut o.short_descr,
    )
}

fn long(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        &upper_first(arg.trim()),
        "Syntax:  long [string]\n",
        "Long description set.\n",
        |o| &mut o.long_descr,
    )
}

fn material(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_text(
        world,
        ch,
        v,
        arg,
        "Syntax:  material [string]\n",
        "Material set.\n",
        |o| &mut o.material,
    )
}

/// Set a number field.
fn set_number(
    world: &mut World,
    ch: CharId,
    v: ObjVnum,
    arg: &str,
    syntax: &str,
    done: &str,
    field: fn(&mut ObjProto) -> &mut i32,
) -> bool {
    set_field(world, ch, v, parse_num(arg), (syntax, done), field)
}

fn weight(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        arg,
        "Syntax:  weight [number]\n",
        "Weight set.\n",
        |o| &mut o.weight,
    )
}

fn cost(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        arg,
        "Syntax:  cost [number]\n",
        "Cost set.\n",
        |o| &mut o.cost,
    )
}

fn level(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    set_number(
        world,
        ch,
        v,
        arg,
        "Syntax:  level [number]\n",
        "Level set.\n",
        |o| &mut o.level,
    )
}

/// The condition an area file can carry for `percent` (the letter ROM
/// OLC would write for it: P, G, A, W, D, B, R).
fn file_condition(percent: i32) -> i32 {
    match percent {
        p if p > 90 => 100,
        p if p > 75 => 90,
        p if p > 50 => 75,
        p if p > 25 => 50,
        p if p > 10 => 25,
        p if p > 0 => 10,
        _ => 0,
    }
}

fn condition(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    let Some(n) = parse_num(arg).filter(|n| (0..=100).contains(n)) else {
        world.send(ch, "Syntax:  condition [number 0-100]\n");
        return false;
    };
    let stored = file_condition(n);
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    o.condition = stored;
    if stored == n {
        world.send(ch, "Condition set.\n");
    } else {
        world.send(
            ch,
            &format!("Condition set to {stored} (area files keep 100, 90, 75, 50, 25, 10 or 0).\n"),
        );
    }
    true
}

// ---------------------------------------------------------------------------
// Type and flags
// ---------------------------------------------------------------------------

fn item_type(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    let (word, _) = one_argument(arg);
    let Some(t) = tables::item_type_lookup(&word) else {
        let names: Vec<&str> = ITEM_TYPES.iter().map(|t| t.name).collect();
        world.send(
            ch,
            &format!("Syntax:  type [item type]\nTypes: {}\n", names.join(" ")),
        );
        return false;
    };
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    o.item_type = t.number;
    o.values = default_values(t.number);
    world.send(ch, "Type set.\n");
    true
}

fn toggle(
    world: &mut World,
    ch: CharId,
    v: ObjVnum,
    arg: &str,
    table: &[FlagName],
    what: &str,
    field: fn(&mut ObjProto) -> &mut Flags,
) -> bool {
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    let Some(bits) = toggle_flags(table, *field(o), arg) else {
        world.send(
            ch,
            &format!("Syntax:  {what} [flag]\nFlags:\n{}", flag_names(table)),
        );
        return false;
    };
    *field(o) = bits;
    let cap = upper_first(what);
    world.send(ch, &format!("{cap} flag toggled.\n"));
    true
}

fn wear(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    toggle(world, ch, v, arg, WEAR_FLAGS, "wear", |o| &mut o.wear_flags)
}

fn extra(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    toggle(world, ch, v, arg, EXTRA_FLAGS, "extra", |o| {
        &mut o.extra_flags
    })
}

// ---------------------------------------------------------------------------
// Affects
// ---------------------------------------------------------------------------

fn apply_lookup(word: &str) -> Option<i32> {
    prefix_lookup(APPLY_LOCATIONS, word.as_bytes()).map(|(i, _)| APPLY_LOCATIONS[i].number)
}

fn apply_names() -> String {
    let names: Vec<&str> = APPLY_LOCATIONS.iter().map(|a| a.name).collect();
    format!("Locations: {}\n", names.join(" "))
}

fn addaffect(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    let (loc, rest) = one_argument(arg);
    let (modifier, _) = one_argument(rest);
    let location = apply_lookup(&loc);
    let modifier = parse_num(&modifier);
    let (Some(location), Some(modifier)) = (location, modifier) else {
        let text = format!("Syntax:  addaffect [location] [#mod]\n{}", apply_names());
        world.send(ch, &text);
        return false;
    };
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    o.applies.push(ObjApply {
        where_: 0,
        location,
        modifier,
        bits: 0,
    });
    world.send(ch, "Affect added.\n");
    true
}

fn addapply(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    const SYNTAX: &str = "Syntax:  addapply [type] [location] [#mod] [bitvector]\n\
                          Types: affects immune resist vuln\n";
    let (kind, rest) = one_argument(arg);
    let (loc, rest) = one_argument(rest);
    let (modifier, bits) = one_argument(rest);
    let (where_, table): (u8, &[FlagName]) = match kind.as_str() {
        k if !k.is_empty() && "affects".starts_with(k) => (b'A', AFFECT_FLAGS),
        k if !k.is_empty() && "immune".starts_with(k) => (b'I', IRV_FLAGS),
        k if !k.is_empty() && "resist".starts_with(k) => (b'R', IRV_FLAGS),
        k if !k.is_empty() && "vuln".starts_with(k) => (b'V', IRV_FLAGS),
        _ => {
            world.send(ch, SYNTAX);
            return false;
        }
    };
    let (Some(location), Some(modifier)) = (apply_lookup(&loc), parse_num(&modifier)) else {
        let text = format!("{SYNTAX}{}", apply_names());
        world.send(ch, &text);
        return false;
    };
    let Some(bits) = toggle_flags(table, 0, bits) else {
        let text = format!("{SYNTAX}Bitvectors:\n{}", flag_names(table));
        world.send(ch, &text);
        return false;
    };
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    o.applies.push(ObjApply {
        where_,
        location,
        modifier,
        bits,
    });
    world.send(ch, "Apply added.\n");
    true
}

fn delaffect(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    let Some(n) = one_argument(arg).0.parse::<usize>().ok() else {
        world.send(ch, "Syntax:  delaffect [#affect]\n");
        return false;
    };
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    if n >= o.applies.len() {
        world.send(ch, "OEdit:  No such affect.\n");
        return false;
    }
    o.applies.remove(n);
    world.send(ch, "Affect removed.\n");
    true
}

// ---------------------------------------------------------------------------
// Extra descriptions
// ---------------------------------------------------------------------------

const ED_SYNTAX: &str = "Syntax:  ed add [keyword]\n\
                         \x20        ed edit [keyword]\n\
                         \x20        ed delete [keyword]\n\
                         \x20        ed format [keyword]\n";

/// The index of the extra description `keyword` names, searching as ROM's
/// runtime list does (the newest first).
fn find_extra(o: &ObjProto, keyword: &str) -> Option<usize> {
    o.extra.iter().rposition(|e| is_name(keyword, &e.keyword))
}

fn ed(world: &mut World, ch: CharId, v: ObjVnum, arg: &str) -> bool {
    let (cmd, rest) = one_argument(arg);
    let keyword = file_text(rest.trim());
    if cmd.is_empty() || keyword.is_empty() {
        world.send(ch, ED_SYNTAX);
        return false;
    }
    let Some(o) = proto_mut(world, v) else {
        return false;
    };
    match cmd.as_str() {
        "add" => {
            if o.extra.iter().any(|e| e.keyword == keyword) {
                world.send(
                    ch,
                    "OEdit:  An extra description has those keywords; use ed edit.\n",
                );
                return false;
            }
            o.extra.push(ExtraDescr {
                keyword: keyword.clone(),
                description: String::new(),
            });
            string_append(world, ch, StringTarget::ObjExtra(v, keyword));
            true
        }
        "edit" | "delete" | "format" => {
            let Some(i) = find_extra(o, &keyword) else {
                world.send(ch, "OEdit:  Extra description keyword not found.\n");
                return false;
            };
            match cmd.as_str() {
                "edit" => {
                    let kw = o.extra[i].keyword.clone();
                    string_append(world, ch, StringTarget::ObjExtra(v, kw));
                    false
                }
                "delete" => {
                    o.extra.remove(i);
                    world.send(ch, "Extra description deleted.\n");
                    true
                }
                _ => {
                    let e = &mut o.extra[i];
                    e.description = format_text(&e.description);
                    world.send(ch, "Extra description formatted.\n");
                    true
                }
            }
        }
        _ => {
            world.send(ch, ED_SYNTAX);
            false
        }
    }
}

// ---------------------------------------------------------------------------
// Entering the editor, creating
// ---------------------------------------------------------------------------

/// ROM's `oedit_create`: a new prototype at the vnum `arg` names, in its
/// area; the builder then edits it. Returns its vnum.
fn create_obj(world: &mut World, ch: CharId, arg: &str) -> Option<ObjVnum> {
    let Some(vnum) = parse_vnum(arg) else {
        world.send(ch, "Syntax:  oedit create [vnum]\n");
        return None;
    };
    let Some(area) = area_of_vnum(world, vnum) else {
        world.send(ch, "OEdit:  That vnum is not assigned an area.\n");
        return None;
    };
    if !is_builder(world, ch, area) {
        world.send(ch, "OEdit:  Vnum in an area you cannot build in.\n");
        return None;
    }
    let v = ObjVnum(vnum);
    if world.obj_index.contains_key(&v) {
        world.send(ch, "OEdit:  Object vnum already exists.\n");
        return None;
    }
    let proto = ObjProto {
        vnum: v,
        area,
        keywords: "no name".into(),
        short_descr: "(no short description)".into(),
        long_descr: "(no description)".into(),
        material: "unknown".into(),
        item_type: item::TRASH,
        values: default_values(item::TRASH),
        condition: 100,
        ..Default::default()
    };
    world.obj_index.insert(v, ObjIndex { proto, count: 0 });
    mark_changed(world, area);
    set_editor(world, ch, Some(Editor::Obj(v)));
    world.send(ch, "Object Created.\n");
    Some(v)
}

fn create(world: &mut World, ch: CharId, _v: ObjVnum, arg: &str) -> bool {
    // The new object's area is marked by `create_obj`; the one being
    // edited did not change.
    create_obj(world, ch, arg);
    false
}

/// `oedit <vnum>` / `oedit create <vnum>`: enter the object editor.
pub fn do_oedit(world: &mut World, ch: CharId, argument: &str) {
    super::enter_vnum_editor(
        world,
        ch,
        argument,
        &super::VnumEditor {
            name: "OEdit",
            noun: "object",
            plural: "objects",
            create: |w, c, a| {
                create_obj(w, c, a);
            },
            area_of: |w, v| w.obj_index.get(&ObjVnum(v)).map(|x| x.proto.area),
            editor: |v| Editor::Obj(ObjVnum(v)),
        },
    );
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::game::olc::olc_line;
    use crate::world::{
        AreaId, AreaProto, Char, ConnId, MobProg, PcData, Protos, RoomProto, RoomVnum,
    };

    /// Two areas: "Test" (100-199, security 9) with a room, a sword (101),
    /// a guard (150) and a mob program (160); "Other" (200-299).
    pub(crate) fn world() -> World {
        let mut p = Protos::default();
        p.areas.push(AreaProto {
            file: "test.are".into(),
            header_file: "test.are".into(),
            name: "Test".into(),
            credits: "Test".into(),
            security: 9,
            low_vnum: 100,
            high_vnum: 199,
            ..Default::default()
        });
        p.areas.push(AreaProto {
            file: "other.are".into(),
            name: "Other".into(),
            security: 9,
            low_vnum: 200,
            high_vnum: 299,
            ..Default::default()
        });
        p.rooms.insert(
            RoomVnum(100),
            RoomProto {
                vnum: RoomVnum(100),
                area: AreaId(0),
                name: "A room".into(),
                description: "A plain room.\n".into(),
                heal_rate: 100,
                mana_rate: 100,
                ..Default::default()
            },
        );
        p.objs.insert(
            ObjVnum(101),
            ObjProto {
                vnum: ObjVnum(101),
                area: AreaId(0),
                keywords: "sword".into(),
                short_descr: "a sword".into(),
                long_descr: "A sword lies here.".into(),
                material: "steel".into(),
                item_type: item::WEAPON,
                values: [1, 2, 4, 3, 0],
                condition: 100,
                ..Default::default()
            },
        );
        p.mobs.insert(
            crate::world::MobVnum(150),
            super::super::medit::tests::guard(),
        );
        p.mobprogs.insert(
            160,
            MobProg {
                vnum: 160,
                code: "say Hello.\n".into(),
            },
        );
        World::new(p, 1)
    }

    /// A player with OLC security `security`.
    pub(crate) fn builder(w: &mut World, name: &str, security: i32) -> CharId {
        w.chars.insert(Char {
            name: name.into(),
            pc: Some(Box::new(PcData {
                security,
                ..Default::default()
            })),
            conn: Some(ConnId(1)),
            level: 60,
            ..Default::default()
        })
    }

    pub(crate) fn out(w: &mut World, ch: CharId) -> String {
        w.ch_mut(ch)
            .map(|c| std::mem::take(&mut c.output))
            .unwrap_or_default()
    }

    /// Send lines as the game does; every one must be taken by OLC.
    pub(crate) fn lines(w: &mut World, ch: CharId, lines: &[&str]) {
        for l in lines {
            assert!(olc_line(w, ch, l), "not an OLC line: {l}");
        }
    }

    /// Write area 0, load it back, and return the reloaded prototypes.
    pub(crate) fn reload(w: &World) -> Protos {
        let text = crate::db::writer::write_area(&w.protos(), AreaId(0));
        let report = crate::db::load_area_str("test.are", text.as_bytes());
        assert!(report.errors.is_empty(), "{:?}\n{text}", report.errors);
        report.protos
    }

    fn canon(o: &ObjProto) -> String {
        let mut o = o.clone();
        o.origin = Default::default();
        format!("{o:?}")
    }

    fn obj(w: &World, v: i32) -> &ObjProto {
        &w.obj_index[&ObjVnum(v)].proto
    }

    #[test]
    fn create_makes_a_default_object_and_enters_the_editor() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "create 120");
        assert_eq!(out(&mut w, b), "Object Created.\n");
        assert_eq!(
            super::super::editor_of(&w, b),
            Some(Editor::Obj(ObjVnum(120)))
        );
        assert!(w.areas[0].changed);
        let o = obj(&w, 120);
        assert_eq!(o.keywords, "no name");
        assert_eq!(o.short_descr, "(no short description)");
        assert_eq!(o.long_descr, "(no description)");
        assert_eq!(o.item_type, item::TRASH);
        assert_eq!(o.material, "unknown");
        assert_eq!(o.condition, 100);
        assert_eq!(o.area, AreaId(0));
        // The default object itself round-trips.
        let p = reload(&w);
        assert_eq!(canon(&p.objs[&ObjVnum(120)]), canon(obj(&w, 120)));
        // `create` inside the editor moves to the new object.
        lines(&mut w, b, &["create 121"]);
        assert_eq!(out(&mut w, b), "Object Created.\n");
        assert_eq!(
            super::super::editor_of(&w, b),
            Some(Editor::Obj(ObjVnum(121)))
        );
    }

    #[test]
    fn refusals() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "");
        assert!(out(&mut w, b).starts_with("OEdit:  There is no default object to edit.\n"));
        do_oedit(&mut w, b, "create");
        assert_eq!(out(&mut w, b), "Syntax:  oedit create [vnum]\n");
        do_oedit(&mut w, b, "create 5000");
        assert_eq!(
            out(&mut w, b),
            "OEdit:  That vnum is not assigned an area.\n"
        );
        do_oedit(&mut w, b, "create 101");
        assert_eq!(out(&mut w, b), "OEdit:  Object vnum already exists.\n");
        do_oedit(&mut w, b, "155");
        assert_eq!(out(&mut w, b), "OEdit:  That vnum does not exist.\n");
        do_oedit(&mut w, b, "sword");
        assert!(out(&mut w, b).starts_with("Syntax:  oedit [vnum]"));
        assert_eq!(super::super::editor_of(&w, b), None);
        assert!(!w.areas[0].changed);

        // Security 1 on an area of security 9, not on its builder list.
        let low = builder(&mut w, "Low", 1);
        do_oedit(&mut w, low, "101");
        assert_eq!(
            out(&mut w, low),
            "Insufficient security to modify objects.\n"
        );
        do_oedit(&mut w, low, "create 121");
        assert_eq!(
            out(&mut w, low),
            "OEdit:  Vnum in an area you cannot build in.\n"
        );
        assert_eq!(super::super::editor_of(&w, low), None);
        assert!(!w.obj_index.contains_key(&ObjVnum(121)));

        // A mobile cannot build.
        let mob = w.chars.insert(Char {
            name: "mob".into(),
            conn: Some(ConnId(2)),
            ..Default::default()
        });
        do_oedit(&mut w, mob, "create 122");
        assert!(!w.obj_index.contains_key(&ObjVnum(122)));
        assert!(!w.areas[0].changed);
    }

    #[test]
    fn strings_numbers_and_the_changed_mark() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "101");
        assert_eq!(out(&mut w, b), "");
        lines(&mut w, b, &["show"]);
        assert!(out(&mut w, b).contains("Name:        [sword]"));
        assert!(!w.areas[0].changed, "show changes nothing");
        lines(&mut w, b, &["name"]);
        assert_eq!(out(&mut w, b), "Syntax:  name [string]\n");
        assert!(!w.areas[0].changed, "a refused edit changes nothing");
        lines(&mut w, b, &["name long sword"]);
        assert_eq!(out(&mut w, b), "Name set.\n");
        assert!(w.areas[0].changed);
        lines(
            &mut w,
            b,
            &[
                "short a long sword",
                "long a long sword lies here.",
                "material cold iron",
                "w 12",
                "cost 300",
                "level 7",
                "condition 60",
            ],
        );
        let o = obj(&w, 101);
        assert_eq!(o.keywords, "long sword");
        assert_eq!(o.short_descr, "a long sword");
        assert_eq!(o.long_descr, "A long sword lies here.");
        assert_eq!(o.material, "cold iron");
        assert_eq!((o.weight, o.cost, o.level), (12, 300, 7));
        assert_eq!(o.condition, 75, "kept as the file's A");
        let t = out(&mut w, b);
        assert!(t.contains("Short description set.\n"), "{t}");
        assert!(t.contains("Weight set.\n"), "{t}");
        assert!(t.contains("Condition set to 75"), "{t}");
        lines(
            &mut w,
            b,
            &["condition 90", "weight heavy", "condition 101"],
        );
        assert_eq!(obj(&w, 101).condition, 90);
        assert_eq!(
            out(&mut w, b),
            "Condition set.\nSyntax:  weight [number]\nSyntax:  condition [number 0-100]\n"
        );
        // The file is Latin-1: what it cannot hold becomes '?' at once.
        lines(&mut w, b, &["short a café sword \u{2603}"]);
        assert_eq!(obj(&w, 101).short_descr, "a café sword ?");
        out(&mut w, b);
        // `c` is `commands` (ROM's table order), not `cost`.
        lines(&mut w, b, &["c"]);
        assert!(out(&mut w, b).contains("addaffect"));
        assert_eq!(obj(&w, 101).cost, 300);
        // `done` leaves.
        lines(&mut w, b, &["done"]);
        assert_eq!(super::super::editor_of(&w, b), None);
    }

    #[test]
    fn flags_toggle() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "101");
        lines(&mut w, b, &["wear take wield", "extra glow magic"]);
        assert_eq!(out(&mut w, b), "Wear flag toggled.\nExtra flag toggled.\n");
        let o = obj(&w, 101);
        assert_eq!(flag_string(WEAR_FLAGS, o.wear_flags), "take wield");
        assert_eq!(flag_string(EXTRA_FLAGS, o.extra_flags), "glow magic");
        lines(&mut w, b, &["wear take", "extra glow"]);
        let o = obj(&w, 101);
        assert_eq!(flag_string(WEAR_FLAGS, o.wear_flags), "wield");
        assert_eq!(flag_string(EXTRA_FLAGS, o.extra_flags), "magic");
        out(&mut w, b);
        lines(&mut w, b, &["wear wings"]);
        let t = out(&mut w, b);
        assert!(t.starts_with("Syntax:  wear [flag]\n"), "{t}");
        assert!(t.contains("wearfloat"), "{t}");
        assert_eq!(flag_string(WEAR_FLAGS, obj(&w, 101).wear_flags), "wield");
    }

    #[test]
    fn values_by_item_type() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "create 120");
        lines(&mut w, b, &["type weapon"]);
        assert_eq!(obj(&w, 120).item_type, item::WEAPON);
        lines(
            &mut w,
            b,
            &["v0 dagger", "v1 3", "v2 5", "v3 pierce", "v4 flaming sharp"],
        );
        let o = obj(&w, 120);
        assert_eq!(o.values[0], i64::from(crate::world::WEAPON_DAGGER));
        assert_eq!(o.values[3], tables::attack_lookup("pierce").unwrap() as i64);
        assert_eq!(
            flag_string(WEAPON_FLAGS, o.values[4] as Flags),
            "flaming sharp"
        );
        lines(&mut w, b, &["v0 spear", "v4 sharp"]);
        let o = obj(&w, 120);
        assert_eq!(o.values[0], i64::from(crate::world::WEAPON_SPEAR));
        assert_eq!(flag_string(WEAPON_FLAGS, o.values[4] as Flags), "flaming");
        out(&mut w, b);
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("[v0] Weapon class:"), "{t}");
        assert!(t.contains("spear"), "{t}");
        lines(&mut w, b, &["v0 rapier", "v1 many"]);
        let t = out(&mut w, b);
        assert!(t.starts_with("Syntax:  v0 [weapon class]\n"), "{t}");
        assert!(t.contains("Syntax:  v1 [number]"), "{t}");

        // Changing the type resets the values; spell slots hold "none".
        lines(&mut w, b, &["type potion"]);
        assert_eq!(obj(&w, 120).values, [0, -1, -1, -1, -1]);
        lines(
            &mut w,
            b,
            &["v0 12", "v1 'cure light'", "v2 armor", "v3 sanctuary"],
        );
        let sn = |n: &str| spell_lookup(n).unwrap();
        assert_eq!(
            obj(&w, 120).values,
            [12, sn("cure light"), sn("armor"), sn("sanctuary"), -1]
        );
        out(&mut w, b);
        lines(&mut w, b, &["v2 none", "v4 kick", "v4 nosuchspell"]);
        assert_eq!(
            out(&mut w, b),
            "Value set.\nOEdit:  No such spell.\nOEdit:  No such spell.\n"
        );
        assert_eq!(obj(&w, 120).values[2], -1);

        lines(
            &mut w,
            b,
            &["type wand", "v3 'magic missile'", "v1 5", "v2 4"],
        );
        assert_eq!(obj(&w, 120).values, [0, 5, 4, sn("magic missile"), 0]);

        lines(&mut w, b, &["type drink", "v0 20", "v1 10", "v2 red wine"]);
        let wine = tables::liquid_lookup("red wine").unwrap() as i64;
        assert_eq!(obj(&w, 120).values, [20, 10, wine, 0, 0]);

        lines(
            &mut w,
            b,
            &["type container", "v0 50", "v1 closeable closed", "v2 101"],
        );
        let o = obj(&w, 120);
        assert_eq!(o.values[0], 50);
        assert_eq!(
            flag_string(CONTAINER_FLAGS, o.values[1] as Flags),
            "closeable closed"
        );
        assert_eq!(o.values[2], 101);

        lines(&mut w, b, &["type furniture", "v0 2", "v2 sit_on rest_on"]);
        assert_eq!(
            flag_string(FURNITURE_FLAGS, obj(&w, 120).values[2] as Flags),
            "sit_on rest_on"
        );

        lines(
            &mut w,
            b,
            &[
                "type portal",
                "v0 -1",
                "v1 door closed",
                "v2 go_with",
                "v3 100",
            ],
        );
        let o = obj(&w, 120);
        assert_eq!(o.values[0], -1);
        assert_eq!(flag_string(EXIT_FLAGS, o.values[1] as Flags), "door closed");
        assert_eq!(flag_string(GATE_FLAGS, o.values[2] as Flags), "go_with");
        assert_eq!(o.values[3], 100);
        out(&mut w, b);
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("Portal flags:"), "{t}");
        assert!(t.contains("[go_with]"), "{t}");

        lines(&mut w, b, &["type light", "v2 -1", "type gizmo"]);
        assert_eq!(obj(&w, 120).values, [0, 0, -1, 0, 0]);
        assert!(out(&mut w, b).contains("Syntax:  type [item type]"));
        // The last object written and read back is the same.
        let p = reload(&w);
        assert_eq!(canon(&p.objs[&ObjVnum(120)]), canon(obj(&w, 120)));
    }

    #[test]
    fn affects_and_applies() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "101");
        lines(
            &mut w,
            b,
            &[
                "addaffect strength 2",
                "addaffect hitroll -1",
                "addapply affects none 0 sanctuary",
                "addapply resist ac 5 fire cold",
            ],
        );
        assert_eq!(
            out(&mut w, b),
            "Affect added.\nAffect added.\nApply added.\nApply added.\n"
        );
        let a = &obj(&w, 101).applies;
        assert_eq!(a.len(), 4);
        assert_eq!(
            a[0],
            ObjApply {
                where_: 0,
                location: 1,
                modifier: 2,
                bits: 0
            }
        );
        assert_eq!(a[1].modifier, -1);
        assert_eq!(a[2].where_, b'A');
        assert_eq!(flag_string(AFFECT_FLAGS, a[2].bits), "sanctuary");
        assert_eq!(a[3].where_, b'R');
        assert_eq!(flag_string(IRV_FLAGS, a[3].bits), "fire cold");
        lines(&mut w, b, &["show"]);
        let t = out(&mut w, b);
        assert!(t.contains("[   0] 2        strength"), "{t}");
        assert!(t.contains("(resist fire cold)"), "{t}");
        lines(
            &mut w,
            b,
            &[
                "addaffect luck 2",
                "addaffect strength",
                "addapply magic hp 1 fire",
                "addapply immune hp 1 wings",
                "delaffect 9",
                "delaffect one",
            ],
        );
        let t = out(&mut w, b);
        assert!(
            t.starts_with("Syntax:  addaffect [location] [#mod]\n"),
            "{t}"
        );
        assert!(t.contains("Bitvectors:"), "{t}");
        assert!(t.contains("OEdit:  No such affect.\n"), "{t}");
        assert!(t.ends_with("Syntax:  delaffect [#affect]\n"), "{t}");
        assert_eq!(obj(&w, 101).applies.len(), 4);
        lines(&mut w, b, &["delaffect 1"]);
        assert_eq!(out(&mut w, b), "Affect removed.\n");
        let a = &obj(&w, 101).applies;
        assert_eq!(a.len(), 3);
        assert_eq!(a[1].where_, b'A');
    }

    #[test]
    fn extra_descriptions_through_the_text_editor() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "101");
        lines(&mut w, b, &["ed add blade edge"]);
        assert!(out(&mut w, b).contains("Entering EDIT Mode"));
        lines(
            &mut w,
            b,
            &["The blade is notched.", "it has seen battle.", "@"],
        );
        assert_eq!(
            obj(&w, 101).extra,
            vec![ExtraDescr {
                keyword: "blade edge".into(),
                description: "The blade is notched.\nit has seen battle.\n".into()
            }]
        );
        assert!(w.areas[0].changed);
        out(&mut w, b);
        lines(&mut w, b, &["ed add blade edge", "ed format edge"]);
        assert_eq!(
            out(&mut w, b),
            "OEdit:  An extra description has those keywords; use ed edit.\n\
             Extra description formatted.\n"
        );
        assert_eq!(
            obj(&w, 101).extra[0].description,
            "The blade is notched.  It has seen battle.\n"
        );
        lines(&mut w, b, &["ed edit blade", ".c", "Shiny.", "@"]);
        assert_eq!(obj(&w, 101).extra[0].description, "Shiny.\n");
        let p = reload(&w);
        assert_eq!(canon(&p.objs[&ObjVnum(101)]), canon(obj(&w, 101)));
        out(&mut w, b);
        lines(
            &mut w,
            b,
            &["ed edit hilt", "ed delete edge", "ed", "ed frob blade"],
        );
        let t = out(&mut w, b);
        assert!(t.starts_with("OEdit:  Extra description keyword not found.\nExtra description deleted.\nSyntax:  ed add"), "{t}");
        assert!(obj(&w, 101).extra.is_empty());
    }

    /// Every word an object's fields take, set through the editor, comes
    /// back the same from the area file.
    #[test]
    fn every_value_word_round_trips() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "create 120");
        let check = |w: &mut World, what: &str| {
            let t = out(w, b);
            assert!(
                !t.contains("Syntax") && !t.contains("No such"),
                "{what}: {t}"
            );
            let p = reload(w);
            assert_eq!(canon(&p.objs[&ObjVnum(120)]), canon(obj(w, 120)), "{what}");
        };
        for t in ITEM_TYPES {
            lines(&mut w, b, &[&format!("type {}", t.name)]);
            check(&mut w, t.name);
        }
        lines(&mut w, b, &["type weapon"]);
        for c in WEAPON_CLASS_NAMES.iter().chain(["staff"].iter()) {
            lines(&mut w, b, &[&format!("v0 {c}")]);
            check(&mut w, c);
        }
        for a in ATTACKS {
            lines(&mut w, b, &[&format!("v3 '{}'", a.name)]);
            check(&mut w, a.name);
        }
        for f in WEAPON_FLAGS {
            lines(&mut w, b, &[&format!("v4 {}", f.name)]);
            check(&mut w, f.name);
        }
        lines(&mut w, b, &["type drink"]);
        for l in LIQUIDS {
            lines(&mut w, b, &[&format!("v2 {}", l.name)]);
            check(&mut w, l.name);
        }
        lines(&mut w, b, &["type pill"]);
        for s in SKILLS.iter().filter(|s| s.kind == SkillKind::Spell) {
            lines(&mut w, b, &[&format!("v4 '{}'", s.name)]);
            check(&mut w, s.name);
        }
        let flag_values: [(&str, &str, &[FlagName]); 4] = [
            ("container", "v1", CONTAINER_FLAGS),
            ("furniture", "v2", FURNITURE_FLAGS),
            ("portal", "v1", EXIT_FLAGS),
            ("portal", "v2", GATE_FLAGS),
        ];
        for (t, v, table) in flag_values {
            lines(&mut w, b, &[&format!("type {t}")]);
            for f in table {
                lines(&mut w, b, &[&format!("{v} {}", f.name)]);
                check(&mut w, f.name);
            }
        }
        for f in WEAR_FLAGS {
            lines(&mut w, b, &[&format!("wear {}", f.name)]);
            check(&mut w, f.name);
        }
        for f in EXTRA_FLAGS {
            lines(&mut w, b, &[&format!("extra {}", f.name)]);
            check(&mut w, f.name);
        }
        for c in 0..=100 {
            lines(&mut w, b, &[&format!("condition {c}")]);
            out(&mut w, b);
            check(&mut w, "condition");
        }
        for a in APPLY_LOCATIONS {
            lines(&mut w, b, &[&format!("addaffect {} -3", a.name)]);
            check(&mut w, a.name);
        }
    }

    #[test]
    fn edited_objects_round_trip_through_the_area_file() {
        let mut w = world();
        let b = builder(&mut w, "Bob", 9);
        do_oedit(&mut w, b, "create 120");
        lines(
            &mut w,
            b,
            &[
                "name blade hassan",
                "short Hassan's blade",
                "long the blade of Hassan lies here, gleaming.",
                "material adamantite",
                "type weapon",
                "v0 staff",
                "v1 4",
                "v2 10",
                "v3 cleave",
                "v4 vorpal twohands",
                "wear take wield",
                "extra glow hum nouncurse",
                "level 42",
                "weight 45",
                "cost 5600",
                "condition 80",
                "addaffect damroll 3",
                "addapply affects hitroll 1 haste",
                "addapply vuln none 0 silver",
                "ed add blade",
                "It is quite heavy.",
                "@",
            ],
        );
        // A potion, a container, a drink, a fountain, a portal, furniture and
        // a staff, each with its own value words.
        let more: &[(&str, &[&str])] = &[
            (
                "121",
                &["type potion", "v0 20", "v1 heal", "v3 'cure blindness'"],
            ),
            (
                "122",
                &[
                    "type container",
                    "v0 100",
                    "v1 closeable locked puton",
                    "v2 101",
                    "v3 30",
                    "v4 50",
                ],
            ),
            (
                "123",
                &[
                    "type drink",
                    "v0 10",
                    "v1 5",
                    "v2 'local specialty'",
                    "v3 1",
                ],
            ),
            ("124", &["type fountain", "v0 -1", "v1 -1", "v2 blood"]),
            (
                "125",
                &[
                    "type portal",
                    "v0 3",
                    "v1 closed",
                    "v2 normal_exit random",
                    "v3 100",
                ],
            ),
            (
                "126",
                &[
                    "type furniture",
                    "v0 3",
                    "v1 300",
                    "v2 sleep_in put_on",
                    "v3 150",
                    "v4 120",
                ],
            ),
            (
                "127",
                &["type staff", "v0 30", "v1 8", "v2 7", "v3 'call lightning'"],
            ),
            (
                "128",
                &[
                    "type armor",
                    "v0 -3",
                    "v1 4",
                    "v2 5",
                    "v3 6",
                    "wear take body",
                ],
            ),
        ];
        for (vnum, cmds) in more {
            do_oedit(&mut w, b, &format!("create {vnum}"));
            lines(&mut w, b, cmds);
        }
        let t = out(&mut w, b);
        assert!(!t.contains("Syntax"), "{t}");
        assert!(!t.contains("No such"), "{t}");
        let p = reload(&w);
        for v in [101, 120, 121, 122, 123, 124, 125, 126, 127, 128] {
            let o = obj(&w, v);
            assert_eq!(canon(&p.objs[&ObjVnum(v)]), canon(o), "object {v}");
        }
        assert_eq!(obj(&w, 120).condition, 90);
        assert_eq!(
            obj(&w, 120).values[0],
            i64::from(crate::world::WEAPON_SPEAR)
        );
    }
}
