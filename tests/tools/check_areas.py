#!/usr/bin/env python3
"""Static checker for GraceMUD's bundled ROM 2.4 area files.

Reads area.lst from an area directory, parses every listed file with a
tokenizer that mirrors ROM's readers (docs: rom-area-format.md sections 1-4),
then links the world and reports problems as `file:line:col: message`.

It is stricter than ROM on purpose, because it checks *our own* world:
vocabulary words must match a table entry exactly, flag fields must be letters
A-Z/a-f or 0, dice must be written NdS+B, reset lines must hold all their
arguments on one line, exits must be two-way, and so on.

Usage:  python3 tests/tools/check_areas.py [AREA_DIR] [--quiet]
Exit status 0 when there are no errors (warnings are allowed), 1 otherwise.
"""

import os
import re
import sys
from collections import defaultdict, deque

# --------------------------------------------------------------------------
# Vocabularies (rom-area-format.md section 4)

ITEM_TYPES = {
    "light": 1, "scroll": 2, "wand": 3, "staff": 4, "weapon": 5,
    "treasure": 8, "armor": 9, "potion": 10, "clothing": 11, "furniture": 12,
    "trash": 13, "container": 15, "drink": 17, "key": 18, "food": 19,
    "money": 20, "boat": 22, "npc_corpse": 23, "pc_corpse": 24,
    "fountain": 25, "pill": 26, "protect": 27, "map": 28, "portal": 29,
    "warp_stone": 30, "room_key": 31, "gem": 32, "jewelry": 33, "jukebox": 34,
}
WEAPON_CLASSES = ["sword", "mace", "dagger", "axe", "staff", "flail", "whip",
                  "polearm", "exotic"]
ATTACKS = ["none", "slice", "stab", "slash", "whip", "claw", "blast", "pound",
           "crush", "grep", "bite", "pierce", "suction", "beating",
           "digestion", "charge", "slap", "punch", "wrath", "magic", "divine",
           "cleave", "scratch", "peck", "peckb", "chop", "sting", "smash",
           "shbite", "flbite", "frbite", "acbite", "chomp", "drain", "thrust",
           "slime", "shock", "thwack", "flame", "chill"]
LIQUIDS = ["water", "beer", "red wine", "ale", "dark ale", "whisky",
           "lemonade", "firebreather", "local specialty", "slime mold juice",
           "milk", "tea", "coffee", "blood", "salt water", "coke", "root beer",
           "elvish wine", "white wine", "champagne", "mead", "rose wine",
           "benedictine wine", "vodka", "cranberry juice", "orange juice",
           "absinthe", "brandy", "aquavit", "schnapps", "icewine",
           "amontillado", "sherry", "framboise", "rum", "cordial"]
RACES = ["unique", "human", "elf", "dwarf", "giant", "bat", "bear", "cat",
         "centipede", "dog", "doll", "dragon", "fido", "fox", "goblin",
         "hobgoblin", "kobold", "lizard", "modron", "orc", "pig", "rabbit",
         "school monster", "snake", "song bird", "troll", "water fowl",
         "wolf", "wyvern"]
POSITIONS = {"dead": 0, "mort": 1, "incap": 2, "stun": 3, "sleep": 4,
             "rest": 5, "sit": 6, "fight": 7, "stand": 8}
POSITION_LONG = ["dead", "mortally wounded", "incapacitated", "stunned",
                 "sleeping", "resting", "sitting", "fighting", "standing"]
SEXES = ["none", "male", "female", "either"]
SIZES = ["tiny", "small", "medium", "large", "huge", "giant"]
SPEC_FUNS = ["spec_breath_any", "spec_breath_acid", "spec_breath_fire",
             "spec_breath_frost", "spec_breath_gas", "spec_breath_lightning",
             "spec_cast_adept", "spec_cast_cleric", "spec_cast_judge",
             "spec_cast_mage", "spec_cast_undead", "spec_executioner",
             "spec_fido", "spec_guard", "spec_janitor", "spec_mayor",
             "spec_poison", "spec_thief", "spec_nasty", "spec_troll_member",
             "spec_ogre_member", "spec_patrolman"]
SPELLS = ("reserved,acid blast,armor,bless,blindness,burning hands,"
          "call lightning,calm,cancellation,cause critical,cause light,"
          "cause serious,chain lightning,change sex,charm person,chill touch,"
          "colour spray,continual light,control weather,create food,"
          "create rose,create spring,create water,cure blindness,"
          "cure critical,cure disease,cure light,cure poison,cure serious,"
          "curse,demonfire,detect evil,detect good,detect hidden,detect invis,"
          "detect magic,detect poison,dispel evil,dispel good,dispel magic,"
          "earthquake,enchant armor,enchant weapon,energy drain,faerie fire,"
          "faerie fog,farsight,fireball,fireproof,flamestrike,fly,"
          "floating disc,frenzy,gate,giant strength,harm,haste,heal,"
          "heat metal,holy word,identify,infravision,invisibility,"
          "know alignment,lightning bolt,locate object,magic missile,"
          "mass healing,mass invis,nexus,pass door,plague,poison,portal,"
          "protection evil,protection good,ray of truth,recharge,refresh,"
          "remove curse,sanctuary,shield,shocking grasp,sleep,slow,"
          "stone skin,summon,teleport,ventriloquate,weaken,word of recall,"
          "acid breath,fire breath,frost breath,gas breath,lightning breath,"
          "general purpose,high explosive").split(",")
# wear flag letter needed for each E-reset wear location (4.19 / 4.3)
WEAR_LOC_FLAG = {1: "B", 2: "B", 3: "C", 4: "C", 5: "D", 6: "E", 7: "F",
                 8: "G", 9: "H", 10: "I", 11: "J", 12: "K", 13: "L",
                 14: "M", 15: "M", 16: "N", 17: "O", 18: "Q"}
ROOM_FLAG_LETTERS = set("ACDJKLMNOPQRST")
ACT_LETTERS = set("ABCFGHIJKOQRSTUVWYabcd")
DIR_NAMES = ["north", "east", "south", "west", "up", "down"]
REV_DIR = [2, 3, 0, 1, 5, 4]

# Names of stock ROM places that must never appear in our own world.
FORBIDDEN = ["midgaard", "mota", "mud school", "mudschool", "hassan",
             "zump", "furey", "merc industries", "new thalos", "thalos",
             "haon", "moria", "draconia", "smurf", "ofcol", "arachnos",
             "miden'nir", "shire"]


class AreaError(Exception):
    pass


# --------------------------------------------------------------------------
# Token layer (section 1)

class Reader:
    WS = b" \t\n\v\f\r"

    def __init__(self, data, fname):
        self.d = data
        self.p = 0
        self.fname = fname
        self.last = 0   # start of the last token

    def where(self, pos=None):
        if pos is None:
            pos = self.last
        line = self.d.count(b"\n", 0, pos) + 1
        col = pos - (self.d.rfind(b"\n", 0, pos) + 1) + 1
        return "%s:%d:%d" % (self.fname, line, col)

    def line_of(self, pos):
        return self.d.count(b"\n", 0, pos) + 1

    def err(self, msg, pos=None):
        raise AreaError("%s: %s" % (self.where(pos), msg))

    def skip_ws(self):
        while self.p < len(self.d) and self.d[self.p] in self.WS:
            self.p += 1

    def eof(self):
        self.skip_ws()
        return self.p >= len(self.d)

    def peek_letter(self):
        self.skip_ws()
        if self.p >= len(self.d):
            return None
        return chr(self.d[self.p])

    def letter(self, what="a letter"):
        self.skip_ws()
        self.last = self.p
        if self.p >= len(self.d):
            self.err("unexpected end of file, expected %s" % what)
        c = chr(self.d[self.p])
        self.p += 1
        return c

    def word(self, what="a word"):
        self.skip_ws()
        self.last = self.p
        if self.p >= len(self.d):
            self.err("unexpected end of file, expected %s" % what)
        c = self.d[self.p]
        if c in (ord("'"), ord('"')):
            end = self.d.find(bytes([c]), self.p + 1)
            if end < 0:
                self.err("unterminated quoted word")
            w = self.d[self.p + 1:end]
            self.p = end + 1
        else:
            s = self.p
            while self.p < len(self.d) and self.d[self.p] not in self.WS:
                self.p += 1
            w = self.d[s:self.p]
        if len(w) > 255:
            self.err("word too long")
        return w.decode("latin-1")

    def string(self, what="a ~-terminated string"):
        self.skip_ws()
        self.last = self.p
        end = self.d.find(b"~", self.p)
        if end < 0:
            self.err("end of file inside %s (missing '~')" % what)
        s = self.d[self.p:end].replace(b"\r", b"")
        self.p = end + 1
        return s.decode("latin-1")

    def string_eol(self):
        self.skip_ws()
        self.last = self.p
        s = self.p
        while self.p < len(self.d) and self.d[self.p] not in b"\n\r":
            self.p += 1
        v = self.d[s:self.p]
        if self.p < len(self.d):
            self.p += 1
        return v.decode("latin-1")

    def number(self, what="a number"):
        self.skip_ws()
        self.last = self.p
        start = self.p
        neg = False
        if self.p < len(self.d) and self.d[self.p] in b"+-":
            neg = self.d[self.p] == ord("-")
            self.p += 1
        s = self.p
        while self.p < len(self.d) and chr(self.d[self.p]).isdigit():
            self.p += 1
        if s == self.p:
            self.err("expected %s, found %r" % (
                what, self.d[start:start + 12].decode("latin-1")), start)
        v = int(self.d[s:self.p])
        if neg:
            v = -v
        if self.p < len(self.d):
            c = self.d[self.p]
            if c == ord("|"):
                self.p += 1
                v += self.number(what)
            elif c == ord(" "):
                self.p += 1
        self.last = start
        return v

    def flag(self, what="a flag field", strict=True):
        """Read a flag.  In strict mode only `0`, a decimal number (values
        only), or letters A-Z a-f are accepted."""
        self.skip_ws()
        start = self.p
        neg = False
        if self.p < len(self.d) and self.d[self.p] == ord("-"):
            neg = True
            self.p += 1
        v = 0
        letters = ""
        while self.p < len(self.d) and chr(self.d[self.p]).isalpha():
            c = chr(self.d[self.p])
            if "A" <= c <= "Z":
                v += 1 << (ord(c) - ord("A"))
            elif "a" <= c <= "f":
                v += 1 << (26 + ord(c) - ord("a"))
            else:
                self.err("%s: flag letter %r does not exist (only A-Z, a-f)"
                         % (what, c), self.p)
            letters += c
            self.p += 1
        digits = ""
        while self.p < len(self.d) and chr(self.d[self.p]).isdigit():
            digits += chr(self.d[self.p])
            self.p += 1
        if not letters and not digits:
            self.err("expected %s" % what, start)
        if letters and digits:
            self.err("%s: letters followed by digits" % what, start)
        if len(set(letters)) != len(letters):
            self.err("%s: repeated flag letter in %r" % (what, letters), start)
        if digits:
            v = int(digits)
            if strict and v != 0:
                self.err("%s: write flags as letters, not %s" % (what, digits),
                         start)
        if neg:
            if strict:
                self.err("%s: negative flag" % what, start)
            v = -v
        if self.p < len(self.d):
            c = self.d[self.p]
            if c == ord("|"):
                self.err("%s: use plain letters instead of '|'" % what,
                         self.p)
            elif c == ord(" "):
                self.p += 1
        self.last = start
        return v, letters

    def value(self, what):
        """Object values of 'other' types: flag reader, but numbers and
        negative numbers are fine."""
        v, letters = self.flag(what, strict=False)
        return v

    def dice(self, what):
        n = self.number(what + " (count)")
        start = self.last
        c = self.letter()
        if c != "d":
            self.err("%s: expected 'd' in NdS+B, found %r" % (what, c))
        s = self.number(what + " (sides)")
        c = self.letter()
        if c != "+":
            self.err("%s: expected '+' in NdS+B, found %r" % (what, c))
        b = self.number(what + " (bonus)")
        self.last = start
        return (n, s, b)

    def to_eol(self):
        while self.p < len(self.d) and self.d[self.p] not in b"\n\r":
            self.p += 1
        while self.p < len(self.d) and self.d[self.p] in b"\n\r":
            self.p += 1


# --------------------------------------------------------------------------
# World model

class World:
    def __init__(self):
        self.areas = []
        self.helps = []
        self.mobs = {}
        self.objs = {}
        self.rooms = {}
        self.resets = []      # (area, cmd, args, where)
        self.shops = {}
        self.specials = {}
        self.socials = {}
        self.errors = []
        self.warnings = []

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)


def lookup_exact(table, word, what, r, w):
    if word in table:
        return table.index(word) if isinstance(table, list) else word
    w.error("%s: unknown %s %r" % (r.where(), what, word))
    return None


def check_text(w, r, pos, text, what, ends_newline=None):
    if "\t" in text:
        w.warn("%s: %s contains a TAB" % (r.where(pos), what))
    for ch in text:
        if ch != "\n" and (ord(ch) < 32 or ord(ch) > 126):
            w.error("%s: %s contains byte 0x%02x" % (r.where(pos), what,
                                                     ord(ch)))
            break
    if ends_newline is True and not text.endswith("\n"):
        w.error("%s: %s must end with a newline (~ on its own line)"
                % (r.where(pos), what))
    if ends_newline is False and "\n" in text:
        w.error("%s: %s must be a single line" % (r.where(pos), what))
    for line in text.split("\n"):
        if line != line.rstrip(" "):
            w.warn("%s: %s has trailing blanks" % (r.where(pos), what))
            break
        if len(line) > 79:
            w.warn("%s: %s has a line longer than 79 columns"
                   % (r.where(pos), what))
            break


# --------------------------------------------------------------------------
# Sections (section 3)

def load_area_header(r, w, fname):
    pos = r.p
    fn = r.string()
    name = r.string()
    credits = r.string()
    lo = r.number("low vnum")
    hi = r.number("high vnum")
    if fn != fname:
        w.warn("%s: #AREA file name %r differs from %r" % (r.where(pos), fn,
                                                           fname))
    if not re.match(r"^\{[ 0-9A-Za-z-]{5}\} \S", credits):
        w.warn("%s: credits %r not in '{lo hi} Author Title' form"
               % (r.where(pos), credits))
    if lo > hi:
        w.error("%s: vnum range %d..%d is empty" % (r.where(pos), lo, hi))
    area = {"file": fname, "name": name, "credits": credits, "lo": lo,
            "hi": hi, "where": r.where(pos), "resets": []}
    w.areas.append(area)
    return area


def load_helps(r, w, fname):
    while True:
        lvl = r.number("help level")
        pos = r.p
        kw = r.string("help keywords")
        if kw.startswith("$"):
            return
        tpos = r.p
        text = r.string("help text")
        check_text(w, r, tpos, text, "help text", ends_newline=True)
        w.helps.append({"level": lvl, "keywords": kw, "text": text,
                        "where": r.where(pos)})


def load_mobiles(r, w, fname, area):
    while True:
        c = r.letter()
        if c != "#":
            r.err("#MOBILES: expected '#', found %r" % c)
        vnum = r.number("mobile vnum")
        if vnum == 0:
            return
        where = r.where()
        if vnum in w.mobs:
            w.error("%s: duplicate mobile #%d" % (where, vnum))
        m = {"vnum": vnum, "where": where, "area": area}
        ctx = "#MOBILES #%d" % vnum
        m["keywords"] = r.string(); check_text(w, r, r.last, m["keywords"],
                                               ctx + " keywords", False)
        m["short"] = r.string(); check_text(w, r, r.last, m["short"],
                                            ctx + " short", False)
        m["long"] = r.string(); check_text(w, r, r.last, m["long"],
                                           ctx + " long", True)
        if m["long"].count("\n") != 1:
            w.warn("%s: %s long description should be one line"
                   % (r.where(), ctx))
        m["desc"] = r.string(); check_text(w, r, r.last, m["desc"],
                                           ctx + " description", True)
        race = r.string()
        lookup_exact(RACES, race, ctx + " race", r, w)
        m["race"] = race
        m["act"], m["act_l"] = r.flag(ctx + " act")
        for ch in m["act_l"]:
            if ch not in ACT_LETTERS:
                w.warn("%s: %s act letter %s is unused" % (r.where(), ctx,
                                                           ch))
        m["aff"], _ = r.flag(ctx + " affected")
        m["align"] = r.number(ctx + " alignment")
        if not -1000 <= m["align"] <= 1000:
            w.error("%s: %s alignment out of range" % (r.where(), ctx))
        m["group"] = r.number(ctx + " group")
        m["level"] = r.number(ctx + " level")
        m["hitroll"] = r.number(ctx + " hitroll")
        m["hit"] = r.dice(ctx + " hit dice")
        m["mana"] = r.dice(ctx + " mana dice")
        m["dam"] = r.dice(ctx + " damage dice")
        noun = r.word()
        lookup_exact(ATTACKS, noun, ctx + " damage noun", r, w)
        m["ac"] = [r.number(ctx + " ac") for _ in range(4)]
        m["off"], _ = r.flag(ctx + " off")
        m["imm"], _ = r.flag(ctx + " imm")
        m["res"], _ = r.flag(ctx + " res")
        m["vuln"], _ = r.flag(ctx + " vuln")
        sp = r.word()
        lookup_exact(list(POSITIONS), sp, ctx + " start position", r, w)
        dp = r.word()
        lookup_exact(list(POSITIONS), dp, ctx + " default position", r, w)
        m["pos"] = (sp, dp)
        sex = r.word()
        lookup_exact(SEXES, sex, ctx + " sex", r, w)
        m["wealth"] = r.number(ctx + " wealth")
        m["form"], _ = r.flag(ctx + " form")
        m["parts"], _ = r.flag(ctx + " parts")
        size = r.word()
        lookup_exact(SIZES, size, ctx + " size", r, w)
        m["material"] = r.word()
        while True:
            c = r.peek_letter()
            if c == "F":
                r.letter()
                setname = r.word()
                if setname not in ("act", "aff", "off", "imm", "res", "vul",
                                   "for", "par"):
                    r.err("%s: bad F trailer set %r" % (ctx, setname))
                r.flag(ctx + " F bits")
            elif c == "M":
                r.err("%s: mobprog trigger lines are not used in our world"
                      % ctx)
            else:
                break
        if area and not area["lo"] <= vnum <= area["hi"]:
            w.warn("%s: mobile #%d outside area range %d..%d"
                   % (where, vnum, area["lo"], area["hi"]))
        w.mobs[vnum] = m


def load_objects(r, w, fname, area):
    while True:
        c = r.letter()
        if c != "#":
            r.err("#OBJECTS: expected '#', found %r" % c)
        vnum = r.number("object vnum")
        if vnum == 0:
            return
        where = r.where()
        if vnum in w.objs:
            w.error("%s: duplicate object #%d" % (where, vnum))
        ctx = "#OBJECTS #%d" % vnum
        o = {"vnum": vnum, "where": where, "area": area, "extras": []}
        o["keywords"] = r.string(); check_text(w, r, r.last, o["keywords"],
                                               ctx + " keywords", False)
        o["short"] = r.string(); check_text(w, r, r.last, o["short"],
                                            ctx + " short", False)
        o["long"] = r.string(); check_text(w, r, r.last, o["long"],
                                           ctx + " long", False)
        o["material"] = r.string(); check_text(w, r, r.last, o["material"],
                                               ctx + " material", False)
        t = r.word()
        if t not in ITEM_TYPES:
            w.error("%s: %s unknown item type %r" % (r.where(), ctx, t))
        o["type"] = t
        o["extra"], o["extra_l"] = r.flag(ctx + " extra flags")
        o["wear"], o["wear_l"] = r.flag(ctx + " wear flags")
        vals = []
        if t == "weapon":
            wc = r.word()
            if wc not in WEAPON_CLASSES:
                w.error("%s: %s unknown weapon class %r (spear is 'staff')"
                        % (r.where(), ctx, wc))
            vals.append(wc)
            vals.append(r.number(ctx + " v1 dice count"))
            vals.append(r.number(ctx + " v2 dice sides"))
            an = r.word()
            lookup_exact(ATTACKS, an, ctx + " attack noun", r, w)
            vals.append(an)
            vals.append(r.flag(ctx + " weapon flags")[0])
        elif t == "container":
            vals.append(r.number(ctx + " capacity"))
            vals.append(r.flag(ctx + " container flags")[0])
            vals.append(r.number(ctx + " key vnum"))
            vals.append(r.number(ctx + " max item weight"))
            vals.append(r.number(ctx + " weight multiplier"))
        elif t in ("drink", "fountain"):
            vals.append(r.number(ctx + " capacity"))
            vals.append(r.number(ctx + " amount"))
            liq = r.word()
            lookup_exact(LIQUIDS, liq, ctx + " liquid", r, w)
            vals.append(liq)
            vals.append(r.number(ctx + " poisoned"))
            vals.append(r.number(ctx + " v4"))
        elif t in ("wand", "staff"):
            vals.append(r.number(ctx + " spell level"))
            vals.append(r.number(ctx + " max charges"))
            vals.append(r.number(ctx + " charges"))
            sp = r.word()
            if sp not in SPELLS:
                w.error("%s: %s unknown spell %r" % (r.where(), ctx, sp))
            vals.append(sp)
            vals.append(r.number(ctx + " v4"))
        elif t in ("potion", "pill", "scroll"):
            vals.append(r.number(ctx + " spell level"))
            for i in range(4):
                sp = r.word()
                if sp != "" and sp not in SPELLS:
                    w.error("%s: %s unknown spell %r" % (r.where(), ctx, sp))
                vals.append(sp)
        else:
            for i in range(5):
                vals.append(r.value(ctx + " v%d" % i))
        o["values"] = vals
        o["level"] = r.number(ctx + " level")
        o["weight"] = r.number(ctx + " weight")
        o["cost"] = r.number(ctx + " cost")
        cond = r.letter()
        if cond not in "PGAWDBR":
            w.error("%s: %s bad condition letter %r" % (r.where(), ctx, cond))
        while True:
            c = r.peek_letter()
            if c == "A":
                r.letter()
                loc = r.number(ctx + " apply location")
                r.number(ctx + " apply modifier")
                if not 0 <= loc <= 25:
                    w.error("%s: %s bad apply location" % (r.where(), ctx))
            elif c == "F":
                r.letter()
                wh = r.letter()
                if wh not in "AIRV":
                    r.err("%s: F trailer where-letter must be A/I/R/V" % ctx)
                r.number(); r.number(); r.flag(ctx + " F bits")
            elif c == "E":
                r.letter()
                kw = r.string()
                tpos = r.p
                text = r.string()
                check_text(w, r, tpos, text, ctx + " extra description",
                           True)
                o["extras"].append(kw)
            else:
                break
        if area and not area["lo"] <= vnum <= area["hi"]:
            w.warn("%s: object #%d outside area range %d..%d"
                   % (where, vnum, area["lo"], area["hi"]))
        w.objs[vnum] = o


def load_rooms(r, w, fname, area):
    if area is None:
        r.err("#ROOMS before any #AREA")
    while True:
        c = r.letter()
        if c != "#":
            r.err("#ROOMS: expected '#', found %r" % c)
        vnum = r.number("room vnum")
        if vnum == 0:
            return
        where = r.where()
        if vnum in w.rooms:
            w.error("%s: duplicate room #%d" % (where, vnum))
        ctx = "#ROOMS #%d" % vnum
        rm = {"vnum": vnum, "where": where, "area": area, "exits": {},
              "extras": []}
        rm["name"] = r.string(); check_text(w, r, r.last, rm["name"],
                                            ctx + " name", False)
        rm["desc"] = r.string(); check_text(w, r, r.last, rm["desc"],
                                            ctx + " description", True)
        r.number(ctx + " area number")
        rm["flags"], fl = r.flag(ctx + " room flags")
        for ch in fl:
            if ch not in ROOM_FLAG_LETTERS:
                w.warn("%s: %s room flag letter %s is unused" % (r.where(),
                                                                 ctx, ch))
        rm["flags_l"] = fl
        rm["sector"] = r.number(ctx + " sector")
        if not 0 <= rm["sector"] <= 10 or rm["sector"] == 8:
            w.error("%s: %s bad sector %d" % (r.where(), ctx, rm["sector"]))
        while True:
            c = r.letter("a room trailer (D E H M C O S)")
            if c == "S":
                break
            if c == "D":
                d = r.number(ctx + " exit direction")
                dpos = r.last
                if not 0 <= d <= 5:
                    r.err("%s: bad exit direction %d" % (ctx, d))
                edesc = r.string()
                if edesc:
                    check_text(w, r, r.last, edesc, ctx + " exit description",
                               True)
                kw = r.string()
                lock = r.number(ctx + " lock code")
                key = r.number(ctx + " key vnum")
                to = r.number(ctx + " destination")
                if d in rm["exits"]:
                    w.error("%s: %s second exit %s" % (r.where(dpos), ctx,
                                                       DIR_NAMES[d]))
                if not 0 <= lock <= 4:
                    w.error("%s: %s bad lock code %d" % (r.where(dpos), ctx,
                                                         lock))
                rm["exits"][d] = {"desc": edesc, "kw": kw, "lock": lock,
                                  "key": key, "to": to,
                                  "where": r.where(dpos)}
            elif c == "E":
                kw = r.string()
                tpos = r.p
                text = r.string()
                check_text(w, r, tpos, text, ctx + " extra description",
                           True)
                rm["extras"].append(kw)
            elif c in "HM":
                r.number()
            elif c in "CO":
                r.string()
            else:
                r.err("%s: unexpected room trailer %r" % (ctx, c))
        if not area["lo"] <= vnum <= area["hi"]:
            w.warn("%s: room #%d outside area range %d..%d"
                   % (where, vnum, area["lo"], area["hi"]))
        w.rooms[vnum] = rm


def load_resets(r, w, fname, area):
    if area is None:
        r.err("#RESETS before any #AREA")
    nargs = {"M": 4, "O": 3, "P": 4, "G": 2, "E": 3, "D": 3, "R": 2}
    while True:
        c = r.letter("a reset command")
        if c == "*":
            r.to_eol()
            continue
        if c == "S":
            return
        start = r.last
        if c not in nargs:
            r.err("#RESETS: unknown reset command %r" % c)
        line = r.line_of(start)
        r.number("reset if-flag")
        args = []
        for i in range(nargs[c]):
            args.append(r.number("reset argument %d" % (i + 1)))
            if r.line_of(r.last) != line:
                w.error("%s: reset %s has too few arguments on its line"
                        % (r.where(start), c))
        r.to_eol()
        area["resets"].append((c, args, r.where(start)))


def load_shops(r, w, fname):
    while True:
        keeper = r.number("shop keeper")
        if keeper == 0:
            return
        pos = r.last
        types = [r.number("buy type") for _ in range(5)]
        pb = r.number("profit buy")
        ps = r.number("profit sell")
        oh = r.number("open hour")
        ch = r.number("close hour")
        r.to_eol()
        if keeper not in w.mobs:
            w.error("%s: shop keeper #%d is not a loaded mobile"
                    % (r.where(pos), keeper))
        for t in types:
            if t and t not in ITEM_TYPES.values():
                w.warn("%s: shop buy type %d is not an item type"
                       % (r.where(pos), t))
        if not (0 <= oh <= 23 and 0 <= ch <= 23):
            w.error("%s: bad shop hours" % r.where(pos))
        w.shops[keeper] = {"types": types, "where": r.where(pos)}


def load_specials(r, w, fname):
    while True:
        c = r.letter("a #SPECIALS line")
        if c == "*":
            r.to_eol()
            continue
        if c == "S":
            return
        if c != "M":
            r.err("#SPECIALS: expected M, * or S, found %r" % c)
        vnum = r.number("special mobile vnum")
        pos = r.last
        spec = r.word()
        r.to_eol()
        if vnum not in w.mobs:
            w.error("%s: special for unknown mobile #%d" % (r.where(pos),
                                                            vnum))
        if spec not in SPEC_FUNS:
            w.error("%s: unknown special %r" % (r.where(pos), spec))
        w.specials[vnum] = spec


def load_socials(r, w, fname):
    while True:
        name = r.word("a social name")
        pos = r.last
        if name == "#0":
            return
        r.to_eol()
        msgs = []
        while len(msgs) < 8:
            mpos = r.p
            m = r.string_eol()
            if m == "#":
                break
            msgs.append(m)
            check_text(w, r, r.last, m, "social %s message" % name, False)
        if name in w.socials:
            w.error("%s: duplicate social %r" % (r.where(pos), name))
        if len(msgs) != 8:
            w.warn("%s: social %r has %d messages, not 8"
                   % (r.where(pos), name, len(msgs)))
        w.socials[name] = {"msgs": msgs, "where": r.where(pos)}
        # act() code sanity
        for i, m in enumerate(msgs):
            for code in re.findall(r"\$(.)", m):
                if m == "$":
                    break
                if code not in "nNeEmMsSpPtT":
                    w.error("%s: social %r message %d has bad act code $%s"
                            % (r.where(pos), name, i + 1, code))
            if i in (0, 1, 6, 7) and re.search(r"\$[NMSE]", m):
                w.error("%s: social %r message %d names a victim but has "
                        "none" % (r.where(pos), name, i + 1))


def load_file(path, fname, w):
    data = open(path, "rb").read()
    r = Reader(data, fname)
    area = None
    while True:
        c = r.letter("'#' and a section name")
        if c != "#":
            r.err("expected '#' to start a section, found %r" % c)
        sec = r.word("a section name")
        if sec.startswith("$"):
            rest = data[r.p:].strip()
            if rest:
                w.warn("%s: text after #$ is ignored" % r.where())
            return
        S = sec.upper()
        if S == "AREA":
            area = load_area_header(r, w, fname)
        elif S == "HELPS":
            load_helps(r, w, fname)
        elif S == "MOBILES":
            load_mobiles(r, w, fname, area)
        elif S == "OBJECTS":
            load_objects(r, w, fname, area)
        elif S == "ROOMS":
            load_rooms(r, w, fname, area)
        elif S == "RESETS":
            load_resets(r, w, fname, area)
        elif S == "SHOPS":
            load_shops(r, w, fname)
        elif S == "SPECIALS":
            load_specials(r, w, fname)
        elif S == "SOCIALS":
            load_socials(r, w, fname)
        else:
            r.err("unknown section '#%s'" % sec)


# --------------------------------------------------------------------------
# Link phase

def link(w):
    # exits
    for v, rm in sorted(w.rooms.items()):
        for d, ex in sorted(rm["exits"].items()):
            to = ex["to"]
            if to <= 0:
                w.warn("%s: exit %s of room %d leads nowhere"
                       % (ex["where"], DIR_NAMES[d], v))
                continue
            if to not in w.rooms:
                w.error("%s: exit %s of room %d leads to missing room %d"
                        % (ex["where"], DIR_NAMES[d], v, to))
                continue
            back = w.rooms[to]["exits"].get(REV_DIR[d])
            if v < 100 and to >= 100:
                pass    # one-way ways out of the utility rooms are intended
            elif back is None:
                w.warn("%s: exit %s of room %d -> %d has no reverse exit"
                       % (ex["where"], DIR_NAMES[d], v, to))
            elif back["to"] != v:
                w.warn("%s: exit %s of room %d -> %d, but %s of %d leads to "
                       "%d" % (ex["where"], DIR_NAMES[d], v, to,
                               DIR_NAMES[REV_DIR[d]], to, back["to"]))
            if ex["lock"] >= 1:
                if not ex["kw"].strip():
                    w.error("%s: door %s of room %d has no keywords"
                            % (ex["where"], DIR_NAMES[d], v))
                if back is not None and back["to"] == v:
                    if back["lock"] < 1:
                        w.error("%s: door %s of room %d is no door on the "
                                "other side" % (ex["where"], DIR_NAMES[d], v))
                    if back["key"] != ex["key"]:
                        w.error("%s: door %s of room %d has key %d, other "
                                "side %d" % (ex["where"], DIR_NAMES[d], v,
                                             ex["key"], back["key"]))
            if ex["key"] > 0:
                k = w.objs.get(ex["key"])
                if k is None:
                    w.error("%s: exit key object %d does not exist"
                            % (ex["where"], ex["key"]))
                elif k["type"] != "key":
                    w.error("%s: exit key object %d is a %s, not a key"
                            % (ex["where"], ex["key"], k["type"]))
                if ex["lock"] < 1:
                    w.warn("%s: exit with a key but no door" % ex["where"])
    # resets
    loaded_mobs = set()
    loaded_objs = set()
    for area in w.areas:
        last_mob = None
        instances = set()
        for c, a, where in area["resets"]:
            if c == "M":
                mob, limit, room, rlimit = a
                if mob not in w.mobs:
                    w.error("%s: M reset: no mobile %d" % (where, mob))
                if room not in w.rooms:
                    w.error("%s: M reset: no room %d" % (where, room))
                if limit < 1 or rlimit < 1:
                    w.warn("%s: M reset with a limit below 1" % where)
                last_mob = mob
                loaded_mobs.add(mob)
            elif c == "O":
                obj, _, room = a
                if obj not in w.objs:
                    w.error("%s: O reset: no object %d" % (where, obj))
                if room not in w.rooms:
                    w.error("%s: O reset: no room %d" % (where, room))
                instances.add(obj)
                loaded_objs.add(obj)
            elif c == "P":
                obj, limit, cont, count = a
                if obj not in w.objs:
                    w.error("%s: P reset: no object %d" % (where, obj))
                if cont not in w.objs:
                    w.error("%s: P reset: no container %d" % (where, cont))
                elif w.objs[cont]["type"] not in ("container", "npc_corpse",
                                                  "pc_corpse"):
                    w.error("%s: P reset: object %d is not a container"
                            % (where, cont))
                if cont not in instances:
                    w.error("%s: P reset into %d with no earlier O/G/E "
                            "of it in this area" % (where, cont))
                if limit == 0:
                    w.error("%s: P reset with limit 0 never loads" % where)
                if count < 1:
                    w.error("%s: P reset count below 1" % where)
                instances.add(obj)
                loaded_objs.add(obj)
            elif c in "GE":
                obj = a[0]
                if obj not in w.objs:
                    w.error("%s: %s reset: no object %d" % (where, c, obj))
                if last_mob is None:
                    w.error("%s: %s reset with no M before it" % (where, c))
                if c == "E":
                    loc = a[2]
                    if not 0 <= loc <= 18:
                        w.error("%s: E reset: bad wear location %d"
                                % (where, loc))
                    elif obj in w.objs:
                        o = w.objs[obj]
                        if loc == 0:
                            if o["type"] != "light":
                                w.error("%s: E reset: light slot needs a "
                                        "light" % where)
                        elif WEAR_LOC_FLAG[loc] not in o["wear_l"]:
                            w.error("%s: E reset: object %d cannot be worn "
                                    "at location %d" % (where, obj, loc))
                instances.add(obj)
                loaded_objs.add(obj)
            elif c == "D":
                room, d, state = a
                if room not in w.rooms:
                    w.error("%s: D reset: no room %d" % (where, room))
                    continue
                ex = w.rooms[room]["exits"].get(d)
                if not 0 <= d <= 5 or ex is None:
                    w.error("%s: D reset: room %d has no exit %d"
                            % (where, room, d))
                    continue
                if ex["lock"] < 1:
                    w.error("%s: D reset on room %d exit %s, which is no door"
                            % (where, room, DIR_NAMES[d]))
                if not 0 <= state <= 2:
                    w.error("%s: D reset: bad state %d" % (where, state))
                if state == 2 and ex["key"] <= 0:
                    w.warn("%s: door locked but has no key" % where)
            elif c == "R":
                room, n = a
                if room not in w.rooms:
                    w.error("%s: R reset: no room %d" % (where, room))
    # shops: keeper must appear in the world
    for k, s in w.shops.items():
        if k not in loaded_mobs:
            w.warn("%s: shopkeeper %d is never loaded by a reset"
                   % (s["where"], k))
    for v, m in w.mobs.items():
        if v not in loaded_mobs:
            w.warn("%s: mobile %d is never loaded by a reset"
                   % (m["where"], v))
    # object sanity
    for v, o in w.objs.items():
        if o["type"] == "weapon":
            for ch in "AN":
                if ch not in o["wear_l"]:
                    w.error("%s: weapon %d lacks wear flag %s" % (o["where"],
                                                                   v, ch))
    # doors: a locked door needs a key that some reset puts in the world,
    # and both sides of a door should start in the same state
    dstate = {}
    for area in w.areas:
        for c, a, where in area["resets"]:
            if c == "D" and a[0] in w.rooms:
                dstate[(a[0], a[1])] = (a[2], where)
    for (room, d), (state, where) in sorted(dstate.items()):
        ex = w.rooms[room]["exits"].get(d)
        if ex is None:
            continue
        if state == 2 and ex["key"] > 0 and ex["key"] not in loaded_objs:
            w.error("%s: locked door's key %d is never placed by a reset"
                    % (where, ex["key"]))
        to = ex["to"]
        if to in w.rooms and REV_DIR[d] in w.rooms[to]["exits"]:
            other = dstate.get((to, REV_DIR[d]))
            if other is None:
                w.warn("%s: door %d %s has a D reset but its other side "
                       "(%d %s) has none" % (where, room, DIR_NAMES[d], to,
                                             DIR_NAMES[REV_DIR[d]]))
            elif other[0] != state:
                w.warn("%s: door %d %s starts in state %d, its other side "
                       "in state %d" % (where, room, DIR_NAMES[d], state,
                                        other[0]))
    # mobiles: aggressive ones must stay out of lawful and newbie places;
    # wanderers should be kept in their area
    for area in w.areas:
        last = None
        gave = defaultdict(int)
        for c, a, where in area["resets"]:
            if c == "M":
                last = a[0]
                m = w.mobs.get(a[0])
                room = a[2]
                if m is None:
                    continue
                if "F" in m["act_l"] and (3000 <= room <= 3399
                                          or 3700 <= room <= 3799):
                    w.error("%s: aggressive mobile %d reset into room %d "
                            "(town or school)" % (where, a[0], room))
                if "B" not in m["act_l"] and "G" not in m["act_l"]:
                    w.warn("%s: mobile %d wanders and may leave its area "
                           "(no sentinel B, no stay_area G)" % (where, a[0]))
            elif c == "G" and last is not None:
                gave[last] += 1
        for k in w.shops:
            if w.mobs.get(k, {}).get("area") is area and gave[k] == 0:
                w.warn("%s: shopkeeper %d has no stock (no G resets)"
                       % (w.shops[k]["where"], k))
    return loaded_mobs, loaded_objs


def require(w):
    for v in (1, 2, 3, 4, 5):
        o = w.objs.get(v)
        if not o or o["type"] != "money":
            w.error("required money object %d missing or not money" % v)
    for v, t in ((10, "npc_corpse"), (11, "pc_corpse")):
        o = w.objs.get(v)
        if not o or o["type"] != t:
            w.error("required object %d missing or not %s" % (v, t))
    for v in range(12, 18):
        if v not in w.objs:
            w.error("required body-part object %d missing" % v)
    if 16 in w.objs and w.objs[16]["type"] != "food":
        w.error("object 16 (guts) should be food")
    school = {3700: ("weapon", "mace"), 3701: ("weapon", "dagger"),
              3702: ("weapon", "sword"), 3703: ("armor", None),
              3704: ("armor", None), 3716: ("light", None),
              3718: ("weapon", "staff"), 3719: ("weapon", "axe"),
              3720: ("weapon", "flail"), 3721: ("weapon", "whip"),
              3722: ("weapon", "polearm")}
    for v, (t, wc) in school.items():
        o = w.objs.get(v)
        if not o:
            w.error("required starting-equipment object %d missing" % v)
            continue
        if o["type"] != t:
            w.error("object %d should be %s, is %s" % (v, t, o["type"]))
        if wc and o["values"][0] != wc:
            w.error("object %d should be weapon class %s" % (v, wc))
    if 3703 in w.objs and "D" not in w.objs[3703]["wear_l"]:
        w.error("object 3703 (vest) must be wearable on the body (D)")
    if 3704 in w.objs and "J" not in w.objs[3704]["wear_l"]:
        w.error("object 3704 (shield) must have wear flag J")
    for v in (1, 2, 3001, 3054, 3700):
        if v not in w.rooms:
            w.error("required room %d missing" % v)
    if 3001 in w.rooms and 3054 in w.rooms:
        if not any(e["to"] == 3054 for e in w.rooms[3001]["exits"].values()):
            w.error("altar 3054 is not adjacent to the temple 3001")
    # reachability from the temple
    seen = set()
    q = deque([3001])
    while q:
        v = q.popleft()
        if v in seen or v not in w.rooms:
            continue
        seen.add(v)
        for e in w.rooms[v]["exits"].values():
            q.append(e["to"])
    for v in sorted(w.rooms):
        if v not in seen and v >= 100:
            w.warn("room %d (%s) cannot be reached from the temple"
                   % (v, w.rooms[v]["where"]))


def check_helps(w):
    seen = {}
    kws = {}
    for h in w.helps:
        words = re.findall(r"'[^']*'|\S+", h["keywords"])
        for k in words:
            k = k.strip("'").upper()
            if (k, h["level"] >= 52) in seen:
                w.warn("%s: help keyword %r also at %s" % (
                    h["where"], k, seen[(k, h["level"] >= 52)]))
            seen[(k, h["level"] >= 52)] = h["where"]
            kws[k] = h["where"]
        if h["keywords"] != h["keywords"].upper():
            w.warn("%s: help keywords should be upper case" % h["where"])
    for h in w.helps:
        if h["keywords"].strip().upper() == "GREETING":
            if h["level"] != 0:
                w.error("%s: GREETING must have level 0" % h["where"])
            if "by what name" in h["text"].lower():
                w.error("%s: GREETING must not ask for the name itself"
                        % h["where"])
            break
    else:
        if w.helps:
            w.error("no help entry with keyword exactly GREETING")
    return kws


def scan_forbidden(areadir, w):
    for fn in sorted(os.listdir(areadir)):
        path = os.path.join(areadir, fn)
        if not os.path.isfile(path):
            continue
        text = open(path, "rb").read().decode("latin-1").lower()
        for bad in FORBIDDEN:
            for m in re.finditer(r"\b%s\b" % re.escape(bad), text):
                line = text.count("\n", 0, m.start()) + 1
                w.error("%s:%d: stock ROM name %r must not appear"
                        % (fn, line, bad))


# Minimum sizes of the bundled world (checked only for files that exist).
MIN_ROOMS = {"town.are": 35, "school.are": 12, "wilds.are": 30}
MIN_TOTALS = {"rooms": 80, "mobiles": 20, "objects": 40, "socials": 45}
IMMORTAL_HELPS = {"GOTO", "TRANSFER", "AT", "STAT", "LOAD", "PURGE", "RESTORE",
                  "ADVANCE", "WIZLOCK", "SHUTDOWN", "COPYOVER", "IMOTD"}


def check_sizes(w, names):
    per = defaultdict(int)
    for rm in w.rooms.values():
        per[rm["area"]["file"]] += 1
    for fn, n in MIN_ROOMS.items():
        if fn in names and per[fn] < n:
            w.error("%s has %d rooms, fewer than %d" % (fn, per[fn], n))
    if "town.are" in names:
        got = {"rooms": len(w.rooms), "mobiles": len(w.mobs),
               "objects": len(w.objs), "socials": len(w.socials)}
        for k, n in MIN_TOTALS.items():
            if got[k] < n:
                w.error("the world has %d %s, fewer than %d" % (got[k], k, n))
    high = set()
    for h in w.helps:
        words = set(k.strip("'").upper()
                    for k in re.findall(r"'[^']*'|\S+", h["keywords"]))
        if h["level"] >= 52:
            high |= words
        elif words & IMMORTAL_HELPS - {"COPYOVER"}:
            w.error("%s: immortal help %s must have level 52 or more"
                    % (h["where"], h["keywords"]))
    for k in sorted(IMMORTAL_HELPS - high):
        w.error("no help entry of level 52+ for immortal command %s" % k)


REQUIRED_HELPS = ("MOVEMENT NORTH EAST SOUTH WEST UP DOWN LOOK EXITS EXAMINE "
                  "SCAN SAY TELL REPLY GOSSIP SHOUT EMOTE SOCIALS WHO WHERE "
                  "SCORE INVENTORY EQUIPMENT GET DROP PUT GIVE WEAR WIELD "
                  "HOLD REMOVE OPEN CLOSE LOCK UNLOCK SIT REST SLEEP STAND "
                  "WAKE HELP COMMANDS PROMPT TITLE DESCRIPTION PASSWORD SAVE "
                  "QUIT RECALL AFFECTS GROUP FOLLOW COLOUR COMPRESS GOTO "
                  "TRANSFER AT STAT LOAD PURGE RESTORE ADVANCE WIZLOCK "
                  "SHUTDOWN COPYOVER GREETING MOTD IMOTD ALIGNMENT RACES "
                  "CLASSES SEX NEWBIE").split()


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv[1:] if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    areadir = args[0] if args else os.path.join(here, "..", "..", "areas")
    areadir = os.path.normpath(areadir)
    w = World()
    fatal_parse = False
    lst = os.path.join(areadir, "area.lst")
    names = open(lst).read().split()
    if not names or names[-1] != "$":
        w.error("area.lst: missing terminating '$'")
    for fn in names:
        if fn.startswith("$"):
            break
        path = os.path.join(areadir, fn)
        if not os.path.exists(path):
            w.error("area.lst names missing file %s" % fn)
            continue
        try:
            load_file(path, fn, w)
        except AreaError as e:
            w.error(str(e))
            fatal_parse = True
    link(w)
    require(w)
    kws = check_helps(w)
    for k in REQUIRED_HELPS:
        if k not in kws:
            w.error("no help entry for %s" % k)
    scan_forbidden(areadir, w)
    check_sizes(w, names)
    nresets = sum(len(a["resets"]) for a in w.areas)
    if not quiet:
        for m in w.warnings:
            print("warning: " + m)
    for m in w.errors:
        print("error: " + m)
    print("areas %d  rooms %d  mobiles %d  objects %d  resets %d  shops %d  "
          "specials %d  helps %d  socials %d"
          % (len([a for a in w.areas]), len(w.rooms), len(w.mobs),
             len(w.objs), nresets, len(w.shops), len(w.specials),
             len(w.helps), len(w.socials)))
    print("%d error(s), %d warning(s)%s" % (
        len(w.errors), len(w.warnings),
        " (parse stopped early)" if fatal_parse else ""))
    return 1 if w.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
