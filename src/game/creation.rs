//! Creation customisation (rom-mechanics 2.1 and 2.4): after the alignment
//! a new character is given `rom basics` and the class's basics group and
//! recall at 50 %; then either the class's default group (40 points) or
//! the customisation menu (`list`, `learned`, `premise`, `add`, `drop`,
//! `info`, `help`, `done`); then a weapon among the weapon skills now
//! known, learned at 40 %.
//!
//! Everything here works on the `Char` being created, before it has an id
//! in the world: the dialogue (`nanny`) sends the text these functions
//! return. Departure from ROM: `drop` rebuilds what the character knows
//! from the basics, the race's skills and what is still chosen, so
//! dropping a group never takes away a skill a basics group gave (ROM's
//! gn_remove cleared such shared members, e.g. a mage's dagger after
//! dropping weaponsmaster).

use crate::world::rules::{self, exp_per_level, gsn, SkillKind, Sn, CLASSES, GROUPS, SKILLS};
use crate::world::Char;

/// The most creation points a character may hold after customising
/// (race points included).
pub const MAX_POINTS: i32 = 300;

/// The weapon skills a new character may choose from, in ROM's weapon
/// table order (`staff` is the spear skill).
pub const WEAPONS: [(&str, Sn); 8] = [
    ("sword", gsn::SWORD),
    ("mace", gsn::MACE),
    ("dagger", gsn::DAGGER),
    ("axe", gsn::AXE),
    ("staff", gsn::SPEAR),
    ("flail", gsn::FLAIL),
    ("whip", gsn::WHIP),
    ("polearm", gsn::POLEARM),
];

/// What the customisation menu has chosen so far (ROM's gen_data).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenData {
    /// Group indices into [`GROUPS`], in the order chosen.
    pub groups: Vec<usize>,
    /// Skills bought one by one.
    pub skills: Vec<Sn>,
    /// Points chosen, race points included.
    pub points_chosen: i32,
}

/// What `premise` and `help` say in a world whose help files lack the
/// entries (the stock ROM areas ship without them).
pub fn fallback_help(topic: &str) -> Option<&'static str> {
    match topic {
        "premise" => Some(
            "Creation points measure how much you know.  Each group or skill has a\n\
             price for your class; the more points you hold, the more experience\n\
             each level costs.  Take at least 40 points beyond your race's own,\n\
             and at most 300 in all.  Spells come in groups only.\n",
        ),
        "group help" => Some(
            "list: what is for sale    learned: what you bought    premise: the rules\n\
             add <name> / drop <name>: buy or give back    info <group>: its members\n\
             help <topic>: any help entry    done: finish and pick a weapon\n",
        ),
        _ => None,
    }
}

/// The prompt after every menu answer.
pub const MENU_PROMPT: &str = "Choice (add, drop, list, learned, premise, info, help, done)? ";

/// The question after the alignment.
pub const CUSTOMIZE_PROMPT: &str = "Do you wish to customize this character?\nCustomizing lets you choose your own skills and spell groups; the\ndefault gives your class its usual set.\nCustomize (Y/N)? ";

fn class_of(c: &Char) -> usize {
    usize::try_from(c.class).unwrap_or(0).min(3)
}

fn group_cost(class: usize, gi: usize) -> i32 {
    GROUPS
        .get(gi)
        .and_then(|g| g.costs.get(class).copied())
        .unwrap_or(-1)
}

fn skill_cost(class: usize, sn: Sn) -> i32 {
    sn.skill()
        .and_then(|s| s.costs.get(class).copied())
        .unwrap_or(0)
}

fn sn_of(i: usize) -> Option<Sn> {
    i32::try_from(i).ok().map(Sn)
}

/// What every new character gets after the alignment: the free groups,
/// the race's bonus skills at 1 % and recall at 50 %.
pub fn begin(c: &mut Char) {
    let class = class_of(c);
    let race = c.race;
    let Some(pc) = c.pc.as_mut() else { return };
    pc.groups.clear();
    pc.learned.clear();
    for g in ["rom basics", CLASSES[class].base_group] {
        rules::group_add(pc, g);
    }
    for name in rules::pc_race_by_index(race).map_or(&[][..], |r| r.skills) {
        if let Some(sn) = rules::skill_lookup(name) {
            let pct = pc.learned.entry(sn).or_insert(0);
            *pct = (*pct).max(1);
        }
    }
    pc.learned.insert(gsn::RECALL, 50);
}

/// Not customising: the class's default group and its 40 points.
pub fn add_default(c: &mut Char) {
    let class = class_of(c);
    let Some(pc) = c.pc.as_mut() else { return };
    if let Some(gi) = rules::group_lookup(CLASSES[class].default_group) {
        pc.points += group_cost(class, gi).max(0);
    }
    rules::group_add(pc, CLASSES[class].default_group);
}

/// Start the menu: nothing chosen yet beyond the race's points.
pub fn start(c: &Char) -> GenData {
    GenData {
        points_chosen: c.pc.as_ref().map_or(0, |pc| pc.points),
        ..GenData::default()
    }
}

fn header(what: &str) -> String {
    format!(
        "{what:<18} {:<5} {what:<18} {:<5} {what:<18} {:<5}\n",
        "cp", "cp", "cp"
    )
}

fn columns(cells: impl IntoIterator<Item = String>) -> String {
    let mut buf = String::new();
    let mut n = 0;
    for cell in cells {
        buf.push_str(&cell);
        n += 1;
        if n % 3 == 0 {
            buf.push('\n');
        }
    }
    if n % 3 != 0 {
        buf.push('\n');
    }
    buf
}

fn points_lines(c: &Char) -> String {
    format!(
        "Creation points: {}\nExperience per level: {}\n",
        c.pc.as_ref().map_or(0, |pc| pc.points),
        exp_per_level(c)
    )
}

/// `list`: every group and skill still for sale, with its cost.
pub fn list_costs(c: &Char, gen: &GenData) -> String {
    let class = class_of(c);
    let Some(pc) = c.pc.as_ref() else {
        return String::new();
    };
    let mut buf = header("group");
    buf.push_str(&columns(GROUPS.iter().enumerate().filter_map(|(i, g)| {
        let cost = group_cost(class, i);
        let known = gen.groups.contains(&i) || pc.groups.iter().any(|k| k == g.name);
        (cost > 0 && !known).then(|| format!("{:<18} {:<5} ", g.name, cost))
    })));
    buf.push('\n');
    buf.push_str(&header("skill"));
    buf.push_str(&columns(SKILLS.iter().enumerate().filter_map(|(i, s)| {
        let sn = sn_of(i)?;
        let cost = skill_cost(class, sn);
        let known = gen.skills.contains(&sn) || pc.learned.get(&sn).copied().unwrap_or(0) > 0;
        (s.kind == SkillKind::Skill && cost > 0 && !known && !s.name.is_empty())
            .then(|| format!("{:<18} {:<5} ", s.name, cost))
    })));
    buf.push('\n');
    buf.push_str(&points_lines(c));
    buf
}

/// `learned`: what this menu has bought so far.
pub fn list_chosen(c: &Char, gen: &GenData) -> String {
    let class = class_of(c);
    let mut buf = header("group");
    buf.push_str(&columns(gen.groups.iter().filter_map(|&i| {
        GROUPS
            .get(i)
            .map(|g| format!("{:<18} {:<5} ", g.name, group_cost(class, i)))
    })));
    buf.push('\n');
    buf.push_str(&header("skill"));
    buf.push_str(&columns(gen.skills.iter().filter_map(|&sn| {
        sn.name()
            .map(|n| format!("{:<18} {:<5} ", n, skill_cost(class, sn)))
    })));
    buf.push('\n');
    buf.push_str(&points_lines(c));
    buf
}

/// The names of the skills and spells `c` already knows, three to a line.
pub fn known_list(c: &Char) -> String {
    let Some(pc) = c.pc.as_ref() else {
        return String::new();
    };
    columns(
        pc.learned
            .iter()
            .filter(|(_, &p)| p > 0)
            .filter_map(|(sn, _)| sn.name().map(|n| format!("{n:<20} "))),
    )
}

/// Rebuild what `c` knows from the basics, the race and `gen` (after a
/// `drop`).
fn rebuild(c: &mut Char, gen: &GenData) {
    begin(c);
    let Some(pc) = c.pc.as_mut() else { return };
    for &gi in &gen.groups {
        if let Some(g) = GROUPS.get(gi) {
            rules::group_add(pc, g.name);
        }
    }
    for &sn in &gen.skills {
        let pct = pc.learned.entry(sn).or_insert(0);
        *pct = (*pct).max(1);
    }
}

/// What a menu line did.
#[derive(Debug, PartialEq, Eq)]
pub enum Menu {
    /// Stay in the menu; show this text and the menu prompt.
    Stay(String),
    /// `done` accepted: show this text, then ask for the weapon.
    Done(String),
    /// Show the help topic (the dialogue looks it up), then the prompt.
    Help(String),
}

/// One line of the customisation menu.
pub fn parse(c: &mut Char, gen: &mut GenData, line: &str) -> Menu {
    let line = line.trim();
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w.to_ascii_lowercase(), r.trim().to_ascii_lowercase()),
        None => (line.to_ascii_lowercase(), String::new()),
    };
    let class = class_of(c);
    let race_points = rules::pc_race_by_index(c.race).map_or(0, |r| r.points);
    let points = c.pc.as_ref().map_or(0, |pc| pc.points);
    let is = |full: &str| !word.is_empty() && full.starts_with(word.as_str());
    if word.is_empty() {
        return Menu::Stay(String::new());
    }
    if word == "help" {
        return Menu::Help(if rest.is_empty() {
            "group help".into()
        } else {
            rest
        });
    }
    if is("done") {
        if points == race_points {
            return Menu::Stay("You didn't pick anything.\n".into());
        }
        if points < 40 + race_points {
            return Menu::Stay(format!(
                "You must take at least {} points of skills and groups.\n",
                40 + race_points
            ));
        }
        return Menu::Done(points_lines(c));
    }
    if is("list") {
        return Menu::Stay(list_costs(c, gen));
    }
    if is("learned") {
        return Menu::Stay(list_chosen(c, gen));
    }
    if is("premise") {
        return Menu::Help("premise".into());
    }
    if is("info") {
        return Menu::Stay(group_info(&rest));
    }
    if is("add") {
        if rest.is_empty() {
            return Menu::Stay("You must name a skill or group to add.\n".into());
        }
        if let Some(gi) = rules::group_lookup(&rest) {
            let Some(g) = GROUPS.get(gi) else {
                return Menu::Stay(String::new());
            };
            let known =
                c.pc.as_ref()
                    .is_some_and(|pc| pc.groups.iter().any(|k| k == g.name));
            if gen.groups.contains(&gi) || known {
                return Menu::Stay("You already know that group!\n".into());
            }
            let cost = group_cost(class, gi);
            if cost < 1 {
                return Menu::Stay("That group is not available to your class.\n".into());
            }
            if gen.points_chosen + cost > MAX_POINTS {
                return Menu::Stay(format!(
                    "You cannot take more than {MAX_POINTS} creation points.\n"
                ));
            }
            gen.groups.push(gi);
            gen.points_chosen += cost;
            if let Some(pc) = c.pc.as_mut() {
                rules::group_add(pc, g.name);
                pc.points += cost;
            }
            return Menu::Stay(format!("{} group added.\n", g.name));
        }
        if let Some(sn) = rules::skill_lookup(&rest) {
            let name = sn.name().unwrap_or("");
            let known =
                c.pc.as_ref()
                    .is_some_and(|pc| pc.learned.get(&sn).copied().unwrap_or(0) > 0);
            if gen.skills.contains(&sn) || known {
                return Menu::Stay("You already know that skill!\n".into());
            }
            let cost = skill_cost(class, sn);
            let is_spell = sn.skill().is_some_and(|s| s.kind == SkillKind::Spell);
            if cost < 1 || is_spell {
                return Menu::Stay(
                    "That skill is not available on its own (spells come in groups).\n".into(),
                );
            }
            if gen.points_chosen + cost > MAX_POINTS {
                return Menu::Stay(format!(
                    "You cannot take more than {MAX_POINTS} creation points.\n"
                ));
            }
            gen.skills.push(sn);
            gen.points_chosen += cost;
            if let Some(pc) = c.pc.as_mut() {
                pc.learned.insert(sn, 1);
                pc.points += cost;
            }
            return Menu::Stay(format!("{name} skill added.\n"));
        }
        return Menu::Stay("There is no skill or group of that name.\n".into());
    }
    if is("drop") {
        if rest.is_empty() {
            return Menu::Stay("You must name a skill or group to drop.\n".into());
        }
        if let Some(gi) = rules::group_lookup(&rest) {
            if let Some(at) = gen.groups.iter().position(|&g| g == gi) {
                gen.groups.remove(at);
                let cost = group_cost(class, gi);
                gen.points_chosen -= cost;
                if let Some(pc) = c.pc.as_mut() {
                    pc.points -= cost;
                }
                rebuild(c, gen);
                return Menu::Stay("Group dropped.\n".into());
            }
        }
        if let Some(sn) = rules::skill_lookup(&rest) {
            if let Some(at) = gen.skills.iter().position(|&s| s == sn) {
                gen.skills.remove(at);
                let cost = skill_cost(class, sn);
                gen.points_chosen -= cost;
                if let Some(pc) = c.pc.as_mut() {
                    pc.points -= cost;
                }
                rebuild(c, gen);
                return Menu::Stay("Skill dropped.\n".into());
            }
        }
        return Menu::Stay("You haven't bought any such skill or group.\n".into());
    }
    Menu::Stay("That is not a choice here. Type help for the menu's words.\n".into())
}

/// `info <group>`: its members; without a name, every group.
pub fn group_info(name: &str) -> String {
    let names: Vec<&str> = if name.is_empty() {
        GROUPS.iter().map(|g| g.name).collect()
    } else {
        match rules::group_lookup(name).and_then(|i| GROUPS.get(i)) {
            Some(g) => g.members.to_vec(),
            None => return "No group of that name exists.\n".into(),
        }
    };
    columns(names.into_iter().map(|n| format!("{n:<20} ")))
}

/// The weapons `c` may pick now (those whose skill it knows).
pub fn weapon_choices(c: &Char) -> Vec<&'static str> {
    let Some(pc) = c.pc.as_ref() else {
        return Vec::new();
    };
    WEAPONS
        .iter()
        .filter(|(_, sn)| pc.learned.get(sn).copied().unwrap_or(0) > 0)
        .map(|(n, _)| *n)
        .collect()
}

/// The weapon question with its choices.
pub fn weapon_prompt(c: &Char) -> String {
    format!(
        "Please pick a weapon from the following choices:\n{}\nYour choice? ",
        weapon_choices(c).join(" ")
    )
}

/// Pick the weapon named by `word`: its skill becomes 40 %.
pub fn pick_weapon(c: &mut Char, word: &str) -> bool {
    let word = word.trim().to_ascii_lowercase();
    if word.is_empty() {
        return false;
    }
    let choices = weapon_choices(c);
    let Some(&(_, sn)) = WEAPONS
        .iter()
        .find(|(n, _)| n.starts_with(word.as_str()) && choices.contains(n))
    else {
        return false;
    };
    if let Some(pc) = c.pc.as_mut() {
        pc.learned.insert(sn, 40);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::PcData;

    fn new_char(race: usize, class: i32) -> Char {
        let mut c = Char {
            name: "Newbie".into(),
            race,
            class,
            pc: Some(Box::new(PcData::default())),
            ..Default::default()
        };
        let points = rules::pc_race_by_index(race).map_or(0, |r| r.points);
        if let Some(pc) = c.pc.as_mut() {
            pc.points = points;
        }
        begin(&mut c);
        c
    }

    fn race(name: &str) -> usize {
        rules::pc_race_lookup(name)
            .map(|r| r.race)
            .unwrap_or(usize::MAX)
    }

    fn learned(c: &Char, name: &str) -> i32 {
        let sn = rules::skill_lookup(name).unwrap_or(Sn::NONE);
        c.pc.as_ref()
            .and_then(|pc| pc.learned.get(&sn).copied())
            .unwrap_or(0)
    }

    #[test]
    fn the_free_groups_and_recall_at_fifty() {
        let c = new_char(race("human"), 0);
        assert_eq!(learned(&c, "recall"), 50);
        assert_eq!(learned(&c, "dagger"), 1);
        assert_eq!(learned(&c, "scrolls"), 1);
        assert_eq!(learned(&c, "magic missile"), 0);
        let elf = new_char(race("elf"), 2);
        assert_eq!(learned(&elf, "sneak"), 1);
        assert_eq!(learned(&elf, "steal"), 1);
    }

    #[test]
    fn defaults_give_forty_points_per_race() {
        for (r, points, epl_mage) in [("human", 40, 1000), ("elf", 45, 1250), ("giant", 46, 2600)] {
            let mut c = new_char(race(r), 0);
            add_default(&mut c);
            assert_eq!(c.pc.as_ref().map(|p| p.points), Some(points), "{r}");
            assert_eq!(learned(&c, "magic missile"), 1);
            assert_eq!(exp_per_level(&c), epl_mage, "{r}");
        }
        let mut c = new_char(race("dwarf"), 3);
        add_default(&mut c);
        assert_eq!(c.pc.as_ref().map(|p| p.points), Some(48));
        // A default warrior may pick any weapon; a default mage only the dagger.
        assert_eq!(weapon_choices(&c).len(), 8);
        let mut m = new_char(race("human"), 0);
        add_default(&mut m);
        assert_eq!(weapon_choices(&m), vec!["dagger"]);
        assert!(!pick_weapon(&mut m, "sword"));
        assert!(pick_weapon(&mut m, "dag"));
        assert_eq!(learned(&m, "dagger"), 40);
    }

    #[test]
    fn a_mage_customises_groups_with_rom_points() {
        let mut c = new_char(race("human"), 0);
        let mut gen = start(&c);
        let list = list_costs(&c, &gen);
        assert!(list.contains("combat             6"), "{list}");
        assert!(list.contains("Creation points: 0"), "{list}");
        // Spells come in groups only.
        assert!(!list.contains("magic missile"), "{list}");
        assert_eq!(
            parse(&mut c, &mut gen, "done"),
            Menu::Stay("You didn't pick anything.\n".into())
        );
        assert_eq!(
            parse(&mut c, &mut gen, "add combat"),
            Menu::Stay("combat group added.\n".into())
        );
        assert_eq!(learned(&c, "fireball"), 1);
        assert!(
            matches!(parse(&mut c, &mut gen, "add combat"), Menu::Stay(t) if t.contains("already"))
        );
        assert!(
            matches!(parse(&mut c, &mut gen, "add sleep"), Menu::Stay(t) if t.contains("not available"))
        );
        assert!(
            matches!(parse(&mut c, &mut gen, "add healing"), Menu::Stay(t) if t.contains("not available"))
        );
        // 6 points are too few.
        assert!(
            matches!(parse(&mut c, &mut gen, "done"), Menu::Stay(t) if t.contains("at least 40"))
        );
        for g in [
            "enchantment",
            "draconian",
            "detection",
            "protective",
            "transportation",
            "weaponsmaster",
        ] {
            assert!(
                matches!(parse(&mut c, &mut gen, &format!("add {g}")), Menu::Stay(t) if t.contains("added"))
            );
        }
        assert!(
            matches!(parse(&mut c, &mut gen, "add lore"), Menu::Stay(t) if t == "lore skill added.\n")
        );
        // 6 + 6 + 8 + 4 + 4 + 4 + 40 + lore's 6 = 78
        let points = c.pc.as_ref().map_or(0, |p| p.points);
        assert_eq!(points, 78);
        let learned_text = list_chosen(&c, &gen);
        assert!(learned_text.contains("weaponsmaster"), "{learned_text}");
        assert!(
            learned_text.contains("Experience per level: 3800"),
            "{learned_text}"
        );
        // Dropping weaponsmaster keeps the dagger of mage basics.
        assert_eq!(
            parse(&mut c, &mut gen, "drop weaponsmaster"),
            Menu::Stay("Group dropped.\n".into())
        );
        assert_eq!(learned(&c, "dagger"), 1);
        assert_eq!(learned(&c, "sword"), 0);
        assert_eq!(learned(&c, "recall"), 50);
        assert_eq!(c.pc.as_ref().map_or(0, |p| p.points), 38);
        assert!(
            matches!(parse(&mut c, &mut gen, "drop weaponsmaster"), Menu::Stay(t) if t.contains("haven't"))
        );
        assert!(
            matches!(parse(&mut c, &mut gen, "done"), Menu::Stay(t) if t.contains("at least 40"))
        );
        assert!(
            matches!(parse(&mut c, &mut gen, "add mal"), Menu::Stay(t) if t.contains("maladictions group added"))
        );
        match parse(&mut c, &mut gen, "done") {
            Menu::Done(t) => {
                assert!(t.contains("Creation points: 43"), "{t}");
                assert!(t.contains("Experience per level: 1150"), "{t}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_more_than_three_hundred_points() {
        let mut c = new_char(race("human"), 0);
        let mut gen = start(&c);
        gen.points_chosen = 295;
        assert!(
            matches!(parse(&mut c, &mut gen, "add combat"), Menu::Stay(t) if t.contains("more than 300"))
        );
        assert!(
            matches!(parse(&mut c, &mut gen, "add beguiling"), Menu::Stay(t) if t.contains("added"))
        );
        assert_eq!(gen.points_chosen, 299);
    }

    #[test]
    fn info_and_help_words() {
        let mut c = new_char(race("human"), 0);
        let mut gen = start(&c);
        assert!(
            matches!(parse(&mut c, &mut gen, "info beguiling"), Menu::Stay(t) if t.contains("charm person"))
        );
        assert_eq!(
            parse(&mut c, &mut gen, "premise"),
            Menu::Help("premise".into())
        );
        assert_eq!(
            parse(&mut c, &mut gen, "help"),
            Menu::Help("group help".into())
        );
        assert_eq!(
            parse(&mut c, &mut gen, "help combat"),
            Menu::Help("combat".into())
        );
    }
}
